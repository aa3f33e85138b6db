#pragma once
/// Errors as values: every fallible core function returns a Result instead of throwing.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kollega {

/// One problem found in an input: a stable code, a readable message and a JSON Pointer to where.
struct Error {
    std::string code;     ///< stable machine-readable code, e.g. "missing_field"
    std::string message;  ///< one readable sentence: what was expected and what was found
    std::string path;     ///< RFC 6901 JSON Pointer into the input ("" = the whole document)

    /// A value of the wrong JSON type.
    static Error type_error(std::string path, std::string_view expected, std::string_view found);
    /// A required member that is absent.
    static Error missing_field(std::string path, std::string_view field);
    /// A member the format does not define (never silently dropped).
    static Error unknown_field(std::string path, std::string_view field);
    /// A value outside what the format allows.
    static Error invalid_value(std::string path, std::string message);
    /// Two items that must be unique share an id.
    static Error duplicate_id(std::string path, std::string_view id);
    /// A reference to an id that does not exist.
    static Error unknown_reference(std::string path, std::string_view kind, std::string_view id);

    friend bool operator==(const Error&, const Error&) = default;
};

/// Every problem found at once; the first is the primary one.
using Errors = std::vector<Error>;

/// Either a value or a non-empty list of errors.
template <class T>
class Result {
public:
    /// A successful result.
    Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    /// A failed result with one error.
    Result(Error error) : data_(Errors{std::move(error)}) {}  // NOLINT(google-explicit-constructor)
    /// A failed result with several errors (must not be empty).
    Result(Errors errors) : data_(std::move(errors)) {}  // NOLINT(google-explicit-constructor)

    /// True when a value is held.
    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(data_); }
    /// The value; only valid when ok().
    [[nodiscard]] const T& value() const& { return std::get<T>(data_); }
    /// The value, moved out; only valid when ok().
    [[nodiscard]] T&& value() && { return std::get<T>(std::move(data_)); }
    /// The errors; only valid when !ok().
    [[nodiscard]] const Errors& errors() const { return std::get<Errors>(data_); }

private:
    std::variant<T, Errors> data_;
};

}  // namespace kollega

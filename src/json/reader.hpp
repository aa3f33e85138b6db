#pragma once
// Internal to src/json: the JSON text helpers and the checked object reader shared by the
// program, event and view codecs. Nothing outside src/json includes this (nlohmann/json stays
// here).

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/program.hpp"
#include "core/result.hpp"

namespace kollega::json::detail {

using nlohmann::json;

/// Deepest nesting accepted in any input; deeper documents are rejected before they are built.
inline constexpr int kMaxDepth = 64;
/// Largest program accepted (a real one is a few hundred KB at most).
inline constexpr std::size_t kMaxProgramBytes = 16u << 20;
/// "No upper bound" for ObjectReader::integer.
inline constexpr long long kNoMax = 1LL << 40;

/// "a string", "an object", … for messages.
std::string type_name(const json& j);
/// Escapes one reference token for a JSON Pointer (RFC 6901: ~ → ~0, / → ~1).
std::string escape_token(std::string_view token);
/// The pointer of a member.
std::string child(const std::string& path, std::string_view key);
/// The pointer of an array item.
std::string child(const std::string& path, std::size_t index);
/// True when arrays/objects nest deeper than `limit` (a linear scan that skips strings).
bool nests_deeper_than(std::string_view text, int limit);
/// Parses JSON text, refusing invalid syntax and nesting deeper than kMaxDepth.
Result<json> parse_text(std::string_view text, const std::string& where = "");
/// True for a BCP 47-shaped tag ("en", "sv", "pt-BR").
bool is_language_tag(std::string_view s);
/// An integer value, also when written as a number with no fraction (5.0), as JSON Schema does.
std::optional<long long> as_integer(const json& j);
/// Serialises compactly; text that is not valid UTF-8 is replaced (U+FFFD), never a throw.
std::string dump(const json& j);

/// Walks one object, checking members and collecting every problem.
class ObjectReader {
public:
    /// Starts reading `j` at `path`; reports a type_error there unless it is an object.
    ObjectReader(const json& j, std::string path, Errors& errors);
    /// Reports the unknown members if finish() was not called.
    ~ObjectReader() { finish(); }
    ObjectReader(const ObjectReader&) = delete;
    ObjectReader& operator=(const ObjectReader&) = delete;

    [[nodiscard]] bool ok() const { return ok_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::string at(std::string_view key) const { return child(path_, key); }
    [[nodiscard]] bool has(std::string_view key) const { return ok_ && j_.contains(key); }
    void error(Error e) { errors_.push_back(std::move(e)); }

    /// The member, or nullptr (reporting missing_field when required).
    const json* member(std::string_view key, bool required);

    /// A string member.
    bool string(std::string_view key, std::string& out, bool required);

    /// A non-empty id (or a reference to one).
    bool id(std::string_view key, std::string& out, bool required);

    /// An integer in [lo, hi]; `out` keeps its value when absent or unusable.
    bool integer(std::string_view key, int& out, bool required, long long lo, long long hi);

    /// A number in (lo, hi] when `lo_open`, else [lo, hi].
    bool number(std::string_view key, double& out, bool required, double lo, double hi, bool lo_open);

    /// A boolean member.
    bool boolean(std::string_view key, bool& out);

    /// One of a fixed set of names, parsed by `parse`; `allowed` lists them for the message.
    template <class E, class Parse>
    bool one_of(std::string_view key, E& out, bool required, Parse parse, std::string_view allowed) {
        std::string name;
        if (!string(key, name, required)) return false;
        if (auto v = parse(name)) {
            out = *v;
            return true;
        }
        errors_.push_back(Error::invalid_value(at(key), "expected one of " + std::string(allowed) + ", found \"" + name + "\""));
        return false;
    }

    /// An array with at least `min_items` items, or nullptr.
    const json* array(std::string_view key, bool required, std::size_t min_items, std::string_view what);

    /// A localized text.
    bool text(std::string_view key, LocalizedText& out, bool required);

    /// An array of localized texts.
    void texts(std::string_view key, std::vector<LocalizedText>& out, bool required, std::size_t min_items);

    /// An array of ids/references; unusable entries are kept as "" so indices stay true.
    void ids(std::string_view key, std::vector<std::string>& out, std::string_view what);

    /// Reports every member that was never asked for (once).
    void finish();

    /// Reads a localized text: an object of language tag → non-empty string.
    static bool read_text(const json& j, const std::string& path, LocalizedText& out, Errors& errors);

private:
    static std::string range(long long lo, long long hi);
    static std::string short_number(double v);

    const json& j_;
    std::string path_;
    Errors& errors_;
    bool ok_;
    bool finished_ = false;
    std::vector<std::string> known_;
};

}  // namespace kollega::json::detail

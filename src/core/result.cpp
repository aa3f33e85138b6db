#include "core/result.hpp"

namespace kollega {

Error Error::type_error(std::string path, std::string_view expected, std::string_view found) {
    return {"type_error", "expected " + std::string(expected) + ", found " + std::string(found),
            std::move(path)};
}

Error Error::missing_field(std::string path, std::string_view field) {
    return {"missing_field", "required field \"" + std::string(field) + "\" is missing",
            std::move(path)};
}

Error Error::unknown_field(std::string path, std::string_view field) {
    return {"unknown_field",
            "field \"" + std::string(field) + "\" is not part of the format (check its spelling)",
            std::move(path)};
}

Error Error::invalid_value(std::string path, std::string message) {
    return {"invalid_value", std::move(message), std::move(path)};
}

Error Error::duplicate_id(std::string path, std::string_view id) {
    return {"duplicate_id", "id \"" + std::string(id) + "\" is used more than once",
            std::move(path)};
}

Error Error::unknown_reference(std::string path, std::string_view kind, std::string_view id) {
    return {"unknown_reference",
            "refers to " + std::string(kind) + " \"" + std::string(id) + "\", which does not exist",
            std::move(path)};
}

}  // namespace kollega

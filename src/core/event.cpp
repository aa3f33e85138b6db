#include "core/event.hpp"

namespace kollega {

std::string_view to_string(Visibility v) {
    switch (v) {
        case Visibility::Private: return "private";
        case Visibility::Group: return "group";
        case Visibility::Coach: return "coach";
        case Visibility::Gradebook: return "gradebook";
    }
    return "coach";
}

std::optional<Visibility> parse_visibility(std::string_view name) {
    if (name == "private") return Visibility::Private;
    if (name == "group") return Visibility::Group;
    if (name == "coach") return Visibility::Coach;
    if (name == "gradebook") return Visibility::Gradebook;
    return std::nullopt;
}

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

}  // namespace kollega

#pragma once
/// The words of group formation (explanations and quality reports) in en, sv, nb and nl: the core
/// hands out message keys with parameters and, for a language, the text (docs/groups.md).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kollega::groups {

/// One sentence part: a stable key, its parameters and the number that picks the plural form.
struct Message {
    std::string key;                                          ///< e.g. "group.departments"
    std::vector<std::pair<std::string, std::string>> params;  ///< name -> value, in order
    long long count = 1;                                      ///< picks "one" (1) or "other"

    friend bool operator==(const Message&, const Message&) = default;
};

/// The text of a message in `lang` (en, sv, nb, nl; anything else English; nn/no -> nb).
std::string render(const Message& message, std::string_view lang);

/// Messages rendered and joined with "; ".
std::string render_all(const std::vector<Message>& messages, std::string_view lang);

/// Every key of the catalog (tests check each has all four languages).
std::vector<std::string_view> message_keys();

}  // namespace kollega::groups

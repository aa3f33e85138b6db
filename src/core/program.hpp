#pragma once
/// The program an admin authors: metadata and a learning path of steps with prerequisites.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace kollega {

/// The languages every Kollega text and every built-in program is written in.
inline constexpr std::string_view kLanguages[] = {"en", "sv", "nb", "nl"};

/// The program format version this core reads.
inline constexpr int kSchemaVersion = 1;

/// A text in several languages, in the order the author wrote them.
struct LocalizedText {
    std::vector<std::pair<std::string, std::string>> by_language;  ///< (language tag, text)

    /// The text in `lang`, else in `fallback`, else the first one; "" when there is none.
    [[nodiscard]] const std::string& resolve(std::string_view lang,
                                             std::string_view fallback) const;
    /// The language resolve() would use for these arguments ("" when the text is empty).
    [[nodiscard]] std::string_view resolved_language(std::string_view lang,
                                                     std::string_view fallback) const;
    /// True when no language has a text.
    [[nodiscard]] bool empty() const { return by_language.empty(); }
};

/// One step of the learning path.
struct Step {
    std::string id;                          ///< unique within the program
    LocalizedText title;                     ///< shown in the path
    LocalizedText description;               ///< optional longer text
    std::vector<std::string> prerequisites;  ///< ids of steps that must be done first
};

/// An admin-authored program.
struct Program {
    int schema_version = kSchemaVersion;  ///< format version
    std::string id;                       ///< stable id, used to key stored events
    std::string default_language = "en";  ///< fallback for every text
    LocalizedText title;                  ///< program name
    LocalizedText description;            ///< optional summary
    std::vector<Step> steps;              ///< the learning path, in display order

    /// Index of the step with this id, or -1.
    [[nodiscard]] int step_index(std::string_view step_id) const;
};

/// Checks what a well-typed program must also satisfy: unique step ids, prerequisites that
/// exist, no prerequisite cycles. Returns every problem found (empty when the program is sound).
Errors check_program(const Program& program);

}  // namespace kollega

#pragma once
/// The roster: the learners of a cohort (docs/roster-format.md).

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

namespace kollega {

/// One learner as the LMS or a CSV file knows them.
struct Learner {
    std::string id;                           ///< unique, stable (LMS user id or ID number)
    std::string name;                         ///< display name
    std::string email;                        ///< may be empty
    std::string department;                   ///< may be empty
    std::string manager_id;                   ///< may name someone outside the roster; empty: none
    std::string role;                         ///< role or seniority, e.g. "first-time leader"
    std::vector<std::string> skills_offered;  ///< what they can teach
    std::vector<std::string> skills_wanted;   ///< what they want to learn
    std::string timezone;                     ///< IANA name, e.g. "Europe/Stockholm"; may be empty
    std::string language;                     ///< en, sv, nb, nl, …; may be empty

    friend bool operator==(const Learner&, const Learner&) = default;
};

/// The learners of a cohort, in input order, with unique ids.
class Roster {
public:
    Roster() = default;
    /// Takes learners whose ids are unique (the readers check that).
    explicit Roster(std::vector<Learner> learners);

    /// In input order.
    [[nodiscard]] const std::vector<Learner>& learners() const { return learners_; }
    /// The learner with this id, or nullptr.
    [[nodiscard]] const Learner* find(std::string_view id) const;
    /// True when a learner has this id.
    [[nodiscard]] bool contains(std::string_view id) const { return find(id) != nullptr; }
    /// Number of learners.
    [[nodiscard]] std::size_t size() const { return learners_.size(); }

private:
    /// Hashes std::string and std::string_view alike, so lookups by view allocate nothing.
    struct IdHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::vector<Learner> learners_;
    std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>> index_;
};

}  // namespace kollega

#pragma once
/// The CLI's own words for `kollega show` and `kollega path`, in en, sv, nb and nl (program
/// texts come from the program itself).

#include <string>
#include <string_view>

#include "core/program.hpp"

namespace kollega::cli {

/// Every label the CLI prints around program texts.
struct Labels {
    std::string_view groups_of, pairing_group, pairing_mentor, pairing_skills, meeting, regrouping_after, sessions;
    std::string_view weekly, every_2_weeks, every_4_weeks, monthly;
    std::string_view ground_rules, confidentiality, path, after, not_before, after_sessions;
    std::string_view minutes, each_with, questions, examples, check_in, prompts, focus, what_worked, to_improve;
    std::string_view balance_at_least, balance_worked, balance_at_most, balance_improve;
    std::string_view scenario, stage, role, checklist, grading_pass_at, grading_all_steps, grading_weighted;
    std::string_view kind_goal, kind_reflection, kind_observation, kind_role_play, kind_session;
    std::string_view steps_done, next, done_on, ignored_event;
    std::string_view swap_none, swap_once, swap_each_role;
};

/// The labels in `lang` (en, sv, nb, nl; anything else gives English).
const Labels& labels(std::string_view lang);

/// A cadence in words ("every 2 weeks", "varannan vecka").
std::string_view cadence_words(const Labels& l, Cadence c);

/// A pairing in words.
std::string_view pairing_words(const Labels& l, Pairing p);

/// A role-play swap rule in words.
std::string_view swap_words(const Labels& l, Swap s);

/// An activity kind in words.
std::string_view kind_words(const Labels& l, ActivityKind k);

}  // namespace kollega::cli

#pragma once
/// The observation feedback form and the role-play player (docs/sessions.md): checking a
/// peer's feedback against the form, and stepping through a role-play's stages and swaps.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event.hpp"
#include "core/program.hpp"
#include "core/result.hpp"

namespace kollega::activities {

/// A learner's answers to an observation form.
struct Answers {
    std::vector<std::pair<std::string, int>> ratings;  ///< rubric item id → rating
    std::vector<std::string> worked;                   ///< what worked
    std::vector<std::string> improve;                  ///< things to improve
    bool has_sbi = false;                              ///< SBI notes were given
    std::string situation;                             ///< SBI: the situation
    std::string behaviour;                             ///< SBI: the behaviour
    std::string impact;                                ///< SBI: its impact
};

/// The observation activity `id`, or unknown_activity at /activityId.
Result<const Activity*> observation(const Program& program, std::string_view id);

/// Checks the answers against the form (every rubric item rated within its scale, the balance
/// rule, non-empty texts, complete SBI notes) and builds the feedback.given event (visibility
/// group, `to` = the observed peer). Every problem at once, pointers under /answers.
Result<Event> feedback_event(const Program& program, std::string_view activity_id, const Answers& answers,
                             std::string_view actor, std::string_view to, std::string_view event_id, Timestamp at);

/// Where a role-play is: who plays, which run (a run ends with a swap), which stage.
struct RolePlayState {
    std::vector<std::string> members;  ///< learner ids, 2–8, unique
    int run = 0;                       ///< 0-based run
    int stage = 0;                     ///< 0-based stage in the run
    bool done = false;                 ///< every run played
};

/// The role-play activity `id`, or unknown_activity at /activityId.
Result<const Activity*> role_play(const Program& program, std::string_view id);
/// How many runs: 1 (swap none), 2 (once), one per member (each-role).
int runs(const Activity& role_play, int members);
/// The role index member `i` plays in `run`, or nullopt when they observe.
std::optional<int> role_of(const Activity& role_play, int members, int run, int i);
/// Checks a state against the role-play (members, run and stage in range).
Errors check_state(const Activity& role_play, const RolePlayState& state);
/// The state after "next" (next stage; after the last stage the swap to the next run; after the
/// last run done) or "back"; action_not_allowed when there is no such step.
Result<RolePlayState> step(const Activity& role_play, RolePlayState state, bool forward);
/// One role-play.completed (visibility gradebook) per member and role played in finished runs,
/// in run then member order; not_enough_ids when `ids` are too few.
Result<std::vector<Event>> role_play_events(const Activity& role_play, const RolePlayState& state,
                                            const std::vector<std::string>& ids, Timestamp at);

}  // namespace kollega::activities

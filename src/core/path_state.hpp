#pragma once
/// The learner's path state: a pure fold of a program and an event log.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "core/program.hpp"
#include "core/result.hpp"

namespace kollega {

/// Where a learner stands on one step.
enum class StepStatus { Done, Available, Locked };

/// The wire name of a status ("done", "available", "locked").
std::string_view to_string(StepStatus s);

/// The state of one step for one learner.
struct StepState {
    std::string id;                          ///< the step id
    StepStatus status = StepStatus::Locked;  ///< done, available or locked
    std::optional<Timestamp> completed_at;   ///< when it was done
    std::vector<std::string> blocked_by;     ///< prerequisites not yet done (when locked)
    std::optional<Timestamp> not_before;     ///< the unlock time, while it is still ahead
    std::optional<int> sessions_required;    ///< unlock.afterSessions, when the step has it
};

/// An event the fold did not apply, and why.
struct Rejection {
    std::string event_id;  ///< the event's id
    std::string reason;    ///< unknown_step, unknown_activity, step_locked, already_done, unknown_type, id_conflict
};

/// A learner's whole path.
struct PathState {
    std::vector<StepState> steps;     ///< in program order
    std::optional<std::string> next;  ///< the first available step, if any
    int done = 0;                     ///< steps done
    int total = 0;                    ///< steps in the path
    int sessions_attended = 0;        ///< session.attended events applied
    int applied = 0;                  ///< events of this learner that counted
    std::vector<Rejection> rejected;  ///< events of this learner that were not applied

    /// Whole-number percentage of steps done (0 when the path is empty).
    [[nodiscard]] int percent() const { return total == 0 ? 0 : done * 100 / total; }
    /// Per step (program order): done or not.
    [[nodiscard]] std::vector<bool> done_flags() const;
};

/// Folds the log into one learner's path state at time `now`. The log is a set: events are
/// deduplicated by id and ordered by (time, id), so duplicates and arrival order never change
/// the result. A completion counts only if the step was open at the completion's own time.
PathState fold_path(const Program& program, std::span<const Event> events,
                    std::string_view actor, Timestamp now);

/// Builds the event for `actor` completing `step_id`, if the fold allows it now.
/// Errors: unknown_step, step_locked, already_done, invalid_value (bad id).
Result<Event> complete_step(const Program& program, std::span<const Event> events,
                            std::string_view actor, std::string_view step_id,
                            std::string_view event_id, Timestamp at);

}  // namespace kollega

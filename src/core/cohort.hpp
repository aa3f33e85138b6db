#pragma once
/// A cohort's progress and grades: a pure fold of program + roster + events (docs/events.md).

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/path_state.hpp"
#include "core/program.hpp"
#include "core/roster.hpp"

namespace kollega {

/// A group of learners, e.g. one the group solver formed.
struct Group {
    std::string id;                    ///< unique among the groups
    std::vector<std::string> members;  ///< learner ids
};

/// A learner's grade under the program's grading policy.
struct Grade {
    double score_given = 0;        ///< 0–score_maximum, two decimals
    double score_maximum = 100;    ///< always 100
    double share = 0;              ///< done weight / total weight, exact (what passing compares)
    bool passed = false;           ///< share ≥ passThreshold
    bool completed = false;        ///< every step of the path done
    std::string activity_progress;  ///< LTI AGS: Initialized, Started, InProgress, Completed
    std::string grading_progress;   ///< LTI AGS: FullyGraded or Pending
};

/// Done and total steps of one activity kind.
struct KindProgress {
    int done = 0;   ///< steps of this kind done
    int total = 0;  ///< steps of this kind in the path
};

/// One learner's progress (every roster learner has one, zeros when they did nothing).
struct LearnerProgress {
    std::string learner;                        ///< learner id
    int steps_done = 0;                         ///< path steps done
    int steps_total = 0;                        ///< path steps
    std::vector<std::string> done_steps;        ///< ids, in path order
    std::vector<bool> step_done;                ///< per path step: done or not
    std::array<KindProgress, 5> by_kind{};      ///< indexed by ActivityKind
    bool ground_rules_agreed = false;           ///< accepted the ground rules
    int goals_set = 0;                          ///< goal.set applied
    int check_ins = 0;                          ///< goal.checked-in applied
    std::optional<int> latest_goal_progress;    ///< the last check-in's progress
    int reflections = 0;                        ///< reflection.written applied
    int feedback_given = 0;                     ///< feedback.given by this learner
    int feedback_received = 0;                  ///< feedback.given to this learner
    int role_plays = 0;                         ///< role-play.completed applied
    int sessions_attended = 0;                  ///< session.attended applied
    long long speaking_seconds = 0;             ///< this learner's speaking time over all sessions
    int wins = 0;                               ///< win.celebrated applied
    int resources_shared = 0;                   ///< resource.shared applied
    int action_plans = 0;                       ///< action-plan.written applied
    std::optional<Timestamp> last_activity;     ///< time of the last applied event
    Grade grade;                                ///< under the program's policy

    /// Whole-number percentage of steps done.
    [[nodiscard]] int percent() const { return steps_total == 0 ? 0 : steps_done * 100 / steps_total; }
};

/// One group's progress.
struct GroupProgress {
    std::string id;                    ///< group id
    std::vector<std::string> members;  ///< learner ids
    double mean_percent = 0;           ///< mean of the members' step percentages
    int sessions_attended = 0;         ///< the most sessions any member attended
    int feedback_exchanged = 0;        ///< feedback.given between members of this group
};

/// The cohort as a whole.
struct CohortSummary {
    int learners = 0;          ///< in the roster
    int started = 0;           ///< with at least one applied event
    int completed = 0;         ///< every step done
    int passed = 0;            ///< grade passed
    double mean_percent = 0;   ///< mean step percentage
};

/// Two learners who attended peer sessions together, and how many.
struct Meeting {
    std::string a;     ///< the one earlier in the roster
    std::string b;     ///< the one later in the roster
    int sessions = 0;  ///< sessions both attended
};

/// Everything a coach sees.
struct CohortState {
    std::vector<LearnerProgress> learners;  ///< in roster order
    std::vector<GroupProgress> groups;      ///< in input order
    CohortSummary summary;                  ///< totals
    std::vector<Rejection> rejected;        ///< events that did not fit, with the reason
    std::vector<Meeting> met;               ///< who met whom (who_met_whom; empty until it is asked)
};

/// Folds program + roster + events at time `now` (docs/events.md, "The fold").
CohortState fold_cohort(const Program& program, const Roster& roster, std::span<const Event> events,
                        std::span<const Group> groups, Timestamp now);

/// Who met whom in the peer sessions of a folded cohort (docs/events.md, "Who met whom"): two
/// learners met in a session when one's applied session.attended names the other — the same
/// session activity at the same time (a one-screen session records everyone at once), or the other
/// in its speaking times. A pair counts the larger of the two sides, so each member recording the
/// same meeting on their own device counts once. Sorted by roster order.
std::vector<Meeting> who_met_whom(const Program& program, const Roster& roster, std::span<const Event> events,
                                  const CohortState& state);

/// The grade of a learner who has done the steps marked in `done` (indexed like program.steps).
Grade grade(const Program& program, const std::vector<bool>& done, bool any_event);

}  // namespace kollega

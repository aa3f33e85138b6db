#pragma once
/// Events: the immutable facts a cohort's state is folded from (docs/events.md).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace kollega {

/// Who may see an event (DESIGN.md section 3), from most private to most open.
enum class Visibility { Private, Group, Coach, Gradebook };

/// The wire name of a visibility ("private", "group", "coach", "gradebook").
std::string_view to_string(Visibility v);
/// Parses a wire name; nullopt when unknown.
std::optional<Visibility> parse_visibility(std::string_view name);

/// What happened (docs/events.md, "Events").
enum class EventType {
    GroundRulesAgreed,  ///< "ground-rules.agreed"
    StepCompleted,      ///< "step.completed"
    GoalSet,            ///< "goal.set"
    GoalCheckedIn,      ///< "goal.checked-in"
    ReflectionWritten,  ///< "reflection.written"
    FeedbackGiven,      ///< "feedback.given"
    RolePlayCompleted,  ///< "role-play.completed"
    SessionScheduled,   ///< "session.scheduled"
    SessionAttended,    ///< "session.attended"
    WinCelebrated,      ///< "win.celebrated"
    ResourceShared,     ///< "resource.shared"
    ActionPlanWritten,  ///< "action-plan.written"
    Unknown,            ///< any other type: kept, reported by the fold as unknown_type
};

/// The wire name of a type ("" for Unknown).
std::string_view to_string(EventType t);
/// Parses a wire name (Unknown when it is none of ours).
EventType parse_event_type(std::string_view name);
/// The most open visibility an event of this type may have (docs/events.md); a learner may
/// always choose a more private one.
Visibility max_visibility(EventType t);
/// True when the type's payload holds text a learner wrote (never in coach or gradebook output).
bool carries_text(EventType t);

/// The event type a learner records when they finish a step of the path.
inline constexpr std::string_view kStepCompleted = "step.completed";
/// The event type recorded when a learner attended a peer session (counts for unlock rules).
inline constexpr std::string_view kSessionAttended = "session.attended";

/// One immutable event. The id (a UUID) makes it unique across tabs, retries and replays.
/// Payload members are filled per type (docs/events.md); the others stay empty.
struct Event {
    std::string id;                             ///< UUID, lower-case canonical form
    std::string actor;                          ///< learner id
    std::string type;                           ///< wire name, e.g. "step.completed"
    EventType kind = EventType::Unknown;        ///< parsed type
    Timestamp at;                               ///< when it happened (passed in by the caller)
    Visibility visibility = Visibility::Coach;  ///< who may see it

    std::string step;                           ///< step.completed
    std::string activity;                       ///< goal.set, reflection, feedback, role-play, session.*
    std::string goal;                           ///< goal.set, goal.checked-in: the goal's UUID
    std::string text;                           ///< goal.set, reflection.written, win.celebrated, action-plan.written
    std::string measure;                        ///< goal.set: how progress shows
    std::optional<int> progress;                ///< goal.checked-in: 0–100
    std::string note;                           ///< goal.checked-in (optional)
    std::string to;                             ///< feedback.given: the observed learner
    std::vector<std::pair<std::string, int>> ratings;  ///< feedback.given: rubric item → rating
    std::vector<std::string> worked;            ///< feedback.given: what worked
    std::vector<std::string> improve;           ///< feedback.given: things to improve
    std::vector<std::string> sbi;               ///< feedback.given (optional): situation, behaviour, impact — none or all three
    std::string role;                           ///< role-play.completed
    std::optional<Timestamp> start;             ///< session.scheduled
    std::vector<std::string> members;           ///< session.scheduled
    std::vector<std::pair<std::string, long long>> speaking_seconds;  ///< session.attended (optional)
    std::string title;                          ///< resource.shared
    std::string url;                            ///< resource.shared

    friend bool operator==(const Event&, const Event&) = default;
};

/// True for a canonical UUID: 8-4-4-4-12 hexadecimal digits.
bool is_uuid(std::string_view text);

}  // namespace kollega

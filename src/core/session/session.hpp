#pragma once
/// The peer-session runner (docs/sessions.md): agenda phases and focus turns with time boxes,
/// rotating roles, pause/resume/skip/extend, overtime and a fair-time summary. A pure state
/// machine: every change is an action plus the time the caller passes in.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event.hpp"
#include "core/program.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace kollega::session {

/// A person present in the session.
struct Member {
    std::string id;    ///< learner id
    std::string name;  ///< display name (the id when none was given)
    friend bool operator==(const Member&, const Member&) = default;
};

/// Where a slot is in its life.
enum class SlotState { Pending, Current, Done, Skipped };
/// Where the whole session is.
enum class Status { Ready, Running, Paused, Ended };

/// Wire names: "pending", "current", "done", "skipped".
std::string_view to_string(SlotState s);
/// Wire names: "ready", "running", "paused", "ended".
std::string_view to_string(Status s);
/// Parses a slot state wire name.
std::optional<SlotState> parse_slot_state(std::string_view s);
/// Parses a status wire name.
std::optional<Status> parse_status(std::string_view s);

/// One time box: a whole phase, or one person's focus turn in a per-person phase.
struct Slot {
    std::string phase;                ///< agenda phase id
    Phase kind = Phase::Other;        ///< which part of the session
    std::string title;                ///< resolved in the session's language
    std::string focus;                ///< member id in focus, "" for a whole-group phase
    std::int64_t box_seconds = 0;     ///< planned length
    std::int64_t extended_seconds = 0;  ///< added by extend actions
    std::int64_t used_ms = 0;         ///< time it ran, up to the last settle
    SlotState state = SlotState::Pending;  ///< life cycle
    friend bool operator==(const Slot&, const Slot&) = default;
};

/// An action plan a member wrote.
struct Plan {
    std::string member;  ///< learner id
    std::string text;    ///< the plan
    Timestamp at;        ///< when it was written
    friend bool operator==(const Plan&, const Plan&) = default;
};

/// Everything a running session needs; the caller keeps it between calls.
struct SessionState {
    std::string program;                  ///< program id
    std::string activity;                 ///< session activity id
    std::string lang;                     ///< language the texts were resolved in
    std::string title;                    ///< the activity's title
    int session_number = 1;               ///< 1 for the group's first session
    int minutes = 0;                      ///< the session's planned length
    std::vector<Member> members;          ///< present, in list order
    std::vector<SessionRole> roles;       ///< handed out, in canonical order
    bool rotate_roles = true;             ///< roles move with turns and sessions
    std::vector<std::string> questions;   ///< open questions for the coach
    bool show_ground_rules = false;       ///< someone present has not agreed to the ground rules yet
    std::vector<std::string> rules_pending;  ///< members with no ground-rules.agreed, in member order
    std::vector<std::string> rules;       ///< ground rules
    std::string confidentiality;          ///< confidentiality agreement
    std::vector<Plan> previous_plans;     ///< each member's latest plan before this session
    std::vector<Plan> plans;              ///< plans written in this session
    std::vector<Slot> slots;              ///< in agenda order
    Status status = Status::Ready;        ///< where the session is
    int current = -1;                     ///< current slot index, -1 before start
    Timestamp since;                      ///< when the current slot's clock last (re)started
    Timestamp last;                       ///< the latest time seen
    friend bool operator==(const SessionState&, const SessionState&) = default;
};

/// What the user asked the session to do.
struct Action {
    /// The kind of action.
    enum class Type { Start, Pause, Resume, Next, Skip, Extend, End, Plan };
    /// An action of type `t` (minutes, member, text empty).
    Action(Type t = Type::Start) : type(t) {}  // NOLINT(google-explicit-constructor)
    Type type;           ///< what to do
    int minutes = 0;     ///< extend
    std::string member;  ///< plan
    std::string text;    ///< plan
};

/// Parses an action type wire name ("start", "pause", …, "plan").
std::optional<Action::Type> parse_action_type(std::string_view s);

/// Sets up a session of `activity_id` for `members` (2–8, unique ids); `events` give the
/// previous action plans and who agreed to the ground rules (shown before the start while a
/// member present has not).
Result<SessionState> start_session(const Program& program, std::string_view activity_id, std::vector<Member> members,
                                   const std::vector<Event>& events, int session_number, std::string_view lang,
                                   Timestamp now);

/// Applies one action at time `now`; errors: action_not_allowed, unknown_member, invalid_value.
Result<SessionState> act(SessionState state, const Action& action, Timestamp now);

/// The role each member holds in slot `slot` (-1: outside any slot), in member order.
std::vector<std::optional<SessionRole>> roles_at(const SessionState& state, int slot);

/// Seconds slot `index` has run at `now` (floored).
std::int64_t slot_elapsed_seconds(const SessionState& state, int index, Timestamp now);

/// How loud the overtime signal is.
enum class Overtime { None, Gentle, Strong };
/// Wire names: "none", "gentle", "strong".
std::string_view to_string(Overtime o);
/// The overtime level for a box of `box` seconds that ran `elapsed` seconds.
Overtime overtime_level(std::int64_t box, std::int64_t elapsed);

/// One member's focus time against their fair share.
struct FairTime {
    std::string member;                ///< learner id
    std::int64_t focus_seconds = 0;    ///< time in focus
    std::int64_t share_seconds = 0;    ///< all focus time / members
    std::int64_t difference_seconds = 0;  ///< focus − share
    int percent_of_share = 0;          ///< focus / share × 100, rounded (100 when nobody had focus)
};

/// The fair-time summary at `now`, in member order.
std::vector<FairTime> fair_time(const SessionState& state, Timestamp now);

/// How many events session_events() will produce.
int events_needed(const SessionState& state);

/// The events to record once the session has ended: session.attended per member, then
/// action-plan.written per plan. Errors: session_not_ended, not_enough_ids, invalid_value.
Result<std::vector<Event>> session_events(const SessionState& state, const std::vector<std::string>& ids, Timestamp at);

}  // namespace kollega::session

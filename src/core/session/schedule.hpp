#pragma once
/// Occurrences of a program's meetings, reminders and goal check-in due dates
/// (docs/calendar.md). Pure: the zone rule and every time are passed in.

#include <cstdint>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/program.hpp"
#include "core/result.hpp"
#include "core/session/tz.hpp"
#include "core/time.hpp"

namespace kollega::schedule {

/// One meeting: its wall-clock time and its instant.
struct Occurrence {
    tz::LocalDateTime local;  ///< as the group sees it
    Timestamp start;          ///< the instant
    int offset_minutes = 0;   ///< UTC offset at that instant, minutes east
};

/// The first `count` (1–520) meetings from `start` at `cadence`; the wall-clock time stays
/// across offset changes. Monthly meetings keep the day of the month and skip months without
/// it (as RFC 5545 RRULE does). Errors: invalid_value at /count.
Result<std::vector<Occurrence>> occurrences(Cadence cadence, const tz::LocalDateTime& start, const tz::Zone& zone, int count);

/// The time one cadence after `from`: 7, 14 or 28 days later, or the same day next month (the
/// month's last day when it is shorter), at the same UTC time.
Timestamp next_due(Cadence cadence, Timestamp from);

/// One goal as the goals view shows it.
struct GoalStatus {
    const Event* set = nullptr;                ///< the goal.set event
    std::vector<const Event*> check_ins;       ///< in time order
    Cadence cadence = Cadence::Every2Weeks;    ///< the goal activity's check-in cadence
    Timestamp next_check_in;                   ///< one cadence after the latest check-in (or the setting)
    bool due = false;                          ///< now ≥ next_check_in
};

/// The goals `actor` set, with their check-ins and when the next is due at `now`.
std::vector<GoalStatus> goals(const Program& program, const std::vector<Event>& events, std::string_view actor, Timestamp now);

/// What a reminder is about.
enum class ReminderKind { Session, Feedback, CheckIn };
/// Wire names: "session", "feedback", "check-in".
std::string_view to_string(ReminderKind k);

/// One reminder the plugin shows or notifies at `at`.
struct Reminder {
    ReminderKind kind = ReminderKind::Session;  ///< what about
    Timestamp at;                                ///< when to remind
    Timestamp about;                             ///< the session's start, or the check-in's due time
    std::string ref;                             ///< the goal id for check-ins, else ""
};

/// Reminders for the meetings (each `before_minutes` ahead), feedback due when each meeting ends
/// (start + `session_minutes`), and each goal's next check-in; meeting reminders only at or after
/// `now` (a due check-in stays), sorted by time.
std::vector<Reminder> reminders(const std::vector<Occurrence>& meetings, int session_minutes,
                                const std::vector<int>& before_minutes, const std::vector<GoalStatus>& goals,
                                Timestamp now);

}  // namespace kollega::schedule

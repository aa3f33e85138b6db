#pragma once
/// The facade every caller outside C++ uses (wasm bindings, CLI --json): strings in, one JSON
/// envelope out — {"ok":true,"value":…} or {"ok":false,"error":{code,message,path,problems}}.
/// Nothing thrown inside ever leaves these functions.

#include <memory>
#include <string>
#include <string_view>

namespace kollega::api {

/// The core's version and the program schema version it reads.
std::string version();

/// The learner's path at time `now` with texts in `lang` (docs/architecture.md, "pathView").
std::string path_view(std::string_view program_json, std::string_view events_json,
                      std::string_view actor, std::string_view lang, std::string_view now);

/// The event that records `actor` completing `step_id`, when the path allows it now.
std::string complete_step(std::string_view program_json, std::string_view events_json,
                          std::string_view actor, std::string_view step_id,
                          std::string_view event_id, std::string_view at);

/// The coach's view of a cohort at time `now` (docs/architecture.md, "cohortView"): the roster is
/// CSV or JSON (docs/roster-format.md), groups `{"groups":[…]}` or "".
std::string cohort_view(std::string_view program_json, std::string_view roster, std::string_view events_json,
                        std::string_view groups_json, std::string_view lang, std::string_view now);

/// One export file (docs/events.md, "Exports"): value {"filename", "mimeType", "content"}.
/// `format` is moodle, canvas, csv, ags or xapi; options as docs/architecture.md describes.
std::string export_file(std::string_view format, std::string_view program_json, std::string_view roster,
                        std::string_view events_json, std::string_view groups_json, std::string_view options_json);

/// Checks a program and reports every problem: value {"valid":bool,"problems":[{…,severity}]}.
std::string validate_program(std::string_view program_json);

// --- sessions and activities (docs/sessions.md); src/json/session_api.cpp -------------------

/// A new session state for `activity_id` with `members_json` ([{id,name}]); `events_json` gives
/// the previous action plans; session 1 shows the ground rules.
std::string session_start(std::string_view program_json, std::string_view activity_id, std::string_view members_json,
                          std::string_view events_json, int session_number, std::string_view lang, std::string_view now);

/// The state after one action (start, pause, resume, next, skip, extend, end, plan) at `now`.
std::string session_act(std::string_view state_json, std::string_view action_json, std::string_view now);

/// What to render at `now`: current slot with timer and overtime, roles, questions, fair time.
std::string session_view(std::string_view state_json, std::string_view now);

/// The events to record once the session ended: value {"events":[…]}.
std::string session_events(std::string_view state_json, std::string_view ids_json, std::string_view at);

/// An observation form to render: fields, who sees each answer, the balance rule.
std::string feedback_form(std::string_view program_json, std::string_view activity_id, std::string_view lang);

/// The feedback.given event for `answers_json`, or every problem with its pointer.
std::string feedback_event(std::string_view program_json, std::string_view activity_id, std::string_view answers_json,
                           std::string_view actor, std::string_view to, std::string_view event_id, std::string_view at);

/// What the role-play player shows for `state_json` ({"members","run","stage","done"?}).
std::string role_play_view(std::string_view program_json, std::string_view activity_id, std::string_view state_json,
                           std::string_view lang);

/// The role-play state after {"type":"next"} or {"type":"back"}.
std::string role_play_act(std::string_view program_json, std::string_view activity_id, std::string_view state_json,
                          std::string_view action_json);

/// The role-play.completed events of the finished runs: value {"events":[…]}.
std::string role_play_events(std::string_view program_json, std::string_view activity_id, std::string_view state_json,
                             std::string_view ids_json, std::string_view at);

/// The learner's goals with progress and check-ins due at `now`, and their wins.
std::string goals_view(std::string_view program_json, std::string_view events_json, std::string_view actor,
                       std::string_view now, std::string_view lang);

/// The first `count` meetings at `cadence` from the wall-clock `start_local` in zone `tz_json`
/// ({"name","rule"}): value [{local, start, offsetMinutes}].
std::string occurrences(std::string_view cadence, std::string_view start_local, std::string_view tz_json, int count);

/// The group's meetings as an .ics file: value {"filename","mimeType","content"}.
std::string calendar_ics(std::string_view program_json, std::string_view request_json);

/// The reminder plan (meetings, feedback due, goal check-ins): value {"reminders":[…]}.
std::string reminders(std::string_view program_json, std::string_view request_json, std::string_view events_json);
/// Reads a roster, CSV or JSON (docs/roster-format.md): value is the roster JSON; errors point to
/// CSV lines ("/lines/4/email") or JSON members.
std::string parse_roster(std::string_view roster);

/// Forms groups or pairs to the options' iteration budget (docs/groups.md): value is the result
/// JSON with texts in `lang`; errors point into "/roster" or "/options", or say why the hard
/// constraints cannot all hold (code "infeasible") or were not met ("not_found").
std::string groups_solve(std::string_view roster, std::string_view options_json, std::string_view lang);

/// Explains and reports a schedule the admin edited (pins, swaps): `schedule` is rounds of groups
/// of ids, `[[["a","b","c"],…],…]` or `{"rounds":[{"groups":…}]}`; value as groups_solve's, with
/// every broken hard constraint in "violations" (not an error: the admin sees what breaks).
std::string groups_explain(std::string_view roster, std::string_view options_json, std::string_view schedule,
                           std::string_view lang);

/// One group formation run, stepped by its caller (the plugin's Web Worker), all JSON envelopes.
class GroupsJob {
public:
    /// Keeps the inputs; nothing is checked before start().
    GroupsJob(std::string roster, std::string options_json);
    ~GroupsJob();
    GroupsJob(const GroupsJob&) = delete;
    GroupsJob& operator=(const GroupsJob&) = delete;

    /// Reads and checks everything: value {"learners", "mode", "rounds"}, or every error.
    std::string start();
    /// Runs at most `iterations` more steps: value {"done", "iterations", "best", "lowerBound"}.
    std::string step(double iterations);
    /// The best schedule so far with explanations and reports in `lang` (the groups_solve value).
    std::string result(std::string_view lang) const;
    /// groups_explain on this job's roster and options (after start()).
    std::string explain(std::string_view schedule, std::string_view lang) const;

private:
    struct State;
    std::string roster_, options_;
    std::unique_ptr<State> state_;
};

}  // namespace kollega::api

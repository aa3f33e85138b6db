#pragma once
/// Reading and writing the session runner's JSON (docs/sessions.md). nlohmann/json stays in
/// the .cpp files.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/session/calendar.hpp"
#include "core/session/session.hpp"

namespace kollega::json {

/// Reads `[{"id","name"?}, …]` (pointers "/members/1/id").
Result<std::vector<session::Member>> parse_members(std::string_view text);
/// Reads an action object (pointers "/action/…").
Result<session::Action> parse_action(std::string_view text);
/// Reads a state this core wrote (problems are invalid_state at "/state/…").
Result<session::SessionState> parse_session_state(std::string_view text);
/// Writes a state.
std::string session_state_to_json(const session::SessionState& state);
/// The view of a state at `now` (docs/sessions.md).
std::string session_view_to_json(const session::SessionState& state, Timestamp now);
/// Reads a JSON array of strings (event ids); pointers "/ids/2".
Result<std::vector<std::string>> parse_string_array(std::string_view text, const std::string& where);
/// `{"events":[…]}`.
std::string events_to_json(const std::vector<Event>& events);

/// A zone `{"name","rule"}` (pointers `<where>/rule`).
Result<std::pair<std::string, tz::Zone>> parse_tz(std::string_view text, const std::string& where);
/// A calendar request (docs/sessions.md, calendarIcs); `extra` names members the caller reads
/// itself (reminders: "actor", "now"), returned as strings.
Result<calendar::Request> parse_calendar_request(std::string_view text, const std::vector<std::string>& extra_keys,
                                                 std::vector<std::string>& extra_values);
/// `{"filename","mimeType","content"}`.
std::string file_to_json(const std::string& filename, const std::string& mime_type, const std::string& content);
/// `[{"local","start","offsetMinutes"}]`.
std::string occurrences_to_json(const std::vector<schedule::Occurrence>& occurrences);
/// `{"reminders":[{"kind","at","about","ref","title"}]}`.
std::string reminders_to_json(const std::vector<schedule::Reminder>& reminders, const std::vector<std::string>& titles);

}  // namespace kollega::json

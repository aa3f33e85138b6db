#pragma once
/// Reading and writing the session runner's JSON (docs/sessions.md). nlohmann/json stays in
/// the .cpp files.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
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

}  // namespace kollega::json

#pragma once
/// Reading and writing the wire formats (docs/architecture.md). The only headers the rest of
/// the code needs for JSON; nlohmann/json itself stays inside src/json/*.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "core/cohort.hpp"
#include "core/event.hpp"
#include "core/path_state.hpp"
#include "core/program.hpp"
#include "core/result.hpp"

namespace kollega::json {

/// Everything the core says about a program text: the program as far as it could be read,
/// every error, and every warning (missing translations).
struct ProgramReport {
    Program program;  ///< as read; meaningful only when errors is empty
    Errors errors;    ///< syntax, types, required and unknown fields, then check_program()
    Errors warnings;  ///< missing_translation
};

/// Parses and checks a program, collecting every problem with its JSON Pointer.
ProgramReport read_program_report(std::string_view text);

/// The program, or its errors (warnings do not make a program invalid).
Result<Program> parse_program(std::string_view text);

/// Parses an event log given as a JSON array or as JSON Lines (one event per line).
/// Pointers are "/3/at" for an array, "line 4: /at" style ("/4/at") for JSON Lines.
Result<std::vector<Event>> parse_events(std::string_view text);

/// Reads groups `{"groups": [{"id", "members": [learner ids]}]}` ("" or blank: no groups).
/// Every member must be in the roster and in one group only; pointers like /groups/2/members/1.
Result<std::vector<Group>> parse_groups(std::string_view text, const Roster& roster);

/// One event as its wire object.
std::string event_to_json(const Event& event);

/// The value of pathView: the path state with texts resolved in `lang` (docs/architecture.md).
std::string path_view_to_json(const Program& program, const PathState& state, std::string_view lang);


/// The value of cohortView (docs/architecture.md): progress, grades, groups, rejections.
std::string cohort_view_to_json(const Program& program, const Roster& roster, const CohortState& cohort,
                                std::string_view lang);

/// The value of validateProgram: {"valid", "problems": [{code, message, path, severity}]}.
std::string validation_to_json(const ProgramReport& report);

/// `{"ok":true,"value":<value_json>}`.
std::string ok_envelope(std::string_view value_json);

/// `{"ok":false,"error":{code,message,path,problems:[…]}}` — the first error, then all of them.
std::string error_envelope(const Errors& errors);

}  // namespace kollega::json

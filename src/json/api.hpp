#pragma once
/// The facade every caller outside C++ uses (wasm bindings, CLI --json): strings in, one JSON
/// envelope out — {"ok":true,"value":…} or {"ok":false,"error":{code,message,path,problems}}.
/// Nothing thrown inside ever leaves these functions.

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

/// Checks a program and reports every problem: value {"valid":bool,"problems":[{…,severity}]}.
std::string validate_program(std::string_view program_json);

}  // namespace kollega::api

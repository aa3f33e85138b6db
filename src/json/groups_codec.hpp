#pragma once
/// Group formation on the wire (docs/groups.md): the options JSON in, the result JSON out.

#include <string>
#include <string_view>

#include "core/groups/explain.hpp"
#include "core/groups/formation.hpp"
#include "core/groups/model.hpp"
#include "core/result.hpp"

namespace kollega::json {

/// The options JSON ("" or blank: all defaults); errors carry JSON Pointers such as "/doNotPair/2/1".
Result<groups::Options> parse_groups_options(std::string_view text);

/// Past rounds for the history option: `[[["a","b"],…],…]`, or a result of `kollega groups --json`
/// (`{"rounds":[{"groups":…}]}`, also inside its `{"ok":true,"value":…}` envelope).
Result<std::vector<std::vector<std::vector<std::string>>>> parse_groups_history(std::string_view text);

/// Options as the options JSON (every member written).
std::string groups_options_to_json(const groups::Options& options);

/// A run's progress: {"done", "iterations", "best": {"hard", "repeats", "repeatsSquared", "soft"}, "lowerBound"}.
std::string groups_progress_to_json(const groups::Progress& progress);

/// The result JSON: {"mode", "rounds": [{"groups", "explanations", "unpaired", "report"}], "report"} in `lang`.
std::string groups_result_to_json(const groups::Model& model, const groups::Outcome& outcome, std::string_view lang);

}  // namespace kollega::json

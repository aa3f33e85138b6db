#pragma once
/// Reading rosters from CSV and JSON, and writing them as JSON (docs/roster-format.md).
/// Both readers make the same checks and report every problem at once: CSV errors have the
/// path "/lines/N/column" and a message starting "line N, column C (column): "; JSON errors
/// have a JSON Pointer such as "/learners/3/email".

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/roster.hpp"

namespace kollega::json {

/// A roster from CSV: a header row (names case-insensitive, any order, extra columns ignored;
/// `id` and `name` required), then one learner per row.
Result<Roster> parse_roster_csv(std::string_view text);

/// A roster from JSON: {"learners": [{"id", "name", "email", "department", "managerId", "role",
/// "skillsOffered": [..], "skillsWanted": [..], "timezone", "language"}]}.
Result<Roster> parse_roster_json(std::string_view text);

/// JSON when the first character that is not a space (or a byte-order mark) is '{', else CSV.
Result<Roster> parse_roster(std::string_view text);

/// The roster as JSON in the format parse_roster_json reads; every member is always written.
std::string roster_to_json(const Roster& roster);

}  // namespace kollega::json

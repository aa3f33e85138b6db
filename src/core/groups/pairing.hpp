#pragma once
/// Pairing algorithms for the pairing modes (docs/groups.md): an optimal assignment (Hungarian
/// method) for mentor pairs, and Irving's stable roommates algorithm for skill-exchange pairs.

#include <cstdint>
#include <optional>
#include <vector>

namespace kollega::groups {

/// The minimum-cost assignment of rows to distinct columns (rows <= columns), O(rows² · columns):
/// result[r] is the column of row r. `cost` is rows × columns, row-major.
std::vector<int> min_cost_assignment(int rows, int columns, const std::vector<long long>& cost);

/// A stable matching for strict, possibly incomplete preference lists (stable roommates with
/// incomplete lists): prefs[p] lists the people p accepts, best first, and acceptance must be
/// mutual. Returns partner[p] (-1: unmatched in every stable matching), or nothing when no
/// stable matching exists (Irving 1985; Gusfield & Irving 1989, section 4.5).
std::optional<std::vector<int>> stable_roommates(const std::vector<std::vector<int>>& prefs);

/// The pairs {a, b} that block a matching: both accept each other, are not partners, and each
/// is unmatched or prefers the other to their partner.
std::vector<std::pair<int, int>> blocking_pairs(const std::vector<std::vector<int>>& prefs, const std::vector<int>& partner);

}  // namespace kollega::groups

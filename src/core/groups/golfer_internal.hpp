#pragma once
/// Shared by the engine's files (not part of the API): the problem in dense form.

#include <cstdint>
#include <vector>

#include "core/groups/golfer.hpp"

namespace kollega::groups::detail {

/// The keep-together sets merged where they overlap: a component id per person, and the members.
struct Components {
    std::vector<int> of;                    ///< component id per person (a singleton has its own)
    std::vector<std::vector<int>> members;  ///< members per component id, sorted
};
/// Merges overlapping keep-together sets (union-find); ids out of range are ignored.
Components keep_components(const Problem& problem);

/// The problem's matrices, dense (zeros where the problem left one empty).
struct Dense {
    int n = 0;
    std::vector<std::uint8_t> forbidden;
    std::vector<std::uint16_t> met;
    std::vector<std::uint32_t> cost;
    bool any_cost = false;
};
/// Copies the matrices; assumes validate() found nothing.
Dense dense(const Problem& problem);

/// max(0, m-1)^2: the repeat cost of a pair that meets m times.
inline long long repeat_square(long long m) { return m > 1 ? (m - 1) * (m - 1) : 0; }

/// A proven lower bound on repeats_squared (history, kept sets and locked groups included).
long long repeats_lower_bound(const Problem& problem);
/// A lower bound on the soft cost: what kept sets and locked groups must pay.
long long soft_lower_bound(const Problem& problem);

}  // namespace kollega::groups::detail

#pragma once
/// Schedules built directly from finite-field designs, for the families of social golfer
/// instances they cover (docs/groups-engine.md, "Constructions").

#include "core/groups/golfer.hpp"

namespace kollega::groups {

/// A constructed schedule (empty when no construction covers the instance) and its name.
struct Construction {
    Schedule schedule;          ///< rounds of `groups` groups of `size`, no pair twice
    const char* name = "";      ///< which construction, e.g. "affine-plane GF(8)"
};

/// A schedule of `groups` groups of `size` people over `rounds` rounds where no pair meets twice,
/// when one of the constructions covers it; people are 0..groups*size-1.
Construction construct(int groups, int size, int rounds);

/// The finite field GF(q) for a prime power q (q <= 1024): addition and multiplication tables.
struct Field {
    int q = 0;                       ///< order
    std::vector<int> add;            ///< q*q
    std::vector<int> mul;            ///< q*q
    /// a + b
    int plus(int a, int b) const { return add[static_cast<std::size_t>(a) * q + b]; }
    /// a * b
    int times(int a, int b) const { return mul[static_cast<std::size_t>(a) * q + b]; }
};
/// GF(q) when q is a prime power, else a Field with q == 0.
Field make_field(int q);

}  // namespace kollega::groups

#pragma once
/// Group formation, layer 1: the search engine for the (generalised) social golfer problem.
/// Pure and deterministic for a seed: no clock, budgets are counted in iterations
/// (docs/groups-engine.md).

#include <cstdint>
#include <memory>
#include <vector>

#include "core/result.hpp"

namespace kollega::groups {

/// A grouping problem over people 0..people-1, over several rounds.
struct Problem {
    int people = 0;                          ///< n
    int rounds = 1;                          ///< rounds to schedule
    int min_size = 3;                        ///< smallest group (pairs: 2)
    int max_size = 4;                        ///< largest group (pairs: 2)
    std::vector<std::uint8_t> forbidden;     ///< n*n row-major, symmetric: 1 = never in one group (hard)
    std::vector<std::uint16_t> met_before;   ///< n*n symmetric: meetings in the history (empty = none)
    std::vector<std::uint32_t> pair_cost;    ///< n*n symmetric soft cost per meeting (mix, time zone, language); empty = 0
    std::vector<std::vector<int>> keep_together;  ///< each set in one group in every round (hard)
    /// A group fixed by the admin in one round.
    struct Locked {
        int round;                 ///< the round (0-based)
        std::vector<int> members;  ///< exactly this group in that round
    };
    std::vector<Locked> locked;              ///< groups fixed as given in that round (hard)
};

/// round -> groups -> members (each group sorted, groups sorted by first member)
using Schedule = std::vector<std::vector<std::vector<int>>>;

/// Lexicographic cost: hard violations, then sum over pairs of max(0, meetings-1)^2 counting history,
/// then soft.
struct Cost {
    long long hard = 0;             ///< broken hard constraints (forbidden pairs together, kept sets apart, misplaced people, bad sizes, unlocked groups)
    long long repeats_squared = 0;  ///< sum over pairs of max(0, meetings-1)^2, history included
    long long repeats = 0;          ///< sum over pairs of max(0, meetings-1), history included (reported, not compared)
    long long soft = 0;             ///< sum of pair_cost over every meeting in the schedule
};
/// Compares costs lexicographically (hard, repeats_squared, soft).
bool operator<(const Cost&, const Cost&);
/// True when hard, repeats_squared, repeats and soft are all equal.
bool operator==(const Cost&, const Cost&);

/// The group sizes of each round: locked groups first (in the order given), then the free groups.
/// Empty when the people cannot be split (validate() says why).
std::vector<std::vector<int>> group_sizes(const Problem& problem);

/// An anytime search: call run() in slices (the Web Worker posts progress between slices).
class Search {
public:
    /// Prepares the search; check problem() errors with validate() first. Without
    /// `use_constructions` the search starts from the greedy schedule even where a finite-field
    /// design would answer at once (for measuring the search itself).
    Search(const Problem& problem, std::uint64_t seed, bool use_constructions = true);
    /// Releases the search state.
    ~Search();
    /// Moves a search.
    Search(Search&&) noexcept;
    /// Moves a search.
    Search& operator=(Search&&) noexcept;
    Search(const Search&) = delete;
    Search& operator=(const Search&) = delete;

    /// Runs at most `iterations` more steps; returns true when nothing can improve (cost at the lower bounds).
    bool run(long long iterations);
    const Schedule& best() const;       ///< best schedule so far (always complete: everyone placed once per round)
    Cost best_cost() const;             ///< its cost
    long long iterations() const;       ///< steps run so far
    long long repeats_lower_bound() const; ///< a proven lower bound on repeats_squared
    /// How the best schedule was found: "construction:<name>" or "search".
    const char* method() const;

    struct Impl;  ///< the search state (golfer.cpp)
private:
    std::unique_ptr<Impl> impl_;
};

/// Problems the search cannot even start on (sizes impossible, n=0, bad matrices...): every one, with where.
Errors validate(const Problem& problem);
/// The cost of any schedule for a problem (used by tests and the model's report).
Cost evaluate(const Problem& problem, const Schedule& schedule);

}  // namespace kollega::groups

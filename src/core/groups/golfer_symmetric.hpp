#pragma once
/// A search for social golfer schedules that a cyclic group Z_m maps to themselves
/// (docs/groups-engine.md, "Symmetric search"): people are m*L points (x, level) plus f fixed
/// points; t base rounds, each shifted by 0..m-1, give the w = t*m rounds. A pair meets as often
/// as its orbit under Z_m is covered by the base rounds, so the search only places t rounds and
/// counts orbits instead of pairs: for 8-4-10 one base round of 32 people instead of ten.

#include <cstdint>
#include <vector>

#include "core/groups/golfer.hpp"
#include "core/groups/golfer_rng.hpp"

namespace kollega::groups {

/// Tabu search over base rounds under Z_m (cost: sum over pair orbits of max(0, meetings-1)^2).
class SymmetricSearch {
public:
    /// g groups of s over w rounds, symmetric under Z_m (m divides w, n mod m fixed points <= g).
    SymmetricSearch(int groups, int size, int rounds, int m, std::uint64_t seed);
    /// The group orders m worth trying for an instance, most reduction first (may be empty).
    static std::vector<int> orders(int groups, int size, int rounds);
    /// Runs at most `iterations` steps; true once the base rounds give zero repeats.
    bool run(long long iterations);
    /// True when a zero-repeat schedule was found.
    bool solved() const { return cost_ == 0; }
    /// The full schedule (all shifts of the base rounds); people 0..n-1.
    Schedule expand() const;
    /// Steps run so far.
    long long iterations() const { return iterations_; }

private:
    int orbit(int a, int b) const;
    long long orbit_cost(int o, int count) const;
    long long swap_delta(int r, int a, int b);
    void apply_swap(int r, int a, int b);
    void perturb();
    void rebuild();

    int g_, s_, w_, m_, levels_, fixed_, n_, base_;
    std::vector<int> weight_;                   ///< meetings per covering pair, per orbit
    std::vector<int> orbit_of_;                 ///< n*n
    std::vector<std::vector<int>> group_of_;    ///< base round -> slot per point
    std::vector<std::vector<std::vector<int>>> groups_;
    std::vector<int> count_;                    ///< coverage per orbit
    std::vector<int> touched_, change_;
    std::vector<std::vector<int>> best_;
    std::vector<long long> tabu_;               ///< per base round*n+point: until
    long long cost_ = 0, best_cost_ = 0, iterations_ = 0, since_best_ = 0;
    Rng rng_;
};

}  // namespace kollega::groups

// Tabu search for schedules with a cyclic symmetry (docs/groups-engine.md, "Symmetric search").
// This is the classical cyclic / 1-rotational way to build resolvable designs (the base blocks
// of a Kirkman triple system developed modulo 7 with one fixed point), found by local search
// over orbits of pairs instead of by hand.
#include "core/groups/golfer_symmetric.hpp"

#include <algorithm>

namespace kollega::groups {

std::vector<int> SymmetricSearch::orders(int groups, int size, int rounds) {
    std::vector<int> result;
    const int n = groups * size;
    for (int m = rounds; m >= 2; --m) {
        if (rounds % m != 0) continue;
        const int levels = n / m;
        const int fixed = n % m;
        if (levels < 1 || fixed > groups) continue;
        result.push_back(m);
    }
    return result;
}

SymmetricSearch::SymmetricSearch(int groups, int size, int rounds, int m, std::uint64_t seed)
    : g_(groups), s_(size), w_(rounds), m_(m), levels_(groups * size / m), fixed_(groups * size % m),
      n_(groups * size), base_(rounds / m), rng_(seed) {
    const int ff_base = levels_ * levels_ * m_ + fixed_ * levels_;
    const int orbits = ff_base + fixed_ * fixed_;
    weight_.assign(orbits, 1);
    for (int j = 0; j < levels_; ++j)
        if (m_ % 2 == 0) weight_[(j * levels_ + j) * m_ + m_ / 2] = 2;  // {x, x+m/2}: orbit of m/2
    for (int o = ff_base; o < orbits; ++o) weight_[o] = m_;          // two fixed points: every shift
    orbit_of_.assign(static_cast<std::size_t>(n_) * n_, 0);
    for (int a = 0; a < n_; ++a)
        for (int b = 0; b < n_; ++b) orbit_of_[static_cast<std::size_t>(a) * n_ + b] = a == b ? 0 : orbit(a, b);
    count_.assign(orbits, 0);
    change_.assign(orbits, 0);
    tabu_.assign(static_cast<std::size_t>(base_) * n_, 0);
    groups_.assign(base_, {});
    group_of_.assign(base_, std::vector<int>(n_));
    std::vector<int> people(n_);
    for (int r = 0; r < base_; ++r) {
        for (int i = 0; i < n_; ++i) people[i] = i;
        for (int i = n_; i > 1; --i) std::swap(people[i - 1], people[rng_.below(i)]);
        // Fixed points go to different groups (together they would meet in every shift).
        std::stable_partition(people.begin(), people.end(), [&](int p) { return p >= levels_ * m_; });
        groups_[r].assign(g_, {});
        std::vector<int> order(people);
        int at = 0;
        for (int k = 0; k < fixed_; ++k) groups_[r][k].push_back(order[at++]);
        for (int k = 0; k < g_; ++k)
            while (static_cast<int>(groups_[r][k].size()) < s_) groups_[r][k].push_back(order[at++]);
        for (int k = 0; k < g_; ++k)
            for (int p : groups_[r][k]) group_of_[r][p] = k;
    }
    rebuild();
    best_ = group_of_;
    best_cost_ = cost_;
}

// Point (x, level) is level*m + x; fixed points follow.
int SymmetricSearch::orbit(int a, int b) const {
    const int finite = levels_ * m_;
    if (a >= finite && b >= finite) {
        const int fa = std::min(a, b) - finite;
        const int fb = std::max(a, b) - finite;
        return levels_ * levels_ * m_ + fixed_ * levels_ + fa * fixed_ + fb;
    }
    if (a >= finite || b >= finite) {
        const int f = std::max(a, b) - finite;
        const int level = std::min(a, b) / m_;
        return levels_ * levels_ * m_ + f * levels_ + level;
    }
    int ja = a / m_, xa = a % m_, jb = b / m_, xb = b % m_;
    if (ja > jb) {
        std::swap(ja, jb);
        std::swap(xa, xb);
    }
    int d = ((xb - xa) % m_ + m_) % m_;
    if (ja == jb) d = std::min(d, m_ - d);
    return (ja * levels_ + jb) * m_ + d;
}

long long SymmetricSearch::orbit_cost(int o, int count) const {
    const long long meetings = static_cast<long long>(count) * weight_[o];
    return meetings > 1 ? (meetings - 1) * (meetings - 1) : 0;
}

void SymmetricSearch::rebuild() {
    std::fill(count_.begin(), count_.end(), 0);
    for (const auto& round : groups_)
        for (const auto& group : round)
            for (std::size_t i = 0; i < group.size(); ++i)
                for (std::size_t j = i + 1; j < group.size(); ++j)
                    ++count_[orbit_of_[static_cast<std::size_t>(group[i]) * n_ + group[j]]];
    cost_ = 0;
    for (std::size_t o = 0; o < count_.size(); ++o) cost_ += orbit_cost(static_cast<int>(o), count_[o]);
}

long long SymmetricSearch::swap_delta(int r, int a, int b) {
    const auto& ga = groups_[r][group_of_[r][a]];
    const auto& gb = groups_[r][group_of_[r][b]];
    touched_.clear();
    const auto add = [&](int p, int q, int by) {
        const int o = orbit_of_[static_cast<std::size_t>(p) * n_ + q];
        if (change_[o] == 0) touched_.push_back(o);
        change_[o] += by;
    };
    for (int c : ga)
        if (c != a) {
            add(a, c, -1);
            add(b, c, +1);
        }
    for (int c : gb)
        if (c != b) {
            add(b, c, -1);
            add(a, c, +1);
        }
    long long delta = 0;
    for (int o : touched_) {
        if (change_[o] != 0) delta += orbit_cost(o, count_[o] + change_[o]) - orbit_cost(o, count_[o]);
        change_[o] = 0;
    }
    // An orbit touched, zeroed, then touched again was pushed twice: its change was added in full
    // on the first visit and is 0 on the second, so the sum is right.
    return delta;
}

void SymmetricSearch::apply_swap(int r, int a, int b) {
    const long long delta = swap_delta(r, a, b);
    const int ka = group_of_[r][a];
    const int kb = group_of_[r][b];
    auto& ga = groups_[r][ka];
    auto& gb = groups_[r][kb];
    for (int c : ga)
        if (c != a) {
            --count_[orbit_of_[static_cast<std::size_t>(a) * n_ + c]];
            ++count_[orbit_of_[static_cast<std::size_t>(b) * n_ + c]];
        }
    for (int c : gb)
        if (c != b) {
            --count_[orbit_of_[static_cast<std::size_t>(b) * n_ + c]];
            ++count_[orbit_of_[static_cast<std::size_t>(a) * n_ + c]];
        }
    std::replace(ga.begin(), ga.end(), a, b);
    std::replace(gb.begin(), gb.end(), b, a);
    group_of_[r][a] = kb;
    group_of_[r][b] = ka;
    cost_ += delta;
}

void SymmetricSearch::perturb() {
    for (int r = 0; r < base_; ++r) {
        for (auto& group : groups_[r]) group.clear();
        group_of_[r] = best_[r];
        for (int p = 0; p < n_; ++p) groups_[r][group_of_[r][p]].push_back(p);
    }
    rebuild();
    const int swaps = 2 + rng_.below(1 + n_ / 8);
    for (int k = 0; k < swaps; ++k) {
        const int r = rng_.below(base_);
        const int a = rng_.below(n_);
        const int b = rng_.below(n_);
        if (group_of_[r][a] != group_of_[r][b]) apply_swap(r, a, b);
    }
    std::fill(tabu_.begin(), tabu_.end(), 0);
    since_best_ = 0;
}

bool SymmetricSearch::run(long long iterations) {
    const long long stall = 500 + 50LL * n_;
    std::vector<int> conflicted;
    for (long long k = 0; k < iterations && cost_ > 0; ++k) {
        int best_r = -1, best_a = -1, best_b = -1, ties = 0;
        long long best_delta = 0;
        for (int r = 0; r < base_; ++r) {
            conflicted.clear();
            for (const auto& group : groups_[r])
                for (int a : group)
                    for (int c : group)
                        if (c != a && count_[orbit_of_[static_cast<std::size_t>(a) * n_ + c]] *
                                              weight_[orbit_of_[static_cast<std::size_t>(a) * n_ + c]] > 1) {
                            conflicted.push_back(a);
                            break;
                        }
            for (int a : conflicted) {
                const int ka = group_of_[r][a];
                for (int b = 0; b < n_; ++b) {
                    if (group_of_[r][b] == ka) continue;
                    const long long delta = swap_delta(r, a, b);
                    const bool tabu = tabu_[static_cast<std::size_t>(r) * n_ + a] > iterations_ ||
                                      tabu_[static_cast<std::size_t>(r) * n_ + b] > iterations_;
                    if (tabu && cost_ + delta >= best_cost_) continue;
                    if (best_r < 0 || delta < best_delta) {
                        best_r = r, best_a = a, best_b = b, best_delta = delta, ties = 1;
                    } else if (delta == best_delta && rng_.below(++ties) == 0) {
                        best_r = r, best_a = a, best_b = b;
                    }
                }
            }
        }
        ++iterations_;
        ++since_best_;
        if (best_r < 0) {
            perturb();
            continue;
        }
        apply_swap(best_r, best_a, best_b);
        const long long tenure = 3 + rng_.below(8);
        tabu_[static_cast<std::size_t>(best_r) * n_ + best_a] = iterations_ + tenure;
        tabu_[static_cast<std::size_t>(best_r) * n_ + best_b] = iterations_ + tenure;
        if (cost_ < best_cost_) {
            best_cost_ = cost_;
            best_ = group_of_;
            since_best_ = 0;
        } else if (since_best_ > stall) {
            perturb();
        }
    }
    return cost_ == 0;
}

Schedule SymmetricSearch::expand() const {
    Schedule s;
    const int finite = levels_ * m_;
    for (int r = 0; r < base_; ++r)
        for (int shift = 0; shift < m_; ++shift) {
            std::vector<std::vector<int>> round;
            for (const auto& group : groups_[r]) {
                std::vector<int> moved;
                for (int p : group) moved.push_back(p >= finite ? p : (p / m_) * m_ + (p % m_ + shift) % m_);
                std::sort(moved.begin(), moved.end());
                round.push_back(moved);
            }
            std::sort(round.begin(), round.end());
            s.push_back(round);
        }
    return s;
}

}  // namespace kollega::groups

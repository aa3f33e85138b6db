#include "core/groups/pairing.hpp"

#include <algorithm>
#include <limits>

namespace kollega::groups {

std::vector<int> min_cost_assignment(int rows, int columns, const std::vector<long long>& cost) {
    // The e-maxx formulation of the Hungarian method with potentials (1-based, column 0 a sentinel).
    const long long inf = std::numeric_limits<long long>::max() / 4;
    const auto n = static_cast<std::size_t>(rows), m = static_cast<std::size_t>(columns);
    std::vector<long long> u(n + 1, 0), v(m + 1, 0);
    std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
    for (std::size_t i = 1; i <= n; ++i) {
        p[0] = i;
        std::size_t j0 = 0;
        std::vector<long long> minv(m + 1, inf);
        std::vector<char> used(m + 1, 0);
        do {
            used[j0] = 1;
            const std::size_t i0 = p[j0];
            long long delta = inf;
            std::size_t j1 = 0;
            for (std::size_t j = 1; j <= m; ++j) {
                if (used[j]) continue;
                const long long cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for (std::size_t j = 0; j <= m; ++j) {
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            const std::size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0 != 0);
    }
    std::vector<int> result(n, -1);
    for (std::size_t j = 1; j <= m; ++j)
        if (p[j] != 0) result[p[j] - 1] = static_cast<int>(j - 1);
    return result;
}

namespace {

/// The preference table under reduction: each list keeps its order; pairs are deleted from both
/// sides at once.
class Table {
public:
    explicit Table(const std::vector<std::vector<int>>& prefs) : prefs_(prefs), n_(prefs.size()) {
        rank_.assign(n_ * n_, -1);
        alive_.assign(n_ * n_, 0);
        for (std::size_t p = 0; p < n_; ++p)
            for (std::size_t k = 0; k < prefs[p].size(); ++k) rank_[p * n_ + prefs[p][k]] = static_cast<int>(k);
        // Only mutual acceptance counts.
        for (std::size_t p = 0; p < n_; ++p)
            for (int q : prefs[p])
                if (rank_[static_cast<std::size_t>(q) * n_ + p] >= 0) alive_[p * n_ + q] = 1;
        head_.assign(n_, 0);
        tail_.assign(n_, 0);
        for (std::size_t p = 0; p < n_; ++p) tail_[p] = static_cast<int>(prefs[p].size()) - 1;
    }

    bool alive(int p, int q) const { return alive_[idx(p, q)] != 0; }
    int rank(int p, int q) const { return rank_[idx(p, q)]; }
    void remove(int p, int q) { alive_[idx(p, q)] = alive_[idx(q, p)] = 0; }

    /// The first alive entry of p's list, or -1.
    int first(int p) {
        auto& h = head_[static_cast<std::size_t>(p)];
        const auto& list = prefs_[static_cast<std::size_t>(p)];
        while (h < static_cast<int>(list.size()) && !alive(p, list[static_cast<std::size_t>(h)])) ++h;
        return h < static_cast<int>(list.size()) ? list[static_cast<std::size_t>(h)] : -1;
    }
    /// The second alive entry of p's list, or -1.
    int second(int p) {
        if (first(p) == -1) return -1;
        const auto& list = prefs_[static_cast<std::size_t>(p)];
        for (auto k = static_cast<std::size_t>(head_[static_cast<std::size_t>(p)]) + 1; k < list.size(); ++k)
            if (alive(p, list[k])) return list[k];
        return -1;
    }
    /// The last alive entry of p's list, or -1.
    int last(int p) {
        auto& t = tail_[static_cast<std::size_t>(p)];
        const auto& list = prefs_[static_cast<std::size_t>(p)];
        while (t >= 0 && !alive(p, list[static_cast<std::size_t>(t)])) --t;
        return t >= 0 ? list[static_cast<std::size_t>(t)] : -1;
    }
    /// Deletes every entry of p's list that p ranks below q (both directions).
    void cut_after(int p, int q) {
        const auto& list = prefs_[static_cast<std::size_t>(p)];
        for (auto k = static_cast<std::size_t>(rank(p, q)) + 1; k < list.size(); ++k)
            if (alive(p, list[k])) remove(p, list[k]);
    }

private:
    std::size_t idx(int p, int q) const { return static_cast<std::size_t>(p) * n_ + static_cast<std::size_t>(q); }
    const std::vector<std::vector<int>>& prefs_;
    std::size_t n_;
    std::vector<int> rank_;
    std::vector<char> alive_;
    std::vector<int> head_, tail_;
};

}  // namespace

std::optional<std::vector<int>> stable_roommates(const std::vector<std::vector<int>>& prefs) {
    const int n = static_cast<int>(prefs.size());
    Table t(prefs);
    // Phase 1: proposals. held[q] is the proposer q holds.
    std::vector<int> held(static_cast<std::size_t>(n), -1), free;
    for (int p = n - 1; p >= 0; --p) free.push_back(p);
    while (!free.empty()) {
        const int p = free.back();
        free.pop_back();
        for (;;) {
            const int q = t.first(p);
            if (q == -1) break;  // p's list is exhausted: unmatched
            const int h = held[static_cast<std::size_t>(q)];
            if (h == -1 || t.rank(q, p) < t.rank(q, h)) {
                held[static_cast<std::size_t>(q)] = p;
                // q rejects everyone it ranks below p (h among them), who propose again.
                const auto& list = prefs[static_cast<std::size_t>(q)];
                for (auto k = static_cast<std::size_t>(t.rank(q, p)) + 1; k < list.size(); ++k) {
                    const int z = list[k];
                    if (!t.alive(q, z)) continue;
                    t.remove(q, z);
                    if (z == h) free.push_back(h);
                    if (held[static_cast<std::size_t>(z)] == q) {  // q's own proposal to z is void now
                        held[static_cast<std::size_t>(z)] = -1;
                        free.push_back(q);
                    }
                }
                break;
            }
            t.remove(p, q);  // q rejects p
        }
    }
    // Phase 2: eliminate rotations while some list has two or more entries.
    for (;;) {
        int start = -1;
        for (int p = 0; p < n && start == -1; ++p)
            if (t.second(p) != -1) start = p;
        if (start == -1) break;
        std::vector<int> xs;
        std::vector<int> seen(static_cast<std::size_t>(n), -1);
        int x = start;
        while (seen[static_cast<std::size_t>(x)] == -1) {
            seen[static_cast<std::size_t>(x)] = static_cast<int>(xs.size());
            xs.push_back(x);
            const int y = t.second(x);
            x = t.last(y);
            if (x == -1) return std::nullopt;
        }
        const std::vector<int> cycle(xs.begin() + seen[static_cast<std::size_t>(x)], xs.end());
        // Each x_i moves from its first to its second: y_{i+1} = second(x_i) keeps x_i and drops
        // everyone it ranks below x_i.
        std::vector<int> seconds;
        for (int xi : cycle) seconds.push_back(t.second(xi));
        for (std::size_t i = 0; i < cycle.size(); ++i) t.cut_after(seconds[i], cycle[i]);
        for (int p = 0; p < n; ++p)
            if (t.first(p) == -1 && held[static_cast<std::size_t>(p)] != -1) {
                // p held a proposal after phase 1, so p was matched there; an empty list now means
                // no stable matching exists.
                return std::nullopt;
            }
    }
    std::vector<int> partner(static_cast<std::size_t>(n), -1);
    for (int p = 0; p < n; ++p) partner[static_cast<std::size_t>(p)] = t.first(p);
    for (int p = 0; p < n; ++p) {
        const int q = partner[static_cast<std::size_t>(p)];
        if (q != -1 && partner[static_cast<std::size_t>(q)] != p) return std::nullopt;  // defensive
    }
    return partner;
}

std::vector<std::pair<int, int>> blocking_pairs(const std::vector<std::vector<int>>& prefs, const std::vector<int>& partner) {
    const std::size_t n = prefs.size();
    std::vector<int> rank(n * n, -1);
    for (std::size_t p = 0; p < n; ++p)
        for (std::size_t k = 0; k < prefs[p].size(); ++k) rank[p * n + prefs[p][k]] = static_cast<int>(k);
    auto prefers = [&](int p, int q) {  // p would rather have q than its partner
        const int r = rank[static_cast<std::size_t>(p) * n + q];
        if (r < 0) return false;
        const int mate = partner[static_cast<std::size_t>(p)];
        return mate == -1 || r < rank[static_cast<std::size_t>(p) * n + mate];
    };
    std::vector<std::pair<int, int>> out;
    for (int p = 0; p < static_cast<int>(n); ++p)
        for (int q = p + 1; q < static_cast<int>(n); ++q)
            if (partner[static_cast<std::size_t>(p)] != q && prefers(p, q) && prefers(q, p)) out.emplace_back(p, q);
    return out;
}

}  // namespace kollega::groups

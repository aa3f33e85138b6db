// The search: a constructed schedule where a finite-field design fits, else a greedy start
// (hardest people first, each into the group where they cost least) improved by tabu search on
// swaps between groups of one round (Dotú & Van Hentenryck), with perturbation from the best
// schedule when the search stalls. Costs are kept incrementally over a meeting-count matrix.
// docs/groups-engine.md explains the choices.
#include "core/groups/golfer.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/groups/construction.hpp"
#include "core/groups/golfer_internal.hpp"
#include "core/groups/golfer_rng.hpp"
#include "core/groups/golfer_symmetric.hpp"

namespace kollega::groups {

namespace {

/// A change of the cost components.
struct Delta {
    long long hard = 0;
    long long rsq = 0;
    long long rep = 0;
    long long soft = 0;
};

/// Lexicographic (hard, repeats squared, soft), like Cost.
bool less(const Delta& a, const Delta& b) {
    if (a.hard != b.hard) return a.hard < b.hard;
    if (a.rsq != b.rsq) return a.rsq < b.rsq;
    return a.soft < b.soft;
}

/// One round: groups (slots) with fixed sizes; locked groups are fixed slots.
struct Round {
    std::vector<std::vector<int>> groups;
    std::vector<int> group_of;        ///< slot per person
    std::vector<std::uint8_t> fixed;  ///< per slot: locked by the admin
};

}  // namespace

struct Search::Impl {
    Problem problem;
    detail::Dense d;
    detail::Components comps;
    int n = 0;
    int rounds = 0;
    std::vector<Round> cur;
    std::vector<std::vector<int>> best_assign;  ///< slot per person per round of the best
    std::vector<std::uint16_t> met;             ///< history + current schedule, n*n
    Cost cost;                                  ///< of cur
    Cost best;
    mutable Schedule best_schedule;
    mutable bool best_dirty = true;
    long long iterations = 0;
    long long lower_bound = 0;
    long long soft_bound = 0;
    long long since_best = 0;
    int stalls = 0;
    bool finished = false;
    std::string method = "search";
    bool use_constructions = true;
    std::vector<std::unique_ptr<SymmetricSearch>> symmetric;  ///< one per group order, taking turns
    std::size_t symmetric_next = 0;
    Rng rng;
    std::vector<int> tabu_group;  ///< per round*n+person: the slot they left
    std::vector<long long> tabu_until;
    std::vector<int> mark;
    int stamp = 0;
    // Gain tables (Dotú & Van Hentenryck evaluate swaps in O(1) the same way): for round r,
    // person p and slot g, the repeats^2 that p would add by joining g; and what p would save by
    // leaving its own group. Kept when rounds*n*slots is at most 8M entries.
    bool tables = false;
    bool plain = true;  ///< no forbidden pairs, kept units or soft costs: swaps change repeats only
    int slots = 0;      ///< the most groups in a round
    std::vector<int> gain, loss;
    struct Change {
        int p, q, by;
    };
    std::vector<Change> changes;

    Impl(const Problem& p, std::uint64_t seed) : problem(p), rng(seed) {}

    std::size_t at(int a, int b) const { return static_cast<std::size_t>(a) * n + b; }
    bool same_unit(int a, int b) const { return a != b && comps.of[a] == comps.of[b]; }

    void start();
    void greedy();
    void freedom_greedy();
    void set_schedule(const Schedule& schedule);
    bool try_relabelled_construction();
    bool pure() const;
    bool install(const Schedule& schedule, const std::string& name);
    long long run_symmetric(long long iterations);
    void rebuild();
    void save_best();
    void restore(const std::vector<std::vector<int>>& assign);
    Delta delta(const Round& rd, int ga, const std::vector<int>& xs, int gb, const std::vector<int>& ys);
    void apply(int r, int ga, const std::vector<int>& xs, int gb, const std::vector<int>& ys, const Delta& dl);
    void change_meetings(int p, int q, int by);
    void build_tables();
    Delta swap_delta(int r, int a, int ga, int b, int gb);
    static int increase(int m) { return m >= 1 ? 2 * m - 1 : 0; }  ///< repeats^2 added by one more meeting
    static int decrease(int m) { return m >= 2 ? 2 * m - 3 : 0; }  ///< repeats^2 saved by one fewer
    int& gain_at(int r, int p, int g) { return gain[(static_cast<std::size_t>(r) * n + p) * slots + g]; }
    bool unit_intact(const Round& rd, int person) const;
    bool step();
    void perturb();
    bool at_bounds() const {
        return cost.hard == 0 && cost.repeats_squared <= lower_bound && cost.soft <= soft_bound;
    }
};

void Search::Impl::start() {
    n = problem.people;
    rounds = problem.rounds;
    d = detail::dense(problem);
    comps = detail::keep_components(problem);
    lower_bound = detail::repeats_lower_bound(problem);
    soft_bound = d.any_cost ? detail::soft_lower_bound(problem) : 0;
    tabu_group.assign(static_cast<std::size_t>(rounds) * n, -1);
    tabu_until.assign(static_cast<std::size_t>(rounds) * n, 0);
    mark.assign(n, 0);
    for (const auto& sizes : group_sizes(problem)) slots = std::max(slots, static_cast<int>(sizes.size()));
    plain = !d.any_cost && std::none_of(d.forbidden.begin(), d.forbidden.end(), [](std::uint8_t f) { return f != 0; }) &&
            std::all_of(comps.members.begin(), comps.members.end(), [](const auto& m) { return m.size() == 1; });
    tables = static_cast<long long>(rounds) * n * slots <= (4LL << 20);
    if (tables) {
        gain.assign(static_cast<std::size_t>(rounds) * n * slots, 0);
        loss.assign(static_cast<std::size_t>(rounds) * n, 0);
    }
    // A construction answers a pure instance at once; otherwise a greedy start for the search.
    bool constructed = false;
    if (use_constructions && pure()) {
        Construction built = construct(n / problem.min_size, problem.min_size, rounds);
        if (!built.schedule.empty()) {
            set_schedule(built.schedule);
            method = built.name;
            constructed = true;
        }
    }
    if (!constructed) {
        if (pure() && n <= 64) {
            freedom_greedy();
        } else {
            greedy();
        }
    }
    save_best();
    if (use_constructions && !constructed && !pure()) try_relabelled_construction();
    if (use_constructions && !constructed && pure() && n <= 512)
        for (int m : SymmetricSearch::orders(n / problem.min_size, problem.min_size, rounds))
            symmetric.push_back(std::make_unique<SymmetricSearch>(n / problem.min_size, problem.min_size, rounds, m,
                                                                  rng.next()));
    // Nothing can move when no round has two free groups.
    bool movable = false;
    for (const auto& rd : cur) movable = movable || std::count(rd.fixed.begin(), rd.fixed.end(), 0) >= 2;
    finished = at_bounds() || !movable;
}

bool Search::Impl::unit_intact(const Round& rd, int person) const {
    const auto& members = comps.members[comps.of[person]];
    for (int m : members)
        if (rd.group_of[m] != rd.group_of[person]) return false;
    return true;
}

// Greedy start in the spirit of Triska & Musliu: round by round, locked groups first, then kept
// sets, then people in order of how constrained they already are (met or forbidden with many),
// each into the open group where they add the least cost; ties broken at random.
void Search::Impl::greedy() {
    const auto sizes = group_sizes(problem);
    cur.assign(rounds, Round{});
    met = d.met;
    std::vector<int> degree(n);
    for (int r = 0; r < rounds; ++r) {
        Round& rd = cur[r];
        rd.group_of.assign(n, -1);
        std::vector<int> room;
        for (const auto& lock : problem.locked) {
            if (lock.round != r) continue;
            const auto slot = static_cast<int>(rd.groups.size());
            rd.groups.push_back(lock.members);
            rd.fixed.push_back(1);
            room.push_back(0);
            for (int m : lock.members) rd.group_of[m] = slot;
        }
        for (std::size_t g = rd.groups.size(); g < sizes[r].size(); ++g) {
            rd.groups.emplace_back();
            rd.fixed.push_back(0);
            room.push_back(sizes[r][g]);
        }
        // Units to place: kept sets (whole), then everyone else.
        std::vector<std::vector<int>> units;
        std::vector<int> singles;
        for (const auto& members : comps.members) {
            if (rd.group_of[members[0]] >= 0) continue;
            if (members.size() > 1) {
                units.push_back(members);
            } else {
                singles.push_back(members[0]);
            }
        }
        std::sort(units.begin(), units.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
        for (int p : singles) {
            int deg = 0;
            for (int q = 0; q < n; ++q) deg += (met[at(p, q)] > 0 || d.forbidden[at(p, q)]) ? 1 : 0;
            degree[p] = deg;
        }
        for (std::size_t i = singles.size(); i > 1; --i) std::swap(singles[i - 1], singles[rng.below(static_cast<int>(i))]);
        std::stable_sort(singles.begin(), singles.end(), [&](int a, int b) { return degree[a] > degree[b]; });
        for (int p : singles) units.push_back({p});
        for (const auto& unit : units) {
            int chosen = -1;
            Delta chosen_cost;
            int ties = 0;
            for (std::size_t g = 0; g < rd.groups.size(); ++g) {
                if (rd.fixed[g] || room[g] < static_cast<int>(unit.size())) continue;
                Delta c;
                for (int x : unit)
                    for (int y : rd.groups[g]) {
                        const int m = met[at(x, y)];
                        c.hard += d.forbidden[at(x, y)];
                        c.rsq += m >= 1 ? 2 * m - 1 : 0;
                        c.soft += d.cost[at(x, y)];
                    }
                if (chosen < 0 || less(c, chosen_cost)) {
                    chosen = static_cast<int>(g);
                    chosen_cost = c;
                    ties = 1;
                } else if (!less(chosen_cost, c) && rng.below(++ties) == 0) {
                    chosen = static_cast<int>(g);
                }
            }
            if (chosen < 0) {
                // A kept set that does not fit whole (validate() reports this): place it apart.
                for (int x : unit)
                    for (std::size_t g = 0; g < rd.groups.size(); ++g)
                        if (!rd.fixed[g] && room[g] > 0) {
                            rd.groups[g].push_back(x);
                            rd.group_of[x] = static_cast<int>(g);
                            --room[g];
                            break;
                        }
                continue;
            }
            for (int x : unit) {
                for (int y : rd.groups[chosen]) {
                    ++met[at(x, y)];
                    ++met[at(y, x)];
                }
                rd.groups[chosen].push_back(x);
                rd.group_of[x] = chosen;
            }
            room[chosen] -= static_cast<int>(unit.size());
        }
    }
    rebuild();
}

// Triska & Musliu's greedy start for pure golfer instances: each group of a round begins with
// the pair of unplaced people who have not met and leave the most freedom (unplaced people who
// have met neither), and grows by the person who keeps the most freedom; ties at random.
void Search::Impl::freedom_greedy() {
    const int s = problem.min_size;
    const int groups = n / s;
    cur.assign(rounds, Round{});
    met = d.met;
    std::vector<int> free_people;
    std::vector<int> group;
    for (int r = 0; r < rounds; ++r) {
        Round& rd = cur[r];
        rd.group_of.assign(n, -1);
        rd.groups.assign(groups, {});
        rd.fixed.assign(groups, 0);
        free_people.resize(n);
        for (int p = 0; p < n; ++p) free_people[p] = p;
        for (int g = 0; g < groups; ++g) {
            group.clear();
            // Freedom of the group plus candidate c: free people who met nobody in it and not c.
            const auto freedom = [&](int c) {
                int count = 0;
                for (int x : free_people) {
                    if (x == c || met[at(x, c)]) continue;
                    bool ok = true;
                    for (int y : group)
                        if (x == y || met[at(x, y)]) ok = false;
                    count += ok ? 1 : 0;
                }
                return count;
            };
            while (static_cast<int>(group.size()) < s) {
                int chosen = -1, chosen_pair = -1, most = -1, ties = 0, clash_best = 1 << 30;
                if (group.empty() && s >= 2) {
                    for (std::size_t i = 0; i < free_people.size(); ++i)
                        for (std::size_t j = i + 1; j < free_people.size(); ++j) {
                            const int a = free_people[i];
                            const int b = free_people[j];
                            const int clash = met[at(a, b)];
                            if (clash > clash_best) continue;
                            group.push_back(a);
                            const int f = freedom(b);
                            group.pop_back();
                            if (clash < clash_best || f > most) {
                                clash_best = clash, most = f, chosen = a, chosen_pair = b, ties = 1;
                            } else if (f == most && rng.below(++ties) == 0) {
                                chosen = a, chosen_pair = b;
                            }
                        }
                } else {
                    for (int c : free_people) {
                        int clash = 0;
                        for (int y : group) clash += met[at(c, y)];
                        if (clash > clash_best) continue;
                        const int f = freedom(c);
                        if (clash < clash_best || f > most) {
                            clash_best = clash, most = f, chosen = c, ties = 1;
                        } else if (f == most && rng.below(++ties) == 0) {
                            chosen = c;
                        }
                    }
                }
                for (int c : {chosen, chosen_pair}) {
                    if (c < 0) continue;
                    for (int y : group) {
                        ++met[at(c, y)];
                        ++met[at(y, c)];
                    }
                    group.push_back(c);
                    free_people.erase(std::find(free_people.begin(), free_people.end(), c));
                }
            }
            for (int p : group) rd.group_of[p] = g;
            rd.groups[g] = group;
        }
    }
    rebuild();
}

// Recomputes the meeting matrix and every cost component from `cur`.
void Search::Impl::rebuild() {
    met = d.met;
    cost = Cost{};
    for (const auto& rd : cur)
        for (const auto& group : rd.groups)
            for (std::size_t i = 0; i < group.size(); ++i)
                for (std::size_t j = i + 1; j < group.size(); ++j) {
                    const int a = group[i];
                    const int b = group[j];
                    ++met[at(a, b)];
                    ++met[at(b, a)];
                    cost.hard += d.forbidden[at(a, b)];
                    cost.soft += d.cost[at(a, b)];
                }
    for (int a = 0; a < n; ++a)
        for (int b = a + 1; b < n; ++b) {
            const long long m = met[at(a, b)];
            cost.repeats_squared += detail::repeat_square(m);
            cost.repeats += m > 1 ? m - 1 : 0;
        }
    for (const auto& rd : cur)
        for (const auto& members : comps.members)
            for (std::size_t i = 0; i < members.size(); ++i)
                for (std::size_t j = i + 1; j < members.size(); ++j)
                    if (rd.group_of[members[i]] != rd.group_of[members[j]]) ++cost.hard;
    build_tables();
}

void Search::Impl::save_best() {
    best = cost;
    best_assign.resize(rounds);
    for (int r = 0; r < rounds; ++r) best_assign[r] = cur[r].group_of;
    best_dirty = true;
    since_best = 0;
}

void Search::Impl::restore(const std::vector<std::vector<int>>& assign) {
    for (int r = 0; r < rounds; ++r) {
        Round& rd = cur[r];
        for (auto& group : rd.groups) group.clear();
        rd.group_of = assign[r];
        for (int p = 0; p < n; ++p) rd.groups[rd.group_of[p]].push_back(p);
    }
    rebuild();
}

// A pure social golfer instance: equal sizes, no history, no pins, no forbidden pairs, no soft
// costs. (Constrained problems go to the search; see docs/groups-engine.md.)
bool Search::Impl::pure() const {
    if (!problem.keep_together.empty() || !problem.locked.empty() || d.any_cost) return false;
    if (std::any_of(d.forbidden.begin(), d.forbidden.end(), [](std::uint8_t f) { return f != 0; })) return false;
    if (std::any_of(d.met.begin(), d.met.end(), [](std::uint16_t m) { return m != 0; })) return false;
    return problem.min_size == problem.max_size && n % problem.min_size == 0;
}

// Makes `schedule` the current one; keeps it as the best when it is better. False (and the best
// restored as current) otherwise.
void Search::Impl::set_schedule(const Schedule& schedule) {
    cur.assign(rounds, Round{});
    for (int r = 0; r < rounds; ++r) {
        Round& rd = cur[r];
        rd.groups = schedule[r];
        rd.fixed.assign(rd.groups.size(), 0);
        rd.group_of.assign(n, -1);
        for (std::size_t g = 0; g < rd.groups.size(); ++g)
            for (int p : rd.groups[g]) rd.group_of[p] = static_cast<int>(g);
    }
    rebuild();
}

bool Search::Impl::install(const Schedule& schedule, const std::string& name) {
    set_schedule(schedule);
    if (!(cost < best)) {
        restore(best_assign);
        return false;
    }
    save_best();
    method = name;
    return true;
}


// A construction for a constrained problem of equal groups (forbidden pairs, history, soft
// costs; no kept sets or locked groups): the constructed schedule is relabelled — which person
// plays which point of the design — by a local search over swaps of two labels, minimising
// (hard, repeats, soft) of the relabelled schedule. Installed when better than the greedy start.
bool Search::Impl::try_relabelled_construction() {
    if (!problem.locked.empty() || problem.min_size != problem.max_size || n % problem.min_size != 0 || n > 128) return false;
    if (std::any_of(comps.members.begin(), comps.members.end(), [](const auto& m) { return m.size() > 1; })) return false;
    const Construction built = construct(n / problem.min_size, problem.min_size, rounds);
    if (built.schedule.empty()) return false;
    std::vector<std::vector<int>> partners(n);
    for (const auto& round : built.schedule)
        for (const auto& group : round)
            for (int u : group)
                for (int x : group)
                    if (x != u) partners[u].push_back(x);
    std::vector<int> label(n);
    std::iota(label.begin(), label.end(), 0);
    for (int i = n; i > 1; --i) std::swap(label[i - 1], label[rng.below(i)]);
    // The cost of people a and b meeting once more: forbidden, one more repeat, soft.
    const auto pair_delta = [&](Delta& dl, int a, int b, int sign) {
        dl.hard += sign * d.forbidden[at(a, b)];
        dl.rsq += sign * increase(d.met[at(a, b)]);
        dl.soft += sign * static_cast<long long>(d.cost[at(a, b)]);
    };
    const auto swap_cost = [&](int u, int v) {
        Delta dl;
        for (int x : partners[u])
            if (x != v) {
                pair_delta(dl, label[u], label[x], -1);
                pair_delta(dl, label[v], label[x], +1);
            }
        for (int x : partners[v])
            if (x != u) {
                pair_delta(dl, label[v], label[x], -1);
                pair_delta(dl, label[u], label[x], +1);
            }
        return dl;
    };
    Delta total;
    for (int u = 0; u < n; ++u)
        for (int x : partners[u])
            if (u < x) pair_delta(total, label[u], label[x], +1);
    std::vector<int> best_label = label;
    Delta best_total = total;
    // Each step looks at every swap: about n^2 * s * rounds work; at most ~4e7 in all.
    const long long per_step = static_cast<long long>(n) * n * problem.min_size * rounds;
    const long long budget = std::max<long long>(20, std::min<long long>(50LL * n, 40000000LL / std::max<long long>(1, per_step)));
    for (long long it = 0; it < budget && (best_total.hard > 0 || best_total.rsq > 0 || best_total.soft > 0); ++it) {
        int bu = -1, bv = -1, ties = 0;
        Delta chosen;
        for (int u = 0; u < n; ++u)
            for (int v = u + 1; v < n; ++v) {
                const Delta dl = swap_cost(u, v);
                if (bu < 0 || less(dl, chosen)) {
                    bu = u, bv = v, chosen = dl, ties = 1;
                } else if (!less(chosen, dl) && rng.below(++ties) == 0) {
                    bu = u, bv = v;
                }
            }
        if (!less(chosen, Delta{})) {
            // A local minimum: a random swap to leave it.
            bu = rng.below(n);
            bv = rng.below(n);
            if (bu == bv) continue;
            chosen = swap_cost(bu, bv);
        }
        std::swap(label[bu], label[bv]);
        total.hard += chosen.hard;
        total.rsq += chosen.rsq;
        total.soft += chosen.soft;
        if (less(total, best_total)) {
            best_total = total;
            best_label = label;
        }
    }
    Schedule relabelled = built.schedule;
    for (auto& round : relabelled) {
        for (auto& group : round) {
            for (int& u : group) u = best_label[u];
            std::sort(group.begin(), group.end());
        }
        std::sort(round.begin(), round.end());
    }
    return install(relabelled, std::string("relabelled-") + built.name);
}

// Steps of the symmetric searches, in turns; installs the first zero-repeat schedule found.
long long Search::Impl::run_symmetric(long long steps) {
    SymmetricSearch& search = *symmetric[symmetric_next];
    symmetric_next = (symmetric_next + 1) % symmetric.size();
    const long long before = search.iterations();
    const bool solved = search.run(steps);
    const long long used = search.iterations() - before;
    if (solved) {
        install(search.expand(), "symmetric-search");
        symmetric.clear();
        finished = at_bounds();
    }
    return used;
}

// The cost change of swapping the people `xs` (all in slot ga) with `ys` (all in slot gb).
Delta Search::Impl::delta(const Round& rd, int ga, const std::vector<int>& xs, int gb, const std::vector<int>& ys) {
    ++stamp;
    for (int x : xs) mark[x] = stamp;
    for (int y : ys) mark[y] = stamp;
    Delta dl;
    const auto joins = [&](int p, int q) {
        const std::size_t i = at(p, q);
        const int m = met[i];
        if (m >= 1) {
            dl.rsq += 2 * m - 1;
            ++dl.rep;
        }
        dl.hard += d.forbidden[i];
        if (same_unit(p, q)) --dl.hard;
        dl.soft += d.cost[i];
    };
    const auto leaves = [&](int p, int q) {
        const std::size_t i = at(p, q);
        const int m = met[i];
        if (m >= 2) {
            dl.rsq -= 2 * m - 3;
            --dl.rep;
        }
        dl.hard -= d.forbidden[i];
        if (same_unit(p, q)) ++dl.hard;
        dl.soft -= d.cost[i];
    };
    for (int c : rd.groups[ga]) {
        if (mark[c] == stamp) continue;
        for (int x : xs) leaves(x, c);
        for (int y : ys) joins(y, c);
    }
    for (int c : rd.groups[gb]) {
        if (mark[c] == stamp) continue;
        for (int y : ys) leaves(y, c);
        for (int x : xs) joins(x, c);
    }
    return dl;
}

void Search::Impl::apply(int r, int ga, const std::vector<int>& xs, int gb, const std::vector<int>& ys, const Delta& dl) {
    Round& rd = cur[r];
    ++stamp;
    for (int x : xs) mark[x] = stamp;
    for (int y : ys) mark[y] = stamp;
    // The pairs whose meetings change, read from the groups before the move.
    changes.clear();
    for (int c : rd.groups[ga]) {
        if (mark[c] == stamp) continue;
        for (int x : xs) changes.push_back({x, c, -1});
        for (int y : ys) changes.push_back({y, c, +1});
    }
    for (int c : rd.groups[gb]) {
        if (mark[c] == stamp) continue;
        for (int y : ys) changes.push_back({y, c, -1});
        for (int x : xs) changes.push_back({x, c, +1});
    }
    auto& a = rd.groups[ga];
    auto& b = rd.groups[gb];
    for (std::size_t k = 0; k < xs.size(); ++k) {
        std::replace(a.begin(), a.end(), xs[k], ys[k]);
        std::replace(b.begin(), b.end(), ys[k], xs[k]);
        rd.group_of[xs[k]] = gb;
        rd.group_of[ys[k]] = ga;
    }
    if (tables) {
        // Moved people change the gain of everyone toward groups ga and gb of this round.
        for (std::size_t k = 0; k < xs.size(); ++k)
            for (int p = 0; p < n; ++p) {
                const int ix = increase(met[at(p, xs[k])]);
                const int iy = increase(met[at(p, ys[k])]);
                gain_at(r, p, ga) += iy - ix;
                gain_at(r, p, gb) += ix - iy;
            }
    }
    for (const Change& c : changes) change_meetings(c.p, c.q, c.by);
    if (tables) {
        for (int g : {ga, gb})
            for (int p : rd.groups[g]) {
                int sum = 0;
                for (int c : rd.groups[g])
                    if (c != p) sum += decrease(met[at(p, c)]);
                loss[static_cast<std::size_t>(r) * n + p] = sum;
            }
    }
    cost.hard += dl.hard;
    cost.repeats_squared += dl.rsq;
    cost.repeats += dl.rep;
    cost.soft += dl.soft;
}

// One more (or one fewer) meeting of p and q, with the gain tables of every round.
void Search::Impl::change_meetings(int p, int q, int by) {
    const int old = met[at(p, q)];
    const int now = old + by;
    met[at(p, q)] = static_cast<std::uint16_t>(now);
    met[at(q, p)] = static_cast<std::uint16_t>(now);
    if (!tables) return;
    const int di = increase(now) - increase(old);
    const int dd = decrease(now) - decrease(old);
    for (int r = 0; r < rounds; ++r) {
        const int gp = cur[r].group_of[p];
        const int gq = cur[r].group_of[q];
        gain_at(r, p, gq) += di;
        gain_at(r, q, gp) += di;
        if (gp == gq) {
            loss[static_cast<std::size_t>(r) * n + p] += dd;
            loss[static_cast<std::size_t>(r) * n + q] += dd;
        }
    }
}

// The gain and loss tables from scratch (after rebuild()).
void Search::Impl::build_tables() {
    if (!tables) return;
    std::fill(gain.begin(), gain.end(), 0);
    std::fill(loss.begin(), loss.end(), 0);
    for (int r = 0; r < rounds; ++r)
        for (int p = 0; p < n; ++p)
            for (int q = 0; q < n; ++q) {
                if (q == p) continue;
                const int m = met[at(p, q)];
                gain_at(r, p, cur[r].group_of[q]) += increase(m);
                if (cur[r].group_of[q] == cur[r].group_of[p]) loss[static_cast<std::size_t>(r) * n + p] += decrease(m);
            }
}

// The cost change of swapping single people a (slot ga) and b (slot gb) of round r, from the
// tables: O(1) for the repeats; hard and soft by a pass over the two groups when the problem
// has any. (`repeats` is left 0: apply() gets the exact delta.)
Delta Search::Impl::swap_delta(int r, int a, int ga, int b, int gb) {
    Delta dl;
    const int ab = increase(met[at(a, b)]);
    dl.rsq = gain_at(r, a, gb) - ab + gain_at(r, b, ga) - ab - loss[static_cast<std::size_t>(r) * n + a] -
             loss[static_cast<std::size_t>(r) * n + b];
    if (plain) return dl;
    const Round& rd = cur[r];
    for (int c : rd.groups[ga]) {
        if (c == a) continue;
        dl.hard += d.forbidden[at(b, c)] - d.forbidden[at(a, c)] + (same_unit(a, c) ? 1 : 0) - (same_unit(b, c) ? 1 : 0);
        dl.soft += static_cast<long long>(d.cost[at(b, c)]) - d.cost[at(a, c)];
    }
    for (int c : rd.groups[gb]) {
        if (c == b) continue;
        dl.hard += d.forbidden[at(a, c)] - d.forbidden[at(b, c)] + (same_unit(b, c) ? 1 : 0) - (same_unit(a, c) ? 1 : 0);
        dl.soft += static_cast<long long>(d.cost[at(a, c)]) - d.cost[at(b, c)];
    }
    return dl;
}

// One tabu step: the best non-tabu swap in any round that moves a person in conflict (or, with
// no conflict left, a sample of people while soft costs remain). Returns false when no move exists.
bool Search::Impl::step() {
    struct Move {
        int r = -1, ga = -1, gb = -1;
        std::vector<int> xs, ys;
        Delta dl;
    };
    Move chosen;
    int ties = 0;
    bool any_conflict = false;
    std::vector<int> xs, ys;
    std::vector<int> candidates;
    const auto consider = [&](int r, int a, bool sample) {
        const Round& rd = cur[r];
        const int ga = rd.group_of[a];
        if (rd.fixed[ga]) return;
        xs.clear();
        const auto& unit = comps.members[comps.of[a]];
        if (unit.size() > 1 && unit_intact(rd, a)) {
            if (unit[0] != a && !sample) return;  // the unit moves once, from its first member
            xs = unit;
        } else {
            xs.push_back(a);
        }
        for (std::size_t gb = 0; gb < rd.groups.size(); ++gb) {
            if (static_cast<int>(gb) == ga || rd.fixed[gb]) continue;
            const auto& group = rd.groups[gb];
            for (std::size_t k = 0; k < group.size(); ++k) {
                const int b = group[k];
                ys.clear();
                const auto& bunit = comps.members[comps.of[b]];
                const bool b_whole = bunit.size() > 1 && unit_intact(rd, b);
                if (xs.size() == 1) {
                    if (b_whole) continue;
                    ys.push_back(b);
                } else if (b_whole) {
                    if (bunit.size() != xs.size() || bunit[0] != b) continue;
                    ys = bunit;
                } else {
                    // A kept set for as many single people of the other group, starting at b.
                    for (std::size_t j = 0; j < group.size() && ys.size() < xs.size(); ++j) {
                        const int c = group[(k + j) % group.size()];
                        const auto& cu = comps.members[comps.of[c]];
                        if (cu.size() > 1 && unit_intact(rd, c)) continue;
                        ys.push_back(c);
                    }
                    if (ys.size() != xs.size()) continue;
                }
                const Delta dl = tables && xs.size() == 1 && ys.size() == 1
                                     ? swap_delta(r, xs[0], ga, ys[0], static_cast<int>(gb))
                                     : delta(rd, ga, xs, static_cast<int>(gb), ys);
#ifdef KOLLEGA_GROUPS_CHECK
                if (tables && xs.size() == 1 && ys.size() == 1) {
                    const Delta exact = delta(rd, ga, xs, static_cast<int>(gb), ys);
                    if (exact.rsq != dl.rsq || exact.hard != dl.hard || exact.soft != dl.soft) __builtin_trap();
                }
#endif
                bool tabu = false;
                for (int x : xs) {
                    const std::size_t t = static_cast<std::size_t>(r) * n + x;
                    if (tabu_group[t] == static_cast<int>(gb) && tabu_until[t] > iterations) tabu = true;
                }
                for (int y : ys) {
                    const std::size_t t = static_cast<std::size_t>(r) * n + y;
                    if (tabu_group[t] == ga && tabu_until[t] > iterations) tabu = true;
                }
                if (tabu) {
                    Cost after = cost;
                    after.hard += dl.hard;
                    after.repeats_squared += dl.rsq;
                    after.soft += dl.soft;
                    if (!(after < best)) continue;  // aspiration: a tabu move that beats the best
                }
                if (chosen.r < 0 || less(dl, chosen.dl)) {
                    chosen.r = r;
                    chosen.ga = ga;
                    chosen.gb = static_cast<int>(gb);
                    chosen.xs = xs;
                    chosen.ys = ys;
                    chosen.dl = dl;
                    ties = 1;
                } else if (!less(chosen.dl, dl) && rng.below(++ties) == 0) {
                    chosen.r = r;
                    chosen.ga = ga;
                    chosen.gb = static_cast<int>(gb);
                    chosen.xs = xs;
                    chosen.ys = ys;
                    chosen.dl = dl;
                }
            }
        }
    };
    for (int r = 0; r < rounds; ++r) {
        const Round& rd = cur[r];
        candidates.clear();
        for (std::size_t g = 0; g < rd.groups.size(); ++g) {
            if (rd.fixed[g]) continue;
            const auto& group = rd.groups[g];
            for (int a : group) {
                bool conflict = false;
                for (int c : group)
                    if (c != a && (met[at(a, c)] >= 2 || d.forbidden[at(a, c)])) {
                        conflict = true;
                        break;
                    }
                if (!conflict && comps.members[comps.of[a]].size() > 1 && !unit_intact(rd, a)) conflict = true;
                if (conflict) candidates.push_back(a);
            }
        }
        if (!candidates.empty()) any_conflict = true;
        for (int a : candidates) consider(r, a, false);
    }
    if (!any_conflict) {
        if (cost.soft <= soft_bound) return false;
        // Soft phase: a sample of people in one random round.
        const int r = rng.below(rounds);
        const int samples = std::min(n, 8);
        for (int k = 0; k < samples; ++k) consider(r, rng.below(n), true);
    }
    if (chosen.r < 0) {
        if (any_conflict) perturb();  // every move tabu: shake the best schedule
        return true;                  // (soft phase: another sample next step)
    }
    chosen.dl = delta(cur[chosen.r], chosen.ga, chosen.xs, chosen.gb, chosen.ys);  // exact, repeats included
    apply(chosen.r, chosen.ga, chosen.xs, chosen.gb, chosen.ys, chosen.dl);
    const long long tenure = 4 + rng.below(std::max(4, n / 4));
    for (int x : chosen.xs) {
        const std::size_t t = static_cast<std::size_t>(chosen.r) * n + x;
        tabu_group[t] = chosen.ga;
        tabu_until[t] = iterations + tenure;
    }
    for (int y : chosen.ys) {
        const std::size_t t = static_cast<std::size_t>(chosen.r) * n + y;
        tabu_group[t] = chosen.gb;
        tabu_until[t] = iterations + tenure;
    }
    return true;
}

// Back to the best schedule, shaken by random swaps of single people (stronger after each stall).
void Search::Impl::perturb() {
    restore(best_assign);
    ++stalls;
    const int swaps = 1 + rounds * (1 + stalls % 4);
    std::vector<int> xs(1), ys(1);
    for (int k = 0; k < swaps; ++k) {
        const int r = rng.below(rounds);
        const Round& rd = cur[r];
        const int a = rng.below(n);
        const int b = rng.below(n);
        const int ga = rd.group_of[a];
        const int gb = rd.group_of[b];
        if (ga == gb || rd.fixed[ga] || rd.fixed[gb]) continue;
        if (comps.members[comps.of[a]].size() > 1 || comps.members[comps.of[b]].size() > 1) continue;
        xs[0] = a;
        ys[0] = b;
        const Delta dl = delta(rd, ga, xs, gb, ys);
        apply(r, ga, xs, gb, ys, dl);
    }
    std::fill(tabu_until.begin(), tabu_until.end(), 0);
    since_best = 0;
}

Search::Search(const Problem& problem, std::uint64_t seed, bool use_constructions)
    : impl_(std::make_unique<Impl>(problem, seed)) {
    impl_->use_constructions = use_constructions;
    if (validate(problem).empty()) {
        impl_->start();
    } else {
        impl_->finished = true;
    }
}

Search::~Search() = default;
Search::Search(Search&&) noexcept = default;
Search& Search::operator=(Search&&) noexcept = default;

bool Search::run(long long iterations) {
    Impl& s = *impl_;
    if (s.finished) return true;
    const long long stall_limit = 200 + 20LL * s.n;
    for (long long k = 0; k < iterations; ++k) {
        // Of every 128 steps, 64 go to the symmetric searches (pure instances only), in turns.
        if (!s.symmetric.empty() && k % 128 == 0) {
            const long long used = s.run_symmetric(std::min<long long>(64, iterations - k));
            s.iterations += used;
            k += used;
            if (s.finished || k >= iterations) break;
        }
        if (!s.step()) {
            s.finished = true;
            break;
        }
        ++s.iterations;
        ++s.since_best;
        if (s.cost < s.best) {
            s.save_best();
            if (s.at_bounds()) {
                s.finished = true;
                break;
            }
        } else if (s.since_best > stall_limit) {
            s.perturb();
        }
    }
    return s.finished;
}

const Schedule& Search::best() const {
    Impl& s = *impl_;
    if (s.best_dirty) {
        s.best_schedule.assign(s.best_assign.size(), {});
        for (std::size_t r = 0; r < s.best_assign.size(); ++r) {
            const auto& assign = s.best_assign[r];
            std::vector<std::vector<int>> groups(s.cur[r].groups.size());
            for (int p = 0; p < s.n; ++p) groups[assign[p]].push_back(p);
            for (auto& g : groups) std::sort(g.begin(), g.end());
            groups.erase(std::remove_if(groups.begin(), groups.end(), [](const auto& g) { return g.empty(); }), groups.end());
            std::sort(groups.begin(), groups.end());
            s.best_schedule[r] = std::move(groups);
        }
        s.best_dirty = false;
    }
    return s.best_schedule;
}

Cost Search::best_cost() const { return impl_->best; }
long long Search::iterations() const { return impl_->iterations; }
long long Search::repeats_lower_bound() const { return impl_->lower_bound; }
const char* Search::method() const { return impl_->method.c_str(); }

}  // namespace kollega::groups

// The problem side of the engine: checking a problem, the group sizes of each round, the cost of
// any schedule, and the lower bounds the search stops at (docs/groups-engine.md).
#include <algorithm>
#include <numeric>
#include <string>

#include "core/groups/golfer.hpp"
#include "core/groups/golfer_internal.hpp"

namespace kollega::groups {

bool operator<(const Cost& a, const Cost& b) {
    if (a.hard != b.hard) return a.hard < b.hard;
    if (a.repeats_squared != b.repeats_squared) return a.repeats_squared < b.repeats_squared;
    return a.soft < b.soft;
}

bool operator==(const Cost& a, const Cost& b) {
    return a.hard == b.hard && a.repeats_squared == b.repeats_squared && a.repeats == b.repeats &&
           a.soft == b.soft;
}

namespace {

constexpr int kMaxPeople = 4096;
constexpr int kMaxRounds = 1000;

bool in_range(const Problem& p, int person) { return person >= 0 && person < p.people; }

/// Splits `count` people into the fewest groups of min..max (sizes differ by at most one).
bool split_free(int count, int min_size, int max_size, std::vector<int>& sizes) {
    if (count == 0) return true;
    const int groups = (count + max_size - 1) / max_size;
    if (static_cast<long long>(groups) * min_size > count) return false;
    const int base = count / groups;
    const int extra = count % groups;
    for (int g = 0; g < groups; ++g) sizes.push_back(base + (g < extra ? 1 : 0));
    return true;
}

int find(std::vector<int>& parent, int x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

template <class T>
void check_matrix(const Problem& p, const std::vector<T>& m, const char* name, Errors& errors) {
    if (m.empty()) return;
    const auto n = static_cast<std::size_t>(p.people);
    if (m.size() != n * n) {
        errors.push_back(Error::invalid_value(std::string("/") + name,
                                              std::string(name) + " must hold people*people = " +
                                                  std::to_string(n * n) + " entries, found " +
                                                  std::to_string(m.size())));
        return;
    }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            if (m[i * n + j] != m[j * n + i]) {
                errors.push_back(Error::invalid_value(
                    std::string("/") + name + "/" + std::to_string(i * n + j),
                    std::string(name) + " must be symmetric: entry (" + std::to_string(i) + ", " +
                        std::to_string(j) + ") differs from (" + std::to_string(j) + ", " +
                        std::to_string(i) + ")"));
                return;
            }
}

}  // namespace

namespace detail {

Components keep_components(const Problem& problem) {
    const int n = std::max(problem.people, 0);
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    for (const auto& set : problem.keep_together) {
        int first = -1;
        for (int person : set) {
            if (!in_range(problem, person)) continue;
            if (first < 0) {
                first = person;
            } else {
                parent[find(parent, person)] = find(parent, first);
            }
        }
    }
    Components c;
    c.of.assign(n, -1);
    std::vector<int> id_of_root(n, -1);
    for (int p = 0; p < n; ++p) {
        const int root = find(parent, p);
        if (id_of_root[root] < 0) {
            id_of_root[root] = static_cast<int>(c.members.size());
            c.members.emplace_back();
        }
        c.of[p] = id_of_root[root];
        c.members[c.of[p]].push_back(p);
    }
    return c;
}

Dense dense(const Problem& problem) {
    Dense d;
    d.n = problem.people;
    const auto nn = static_cast<std::size_t>(d.n) * static_cast<std::size_t>(d.n);
    d.forbidden = problem.forbidden.empty() ? std::vector<std::uint8_t>(nn, 0) : problem.forbidden;
    for (auto& f : d.forbidden) f = f ? 1 : 0;
    for (int i = 0; i < d.n; ++i) d.forbidden[static_cast<std::size_t>(i) * d.n + i] = 0;
    d.met = problem.met_before.empty() ? std::vector<std::uint16_t>(nn, 0) : problem.met_before;
    for (int i = 0; i < d.n; ++i) d.met[static_cast<std::size_t>(i) * d.n + i] = 0;
    d.cost = problem.pair_cost.empty() ? std::vector<std::uint32_t>(nn, 0) : problem.pair_cost;
    for (int i = 0; i < d.n; ++i) d.cost[static_cast<std::size_t>(i) * d.n + i] = 0;
    d.any_cost = std::any_of(d.cost.begin(), d.cost.end(), [](std::uint32_t c) { return c != 0; });
    return d;
}

namespace {
/// Rounds in which p and q are forced into one group (kept together, or locked together).
std::vector<std::uint16_t> forced_meetings(const Problem& problem, const Components& comps) {
    const int n = problem.people;
    std::vector<std::uint16_t> forced(static_cast<std::size_t>(n) * n, 0);
    for (const auto& members : comps.members)
        for (int a : members)
            for (int b : members)
                if (a != b) forced[static_cast<std::size_t>(a) * n + b] = static_cast<std::uint16_t>(problem.rounds);
    for (const auto& lock : problem.locked)
        for (int a : lock.members)
            for (int b : lock.members)
                if (a != b && comps.of[a] != comps.of[b]) ++forced[static_cast<std::size_t>(a) * n + b];
    return forced;
}
}  // namespace

long long repeats_lower_bound(const Problem& problem) {
    const int n = problem.people;
    const auto sizes = group_sizes(problem);
    if (sizes.empty() || n <= 0) return 0;
    const Components comps = keep_components(problem);
    const auto forced = forced_meetings(problem, comps);
    // The fewest meetings each person has: in a locked round their locked group, else the
    // smallest free group of that round.
    std::vector<long long> meetings(n, 0);
    for (int r = 0; r < problem.rounds; ++r) {
        std::vector<int> locked_size(n, 0);
        int locked_groups = 0;
        for (const auto& lock : problem.locked)
            if (lock.round == r) {
                ++locked_groups;
                for (int m : lock.members) locked_size[m] = static_cast<int>(lock.members.size());
            }
        int smallest_free = 0;
        for (std::size_t g = static_cast<std::size_t>(locked_groups); g < sizes[r].size(); ++g)
            smallest_free = smallest_free == 0 ? sizes[r][g] : std::min(smallest_free, sizes[r][g]);
        for (int p = 0; p < n; ++p) meetings[p] += (locked_size[p] ? locked_size[p] : smallest_free) - 1;
    }
    long long twice = 0;
    std::vector<long long> count;
    for (int p = 0; p < n; ++p) {
        // Water-filling: the meetings left after the forced ones go where they cost least.
        count.assign(2, 0);
        long long left = meetings[p];
        for (int q = 0; q < n; ++q) {
            if (q == p) continue;
            const std::size_t i = static_cast<std::size_t>(p) * n + q;
            const long long h = problem.met_before.empty() ? 0 : problem.met_before[i];
            const long long m = h + forced[i];
            left -= forced[i];
            twice += repeat_square(m);
            if (static_cast<std::size_t>(m) + 2 > count.size()) count.resize(static_cast<std::size_t>(m) + 2, 0);
            ++count[static_cast<std::size_t>(m)];
        }
        for (std::size_t m = 0; left > 0; ++m) {
            if (m + 2 > count.size()) count.resize(m + 2, 0);
            const long long take = std::min(left, count[m]);
            twice += take * (m >= 1 ? 2 * static_cast<long long>(m) - 1 : 0);
            left -= take;
            count[m + 1] += take;
        }
    }
    return (twice + 1) / 2;
}

long long soft_lower_bound(const Problem& problem) {
    if (problem.pair_cost.empty() || group_sizes(problem).empty()) return 0;
    const int n = problem.people;
    const Components comps = keep_components(problem);
    const auto forced = forced_meetings(problem, comps);
    long long sum = 0;
    for (int p = 0; p < n; ++p)
        for (int q = p + 1; q < n; ++q) {
            const std::size_t i = static_cast<std::size_t>(p) * n + q;
            sum += static_cast<long long>(forced[i]) * problem.pair_cost[i];
        }
    return sum;
}

}  // namespace detail

std::vector<std::vector<int>> group_sizes(const Problem& problem) {
    if (problem.people <= 0 || problem.rounds <= 0 || problem.min_size < 2 ||
        problem.max_size < problem.min_size)
        return {};
    std::vector<std::vector<int>> sizes(problem.rounds);
    for (int r = 0; r < problem.rounds; ++r) {
        int locked_people = 0;
        for (const auto& lock : problem.locked)
            if (lock.round == r) {
                sizes[r].push_back(static_cast<int>(lock.members.size()));
                locked_people += static_cast<int>(lock.members.size());
            }
        if (!split_free(problem.people - locked_people, problem.min_size, problem.max_size, sizes[r]))
            return {};
    }
    return sizes;
}

Errors validate(const Problem& p) {
    Errors errors;
    if (p.people <= 0)
        errors.push_back(Error::invalid_value("/people", "there must be at least one person, found " +
                                                              std::to_string(p.people)));
    if (p.people > kMaxPeople)
        errors.push_back(Error::invalid_value("/people", "at most " + std::to_string(kMaxPeople) +
                                                              " people, found " + std::to_string(p.people)));
    if (p.rounds <= 0 || p.rounds > kMaxRounds)
        errors.push_back(Error::invalid_value("/rounds", "rounds must be 1.." + std::to_string(kMaxRounds) +
                                                              ", found " + std::to_string(p.rounds)));
    if (p.min_size < 2)
        errors.push_back(Error::invalid_value("/min_size", "the smallest group must have at least 2 people, found " +
                                                                std::to_string(p.min_size)));
    if (p.max_size < p.min_size)
        errors.push_back(Error::invalid_value("/max_size", "the largest group (" + std::to_string(p.max_size) +
                                                                ") is smaller than the smallest (" +
                                                                std::to_string(p.min_size) + ")"));
    if (!errors.empty()) return errors;
    check_matrix(p, p.forbidden, "forbidden", errors);
    check_matrix(p, p.met_before, "met_before", errors);
    check_matrix(p, p.pair_cost, "pair_cost", errors);
    for (std::size_t k = 0; k < p.keep_together.size(); ++k)
        for (std::size_t j = 0; j < p.keep_together[k].size(); ++j)
            if (!in_range(p, p.keep_together[k][j]))
                errors.push_back(Error::invalid_value(
                    "/keep_together/" + std::to_string(k) + "/" + std::to_string(j),
                    "no person " + std::to_string(p.keep_together[k][j]) + " (people are 0.." +
                        std::to_string(p.people - 1) + ")"));
    std::vector<std::vector<int>> locked_in(p.rounds, std::vector<int>(p.people, -1));
    for (std::size_t k = 0; k < p.locked.size(); ++k) {
        const auto& lock = p.locked[k];
        const std::string at = "/locked/" + std::to_string(k);
        if (lock.round < 0 || lock.round >= p.rounds) {
            errors.push_back(Error::invalid_value(at + "/round", "round " + std::to_string(lock.round) +
                                                                     " is outside 0.." + std::to_string(p.rounds - 1)));
            continue;
        }
        const auto size = static_cast<int>(lock.members.size());
        if (size < p.min_size || size > p.max_size)
            errors.push_back(Error::invalid_value(at + "/members", "a locked group of " + std::to_string(size) +
                                                                       " is outside the sizes " + std::to_string(p.min_size) +
                                                                       ".." + std::to_string(p.max_size)));
        for (std::size_t j = 0; j < lock.members.size(); ++j) {
            const int m = lock.members[j];
            const std::string where = at + "/members/" + std::to_string(j);
            if (!in_range(p, m)) {
                errors.push_back(Error::invalid_value(where, "no person " + std::to_string(m)));
                continue;
            }
            if (locked_in[lock.round][m] >= 0) {
                errors.push_back(Error::invalid_value(where, "person " + std::to_string(m) +
                                                                 " is locked twice in round " +
                                                                 std::to_string(lock.round) + " (also /locked/" +
                                                                 std::to_string(locked_in[lock.round][m]) + ")"));
                continue;
            }
            locked_in[lock.round][m] = static_cast<int>(k);
        }
    }
    if (!errors.empty()) return errors;
    const auto n = static_cast<std::size_t>(p.people);
    const auto forbidden = [&](int a, int b) {
        return !p.forbidden.empty() && a != b && p.forbidden[static_cast<std::size_t>(a) * n + b] != 0;
    };
    for (std::size_t k = 0; k < p.locked.size(); ++k)
        for (int a : p.locked[k].members)
            for (int b : p.locked[k].members)
                if (a < b && forbidden(a, b))
                    errors.push_back(Error::invalid_value("/locked/" + std::to_string(k),
                                                          "the locked group puts " + std::to_string(a) + " with " +
                                                              std::to_string(b) + ", a forbidden pair"));
    const auto comps = detail::keep_components(p);
    for (const auto& members : comps.members) {
        if (members.size() < 2) continue;
        std::size_t set_index = 0;
        for (std::size_t k = 0; k < p.keep_together.size(); ++k)
            if (std::find(p.keep_together[k].begin(), p.keep_together[k].end(), members[0]) != p.keep_together[k].end()) {
                set_index = k;
                break;
            }
        const std::string at = "/keep_together/" + std::to_string(set_index);
        if (static_cast<int>(members.size()) > p.max_size)
            errors.push_back(Error::invalid_value(at, std::to_string(members.size()) +
                                                          " people must stay together, more than the largest group (" +
                                                          std::to_string(p.max_size) + ")"));
        for (int a : members)
            for (int b : members)
                if (a < b && forbidden(a, b))
                    errors.push_back(Error::invalid_value(at, "people " + std::to_string(a) + " and " + std::to_string(b) +
                                                                  " must stay together but are a forbidden pair"));
        for (int r = 0; r < p.rounds; ++r) {
            const int lock = locked_in[r][members[0]];
            for (int m : members)
                if (locked_in[r][m] != lock) {
                    errors.push_back(Error::invalid_value(
                        at, "people " + std::to_string(members[0]) + " and " + std::to_string(m) +
                                " must stay together but round " + std::to_string(r) + " locks them apart"));
                    r = p.rounds;
                    break;
                }
        }
    }
    if (!errors.empty()) return errors;
    const auto sizes = group_sizes(p);
    if (sizes.empty()) {
        for (int r = 0; r < p.rounds; ++r) {
            int free = p.people;
            for (const auto& lock : p.locked)
                if (lock.round == r) free -= static_cast<int>(lock.members.size());
            std::vector<int> dummy;
            if (!split_free(free, p.min_size, p.max_size, dummy)) {
                errors.push_back(Error::invalid_value(
                    r == 0 && p.locked.empty() ? "/people" : "/locked",
                    std::to_string(free) + " people" + (p.locked.empty() ? "" : " left free in round " + std::to_string(r)) +
                        " cannot be split into groups of " + std::to_string(p.min_size) + ".." + std::to_string(p.max_size)));
                break;
            }
        }
        return errors;
    }
    // Kept sets must fit into the free groups of every round (first fit, largest first).
    for (int r = 0; r < p.rounds; ++r) {
        int locked_groups = 0;
        for (const auto& lock : p.locked)
            if (lock.round == r) ++locked_groups;
        std::vector<int> room(sizes[r].begin() + locked_groups, sizes[r].end());
        std::vector<int> units;
        for (const auto& members : comps.members)
            if (members.size() > 1 && locked_in[r][members[0]] < 0) units.push_back(static_cast<int>(members.size()));
        std::sort(units.rbegin(), units.rend());
        for (int u : units) {
            auto it = std::find_if(room.begin(), room.end(), [u](int left) { return left >= u; });
            if (it == room.end()) {
                errors.push_back(Error::invalid_value("/keep_together", "the sets to keep together do not fit into the groups of round " +
                                                                            std::to_string(r) + " (sizes " + std::to_string(p.min_size) +
                                                                            ".." + std::to_string(p.max_size) + ")"));
                return errors;
            }
            *it -= u;
        }
    }
    // Someone forbidden with almost everyone can never be placed.
    if (!p.forbidden.empty())
        for (int a = 0; a < p.people; ++a) {
            int allowed = 0;
            for (int b = 0; b < p.people; ++b)
                if (b != a && !forbidden(a, b)) ++allowed;
            if (allowed < p.min_size - 1)
                errors.push_back(Error::invalid_value("/forbidden/" + std::to_string(static_cast<std::size_t>(a) * n),
                                                      "person " + std::to_string(a) + " may meet only " + std::to_string(allowed) +
                                                          " others, fewer than a group of " + std::to_string(p.min_size) + " needs"));
        }
    return errors;
}

Cost evaluate(const Problem& p, const Schedule& schedule) {
    Cost cost;
    const int n = std::max(p.people, 0);
    const auto nn = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
    std::vector<std::uint32_t> met(nn, 0);
    if (p.met_before.size() == nn)
        for (std::size_t i = 0; i < nn; ++i) met[i] = p.met_before[i];
    const auto comps = detail::keep_components(p);
    const int rounds = std::max(p.rounds, 0);
    if (static_cast<int>(schedule.size()) > rounds) cost.hard += static_cast<long long>(schedule.size()) - rounds;
    std::vector<int> group_of(n);
    for (int r = 0; r < rounds; ++r) {
        std::fill(group_of.begin(), group_of.end(), -1);
        std::vector<int> seen(n, 0);
        if (r < static_cast<int>(schedule.size())) {
            const auto& groups = schedule[r];
            for (std::size_t g = 0; g < groups.size(); ++g) {
                const auto& group = groups[g];
                const auto size = static_cast<int>(group.size());
                if (size < p.min_size || size > p.max_size) ++cost.hard;
                for (std::size_t i = 0; i < group.size(); ++i) {
                    const int a = group[i];
                    if (a < 0 || a >= n) {
                        ++cost.hard;
                        continue;
                    }
                    if (seen[a]++) continue;  // counted below as misplaced
                    group_of[a] = static_cast<int>(g);
                    for (std::size_t j = i + 1; j < group.size(); ++j) {
                        const int b = group[j];
                        if (b < 0 || b >= n || b == a) continue;
                        const std::size_t ab = static_cast<std::size_t>(a) * n + b;
                        const std::size_t ba = static_cast<std::size_t>(b) * n + a;
                        ++met[ab];
                        ++met[ba];
                        if (!p.forbidden.empty() && p.forbidden[ab]) ++cost.hard;
                        if (!p.pair_cost.empty()) cost.soft += p.pair_cost[ab];
                    }
                }
            }
        }
        for (int a = 0; a < n; ++a)
            if (seen[a] != 1) cost.hard += seen[a] == 0 ? 1 : seen[a] - 1;
        for (const auto& members : comps.members)
            for (std::size_t i = 0; i < members.size(); ++i)
                for (std::size_t j = i + 1; j < members.size(); ++j)
                    if (group_of[members[i]] < 0 || group_of[members[i]] != group_of[members[j]]) ++cost.hard;
        for (const auto& lock : p.locked) {
            if (lock.round != r) continue;
            bool exact = !lock.members.empty();
            int g = -1;
            for (int m : lock.members) {
                if (m < 0 || m >= n || group_of[m] < 0 || (g >= 0 && group_of[m] != g)) {
                    exact = false;
                    break;
                }
                g = group_of[m];
            }
            if (exact && schedule[r][g].size() != lock.members.size()) exact = false;
            if (!exact) ++cost.hard;
        }
    }
    for (int a = 0; a < n; ++a)
        for (int b = a + 1; b < n; ++b) {
            const long long m = met[static_cast<std::size_t>(a) * n + b];
            cost.repeats_squared += detail::repeat_square(m);
            cost.repeats += m > 1 ? m - 1 : 0;
        }
    return cost;
}

}  // namespace kollega::groups

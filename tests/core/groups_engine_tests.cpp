// The group-formation search engine (layer 1): constructions, the tabu search, the hard
// constraints and the costs, over fixed instances and random problems (native and wasm).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "core/groups/construction.hpp"
#include "core/groups/golfer.hpp"
#include "core/groups/golfer_rng.hpp"
#include "core/groups/golfer_symmetric.hpp"

using namespace kollega::groups;

namespace Catch {
template <>
struct StringMaker<Cost> {
    static std::string convert(const Cost& c) {
        return "{hard " + std::to_string(c.hard) + ", repeats^2 " + std::to_string(c.repeats_squared) + ", repeats " +
               std::to_string(c.repeats) + ", soft " + std::to_string(c.soft) + "}";
    }
};
}  // namespace Catch

namespace {

Problem golfers(int groups, int size, int rounds) {
    Problem p;
    p.people = groups * size;
    p.rounds = rounds;
    p.min_size = size;
    p.max_size = size;
    return p;
}

/// Every person exactly once per round, every group within the sizes, groups sorted.
void require_complete(const Problem& p, const Schedule& s) {
    REQUIRE(static_cast<int>(s.size()) == p.rounds);
    for (const auto& round : s) {
        std::vector<int> seen(p.people, 0);
        for (const auto& group : round) {
            REQUIRE(static_cast<int>(group.size()) >= p.min_size);
            REQUIRE(static_cast<int>(group.size()) <= p.max_size);
            REQUIRE(std::is_sorted(group.begin(), group.end()));
            for (int m : group) {
                REQUIRE(m >= 0);
                REQUIRE(m < p.people);
                ++seen[m];
            }
        }
        REQUIRE(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
        REQUIRE(std::is_sorted(round.begin(), round.end()));
    }
}

/// No pair of people in two groups of the schedule.
bool no_repeat(const Schedule& s, int people) {
    std::vector<int> met(static_cast<std::size_t>(people) * people, 0);
    for (const auto& round : s)
        for (const auto& g : round)
            for (std::size_t i = 0; i < g.size(); ++i)
                for (std::size_t j = i + 1; j < g.size(); ++j)
                    if (++met[static_cast<std::size_t>(g[i]) * people + g[j]] > 1) return false;
    return true;
}

Problem random_problem(Rng& rng) {
    Problem p;
    p.people = 6 + rng.below(40);
    p.rounds = 1 + rng.below(6);
    p.min_size = 2 + rng.below(3);
    p.max_size = p.min_size + rng.below(2);
    while (group_sizes(p).empty()) ++p.people;
    const int n = p.people;
    const auto nn = static_cast<std::size_t>(n) * n;
    if (rng.below(4) != 0) {
        p.forbidden.assign(nn, 0);
        const int density = 1 + rng.below(12);  // percent
        for (int a = 0; a < n; ++a)
            for (int b = a + 1; b < n; ++b)
                if (rng.below(100) < density) {
                    p.forbidden[static_cast<std::size_t>(a) * n + b] = 1;
                    p.forbidden[static_cast<std::size_t>(b) * n + a] = 1;
                }
    }
    if (rng.below(2) == 0) {
        p.met_before.assign(nn, 0);
        for (int k = 0; k < n; ++k) {
            const int a = rng.below(n);
            const int b = rng.below(n);
            if (a == b) continue;
            const auto m = static_cast<std::uint16_t>(1 + rng.below(2));
            p.met_before[static_cast<std::size_t>(a) * n + b] = m;
            p.met_before[static_cast<std::size_t>(b) * n + a] = m;
        }
    }
    if (rng.below(2) == 0) {
        p.pair_cost.assign(nn, 0);
        for (int a = 0; a < n; ++a)
            for (int b = a + 1; b < n; ++b) {
                const auto c = static_cast<std::uint32_t>(rng.below(5));
                p.pair_cost[static_cast<std::size_t>(a) * n + b] = c;
                p.pair_cost[static_cast<std::size_t>(b) * n + a] = c;
            }
    }
    if (rng.below(3) == 0) {
        const int a = rng.below(n);
        const int b = rng.below(n);
        if (a != b && (p.forbidden.empty() || !p.forbidden[static_cast<std::size_t>(a) * n + b]))
            p.keep_together.push_back({a, b});
    }
    if (rng.below(3) == 0) {
        Problem::Locked lock{rng.below(p.rounds), {}};
        std::vector<int> people(n);
        for (int i = 0; i < n; ++i) people[i] = i;
        for (int i = n; i > 1; --i) std::swap(people[i - 1], people[rng.below(i)]);
        for (int i = 0; i < n && static_cast<int>(lock.members.size()) < p.min_size; ++i) {
            const int c = people[i];
            bool ok = true;
            for (int m : lock.members)
                if (!p.forbidden.empty() && p.forbidden[static_cast<std::size_t>(c) * n + m]) ok = false;
            for (const auto& set : p.keep_together)
                if (std::find(set.begin(), set.end(), c) != set.end()) ok = false;
            if (ok) lock.members.push_back(c);
        }
        if (static_cast<int>(lock.members.size()) == p.min_size) p.locked.push_back(lock);
    }
    return p;
}

}  // namespace

TEST_CASE("Groups engine: validate names every impossible problem with where", "[groups]") {
    Problem p;
    p.people = 0;
    auto errors = validate(p);
    REQUIRE(!errors.empty());
    CHECK(errors[0].path == "/people");

    p = golfers(2, 3, 1);
    p.people = 5;  // 5 people cannot be split into groups of 3
    errors = validate(p);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "/people");

    p = golfers(3, 3, 2);
    p.forbidden.assign(81, 0);
    p.forbidden[1] = 1;  // (0,1) but not (1,0)
    errors = validate(p);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "/forbidden/1");

    p = golfers(3, 3, 2);
    p.keep_together = {{0, 1}, {1, 2}, {2, 3}};  // 4 together, groups of 3
    errors = validate(p);
    REQUIRE(!errors.empty());
    CHECK(errors[0].path == "/keep_together/0");

    p = golfers(3, 3, 2);
    p.locked = {{5, {0, 1, 2}}, {0, {0, 1}}, {1, {3, 4, 99}}};
    errors = validate(p);
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].path == "/locked/0/round");
    CHECK(errors[1].path == "/locked/1/members");
    CHECK(errors[2].path == "/locked/2/members/2");

    p = golfers(3, 3, 2);
    p.forbidden.assign(81, 1);
    errors = validate(p);
    REQUIRE(errors.size() == 9);
    CHECK(errors[0].path == "/forbidden/0");

    CHECK(validate(golfers(8, 4, 10)).empty());
}

TEST_CASE("Groups engine: group sizes split the free people as evenly as the range allows", "[groups]") {
    Problem p;
    p.people = 10;
    p.rounds = 2;
    p.min_size = 3;
    p.max_size = 4;
    auto sizes = group_sizes(p);
    REQUIRE(sizes.size() == 2);
    CHECK(sizes[0] == std::vector<int>{4, 3, 3});
    p.locked = {{1, {0, 1, 2}}};
    sizes = group_sizes(p);
    CHECK(sizes[1] == std::vector<int>{3, 4, 3});
    p.people = 200;
    p.locked.clear();
    CHECK(group_sizes(p)[0] == std::vector<int>(50, 4));
}

TEST_CASE("Groups engine: finite fields have inverses and distribute", "[groups]") {
    for (int q : {2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 32}) {
        const Field f = make_field(q);
        REQUIRE(f.q == q);
        for (int a = 1; a < q; ++a) {
            int inverses = 0;
            for (int b = 1; b < q; ++b) inverses += f.times(a, b) == 1 ? 1 : 0;
            CHECK(inverses == 1);
        }
        for (int a = 0; a < q; a += 3)
            for (int b = 0; b < q; ++b)
                for (int c = 0; c < q; c += 2) CHECK(f.times(a, f.plus(b, c)) == f.plus(f.times(a, b), f.times(a, c)));
    }
    CHECK(make_field(6).q == 0);
    CHECK(make_field(10).q == 0);
}

TEST_CASE("Groups engine: constructions give schedules with no pair twice", "[groups]") {
    struct Case { int g, s, w; const char* name; };
    for (const Case c : {Case{4, 4, 5, "affine-plane"}, Case{5, 5, 6, "affine-plane"}, Case{8, 8, 9, "affine-plane"},
                         Case{8, 4, 9, "transversal-design"}, Case{9, 3, 13, "affine-geometry"},
                         Case{3, 3, 4, "affine-plane"}, Case{7, 5, 7, "transversal-design"},
                         Case{16, 4, 21, "affine-geometry"}, Case{10, 2, 19, "round-robin"}}) {
        INFO(c.g << "-" << c.s << "-" << c.w);
        const Construction built = construct(c.g, c.s, c.w);
        CHECK(std::string(built.name) == c.name);
        const Problem p = golfers(c.g, c.s, c.w);
        require_complete(p, built.schedule);
        CHECK(no_repeat(built.schedule, p.people));
        const Cost cost = evaluate(p, built.schedule);
        CHECK(cost.hard == 0);
        CHECK(cost.repeats_squared == 0);
    }
    CHECK(construct(8, 4, 11).schedule.empty());  // beyond every construction (and beyond possible)
    CHECK(construct(10, 4, 9).schedule.empty());  // 10 is not a prime power
}

TEST_CASE("Groups engine: a constructed instance is solved before any step", "[groups]") {
    Search search(golfers(8, 4, 9), 1);
    CHECK(search.run(0));
    CHECK(search.best_cost().repeats_squared == 0);
    CHECK(search.iterations() == 0);
    CHECK(std::string(search.method()) == "transversal-design");
    CHECK(no_repeat(search.best(), 32));
}

TEST_CASE("Groups engine: the search solves Kirkman's schoolgirls (5-3-7) and 4-3-4", "[groups]") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const Problem p = golfers(5, 3, 7);
        Search search(p, seed);
        REQUIRE(search.run(200000));
        CHECK(search.best_cost().repeats_squared == 0);
        require_complete(p, search.best());
        CHECK(no_repeat(search.best(), 15));
        CHECK(evaluate(p, search.best()) == search.best_cost());
    }
    {
        const Problem p = golfers(5, 3, 7);
        Search plain(p, 11, false);  // the tabu search alone
        REQUIRE(plain.run(200000));
        CHECK(std::string(plain.method()) == "search");
        CHECK(no_repeat(plain.best(), 15));
    }
    const Problem p = golfers(4, 3, 4);  // 4-3-5 does not exist (no nearly Kirkman system on 12)
    Search search(p, 7);
    REQUIRE(search.run(200000));
    CHECK(no_repeat(search.best(), 12));
}

TEST_CASE("Groups engine: the symmetric search solves 6-3-8 (18 people, the most rounds)", "[groups]") {
    const Problem p = golfers(6, 3, 8);
    Search search(p, 5);
    REQUIRE(search.run(2000000));
    CHECK(std::string(search.method()) == "symmetric-search");
    require_complete(p, search.best());
    CHECK(no_repeat(search.best(), 18));
    CHECK(evaluate(p, search.best()) == search.best_cost());
    SymmetricSearch kirkman(5, 3, 7, 7, 1);  // one base round developed modulo 7, one fixed point
    REQUIRE(kirkman.run(100000));
    CHECK(no_repeat(kirkman.expand(), 15));
    CHECK(SymmetricSearch::orders(8, 4, 10) == std::vector<int>{10, 5, 2});
}

TEST_CASE("Groups engine: a construction relabelled around forbidden pairs and history", "[groups]") {
    // 16 people in 4s over 4 rounds (the affine plane has 5): 6 forbidden pairs and a history.
    Problem p = golfers(4, 4, 4);
    p.forbidden.assign(256, 0);
    p.met_before.assign(256, 0);
    const auto set = [&](auto& m, int a, int b) {
        m[static_cast<std::size_t>(a) * 16 + b] = 1;
        m[static_cast<std::size_t>(b) * 16 + a] = 1;
    };
    for (int a = 0; a < 12; a += 2) set(p.forbidden, a, a + 1);
    set(p.met_before, 0, 5);
    set(p.met_before, 7, 9);
    Search search(p, 2);
    CHECK(std::string(search.method()) == "relabelled-affine-plane");
    CHECK(search.run(1000));
    CHECK(search.best_cost().hard == 0);
    CHECK(search.best_cost().repeats_squared == 0);
    require_complete(p, search.best());
    CHECK(evaluate(p, search.best()) == search.best_cost());

    // Pairs: 10 people over 5 rounds, one pair forbidden, from the round robin.
    Problem pairs = golfers(5, 2, 5);
    pairs.forbidden.assign(100, 0);
    pairs.forbidden[3 * 10 + 4] = pairs.forbidden[4 * 10 + 3] = 1;
    Search paired(pairs, 1);
    CHECK(std::string(paired.method()) == "relabelled-round-robin");
    CHECK(paired.best_cost().hard == 0);
    CHECK(paired.best_cost().repeats_squared == 0);
}

TEST_CASE("Groups engine: the lower bound counts unavoidable repeats", "[groups]") {
    // 8-4-11: everyone meets 33 others over 31 people: at least 2 repeated pairs each.
    Search over(golfers(8, 4, 11), 1);
    CHECK(over.repeats_lower_bound() == 32);
    CHECK(Search(golfers(8, 4, 10), 1).repeats_lower_bound() == 0);
    // Kept together over 3 rounds: (3-1)^2.
    Problem p = golfers(3, 3, 3);
    p.keep_together = {{0, 1}};
    Search kept(p, 1);
    CHECK(kept.repeats_lower_bound() >= 4);
    kept.run(10000);
    CHECK(kept.best_cost().hard == 0);
    CHECK(kept.best_cost().repeats_squared >= kept.repeats_lower_bound());
}

TEST_CASE("Groups engine: soft costs are lowered once repeats are gone; a lone group is done", "[groups]") {
    // Two departments of 6: soft cost 1 for each meeting of colleagues.
    Problem p;
    p.people = 12;
    p.rounds = 2;
    p.min_size = 2;
    p.max_size = 2;
    p.pair_cost.assign(144, 0);
    for (int a = 0; a < 12; ++a)
        for (int b = 0; b < 12; ++b)
            if (a != b && a / 6 == b / 6) p.pair_cost[static_cast<std::size_t>(a) * 12 + b] = 1;
    Search search(p, 9);
    REQUIRE(search.run(20000));  // the bound (0) is reachable: every pair mixes departments
    CHECK(search.best_cost().soft == 0);
    CHECK(search.best_cost().repeats_squared == 0);

    Problem lone = golfers(1, 4, 3);  // one group: nothing can move, every round the same
    Search only(lone, 1);
    CHECK(only.run(10));
    CHECK(only.best_cost().repeats_squared == 6 * 4);
    CHECK(only.repeats_lower_bound() == 6 * 4);
}

TEST_CASE("Groups engine: a large problem (no gain tables) keeps its costs exact", "[groups]") {
    // 1,200 people in 3-4 over 15 rounds: rounds*n*groups passes the gain tables' limit, so
    // swaps are evaluated directly from the meeting matrix.
    Problem p;
    p.people = 1200;
    p.rounds = 15;
    p.min_size = 3;
    p.max_size = 4;
    p.forbidden.assign(static_cast<std::size_t>(p.people) * p.people, 0);
    Rng rng(5);
    for (int k = 0; k < 3000; ++k) {
        const int a = rng.below(p.people);
        const int b = rng.below(p.people);
        if (a == b) continue;
        p.forbidden[static_cast<std::size_t>(a) * p.people + b] = 1;
        p.forbidden[static_cast<std::size_t>(b) * p.people + a] = 1;
    }
    p.keep_together = {{1, 2}, {3, 4, 5}};
    p.locked = {{2, {10, 11, 12, 13}}};
    REQUIRE(validate(p).empty());
    Search search(p, 3);
    search.run(40);
    require_complete(p, search.best());
    CHECK(evaluate(p, search.best()) == search.best_cost());
    CHECK(search.best_cost().hard == 0);
}

TEST_CASE("Groups engine: mixed sizes place everyone and avoid repeats", "[groups]") {
    Problem p;
    p.people = 22;
    p.rounds = 4;
    p.min_size = 3;
    p.max_size = 4;
    Search search(p, 3);
    search.run(20000);
    require_complete(p, search.best());
    CHECK(search.best_cost().repeats_squared == 0);
}

TEST_CASE("Groups engine: hard constraints hold on random problems, costs agree, seeds repeat", "[groups]") {
    Rng rng(20261122);
    for (int trial = 0; trial < 40; ++trial) {
        const Problem p = random_problem(rng);
        INFO("trial " << trial << ": " << p.people << " people, " << p.rounds << " rounds, sizes " << p.min_size
                      << ".." << p.max_size);
        if (!validate(p).empty()) continue;
        Search search(p, static_cast<std::uint64_t>(trial));
        search.run(600);
        const Schedule& s = search.best();
        require_complete(p, s);
        const Cost cost = search.best_cost();
        CHECK(evaluate(p, s) == cost);
        CHECK(cost.repeats_squared >= search.repeats_lower_bound());
        // Locked groups stand as given; kept sets share a group.
        for (const auto& lock : p.locked) {
            std::vector<int> sorted = lock.members;
            std::sort(sorted.begin(), sorted.end());
            CHECK(std::find(s[lock.round].begin(), s[lock.round].end(), sorted) != s[lock.round].end());
        }
        if (cost.hard == 0) {
            for (const auto& round : s)
                for (const auto& g : round)
                    for (int a : g)
                        for (int b : g)
                            if (a != b && !p.forbidden.empty())
                                CHECK(p.forbidden[static_cast<std::size_t>(a) * p.people + b] == 0);
        }
        // The same seed gives the same schedule.
        Search again(p, static_cast<std::uint64_t>(trial));
        again.run(600);
        CHECK(again.best() == s);
    }
}

// Group formation, the model (docs/groups.md): roster + options -> problem, infeasibility before
// search, pairing modes, explanations, the options/result JSON. Natively and under node.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/groups/explain.hpp"
#include "core/groups/formation.hpp"
#include "core/groups/messages.hpp"
#include "core/groups/model.hpp"
#include "core/groups/pairing.hpp"
#include "fixture_files.hpp"
#include "json/api.hpp"
#include "json/groups_codec.hpp"
#include "json/roster_codec.hpp"

using namespace kollega;
using namespace kollega::groups;
using kollega::testing::read_fixture;

namespace {

/// A small deterministic generator for the property tests (no clock, no global state).
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        s += 0x9E3779B97F4A7C15ull;
        std::uint64_t x = s;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }
    int below(int n) { return n <= 0 ? 0 : static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

Learner learner(std::string id, std::string department = "", std::string manager = "", std::string role = "") {
    Learner l;
    l.id = std::move(id);
    l.name = "Name " + l.id;
    l.department = std::move(department);
    l.manager_id = std::move(manager);
    l.role = std::move(role);
    return l;
}

std::string messages(const Errors& errors) {
    std::string out;
    for (const auto& e : errors) out += e.path + " " + e.code + ": " + e.message + "\n";
    return out;
}

/// Whether `b` is within `depth` managers above `a`, walking the roster's manager ids (independent
/// of the model's own walk).
bool above(const Roster& roster, const std::string& a, const std::string& b, int depth) {
    const Learner* l = roster.find(a);
    for (int d = 0; d < depth && l && !l->manager_id.empty(); ++d) {
        if (l->manager_id == b) return true;
        l = roster.find(l->manager_id);
    }
    return false;
}

/// Random rosters with deep reporting lines: chains of 6+ levels, managers outside the roster,
/// shuffled input order.
Roster random_roster(Rng& rng, int n) {
    std::vector<Learner> ls;
    for (int i = 0; i < n; ++i) {
        std::string manager;
        const int kind = rng.below(100);
        if (i > 0 && kind < 45) manager = "p" + std::to_string(i - 1);             // a chain
        else if (i > 0 && kind < 75) manager = "p" + std::to_string(rng.below(i));  // a tree
        else if (kind < 90) manager = "ext-" + std::to_string(rng.below(3));         // outside the roster
        const char* depts[] = {"", "Eng", "Sales", "Ops", "HR", "Legal"};
        // One draw per statement: the order in which a call's arguments are evaluated differs
        // between GCC and clang, and native and wasm must test the same rosters.
        const char* dept = depts[rng.below(6)];
        const char* role = rng.chance(20) ? "first-time leader" : "specialist";
        ls.push_back(learner("p" + std::to_string(i), dept, manager, role));
        const char* skills[] = {"coaching", "feedback", "budgeting", "delegation", "negotiation"};
        for (int k = rng.below(3); k > 0; --k) ls.back().skills_offered.push_back(skills[rng.below(5)]);
        for (int k = rng.below(3); k > 0; --k) ls.back().skills_wanted.push_back(skills[rng.below(5)]);
        const char* zones[] = {"", "Europe/Stockholm", "Asia/Singapore", "America/New_York", "UTC"};
        ls.back().timezone = zones[rng.below(5)];
        const char* langs[] = {"", "en", "sv", "nb", "nl"};
        ls.back().language = langs[rng.below(5)];
    }
    for (int i = n - 1; i > 0; --i) std::swap(ls[static_cast<std::size_t>(i)], ls[static_cast<std::size_t>(rng.below(i + 1))]);
    return Roster(std::move(ls));
}

/// Whether one round can honour every hard constraint (exhaustive: small rosters only).
bool round_feasible(int n, int lo, int hi, const std::function<bool(int, int)>& forbidden,
                    const std::vector<std::vector<int>>& together, const std::vector<std::vector<int>>& locked) {
    std::vector<int> group(static_cast<std::size_t>(n), -1);
    std::vector<int> sizes;
    std::function<bool(int)> place = [&](int v) -> bool {
        if (v == n) {
            for (int s : sizes)
                if (s < lo || s > hi) return false;
            for (const auto& t : together)
                for (int x : t)
                    if (group[static_cast<std::size_t>(x)] != group[static_cast<std::size_t>(t[0])]) return false;
            for (const auto& l : locked) {
                const int g = group[static_cast<std::size_t>(l[0])];
                if (sizes[static_cast<std::size_t>(g)] != static_cast<int>(l.size())) return false;
                for (int x : l)
                    if (group[static_cast<std::size_t>(x)] != g) return false;
            }
            return true;
        }
        for (int g = 0; g <= static_cast<int>(sizes.size()); ++g) {
            if (g == static_cast<int>(sizes.size())) sizes.push_back(0);
            bool ok = sizes[static_cast<std::size_t>(g)] < hi;
            for (int u = 0; u < v && ok; ++u)
                if (group[static_cast<std::size_t>(u)] == g && forbidden(u, v)) ok = false;
            if (ok) {
                group[static_cast<std::size_t>(v)] = g;
                ++sizes[static_cast<std::size_t>(g)];
                if (place(v + 1)) return true;
                --sizes[static_cast<std::size_t>(g)];
                group[static_cast<std::size_t>(v)] = -1;
            }
            if (sizes.back() == 0) sizes.pop_back();
        }
        return false;
    };
    return place(0);
}

}  // namespace

TEST_CASE("Groups: hard constraints never break on random rosters with deep reporting lines", "[groups]") {
    int solved = 0, refused = 0;
    for (std::uint64_t seed = 1; seed <= 120; ++seed) {
        Rng rng{seed};
        const int n = 1 + rng.below(seed % 3 == 0 ? 40 : 9);
        const Roster roster = random_roster(rng, n);
        Options o;
        o.min_size = 2 + rng.below(3);
        o.max_size = o.min_size + rng.below(3);
        o.rounds = 1 + rng.below(3);
        o.reporting_depth = rng.below(8);
        o.seed = seed;
        o.iterations = 4000;
        auto id = [&] { return roster.learners()[static_cast<std::size_t>(rng.below(n))].id; };
        for (int k = rng.below(4); k > 0 && n >= 2; --k) {
            std::string a = id(), b = id();
            if (a != b) o.do_not_pair.push_back({a, b});
        }
        if (rng.chance(30) && n >= 3) {
            std::string a = id(), b = id();
            if (a != b) o.keep_apart.push_back({a, b});
        }
        if (rng.chance(20) && n >= 2) {
            std::string a = id(), b = id();
            if (a != b) o.keep_together.push_back({a, b});
        }
        if (rng.chance(25) && n >= o.min_size) {
            LockedGroup g{rng.below(o.rounds), {}};
            while (static_cast<int>(g.members.size()) < o.min_size) {
                std::string a = id();
                if (std::find(g.members.begin(), g.members.end(), a) == g.members.end()) g.members.push_back(a);
            }
            o.locked.push_back(g);
        }
        INFO("seed " << seed << ", n " << n << ", sizes " << o.min_size << "-" << o.max_size << ", depth " << o.reporting_depth);

        auto forbidden_ids = [&](const std::string& a, const std::string& b) {
            if (above(roster, a, b, o.reporting_depth) || above(roster, b, a, o.reporting_depth)) return true;
            for (const auto* lists : {&o.do_not_pair, &o.keep_apart})
                for (const auto& s : *lists)
                    if (std::count(s.begin(), s.end(), a) && std::count(s.begin(), s.end(), b)) return true;
            return false;
        };

        auto model = build_model(roster, o);
        Result<Outcome> outcome = model.ok() ? solve(model.value()) : Result<Outcome>(model.errors());
        if (!outcome.ok()) {
            ++refused;
            INFO(messages(outcome.errors()));
            for (const auto& e : outcome.errors()) {
                CHECK((e.code == "infeasible" || e.code == "not_found" || e.code == "hard_violation"));
                CHECK_FALSE(e.message.empty());
            }
            // On small rosters a refusal must be true: some round cannot be formed.
            if (n <= 8) {
                const auto& ls = roster.learners();
                auto forbidden = [&](int a, int b) { return forbidden_ids(ls[static_cast<std::size_t>(a)].id, ls[static_cast<std::size_t>(b)].id); };
                auto index = [&](const std::string& s) { return static_cast<int>(roster.find(s) - ls.data()); };
                std::vector<std::vector<int>> together;
                for (const auto& t : o.keep_together) together.push_back({index(t[0]), index(t[1])});
                bool all_rounds = true;
                for (int r = 0; r < o.rounds; ++r) {
                    std::vector<std::vector<int>> locked;
                    for (const auto& l : o.locked)
                        if (l.round == r) {
                            locked.emplace_back();
                            for (const auto& m : l.members) locked.back().push_back(index(m));
                        }
                    all_rounds = all_rounds && round_feasible(n, o.min_size, o.max_size, forbidden, together, locked);
                }
                CHECK_FALSE(all_rounds);
            }
            continue;
        }
        ++solved;
        const Model& m = model.value();
        REQUIRE(static_cast<int>(outcome.value().rounds.size()) == o.rounds);
        for (std::size_t r = 0; r < outcome.value().rounds.size(); ++r) {
            std::map<std::string, int> placed;
            std::map<std::string, std::size_t> group_of;
            const auto& groups = outcome.value().rounds[r].groups;
            for (std::size_t g = 0; g < groups.size(); ++g) {
                CHECK(static_cast<int>(groups[g].size()) >= o.min_size);
                CHECK(static_cast<int>(groups[g].size()) <= o.max_size);
                for (int a : groups[g]) {
                    ++placed[m.ids[static_cast<std::size_t>(a)]];
                    group_of[m.ids[static_cast<std::size_t>(a)]] = g;
                    for (int b : groups[g])
                        if (a < b) CHECK_FALSE(forbidden_ids(m.ids[static_cast<std::size_t>(a)], m.ids[static_cast<std::size_t>(b)]));
                }
            }
            for (const auto& l : roster.learners()) CHECK(placed[l.id] == 1);
            for (const auto& t : o.keep_together) CHECK(group_of[t[0]] == group_of[t[1]]);
            for (const auto& l : o.locked)
                if (l.round == static_cast<int>(r)) {
                    CHECK(groups[group_of[l.members[0]]].size() == l.members.size());
                    for (const auto& x : l.members) CHECK(group_of[x] == group_of[l.members[0]]);
                }
        }
    }
    CHECK(solved > 20);
    CHECK(refused > 5);
}

TEST_CASE("Groups: the reporting line follows the roster, stops outside it, and siblings may meet", "[groups]") {
    // d -> c -> b -> a -> x (x is outside the roster); e and f both report to y, outside the roster.
    const Roster roster({learner("a", "", "x"), learner("b", "", "a"), learner("c", "", "b"), learner("d", "", "c"),
                         learner("e", "", "y"), learner("f", "", "y")});
    Options o;
    o.min_size = 2;
    o.max_size = 2;
    auto m = build_model(roster, o);
    REQUIRE(m.ok());
    auto idx = [&](const char* id) { return static_cast<int>(std::find(m.value().ids.begin(), m.value().ids.end(), id) - m.value().ids.begin()); };
    CHECK(m.value().why_pair(idx("d"), idx("c")) == why_reporting_line);
    CHECK(m.value().why_pair(idx("d"), idx("b")) == why_reporting_line);
    CHECK(m.value().why_pair(idx("d"), idx("a")) == why_none);  // 3 levels up, depth 2
    CHECK(m.value().why_pair(idx("e"), idx("f")) == why_none);  // siblings under an outside manager
    o.reporting_depth = 6;
    // a, b, c, d are one line at depth 6 and need 4 of the 3 pairs 6 learners make: said
    // before any search.
    auto deep = build_model(roster, o);
    REQUIRE_FALSE(deep.ok());
    CHECK(deep.errors().front().code == "infeasible");
    CHECK(deep.errors().front().message == "the reporting line \"d\", \"c\", \"b\", \"a\" has 4 learners who may not share a "
                                           "group, but 6 learners make at most 3 groups of 2");
    // With room for them (depth 3 still joins d and a; e, f and two more outside learners), the
    // search must keep them apart.
    o.reporting_depth = 3;
    std::vector<Learner> more = roster.learners();
    more.push_back(learner("g", "", "z"));
    more.push_back(learner("h", "", "z"));
    auto roomy = build_model(Roster(more), o);
    REQUIRE(roomy.ok());
    auto out = solve(roomy.value());
    REQUIRE(out.ok());
    for (const auto& pair : out.value().rounds[0].groups) CHECK_FALSE(roomy.value().why_pair(pair[0], pair[1]));
}

TEST_CASE("Groups: a cycle of managers is an error, not a hang", "[groups]") {
    const Roster roster({learner("a", "", "c"), learner("b", "", "a"), learner("c", "", "b"), learner("d")});
    auto m = build_model(roster, Options{});
    REQUIRE_FALSE(m.ok());
    CHECK(m.errors().front().code == "cycle");
    CHECK(m.errors().front().message == "managers form a cycle: \"a\" → \"c\" → \"b\" → \"a\" (→ points to the manager)");
}

TEST_CASE("Groups: infeasible options are diagnosed before any search, saying which and why", "[groups]") {
    std::vector<Learner> five;
    for (int i = 1; i <= 5; ++i) five.push_back(learner("u" + std::to_string(i)));
    SECTION("sizes") {
        auto m = build_model(Roster(five), Options{});
        REQUIRE_FALSE(m.ok());
        CHECK(m.errors().front().message == "sizes 3–4 cannot split 5 learners (every learner is placed in every round)");
        CHECK(m.errors().front().path == "/size");
    }
    SECTION("do-not-pair leaves a learner alone") {
        Options o;
        o.min_size = 2;
        o.max_size = 3;
        o.do_not_pair = {{"u1", "u2", "u3", "u4", "u5"}};
        auto m = build_model(Roster(five), o);
        REQUIRE_FALSE(m.ok());
        CHECK(m.errors().front().message ==
              "a do-not-pair list keeps 5 learners apart (\"u1\", \"u2\", \"u3\", \"u4\", \"u5\"), but 5 learners make at most 2 groups of 2–3");
        CHECK(m.errors()[1].message == "\"u1\" cannot be placed: every other learner is in a do-not-pair list with them");
    }
    SECTION("a locked group across a reporting line") {
        five[1].manager_id = "u1";
        Options o;
        o.min_size = 2;
        o.max_size = 3;
        o.rounds = 3;
        o.locked = {{2, {"u1", "u2"}}};
        auto m = build_model(Roster(five), o);
        REQUIRE_FALSE(m.ok());
        CHECK(m.errors().front().message ==
              "locked group in round 2 contains \"u1\" and \"u2\", who are in one reporting line (\"u1\" is \"u2\"'s manager)");
        CHECK(m.errors().front().path == "/locked/0/members");
    }
    SECTION("unknown ids point into the options") {
        Options o;
        o.min_size = 2;
        o.max_size = 3;
        o.keep_apart = {{"u1", "nobody"}};
        auto m = build_model(Roster(five), o);
        REQUIRE_FALSE(m.ok());
        CHECK(m.errors().front().code == "unknown_reference");
        CHECK(m.errors().front().path == "/keepApart/0/1");
    }
}

TEST_CASE("Groups: the optimal assignment equals brute force on small instances", "[groups]") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        Rng rng{seed};
        const int rows = 1 + rng.below(5), columns = rows + rng.below(3);
        std::vector<long long> cost(static_cast<std::size_t>(rows * columns));
        for (auto& c : cost) c = rng.below(50) - 10;
        const auto a = min_cost_assignment(rows, columns, cost);
        long long got = 0;
        std::set<int> used;
        for (int r = 0; r < rows; ++r) {
            got += cost[static_cast<std::size_t>(r * columns + a[static_cast<std::size_t>(r)])];
            used.insert(a[static_cast<std::size_t>(r)]);
        }
        CHECK(static_cast<int>(used.size()) == rows);
        std::vector<int> perm(static_cast<std::size_t>(columns));
        for (int k = 0; k < columns; ++k) perm[static_cast<std::size_t>(k)] = k;
        long long best = 1LL << 60;
        do {
            long long s = 0;
            for (int r = 0; r < rows; ++r) s += cost[static_cast<std::size_t>(r * columns + perm[static_cast<std::size_t>(r)])];
            best = std::min(best, s);
        } while (std::next_permutation(perm.begin(), perm.end()));
        CHECK(got == best);
    }
}

TEST_CASE("Groups: stable roommates finds a stable matching exactly when one exists", "[groups]") {
    int stable = 0, none = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        Rng rng{seed};
        const int n = 2 + rng.below(7);
        std::vector<std::vector<char>> accept(static_cast<std::size_t>(n), std::vector<char>(static_cast<std::size_t>(n), 0));
        for (int a = 0; a < n; ++a)
            for (int b = a + 1; b < n; ++b) accept[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] = accept[static_cast<std::size_t>(b)][static_cast<std::size_t>(a)] = rng.chance(80);
        std::vector<std::vector<int>> prefs(static_cast<std::size_t>(n));
        for (int a = 0; a < n; ++a) {
            for (int b = 0; b < n; ++b)
                if (accept[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)]) prefs[static_cast<std::size_t>(a)].push_back(b);
            for (int k = static_cast<int>(prefs[static_cast<std::size_t>(a)].size()) - 1; k > 0; --k)
                std::swap(prefs[static_cast<std::size_t>(a)][static_cast<std::size_t>(k)], prefs[static_cast<std::size_t>(a)][static_cast<std::size_t>(rng.below(k + 1))]);
        }
        // Brute force: every matching (partner -1 allowed) of mutually acceptable pairs.
        bool exists = false;
        std::vector<int> partner(static_cast<std::size_t>(n), -1);
        std::function<void(int)> enumerate = [&](int v) {
            if (exists) return;
            if (v == n) {
                exists = blocking_pairs(prefs, partner).empty();
                return;
            }
            if (partner[static_cast<std::size_t>(v)] != -1) return enumerate(v + 1);
            enumerate(v + 1);
            for (int w = v + 1; w < n; ++w)
                if (partner[static_cast<std::size_t>(w)] == -1 && accept[static_cast<std::size_t>(v)][static_cast<std::size_t>(w)]) {
                    partner[static_cast<std::size_t>(v)] = w;
                    partner[static_cast<std::size_t>(w)] = v;
                    enumerate(v + 1);
                    partner[static_cast<std::size_t>(v)] = partner[static_cast<std::size_t>(w)] = -1;
                }
        };
        enumerate(0);
        const auto found = stable_roommates(prefs);
        INFO("seed " << seed << ", n " << n);
        CHECK(found.has_value() == exists);
        if (found) {
            ++stable;
            CHECK(blocking_pairs(prefs, *found).empty());
            for (int p = 0; p < n; ++p) {
                const int q = (*found)[static_cast<std::size_t>(p)];
                if (q != -1) CHECK((*found)[static_cast<std::size_t>(q)] == p);
            }
        } else {
            ++none;
        }
    }
    CHECK(stable > 50);
    CHECK(none > 5);
}

TEST_CASE("Groups: mentor pairs put first-time leaders with experienced colleagues outside their line", "[groups]") {
    const Roster roster = json::parse_roster(read_fixture("groups/small.csv")).value();
    Options o;
    o.mode = Mode::mentor;
    o.rounds = 2;
    auto m = build_model(roster, o);
    REQUIRE(m.ok());
    const MentorPools pools = mentor_pools(m.value());
    CHECK(pools.mentees.size() == 2);  // g03, g06
    auto out = solve(m.value());
    REQUIRE(out.ok());
    for (const auto& round : out.value().rounds) {
        CHECK(round.groups.size() == 2);
        for (const auto& pair : round.groups) {
            CHECK(std::count(pools.mentees.begin(), pools.mentees.end(), pair[0]) == 1);
            CHECK(std::count(pools.mentors.begin(), pools.mentors.end(), pair[1]) == 1);
            CHECK_FALSE(m.value().in_line(pair[0], pair[1]));
            CHECK_FALSE(m.value().in_line(pair[1], pair[0]));
        }
    }
    // g03 wants coaching and delegation, offered only by g01 and g02: its manager's manager and
    // its manager. The reporting line wins over the skills: g03's mentor matches none.
    const auto& first = out.value().rounds[0].groups;
    for (const auto& pair : first)
        if (m.value().ids[static_cast<std::size_t>(pair[0])] == "g03") CHECK(skills_matched(m.value(), pair[0], pair[1]) == 0);
    // No pair repeats in round 2 while another mentor is free.
    CHECK(out.value().rounds[0].groups != out.value().rounds[1].groups);
}

TEST_CASE("Groups: skill-exchange pairs are stable, and say so", "[groups]") {
    const Roster roster = json::parse_roster(read_fixture("groups/small.csv")).value();
    Options o;
    o.mode = Mode::skill_exchange;
    o.rounds = 3;
    o.seed = 5;
    auto m = build_model(roster, o);
    REQUIRE(m.ok());
    auto out = solve(m.value());
    REQUIRE(out.ok());
    std::vector<std::uint16_t> met(static_cast<std::size_t>(m.value().size() * m.value().size()), 0);
    for (std::size_t r = 0; r < out.value().rounds.size(); ++r) {
        const auto& round = out.value().rounds[r];
        const auto prefs = exchange_preferences(m.value(), met, static_cast<int>(r));
        std::vector<int> partner(static_cast<std::size_t>(m.value().size()), -1);
        for (const auto& p : round.groups) {
            partner[static_cast<std::size_t>(p[0])] = p[1];
            partner[static_cast<std::size_t>(p[1])] = p[0];
        }
        const auto blocking = blocking_pairs(prefs, partner);
        CHECK(static_cast<int>(blocking.size()) == round.blocking_pairs);
        if (round.stable) CHECK(blocking.empty());
        CHECK(round.groups.size() * 2 + round.unpaired.size() == 12);
        for (const auto& p : round.groups) {
            met[static_cast<std::size_t>(p[0] * m.value().size() + p[1])]++;
            met[static_cast<std::size_t>(p[1] * m.value().size() + p[0])]++;
        }
    }
}

TEST_CASE("Groups: explanations count departments, lines and new pairs correctly", "[groups]") {
    const Roster roster({learner("a", "Eng"), learner("b", "Sales"), learner("c", "Ops"), learner("d", "Eng"), learner("e", "Eng"),
                         learner("f", "Eng")});
    Options o;
    o.min_size = 3;
    o.max_size = 3;
    o.history = {{{"a", "b", "x-left"}}};
    o.locked = {{0, {"a", "b", "c"}}};
    auto m = build_model(roster, o);
    REQUIRE(m.ok());
    auto out = solve(m.value());
    REQUIRE(out.ok());
    const auto ex = explain(m.value(), out.value());
    REQUIRE(ex.groups[0].size() == 2);
    CHECK(render_all(ex.groups[0][0], "en") == "mixes 3 departments; no shared reporting line; 2 of 3 pairs new; locked by the admin");
    CHECK(render_all(ex.groups[0][1], "en") == "all from Eng; no shared reporting line; 3 of 3 pairs new");
    CHECK(render_all(ex.groups[0][0], "sv") == "blandar 3 avdelningar; ingen delad rapporteringslinje; 2 av 3 par nya; låst av administratören");
    CHECK(render_all(ex.groups[0][0], "nl") == "mengt 3 afdelingen; geen gedeelde rapportagelijn; 2 van 3 paren nieuw; vastgezet door de beheerder");
    CHECK(render_all(ex.groups[0][0], "nb") == "blander 3 avdelinger; ingen felles rapporteringslinje; 2 av 3 par nye; låst av administratoren");
    CHECK(ex.rounds[0].pairs == 6);
    CHECK(ex.rounds[0].new_pairs == 5);
    CHECK(ex.rounds[0].mixed_groups == 1);
    CHECK(ex.overall.hard_met);
    CHECK(render_all(ex.rounds[0].items, "en") == "2 groups; 5 of 6 pairs new; 1 of 2 groups mix departments; every hard constraint met");
}

TEST_CASE("Groups: every message has its four languages with the same placeholders", "[groups]") {
    for (auto key : message_keys()) {
        Message m{std::string(key), {}, 2};
        const std::string en = render(m, "en");
        for (const char* lang : {"sv", "nb", "nl"}) {
            const std::string t = render(m, lang);
            INFO(key << " in " << lang);
            CHECK_FALSE(t.empty());
            CHECK(t != std::string(key));
            auto holes = [](const std::string& s) {
                std::multiset<std::string> out;
                for (std::size_t i = s.find('{'); i != std::string::npos; i = s.find('{', i + 1)) out.insert(s.substr(i, s.find('}', i) - i));
                return out;
            };
            CHECK(holes(t) == holes(en));
        }
    }
}

TEST_CASE("Groups: options JSON errors carry JSON Pointers; api errors name the argument", "[groups]") {
    auto bad = json::parse_groups_options(R"({"size":{"min":1},"doNotPair":[["a",5]],"mode":"triads","colour":1})");
    REQUIRE_FALSE(bad.ok());
    std::set<std::string> paths;
    for (const auto& e : bad.errors()) paths.insert(e.path + " " + e.code);
    CHECK(paths.count("/size/min invalid_value"));
    CHECK(paths.count("/doNotPair/0/1 type_error"));
    CHECK(paths.count("/mode invalid_value"));
    CHECK(paths.count("/colour unknown_field"));

    const std::string roster = read_fixture("groups/small.csv");
    const auto env = nlohmann::json::parse(api::groups_solve(roster, read_fixture("groups/infeasible-options.json"), "en"));
    CHECK(env["ok"] == false);
    CHECK(env["error"]["path"] == "/options/doNotPair/0/1");
    CHECK(env["error"]["code"] == "unknown_reference");

    const auto line = nlohmann::json::parse(api::groups_solve(roster, read_fixture("groups/locked-line-options.json"), "en"));
    CHECK(line["ok"] == false);
    CHECK(line["error"]["code"] == "infeasible");
    CHECK(line["error"]["message"] ==
          "locked group in round 1 contains \"g01\" and \"g02\", who are in one reporting line (\"g01\" is \"g02\"'s manager)");
}

TEST_CASE("Groups: the fixture schedule honours its pins and history, and the job equals solve", "[groups]") {
    const std::string roster = read_fixture("groups/small.csv");
    const std::string options = read_fixture("groups/small-options.json");
    const std::string solved = api::groups_solve(roster, options, "sv");
    const auto env = nlohmann::json::parse(solved);
    REQUIRE(env["ok"] == true);
    const auto& v = env["value"];
    REQUIRE(v["rounds"].size() == 3);
    CHECK(v["report"]["hardConstraintsMet"] == true);
    bool locked_found = false;
    for (const auto& g : v["rounds"][1]["groups"])
        if (g == nlohmann::json::array({"g01", "g08", "g11"})) locked_found = true;
    CHECK(locked_found);
    for (const auto& round : v["rounds"])
        for (const auto& g : round["groups"]) {
            const std::set<std::string> s(g.begin(), g.end());
            CHECK_FALSE((s.count("g09") && s.count("g12")));
            CHECK_FALSE((s.count("g03") && s.count("g06")));
            CHECK_FALSE((s.count("g01") && s.count("g02")));  // manager
            CHECK_FALSE((s.count("g10") && s.count("g02")));  // manager's manager
        }

    api::GroupsJob job(roster, options);
    CHECK(nlohmann::json::parse(job.start())["ok"] == true);
    CHECK(nlohmann::json::parse(job.step(20000))["ok"] == true);
    CHECK(job.result("sv") == solved);
}

TEST_CASE("Groups: an edited schedule is explained with what it breaks, not refused", "[groups]") {
    const std::string roster = read_fixture("groups/small.csv");
    const std::string options = R"({"size":{"min":3,"max":4},"rounds":1})";
    // g01 manages g02; g02 manages g03: the first group breaks the line twice over.
    const auto env = nlohmann::json::parse(api::groups_explain(
        roster, options, R"([[["g01","g02","g03"],["g04","g08","g11"],["g05","g09","g12"],["g06","g07","g10"]]])", "en"));
    REQUIRE(env["ok"] == true);
    const auto& v = env["value"];
    CHECK(v["report"]["hardConstraintsMet"] == false);
    CHECK(v["report"]["lowerBound"].is_null());
    REQUIRE(v["violations"].size() == 3);
    CHECK(v["violations"][0]["message"] == "round 0: \"g01\" and \"g02\" share a group (one reporting line)");
    CHECK(v["rounds"][0]["explanations"][0]["text"] ==
          "all from Engineering; g01 and g02 may not share a group; g01 and g03 may not share a group; "
          "g02 and g03 may not share a group; 3 of 3 pairs new; working hours overlap 1 h; no language shared by all");
    CHECK(v["rounds"][0]["explanations"][1]["text"].get<std::string>().find("no shared reporting line") != std::string::npos);

    const auto unknown = nlohmann::json::parse(api::groups_explain(roster, options, R"([[["g01","zz"]]])", "en"));
    CHECK(unknown["ok"] == false);
    CHECK(unknown["error"]["path"] == "/schedule/0/0/1");
}

TEST_CASE("Groups: more learners kept apart than a round has groups is infeasible, said before searching", "[groups]") {
    std::vector<Learner> six;
    for (int i = 1; i <= 6; ++i) six.push_back(learner("u" + std::to_string(i), "", i > 1 ? "u" + std::to_string(i - 1) : ""));
    Options o;  // sizes 3–4: six learners make at most 2 groups
    o.reporting_depth = 2;
    auto m = build_model(Roster(six), o);
    REQUIRE_FALSE(m.ok());
    CHECK(m.errors().front().message ==
          "the reporting line \"u3\", \"u2\", \"u1\" has 3 learners who may not share a group, but 6 learners make at most 2 groups of 3–4");
    o.reporting_depth = 0;
    o.keep_apart = {{"u1", "u2", "u3"}};
    auto apart = build_model(Roster(six), o);
    REQUIRE_FALSE(apart.ok());
    CHECK(apart.errors().front().path == "/keepApart/0");
    CHECK(apart.errors().front().message ==
          "a keep-apart pin keeps 3 learners apart (\"u1\", \"u2\", \"u3\"), but 6 learners make at most 2 groups of 3–4");
}

TEST_CASE("Groups: pairing modes never break a hard constraint on random rosters", "[groups]") {
    int mentor_runs = 0, exchange_runs = 0, unstable = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        Rng rng{seed * 7919};
        const int n = 2 + rng.below(24);
        const Roster roster = random_roster(rng, n);
        Options o;
        o.mode = seed % 2 ? Mode::mentor : Mode::skill_exchange;
        o.rounds = 1 + rng.below(3);
        o.reporting_depth = rng.below(7);
        o.seed = seed;
        o.iterations = 3000;
        for (int k = rng.below(3); k > 0; --k) {
            const std::string a = roster.learners()[static_cast<std::size_t>(rng.below(n))].id;
            const std::string b = roster.learners()[static_cast<std::size_t>(rng.below(n))].id;
            if (a != b) o.do_not_pair.push_back({a, b});
        }
        INFO("seed " << seed << ", n " << n << ", mode " << to_string(o.mode));
        auto model = build_model(roster, o);
        if (!model.ok()) {
            INFO(messages(model.errors()));
            CHECK(model.errors().front().code == "infeasible");  // e.g. no first-time leader
            continue;
        }
        auto out = solve(model.value());
        if (!out.ok()) {
            INFO(messages(out.errors()));
            CHECK(out.errors().front().code == "not_found");
            continue;
        }
        const Model& m = model.value();
        const MentorPools pools = mentor_pools(m);
        for (const auto& round : out.value().rounds) {
            std::set<int> seen;
            for (const auto& pair : round.groups) {
                REQUIRE(pair.size() == 2);
                const std::string a = m.ids[static_cast<std::size_t>(pair[0])], b = m.ids[static_cast<std::size_t>(pair[1])];
                CHECK_FALSE(above(roster, a, b, o.reporting_depth));
                CHECK_FALSE(above(roster, b, a, o.reporting_depth));
                for (const auto& s : o.do_not_pair) CHECK_FALSE((std::count(s.begin(), s.end(), a) && std::count(s.begin(), s.end(), b)));
                CHECK(seen.insert(pair[0]).second);
                CHECK(seen.insert(pair[1]).second);
                if (o.mode == Mode::mentor) {
                    CHECK(std::count(pools.mentees.begin(), pools.mentees.end(), pair[0]) == 1);
                    CHECK(std::count(pools.mentors.begin(), pools.mentors.end(), pair[1]) == 1);
                }
            }
            for (int v : round.unpaired) CHECK(seen.insert(v).second);
            if (o.mode == Mode::skill_exchange) {
                CHECK(static_cast<int>(seen.size()) == n);
                unstable += !round.stable;
            }
        }
        (o.mode == Mode::mentor ? mentor_runs : exchange_runs)++;
    }
    CHECK(mentor_runs > 5);
    CHECK(exchange_runs > 10);
    INFO("rounds without a stable matching: " << unstable);
    SUCCEED();
}

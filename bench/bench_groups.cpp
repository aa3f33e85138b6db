// Group formation (issue 5): time to the first schedule with zero repeats (and every hard
// constraint met) for social golfer instances and a realistic 200-person roster, median over
// several seeds, natively and in wasm (the same source built twice). Prints one JSON object on
// its last line; `make bench` collects it (docs/benchmarks.md, "Group formation").
//
//   kollega_bench_groups [--only NAME] [--seeds K] [--max-seconds S] [--roster FILE]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/groups/golfer.hpp"
#include "json/roster_codec.hpp"

using kollega::groups::Problem;
using kollega::groups::Search;

namespace {

struct Instance {
    std::string name;
    Problem problem;
    double max_seconds;
    bool constructions = true;  ///< false: the search alone, from the greedy start
    int seeds = 0;              ///< 0: the --seeds figure; long instances run fewer
};

Problem golfers(int g, int s, int w) {
    Problem p;
    p.people = g * s;
    p.rounds = w;
    p.min_size = s;
    p.max_size = s;
    return p;
}

/// The roster as a problem: groups of 3-4 over `rounds`, nobody with their manager or their
/// manager's manager (through the roster), a soft cost for two of one department.
bool roster_problem(const std::string& file, int rounds, Problem& p) {
    std::ifstream in(file);
    if (!in) return false;
    std::stringstream text;
    text << in.rdbuf();
    auto roster = kollega::json::parse_roster_csv(text.str());
    if (!roster.ok()) return false;
    const auto& learners = roster.value().learners();
    const int n = static_cast<int>(learners.size());
    std::map<std::string, int> index;
    for (int i = 0; i < n; ++i) index[learners[i].id] = i;
    p = Problem{};
    p.people = n;
    p.rounds = rounds;
    p.min_size = 3;
    p.max_size = 4;
    p.forbidden.assign(static_cast<std::size_t>(n) * n, 0);
    p.pair_cost.assign(static_cast<std::size_t>(n) * n, 0);
    const auto forbid = [&](int a, int b) {
        p.forbidden[static_cast<std::size_t>(a) * n + b] = 1;
        p.forbidden[static_cast<std::size_t>(b) * n + a] = 1;
    };
    for (int i = 0; i < n; ++i) {
        // Up the reporting line two levels (depth 2).
        int at = i;
        for (int depth = 0; depth < 2; ++depth) {
            auto it = index.find(learners[at].manager_id);
            if (it == index.end()) break;
            forbid(i, it->second);
            at = it->second;
        }
        for (int j = 0; j < n; ++j)
            if (j != i && learners[i].department == learners[j].department)
                p.pair_cost[static_cast<std::size_t>(i) * n + j] = 1;
    }
    return true;
}

struct Outcome {
    double ms;
    long long iterations;
    bool solved;
    std::string method;
    long long repeats_squared;  ///< of the best schedule when the run ended
};

Outcome solve(const Problem& p, std::uint64_t seed, double max_seconds, bool constructions) {
    const auto start = std::chrono::steady_clock::now();
    Search search(p, seed, constructions);
    const auto done = [&] {
        const auto c = search.best_cost();
        return c.hard == 0 && c.repeats_squared == 0;
    };
    double ms = 0;
    while (true) {
        ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (done()) return {ms, search.iterations(), true, search.method(), 0};
        if (ms > max_seconds * 1000)
            return {ms, search.iterations(), false, search.method(), search.best_cost().repeats_squared};
        search.run(200);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string only;
    int seeds = 7;
    double max_seconds = -1;
    std::string roster = "tests/fixtures/rosters/roster-200.csv";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--only") only = argv[i + 1];
        else if (arg == "--seeds") seeds = std::atoi(argv[i + 1]);
        else if (arg == "--max-seconds") max_seconds = std::atof(argv[i + 1]);
        else if (arg == "--roster") roster = argv[i + 1];
    }
    std::vector<Instance> instances = {
        {"5-3-7", golfers(5, 3, 7), 10},   {"6-3-8", golfers(6, 3, 8), 60},   {"8-4-9", golfers(8, 4, 9), 30}, {"8-4-9 search only", golfers(8, 4, 9), 20, false, 3},
        {"8-4-10", golfers(8, 4, 10), 60, true, 3}, {"10-4-9", golfers(10, 4, 9), 60},
    };
    Problem r200;
    if (roster_problem(roster, 12, r200)) instances.push_back({"roster-200", r200, 30});
    else std::fprintf(stderr, "cannot read the roster %s\n", roster.c_str());

    std::string json = "{\"instances\":[";
    bool first = true;
    for (const auto& inst : instances) {
        if (!only.empty() && inst.name != only) continue;
        std::vector<double> times;
        std::vector<long long> iterations;
        int solved = 0;
        std::string method;
        long long fewest_repeats = -1;  // best repeats^2 over the unsolved runs
        const double cap = max_seconds > 0 ? max_seconds : inst.max_seconds;
        const int runs = inst.seeds > 0 ? std::min(seeds, inst.seeds) : seeds;
        for (int seed = 1; seed <= runs; ++seed) {
            const Outcome o = solve(inst.problem, static_cast<std::uint64_t>(seed), cap, inst.constructions);
            times.push_back(o.ms);
            iterations.push_back(o.iterations);
            solved += o.solved ? 1 : 0;
            if (method.empty() || o.solved) method = o.method;
            if (!o.solved && (fewest_repeats < 0 || o.repeats_squared < fewest_repeats)) fewest_repeats = o.repeats_squared;
            std::fprintf(stderr, "%s seed %d: %s in %.2f ms, %lld iterations, repeats^2 %lld\n", inst.name.c_str(), seed,
                         o.solved ? "zero repeats" : "NOT solved", o.ms, o.iterations, o.repeats_squared);
        }
        std::vector<double> sorted = times;
        std::sort(sorted.begin(), sorted.end());
        // The median counts unsolved runs at the cap (so a median under the cap means most solved).
        const double median = sorted[sorted.size() / 2];
        char buf[512];
        std::snprintf(buf, sizeof buf,
                      "%s{\"name\":\"%s\",\"people\":%d,\"rounds\":%d,\"seeds\":%d,\"solved\":%d,\"medianMs\":%.3f,"
                      "\"minMs\":%.3f,\"maxMs\":%.3f,\"capSeconds\":%.0f,\"method\":\"%s\",\"unsolvedBestRepeatsSquared\":%lld}",
                      first ? "" : ",", inst.name.c_str(), inst.problem.people, inst.problem.rounds, runs, solved, median,
                      sorted.front(), sorted.back(), cap, method.c_str(), fewest_repeats);
        json += buf;
        first = false;
    }
    json += "]}";
    std::printf("%s\n", json.c_str());
    return 0;
}

#include "core/groups/formation.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>

#include "core/groups/pairing.hpp"

namespace kollega::groups {
namespace {

std::size_t at(const Model& m, int a, int b) {
    return static_cast<std::size_t>(a) * static_cast<std::size_t>(m.size()) + static_cast<std::size_t>(b);
}

/// A deterministic 64-bit mix (splitmix64): the seeded tie-breaks of the pairing modes.
std::uint64_t mix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

bool contains_word(const std::string& text, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (text.find(w) != std::string::npos) return true;
    return false;
}

std::vector<std::uint16_t> met_matrix(const Model& m) {
    std::vector<std::uint16_t> met = m.problem.met_before;
    if (met.empty()) met.assign(static_cast<std::size_t>(m.size()) * static_cast<std::size_t>(m.size()), 0);
    return met;
}

void record(const Model& m, std::vector<std::uint16_t>& met, const RoundResult& round) {
    for (const auto& g : round.groups)
        for (std::size_t a = 0; a < g.size(); ++a)
            for (std::size_t b = a + 1; b < g.size(); ++b) {
                auto& c = met[at(m, g[a], g[b])];
                if (c < std::numeric_limits<std::uint16_t>::max()) ++c;
                met[at(m, g[b], g[a])] = c;
            }
}

void normalize(RoundResult& round) {
    for (auto& g : round.groups) std::sort(g.begin(), g.end());
    std::sort(round.groups.begin(), round.groups.end());
    std::sort(round.unpaired.begin(), round.unpaired.end());
}

/// Mentor mode, one round: an optimal assignment of mentees to mentors.
RoundResult mentor_round(const Model& m, const MentorPools& pools, const std::vector<std::uint16_t>& met) {
    const int rows = static_cast<int>(pools.mentees.size());
    const int mentors = static_cast<int>(pools.mentors.size());
    const int columns = mentors + rows;  // a dummy column per mentee: "unpaired"
    auto score = [&](int e, int t) {
        long long s = 1000LL * skills_matched(m, e, t);
        if (m.department[e] == -1 || m.department[e] != m.department[t]) s += 100;
        if (!m.language[e].empty() && m.language[e] == m.language[t]) s += 10;
        const int oe = m.utc_offset_minutes[e], ot = m.utc_offset_minutes[t];
        if (oe != kUnknownOffset && ot != kUnknownOffset) s += static_cast<long long>(overlap_hours(oe, ot));
        return s;
    };
    long long max_score = 0, max_met = 0;
    for (int e : pools.mentees)
        for (int t : pools.mentors) {
            max_score = std::max(max_score, score(e, t));
            max_met = std::max<long long>(max_met, met[at(m, e, t)]);
        }
    // Lexicographic: pairs formed, then repeats, then score.
    const long long per_repeat = (max_score + 1) * (rows + 1);
    const long long unpaired = per_repeat * (max_met + 1) * (rows + 1) + 1;
    std::vector<long long> cost(static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns), unpaired);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < mentors; ++c) {
            const int e = pools.mentees[static_cast<std::size_t>(r)], t = pools.mentors[static_cast<std::size_t>(c)];
            if (e == t || m.why_pair(e, t)) continue;
            cost[static_cast<std::size_t>(r) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(c)] =
                per_repeat * met[at(m, e, t)] + (max_score - score(e, t));
        }
    const std::vector<int> assignment = min_cost_assignment(rows, columns, cost);
    RoundResult round;
    std::vector<char> used(static_cast<std::size_t>(mentors), 0);
    for (int r = 0; r < rows; ++r) {
        const int c = assignment[static_cast<std::size_t>(r)];
        const int e = pools.mentees[static_cast<std::size_t>(r)];
        if (c >= 0 && c < mentors &&
            cost[static_cast<std::size_t>(r) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(c)] < unpaired) {
            round.groups.push_back({e, pools.mentors[static_cast<std::size_t>(c)]});
            used[static_cast<std::size_t>(c)] = 1;
        } else {
            round.unpaired.push_back(e);
        }
    }
    for (int c = 0; c < mentors; ++c)
        if (!used[static_cast<std::size_t>(c)]) round.unpaired.push_back(pools.mentors[static_cast<std::size_t>(c)]);
    normalize(round);
    // Mentor pairs keep the mentee first (the result names who mentors whom).
    for (auto& g : round.groups)
        if (std::find(pools.mentees.begin(), pools.mentees.end(), g[0]) == pools.mentees.end()) std::swap(g[0], g[1]);
    std::sort(round.groups.begin(), round.groups.end());
    return round;
}

/// Skill-exchange, one round: Irving's stable matching, else the engine's best pairs.
RoundResult exchange_round(const Model& m, const std::vector<std::uint16_t>& met, int round_index, Errors& errors) {
    const int n = m.size();
    const auto prefs = exchange_preferences(m, met, round_index);
    RoundResult round;
    if (auto partner = stable_roommates(prefs)) {
        for (int p = 0; p < n; ++p) {
            const int q = (*partner)[static_cast<std::size_t>(p)];
            if (q == -1) round.unpaired.push_back(p);
            else if (p < q) round.groups.push_back({p, q});
        }
        normalize(round);
        return round;
    }
    // No stable matching exists: pairs that maximise the mutual skill match, from the engine.
    round.stable = false;
    std::vector<int> people;
    for (int p = 0; p < n; ++p) {
        if (prefs[static_cast<std::size_t>(p)].empty()) round.unpaired.push_back(p);
        else people.push_back(p);
    }
    if (people.size() % 2 == 1) {
        // Leave out the learner with the fewest possible partners (the last such in roster order).
        auto fewest = std::min_element(people.rbegin(), people.rend(), [&](int a, int b) {
            return prefs[static_cast<std::size_t>(a)].size() < prefs[static_cast<std::size_t>(b)].size();
        });
        round.unpaired.push_back(*fewest);
        people.erase(std::next(fewest).base());
    }
    const int k = static_cast<int>(people.size());
    if (k > 0) {
        Problem p;
        p.people = k;
        p.rounds = 1;
        p.min_size = p.max_size = 2;
        const auto kk = static_cast<std::size_t>(k) * static_cast<std::size_t>(k);
        p.forbidden.assign(kk, 0);
        p.met_before.assign(kk, 0);
        p.pair_cost.assign(kk, 0);
        int best = 0;
        for (int a = 0; a < k; ++a)
            for (int b = 0; b < k; ++b)
                if (a != b) best = std::max(best, skills_matched(m, people[a], people[b]) + skills_matched(m, people[b], people[a]));
        for (int a = 0; a < k; ++a)
            for (int b = 0; b < k; ++b) {
                if (a == b) continue;
                const int x = people[static_cast<std::size_t>(a)], y = people[static_cast<std::size_t>(b)];
                const auto i = static_cast<std::size_t>(a) * static_cast<std::size_t>(k) + static_cast<std::size_t>(b);
                p.forbidden[i] = m.why_pair(x, y) ? 1 : 0;
                p.met_before[i] = met[at(m, x, y)];
                p.pair_cost[i] = static_cast<std::uint32_t>(best - skills_matched(m, x, y) - skills_matched(m, y, x));
            }
        Search search(p, m.options.seed + static_cast<std::uint64_t>(round_index));
        search.run(std::min<long long>(m.options.iterations, 200'000));
        if (search.best_cost().hard > 0)
            errors.push_back(Error{"not_found", "round " + std::to_string(round_index) +
                                                    ": no pairing of the learners without a forbidden pair was found", ""});
        for (const auto& g : search.best().at(0)) {
            std::vector<int> pair;
            for (int v : g) pair.push_back(people[static_cast<std::size_t>(v)]);
            round.groups.push_back(pair);
        }
    }
    normalize(round);
    std::vector<int> partner(static_cast<std::size_t>(n), -1);
    for (const auto& g : round.groups)
        if (g.size() == 2) {
            partner[static_cast<std::size_t>(g[0])] = g[1];
            partner[static_cast<std::size_t>(g[1])] = g[0];
        }
    round.blocking_pairs = static_cast<int>(blocking_pairs(prefs, partner).size());
    return round;
}

std::string quoted(const Model& m, int i) { return "\"" + m.ids[static_cast<std::size_t>(i)] + "\""; }

}  // namespace

Cost pairs_cost(const Model& m, const std::vector<RoundResult>& rounds) {
    Cost c;
    std::vector<std::uint16_t> met = met_matrix(m);
    for (const auto& round : rounds) record(m, met, round);
    const std::vector<std::uint16_t> before = met_matrix(m);
    for (int a = 0; a < m.size(); ++a)
        for (int b = a + 1; b < m.size(); ++b) {
            const long long now = met[at(m, a, b)], then = before[at(m, a, b)];
            if (now == then) continue;
            // Every scheduled meeting but a pair's first ever is a repeat; squares count the history too.
            c.repeats += (now - then) - (then == 0 ? 1 : 0);
            c.repeats_squared += (now - 1) * (now - 1);
        }
    for (const auto& round : rounds)
        for (const auto& g : round.groups)
            for (std::size_t i = 0; i < g.size(); ++i)
                for (std::size_t j = i + 1; j < g.size(); ++j) {
                    if (g[i] < 0 || g[j] < 0 || g[i] >= m.size() || g[j] >= m.size()) continue;
                    c.soft += pair_cost(m, g[i], g[j]);
                }
    c.hard = static_cast<long long>(hard_violations(m, rounds).size());
    return c;
}

Outcome outcome_of(const Model& m, const Schedule& schedule) {
    Outcome out;
    std::vector<char> pool(static_cast<std::size_t>(m.size()), 1);
    if (m.options.mode == Mode::mentor) {
        std::fill(pool.begin(), pool.end(), 0);
        const MentorPools pools = mentor_pools(m);
        for (int v : pools.mentees) pool[static_cast<std::size_t>(v)] = 1;
        for (int v : pools.mentors) pool[static_cast<std::size_t>(v)] = 1;
    }
    for (const auto& groups : schedule) {
        RoundResult round;
        round.groups = groups;
        std::vector<char> placed(static_cast<std::size_t>(m.size()), 0);
        for (const auto& g : groups)
            for (int v : g)
                if (v >= 0 && v < m.size()) placed[static_cast<std::size_t>(v)] = 1;
        if (m.options.mode != Mode::groups)
            for (int v = 0; v < m.size(); ++v)
                if (pool[static_cast<std::size_t>(v)] && !placed[static_cast<std::size_t>(v)]) round.unpaired.push_back(v);
        normalize(round);
        if (m.options.mode == Mode::mentor) {
            const MentorPools pools = mentor_pools(m);
            for (auto& g : round.groups)
                if (g.size() == 2 && std::find(pools.mentees.begin(), pools.mentees.end(), g[0]) == pools.mentees.end()) std::swap(g[0], g[1]);
        }
        out.rounds.push_back(std::move(round));
    }
    if (m.options.mode == Mode::skill_exchange) {
        // Stability of each round against the preferences the run would have used.
        std::vector<std::uint16_t> met = met_matrix(m);
        for (std::size_t r = 0; r < out.rounds.size(); ++r) {
            auto& round = out.rounds[r];
            const auto prefs = exchange_preferences(m, met, static_cast<int>(r));
            std::vector<int> partner(static_cast<std::size_t>(m.size()), -1);
            for (const auto& g : round.groups)
                if (g.size() == 2 && g[0] >= 0 && g[1] >= 0 && g[0] < m.size() && g[1] < m.size()) {
                    partner[static_cast<std::size_t>(g[0])] = g[1];
                    partner[static_cast<std::size_t>(g[1])] = g[0];
                }
            round.blocking_pairs = static_cast<int>(blocking_pairs(prefs, partner).size());
            round.stable = round.blocking_pairs == 0;
            record(m, met, round);
        }
    }
    out.progress.done = true;
    out.progress.lower_bound = -1;  // not searched
    if (m.options.mode == Mode::groups) {
        out.progress.best = evaluate(m.problem, schedule);
        out.progress.best.hard = static_cast<long long>(hard_violations(m, out.rounds).size());
    } else {
        out.progress.best = pairs_cost(m, out.rounds);
    }
    return out;
}

int skills_matched(const Model& m, int wanter, int offerer) {
    int count = 0;
    for (const auto& s : m.skills_wanted[static_cast<std::size_t>(wanter)]) {
        const auto& offered = m.skills_offered[static_cast<std::size_t>(offerer)];
        count += std::find(offered.begin(), offered.end(), s) != offered.end();
    }
    return count;
}

MentorPools mentor_pools(const Model& m) {
    MentorPools pools;
    const int n = m.size();
    std::vector<char> manages(static_cast<std::size_t>(n), 0);
    for (int i = 0; i < n; ++i)
        if (m.manager[static_cast<std::size_t>(i)] != -1) manages[static_cast<std::size_t>(m.manager[static_cast<std::size_t>(i)])] = 1;
    if (!m.mentees.empty()) {
        pools.mentees = m.mentees;
    } else {
        for (int i = 0; i < n; ++i)
            if (contains_word(m.roles[static_cast<std::size_t>(i)], {"first-time", "first time", "new leader", "new manager"}))
                pools.mentees.push_back(i);
    }
    auto is_mentee = [&](int i) { return std::find(pools.mentees.begin(), pools.mentees.end(), i) != pools.mentees.end(); };
    if (!m.mentors.empty()) {
        for (int i : m.mentors)
            if (!is_mentee(i)) pools.mentors.push_back(i);
    } else {
        for (int i = 0; i < n; ++i)
            if (!is_mentee(i) && (manages[static_cast<std::size_t>(i)] ||
                                  contains_word(m.roles[static_cast<std::size_t>(i)],
                                                {"lead", "head", "manager", "director", "senior", "principal", "chief"})))
                pools.mentors.push_back(i);
    }
    std::sort(pools.mentees.begin(), pools.mentees.end());
    std::sort(pools.mentors.begin(), pools.mentors.end());
    return pools;
}

std::vector<std::vector<int>> exchange_preferences(const Model& m, const std::vector<std::uint16_t>& met, int round) {
    const int n = m.size();
    std::vector<std::vector<int>> prefs(static_cast<std::size_t>(n));
    for (int a = 0; a < n; ++a) {
        struct Key {
            int met, gets, gives, same_department;
            std::uint64_t tie;
            int who;
        };
        std::vector<Key> keys;
        for (int b = 0; b < n; ++b) {
            if (a == b || m.why_pair(a, b)) continue;
            const std::uint64_t tie = mix64(m.options.seed ^ mix64((static_cast<std::uint64_t>(round) << 42) ^
                                                                   (static_cast<std::uint64_t>(a) << 21) ^ static_cast<std::uint64_t>(b)));
            keys.push_back({met[at(m, a, b)] > 0 ? 1 : 0, -skills_matched(m, a, b), -skills_matched(m, b, a),
                            m.department[a] != -1 && m.department[a] == m.department[b] ? 1 : 0, tie, b});
        }
        std::sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) {
            return std::tie(x.met, x.gets, x.gives, x.same_department, x.tie, x.who) <
                   std::tie(y.met, y.gets, y.gives, y.same_department, y.tie, y.who);
        });
        for (const auto& k : keys) prefs[static_cast<std::size_t>(a)].push_back(k.who);
    }
    return prefs;
}

Formation::Formation(Model model) : model_(std::make_unique<Model>(std::move(model))) {
    const Model& m = *model_;
    if (m.options.mode == Mode::groups) {
        // The engine splits each round into the fewest groups the range allows. When that split
        // keeps breaking a hard constraint, more and smaller groups are tried (docs/groups.md).
        split_ = m.problem;
        patience_ = 500 + 50LL * m.size();
        search_ = std::make_unique<Search>(split_, m.options.seed);
        return;
    }
    std::vector<std::uint16_t> met = met_matrix(m);
    const MentorPools pools = mentor_pools(m);
    for (int r = 0; r < m.options.rounds; ++r) {
        RoundResult round = m.options.mode == Mode::mentor ? mentor_round(m, pools, met) : exchange_round(m, met, r, pairing_errors_);
        record(m, met, round);
        pairs_.push_back(std::move(round));
    }
}

Formation::~Formation() = default;

bool Formation::step(long long iterations) {
    if (!search_) return true;
    iterations = std::max(0LL, iterations);
    while (!done_ && iterations > 0) {
        // A split is stuck while it breaks a hard constraint or repeats a meeting: repeats come
        // before the mix, so more and smaller groups (fewer pairs per round) may do better.
        const Cost best = search_->best_cost();
        const bool stuck = best.hard > 0 || best.repeats_squared > 0;
        long long slice = iterations;
        if (stuck) slice = std::min(slice, std::max(0LL, patience_ - search_->iterations()));
        if (slice > 0) {
            done_ = search_->run(slice);
            iterations -= slice;
            // "Nothing can improve" with a hard violation or a repeat left (a split with no
            // possible swap, or at its own lower bound): that split is exhausted, the next may do.
            const Cost now = search_->best_cost();
            if (done_ && (now.hard > 0 || now.repeats_squared > 0) && next_split()) done_ = false;
            continue;
        }
        if (!next_split()) {
            // Every split tried: the last one keeps searching.
            done_ = search_->run(iterations);
            break;
        }
    }
    return done_;
}

bool Formation::next_split() {
    const Model& m = *model_;
    const int n = m.size(), lo = m.options.min_size, hi = m.options.max_size;
    if (groups_ == 0) groups_ = (n + hi - 1) / hi;
    while (++groups_ <= n / lo) {
        Problem p = m.problem;
        p.min_size = std::max(lo, n / groups_);
        p.max_size = std::min(hi, (n + groups_ - 1) / groups_);
        if (p.min_size > p.max_size || !validate(p).empty()) continue;
        if (!has_kept_ || search_->best_cost() < kept_cost_) {
            kept_ = search_->best();
            kept_cost_ = search_->best_cost();
            has_kept_ = true;
        }
        spent_ += search_->iterations();
        split_ = std::move(p);
        search_ = std::make_unique<Search>(split_, m.options.seed + static_cast<std::uint64_t>(groups_));
        return true;
    }
    return false;
}

Progress Formation::progress() const {
    Progress p;
    if (search_) {
        p.iterations = spent_ + search_->iterations();
        p.best = search_->best_cost();
        if (has_kept_ && kept_cost_ < p.best) p.best = kept_cost_;
        p.lower_bound = search_->repeats_lower_bound();  // for the group sizes of the current split
        p.done = done_;
        return p;
    }
    p.done = true;
    p.best = pairs_cost(*model_, pairs_);
    return p;
}

Result<Outcome> Formation::outcome() const {
    const Model& m = *model_;
    Outcome out;
    out.progress = progress();
    if (search_) {
        const bool kept = has_kept_ && kept_cost_ < search_->best_cost();
        for (const auto& groups : kept ? kept_ : search_->best()) {
            RoundResult round;
            round.groups = groups;
            normalize(round);
            out.rounds.push_back(std::move(round));
        }
    } else {
        out.rounds = pairs_;
    }
    if (!pairing_errors_.empty()) return pairing_errors_;
    Errors broken = hard_violations(m, out.rounds);
    if (!broken.empty()) {
        Errors errors;
        errors.push_back(Error{"not_found", "no schedule that honours every hard constraint was found in " +
                                                std::to_string(out.progress.iterations) +
                                                " iterations (the constraints may be too tight: loosen the pins, the "
                                                "do-not-pair lists or the sizes, or search longer); the best one breaks " +
                                                std::to_string(broken.size()) + (broken.size() == 1 ? " rule" : " rules") +
                                                ", first: " + broken.front().message, ""});
        errors.insert(errors.end(), broken.begin(), broken.end());
        return errors;
    }
    return out;
}

Errors hard_violations(const Model& m, const std::vector<RoundResult>& rounds) {
    Errors out;
    const int n = m.size();
    const Options& o = m.options;
    if (static_cast<int>(rounds.size()) != o.rounds)
        out.push_back(Error{"hard_violation", "expected " + std::to_string(o.rounds) + " rounds, found " + std::to_string(rounds.size()), ""});
    for (std::size_t r = 0; r < rounds.size(); ++r) {
        const std::string where = "round " + std::to_string(r) + ": ";
        std::vector<int> seen(static_cast<std::size_t>(n), 0);
        std::vector<int> group_of(static_cast<std::size_t>(n), -1);
        for (std::size_t gi = 0; gi < rounds[r].groups.size(); ++gi) {
            const auto& g = rounds[r].groups[gi];
            const int size = static_cast<int>(g.size());
            const int lo = o.mode == Mode::groups ? o.min_size : 2, hi = o.mode == Mode::groups ? o.max_size : 2;
            if (size < lo || size > hi)
                out.push_back(Error{"hard_violation", where + "a group of " + std::to_string(size) + " (sizes " + std::to_string(lo) +
                                                          "–" + std::to_string(hi) + ")", ""});
            for (int v : g) {
                if (v < 0 || v >= n) {
                    out.push_back(Error{"hard_violation", where + "a group names no learner of the roster", ""});
                    continue;
                }
                ++seen[static_cast<std::size_t>(v)];
                group_of[static_cast<std::size_t>(v)] = static_cast<int>(gi);
            }
            for (std::size_t a = 0; a < g.size(); ++a)
                for (std::size_t b = a + 1; b < g.size(); ++b) {
                    if (g[a] < 0 || g[a] >= n || g[b] < 0 || g[b] >= n) continue;
                    const std::uint8_t w = m.why_pair(g[a], g[b]);
                    if (!w) continue;
                    const char* reason = (w & why_reporting_line) ? "one reporting line"
                                         : (w & why_do_not_pair) ? "a do-not-pair list"
                                                                 : "kept apart";
                    out.push_back(Error{"hard_violation", where + quoted(m, g[a]) + " and " + quoted(m, g[b]) +
                                                              " share a group (" + reason + ")", ""});
                }
        }
        for (int v : rounds[r].unpaired)
            if (v >= 0 && v < n) ++seen[static_cast<std::size_t>(v)];
        for (int v = 0; v < n; ++v) {
            const int s = seen[static_cast<std::size_t>(v)];
            if (s > 1) out.push_back(Error{"hard_violation", where + quoted(m, v) + " is placed " + std::to_string(s) + " times", ""});
            if (s == 0 && o.mode == Mode::groups) out.push_back(Error{"hard_violation", where + quoted(m, v) + " is not placed", ""});
        }
        if (o.mode != Mode::groups) continue;
        for (const auto& set : m.problem.keep_together)
            for (int v : set)
                if (group_of[static_cast<std::size_t>(v)] != group_of[static_cast<std::size_t>(set.front())])
                    out.push_back(Error{"hard_violation", where + quoted(m, v) + " is not with " + quoted(m, set.front()) +
                                                              " (kept together)", ""});
        for (const auto& lock : m.problem.locked) {
            if (lock.round != static_cast<int>(r) || lock.members.empty()) continue;
            const int g = group_of[static_cast<std::size_t>(lock.members.front())];
            const bool exact = g >= 0 && rounds[r].groups[static_cast<std::size_t>(g)].size() == lock.members.size() &&
                               std::all_of(lock.members.begin(), lock.members.end(),
                                           [&](int v) { return group_of[static_cast<std::size_t>(v)] == g; });
            if (!exact)
                out.push_back(Error{"hard_violation", where + "the locked group of " + quoted(m, lock.members.front()) +
                                                          " is not as locked", ""});
        }
    }
    return out;
}

Result<Outcome> solve(const Model& model) {
    Formation f(model);
    f.step(model.options.iterations);
    return f.outcome();
}

}  // namespace kollega::groups

#include "core/groups/model.hpp"

#include "core/groups/formation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace kollega::groups {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Lower case with runs of spaces made one and the ends trimmed: "Team  Lead " -> "team lead".
std::string normalized(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string quoted(std::string_view id) { return "\"" + std::string(id) + "\""; }

/// The standard offsets of common IANA zones (minutes east of UTC), sorted by name.
struct ZoneOffset {
    std::string_view name;
    int minutes;
};
constexpr ZoneOffset kZones[] = {
    {"Africa/Abidjan", 0},          {"Africa/Accra", 0},           {"Africa/Addis_Ababa", 180},
    {"Africa/Algiers", 60},         {"Africa/Cairo", 120},         {"Africa/Casablanca", 60},
    {"Africa/Johannesburg", 120},   {"Africa/Lagos", 60},          {"Africa/Nairobi", 180},
    {"Africa/Tunis", 60},           {"America/Anchorage", -540},   {"America/Argentina/Buenos_Aires", -180},
    {"America/Bogota", -300},       {"America/Buenos_Aires", -180}, {"America/Caracas", -240},
    {"America/Chicago", -360},      {"America/Denver", -420},      {"America/Edmonton", -420},
    {"America/Halifax", -240},      {"America/Lima", -300},        {"America/Los_Angeles", -480},
    {"America/Mexico_City", -360},  {"America/Montevideo", -180},  {"America/New_York", -300},
    {"America/Phoenix", -420},      {"America/Santiago", -240},    {"America/Sao_Paulo", -180},
    {"America/St_Johns", -210},     {"America/Toronto", -300},     {"America/Vancouver", -480},
    {"Asia/Bangkok", 420},          {"Asia/Colombo", 330},         {"Asia/Dhaka", 360},
    {"Asia/Dubai", 240},            {"Asia/Ho_Chi_Minh", 420},     {"Asia/Hong_Kong", 480},
    {"Asia/Jakarta", 420},          {"Asia/Jerusalem", 120},       {"Asia/Karachi", 300},
    {"Asia/Kathmandu", 345},        {"Asia/Kolkata", 330},         {"Asia/Kuala_Lumpur", 480},
    {"Asia/Manila", 480},           {"Asia/Riyadh", 180},          {"Asia/Seoul", 540},
    {"Asia/Shanghai", 480},         {"Asia/Singapore", 480},       {"Asia/Taipei", 480},
    {"Asia/Tehran", 210},           {"Asia/Tel_Aviv", 120},        {"Asia/Tokyo", 540},
    {"Atlantic/Azores", -60},       {"Atlantic/Reykjavik", 0},     {"Australia/Adelaide", 570},
    {"Australia/Brisbane", 600},    {"Australia/Melbourne", 600},  {"Australia/Perth", 480},
    {"Australia/Sydney", 600},      {"Etc/GMT", 0},                {"Etc/UTC", 0},
    {"Europe/Amsterdam", 60},       {"Europe/Athens", 120},        {"Europe/Belgrade", 60},
    {"Europe/Berlin", 60},          {"Europe/Brussels", 60},       {"Europe/Bucharest", 120},
    {"Europe/Budapest", 60},        {"Europe/Copenhagen", 60},     {"Europe/Dublin", 0},
    {"Europe/Helsinki", 120},       {"Europe/Istanbul", 180},      {"Europe/Kiev", 120},
    {"Europe/Kyiv", 120},           {"Europe/Lisbon", 0},          {"Europe/Ljubljana", 60},
    {"Europe/London", 0},           {"Europe/Luxembourg", 60},     {"Europe/Madrid", 60},
    {"Europe/Malta", 60},           {"Europe/Minsk", 180},         {"Europe/Monaco", 60},
    {"Europe/Moscow", 180},         {"Europe/Oslo", 60},           {"Europe/Paris", 60},
    {"Europe/Prague", 60},          {"Europe/Riga", 120},          {"Europe/Rome", 60},
    {"Europe/Sofia", 120},          {"Europe/Stockholm", 60},      {"Europe/Tallinn", 120},
    {"Europe/Vienna", 60},          {"Europe/Vilnius", 120},       {"Europe/Warsaw", 60},
    {"Europe/Zagreb", 60},          {"Europe/Zurich", 60},         {"GMT", 0},
    {"Pacific/Auckland", 720},      {"Pacific/Fiji", 720},         {"Pacific/Guam", 600},
    {"Pacific/Honolulu", -600},     {"Pacific/Port_Moresby", 600}, {"UTC", 0},
    {"Atlantic/Canary", 0},         {"Europe/Belfast", 0},
};

/// Union-find over learners, for merging keep-together sets.
struct Sets {
    std::vector<int> parent;
    explicit Sets(int n) : parent(static_cast<std::size_t>(n)) { std::iota(parent.begin(), parent.end(), 0); }
    int find(int a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    }
    void join(int a, int b) { parent[find(a)] = find(b); }
};

/// Whether `n` learners can be split into groups of min..max (every learner placed).
bool splittable(int n, int min_size, int max_size) {
    if (n == 0) return true;
    for (int k = (n + max_size - 1) / max_size; k * min_size <= n; ++k)
        if (k * max_size >= n) return true;
    return false;
}

std::string sizes_words(int min_size, int max_size) {
    return min_size == max_size ? std::to_string(min_size) : std::to_string(min_size) + "–" + std::to_string(max_size);
}

class Builder {
public:
    Builder(const Roster& roster, const Options& options) : roster_(roster), o_(options) {}

    Result<Model> build() {
        m_.options = o_;
        if (roster_.size() > kMaxLearners)
            return Error{"too_large", "group formation takes at most " + std::to_string(kMaxLearners) + " learners, found " +
                                          std::to_string(roster_.size()) + " (split the cohort)", "/roster"};
        n_ = static_cast<int>(roster_.size());
        check_options();
        read_learners();
        reporting_lines();
        if (!errors_.empty()) return errors_;  // references are needed below
        auto dnp = resolve_sets(o_.do_not_pair, "/doNotPair");
        auto apart = resolve_sets(o_.keep_apart, "/keepApart");
        auto together = resolve_sets(o_.keep_together, "/keepTogether");
        std::vector<std::vector<int>> locked;
        for (std::size_t i = 0; i < o_.locked.size(); ++i)
            locked.push_back(resolve_ids(o_.locked[i].members, "/locked/" + std::to_string(i) + "/members"));
        auto mentors = resolve_ids(o_.mentors, "/mentors");
        auto mentees = resolve_ids(o_.mentees, "/mentees");
        if (!errors_.empty()) return errors_;
        for (const auto& s : dnp) forbid_all(s, why_do_not_pair);
        for (const auto& s : apart) forbid_all(s, why_keep_apart);
        m_.problem.forbidden.resize(m_.why.size());
        for (std::size_t k = 0; k < m_.why.size(); ++k) m_.problem.forbidden[k] = m_.why[k] ? 1 : 0;
        history();
        costs();
        m_.problem.people = n_;
        m_.problem.rounds = o_.rounds;
        if (o_.mode == Mode::groups) {
            m_.problem.min_size = o_.min_size;
            m_.problem.max_size = o_.max_size;
        } else {
            m_.problem.min_size = m_.problem.max_size = 2;
            if (!o_.keep_together.empty())
                errors_.push_back(Error::invalid_value("/keepTogether", "keepTogether applies to groups mode only"));
            if (!o_.locked.empty())
                errors_.push_back(Error::invalid_value("/locked", "locked groups apply to groups mode only"));
        }
        if (o_.mode != Mode::mentor) {
            if (!o_.mentors.empty()) errors_.push_back(Error::invalid_value("/mentors", "mentors apply to mentor mode only"));
            if (!o_.mentees.empty()) errors_.push_back(Error::invalid_value("/mentees", "mentees apply to mentor mode only"));
        }
        if (!errors_.empty()) return errors_;
        if (n_ == 0) return Error{"infeasible", "the roster has no learners", "/roster"};
        if (o_.mode == Mode::groups) {
            diagnose_sizes();
            diagnose_apart(dnp, "/doNotPair", "a do-not-pair list");
            diagnose_apart(apart, "/keepApart", "a keep-apart pin");
            diagnose_lines();
            keep_together(together);
            locked_groups(locked);
            diagnose_learners();
            if (errors_.empty())
                for (const auto& e : validate(m_.problem))  // what the engine itself refuses
                    errors_.push_back(Error{"infeasible", e.message, e.path});
        }
        m_.mentors = std::move(mentors);
        m_.mentees = std::move(mentees);
        if (o_.mode == Mode::mentor) {
            const MentorPools pools = mentor_pools(m_);
            if (pools.mentees.empty())
                errors_.push_back(Error{"infeasible", "mentor mode needs mentees: no learner's role says first-time leader "
                                                      "(or list them in mentees)", "/mentees"});
            if (pools.mentors.empty())
                errors_.push_back(Error{"infeasible", "mentor mode needs mentors: no other learner manages someone or has a "
                                                      "senior role (or list them in mentors)", "/mentors"});
        }
        if (!errors_.empty()) return errors_;
        return std::move(m_);
    }

private:
    const Roster& roster_;
    const Options& o_;
    Model m_;
    int n_ = 0;
    Errors errors_;
    std::vector<std::vector<int>> ancestors_;  // per learner: roster ancestors within depth, nearest first

    std::size_t at(int a, int b) const { return static_cast<std::size_t>(a) * static_cast<std::size_t>(n_) + b; }

    void check_options() {
        if (o_.mode == Mode::groups) {
            if (o_.min_size < 2)
                errors_.push_back(Error::invalid_value("/size/min", "a group has at least 2 learners, found " + std::to_string(o_.min_size)));
            if (o_.max_size < o_.min_size)
                errors_.push_back(Error::invalid_value("/size/max", "the largest group (" + std::to_string(o_.max_size) +
                                                                        ") is smaller than the smallest (" + std::to_string(o_.min_size) + ")"));
        }
        if (o_.rounds < 1 || o_.rounds > 100)
            errors_.push_back(Error::invalid_value("/rounds", "expected 1 to 100 rounds, found " + std::to_string(o_.rounds)));
        if (o_.reporting_depth < 0 || o_.reporting_depth > 64)
            errors_.push_back(Error::invalid_value("/reportingDepth", "expected a depth of 0 to 64, found " + std::to_string(o_.reporting_depth)));
        if (o_.iterations < 0)
            errors_.push_back(Error::invalid_value("/iterations", "expected 0 or more iterations"));
        for (std::size_t i = 0; i < o_.locked.size(); ++i)
            if (o_.locked[i].round < 0 || o_.locked[i].round >= std::max(o_.rounds, 1))
                errors_.push_back(Error::invalid_value("/locked/" + std::to_string(i) + "/round",
                                                       "round " + std::to_string(o_.locked[i].round) + " is not one of the " +
                                                           std::to_string(o_.rounds) + " rounds to schedule (counted from 0)"));
    }

    void read_learners() {
        const auto& ls = roster_.learners();
        std::unordered_map<std::string, int> departments, bands;
        m_.ids.reserve(ls.size());
        for (const auto& l : ls) {
            m_.ids.push_back(l.id);
            auto intern = [](std::unordered_map<std::string, int>& table, const std::string& key) {
                if (key.empty()) return -1;
                auto [it, fresh] = table.emplace(key, static_cast<int>(table.size()));
                (void)fresh;
                return it->second;
            };
            const std::string dept = normalized(l.department);
            const int d = intern(departments, dept);
            if (d >= static_cast<int>(m_.departments.size())) m_.departments.push_back(l.department);
            m_.department.push_back(d);
            m_.roles.push_back(normalized(l.role));
            m_.band.push_back(intern(bands, m_.roles.back()));
            const Learner* boss = l.manager_id.empty() ? nullptr : roster_.find(l.manager_id);
            m_.manager.push_back(boss ? static_cast<int>(boss - ls.data()) : -1);
            m_.utc_offset_minutes.push_back(utc_offset_minutes(l.timezone));
            std::string lang = lower(l.language.substr(0, l.language.find_first_of("-_")));
            m_.language.push_back(lang);
            std::vector<std::string> offered, wanted;
            for (const auto& s : l.skills_offered) offered.push_back(normalized(s));
            for (const auto& s : l.skills_wanted) wanted.push_back(normalized(s));
            m_.skills_offered.push_back(std::move(offered));
            m_.skills_wanted.push_back(std::move(wanted));
        }
        m_.why.assign(static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_), why_none);
    }

    void reporting_lines() {
        // Cycles first: a walk that meets itself (the roster readers refuse these, but a Roster
        // may be built directly).
        std::vector<int> state(static_cast<std::size_t>(n_), 0);  // 0 new, 1 on the walk, 2 done
        for (int s = 0; s < n_; ++s) {
            std::vector<int> walk;
            int v = s;
            while (v != -1 && state[v] == 0) {
                state[v] = 1;
                walk.push_back(v);
                v = m_.manager[v];
            }
            if (v != -1 && state[v] == 1) {
                std::string chain;
                auto it = std::find(walk.begin(), walk.end(), v);
                for (auto w = it; w != walk.end(); ++w) chain += quoted(m_.ids[*w]) + " → ";
                chain += quoted(m_.ids[v]);
                errors_.push_back(Error{"cycle", "managers form a cycle: " + chain + " (→ points to the manager)",
                                        "/roster/learners/" + std::to_string(v) + "/managerId"});
            }
            for (int w : walk) state[w] = 2;
        }
        if (!errors_.empty()) return;
        ancestors_.assign(static_cast<std::size_t>(n_), {});
        for (int i = 0; i < n_; ++i) {
            int v = m_.manager[i];
            for (int d = 1; v != -1 && d <= o_.reporting_depth; ++d, v = m_.manager[v]) {
                ancestors_[i].push_back(v);
                m_.why[at(i, v)] |= why_reporting_line;
                m_.why[at(v, i)] |= why_reporting_line;
            }
        }
    }

    std::vector<int> resolve_ids(const std::vector<std::string>& ids, const std::string& path) {
        std::vector<int> out;
        for (std::size_t k = 0; k < ids.size(); ++k) {
            const Learner* l = roster_.find(ids[k]);
            const std::string p = path + "/" + std::to_string(k);
            if (!l) {
                errors_.push_back(Error::unknown_reference(p, "learner", ids[k]));
                continue;
            }
            const int idx = static_cast<int>(l - roster_.learners().data());
            if (std::find(out.begin(), out.end(), idx) != out.end()) {
                errors_.push_back(Error::invalid_value(p, "learner " + quoted(ids[k]) + " is listed twice here"));
                continue;
            }
            out.push_back(idx);
        }
        return out;
    }

    std::vector<std::vector<int>> resolve_sets(const std::vector<std::vector<std::string>>& sets, const std::string& path) {
        std::vector<std::vector<int>> out;
        for (std::size_t i = 0; i < sets.size(); ++i) {
            const std::string p = path + "/" + std::to_string(i);
            if (sets[i].size() < 2)
                errors_.push_back(Error::invalid_value(p, "expected at least 2 learner ids, found " + std::to_string(sets[i].size())));
            out.push_back(resolve_ids(sets[i], p));
        }
        return out;
    }

    void forbid_all(const std::vector<int>& set, std::uint8_t why) {
        for (std::size_t a = 0; a < set.size(); ++a)
            for (std::size_t b = a + 1; b < set.size(); ++b) {
                m_.why[at(set[a], set[b])] |= why;
                m_.why[at(set[b], set[a])] |= why;
            }
    }

    void history() {
        if (o_.history.empty()) return;
        m_.problem.met_before.assign(static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_), 0);
        for (const auto& round : o_.history)
            for (const auto& group : round) {
                std::vector<int> members;
                for (const auto& id : group)
                    if (const Learner* l = roster_.find(id)) {
                        const int idx = static_cast<int>(l - roster_.learners().data());
                        if (std::find(members.begin(), members.end(), idx) == members.end()) members.push_back(idx);
                    }
                for (std::size_t a = 0; a < members.size(); ++a)
                    for (std::size_t b = a + 1; b < members.size(); ++b) {
                        auto& c = m_.problem.met_before[at(members[a], members[b])];
                        if (c < std::numeric_limits<std::uint16_t>::max()) ++c;
                        m_.problem.met_before[at(members[b], members[a])] = c;
                    }
            }
    }

    void costs() {
        // Strict order: one mix unit outweighs the reach of every pair meeting a schedule can hold.
        const int largest = o_.mode == Mode::groups ? std::max(o_.max_size, 2) : 2;
        const long long meetings = static_cast<long long>(std::max(o_.rounds, 1)) * n_ * (largest - 1) / 2 + 1;
        const long long unit = 8 * meetings + 1;
        const long long cap = (std::numeric_limits<std::uint32_t>::max() - 8) / 3;
        m_.weights.mix_unit = static_cast<std::uint32_t>(std::min(unit, cap));
        m_.problem.pair_cost.assign(static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_), 0);
        for (int a = 0; a < n_; ++a)
            for (int b = a + 1; b < n_; ++b) m_.problem.pair_cost[at(a, b)] = m_.problem.pair_cost[at(b, a)] = pair_cost(m_, a, b);
    }

    std::string name(int i) const { return quoted(m_.ids[i]); }

    /// Why two learners may never share a group, in words ("who are in one reporting line (…)").
    std::string because(int a, int b) const {
        const std::uint8_t w = m_.why[at(a, b)];
        std::vector<std::string> parts;
        if (w & why_reporting_line) {
            int lo = a, hi = b;
            if (!m_.in_line(a, b)) std::swap(lo, hi);
            const auto& line = ancestors_[lo];
            const auto level = std::find(line.begin(), line.end(), hi) - line.begin() + 1;
            parts.push_back("who are in one reporting line (" + name(hi) +
                            (level == 1 ? " is " + name(lo) + "'s manager)"
                                        : " is " + std::to_string(level) + " levels above " + name(lo) + ")"));
        }
        if (w & why_do_not_pair) parts.push_back("who are on a do-not-pair list");
        if (w & why_keep_apart) parts.push_back("who are kept apart");
        std::string out;
        for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? " and " : "") + parts[k];
        return out;
    }

    void diagnose_sizes() {
        if (!splittable(n_, o_.min_size, o_.max_size))
            errors_.push_back(Error{"infeasible",
                                    (o_.min_size == o_.max_size ? "size " : "sizes ") + sizes_words(o_.min_size, o_.max_size) +
                                        " cannot split " + std::to_string(n_) +
                                        (n_ == 1 ? " learner" : " learners") + " (every learner is placed in every round)",
                                    "/size"});
    }

    /// The most groups a round can have: learners who must all be apart need that many.
    int most_groups() const { return o_.min_size >= 2 ? n_ / o_.min_size : n_; }

    std::string groups_words(int k) const {
        return std::to_string(n_) + " learners make at most " + std::to_string(k) + (k == 1 ? " group" : " groups") +
               " of " + sizes_words(o_.min_size, o_.max_size);
    }

    void diagnose_apart(const std::vector<std::vector<int>>& sets, const std::string& path, const char* what) {
        if (o_.min_size < 2 || o_.max_size < o_.min_size) return;
        const int k = most_groups();
        for (std::size_t i = 0; i < sets.size(); ++i)
            if (static_cast<int>(sets[i].size()) > k)
                errors_.push_back(Error{"infeasible", std::string(what) + " keeps " + std::to_string(sets[i].size()) +
                                                          " learners apart (" + names(sets[i]) + "), but " + groups_words(k),
                                        path + "/" + std::to_string(i)});
    }

    /// A learner and the managers above them within the depth are all pairwise in one line:
    /// they need as many groups as they are.
    void diagnose_lines() {
        if (o_.min_size < 2 || o_.max_size < o_.min_size) return;
        const int k = most_groups();
        for (int i = 0; i < n_; ++i) {
            const auto& line = ancestors_[static_cast<std::size_t>(i)];
            if (static_cast<int>(line.size()) + 1 <= k) continue;
            std::vector<int> chain{i};
            chain.insert(chain.end(), line.begin(), line.end());
            errors_.push_back(Error{"infeasible", "the reporting line " + names(chain, 8) + " has " + std::to_string(chain.size()) +
                                                      " learners who may not share a group, but " + groups_words(k), ""});
            return;  // one is enough: the others are the same line
        }
    }

    void keep_together(const std::vector<std::vector<int>>& sets) {
        Sets uf(n_);
        for (const auto& s : sets)
            for (std::size_t k = 1; k < s.size(); ++k) uf.join(s[0], s[k]);
        std::unordered_map<int, std::size_t> slot;
        std::vector<std::vector<int>> components;
        std::vector<std::size_t> first_entry;
        for (std::size_t i = 0; i < sets.size(); ++i)
            for (int v : sets[i]) {
                auto [it, fresh] = slot.emplace(uf.find(v), components.size());
                if (fresh) {
                    components.emplace_back();
                    first_entry.push_back(i);
                }
                auto& c = components[it->second];
                if (std::find(c.begin(), c.end(), v) == c.end()) c.push_back(v);
            }
        for (std::size_t c = 0; c < components.size(); ++c) {
            auto& comp = components[c];
            std::sort(comp.begin(), comp.end());
            const std::string path = "/keepTogether/" + std::to_string(first_entry[c]);
            if (static_cast<int>(comp.size()) > o_.max_size)
                errors_.push_back(Error{"infeasible", "learners kept together (" + names(comp) + ") are " +
                                                          std::to_string(comp.size()) + ", more than a group of at most " +
                                                          std::to_string(o_.max_size) + " holds", path});
            bool clash = false;
            for (std::size_t a = 0; a < comp.size() && !clash; ++a)
                for (std::size_t b = a + 1; b < comp.size() && !clash; ++b)
                    if (m_.why[at(comp[a], comp[b])]) {
                        errors_.push_back(Error{"infeasible", "learners kept together include " + name(comp[a]) + " and " +
                                                                  name(comp[b]) + ", " + because(comp[a], comp[b]), path});
                        clash = true;
                    }
            if (clash || static_cast<int>(comp.size()) >= o_.min_size) continue;
            int common = 0;
            for (int v = 0; v < n_; ++v) {
                if (std::find(comp.begin(), comp.end(), v) != comp.end()) continue;
                bool ok = true;
                for (int u : comp) ok = ok && !m_.why[at(u, v)];
                common += ok;
            }
            if (common < o_.min_size - static_cast<int>(comp.size()))
                errors_.push_back(Error{"infeasible", "learners kept together (" + names(comp) + ") can share a group with only " +
                                                          std::to_string(common) + " other learners, but groups need at least " +
                                                          std::to_string(o_.min_size), path});
        }
        m_.problem.keep_together = std::move(components);
    }

    std::string names(const std::vector<int>& members, std::size_t limit = 6) const {
        std::string out;
        for (std::size_t k = 0; k < members.size() && k < limit; ++k) out += (k ? ", " : "") + name(members[k]);
        if (members.size() > limit) out += ", …";
        return out;
    }

    void locked_groups(const std::vector<std::vector<int>>& locked) {
        std::vector<std::vector<int>> placed(static_cast<std::size_t>(o_.rounds));  // per round: locked members
        for (std::size_t i = 0; i < locked.size(); ++i) {
            const int round = o_.locked[i].round;
            const std::string path = "/locked/" + std::to_string(i);
            const auto& g = locked[i];
            const std::string where = "locked group in round " + std::to_string(round);
            if (static_cast<int>(g.size()) < o_.min_size || static_cast<int>(g.size()) > o_.max_size)
                errors_.push_back(Error{"infeasible", where + " has " + std::to_string(g.size()) + " learners; groups have " +
                                                          sizes_words(o_.min_size, o_.max_size), path + "/members"});
            for (std::size_t a = 0; a < g.size(); ++a)
                for (std::size_t b = a + 1; b < g.size(); ++b)
                    if (m_.why[at(g[a], g[b])])
                        errors_.push_back(Error{"infeasible", where + " contains " + name(g[a]) + " and " + name(g[b]) + ", " +
                                                                  because(g[a], g[b]), path + "/members"});
            for (int v : g) {
                auto& p = placed[static_cast<std::size_t>(round)];
                if (std::find(p.begin(), p.end(), v) != p.end())
                    errors_.push_back(Error{"infeasible", name(v) + " is in two locked groups of round " + std::to_string(round),
                                            path + "/members"});
                else
                    p.push_back(v);
            }
            for (const auto& comp : m_.problem.keep_together) {
                std::size_t inside = 0;
                for (int v : comp) inside += std::find(g.begin(), g.end(), v) != g.end();
                if (inside > 0 && inside < comp.size())
                    errors_.push_back(Error{"infeasible", where + " holds only part of the learners kept together (" +
                                                              names(comp) + ")", path + "/members"});
            }
            m_.problem.locked.push_back({round, g});
        }
        if (o_.min_size < 2 || o_.max_size < o_.min_size) return;
        for (int r = 0; r < o_.rounds; ++r) {
            const int rest = n_ - static_cast<int>(placed[static_cast<std::size_t>(r)].size());
            if (rest < n_ && !splittable(rest, o_.min_size, o_.max_size))
                errors_.push_back(Error{"infeasible", "round " + std::to_string(r) + ": " + std::to_string(rest) +
                                                          " learners remain outside the locked groups, and sizes " +
                                                          sizes_words(o_.min_size, o_.max_size) + " cannot split them",
                                        "/locked"});
        }
    }

    /// The reasons a learner is kept from the others, in words.
    std::string reasons_of(int i) const {
        std::uint8_t all = 0;
        for (int j = 0; j < n_; ++j) all |= m_.why[at(i, j)];
        std::vector<std::string> parts;
        if (all & why_reporting_line) parts.push_back("their reporting line");
        if (all & why_do_not_pair) parts.push_back("a do-not-pair list with them");
        if (all & why_keep_apart) parts.push_back("kept apart from them");
        std::string out;
        for (std::size_t k = 0; k < parts.size(); ++k) out += (k == 0 ? "" : k + 1 == parts.size() ? " or " : ", ") + parts[k];
        return out;
    }

    void diagnose_learners() {
        if (o_.min_size < 2 || o_.max_size < o_.min_size || n_ < 2) return;
        for (int i = 0; i < n_; ++i) {
            std::vector<int> free;
            for (int j = 0; j < n_; ++j)
                if (j != i && !m_.why[at(i, j)]) free.push_back(j);
            const int need = o_.min_size - 1;
            if (static_cast<int>(free.size()) >= need && need < 2) continue;
            if (free.empty()) {
                errors_.push_back(Error{"infeasible", name(i) + " cannot be placed: every other learner is in " + reasons_of(i), ""});
                continue;
            }
            if (static_cast<int>(free.size()) < need) {
                errors_.push_back(Error{"infeasible", name(i) + " can share a group with only " + std::to_string(free.size()) +
                                                          (free.size() == 1 ? " other learner (" : " other learners (") +
                                                          names(free) + "), but groups need at least " +
                                                          std::to_string(o_.min_size) + "; the others are in " + reasons_of(i),
                                        ""});
                continue;
            }
            // Groups of 3 or more: two of the learners `i` may meet must be able to meet each other.
            bool pair = false;
            for (std::size_t a = 0; a < free.size() && !pair; ++a)
                for (std::size_t b = a + 1; b < free.size() && !pair; ++b) pair = !m_.why[at(free[a], free[b])];
            if (!pair)
                errors_.push_back(Error{"infeasible", name(i) + " cannot be placed in a group of " + std::to_string(o_.min_size) +
                                                          " or more: no two of the learners they may meet (" + names(free) +
                                                          ") may meet each other", ""});
        }
    }
};

}  // namespace

const char* to_string(Mode mode) {
    switch (mode) {
        case Mode::groups: return "groups";
        case Mode::mentor: return "mentor";
        case Mode::skill_exchange: return "skill-exchange";
    }
    return "groups";
}

bool Model::in_line(int learner, int ancestor) const {
    int v = manager[learner];
    for (int d = 1; v != -1 && d <= options.reporting_depth; ++d, v = manager[v])
        if (v == ancestor) return true;
    return false;
}

int utc_offset_minutes(std::string_view zone) {
    for (const auto& z : kZones)
        if (z.name == zone) return z.minutes;
    // Etc/GMT+5 is five hours *behind* UTC (POSIX sign).
    constexpr std::string_view etc = "Etc/GMT";
    if (zone.size() > etc.size() + 1 && zone.substr(0, etc.size()) == etc) {
        const char sign = zone[etc.size()];
        int hours = 0;
        for (char c : zone.substr(etc.size() + 1)) {
            if (c < '0' || c > '9') return kUnknownOffset;
            hours = hours * 10 + (c - '0');
        }
        if (hours > 14 || (sign != '+' && sign != '-')) return kUnknownOffset;
        return (sign == '+' ? -60 : 60) * hours;
    }
    return kUnknownOffset;
}

double overlap_hours(int offset_a, int offset_b) {
    const double diff = std::abs(offset_a - offset_b) / 60.0;
    return std::max(0.0, 8.0 - diff);
}

std::uint32_t mix_units(const Model& m, int a, int b) {
    std::uint32_t u = 0;
    if (m.department[a] != -1 && m.department[a] == m.department[b]) u += m.weights.department;
    if (m.band[a] != -1 && m.band[a] == m.band[b]) u += m.weights.band;
    return u;
}

std::uint32_t reach_points(const Model& m, int a, int b) {
    std::uint32_t p = 0;
    const int oa = m.utc_offset_minutes[a], ob = m.utc_offset_minutes[b];
    if (oa != kUnknownOffset && ob != kUnknownOffset) {
        const double missing = 4.0 - overlap_hours(oa, ob);
        if (missing > 0) p += static_cast<std::uint32_t>(missing + 0.5);
    }
    if (!m.language[a].empty() && !m.language[b].empty() && m.language[a] != m.language[b]) p += 4;
    return p;
}

std::uint32_t pair_cost(const Model& m, int a, int b) {
    return mix_units(m, a, b) * m.weights.mix_unit + reach_points(m, a, b);
}

Result<Model> build_model(const Roster& roster, const Options& options) { return Builder(roster, options).build(); }

}  // namespace kollega::groups

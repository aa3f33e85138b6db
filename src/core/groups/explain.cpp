#include "core/groups/explain.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace kollega::groups {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t k = 0; k < items.size(); ++k) out += (k ? ", " : "") + items[k];
    return out;
}

/// The skills `wanter` wants that `offerer` offers, as the wanter wrote them (lower case).
std::vector<std::string> matched(const Model& m, int wanter, int offerer) {
    std::vector<std::string> out;
    const auto& offered = m.skills_offered[static_cast<std::size_t>(offerer)];
    for (const auto& s : m.skills_wanted[static_cast<std::size_t>(wanter)])
        if (std::find(offered.begin(), offered.end(), s) != offered.end()) out.push_back(s);
    return out;
}

Message msg(std::string key, std::vector<std::pair<std::string, std::string>> params = {}, long long count = 1) {
    return Message{std::move(key), std::move(params), count};
}

void add_words(Quality& q, const Model& m) {
    const bool pairing = m.options.mode != Mode::groups;
    q.items.push_back(pairing ? msg("round.pairs", {}, q.groups) : msg("round.groups", {}, q.groups));
    q.items.push_back(msg("group.newPairs", {{"new", std::to_string(q.new_pairs)}, {"pairs", std::to_string(q.pairs)}}, q.pairs));
    q.items.push_back(msg("round.mixed", {{"mixed", std::to_string(q.mixed_groups)}, {"groups", std::to_string(q.groups)}}, q.groups));
    if (pairing && q.unpaired > 0) q.items.push_back(msg("round.unpaired", {}, q.unpaired));
    if (m.options.mode == Mode::skill_exchange)
        q.items.push_back(q.stable ? msg("round.stable") : msg("round.unstable", {}, q.blocking_pairs));
    if (q.hard_met) q.items.push_back(msg("report.hardMet"));
}

}  // namespace

Explanation explain(const Model& m, const Outcome& outcome) {
    Explanation ex;
    const int n = m.size();
    std::vector<std::uint16_t> met = m.problem.met_before;
    if (met.empty()) met.assign(static_cast<std::size_t>(n) * static_cast<std::size_t>(n), 0);
    auto seen = [&](int a, int b) -> std::uint16_t& {
        return met[static_cast<std::size_t>(a) * static_cast<std::size_t>(n) + static_cast<std::size_t>(b)];
    };
    const bool hard_met = hard_violations(m, outcome.rounds).empty();
    ex.overall.hard_met = hard_met;
    for (std::size_t r = 0; r < outcome.rounds.size(); ++r) {
        const RoundResult& round = outcome.rounds[r];
        Quality q;
        q.hard_met = hard_met;
        q.stable = round.stable;
        q.blocking_pairs = round.blocking_pairs;
        q.unpaired = static_cast<int>(round.unpaired.size());
        std::vector<std::vector<Message>> groups;
        for (const auto& g : round.groups) {
            std::vector<Message> items;
            // Departments.
            std::vector<int> depts;
            for (int v : g)
                if (m.department[static_cast<std::size_t>(v)] != -1 &&
                    std::find(depts.begin(), depts.end(), m.department[static_cast<std::size_t>(v)]) == depts.end())
                    depts.push_back(m.department[static_cast<std::size_t>(v)]);
            if (depts.size() >= 2) ++q.mixed_groups;
            // Pairing modes: what each gives the other.
            if (m.options.mode == Mode::mentor && g.size() == 2) {
                const std::string mentee = m.ids[static_cast<std::size_t>(g[0])], mentor = m.ids[static_cast<std::size_t>(g[1])];
                const auto skills = matched(m, g[0], g[1]);
                items.push_back(skills.empty() ? msg("mentor.noSkills", {{"mentor", mentor}, {"mentee", mentee}})
                                               : msg("mentor.skills", {{"mentor", mentor}, {"mentee", mentee}, {"skills", joined(skills)}}));
                items.push_back(msg("mentor.outsideLine", {{"mentor", mentor}, {"mentee", mentee}}));
            } else if (m.options.mode == Mode::skill_exchange && g.size() == 2) {
                bool any = false;
                for (int k = 0; k < 2; ++k) {
                    const int teacher = g[static_cast<std::size_t>(k)], learner = g[static_cast<std::size_t>(1 - k)];
                    const auto skills = matched(m, learner, teacher);
                    if (skills.empty()) continue;
                    any = true;
                    items.push_back(msg("exchange.teaches", {{"teacher", m.ids[static_cast<std::size_t>(teacher)]},
                                                             {"learner", m.ids[static_cast<std::size_t>(learner)]},
                                                             {"skills", joined(skills)}}));
                }
                if (!any) items.push_back(msg("exchange.noSkills"));
            }
            if (depts.size() >= 2) items.push_back(msg("group.departments", {}, static_cast<long long>(depts.size())));
            else if (depts.size() == 1 && g.size() >= 2)
                items.push_back(msg("group.oneDepartment", {{"department", m.departments[static_cast<std::size_t>(depts[0])]}}));
            // Hard rules, group by group (an edited schedule may break them).
            bool broken = false;
            for (std::size_t a = 0; a < g.size(); ++a)
                for (std::size_t b = a + 1; b < g.size(); ++b) {
                    if (g[a] < 0 || g[b] < 0 || g[a] >= n || g[b] >= n || !m.why_pair(g[a], g[b])) continue;
                    broken = true;
                    items.push_back(msg("group.forbidden", {{"a", m.ids[static_cast<std::size_t>(g[a])]}, {"b", m.ids[static_cast<std::size_t>(g[b])]}}));
                }
            if (!broken && m.options.mode == Mode::groups && m.options.reporting_depth > 0) items.push_back(msg("group.noLine"));
            // Pairs new.
            int pairs = 0, fresh = 0;
            for (std::size_t a = 0; a < g.size(); ++a)
                for (std::size_t b = a + 1; b < g.size(); ++b) {
                    ++pairs;
                    fresh += seen(g[a], g[b]) == 0;
                }
            q.pairs += pairs;
            q.new_pairs += fresh;
            items.push_back(msg("group.newPairs", {{"new", std::to_string(fresh)}, {"pairs", std::to_string(pairs)}}, pairs));
            // Working hours and language.
            bool known = true;
            int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
            for (int v : g) {
                const int off = m.utc_offset_minutes[static_cast<std::size_t>(v)];
                if (off == kUnknownOffset) known = false;
                else {
                    lo = std::min(lo, off);
                    hi = std::max(hi, off);
                }
            }
            if (known && !g.empty()) {
                const double hours = overlap_hours(lo, hi);
                if (hours <= 0) items.push_back(msg("group.noOverlap"));
                else if (hours < 8) {
                    std::string h = std::to_string(static_cast<int>(hours));
                    if (hours != static_cast<int>(hours)) h += hours - static_cast<int>(hours) >= 0.5 ? ".5" : ".25";
                    items.push_back(msg("group.overlap", {{"hours", h}}));
                }
            }
            std::string lang;
            bool shared = !g.empty();
            for (int v : g) {
                const auto& l = m.language[static_cast<std::size_t>(v)];
                if (l.empty()) {
                    shared = false;
                    break;
                }
                if (lang.empty()) lang = l;
                else if (l != lang) shared = false;
            }
            bool any_language = false;
            for (int v : g) any_language = any_language || !m.language[static_cast<std::size_t>(v)].empty();
            if (shared) items.push_back(msg("group.language", {{"language", lang}}));
            else if (any_language) items.push_back(msg("group.noLanguage"));
            // Pins.
            for (const auto& lock : m.problem.locked)
                if (lock.round == static_cast<int>(r) && !lock.members.empty() &&
                    std::find(g.begin(), g.end(), lock.members.front()) != g.end())
                    items.push_back(msg("group.locked"));
            for (const auto& set : m.problem.keep_together)
                if (!set.empty() && std::find(g.begin(), g.end(), set.front()) != g.end()) {
                    std::vector<std::string> names;
                    for (int v : set) names.push_back(m.ids[static_cast<std::size_t>(v)]);
                    items.push_back(msg("group.keptTogether", {{"names", joined(names)}}));
                }
            groups.push_back(std::move(items));
        }
        // Record this round's meetings only after every group of the round is explained.
        for (const auto& g : round.groups)
            for (std::size_t a = 0; a < g.size(); ++a)
                for (std::size_t b = a + 1; b < g.size(); ++b) {
                    auto& c = seen(g[a], g[b]);
                    if (c < std::numeric_limits<std::uint16_t>::max()) ++c;
                    seen(g[b], g[a]) = c;
                }
        q.groups = static_cast<int>(round.groups.size());
        q.repeated_pairs = q.pairs - q.new_pairs;
        add_words(q, m);
        ex.groups.push_back(std::move(groups));
        ex.overall.groups += q.groups;
        ex.overall.pairs += q.pairs;
        ex.overall.new_pairs += q.new_pairs;
        ex.overall.repeated_pairs += q.repeated_pairs;
        ex.overall.mixed_groups += q.mixed_groups;
        ex.overall.unpaired += q.unpaired;
        ex.overall.stable = ex.overall.stable && q.stable;
        ex.overall.blocking_pairs += q.blocking_pairs;
        ex.rounds.push_back(std::move(q));
    }
    Quality& o = ex.overall;
    o.items.push_back(o.repeated_pairs == 0 ? msg("report.noRepeats") : msg("report.repeats", {}, o.repeated_pairs));
    if (m.options.mode == Mode::groups && outcome.progress.best.repeats_squared > 0)
        o.items.push_back(msg("report.lowerBound", {{"value", std::to_string(outcome.progress.best.repeats_squared)},
                                                    {"lowerBound", std::to_string(outcome.progress.lower_bound)}}));
    add_words(o, m);
    return ex;
}

}  // namespace kollega::groups

#include "json/groups_codec.hpp"

#include "json/reader.hpp"

namespace kollega::json {

using detail::child;
using detail::json;
using detail::ObjectReader;
using detail::type_name;

namespace {

/// An array of ids at `path` (every item a non-empty string).
std::vector<std::string> read_ids(const json& j, const std::string& path, Errors& errors) {
    std::vector<std::string> out;
    if (!j.is_array()) {
        errors.push_back(Error::type_error(path, "an array of learner ids", type_name(j)));
        return out;
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
        const json& v = j[i];
        std::string id;
        if (!v.is_string()) errors.push_back(Error::type_error(child(path, i), "a learner id (a string)", type_name(v)));
        else if ((id = v.get<std::string>()).empty())
            errors.push_back(Error::invalid_value(child(path, i), "expected a non-empty learner id, found \"\""));
        out.push_back(std::move(id));
    }
    return out;
}

/// An array of id sets (arrays of ids).
std::vector<std::vector<std::string>> read_sets(const json* j, const std::string& path, Errors& errors) {
    std::vector<std::vector<std::string>> out;
    if (!j) return out;
    for (std::size_t i = 0; i < j->size(); ++i) out.push_back(read_ids((*j)[i], child(path, i), errors));
    return out;
}

std::optional<groups::Mode> parse_mode(std::string_view s) {
    if (s == "groups") return groups::Mode::groups;
    if (s == "mentor") return groups::Mode::mentor;
    if (s == "skill-exchange") return groups::Mode::skill_exchange;
    return std::nullopt;
}

json messages_json(const std::vector<groups::Message>& items, std::string_view lang) {
    json out = json::array();
    for (const auto& m : items) {
        json params = json::object();
        for (const auto& [k, v] : m.params) params[k] = v;
        params["count"] = m.count;  // the number that picked the plural form
        out.push_back({{"key", m.key}, {"params", std::move(params)}, {"text", groups::render(m, lang)}});
    }
    return out;
}

json quality_json(const groups::Quality& q, std::string_view lang) {
    return {{"groups", q.groups},
            {"pairs", q.pairs},
            {"newPairs", q.new_pairs},
            {"repeatedPairs", q.repeated_pairs},
            {"mixedGroups", q.mixed_groups},
            {"unpaired", q.unpaired},
            {"hardConstraintsMet", q.hard_met},
            {"stable", q.stable},
            {"blockingPairs", q.blocking_pairs},
            {"items", messages_json(q.items, lang)},
            {"text", groups::render_all(q.items, lang)}};
}

json cost_json(const groups::Cost& c) {
    return {{"hard", c.hard}, {"repeats", c.repeats}, {"repeatsSquared", c.repeats_squared}, {"soft", c.soft}};
}

}  // namespace

Result<groups::Options> parse_groups_options(std::string_view text) {
    groups::Options o;
    const bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
    auto parsed = detail::parse_text(blank ? std::string_view("{}") : text);
    if (!parsed.ok()) return parsed.errors();
    Errors errors;
    {
        const json& j = parsed.value();
        ObjectReader r(j, "", errors);
        if (const json* size = r.member("size", false)) {
            ObjectReader s(*size, "/size", errors);
            s.integer("min", o.min_size, false, 2, 1000);
            s.integer("max", o.max_size, false, 2, 1000);
            if (s.has("min") && !s.has("max") && o.max_size < o.min_size) o.max_size = o.min_size;
        }
        r.integer("rounds", o.rounds, false, 1, 100);
        if (const json* seed = r.member("seed", false)) {
            auto v = detail::as_integer(*seed);
            if (!v) errors.push_back(Error::type_error("/seed", "an integer", type_name(*seed)));
            else if (*v < 0 || *v > (1LL << 53))
                errors.push_back(Error::invalid_value("/seed", "expected an integer from 0 to 2^53, found " + std::to_string(*v)));
            else o.seed = static_cast<std::uint64_t>(*v);
        }
        r.one_of("mode", o.mode, false, parse_mode, "groups, mentor or skill-exchange");
        r.integer("reportingDepth", o.reporting_depth, false, 0, 64);
        if (const json* it = r.member("iterations", false)) {
            auto v = detail::as_integer(*it);
            if (!v) errors.push_back(Error::type_error("/iterations", "an integer", type_name(*it)));
            else if (*v < 0 || *v > 1'000'000'000'000LL)
                errors.push_back(Error::invalid_value("/iterations", "expected an integer from 0 to 10^12, found " + std::to_string(*v)));
            else o.iterations = *v;
        }
        if (const json* h = r.array("history", false, 0, "past rounds (arrays of groups)"))
            for (std::size_t i = 0; i < h->size(); ++i) {
                const json& round = (*h)[i];
                if (!round.is_array()) {
                    errors.push_back(Error::type_error(child("/history", i), "a past round (an array of groups)", type_name(round)));
                    o.history.emplace_back();
                    continue;
                }
                o.history.push_back(read_sets(&round, child("/history", i), errors));
            }
        o.do_not_pair = read_sets(r.array("doNotPair", false, 0, "sets of learner ids"), "/doNotPair", errors);
        o.keep_together = read_sets(r.array("keepTogether", false, 0, "sets of learner ids"), "/keepTogether", errors);
        o.keep_apart = read_sets(r.array("keepApart", false, 0, "sets of learner ids"), "/keepApart", errors);
        if (const json* locked = r.array("locked", false, 0, "locked groups")) {
            for (std::size_t i = 0; i < locked->size(); ++i) {
                groups::LockedGroup g;
                ObjectReader l((*locked)[i], child("/locked", i), errors);
                l.integer("round", g.round, true, 0, 99);
                if (const json* members = l.member("members", true)) g.members = read_ids(*members, l.at("members"), errors);
                o.locked.push_back(std::move(g));
            }
        }
        if (const json* m = r.member("mentors", false)) o.mentors = read_ids(*m, "/mentors", errors);
        if (const json* m = r.member("mentees", false)) o.mentees = read_ids(*m, "/mentees", errors);
    }
    if (!errors.empty()) return errors;
    return o;
}

Result<std::vector<std::vector<std::vector<std::string>>>> parse_groups_history(std::string_view text) {
    auto parsed = detail::parse_text(text);
    if (!parsed.ok()) return parsed.errors();
    Errors errors;
    std::vector<std::vector<std::vector<std::string>>> out;
    const json* j = &parsed.value();
    std::string path;
    if (j->is_object() && j->contains("ok") && j->contains("value")) {
        j = &(*j)["value"];
        path = "/value";
    }
    if (j->is_array()) {
        for (std::size_t i = 0; i < j->size(); ++i) {
            const json& round = (*j)[i];
            if (!round.is_array()) errors.push_back(Error::type_error(child(path, i), "a past round (an array of groups)", type_name(round)));
            else out.push_back(read_sets(&round, child(path, i), errors));
        }
    } else if (j->is_object() && j->contains("rounds") && (*j)["rounds"].is_array()) {
        const json& rounds = (*j)["rounds"];
        for (std::size_t i = 0; i < rounds.size(); ++i) {
            const std::string at = child(child(path, "rounds"), i);
            const json& round = rounds[i];
            if (!round.is_object() || !round.contains("groups") || !round["groups"].is_array())
                errors.push_back(Error::type_error(at, "a round with \"groups\" (an array of groups)", type_name(round)));
            else out.push_back(read_sets(&round["groups"], child(at, "groups"), errors));
        }
    } else {
        errors.push_back(Error::type_error(path, "past rounds: an array of rounds, or a result with \"rounds\"", type_name(*j)));
    }
    if (!errors.empty()) return errors;
    return out;
}

std::string groups_options_to_json(const groups::Options& o) {
    json locked = json::array();
    for (const auto& l : o.locked) locked.push_back({{"round", l.round}, {"members", l.members}});
    return detail::dump(json{{"size", {{"min", o.min_size}, {"max", o.max_size}}},
                             {"rounds", o.rounds},
                             {"seed", o.seed},
                             {"mode", groups::to_string(o.mode)},
                             {"reportingDepth", o.reporting_depth},
                             {"iterations", o.iterations},
                             {"history", o.history},
                             {"doNotPair", o.do_not_pair},
                             {"keepTogether", o.keep_together},
                             {"keepApart", o.keep_apart},
                             {"locked", std::move(locked)},
                             {"mentors", o.mentors},
                             {"mentees", o.mentees}});
}

std::string groups_progress_to_json(const groups::Progress& p) {
    return detail::dump(json{{"done", p.done}, {"iterations", p.iterations}, {"best", cost_json(p.best)}, {"lowerBound", p.lower_bound}});
}

std::string groups_result_to_json(const groups::Model& model, const groups::Outcome& outcome, std::string_view lang) {
    const groups::Explanation ex = groups::explain(model, outcome);
    auto id = [&](int v) { return model.ids[static_cast<std::size_t>(v)]; };
    json rounds = json::array();
    for (std::size_t r = 0; r < outcome.rounds.size(); ++r) {
        const auto& round = outcome.rounds[r];
        json groups = json::array(), explanations = json::array(), unpaired = json::array();
        for (std::size_t g = 0; g < round.groups.size(); ++g) {
            json members = json::array();
            for (int v : round.groups[g]) members.push_back(id(v));
            groups.push_back(std::move(members));
            explanations.push_back({{"items", messages_json(ex.groups[r][g], lang)},
                                    {"text", groups::render_all(ex.groups[r][g], lang)}});
        }
        for (int v : round.unpaired) unpaired.push_back(id(v));
        rounds.push_back({{"groups", std::move(groups)},
                          {"explanations", std::move(explanations)},
                          {"unpaired", std::move(unpaired)},
                          {"report", quality_json(ex.rounds[r], lang)}});
    }
    json report = quality_json(ex.overall, lang);
    const auto& p = outcome.progress;
    report["repeats"] = ex.overall.repeated_pairs;
    report["repeatsSquared"] = p.best.repeats_squared;
    if (p.lower_bound >= 0) report["lowerBound"] = p.lower_bound;
    else report["lowerBound"] = nullptr;  // an edited schedule: not searched
    report["soft"] = p.best.soft;
    report["iterations"] = p.iterations;
    report["done"] = p.done;
    json violations = json::array();
    for (const auto& e : groups::hard_violations(model, outcome.rounds)) violations.push_back({{"code", e.code}, {"message", e.message}});
    return detail::dump(json{{"mode", groups::to_string(model.options.mode)},
                             {"rounds", std::move(rounds)},
                             {"report", std::move(report)},
                             {"violations", std::move(violations)}});
}

}  // namespace kollega::json

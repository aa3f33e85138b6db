// Reading and checking programs (docs/program-format.md). Built for size (CMakeLists.txt): it
// runs once per call on a document of a few KB, and at -O2 its inlining doubled the wasm.
#include "json/codec.hpp"
#include "json/reader.hpp"

namespace kollega::json {
namespace {

using namespace detail;

constexpr std::string_view kCadenceNames = "\"weekly\", \"every-2-weeks\", \"every-4-weeks\", \"monthly\"";

/// Reads each object of an array member with `read(item_json, item_path, out_item)`.
template <class T, class F>
void read_list(ObjectReader& r, std::string_view key, bool required, std::size_t min_items, std::string_view what,
               std::vector<T>& out, F read) {
    const json* arr = r.array(key, required, min_items, what);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        T item;
        read((*arr)[i], child(r.at(key), i), item);
        out.push_back(std::move(item));
    }
}

void read_group(const json& j, GroupSpec& g, bool& usable, Errors& errors) {
    const std::size_t before = errors.size();
    ObjectReader r(j, "/group", errors);
    if (const json* size = r.member("size", false)) {
        ObjectReader sr(*size, "/group/size", errors);
        sr.integer("min", g.min_size, true, 2, 8);
        sr.integer("max", g.max_size, true, 2, 8);
    }
    r.one_of("pairing", g.pairing, false, parse_pairing, "\"group\", \"mentor\", \"skill-exchange\"");
    int regroup = 0;
    if (r.integer("regroupAfterSessions", regroup, false, 1, kNoMax)) g.regroup_after_sessions = regroup;
    r.finish();
    usable = errors.size() == before;
}

void read_ground_rules(const json& j, GroundRules& g, Errors& errors) {
    ObjectReader r(j, "/groundRules", errors);
    r.texts("rules", g.rules, true, 1);
    r.text("confidentiality", g.confidentiality, true);
}

void read_goal(ObjectReader& r, Activity& a) {
    r.text("prompt", a.prompt, true);
    r.text("measureHint", a.measure_hint, false);
    r.texts("examples", a.examples, false, 0);
    Cadence c{};
    if (r.one_of("checkIn", c, false, parse_cadence, kCadenceNames)) a.check_in = c;
}

void read_observation(ObjectReader& r, Activity& a, Errors& errors) {
    r.text("focus", a.focus, false);
    read_list(r, "rubric", true, 1, "rubric items", a.rubric, [&](const json& j, const std::string& path, RubricItem& item) {
        ObjectReader ir(j, path, errors);
        ir.id("id", item.id, true);
        ir.text("label", item.label, true);
        if (const json* scale = ir.member("scale", true)) {
            ObjectReader sr(*scale, path + "/scale", errors);
            sr.integer("min", item.scale.min, true, -100, 100);
            sr.integer("max", item.scale.max, true, -100, 100);
            sr.texts("labels", item.scale.labels, false, 0);
        }
    });
    r.text("whatWorked", a.what_worked, true);
    r.text("toImprove", a.to_improve, true);
    if (const json* balance = r.member("balance", false)) {
        ObjectReader br(*balance, r.at("balance"), errors);
        br.integer("minWorked", a.min_worked, false, 0, 20);
        br.integer("maxImprove", a.max_improve, false, 1, 20);
    }
    r.boolean("sbi", a.sbi);
}

void read_role_play(ObjectReader& r, Activity& a, Errors& errors) {
    r.text("scenario", a.scenario, true);
    read_list(r, "stages", true, 1, "stages", a.stages, [&](const json& j, const std::string& path, Stage& stage) {
        ObjectReader sr(j, path, errors);
        sr.id("id", stage.id, true);
        sr.text("title", stage.title, true);
        int minutes = 0;
        if (sr.integer("minutes", minutes, false, 1, 480)) stage.minutes = minutes;
    });
    read_list(r, "roles", true, 2, "roles", a.roles, [&](const json& j, const std::string& path, Role& role) {
        ObjectReader rr(j, path, errors);
        rr.id("id", role.id, true);
        rr.text("name", role.name, true);
        rr.text("goal", role.goal, true);
        read_list(rr, "cues", false, 0, "cues", role.cues, [&](const json& cj, const std::string& cpath, Cue& cue) {
            ObjectReader cr(cj, cpath, errors);
            cr.id("stage", cue.stage, true);
            cr.text("text", cue.text, true);
        });
    });
    r.one_of("swap", a.swap, false, parse_swap, "\"none\", \"once\", \"each-role\"");
    r.id("checklist", a.checklist, false);
}

void read_session(ObjectReader& r, Activity& a, Errors& errors) {
    r.integer("minutes", a.minutes, true, 5, 480);
    read_list(r, "agenda", true, 1, "phases", a.agenda, [&](const json& j, const std::string& path, AgendaPhase& p) {
        ObjectReader pr(j, path, errors);
        pr.id("id", p.id, true);
        pr.one_of("phase", p.phase, true, parse_phase,
                  "\"check-in\", \"goals\", \"coaching\", \"action-plan\", \"close\", \"other\"");
        pr.text("title", p.title, true);
        if (!pr.integer("minutes", p.minutes, true, 1, 480)) p.minutes = 0;
        pr.boolean("perPerson", p.per_person);
    });
    if (const json* roles = r.array("roles", false, 0, "session roles")) {
        a.session_roles.clear();
        for (std::size_t i = 0; i < roles->size(); ++i) {
            const json& v = (*roles)[i];
            const std::string path = child(r.at("roles"), i);
            if (!v.is_string()) {
                errors.push_back(Error::type_error(path, "a string", type_name(v)));
            } else if (auto role = parse_session_role(v.get<std::string>())) {
                a.session_roles.push_back(*role);
            } else {
                errors.push_back(Error::invalid_value(path, "expected one of \"coach\", \"coachee\", \"observer\", \"timekeeper\", found \"" +
                                                                v.get<std::string>() + "\""));
            }
        }
    }
    r.boolean("rotateRoles", a.rotate_roles);
    r.texts("questions", a.questions, false, 0);
    r.integer("minTurnMinutes", a.min_turn_minutes, false, 1, 480);
}

Activity read_activity(const json& j, const std::string& path, Errors& errors) {
    Activity a;
    ObjectReader r(j, path, errors);
    if (!r.ok()) return a;
    r.id("id", a.id, true);
    a.kind_known = r.one_of("kind", a.kind, true, parse_activity_kind,
                            "\"goal\", \"reflection\", \"observation\", \"role-play\", \"session\"");
    r.text("title", a.title, true);
    if (!a.kind_known) {
        // Without a kind the other members cannot be judged; do not call them unknown.
        for (const auto& [key, value] : j.items()) r.member(key, false);
        return a;
    }
    switch (a.kind) {
        case ActivityKind::Goal: read_goal(r, a); break;
        case ActivityKind::Reflection: r.texts("prompts", a.prompts, true, 1); break;
        case ActivityKind::Observation: read_observation(r, a, errors); break;
        case ActivityKind::RolePlay: read_role_play(r, a, errors); break;
        case ActivityKind::Session: read_session(r, a, errors); break;
    }
    return a;
}

Step read_step(const json& j, const std::string& path, Errors& errors) {
    Step step;
    ObjectReader r(j, path, errors);
    if (!r.ok()) return step;
    r.id("id", step.id, true);
    const bool has_activity = r.has("activity");
    r.text("title", step.title, !has_activity);
    r.text("description", step.description, false);
    r.id("activity", step.activity, false);
    r.ids("prerequisites", step.prerequisites, "step ids");
    if (const json* unlock = r.member("unlock", false)) {
        ObjectReader ur(*unlock, path + "/unlock", errors);
        std::string when;
        if (ur.string("notBefore", when, false)) {
            if (auto t = parse_timestamp(when)) step.not_before = *t;
            else ur.error({"invalid_time", "expected an RFC 3339 time such as \"2026-12-01T08:00:00Z\", found \"" + when + "\"", ur.at("notBefore")});
        }
        int sessions = 0;
        if (ur.integer("afterSessions", sessions, false, 1, kNoMax)) step.after_sessions = sessions;
    }
    return step;
}

void read_grading(const json& j, Grading& g, Errors& errors) {
    ObjectReader r(j, "/grading", errors);
    r.number("passThreshold", g.pass_threshold, false, 0.0, 1.0, false);
    read_list(r, "items", false, 1, "grading items", g.items, [&](const json& ij, const std::string& path, GradingItem& item) {
        ObjectReader ir(ij, path, errors);
        ir.id("step", item.step, true);
        ir.number("weight", item.weight, false, 0.0, 1e308, true);
    });
}

Program read_program(const json& j, Errors& errors) {
    Program p;
    ObjectReader r(j, "", errors);
    if (!r.ok()) return p;
    if (const json* v = r.member("schemaVersion", true)) {
        auto version = as_integer(*v);
        if (!version) {
            errors.push_back(Error::type_error("/schemaVersion", "an integer", type_name(*v)));
        } else if (*version != kSchemaVersion) {
            errors.push_back({"unsupported_schema_version",
                              "this version of Kollega reads schemaVersion " + std::to_string(kSchemaVersion) +
                                  ", found " + std::to_string(*version),
                              "/schemaVersion"});
        }
    }
    r.id("id", p.id, true);
    if (r.string("defaultLanguage", p.default_language, false) && !is_language_tag(p.default_language)) {
        errors.push_back(Error::invalid_value("/defaultLanguage", "expected a language tag such as \"en\", found \"" + p.default_language + "\""));
        p.default_language.clear();  // unusable: check_program skips what depends on it
    }
    if (const json* langs = r.array("languages", false, 1, "language tags")) {
        p.languages.clear();
        for (std::size_t i = 0; i < langs->size(); ++i) {
            const json& v = (*langs)[i];
            const std::string path = child("/languages", i);
            if (!v.is_string()) errors.push_back(Error::type_error(path, "a language tag", type_name(v)));
            else if (!is_language_tag(v.get<std::string>()))
                errors.push_back(Error::invalid_value(path, "expected a language tag such as \"en\", found \"" + v.get<std::string>() + "\""));
            else p.languages.push_back(v.get<std::string>());
        }
    }
    r.text("title", p.title, true);
    r.text("description", p.description, false);
    if (const json* g = r.member("group", false)) read_group(*g, p.group, p.group_usable, errors);
    r.one_of("cadence", p.cadence, false, parse_cadence, kCadenceNames);
    if (const json* g = r.member("groundRules", false)) {
        p.ground_rules.emplace();
        read_ground_rules(*g, *p.ground_rules, errors);
    }
    read_list(r, "activities", false, 0, "activities", p.activities,
              [&](const json& aj, const std::string& path, Activity& a) { a = read_activity(aj, path, errors); });
    if (const json* path = r.member("path", true)) {
        ObjectReader pr(*path, "/path", errors);
        read_list(pr, "steps", true, 0, "steps", p.steps,
                  [&](const json& sj, const std::string& sp, Step& s) { s = read_step(sj, sp, errors); });
    }
    if (const json* g = r.member("grading", false)) read_grading(*g, p.grading, errors);
    return p;
}


}  // namespace

ProgramReport read_program_report(std::string_view text) {
    ProgramReport report;
    if (text.size() > kMaxProgramBytes) {
        report.errors.push_back({"too_large", "a program may be at most " + std::to_string(kMaxProgramBytes >> 20) +
                                                  " MiB, found " + std::to_string(text.size()) + " bytes", ""});
        return report;
    }
    auto parsed = parse_text(text);
    if (!parsed.ok()) {
        report.errors = parsed.errors();
        return report;
    }
    report.program = read_program(parsed.value(), report.errors);
    for (auto& e : check_program(report.program)) report.errors.push_back(std::move(e));
    report.warnings = missing_translations(report.program);
    return report;
}

Result<Program> parse_program(std::string_view text) {
    ProgramReport report = read_program_report(text);
    if (!report.errors.empty()) return std::move(report.errors);
    return std::move(report.program);
}

}  // namespace kollega::json

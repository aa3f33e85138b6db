#include "json/codec.hpp"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>

namespace kollega::json {
namespace {

using nlohmann::json;

/// Deepest nesting accepted in any input; deeper documents are rejected before they are built.
constexpr int kMaxDepth = 64;
/// Largest program accepted (a real one is a few hundred KB at most).
constexpr std::size_t kMaxProgramBytes = 16u << 20;

std::string type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unreadable value";
    }
}

/// Escapes one reference token for a JSON Pointer (RFC 6901: ~ → ~0, / → ~1).
std::string escape_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string child(const std::string& path, std::string_view key) { return path + "/" + escape_token(key); }
std::string child(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

/// True when arrays/objects nest deeper than `limit` (a linear scan that skips strings).
/// Checked before parsing, so a hostile document is refused before anything is built. (The
/// parser callback could do this too, but nlohmann's callback parser rescans each parent at
/// every closing brace: quadratic in the number of events.)
bool nests_deeper_than(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

/// Parses JSON text, refusing invalid syntax and nesting deeper than kMaxDepth.
Result<json> parse_text(std::string_view text, const std::string& where = "") {
    if (nests_deeper_than(text, kMaxDepth))
        return Error{"too_deep", "nesting deeper than " + std::to_string(kMaxDepth) + " levels", where};
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: …"
        std::string msg = e.what();
        const auto pos = msg.find("] ");
        if (pos != std::string::npos) msg = msg.substr(pos + 2);
        return Error{"invalid_json", msg, where};
    }
}

bool is_language_tag(std::string_view s) {
    if (s.size() < 2 || s.size() > 35) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

/// An integer value, also when written as a number with no fraction (5.0), as JSON Schema does.
std::optional<long long> as_integer(const json& j) {
    if (j.is_number_integer()) return j.get<long long>();
    if (j.is_number_float()) {
        const double d = j.get<double>();
        if (d == static_cast<double>(static_cast<long long>(d)) && d > -9e15 && d < 9e15) return static_cast<long long>(d);
    }
    return std::nullopt;
}

/// Walks one object, checking members and collecting every problem.
class ObjectReader {
public:
    ObjectReader(const json& j, std::string path, Errors& errors)
        : j_(j), path_(std::move(path)), errors_(errors), ok_(j.is_object()) {
        if (!ok_) errors_.push_back(Error::type_error(path_, "an object", type_name(j)));
    }
    ~ObjectReader() { finish(); }
    ObjectReader(const ObjectReader&) = delete;
    ObjectReader& operator=(const ObjectReader&) = delete;

    [[nodiscard]] bool ok() const { return ok_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::string at(std::string_view key) const { return child(path_, key); }
    [[nodiscard]] bool has(std::string_view key) const { return ok_ && j_.contains(key); }
    void error(Error e) { errors_.push_back(std::move(e)); }

    /// The member, or nullptr (reporting missing_field when required).
    const json* member(std::string_view key, bool required) {
        known_.emplace_back(key);
        if (!ok_) return nullptr;
        auto it = j_.find(key);
        if (it == j_.end()) {
            if (required) errors_.push_back(Error::missing_field(path_, key));
            return nullptr;
        }
        return &*it;
    }

    bool string(std::string_view key, std::string& out, bool required) {
        const json* m = member(key, required);
        if (!m) return false;
        if (!m->is_string()) {
            errors_.push_back(Error::type_error(at(key), "a string", type_name(*m)));
            return false;
        }
        out = m->get<std::string>();
        return true;
    }

    /// A non-empty id (or a reference to one).
    bool id(std::string_view key, std::string& out, bool required) {
        if (!string(key, out, required)) return false;
        if (out.empty()) {
            errors_.push_back(Error::invalid_value(at(key), "expected a non-empty id, found \"\""));
            return false;
        }
        return true;
    }

    /// An integer in [lo, hi]; `out` keeps its value when absent or unusable.
    bool integer(std::string_view key, int& out, bool required, long long lo, long long hi) {
        const json* m = member(key, required);
        if (!m) return false;
        auto v = as_integer(*m);
        if (!v) {
            errors_.push_back(Error::type_error(at(key), "an integer", type_name(*m)));
            return false;
        }
        if (*v < lo || *v > hi) {
            errors_.push_back(Error::invalid_value(at(key), "expected an integer " + range(lo, hi) + ", found " + std::to_string(*v)));
            return false;
        }
        out = static_cast<int>(*v);
        return true;
    }

    /// A number in (lo, hi] when `lo_open`, else [lo, hi].
    bool number(std::string_view key, double& out, bool required, double lo, double hi, bool lo_open) {
        const json* m = member(key, required);
        if (!m) return false;
        if (!m->is_number()) {
            errors_.push_back(Error::type_error(at(key), "a number", type_name(*m)));
            return false;
        }
        const double v = m->get<double>();
        if ((lo_open ? v <= lo : v < lo) || v > hi) {
            std::string want = lo_open ? "greater than " + short_number(lo) : "from " + short_number(lo);
            want += hi < 1e300 ? (lo_open ? " and at most " : " to ") + short_number(hi) : "";
            errors_.push_back(Error::invalid_value(at(key), "expected a number " + want + ", found " + short_number(v)));
            return false;
        }
        out = v;
        return true;
    }

    bool boolean(std::string_view key, bool& out) {
        const json* m = member(key, false);
        if (!m) return false;
        if (!m->is_boolean()) {
            errors_.push_back(Error::type_error(at(key), "true or false", type_name(*m)));
            return false;
        }
        out = m->get<bool>();
        return true;
    }

    /// One of a fixed set of names, parsed by `parse`; `allowed` lists them for the message.
    template <class E, class Parse>
    bool one_of(std::string_view key, E& out, bool required, Parse parse, std::string_view allowed) {
        std::string name;
        if (!string(key, name, required)) return false;
        if (auto v = parse(name)) {
            out = *v;
            return true;
        }
        errors_.push_back(Error::invalid_value(at(key), "expected one of " + std::string(allowed) + ", found \"" + name + "\""));
        return false;
    }

    /// An array with at least `min_items` items, or nullptr.
    const json* array(std::string_view key, bool required, std::size_t min_items, std::string_view what) {
        const json* m = member(key, required);
        if (!m) return nullptr;
        if (!m->is_array()) {
            errors_.push_back(Error::type_error(at(key), "an array of " + std::string(what), type_name(*m)));
            return nullptr;
        }
        if (m->size() < min_items)
            errors_.push_back(Error::invalid_value(at(key), "expected at least " + std::to_string(min_items) + " " +
                                                                std::string(what) + ", found " + std::to_string(m->size())));
        return m;
    }

    /// A localized text.
    bool text(std::string_view key, LocalizedText& out, bool required) {
        const json* m = member(key, required);
        if (!m) return false;
        return read_text(*m, at(key), out, errors_);
    }

    /// An array of localized texts.
    void texts(std::string_view key, std::vector<LocalizedText>& out, bool required, std::size_t min_items) {
        const json* arr = array(key, required, min_items, "texts");
        if (!arr) return;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            LocalizedText t;
            read_text((*arr)[i], child(at(key), i), t, errors_);
            out.push_back(std::move(t));
        }
    }

    /// An array of ids/references; unusable entries are kept as "" so indices stay true.
    void ids(std::string_view key, std::vector<std::string>& out, std::string_view what) {
        const json* arr = array(key, false, 0, what);
        if (!arr) return;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const json& v = (*arr)[i];
            std::string id;
            if (!v.is_string()) errors_.push_back(Error::type_error(child(at(key), i), "a string", type_name(v)));
            else if ((id = v.get<std::string>()).empty())
                errors_.push_back(Error::invalid_value(child(at(key), i), "expected a non-empty id, found \"\""));
            out.push_back(std::move(id));
        }
    }

    /// Reports every member that was never asked for (once).
    void finish() {
        if (!ok_ || finished_) return;
        finished_ = true;
        for (const auto& [key, value] : j_.items())
            if (std::find(known_.begin(), known_.end(), key) == known_.end())
                errors_.push_back(Error::unknown_field(child(path_, key), key));
    }

    /// Reads a localized text: an object of language tag → non-empty string.
    static bool read_text(const json& j, const std::string& path, LocalizedText& out, Errors& errors) {
        if (!j.is_object()) {
            errors.push_back(Error::type_error(path, "an object of texts by language, e.g. {\"en\": \"…\"}", type_name(j)));
            return false;
        }
        const std::size_t before = errors.size();
        for (const auto& [lang, text] : j.items()) {
            if (!is_language_tag(lang)) {
                errors.push_back(Error::invalid_value(child(path, lang), "expected a language tag such as \"en\" or \"sv\", found \"" + lang + "\""));
            } else if (!text.is_string()) {
                errors.push_back(Error::type_error(child(path, lang), "a string", type_name(text)));
            } else if (text.get_ref<const std::string&>().empty()) {
                errors.push_back(Error::invalid_value(child(path, lang), "expected a text, found an empty string"));
            } else {
                out.by_language.emplace_back(lang, text.get<std::string>());
            }
        }
        if (j.empty()) errors.push_back(Error::invalid_value(path, "expected at least one language, found none"));
        return errors.size() == before;
    }

private:
    static std::string range(long long lo, long long hi) {
        if (hi >= (1LL << 40)) return "of at least " + std::to_string(lo);
        return "from " + std::to_string(lo) + " to " + std::to_string(hi);
    }
    static std::string short_number(double v) {
        std::string s = json(v).dump();
        return s;
    }

    const json& j_;
    std::string path_;
    Errors& errors_;
    bool ok_;
    bool finished_ = false;
    std::vector<std::string> known_;
};

constexpr long long kNoMax = 1LL << 40;
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

std::optional<Event> read_event(const json& j, const std::string& path, Errors& errors) {
    const std::size_t before = errors.size();
    Event e;
    ObjectReader r(j, path, errors);
    if (!r.ok()) return std::nullopt;
    if (r.string("id", e.id, true)) {
        if (!is_uuid(e.id))
            errors.push_back(Error::invalid_value(child(path, "id"), "expected a UUID, found \"" + e.id + "\""));
        std::transform(e.id.begin(), e.id.end(), e.id.begin(),
                       [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
    }
    if (r.string("actor", e.actor, true) && e.actor.empty())
        errors.push_back(Error::invalid_value(child(path, "actor"), "expected a learner id, found \"\""));
    r.string("type", e.type, true);
    std::string at;
    if (r.string("at", at, true)) {
        if (auto t = parse_timestamp(at)) e.at = *t;
        else errors.push_back({"invalid_time", "expected an RFC 3339 time such as \"2026-11-22T10:15:00Z\", found \"" + at + "\"", child(path, "at")});
    }
    std::string vis;
    if (r.string("visibility", vis, true)) {
        if (auto v = parse_visibility(vis)) e.visibility = *v;
        else errors.push_back(Error::invalid_value(child(path, "visibility"), "expected private, group, coach or gradebook, found \"" + vis + "\""));
    }
    if (const json* payload = r.member("payload", true)) {
        ObjectReader pr(*payload, child(path, "payload"), errors);
        if (pr.ok() && e.type == kStepCompleted) {
            pr.string("step", e.step, true);
        } else if (pr.ok() && e.type == kSessionAttended) {
            pr.string("activity", e.activity, true);
            // The session issue adds speaking time and more; until then other members are kept opaque.
            for (const auto& [key, value] : payload->items()) pr.member(key, false);
        } else if (pr.ok()) {
            // Payloads of other types are opaque here; the fold reports them as unknown_type.
            for (const auto& [key, value] : payload->items()) pr.member(key, false);
        }
    }
    r.finish();
    if (errors.size() != before) return std::nullopt;
    return e;
}

/// Serialises compactly; text that is not valid UTF-8 is replaced (U+FFFD), never a throw.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }


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

Result<std::vector<Event>> parse_events(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    std::vector<Event> events;
    Errors errors;
    if (first == std::string_view::npos) return events;  // an empty log
    if (text[first] == '[') {
        auto parsed = parse_text(text);
        if (!parsed.ok()) return parsed.errors();
        const json& arr = parsed.value();
        events.reserve(arr.size());
        for (std::size_t i = 0; i < arr.size(); ++i)
            if (auto e = read_event(arr[i], child("", i), errors)) events.push_back(std::move(*e));
    } else {
        // JSON Lines: pointers name the 1-based line, e.g. "/4/at" is line 4.
        std::size_t line = 0, start = 0;
        while (start <= text.size()) {
            auto end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            ++line;
            std::string_view row = text.substr(start, end - start);
            if (row.find_first_not_of(" \t\r") != std::string_view::npos) {
                auto parsed = parse_text(row, "/" + std::to_string(line));
                if (!parsed.ok()) {
                    for (auto err : parsed.errors()) {
                        err.message = "line " + std::to_string(line) + ": " + err.message;
                        errors.push_back(std::move(err));
                    }
                } else if (auto e = read_event(parsed.value(), "/" + std::to_string(line), errors)) {
                    events.push_back(std::move(*e));
                }
            }
            start = end + 1;
        }
    }
    if (!errors.empty()) return errors;
    return events;
}

std::string event_to_json(const Event& e) {
    json j = {{"id", e.id},
              {"actor", e.actor},
              {"type", e.type},
              {"at", format_timestamp(e.at)},
              {"payload", e.type == kStepCompleted      ? json{{"step", e.step}}
                          : e.type == kSessionAttended ? json{{"activity", e.activity}}
                                                       : json::object()},
              {"visibility", to_string(e.visibility)}};
    return dump(j);
}

namespace {

/// Resolves texts in one language with the program's fallback.
class Resolver {
public:
    Resolver(const Program& p, std::string_view lang) : lang_(lang), fallback_(p.default_language) {}
    [[nodiscard]] json operator()(const LocalizedText& t) const { return t.resolve(lang_, fallback_); }
    [[nodiscard]] json all(const std::vector<LocalizedText>& ts) const {
        json out = json::array();
        for (const auto& t : ts) out.push_back((*this)(t));
        return out;
    }

private:
    std::string_view lang_;
    std::string_view fallback_;
};

json activity_json(const Program& program, const Activity& a, const Resolver& r) {
    json j = {{"id", a.id}, {"kind", to_string(a.kind)}, {"title", r(a.title)}};
    switch (a.kind) {
        case ActivityKind::Goal:
            j["prompt"] = r(a.prompt);
            j["measureHint"] = r(a.measure_hint);
            j["examples"] = r.all(a.examples);
            j["checkIn"] = to_string(a.check_in.value_or(program.cadence));
            break;
        case ActivityKind::Reflection: j["prompts"] = r.all(a.prompts); break;
        case ActivityKind::Observation: {
            json rubric = json::array();
            for (const auto& item : a.rubric)
                rubric.push_back({{"id", item.id},
                                  {"label", r(item.label)},
                                  {"scale", {{"min", item.scale.min}, {"max", item.scale.max}, {"labels", r.all(item.scale.labels)}}}});
            j["focus"] = r(a.focus);
            j["rubric"] = std::move(rubric);
            j["whatWorked"] = r(a.what_worked);
            j["toImprove"] = r(a.to_improve);
            j["balance"] = {{"minWorked", a.min_worked}, {"maxImprove", a.max_improve}};
            j["sbi"] = a.sbi;
            break;
        }
        case ActivityKind::RolePlay: {
            json stages = json::array();
            for (const auto& st : a.stages)
                stages.push_back({{"id", st.id}, {"title", r(st.title)}, {"minutes", st.minutes ? json(*st.minutes) : json(nullptr)}});
            json roles = json::array();
            for (const auto& role : a.roles) {
                json cues = json::array();
                for (const auto& c : role.cues) cues.push_back({{"stage", c.stage}, {"text", r(c.text)}});
                roles.push_back({{"id", role.id}, {"name", r(role.name)}, {"goal", r(role.goal)}, {"cues", std::move(cues)}});
            }
            j["scenario"] = r(a.scenario);
            j["stages"] = std::move(stages);
            j["roles"] = std::move(roles);
            j["swap"] = to_string(a.swap);
            j["checklist"] = a.checklist.empty() ? json(nullptr) : json(a.checklist);
            break;
        }
        case ActivityKind::Session: {
            json agenda = json::array();
            for (const auto& p : a.agenda) {
                json turns = json::array();
                if (p.per_person)
                    for (int size = program.group.min_size; size <= program.group.max_size; ++size)
                        turns.push_back({{"groupSize", size}, {"minutes", turn_minutes(p, size)}});
                agenda.push_back({{"id", p.id},
                                  {"phase", to_string(p.phase)},
                                  {"title", r(p.title)},
                                  {"minutes", p.minutes},
                                  {"perPerson", p.per_person},
                                  {"turns", std::move(turns)}});
            }
            json roles = json::array();
            for (auto role : a.session_roles) roles.push_back(to_string(role));
            j["minutes"] = a.minutes;
            j["agenda"] = std::move(agenda);
            j["roles"] = std::move(roles);
            j["rotateRoles"] = a.rotate_roles;
            j["questions"] = r.all(a.questions);
            j["minTurnMinutes"] = a.min_turn_minutes;
            break;
        }
    }
    return j;
}

json program_json(const Program& p, const Resolver& r, std::string_view lang) {
    const GroupSpec& g = p.group;
    json ground_rules = nullptr;
    if (p.ground_rules) ground_rules = {{"rules", r.all(p.ground_rules->rules)}, {"confidentiality", r(p.ground_rules->confidentiality)}};
    return {{"id", p.id},
            {"title", r(p.title)},
            {"description", r(p.description)},
            {"language", p.title.resolved_language(lang, p.default_language)},
            {"cadence", to_string(p.cadence)},
            {"group",
             {{"size", {{"min", g.min_size}, {"max", g.max_size}}},
              {"pairing", to_string(g.pairing)},
              {"regroupAfterSessions", g.regroup_after_sessions ? json(*g.regroup_after_sessions) : json(nullptr)}}},
            {"groundRules", std::move(ground_rules)}};
}

json problem_json(const Error& e, std::string_view severity) {
    return {{"code", e.code}, {"message", e.message}, {"path", e.path}, {"severity", severity}};
}

}  // namespace

std::string path_view_to_json(const Program& program, const PathState& state, std::string_view lang) {
    const Resolver r(program, lang);
    json steps = json::array();
    for (std::size_t i = 0; i < state.steps.size(); ++i) {
        const auto& s = state.steps[i];
        const auto& def = program.steps[i];
        const Activity* activity = def.activity.empty() ? nullptr : program.activity(def.activity);
        json step = {{"id", s.id},
                     {"title", r(program.step_title(def))},
                     {"description", r(def.description)},
                     {"status", to_string(s.status)},
                     {"blockedBy", s.blocked_by},
                     {"activity", activity ? activity_json(program, *activity, r) : json(nullptr)}};
        if (s.completed_at) step["completedAt"] = format_timestamp(*s.completed_at);
        if (s.not_before) step["notBefore"] = format_timestamp(*s.not_before);
        if (s.sessions_required) step["sessions"] = {{"required", *s.sessions_required}, {"attended", state.sessions_attended}};
        steps.push_back(std::move(step));
    }
    json rejected = json::array();
    for (const auto& rej : state.rejected) rejected.push_back({{"id", rej.event_id}, {"reason", rej.reason}});
    json value = {{"program", program_json(program, r, lang)},
                  {"steps", std::move(steps)},
                  {"next", state.next ? json(*state.next) : json(nullptr)},
                  {"progress", {{"done", state.done}, {"total", state.total}, {"percent", state.percent()}}},
                  {"rejected", std::move(rejected)}};
    return dump(value);
}

std::string validation_to_json(const ProgramReport& report) {
    json problems = json::array();
    for (const auto& e : report.errors) problems.push_back(problem_json(e, "error"));
    for (const auto& w : report.warnings) problems.push_back(problem_json(w, "warning"));
    return dump(json{{"valid", report.errors.empty()}, {"problems", std::move(problems)}});
}

std::string ok_envelope(std::string_view value_json) {
    std::string out = R"({"ok":true,"value":)";
    out += value_json;
    out += '}';
    return out;
}

std::string error_envelope(const Errors& errors) {
    auto one = [](const Error& e) { return json{{"code", e.code}, {"message", e.message}, {"path", e.path}}; };
    json problems = json::array();
    for (const auto& e : errors) problems.push_back(one(e));
    json err = errors.empty() ? json{{"code", "internal"}, {"message", "unknown error"}, {"path", ""}} : one(errors.front());
    err["problems"] = std::move(problems);
    return dump(json{{"ok", false}, {"error", std::move(err)}});
}

}  // namespace kollega::json

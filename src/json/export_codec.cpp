// Export files: the dispatcher, the LTI AGS payload and xAPI statements (docs/events.md,
// "Exports"; docs/xapi-profile.md). The CSVs themselves are built in src/core/exports.cpp.
#include "json/export_codec.hpp"

#include <algorithm>
#include <unordered_map>

#include "json/reader.hpp"

namespace kollega::json {

using namespace detail;

namespace {

constexpr std::string_view kCsvMime = "text/csv;charset=utf-8";
constexpr std::string_view kJsonMime = "application/json";

constexpr std::string_view kBase = "https://kollega.app/xapi/";
constexpr std::string_view kAdlVerb = "http://adlnet.gov/expapi/verbs/";
constexpr std::string_view kAdlType = "http://adlnet.gov/expapi/activities/";

/// One of our own words in the four languages of Kollega.
struct Words {
    std::string_view en, sv, nb, nl;
};

/// An IRI under our base ("verbs/agreed" → "https://kollega.app/xapi/verbs/agreed").
std::string ours(std::string_view path) { return std::string(kBase) + std::string(path); }
std::string adl_verb(std::string_view name) { return std::string(kAdlVerb) + std::string(name); }
std::string adl_type(std::string_view name) { return std::string(kAdlType) + std::string(name); }

/// Percent-encodes an id for one IRI path segment: every byte but A–Z a–z 0–9 - . _ ~.
std::string segment(std::string_view id) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(id.size());
    for (const char c : id) {
        const auto b = static_cast<unsigned char>(c);
        if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' ||
            b == '_' || b == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[b >> 4];
            out += kHex[b & 15];
        }
    }
    return out;
}

/// A file name made of the program id: anything but A–Z a–z 0–9 . _ - becomes '-'.
std::string file_stem(std::string_view id) {
    std::string out;
    for (const char c : id) {
        const auto b = static_cast<unsigned char>(c);
        const bool keep = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '.' ||
                          b == '_' || b == '-';
        out += keep ? c : '-';
    }
    return out.empty() ? "program" : out;
}

/// A number as format_decimal writes it, as a JSON number ("100" stays an integer).
json decimal(double v) { return json::parse(format_decimal(v)); }

/// Builds the statements of one export (docs/xapi-profile.md).
class StatementWriter {
public:
    StatementWriter(const Program& program, const Roster& roster, const ExportOptions& options)
        : p_(program), roster_(roster), options_(options) {
        program_iri_ = ours("programs/") + segment(program.id);
        for (const auto& lang : program.languages)
            for (const auto known : {"en", "sv", "nb", "nl"})
                if (lang == known) our_languages_.push_back(lang);
        if (our_languages_.empty()) our_languages_.emplace_back("en");
        program_ = activity(program_iri_, adl_type("course"), text_map(program.title));
    }

    /// The statement of one event; `texts` says whether the learner's texts may go in.
    [[nodiscard]] json statement(const Event& e, bool texts) const {
        json context = {{"platform", "Kollega"},
                        {"contextActivities", {{"grouping", json::array({program_})}}},
                        {"extensions",
                         {{ours("extensions/event-type"), e.type}, {ours("extensions/visibility"), to_string(e.visibility)}}}};
        json result = json::object();
        json result_ext = json::object();
        json object;
        std::string verb;
        Words display{};
        switch (e.kind) {
            case EventType::GroundRulesAgreed:
                verb = ours("verbs/agreed");
                display = {"agreed to", "godkände", "godtok", "ging akkoord met"};
                object = activity(program_iri_ + "/ground-rules", ours("activity-types/ground-rules"),
                                  words({"Ground rules", "Spelregler", "Spilleregler", "Spelregels"}));
                break;
            case EventType::StepCompleted: {
                verb = adl_verb("completed");
                display = {"completed", "slutförde", "fullførte", "voltooide"};
                const int i = p_.step_index(e.step);
                json name = i >= 0 ? text_map(p_.step_title(p_.steps[static_cast<std::size_t>(i)])) : json::object();
                object = activity(program_iri_ + "/steps/" + segment(e.step), ours("activity-types/step"), std::move(name));
                result["completion"] = true;
                break;
            }
            case EventType::GoalSet:
            case EventType::GoalCheckedIn: {
                const bool set = e.kind == EventType::GoalSet;
                verb = ours(set ? "verbs/set-goal" : "verbs/checked-in");
                display = set ? Words{"set a goal in", "satte ett mål i", "satte et mål i", "stelde een doel in"}
                              : Words{"checked in on", "följde upp", "fulgte opp", "checkte in op"};
                const std::string activity_id = set ? e.activity : goal_activity(e.actor, e.goal);
                const Activity* a = activity_id.empty() ? nullptr : p_.activity(activity_id);
                object = activity(program_iri_ + "/goals/" + segment(e.goal), ours("activity-types/goal"),
                                  a ? text_map(a->title) : json::object());
                if (a) context["contextActivities"]["parent"] = json::array({program_activity(*a)});
                if (set && texts) {
                    result["response"] = e.text;
                    result_ext[ours("extensions/measure")] = e.measure;
                }
                if (!set && e.progress) {
                    result["score"] = {{"scaled", *e.progress / 100.0}, {"raw", *e.progress}, {"min", 0}, {"max", 100}};
                    if (texts && !e.note.empty()) result["response"] = e.note;
                }
                break;
            }
            case EventType::ReflectionWritten:
                verb = ours("verbs/reflected");
                display = {"reflected on", "reflekterade över", "reflekterte over", "reflecteerde over"};
                object = activity_of(e.activity);
                if (texts) result["response"] = e.text;
                break;
            case EventType::FeedbackGiven: {
                verb = ours("verbs/gave-feedback");
                display = {"gave feedback on", "gav återkoppling på", "ga tilbakemelding på", "gaf feedback op"};
                object = activity_of(e.activity);
                context["extensions"][ours("extensions/to")] = agent(e.to);
                json ratings = json::object();
                for (const auto& [item, rating] : e.ratings) ratings[item] = rating;
                result_ext[ours("extensions/ratings")] = std::move(ratings);
                if (texts) {
                    result_ext[ours("extensions/worked")] = e.worked;
                    result_ext[ours("extensions/improve")] = e.improve;
                    if (!e.sbi.empty()) result_ext[ours("extensions/sbi")] = e.sbi;
                }
                break;
            }
            case EventType::RolePlayCompleted:
                verb = adl_verb("completed");
                display = {"completed", "slutförde", "fullførte", "voltooide"};
                object = activity_of(e.activity);
                result["completion"] = true;
                result_ext[ours("extensions/role")] = e.role;
                break;
            case EventType::SessionScheduled: {
                verb = ours("verbs/scheduled");
                display = {"scheduled", "bokade", "avtalte", "plande"};
                object = activity_of(e.activity);
                if (e.start) context["extensions"][ours("extensions/start")] = format_timestamp(*e.start);
                json members = json::array();
                for (const auto& m : e.members) members.push_back(agent(m));
                context["extensions"][ours("extensions/members")] = std::move(members);
                break;
            }
            case EventType::SessionAttended: {
                verb = adl_verb("attended");
                display = {"attended", "deltog i", "deltok i", "woonde bij"};
                object = activity_of(e.activity);
                if (!e.speaking_seconds.empty()) {
                    json seconds = json::object();
                    for (const auto& [learner, s] : e.speaking_seconds) seconds[learner] = s;
                    result_ext[ours("extensions/speaking-seconds")] = std::move(seconds);
                }
                break;
            }
            case EventType::WinCelebrated:
                verb = ours("verbs/celebrated");
                display = {"celebrated", "firade", "feiret", "vierde"};
                object = activity(program_iri_ + "/wins/" + segment(e.id), ours("activity-types/win"),
                                  words({"A win", "En framgång", "En seier", "Een succes"}));
                if (texts) result["response"] = e.text;
                break;
            case EventType::ResourceShared:
                verb = adl_verb("shared");
                display = {"shared", "delade", "delte", "deelde"};
                object = activity(program_iri_ + "/resources/" + segment(e.id), adl_type("link"),
                                  words({"A resource", "En resurs", "En ressurs", "Een bron"}));
                if (texts) {
                    result_ext[ours("extensions/title")] = e.title;
                    result_ext[ours("extensions/url")] = e.url;
                }
                break;
            case EventType::ActionPlanWritten:
                verb = ours("verbs/planned");
                display = {"wrote an action plan in", "skrev en handlingsplan i", "skrev en handlingsplan i",
                           "schreef een actieplan in"};
                object = activity_of(e.activity);
                if (texts) result["response"] = e.text;
                break;
            case EventType::Unknown: break;  // never applied, so never here
        }
        if (!result_ext.empty()) result["extensions"] = std::move(result_ext);
        json s = {{"id", e.id},
                  {"actor", agent(e.actor)},
                  {"verb", {{"id", verb}, {"display", words(display)}}},
                  {"object", std::move(object)},
                  {"context", std::move(context)},
                  {"timestamp", format_timestamp(e.at)},
                  {"version", "1.0.3"}};
        if (!result.empty()) s["result"] = std::move(result);
        return s;
    }

    /// Remembers which goal activity each (learner, goal) was set in; call with every applied event.
    void note_goal(const Event& e) {
        if (e.kind == EventType::GoalSet) goals_.emplace(e.actor + '\n' + e.goal, e.activity);
    }

private:
    [[nodiscard]] json agent(const std::string& id) const {
        const Learner* l = roster_.find(id);
        return {{"objectType", "Agent"},
                {"name", l && !l->name.empty() ? l->name : id},
                {"account", {{"homePage", options_.home_page}, {"name", id}}}};
    }

    static json activity(std::string iri, std::string type, json name) {
        json a = {{"objectType", "Activity"}, {"id", std::move(iri)}};
        json definition = json::object();
        if (!type.empty()) definition["type"] = std::move(type);
        if (!name.empty()) definition["name"] = std::move(name);
        if (!definition.empty()) a["definition"] = std::move(definition);
        return a;
    }

    [[nodiscard]] json program_activity(const Activity& a) const {
        std::string type;
        switch (a.kind) {
            case ActivityKind::Goal: type = adl_type("objective"); break;
            case ActivityKind::Reflection: type = ours("activity-types/reflection"); break;
            case ActivityKind::Observation: type = adl_type("assessment"); break;
            case ActivityKind::RolePlay: type = adl_type("simulation"); break;
            case ActivityKind::Session: type = adl_type("meeting"); break;
        }
        return activity(program_iri_ + "/activities/" + segment(a.id), std::move(type), text_map(a.title));
    }

    [[nodiscard]] json activity_of(const std::string& id) const {
        if (const Activity* a = p_.activity(id)) return program_activity(*a);
        return activity(program_iri_ + "/activities/" + segment(id), "", json::object());  // never for applied events
    }

    /// The activity the goal was set in (goal.checked-in names only the goal).
    [[nodiscard]] std::string goal_activity(const std::string& actor, const std::string& goal) const {
        auto it = goals_.find(actor + '\n' + goal);
        return it == goals_.end() ? std::string() : it->second;
    }

    /// A program text as a language map: the program's languages that have it, else all it has.
    [[nodiscard]] json text_map(const LocalizedText& t) const {
        json map = json::object();
        for (const auto& lang : p_.languages)
            if (t.has(lang)) map[lang] = t.resolve(lang, p_.default_language);
        if (map.empty())
            for (const auto& [lang, s] : t.by_language) map[lang] = s;
        return map;
    }

    /// Our own words in the program's languages (English when it has none of ours).
    [[nodiscard]] json words(const Words& w) const {
        json map = json::object();
        for (const auto& lang : our_languages_)
            map[lang] = lang == "sv" ? w.sv : lang == "nb" ? w.nb : lang == "nl" ? w.nl : w.en;
        return map;
    }

    const Program& p_;
    const Roster& roster_;
    const ExportOptions& options_;
    std::string program_iri_;
    std::vector<std::string> our_languages_;
    json program_;
    std::unordered_map<std::string, std::string> goals_;  // "actor\ngoal" → goal activity id
};

/// An absolute http(s) URL with a host and nothing an IRL may not hold (spaces, quotes, <>).
bool is_web_url(std::string_view url) {
    std::string_view rest;
    if (url.rfind("https://", 0) == 0) rest = url.substr(8);
    else if (url.rfind("http://", 0) == 0) rest = url.substr(7);
    else return false;
    if (rest.empty() || rest.front() == '/') return false;
    return std::none_of(url.begin(), url.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b <= 0x20 || b == 0x7F || std::string_view("\"<>\\^`{|}").find(c) != std::string_view::npos;
    });
}

Error unknown_learner(const std::string& id) {
    return {"unknown_learner", "no learner \"" + id + "\" in the roster", "/learner"};
}

}  // namespace

Result<ExportOptions> parse_export_options(std::string_view text) {
    ExportOptions o;
    const bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
    auto parsed = parse_text(blank ? std::string_view("{}") : text);
    if (!parsed.ok()) return parsed.errors();
    Errors errors;
    {
        ObjectReader r(parsed.value(), "", errors);
        r.boolean("bom", o.bom);
        r.one_of("moodleKey", o.moodle_key, false, parse_moodle_key, "email or idnumber");
        Audience audience = Audience::Coach;
        if (r.one_of("audience", audience, false, parse_audience, "coach, group or learner"))
            o.audience = std::string(to_string(audience));
        r.string("learner", o.learner, false);
        if (r.string("homePage", o.home_page, false) && !is_web_url(o.home_page))
            r.error(Error::invalid_value("/homePage", "expected an http or https URL such as \"https://lms.example.org\", found \"" +
                                                          o.home_page + "\""));
        if (r.string("lang", o.lang, false) && !is_language_tag(o.lang))
            r.error(Error::invalid_value("/lang", "expected a language tag such as \"sv\", found \"" + o.lang + "\""));
        std::string now;
        if (r.string("now", now, true)) {
            if (auto t = parse_timestamp(now)) o.now = *t;
            else r.error({"invalid_time", "expected an RFC 3339 time such as \"2026-11-22T10:15:00Z\", found \"" + now + "\"", "/now"});
        }
    }
    if (!errors.empty()) return errors;
    return o;
}

std::string export_ags(const Program& program, const Roster& roster, const CohortState& state, const ExportOptions& options) {
    const std::string timestamp = format_timestamp(options.now);
    json scores = json::array();
    for (const Learner& l : roster.learners()) {
        auto it = std::find_if(state.learners.begin(), state.learners.end(),
                               [&](const LearnerProgress& p) { return p.learner == l.id; });
        LearnerProgress none;
        if (it == state.learners.end()) {
            none.steps_total = static_cast<int>(program.steps.size());
            none.grade = grade(program, std::vector<bool>(program.steps.size(), false), false);
        }
        const LearnerProgress& p = it == state.learners.end() ? none : *it;
        scores.push_back({{"userId", l.id},
                          {"scoreGiven", decimal(p.grade.score_given)},
                          {"scoreMaximum", decimal(p.grade.score_maximum)},
                          {"activityProgress", p.grade.activity_progress},
                          {"gradingProgress", p.grade.grading_progress},
                          {"timestamp", timestamp},
                          {"comment", steps_done_comment(p.steps_done, p.steps_total, options.lang)}});
    }
    json line_item = {{"scoreMaximum", 100},
                      {"label", program.title.resolve(options.lang, program.default_language)},
                      {"resourceId", program.id},
                      {"tag", "kollega"}};
    return dump(json{{"lineItem", std::move(line_item)}, {"scores", std::move(scores)}}) + "\n";
}

Result<std::string> export_xapi(const Program& program, const Roster& roster, std::span<const Event> events,
                                const CohortState& state, const ExportOptions& options) {
    const auto audience = parse_audience(options.audience);
    if (!audience)
        return Error::invalid_value("/audience", "expected one of coach, group or learner, found \"" + options.audience + "\"");
    if (*audience == Audience::Learner && options.learner.empty())
        return Error{"missing_field", "the learner audience needs \"learner\": whose events to export", ""};
    if (!options.learner.empty() && *audience != Audience::Coach && !roster.contains(options.learner))
        return unknown_learner(options.learner);
    if (!is_web_url(options.home_page))
        return Error::invalid_value("/homePage", "expected an http or https URL such as \"https://lms.example.org\", found \"" +
                                                     options.home_page + "\"");
    StatementWriter writer(program, roster, options);
    json statements = json::array();
    for (const Event* e : applied_events(events, state)) {
        writer.note_goal(*e);
        if (!audience_sees(*audience, options.learner, *e, state.groups)) continue;
        statements.push_back(writer.statement(*e, audience_sees_texts(*audience, options.learner, *e, state.groups)));
    }
    return dump(statements) + "\n";
}

Result<ExportFile> export_file(std::string_view format, const Program& program, const Roster& roster,
                               std::span<const Event> events, const CohortState& state, const ExportOptions& options) {
    const std::string stem = file_stem(program.id);
    const std::string csv_mime(kCsvMime), json_mime(kJsonMime);
    if (format == "moodle")
        return ExportFile{stem + "-moodle.csv", csv_mime,
                          export_moodle_csv(program, roster, state, options.moodle_key, options.bom, options.lang)};
    if (format == "canvas")
        return ExportFile{stem + "-canvas.csv", csv_mime, export_canvas_csv(program, roster, state, options.bom, options.lang)};
    if (format == "csv")
        return ExportFile{stem + "-progress.csv", csv_mime, export_generic_csv(program, roster, state, options.bom)};
    if (format == "ags") return ExportFile{stem + "-ags.json", json_mime, export_ags(program, roster, state, options)};
    if (format == "xapi") {
        auto content = export_xapi(program, roster, events, state, options);
        if (!content.ok()) return content.errors();
        return ExportFile{stem + "-xapi.json", json_mime, std::move(content).value()};
    }
    return Error{"unknown_format", "expected moodle, canvas, csv, ags or xapi, found \"" + std::string(format) + "\"", "/format"};
}

std::string export_file_to_json(const ExportFile& file) {
    return dump(json{{"filename", file.filename}, {"mimeType", file.mime_type}, {"content", file.content}});
}

}  // namespace kollega::json

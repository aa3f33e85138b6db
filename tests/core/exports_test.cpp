// Exports (docs/events.md, "Exports"; docs/xapi-profile.md): exact CSV headers and rows,
// quoting and formula neutralising, the BOM, AGS fields, xAPI statements — and the privacy
// rule: no coach or gradebook output ever holds a text a learner wrote.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/cohort.hpp"
#include "core/exports.hpp"
#include "fixture_files.hpp"
#include "json/codec.hpp"
#include "json/export_codec.hpp"
#include "json/roster_codec.hpp"

using Json = nlohmann::json;
using namespace kollega;
using kollega::testing::read_fixture;

namespace {

/// tests/fixtures/cohort, read and folded once.
struct Cohort {
    Program program;
    Roster roster;
    std::vector<Event> events;
    std::vector<Group> groups;
    CohortState state;
};

template <class T>
T need(Result<T> r, const char* what) {
    if (!r.ok()) throw std::runtime_error(std::string(what) + ": " + r.errors().front().code + " at " +
                                          r.errors().front().path + ": " + r.errors().front().message);
    return std::move(r).value();
}

const Cohort& cohort() {
    static const Cohort c = [] {
        Cohort x;
        x.program = need(json::parse_program(read_fixture("cohort/program.json")), "program");
        x.roster = need(json::parse_roster(read_fixture("cohort/roster.csv")), "roster");
        x.events = need(json::parse_events(read_fixture("cohort/events.jsonl")), "events");
        x.groups = need(json::parse_groups(read_fixture("cohort/groups.json"), x.roster), "groups");
        x.state = fold_cohort(x.program, x.roster, x.events, x.groups, *parse_timestamp("2027-04-01T12:00:00Z"));
        return x;
    }();
    return c;
}

json::ExportOptions options(std::string audience = "coach", std::string learner = "") {
    json::ExportOptions o;
    o.audience = std::move(audience);
    o.learner = std::move(learner);
    o.now = *parse_timestamp("2027-04-01T12:00:00Z");
    return o;
}

std::string content(std::string_view format, const json::ExportOptions& o) {
    const Cohort& c = cohort();
    auto file = json::export_file(format, c.program, c.roster, c.events, c.state, o);
    if (!file.ok()) throw std::runtime_error("export " + std::string(format) + ": " + file.errors().front().code);
    return file.value().content;
}

/// The lines of a CRLF text (each without its CRLF); fails when a bare LF ends a line.
std::vector<std::string> crlf_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

/// Every text a learner wrote in the fixture's events (including rejected ones).
std::vector<std::string> learner_texts() {
    std::vector<std::string> out;
    for (const Event& e : cohort().events) {
        for (const std::string* s : {&e.text, &e.measure, &e.note, &e.title, &e.url})
            if (!s->empty()) out.push_back(*s);
        for (const auto& s : e.worked) out.push_back(s);
        for (const auto& s : e.improve) out.push_back(s);
    }
    return out;
}

const char* const kFormats[] = {"moodle", "canvas", "csv", "ags", "xapi"};

}  // namespace

TEST_CASE("Exports: numbers have at most two decimals, a dot and no exponent", "[exports]") {
    CHECK(format_decimal(0) == "0");
    CHECK(format_decimal(100) == "100");
    CHECK(format_decimal(66.67) == "66.67");
    CHECK(format_decimal(100.0 * 4 / 6) == "66.67");
    CHECK(format_decimal(50.5) == "50.5");
    CHECK(format_decimal(16.666666) == "16.67");
    CHECK(format_decimal(0.004) == "0");
    CHECK(format_decimal(-2.5) == "-2.5");
    CHECK(format_decimal(1e30) == "9000000000000000");
}

TEST_CASE("Exports: the AGS comment is built from numbers in four languages", "[exports]") {
    CHECK(steps_done_comment(4, 6, "en") == "4 of 6 steps done");
    CHECK(steps_done_comment(1, 1, "en") == "1 of 1 step done");
    CHECK(steps_done_comment(4, 6, "sv") == "4 av 6 steg klara");
    CHECK(steps_done_comment(4, 6, "nb") == "4 av 6 steg fullført");
    CHECK(steps_done_comment(4, 6, "nl") == "4 van 6 stappen voltooid");
    CHECK(steps_done_comment(2, 3, "fi") == "2 of 3 steps done");
}

TEST_CASE("Exports: the fixture folds to the grades the export tests expect", "[exports]") {
    const Cohort& c = cohort();
    REQUIRE(c.state.learners.size() == 8);
    std::vector<std::string> reasons;
    for (const auto& r : c.state.rejected) reasons.push_back(r.reason);
    std::sort(reasons.begin(), reasons.end());
    CHECK(reasons == std::vector<std::string>{"feedback_to_self", "id_conflict", "step_locked", "unknown_learner",
                                              "visibility_too_open"});
    CHECK(c.state.learners[0].grade.score_given == Approx(66.67));
    CHECK(c.state.learners[1].grade.completed);
}

TEST_CASE("Exports: the generic CSV has the documented header and one exact row per learner", "[exports]") {
    const auto lines = crlf_lines(content("csv", options()));
    REQUIRE(lines.size() == 9);
    CHECK(lines[0] ==
          "learner_id,name,email,department,steps_done,steps_total,percent,score,score_maximum,passed,completed,"
          "sessions_attended,feedback_given,feedback_received,last_activity,"
          "step:agree,step:set-goal,step:meet,step:reflect,step:rehearse,step:observe");
    CHECK(lines[1] == "asa,\"Åsa Öberg, Jr.\",asa.oberg@example.org,Sales,4,6,66,66.67,100,true,false,1,1,1,2027-03-08T10:00:00.000Z,true,true,true,true,false,false");
    CHECK(lines[2] == "bob,\"\"\"Bob\"\" O'Neil\",bob@example.org,Support,6,6,100,100,100,true,true,1,1,1,2027-03-07T13:00:00.000Z,true,true,true,true,true,true");
    CHECK(lines[3] ==
          "hyper,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",hyper@example.org,Finance,2,6,33,16.67,100,false,false,0,0,0,"
          "2027-03-09T09:00:00.000Z,true,true,false,false,false,false");
    CHECK(lines[4] == "cy,Cy Lindqvist,cy@example.org,'-Special projects,0,6,0,0,100,false,false,0,0,0,2027-03-04T09:00:00.000Z,false,false,false,false,false,false");
    CHECK(lines[5] == "dana,Dana Berg,dana@example.org,Sales,5,6,83,83.33,100,true,false,1,1,0,2027-03-05T13:00:00.000Z,true,true,true,false,true,true");
    CHECK(lines[6] == "eli,Eli Haugen,eli@example.org,Support,3,6,50,50,100,true,false,1,0,1,2027-03-11T09:00:00.000Z,true,true,true,false,false,false");
    CHECK(lines[7] == "finn,Finn de Vries,finn@example.org,HR,1,6,16,0,100,false,false,0,0,0,2027-03-01T09:00:00.000Z,true,false,false,false,false,false");
    CHECK(lines[8] == "gus,Gus Idle,,'+Marketing,0,6,0,0,100,false,false,0,0,0,,false,false,false,false,false,false");
}

TEST_CASE("Exports: the Moodle CSV keys by email or ID number and names the grade after the program", "[exports]") {
    SECTION("email, English title") {
        const auto lines = crlf_lines(content("moodle", options()));
        REQUIRE(lines.size() == 9);
        CHECK(lines[0] == "Email address,\"Peer coaching, spring 2027\"");
        CHECK(lines[1] == "asa.oberg@example.org,66.67");
        CHECK(lines[2] == "bob@example.org,100");
        CHECK(lines[3] == "hyper@example.org,16.67");
        CHECK(lines[8] == ",0");  // gus has no email: the row stays, Moodle reports it
    }
    SECTION("ID number, Swedish title") {
        auto o = options();
        o.moodle_key = MoodleKey::IdNumber;
        o.lang = "sv";
        const auto lines = crlf_lines(content("moodle", o));
        CHECK(lines[0] == "ID number,\"Kollegacoachning, våren 2027\"");
        CHECK(lines[1] == "asa,66.67");
        CHECK(lines[6] == "eli,50");
    }
}

TEST_CASE("Exports: the Canvas CSV has its header, a Points Possible row and the learners", "[exports]") {
    const auto lines = crlf_lines(content("canvas", options()));
    REQUIRE(lines.size() == 10);
    CHECK(lines[0] == "Student,ID,SIS User ID,SIS Login ID,Section,\"Peer coaching, spring 2027 (cohort-test)\"");
    CHECK(lines[1] == "Points Possible,,,,,100");
    CHECK(lines[2] == "\"Åsa Öberg, Jr.\",,asa,asa.oberg@example.org,Sales,66.67");
    CHECK(lines[3] == "\"\"\"Bob\"\" O'Neil\",,bob,bob@example.org,Support,100");
    CHECK(lines[4] == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,hyper,hyper@example.org,Finance,16.67");
    CHECK(lines[9] == "Gus Idle,,gus,,'+Marketing,0");
}

TEST_CASE("Exports: a byte-order mark starts the CSV only when asked for", "[exports]") {
    for (const char* format : {"moodle", "canvas", "csv"}) {
        INFO(format);
        auto o = options();
        const std::string plain = content(format, o);
        o.bom = true;
        const std::string with = content(format, o);
        CHECK(plain.rfind("\xEF\xBB\xBF", 0) == std::string::npos);
        CHECK(with.rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK(with.substr(3) == plain);
    }
}

TEST_CASE("Exports: only roster learners, in roster order, even with events of others", "[exports]") {
    const Cohort& c = cohort();
    Roster two({c.roster.learners()[4], c.roster.learners()[0]});  // dana, asa
    const CohortState state = fold_cohort(c.program, two, c.events, {}, *parse_timestamp("2027-04-01T12:00:00Z"));
    const auto lines = crlf_lines(export_generic_csv(c.program, two, state, false));
    REQUIRE(lines.size() == 3);
    CHECK(lines[1].rfind("dana,", 0) == 0);
    CHECK(lines[2].rfind("asa,", 0) == 0);
}

TEST_CASE("Exports: file names and MIME types, and an unknown format is an error at /format", "[exports]") {
    const Cohort& c = cohort();
    const std::pair<const char*, const char*> expected[] = {{"moodle", "cohort-test-moodle.csv"},
                                                             {"canvas", "cohort-test-canvas.csv"},
                                                             {"csv", "cohort-test-progress.csv"},
                                                             {"ags", "cohort-test-ags.json"},
                                                             {"xapi", "cohort-test-xapi.json"}};
    for (const auto& [format, name] : expected) {
        auto f = json::export_file(format, c.program, c.roster, c.events, c.state, options());
        REQUIRE(f.ok());
        CHECK(f.value().filename == name);
        CHECK(f.value().mime_type == (std::string(name).ends_with(".csv") ? "text/csv;charset=utf-8" : "application/json"));
    }
    auto bad = json::export_file("xlsx", c.program, c.roster, c.events, c.state, options());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.errors().front().code == "unknown_format");
    CHECK(bad.errors().front().path == "/format");
}

TEST_CASE("Exports: the AGS payload has a line item and one score per learner", "[exports]") {
    const Json ags = Json::parse(content("ags", options()));
    CHECK(ags["lineItem"] == Json::parse(R"({"scoreMaximum":100,"label":"Peer coaching, spring 2027",
                                             "resourceId":"cohort-test","tag":"kollega"})"));
    REQUIRE(ags["scores"].size() == 8);
    CHECK(ags["scores"][0] == Json::parse(R"({"userId":"asa","scoreGiven":66.67,"scoreMaximum":100,
        "activityProgress":"InProgress","gradingProgress":"Pending","timestamp":"2027-04-01T12:00:00.000Z",
        "comment":"4 of 6 steps done"})"));
    CHECK(ags["scores"][1]["activityProgress"] == "Completed");
    CHECK(ags["scores"][1]["gradingProgress"] == "FullyGraded");
    CHECK(ags["scores"][1]["scoreGiven"] == 100);
    CHECK(ags["scores"][3]["activityProgress"] == "Started");      // cy: agreed, no step
    CHECK(ags["scores"][7]["activityProgress"] == "Initialized");  // gus: nothing
    for (const auto& s : ags["scores"]) CHECK(s.size() == 7);
    auto sv = options();
    sv.lang = "nl";
    CHECK(Json::parse(content("ags", sv))["scores"][0]["comment"] == "4 van 6 stappen voltooid");
}

TEST_CASE("Exports: xAPI statements carry the event ids, times and our verbs", "[exports][xapi]") {
    const Cohort& c = cohort();
    const Json statements = Json::parse(content("xapi", options()));
    REQUIRE(statements.is_array());
    const auto applied = applied_events(c.events, c.state);
    std::size_t expected = 0;
    for (const Event* e : applied) expected += e->visibility >= Visibility::Coach ? 1 : 0;
    REQUIRE(statements.size() == expected);
    std::size_t k = 0;
    for (const Event* e : applied) {
        if (e->visibility < Visibility::Coach) continue;
        const Json& s = statements[k++];
        CHECK(s["id"] == e->id);
        CHECK(s["timestamp"] == format_timestamp(e->at));
        CHECK(s["version"] == "1.0.3");
        CHECK_FALSE(s.contains("stored"));
        CHECK(s["actor"]["account"] == Json({{"homePage", "https://lms.example.org"}, {"name", e->actor}}));
        CHECK(s["context"]["contextActivities"]["grouping"][0]["id"] == "https://kollega.app/xapi/programs/cohort-test");
    }
    auto by_id = [&](const std::string& id) -> const Json& {
        for (const auto& s : statements)
            if (s["id"] == id) return s;
        throw std::runtime_error("no statement " + id);
    };
    const Json& agreed = by_id("00000001-c0de-4a00-8000-000000000001");  // asa agreed to the ground rules
    CHECK(agreed["verb"]["id"] == "https://kollega.app/xapi/verbs/agreed");
    CHECK(agreed["actor"]["name"] == "Åsa Öberg, Jr.");
    CHECK(agreed["object"]["id"] == "https://kollega.app/xapi/programs/cohort-test/ground-rules");
    CHECK(agreed["verb"]["display"] == Json({{"en", "agreed to"}, {"sv", "godkände"}}));
    const Json& step = by_id("00000002-c0de-4a00-8000-000000000002");
    CHECK(step["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed");
    CHECK(step["object"]["id"] == "https://kollega.app/xapi/programs/cohort-test/steps/agree");
    CHECK(step["object"]["definition"]["name"] ==
          Json({{"en", "Agree on the ground rules"}, {"sv", "Kom överens om spelreglerna"}}));
    CHECK(step["result"] == Json({{"completion", true}}));
    const Json& attended = by_id("00000006-c0de-4a00-8000-000000000006");
    CHECK(attended["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attended");
    CHECK(attended["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/meeting");
    CHECK(attended["result"]["extensions"]["https://kollega.app/xapi/extensions/speaking-seconds"] ==
          Json({{"asa", 600}, {"bob", 420}}));
    const Json& role_play = by_id("00000016-c0de-4a00-8000-000000000016");
    CHECK(role_play["object"]["id"] == "https://kollega.app/xapi/programs/cohort-test/activities/hard-talk");
    CHECK(role_play["result"]["extensions"]["https://kollega.app/xapi/extensions/role"] == "colleague");
}

TEST_CASE("Exports: xAPI for a group and for one learner, with texts only where they may go", "[exports][xapi]") {
    SECTION("group: group texts, no private ones") {
        const std::string out = content("xapi", options("group"));
        const Json statements = Json::parse(out);
        CHECK(out.find("SECRET-GOAL-ASA") != std::string::npos);
        CHECK(out.find("SECRET-WORKED-DANA") != std::string::npos);
        for (const char* hidden : {"SECRET-REFLECTION", "SECRET-GOAL-BOB", "SECRET-WIN-HYPER", "SECRET-TOO-OPEN",
                                   "SECRET-REJECTED", "SECRET-SELF", "SECRET-CONFLICT"}) {
            INFO(hidden);
            CHECK(out.find(hidden) == std::string::npos);
        }
        bool feedback = false;
        for (const auto& s : statements)
            if (s["verb"]["id"] == "https://kollega.app/xapi/verbs/gave-feedback" && s["actor"]["account"]["name"] == "asa") {
                feedback = true;
                CHECK(s["context"]["extensions"]["https://kollega.app/xapi/extensions/to"]["account"]["name"] == "bob");
                CHECK(s["result"]["extensions"]["https://kollega.app/xapi/extensions/ratings"] ==
                      Json({{"clarity", 3}, {"listening", 4}}));
            }
        CHECK(feedback);
    }
    SECTION("group seen by a member: only the member's groups' group events") {
        const std::string out = content("xapi", options("group", "asa"));
        CHECK(out.find("SECRET-WORKED-BOB") != std::string::npos);
        CHECK(out.find("SECRET-GOAL-HYPER") != std::string::npos);
        CHECK(out.find("SECRET-WORKED-DANA") == std::string::npos);
        CHECK(out.find("SECRET-GOAL-ELI") == std::string::npos);
        CHECK(out.find("SECRET-REFLECTION") == std::string::npos);
    }
    SECTION("learner: every event of that learner, none of anyone else") {
        const std::string out = content("xapi", options("learner", "asa"));
        const Json statements = Json::parse(out);
        CHECK(out.find("SECRET-REFLECTION-ASA") != std::string::npos);
        for (const auto& s : statements) CHECK(s["actor"]["account"]["name"] == "asa");
        CHECK(statements.size() == 13);
        CHECK(out.find("SECRET-WORKED-BOB") == std::string::npos);
    }
    SECTION("a goal check-in: progress as a scaled score, the goal activity as parent") {
        const Json statements = Json::parse(content("xapi", options("learner", "asa")));
        bool found = false;
        for (const auto& s : statements)
            if (s["verb"]["id"] == "https://kollega.app/xapi/verbs/checked-in") {
                found = true;
                CHECK(s["result"]["score"]["scaled"] == 0.4);
                CHECK(s["object"]["id"] == "https://kollega.app/xapi/programs/cohort-test/goals/aaaaaaaa-0000-4000-8000-00000000a5a0");
                CHECK(s["context"]["contextActivities"]["parent"][0]["id"] ==
                      "https://kollega.app/xapi/programs/cohort-test/activities/goal");
            }
        CHECK(found);
    }
    SECTION("the learner audience needs a roster learner") {
        const Cohort& c = cohort();
        auto missing = json::export_file("xapi", c.program, c.roster, c.events, c.state, options("learner"));
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.errors().front().code == "missing_field");
        auto unknown = json::export_file("xapi", c.program, c.roster, c.events, c.state, options("learner", "zed"));
        REQUIRE_FALSE(unknown.ok());
        CHECK(unknown.errors().front().code == "unknown_learner");
        CHECK(unknown.errors().front().path == "/learner");
    }
}

TEST_CASE("Exports: privacy — no coach or gradebook export holds a learner's text", "[exports][privacy]") {
    const auto texts = learner_texts();
    REQUIRE(texts.size() > 20);
    for (const char* format : kFormats) {
        for (const bool bom : {false, true}) {
            for (const char* lang : {"en", "sv"}) {
                auto o = options();  // coach audience
                o.bom = bom;
                o.lang = lang;
                const std::string out = content(format, o);
                INFO(format << " bom=" << bom << " lang=" << lang);
                CHECK(out.find("SECRET") == std::string::npos);
                for (const auto& t : texts) {
                    INFO(t);
                    CHECK(out.find(t) == std::string::npos);
                }
            }
        }
    }
    // A coach export even names a learner in vain: the audience decides, not the viewer.
    CHECK(content("xapi", options("coach", "asa")).find("SECRET") == std::string::npos);
}

TEST_CASE("Exports: audiences see the visibilities the profile says", "[exports][xapi]") {
    Event e;
    e.actor = "ann";
    const std::vector<GroupProgress> groups{{"g1", {"ann", "bo"}, 0, 0, 0}, {"g2", {"cy"}, 0, 0, 0}};
    auto sees = [&](Audience a, std::string_view viewer, Visibility v) {
        e.visibility = v;
        return audience_sees(a, viewer, e, groups);
    };
    CHECK_FALSE(sees(Audience::Coach, "", Visibility::Private));
    CHECK_FALSE(sees(Audience::Coach, "", Visibility::Group));
    CHECK(sees(Audience::Coach, "", Visibility::Coach));
    CHECK(sees(Audience::Coach, "", Visibility::Gradebook));
    CHECK_FALSE(sees(Audience::Group, "", Visibility::Private));
    CHECK(sees(Audience::Group, "", Visibility::Group));
    CHECK(sees(Audience::Group, "bo", Visibility::Group));
    CHECK_FALSE(sees(Audience::Group, "cy", Visibility::Group));
    CHECK(sees(Audience::Group, "cy", Visibility::Coach));
    CHECK(sees(Audience::Learner, "ann", Visibility::Private));
    CHECK_FALSE(sees(Audience::Learner, "bo", Visibility::Gradebook));
    CHECK_FALSE(sees(Audience::Learner, "", Visibility::Gradebook));
    e.visibility = Visibility::Gradebook;
    CHECK_FALSE(audience_sees_texts(Audience::Coach, "", e, groups));
    CHECK(audience_sees_texts(Audience::Learner, "ann", e, groups));
}

TEST_CASE("Exports: applied events are the first copy of each id the fold kept, in fold order", "[exports]") {
    const Cohort& c = cohort();
    const auto applied = applied_events(c.events, c.state);
    std::set<std::string> ids;
    for (const Event* e : applied) CHECK(ids.insert(e->id).second);  // once each
    for (std::size_t i = 1; i < applied.size(); ++i) CHECK(applied[i - 1]->at <= applied[i]->at);
    CHECK(applied.size() == c.events.size() - 2 /* replay, conflict */ - 4 /* rejected */);
    for (const Event* e : applied) CHECK(e->text != "SECRET-CONFLICT-ELI");
}

TEST_CASE("Exports: the options JSON is read with defaults, checked, and pointed into", "[exports]") {
    auto ok = json::parse_export_options(R"({"bom":true,"moodleKey":"idnumber","audience":"group","learner":"asa",
        "homePage":"https://moodle.example.edu","lang":"sv","now":"2027-04-01T14:00:00+02:00"})");
    REQUIRE(ok.ok());
    CHECK(ok.value().bom);
    CHECK(ok.value().moodle_key == MoodleKey::IdNumber);
    CHECK(ok.value().audience == "group");
    CHECK(ok.value().learner == "asa");
    CHECK(ok.value().home_page == "https://moodle.example.edu");
    CHECK(ok.value().lang == "sv");
    CHECK(format_timestamp(ok.value().now) == "2027-04-01T12:00:00.000Z");

    auto defaults = json::parse_export_options(R"({"now":"2027-04-01T12:00:00Z"})");
    REQUIRE(defaults.ok());
    CHECK_FALSE(defaults.value().bom);
    CHECK(defaults.value().moodle_key == MoodleKey::Email);
    CHECK(defaults.value().audience == "coach");
    CHECK(defaults.value().home_page == "https://lms.example.org");
    CHECK(defaults.value().lang == "en");

    auto bad = json::parse_export_options(R"({"bom":"yes","moodleKey":"name","audience":"public","homePage":"lms",
        "colour":"red","lang":"!!"})");
    REQUIRE_FALSE(bad.ok());
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& e : bad.errors()) got.emplace_back(e.code, e.path);
    std::sort(got.begin(), got.end());
    CHECK(got == std::vector<std::pair<std::string, std::string>>{{"invalid_value", "/audience"},
                                                                  {"invalid_value", "/homePage"},
                                                                  {"invalid_value", "/lang"},
                                                                  {"invalid_value", "/moodleKey"},
                                                                  {"missing_field", ""},
                                                                  {"type_error", "/bom"},
                                                                  {"unknown_field", "/colour"}});
    auto not_json = json::parse_export_options("{");
    REQUIRE_FALSE(not_json.ok());
    CHECK(not_json.errors().front().code == "invalid_json");
    auto bad_time = json::parse_export_options(R"({"now":"yesterday"})");
    REQUIRE_FALSE(bad_time.ok());
    CHECK(bad_time.errors().front().code == "invalid_time");
    CHECK(bad_time.errors().front().path == "/now");
}

TEST_CASE("Exports: ids that are not IRI-safe are percent-encoded in activity ids", "[exports][xapi]") {
    Program p;
    p.id = "vår program/1";
    p.languages = {"en"};
    p.title.by_language = {{"en", "T"}};
    Step s;
    s.id = "step one";
    s.title.by_language = {{"en", "One"}};
    p.steps = {s};
    const Roster roster({Learner{"ann", "Ann", "", "", "", "", {}, {}, "", ""}});
    Event e;
    e.id = "11111111-1111-4111-8111-111111111111";
    e.actor = "ann";
    e.type = "step.completed";
    e.kind = EventType::StepCompleted;
    e.step = "step one";
    const std::vector<Event> events{e};
    const CohortState state = fold_cohort(p, roster, events, {}, {});
    auto file = json::export_file("xapi", p, roster, events, state, options());
    REQUIRE(file.ok());
    CHECK(file.value().filename == "v--r-program-1-xapi.json");
    const Json statements = Json::parse(file.value().content);
    REQUIRE(statements.size() == 1);
    CHECK(statements[0]["object"]["id"] == "https://kollega.app/xapi/programs/v%C3%A5r%20program%2F1/steps/step%20one");
}

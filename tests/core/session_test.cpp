// The session runner (docs/sessions.md): turns, roles, the clock arithmetic, overtime, fair
// time, the events at the end, and the JSON facade.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/cohort.hpp"
#include "core/session/session.hpp"
#include "fixture_files.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"
#include "json/session_codec.hpp"
#include "test_data.hpp"

using namespace kollega;
using namespace kollega::session;
using Json = nlohmann::json;

namespace {

const Program& test_program() {
    static const Program p = json::parse_program(testing::read_fixture("sessions/program.json")).value();
    return p;
}

std::vector<Member> people(int n) {
    std::vector<Member> out;
    const char* ids[] = {"ann", "bo", "cy", "dag", "eva", "fia", "gus", "hal"};
    for (int i = 0; i < n; ++i) out.push_back({ids[i], ""});
    return out;
}

constexpr std::int64_t T0 = 1'800'000'000'000;  // 2027-01-15T08:00:00Z
Timestamp at(std::int64_t seconds) { return Timestamp{T0 + seconds * 1000}; }

SessionState started(int n, int number = 1) {
    auto s = start_session(test_program(), "meeting", people(n), {}, number, "en", at(0));
    REQUIRE(s.ok());
    auto r = act(s.value(), {Action::Type::Start}, at(0));
    REQUIRE(r.ok());
    return r.value();
}

SessionState must(Result<SessionState> r) {
    REQUIRE(r.ok());
    return std::move(r).value();
}

Action extend(int minutes) {
    Action a{Action::Type::Extend};
    a.minutes = minutes;
    return a;
}

Json ok_value(const std::string& envelope) {
    Json j = Json::parse(envelope);
    INFO(envelope);
    REQUIRE(j["ok"] == true);
    return j["value"];
}

Json error_of(const std::string& envelope) {
    Json j = Json::parse(envelope);
    INFO(envelope);
    REQUIRE(j["ok"] == false);
    return j["error"];
}

}  // namespace

TEST_CASE("session: a per-person phase gives each member an equal focus turn", "[session]") {
    SECTION("three people in 45 minutes: 15 each") {
        auto s = start_session(test_program(), "meeting", people(3), {}, 1, "en", at(0)).value();
        REQUIRE(s.slots.size() == 1 + 3 + 1 + 1);
        for (int i = 1; i <= 3; ++i) CHECK(s.slots[static_cast<std::size_t>(i)].box_seconds == 15 * 60);
        CHECK(s.slots[0].box_seconds == 5 * 60);
        CHECK(s.slots[1].focus == "ann");
        CHECK(s.slots[2].focus == "bo");
        CHECK(s.slots[3].focus == "cy");
    }
    SECTION("four people: 11 whole minutes each") {
        auto s = start_session(test_program(), "meeting", people(4), {}, 1, "en", at(0)).value();
        CHECK(s.slots[1].box_seconds == 11 * 60);
        CHECK(s.slots.size() == 7);
    }
    SECTION("five people: never shorter than minTurnMinutes (10), even if the plan runs over") {
        auto s = start_session(test_program(), "meeting", people(5), {}, 1, "en", at(0)).value();
        CHECK(s.slots[1].box_seconds == 10 * 60);
        const Json v = Json::parse(json::session_view_to_json(s, at(0)));
        CHECK(v["plannedSeconds"] == (5 + 50 + 5 + 5) * 60);
    }
    SECTION("the first turn moves on with the session number") {
        auto s = start_session(test_program(), "meeting", people(3), {}, 2, "en", at(0)).value();
        CHECK(s.slots[1].focus == "bo");
        CHECK(s.slots[2].focus == "cy");
        CHECK(s.slots[3].focus == "ann");
        auto s4 = start_session(test_program(), "meeting", people(3), {}, 4, "en", at(0)).value();
        CHECK(s4.slots[1].focus == "ann");
    }
}

TEST_CASE("session: bad setups are errors that say where", "[session]") {
    auto one = start_session(test_program(), "meeting", people(1), {}, 1, "en", at(0));
    REQUIRE_FALSE(one.ok());
    CHECK(one.errors()[0].path == "/members");
    auto dup = start_session(test_program(), "meeting", {{"ann", ""}, {"ann", ""}}, {}, 1, "en", at(0));
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.errors()[0].code == "duplicate_id");
    CHECK(dup.errors()[0].path == "/members/1/id");
    auto wrong = start_session(test_program(), "observe", people(3), {}, 1, "en", at(0));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.errors()[0].code == "unknown_activity");
    auto zero = start_session(test_program(), "meeting", people(3), {}, 0, "en", at(0));
    REQUIRE_FALSE(zero.ok());
    CHECK(zero.errors()[0].path == "/sessionNumber");
}

TEST_CASE("session: roles rotate by session and by focus turn", "[session]") {
    using R = SessionRole;
    SECTION("outside turns, session 1 starts with the first member") {
        auto s = started(3, 1);
        auto r = roles_at(s, 0);  // check-in
        CHECK(r == std::vector<std::optional<R>>{R::Coachee, R::Coach, R::Observer});
    }
    SECTION("session 2 moves every role on by one") {
        auto s = started(3, 2);
        auto r = roles_at(s, 0);
        CHECK(r == std::vector<std::optional<R>>{R::Observer, R::Coachee, R::Coach});
    }
    SECTION("in a focus turn the person in focus is the coachee, the next one the coach") {
        auto s = started(4, 1);
        CHECK(s.slots[3].focus == "cy");
        auto r = roles_at(s, 3);
        CHECK(r == std::vector<std::optional<R>>{R::Observer, R::Timekeeper, R::Coachee, R::Coach});
    }
    SECTION("more members than roles: the rest observe") {
        auto s = started(5, 1);
        auto r = roles_at(s, 0);
        CHECK(r == std::vector<std::optional<R>>{R::Coachee, R::Coach, R::Observer, R::Timekeeper, R::Observer});
    }
    SECTION("without rotation member i keeps role i") {
        auto s = started(3, 3);
        s.rotate_roles = false;
        CHECK(roles_at(s, 2) == std::vector<std::optional<R>>{R::Coachee, R::Coach, R::Observer});
        CHECK(roles_at(s, -1) == std::vector<std::optional<R>>{R::Coachee, R::Coach, R::Observer});
    }
}

TEST_CASE("session: pause, resume, extend, skip and next keep exact time", "[session]") {
    auto s = started(3);
    CHECK(slot_elapsed_seconds(s, 0, at(90)) == 90);
    s = must(act(s, {Action::Type::Pause}, at(60)));
    CHECK(s.status == Status::Paused);
    CHECK(slot_elapsed_seconds(s, 0, at(1000)) == 60);  // paused: the clock stands still
    s = must(act(s, {Action::Type::Resume}, at(120)));
    CHECK(slot_elapsed_seconds(s, 0, at(180)) == 120);
    s = must(act(s, extend(2), at(180)));
    CHECK(s.slots[0].extended_seconds == 120);
    s = must(act(s, {Action::Type::Next}, at(200)));
    CHECK(s.slots[0].state == SlotState::Done);
    CHECK(s.slots[0].used_ms == 140'000);
    CHECK(s.current == 1);
    CHECK(slot_elapsed_seconds(s, 1, at(230)) == 30);
    s = must(act(s, {Action::Type::Skip}, at(230)));
    CHECK(s.slots[1].state == SlotState::Skipped);
    CHECK(s.slots[1].used_ms == 30'000);
    CHECK(s.current == 2);

    SECTION("actions that do not fit the status are refused") {
        auto paused = must(act(s, {Action::Type::Pause}, at(240)));
        auto again = act(paused, {Action::Type::Pause}, at(250));
        REQUIRE_FALSE(again.ok());
        CHECK(again.errors()[0].code == "action_not_allowed");
        CHECK(again.errors()[0].path == "/action/type");
        auto restart = act(paused, {Action::Type::Start}, at(250));
        REQUIRE_FALSE(restart.ok());
        auto big = act(paused, extend(61), at(250));
        REQUIRE_FALSE(big.ok());
        CHECK(big.errors()[0].path == "/action/minutes");
    }
    SECTION("a clock set back counts as no time") {
        auto back = must(act(s, {Action::Type::Pause}, at(100)));
        CHECK(back.slots[2].used_ms == 0);
        CHECK(back.last == at(230));
        CHECK(slot_elapsed_seconds(back, 2, at(100)) == 0);
    }
    SECTION("next after the last slot ends the session; end skips what was not reached") {
        auto e = must(act(s, {Action::Type::End}, at(300)));
        CHECK(e.status == Status::Ended);
        CHECK(e.slots[2].state == SlotState::Done);
        CHECK(e.slots[3].state == SlotState::Skipped);
        CHECK(e.slots[5].state == SlotState::Skipped);
        auto t = s;
        for (int i = 0; i < 4; ++i) t = must(act(t, {Action::Type::Next}, at(300 + i)));
        CHECK(t.status == Status::Ended);
        CHECK_FALSE(act(t, {Action::Type::Next}, at(400)).ok());
    }
}

TEST_CASE("session: overtime is gentle at first, then strong", "[session]") {
    CHECK(overtime_level(300, 300) == Overtime::None);
    CHECK(overtime_level(300, 301) == Overtime::Gentle);
    CHECK(overtime_level(300, 359) == Overtime::Gentle);
    CHECK(overtime_level(300, 360) == Overtime::Strong);  // at least a minute
    CHECK(overtime_level(900, 1079) == Overtime::Gentle);
    CHECK(overtime_level(900, 1080) == Overtime::Strong);  // a fifth of the box
    auto s = started(3);
    const Json v = Json::parse(json::session_view_to_json(s, at(310)));
    CHECK(v["current"]["overtime"] == "gentle");
    CHECK(v["current"]["overtimeSeconds"] == 10);
    CHECK(v["current"]["remainingSeconds"] == 0);
    auto x = must(act(s, extend(1), at(310)));
    const Json w = Json::parse(json::session_view_to_json(x, at(310)));
    CHECK(w["current"]["overtime"] == "none");
    CHECK(w["current"]["remainingSeconds"] == 50);
}

TEST_CASE("session: the fair-time summary compares focus time with each share", "[session]") {
    auto s = started(3);
    s = must(act(s, {Action::Type::Next}, at(300)));    // check-in done; ann in focus
    s = must(act(s, {Action::Type::Next}, at(1500)));   // ann 1200 s
    s = must(act(s, {Action::Type::Next}, at(2100)));   // bo 600 s
    s = must(act(s, {Action::Type::Pause}, at(2400)));  // cy 300 s, then a pause
    s = must(act(s, {Action::Type::Resume}, at(3000)));
    s = must(act(s, {Action::Type::Next}, at(3600)));   // cy 900 s in all
    auto f = fair_time(s, at(4000));
    REQUIRE(f.size() == 3);
    CHECK(f[0].focus_seconds == 1200);
    CHECK(f[1].focus_seconds == 600);
    CHECK(f[2].focus_seconds == 900);
    CHECK(f[0].share_seconds == 900);
    CHECK(f[0].difference_seconds == 300);
    CHECK(f[1].difference_seconds == -300);
    CHECK(f[0].percent_of_share == 133);
    CHECK(f[1].percent_of_share == 67);
    CHECK(f[2].percent_of_share == 100);
    auto none = fair_time(started(2), at(10));
    CHECK(none[0].percent_of_share == 100);
}

TEST_CASE("session: the events at the end, and the folds accept them", "[session]") {
    auto s = started(3);
    Action plan{Action::Type::Plan};
    plan.member = "cy";
    plan.text = "Ask my manager for feedback";
    s = must(act(s, plan, at(10)));
    plan.member = "ann";
    plan.text = "Book the retro";
    s = must(act(s, plan, at(20)));
    Action stranger{Action::Type::Plan};
    stranger.member = "zed";
    stranger.text = "x";
    CHECK(act(s, stranger, at(20)).errors()[0].code == "unknown_member");
    s = must(act(s, {Action::Type::Next}, at(300)));
    s = must(act(s, {Action::Type::Next}, at(1200)));
    std::vector<std::string> ids;
    for (int i = 1; i <= 5; ++i) ids.push_back(testing::uuid(i));
    auto early = session_events(s, ids, at(1300));
    REQUIRE_FALSE(early.ok());
    CHECK(early.errors()[0].code == "session_not_ended");
    s = must(act(s, {Action::Type::End}, at(1300)));
    CHECK(events_needed(s) == 5);
    auto few = session_events(s, {ids[0]}, at(1300));
    REQUIRE_FALSE(few.ok());
    CHECK(few.errors()[0].code == "not_enough_ids");
    auto ev = session_events(s, ids, at(1300));
    REQUIRE(ev.ok());
    const auto& events = ev.value();
    REQUIRE(events.size() == 5);
    CHECK(events[0].type == "session.attended");
    CHECK(events[0].actor == "ann");
    CHECK(events[0].visibility == Visibility::Gradebook);
    CHECK(events[0].speaking_seconds == std::vector<std::pair<std::string, long long>>{{"ann", 900}});
    CHECK(events[1].speaking_seconds == std::vector<std::pair<std::string, long long>>{{"bo", 100}});
    CHECK(events[2].speaking_seconds == std::vector<std::pair<std::string, long long>>{{"cy", 0}});
    CHECK(events[3].type == "action-plan.written");
    CHECK(events[3].actor == "ann");  // member order
    CHECK(events[3].visibility == Visibility::Group);
    CHECK(events[4].actor == "cy");

    // Through JSON into the cohort fold: nothing rejected, counts right.
    std::string log = "[";
    for (std::size_t i = 0; i < events.size(); ++i) log += (i ? "," : "") + json::event_to_json(events[i]);
    log += "]";
    auto parsed = json::parse_events(log);
    REQUIRE(parsed.ok());
    std::vector<Learner> learners;
    for (const char* id : {"ann", "bo", "cy"}) {
        Learner l;
        l.id = id;
        learners.push_back(l);
    }
    const Roster roster(learners);
    auto cohort = fold_cohort(test_program(), roster, parsed.value(), {}, at(2000));
    CHECK(cohort.rejected.empty());
    CHECK(cohort.learners[0].sessions_attended == 1);
    CHECK(cohort.learners[0].speaking_seconds == 900);
    CHECK(cohort.learners[0].action_plans == 1);
    CHECK(cohort.learners[1].action_plans == 0);

    // The next session shows each member's latest plan at check-in.
    auto next = start_session(test_program(), "meeting", people(3), parsed.value(), 2, "en", at(5000)).value();
    REQUIRE(next.previous_plans.size() == 2);
    CHECK(next.previous_plans[0].member == "ann");
    CHECK(next.previous_plans[0].text == "Book the retro");
}

TEST_CASE("session api: start, act, view and events through JSON", "[session][api]") {
    const std::string program = testing::read_fixture("sessions/program.json");
    const std::string members = R"([{"id":"ann","name":"Ann"},{"id":"bo","name":"Bo"},{"id":"cy"}])";
    Json state = ok_value(api::session_start(program, "meeting", members, "", 1, "sv", "2027-01-15T08:00:00Z"));
    Json v = ok_value(api::session_view(state.dump(), "2027-01-15T08:00:00Z"));
    CHECK(v["status"] == "ready");
    CHECK(v["title"] == "Gruppträff");
    CHECK(v["groundRules"]["confidentiality"] == "Det som sägs här stannar här.");
    CHECK(v["next"]["title"] == "Incheckning");
    CHECK(v["roles"][2]["name"] == "cy");
    state = ok_value(api::session_act(state.dump(), R"({"type":"start"})", "2027-01-15T08:00:00Z"));
    state = ok_value(api::session_act(state.dump(), R"({"type":"next"})", "2027-01-15T08:05:00Z"));
    v = ok_value(api::session_view(state.dump(), "2027-01-15T08:10:00.500Z"));
    CHECK(v["groundRules"].is_null());
    CHECK(v["current"]["kind"] == "coaching");
    CHECK(v["current"]["focusName"] == "Ann");
    CHECK(v["current"]["elapsedSeconds"] == 300);
    CHECK(v["current"]["remainingSeconds"] == 600);
    CHECK(v["questions"][0] == "Hur skulle framgång se ut?");
    CHECK(v["roles"][0]["role"] == "coachee");
    CHECK(v["roles"][1]["role"] == "coach");
    CHECK(v["next"]["focusName"] == "Bo");

    Json e = error_of(api::session_act(state.dump(), R"({"type":"dance"})", "2027-01-15T08:10:00Z"));
    CHECK(e["code"] == "invalid_action");
    e = error_of(api::session_act(state.dump(), R"({"type":"extend","minutes":0})", "2027-01-15T08:10:00Z"));
    CHECK(e["path"] == "/action/minutes");
    e = error_of(api::session_act(state.dump(), R"({"type":"pause"})", "yesterday"));
    CHECK(e["path"] == "/now");
    Json broken = state;
    broken["slots"][1]["usedMs"] = "lots";
    e = error_of(api::session_act(broken.dump(), R"({"type":"pause"})", "2027-01-15T08:10:00Z"));
    CHECK(e["code"] == "invalid_state");
    CHECK(e["path"] == "/state/slots/1/usedMs");
    e = error_of(api::session_start(program, "meeting", R"([{"id":"ann"},{"name":"Bo"}])", "", 1, "en", "2027-01-15T08:00:00Z"));
    CHECK(e["code"] == "missing_field");
    CHECK(e["path"] == "/members/1");

    state = ok_value(api::session_act(state.dump(), R"({"type":"end"})", "2027-01-15T08:15:00Z"));
    Json out = ok_value(api::session_events(state.dump(), Json::array({testing::uuid(7), testing::uuid(8), testing::uuid(9)}).dump(),
                                            "2027-01-15T08:15:00Z"));
    REQUIRE(out["events"].size() == 3);
    CHECK(out["events"][0]["payload"]["speakingSeconds"]["ann"] == 600);
    CHECK(out["events"][0]["type"] == "session.attended");
    e = error_of(api::session_events(state.dump(), R"(["nope","x","y"])", "2027-01-15T08:15:00Z"));
    CHECK(e["path"] == "/ids/0");
}

TEST_CASE("session: action plans and SBI notes never reach coach or gradebook outputs", "[session][privacy]") {
    const std::string program = testing::read_fixture("cohort/program.json");
    const std::string roster = testing::read_fixture("cohort/roster.csv");
    std::string events = testing::read_fixture("cohort/events.jsonl");
    if (!events.empty() && events.back() != '\n') events += '\n';
    events += R"({"id":"0000f001-c0de-4a00-8000-000000000001","actor":"asa","type":"action-plan.written","at":"2027-03-05T13:00:00Z","payload":{"activity":"meeting","text":"SECRET-PLAN-ASA"},"visibility":"group"})" "\n";
    events += R"({"id":"0000f002-c0de-4a00-8000-000000000002","actor":"bob","type":"feedback.given","at":"2027-03-08T09:00:00Z","payload":{"to":"asa","activity":"checklist","ratings":{"clarity":3},"worked":["SECRET-WORKED-SBI"],"improve":[],"sbi":["SECRET-SBI-S","SECRET-SBI-B","SECRET-SBI-I"]},"visibility":"group"})" "\n";
    events += R"({"id":"0000f003-c0de-4a00-8000-000000000003","actor":"asa","type":"action-plan.written","at":"2027-03-05T13:00:00Z","payload":{"activity":"goal","text":"SECRET-PLAN-WRONG"},"visibility":"group"})" "\n";
    const Json cohort = ok_value(api::cohort_view(program, roster, events, "", "en", "2027-04-01T00:00:00Z"));
    CHECK(cohort.dump().find("SECRET") == std::string::npos);
    bool wrong_rejected = false;
    for (const auto& r : cohort["rejected"])
        if (r["id"] == "0000f003-c0de-4a00-8000-000000000003") wrong_rejected = r["reason"] == "unknown_activity";
    CHECK(wrong_rejected);
    for (const auto& l : cohort["learners"])
        if (l["id"] == "asa") CHECK(l["actionPlans"] == 1);
    for (const char* format : {"moodle", "canvas", "csv", "ags", "xapi"}) {
        INFO(format);
        const Json file = ok_value(api::export_file(format, program, roster, events, "", R"({"audience":"coach","now":"2027-04-01T00:00:00Z"})"));
        CHECK(file["content"].get<std::string>().find("SECRET-PLAN") == std::string::npos);
        CHECK(file["content"].get<std::string>().find("SECRET-SBI") == std::string::npos);
    }
    // The learner's own export carries their plan; the group's carries the SBI notes.
    const Json mine = ok_value(api::export_file("xapi", program, roster, events, "", R"({"audience":"learner","learner":"asa","now":"2027-04-01T00:00:00Z"})"));
    CHECK(mine["content"].get<std::string>().find("SECRET-PLAN-ASA") != std::string::npos);
}

TEST_CASE("session: the ground rules show until everyone present has agreed", "[session]") {
    auto fresh = start_session(test_program(), "meeting", people(3), {}, 1, "en", at(0)).value();
    CHECK(fresh.show_ground_rules);
    CHECK(fresh.rules_pending == std::vector<std::string>{"ann", "bo", "cy"});
    std::vector<Event> log;
    for (int i = 0; i < 2; ++i) {
        Event e;
        e.id = testing::uuid(40 + i);
        e.actor = i == 0 ? "ann" : "bo";
        e.type = "ground-rules.agreed";
        e.kind = EventType::GroundRulesAgreed;
        log.push_back(e);
    }
    auto later = start_session(test_program(), "meeting", people(3), log, 4, "en", at(0)).value();
    CHECK(later.rules_pending == std::vector<std::string>{"cy"});  // cy is new: shown again
    const Json v = Json::parse(json::session_view_to_json(later, at(0)));
    CHECK(v["groundRules"]["pending"] == Json::array({{{"member", "cy"}, {"name", "cy"}}}));
    auto two = start_session(test_program(), "meeting", people(2), log, 4, "en", at(0)).value();
    CHECK_FALSE(two.show_ground_rules);
    CHECK(Json::parse(json::session_view_to_json(two, at(0)))["groundRules"].is_null());
    // The state keeps it through JSON.
    auto back = json::parse_session_state(json::session_state_to_json(later));
    REQUIRE(back.ok());
    CHECK(back.value() == later);
}

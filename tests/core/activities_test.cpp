// The feedback form (validation, balance rule, SBI), the role-play player (stages, swaps,
// cues, checklist) and the goals view (check-ins due at the cadence).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/session/activities.hpp"
#include "fixture_files.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"
#include "test_data.hpp"

using namespace kollega;
using Json = nlohmann::json;

namespace {

const std::string& program_text() {
    static const std::string p = testing::read_fixture("sessions/program.json");
    return p;
}

Json value_of(const std::string& envelope) {
    Json j = Json::parse(envelope);
    INFO(envelope);
    REQUIRE(j["ok"] == true);
    return j["value"];
}

Json problems_of(const std::string& envelope) {
    Json j = Json::parse(envelope);
    INFO(envelope);
    REQUIRE(j["ok"] == false);
    Json out = Json::array();
    for (const auto& p : j["error"]["problems"]) out.push_back(p["path"].get<std::string>() + " " + p["code"].get<std::string>());
    return out;
}

std::string feedback(const std::string& answers, const char* to = "bo", const char* activity = "observe") {
    return api::feedback_event(program_text(), activity, answers, "ann", to, testing::uuid(1), "2027-01-15T09:00:00Z");
}

}  // namespace

TEST_CASE("feedback form: fields, scales and who sees each answer", "[feedback]") {
    const Json f = value_of(api::feedback_form(program_text(), "observe", "sv"));
    CHECK(f["title"] == "Observera en presentation");
    CHECK(f["focus"] == "De första minuterna");
    CHECK(f["visibility"] == "group");
    CHECK(f["balance"] == Json({{"minWorked", 2}, {"maxImprove", 1}}));
    REQUIRE(f["fields"].size() == 5);
    CHECK(f["fields"][0]["id"] == "ratings/clarity");
    CHECK(f["fields"][0]["min"] == 1);
    CHECK(f["fields"][1]["labels"] == Json({"Sällan", "Ofta", "Alltid"}));
    CHECK(f["fields"][2]["id"] == "worked");
    CHECK(f["fields"][2]["minItems"] == 2);
    CHECK(f["fields"][3]["maxItems"] == 1);
    CHECK(f["fields"][4]["kind"] == "sbi");
    for (const auto& field : f["fields"]) {
        CHECK(field["visibleTo"] == Json({"observed", "group"}));
        CHECK(field["coachSees"] == "count");
    }
    CHECK(problems_of(api::feedback_form(program_text(), "goal", "en")) == Json({"/activityId unknown_activity"}));
}

TEST_CASE("feedback event: valid answers give a group event to the observed peer", "[feedback]") {
    const Json e = value_of(feedback(R"({"ratings":{"contact":2,"clarity":3},"worked":["Calm start","Clear slides"],
        "improve":["Pause after questions"],"sbi":{"situation":"Q&A","behaviour":"answered at once","impact":"no time to think"}})"));
    CHECK(e["type"] == "feedback.given");
    CHECK(e["visibility"] == "group");
    CHECK(e["actor"] == "ann");
    CHECK(e["payload"]["to"] == "bo");
    CHECK(e["payload"]["ratings"] == Json({{"clarity", 3}, {"contact", 2}}));
    CHECK(e["payload"]["sbi"] == Json({"Q&A", "answered at once", "no time to think"}));
    // It reads back as an event the folds accept.
    auto parsed = json::parse_events("[" + e.dump() + "]");
    REQUIRE(parsed.ok());
    CHECK(parsed.value()[0].sbi == std::vector<std::string>{"Q&A", "answered at once", "no time to think"});
}

TEST_CASE("feedback event: every problem at once, with pointers", "[feedback]") {
    CHECK(problems_of(feedback(R"({"ratings":{"clarity":5,"tone":2},"worked":["Calm"],"improve":["a","b"]})")) ==
          Json({"/answers/ratings/contact missing_field", "/answers/ratings/clarity rating_out_of_scale",
                "/answers/ratings/tone unknown_rubric_item", "/answers/worked unbalanced_feedback",
                "/answers/improve unbalanced_feedback"}));
    CHECK(problems_of(feedback(R"({"ratings":{"clarity":1,"contact":0},"worked":["a"," "],"sbi":{"situation":"x"}})")) ==
          Json({"/answers/worked/1 invalid_value", "/answers/sbi/behaviour missing_field", "/answers/sbi/impact missing_field"}));
    CHECK(problems_of(feedback(R"({"ratings":{"clarity":1,"contact":0},"worked":["a","b"]})", "ann")) == Json({"/to feedback_to_self"}));
    CHECK(problems_of(feedback(R"({"ratings":{"clarity":"high","contact":0},"worked":["a","b"],"extra":1})")) ==
          Json({"/answers/ratings/clarity type_error", "/answers/extra unknown_field"}));
    CHECK(problems_of(feedback(R"({"ratings":{},"worked":[]})", "bo", "meeting")) == Json({"/activityId unknown_activity"}));
    // The balance rule allows no improvement at all.
    value_of(feedback(R"({"ratings":{"clarity":4,"contact":2},"worked":["a","b"]})"));
}

TEST_CASE("role-play: stages, cards with cues, the swap and the checklist", "[role-play]") {
    const std::string start = R"({"members":["ann","bo","cy"],"run":0,"stage":0})";
    Json v = value_of(api::role_play_view(program_text(), "hard-talk", start, "en"));
    CHECK(v["scenario"] == "A colleague keeps missing deadlines.");
    CHECK(v["runs"] == 2);
    CHECK(v["stage"]["id"] == "open");
    CHECK(v["people"][0]["role"]["id"] == "lead");
    CHECK(v["people"][0]["role"]["cues"] == Json({"Say what you saw."}));
    CHECK(v["people"][1]["role"]["id"] == "member");
    CHECK(v["people"][1]["role"]["cues"] == Json::array());
    CHECK(v["people"][2]["observer"] == true);
    CHECK(v["checklist"]["items"][0]["id"] == "clarity");
    CHECK(v["swapNext"] == false);

    Json s = value_of(api::role_play_act(program_text(), "hard-talk", start, R"({"type":"next"})"));
    v = value_of(api::role_play_view(program_text(), "hard-talk", s.dump(), "sv"));
    CHECK(v["stage"]["id"] == "explore");
    CHECK(v["people"][1]["role"]["cues"] == Json({"Nämn arbetsbördan."}));
    CHECK(v["swapNext"] == true);
    s = value_of(api::role_play_act(program_text(), "hard-talk", s.dump(), R"({"type":"next"})"));
    CHECK(s["run"] == 1);
    CHECK(s["stage"] == 0);
    v = value_of(api::role_play_view(program_text(), "hard-talk", s.dump(), "en"));
    // Swapped: each moves on one position; the observer now plays.
    CHECK(v["people"][0]["role"]["id"] == "member");
    CHECK(v["people"][1]["observer"] == true);
    CHECK(v["people"][2]["role"]["id"] == "lead");
    // The events of the finished first run.
    Json ev = value_of(api::role_play_events(program_text(), "hard-talk", s.dump(),
                                             Json::array({testing::uuid(1), testing::uuid(2), testing::uuid(3), testing::uuid(4)}).dump(),
                                             "2027-01-15T10:00:00Z"));
    REQUIRE(ev["events"].size() == 2);
    CHECK(ev["events"][0]["actor"] == "ann");
    CHECK(ev["events"][0]["payload"]["role"] == "lead");
    CHECK(ev["events"][0]["visibility"] == "gradebook");
    s = value_of(api::role_play_act(program_text(), "hard-talk", s.dump(), R"({"type":"next"})"));
    s = value_of(api::role_play_act(program_text(), "hard-talk", s.dump(), R"({"type":"next"})"));
    CHECK(s["done"] == true);
    CHECK(problems_of(api::role_play_act(program_text(), "hard-talk", s.dump(), R"({"type":"next"})")) ==
          Json({"/action/type action_not_allowed"}));
    ev = value_of(api::role_play_events(program_text(), "hard-talk", s.dump(),
                                        Json::array({testing::uuid(1), testing::uuid(2), testing::uuid(3), testing::uuid(4)}).dump(),
                                        "2027-01-15T10:00:00Z"));
    CHECK(ev["events"].size() == 4);  // ann lead, bo member, ann member, cy lead
    CHECK(problems_of(api::role_play_events(program_text(), "hard-talk", s.dump(), R"(["x"])", "2027-01-15T10:00:00Z")) ==
          Json({"/ids not_enough_ids"}));
    s = value_of(api::role_play_act(program_text(), "hard-talk", s.dump(), R"({"type":"back"})"));
    CHECK(s["done"] == false);
    CHECK(problems_of(api::role_play_view(program_text(), "hard-talk", R"({"members":["ann","ann"],"run":2,"stage":5})", "en")) ==
          Json({"/state/members/1 duplicate_id", "/state/run invalid_value", "/state/stage invalid_value"}));
}

TEST_CASE("role-play: the swap rules give 1, 2 or one run per member", "[role-play]") {
    Activity a;
    a.roles.resize(2);
    a.swap = Swap::None;
    CHECK(activities::runs(a, 3) == 1);
    a.swap = Swap::Once;
    CHECK(activities::runs(a, 3) == 2);
    a.swap = Swap::EachRole;
    CHECK(activities::runs(a, 3) == 3);
    // Over all runs of each-role everyone plays every role.
    for (int i = 0; i < 3; ++i) {
        std::vector<int> played;
        for (int r = 0; r < 3; ++r)
            if (auto role = activities::role_of(a, 3, r, i)) played.push_back(*role);
        std::sort(played.begin(), played.end());
        CHECK(played == std::vector<int>{0, 1});
    }
}

TEST_CASE("goals view: progress, check-ins due at the cadence, wins", "[goals]") {
    const std::string events = R"([
      {"id":")" + testing::uuid(1) + R"(","actor":"ann","type":"goal.set","at":"2027-01-01T08:00:00Z","payload":{"goal":"10000000-0000-4000-8000-000000000001","activity":"goal","text":"Run shorter meetings","measure":"30 minutes"},"visibility":"group"},
      {"id":")" + testing::uuid(2) + R"(","actor":"ann","type":"goal.checked-in","at":"2027-01-09T08:00:00Z","payload":{"goal":"10000000-0000-4000-8000-000000000001","progress":40,"note":"Two of five"},"visibility":"group"},
      {"id":")" + testing::uuid(3) + R"(","actor":"ann","type":"goal.set","at":"2027-01-31T08:00:00Z","payload":{"goal":"10000000-0000-4000-8000-000000000002","activity":"goal-monthly","text":"Lead a workshop","measure":"done"},"visibility":"group"},
      {"id":")" + testing::uuid(4) + R"(","actor":"bo","type":"goal.set","at":"2027-01-01T08:00:00Z","payload":{"goal":"10000000-0000-4000-8000-000000000003","activity":"goal","text":"Not mine","measure":"x"},"visibility":"group"},
      {"id":")" + testing::uuid(5) + R"(","actor":"ann","type":"win.celebrated","at":"2027-01-10T08:00:00Z","payload":{"text":"First 30-minute meeting!"},"visibility":"group"}
    ])";
    const Json v = value_of(api::goals_view(program_text(), events, "ann", "2027-02-20T00:00:00Z", "en"));
    REQUIRE(v["goals"].size() == 2);
    const Json& weekly = v["goals"][0];
    CHECK(weekly["text"] == "Run shorter meetings");
    CHECK(weekly["progress"] == 40);
    CHECK(weekly["cadence"] == "weekly");
    CHECK(weekly["nextCheckIn"] == "2027-01-16T08:00:00.000Z");
    CHECK(weekly["due"] == true);
    CHECK(weekly["checkIns"][0]["note"] == "Two of five");
    const Json& monthly = v["goals"][1];
    CHECK(monthly["progress"].is_null());
    CHECK(monthly["nextCheckIn"] == "2027-02-28T08:00:00.000Z");  // 31 January + a month
    CHECK(monthly["due"] == false);
    CHECK(v["wins"] == Json::array({{{"text", "First 30-minute meeting!"}, {"at", "2027-01-10T08:00:00.000Z"}}}));
    CHECK(problems_of(api::goals_view(program_text(), events, "ann", "soon", "en")) == Json({"/now invalid_time"}));
}

TEST_CASE("feedback.given: SBI notes on the wire are exactly three texts", "[feedback]") {
    auto event = [](const std::string& sbi) {
        return R"([{"id":")" + testing::uuid(9) + R"(","actor":"ann","type":"feedback.given","at":"2027-01-15T09:00:00Z","payload":{"to":"bo","activity":"observe","ratings":{},"worked":["a"],"improve":[],"sbi":)" +
               sbi + R"(},"visibility":"group"}])";
    };
    auto ok = json::parse_events(event(R"(["s","b","i"])"));
    REQUIRE(ok.ok());
    CHECK(ok.value()[0].sbi == std::vector<std::string>{"s", "b", "i"});
    CHECK(json::event_to_json(ok.value()[0]).find(R"("sbi":["s","b","i"])") != std::string::npos);
    auto two = json::parse_events(event(R"(["s","b"])"));
    REQUIRE_FALSE(two.ok());
    CHECK(two.errors()[0].path == "/0/payload/sbi");
    auto empty = json::parse_events(event(R"(["s","","i"])"));
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.errors()[0].path == "/0/payload/sbi/1");
    CHECK_FALSE(json::parse_events(event(R"({"situation":"s"})")).ok());
}

// The six built-in programs (programs/*.json) in both builds: valid, fully translated, and
// rendering every activity kind in all four languages.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "fixture_files.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"

using nlohmann::json;

namespace {
const char* const kBuiltins[] = {"leaders-learning-group", "peer-support", "observation-visit",
                                 "presentation-practice", "first-time-leader", "cross-training"};

std::string read_builtin(const std::string& id) { return kollega::testing::read_fixture("../../programs/" + id + ".json"); }
}  // namespace

TEST_CASE("Built-ins: all six validate with no error and no missing translation", "[programs][builtins]") {
    for (const char* id : kBuiltins) {
        INFO(id);
        const auto report = kollega::json::read_program_report(read_builtin(id));
        CHECK(report.errors.empty());
        CHECK(report.warnings.empty());
        CHECK(report.program.id == id);
        CHECK(report.program.languages == std::vector<std::string>{"en", "sv", "nb", "nl"});
    }
}

TEST_CASE("Built-ins: together they use every activity kind, each rendered in every language", "[programs][builtins]") {
    std::set<std::string> kinds;
    for (const char* id : kBuiltins) {
        for (const char* lang : {"en", "sv", "nb", "nl"}) {
            INFO(id << " " << lang);
            const json r = json::parse(kollega::api::path_view(read_builtin(id), "[]", "ann", lang, "2026-11-22T12:00:00Z"));
            REQUIRE(r["ok"] == true);
            CHECK(r["value"]["program"]["language"] == lang);
            CHECK(r["value"]["next"].is_string());  // a fresh learner can always start somewhere
            for (const auto& step : r["value"]["steps"]) {
                CHECK_FALSE(step["title"].get<std::string>().empty());
                if (step["activity"].is_object()) kinds.insert(step["activity"]["kind"].get<std::string>());
            }
        }
    }
    CHECK(kinds == std::set<std::string>{"goal", "reflection", "observation", "role-play", "session"});
}

TEST_CASE("Built-ins: the leaders' group gives 15 minutes each to three people, as the method asks", "[programs][builtins]") {
    const json r = json::parse(kollega::api::path_view(read_builtin("leaders-learning-group"), "[]", "ann", "en", "2026-11-22T12:00:00Z"));
    const auto& program = r["value"]["program"];
    CHECK(program["group"]["size"] == json::parse(R"({"min": 3, "max": 4})"));
    bool found = false;
    for (const auto& step : r["value"]["steps"]) {
        if (!step["activity"].is_object() || step["activity"]["kind"] != "session") continue;
        for (const auto& phase : step["activity"]["agenda"])
            for (const auto& turn : phase["turns"])
                if (turn["groupSize"] == 3 && turn["minutes"] == 15) found = true;
    }
    CHECK(found);
}

TEST_CASE("Programs: a program over 16 MiB is refused before parsing", "[program][robustness]") {
    std::string huge = R"({"schemaVersion":1,"id":"x","title":{"en":")" + std::string(17u << 20, 'a') + R"("},"path":{"steps":[]}})";
    const json r = json::parse(kollega::api::validate_program(huge));
    CHECK(r["value"]["valid"] == false);
    CHECK(r["value"]["problems"][0]["code"] == "too_large");
}

TEST_CASE("Programs: each text missing a promised language is one warning at its pointer", "[program][i18n]") {
    const auto report = kollega::json::read_program_report(R"({"schemaVersion":1,"id":"w","languages":["en","sv"],
        "title":{"en":"T","sv":"T"},"description":{"en":"only English"},
        "path":{"steps":[{"id":"a","title":{"sv":"bara svenska"}}]}})");
    REQUIRE(report.errors.empty());
    REQUIRE(report.warnings.size() == 2);
    CHECK(report.warnings[0].code == "missing_translation");
    CHECK(report.warnings[0].path == "/description");
    CHECK_THAT(report.warnings[0].message, Catch::Contains("sv"));
    CHECK(report.warnings[1].path == "/path/steps/0/title");
    CHECK_THAT(report.warnings[1].message, Catch::Contains("en"));
}

TEST_CASE("Built-ins: a role-play names its observation checklist by title, in the view's language", "[programs][builtins]") {
    const json r = json::parse(kollega::api::path_view(read_builtin("first-time-leader"), "[]", "ann", "nb", "2026-11-22T12:00:00Z"));
    int role_plays = 0;
    for (const auto& step : r["value"]["steps"]) {
        if (!step["activity"].is_object() || step["activity"]["kind"] != "role-play") continue;
        ++role_plays;
        const auto& rp = step["activity"];
        REQUIRE(rp["checklist"].is_string());
        const std::string title = rp["checklistTitle"];
        CHECK_FALSE(title.empty());
        bool matches = false;
        for (const auto& other : r["value"]["steps"])
            if (other["activity"].is_object() && other["activity"]["id"] == rp["checklist"]) matches = other["activity"]["title"] == title;
        CHECK(matches);
    }
    CHECK(role_plays == 1);
}

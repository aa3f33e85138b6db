#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "fixture_files.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"

using nlohmann::json;
using kollega::testing::read_fixture;

namespace {
json call(const std::string& envelope) { return json::parse(envelope); }
const std::string kEvent1 =
    R"({"id":"11111111-1111-4111-8111-111111111111","actor":"ann","type":"step.completed","at":"2026-11-22T09:00:00Z","payload":{"step":"ground-rules"},"visibility":"coach"})";
}  // namespace

TEST_CASE("API: version reports the core and the schema version", "[api]") {
    const json v = call(kollega::api::version());
    CHECK(v["ok"] == true);
    CHECK(v["value"]["schemaVersion"] == 1);
    CHECK(v["value"]["core"].is_string());
}

TEST_CASE("API: completeStep returns the event to store, in canonical form", "[api]") {
    const std::string program = read_fixture("programs/valid/three-steps.json");
    const json r = call(kollega::api::complete_step(program, "[" + kEvent1 + "]", "ann", "goal",
                                                    "22222222-2222-4222-8222-222222222222", "2026-11-22T11:00:00+01:00"));
    REQUIRE(r["ok"] == true);
    CHECK(r["value"] == json::parse(R"({"id":"22222222-2222-4222-8222-222222222222","actor":"ann","type":"step.completed",
        "at":"2026-11-22T10:00:00.000Z","payload":{"step":"goal"},"visibility":"coach"})"));
}

TEST_CASE("API: the event completeStep returns is accepted back by pathView", "[api]") {
    const std::string program = read_fixture("programs/valid/three-steps.json");
    const json e = call(kollega::api::complete_step(program, "", "ann", "ground-rules",
                                                    "33333333-3333-4333-8333-333333333333", "2026-11-22T08:00:00Z"));
    REQUIRE(e["ok"] == true);
    const json v = call(kollega::api::path_view(program, "[" + e["value"].dump() + "]", "ann", "en", "2026-11-22T08:00:00Z"));
    REQUIRE(v["ok"] == true);
    CHECK(v["value"]["steps"][0]["status"] == "done");
    CHECK(v["value"]["next"] == "goal");
    CHECK(v["value"]["rejected"].empty());
}

TEST_CASE("API: errors carry code, message and a JSON Pointer into the argument", "[api]") {
    const std::string program = read_fixture("programs/valid/three-steps.json");
    SECTION("locked step") {
        const json r = call(kollega::api::complete_step(program, "[]", "ann", "reflect",
                                                        "44444444-4444-4444-8444-444444444444", "2026-11-22T08:00:00Z"));
        CHECK(r["ok"] == false);
        CHECK(r["error"]["code"] == "step_locked");
        CHECK(r["error"]["path"] == "/stepId");
    }
    SECTION("invalid program names the program argument") {
        const json r = call(kollega::api::path_view(read_fixture("programs/invalid/cycle.json"), "[]", "ann", "en", "2026-11-22T08:00:00Z"));
        CHECK(r["error"]["code"] == "cycle");
        CHECK(r["error"]["path"] == "/program/path/steps/1/prerequisites/0");
        CHECK(r["error"]["problems"].size() == 1);
    }
    SECTION("a bad event names its index and field") {
        const std::string bad = R"([)" + kEvent1 + R"(,{"id":"nope","actor":"ann","type":"step.completed","at":"yesterday","payload":{"step":"x"},"visibility":"everyone"}])";
        const json r = call(kollega::api::path_view(program, bad, "ann", "en", "2026-11-22T08:00:00Z"));
        CHECK(r["ok"] == false);
        std::vector<std::string> paths;
        for (const auto& p : r["error"]["problems"]) paths.push_back(p["path"]);
        CHECK(paths == std::vector<std::string>{"/events/1/id", "/events/1/at", "/events/1/visibility"});
    }
    SECTION("a bad JSON Lines event names its line") {
        const json r = call(kollega::api::path_view(program, kEvent1 + "\n\n{\"id\": oops}\n", "ann", "en", "2026-11-22T08:00:00Z"));
        CHECK(r["error"]["code"] == "invalid_json");
        CHECK(r["error"]["path"] == "/events/3");
        CHECK_THAT(r["error"]["message"].get<std::string>(), Catch::StartsWith("line 3: "));
    }
    SECTION("a bad time") {
        const json r = call(kollega::api::complete_step(program, "[]", "ann", "ground-rules",
                                                        "44444444-4444-4444-8444-444444444444", "now"));
        CHECK(r["error"]["code"] == "invalid_time");
        CHECK(r["error"]["path"] == "/at");
    }
}

TEST_CASE("API: no input makes it throw or crash", "[api][robustness]") {
    const std::string nasty[] = {"", "\0", "null", "{", "[[[[", std::string(1 << 20, '['), "\xff\xfe\xfd",
                                 R"({"schemaVersion":1e999})", R"({"schemaVersion":-1})", "\"\\ud800\""};
    for (const auto& input : nasty) {
        for (const std::string& out : {kollega::api::path_view(input, input, input, input, input),
                                       kollega::api::validate_program(input),
                                       kollega::api::complete_step(input, "[]", "a", "b", "c", "d")}) {
            const json r = json::parse(out);  // always one well-formed envelope
            CHECK(r.contains("ok"));
        }
    }
}

TEST_CASE("API: a number too large for a double is invalid JSON, not an internal error", "[api][robustness]") {
    for (const char* text : {R"({"schemaVersion": 1e999})", R"([1e400])"}) {
        INFO(text);
        const json r = call(kollega::api::validate_program(text));
        REQUIRE(r["value"]["problems"].size() == 1);
        CHECK(r["value"]["problems"][0]["code"] == "invalid_json");
        CHECK_THAT(r["value"]["problems"][0]["message"].get<std::string>(), Catch::Contains("1e"));
    }
    const auto direct = kollega::json::parse_events(R"([{"x": -1e999}])");
    REQUIRE_FALSE(direct.ok());
    CHECK(direct.errors()[0].code == "invalid_json");
}

TEST_CASE("API: texts that are not valid UTF-8 in arguments are replaced, never thrown", "[api][robustness]") {
    const std::string program = read_fixture("programs/valid/three-steps.json");
    const json r = call(kollega::api::complete_step(program, "[]", "ann", "\xc3\x28", "x", "2026-11-22T08:00:00Z"));
    CHECK(r["ok"] == false);
}

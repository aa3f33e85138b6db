// The shared fixtures (tests/fixtures), run through the api facade. The node suite
// (tests/node/fixtures.test.mjs) runs the same files through the shipped wasm module, so the
// native and the wasm build are held to the same answers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fixture_files.hpp"
#include "json/api.hpp"

using nlohmann::json;
using kollega::testing::read_fixture;

TEST_CASE("Fixtures: every invalid program yields exactly the expected codes and pointers", "[fixtures][program]") {
    const json expected = json::parse(read_fixture("programs/invalid/expected.json"));
    REQUIRE(expected.size() >= 13);
    for (const auto& [file, problems] : expected.items()) {
        INFO(file);
        const json result = json::parse(kollega::api::validate_program(read_fixture("programs/invalid/" + file)));
        REQUIRE(result["ok"] == true);
        CHECK(result["value"]["valid"] == false);
        json got = json::array();
        for (const auto& p : result["value"]["problems"]) {
            got.push_back({{"code", p["code"]}, {"path", p["path"]}});
            CHECK_FALSE(p["message"].get<std::string>().empty());
        }
        CHECK(got.dump() == problems.dump());
    }
}

TEST_CASE("Fixtures: every valid program validates", "[fixtures][program]") {
    for (const char* file : {"three-steps.json", "minimal.json", "special-ids.json"}) {
        INFO(file);
        const json result = json::parse(kollega::api::validate_program(read_fixture(std::string("programs/valid/") + file)));
        CHECK(result["value"]["valid"] == true);
        CHECK(result["value"]["problems"].empty());
    }
}

TEST_CASE("Fixtures: path views equal the expected documents", "[fixtures][path]") {
    const json cases = json::parse(read_fixture("paths/three-steps/cases.json"));
    REQUIRE_FALSE(cases.empty());
    for (const auto& c : cases) {
        INFO(c["name"].get<std::string>());
        const std::string dir = "paths/three-steps/";
        const json result = json::parse(kollega::api::path_view(
            read_fixture(dir + c["program"].get<std::string>()), read_fixture(dir + c["events"].get<std::string>()),
            c["actor"].get<std::string>(), c["lang"].get<std::string>()));
        REQUIRE(result["ok"] == true);
        CHECK(result["value"] == json::parse(read_fixture(dir + c["expected"].get<std::string>())));
    }
}

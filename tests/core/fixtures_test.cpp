// The shared fixtures (tests/fixtures), run through the api facade. The node suite
// (tests/node/fixtures.test.mjs) runs the same files through the shipped wasm module, so the
// native and the wasm build are held to the same answers.
#include <algorithm>
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
        // Errors only (warnings are tested on their own), in any order.
        std::vector<std::string> got, want;
        for (const auto& p : result["value"]["problems"]) {
            CHECK_FALSE(p["message"].get<std::string>().empty());
            if (p["severity"] == "error") got.push_back(p["path"].get<std::string>() + " " + p["code"].get<std::string>());
        }
        for (const auto& p : problems) want.push_back(p["path"].get<std::string>() + " " + p["code"].get<std::string>());
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        CHECK(got == want);
    }
}

TEST_CASE("Fixtures: every valid program validates", "[fixtures][program]") {
    const json files = json::parse(read_fixture("programs/valid/index.json"));
    REQUIRE(files.size() >= 3);
    for (const auto& file : files) {
        INFO(file.get<std::string>());
        const json result = json::parse(kollega::api::validate_program(read_fixture("programs/valid/" + file.get<std::string>())));
        CHECK(result["value"]["valid"] == true);
        for (const auto& p : result["value"]["problems"]) CHECK(p["severity"] == "warning");
    }
}

TEST_CASE("Fixtures: path views equal the expected documents", "[fixtures][path]") {
    const json cases = json::parse(read_fixture("paths/cases/cases.json"));
    REQUIRE_FALSE(cases.empty());
    for (const auto& c : cases) {
        INFO(c["name"].get<std::string>());
        const std::string dir = "paths/cases/";
        const json result = json::parse(kollega::api::path_view(
            read_fixture(dir + c["program"].get<std::string>()), read_fixture(dir + c["events"].get<std::string>()),
            c["actor"].get<std::string>(), c["lang"].get<std::string>(), c["now"].get<std::string>()));
        REQUIRE(result["ok"] == true);
        CHECK(result["value"] == json::parse(read_fixture(dir + c["expected"].get<std::string>())));
    }
}

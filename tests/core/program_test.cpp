#include <catch2/catch.hpp>

#include "core/program.hpp"
#include "test_data.hpp"

using namespace kollega;

TEST_CASE("Program: a sound DAG has no problems", "[program]") {
    CHECK(check_program(testing::four_steps()).empty());
}

TEST_CASE("Program: duplicate step ids are reported at the second one", "[program]") {
    auto p = testing::four_steps();
    p.steps[3].id = "b";
    auto errors = check_program(p);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "duplicate_id");
    CHECK(errors[0].path == "/path/steps/3/id");
}

TEST_CASE("Program: a prerequisite that names no step is a dangling reference", "[program]") {
    auto p = testing::four_steps();
    p.steps[2].prerequisites.push_back("nowhere");
    auto errors = check_program(p);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "unknown_reference");
    CHECK(errors[0].path == "/path/steps/2/prerequisites/1");
}

TEST_CASE("Program: a prerequisite cycle is reported once, naming its steps", "[program]") {
    auto p = testing::four_steps();
    p.steps[0].prerequisites.push_back("c");  // a → c → b → a
    auto errors = check_program(p);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "cycle");
    CHECK_THAT(errors[0].message, Catch::Contains("\"a\"") && Catch::Contains("\"b\"") && Catch::Contains("\"c\""));
    CHECK_THAT(errors[0].message, !Catch::Contains("\"d\""));
}

TEST_CASE("Program: a step that requires itself is a cycle", "[program]") {
    auto p = testing::four_steps();
    p.steps[1].prerequisites = {"b"};
    auto errors = check_program(p);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "cycle");
    CHECK(errors[0].path == "/path/steps/1/prerequisites/0");
}

TEST_CASE("Program: texts fall back to the default language, then the first one", "[program]") {
    LocalizedText t;
    t.by_language = {{"nl", "Hallo"}, {"en", "Hello"}};
    CHECK(t.resolve("sv", "en") == "Hello");
    CHECK(t.resolve("nl", "en") == "Hallo");
    CHECK(t.resolve("sv", "nb") == "Hallo");
    CHECK(t.resolved_language("sv", "en") == "en");
    CHECK(LocalizedText{}.resolve("en", "en").empty());
}

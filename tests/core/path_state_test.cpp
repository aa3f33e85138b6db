#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "core/path_state.hpp"
#include "test_data.hpp"

using namespace kollega;
using testing::done;

namespace {
constexpr Timestamp kNow{1'800'000'000'000};  // 2027-01-15: after every event in these tests
std::vector<std::string> statuses(const PathState& s) {
    std::vector<std::string> out;
    for (const auto& step : s.steps) out.emplace_back(to_string(step.status));
    return out;
}
}  // namespace

TEST_CASE("Path: with no events only steps without prerequisites are available", "[path]") {
    const auto state = fold_path(testing::four_steps(), {}, "ann", kNow);
    CHECK(statuses(state) == std::vector<std::string>{"available", "locked", "locked", "locked"});
    CHECK(state.next == "a");
    CHECK(state.steps[1].blocked_by == std::vector<std::string>{"a"});
    CHECK(state.done == 0);
    CHECK(state.total == 4);
}

TEST_CASE("Path: completing a step unlocks the steps that wait for it", "[path]") {
    const std::vector<Event> log{done(1, "ann", "a", 1000)};
    const auto state = fold_path(testing::four_steps(), log, "ann", kNow);
    CHECK(statuses(state) == std::vector<std::string>{"done", "available", "locked", "available"});
    CHECK(state.next == "b");
    CHECK(state.steps[0].completed_at == Timestamp{1000});
    CHECK(state.percent() == 25);
}

TEST_CASE("Path: another learner's events do not count", "[path]") {
    const std::vector<Event> log{done(1, "bob", "a", 1000)};
    CHECK(fold_path(testing::four_steps(), log, "ann", kNow).done == 0);
    CHECK(fold_path(testing::four_steps(), log, "bob", kNow).done == 1);
}

TEST_CASE("Path: a replayed event (same id) counts once and is not a rejection", "[path][merge]") {
    const std::vector<Event> log{done(1, "ann", "a", 1000), done(1, "ann", "a", 1000), done(1, "ann", "a", 1000)};
    const auto state = fold_path(testing::four_steps(), log, "ann", kNow);
    CHECK(state.done == 1);
    CHECK(state.rejected.empty());
}

TEST_CASE("Path: shuffled, duplicated and split-and-merged logs give the same state", "[path][merge]") {
    std::vector<Event> log{done(1, "ann", "a", 1000), done(2, "ann", "b", 2000), done(3, "ann", "d", 2500),
                           done(4, "ann", "c", 3000), done(5, "bob", "a", 1500), done(6, "ann", "zzz", 3500)};
    const auto reference = fold_path(testing::four_steps(), log, "ann", kNow);
    REQUIRE(reference.done == 4);
    REQUIRE(reference.rejected.size() == 1);
    std::mt19937 rng(20261122);
    for (int round = 0; round < 200; ++round) {
        std::vector<Event> a(log.begin(), log.begin() + 3), b(log.begin() + 2, log.end());  // overlapping halves
        std::vector<Event> merged = a;
        merged.insert(merged.end(), b.begin(), b.end());
        merged.insert(merged.end(), log.begin(), log.begin() + static_cast<long>(rng() % log.size()));
        std::shuffle(merged.begin(), merged.end(), rng);
        const auto state = fold_path(testing::four_steps(), merged, "ann", kNow);
        CHECK(statuses(state) == statuses(reference));
        CHECK(state.done == reference.done);
        CHECK(state.rejected.size() == reference.rejected.size());
    }
}

TEST_CASE("Path: events that do not fit are rejected with their id and reason", "[path]") {
    std::vector<Event> log{done(1, "ann", "b", 1000),    // b before a: locked
                           done(2, "ann", "a", 2000),    // fine
                           done(3, "ann", "a", 3000),    // again, other id: already done
                           done(4, "ann", "nope", 4000)};  // no such step
    Event other = done(5, "ann", "a", 5000);
    other.type = "made.up";  // not one of ours
    other.kind = EventType::Unknown;
    log.push_back(other);
    Event goal = done(7, "ann", "a", 5000);  // one of ours, but not the path's business: ignored
    goal.type = "goal.set";
    goal.kind = EventType::GoalSet;
    log.push_back(goal);
    Event conflict = done(2, "ann", "d", 2000);  // same id as #2, other content
    log.push_back(conflict);
    const auto state = fold_path(testing::four_steps(), log, "ann", kNow);
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& r : state.rejected) got.emplace_back(r.event_id, r.reason);
    std::sort(got.begin(), got.end());
    CHECK(got == std::vector<std::pair<std::string, std::string>>{{testing::uuid(1), "step_locked"},
                                                                  {testing::uuid(2), "id_conflict"},
                                                                  {testing::uuid(3), "already_done"},
                                                                  {testing::uuid(4), "unknown_step"},
                                                                  {testing::uuid(5), "unknown_type"}});
    CHECK(state.done == 1);
}

TEST_CASE("Path: complete_step builds the event only when the step is available", "[path]") {
    const auto p = testing::four_steps();
    const std::vector<Event> log{done(1, "ann", "a", 1000)};
    auto ok = complete_step(p, log, "ann", "b", "ABCDEF00-0000-4000-8000-000000000009", {2000});
    REQUIRE(ok.ok());
    CHECK(ok.value().id == "abcdef00-0000-4000-8000-000000000009");
    CHECK(ok.value().step == "b");
    CHECK(ok.value().visibility == Visibility::Coach);

    auto locked = complete_step(p, log, "ann", "c", testing::uuid(10), {2000});
    REQUIRE_FALSE(locked.ok());
    CHECK(locked.errors()[0].code == "step_locked");
    CHECK_THAT(locked.errors()[0].message, Catch::Contains("\"b\""));

    CHECK(complete_step(p, log, "ann", "a", testing::uuid(11), {2000}).errors()[0].code == "already_done");
    CHECK(complete_step(p, log, "ann", "x", testing::uuid(12), {2000}).errors()[0].code == "unknown_step");
    CHECK(complete_step(p, log, "ann", "b", "not-a-uuid", {2000}).errors()[0].path == "/eventId");
}

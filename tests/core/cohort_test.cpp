// The cohort fold (docs/events.md): every event type, every rejection, grading, groups, and the
// set semantics of the log (shuffled, duplicated, split-and-merged logs give the same state).
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "core/cohort.hpp"
#include "fixture_files.hpp"
#include "json/codec.hpp"

using namespace kollega;

namespace {

Program every_kind() { return json::parse_program(testing::read_fixture("programs/valid/every-kind.json")).value(); }

Roster roster() {
    auto learner = [](std::string id, std::string dept) {
        Learner l;
        l.id = std::move(id);
        l.name = "Name of " + l.id;
        l.department = std::move(dept);
        return l;
    };
    return Roster({learner("ann", "Sales"), learner("bo", "IT"), learner("cy", "HR"), learner("di", "IT")});
}

int counter = 0;
/// One event as a JSON line; ids are made from a counter so they stay unique and ordered.
std::string ev(const std::string& actor, const std::string& type, const std::string& at, const std::string& payload,
               const std::string& visibility = "coach") {
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", ++counter);
    return R"({"id":")" + std::string(id) + R"(","actor":")" + actor + R"(","type":")" + type + R"(","at":")" + at +
           R"(","payload":)" + payload + R"(,"visibility":")" + visibility + "\"}\n";
}

std::vector<Event> events(const std::string& jsonl) {
    auto parsed = json::parse_events(jsonl);
    if (!parsed.ok()) FAIL(parsed.errors().front().path + ": " + parsed.errors().front().message);
    return parsed.value();
}

constexpr Timestamp kNow{1'900'000'000'000};  // 2030

const std::string kGoalId = "11111111-2222-4333-8444-555555555555";

/// Ann goes the whole way; Bo starts; Cy and Di only give and get feedback.
std::string story() {
    std::string log;
    log += ev("ann", "ground-rules.agreed", "2026-11-20T09:00:00Z", "{}");
    log += ev("ann", "step.completed", "2026-11-20T09:01:00Z", R"({"step":"agree"})");
    log += ev("ann", "goal.set", "2026-11-20T09:05:00Z", R"({"goal":")" + kGoalId + R"(","activity":"goal","text":"Shorter meetings","measure":"30 minutes"})", "group");
    log += ev("ann", "step.completed", "2026-11-20T09:06:00Z", R"({"step":"set-goal"})");
    log += ev("ann", "session.attended", "2026-12-02T12:00:00Z", R"({"activity":"meet","speakingSeconds":{"ann":900,"bo":700}})");
    log += ev("ann", "step.completed", "2026-12-02T13:00:00Z", R"({"step":"first-session"})");
    log += ev("ann", "role-play.completed", "2026-12-03T10:00:00Z", R"({"activity":"rehearse","role":"leader"})");
    log += ev("ann", "step.completed", "2026-12-03T10:01:00Z", R"({"step":"rehearse"})");
    log += ev("ann", "session.attended", "2027-01-10T12:00:00Z", R"({"activity":"meet","speakingSeconds":{"ann":600}})");
    log += ev("ann", "goal.checked-in", "2027-01-11T12:00:00Z", R"({"goal":")" + kGoalId + R"(","progress":60,"note":"Better"})", "group");
    log += ev("ann", "step.completed", "2027-01-16T12:00:00Z", R"({"step":"observe"})");
    log += ev("ann", "reflection.written", "2027-01-17T12:00:00Z", R"({"activity":"reflect","text":"I listened more"})", "private");
    log += ev("ann", "step.completed", "2027-01-17T12:01:00Z", R"({"step":"reflect"})");
    log += ev("ann", "win.celebrated", "2027-01-18T12:00:00Z", R"({"text":"Team noticed"})", "group");
    log += ev("bo", "step.completed", "2026-11-21T09:00:00Z", R"({"step":"agree"})");
    log += ev("bo", "resource.shared", "2026-11-21T09:30:00Z", R"({"title":"An article","url":"https://example.org/a"})", "group");
    log += ev("cy", "feedback.given", "2026-12-05T09:00:00Z",
              R"({"to":"di","activity":"observe","ratings":{"clarity":3,"listening":2},"worked":["a","b"],"improve":["c"]})", "group");
    log += ev("di", "feedback.given", "2026-12-05T09:10:00Z",
              R"({"to":"cy","activity":"observe","ratings":{"clarity":4},"worked":["a","b","c"],"improve":[]})", "group");
    log += ev("di", "session.scheduled", "2026-12-01T09:00:00Z", R"({"activity":"meet","start":"2026-12-08T12:00:00Z","members":["cy","di"]})", "group");
    return log;
}

const LearnerProgress& of(const CohortState& s, const std::string& id) {
    return *std::find_if(s.learners.begin(), s.learners.end(), [&](const LearnerProgress& p) { return p.learner == id; });
}

}  // namespace

TEST_CASE("Cohort: a whole story folds into each learner's progress and grade", "[cohort]") {
    const auto program = every_kind();
    const auto log = events(story());
    const std::vector<Group> groups{{"g1", {"ann", "bo"}}, {"g2", {"cy", "di"}}};
    const CohortState s = fold_cohort(program, roster(), log, groups, kNow);
    CHECK(s.rejected.empty());

    const auto& ann = of(s, "ann");
    CHECK(ann.steps_done == 6);
    CHECK(ann.done_steps == std::vector<std::string>{"agree", "set-goal", "first-session", "rehearse", "observe", "reflect"});
    CHECK(ann.ground_rules_agreed);
    CHECK(ann.goals_set == 1);
    CHECK(ann.check_ins == 1);
    CHECK(ann.latest_goal_progress == 60);
    CHECK(ann.sessions_attended == 2);
    CHECK(ann.speaking_seconds == 1500);  // only her own seconds, from both sessions
    CHECK(ann.role_plays == 1);
    CHECK(ann.reflections == 1);
    CHECK(ann.wins == 1);
    CHECK(ann.by_kind[static_cast<std::size_t>(ActivityKind::Observation)].done == 1);
    CHECK(ann.grade.completed);
    CHECK(ann.grade.passed);
    CHECK(ann.grade.score_given == Approx(100));
    CHECK(ann.grade.activity_progress == "Completed");
    CHECK(ann.grade.grading_progress == "FullyGraded");

    const auto& bo = of(s, "bo");
    CHECK(bo.steps_done == 1);
    CHECK(bo.resources_shared == 1);
    CHECK(bo.grade.score_given == 0);  // "agree" is not a graded item
    CHECK(bo.grade.activity_progress == "InProgress");

    CHECK(of(s, "cy").feedback_given == 1);
    CHECK(of(s, "cy").feedback_received == 1);
    CHECK(of(s, "cy").grade.activity_progress == "Started");
    CHECK(s.summary.learners == 4);
    CHECK(s.summary.started == 4);
    CHECK(s.summary.completed == 1);
    CHECK(s.summary.passed == 1);
    CHECK(s.summary.mean_percent == Approx((100.0 + 100.0 / 6) / 4).margin(0.05));
    REQUIRE(s.groups.size() == 2);
    CHECK(s.groups[1].feedback_exchanged == 2);
    CHECK(s.groups[0].feedback_exchanged == 0);
    CHECK(s.groups[0].sessions_attended == 2);
}

TEST_CASE("Cohort: grading weighs items and passes at the threshold exactly", "[cohort][grading]") {
    const auto program = every_kind();  // set-goal 1, observe 2.5, reflect 1; pass at 0.75
    auto done = [&](std::initializer_list<const char*> ids) {
        std::vector<bool> d(program.steps.size(), false);
        for (const char* id : ids) d[static_cast<std::size_t>(program.step_index(id))] = true;
        return d;
    };
    CHECK(grade(program, done({}), false).activity_progress == "Initialized");
    CHECK(grade(program, done({}), true).activity_progress == "Started");
    const Grade two = grade(program, done({"set-goal", "reflect"}), true);
    CHECK(two.score_given == Approx(44.44));  // 2 of 4.5
    CHECK_FALSE(two.passed);
    const Grade observed = grade(program, done({"observe", "set-goal"}), true);
    CHECK(observed.score_given == Approx(77.78));  // 3.5 of 4.5 ≥ 0.75
    CHECK(observed.passed);
    CHECK_FALSE(observed.completed);

    Program tenths = program;
    tenths.grading.items.clear();  // every step, weight 1: 6 steps
    tenths.grading.pass_threshold = 0.5;
    CHECK(grade(tenths, done({"agree", "set-goal", "first-session"}), true).passed);  // exactly 3 of 6
}

TEST_CASE("Cohort: events that do not fit are rejected with their id and reason", "[cohort]") {
    const auto program = every_kind();
    std::string log = story();
    struct Case {
        std::string line;
        std::string reason;
    };
    const std::vector<Case> cases{
        {ev("zed", "step.completed", "2026-11-22T09:00:00Z", R"({"step":"agree"})"), "unknown_learner"},
        {ev("bo", "step.completed", "2026-11-22T09:00:00Z", R"({"step":"nope"})"), "unknown_step"},
        {ev("bo", "step.completed", "2026-11-22T09:00:00Z", R"({"step":"agree"})"), "already_done"},
        {ev("bo", "step.completed", "2026-11-22T09:00:00Z", R"({"step":"reflect"})"), "step_locked"},
        {ev("cy", "feedback.given", "2026-11-22T09:00:00Z", R"({"to":"cy","activity":"observe","ratings":{},"worked":["a","b"],"improve":[]})", "group"), "feedback_to_self"},
        {ev("cy", "feedback.given", "2026-11-22T09:00:00Z", R"({"to":"zed","activity":"observe","ratings":{},"worked":["a","b"],"improve":[]})", "group"), "unknown_learner"},
        {ev("cy", "feedback.given", "2026-11-22T09:00:00Z", R"({"to":"di","activity":"goal","ratings":{},"worked":["a","b"],"improve":[]})", "group"), "unknown_activity"},
        {ev("cy", "feedback.given", "2026-11-22T09:00:00Z", R"({"to":"di","activity":"observe","ratings":{"volume":2},"worked":["a","b"],"improve":[]})", "group"), "unknown_rubric_item"},
        {ev("cy", "feedback.given", "2026-11-22T09:00:00Z", R"({"to":"di","activity":"observe","ratings":{"listening":3},"worked":["a","b"],"improve":[]})", "group"), "rating_out_of_scale"},
        {ev("cy", "feedback.given", "2026-11-22T09:00:00Z", R"({"to":"di","activity":"observe","ratings":{},"worked":["a"],"improve":[]})", "group"), "unbalanced_feedback"},
        {ev("cy", "feedback.given", "2026-11-22T09:00:00Z", R"({"to":"di","activity":"observe","ratings":{},"worked":["a","b"],"improve":["x","y"]})", "group"), "unbalanced_feedback"},
        {ev("cy", "role-play.completed", "2026-11-22T09:00:00Z", R"({"activity":"rehearse","role":"king"})"), "unknown_role"},
        {ev("cy", "goal.checked-in", "2026-11-22T09:00:00Z", R"({"goal":")" + kGoalId + R"(","progress":10})", "group"), "unknown_goal"},
        {ev("cy", "reflection.written", "2026-11-22T09:00:00Z", R"({"activity":"reflect","text":"mine"})", "group"), "visibility_too_open"},
        {ev("cy", "session.attended", "2026-11-22T09:00:00Z", R"({"activity":"reflect"})"), "unknown_activity"},
        {ev("cy", "session.scheduled", "2026-11-22T09:00:00Z", R"({"activity":"meet","start":"2026-12-01T10:00:00Z","members":["zed"]})", "group"), "unknown_learner"},
        {ev("cy", "something.else", "2026-11-22T09:00:00Z", R"({"x":1})"), "unknown_type"},
    };
    for (const auto& c : cases) {
        INFO(c.line);
        const auto log_with = events(log + c.line);
        const CohortState s = fold_cohort(program, roster(), log_with, {}, kNow);
        REQUIRE(s.rejected.size() == 1);
        CHECK(s.rejected[0].reason == c.reason);
        CHECK(s.rejected[0].event_id == log_with.back().id);
        // And nothing else changed.
        const CohortState base = fold_cohort(program, roster(), events(log), {}, kNow);
        for (std::size_t i = 0; i < s.learners.size(); ++i) {
            CHECK(s.learners[i].steps_done == base.learners[i].steps_done);
            CHECK(s.learners[i].feedback_received == base.learners[i].feedback_received);
        }
    }
}

TEST_CASE("Cohort: shuffled, duplicated and split-and-merged logs give identical state", "[cohort][merge]") {
    const auto program = every_kind();
    const auto log = events(story() + ev("bo", "step.completed", "2026-11-22T09:00:00Z", R"({"step":"nope"})"));
    const std::vector<Group> groups{{"g1", {"ann", "bo"}}, {"g2", {"cy", "di"}}};
    const CohortState reference = fold_cohort(program, roster(), log, groups, kNow);
    auto signature = [](const CohortState& s) {
        std::string out;
        for (const auto& p : s.learners)
            out += p.learner + ":" + std::to_string(p.steps_done) + "/" + std::to_string(p.sessions_attended) + "/" +
                   std::to_string(p.feedback_given) + "/" + std::to_string(p.speaking_seconds) + "/" +
                   std::to_string(p.grade.score_given) + ";";
        for (const auto& g : s.groups) out += g.id + ":" + std::to_string(g.feedback_exchanged) + ";";
        std::vector<std::string> rejected;
        for (const auto& r : s.rejected) rejected.push_back(r.event_id + r.reason);
        std::sort(rejected.begin(), rejected.end());
        for (const auto& r : rejected) out += r;
        return out;
    };
    std::mt19937 rng(4242);
    for (int round = 0; round < 100; ++round) {
        const std::size_t cut = rng() % log.size();
        std::vector<Event> tab_a(log.begin(), log.begin() + static_cast<long>(cut));
        std::vector<Event> tab_b(log.begin() + static_cast<long>(cut / 2), log.end());  // overlapping
        std::vector<Event> merged = tab_a;
        merged.insert(merged.end(), tab_b.begin(), tab_b.end());
        merged.insert(merged.end(), log.begin(), log.begin() + static_cast<long>(rng() % log.size()));  // retries
        std::shuffle(merged.begin(), merged.end(), rng);
        CHECK(signature(fold_cohort(program, roster(), merged, groups, kNow)) == signature(reference));
    }
}

TEST_CASE("Cohort: groups must name roster learners, each in one group", "[cohort][groups]") {
    const Roster r = roster();
    CHECK(json::parse_groups("", r).value().empty());
    const auto ok = json::parse_groups(R"({"groups":[{"id":"g1","members":["ann","bo"]}]})", r);
    REQUIRE(ok.ok());
    CHECK(ok.value()[0].members.size() == 2);
    const auto bad = json::parse_groups(R"({"groups":[{"id":"g1","members":["ann","zed"]},{"id":"g1","members":["ann"]}]})", r);
    REQUIRE_FALSE(bad.ok());
    std::vector<std::string> got;
    for (const auto& e : bad.errors()) got.push_back(e.path + " " + e.code);
    CHECK(got == std::vector<std::string>{"/groups/0/members/1 unknown_reference", "/groups/1/id duplicate_id",
                                          "/groups/1/members/0 invalid_value"});
}

TEST_CASE("Cohort: who met whom counts each shared session once, from one screen or from each member's device", "[cohort][met]") {
    const Program program = every_kind();
    std::string log;
    // One screen: the session runner records everyone at the same moment, each with their own time.
    log += ev("ann", "session.attended", "2026-12-02T12:00:00Z", R"({"activity":"meet","speakingSeconds":{"ann":900}})");
    log += ev("bo", "session.attended", "2026-12-02T12:00:00Z", R"({"activity":"meet","speakingSeconds":{"bo":800}})");
    log += ev("cy", "session.attended", "2026-12-02T12:00:00Z", R"({"activity":"meet"})");
    // Each on their own device, a minute apart, each naming the other in the speaking times.
    log += ev("ann", "session.attended", "2026-12-16T12:00:00Z", R"({"activity":"meet","speakingSeconds":{"ann":600,"di":700}})");
    const std::string di_line = ev("di", "session.attended", "2026-12-16T12:01:00Z", R"({"activity":"meet","speakingSeconds":{"ann":600,"di":700}})");
    log += di_line + di_line;  // the same event twice (a retry): still one meeting
    // Ann and Bo meet again.
    log += ev("ann", "session.attended", "2027-01-13T12:00:00Z", R"({"activity":"meet"})");
    log += ev("bo", "session.attended", "2027-01-13T12:00:00Z", R"({"activity":"meet"})");
    // Not a session activity: rejected by the fold, so no meeting.
    log += ev("cy", "session.attended", "2027-01-20T12:00:00Z", R"({"activity":"goal"})");
    log += ev("di", "session.attended", "2027-01-20T12:00:00Z", R"({"activity":"goal"})");

    const std::vector<Event> all = events(log);
    const CohortState s = fold_cohort(program, roster(), all, {}, kNow);
    CHECK(s.rejected.size() == 2);
    const std::vector<Meeting> met = who_met_whom(program, roster(), all, s);
    REQUIRE(met.size() == 4);
    auto sessions = [&](const std::string& a, const std::string& b) {
        for (const auto& m : met)
            if (m.a == a && m.b == b) return m.sessions;
        return 0;
    };
    CHECK(sessions("ann", "bo") == 2);
    CHECK(sessions("ann", "cy") == 1);
    CHECK(sessions("ann", "di") == 1);
    CHECK(sessions("bo", "cy") == 1);
    CHECK(sessions("cy", "di") == 0);
    // Roster order, the earlier learner first.
    CHECK(met.front().a == "ann");
    CHECK(met.front().b == "bo");
    CHECK(met.back().a == "bo");
}

// The core workload timed natively and in wasm (the same source, built twice): the learner's
// path folded from a large event log, JSON in and JSON out, through the api facade exactly as
// the plugin calls it. Prints one JSON object; `make bench` collects it (docs/benchmarks.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/cohort.hpp"
#include "core/exports.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"

namespace {

std::string make_program(int steps) {
    std::string p = R"({"schemaVersion":1,"id":"bench","title":{"en":"Bench"},"path":{"steps":[)";
    for (int i = 0; i < steps; ++i) {
        if (i) p += ',';
        p += R"({"id":"s)" + std::to_string(i) + R"(","title":{"en":"Step )" + std::to_string(i) +
             R"(","sv":"Steg )" + std::to_string(i) + R"("},"prerequisites":[)";
        if (i) p += "\"s" + std::to_string(i - 1) + "\"";
        if (i > 1) p += ",\"s" + std::to_string(i / 2) + "\"";
        p += "]}";
    }
    return p + "]}}";
}

/// `events` step.completed events spread over `learners` learners, every step once each.
std::string make_events(int events, int learners, int steps) {
    std::string log = "[";
    char id[40];
    for (int i = 0; i < events; ++i) {
        const int learner = i % learners;
        const int step = (i / learners) % steps;
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
        if (i) log += ',';
        log += R"({"id":")" + std::string(id) + R"(","actor":"learner-)" + std::to_string(learner) +
               R"(","type":"step.completed","at":"2026-11-)" + (step < 9 ? "0" : "") + std::to_string(1 + step % 28) +
               R"(T10:00:00Z","payload":{"step":"s)" + std::to_string(step) + R"("},"visibility":"coach"})";
    }
    return log + "]";
}

template <class F>
double median_ms(int runs, F&& f) {
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/// A roster of `n` learners in 8 departments.
kollega::Roster make_roster(int n) {
    std::vector<kollega::Learner> learners;
    learners.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        kollega::Learner l;
        l.id = "learner-" + std::to_string(i);
        l.name = "Learner " + std::to_string(i) + ", Jr.";
        l.email = l.id + "@example.org";
        l.department = "Department " + std::to_string(i % 8);
        learners.push_back(std::move(l));
    }
    return kollega::Roster(std::move(learners));
}

/// `count` events over the roster's learners: each completes the steps in order, with a
/// session attended before each step, as a real cohort would.
std::vector<kollega::Event> make_cohort_events(int count, int learners, int steps) {
    std::vector<kollega::Event> events;
    events.reserve(static_cast<std::size_t>(count));
    char id[40];
    for (int i = 0; i < count; ++i) {
        kollega::Event e;
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
        e.id = id;
        const int round = i / learners;
        e.actor = "learner-" + std::to_string(i % learners);
        e.at = {1'800'000'000'000LL + static_cast<long long>(i) * 1000};
        if (round % 2 == 0) {
            e.type = "session.attended";
            e.kind = kollega::EventType::SessionAttended;
            e.activity = "meet";
            e.speaking_seconds = {{e.actor, 600}};
        } else {
            e.type = "step.completed";
            e.kind = kollega::EventType::StepCompleted;
            e.step = "s" + std::to_string((round / 2) % steps);
        }
        events.push_back(std::move(e));
    }
    return events;
}

}  // namespace

int main() {
    std::size_t sink = 0;

    // 1. pathView, JSON in and out, as the learner's plugin calls it.
    const std::string program = make_program(20);
    const std::string events = make_events(10000, 500, 20);
    kollega::api::path_view(program, events, "learner-7", "sv", "2026-12-31T00:00:00Z");  // warm up
    const double path_ms = median_ms(15, [&] { sink += kollega::api::path_view(program, events, "learner-7", "sv", "2026-12-31T00:00:00Z").size(); });
    const double validate_ms = median_ms(15, [&] { sink += kollega::api::validate_program(program).size(); });

    // 2. The cohort fold: 100,000 events over 10,000 learners, a program with a session activity.
    std::string cohort_program_text = make_program(15);  // 15 base columns + 15 step columns = 30
    cohort_program_text.insert(cohort_program_text.size() - 1,
        R"(,"activities":[{"id":"meet","kind":"session","title":{"en":"Meet"},"minutes":60,)"
        R"("agenda":[{"id":"c","phase":"coaching","title":{"en":"C"},"minutes":45,"perPerson":true}]}])");
    const auto cohort_program = kollega::json::parse_program(cohort_program_text);
    if (!cohort_program.ok()) {
        std::fprintf(stderr, "bench program invalid: %s\n", cohort_program.errors().front().message.c_str());
        return 1;
    }
    const kollega::Roster roster = make_roster(10000);
    const auto cohort_events = make_cohort_events(100000, 10000, 15);
    const kollega::Timestamp now{1'900'000'000'000LL};
    // Each run's result is kept until all runs are done, so freeing the previous result is
    // not counted as part of the next fold.
    std::vector<kollega::CohortState> results;
    results.reserve(9);
    const double fold_ms = median_ms(9, [&] {
        results.push_back(kollega::fold_cohort(cohort_program.value(), roster, cohort_events, {}, now));
        sink += results.back().rejected.size();
    });
    const kollega::CohortState& state = results.back();

    // 3. The generic CSV export of those 10,000 learners.
    std::size_t csv_bytes = 0, csv_columns = 0;
    const double export_ms = median_ms(9, [&] {
        const std::string csv = kollega::export_generic_csv(cohort_program.value(), roster, state, false);
        csv_bytes = csv.size();
        csv_columns = static_cast<std::size_t>(std::count(csv.begin(), csv.begin() + static_cast<long>(csv.find('\n')), ',')) + 1;
        sink += csv.size();
    });

    std::printf("{\"workload\":\"pathView: 20-step program, 10000 events (%zu bytes of JSON), 1 learner\","
                "\"pathViewMedianMs\":%.3f,\"validateMedianMs\":%.3f,"
                "\"foldWorkload\":\"fold_cohort: 100000 events, 10000 learners, 15 steps\",\"foldMedianMs\":%.3f,"
                "\"foldApplied\":%zu,"
                "\"exportWorkload\":\"generic CSV: 10000 learners x %zu columns (%zu bytes)\",\"exportMedianMs\":%.3f,"
                "\"check\":%zu}\n",
                events.size(), path_ms, validate_ms, fold_ms, static_cast<std::size_t>(100000) - state.rejected.size(),
                csv_columns, csv_bytes, export_ms, static_cast<std::size_t>(sink > 0 ? 1 : 0));
    return 0;
}

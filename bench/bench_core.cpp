// The core workload timed natively and in wasm (the same source, built twice): the learner's
// path folded from a large event log, JSON in and JSON out, through the api facade exactly as
// the plugin calls it. Prints one JSON object; `make bench` collects it (docs/benchmarks.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "json/api.hpp"

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

}  // namespace

int main() {
    const std::string program = make_program(20);
    const std::string events = make_events(10000, 500, 20);
    std::size_t sink = 0;
    kollega::api::path_view(program, events, "learner-7", "sv", "2026-12-31T00:00:00Z");  // warm up
    const double path_ms = median_ms(15, [&] { sink += kollega::api::path_view(program, events, "learner-7", "sv", "2026-12-31T00:00:00Z").size(); });
    const double validate_ms = median_ms(15, [&] { sink += kollega::api::validate_program(program).size(); });
    std::printf("{\"workload\":\"pathView: 20-step program, 10000 events (%zu bytes of JSON), 1 learner\","
                "\"pathViewMedianMs\":%.3f,\"validateMedianMs\":%.3f,\"check\":%zu}\n",
                events.size(), path_ms, validate_ms, static_cast<std::size_t>(sink > 0 ? 1 : 0));
    return 0;
}

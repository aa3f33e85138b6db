#pragma once
// Small programs and events built in code, shared by the core tests.
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/program.hpp"

namespace kollega::testing {

/// a → b → c, plus d after a (a DAG of four steps).
inline Program four_steps() {
    Program p;
    p.id = "test";
    p.title.by_language = {{"en", "Test"}, {"sv", "Test på svenska"}};
    auto step = [](std::string id, std::vector<std::string> pre) {
        Step s;
        s.id = std::move(id);
        s.title.by_language = {{"en", "Step " + s.id}};
        s.prerequisites = std::move(pre);
        return s;
    };
    p.steps = {step("a", {}), step("b", {"a"}), step("c", {"b"}), step("d", {"a"})};
    return p;
}

/// A deterministic UUID from a number.
inline std::string uuid(int n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
    return buf;
}

/// A step.completed event.
inline Event done(int n, std::string actor, std::string step, std::int64_t at_ms) {
    Event e;
    e.id = uuid(n);
    e.actor = std::move(actor);
    e.type = "step.completed";
    e.kind = EventType::StepCompleted;
    e.at = {at_ms};
    e.step = std::move(step);
    return e;
}

}  // namespace kollega::testing

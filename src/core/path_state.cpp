#include "core/path_state.hpp"

#include <algorithm>
#include <unordered_map>

namespace kollega {

std::string_view to_string(StepStatus s) {
    switch (s) {
        case StepStatus::Done: return "done";
        case StepStatus::Available: return "available";
        case StepStatus::Locked: return "locked";
    }
    return "locked";
}

namespace {

/// Prerequisites of step `i` that are not done yet.
std::vector<std::string> missing_prerequisites(const Program& program, std::size_t i,
                                               const std::vector<bool>& done) {
    std::vector<std::string> missing;
    for (const auto& p : program.steps[i].prerequisites) {
        const int k = program.step_index(p);
        if (k < 0 || !done[static_cast<std::size_t>(k)]) missing.push_back(p);
    }
    return missing;
}

}  // namespace

PathState fold_path(const Program& program, std::span<const Event> events, std::string_view actor) {
    PathState state;
    // This learner's events as a set by id, in (time, id) order.
    std::vector<const Event*> mine;
    for (const auto& e : events)
        if (e.actor == actor) mine.push_back(&e);
    std::stable_sort(mine.begin(), mine.end(), [](const Event* a, const Event* b) {
        if (a->at != b->at) return a->at < b->at;
        return a->id < b->id;
    });
    std::unordered_map<std::string_view, const Event*> seen;
    seen.reserve(mine.size());

    const std::size_t n = program.steps.size();
    std::vector<bool> done(n, false);
    std::vector<std::optional<Timestamp>> done_at(n);
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) index.emplace(program.steps[i].id, i);

    for (const Event* e : mine) {
        auto [it, inserted] = seen.emplace(e->id, e);
        if (!inserted) {
            if (!(*it->second == *e)) state.rejected.push_back({e->id, "id_conflict"});
            continue;  // the same event again: a replay, a retry or a second tab
        }
        if (e->type != kStepCompleted) {
            state.rejected.push_back({e->id, "unknown_type"});
            continue;
        }
        auto step = index.find(e->step);
        if (step == index.end()) {
            state.rejected.push_back({e->id, "unknown_step"});
            continue;
        }
        const std::size_t i = step->second;
        if (done[i]) {
            state.rejected.push_back({e->id, "already_done"});
            continue;
        }
        if (!missing_prerequisites(program, i, done).empty()) {
            state.rejected.push_back({e->id, "step_locked"});
            continue;
        }
        done[i] = true;
        done_at[i] = e->at;
    }

    state.total = static_cast<int>(n);
    state.steps.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        StepState s;
        s.id = program.steps[i].id;
        if (done[i]) {
            s.status = StepStatus::Done;
            s.completed_at = done_at[i];
            ++state.done;
        } else {
            s.blocked_by = missing_prerequisites(program, i, done);
            s.status = s.blocked_by.empty() ? StepStatus::Available : StepStatus::Locked;
            if (s.status == StepStatus::Available && !state.next) state.next = s.id;
        }
        state.steps.push_back(std::move(s));
    }
    return state;
}

Result<Event> complete_step(const Program& program, std::span<const Event> events,
                            std::string_view actor, std::string_view step_id,
                            std::string_view event_id, Timestamp at) {
    if (!is_uuid(event_id))
        return Error::invalid_value("/eventId", "expected a UUID, found \"" + std::string(event_id) + "\"");
    if (actor.empty()) return Error::invalid_value("/actor", "expected a learner id, found an empty text");
    const int i = program.step_index(step_id);
    if (i < 0)
        return Error{"unknown_step", "the program has no step \"" + std::string(step_id) + "\"", "/stepId"};
    const PathState state = fold_path(program, events, actor);
    const StepState& s = state.steps[static_cast<std::size_t>(i)];
    if (s.status == StepStatus::Done)
        return Error{"already_done", "step \"" + std::string(step_id) + "\" is already done", "/stepId"};
    if (s.status == StepStatus::Locked) {
        std::string names;
        for (const auto& b : s.blocked_by) names += (names.empty() ? "\"" : ", \"") + b + "\"";
        return Error{"step_locked",
                     "step \"" + std::string(step_id) + "\" is locked until " + names + " is done",
                     "/stepId"};
    }
    Event e;
    e.id = std::string(event_id);
    std::transform(e.id.begin(), e.id.end(), e.id.begin(),
                   [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
    e.actor = std::string(actor);
    e.type = std::string(kStepCompleted);
    e.at = at;
    e.visibility = Visibility::Coach;
    e.step = std::string(step_id);
    return e;
}

}  // namespace kollega

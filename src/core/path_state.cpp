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

std::vector<bool> PathState::done_flags() const {
    std::vector<bool> flags;
    flags.reserve(steps.size());
    for (const auto& s : steps) flags.push_back(s.status == StepStatus::Done);
    return flags;
}

namespace {

/// What still keeps a step closed at time `t` for a learner who has done `done` and attended
/// `attended` sessions.
struct Blockers {
    std::vector<std::string> prerequisites;  ///< not yet done
    bool too_early = false;                  ///< before unlock.notBefore
    bool too_few_sessions = false;           ///< fewer than unlock.afterSessions
    [[nodiscard]] bool none() const { return prerequisites.empty() && !too_early && !too_few_sessions; }
};

Blockers blockers(const Program& program, std::size_t i, const std::vector<bool>& done, Timestamp t, int attended) {
    Blockers b;
    const Step& step = program.steps[i];
    for (const auto& p : step.prerequisites) {
        const int k = program.step_index(p);
        if (k < 0 || !done[static_cast<std::size_t>(k)]) b.prerequisites.push_back(p);
    }
    b.too_early = step.not_before && t < *step.not_before;
    b.too_few_sessions = step.after_sessions && attended < *step.after_sessions;
    return b;
}

}  // namespace

PathState fold_path(const Program& program, std::span<const Event> events, std::string_view actor, Timestamp now) {
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
        if (e->kind == EventType::SessionAttended) {
            const Activity* a = program.activity(e->activity);
            if (!a || a->kind != ActivityKind::Session) {
                state.rejected.push_back({e->id, "unknown_activity"});
                continue;
            }
            ++state.sessions_attended;
            ++state.applied;
            continue;
        }
        if (e->kind == EventType::Unknown) {
            state.rejected.push_back({e->id, "unknown_type"});
            continue;
        }
        if (e->kind != EventType::StepCompleted) {
            ++state.applied;  // the cohort fold judges the rest; here it only shows the learner began
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
        if (!blockers(program, i, done, e->at, state.sessions_attended).none()) {
            state.rejected.push_back({e->id, "step_locked"});
            continue;
        }
        done[i] = true;
        done_at[i] = e->at;
        ++state.applied;
    }

    state.total = static_cast<int>(n);
    state.steps.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Step& def = program.steps[i];
        StepState s;
        s.id = def.id;
        s.sessions_required = def.after_sessions;
        if (done[i]) {
            s.status = StepStatus::Done;
            s.completed_at = done_at[i];
            ++state.done;
        } else {
            Blockers b = blockers(program, i, done, now, state.sessions_attended);
            s.status = b.none() ? StepStatus::Available : StepStatus::Locked;
            if (b.too_early) s.not_before = def.not_before;
            s.blocked_by = std::move(b.prerequisites);
            if (s.status == StepStatus::Available && !state.next) state.next = s.id;
        }
        state.steps.push_back(std::move(s));
    }
    return state;
}

Result<Event> complete_step(const Program& program, std::span<const Event> events, std::string_view actor,
                            std::string_view step_id, std::string_view event_id, Timestamp at) {
    if (!is_uuid(event_id))
        return Error::invalid_value("/eventId", "expected a UUID, found \"" + std::string(event_id) + "\"");
    if (actor.empty()) return Error::invalid_value("/actor", "expected a learner id, found an empty text");
    const int i = program.step_index(step_id);
    if (i < 0) return Error{"unknown_step", "the program has no step \"" + std::string(step_id) + "\"", "/stepId"};
    const PathState state = fold_path(program, events, actor, at);
    const StepState& s = state.steps[static_cast<std::size_t>(i)];
    if (s.status == StepStatus::Done)
        return Error{"already_done", "step \"" + std::string(step_id) + "\" is already done", "/stepId"};
    if (s.status == StepStatus::Locked) {
        std::string why;
        for (const auto& b : s.blocked_by) why += (why.empty() ? "\"" : ", \"") + b + "\"";
        if (!why.empty()) why += " is done";
        if (s.not_before) why += (why.empty() ? "" : " and ") + format_timestamp(*s.not_before);
        if (s.sessions_required && state.sessions_attended < *s.sessions_required)
            why += (why.empty() ? "" : " and ") + std::to_string(*s.sessions_required) + " sessions are attended (" +
                   std::to_string(state.sessions_attended) + " so far)";
        return Error{"step_locked", "step \"" + std::string(step_id) + "\" is locked until " + why, "/stepId"};
    }
    Event e;
    e.id = std::string(event_id);
    std::transform(e.id.begin(), e.id.end(), e.id.begin(),
                   [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
    e.actor = std::string(actor);
    e.type = std::string(kStepCompleted);
    e.kind = EventType::StepCompleted;
    e.at = at;
    e.visibility = Visibility::Coach;
    e.step = std::string(step_id);
    return e;
}

}  // namespace kollega

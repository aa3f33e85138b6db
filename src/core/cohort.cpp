#include "core/cohort.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace kollega {
namespace {

/// The program looked up once per fold instead of once per event.
struct ProgramIndex {
    std::unordered_map<std::string_view, int> step;     ///< step id → index
    std::vector<std::vector<int>> prerequisites;        ///< per step: indices (-1: unknown)
    std::vector<int> kind;                              ///< per step: ActivityKind, or -1
    std::vector<std::pair<int, double>> graded;         ///< (step index or -1, weight)

    explicit ProgramIndex(const Program& program) {
        const std::size_t n = program.steps.size();
        step.reserve(n);
        for (std::size_t i = 0; i < n; ++i) step.emplace(program.steps[i].id, static_cast<int>(i));
        prerequisites.resize(n);
        kind.assign(n, -1);
        for (std::size_t i = 0; i < n; ++i) {
            for (const auto& p : program.steps[i].prerequisites) prerequisites[i].push_back(index_of(p));
            const std::string& a = program.steps[i].activity;
            if (const Activity* act = a.empty() ? nullptr : program.activity(a)) kind[i] = static_cast<int>(act->kind);
        }
        if (program.grading.items.empty())
            for (std::size_t i = 0; i < n; ++i) graded.emplace_back(static_cast<int>(i), 1.0);
        else
            for (const auto& item : program.grading.items) graded.emplace_back(index_of(item.step), item.weight);
    }
    [[nodiscard]] int index_of(std::string_view id) const {
        auto it = step.find(id);
        return it == step.end() ? -1 : it->second;
    }
};

/// What the fold keeps per learner beyond LearnerProgress.
struct Working {
    std::vector<bool> done;                    ///< per step
    std::unordered_set<std::string> goals;     ///< goal ids set
    bool any_event = false;                    ///< at least one applied event
};

const Activity* activity_of_kind(const Program& program, const std::string& id, ActivityKind kind) {
    const Activity* a = program.activity(id);
    return a && a->kind == kind ? a : nullptr;
}

/// Why a step completion does not fit, or "" when it does.
std::string_view step_problem(const Program& program, const ProgramIndex& index, const Working& w,
                              int sessions_attended, const Event& e) {
    const int i = index.index_of(e.step);
    if (i < 0) return "unknown_step";
    const auto si = static_cast<std::size_t>(i);
    const Step& step = program.steps[si];
    if (w.done[si]) return "already_done";
    for (int k : index.prerequisites[si])
        if (k < 0 || !w.done[static_cast<std::size_t>(k)]) return "step_locked";
    if (step.not_before && e.at < *step.not_before) return "step_locked";
    if (step.after_sessions && sessions_attended < *step.after_sessions) return "step_locked";
    return {};
}

/// Why a feedback event does not fit, or "" when it does.
std::string_view feedback_problem(const Program& program, const Roster& roster, const Event& e) {
    if (!roster.contains(e.to)) return "unknown_learner";
    if (e.to == e.actor) return "feedback_to_self";
    const Activity* form = activity_of_kind(program, e.activity, ActivityKind::Observation);
    if (!form) return "unknown_activity";
    for (const auto& rating : e.ratings) {
        const std::string& item = rating.first;
        auto it = std::find_if(form->rubric.begin(), form->rubric.end(), [&](const RubricItem& r) { return r.id == item; });
        if (it == form->rubric.end()) return "unknown_rubric_item";
        if (rating.second < it->scale.min || rating.second > it->scale.max) return "rating_out_of_scale";
    }
    if (static_cast<int>(e.worked.size()) < form->min_worked || static_cast<int>(e.improve.size()) > form->max_improve)
        return "unbalanced_feedback";
    return {};
}

/// Rounds to `decimals` places; dividing last gives the double nearest the decimal value, so
/// 85.71 prints as 85.71 and not 85.71000000000001.
double round_to(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

/// The grade from precomputed graded items (see grade() below).
Grade grade_indexed(const Program& program, const ProgramIndex& index, const std::vector<bool>& done, bool any_event) {
    Grade g;
    double total = 0, achieved = 0;
    for (const auto& [i, weight] : index.graded) {
        total += weight;
        if (i >= 0 && done[static_cast<std::size_t>(i)]) achieved += weight;
    }
    g.share = total > 0 ? achieved / total : 0.0;
    g.score_given = round_to(100.0 * g.share, 2);
    // A tolerance, so that 7 of 10 equal weights passes a threshold of 0.7 despite binary floats.
    g.passed = total > 0 && achieved >= program.grading.pass_threshold * total - 1e-9;
    const auto done_steps = std::count(done.begin(), done.end(), true);
    g.completed = done_steps == static_cast<long>(program.steps.size());
    g.activity_progress = g.completed && done_steps > 0 ? "Completed"
                          : done_steps > 0              ? "InProgress"
                          : any_event                   ? "Started"
                                                        : "Initialized";
    g.grading_progress = g.completed ? "FullyGraded" : "Pending";
    return g;
}

}  // namespace

Grade grade(const Program& program, const std::vector<bool>& done, bool any_event) {
    return grade_indexed(program, ProgramIndex(program), done, any_event);
}

CohortState fold_cohort(const Program& program, const Roster& roster, std::span<const Event> events,
                        std::span<const Group> groups, Timestamp now) {
    (void)now;  // dates only unlock steps at each completion's own time; `now` is for views
    CohortState state;
    const ProgramIndex index(program);
    const std::size_t n = roster.size();
    state.learners.resize(n);
    std::vector<Working> work(n);
    std::unordered_map<std::string_view, std::size_t> learner_index;
    for (std::size_t i = 0; i < n; ++i) {
        state.learners[i].learner = roster.learners()[i].id;
        work[i].done.assign(program.steps.size(), false);
        learner_index.emplace(roster.learners()[i].id, i);
    }

    // Order by (time, id), stable: compact keys, so the sort touches 24 bytes per event and not
    // the whole Event (a 100,000-event log is tens of MB; a comparison per cache miss is slow).
    const std::size_t count = events.size();
    struct TimeKey {
        std::int64_t at;
        std::string_view id;
        std::size_t index;
    };
    std::vector<TimeKey> by_time;
    by_time.reserve(count);
    for (std::size_t i = 0; i < count; ++i) by_time.push_back({events[i].at.ms, events[i].id, i});
    std::sort(by_time.begin(), by_time.end(), [](const TimeKey& a, const TimeKey& b) {
        if (a.at != b.at) return a.at < b.at;
        if (a.id != b.id) return a.id < b.id;
        return a.index < b.index;
    });
    // The log is a set by id: sort by (hash, id, time, index) so that copies of an id sit side by
    // side; the first of each run is the earliest and counts, later copies are replays (skipped)
    // or, when their content differs, conflicts. (A hash set of 100,000 ids was the fold's
    // slowest part: a cache miss per event.)
    struct IdKey {
        std::size_t hash;
        std::string_view id;
        std::int64_t at;
        std::size_t index;
    };
    std::vector<IdKey> by_id;
    by_id.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        by_id.push_back({std::hash<std::string_view>{}(events[i].id), events[i].id, events[i].at.ms, i});
    std::sort(by_id.begin(), by_id.end(), [](const IdKey& a, const IdKey& b) {
        if (a.hash != b.hash) return a.hash < b.hash;
        if (a.id != b.id) return a.id < b.id;
        if (a.at != b.at) return a.at < b.at;
        return a.index < b.index;
    });
    enum class Copy : unsigned char { First, Replay, Conflict };
    std::vector<Copy> copy(count, Copy::First);
    for (std::size_t k = 1, run = 0; k < count; ++k) {
        const IdKey& cur = by_id[k];
        if (cur.hash != by_id[run].hash || cur.id != by_id[run].id) {
            run = k;  // a new id
            continue;
        }
        copy[cur.index] = events[by_id[run].index] == events[cur.index] ? Copy::Replay : Copy::Conflict;
    }
    std::vector<std::pair<std::size_t, std::size_t>> feedback_pairs;  // (giver, receiver) of applied feedback
    for (const TimeKey& key : by_time) {
        const Event* e = &events[key.index];
        if (copy[key.index] == Copy::Conflict) state.rejected.push_back({e->id, "id_conflict"});
        if (copy[key.index] != Copy::First) continue;  // a replay, a retry or a second tab
        auto reject = [&](std::string_view reason) { state.rejected.push_back({e->id, std::string(reason)}); };
        if (e->kind == EventType::Unknown) {
            reject("unknown_type");
            continue;
        }
        auto who = learner_index.find(e->actor);
        if (who == learner_index.end()) {
            reject("unknown_learner");
            continue;
        }
        if (e->visibility > max_visibility(e->kind)) {
            reject("visibility_too_open");
            continue;
        }
        const std::size_t li = who->second;
        LearnerProgress& p = state.learners[li];
        Working& w = work[li];
        std::string_view problem;
        switch (e->kind) {
            case EventType::GroundRulesAgreed: p.ground_rules_agreed = true; break;
            case EventType::StepCompleted:
                problem = step_problem(program, index, w, p.sessions_attended, *e);
                if (problem.empty()) w.done[static_cast<std::size_t>(index.index_of(e->step))] = true;
                break;
            case EventType::GoalSet:
                if (!activity_of_kind(program, e->activity, ActivityKind::Goal)) problem = "unknown_activity";
                else if (w.goals.insert(e->goal).second) ++p.goals_set;
                break;
            case EventType::GoalCheckedIn:
                if (!w.goals.contains(e->goal)) {
                    problem = "unknown_goal";
                } else {
                    ++p.check_ins;
                    p.latest_goal_progress = e->progress;
                }
                break;
            case EventType::ReflectionWritten:
                if (!activity_of_kind(program, e->activity, ActivityKind::Reflection)) problem = "unknown_activity";
                else ++p.reflections;
                break;
            case EventType::FeedbackGiven:
                problem = feedback_problem(program, roster, *e);
                if (problem.empty()) {
                    const std::size_t to = learner_index.at(e->to);
                    ++p.feedback_given;
                    ++state.learners[to].feedback_received;
                    feedback_pairs.emplace_back(li, to);
                }
                break;
            case EventType::RolePlayCompleted: {
                const Activity* rp = activity_of_kind(program, e->activity, ActivityKind::RolePlay);
                if (!rp) problem = "unknown_activity";
                else if (std::none_of(rp->roles.begin(), rp->roles.end(), [&](const Role& r) { return r.id == e->role; }))
                    problem = "unknown_role";
                else ++p.role_plays;
                break;
            }
            case EventType::SessionScheduled:
                if (!activity_of_kind(program, e->activity, ActivityKind::Session)) problem = "unknown_activity";
                else if (std::any_of(e->members.begin(), e->members.end(), [&](const std::string& m) { return !learner_index.contains(m); }))
                    problem = "unknown_learner";
                break;
            case EventType::SessionAttended:
                if (!activity_of_kind(program, e->activity, ActivityKind::Session)) {
                    problem = "unknown_activity";
                } else if (std::any_of(e->speaking_seconds.begin(), e->speaking_seconds.end(),
                                       [&](const auto& s) { return !learner_index.contains(s.first); })) {
                    problem = "unknown_learner";
                } else {
                    ++p.sessions_attended;
                    // Each member records the session with everyone's times; count only their own.
                    for (const auto& [learner, seconds] : e->speaking_seconds)
                        if (learner == e->actor) p.speaking_seconds += seconds;
                }
                break;
            case EventType::WinCelebrated: ++p.wins; break;
            case EventType::ResourceShared: ++p.resources_shared; break;
            case EventType::ActionPlanWritten:
                if (!activity_of_kind(program, e->activity, ActivityKind::Session)) problem = "unknown_activity";
                else ++p.action_plans;
                break;
            case EventType::Unknown: break;
        }
        if (!problem.empty()) {
            reject(problem);
            continue;
        }
        w.any_event = true;
        p.last_activity = e->at;
    }

    // Per learner: steps, kinds, grade.
    double percent_sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        LearnerProgress& p = state.learners[i];
        const Working& w = work[i];
        p.steps_total = static_cast<int>(program.steps.size());
        p.step_done = w.done;
        for (std::size_t s = 0; s < program.steps.size(); ++s) {
            const int kind = index.kind[s];
            if (kind >= 0) ++p.by_kind[static_cast<std::size_t>(kind)].total;
            if (!w.done[s]) continue;
            ++p.steps_done;
            p.done_steps.push_back(program.steps[s].id);
            if (kind >= 0) ++p.by_kind[static_cast<std::size_t>(kind)].done;
        }
        p.grade = grade_indexed(program, index, w.done, w.any_event);
        const double percent = p.steps_total ? 100.0 * p.steps_done / p.steps_total : 0.0;
        percent_sum += percent;
        state.summary.started += w.any_event ? 1 : 0;
        state.summary.completed += p.grade.completed && p.steps_total > 0 ? 1 : 0;
        state.summary.passed += p.grade.passed ? 1 : 0;
    }
    state.summary.learners = static_cast<int>(n);
    state.summary.mean_percent = n ? round_to(percent_sum / static_cast<double>(n), 1) : 0.0;

    // Per group.
    for (const Group& g : groups) {
        GroupProgress gp;
        gp.id = g.id;
        gp.members = g.members;
        std::unordered_set<std::size_t> in_group;
        double sum = 0;
        for (const auto& m : g.members) {
            auto it = learner_index.find(m);
            if (it == learner_index.end()) continue;
            in_group.insert(it->second);
            const LearnerProgress& p = state.learners[it->second];
            sum += p.steps_total ? 100.0 * p.steps_done / p.steps_total : 0.0;
            gp.sessions_attended = std::max(gp.sessions_attended, p.sessions_attended);
        }
        gp.mean_percent = in_group.empty() ? 0.0 : round_to(sum / static_cast<double>(in_group.size()), 1);
        for (const auto& [from, to] : feedback_pairs)
            if (in_group.contains(from) && in_group.contains(to)) ++gp.feedback_exchanged;
        state.groups.push_back(std::move(gp));
    }
    return state;
}

std::vector<Meeting> who_met_whom(const Program& program, const Roster& roster, std::span<const Event> events,
                                  const CohortState& state) {
    std::unordered_set<std::string_view> rejected;
    for (const auto& r : state.rejected) rejected.insert(r.event_id);
    const auto& learners = roster.learners();
    std::unordered_map<std::string_view, int> index;
    for (std::size_t i = 0; i < learners.size(); ++i) index.emplace(learners[i].id, static_cast<int>(i));

    // The applied session.attended events, once per id, and who attended each (activity, time).
    std::unordered_set<std::string_view> seen;
    std::vector<std::pair<int, const Event*>> attended;
    std::map<std::pair<std::string_view, std::int64_t>, std::vector<int>> sessions;
    for (const auto& e : events) {
        if (e.kind != EventType::SessionAttended || rejected.contains(e.id) || !seen.insert(e.id).second) continue;
        const auto who = index.find(e.actor);
        const Activity* a = program.activity(e.activity);
        if (who == index.end() || !a || a->kind != ActivityKind::Session) continue;
        attended.emplace_back(who->second, &e);
        sessions[{e.activity, e.at.ms}].push_back(who->second);
    }
    // (a, b): how many of a's sessions name b.
    std::map<std::pair<int, int>, int> named;
    for (const auto& entry : attended) {
        const int who = entry.first;
        const Event& e = *entry.second;
        const auto& together = sessions[{e.activity, e.at.ms}];
        std::set<int> others(together.begin(), together.end());
        for (const auto& s : e.speaking_seconds)
            if (const auto it = index.find(s.first); it != index.end()) others.insert(it->second);
        others.erase(who);
        for (const int other : others) ++named[{who, other}];
    }
    std::vector<Meeting> met;
    for (const auto& entry : named) {
        const int a = entry.first.first, b = entry.first.second;
        const auto mirror = named.find({b, a});
        if (a > b && mirror != named.end()) continue;  // counted from the other side
        const int count = mirror == named.end() ? entry.second : std::max(entry.second, mirror->second);
        const int lo = std::min(a, b), hi = std::max(a, b);
        met.push_back({learners[static_cast<std::size_t>(lo)].id, learners[static_cast<std::size_t>(hi)].id, count});
    }
    std::sort(met.begin(), met.end(), [&](const Meeting& x, const Meeting& y) {
        return std::pair(index.at(x.a), index.at(x.b)) < std::pair(index.at(y.a), index.at(y.b));
    });
    return met;
}

}  // namespace kollega

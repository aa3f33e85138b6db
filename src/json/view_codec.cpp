// The JSON answers: path views with every text resolved, validation reports, envelopes.
// Built for size (CMakeLists.txt): the answer is small next to its inputs.
#include "json/codec.hpp"
#include "json/reader.hpp"

namespace kollega::json {

using namespace detail;

namespace {

/// Resolves texts in one language with the program's fallback.
class Resolver {
public:
    Resolver(const Program& p, std::string_view lang) : lang_(lang), fallback_(p.default_language) {}
    [[nodiscard]] json operator()(const LocalizedText& t) const { return t.resolve(lang_, fallback_); }
    [[nodiscard]] json all(const std::vector<LocalizedText>& ts) const {
        json out = json::array();
        for (const auto& t : ts) out.push_back((*this)(t));
        return out;
    }

private:
    std::string_view lang_;
    std::string_view fallback_;
};

json activity_json(const Program& program, const Activity& a, const Resolver& r) {
    json j = {{"id", a.id}, {"kind", to_string(a.kind)}, {"title", r(a.title)}};
    switch (a.kind) {
        case ActivityKind::Goal:
            j["prompt"] = r(a.prompt);
            j["measureHint"] = r(a.measure_hint);
            j["examples"] = r.all(a.examples);
            j["checkIn"] = to_string(a.check_in.value_or(program.cadence));
            break;
        case ActivityKind::Reflection: j["prompts"] = r.all(a.prompts); break;
        case ActivityKind::Observation: {
            json rubric = json::array();
            for (const auto& item : a.rubric)
                rubric.push_back({{"id", item.id},
                                  {"label", r(item.label)},
                                  {"scale", {{"min", item.scale.min}, {"max", item.scale.max}, {"labels", r.all(item.scale.labels)}}}});
            j["focus"] = r(a.focus);
            j["rubric"] = std::move(rubric);
            j["whatWorked"] = r(a.what_worked);
            j["toImprove"] = r(a.to_improve);
            j["balance"] = {{"minWorked", a.min_worked}, {"maxImprove", a.max_improve}};
            j["sbi"] = a.sbi;
            break;
        }
        case ActivityKind::RolePlay: {
            json stages = json::array();
            for (const auto& st : a.stages)
                stages.push_back({{"id", st.id}, {"title", r(st.title)}, {"minutes", st.minutes ? json(*st.minutes) : json(nullptr)}});
            json roles = json::array();
            for (const auto& role : a.roles) {
                json cues = json::array();
                for (const auto& c : role.cues) cues.push_back({{"stage", c.stage}, {"text", r(c.text)}});
                roles.push_back({{"id", role.id}, {"name", r(role.name)}, {"goal", r(role.goal)}, {"cues", std::move(cues)}});
            }
            j["scenario"] = r(a.scenario);
            j["stages"] = std::move(stages);
            j["roles"] = std::move(roles);
            j["swap"] = to_string(a.swap);
            j["checklist"] = a.checklist.empty() ? json(nullptr) : json(a.checklist);
            const Activity* checklist = a.checklist.empty() ? nullptr : program.activity(a.checklist);
            j["checklistTitle"] = checklist ? r(checklist->title) : json("");
            break;
        }
        case ActivityKind::Session: {
            json agenda = json::array();
            for (const auto& p : a.agenda) {
                json turns = json::array();
                if (p.per_person)
                    for (int size = program.group.min_size; size <= program.group.max_size; ++size)
                        turns.push_back({{"groupSize", size}, {"minutes", turn_minutes(p, size)}});
                agenda.push_back({{"id", p.id},
                                  {"phase", to_string(p.phase)},
                                  {"title", r(p.title)},
                                  {"minutes", p.minutes},
                                  {"perPerson", p.per_person},
                                  {"turns", std::move(turns)}});
            }
            json roles = json::array();
            for (auto role : a.session_roles) roles.push_back(to_string(role));
            j["minutes"] = a.minutes;
            j["agenda"] = std::move(agenda);
            j["roles"] = std::move(roles);
            j["rotateRoles"] = a.rotate_roles;
            j["questions"] = r.all(a.questions);
            j["minTurnMinutes"] = a.min_turn_minutes;
            break;
        }
    }
    return j;
}

json program_json(const Program& p, const Resolver& r, std::string_view lang) {
    const GroupSpec& g = p.group;
    json ground_rules = nullptr;
    if (p.ground_rules) ground_rules = {{"rules", r.all(p.ground_rules->rules)}, {"confidentiality", r(p.ground_rules->confidentiality)}};
    return {{"id", p.id},
            {"title", r(p.title)},
            {"description", r(p.description)},
            {"language", p.title.resolved_language(lang, p.default_language)},
            {"cadence", to_string(p.cadence)},
            {"group",
             {{"size", {{"min", g.min_size}, {"max", g.max_size}}},
              {"pairing", to_string(g.pairing)},
              {"regroupAfterSessions", g.regroup_after_sessions ? json(*g.regroup_after_sessions) : json(nullptr)}}},
            {"groundRules", std::move(ground_rules)}};
}

json grade_json(const Grade& g) {
    return {{"scoreGiven", g.score_given},
            {"scoreMaximum", g.score_maximum},
            {"passed", g.passed},
            {"completed", g.completed},
            {"activityProgress", g.activity_progress},
            {"gradingProgress", g.grading_progress}};
}

json problem_json(const Error& e, std::string_view severity) {
    return {{"code", e.code}, {"message", e.message}, {"path", e.path}, {"severity", severity}};
}

}  // namespace

std::string path_view_to_json(const Program& program, const PathState& state, std::string_view lang) {
    const Resolver r(program, lang);
    json steps = json::array();
    for (std::size_t i = 0; i < state.steps.size(); ++i) {
        const auto& s = state.steps[i];
        const auto& def = program.steps[i];
        const Activity* activity = def.activity.empty() ? nullptr : program.activity(def.activity);
        json step = {{"id", s.id},
                     {"title", r(program.step_title(def))},
                     {"description", r(def.description)},
                     {"status", to_string(s.status)},
                     {"blockedBy", s.blocked_by},
                     {"activity", activity ? activity_json(program, *activity, r) : json(nullptr)}};
        if (s.completed_at) step["completedAt"] = format_timestamp(*s.completed_at);
        if (s.not_before) step["notBefore"] = format_timestamp(*s.not_before);
        if (s.sessions_required) step["sessions"] = {{"required", *s.sessions_required}, {"attended", state.sessions_attended}};
        steps.push_back(std::move(step));
    }
    json rejected = json::array();
    for (const auto& rej : state.rejected) rejected.push_back({{"id", rej.event_id}, {"reason", rej.reason}});
    json value = {{"program", program_json(program, r, lang)},
                  {"steps", std::move(steps)},
                  {"next", state.next ? json(*state.next) : json(nullptr)},
                  {"progress", {{"done", state.done}, {"total", state.total}, {"percent", state.percent()}}},
                  {"grade", grade_json(grade(program, state.done_flags(), state.applied > 0))},
                  {"rejected", std::move(rejected)}};
    return dump(value);
}

std::string cohort_view_to_json(const Program& program, const Roster& roster, const CohortState& cohort,
                                std::string_view lang) {
    const Resolver r(program, lang);
    json steps = json::array();
    for (const auto& s : program.steps) {
        const Activity* a = s.activity.empty() ? nullptr : program.activity(s.activity);
        steps.push_back({{"id", s.id}, {"title", r(program.step_title(s))}, {"kind", a ? json(to_string(a->kind)) : json(nullptr)}});
    }
    json learners = json::array();
    for (std::size_t i = 0; i < cohort.learners.size(); ++i) {
        const LearnerProgress& p = cohort.learners[i];
        const Learner& l = roster.learners()[i];
        json by_kind = json::object();
        for (auto kind : {ActivityKind::Goal, ActivityKind::Reflection, ActivityKind::Observation, ActivityKind::RolePlay,
                          ActivityKind::Session}) {
            const KindProgress& k = p.by_kind[static_cast<std::size_t>(kind)];
            by_kind[std::string(to_string(kind))] = {{"done", k.done}, {"total", k.total}};
        }
        learners.push_back({{"id", l.id},
                            {"name", l.name},
                            {"email", l.email},
                            {"department", l.department},
                            {"steps", {{"done", p.steps_done}, {"total", p.steps_total}, {"percent", p.percent()}, {"doneSteps", p.done_steps}}},
                            {"byKind", std::move(by_kind)},
                            {"groundRulesAgreed", p.ground_rules_agreed},
                            {"goalsSet", p.goals_set},
                            {"checkIns", p.check_ins},
                            {"latestGoalProgress", p.latest_goal_progress ? json(*p.latest_goal_progress) : json(nullptr)},
                            {"reflections", p.reflections},
                            {"feedbackGiven", p.feedback_given},
                            {"feedbackReceived", p.feedback_received},
                            {"rolePlays", p.role_plays},
                            {"sessionsAttended", p.sessions_attended},
                            {"speakingSeconds", p.speaking_seconds},
                            {"wins", p.wins},
                            {"resourcesShared", p.resources_shared},
                            {"actionPlans", p.action_plans},
                            {"lastActivity", p.last_activity ? json(format_timestamp(*p.last_activity)) : json(nullptr)},
                            {"grade", grade_json(p.grade)}});
    }
    json groups = json::array();
    for (const auto& g : cohort.groups)
        groups.push_back({{"id", g.id},
                          {"members", g.members},
                          {"meanPercent", g.mean_percent},
                          {"sessionsAttended", g.sessions_attended},
                          {"feedbackExchanged", g.feedback_exchanged}});
    json rejected = json::array();
    for (const auto& rej : cohort.rejected) rejected.push_back({{"id", rej.event_id}, {"reason", rej.reason}});
    json met = json::array();
    for (const auto& m : cohort.met) met.push_back({{"a", m.a}, {"b", m.b}, {"sessions", m.sessions}});
    const CohortSummary& c = cohort.summary;
    json value = {{"program", program_json(program, r, lang)},
                  {"steps", std::move(steps)},
                  {"learners", std::move(learners)},
                  {"groups", std::move(groups)},
                  {"met", std::move(met)},
                  {"cohort", {{"learners", c.learners}, {"started", c.started}, {"completed", c.completed}, {"passed", c.passed}, {"meanPercent", c.mean_percent}}},
                  {"rejected", std::move(rejected)}};
    return dump(value);
}

std::string validation_to_json(const ProgramReport& report) {
    json problems = json::array();
    for (const auto& e : report.errors) problems.push_back(problem_json(e, "error"));
    for (const auto& w : report.warnings) problems.push_back(problem_json(w, "warning"));
    return dump(json{{"valid", report.errors.empty()}, {"problems", std::move(problems)}});
}

std::string ok_envelope(std::string_view value_json) {
    std::string out = R"({"ok":true,"value":)";
    out += value_json;
    out += '}';
    return out;
}

std::string error_envelope(const Errors& errors) {
    auto one = [](const Error& e) { return json{{"code", e.code}, {"message", e.message}, {"path", e.path}}; };
    json problems = json::array();
    for (const auto& e : errors) problems.push_back(one(e));
    json err = errors.empty() ? json{{"code", "internal"}, {"message", "unknown error"}, {"path", ""}} : one(errors.front());
    err["problems"] = std::move(problems);
    return dump(json{{"ok", false}, {"error", std::move(err)}});
}

// One event as its wire object: one per completeStep answer, so built for size too.
namespace {

json payload_json(const Event& e) {
    json p = json::object();
    auto ints = [](const auto& pairs) {
        json o = json::object();
        for (const auto& [k, v] : pairs) o[k] = v;
        return o;
    };
    switch (e.kind) {
        case EventType::GroundRulesAgreed: break;
        case EventType::StepCompleted: p["step"] = e.step; break;
        case EventType::GoalSet: p = {{"goal", e.goal}, {"activity", e.activity}, {"text", e.text}, {"measure", e.measure}}; break;
        case EventType::GoalCheckedIn:
            p = {{"goal", e.goal}, {"progress", e.progress.value_or(0)}};
            if (!e.note.empty()) p["note"] = e.note;
            break;
        case EventType::ReflectionWritten: p = {{"activity", e.activity}, {"text", e.text}}; break;
        case EventType::FeedbackGiven:
            p = {{"to", e.to}, {"activity", e.activity}, {"ratings", ints(e.ratings)}, {"worked", e.worked}, {"improve", e.improve}};
            if (!e.sbi.empty()) p["sbi"] = e.sbi;
            break;
        case EventType::RolePlayCompleted: p = {{"activity", e.activity}, {"role", e.role}}; break;
        case EventType::SessionScheduled:
            p = {{"activity", e.activity}, {"start", e.start ? format_timestamp(*e.start) : ""}, {"members", e.members}};
            break;
        case EventType::SessionAttended:
            p["activity"] = e.activity;
            if (!e.speaking_seconds.empty()) p["speakingSeconds"] = ints(e.speaking_seconds);
            break;
        case EventType::WinCelebrated: p["text"] = e.text; break;
        case EventType::ResourceShared: p = {{"title", e.title}, {"url", e.url}}; break;
        case EventType::ActionPlanWritten: p = {{"activity", e.activity}, {"text", e.text}}; break;
        case EventType::Unknown: break;
    }
    return p;
}

}  // namespace

std::string event_to_json(const Event& e) {
    json j = {{"id", e.id},
              {"actor", e.actor},
              {"type", e.type},
              {"at", format_timestamp(e.at)},
              {"payload", payload_json(e)},
              {"visibility", to_string(e.visibility)}};
    return dump(j);
}

}  // namespace kollega::json

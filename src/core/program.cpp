#include "core/program.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

namespace kollega {
namespace {

const std::string kEmpty;
const LocalizedText kNoText;

/// A table of (enum, wire name) pairs for one enum.
template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Cadence, 4> kCadences{{{Cadence::Weekly, "weekly"},
                                       {Cadence::Every2Weeks, "every-2-weeks"},
                                       {Cadence::Every4Weeks, "every-4-weeks"},
                                       {Cadence::Monthly, "monthly"}}};
constexpr Names<Pairing, 3> kPairings{
    {{Pairing::Group, "group"}, {Pairing::Mentor, "mentor"}, {Pairing::SkillExchange, "skill-exchange"}}};
constexpr Names<ActivityKind, 5> kKinds{{{ActivityKind::Goal, "goal"},
                                         {ActivityKind::Reflection, "reflection"},
                                         {ActivityKind::Observation, "observation"},
                                         {ActivityKind::RolePlay, "role-play"},
                                         {ActivityKind::Session, "session"}}};
constexpr Names<Phase, 6> kPhases{{{Phase::CheckIn, "check-in"},
                                   {Phase::Goals, "goals"},
                                   {Phase::Coaching, "coaching"},
                                   {Phase::ActionPlan, "action-plan"},
                                   {Phase::Close, "close"},
                                   {Phase::Other, "other"}}};
constexpr Names<SessionRole, 4> kRoles{{{SessionRole::Coach, "coach"},
                                        {SessionRole::Coachee, "coachee"},
                                        {SessionRole::Observer, "observer"},
                                        {SessionRole::Timekeeper, "timekeeper"}}};
constexpr Names<Swap, 3> kSwaps{{{Swap::None, "none"}, {Swap::Once, "once"}, {Swap::EachRole, "each-role"}}};

template <class E, std::size_t N>
std::string_view name_of(const Names<E, N>& names, E v) {
    for (const auto& [e, n] : names)
        if (e == v) return n;
    return names[0].second;
}

template <class E, std::size_t N>
std::optional<E> parse_name(const Names<E, N>& names, std::string_view s) {
    for (const auto& [e, n] : names)
        if (n == s) return e;
    return std::nullopt;
}

std::string at(const std::string& base, std::size_t index) { return base + "/" + std::to_string(index); }

/// Reports the second and later uses of each non-empty id; `id_of(i)` gives item i's id, held
/// in the member `field` of each item.
template <class F>
void check_unique(std::size_t count, const std::string& list_path, F id_of, Errors& errors,
                  std::string_view field = "id") {
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string& id = id_of(i);
        if (id.empty()) continue;
        if (!seen.insert(id).second)
            errors.push_back(Error::duplicate_id(at(list_path, i) + "/" + std::string(field), id));
    }
}

void check_prerequisite_cycles(const Program& program, Errors& errors) {
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < program.steps.size(); ++i)
        if (!program.steps[i].id.empty()) index.emplace(program.steps[i].id, i);
    // Depth-first search in array order; each cycle is reported once, at the prerequisite that
    // closes it, naming the steps in it. Iterative, so a long chain cannot overflow the stack.
    enum class Colour { White, Grey, Black };
    std::vector<Colour> colour(program.steps.size(), Colour::White);
    struct Frame {
        std::size_t step;
        std::size_t next_prerequisite;
    };
    for (std::size_t root = 0; root < program.steps.size(); ++root) {
        if (colour[root] != Colour::White) continue;
        std::vector<Frame> stack{{root, 0}};
        colour[root] = Colour::Grey;
        while (!stack.empty()) {
            Frame& frame = stack.back();
            const auto& prereqs = program.steps[frame.step].prerequisites;
            if (frame.next_prerequisite == prereqs.size()) {
                colour[frame.step] = Colour::Black;
                stack.pop_back();
                continue;
            }
            const std::size_t j = frame.next_prerequisite++;
            const std::string path = at(at("/path/steps", frame.step) + "/prerequisites", j);
            auto it = index.find(prereqs[j]);
            if (it == index.end()) continue;
            const std::size_t k = it->second;
            if (k == frame.step) {
                errors.push_back({"cycle", "step \"" + prereqs[j] + "\" lists itself as a prerequisite", path});
            } else if (colour[k] == Colour::Grey) {
                std::string names;
                auto from = std::find_if(stack.begin(), stack.end(), [k](const Frame& f) { return f.step == k; });
                for (auto f = from; f != stack.end(); ++f) names += "\"" + program.steps[f->step].id + "\" → ";
                names += "\"" + program.steps[k].id + "\"";
                errors.push_back({"cycle", "prerequisites form a cycle: " + names, path});
            } else if (colour[k] == Colour::White) {
                colour[k] = Colour::Grey;
                stack.push_back({k, 0});
            }
        }
    }
}

void check_observation(const Activity& a, const std::string& base, Errors& errors) {
    check_unique(a.rubric.size(), base + "/rubric", [&](std::size_t i) -> const std::string& { return a.rubric[i].id; }, errors);
    for (std::size_t k = 0; k < a.rubric.size(); ++k) {
        const Scale& s = a.rubric[k].scale;
        const std::string sp = at(base + "/rubric", k) + "/scale";
        if (s.min >= s.max) {
            errors.push_back(Error::invalid_value(sp, "expected min < max, found min " + std::to_string(s.min) +
                                                          " and max " + std::to_string(s.max)));
        } else if (s.max - s.min + 1 > 10) {
            errors.push_back(Error::invalid_value(sp, "expected at most 10 points, found " + std::to_string(s.max - s.min + 1)));
        } else if (!s.labels.empty() && static_cast<int>(s.labels.size()) != s.max - s.min + 1) {
            errors.push_back(Error::invalid_value(sp + "/labels", "expected " + std::to_string(s.max - s.min + 1) +
                                                                      " labels (one per point from " + std::to_string(s.min) +
                                                                      " to " + std::to_string(s.max) + "), found " +
                                                                      std::to_string(s.labels.size())));
        }
    }
}

void check_role_play(const Program& program, const Activity& a, const std::string& base, Errors& errors) {
    check_unique(a.stages.size(), base + "/stages", [&](std::size_t i) -> const std::string& { return a.stages[i].id; }, errors);
    check_unique(a.roles.size(), base + "/roles", [&](std::size_t i) -> const std::string& { return a.roles[i].id; }, errors);
    for (std::size_t r = 0; r < a.roles.size(); ++r) {
        for (std::size_t c = 0; c < a.roles[r].cues.size(); ++c) {
            const std::string& stage = a.roles[r].cues[c].stage;
            if (stage.empty()) continue;
            const bool found = std::any_of(a.stages.begin(), a.stages.end(), [&](const Stage& s) { return s.id == stage; });
            if (!found)
                errors.push_back(Error::unknown_reference(at(at(base + "/roles", r) + "/cues", c) + "/stage", "stage", stage));
        }
    }
    if (!a.checklist.empty()) {
        const Activity* target = program.activity(a.checklist);
        if (!target)
            errors.push_back(Error::unknown_reference(base + "/checklist", "activity", a.checklist));
        else if (target->kind_known && target->kind != ActivityKind::Observation)
            errors.push_back({"wrong_kind",
                              "expected an observation activity, found \"" + a.checklist + "\", a " +
                                  std::string(to_string(target->kind)) + " activity",
                              base + "/checklist"});
    }
}

void check_session(const Program& program, const Activity& a, const std::string& base, Errors& errors) {
    check_unique(a.agenda.size(), base + "/agenda", [&](std::size_t i) -> const std::string& { return a.agenda[i].id; }, errors);
    const bool usable = a.minutes > 0 && std::all_of(a.agenda.begin(), a.agenda.end(), [](const AgendaPhase& p) { return p.minutes > 0; });
    if (!usable) return;
    int total = 0;
    for (const auto& p : a.agenda) total += p.minutes;
    if (total > a.minutes)
        errors.push_back({"time_overflow",
                          "the phases take " + std::to_string(total) + " minutes, but the session lasts " +
                              std::to_string(a.minutes),
                          base + "/agenda"});
    if (!program.group_usable) return;
    for (std::size_t k = 0; k < a.agenda.size(); ++k) {
        const AgendaPhase& p = a.agenda[k];
        if (!p.per_person) continue;
        const int turn = turn_minutes(p, program.group.max_size);
        if (turn < a.min_turn_minutes)
            errors.push_back({"turn_too_short",
                              std::to_string(p.minutes) + " minutes shared by " + std::to_string(program.group.max_size) +
                                  " people gives " + std::to_string(turn) + "-minute turns, shorter than minTurnMinutes (" +
                                  std::to_string(a.min_turn_minutes) + ")",
                              at(base + "/agenda", k) + "/minutes"});
    }
}

void visit_texts(const std::vector<LocalizedText>& texts, const std::string& base,
                 const std::function<void(const std::string&, const LocalizedText&)>& visit) {
    for (std::size_t i = 0; i < texts.size(); ++i) visit(at(base, i), texts[i]);
}

}  // namespace

std::string_view to_string(Cadence v) { return name_of(kCadences, v); }
std::string_view to_string(Pairing v) { return name_of(kPairings, v); }
std::string_view to_string(ActivityKind v) { return name_of(kKinds, v); }
std::string_view to_string(Phase v) { return name_of(kPhases, v); }
std::string_view to_string(SessionRole v) { return name_of(kRoles, v); }
std::string_view to_string(Swap v) { return name_of(kSwaps, v); }
std::optional<Cadence> parse_cadence(std::string_view s) { return parse_name(kCadences, s); }
std::optional<Pairing> parse_pairing(std::string_view s) { return parse_name(kPairings, s); }
std::optional<ActivityKind> parse_activity_kind(std::string_view s) { return parse_name(kKinds, s); }
std::optional<Phase> parse_phase(std::string_view s) { return parse_name(kPhases, s); }
std::optional<SessionRole> parse_session_role(std::string_view s) { return parse_name(kRoles, s); }
std::optional<Swap> parse_swap(std::string_view s) { return parse_name(kSwaps, s); }

const std::string& LocalizedText::resolve(std::string_view lang, std::string_view fallback) const {
    for (const auto& [l, text] : by_language)
        if (l == lang) return text;
    for (const auto& [l, text] : by_language)
        if (l == fallback) return text;
    return by_language.empty() ? kEmpty : by_language.front().second;
}

std::string_view LocalizedText::resolved_language(std::string_view lang, std::string_view fallback) const {
    for (const auto& entry : by_language)
        if (entry.first == lang) return entry.first;
    for (const auto& entry : by_language)
        if (entry.first == fallback) return entry.first;
    return by_language.empty() ? std::string_view{} : std::string_view{by_language.front().first};
}

bool LocalizedText::has(std::string_view lang) const {
    return std::any_of(by_language.begin(), by_language.end(), [&](const auto& e) { return e.first == lang; });
}

int Program::step_index(std::string_view step_id) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].id == step_id) return static_cast<int>(i);
    return -1;
}

const Activity* Program::activity(std::string_view activity_id) const {
    for (const auto& a : activities)
        if (a.id == activity_id) return &a;
    return nullptr;
}

const LocalizedText& Program::step_title(const Step& step) const {
    if (!step.title.empty()) return step.title;
    const Activity* a = step.activity.empty() ? nullptr : activity(step.activity);
    return a ? a->title : kNoText;
}

int turn_minutes(const AgendaPhase& phase, int group_size) {
    return group_size > 0 ? phase.minutes / group_size : 0;
}

Errors check_program(const Program& program) {
    Errors errors;
    if (!program.default_language.empty() && !program.languages.empty() && std::find(program.languages.begin(), program.languages.end(),
                                                program.default_language) == program.languages.end())
        errors.push_back(Error::invalid_value("/defaultLanguage", "expected one of the program's languages, found \"" +
                                                                      program.default_language + "\""));
    if (program.group_usable) {
        const GroupSpec& g = program.group;
        if (g.min_size > g.max_size)
            errors.push_back(Error::invalid_value("/group/size", "expected min ≤ max, found min " + std::to_string(g.min_size) +
                                                                     " and max " + std::to_string(g.max_size)));
        else if (g.pairing != Pairing::Group && (g.min_size != 2 || g.max_size != 2))
            errors.push_back(Error::invalid_value("/group/pairing", "\"" + std::string(to_string(g.pairing)) +
                                                                        "\" pairing makes pairs: expected size {min: 2, max: 2}"));
    }

    check_unique(program.activities.size(), "/activities",
                 [&](std::size_t i) -> const std::string& { return program.activities[i].id; }, errors);
    for (std::size_t i = 0; i < program.activities.size(); ++i) {
        const Activity& a = program.activities[i];
        if (!a.kind_known) continue;
        const std::string base = at("/activities", i);
        if (a.kind == ActivityKind::Observation) check_observation(a, base, errors);
        if (a.kind == ActivityKind::RolePlay) check_role_play(program, a, base, errors);
        if (a.kind == ActivityKind::Session) check_session(program, a, base, errors);
    }

    check_unique(program.steps.size(), "/path/steps",
                 [&](std::size_t i) -> const std::string& { return program.steps[i].id; }, errors);
    for (std::size_t i = 0; i < program.steps.size(); ++i) {
        const Step& step = program.steps[i];
        const std::string base = at("/path/steps", i);
        if (!step.activity.empty() && !program.activity(step.activity))
            errors.push_back(Error::unknown_reference(base + "/activity", "activity", step.activity));
        for (std::size_t j = 0; j < step.prerequisites.size(); ++j) {
            const std::string& p = step.prerequisites[j];
            if (!p.empty() && program.step_index(p) < 0)
                errors.push_back(Error::unknown_reference(at(base + "/prerequisites", j), "step", p));
        }
    }
    check_prerequisite_cycles(program, errors);

    check_unique(program.grading.items.size(), "/grading/items",
                 [&](std::size_t i) -> const std::string& { return program.grading.items[i].step; }, errors, "step");
    for (std::size_t i = 0; i < program.grading.items.size(); ++i) {
        const std::string& s = program.grading.items[i].step;
        if (!s.empty() && program.step_index(s) < 0)
            errors.push_back(Error::unknown_reference(at("/grading/items", i) + "/step", "step", s));
    }
    return errors;
}

void for_each_text(const Program& p, const std::function<void(const std::string&, const LocalizedText&)>& visit) {
    visit("/title", p.title);
    if (!p.description.empty()) visit("/description", p.description);
    if (p.ground_rules) {
        visit_texts(p.ground_rules->rules, "/groundRules/rules", visit);
        visit("/groundRules/confidentiality", p.ground_rules->confidentiality);
    }
    for (std::size_t i = 0; i < p.activities.size(); ++i) {
        const Activity& a = p.activities[i];
        const std::string b = at("/activities", i);
        auto opt = [&](const char* field, const LocalizedText& t) {
            if (!t.empty()) visit(b + "/" + field, t);
        };
        opt("title", a.title);
        opt("prompt", a.prompt);
        opt("measureHint", a.measure_hint);
        visit_texts(a.examples, b + "/examples", visit);
        visit_texts(a.prompts, b + "/prompts", visit);
        opt("focus", a.focus);
        for (std::size_t k = 0; k < a.rubric.size(); ++k) {
            visit(at(b + "/rubric", k) + "/label", a.rubric[k].label);
            visit_texts(a.rubric[k].scale.labels, at(b + "/rubric", k) + "/scale/labels", visit);
        }
        opt("whatWorked", a.what_worked);
        opt("toImprove", a.to_improve);
        opt("scenario", a.scenario);
        for (std::size_t k = 0; k < a.stages.size(); ++k) visit(at(b + "/stages", k) + "/title", a.stages[k].title);
        for (std::size_t r = 0; r < a.roles.size(); ++r) {
            const std::string rb = at(b + "/roles", r);
            visit(rb + "/name", a.roles[r].name);
            visit(rb + "/goal", a.roles[r].goal);
            for (std::size_t c = 0; c < a.roles[r].cues.size(); ++c) visit(at(rb + "/cues", c) + "/text", a.roles[r].cues[c].text);
        }
        for (std::size_t k = 0; k < a.agenda.size(); ++k) visit(at(b + "/agenda", k) + "/title", a.agenda[k].title);
        visit_texts(a.questions, b + "/questions", visit);
    }
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        const std::string b = at("/path/steps", i);
        if (!p.steps[i].title.empty()) visit(b + "/title", p.steps[i].title);
        if (!p.steps[i].description.empty()) visit(b + "/description", p.steps[i].description);
    }
}

Errors missing_translations(const Program& program) {
    Errors warnings;
    for_each_text(program, [&](const std::string& path, const LocalizedText& text) {
        if (text.empty()) return;  // an empty text is an error of its own
        std::string missing;
        for (const auto& lang : program.languages)
            if (!text.has(lang)) missing += (missing.empty() ? "" : ", ") + lang;
        if (!missing.empty())
            warnings.push_back({"missing_translation",
                                "no text in " + missing + "; learners in that language see the " +
                                    std::string(text.resolved_language("", program.default_language)) + " text",
                                path});
    });
    return warnings;
}

}  // namespace kollega

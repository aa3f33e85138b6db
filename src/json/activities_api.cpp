// The api facade of the feedback form, the role-play player and the goals view
// (docs/sessions.md), with their JSON. Linked only into the session module.

#include "core/session/activities.hpp"
#include "core/session/schedule.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"
#include "json/guarded.hpp"
#include "json/reader.hpp"
#include "json/session_codec.hpp"

namespace kollega::api {
namespace {

using json::detail::guarded;
using json::detail::invalid_time;
using json::detail::located;

using json::detail::child;
using json::detail::ObjectReader;
using Json = nlohmann::json;

Json text_list(const std::vector<LocalizedText>& list, std::string_view lang, std::string_view fallback) {
    Json a = Json::array();
    for (const auto& t : list) a.push_back(t.resolve(lang, fallback));
    return a;
}

Json rubric_json(const Activity& f, std::string_view lang, std::string_view fallback) {
    Json items = Json::array();
    for (const RubricItem& r : f.rubric)
        items.push_back({{"id", r.id}, {"label", r.label.resolve(lang, fallback)}, {"min", r.scale.min}, {"max", r.scale.max},
                         {"labels", text_list(r.scale.labels, lang, fallback)}});
    return items;
}

Result<activities::Answers> parse_answers(std::string_view text) {
    auto doc = json::detail::parse_text(text, "/answers");
    if (!doc.ok()) return doc.errors();
    Errors errors;
    activities::Answers a;
    {
        ObjectReader r(doc.value(), "/answers", errors);
        if (!r.ok()) return errors;
        if (const Json* ratings = r.member("ratings", true)) {
            if (!ratings->is_object()) errors.push_back(Error::type_error(r.at("ratings"), "an object", json::detail::type_name(*ratings)));
            else
                for (auto it = ratings->begin(); it != ratings->end(); ++it) {
                    auto n = json::detail::as_integer(it.value());
                    if (!n || *n < -100 || *n > 100) errors.push_back(Error::type_error(child(r.at("ratings"), it.key()), "an integer", json::detail::type_name(it.value())));
                    else a.ratings.emplace_back(it.key(), static_cast<int>(*n));
                }
        }
        for (const char* key : {"worked", "improve"}) {
            auto& out = std::string_view(key) == "worked" ? a.worked : a.improve;
            if (const Json* list = r.array(key, false, 0, "texts"))
                for (std::size_t i = 0; i < list->size(); ++i) {
                    if (!(*list)[i].is_string()) errors.push_back(Error::type_error(child(r.at(key), i), "a string", json::detail::type_name((*list)[i])));
                    else out.push_back((*list)[i].get<std::string>());
                }
        }
        if (const Json* sbi = r.member("sbi", false)) {
            ObjectReader s(*sbi, r.at("sbi"), errors);
            if (s.ok()) {
                a.has_sbi = true;
                s.string("situation", a.situation, false);
                s.string("behaviour", a.behaviour, false);
                s.string("impact", a.impact, false);
            }
        }
    }
    if (!errors.empty()) return errors;
    return a;
}

Result<activities::RolePlayState> parse_role_play_state(std::string_view text) {
    auto doc = json::detail::parse_text(text, "/state");
    if (!doc.ok()) return doc.errors();
    Errors errors;
    activities::RolePlayState s;
    {
        ObjectReader r(doc.value(), "/state", errors);
        if (!r.ok()) return errors;
        r.ids("members", s.members, "learner ids");
        if (!r.has("members")) r.member("members", true);
        r.integer("run", s.run, false, 0, 1000);
        r.integer("stage", s.stage, false, 0, 1000);
        r.boolean("done", s.done);
    }
    if (!errors.empty()) return errors;
    return s;
}

std::string role_play_state_json(const activities::RolePlayState& s) {
    return json::detail::dump(Json{{"members", s.members}, {"run", s.run}, {"stage", s.stage}, {"done", s.done}});
}

}  // namespace

std::string feedback_form(std::string_view program_json, std::string_view activity_id, std::string_view lang) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto form = activities::observation(program.value(), activity_id);
        if (!form.ok()) return json::error_envelope(form.errors());
        const Activity& f = *form.value();
        const std::string_view fb = program.value().default_language;
        const Json seen = Json::array({"observed", "group"});
        Json fields = Json::array();
        for (const RubricItem& r : f.rubric)
            fields.push_back({{"id", "ratings/" + r.id}, {"kind", "rating"}, {"label", r.label.resolve(lang, fb)}, {"required", true},
                              {"min", r.scale.min}, {"max", r.scale.max}, {"labels", text_list(r.scale.labels, lang, fb)},
                              {"visibleTo", seen}, {"coachSees", "count"}});
        fields.push_back({{"id", "worked"}, {"kind", "list"}, {"label", f.what_worked.resolve(lang, fb)}, {"required", f.min_worked > 0},
                          {"minItems", f.min_worked}, {"maxItems", 20}, {"visibleTo", seen}, {"coachSees", "count"}});
        fields.push_back({{"id", "improve"}, {"kind", "list"}, {"label", f.to_improve.resolve(lang, fb)}, {"required", false},
                          {"minItems", 0}, {"maxItems", f.max_improve}, {"visibleTo", seen}, {"coachSees", "count"}});
        if (f.sbi)
            fields.push_back({{"id", "sbi"}, {"kind", "sbi"}, {"label", ""}, {"required", false},
                              {"parts", Json::array({"situation", "behaviour", "impact"})}, {"visibleTo", seen}, {"coachSees", "count"}});
        Json v = {{"activity", f.id},
                  {"title", f.title.resolve(lang, fb)},
                  {"focus", f.focus.empty() ? Json(nullptr) : Json(f.focus.resolve(lang, fb))},
                  {"visibility", "group"},
                  {"balance", {{"minWorked", f.min_worked}, {"maxImprove", f.max_improve}}},
                  {"sbi", f.sbi},
                  {"fields", std::move(fields)}};
        return json::ok_envelope(json::detail::dump(v));
    });
}

std::string feedback_event(std::string_view program_json, std::string_view activity_id, std::string_view answers_json,
                           std::string_view actor, std::string_view to, std::string_view event_id, std::string_view at) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto answers = parse_answers(answers_json);
        if (!answers.ok()) return json::error_envelope(answers.errors());
        auto when = parse_timestamp(at);
        if (!when) return json::error_envelope({invalid_time(at, "/at")});
        auto e = activities::feedback_event(program.value(), activity_id, answers.value(), actor, to, event_id, *when);
        if (!e.ok()) return json::error_envelope(e.errors());
        return json::ok_envelope(json::event_to_json(e.value()));
    });
}

std::string role_play_view(std::string_view program_json, std::string_view activity_id, std::string_view state_json,
                           std::string_view lang) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        const Program& p = program.value();
        auto rp = activities::role_play(p, activity_id);
        if (!rp.ok()) return json::error_envelope(rp.errors());
        auto state = parse_role_play_state(state_json);
        if (!state.ok()) return json::error_envelope(state.errors());
        const Activity& a = *rp.value();
        const auto& s = state.value();
        if (auto errors = activities::check_state(a, s); !errors.empty()) return json::error_envelope(errors);
        const std::string_view fb = p.default_language;
        const Stage& stage = a.stages[static_cast<std::size_t>(s.stage)];
        Json stages = Json::array();
        for (const Stage& st : a.stages)
            stages.push_back({{"id", st.id}, {"title", st.title.resolve(lang, fb)}, {"minutes", st.minutes ? Json(*st.minutes) : Json(nullptr)}});
        const auto n = static_cast<int>(s.members.size());
        Json people = Json::array();
        for (int i = 0; i < n; ++i) {
            auto role = activities::role_of(a, n, s.run, i);
            Json card = nullptr;
            if (role) {
                const Role& r = a.roles[static_cast<std::size_t>(*role)];
                Json cues = Json::array();
                for (const Cue& c : r.cues)
                    if (c.stage == stage.id) cues.push_back(c.text.resolve(lang, fb));
                card = {{"id", r.id}, {"name", r.name.resolve(lang, fb)}, {"goal", r.goal.resolve(lang, fb)}, {"cues", std::move(cues)}};
            }
            people.push_back({{"member", s.members[static_cast<std::size_t>(i)]}, {"role", std::move(card)}, {"observer", !role}});
        }
        Json checklist = nullptr;
        if (!a.checklist.empty())
            if (const Activity* f = p.activity(a.checklist))
                checklist = {{"activity", f->id}, {"title", f->title.resolve(lang, fb)},
                             {"focus", f->focus.empty() ? Json(nullptr) : Json(f->focus.resolve(lang, fb))},
                             {"items", rubric_json(*f, lang, fb)}};
        const int total = activities::runs(a, n);
        Json v = {{"activity", a.id},
                  {"title", a.title.resolve(lang, fb)},
                  {"scenario", a.scenario.resolve(lang, fb)},
                  {"swap", to_string(a.swap)},
                  {"run", s.run},
                  {"runs", total},
                  {"stage", stages[static_cast<std::size_t>(s.stage)]},
                  {"stages", stages},
                  {"people", std::move(people)},
                  {"checklist", std::move(checklist)},
                  {"swapNext", !s.done && s.stage + 1 == static_cast<int>(a.stages.size()) && s.run + 1 < total},
                  {"done", s.done}};
        return json::ok_envelope(json::detail::dump(v));
    });
}

std::string role_play_act(std::string_view program_json, std::string_view activity_id, std::string_view state_json,
                          std::string_view action_json) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto rp = activities::role_play(program.value(), activity_id);
        if (!rp.ok()) return json::error_envelope(rp.errors());
        auto state = parse_role_play_state(state_json);
        if (!state.ok()) return json::error_envelope(state.errors());
        if (auto errors = activities::check_state(*rp.value(), state.value()); !errors.empty()) return json::error_envelope(errors);
        auto doc = json::detail::parse_text(action_json, "/action");
        if (!doc.ok()) return json::error_envelope(doc.errors());
        Errors errors;
        std::string type;
        {
            ObjectReader r(doc.value(), "/action", errors);
            if (r.ok()) r.string("type", type, true);
        }
        if (!errors.empty()) return json::error_envelope(errors);
        if (type != "next" && type != "back")
            return json::error_envelope({{"invalid_action", "expected next or back, found \"" + type + "\"", "/action/type"}});
        auto next = activities::step(*rp.value(), state.value(), type == "next");
        if (!next.ok()) return json::error_envelope(next.errors());
        return json::ok_envelope(role_play_state_json(next.value()));
    });
}

std::string role_play_events(std::string_view program_json, std::string_view activity_id, std::string_view state_json,
                             std::string_view ids_json, std::string_view at) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto rp = activities::role_play(program.value(), activity_id);
        if (!rp.ok()) return json::error_envelope(rp.errors());
        auto state = parse_role_play_state(state_json);
        if (!state.ok()) return json::error_envelope(state.errors());
        if (auto errors = activities::check_state(*rp.value(), state.value()); !errors.empty()) return json::error_envelope(errors);
        auto ids = json::parse_string_array(ids_json, "/ids");
        if (!ids.ok()) return json::error_envelope(ids.errors());
        auto when = parse_timestamp(at);
        if (!when) return json::error_envelope({invalid_time(at, "/at")});
        auto events = activities::role_play_events(*rp.value(), state.value(), ids.value(), *when);
        if (!events.ok()) return json::error_envelope(events.errors());
        return json::ok_envelope(json::events_to_json(events.value()));
    });
}

std::string goals_view(std::string_view program_json, std::string_view events_json, std::string_view actor,
                       std::string_view now, std::string_view lang) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        std::vector<Event> events;
        if (events_json.find_first_not_of(" \t\r\n") != std::string_view::npos) {
            auto parsed = json::parse_events(events_json);
            if (!parsed.ok()) return json::error_envelope(located(parsed.errors(), "/events"));
            events = std::move(parsed).value();
        }
        auto when = parse_timestamp(now);
        if (!when) return json::error_envelope({invalid_time(now, "/now")});
        const Program& p = program.value();
        const std::string_view fb = p.default_language;
        Json goals = Json::array();
        for (const auto& g : schedule::goals(p, events, actor, *when)) {
            Json check_ins = Json::array();
            for (const Event* c : g.check_ins)
                check_ins.push_back({{"at", format_timestamp(c->at)}, {"progress", c->progress.value_or(0)},
                                     {"note", c->note.empty() ? Json(nullptr) : Json(c->note)}});
            const Activity* a = p.activity(g.set->activity);
            goals.push_back({{"goal", g.set->goal},
                             {"activity", g.set->activity},
                             {"title", a ? a->title.resolve(lang, fb) : ""},
                             {"text", g.set->text},
                             {"measure", g.set->measure},
                             {"setAt", format_timestamp(g.set->at)},
                             {"progress", g.check_ins.empty() ? Json(nullptr) : Json(g.check_ins.back()->progress.value_or(0))},
                             {"checkIns", std::move(check_ins)},
                             {"cadence", to_string(g.cadence)},
                             {"nextCheckIn", format_timestamp(g.next_check_in)},
                             {"due", g.due}});
        }
        std::vector<const Event*> wins;
        for (const Event& e : events)
            if (e.kind == EventType::WinCelebrated && e.actor == actor) wins.push_back(&e);
        std::stable_sort(wins.begin(), wins.end(), [](const Event* a, const Event* b) { return a->at < b->at; });
        Json w = Json::array();
        for (const Event* e : wins) w.push_back({{"text", e->text}, {"at", format_timestamp(e->at)}});
        return json::ok_envelope(json::detail::dump(Json{{"goals", std::move(goals)}, {"wins", std::move(w)}}));
    });
}

}  // namespace kollega::api

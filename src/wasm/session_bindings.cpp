// The session module (kollega-session.wasm), loaded lazily when a learner opens a session, a
// feedback form, a role-play, the goals or the calendar (docs/sessions.md). Conversion only.
#include <emscripten/bind.h>

#include <string>

#include "json/api.hpp"

namespace {

std::string session_start(const std::string& program, const std::string& activity, const std::string& members,
                          const std::string& events, int number, const std::string& lang, const std::string& now) {
    return kollega::api::session_start(program, activity, members, events, number, lang, now);
}
std::string session_act(const std::string& state, const std::string& action, const std::string& now) {
    return kollega::api::session_act(state, action, now);
}
std::string session_view(const std::string& state, const std::string& now) { return kollega::api::session_view(state, now); }
std::string session_events(const std::string& state, const std::string& ids, const std::string& at) {
    return kollega::api::session_events(state, ids, at);
}

std::string occurrences(const std::string& cadence, const std::string& start, const std::string& tz, int count) {
    return kollega::api::occurrences(cadence, start, tz, count);
}
std::string calendar_ics(const std::string& program, const std::string& request) {
    return kollega::api::calendar_ics(program, request);
}
std::string reminders(const std::string& program, const std::string& request, const std::string& events) {
    return kollega::api::reminders(program, request, events);
}

std::string feedback_form(const std::string& program, const std::string& activity, const std::string& lang) {
    return kollega::api::feedback_form(program, activity, lang);
}
std::string feedback_event(const std::string& program, const std::string& activity, const std::string& answers,
                           const std::string& actor, const std::string& to, const std::string& id, const std::string& at) {
    return kollega::api::feedback_event(program, activity, answers, actor, to, id, at);
}
std::string role_play_view(const std::string& program, const std::string& activity, const std::string& state,
                           const std::string& lang) {
    return kollega::api::role_play_view(program, activity, state, lang);
}
std::string role_play_act(const std::string& program, const std::string& activity, const std::string& state,
                          const std::string& action) {
    return kollega::api::role_play_act(program, activity, state, action);
}
std::string role_play_events(const std::string& program, const std::string& activity, const std::string& state,
                             const std::string& ids, const std::string& at) {
    return kollega::api::role_play_events(program, activity, state, ids, at);
}
std::string goals_view(const std::string& program, const std::string& events, const std::string& actor,
                       const std::string& now, const std::string& lang) {
    return kollega::api::goals_view(program, events, actor, now, lang);
}

}  // namespace

EMSCRIPTEN_BINDINGS(kollega_session) {
    emscripten::function("version", +[]() { return kollega::api::version(); });
    emscripten::function("sessionStart", &session_start);
    emscripten::function("sessionAct", &session_act);
    emscripten::function("sessionView", &session_view);
    emscripten::function("sessionEvents", &session_events);
    emscripten::function("feedbackForm", &feedback_form);
    emscripten::function("feedbackEvent", &feedback_event);
    emscripten::function("rolePlayView", &role_play_view);
    emscripten::function("rolePlayAct", &role_play_act);
    emscripten::function("rolePlayEvents", &role_play_events);
    emscripten::function("goalsView", &goals_view);
    emscripten::function("occurrences", &occurrences);
    emscripten::function("calendarIcs", &calendar_ics);
    emscripten::function("reminders", &reminders);
}

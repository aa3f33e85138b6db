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

}  // namespace

EMSCRIPTEN_BINDINGS(kollega_session) {
    emscripten::function("version", +[]() { return kollega::api::version(); });
    emscripten::function("sessionStart", &session_start);
    emscripten::function("sessionAct", &session_act);
    emscripten::function("sessionView", &session_view);
    emscripten::function("sessionEvents", &session_events);
}

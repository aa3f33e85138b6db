// The api facade of the session runner (docs/sessions.md). Separate from api.cpp so that only
// the session module (kollega-session.wasm) links it.

#include "json/api.hpp"
#include "json/codec.hpp"
#include "json/guarded.hpp"
#include "json/session_codec.hpp"

namespace kollega::api {
namespace {

using json::detail::guarded;
using json::detail::invalid_time;
using json::detail::located;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::string session_start(std::string_view program_json, std::string_view activity_id, std::string_view members_json,
                          std::string_view events_json, int session_number, std::string_view lang, std::string_view now) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto members = json::parse_members(members_json);
        if (!members.ok()) return json::error_envelope(members.errors());
        std::vector<Event> events;
        if (!blank(events_json)) {
            auto parsed = json::parse_events(events_json);
            if (!parsed.ok()) return json::error_envelope(located(parsed.errors(), "/events"));
            events = std::move(parsed).value();
        }
        auto when = parse_timestamp(now);
        if (!when) return json::error_envelope({invalid_time(now, "/now")});
        auto state = session::start_session(program.value(), activity_id, std::move(members).value(), events,
                                            session_number, lang, *when);
        if (!state.ok()) return json::error_envelope(state.errors());
        return json::ok_envelope(json::session_state_to_json(state.value()));
    });
}

std::string session_act(std::string_view state_json, std::string_view action_json, std::string_view now) {
    return guarded([&] {
        auto state = json::parse_session_state(state_json);
        if (!state.ok()) return json::error_envelope(state.errors());
        auto action = json::parse_action(action_json);
        if (!action.ok()) return json::error_envelope(action.errors());
        auto when = parse_timestamp(now);
        if (!when) return json::error_envelope({invalid_time(now, "/now")});
        auto next = session::act(std::move(state).value(), action.value(), *when);
        if (!next.ok()) return json::error_envelope(next.errors());
        return json::ok_envelope(json::session_state_to_json(next.value()));
    });
}

std::string session_view(std::string_view state_json, std::string_view now) {
    return guarded([&] {
        auto state = json::parse_session_state(state_json);
        if (!state.ok()) return json::error_envelope(state.errors());
        auto when = parse_timestamp(now);
        if (!when) return json::error_envelope({invalid_time(now, "/now")});
        return json::ok_envelope(json::session_view_to_json(state.value(), *when));
    });
}

std::string session_events(std::string_view state_json, std::string_view ids_json, std::string_view at) {
    return guarded([&] {
        auto state = json::parse_session_state(state_json);
        if (!state.ok()) return json::error_envelope(state.errors());
        auto ids = json::parse_string_array(ids_json, "/ids");
        if (!ids.ok()) return json::error_envelope(ids.errors());
        auto when = parse_timestamp(at);
        if (!when) return json::error_envelope({invalid_time(at, "/at")});
        auto events = session::session_events(state.value(), ids.value(), *when);
        if (!events.ok()) return json::error_envelope(events.errors());
        return json::ok_envelope(json::events_to_json(events.value()));
    });
}

std::string occurrences(std::string_view cadence, std::string_view start_local, std::string_view tz_json, int count) {
    return guarded([&] {
        Errors errors;
        auto c = parse_cadence(cadence);
        if (!c) errors.push_back(Error::invalid_value("/cadence", "expected weekly, every-2-weeks, every-4-weeks or monthly, found \"" + std::string(cadence) + "\""));
        auto start = tz::parse_local(start_local);
        if (!start) errors.push_back(Error::invalid_value("/start", "expected a local date and time such as \"2026-12-01T12:00\", found \"" + std::string(start_local) + "\""));
        auto zone = json::parse_tz(tz_json, "/tz");
        if (!zone.ok()) errors.insert(errors.end(), zone.errors().begin(), zone.errors().end());
        if (!errors.empty()) return json::error_envelope(errors);
        auto occ = schedule::occurrences(*c, *start, zone.value().second, count);
        if (!occ.ok()) return json::error_envelope(occ.errors());
        return json::ok_envelope(json::occurrences_to_json(occ.value()));
    });
}

std::string calendar_ics(std::string_view program_json, std::string_view request_json) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        std::vector<std::string> none;
        auto req = json::parse_calendar_request(request_json, {}, none);
        if (!req.ok()) return json::error_envelope(req.errors());
        auto ics = calendar::ics_file(program.value(), req.value());
        if (!ics.ok()) return json::error_envelope(located(ics.errors(), "/request"));
        return json::ok_envelope(json::file_to_json(calendar::filename(program.value(), req.value()), "text/calendar", ics.value()));
    });
}

std::string reminders(std::string_view program_json, std::string_view request_json, std::string_view events_json) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        std::vector<std::string> extra;
        auto req = json::parse_calendar_request(request_json, {"actor", "now"}, extra);
        if (!req.ok()) return json::error_envelope(req.errors());
        auto now = parse_timestamp(extra[1]);
        if (!now) return json::error_envelope({invalid_time(extra[1], "/request/now")});
        std::vector<Event> events;
        if (!blank(events_json)) {
            auto parsed = json::parse_events(events_json);
            if (!parsed.ok()) return json::error_envelope(located(parsed.errors(), "/events"));
            events = std::move(parsed).value();
        }
        const Program& p = program.value();
        auto activity = calendar::session_activity(p, req.value().activity);
        if (!activity.ok()) return json::error_envelope(located(activity.errors(), "/request"));
        auto occ = schedule::occurrences(p.cadence, req.value().start, req.value().zone, req.value().count);
        if (!occ.ok()) return json::error_envelope(located(occ.errors(), "/request"));
        const Activity* a = activity.value();
        const int minutes = a && a->minutes > 0 ? a->minutes : 60;
        const auto goals = schedule::goals(p, events, extra[0], *now);
        const auto list = schedule::reminders(occ.value(), minutes, req.value().alarm_minutes, goals, *now);
        const std::string& lang = req.value().lang;
        const std::string meeting = a ? a->title.resolve(lang, p.default_language) : p.title.resolve(lang, p.default_language);
        std::vector<std::string> titles;
        for (const auto& r : list) {
            std::string t = meeting;
            if (r.kind == schedule::ReminderKind::CheckIn)
                for (const auto& g : goals)
                    if (g.set->goal == r.ref) t = g.set->text;
            titles.push_back(t);
        }
        return json::ok_envelope(json::reminders_to_json(list, titles));
    });
}

}  // namespace kollega::api

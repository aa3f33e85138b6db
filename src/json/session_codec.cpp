// The session runner's wire formats (docs/sessions.md): members, actions, the state the caller
// keeps between calls, and the view it renders.
#include "json/session_codec.hpp"

#include "json/codec.hpp"
#include "json/reader.hpp"

namespace kollega::json {
namespace {

using detail::child;
using detail::json;
using detail::ObjectReader;
using namespace kollega::session;

/// A problem in a stored state: where, and what.
struct BadState {
    std::string path;
    std::string message;
};

const json& need(const json& o, const char* key, const std::string& path) {
    if (!o.is_object() || !o.contains(key)) throw BadState{child(path, key), "missing"};
    return o[key];
}
std::string str(const json& o, const char* key, const std::string& path) {
    const json& v = need(o, key, path);
    if (!v.is_string()) throw BadState{child(path, key), "expected a string"};
    return v.get<std::string>();
}
std::int64_t integer(const json& o, const char* key, const std::string& path) {
    const json& v = need(o, key, path);
    if (!v.is_number_integer()) throw BadState{child(path, key), "expected an integer"};
    return v.get<std::int64_t>();
}
bool boolean(const json& o, const char* key, const std::string& path) {
    const json& v = need(o, key, path);
    if (!v.is_boolean()) throw BadState{child(path, key), "expected a boolean"};
    return v.get<bool>();
}
const json& arr(const json& o, const char* key, const std::string& path) {
    const json& v = need(o, key, path);
    if (!v.is_array()) throw BadState{child(path, key), "expected an array"};
    return v;
}
Timestamp time(const json& o, const char* key, const std::string& path) {
    auto t = parse_timestamp(str(o, key, path));
    if (!t) throw BadState{child(path, key), "expected an RFC 3339 time"};
    return *t;
}
template <class E, class Parse>
E wire(const json& o, const char* key, const std::string& path, Parse parse) {
    auto v = parse(str(o, key, path));
    if (!v) throw BadState{child(path, key), "unknown name"};
    return *v;
}
int small(std::int64_t v, const std::string& path, std::int64_t lo, std::int64_t hi) {
    if (v < lo || v > hi) throw BadState{path, "out of range"};
    return static_cast<int>(v);
}

json plans_json(const std::vector<Plan>& plans) {
    json a = json::array();
    for (const Plan& p : plans) a.push_back({{"member", p.member}, {"text", p.text}, {"at", format_timestamp(p.at)}});
    return a;
}
std::vector<Plan> read_plans(const json& a, const std::string& path) {
    std::vector<Plan> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string p = child(path, i);
        out.push_back({str(a[i], "member", p), str(a[i], "text", p), time(a[i], "at", p)});
    }
    return out;
}
std::string name_of(const SessionState& s, const std::string& id) {
    for (const Member& m : s.members)
        if (m.id == id) return m.name;
    return id;
}
json nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

Result<std::vector<Member>> parse_members(std::string_view text) {
    auto doc = detail::parse_text(text, "/members");
    if (!doc.ok()) return doc.errors();
    const json& j = doc.value();
    if (!j.is_array()) return Error::type_error("/members", "an array", detail::type_name(j));
    Errors errors;
    std::vector<Member> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        Member m;
        ObjectReader r(j[i], child("/members", i), errors);
        if (r.ok()) {
            r.id("id", m.id, true);
            r.string("name", m.name, false);
        }
        out.push_back(std::move(m));
    }
    if (!errors.empty()) return errors;
    return out;
}

Result<Action> parse_action(std::string_view text) {
    auto doc = detail::parse_text(text, "/action");
    if (!doc.ok()) return doc.errors();
    Errors errors;
    Action a;
    {
        ObjectReader r(doc.value(), "/action", errors);
        if (!r.ok()) return errors;
        std::string type;
        if (r.string("type", type, true)) {
            if (auto t = parse_action_type(type)) a.type = *t;
            else errors.push_back({"invalid_action", "expected one of start, pause, resume, next, skip, extend, end, plan, found \"" + type + "\"", "/action/type"});
        }
        if (errors.empty() && a.type == Action::Type::Extend) r.integer("minutes", a.minutes, true, 1, 60);
        if (errors.empty() && a.type == Action::Type::Plan) {
            r.id("member", a.member, true);
            r.string("text", a.text, true);
        }
    }
    if (!errors.empty()) return errors;
    return a;
}

Result<SessionState> parse_session_state(std::string_view text) {
    auto doc = detail::parse_text(text, "/state");
    if (!doc.ok()) return doc.errors();
    const json& j = doc.value();
    try {
        const std::string p;
        if (integer(j, "v", p) != 1) throw BadState{"/v", "expected version 1"};
        SessionState s;
        s.program = str(j, "program", p);
        s.activity = str(j, "activity", p);
        s.lang = str(j, "lang", p);
        s.title = str(j, "title", p);
        s.session_number = small(integer(j, "sessionNumber", p), "/sessionNumber", 1, 1000000);
        s.minutes = small(integer(j, "minutes", p), "/minutes", 0, 100000);
        const json& members = arr(j, "members", p);
        for (std::size_t i = 0; i < members.size(); ++i)
            s.members.push_back({str(members[i], "id", child("/members", i)), str(members[i], "name", child("/members", i))});
        if (s.members.empty() || s.members.size() > 8) throw BadState{"/members", "expected 1 to 8 members"};
        const json& roles = arr(j, "roles", p);
        for (std::size_t i = 0; i < roles.size(); ++i) {
            auto r = roles[i].is_string() ? parse_session_role(roles[i].get<std::string>()) : std::nullopt;
            if (!r) throw BadState{child("/roles", i), "unknown role"};
            s.roles.push_back(*r);
        }
        s.rotate_roles = boolean(j, "rotateRoles", p);
        for (const auto& q : arr(j, "questions", p)) s.questions.push_back(q.is_string() ? q.get<std::string>() : "");
        s.show_ground_rules = boolean(j, "showGroundRules", p);
        for (const auto& m : arr(j, "rulesPending", p)) s.rules_pending.push_back(m.is_string() ? m.get<std::string>() : "");
        for (const auto& r : arr(j, "rules", p)) s.rules.push_back(r.is_string() ? r.get<std::string>() : "");
        s.confidentiality = str(j, "confidentiality", p);
        s.previous_plans = read_plans(arr(j, "previousPlans", p), "/previousPlans");
        s.plans = read_plans(arr(j, "plans", p), "/plans");
        const json& slots = arr(j, "slots", p);
        for (std::size_t i = 0; i < slots.size(); ++i) {
            const std::string sp = child("/slots", i);
            Slot slot;
            slot.phase = str(slots[i], "phase", sp);
            slot.kind = wire<Phase>(slots[i], "kind", sp, parse_phase);
            slot.title = str(slots[i], "title", sp);
            slot.focus = str(slots[i], "focus", sp);
            slot.box_seconds = integer(slots[i], "boxSeconds", sp);
            slot.extended_seconds = integer(slots[i], "extendedSeconds", sp);
            slot.used_ms = integer(slots[i], "usedMs", sp);
            slot.state = wire<SlotState>(slots[i], "state", sp, parse_slot_state);
            if (slot.box_seconds < 0 || slot.extended_seconds < 0 || slot.used_ms < 0) throw BadState{sp, "negative time"};
            s.slots.push_back(std::move(slot));
        }
        s.status = wire<Status>(j, "status", p, parse_status);
        s.current = small(integer(j, "current", p), "/current", -1, static_cast<std::int64_t>(s.slots.size()) - 1);
        if ((s.status == Status::Running || s.status == Status::Paused) && s.current < 0)
            throw BadState{"/current", "a running session needs a current slot"};
        s.since = time(j, "since", p);
        s.last = time(j, "last", p);
        return s;
    } catch (const BadState& b) {
        return Error{"invalid_state", "not a session state this core wrote: " + b.message + " at " + (b.path.empty() ? "/" : b.path),
                     "/state" + b.path};
    }
}

std::string session_state_to_json(const SessionState& s) {
    json members = json::array();
    for (const Member& m : s.members) members.push_back({{"id", m.id}, {"name", m.name}});
    json roles = json::array();
    for (SessionRole r : s.roles) roles.push_back(to_string(r));
    json slots = json::array();
    for (const Slot& x : s.slots)
        slots.push_back({{"phase", x.phase}, {"kind", to_string(x.kind)}, {"title", x.title}, {"focus", x.focus},
                         {"boxSeconds", x.box_seconds}, {"extendedSeconds", x.extended_seconds}, {"usedMs", x.used_ms},
                         {"state", to_string(x.state)}});
    json j = {{"v", 1},
              {"program", s.program},
              {"activity", s.activity},
              {"lang", s.lang},
              {"title", s.title},
              {"sessionNumber", s.session_number},
              {"minutes", s.minutes},
              {"members", std::move(members)},
              {"roles", std::move(roles)},
              {"rotateRoles", s.rotate_roles},
              {"questions", s.questions},
              {"showGroundRules", s.show_ground_rules},
              {"rulesPending", s.rules_pending},
              {"rules", s.rules},
              {"confidentiality", s.confidentiality},
              {"previousPlans", plans_json(s.previous_plans)},
              {"plans", plans_json(s.plans)},
              {"slots", std::move(slots)},
              {"status", to_string(s.status)},
              {"current", s.current},
              {"since", format_timestamp(s.since)},
              {"last", format_timestamp(s.last)}};
    return detail::dump(j);
}

std::string session_view_to_json(const SessionState& s, Timestamp now) {
    if (now < s.last) now = s.last;
    auto slot_json = [&](int i) {
        const Slot& x = s.slots[static_cast<std::size_t>(i)];
        const std::int64_t box = x.box_seconds + x.extended_seconds;
        const std::int64_t elapsed = slot_elapsed_seconds(s, i, now);
        return json{{"index", i},
                    {"phase", x.phase},
                    {"kind", to_string(x.kind)},
                    {"title", x.title},
                    {"focus", nullable(x.focus)},
                    {"focusName", x.focus.empty() ? json(nullptr) : json(name_of(s, x.focus))},
                    {"boxSeconds", box},
                    {"elapsedSeconds", elapsed},
                    {"remainingSeconds", std::max<std::int64_t>(0, box - elapsed)},
                    {"overtimeSeconds", std::max<std::int64_t>(0, elapsed - box)},
                    {"overtime", to_string(overtime_level(box, elapsed))}};
    };
    const bool live = s.status == Status::Running || s.status == Status::Paused;
    json current = live ? slot_json(s.current) : json(nullptr);
    json next = nullptr;
    const int ni = s.status == Status::Ready ? 0 : (live ? s.current + 1 : -1);
    if (ni >= 0 && ni < static_cast<int>(s.slots.size())) {
        const Slot& x = s.slots[static_cast<std::size_t>(ni)];
        next = {{"title", x.title}, {"kind", to_string(x.kind)}, {"focus", nullable(x.focus)},
                {"focusName", x.focus.empty() ? json(nullptr) : json(name_of(s, x.focus))}};
    }
    json slots = json::array();
    std::int64_t planned = 0;
    std::int64_t elapsed_total = 0;
    for (int i = 0; i < static_cast<int>(s.slots.size()); ++i) {
        const Slot& x = s.slots[static_cast<std::size_t>(i)];
        const std::int64_t used = slot_elapsed_seconds(s, i, now);
        planned += x.box_seconds;
        elapsed_total += used;
        slots.push_back({{"phase", x.phase}, {"kind", to_string(x.kind)}, {"title", x.title}, {"focus", nullable(x.focus)},
                         {"boxSeconds", x.box_seconds + x.extended_seconds}, {"usedSeconds", used},
                         {"state", to_string(x.state)}});
    }
    json roles = json::array();
    const auto held = roles_at(s, live ? s.current : -1);
    for (std::size_t i = 0; i < s.members.size(); ++i)
        roles.push_back({{"member", s.members[i].id}, {"name", s.members[i].name},
                         {"role", held[i] ? json(to_string(*held[i])) : json(nullptr)}});
    const bool coaching = live && s.slots[static_cast<std::size_t>(s.current)].kind == Phase::Coaching;
    const bool check_in = s.status == Status::Ready || (live && s.slots[static_cast<std::size_t>(s.current)].kind == Phase::CheckIn);
    json previous = json::array();
    if (check_in)
        for (const Plan& p : s.previous_plans)
            previous.push_back({{"member", p.member}, {"name", name_of(s, p.member)}, {"text", p.text}, {"at", format_timestamp(p.at)}});
    json plans = json::array();
    for (const Plan& p : s.plans) plans.push_back({{"member", p.member}, {"name", name_of(s, p.member)}, {"text", p.text}});
    json fair = json::array();
    std::int64_t total_focus = 0;
    for (const FairTime& f : fair_time(s, now)) {
        total_focus += f.focus_seconds;
        fair.push_back({{"member", f.member}, {"name", name_of(s, f.member)}, {"focusSeconds", f.focus_seconds},
                        {"shareSeconds", f.share_seconds}, {"differenceSeconds", f.difference_seconds},
                        {"percentOfShare", f.percent_of_share}});
    }
    json ground = nullptr;
    if (s.show_ground_rules && s.status == Status::Ready) {
        json pending = json::array();
        for (const std::string& m : s.rules_pending) pending.push_back({{"member", m}, {"name", name_of(s, m)}});
        ground = {{"rules", s.rules}, {"confidentiality", s.confidentiality}, {"pending", std::move(pending)}};
    }
    json v = {{"status", to_string(s.status)},
              {"title", s.title},
              {"sessionNumber", s.session_number},
              {"current", std::move(current)},
              {"next", std::move(next)},
              {"slots", std::move(slots)},
              {"roles", std::move(roles)},
              {"questions", coaching ? json(s.questions) : json::array()},
              {"groundRules", std::move(ground)},
              {"previousPlans", std::move(previous)},
              {"plans", std::move(plans)},
              {"plannedSeconds", planned},
              {"elapsedSeconds", elapsed_total},
              {"fairTime", {{"totalFocusSeconds", total_focus}, {"members", std::move(fair)}}},
              {"eventsNeeded", events_needed(s)}};
    return detail::dump(v);
}

Result<std::vector<std::string>> parse_string_array(std::string_view text, const std::string& where) {
    auto doc = detail::parse_text(text, where);
    if (!doc.ok()) return doc.errors();
    const json& j = doc.value();
    if (!j.is_array()) return Error::type_error(where, "an array", detail::type_name(j));
    Errors errors;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_string()) errors.push_back(Error::type_error(child(where, i), "a string", detail::type_name(j[i])));
        else out.push_back(j[i].get<std::string>());
    }
    if (!errors.empty()) return errors;
    return out;
}

namespace {

/// Reads a zone object with an ObjectReader already open on it.
void read_zone(const json& j, const std::string& path, std::string& name, tz::Zone& zone, Errors& errors) {
    ObjectReader r(j, path, errors);
    if (!r.ok()) return;
    std::string rule;
    r.id("name", name, true);
    if (r.string("rule", rule, true)) {
        auto z = tz::parse_zone(rule);
        if (!z.ok()) {
            for (Error e : z.errors()) {
                e.path = r.at("rule");
                errors.push_back(std::move(e));
            }
        } else {
            zone = z.value();
        }
    }
}

}  // namespace

Result<std::pair<std::string, tz::Zone>> parse_tz(std::string_view text, const std::string& where) {
    auto doc = detail::parse_text(text, where);
    if (!doc.ok()) return doc.errors();
    Errors errors;
    std::pair<std::string, tz::Zone> out;
    read_zone(doc.value(), where, out.first, out.second, errors);
    if (!errors.empty()) return errors;
    return out;
}

Result<calendar::Request> parse_calendar_request(std::string_view text, const std::vector<std::string>& extra_keys,
                                                 std::vector<std::string>& extra_values) {
    auto doc = detail::parse_text(text, "/request");
    if (!doc.ok()) return doc.errors();
    Errors errors;
    calendar::Request req;
    {
        ObjectReader r(doc.value(), "/request", errors);
        if (!r.ok()) return errors;
        r.string("activity", req.activity, false);
        r.string("group", req.group, false);
        std::string start;
        if (r.string("start", start, true)) {
            if (auto t = tz::parse_local(start)) req.start = *t;
            else errors.push_back(Error::invalid_value(r.at("start"), "expected a local date and time such as \"2026-12-01T12:00\", found \"" + start + "\""));
        }
        if (const json* z = r.member("tz", true)) read_zone(*z, r.at("tz"), req.tzid, req.zone, errors);
        r.integer("count", req.count, true, 1, 520);
        std::string stamp;
        if (r.string("dtstamp", stamp, true)) {
            if (auto t = parse_timestamp(stamp)) req.dtstamp = *t;
            else errors.push_back({"invalid_time", "expected an RFC 3339 time, found \"" + stamp + "\"", r.at("dtstamp")});
        }
        r.string("lang", req.lang, false);
        if (const json* alarms = r.array("alarmMinutes", false, 0, "minutes")) {
            req.alarm_minutes.clear();
            for (std::size_t i = 0; i < alarms->size(); ++i) {
                auto n = detail::as_integer((*alarms)[i]);
                if (!n || *n < 0 || *n > 40320)
                    errors.push_back(Error::invalid_value(child(r.at("alarmMinutes"), i), "expected 0 to 40320 minutes"));
                else req.alarm_minutes.push_back(static_cast<int>(*n));
            }
        }
        extra_values.assign(extra_keys.size(), "");
        for (std::size_t i = 0; i < extra_keys.size(); ++i) r.string(extra_keys[i], extra_values[i], true);
    }
    if (!errors.empty()) return errors;
    return req;
}

std::string file_to_json(const std::string& filename, const std::string& mime_type, const std::string& content) {
    return detail::dump(json{{"filename", filename}, {"mimeType", mime_type}, {"content", content}});
}

std::string occurrences_to_json(const std::vector<schedule::Occurrence>& occurrences) {
    json a = json::array();
    for (const auto& o : occurrences)
        a.push_back({{"local", tz::format_local(o.local)}, {"start", format_timestamp(o.start)}, {"offsetMinutes", o.offset_minutes}});
    return detail::dump(a);
}

std::string reminders_to_json(const std::vector<schedule::Reminder>& reminders, const std::vector<std::string>& titles) {
    json a = json::array();
    for (std::size_t i = 0; i < reminders.size(); ++i) {
        const auto& r = reminders[i];
        a.push_back({{"kind", schedule::to_string(r.kind)}, {"at", format_timestamp(r.at)}, {"about", format_timestamp(r.about)},
                     {"ref", nullable(r.ref)}, {"title", i < titles.size() ? titles[i] : ""}});
    }
    return detail::dump(json{{"reminders", std::move(a)}});
}

std::string events_to_json(const std::vector<Event>& events) {
    std::string out = R"({"events":[)";
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (i) out += ',';
        out += event_to_json(events[i]);
    }
    out += "]}";
    return out;
}

}  // namespace kollega::json

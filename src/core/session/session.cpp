#include "core/session/session.hpp"

#include <algorithm>
#include <array>

namespace kollega::session {
namespace {

constexpr std::array<SessionRole, 4> kRoleOrder{SessionRole::Coachee, SessionRole::Coach, SessionRole::Observer,
                                                SessionRole::Timekeeper};

Error not_allowed(std::string_view action, Status status) {
    return {"action_not_allowed",
            "\"" + std::string(action) + "\" is not possible while the session is " + std::string(to_string(status)),
            "/action/type"};
}

std::string_view action_name(Action::Type t) {
    switch (t) {
        case Action::Type::Start: return "start";
        case Action::Type::Pause: return "pause";
        case Action::Type::Resume: return "resume";
        case Action::Type::Next: return "next";
        case Action::Type::Skip: return "skip";
        case Action::Type::Extend: return "extend";
        case Action::Type::End: return "end";
        case Action::Type::Plan: return "plan";
    }
    return "";
}

/// Adds the running time up to `now` to the current slot and moves the clock on. A `now`
/// earlier than the last time seen counts as no time passing.
void settle(SessionState& s, Timestamp now) {
    if (now < s.last) now = s.last;
    if (s.status == Status::Running && s.current >= 0 && now > s.since)
        s.slots[static_cast<std::size_t>(s.current)].used_ms += now.ms - s.since.ms;
    s.since = now;
    s.last = now;
}

/// Closes the current slot as `how` and starts the next (or ends the session).
void advance(SessionState& s, SlotState how) {
    s.slots[static_cast<std::size_t>(s.current)].state = how;
    if (s.current + 1 >= static_cast<int>(s.slots.size())) {
        s.status = Status::Ended;
        return;
    }
    ++s.current;
    s.slots[static_cast<std::size_t>(s.current)].state = SlotState::Current;
    s.status = Status::Running;
}

int member_index(const SessionState& s, std::string_view id) {
    for (std::size_t i = 0; i < s.members.size(); ++i)
        if (s.members[i].id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace

std::string_view to_string(SlotState s) {
    switch (s) {
        case SlotState::Pending: return "pending";
        case SlotState::Current: return "current";
        case SlotState::Done: return "done";
        case SlotState::Skipped: return "skipped";
    }
    return "pending";
}

std::string_view to_string(Status s) {
    switch (s) {
        case Status::Ready: return "ready";
        case Status::Running: return "running";
        case Status::Paused: return "paused";
        case Status::Ended: return "ended";
    }
    return "ready";
}

std::optional<SlotState> parse_slot_state(std::string_view s) {
    for (SlotState v : {SlotState::Pending, SlotState::Current, SlotState::Done, SlotState::Skipped})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

std::optional<Status> parse_status(std::string_view s) {
    for (Status v : {Status::Ready, Status::Running, Status::Paused, Status::Ended})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

std::optional<Action::Type> parse_action_type(std::string_view s) {
    for (Action::Type t : {Action::Type::Start, Action::Type::Pause, Action::Type::Resume, Action::Type::Next,
                           Action::Type::Skip, Action::Type::Extend, Action::Type::End, Action::Type::Plan})
        if (action_name(t) == s) return t;
    return std::nullopt;
}

std::string_view to_string(Overtime o) {
    switch (o) {
        case Overtime::None: return "none";
        case Overtime::Gentle: return "gentle";
        case Overtime::Strong: return "strong";
    }
    return "none";
}

Result<SessionState> start_session(const Program& program, std::string_view activity_id, std::vector<Member> members,
                                   const std::vector<Event>& events, int session_number, std::string_view lang,
                                   Timestamp now) {
    const Activity* a = program.activity(activity_id);
    if (!a || a->kind != ActivityKind::Session)
        return Error{"unknown_activity", "the program has no session activity \"" + std::string(activity_id) + "\"",
                     "/activityId"};
    Errors errors;
    if (members.size() < 2 || members.size() > 8)
        errors.push_back(Error::invalid_value("/members", "expected 2 to 8 members, found " + std::to_string(members.size())));
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (members[i].id.empty()) errors.push_back(Error::invalid_value("/members/" + std::to_string(i) + "/id", "expected a learner id, found an empty string"));
        for (std::size_t j = 0; j < i; ++j)
            if (!members[i].id.empty() && members[j].id == members[i].id)
                errors.push_back(Error::duplicate_id("/members/" + std::to_string(i) + "/id", members[i].id));
        if (members[i].name.empty()) members[i].name = members[i].id;
    }
    if (session_number < 1)
        errors.push_back(Error::invalid_value("/sessionNumber", "expected a session number of at least 1, found " + std::to_string(session_number)));
    if (!errors.empty()) return errors;

    const std::string_view fallback = program.default_language;
    SessionState s;
    s.program = program.id;
    s.activity = a->id;
    s.lang = std::string(lang);
    s.title = a->title.resolve(lang, fallback);
    s.session_number = session_number;
    s.minutes = a->minutes;
    s.members = std::move(members);
    for (SessionRole r : kRoleOrder)
        if (std::find(a->session_roles.begin(), a->session_roles.end(), r) != a->session_roles.end()) s.roles.push_back(r);
    s.rotate_roles = a->rotate_roles;
    for (const auto& q : a->questions) s.questions.push_back(q.resolve(lang, fallback));
    if (program.ground_rules) {
        for (const Member& m : s.members)
            if (std::none_of(events.begin(), events.end(), [&](const Event& e) {
                    return e.kind == EventType::GroundRulesAgreed && e.actor == m.id;
                }))
                s.rules_pending.push_back(m.id);
        s.show_ground_rules = !s.rules_pending.empty();
        for (const auto& r : program.ground_rules->rules) s.rules.push_back(r.resolve(lang, fallback));
        s.confidentiality = program.ground_rules->confidentiality.resolve(lang, fallback);
    }
    // The latest action plan of each member, by (at, id).
    for (const Member& m : s.members) {
        const Event* latest = nullptr;
        for (const Event& e : events)
            if (e.kind == EventType::ActionPlanWritten && e.actor == m.id &&
                (!latest || e.at > latest->at || (e.at == latest->at && e.id > latest->id)))
                latest = &e;
        if (latest) s.previous_plans.push_back({m.id, latest->text, latest->at});
    }
    const auto n = static_cast<int>(s.members.size());
    const int first = (session_number - 1) % n;
    for (const AgendaPhase& p : a->agenda) {
        const std::string title = p.title.resolve(lang, fallback);
        if (!p.per_person) {
            s.slots.push_back({p.id, p.phase, title, "", std::int64_t{p.minutes} * 60, 0, 0, SlotState::Pending});
            continue;
        }
        const int turn = std::max(turn_minutes(p, n), a->min_turn_minutes);
        for (int k = 0; k < n; ++k)
            s.slots.push_back({p.id, p.phase, title, s.members[static_cast<std::size_t>((first + k) % n)].id,
                               std::int64_t{turn} * 60, 0, 0, SlotState::Pending});
    }
    s.since = now;
    s.last = now;
    return s;
}

Result<SessionState> act(SessionState s, const Action& action, Timestamp now) {
    settle(s, now);
    const bool live = s.status == Status::Running || s.status == Status::Paused;
    switch (action.type) {
        case Action::Type::Start:
            if (s.status != Status::Ready) return not_allowed("start", s.status);
            if (s.slots.empty()) {
                s.status = Status::Ended;
                break;
            }
            s.current = 0;
            s.slots[0].state = SlotState::Current;
            s.status = Status::Running;
            break;
        case Action::Type::Pause:
            if (s.status != Status::Running) return not_allowed("pause", s.status);
            s.status = Status::Paused;
            break;
        case Action::Type::Resume:
            if (s.status != Status::Paused) return not_allowed("resume", s.status);
            s.status = Status::Running;
            break;
        case Action::Type::Next:
        case Action::Type::Skip:
            if (!live) return not_allowed(action_name(action.type), s.status);
            advance(s, action.type == Action::Type::Next ? SlotState::Done : SlotState::Skipped);
            break;
        case Action::Type::Extend:
            if (!live) return not_allowed("extend", s.status);
            if (action.minutes < 1 || action.minutes > 60)
                return Error::invalid_value("/action/minutes", "expected 1 to 60 minutes, found " + std::to_string(action.minutes));
            s.slots[static_cast<std::size_t>(s.current)].extended_seconds += std::int64_t{action.minutes} * 60;
            break;
        case Action::Type::End:
            if (s.status == Status::Ended) return not_allowed("end", s.status);
            for (Slot& slot : s.slots)
                if (slot.state == SlotState::Pending) slot.state = SlotState::Skipped;
            if (s.current >= 0 && s.slots[static_cast<std::size_t>(s.current)].state == SlotState::Current)
                s.slots[static_cast<std::size_t>(s.current)].state = SlotState::Done;
            s.status = Status::Ended;
            break;
        case Action::Type::Plan: {
            if (member_index(s, action.member) < 0)
                return Error{"unknown_member", "\"" + action.member + "\" is not a member of this session", "/action/member"};
            auto it = std::find_if(s.plans.begin(), s.plans.end(), [&](const Plan& p) { return p.member == action.member; });
            if (action.text.empty()) {
                if (it != s.plans.end()) s.plans.erase(it);
            } else if (it != s.plans.end()) {
                it->text = action.text;
                it->at = s.last;
            } else {
                s.plans.push_back({action.member, action.text, s.last});
                // Keep member order, so the events come out in a stable order.
                std::stable_sort(s.plans.begin(), s.plans.end(), [&](const Plan& x, const Plan& y) {
                    return member_index(s, x.member) < member_index(s, y.member);
                });
            }
            break;
        }
    }
    return s;
}

std::vector<std::optional<SessionRole>> roles_at(const SessionState& s, int slot) {
    const auto n = static_cast<int>(s.members.size());
    const auto k = static_cast<int>(s.roles.size());
    const bool has_observer = std::find(s.roles.begin(), s.roles.end(), SessionRole::Observer) != s.roles.end();
    int anchor = 0;
    if (s.rotate_roles && n > 0) {
        anchor = (s.session_number - 1) % n;
        if (slot >= 0 && slot < static_cast<int>(s.slots.size()) && !s.slots[static_cast<std::size_t>(slot)].focus.empty())
            anchor = std::max(0, member_index(s, s.slots[static_cast<std::size_t>(slot)].focus));
    }
    std::vector<std::optional<SessionRole>> out;
    for (int i = 0; i < n; ++i) {
        const int d = ((i - anchor) % n + n) % n;
        if (d < k) out.emplace_back(s.roles[static_cast<std::size_t>(d)]);
        else if (has_observer) out.emplace_back(SessionRole::Observer);
        else out.emplace_back(std::nullopt);
    }
    return out;
}

std::int64_t slot_elapsed_seconds(const SessionState& s, int index, Timestamp now) {
    if (index < 0 || index >= static_cast<int>(s.slots.size())) return 0;
    std::int64_t ms = s.slots[static_cast<std::size_t>(index)].used_ms;
    if (s.status == Status::Running && index == s.current && now > s.since) ms += now.ms - s.since.ms;
    return ms / 1000;
}

Overtime overtime_level(std::int64_t box, std::int64_t elapsed) {
    const std::int64_t over = elapsed - box;
    if (over <= 0) return Overtime::None;
    return over >= std::max<std::int64_t>(60, box / 5) ? Overtime::Strong : Overtime::Gentle;
}

std::vector<FairTime> fair_time(const SessionState& s, Timestamp now) {
    std::vector<FairTime> out;
    std::int64_t total = 0;
    for (const Member& m : s.members) {
        FairTime f;
        f.member = m.id;
        std::int64_t ms = 0;
        for (std::size_t i = 0; i < s.slots.size(); ++i)
            if (s.slots[i].focus == m.id) {
                ms += s.slots[i].used_ms;
                if (s.status == Status::Running && static_cast<int>(i) == s.current && now > s.since) ms += now.ms - s.since.ms;
            }
        f.focus_seconds = ms / 1000;
        total += f.focus_seconds;
        out.push_back(std::move(f));
    }
    const auto n = static_cast<std::int64_t>(out.size());
    for (FairTime& f : out) {
        f.share_seconds = n == 0 ? 0 : total / n;
        f.difference_seconds = f.focus_seconds - f.share_seconds;
        // focus / (total / n) × 100, rounded half up, in integers.
        f.percent_of_share = total == 0 ? 100 : static_cast<int>((f.focus_seconds * n * 200 + total) / (2 * total));
    }
    return out;
}

int events_needed(const SessionState& s) { return static_cast<int>(s.members.size() + s.plans.size()); }

Result<std::vector<Event>> session_events(const SessionState& s, const std::vector<std::string>& ids, Timestamp at) {
    if (s.status != Status::Ended)
        return Error{"session_not_ended", "the session is " + std::string(to_string(s.status)) + "; end it first", "/state/status"};
    const auto needed = static_cast<std::size_t>(events_needed(s));
    if (ids.size() < needed)
        return Error{"not_enough_ids", "expected at least " + std::to_string(needed) + " event ids, found " + std::to_string(ids.size()), "/ids"};
    Errors errors;
    for (std::size_t i = 0; i < needed; ++i)
        if (!is_uuid(ids[i])) errors.push_back(Error::invalid_value("/ids/" + std::to_string(i), "expected a UUID, found \"" + ids[i] + "\""));
    if (!errors.empty()) return errors;
    const auto fair = fair_time(s, s.last);
    std::vector<Event> out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < s.members.size(); ++i) {
        Event e;
        e.id = ids[next++];
        e.actor = s.members[i].id;
        e.type = std::string(to_string(EventType::SessionAttended));
        e.kind = EventType::SessionAttended;
        e.at = at;
        e.visibility = Visibility::Gradebook;
        e.activity = s.activity;
        e.speaking_seconds = {{s.members[i].id, static_cast<long long>(fair[i].focus_seconds)}};
        out.push_back(std::move(e));
    }
    for (const Plan& p : s.plans) {
        Event e;
        e.id = ids[next++];
        e.actor = p.member;
        e.type = std::string(to_string(EventType::ActionPlanWritten));
        e.kind = EventType::ActionPlanWritten;
        e.at = at;
        e.visibility = Visibility::Group;
        e.activity = s.activity;
        e.text = p.text;
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace kollega::session

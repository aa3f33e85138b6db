#include "core/session/schedule.hpp"

#include <algorithm>

namespace kollega::schedule {
namespace {

int step_days(Cadence c) {
    switch (c) {
        case Cadence::Weekly: return 7;
        case Cadence::Every2Weeks: return 14;
        case Cadence::Every4Weeks: return 28;
        case Cadence::Monthly: return 0;
    }
    return 14;
}

}  // namespace

Result<std::vector<Occurrence>> occurrences(Cadence cadence, const tz::LocalDateTime& start, const tz::Zone& zone, int count) {
    if (count < 1 || count > 520)
        return Error::invalid_value("/count", "expected 1 to 520 meetings, found " + std::to_string(count));
    std::vector<Occurrence> out;
    const std::int64_t base = tz::local_seconds(start);
    for (int k = 0; static_cast<int>(out.size()) < count; ++k) {
        tz::LocalDateTime local = start;
        if (cadence == Cadence::Monthly) {
            const int months = start.month - 1 + k;
            local.year = start.year + months / 12;
            local.month = months % 12 + 1;
            if (start.day > tz::month_days(local.year, local.month)) continue;  // no such day this month
        } else {
            local = tz::from_local_seconds(base + std::int64_t{k} * step_days(cadence) * 86400);
        }
        const std::int64_t utc = tz::to_utc(zone, tz::local_seconds(local));
        out.push_back({local, Timestamp{utc * 1000}, tz::offset_at(zone, utc) / 60});
    }
    return out;
}

Timestamp next_due(Cadence cadence, Timestamp from) {
    if (cadence != Cadence::Monthly) return Timestamp{from.ms + std::int64_t{step_days(cadence)} * 86'400'000};
    const std::int64_t ms_in_day = ((from.ms % 86'400'000) + 86'400'000) % 86'400'000;
    const std::int64_t sec = (from.ms - ms_in_day) / 1000;
    tz::LocalDateTime d = tz::from_local_seconds(sec);
    d.month += 1;
    if (d.month > 12) {
        d.month = 1;
        d.year += 1;
    }
    d.day = std::min(d.day, tz::month_days(d.year, d.month));
    return Timestamp{tz::local_seconds(d) * 1000 + ms_in_day};
}

std::vector<GoalStatus> goals(const Program& program, const std::vector<Event>& events, std::string_view actor, Timestamp now) {
    std::vector<const Event*> mine;
    for (const Event& e : events)
        if (e.actor == actor && (e.kind == EventType::GoalSet || e.kind == EventType::GoalCheckedIn)) mine.push_back(&e);
    std::stable_sort(mine.begin(), mine.end(), [](const Event* a, const Event* b) {
        return a->at < b->at || (a->at == b->at && a->id < b->id);
    });
    std::vector<GoalStatus> out;
    for (const Event* e : mine) {
        if (e->kind == EventType::GoalSet) {
            const Activity* a = program.activity(e->activity);
            if (!a || a->kind != ActivityKind::Goal) continue;
            if (std::any_of(out.begin(), out.end(), [&](const GoalStatus& g) { return g.set->goal == e->goal; })) continue;
            GoalStatus g;
            g.set = e;
            g.cadence = a->check_in.value_or(program.cadence);
            out.push_back(std::move(g));
        } else {
            for (GoalStatus& g : out)
                if (g.set->goal == e->goal) g.check_ins.push_back(e);
        }
    }
    for (GoalStatus& g : out) {
        const Timestamp from = g.check_ins.empty() ? g.set->at : g.check_ins.back()->at;
        g.next_check_in = next_due(g.cadence, from);
        g.due = now >= g.next_check_in;
    }
    return out;
}

std::string_view to_string(ReminderKind k) {
    switch (k) {
        case ReminderKind::Session: return "session";
        case ReminderKind::Feedback: return "feedback";
        case ReminderKind::CheckIn: return "check-in";
    }
    return "session";
}

std::vector<Reminder> reminders(const std::vector<Occurrence>& meetings, int session_minutes,
                                const std::vector<int>& before_minutes, const std::vector<GoalStatus>& goals,
                                Timestamp now) {
    std::vector<Reminder> out;
    for (const Occurrence& o : meetings) {
        for (int m : before_minutes)
            out.push_back({ReminderKind::Session, Timestamp{o.start.ms - std::int64_t{m} * 60'000}, o.start, ""});
        out.push_back({ReminderKind::Feedback, Timestamp{o.start.ms + std::int64_t{session_minutes} * 60'000}, o.start, ""});
    }
    for (const GoalStatus& g : goals) out.push_back({ReminderKind::CheckIn, g.next_check_in, g.next_check_in, g.set->goal});
    // Past meeting reminders go; a check-in that is already due stays (it is overdue, not past).
    std::erase_if(out, [&](const Reminder& r) { return r.kind != ReminderKind::CheckIn && r.at < now; });
    std::stable_sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) { return a.at < b.at; });
    return out;
}

}  // namespace kollega::schedule

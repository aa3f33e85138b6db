#include "core/session/calendar.hpp"

#include <array>

#include "core/session/ics.hpp"

namespace kollega::calendar {
namespace {

/// A word in the four languages of Kollega (en, sv, nb, nl), English otherwise.
std::string word(std::string_view lang, const std::array<const char*, 4>& w) {
    for (std::size_t i = 0; i < 4; ++i)
        if (lang.substr(0, 2) == kLanguages[i]) return w[i];
    return w[0];
}

std::uint32_t be32(std::string_view b, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

/// "20261201T120000".
std::string compact(const tz::LocalDateTime& t) {
    std::string out;
    for (char c : tz::format_local(t))
        if (c != '-' && c != ':') out += c;
    return out;
}

}  // namespace

Result<const Activity*> session_activity(const Program& program, std::string_view activity) {
    if (activity.empty()) {
        for (const Activity& a : program.activities)
            if (a.kind == ActivityKind::Session) return &a;
        return static_cast<const Activity*>(nullptr);
    }
    const Activity* a = program.activity(activity);
    if (!a || a->kind != ActivityKind::Session)
        return Error{"unknown_activity", "the program has no session activity \"" + std::string(activity) + "\"", "/activity"};
    return a;
}

std::string filename(const Program& program, const Request& r) {
    std::string name = program.id + (r.group.empty() ? "" : "-" + r.group);
    for (char& c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) c = '-';
    return name + ".ics";
}

Result<std::string> ics_file(const Program& program, const Request& r) {
    auto activity = session_activity(program, r.activity);
    if (!activity.ok()) return activity.errors();
    const Activity* a = activity.value();
    for (std::size_t i = 0; i < r.alarm_minutes.size(); ++i)
        if (r.alarm_minutes[i] < 0 || r.alarm_minutes[i] > 40320)
            return Error::invalid_value("/alarmMinutes/" + std::to_string(i),
                                        "expected 0 to 40320 minutes (four weeks), found " + std::to_string(r.alarm_minutes[i]));
    auto occ = schedule::occurrences(program.cadence, r.start, r.zone, r.count);
    if (!occ.ok()) return occ.errors();
    const std::string_view fallback = program.default_language;
    ics::Calendar cal;
    cal.tzid = r.tzid;
    cal.zone = r.zone;
    cal.first_year = r.start.year - 1;
    cal.last_year = occ.value().back().local.year + 1;
    ics::Series s;
    s.uid = program.id + "-" + (r.group.empty() ? "all" : r.group) + "-" + (a ? a->id : "meeting") + "-" +
            compact(r.start) + "@kollega";
    s.dtstamp = r.dtstamp;
    s.start = r.start;
    s.duration_minutes = a && a->minutes > 0 ? a->minutes : 60;
    s.cadence = program.cadence;
    s.count = r.count;
    const std::string title = program.title.resolve(r.lang, fallback);
    s.summary = a ? title + ": " + a->title.resolve(r.lang, fallback) : title;
    if (!r.group.empty()) s.summary += " (" + word(r.lang, {"group", "grupp", "gruppe", "groep"}) + " " + r.group + ")";
    if (a) {
        for (const AgendaPhase& p : a->agenda) {
            if (!s.description.empty()) s.description += '\n';
            s.description += "• " + p.title.resolve(r.lang, fallback) + " (" + std::to_string(p.minutes) + " min)";
        }
    }
    s.alarm_minutes = r.alarm_minutes;
    s.alarm_text = s.summary;
    cal.series.push_back(std::move(s));
    return ics::write(cal);
}

Result<std::string> tzif_footer(std::string_view b) {
    auto bad = [](std::string what) { return Error{"invalid_tzif", "not a TZif v2+ file: " + what, ""}; };
    if (b.size() < 44 || b.substr(0, 4) != "TZif") return bad("no \"TZif\" header");
    if (b[4] < '2') return bad("version 1 has no footer with a rule");
    auto block = [&](std::size_t at, std::size_t time_size) -> std::size_t {
        const std::size_t isut = be32(b, at + 20), isstd = be32(b, at + 24), leap = be32(b, at + 28),
                          times = be32(b, at + 32), types = be32(b, at + 36), chars = be32(b, at + 40);
        return 44 + times * time_size + times + types * 6 + chars + leap * (time_size + 4) + isstd + isut;
    };
    const std::size_t v2 = block(0, 4);
    if (v2 + 44 > b.size() || b.substr(v2, 4) != "TZif") return bad("the second header is missing");
    const std::size_t footer = v2 + block(v2, 8);
    if (footer >= b.size() || b[footer] != '\n') return bad("the footer is missing");
    const std::size_t end = b.find('\n', footer + 1);
    if (end == std::string_view::npos) return bad("the footer does not end");
    std::string rule(b.substr(footer + 1, end - footer - 1));
    if (rule.empty()) return bad("the footer has no rule");
    return rule;
}

}  // namespace kollega::calendar

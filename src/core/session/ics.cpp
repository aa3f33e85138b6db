#include "core/session/ics.hpp"

#include <cstdlib>

namespace kollega::ics {
namespace {

std::string basic_local(const tz::LocalDateTime& t) {
    using tz::zero_pad;
    return zero_pad(t.year, 4) + zero_pad(t.month, 2) + zero_pad(t.day, 2) + "T" + zero_pad(t.hour, 2) + zero_pad(t.minute, 2) +
           zero_pad(t.second, 2);
}

std::string basic_utc(Timestamp t) {
    const std::int64_t s = t.ms >= 0 ? t.ms / 1000 : -((-t.ms + 999) / 1000);
    return basic_local(tz::from_local_seconds(s)) + "Z";
}

/// A UTC offset as RFC 5545 utc-offset: +0100, -0330, +053000 with seconds.
std::string utc_offset(int seconds) {
    const int a = std::abs(seconds);
    std::string out = (seconds < 0 ? "-" : "+") + tz::zero_pad(a / 3600, 2) + tz::zero_pad(a % 3600 / 60, 2);
    if (a % 60) out += tz::zero_pad(a % 60, 2);
    return out;
}

/// A duration before an instant: -PT15M, -PT2H, -P1D.
std::string trigger(int minutes) {
    if (minutes == 0) return "PT0M";
    if (minutes % 1440 == 0) return "-P" + std::to_string(minutes / 1440) + "D";
    if (minutes % 60 == 0) return "-PT" + std::to_string(minutes / 60) + "H";
    return "-PT" + std::to_string(minutes) + "M";
}

void line(std::string& out, std::string_view text) { out += fold_line(text); }

/// One observance (STANDARD or DAYLIGHT) whose onsets follow `rule`.
void observance(std::string& out, std::string_view kind, const tz::ChangeRule& rule, int from, int to,
                const std::string& name, int first_year, int last_year) {
    line(out, "BEGIN:" + std::string(kind));
    // The onset is given in the local time of the offset in effect before it (TZOFFSETFROM).
    auto onset = [&](int year) { return tz::from_local_seconds(tz::change_day(rule, year) * 86400 + rule.time); };
    const bool yearly = rule.form == tz::ChangeRule::Form::MonthWeekDay && rule.time >= 0 && rule.time < 86400;
    line(out, "DTSTART:" + basic_local(onset(first_year)));
    if (yearly) {
        static constexpr const char* kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
        const std::string week = rule.week == 5 ? "-1" : std::to_string(rule.week);
        line(out, "RRULE:FREQ=YEARLY;BYMONTH=" + std::to_string(rule.month) + ";BYDAY=" + week + kDays[rule.weekday]);
    } else {
        // A day count (Jn, n) or a time past midnight: no RRULE says that, so list the onsets.
        for (int y = first_year + 1; y <= last_year; ++y) line(out, "RDATE:" + basic_local(onset(y)));
    }
    line(out, "TZOFFSETFROM:" + utc_offset(from));
    line(out, "TZOFFSETTO:" + utc_offset(to));
    line(out, "TZNAME:" + escape_text(name));
    line(out, "END:" + std::string(kind));
}

}  // namespace

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r': break;
            default:
                // Other control characters are not allowed in TEXT (RFC 5545 3.3.11).
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t') out += ' ';
                else out += c;
        }
    }
    return out;
}

std::string fold_line(std::string_view text) {
    std::string out;
    std::size_t used = 0;  // octets on the current physical line
    std::size_t i = 0;
    while (i < text.size()) {
        // The length of the UTF-8 sequence starting here (continuation bytes never start one).
        std::size_t n = 1;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        while (i + n > text.size() || (n > 1 && (static_cast<unsigned char>(text[i + n - 1]) & 0xC0) != 0x80)) --n;
        if (used + n > 75) {
            out += "\r\n ";
            used = 1;
        }
        out.append(text.substr(i, n));
        used += n;
        i += n;
    }
    out += "\r\n";
    return out;
}

std::string rrule(Cadence cadence, int count) {
    std::string r;
    switch (cadence) {
        case Cadence::Weekly: r = "FREQ=WEEKLY"; break;
        case Cadence::Every2Weeks: r = "FREQ=WEEKLY;INTERVAL=2"; break;
        case Cadence::Every4Weeks: r = "FREQ=WEEKLY;INTERVAL=4"; break;
        case Cadence::Monthly: r = "FREQ=MONTHLY"; break;
    }
    return r + ";COUNT=" + std::to_string(count);
}

std::string vtimezone(const std::string& tzid, const tz::Zone& zone, int first_year, int last_year) {
    std::string out;
    line(out, "BEGIN:VTIMEZONE");
    line(out, "TZID:" + tzid);
    if (!zone.has_dst) {
        line(out, "BEGIN:STANDARD");
        line(out, "DTSTART:19700101T000000");
        line(out, "TZOFFSETFROM:" + utc_offset(zone.std_offset));
        line(out, "TZOFFSETTO:" + utc_offset(zone.std_offset));
        line(out, "TZNAME:" + escape_text(zone.std_name));
        line(out, "END:STANDARD");
    } else {
        observance(out, "DAYLIGHT", zone.start, zone.std_offset, zone.dst_offset, zone.dst_name, first_year, last_year);
        observance(out, "STANDARD", zone.end, zone.dst_offset, zone.std_offset, zone.std_name, first_year, last_year);
    }
    line(out, "END:VTIMEZONE");
    return out;
}

std::string write(const Calendar& cal) {
    std::string out;
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Kollega//Kollega peer coaching//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    out += vtimezone(cal.tzid, cal.zone, cal.first_year, cal.last_year);
    for (const Series& s : cal.series) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + s.uid);
        line(out, "DTSTAMP:" + basic_utc(s.dtstamp));
        line(out, "DTSTART;TZID=" + cal.tzid + ":" + basic_local(s.start));
        line(out, "DURATION:PT" + std::to_string(s.duration_minutes) + "M");
        line(out, "RRULE:" + rrule(s.cadence, s.count));
        line(out, "SUMMARY:" + escape_text(s.summary));
        if (!s.description.empty()) line(out, "DESCRIPTION:" + escape_text(s.description));
        for (int m : s.alarm_minutes) {
            line(out, "BEGIN:VALARM");
            line(out, "ACTION:DISPLAY");
            line(out, "DESCRIPTION:" + escape_text(s.alarm_text.empty() ? s.summary : s.alarm_text));
            line(out, "TRIGGER:" + trigger(m));
            line(out, "END:VALARM");
        }
        line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out;
}

}  // namespace kollega::ics

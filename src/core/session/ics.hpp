#pragma once
/// An iCalendar (RFC 5545) writer for a group's meetings: CRLF lines folded at 75 octets
/// (never inside a UTF-8 sequence), escaped texts, a VTIMEZONE built from the POSIX rule, one
/// recurring VEVENT with RRULE and VALARMs (docs/calendar.md).

#include <string>
#include <string_view>
#include <vector>

#include "core/program.hpp"
#include "core/session/tz.hpp"
#include "core/time.hpp"

namespace kollega::ics {

/// One recurring meeting series.
struct Series {
    std::string uid;                  ///< globally unique, stable across downloads
    Timestamp dtstamp;                ///< when the file was made (passed in)
    tz::LocalDateTime start;          ///< first meeting, wall-clock time in the zone
    int duration_minutes = 60;        ///< length of each meeting
    Cadence cadence = Cadence::Every2Weeks;  ///< how often
    int count = 1;                    ///< how many meetings
    std::string summary;              ///< title
    std::string description;          ///< agenda etc.; newlines allowed
    std::vector<int> alarm_minutes;   ///< a display alarm this many minutes before each meeting
    std::string alarm_text;           ///< the alarm's text
};

/// A calendar of meeting series in one zone.
struct Calendar {
    std::string tzid;                 ///< e.g. "Europe/Stockholm"
    tz::Zone zone;                    ///< its rule
    std::vector<Series> series;       ///< the meetings
    int first_year = 1970;            ///< the VTIMEZONE covers these years (RDATE form only)
    int last_year = 1970;             ///< last year covered
};

/// Escapes a TEXT value: backslash, semicolon, comma and newline (CR dropped).
std::string escape_text(std::string_view text);
/// Folds one content line to ≤ 75 octets per physical line (CRLF + space), never splitting a
/// UTF-8 sequence; the result ends with CRLF.
std::string fold_line(std::string_view line);
/// The RRULE value of a cadence, e.g. "FREQ=WEEKLY;INTERVAL=2;COUNT=10".
std::string rrule(Cadence cadence, int count);
/// The VTIMEZONE component (folded lines) for the zone.
std::string vtimezone(const std::string& tzid, const tz::Zone& zone, int first_year, int last_year);
/// The whole .ics file.
std::string write(const Calendar& calendar);

}  // namespace kollega::ics

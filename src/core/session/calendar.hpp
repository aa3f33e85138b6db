#pragma once
/// A program's meeting calendar: the request (start, zone, count…) turned into occurrences and
/// an .ics file, the same for the CLI and the wasm module (docs/calendar.md). Also reading the
/// POSIX rule from the bytes of a TZif v2+ file (RFC 8536) the CLI has read.

#include <string>
#include <string_view>
#include <vector>

#include "core/program.hpp"
#include "core/result.hpp"
#include "core/session/schedule.hpp"
#include "core/session/tz.hpp"

namespace kollega::calendar {

/// What a calendar is made of.
struct Request {
    std::string activity;             ///< session activity id; "" = the program's first session
    std::string group;                ///< group id (in the UID and the title)
    tz::LocalDateTime start;          ///< first meeting, wall-clock time
    std::string tzid;                 ///< zone name, e.g. "Europe/Stockholm"
    tz::Zone zone;                    ///< its rule
    int count = 10;                   ///< meetings
    Timestamp dtstamp;                ///< when the file is made
    std::string lang = "en";          ///< language of the texts
    std::vector<int> alarm_minutes{15};  ///< alarms before each meeting
};

/// The session activity a request means (nullptr when the program has none; error when
/// `activity` names none: unknown_activity at /activity).
Result<const Activity*> session_activity(const Program& program, std::string_view activity);

/// The .ics text, or errors (unknown_activity, invalid_value at /count or /alarmMinutes/i).
Result<std::string> ics_file(const Program& program, const Request& request);

/// The file name: "<program>-<group>.ics" with anything outside [A-Za-z0-9._-] replaced by "-".
std::string filename(const Program& program, const Request& request);

/// The POSIX TZ rule in the footer of a TZif v2+ file; invalid_tzif when the bytes are not one
/// or the footer is empty.
Result<std::string> tzif_footer(std::string_view bytes);

}  // namespace kollega::calendar

#pragma once
/// Time zones as POSIX TZ rule strings (the footer of a TZif v2+ file, RFC 8536 section 3.3):
/// "CET-1CEST,M3.5.0,M10.5.0/3". The core reads no tzdata; callers pass the rule in
/// (docs/calendar.md). Also the civil-date arithmetic the schedule needs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kollega::tz {

/// A wall-clock date and time, no zone.
struct LocalDateTime {
    int year = 1970;   ///< proleptic Gregorian year
    int month = 1;     ///< 1–12
    int day = 1;       ///< 1–31
    int hour = 0;      ///< 0–23
    int minute = 0;    ///< 0–59
    int second = 0;    ///< 0–59
    friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

/// A non-negative number with leading zeros to `width` digits ("07", "2027").
std::string zero_pad(long long value, int width);

/// Parses "2026-12-01T12:00" or "2026-12-01T12:00:00" (no offset: a wall-clock time).
std::optional<LocalDateTime> parse_local(std::string_view text);
/// "2026-12-01T12:00:00".
std::string format_local(const LocalDateTime& t);
/// Seconds since 1970-01-01T00:00:00 of the wall-clock time, as if it were UTC.
std::int64_t local_seconds(const LocalDateTime& t);
/// The wall-clock time of `seconds` (the inverse of local_seconds).
LocalDateTime from_local_seconds(std::int64_t seconds);
/// True for a leap year.
bool is_leap_year(int year);
/// Days in a month (1–12) of a year.
int month_days(int year, int month);
/// Day of the week, 0 = Sunday.
int weekday(int year, int month, int day);

/// When a change of offset happens in a year (one side of a POSIX rule).
struct ChangeRule {
    /// Jn: day 1–365, Feb 29 never counted; n: day 0–365 counting Feb 29; Mm.w.d.
    enum class Form { Julian1, Julian0, MonthWeekDay } form = Form::MonthWeekDay;
    int day = 0;          ///< Jn / n
    int month = 0;        ///< Mm.w.d: 1–12
    int week = 0;         ///< Mm.w.d: 1–5 (5 = the last)
    int weekday = 0;      ///< Mm.w.d: 0 = Sunday
    int time = 7200;      ///< seconds after local midnight, −167 h to 167 h (default 02:00)
    friend bool operator==(const ChangeRule&, const ChangeRule&) = default;
};

/// A parsed POSIX TZ string. Offsets are seconds EAST of UTC (CET-1 gives +3600).
struct Zone {
    std::string std_name;            ///< e.g. "CET", "+0530"
    int std_offset = 0;              ///< standard offset, seconds east of UTC
    bool has_dst = false;            ///< a daylight-saving part is given
    std::string dst_name;            ///< e.g. "CEST"
    int dst_offset = 0;              ///< daylight offset, seconds east of UTC
    ChangeRule start;                ///< daylight time starts (in standard local time)
    ChangeRule end;                  ///< daylight time ends (in daylight local time)
    friend bool operator==(const Zone&, const Zone&) = default;
};

/// Parses a POSIX TZ string; errors are invalid_tz with the position and what was expected.
Result<Zone> parse_zone(std::string_view rule);

/// The local day (days since 1970-01-01) on which `rule` falls in `year`.
std::int64_t change_day(const ChangeRule& rule, int year);
/// The UTC instant (seconds) at which daylight time starts in `year`.
std::int64_t dst_start_utc(const Zone& zone, int year);
/// The UTC instant (seconds) at which daylight time ends in `year`.
std::int64_t dst_end_utc(const Zone& zone, int year);
/// True when daylight time is in effect at UTC second `utc`.
bool is_dst(const Zone& zone, std::int64_t utc);
/// The UTC offset (seconds east) in effect at UTC second `utc`.
int offset_at(const Zone& zone, std::int64_t utc);
/// The UTC second of a wall-clock time (RFC 5545 3.3.5): in a gap, the offset before the gap
/// applies (02:30 on a spring-forward night is 03:30 daylight time); a time that occurs twice
/// means its first occurrence.
std::int64_t to_utc(const Zone& zone, std::int64_t local);

}  // namespace kollega::tz

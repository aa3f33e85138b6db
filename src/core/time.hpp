#pragma once
/// Points in time as the core sees them: passed in by the caller, never read from a clock.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kollega {

/// A point in time: milliseconds since 1970-01-01T00:00:00Z.
struct Timestamp {
    std::int64_t ms = 0;  ///< milliseconds since the Unix epoch, UTC
    friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

/// Parses an RFC 3339 date-time ("2026-11-22T10:15:00Z", "…T11:15:00.250+01:00").
std::optional<Timestamp> parse_timestamp(std::string_view text);

/// Formats as RFC 3339 in UTC with milliseconds: "2026-11-22T10:15:00.000Z".
std::string format_timestamp(Timestamp t);

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

}  // namespace kollega

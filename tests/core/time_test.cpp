#include <catch2/catch.hpp>

#include "core/time.hpp"

using kollega::format_timestamp;
using kollega::parse_timestamp;

TEST_CASE("Time: parses RFC 3339 in UTC and with offsets to the same instant", "[time]") {
    auto utc = parse_timestamp("2026-11-22T10:15:00Z");
    auto offset = parse_timestamp("2026-11-22T11:15:00+01:00");
    REQUIRE(utc);
    REQUIRE(offset);
    CHECK(*utc == *offset);
    CHECK(utc->ms == 1795342500000LL);
    CHECK(parse_timestamp("1970-01-01T00:00:00.250Z")->ms == 250);
}

TEST_CASE("Time: second 60 only where a leap second can be, at 23:59:60 UTC", "[time]") {
    CHECK(parse_timestamp("2016-12-31T23:59:60Z"));
    CHECK(parse_timestamp("2017-01-01T00:59:60+01:00"));
    CHECK_FALSE(parse_timestamp("2026-12-01T09:00:60Z"));
    CHECK_FALSE(parse_timestamp("2016-12-31T23:59:60+01:00"));
}

TEST_CASE("Time: formats back to canonical UTC with milliseconds", "[time]") {
    CHECK(format_timestamp(*parse_timestamp("2026-03-29T01:59:59.5+00:00")) == "2026-03-29T01:59:59.500Z");
    CHECK(format_timestamp(*parse_timestamp("2024-02-29T23:00:00-02:00")) == "2024-03-01T01:00:00.000Z");
    CHECK(format_timestamp({-1}) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("Time: rejects what is not an RFC 3339 date-time", "[time]") {
    for (const char* bad : {"", "2026-11-22", "2026-11-22T10:15:00", "2026-13-01T00:00:00Z",
                            "2025-02-29T00:00:00Z", "2026-11-22 10:15:00Z", "2026-11-22T24:00:00Z",
                            "2026-11-22T10:15:00.Z", "2026-11-22T10:15:00+0100", "2026-11-22T10:15:00Zjunk"}) {
        INFO(bad);
        CHECK_FALSE(parse_timestamp(bad));
    }
}

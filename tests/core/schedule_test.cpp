// POSIX TZ rules, occurrences across offset changes, goal due dates, reminders and the .ics
// writer (docs/calendar.md).
#include <catch2/catch.hpp>

#include "core/session/calendar.hpp"
#include "core/session/ics.hpp"
#include "core/session/schedule.hpp"
#include "core/session/tz.hpp"

using namespace kollega;

namespace {

tz::Zone zone(const char* rule) {
    auto z = tz::parse_zone(rule);
    INFO(rule);
    REQUIRE(z.ok());
    return z.value();
}

tz::LocalDateTime local(const char* text) {
    auto t = tz::parse_local(text);
    INFO(text);
    REQUIRE(t);
    return *t;
}

std::string utc(Timestamp t) { return format_timestamp(t); }

std::vector<std::string> starts(Cadence c, const char* start, const char* rule, int count) {
    auto o = schedule::occurrences(c, local(start), zone(rule), count);
    REQUIRE(o.ok());
    std::vector<std::string> out;
    for (const auto& x : o.value()) out.push_back(utc(x.start));
    return out;
}

constexpr const char* kStockholm = "CET-1CEST,M3.5.0,M10.5.0/3";
constexpr const char* kNewYork = "EST5EDT,M3.2.0,M11.1.0";
constexpr const char* kSydney = "AEST-10AEDT,M10.1.0,M4.1.0/3";
constexpr const char* kKolkata = "IST-5:30";

}  // namespace

TEST_CASE("tz: POSIX rules are parsed with their offsets and dates", "[tz]") {
    auto s = zone(kStockholm);
    CHECK(s.std_name == "CET");
    CHECK(s.std_offset == 3600);
    CHECK(s.has_dst);
    CHECK(s.dst_offset == 7200);
    CHECK(s.start == tz::ChangeRule{tz::ChangeRule::Form::MonthWeekDay, 0, 3, 5, 0, 7200});
    CHECK(s.end.time == 3 * 3600);
    auto k = zone(kKolkata);
    CHECK_FALSE(k.has_dst);
    CHECK(k.std_offset == 5 * 3600 + 1800);
    auto n = zone("<+0545>-5:45");
    CHECK(n.std_name == "+0545");
    CHECK(n.std_offset == 5 * 3600 + 45 * 60);
    auto j = zone("<-03>3<-02>,J60/2,300/-1:30");
    CHECK(j.std_offset == -3 * 3600);
    CHECK(j.dst_offset == -2 * 3600);
    CHECK(j.start.form == tz::ChangeRule::Form::Julian1);
    CHECK(j.end.form == tz::ChangeRule::Form::Julian0);
    CHECK(j.end.time == -5400);
    auto lord = zone("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
    CHECK(lord.dst_offset - lord.std_offset == 1800);
}

TEST_CASE("tz: bad rules say where and what", "[tz]") {
    struct Case {
        const char* rule;
        const char* where;
    };
    for (const Case& c : {Case{"", "character 1"}, Case{"CE-1", "character 1"}, Case{"CET", "character 4"},
                          Case{"CET-1CEST", "character 10"}, Case{"CET-1CEST,M13.5.0,M10.5.0", "character 12"},
                          Case{"CET-1CEST,M3.5.0", "character 17"}, Case{"CET-1CEST,M3.6.0,M10.5.0", "character 14"},
                          Case{"CET-1CEST,M3.5.7,M10.5.0", "character 16"}, Case{"<+0530-5:30", "character 1"},
                          Case{"CET-1CEST,J366,J300", "character 12"}, Case{"CET-25", "character 4"},
                          Case{"CET-1CEST,M3.5.0/168,M10.5.0", "character 18"}, Case{"CET-1CEST,M3.5.0,M10.5.0x", "character 25"}}) {
        INFO(c.rule);
        auto z = tz::parse_zone(c.rule);
        REQUIRE_FALSE(z.ok());
        CHECK(z.errors()[0].code == "invalid_tz");
        CHECK_THAT(z.errors()[0].message, Catch::Contains(c.where));
    }
}

TEST_CASE("tz: day rules, DST and local time across the changes", "[tz]") {
    const auto s = zone(kStockholm);
    CHECK(tz::change_day(s.start, 2027) == days_from_civil(2027, 3, 28));
    CHECK(tz::change_day(s.end, 2027) == days_from_civil(2027, 10, 31));
    CHECK(tz::change_day({tz::ChangeRule::Form::Julian1, 60}, 2028) == days_from_civil(2028, 3, 1));  // Feb 29 not counted
    CHECK(tz::change_day({tz::ChangeRule::Form::Julian0, 59}, 2028) == days_from_civil(2028, 2, 29));
    CHECK(tz::change_day({tz::ChangeRule::Form::MonthWeekDay, 0, 2, 5, 0}, 2027) == days_from_civil(2027, 2, 28));
    const std::int64_t start = tz::dst_start_utc(s, 2027);
    CHECK(utc(Timestamp{start * 1000}) == "2027-03-28T01:00:00.000Z");
    CHECK(tz::offset_at(s, start - 1) == 3600);
    CHECK(tz::offset_at(s, start) == 7200);
    CHECK(utc(Timestamp{tz::dst_end_utc(s, 2027) * 1000}) == "2027-10-31T01:00:00.000Z");
    // In the spring gap the offset before it applies: 02:30 is 03:30 CEST.
    CHECK(utc(Timestamp{tz::to_utc(s, tz::local_seconds(local("2027-03-28T02:30"))) * 1000}) == "2027-03-28T01:30:00.000Z");
    // Twice in the autumn: the first (CEST).
    CHECK(utc(Timestamp{tz::to_utc(s, tz::local_seconds(local("2027-10-31T02:30"))) * 1000}) == "2027-10-31T00:30:00.000Z");
    const auto sydney = zone(kSydney);
    CHECK(tz::is_dst(sydney, tz::local_seconds(local("2027-01-15T00:00"))));
    CHECK_FALSE(tz::is_dst(sydney, tz::local_seconds(local("2027-07-15T00:00"))));
    const auto always = zone("EST5EDT,0/0,J365/25");  // daylight time all year
    CHECK(tz::is_dst(always, tz::local_seconds(local("2027-07-01T12:00"))));
    CHECK(tz::is_dst(always, tz::local_seconds(local("2027-01-01T12:00"))));
}

TEST_CASE("schedule: 12:00 stays 12:00 local across the changes", "[schedule]") {
    SECTION("Stockholm, every two weeks: summer time from 28 March 2027") {
        auto o = schedule::occurrences(Cadence::Every2Weeks, local("2026-12-01T12:00"), zone(kStockholm), 10);
        REQUIRE(o.ok());
        const auto& v = o.value();
        REQUIRE(v.size() == 10);
        CHECK(tz::format_local(v[9].local) == "2027-04-06T12:00:00");
        CHECK(utc(v[0].start) == "2026-12-01T11:00:00.000Z");
        CHECK(utc(v[8].start) == "2027-03-23T11:00:00.000Z");
        CHECK(utc(v[9].start) == "2027-04-06T10:00:00.000Z");
        CHECK(v[9].offset_minutes == 120);
        for (const auto& x : v) CHECK(x.local.hour == 12);
    }
    SECTION("New York, weekly: daylight time from 14 March 2027") {
        CHECK(starts(Cadence::Weekly, "2027-03-01T09:00", kNewYork, 3) ==
              std::vector<std::string>{"2027-03-01T14:00:00.000Z", "2027-03-08T14:00:00.000Z", "2027-03-15T13:00:00.000Z"});
        CHECK(starts(Cadence::Weekly, "2027-10-31T09:00", kNewYork, 2) ==
              std::vector<std::string>{"2027-10-31T13:00:00.000Z", "2027-11-07T14:00:00.000Z"});
    }
    SECTION("Sydney (southern hemisphere): summer time ends 4 April, starts 3 October 2027") {
        CHECK(starts(Cadence::Weekly, "2027-03-29T12:00", kSydney, 2) ==
              std::vector<std::string>{"2027-03-29T01:00:00.000Z", "2027-04-05T02:00:00.000Z"});
        CHECK(starts(Cadence::Every4Weeks, "2027-09-13T12:00", kSydney, 2) ==
              std::vector<std::string>{"2027-09-13T02:00:00.000Z", "2027-10-11T01:00:00.000Z"});
    }
    SECTION("Kolkata: no DST, an offset with minutes") {
        auto o = schedule::occurrences(Cadence::Monthly, local("2027-01-31T12:00"), zone(kKolkata), 4);
        REQUIRE(o.ok());
        const auto& v = o.value();
        // Months without a 31st are skipped, as RRULE does.
        CHECK(tz::format_local(v[1].local) == "2027-03-31T12:00:00");
        CHECK(tz::format_local(v[3].local) == "2027-07-31T12:00:00");
        CHECK(utc(v[0].start) == "2027-01-31T06:30:00.000Z");
        CHECK(v[0].offset_minutes == 330);
    }
    SECTION("a count out of range") {
        auto o = schedule::occurrences(Cadence::Weekly, local("2027-01-01T12:00"), zone(kKolkata), 0);
        REQUIRE_FALSE(o.ok());
        CHECK(o.errors()[0].path == "/count");
    }
    SECTION("local times are strict") {
        CHECK_FALSE(tz::parse_local("2027-02-29T12:00"));
        CHECK_FALSE(tz::parse_local("2027-01-01 12:00"));
        CHECK_FALSE(tz::parse_local("2027-01-01T24:00"));
        CHECK(tz::parse_local("2028-02-29T12:00:30"));
    }
}

TEST_CASE("schedule: goal check-ins fall due one cadence after the last", "[schedule][goals]") {
    const Timestamp jan31 = *parse_timestamp("2027-01-31T09:30:00Z");
    CHECK(utc(schedule::next_due(Cadence::Weekly, jan31)) == "2027-02-07T09:30:00.000Z");
    CHECK(utc(schedule::next_due(Cadence::Every2Weeks, jan31)) == "2027-02-14T09:30:00.000Z");
    CHECK(utc(schedule::next_due(Cadence::Every4Weeks, jan31)) == "2027-02-28T09:30:00.000Z");
    CHECK(utc(schedule::next_due(Cadence::Monthly, jan31)) == "2027-02-28T09:30:00.000Z");
    CHECK(utc(schedule::next_due(Cadence::Monthly, *parse_timestamp("2027-12-15T00:00:00Z"))) == "2028-01-15T00:00:00.000Z");
}

TEST_CASE("ics: text escaping and UTF-8-safe folding at 75 octets", "[ics]") {
    CHECK(ics::escape_text("a,b;c\\d\ne\r\n") == "a\\,b\\;c\\\\d\\ne\\n");
    const std::string a(200, 'a');
    const std::string folded = ics::fold_line("SUMMARY:" + a);
    CHECK(folded.substr(0, 75) == "SUMMARY:" + a.substr(0, 67));
    CHECK(folded.substr(75, 3) == "\r\n ");
    std::string sv = "DESCRIPTION:";
    for (int i = 0; i < 60; ++i) sv += "åä€😀";
    const std::string f = ics::fold_line(sv);
    std::string unfolded;
    std::size_t pos = 0;
    while (pos < f.size()) {
        const std::size_t end = f.find("\r\n", pos);
        REQUIRE(end != std::string::npos);
        const std::string physical = f.substr(pos, end - pos);
        CHECK(physical.size() <= 75);
        if (pos > 0) {
            REQUIRE(physical[0] == ' ');
            CHECK((static_cast<unsigned char>(physical[1]) & 0xC0) != 0x80);  // never inside a sequence
            unfolded += physical.substr(1);
        } else {
            unfolded += physical;
        }
        pos = end + 2;
    }
    CHECK(unfolded == sv);
    CHECK(ics::rrule(Cadence::Every2Weeks, 10) == "FREQ=WEEKLY;INTERVAL=2;COUNT=10");
    CHECK(ics::rrule(Cadence::Monthly, 3) == "FREQ=MONTHLY;COUNT=3");
}

TEST_CASE("ics: VTIMEZONE from the rule, and the whole file", "[ics]") {
    const std::string vt = ics::vtimezone("Europe/Stockholm", zone(kStockholm), 2025, 2028);
    CHECK_THAT(vt, Catch::Contains("BEGIN:DAYLIGHT\r\nDTSTART:20250330T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                                   "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"));
    CHECK_THAT(vt, Catch::Contains("BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                                   "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"));
    const std::string ny = ics::vtimezone("America/New_York", zone(kNewYork), 2026, 2027);
    CHECK_THAT(ny, Catch::Contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"));
    CHECK_THAT(ny, Catch::Contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"));
    const std::string in = ics::vtimezone("Asia/Kolkata", zone(kKolkata), 2026, 2027);
    CHECK_THAT(in, Catch::Contains("TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n"));
    CHECK(in.find("DAYLIGHT") == std::string::npos);
    const std::string jn = ics::vtimezone("X/Julian", zone("<-03>3<-02>,J60/2,300"), 2026, 2028);
    CHECK_THAT(jn, Catch::Contains("DTSTART:20260301T020000\r\nRDATE:20270301T020000\r\nRDATE:20280301T020000\r\n"));

    ics::Calendar cal;
    cal.tzid = "Europe/Stockholm";
    cal.zone = zone(kStockholm);
    cal.first_year = 2025;
    cal.last_year = 2028;
    ics::Series s;
    s.uid = "peer-support-g1-meeting-20261201T120000@kollega";
    s.dtstamp = *parse_timestamp("2026-11-22T10:00:00Z");
    s.start = local("2026-12-01T12:00");
    s.duration_minutes = 45;
    s.count = 10;
    s.summary = "Kollegastöd, grupp g1; träff";
    s.alarm_minutes = {15, 1440};
    cal.series.push_back(s);
    const std::string out = ics::write(cal);
    CHECK(out.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
    CHECK_THAT(out, Catch::Contains("DTSTAMP:20261122T100000Z\r\n"));
    CHECK_THAT(out, Catch::Contains("DTSTART;TZID=Europe/Stockholm:20261201T120000\r\n"));
    CHECK_THAT(out, Catch::Contains("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=10\r\n"));
    CHECK_THAT(out, Catch::Contains("SUMMARY:Kollegastöd\\, grupp g1\\; träff\r\n"));
    CHECK_THAT(out, Catch::Contains("TRIGGER:-PT15M\r\n"));
    CHECK_THAT(out, Catch::Contains("TRIGGER:-P1D\r\n"));
    CHECK(out.size() >= 15);
    CHECK(out.substr(out.size() - 15) == "END:VCALENDAR\r\n");
    for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i] == '\n') CHECK(out[i - 1] == '\r');
}

TEST_CASE("schedule: reminders before meetings, feedback after, check-ins when due", "[schedule][reminders]") {
    auto o = schedule::occurrences(Cadence::Weekly, local("2027-01-04T12:00"), zone(kStockholm), 2).value();
    Event set;
    set.id = "00000000-0000-4000-8000-000000000001";
    set.actor = "ann";
    set.kind = EventType::GoalSet;
    set.goal = "10000000-0000-4000-8000-000000000001";
    set.at = *parse_timestamp("2027-01-01T08:00:00Z");
    schedule::GoalStatus g;
    g.set = &set;
    g.next_check_in = schedule::next_due(Cadence::Weekly, set.at);
    auto r = schedule::reminders(o, 45, {15, 1440}, {g}, *parse_timestamp("2027-01-04T10:40:00Z"));
    // 2027-01-03T11:00Z (a day before the first) is past and gone; the check-in on 8 January is kept.
    REQUIRE(r.size() == 6);
    CHECK(r[0].kind == schedule::ReminderKind::Session);
    CHECK(utc(r[0].at) == "2027-01-04T10:45:00.000Z");
    CHECK(r[1].kind == schedule::ReminderKind::Feedback);
    CHECK(utc(r[1].at) == "2027-01-04T11:45:00.000Z");
    CHECK(r[2].kind == schedule::ReminderKind::CheckIn);
    CHECK(utc(r[2].at) == "2027-01-08T08:00:00.000Z");
    CHECK(r[2].ref == set.goal);
    CHECK(utc(r[3].at) == "2027-01-10T11:00:00.000Z");
    CHECK(utc(r[4].at) == "2027-01-11T10:45:00.000Z");
    CHECK(r[5].kind == schedule::ReminderKind::Feedback);
}

TEST_CASE("calendar: the rule in a TZif v2+ footer", "[calendar][tz]") {
    // The smallest TZif v2 file: two empty data blocks, then the footer.
    std::string header("TZif2", 5);
    header += std::string(15 + 24, '\0');
    const std::string file = header + header + "\nCET-1CEST,M3.5.0,M10.5.0/3\n";
    auto rule = calendar::tzif_footer(file);
    REQUIRE(rule.ok());
    CHECK(rule.value() == "CET-1CEST,M3.5.0,M10.5.0/3");
    std::string v1 = file;
    v1[4] = '\0';
    CHECK(calendar::tzif_footer(v1).errors()[0].code == "invalid_tzif");
    CHECK(calendar::tzif_footer("not a zone").errors()[0].code == "invalid_tzif");
    CHECK_FALSE(calendar::tzif_footer(header + header + "\n\n").ok());
    CHECK_FALSE(calendar::tzif_footer(header + header).ok());
}

TEST_CASE("calendar: a program's meetings as an .ics file", "[calendar]") {
    Program p;
    p.id = "demo";
    p.title.by_language = {{"en", "Peer support"}, {"sv", "Kollegastöd"}};
    p.cadence = Cadence::Weekly;
    Activity s;
    s.id = "meet";
    s.kind = ActivityKind::Session;
    s.title.by_language = {{"en", "Meeting"}};
    s.minutes = 45;
    AgendaPhase ph;
    ph.id = "a";
    ph.title.by_language = {{"en", "Check-in"}, {"nb", "Innsjekk"}};
    ph.minutes = 45;
    s.agenda = {ph};
    p.activities = {s};
    calendar::Request r;
    r.group = "g/1";
    r.start = local("2027-03-22T12:00");
    r.tzid = "Europe/Oslo";
    r.zone = zone(kStockholm);
    r.count = 2;
    r.lang = "nb";
    r.dtstamp = *parse_timestamp("2027-03-01T00:00:00Z");
    auto ics = calendar::ics_file(p, r);
    REQUIRE(ics.ok());
    CHECK_THAT(ics.value(), Catch::Contains("SUMMARY:Peer support: Meeting (gruppe g/1)\r\n"));
    CHECK_THAT(ics.value(), Catch::Contains("DESCRIPTION:• Innsjekk (45 min)\r\n"));
    CHECK_THAT(ics.value(), Catch::Contains("RRULE:FREQ=WEEKLY;COUNT=2\r\n"));
    CHECK_THAT(ics.value(), Catch::Contains("DURATION:PT45M\r\n"));
    CHECK_THAT(ics.value(), Catch::Contains("UID:demo-g/1-meet-20270322T120000@kollega\r\n"));
    CHECK(calendar::filename(p, r) == "demo-g-1.ics");
    r.activity = "nope";
    CHECK(calendar::ics_file(p, r).errors()[0].path == "/activity");
    r.activity = "";
    r.alarm_minutes = {-5};
    CHECK(calendar::ics_file(p, r).errors()[0].path == "/alarmMinutes/0");
}

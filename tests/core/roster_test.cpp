// The CSV reader and writer (src/core/csv.hpp) and the roster readers (src/json/roster_codec.hpp),
// natively and under node. Formats and messages: docs/roster-format.md.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "fixture_files.hpp"
#include "json/roster_codec.hpp"

using namespace kollega;
using kollega::testing::read_fixture;

namespace {

constexpr const char* kHeader = "id,name,email,department,manager_id,role,skills_offered,skills_wanted,timezone,language\n";

/// "path code" for each error, in order.
std::vector<std::string> places(const Errors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.path + " " + e.code);
    return out;
}

/// Every message, one per line, for INFO.
std::string messages(const Errors& errors) {
    std::string out;
    for (const auto& e : errors) out += e.path + " " + e.code + ": " + e.message + "\n";
    return out;
}

/// The errors of a result that must have failed (a copy: the result is often a temporary).
template <class T>
Errors errors_of(const Result<T>& r) {
    REQUIRE_FALSE(r.ok());
    return r.errors();
}

}  // namespace

TEST_CASE("Roster: csv_row and parse_csv round-trip names with commas, quotes and letters outside ASCII", "[roster][csv]") {
    const std::vector<std::vector<std::string>> table = {
        {"id", "name", "note"},
        {"u1", "Åsa Öberg, Jr.", ""},
        {"u2", "\"Bob\" O'Neil", "says \"hi\", twice"},
        {"u3", "Line one\nline two\r\nline three", " spaces kept "},
        {"", "", ""},
    };
    std::string text;
    for (const auto& cells : table) text += csv_row(cells);
    CHECK(text.substr(0, 14) == "id,name,note\r\n");
    CHECK(text.find("\"\"\"Bob\"\" O'Neil\"") != std::string::npos);

    const auto rows = parse_csv(text);
    REQUIRE(rows.ok());
    REQUIRE(rows.value().size() == table.size());
    for (std::size_t i = 0; i < table.size(); ++i) CHECK(rows.value()[i].fields == table[i]);
    CHECK(rows.value()[3].line == 4);
    CHECK(rows.value()[4].line == 7);  // the multi-line cell took lines 4 to 6

    // One empty cell is written "" so it does not vanish as an empty line.
    CHECK(csv_row({""}) == "\"\"\r\n");
    const auto single = parse_csv(csv_row({""}));
    REQUIRE(single.ok());
    CHECK(single.value() == std::vector<CsvRow>{{1, {""}}});
}

TEST_CASE("Roster: csv_row quotes only when it must and ends every record with CRLF", "[roster][csv]") {
    CHECK(csv_row({"a", "b c", "d;e"}) == "a,b c,d;e\r\n");
    CHECK(csv_row({"a,b"}) == "\"a,b\"\r\n");
    CHECK(csv_row({"say \"x\""}) == "\"say \"\"x\"\"\"\r\n");
    CHECK(csv_row({"cr\r"}) == "\"cr\r\"\r\n");
    CHECK(csv_row({"lf\n", "x"}) == "\"lf\n\",x\r\n");
    CHECK(csv_row({"", ""}) == ",\r\n");
    CHECK(csv_row({}) == "\r\n");
}

TEST_CASE("Roster: spreadsheet_safe prefixes cells that a spreadsheet would run as a formula", "[roster][csv]") {
    CHECK(spreadsheet_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")");
    CHECK(spreadsheet_safe("+1") == "'+1");
    CHECK(spreadsheet_safe("-2") == "'-2");
    CHECK(spreadsheet_safe("@SUM") == "'@SUM");
    CHECK(spreadsheet_safe("\tx") == "'\tx");
    CHECK(spreadsheet_safe("\rx") == "'\rx");
    CHECK(spreadsheet_safe("Åsa Öberg") == "Åsa Öberg");
    CHECK(spreadsheet_safe("a=b, c-d") == "a=b, c-d");
    CHECK(spreadsheet_safe(" =x") == " =x");
    CHECK(spreadsheet_safe("") == "");
    // Quoting still applies after the prefix.
    CHECK(csv_row({spreadsheet_safe("=HYPERLINK(\"x\")")}) == "\"'=HYPERLINK(\"\"x\"\")\"\r\n");
}

TEST_CASE("Roster: quoted cells may span lines, and each row reports the line it starts on", "[roster][csv]") {
    const auto rows = parse_csv("a,\"one\ntwo\r\nthree\",b\nc,d\n\"x\ry\",z");
    REQUIRE(rows.ok());
    REQUIRE(rows.value().size() == 3);
    CHECK(rows.value()[0] == CsvRow{1, {"a", "one\ntwo\r\nthree", "b"}});
    CHECK(rows.value()[1] == CsvRow{4, {"c", "d"}});
    CHECK(rows.value()[2] == CsvRow{5, {"x\ry", "z"}});
}

TEST_CASE("Roster: CRLF, LF, CR, a byte-order mark, no final line end and empty lines all read the same", "[roster][csv]") {
    const std::vector<CsvRow> want = {{1, {"id", "name"}}, {2, {"u1", "Åsa"}}, {4, {"u2", ""}}};
    for (const std::string text : {"id,name\nu1,Åsa\n\nu2,\n", "id,name\r\nu1,Åsa\r\n\r\nu2,\r\n",
                                   "\xEF\xBB\xBFid,name\r\nu1,Åsa\r\n\r\nu2,", "id,name\ru1,Åsa\r\ru2,",
                                   "\xEF\xBB\xBFid,name\nu1,Åsa\n\nu2,\n\n\n"}) {
        INFO(text);
        const auto rows = parse_csv(text);
        REQUIRE(rows.ok());
        CHECK(rows.value() == want);
    }
    CHECK(parse_csv("").value().empty());
    CHECK(parse_csv("\xEF\xBB\xBF\r\n\n").value().empty());
    // A trailing comma is an empty last field.
    CHECK(parse_csv("a,\n").value() == std::vector<CsvRow>{{1, {"a", ""}}});
}

TEST_CASE("Roster: CSV syntax errors name the line and the column, counting code points", "[roster][csv]") {
    SECTION("an unclosed quote is reported where it opens") {
        const auto& errors = errors_of(parse_csv("id,name,department\nu1,Ann,Sales\nu2,Bo,Sales\nu4,Åsa Öbe,\"Sales\nu5,Cy,HR\n"));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == "invalid_csv");
        CHECK(errors[0].path == "/lines/4");
        CHECK(errors[0].message == "line 4, column 12: a quoted field is not closed (the quote here has no closing quote)");
    }
    SECTION("a quote inside an unquoted field, text after a closing quote, a space before a quote") {
        const auto& errors = errors_of(parse_csv("a,b\nu1,Bo\"b\nu2,\"Bob\"x\nu3, \"Bob\"\nu4,ok\n"));
        INFO(messages(errors));
        REQUIRE(errors.size() == 3);
        CHECK(errors[0].message ==
              "line 2, column 6: a quote inside a field that is not quoted (quote the whole field and double the quote: \"\")");
        CHECK(errors[0].path == "/lines/2");
        CHECK(errors[1].message ==
              "line 3, column 9: text after the closing quote of a field (a quote inside a quoted field must be doubled: \"\")");
        CHECK(errors[2].message ==
              "line 4, column 5: a space before the opening quote (a quoted field must start right after the comma)");
    }
    SECTION("a line count that includes the lines inside quoted cells") {
        const auto& errors = errors_of(parse_csv("a,b\n\"x\r\ny\",Ö\"\n"));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].message.rfind("line 3, column 5: a quote inside", 0) == 0);
        CHECK(errors[0].path == "/lines/3");
    }
    SECTION("text that is not UTF-8, e.g. a Windows-1252 file from Excel") {
        const auto& errors = errors_of(parse_csv("id,name\r\n\"a\nb\",ok\r\nu1,\xC5sa\r\n"));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == "invalid_csv");
        CHECK(errors[0].path == "/lines/4");
        CHECK(errors[0].message == "line 4, column 4: the text is not UTF-8 (byte 0xC5); save the file as \"CSV UTF-8\"");
        CHECK_FALSE(parse_csv("a\xED\xA0\x80").ok());  // a UTF-16 surrogate
        CHECK_FALSE(parse_csv("a\xC0\xAF").ok());      // an overlong "/"
        CHECK(parse_csv("\xF0\x9F\x98\x80,\xE2\x82\xAC").ok());
    }
    SECTION("the roster reader passes them through") {
        const auto& errors = errors_of(json::parse_roster_csv("id,name\nu1,\"Ann\n"));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == "invalid_csv");
        CHECK(errors[0].message.rfind("line 2, column 4: a quoted field is not closed", 0) == 0);
    }
}

TEST_CASE("Roster: CSV headers are case-insensitive, trimmed and in any order, and extra columns are ignored", "[roster]") {
    const auto roster = json::parse_roster_csv(read_fixture("rosters/shuffled-headers.csv"));
    REQUIRE(roster.ok());
    const auto& learners = roster.value().learners();
    REQUIRE(learners.size() == 3);
    Learner asa;
    asa.id = "u1";
    asa.name = "Åsa Öberg";
    asa.email = "asa@example.se";
    asa.skills_wanted = {"feedback", "coaching"};
    asa.timezone = "Europe/Stockholm";
    asa.language = "sv";
    CHECK(learners[0] == asa);
    CHECK(learners[1].name == "Bjørn \"BB\" Haugen");
    CHECK(learners[1].manager_id == "u1");
    CHECK(learners[1].language == "nb");
    CHECK(learners[2].id == "u3");
    CHECK(learners[2].language == "en-GB");  // "en_gb" as Moodle writes it
    CHECK(learners[2].timezone == "UTC");
    CHECK(learners[2].department.empty());
    CHECK(roster.value().find("u2") == &learners[1]);
    CHECK(roster.value().contains("u3"));
    CHECK_FALSE(roster.value().contains("u4"));
}

TEST_CASE("Roster: a header without id or name is an error at its line naming the column", "[roster]") {
    const auto& errors = errors_of(json::parse_roster_csv("\n Name,Email\nAnn,ann@example.com\n"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "missing_field");
    CHECK(errors[0].path == "/lines/2");
    CHECK(errors[0].message == "line 2: required column \"id\" is missing from the header (found \"name\", \"email\")");

    const auto& both = errors_of(json::parse_roster_csv("ID,e-mail\n"));
    CHECK(places(both) == std::vector<std::string>{"/lines/1 missing_field"});
    CHECK(both[0].message.find("\"name\"") != std::string::npos);

    const auto& twice = errors_of(json::parse_roster_csv("id,name,Email,EMAIL\n"));
    REQUIRE(twice.size() == 1);
    CHECK(twice[0].path == "/lines/1/email");
    CHECK(twice[0].message == "line 1, column 4 (email): the column appears twice (first in column 3)");

    const auto& empty = errors_of(json::parse_roster_csv(""));
    CHECK(places(empty) == std::vector<std::string>{"/lines/1 missing_field"});

    // A header alone is an empty roster.
    const auto none = json::parse_roster_csv("id,name\r\n");
    REQUIRE(none.ok());
    CHECK(none.value().size() == 0);
}

TEST_CASE("Roster: every row problem is reported at once with its line, column and path", "[roster]") {
    const std::string text = std::string(kHeader) +
                             "a1,Ann,ann@example.com,Sales,,,,,Europe/Stockholm,sv\n"  // 2
                             "a2,,bo@example.com,Sales,a1,,,,UTC,en\n"                 // 3: no name
                             "a3,Cid,cid(at)example.com,Sales,a1,,,,UTC,en\n"         // 4: email
                             "a1,Dup,dup@example.com,Sales,,,,,UTC,en\n"               // 5: duplicate of line 2
                             "\n"                                                      // 6: skipped
                             ",Nobody,,,,,,,,\n"                                       // 7: no id
                             "a5,Eve,eve@example.com,Sales,a5,,,,UTC,en\n"             // 8: own manager
                             "a6,Fay,fay@example.com,Sales,a1,,,,CET,en\n"             // 9: time zone
                             "a7,Gus,gus@example.com,Sales,a1,,,,UTC,Swedish\n"        // 10: language
                             "a8,Hal,hal@example.com,Sales,a1,,,,UTC\n"                // 11: 9 fields
                             "a9,\"Ida\nMulti\",ida@example.com,Sales,boss-outside,,,,UTC,en\n"  // 12–13: fine
                             ",,,,,,,,,\n"                                             // 14: all empty, skipped
                             "b1,Jo,jo@example,Sales,,,,,Europe/Stockholm,sv-SE\n";   // 15: email
    const auto& errors = errors_of(json::parse_roster_csv(text));
    INFO(messages(errors));
    CHECK(places(errors) == std::vector<std::string>{
                                "/lines/3/name missing_field",
                                "/lines/4/email invalid_value",
                                "/lines/5/id duplicate_id",
                                "/lines/7/id missing_field",
                                "/lines/8/manager_id invalid_value",
                                "/lines/9/timezone invalid_value",
                                "/lines/10/language invalid_value",
                                "/lines/11 invalid_value",
                                "/lines/15/email invalid_value",
                            });
    REQUIRE(errors.size() == 9);
    CHECK(errors[0].message == "line 3, column 2 (name): required field \"name\" is empty");
    CHECK(errors[1].message ==
          "line 4, column 3 (email): expected an email address such as \"name@example.com\", found \"cid(at)example.com\"");
    CHECK(errors[2].message == "line 5, column 1 (id): id \"a1\" is used more than once (first on line 2)");
    CHECK(errors[3].message == "line 7, column 1 (id): required field \"id\" is empty");
    CHECK(errors[4].message == "line 8, column 5 (manager_id): a learner cannot be their own manager (manager id \"a5\")");
    CHECK(errors[5].message ==
          "line 9, column 9 (timezone): expected an IANA time zone such as \"Europe/Stockholm\" or \"UTC\", found \"CET\"");
    CHECK(errors[6].message ==
          "line 10, column 10 (language): expected a language tag such as \"sv\" or \"pt-BR\", found \"Swedish\"");
    CHECK(errors[7].message == "line 11: expected 10 fields as in the header, found 9");
}

TEST_CASE("Roster: a manager cycle is reported once, at its first learner, and managers outside the roster are fine", "[roster]") {
    const std::string text = std::string(kHeader) +
                             "m1,Mo,,,outside-ceo,,,,,\n"  // 2: manager not in the roster: fine
                             "c3,Cy,,,c1,,,,,\n"           // 3: c3 → c1 → c2 → c3
                             "x1,Xi,,,c3,,,,,\n"           // 4: leads into the cycle, not part of it
                             "c1,Ca,,,c2,,,,,\n"           // 5
                             "c2,Cb,,,c3,,,,,\n"           // 6
                             "p1,Pa,,,p2,,,,,\n"           // 7: p1 ↔ p2
                             "p2,Pb,,,p1,,,,,\n";          // 8
    const auto& errors = errors_of(json::parse_roster_csv(text));
    INFO(messages(errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].code == "cycle");
    CHECK(errors[0].path == "/lines/3/manager_id");
    CHECK(errors[0].message ==
          "line 3, column 5 (manager_id): managers form a cycle: \"c3\" → \"c1\" → \"c2\" → \"c3\" (→ points to the manager)");
    CHECK(errors[1].path == "/lines/7/manager_id");
    CHECK(errors[1].message.find("\"p1\" → \"p2\" → \"p1\"") != std::string::npos);

    // A chain that ends outside the roster, and a manager line longer than the roster, are fine.
    const auto ok = json::parse_roster_csv(std::string(kHeader) + "a,A,,,b,,,,,\nb,B,,,c,,,,,\nc,C,,,outside,,,,,\n");
    REQUIRE(ok.ok());
    CHECK(ok.value().find("a")->manager_id == "b");
}

TEST_CASE("Roster: skill lists split on semicolons, items trimmed, empty ones dropped", "[roster]") {
    const auto roster = json::parse_roster_csv(
        "id,name,skills_offered,skills_wanted\n"
        "u1,Ann, feedback ;coaching;;  ; public speaking ,\n"
        "u2,Bo,\"negotiation; conflict resolution, advanced\",hiring\n");
    REQUIRE(roster.ok());
    const auto& l = roster.value().learners();
    CHECK(l[0].skills_offered == std::vector<std::string>{"feedback", "coaching", "public speaking"});
    CHECK(l[0].skills_wanted.empty());
    CHECK(l[1].skills_offered == std::vector<std::string>{"negotiation", "conflict resolution, advanced"});
    CHECK(l[1].skills_wanted == std::vector<std::string>{"hiring"});
}

TEST_CASE("Roster: emails, language tags and time zones are checked by shape", "[roster]") {
    auto one = [](std::string_view column, std::string_view value) {
        return json::parse_roster_csv("id,name," + std::string(column) + "\nu1,Ann,\"" + std::string(value) + "\"\n");
    };
    for (auto good : {"ann@example.com", "a.b+c@mail.example.co.uk", "åsa@exempel.se"}) CHECK(one("email", good).ok());
    for (auto bad : {"ann", "ann@", "@example.com", "ann@example", "ann@example.c", "a@b@example.com", "ann @example.com",
                     "Ann <ann@example.com>", "a@example.com; b@example.com", "ann@.example.com", "ann@example..com"}) {
        INFO(bad);
        CHECK(places(errors_of(one("email", bad))) == std::vector<std::string>{"/lines/2/email invalid_value"});
    }
    for (auto good : {"UTC", "Europe/Stockholm", "America/Argentina/Buenos_Aires", "Etc/GMT+1", "America/Port-au-Prince"})
        CHECK(one("timezone", good).ok());
    for (auto bad : {"CET", "utc+1", "Europe/", "/Stockholm", "Europe//Oslo", "Europe/Stock holm", "+01:00", "1/2"}) {
        INFO(bad);
        CHECK_FALSE(one("timezone", bad).ok());
    }
    CHECK(one("language", "SV").value().learners()[0].language == "sv");
    CHECK(one("language", "pt_br").value().learners()[0].language == "pt-BR");
    CHECK(one("language", "es-419").value().learners()[0].language == "es-419");
    CHECK(one("language", "fil").value().learners()[0].language == "fil");
    for (auto bad : {"s", "swed", "en-", "en-GBR", "en-1", "zh-Hant-TW", "Swedish", "e1"}) {
        INFO(bad);
        CHECK_FALSE(one("language", bad).ok());
    }
}

TEST_CASE("Roster: JSON learners are read with the same checks, located by JSON Pointers", "[roster][json]") {
    const auto roster = json::parse_roster_json(R"({"learners": [
        {"id": " u1 ", "name": "Åsa Öberg, Jr.", "email": "asa@example.se", "department": "Sales", "managerId": "boss",
         "role": "first-time leader", "skillsOffered": [" feedback ", ""], "skillsWanted": ["coaching"],
         "timezone": "Europe/Stockholm", "language": "sv_se"},
        {"id": "u2", "name": "\"Bob\" O'Neil"}
    ]})");
    REQUIRE(roster.ok());
    const auto& l = roster.value().learners();
    REQUIRE(l.size() == 2);
    CHECK(l[0].id == "u1");
    CHECK(l[0].manager_id == "boss");
    CHECK(l[0].skills_offered == std::vector<std::string>{"feedback"});
    CHECK(l[0].language == "sv-SE");
    CHECK(l[1].email.empty());
    CHECK(l[1].skills_wanted.empty());

    const auto& errors = errors_of(json::parse_roster_json(R"({"learners": [
        {"id": "a1", "name": "Ann", "email": "ann@example.com"},
        {"id": "a2", "name": " ", "emial": "x"},
        {"id": "a1", "name": "Dup", "skillsOffered": ["ok", 3]},
        {"id": "a4", "name": "Dee", "managerId": "a4", "timezone": "CET", "language": "Svenska"},
        {"name": "No id", "email": 5},
        7,
        {"id": "a6", "name": "Fi", "managerId": "a7"},
        {"id": "a7", "name": "Gu", "managerId": "a6"}
    ], "version": 1})"));
    INFO(messages(errors));
    CHECK(places(errors) == std::vector<std::string>{
                                "/learners/1/emial unknown_field",
                                "/learners/1/name missing_field",
                                "/learners/2/skillsOffered/1 type_error",
                                "/learners/2/id duplicate_id",
                                "/learners/3/managerId invalid_value",
                                "/learners/3/timezone invalid_value",
                                "/learners/3/language invalid_value",
                                "/learners/4 missing_field",
                                "/learners/4/email type_error",
                                "/learners/5 type_error",
                                "/version unknown_field",
                                "/learners/6/managerId cycle",
                            });
    REQUIRE(errors.size() == 12);
    CHECK(errors[1].message == "required field \"name\" is empty");
    CHECK(errors[3].message == "id \"a1\" is used more than once (first at /learners/0)");
    CHECK(errors[6].message == "expected a language tag such as \"sv\" or \"pt-BR\", found \"Svenska\"");
    CHECK(errors[11].message == "managers form a cycle: \"a6\" → \"a7\" → \"a6\" (→ points to the manager)");
}

TEST_CASE("Roster: JSON that is not a roster document is refused with its place", "[roster][json]") {
    CHECK(places(errors_of(json::parse_roster_json("{\"learners\": [}"))) == std::vector<std::string>{" invalid_json"});
    CHECK(places(errors_of(json::parse_roster_json("[]"))) == std::vector<std::string>{" type_error"});
    CHECK(places(errors_of(json::parse_roster_json("{}"))) == std::vector<std::string>{" missing_field"});
    CHECK(places(errors_of(json::parse_roster_json("{\"learners\": {}}"))) == std::vector<std::string>{"/learners type_error"});
    CHECK(places(errors_of(json::parse_roster_json("{\"learners\": [{\"id\": 1, \"name\": \"A\", \"skillsWanted\": \"x\"}]}"))) ==
          std::vector<std::string>{"/learners/0/id type_error", "/learners/0/skillsWanted type_error"});
    const auto empty = json::parse_roster_json("\xEF\xBB\xBF{\"learners\": []}");
    REQUIRE(empty.ok());
    CHECK(empty.value().size() == 0);
}

TEST_CASE("Roster: parse_roster reads JSON when the text starts with '{', else CSV", "[roster]") {
    const auto from_json = json::parse_roster(" \r\n\t{\"learners\": [{\"id\": \"u1\", \"name\": \"Ann\"}]}");
    const auto from_bom_json = json::parse_roster("\xEF\xBB\xBF{\"learners\": [{\"id\": \"u1\", \"name\": \"Ann\"}]}");
    const auto from_csv = json::parse_roster("\xEF\xBB\xBFid,name\r\nu1,Ann\r\n");
    REQUIRE(from_bom_json.ok());
    REQUIRE(from_csv.ok());
    CHECK(from_bom_json.value().learners() == from_csv.value().learners());
    REQUIRE(from_json.ok());
    CHECK(from_json.value().learners() == from_csv.value().learners());
    // Anything else is read as CSV: a JSON array is a header without "id" and "name".
    CHECK(places(errors_of(json::parse_roster("[1]"))) ==
          std::vector<std::string>{"/lines/1 missing_field", "/lines/1 missing_field"});
}

TEST_CASE("Roster: the 200-learner fixture has 8 departments of 25 and reporting lines", "[roster][fixtures]") {
    const auto roster = json::parse_roster_csv(read_fixture("rosters/roster-200.csv"));
    INFO((roster.ok() ? std::string() : messages(roster.errors())));
    REQUIRE(roster.ok());
    const Roster& r = roster.value();
    REQUIRE(r.size() == 200);
    CHECK(r.learners()[0].name == "Åsa Öberg, Jr.");
    CHECK(r.learners()[1].name == "\"Bob\" O'Neil");

    std::set<std::string> departments;
    std::size_t heads = 0, inside = 0, outside = 0;
    for (const Learner& l : r.learners()) {
        departments.insert(l.department);
        CHECK_FALSE(l.manager_id.empty());
        if (const Learner* m = r.find(l.manager_id)) {
            ++inside;
            CHECK(m->department == l.department);
        } else {
            ++outside;
            CHECK(l.role == "department head");
        }
        if (l.role == "department head") ++heads;
        CHECK_FALSE(l.skills_wanted.empty());
    }
    CHECK(departments.size() == 8);
    CHECK(departments.count("Research, Nordics") == 1);
    CHECK(heads == 8);
    CHECK(outside == 8);
    CHECK(inside == 192);
    // Every learner's reporting line ends outside the roster within three steps.
    for (const Learner& l : r.learners()) {
        const Learner* at = &l;
        int steps = 0;
        while (at && steps < 4) {
            at = r.find(at->manager_id);
            ++steps;
        }
        CHECK(at == nullptr);
    }
}

TEST_CASE("Roster: the 200-learner JSON twin gives an equal roster, and roster_to_json round-trips it", "[roster][fixtures][json]") {
    const auto from_csv = json::parse_roster_csv(read_fixture("rosters/roster-200.csv"));
    const auto from_json = json::parse_roster_json(read_fixture("rosters/roster-200.json"));
    REQUIRE(from_csv.ok());
    REQUIRE(from_json.ok());
    CHECK(from_csv.value().learners() == from_json.value().learners());

    const std::string written = json::roster_to_json(from_csv.value());
    CHECK(written.rfind("{\"learners\":[{", 0) == 0);
    CHECK(written.find("\"managerId\":\"exec-1\"") != std::string::npos);
    CHECK(written.find("\"skillsOffered\":[") != std::string::npos);
    const auto again = json::parse_roster(written);
    REQUIRE(again.ok());
    CHECK(again.value().learners() == from_csv.value().learners());

    // And back out to CSV with the writer: the same roster again.
    std::string csv = csv_row({"id", "name", "email", "department", "manager_id", "role", "skills_offered", "skills_wanted",
                               "timezone", "language"});
    auto join = [](const std::vector<std::string>& items) {
        std::string s;
        for (const auto& item : items) s += (s.empty() ? "" : ";") + item;
        return s;
    };
    for (const Learner& l : from_csv.value().learners())
        csv += csv_row({l.id, l.name, l.email, l.department, l.manager_id, l.role, join(l.skills_offered),
                        join(l.skills_wanted), l.timezone, l.language});
    const auto third = json::parse_roster(csv);
    REQUIRE(third.ok());
    CHECK(third.value().learners() == from_csv.value().learners());
}

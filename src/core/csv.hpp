#pragma once
/// CSV reading and writing (RFC 4180), pure: text in, rows out (docs/roster-format.md).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kollega {

/// One record of a CSV text.
struct CsvRow {
    std::size_t line = 0;             ///< 1-based line the record starts on (a quoted field can span lines)
    std::vector<std::string> fields;  ///< the fields, unquoted, doubled quotes undone, nothing trimmed

    friend bool operator==(const CsvRow&, const CsvRow&) = default;
};

/// Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes (quotes inside
/// doubled; commas, CR and LF allowed inside), CRLF, LF or CR line ends, an optional final line
/// end, a UTF-8 byte-order mark skipped, empty lines skipped. The text must be UTF-8.
/// Errors have the code "invalid_csv", the path "/lines/N" and a message starting
/// "line N, column C: " (C counts code points from 1); every broken record is reported, except
/// that nothing after an unclosed quote can be read.
Result<std::vector<CsvRow>> parse_csv(std::string_view text);

/// One CSV record: cells joined by commas, a cell quoted when it contains a comma, quote, CR or
/// LF (its quotes doubled), ended by CRLF. A record of one empty cell is written "" so that it
/// is not read back as an empty line.
std::string csv_row(const std::vector<std::string>& cells);

/// A text cell a spreadsheet will show as text: prefixed with ' when it starts with =, +, -, @,
/// TAB or CR (OWASP CSV injection). For text only; numbers the core writes skip it.
std::string spreadsheet_safe(std::string_view cell);

/// Writes CSV rows straight into one string (RFC 4180, CRLF), without a temporary per cell:
/// exports of 10,000 learners stay fast in wasm, where short strings allocate.
class CsvWriter {
public:
    /// Appends to `out`.
    explicit CsvWriter(std::string& out) : out_(out) {}
    /// A cell of text from people (names, ids, titles): spreadsheet_safe, quoted when needed.
    CsvWriter& text(std::string_view cell);
    /// A cell we wrote ourselves (numbers, times, true/false): quoted when needed, never prefixed.
    CsvWriter& raw(std::string_view cell);
    /// A whole number.
    CsvWriter& number(long long value);
    /// Ends the row with CRLF.
    void end_row();

private:
    void separator();
    std::string& out_;
    bool first_ = true;
};

}  // namespace kollega

// CSV reading and writing (RFC 4180); see csv.hpp.
#include "core/csv.hpp"

#include <cstdint>
#include <charconv>

namespace kollega {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// The offset of the first byte that does not start a valid UTF-8 sequence, or npos.
/// Overlong forms, surrogates and code points above U+10FFFF are invalid (RFC 3629).
std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto b = static_cast<std::uint8_t>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint8_t lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (b >= 0xC2 && b <= 0xDF) len = 2;
        else if (b == 0xE0) len = 3, lo = 0xA0;
        else if (b >= 0xE1 && b <= 0xEC) len = 3;
        else if (b == 0xED) len = 3, hi = 0x9F;
        else if (b >= 0xEE && b <= 0xEF) len = 3;
        else if (b == 0xF0) len = 4, lo = 0x90;
        else if (b >= 0xF1 && b <= 0xF3) len = 4;
        else if (b == 0xF4) len = 4, hi = 0x8F;
        else return i;
        if (i + len > n) return i;
        const auto b1 = static_cast<std::uint8_t>(s[i + 1]);
        if (b1 < lo || b1 > hi) return i;
        for (std::size_t k = 2; k < len; ++k) {
            const auto bk = static_cast<std::uint8_t>(s[i + k]);
            if (bk < 0x80 || bk > 0xBF) return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

/// Walks the text once, keeping the line and the start of the current line for positions.
class Reader {
public:
    explicit Reader(std::string_view text) : s_(text) {}

    Result<std::vector<CsvRow>> run() {
        if (s_.substr(0, kBom.size()) == kBom) pos_ = line_start_ = kBom.size();
        if (const auto bad = first_invalid_utf8(s_); bad != std::string_view::npos) return invalid_encoding(bad);
        while (pos_ < s_.size()) {
            if (at_line_end()) {  // an empty line
                skip_line_end();
                continue;
            }
            if (!record()) break;  // an unclosed quote: nothing after it can be read
        }
        if (!errors_.empty()) return errors_;
        return std::move(rows_);
    }

private:
    [[nodiscard]] bool at_line_end() const { return s_[pos_] == '\n' || s_[pos_] == '\r'; }

    /// Consumes CRLF, CR or LF at pos_ and starts the next line.
    void skip_line_end() {
        if (s_[pos_] == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
        line_start_ = pos_;
    }

    /// The 1-based column of a byte offset on the current line, in code points.
    [[nodiscard]] std::size_t column(std::size_t at) const {
        std::size_t col = 1;
        for (std::size_t i = line_start_; i < at; ++i)
            if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++col;
        return col;
    }

    void error(std::size_t line, std::size_t col, std::string_view what) {
        errors_.push_back({"invalid_csv",
                           "line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + std::string(what),
                           "/lines/" + std::to_string(line)});
    }

    Errors invalid_encoding(std::size_t bad) {
        // Find the line and its start by counting line ends before the bad byte.
        for (std::size_t i = pos_; i < bad; ++i) {
            if (s_[i] == '\n' || (s_[i] == '\r' && (i + 1 >= s_.size() || s_[i + 1] != '\n'))) {
                ++line_;
                line_start_ = i + 1;
            }
        }
        static constexpr char kHex[] = "0123456789ABCDEF";
        const auto b = static_cast<unsigned char>(s_[bad]);
        const std::string byte = {'0', 'x', kHex[b >> 4], kHex[b & 0xF]};
        error(line_, column(bad),
              "the text is not UTF-8 (byte " + byte + "); save the file as \"CSV UTF-8\"");
        return errors_;
    }

    /// Skips the rest of a broken record up to its line end (quotes no longer count).
    void skip_rest_of_line() {
        while (pos_ < s_.size() && !at_line_end()) ++pos_;
    }

    /// Reads one record starting at pos_ (not at a line end). False after an unclosed quote.
    bool record() {
        CsvRow row;
        row.line = line_;
        bool broken = false;
        for (;;) {
            std::string field;
            if (pos_ < s_.size() && s_[pos_] == '"') {
                if (!quoted(field)) return false;
                if (pos_ < s_.size() && s_[pos_] != ',' && !at_line_end()) {
                    error(line_, column(pos_), "text after the closing quote of a field (a quote inside a quoted field must be doubled: \"\")");
                    broken = true;
                }
            } else {
                const std::size_t start = pos_;
                while (pos_ < s_.size() && s_[pos_] != ',' && !at_line_end()) {
                    if (s_[pos_] == '"') {
                        const bool only_spaces = s_.substr(start, pos_ - start).find_first_not_of(" \t") == std::string_view::npos;
                        error(line_, column(pos_),
                              only_spaces ? "a space before the opening quote (a quoted field must start right after the comma)"
                                          : "a quote inside a field that is not quoted (quote the whole field and double the quote: \"\")");
                        broken = true;
                        break;
                    }
                    field += s_[pos_++];
                }
            }
            if (broken) {
                skip_rest_of_line();
                break;
            }
            row.fields.push_back(std::move(field));
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            break;
        }
        if (pos_ < s_.size()) skip_line_end();
        if (!broken) rows_.push_back(std::move(row));
        return true;
    }

    /// Reads a quoted field from its opening quote at pos_ to just after its closing quote.
    bool quoted(std::string& field) {
        const std::size_t open_line = line_, open_column = column(pos_);
        ++pos_;
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c == '"') {
                if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {
                    field += '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                return true;
            }
            if (c == '\r' || c == '\n') {
                const std::size_t from = pos_;
                skip_line_end();
                field.append(s_.substr(from, pos_ - from));
                continue;
            }
            field += c;
            ++pos_;
        }
        error(open_line, open_column, "a quoted field is not closed (the quote here has no closing quote)");
        return false;
    }

    std::string_view s_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;
    std::vector<CsvRow> rows_;
    Errors errors_;
};

bool needs_quotes(std::string_view cell) { return cell.find_first_of(",\"\r\n") != std::string_view::npos; }

}  // namespace

Result<std::vector<CsvRow>> parse_csv(std::string_view text) { return Reader(text).run(); }

std::string csv_row(const std::vector<std::string>& cells) {
    // A record of one empty cell is written "" so that it is not read back as an empty line.
    if (cells.size() == 1 && cells[0].empty()) return "\"\"\r\n";
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        const std::string& cell = cells[i];
        if (!needs_quotes(cell)) {
            out += cell;
            continue;
        }
        out += '"';
        for (char c : cell) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += "\r\n";
    return out;
}

std::string spreadsheet_safe(std::string_view cell) {
    if (!cell.empty()) {
        switch (cell.front()) {
            case '=':
            case '+':
            case '-':
            case '@':
            case '\t':
            case '\r': return "'" + std::string(cell);
            default: break;
        }
    }
    return std::string(cell);
}

void CsvWriter::separator() {
    if (!first_) out_ += ',';
    first_ = false;
}

CsvWriter& CsvWriter::raw(std::string_view cell) {
    separator();
    if (!needs_quotes(cell)) {
        out_ += cell;
        return *this;
    }
    out_ += '"';
    for (char c : cell) {
        if (c == '"') out_ += '"';
        out_ += c;
    }
    out_ += '"';
    return *this;
}

CsvWriter& CsvWriter::text(std::string_view cell) {
    switch (cell.empty() ? '\0' : cell.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r': return raw(spreadsheet_safe(cell));
        default: return raw(cell);
    }
}

CsvWriter& CsvWriter::number(long long value) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);  // printf is slow in wasm
    (void)ec;  // 24 chars always hold a long long
    return raw(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

void CsvWriter::end_row() {
    out_ += "\r\n";
    first_ = true;
}

}  // namespace kollega

#include "core/session/tz.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/time.hpp"

namespace kollega::tz {
namespace {

/// Floor division.
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/// A cursor over the rule text that reports errors with the position.
class Cursor {
public:
    explicit Cursor(std::string_view s) : s_(s) {}
    [[nodiscard]] bool done() const { return i_ >= s_.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : s_[i_]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++i_;
        return true;
    }
    [[nodiscard]] std::size_t pos() const { return i_; }
    /// An error at the current position.
    Error error(std::string_view expected) const { return error_at(i_, expected); }
    /// An error about the token that starts at `at`.
    Error error_at(std::size_t at, std::string_view expected) const {
        std::string found = at >= s_.size() ? "the end" : "\"" + std::string(s_.substr(at, std::max<std::size_t>(1, i_ - at))) + "\"";
        return {"invalid_tz",
                "in the POSIX TZ rule \"" + std::string(s_) + "\" at character " + std::to_string(at + 1) + ": expected " +
                    std::string(expected) + ", found " + found,
                ""};
    }
    /// A zone name: 3+ letters, or <…> of letters, digits, + and -.
    std::optional<std::string> name() {
        std::string out;
        if (eat('<')) {
            while (!done() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '+' || peek() == '-')) out += s_[i_++];
            if (!eat('>') || out.size() < 3) return std::nullopt;
            return out;
        }
        while (!done() && std::isalpha(static_cast<unsigned char>(peek()))) out += s_[i_++];
        if (out.size() < 3) return std::nullopt;
        return out;
    }
    /// An unsigned integer of at most `max_digits` digits.
    std::optional<int> number(int max_digits) {
        int v = 0, n = 0;
        while (!done() && std::isdigit(static_cast<unsigned char>(peek())) && n < max_digits) {
            v = v * 10 + (s_[i_++] - '0');
            ++n;
        }
        if (n == 0) return std::nullopt;
        return v;
    }
    /// [+|-]hh[:mm[:ss]] in seconds, hours up to `max_hours`.
    std::optional<int> hms(int max_hours) {
        int sign = 1;
        if (eat('-')) sign = -1;
        else eat('+');
        auto h = number(3);
        if (!h || *h > max_hours) return std::nullopt;
        int total = *h * 3600;
        if (eat(':')) {
            auto m = number(2);
            if (!m || *m > 59) return std::nullopt;
            total += *m * 60;
            if (eat(':')) {
                auto sec = number(2);
                if (!sec || *sec > 59) return std::nullopt;
                total += *sec;
            }
        }
        return sign * total;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
};

Result<ChangeRule> read_change(Cursor& c) {
    ChangeRule r;
    std::size_t at = c.pos();
    if (c.eat('J')) {
        r.form = ChangeRule::Form::Julian1;
        at = c.pos();
        auto d = c.number(3);
        if (!d || *d < 1 || *d > 365) return c.error_at(at, "a day 1–365 after J");
        r.day = *d;
    } else if (c.eat('M')) {
        r.form = ChangeRule::Form::MonthWeekDay;
        at = c.pos();
        auto m = c.number(2);
        if (!m || *m < 1 || *m > 12) return c.error_at(at, "a month 1–12 after M");
        if (!c.eat('.')) return c.error("\".\" after the month");
        at = c.pos();
        auto w = c.number(1);
        if (!w || *w < 1 || *w > 5) return c.error_at(at, "a week 1–5");
        if (!c.eat('.')) return c.error("\".\" after the week");
        at = c.pos();
        auto d = c.number(1);
        if (!d || *d > 6) return c.error_at(at, "a weekday 0–6 (0 = Sunday)");
        r.month = *m;
        r.week = *w;
        r.weekday = *d;
    } else {
        r.form = ChangeRule::Form::Julian0;
        auto d = c.number(3);
        if (!d || *d > 365) return c.error_at(at, "a date: Jn, n or Mm.w.d");
        r.day = *d;
    }
    if (c.eat('/')) {
        at = c.pos();
        auto t = c.hms(167);
        if (!t) return c.error_at(at, "a time [+|-]hh[:mm[:ss]] from -167 to 167 hours");
        r.time = *t;
    }
    return r;
}

}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_days(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

int weekday(int y, int m, int d) {
    const std::int64_t days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    return static_cast<int>(((days % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
}

std::optional<LocalDateTime> parse_local(std::string_view s) {
    auto num = [&](std::size_t pos, std::size_t n, int& out) {
        if (pos + n > s.size()) return false;
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    LocalDateTime t;
    if (s.size() != 16 && s.size() != 19) return std::nullopt;
    if (!num(0, 4, t.year) || s[4] != '-' || !num(5, 2, t.month) || s[7] != '-' || !num(8, 2, t.day) ||
        (s[10] != 'T' && s[10] != 't') || !num(11, 2, t.hour) || s[13] != ':' || !num(14, 2, t.minute))
        return std::nullopt;
    if (s.size() == 19 && (s[16] != ':' || !num(17, 2, t.second))) return std::nullopt;
    if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > month_days(t.year, t.month) || t.hour > 23 ||
        t.minute > 59 || t.second > 59)
        return std::nullopt;
    return t;
}

std::string zero_pad(long long value, int width) {
    std::string s = std::to_string(value < 0 ? -value : value);
    if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
    return value < 0 ? "-" + s : s;
}

std::string format_local(const LocalDateTime& t) {
    return zero_pad(t.year, 4) + "-" + zero_pad(t.month, 2) + "-" + zero_pad(t.day, 2) + "T" + zero_pad(t.hour, 2) + ":" +
           zero_pad(t.minute, 2) + ":" + zero_pad(t.second, 2);
}

std::int64_t local_seconds(const LocalDateTime& t) {
    return days_from_civil(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day)) * 86400 +
           t.hour * 3600 + t.minute * 60 + t.second;
}

LocalDateTime from_local_seconds(std::int64_t s) {
    const std::int64_t days = floor_div(s, 86400);
    const std::int64_t rem = s - days * 86400;
    // civil_from_days (Howard Hinnant)
    const std::int64_t z = days + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    LocalDateTime t;
    t.year = static_cast<int>(y);
    t.month = static_cast<int>(m);
    t.day = static_cast<int>(d);
    t.hour = static_cast<int>(rem / 3600);
    t.minute = static_cast<int>(rem % 3600 / 60);
    t.second = static_cast<int>(rem % 60);
    return t;
}

Result<Zone> parse_zone(std::string_view rule) {
    Cursor c(rule);
    Zone z;
    std::size_t at = c.pos();
    auto std_name = c.name();
    if (!std_name) return c.error_at(at, "a zone name of at least 3 letters, or <…> such as <+0530>");
    z.std_name = *std_name;
    at = c.pos();
    auto off = c.hms(24);
    if (!off) return c.error_at(at, "the standard offset [+|-]hh[:mm[:ss]] (hours 0–24)");
    z.std_offset = -*off;
    if (c.done()) return z;
    at = c.pos();
    auto dst_name = c.name();
    if (!dst_name) return c.error_at(at, "a daylight zone name of at least 3 letters, or the end");
    z.has_dst = true;
    z.dst_name = *dst_name;
    z.dst_offset = z.std_offset + 3600;
    if (c.peek() != ',' && !c.done()) {
        at = c.pos();
        auto d = c.hms(24);
        if (!d) return c.error_at(at, "the daylight offset [+|-]hh[:mm[:ss]] or \",\"");
        z.dst_offset = -*d;
    }
    if (!c.eat(',')) return c.error("\",\" and the rule for when daylight time starts and ends");
    auto start = read_change(c);
    if (!start.ok()) return start.errors();
    if (!c.eat(',')) return c.error("\",\" and the rule for when daylight time ends");
    auto end = read_change(c);
    if (!end.ok()) return end.errors();
    if (!c.done()) return c.error("the end of the rule");
    z.start = start.value();
    z.end = end.value();
    return z;
}

std::int64_t change_day(const ChangeRule& r, int year) {
    const std::int64_t jan1 = days_from_civil(year, 1, 1);
    switch (r.form) {
        case ChangeRule::Form::Julian1: return jan1 + r.day - 1 + (is_leap_year(year) && r.day >= 60 ? 1 : 0);
        case ChangeRule::Form::Julian0: return jan1 + r.day;
        case ChangeRule::Form::MonthWeekDay: {
            const int first = 1 + (r.weekday - weekday(year, r.month, 1) + 7) % 7;
            int day = first + 7 * (r.week - 1);
            while (day > month_days(year, r.month)) day -= 7;
            return days_from_civil(year, static_cast<unsigned>(r.month), static_cast<unsigned>(day));
        }
    }
    return jan1;
}

std::int64_t dst_start_utc(const Zone& z, int year) { return change_day(z.start, year) * 86400 + z.start.time - z.std_offset; }
std::int64_t dst_end_utc(const Zone& z, int year) { return change_day(z.end, year) * 86400 + z.end.time - z.dst_offset; }

bool is_dst(const Zone& z, std::int64_t utc) {
    if (!z.has_dst) return false;
    const int year = from_local_seconds(utc).year;
    // The latest change at or before `utc`, looking one year back and forth.
    std::int64_t best = INT64_MIN;
    bool dst = false;
    for (int y = year - 1; y <= year + 1; ++y) {
        const std::int64_t s = dst_start_utc(z, y);
        const std::int64_t e = dst_end_utc(z, y);
        if (e <= utc && e > best) {
            best = e;
            dst = false;
        }
        // A start at the instant of an end ("all year daylight time": EST5EDT,0/0,J365/25) wins.
        if (s <= utc && s >= best) {
            best = s;
            dst = true;
        }
    }
    return dst;
}

int offset_at(const Zone& z, std::int64_t utc) { return is_dst(z, utc) ? z.dst_offset : z.std_offset; }

std::int64_t to_utc(const Zone& z, std::int64_t local) {
    if (!z.has_dst) return local - z.std_offset;
    const std::int64_t a = local - z.std_offset;
    const std::int64_t b = local - z.dst_offset;
    const bool a_ok = offset_at(z, a) == z.std_offset;
    const bool b_ok = offset_at(z, b) == z.dst_offset;
    if (a_ok && b_ok) return std::min(a, b);  // twice: the first occurrence
    if (a_ok) return a;
    if (b_ok) return b;
    const std::int64_t earliest = std::min(a, b);  // a gap: the offset before it
    return local - offset_at(z, earliest);
}

}  // namespace kollega::tz

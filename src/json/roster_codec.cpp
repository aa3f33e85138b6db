// Reading rosters from CSV and JSON (docs/roster-format.md). Both readers fill Learners and
// hand them to one Checker, so the two formats make exactly the same checks.
#include "json/roster_codec.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include "core/csv.hpp"
#include "json/reader.hpp"

namespace kollega::json {
namespace {

using namespace detail;

/// The fields of a learner, in CSV column order.
enum Column : std::size_t {
    kId,
    kName,
    kEmail,
    kDepartment,
    kManagerId,
    kRole,
    kSkillsOffered,
    kSkillsWanted,
    kTimezone,
    kLanguage,
    kColumnCount
};

/// A field's name in each format.
struct ColumnName {
    std::string_view csv;
    std::string_view json;
};

constexpr std::array<ColumnName, kColumnCount> kColumns = {{{"id", "id"},
                                                            {"name", "name"},
                                                            {"email", "email"},
                                                            {"department", "department"},
                                                            {"manager_id", "managerId"},
                                                            {"role", "role"},
                                                            {"skills_offered", "skillsOffered"},
                                                            {"skills_wanted", "skillsWanted"},
                                                            {"timezone", "timezone"},
                                                            {"language", "language"}}};

/// 1-based position of each field's column in a CSV header; 0 when the header lacks it.
using ColumnPositions = std::array<std::size_t, kColumnCount>;

/// Where a learner was read from, to name the place of a problem in either format.
struct Origin {
    std::size_t number = 0;                     ///< CSV: the line the row starts on; JSON: the array index
    const ColumnPositions* columns = nullptr;  ///< CSV only

    [[nodiscard]] bool csv() const { return columns != nullptr; }

    /// "/lines/4/email" (CSV) or "/learners/3/email" (JSON).
    [[nodiscard]] std::string path(Column c) const {
        return csv() ? "/lines/" + std::to_string(number) + "/" + std::string(kColumns[c].csv)
                     : "/learners/" + std::to_string(number) + "/" + std::string(kColumns[c].json);
    }

    /// "line 4, column 3 (email): " (CSV) or "" (JSON: the pointer says it all).
    [[nodiscard]] std::string prefix(Column c) const {
        if (!csv()) return "";
        return "line " + std::to_string(number) + ", column " + std::to_string((*columns)[c]) + " (" +
               std::string(kColumns[c].csv) + "): ";
    }

    /// "on line 4" or "at /learners/3", for pointing at another learner.
    [[nodiscard]] std::string place() const {
        return csv() ? "on line " + std::to_string(number) : "at /learners/" + std::to_string(number);
    }

    [[nodiscard]] Error error(std::string code, Column c, std::string_view what) const {
        return {std::move(code), prefix(c) + std::string(what), path(c)};
    }
};

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

/// `local@domain.tld`: one @, no spaces, controls or list/display-name punctuation, a domain
/// with a dot, no empty labels, a top-level domain of two characters or more.
bool is_email(std::string_view s) {
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || std::string_view(",;<>()[]\\\"").find(c) != std::string_view::npos) return false;
    }
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || s.rfind('@') != at) return false;
    const std::string_view domain = s.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || domain.front() == '.' || domain.size() - dot - 1 < 2) return false;
    return domain.find("..") == std::string_view::npos;
}

/// A language tag of 2–3 letters and an optional region (2 letters or 3 digits), separated by
/// "-" or "_" (Moodle writes "pt_br"); normalised to "pt-BR". nullopt when it is not one.
std::optional<std::string> language_tag(std::string_view s) {
    const auto sep = s.find_first_of("-_");
    const std::string_view lang = s.substr(0, sep);
    if (lang.size() < 2 || lang.size() > 3 || !std::all_of(lang.begin(), lang.end(), is_letter)) return std::nullopt;
    std::string out;
    for (char c : lang) out += lower(c);
    if (sep == std::string_view::npos) return out;
    const std::string_view region = s.substr(sep + 1);
    const bool letters = region.size() == 2 && std::all_of(region.begin(), region.end(), is_letter);
    const bool digits = region.size() == 3 && std::all_of(region.begin(), region.end(), is_digit);
    if (!letters && !digits) return std::nullopt;
    out += '-';
    for (char c : region) out += upper(c);
    return out;
}

/// "UTC", or an IANA-shaped name: "Area/Location[/More]", each part non-empty and made of
/// letters, digits, "_", "-" and "+", the area starting with a letter.
bool is_timezone(std::string_view s) {
    if (s == "UTC") return true;
    if (s.find('/') == std::string_view::npos || s.empty() || !is_letter(s.front())) return false;
    std::size_t part = 0;
    for (char c : s) {
        if (c == '/') {
            if (part == 0) return false;
            part = 0;
        } else if (is_letter(c) || is_digit(c) || c == '_' || c == '-' || c == '+') {
            ++part;
        } else {
            return false;
        }
    }
    return part > 0;
}

/// The items of a ";"-separated cell, trimmed, empty ones dropped.
std::vector<std::string> split_list(std::string_view cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        auto end = cell.find(';', start);
        if (end == std::string_view::npos) end = cell.size();
        if (auto item = trim(cell.substr(start, end - start)); !item.empty()) out.emplace_back(item);
        start = end + 1;
    }
    return out;
}

/// The checks both formats share; collects learners and every problem, in input order.
class Checker {
public:
    explicit Checker(Errors& errors) : errors_(errors) {}

    /// Checks one learner (values already trimmed); `id_read`/`name_read` are false when the
    /// reader has already reported the field as absent or of the wrong type.
    void add(Learner l, const Origin& o, bool id_read = true, bool name_read = true) {
        if (id_read && l.id.empty()) errors_.push_back(o.error("missing_field", kId, "required field \"id\" is empty"));
        if (name_read && l.name.empty()) errors_.push_back(o.error("missing_field", kName, "required field \"name\" is empty"));
        if (!l.id.empty()) {
            const auto [it, fresh] = first_.emplace(l.id, learners_.size());
            if (!fresh)
                errors_.push_back(o.error("duplicate_id", kId,
                                          "id " + in_quotes(l.id) + " is used more than once (first " +
                                              origins_[it->second].place() + ")"));
        }
        if (!l.email.empty() && !is_email(l.email))
            errors_.push_back(o.error("invalid_value", kEmail,
                                      "expected an email address such as \"name@example.com\", found " + in_quotes(l.email)));
        if (!l.manager_id.empty() && l.manager_id == l.id)
            errors_.push_back(o.error("invalid_value", kManagerId,
                                      "a learner cannot be their own manager (manager id " + in_quotes(l.manager_id) + ")"));
        if (!l.timezone.empty() && !is_timezone(l.timezone))
            errors_.push_back(o.error("invalid_value", kTimezone,
                                      "expected an IANA time zone such as \"Europe/Stockholm\" or \"UTC\", found " +
                                          in_quotes(l.timezone)));
        if (!l.language.empty()) {
            if (auto tag = language_tag(l.language)) l.language = std::move(*tag);
            else
                errors_.push_back(o.error("invalid_value", kLanguage,
                                          "expected a language tag such as \"sv\" or \"pt-BR\", found " + in_quotes(l.language)));
        }
        learners_.push_back(std::move(l));
        origins_.push_back(o);
    }

    /// Reports manager cycles, then gives the roster or every error.
    Result<Roster> finish() {
        report_cycles();
        if (!errors_.empty()) return std::move(errors_);
        return Roster(std::move(learners_));
    }

private:
    /// Manager links among roster learners form a functional graph: each cycle is found once
    /// by walking from each learner in input order, and reported at its first learner.
    void report_cycles() {
        const std::size_t n = learners_.size();
        constexpr std::size_t kNone = static_cast<std::size_t>(-1);
        std::vector<std::size_t> next(n, kNone);
        for (std::size_t i = 0; i < n; ++i) {
            const Learner& l = learners_[i];
            if (l.id.empty() || first_.at(l.id) != i || l.manager_id.empty() || l.manager_id == l.id) continue;
            if (auto it = first_.find(l.manager_id); it != first_.end()) next[i] = it->second;
        }
        enum : unsigned char { kNew, kOnWalk, kDone };
        std::vector<unsigned char> state(n, kNew);
        std::vector<std::size_t> walk;
        for (std::size_t start = 0; start < n; ++start) {
            walk.clear();
            std::size_t at = start;
            while (at != kNone && state[at] == kNew) {
                state[at] = kOnWalk;
                walk.push_back(at);
                at = next[at];
            }
            if (at != kNone && state[at] == kOnWalk) {
                const auto from = std::find(walk.begin(), walk.end(), at);
                std::vector<std::size_t> cycle(from, walk.end());
                std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
                std::string names;
                for (std::size_t i : cycle) names += in_quotes(learners_[i].id) + " → ";
                names += in_quotes(learners_[cycle.front()].id);
                errors_.push_back(origins_[cycle.front()].error(
                    "cycle", kManagerId, "managers form a cycle: " + names + " (→ points to the manager)"));
            }
            for (std::size_t i : walk) state[i] = kDone;
        }
    }

    Errors& errors_;
    std::vector<Learner> learners_;
    std::vector<Origin> origins_;
    std::unordered_map<std::string, std::size_t> first_;  ///< id → index of its first learner
};

/// Fills `columns` from the header row; reports unknown-but-required and repeated columns.
void read_header(const CsvRow& header, ColumnPositions& columns, Errors& errors) {
    const std::string line = "line " + std::to_string(header.line);
    std::string found;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        std::string name;
        for (char c : trim(header.fields[i])) name += lower(c);
        found += (found.empty() ? "" : ", ") + in_quotes(name);
        for (std::size_t c = 0; c < kColumnCount; ++c) {
            if (kColumns[c].csv != name) continue;
            if (columns[c] != 0)
                errors.push_back(Error::invalid_value(
                    "/lines/" + std::to_string(header.line) + "/" + name,
                    line + ", column " + std::to_string(i + 1) + " (" + name + "): the column appears twice (first in column " +
                        std::to_string(columns[c]) + ")"));
            else
                columns[c] = i + 1;
        }
    }
    for (Column c : {kId, kName})
        if (columns[c] == 0)
            errors.push_back({"missing_field",
                              line + ": required column " + in_quotes(kColumns[c].csv) + " is missing from the header (found " +
                                  found + ")",
                              "/lines/" + std::to_string(header.line)});
}

bool all_empty(const std::vector<std::string>& fields) {
    return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return trim(f).empty(); });
}

/// An optional string member, trimmed.
void read_string(ObjectReader& r, Column c, std::string& out) {
    if (r.string(kColumns[c].json, out, false)) out = std::string(trim(out));
}

/// An optional array of strings, each trimmed, empty ones dropped.
void read_list(ObjectReader& r, Column c, std::vector<std::string>& out, Errors& errors) {
    const json* arr = r.array(kColumns[c].json, false, 0, "strings");
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const json& v = (*arr)[i];
        if (!v.is_string()) errors.push_back(Error::type_error(child(r.at(kColumns[c].json), i), "a string", type_name(v)));
        else if (auto item = trim(v.get_ref<const std::string&>()); !item.empty()) out.emplace_back(item);
    }
}

}  // namespace

Result<Roster> parse_roster_csv(std::string_view text) {
    auto parsed = parse_csv(text);
    if (!parsed.ok()) return parsed.errors();
    const std::vector<CsvRow>& rows = parsed.value();
    if (rows.empty())
        return Error{"missing_field", "line 1: the header row is missing (it names the columns, at least \"id,name\")", "/lines/1"};
    Errors errors;
    ColumnPositions columns{};
    read_header(rows[0], columns, errors);
    if (!errors.empty()) return errors;
    const std::size_t width = rows[0].fields.size();
    Checker checker(errors);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        if (all_empty(row.fields)) continue;  // e.g. ",,,,," left behind by a spreadsheet
        if (row.fields.size() != width) {
            errors.push_back(Error::invalid_value("/lines/" + std::to_string(row.line),
                                                  "line " + std::to_string(row.line) + ": expected " + std::to_string(width) +
                                                      " fields as in the header, found " + std::to_string(row.fields.size())));
            continue;
        }
        auto cell = [&](Column c) { return columns[c] == 0 ? std::string_view{} : trim(row.fields[columns[c] - 1]); };
        Learner l;
        l.id = cell(kId);
        l.name = cell(kName);
        l.email = cell(kEmail);
        l.department = cell(kDepartment);
        l.manager_id = cell(kManagerId);
        l.role = cell(kRole);
        l.skills_offered = split_list(cell(kSkillsOffered));
        l.skills_wanted = split_list(cell(kSkillsWanted));
        l.timezone = cell(kTimezone);
        l.language = cell(kLanguage);
        checker.add(std::move(l), Origin{row.line, &columns});
    }
    return checker.finish();
}

Result<Roster> parse_roster_json(std::string_view text) {
    auto parsed = parse_text(text);
    if (!parsed.ok()) return parsed.errors();
    Errors errors;
    Checker checker(errors);
    ObjectReader r(parsed.value(), "", errors);
    if (const json* arr = r.array("learners", true, 0, "learners")) {
        for (std::size_t i = 0; i < arr->size(); ++i) {
            ObjectReader lr((*arr)[i], child("/learners", i), errors);
            if (!lr.ok()) continue;
            Learner l;
            const bool id_read = lr.string("id", l.id, true);
            const bool name_read = lr.string("name", l.name, true);
            l.id = std::string(trim(l.id));
            l.name = std::string(trim(l.name));
            read_string(lr, kEmail, l.email);
            read_string(lr, kDepartment, l.department);
            read_string(lr, kManagerId, l.manager_id);
            read_string(lr, kRole, l.role);
            read_list(lr, kSkillsOffered, l.skills_offered, errors);
            read_list(lr, kSkillsWanted, l.skills_wanted, errors);
            read_string(lr, kTimezone, l.timezone);
            read_string(lr, kLanguage, l.language);
            lr.finish();
            checker.add(std::move(l), Origin{i, nullptr}, id_read, name_read);
        }
    }
    r.finish();
    return checker.finish();
}

Result<Roster> parse_roster(std::string_view text) {
    std::string_view rest = text;
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
    const auto first = rest.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && rest[first] == '{') return parse_roster_json(text);
    return parse_roster_csv(text);
}

std::string roster_to_json(const Roster& roster) {
    json learners = json::array();
    for (const Learner& l : roster.learners()) {
        learners.push_back({{"id", l.id},
                            {"name", l.name},
                            {"email", l.email},
                            {"department", l.department},
                            {"managerId", l.manager_id},
                            {"role", l.role},
                            {"skillsOffered", l.skills_offered},
                            {"skillsWanted", l.skills_wanted},
                            {"timezone", l.timezone},
                            {"language", l.language}});
    }
    return dump(json{{"learners", std::move(learners)}});
}

}  // namespace kollega::json

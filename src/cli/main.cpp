// kollega — the native command-line tool. Reads files, asks the core, prints. See docs/cli.md.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/builtin_programs.hpp"
#include "cli/labels.hpp"
#include "core/cohort.hpp"
#include "core/exports.hpp"
#include "core/groups/explain.hpp"
#include "core/path_state.hpp"
#include "core/session/calendar.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"
#include "json/export_codec.hpp"
#include "json/groups_codec.hpp"
#include "json/roster_codec.hpp"

namespace {

using kollega::LocalizedText;
using kollega::Program;

/// Reads a whole file ("-" is standard input); false with a message when it cannot.
bool read_file(const std::string& name, std::string& out) {
    std::ostringstream ss;
    if (name == "-") {
        ss << std::cin.rdbuf();
    } else {
        std::ifstream in(name, std::ios::binary);
        if (!in) {
            std::cerr << "kollega: cannot read " << name << "\n";
            return false;
        }
        ss << in.rdbuf();
    }
    out = ss.str();
    return true;
}

/// The text of a built-in program by id, or of a file; false with a message when neither.
bool read_program_text(const std::string& name, std::string& out) {
    for (const auto& b : kollega::cli::builtin_programs())
        if (b.id == name) {
            out = std::string(b.json);
            return true;
        }
    if (name.find('/') == std::string::npos && name.find(".json") == std::string::npos) {
        std::cerr << "kollega: no built-in program \"" << name << "\" (see `kollega programs`), and no such file\n";
        return false;
    }
    return read_file(name, out);
}

/// The current time as RFC 3339 (the CLI owns the clock; the core never reads one).
std::string now_rfc3339() {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch()).count();
    return kollega::format_timestamp({ms});
}

void print_problems(const std::string& file, const kollega::Errors& errors, const char* severity) {
    for (const auto& e : errors)
        std::cerr << file << ": " << (e.path.empty() ? "(document)" : e.path) << ": " << severity << ": " << e.code
                  << ": " << e.message << "\n";
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

int run_validate(const std::string& file, bool as_json) {
    std::string text;
    if (!read_file(file, text)) return 2;
    if (as_json) {
        const std::string out = kollega::api::validate_program(text);
        std::cout << out << "\n";
        return out.find(R"("valid":true)") != std::string::npos ? 0 : 1;
    }
    const auto report = kollega::json::read_program_report(text);
    print_problems(file, report.errors, "error");
    print_problems(file, report.warnings, "warning");
    if (!report.errors.empty()) {
        std::cerr << plural(report.errors.size(), "error", "errors") << ", "
                  << plural(report.warnings.size(), "warning", "warnings") << "\n";
        return 1;
    }
    std::cout << file << ": valid (" << plural(report.program.steps.size(), "step", "steps") << ", "
              << plural(report.program.activities.size(), "activity", "activities") << ", "
              << plural(report.warnings.size(), "warning", "warnings") << ")\n";
    return 0;
}

int run_programs() {
    for (const auto& b : kollega::cli::builtin_programs()) {
        auto program = kollega::json::parse_program(b.json);
        if (!program.ok()) {
            std::cout << b.id << "  (invalid: " << program.errors().front().code << " at "
                      << program.errors().front().path << ")\n";
            continue;
        }
        const Program& p = program.value();
        std::cout << b.id << "\n    " << p.title.resolve("en", p.default_language) << " — groups of "
                  << p.group.min_size
                  << (p.group.max_size != p.group.min_size ? "–" + std::to_string(p.group.max_size) : "") << " ("
                  << kollega::to_string(p.group.pairing) << "), " << kollega::to_string(p.cadence) << ", "
                  << plural(p.steps.size(), "step", "steps") << "\n";
    }
    return 0;
}

/// Prints a program in one language, for reading (docs/cli.md, `kollega show`).
class ProgramPrinter {
public:
    ProgramPrinter(const Program& p, std::string lang) : p_(p), lang_(std::move(lang)), l_(kollega::cli::labels(lang_)) {}

    void print(std::ostream& out) const {
        const std::string& title = t(p_.title);
        out << title << "\n" << std::string(title.size() > 60 ? 60 : title.size(), '=') << "\n";
        if (!p_.description.empty()) out << t(p_.description) << "\n";
        out << "\n" << l_.groups_of << " " << p_.group.min_size;
        if (p_.group.max_size != p_.group.min_size) out << "–" << p_.group.max_size;
        out << " (" << kollega::cli::pairing_words(l_, p_.group.pairing) << "), " << l_.meeting << " "
            << kollega::cli::cadence_words(l_, p_.cadence);
        if (p_.group.regroup_after_sessions)
            out << ", " << l_.regrouping_after << " " << *p_.group.regroup_after_sessions << " " << l_.sessions;
        out << "\n";
        if (p_.ground_rules) {
            out << "\n" << l_.ground_rules << "\n";
            for (const auto& r : p_.ground_rules->rules) out << "  - " << t(r) << "\n";
            out << "  " << l_.confidentiality << ": " << t(p_.ground_rules->confidentiality) << "\n";
        }
        out << "\n" << l_.path << "\n";
        for (std::size_t i = 0; i < p_.steps.size(); ++i) {
            const auto& s = p_.steps[i];
            out << "  " << i + 1 << ". " << t(p_.step_title(s)) << "  [" << s.id << "]\n";
            if (!s.description.empty()) out << "     " << t(s.description) << "\n";
            if (!s.prerequisites.empty()) {
                out << "     " << l_.after << ":";
                for (const auto& pr : s.prerequisites) out << " " << pr;
                out << "\n";
            }
            if (s.not_before) out << "     " << l_.not_before << " " << kollega::format_timestamp(*s.not_before) << "\n";
            if (s.after_sessions) out << "     " << l_.after_sessions << " " << *s.after_sessions << "\n";
            if (const auto* a = s.activity.empty() ? nullptr : p_.activity(s.activity)) activity(out, *a);
        }
        out << "\n" << l_.grading_pass_at << " " << static_cast<int>(p_.grading.pass_threshold * 100 + 0.5) << " % ";
        if (p_.grading.items.empty()) {
            out << l_.grading_all_steps << "\n";
        } else {
            out << l_.grading_weighted;
            for (const auto& item : p_.grading.items) out << " " << item.step << " (" << item.weight << ")";
            out << "\n";
        }
    }

private:
    [[nodiscard]] const std::string& t(const LocalizedText& x) const { return x.resolve(lang_, p_.default_language); }

    void list(std::ostream& out, std::string_view heading, const std::vector<LocalizedText>& items) const {
        if (items.empty()) return;
        out << "       " << heading << "\n";
        for (const auto& i : items) out << "         - " << t(i) << "\n";
    }

    void activity(std::ostream& out, const kollega::Activity& a) const {
        using kollega::ActivityKind;
        out << "     " << kollega::cli::kind_words(l_, a.kind) << ": " << t(a.title) << "\n";
        switch (a.kind) {
            case ActivityKind::Goal:
                out << "       " << t(a.prompt) << "\n";
                if (!a.measure_hint.empty()) out << "       " << t(a.measure_hint) << "\n";
                list(out, l_.examples, a.examples);
                out << "       " << l_.check_in << ": " << kollega::cli::cadence_words(l_, a.check_in.value_or(p_.cadence)) << "\n";
                break;
            case ActivityKind::Reflection: list(out, l_.prompts, a.prompts); break;
            case ActivityKind::Observation:
                if (!a.focus.empty()) out << "       " << l_.focus << ": " << t(a.focus) << "\n";
                for (const auto& item : a.rubric)
                    out << "       [" << item.scale.min << "–" << item.scale.max << "] " << t(item.label) << "\n";
                out << "       " << l_.what_worked << ": " << t(a.what_worked) << "\n       " << l_.to_improve << ": "
                    << t(a.to_improve) << "\n       " << l_.balance_at_least << " " << a.min_worked << " "
                    << l_.balance_worked << " " << l_.balance_at_most << " " << a.max_improve << " " << l_.balance_improve << "\n";
                break;
            case ActivityKind::RolePlay:
                out << "       " << l_.scenario << ": " << t(a.scenario) << "\n";
                for (const auto& st : a.stages) out << "       " << l_.stage << " " << st.id << ": " << t(st.title) << "\n";
                for (const auto& r : a.roles) {
                    out << "       " << l_.role << " " << t(r.name) << " — " << t(r.goal) << "\n";
                    for (const auto& c : r.cues) out << "         (" << c.stage << ") " << t(c.text) << "\n";
                }
                out << "       " << kollega::cli::swap_words(l_, a.swap);
                if (!a.checklist.empty()) out << ", " << l_.checklist << ": " << a.checklist;
                out << "\n";
                break;
            case ActivityKind::Session:
                out << "       " << a.minutes << " " << l_.minutes << "\n";
                for (const auto& ph : a.agenda) {
                    out << "       " << ph.minutes << " " << l_.minutes << "  " << t(ph.title);
                    if (ph.per_person)
                        for (int n = p_.group.min_size; n <= p_.group.max_size; ++n)
                            out << "  (" << kollega::turn_minutes(ph, n) << " " << l_.minutes << " " << l_.each_with << " " << n << ")";
                    out << "\n";
                }
                list(out, l_.questions, a.questions);
                break;
        }
    }

    const Program& p_;
    std::string lang_;
    const kollega::cli::Labels& l_;
};

int run_show(const std::string& name, const std::string& lang) {
    std::string text;
    if (!read_program_text(name, text)) return 2;
    auto program = kollega::json::parse_program(text);
    if (!program.ok()) {
        print_problems(name, program.errors(), "error");
        return 1;
    }
    ProgramPrinter(program.value(), lang).print(std::cout);
    return 0;
}

int run_path(const std::string& program_name, const std::string& events_file, const std::string& learner,
             const std::string& lang, std::string now, bool as_json) {
    std::string program_text, events_text;
    if (!read_program_text(program_name, program_text)) return 2;
    if (!events_file.empty() && !read_file(events_file, events_text)) return 2;
    if (now.empty()) now = now_rfc3339();
    if (as_json) {
        const std::string out = kollega::api::path_view(program_text, events_text, learner, lang, now);
        std::cout << out << "\n";
        return out.rfind(R"({"ok":true)", 0) == 0 ? 0 : 1;
    }
    auto program = kollega::json::parse_program(program_text);
    if (!program.ok()) {
        print_problems(program_name, program.errors(), "error");
        return 1;
    }
    auto events = kollega::json::parse_events(events_text);
    if (!events.ok()) {
        print_problems(events_file, events.errors(), "error");
        return 1;
    }
    auto when = kollega::parse_timestamp(now);
    if (!when) {
        std::cerr << "kollega: --now: expected an RFC 3339 time, found \"" << now << "\"\n";
        return 1;
    }
    const auto& p = program.value();
    const auto& l = kollega::cli::labels(lang);
    const auto state = kollega::fold_path(p, events.value(), learner, *when);
    std::cout << p.title.resolve(lang, p.default_language) << " — " << learner << ": " << state.done << "/"
              << state.total << " " << l.steps_done << " (" << state.percent() << " %)\n";
    for (std::size_t i = 0; i < state.steps.size(); ++i) {
        const auto& s = state.steps[i];
        std::cout << "  " << (s.status == kollega::StepStatus::Done ? "[x]" : s.status == kollega::StepStatus::Available ? "[ ]" : "[-]")
                  << " " << p.step_title(p.steps[i]).resolve(lang, p.default_language);
        if (s.completed_at) std::cout << "  (" << l.done_on << " " << kollega::format_timestamp(*s.completed_at) << ")";
        if (state.next && *state.next == s.id) std::cout << "  ← " << l.next;
        if (s.status == kollega::StepStatus::Locked) {
            std::vector<std::string> why;
            if (!s.blocked_by.empty()) {
                std::string steps(l.after);
                for (const auto& b : s.blocked_by) steps += " " + b;
                why.push_back(steps);
            }
            if (s.not_before) why.push_back(std::string(l.not_before) + " " + kollega::format_timestamp(*s.not_before));
            if (s.sessions_required && state.sessions_attended < *s.sessions_required)
                why.push_back(std::string(l.after_sessions) + " " + std::to_string(*s.sessions_required) + " (" +
                              std::to_string(state.sessions_attended) + ")");
            std::cout << "  (";
            for (std::size_t k = 0; k < why.size(); ++k) std::cout << (k ? "; " : "") << why[k];
            std::cout << ")";
        }
        std::cout << "\n";
    }
    for (const auto& r : state.rejected) std::cerr << l.ignored_event << " " << r.event_id << ": " << r.reason << "\n";
    return 0;
}

/// The files a cohort is folded from (docs/cli.md, `kollega progress` and `kollega export`).
struct CohortArgs {
    std::string program, roster, events, groups, lang = "en", now;
};

/// The cohort, read and folded; `status` is the exit code when reading failed (0 otherwise).
struct LoadedCohort {
    int status = 0;
    std::string program_text, roster_text, events_text, groups_text;
    Program program;
    kollega::Roster roster;
    std::vector<kollega::Event> events;
    std::vector<kollega::Group> groups;
    kollega::CohortState state;
    kollega::Timestamp now;
};

/// Reads the texts only (for the --json paths, which hand them to the api as they are).
bool read_cohort_texts(CohortArgs& a, LoadedCohort& c) {
    if (!read_program_text(a.program, c.program_text) || !read_file(a.roster, c.roster_text) ||
        !read_file(a.events, c.events_text) || (!a.groups.empty() && !read_file(a.groups, c.groups_text))) {
        c.status = 2;
        return false;
    }
    if (a.now.empty()) a.now = now_rfc3339();
    return true;
}

/// Reads, parses and folds; every problem is printed with the file it is in.
LoadedCohort load_cohort(CohortArgs& a) {
    LoadedCohort c;
    if (!read_cohort_texts(a, c)) return c;
    auto program = kollega::json::parse_program(c.program_text);
    if (!program.ok()) print_problems(a.program, program.errors(), "error");
    auto roster = kollega::json::parse_roster(c.roster_text);
    if (!roster.ok()) print_problems(a.roster, roster.errors(), "error");
    auto events = kollega::json::parse_events(c.events_text);
    if (!events.ok()) print_problems(a.events, events.errors(), "error");
    auto when = kollega::parse_timestamp(a.now);
    if (!when) std::cerr << "kollega: --now: expected an RFC 3339 time, found \"" << a.now << "\"\n";
    if (!program.ok() || !roster.ok() || !events.ok() || !when) {
        c.status = 1;
        return c;
    }
    auto groups = kollega::json::parse_groups(c.groups_text, roster.value());
    if (!groups.ok()) {
        print_problems(a.groups, groups.errors(), "error");
        c.status = 1;
        return c;
    }
    c.program = std::move(program).value();
    c.roster = std::move(roster).value();
    c.events = std::move(events).value();
    c.groups = std::move(groups).value();
    c.now = *when;
    c.state = kollega::fold_cohort(c.program, c.roster, c.events, c.groups, c.now);
    const auto& l = kollega::cli::labels(a.lang);
    for (const auto& r : c.state.rejected) std::cerr << l.ignored_event << " " << r.event_id << ": " << r.reason << "\n";
    return c;
}

/// The words of the progress table, in en, sv, nb and nl.
struct ProgressWords {
    std::string_view learners, id, name, steps, score, passed, yes, no;
    std::string_view cohort, started, completed, passed_count, mean, group, members, sessions, feedback;
};

const ProgressWords& progress_words(std::string_view lang) {
    static const ProgressWords en{"learners", "id", "name", "steps", "score", "passed", "yes", "no",
                                  "Cohort", "started", "completed", "passed", "mean", "Group", "members",
                                  "sessions attended", "feedback exchanged"};
    static const ProgressWords sv{"deltagare", "id", "namn", "steg", "poäng", "godkänd", "ja", "nej",
                                  "Kohort", "har börjat", "klara", "godkända", "snitt", "Grupp", "medlemmar",
                                  "träffar", "återkopplingar"};
    static const ProgressWords nb{"deltakere", "id", "navn", "steg", "poeng", "bestått", "ja", "nei",
                                  "Kohort", "har startet", "fullført", "bestått", "snitt", "Gruppe", "medlemmer",
                                  "møter", "tilbakemeldinger"};
    static const ProgressWords nl{"deelnemers", "id", "naam", "stappen", "score", "geslaagd", "ja", "nee",
                                  "Cohort", "begonnen", "voltooid", "geslaagd", "gemiddeld", "Groep", "leden",
                                  "bijeenkomsten", "feedback uitgewisseld"};
    return lang == "sv" ? sv : lang == "nb" ? nb : lang == "nl" ? nl : en;
}

/// Text from a roster, safe to print: control characters (a terminal's escape codes) become '?'.
std::string printable(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    return out;
}

/// Code points in UTF-8 text (what a terminal column count roughly is).
std::size_t width(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// `s` padded with spaces to `w` columns.
std::string pad(std::string_view s, std::size_t w) {
    std::string out(s);
    for (std::size_t n = width(s); n < w; ++n) out += ' ';
    return out;
}

int run_progress(CohortArgs args, bool as_json) {
    if (as_json) {
        LoadedCohort c;
        if (!read_cohort_texts(args, c)) return c.status;
        const std::string out =
            kollega::api::cohort_view(c.program_text, c.roster_text, c.events_text, c.groups_text, args.lang, args.now);
        std::cout << out << "\n";
        return out.rfind(R"({"ok":true)", 0) == 0 ? 0 : 1;
    }
    const LoadedCohort c = load_cohort(args);
    if (c.status != 0) return c.status;
    const ProgressWords& w = progress_words(args.lang);
    const Program& p = c.program;
    std::cout << p.title.resolve(args.lang, p.default_language) << " — " << c.roster.size() << " " << w.learners << "\n\n";

    std::vector<std::vector<std::string>> rows;
    rows.push_back({std::string(w.id), std::string(w.name), std::string(w.steps), "%", std::string(w.score), std::string(w.passed)});
    for (std::size_t i = 0; i < c.roster.size(); ++i) {
        const auto& l = c.roster.learners()[i];
        const auto& lp = c.state.learners[i];
        rows.push_back({printable(l.id), printable(l.name), std::to_string(lp.steps_done) + "/" + std::to_string(lp.steps_total),
                        std::to_string(lp.percent()), kollega::format_decimal(lp.grade.score_given),
                        std::string(lp.grade.passed ? w.yes : w.no)});
    }
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& r : rows)
        for (std::size_t k = 0; k < r.size(); ++k) widths[k] = std::max(widths[k], width(r[k]));
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t k = 0; k < r.size(); ++k) {
            const bool number = k >= 2 && k <= 4;  // right-aligned
            const std::string cell = number ? std::string(widths[k] - width(r[k]), ' ') + r[k] : pad(r[k], widths[k]);
            line += (k ? "  " : "") + cell;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::cout << "  " << line << "\n";
    }

    for (const auto& g : c.state.groups)
        std::cout << "\n" << w.group << " " << printable(g.id) << ": " << g.members.size() << " " << w.members << ", " << w.mean
                  << " " << kollega::format_decimal(g.mean_percent) << " %, " << w.sessions << " " << g.sessions_attended << ", "
                  << w.feedback << " " << g.feedback_exchanged;
    if (!c.state.groups.empty()) std::cout << "\n";
    const auto& s = c.state.summary;
    std::cout << "\n" << w.cohort << ": " << s.learners << " " << w.learners << ", " << s.started << " " << w.started << ", "
              << s.completed << " " << w.completed << ", " << s.passed << " " << w.passed_count << ", " << w.mean << " "
              << kollega::format_decimal(s.mean_percent) << " %\n";
    return 0;
}

/// The export options as the command line gives them.
struct ExportArgs {
    std::string format, moodle_key = "email", audience = "coach", learner, home_page = "https://lms.example.org", output;
    bool bom = false;
};

int run_export(CohortArgs args, const ExportArgs& x) {
    const LoadedCohort c = load_cohort(args);
    if (c.status != 0) return c.status;
    kollega::json::ExportOptions o;
    o.bom = x.bom;
    o.moodle_key = kollega::parse_moodle_key(x.moodle_key).value_or(kollega::MoodleKey::Email);
    o.audience = x.audience;
    o.learner = x.learner;
    o.home_page = x.home_page;
    o.lang = args.lang;
    o.now = c.now;
    auto file = kollega::json::export_file(x.format, c.program, c.roster, c.events, c.state, o);
    if (!file.ok()) {
        print_problems("export", file.errors(), "error");
        return 1;
    }
    const std::string& content = file.value().content;
    if (x.output.empty() || x.output == "-") {
        std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
        std::cout.flush();
        return std::cout ? 0 : 2;
    }
    std::ofstream out(x.output, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
        std::cerr << "kollega: cannot write " << x.output << "\n";
        return 2;
    }
    return 0;
}

/// What `kollega calendar` was asked for.
struct CalendarArgs {
    std::string program, group, activity, start, tz, tz_rule, zoneinfo = "/usr/share/zoneinfo", lang = "en", dtstamp, output;
    int count = 10;
    std::vector<int> alarms{15};
};

/// The POSIX rule of an IANA zone from the footer of its TZif file; "" with a message when none.
std::string zone_rule(const std::string& zoneinfo, const std::string& zone) {
    const bool safe = !zone.empty() && zone.find("..") == std::string::npos && zone.front() != '/' &&
                      std::all_of(zone.begin(), zone.end(), [](char c) {
                          return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+';
                      });
    if (!safe) {
        std::cerr << "kollega: \"" << zone << "\" is not a time zone name such as Europe/Stockholm\n";
        return "";
    }
    std::string bytes;
    std::ifstream in(zoneinfo + "/" + zone, std::ios::binary);
    if (!in) {
        std::cerr << "kollega: unknown time zone \"" << zone << "\" (no " << zoneinfo << "/" << zone
                  << "; install Debian's tzdata, or give --tz-rule)\n";
        return "";
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    auto rule = kollega::calendar::tzif_footer(ss.str());
    if (!rule.ok()) {
        print_problems(zoneinfo + "/" + zone, rule.errors(), "error");
        return "";
    }
    return rule.value();
}

int run_calendar(const CalendarArgs& a) {
    std::string text;
    if (!read_program_text(a.program, text)) return 2;
    auto program = kollega::json::parse_program(text);
    if (!program.ok()) {
        print_problems(a.program, program.errors(), "error");
        return 1;
    }
    kollega::calendar::Request r;
    r.activity = a.activity;
    r.group = a.group;
    r.count = a.count;
    r.lang = a.lang;
    r.alarm_minutes = a.alarms;
    r.tzid = a.tz;
    auto start = kollega::tz::parse_local(a.start);
    if (!start) {
        std::cerr << "kollega: --start: expected a local date and time such as 2026-12-01T12:00, found \"" << a.start << "\"\n";
        return 1;
    }
    r.start = *start;
    const std::string rule = a.tz_rule.empty() ? zone_rule(a.zoneinfo, a.tz) : a.tz_rule;
    if (rule.empty()) return 1;
    auto zone = kollega::tz::parse_zone(rule);
    if (!zone.ok()) {
        print_problems("--tz", zone.errors(), "error");
        return 1;
    }
    r.zone = zone.value();
    auto stamp = kollega::parse_timestamp(a.dtstamp.empty() ? now_rfc3339() : a.dtstamp);
    if (!stamp) {
        std::cerr << "kollega: --dtstamp: expected an RFC 3339 time, found \"" << a.dtstamp << "\"\n";
        return 1;
    }
    r.dtstamp = *stamp;
    auto ics = kollega::calendar::ics_file(program.value(), r);
    if (!ics.ok()) {
        print_problems("calendar", ics.errors(), "error");
        return 1;
    }
    const std::string& content = ics.value();
    if (a.output.empty() || a.output == "-") {
        std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
        std::cout.flush();
        return std::cout ? 0 : 2;
    }
    std::ofstream out(a.output, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
        std::cerr << "kollega: cannot write " << a.output << "\n";
        return 2;
    }
    return 0;
}

/// The group formation options as the command line gives them (docs/cli.md, `kollega groups`).
struct GroupsArgs {
    std::string roster, size, history, options, mode, lang = "en";
    int rounds = 0, depth = -1;
    long long seed = -1, iterations = -1;
};

/// "3-4", "3–4" or "2" -> min, max.
bool parse_size(const std::string& text, int& lo, int& hi) {
    std::string t = text;
    for (const char* dash : {"–", "—", ".."}) {
        const auto at = t.find(dash);
        if (at != std::string::npos) t.replace(at, std::string_view(dash).size(), "-");
    }
    try {
        std::size_t used = 0;
        lo = std::stoi(t, &used);
        if (used == t.size()) {
            hi = lo;
            return true;
        }
        if (t[used] != '-') return false;
        const std::string rest = t.substr(used + 1);
        std::size_t used2 = 0;
        hi = std::stoi(rest, &used2);
        return used2 == rest.size();
    } catch (const std::exception&) {
        return false;
    }
}

int run_groups(const GroupsArgs& a, bool as_json) {
    std::string roster_text, options_text, history_text;
    if (!read_file(a.roster, roster_text)) return 2;
    kollega::groups::Options o;
    if (!a.options.empty()) {
        if (!read_file(a.options, options_text)) return 2;
        auto parsed = kollega::json::parse_groups_options(options_text);
        if (!parsed.ok()) {
            print_problems(a.options, parsed.errors(), "error");
            return 1;
        }
        o = parsed.value();
    }
    if (!a.size.empty() && !parse_size(a.size, o.min_size, o.max_size)) {
        std::cerr << "kollega: --size expects a size such as 3-4 or 2, found \"" << a.size << "\"\n";
        return 2;
    }
    if (a.rounds > 0) o.rounds = a.rounds;
    if (a.seed >= 0) o.seed = static_cast<std::uint64_t>(a.seed);
    if (a.iterations >= 0) o.iterations = a.iterations;
    if (a.depth >= 0) o.reporting_depth = a.depth;
    if (a.mode == "groups") o.mode = kollega::groups::Mode::groups;
    if (a.mode == "mentor") o.mode = kollega::groups::Mode::mentor;
    if (a.mode == "skill-exchange") o.mode = kollega::groups::Mode::skill_exchange;
    if (!a.history.empty()) {
        if (!read_file(a.history, history_text)) return 2;
        auto h = kollega::json::parse_groups_history(history_text);
        if (!h.ok()) {
            print_problems(a.history, h.errors(), "error");
            return 1;
        }
        o.history.insert(o.history.end(), h.value().begin(), h.value().end());
    }
    const std::string out = kollega::api::groups_solve(roster_text, kollega::json::groups_options_to_json(o), a.lang);
    const bool ok = out.rfind(R"({"ok":true)", 0) == 0;
    if (as_json) {
        // The issue's format: the result itself ({"rounds":…,"report":…}); a failure is the
        // api's error envelope ({"ok":false,"error":…}) and exit status 1.
        constexpr std::string_view prefix = R"({"ok":true,"value":)";
        if (ok) std::cout << std::string_view(out).substr(prefix.size(), out.size() - prefix.size() - 1) << "\n";
        else std::cout << out << "\n";
        return ok ? 0 : 1;
    }
    // Text: the same run through the core (deterministic, so it equals the JSON).
    auto roster = kollega::json::parse_roster(roster_text);
    if (!roster.ok()) {
        print_problems(a.roster, roster.errors(), "error");
        return 1;
    }
    auto model = kollega::groups::build_model(roster.value(), o);
    if (!model.ok()) {
        print_problems("groups", model.errors(), "error");
        return 1;
    }
    kollega::groups::Formation run(std::move(model).value());
    run.step(o.iterations);
    auto outcome = run.outcome();
    if (!outcome.ok()) {
        print_problems("groups", outcome.errors(), "error");
        return 1;
    }
    const auto& m = run.model();
    const auto ex = kollega::groups::explain(m, outcome.value());
    const auto& rounds = outcome.value().rounds;
    for (std::size_t r = 0; r < rounds.size(); ++r) {
        std::cout << (r ? "\n" : "") << "# " << r + 1 << "\n";
        for (std::size_t g = 0; g < rounds[r].groups.size(); ++g) {
            std::string members;
            for (int v : rounds[r].groups[g]) members += (members.empty() ? "" : ", ") + printable(m.ids[static_cast<std::size_t>(v)]);
            std::cout << "  " << g + 1 << ". " << members << "\n     " << kollega::groups::render_all(ex.groups[r][g], a.lang) << "\n";
        }
        if (!rounds[r].unpaired.empty()) {
            std::string rest;
            for (int v : rounds[r].unpaired) rest += (rest.empty() ? "" : ", ") + printable(m.ids[static_cast<std::size_t>(v)]);
            std::cout << "  – " << rest << "\n";
        }
        std::cout << "  = " << kollega::groups::render_all(ex.rounds[r].items, a.lang) << "\n";
    }
    std::cout << "\n" << kollega::groups::render_all(ex.overall.items, a.lang) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kollega — peer coaching programs inside your LMS"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("kollega 0.1.0"));

    auto* version = app.add_subcommand("version", "Print the core version as JSON");

    std::string validate_file;
    bool validate_json = false;
    auto* validate = app.add_subcommand("validate", "Check a program file and list every problem");
    validate->add_option("FILE", validate_file, "Program JSON file ('-' for standard input)")->required();
    validate->add_flag("--json", validate_json, "Print the result as JSON");

    auto* programs = app.add_subcommand("programs", "List the built-in programs");

    std::string show_name, show_lang = "en";
    auto* show = app.add_subcommand("show", "Print a program (a built-in id or a file) in one language");
    show->add_option("PROGRAM", show_name, "Built-in program id or program JSON file")->required();
    show->add_option("--lang", show_lang, "Language: en, sv, nb or nl")->capture_default_str();

    std::string program_file, events_file, learner, lang = "en", now;
    bool path_json = false;
    auto* path = app.add_subcommand("path", "Show a learner's path: done, next and locked steps");
    path->add_option("--program", program_file, "Program: a built-in id or a JSON file")->required();
    path->add_option("--events", events_file, "Event log: a JSON array or JSON Lines");
    path->add_option("--learner", learner, "The learner's id")->required();
    path->add_option("--lang", lang, "Language of the texts: en, sv, nb or nl")->capture_default_str();
    path->add_option("--now", now, "The time to judge date unlocks at (RFC 3339; default: now)");
    path->add_flag("--json", path_json, "Print the pathView JSON envelope");

    CohortArgs cohort_args;
    bool progress_json = false;
    auto* progress = app.add_subcommand("progress", "Show a cohort's progress and grades, learner by learner");
    progress->add_option("--program", cohort_args.program, "Program: a built-in id or a JSON file")->required();
    progress->add_option("--roster", cohort_args.roster, "Roster: CSV or JSON (docs/roster-format.md)")->required();
    progress->add_option("--events", cohort_args.events, "Event log: a JSON array or JSON Lines")->required();
    progress->add_option("--groups", cohort_args.groups, "Groups: {\"groups\": [{\"id\", \"members\"}]}");
    progress->add_option("--lang", cohort_args.lang, "Language: en, sv, nb or nl")->capture_default_str();
    progress->add_option("--now", cohort_args.now, "The time to fold at (RFC 3339; default: now)");
    progress->add_flag("--json", progress_json, "Print the cohortView JSON envelope");

    ExportArgs export_args;
    auto* exporter = app.add_subcommand("export", "Write a gradebook file, AGS scores or xAPI statements");
    exporter->add_option("--format", export_args.format, "moodle, canvas, csv, ags or xapi")
        ->required()
        ->check(CLI::IsMember({"moodle", "canvas", "csv", "ags", "xapi"}));
    exporter->add_option("--program", cohort_args.program, "Program: a built-in id or a JSON file")->required();
    exporter->add_option("--roster", cohort_args.roster, "Roster: CSV or JSON")->required();
    exporter->add_option("--events", cohort_args.events, "Event log: a JSON array or JSON Lines")->required();
    exporter->add_option("--groups", cohort_args.groups, "Groups JSON");
    exporter->add_flag("--bom", export_args.bom, "Start CSV files with a UTF-8 byte-order mark (for Excel)");
    exporter->add_option("--moodle-key", export_args.moodle_key, "Moodle: match learners by email or idnumber")
        ->check(CLI::IsMember({"email", "idnumber"}))
        ->capture_default_str();
    exporter->add_option("--audience", export_args.audience, "xAPI: coach, group or learner")
        ->check(CLI::IsMember({"coach", "group", "learner"}))
        ->capture_default_str();
    exporter->add_option("--learner", export_args.learner, "xAPI: the learner (learner audience) or viewer (group)");
    exporter->add_option("--home-page", export_args.home_page, "xAPI: the LMS URL of the learners' accounts")
        ->capture_default_str();
    exporter->add_option("--lang", cohort_args.lang, "Language of titles and comments: en, sv, nb or nl")
        ->capture_default_str();
    exporter->add_option("--now", cohort_args.now, "The time to fold at and stamp AGS scores with (default: now)");
    exporter->add_option("-o,--output", export_args.output, "Write to this file (default: standard output)");

    CalendarArgs calendar_args;
    auto* calendar = app.add_subcommand("calendar", "Write the group's meetings as an iCalendar (.ics) file");
    calendar->add_option("--program", calendar_args.program, "Program: a built-in id or a JSON file")->required();
    calendar->add_option("--group", calendar_args.group, "The group's id (in the title and the UID)")->required();
    calendar->add_option("--start", calendar_args.start, "First meeting, local time: 2026-12-01T12:00")->required();
    calendar->add_option("--tz", calendar_args.tz, "Time zone (IANA name): Europe/Stockholm")->required();
    calendar->add_option("--count", calendar_args.count, "How many meetings (1-520)")->capture_default_str();
    calendar->add_option("--activity", calendar_args.activity, "The session activity (default: the program's first)");
    calendar->add_option("--alarm", calendar_args.alarms, "Remind this many minutes before (repeatable)")
        ->capture_default_str();
    calendar->add_option("--lang", calendar_args.lang, "Language of the texts: en, sv, nb or nl")->capture_default_str();
    calendar->add_option("--dtstamp", calendar_args.dtstamp, "The file's DTSTAMP (RFC 3339; default: now)");
    calendar->add_option("--tz-rule", calendar_args.tz_rule, "POSIX TZ rule instead of the zoneinfo file");
    calendar->add_option("--zoneinfo", calendar_args.zoneinfo, "Where the TZif files are")->capture_default_str();
    calendar->add_option("-o,--output", calendar_args.output, "Write to this file (default: standard output)");
    GroupsArgs groups_args;
    bool groups_json = false;
    auto* groups = app.add_subcommand("groups", "Form learning groups or pairs over rounds, with explanations and a quality report");
    groups->add_option("--roster", groups_args.roster, "Roster: CSV or JSON (docs/roster-format.md)")->required();
    groups->add_option("--size", groups_args.size, "Group size: a range such as 3-4, or 2 for pairs (default 3-4)");
    groups->add_option("--rounds", groups_args.rounds, "Rounds to schedule (default 1)")->check(CLI::Range(1, 100));
    groups->add_option("--history", groups_args.history, "Past groups: JSON rounds, or an earlier --json result");
    groups->add_option("--seed", groups_args.seed, "Seed of the search (default 1)")->check(CLI::NonNegativeNumber);
    groups->add_option("--mode", groups_args.mode, "groups, mentor or skill-exchange (default groups)")
        ->check(CLI::IsMember({"groups", "mentor", "skill-exchange"}));
    groups->add_option("--iterations", groups_args.iterations, "Search budget in iterations (default 20000)")
        ->check(CLI::NonNegativeNumber);
    groups->add_option("--depth", groups_args.depth, "Reporting-line depth never grouped (default 2; 0: off)")->check(CLI::Range(0, 64));
    groups->add_option("--options", groups_args.options, "Options JSON (pins, do-not-pair, …; docs/groups.md); flags override it");
    groups->add_option("--lang", groups_args.lang, "Language of explanations: en, sv, nb or nl")->capture_default_str();
    groups->add_flag("--json", groups_json, "Print the result JSON ({\"rounds\":…,\"report\":…})");

    CLI11_PARSE(app, argc, argv);

    if (*version) {
        std::cout << kollega::api::version() << "\n";
        return 0;
    }
    if (*validate) return run_validate(validate_file, validate_json);
    if (*programs) return run_programs();
    if (*show) return run_show(show_name, show_lang);
    if (*path) return run_path(program_file, events_file, learner, lang, now, path_json);
    if (*progress) return run_progress(cohort_args, progress_json);
    if (*exporter) return run_export(cohort_args, export_args);
    if (*calendar) return run_calendar(calendar_args);
    if (*groups) return run_groups(groups_args, groups_json);
    return 0;
}

// kollega — the native command-line tool. Reads files, asks the core, prints. See docs/cli.md.
#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/builtin_programs.hpp"
#include "cli/labels.hpp"
#include "core/path_state.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"

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
                out << "       " << l_.swap << ": " << kollega::to_string(a.swap);
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

    CLI11_PARSE(app, argc, argv);

    if (*version) {
        std::cout << kollega::api::version() << "\n";
        return 0;
    }
    if (*validate) return run_validate(validate_file, validate_json);
    if (*programs) return run_programs();
    if (*show) return run_show(show_name, show_lang);
    if (*path) return run_path(program_file, events_file, learner, lang, now, path_json);
    return 0;
}

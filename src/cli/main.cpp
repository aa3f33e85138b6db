// kollega — the native command-line tool. Reads files, asks the core, prints. See docs/cli.md.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/path_state.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"

namespace {

/// Reads a whole file ("-" is standard input); false with a message when it cannot.
bool read_file(const std::string& name, std::string& out) {
    if (name == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        out = ss.str();
        return true;
    }
    std::ifstream in(name, std::ios::binary);
    if (!in) {
        std::cerr << "kollega: cannot read " << name << "\n";
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

void print_errors(const std::string& file, const kollega::Errors& errors) {
    for (const auto& e : errors)
        std::cerr << file << ": " << (e.path.empty() ? "(document)" : e.path) << ": " << e.code << ": "
                  << e.message << "\n";
}

const char* status_mark(kollega::StepStatus s) {
    switch (s) {
        case kollega::StepStatus::Done: return "[x]";
        case kollega::StepStatus::Available: return "[ ]";
        case kollega::StepStatus::Locked: return "[-]";
    }
    return "[?]";
}

int run_validate(const std::string& file, bool as_json) {
    std::string text;
    if (!read_file(file, text)) return 2;
    if (as_json) {
        const std::string out = kollega::api::validate_program(text);
        std::cout << out << "\n";
        return out.find(R"("valid":true)") != std::string::npos ? 0 : 1;
    }
    auto program = kollega::json::parse_program(text);
    if (!program.ok()) {
        print_errors(file, program.errors());
        std::cerr << program.errors().size() << (program.errors().size() == 1 ? " problem" : " problems")
                  << " found\n";
        return 1;
    }
    std::cout << file << ": valid (" << program.value().steps.size() << " steps)\n";
    return 0;
}

int run_path(const std::string& program_file, const std::string& events_file, const std::string& learner,
             const std::string& lang, bool as_json) {
    std::string program_text, events_text;
    if (!read_file(program_file, program_text)) return 2;
    if (!events_file.empty() && !read_file(events_file, events_text)) return 2;
    if (as_json) {
        const std::string out = kollega::api::path_view(program_text, events_text, learner, lang);
        std::cout << out << "\n";
        return out.rfind(R"({"ok":true)", 0) == 0 ? 0 : 1;
    }
    auto program = kollega::json::parse_program(program_text);
    if (!program.ok()) {
        print_errors(program_file, program.errors());
        return 1;
    }
    auto events = kollega::json::parse_events(events_text);
    if (!events.ok()) {
        print_errors(events_file, events.errors());
        return 1;
    }
    const auto& p = program.value();
    const auto state = kollega::fold_path(p, events.value(), learner);
    std::cout << p.title.resolve(lang, p.default_language) << " — " << learner << ": " << state.done << "/"
              << state.total << " steps done (" << state.percent() << "%)\n";
    for (std::size_t i = 0; i < state.steps.size(); ++i) {
        const auto& s = state.steps[i];
        std::cout << "  " << status_mark(s.status) << " " << p.steps[i].title.resolve(lang, p.default_language);
        if (s.completed_at) std::cout << "  (done " << kollega::format_timestamp(*s.completed_at) << ")";
        if (state.next && *state.next == s.id) std::cout << "  ← next";
        if (!s.blocked_by.empty()) {
            std::cout << "  (after:";
            for (const auto& b : s.blocked_by) std::cout << " " << b;
            std::cout << ")";
        }
        std::cout << "\n";
    }
    for (const auto& r : state.rejected) std::cerr << "ignored event " << r.event_id << ": " << r.reason << "\n";
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

    std::string program_file, events_file, learner, lang = "en";
    bool path_json = false;
    auto* path = app.add_subcommand("path", "Show a learner's path: done, next and locked steps");
    path->add_option("--program", program_file, "Program JSON file")->required();
    path->add_option("--events", events_file, "Event log: a JSON array or JSON Lines");
    path->add_option("--learner", learner, "The learner's id")->required();
    path->add_option("--lang", lang, "Language of the texts: en, sv, nb or nl")->capture_default_str();
    path->add_flag("--json", path_json, "Print the pathView JSON envelope");

    CLI11_PARSE(app, argc, argv);

    if (*version) {
        std::cout << kollega::api::version() << "\n";
        return 0;
    }
    if (*validate) return run_validate(validate_file, validate_json);
    if (*path) return run_path(program_file, events_file, learner, lang, path_json);
    return 0;
}

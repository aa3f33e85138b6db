#pragma once
// Embind adapters: std::string in, the api facade's JSON envelope out. Conversion only; each
// module (learner_bindings.cpp, coach_bindings.cpp) registers the ones it ships.
#include <string>

#include "json/api.hpp"

namespace kollega::wasm {

inline std::string version() { return api::version(); }

inline std::string path_view(const std::string& program, const std::string& events, const std::string& actor,
                             const std::string& lang, const std::string& now) {
    return api::path_view(program, events, actor, lang, now);
}

inline std::string complete_step(const std::string& program, const std::string& events, const std::string& actor,
                                 const std::string& step, const std::string& id, const std::string& at) {
    return api::complete_step(program, events, actor, step, id, at);
}

inline std::string validate_program(const std::string& program) { return api::validate_program(program); }

inline std::string cohort_view(const std::string& program, const std::string& roster, const std::string& events,
                               const std::string& groups, const std::string& lang, const std::string& now) {
    return api::cohort_view(program, roster, events, groups, lang, now);
}

inline std::string export_file(const std::string& format, const std::string& program, const std::string& roster,
                               const std::string& events, const std::string& groups, const std::string& options) {
    return api::export_file(format, program, roster, events, groups, options);
}

}  // namespace kollega::wasm

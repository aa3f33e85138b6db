// The group formation module (kollega-groups.wasm): conversion only. The plugin's admin view runs
// it in a Web Worker: new GroupsJob(roster, options) → start() → step(n)… → result(lang).
#include <emscripten/bind.h>

#include <string>

#include "json/api.hpp"

namespace {

std::string version() { return kollega::api::version(); }
std::string parse_roster(const std::string& text) { return kollega::api::parse_roster(text); }
std::string job_step(kollega::api::GroupsJob& job, double iterations) { return job.step(iterations); }
std::string job_result(const kollega::api::GroupsJob& job, const std::string& lang) { return job.result(lang); }
std::string job_explain(const kollega::api::GroupsJob& job, const std::string& schedule, const std::string& lang) {
    return job.explain(schedule, lang);
}

}  // namespace

EMSCRIPTEN_BINDINGS(kollega_groups) {
    emscripten::function("version", &version);
    emscripten::function("parseRoster", &parse_roster);
    emscripten::class_<kollega::api::GroupsJob>("GroupsJob")
        .constructor<std::string, std::string>()
        .function("start", &kollega::api::GroupsJob::start)
        .function("step", &job_step)
        .function("result", &job_result)
        .function("explain", &job_explain);
}

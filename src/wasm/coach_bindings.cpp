// The coach's module (kollega-coach-core.wasm): everything the learner's module has, plus the
// cohort view and the exports, for <kollega-coach>.
#include <emscripten/bind.h>

#include "wasm/api_wrappers.hpp"

EMSCRIPTEN_BINDINGS(kollega_coach) {
    emscripten::function("version", &kollega::wasm::version);
    emscripten::function("pathView", &kollega::wasm::path_view);
    emscripten::function("completeStep", &kollega::wasm::complete_step);
    emscripten::function("validateProgram", &kollega::wasm::validate_program);
    emscripten::function("cohortView", &kollega::wasm::cohort_view);
    emscripten::function("exportFile", &kollega::wasm::export_file);
}

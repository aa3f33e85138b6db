// The learner's module (kollega-core.wasm): what <kollega-app> and the admin page call. It
// registers no cohort or export function, so the linker leaves that code out and the learner's
// first load stays small; the coach's module (coach_bindings.cpp) has everything.
#include <emscripten/bind.h>

#include "wasm/api_wrappers.hpp"

EMSCRIPTEN_BINDINGS(kollega_learner) {
    emscripten::function("version", &kollega::wasm::version);
    emscripten::function("pathView", &kollega::wasm::path_view);
    emscripten::function("completeStep", &kollega::wasm::complete_step);
    emscripten::function("validateProgram", &kollega::wasm::validate_program);
}

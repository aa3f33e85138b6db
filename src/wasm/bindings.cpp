// Embind bindings: conversion only. Every function returns the JSON envelope of src/json/api.
#include <emscripten/bind.h>

#include "json/api.hpp"

namespace {

std::string version() { return kollega::api::version(); }

std::string path_view(const std::string& program, const std::string& events, const std::string& actor,
                      const std::string& lang, const std::string& now) {
    return kollega::api::path_view(program, events, actor, lang, now);
}

std::string complete_step(const std::string& program, const std::string& events, const std::string& actor,
                          const std::string& step, const std::string& id, const std::string& at) {
    return kollega::api::complete_step(program, events, actor, step, id, at);
}

std::string validate_program(const std::string& program) { return kollega::api::validate_program(program); }

}  // namespace

EMSCRIPTEN_BINDINGS(kollega) {
    emscripten::function("version", &version);
    emscripten::function("pathView", &path_view);
    emscripten::function("completeStep", &complete_step);
    emscripten::function("validateProgram", &validate_program);
}

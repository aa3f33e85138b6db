#pragma once
/// The built-in programs (programs/*.json), embedded in the CLI at build time.

#include <string_view>
#include <vector>

namespace kollega::cli {

/// One built-in program: its id (the file name) and its JSON text.
struct BuiltinProgram {
    std::string_view id;    ///< e.g. "leaders-learning-group"
    std::string_view json;  ///< the program document
};

/// Every built-in program, sorted by id.
const std::vector<BuiltinProgram>& builtin_programs();

}  // namespace kollega::cli

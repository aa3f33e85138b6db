#pragma once
// Reads shared fixtures from tests/fixtures (KOLLEGA_FIXTURES), natively and under node.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace kollega::testing {

/// The fixtures folder: $KOLLEGA_FIXTURES, else the source tree's tests/fixtures.
inline std::string fixtures_dir() {
    if (const char* dir = std::getenv("KOLLEGA_FIXTURES")) return dir;
    return KOLLEGA_FIXTURES_DIR;
}

/// The content of a fixture file, by path relative to the fixtures folder.
inline std::string read_fixture(const std::string& relative) {
    std::ifstream in(fixtures_dir() + "/" + relative, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read fixture " + relative);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace kollega::testing

// Catch2's main for the native and the wasm (node) build of the same suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

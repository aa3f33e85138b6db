#pragma once
// Internal to src/json: what every api facade file shares (api.cpp, groups_api.cpp, session_api.cpp,
// activities_api.cpp): the catch-all, and the two error helpers.

#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include "json/codec.hpp"

namespace kollega::json::detail {

/// Runs `body`, turning anything thrown into an error envelope.
template <class F>
std::string guarded(F&& body) {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return ::kollega::json::error_envelope({Error{"out_of_memory", "the input is too large to process", ""}});
    } catch (const std::exception& e) {
        return ::kollega::json::error_envelope({Error{"internal", std::string("internal error: ") + e.what(), ""}});
    } catch (...) {
        return ::kollega::json::error_envelope({Error{"internal", "internal error", ""}});
    }
}

/// Prefixes every pointer of the errors with the argument they are about ("/program/…").
inline Errors located(Errors errors, std::string_view argument) {
    for (auto& e : errors) e.path = std::string(argument) + e.path;
    return errors;
}

/// The error of a time argument that is not RFC 3339.
inline Error invalid_time(std::string_view found, std::string path) {
    return {"invalid_time", "expected an RFC 3339 time such as \"2026-11-22T10:15:00Z\", found \"" + std::string(found) + "\"",
            std::move(path)};
}

}  // namespace kollega::json::detail

#pragma once
// Internal to src/json: the api facade's catch-all, shared by api.cpp and groups_api.cpp.

#include <exception>
#include <new>
#include <string>

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

}  // namespace kollega::json::detail

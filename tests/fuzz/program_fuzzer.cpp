// libFuzzer target for everything that reads untrusted text: the program parser and checker,
// the event-log parser, and the fold behind them. Built with clang, ASan and UBSan
// (`make fuzz`; a short run is part of `make test`). The oracle: no crash, no sanitizer
// report, and every answer is one well-formed {ok, value|error} envelope.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "json/api.hpp"

namespace {

constexpr std::string_view kProgram = R"({"schemaVersion":1,"id":"f","title":{"en":"F"},
  "activities":[{"id":"s","kind":"session","title":{"en":"S"},"minutes":60,
    "agenda":[{"id":"c","phase":"coaching","title":{"en":"C"},"minutes":45,"perPerson":true}]}],
  "path":{"steps":[{"id":"a","activity":"s"},{"id":"b","title":{"en":"B"},"prerequisites":["a"],
    "unlock":{"afterSessions":1,"notBefore":"2026-01-01T00:00:00Z"}}]}})";

void expect_envelope(const std::string& out) {
    const auto j = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("ok") || !j["ok"].is_boolean()) std::abort();
    if (j["ok"] == false && (!j["error"].is_object() || !j["error"]["code"].is_string() || !j["error"]["path"].is_string()))
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // One call per input (throughput). An input that starts with byte 1, 2 or 3 goes, without
    // that byte, to the program-as-text fold, the event-log parser and fold, or completeStep;
    // anything else is a program for the checker, so program seeds work as they are.
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    const std::string_view rest = size ? all.substr(1) : all;
    switch (size ? data[0] : 0) {
        case 1: expect_envelope(kollega::api::path_view(rest, "", "ann", "sv", "2026-06-01T00:00:00Z")); break;
        case 2: expect_envelope(kollega::api::path_view(kProgram, rest, "ann", "nb", "2026-06-01T00:00:00Z")); break;
        case 3: expect_envelope(kollega::api::complete_step(kProgram, rest, "ann", "b", "00000000-0000-4000-8000-000000000001",
                                                            "2026-06-01T00:00:00Z"));
                break;
        default: expect_envelope(kollega::api::validate_program(all)); break;
    }
    return 0;
}

#pragma once
// Internal to src/json: reading the fields of events, shared by the event reader (built for
// speed: every event has an id and a time) and the payload reader (built for size: most
// payloads are rare next to step completions).
#include <string>
#include <string_view>

#include "core/event.hpp"
#include "json/reader.hpp"

namespace kollega::json::detail {

/// An RFC 3339 time member; reports invalid_time at its pointer.
bool read_time(ObjectReader& r, std::string_view key, Timestamp& out, bool required);
/// A UUID member, lower-cased; reports invalid_value when it is not a UUID.
void read_uuid(ObjectReader& r, std::string_view key, std::string& out);
/// The payload of `e` (whose kind is set), per docs/events.md.
void read_payload(const json& payload, const std::string& path, Event& e, Errors& errors);

}  // namespace kollega::json::detail

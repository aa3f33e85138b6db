// Reading and writing events (docs/architecture.md). On the hot path: a log can hold
// 100,000 events, so this file is built for speed.
#include "json/codec.hpp"
#include "json/reader.hpp"

namespace kollega::json {
namespace {

using namespace detail;

std::optional<Event> read_event(const json& j, const std::string& path, Errors& errors) {
    const std::size_t before = errors.size();
    Event e;
    ObjectReader r(j, path, errors);
    if (!r.ok()) return std::nullopt;
    if (r.string("id", e.id, true)) {
        if (!is_uuid(e.id))
            errors.push_back(Error::invalid_value(child(path, "id"), "expected a UUID, found \"" + e.id + "\""));
        std::transform(e.id.begin(), e.id.end(), e.id.begin(),
                       [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
    }
    if (r.string("actor", e.actor, true) && e.actor.empty())
        errors.push_back(Error::invalid_value(child(path, "actor"), "expected a learner id, found \"\""));
    r.string("type", e.type, true);
    std::string at;
    if (r.string("at", at, true)) {
        if (auto t = parse_timestamp(at)) e.at = *t;
        else errors.push_back({"invalid_time", "expected an RFC 3339 time such as \"2026-11-22T10:15:00Z\", found \"" + at + "\"", child(path, "at")});
    }
    std::string vis;
    if (r.string("visibility", vis, true)) {
        if (auto v = parse_visibility(vis)) e.visibility = *v;
        else errors.push_back(Error::invalid_value(child(path, "visibility"), "expected private, group, coach or gradebook, found \"" + vis + "\""));
    }
    if (const json* payload = r.member("payload", true)) {
        ObjectReader pr(*payload, child(path, "payload"), errors);
        if (pr.ok() && e.type == kStepCompleted) {
            pr.string("step", e.step, true);
        } else if (pr.ok() && e.type == kSessionAttended) {
            pr.string("activity", e.activity, true);
            // The session issue adds speaking time and more; until then other members are kept opaque.
            for (const auto& [key, value] : payload->items()) pr.member(key, false);
        } else if (pr.ok()) {
            // Payloads of other types are opaque here; the fold reports them as unknown_type.
            for (const auto& [key, value] : payload->items()) pr.member(key, false);
        }
    }
    r.finish();
    if (errors.size() != before) return std::nullopt;
    return e;
}

}  // namespace

Result<std::vector<Event>> parse_events(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    std::vector<Event> events;
    Errors errors;
    if (first == std::string_view::npos) return events;  // an empty log
    if (text[first] == '[') {
        auto parsed = parse_text(text);
        if (!parsed.ok()) return parsed.errors();
        const json& arr = parsed.value();
        events.reserve(arr.size());
        for (std::size_t i = 0; i < arr.size(); ++i)
            if (auto e = read_event(arr[i], child("", i), errors)) events.push_back(std::move(*e));
    } else {
        // JSON Lines: pointers name the 1-based line, e.g. "/4/at" is line 4.
        std::size_t line = 0, start = 0;
        while (start <= text.size()) {
            auto end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            ++line;
            std::string_view row = text.substr(start, end - start);
            if (row.find_first_not_of(" \t\r") != std::string_view::npos) {
                auto parsed = parse_text(row, "/" + std::to_string(line));
                if (!parsed.ok()) {
                    for (auto err : parsed.errors()) {
                        err.message = "line " + std::to_string(line) + ": " + err.message;
                        errors.push_back(std::move(err));
                    }
                } else if (auto e = read_event(parsed.value(), "/" + std::to_string(line), errors)) {
                    events.push_back(std::move(*e));
                }
            }
            start = end + 1;
        }
    }
    if (!errors.empty()) return errors;
    return events;
}

std::string event_to_json(const Event& e) {
    json j = {{"id", e.id},
              {"actor", e.actor},
              {"type", e.type},
              {"at", format_timestamp(e.at)},
              {"payload", e.type == kStepCompleted      ? json{{"step", e.step}}
                          : e.type == kSessionAttended ? json{{"activity", e.activity}}
                                                       : json::object()},
              {"visibility", to_string(e.visibility)}};
    return dump(j);
}

}  // namespace kollega::json

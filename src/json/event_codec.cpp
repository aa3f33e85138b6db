// Reading and writing events (docs/architecture.md). On the hot path: a log can hold
// 100,000 events, so this file is built for speed.
#include "json/codec.hpp"
#include "json/reader.hpp"
#include "json/event_fields.hpp"

#include <unordered_map>
#include <unordered_set>

namespace kollega::json {

namespace detail {

/// An RFC 3339 time member.
bool read_time(ObjectReader& r, std::string_view key, Timestamp& out, bool required) {
    std::string text;
    if (!r.string(key, text, required)) return false;
    if (auto t = parse_timestamp(text)) {
        out = *t;
        return true;
    }
    r.error({"invalid_time", "expected an RFC 3339 time such as \"2026-11-22T10:15:00Z\", found \"" + text + "\"", r.at(key)});
    return false;
}

/// A UUID member (goal ids).
void read_uuid(ObjectReader& r, std::string_view key, std::string& out) {
    if (!r.string(key, out, true)) return;
    if (!is_uuid(out)) r.error(Error::invalid_value(r.at(key), "expected a UUID, found \"" + out + "\""));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
}

}  // namespace detail

namespace {

using namespace detail;

std::optional<Event> read_event(const json& j, const std::string& path, Errors& errors) {
    const std::size_t before = errors.size();
    Event e;
    ObjectReader r(j, path, errors);
    if (!r.ok()) return std::nullopt;
    read_uuid(r, "id", e.id);
    if (r.string("actor", e.actor, true) && e.actor.empty())
        errors.push_back(Error::invalid_value(child(path, "actor"), "expected a learner id, found \"\""));
    if (r.string("type", e.type, true)) e.kind = parse_event_type(e.type);
    read_time(r, "at", e.at, true);
    std::string vis;
    if (r.string("visibility", vis, true)) {
        if (auto v = parse_visibility(vis)) e.visibility = *v;
        else errors.push_back(Error::invalid_value(child(path, "visibility"), "expected private, group, coach or gradebook, found \"" + vis + "\""));
    }
    if (const json* payload = r.member("payload", true)) {
        if (e.kind == EventType::StepCompleted) {
            // The common case, read here (built for speed); the others in payload_codec.cpp.
            ObjectReader p(*payload, child(path, "payload"), errors);
            p.string("step", e.step, true);
        } else {
            read_payload(*payload, child(path, "payload"), e, errors);
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

Result<std::vector<Group>> parse_groups(std::string_view text, const Roster& roster) {
    std::vector<Group> groups;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return groups;
    auto parsed = parse_text(text);
    if (!parsed.ok()) return parsed.errors();
    Errors errors;
    {
        ObjectReader r(parsed.value(), "", errors);
        const json* arr = r.array("groups", true, 0, "groups");
        std::unordered_map<std::string, std::string> placed;  // learner → group pointer
        std::unordered_set<std::string> ids;
        for (std::size_t i = 0; arr && i < arr->size(); ++i) {
            Group g;
            const std::string path = child("/groups", i);
            ObjectReader gr((*arr)[i], path, errors);
            if (gr.id("id", g.id, true) && !ids.insert(g.id).second) errors.push_back(Error::duplicate_id(path + "/id", g.id));
            gr.ids("members", g.members, "learner ids");
            if (!gr.has("members")) gr.member("members", true);
            for (std::size_t m = 0; m < g.members.size(); ++m) {
                const std::string& id = g.members[m];
                const std::string mp = child(path + "/members", m);
                if (id.empty()) continue;
                if (!roster.contains(id)) errors.push_back(Error::unknown_reference(mp, "learner", id));
                else if (auto [it, fresh] = placed.emplace(id, mp); !fresh)
                    errors.push_back(Error::invalid_value(mp, "learner \"" + id + "\" is already in a group, at " + it->second));
            }
            groups.push_back(std::move(g));
        }
    }
    if (!errors.empty()) return errors;
    return groups;
}

}  // namespace kollega::json

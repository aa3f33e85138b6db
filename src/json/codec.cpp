#include "json/codec.hpp"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>

namespace kollega::json {
namespace {

using nlohmann::json;

/// Deepest nesting accepted in any input; deeper documents are rejected before they are built.
constexpr int kMaxDepth = 64;

std::string type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unreadable value";
    }
}

/// Escapes one reference token for a JSON Pointer (RFC 6901: ~ → ~0, / → ~1).
std::string escape_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string child(const std::string& path, std::string_view key) { return path + "/" + escape_token(key); }
std::string child(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

/// True when arrays/objects nest deeper than `limit` (a linear scan that skips strings).
/// Checked before parsing, so a hostile document is refused before anything is built. (The
/// parser callback could do this too, but nlohmann's callback parser rescans each parent at
/// every closing brace: quadratic in the number of events.)
bool nests_deeper_than(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

/// Parses JSON text, refusing invalid syntax and nesting deeper than kMaxDepth.
Result<json> parse_text(std::string_view text, const std::string& where = "") {
    if (nests_deeper_than(text, kMaxDepth))
        return Error{"too_deep", "nesting deeper than " + std::to_string(kMaxDepth) + " levels", where};
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: …"
        std::string msg = e.what();
        const auto pos = msg.find("] ");
        if (pos != std::string::npos) msg = msg.substr(pos + 2);
        return Error{"invalid_json", msg, where};
    }
}

/// Walks one object, checking members and collecting every problem.
class ObjectReader {
public:
    ObjectReader(const json& j, std::string path, Errors& errors)
        : j_(j), path_(std::move(path)), errors_(errors), ok_(j.is_object()) {
        if (!ok_) errors_.push_back(Error::type_error(path_, "an object", type_name(j)));
    }
    [[nodiscard]] bool ok() const { return ok_; }
    [[nodiscard]] const std::string& path() const { return path_; }

    /// The member, or nullptr (reporting missing_field when required).
    const json* member(std::string_view key, bool required) {
        known_.emplace_back(key);
        if (!ok_) return nullptr;
        auto it = j_.find(key);
        if (it == j_.end()) {
            if (required) errors_.push_back(Error::missing_field(path_, key));
            return nullptr;
        }
        return &*it;
    }

    bool string(std::string_view key, std::string& out, bool required) {
        const json* m = member(key, required);
        if (!m) return false;
        if (!m->is_string()) {
            errors_.push_back(Error::type_error(child(path_, key), "a string", type_name(*m)));
            return false;
        }
        out = m->get<std::string>();
        return true;
    }

    /// Reports every member that was never asked for.
    void finish() {
        if (!ok_) return;
        for (const auto& [key, value] : j_.items())
            if (std::find(known_.begin(), known_.end(), key) == known_.end())
                errors_.push_back(Error::unknown_field(child(path_, key), key));
    }

private:
    const json& j_;
    std::string path_;
    Errors& errors_;
    bool ok_;
    std::vector<std::string> known_;
};

bool is_language_tag(std::string_view s) {
    if (s.size() < 2 || s.size() > 35) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

void read_text(const json* j, const std::string& path, LocalizedText& out, Errors& errors) {
    if (!j) return;
    if (!j->is_object()) {
        errors.push_back(Error::type_error(path, "an object of texts by language, e.g. {\"en\": \"…\"}", type_name(*j)));
        return;
    }
    const std::size_t before = errors.size();
    for (const auto& [lang, text] : j->items()) {
        if (!is_language_tag(lang)) {
            errors.push_back(Error::invalid_value(child(path, lang), "expected a language tag such as \"en\" or \"sv\", found \"" + lang + "\""));
            continue;
        }
        if (!text.is_string()) {
            errors.push_back(Error::type_error(child(path, lang), "a string", type_name(text)));
            continue;
        }
        out.by_language.emplace_back(lang, text.get<std::string>());
    }
    if (out.by_language.empty() && errors.size() == before)
        errors.push_back(Error::invalid_value(path, "expected at least one language, found none"));
}

Step read_step(const json& j, const std::string& path, Errors& errors) {
    Step step;
    ObjectReader r(j, path, errors);
    if (r.string("id", step.id, true) && step.id.empty())
        errors.push_back(Error::invalid_value(child(path, "id"), "expected a non-empty id, found \"\""));
    read_text(r.member("title", true), child(path, "title"), step.title, errors);
    read_text(r.member("description", false), child(path, "description"), step.description, errors);
    if (const json* p = r.member("prerequisites", false)) {
        const std::string pp = child(path, "prerequisites");
        if (!p->is_array()) {
            errors.push_back(Error::type_error(pp, "an array of step ids", type_name(*p)));
        } else {
            for (std::size_t i = 0; i < p->size(); ++i) {
                const json& v = (*p)[i];
                if (v.is_string()) step.prerequisites.push_back(v.get<std::string>());
                else errors.push_back(Error::type_error(child(pp, i), "a step id (a string)", type_name(v)));
            }
        }
    }
    r.finish();
    return step;
}

Program read_program(const json& j, Errors& errors) {
    Program program;
    ObjectReader r(j, "", errors);
    if (!r.ok()) return program;
    if (const json* v = r.member("schemaVersion", true)) {
        if (!v->is_number_integer()) {
            errors.push_back(Error::type_error("/schemaVersion", "an integer", type_name(*v)));
        } else if (v->get<long long>() != kSchemaVersion) {
            errors.push_back({"unsupported_schema_version",
                              "this version of Kollega reads schemaVersion " + std::to_string(kSchemaVersion) +
                                  ", found " + std::to_string(v->get<long long>()),
                              "/schemaVersion"});
        }
    }
    if (r.string("id", program.id, true) && program.id.empty())
        errors.push_back(Error::invalid_value("/id", "expected a non-empty id, found \"\""));
    if (r.string("defaultLanguage", program.default_language, false) && !is_language_tag(program.default_language))
        errors.push_back(Error::invalid_value("/defaultLanguage", "expected a language tag such as \"en\", found \"" + program.default_language + "\""));
    read_text(r.member("title", true), "/title", program.title, errors);
    read_text(r.member("description", false), "/description", program.description, errors);
    if (const json* path = r.member("path", true)) {
        ObjectReader pr(*path, "/path", errors);
        if (const json* steps = pr.member("steps", true)) {
            if (!steps->is_array()) {
                errors.push_back(Error::type_error("/path/steps", "an array of steps", type_name(*steps)));
            } else {
                for (std::size_t i = 0; i < steps->size(); ++i)
                    program.steps.push_back(read_step((*steps)[i], child("/path/steps", i), errors));
            }
        }
        pr.finish();
    }
    r.finish();
    return program;
}

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
            pr.finish();
        }
        // Payloads of other types are kept opaque here; the fold reports them as unknown_type.
    }
    r.finish();
    if (errors.size() != before) return std::nullopt;
    return e;
}

/// Serialises compactly; text that is not valid UTF-8 is replaced (U+FFFD), never a throw.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json text_json(const LocalizedText& t, std::string_view lang, std::string_view fallback) {
    return t.resolve(lang, fallback);
}

}  // namespace

Result<Program> parse_program(std::string_view text) {
    auto parsed = parse_text(text);
    if (!parsed.ok()) return parsed.errors();
    Errors errors;
    Program program = read_program(parsed.value(), errors);
    if (!errors.empty()) return errors;
    Errors semantic = check_program(program);
    if (!semantic.empty()) return semantic;
    return program;
}

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
              {"payload", e.type == kStepCompleted ? json{{"step", e.step}} : json::object()},
              {"visibility", to_string(e.visibility)}};
    return dump(j);
}

std::string path_view_to_json(const Program& program, const PathState& state, std::string_view lang) {
    const std::string_view fb = program.default_language;
    json steps = json::array();
    for (std::size_t i = 0; i < state.steps.size(); ++i) {
        const auto& s = state.steps[i];
        const auto& def = program.steps[i];
        json step = {{"id", s.id},
                     {"title", text_json(def.title, lang, fb)},
                     {"description", text_json(def.description, lang, fb)},
                     {"status", to_string(s.status)},
                     {"blockedBy", s.blocked_by}};
        if (s.completed_at) step["completedAt"] = format_timestamp(*s.completed_at);
        steps.push_back(std::move(step));
    }
    json rejected = json::array();
    for (const auto& r : state.rejected) rejected.push_back({{"id", r.event_id}, {"reason", r.reason}});
    json value = {{"program",
                   {{"id", program.id},
                    {"title", text_json(program.title, lang, fb)},
                    {"description", text_json(program.description, lang, fb)},
                    {"language", program.title.resolved_language(lang, fb)}}},
                  {"steps", std::move(steps)},
                  {"next", state.next ? json(*state.next) : json(nullptr)},
                  {"progress", {{"done", state.done}, {"total", state.total}, {"percent", state.percent()}}},
                  {"rejected", std::move(rejected)}};
    return dump(value);
}

std::string ok_envelope(std::string_view value_json) {
    std::string out = R"({"ok":true,"value":)";
    out += value_json;
    out += '}';
    return out;
}

std::string error_envelope(const Errors& errors) {
    auto one = [](const Error& e) { return json{{"code", e.code}, {"message", e.message}, {"path", e.path}}; };
    json problems = json::array();
    for (const auto& e : errors) problems.push_back(one(e));
    json err = errors.empty() ? json{{"code", "internal"}, {"message", "unknown error"}, {"path", ""}} : one(errors.front());
    err["problems"] = std::move(problems);
    return dump(json{{"ok", false}, {"error", std::move(err)}});
}

}  // namespace kollega::json

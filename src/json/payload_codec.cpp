// Reading event payloads (docs/events.md), except step.completed, which the event reader
// handles itself. Built for size (CMakeLists.txt): these types are rare next to completions.
#include "json/event_fields.hpp"

namespace kollega::json::detail {
namespace {

/// An id-shaped member: a non-empty string (a learner, step or activity id).
void read_ids(ObjectReader& r, std::string_view key, std::vector<std::string>& out) { r.ids(key, out, "learner ids"); }

/// A required, non-empty text a learner wrote.
void read_text_member(ObjectReader& r, std::string_view key, std::string& out, bool required) {
    if (r.string(key, out, required) && out.empty())
        r.error(Error::invalid_value(r.at(key), "expected a text, found an empty string"));
}

/// An array of non-empty strings.
void read_strings(ObjectReader& r, std::string_view key, std::vector<std::string>& out, Errors& errors) {
    const json* arr = r.array(key, true, 0, "texts");
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const json& v = (*arr)[i];
        if (!v.is_string()) errors.push_back(Error::type_error(child(r.at(key), i), "a string", type_name(v)));
        else if (v.get_ref<const std::string&>().empty())
            errors.push_back(Error::invalid_value(child(r.at(key), i), "expected a text, found an empty string"));
        else out.push_back(v.get<std::string>());
    }
}

/// An object of key → integer in [lo, hi].
template <class Int>
void read_integer_map(ObjectReader& r, std::string_view key, bool required, long long lo, long long hi,
                      std::vector<std::pair<std::string, Int>>& out, Errors& errors) {
    const json* m = r.member(key, required);
    if (!m) return;
    if (!m->is_object()) {
        errors.push_back(Error::type_error(r.at(key), "an object", type_name(*m)));
        return;
    }
    for (const auto& [k, v] : m->items()) {
        const std::string path = child(r.at(key), k);
        auto n = as_integer(v);
        if (!n) errors.push_back(Error::type_error(path, "an integer", type_name(v)));
        else if (*n < lo || *n > hi)
            errors.push_back(Error::invalid_value(path, "expected an integer from " + std::to_string(lo) + " to " +
                                                            std::to_string(hi) + ", found " + std::to_string(*n)));
        else out.emplace_back(k, static_cast<Int>(*n));
    }
}

}  // namespace

void read_payload(const json& payload, const std::string& path, Event& e, Errors& errors) {
    ObjectReader p(payload, path, errors);
    if (!p.ok()) return;
    switch (e.kind) {
        case EventType::GroundRulesAgreed: break;
        case EventType::StepCompleted: p.string("step", e.step, true); break;
        case EventType::GoalSet:
            read_uuid(p, "goal", e.goal);
            p.id("activity", e.activity, true);
            read_text_member(p, "text", e.text, true);
            read_text_member(p, "measure", e.measure, true);
            break;
        case EventType::GoalCheckedIn: {
            read_uuid(p, "goal", e.goal);
            int progress = 0;
            if (p.integer("progress", progress, true, 0, 100)) e.progress = progress;
            read_text_member(p, "note", e.note, false);
            break;
        }
        case EventType::ReflectionWritten:
            p.id("activity", e.activity, true);
            read_text_member(p, "text", e.text, true);
            break;
        case EventType::FeedbackGiven:
            p.id("to", e.to, true);
            p.id("activity", e.activity, true);
            read_integer_map(p, "ratings", true, -100, 100, e.ratings, errors);
            read_strings(p, "worked", e.worked, errors);
            read_strings(p, "improve", e.improve, errors);
            // SBI notes travel as [situation, behaviour, impact]: the same reader as the lists,
            // so the learner's module grows by a few bytes only.
            if (p.has("sbi")) {
                const std::size_t before = errors.size();
                read_strings(p, "sbi", e.sbi, errors);
                if (errors.size() == before && e.sbi.size() != 3)
                    p.error(Error::invalid_value(p.at("sbi"), "expected three texts: situation, behaviour, impact"));
            }
            break;
        case EventType::RolePlayCompleted:
            p.id("activity", e.activity, true);
            p.id("role", e.role, true);
            break;
        case EventType::SessionScheduled: {
            p.id("activity", e.activity, true);
            Timestamp start{};
            if (read_time(p, "start", start, true)) e.start = start;
            read_ids(p, "members", e.members);
            if (!p.has("members")) p.member("members", true);
            break;
        }
        case EventType::SessionAttended:
            p.id("activity", e.activity, true);
            read_integer_map(p, "speakingSeconds", false, 0, 24LL * 3600, e.speaking_seconds, errors);
            break;
        case EventType::WinCelebrated: read_text_member(p, "text", e.text, true); break;
        case EventType::ActionPlanWritten:
            p.id("activity", e.activity, true);
            read_text_member(p, "text", e.text, true);
            break;
        case EventType::ResourceShared:
            read_text_member(p, "title", e.title, true);
            if (p.string("url", e.url, true) && e.url.rfind("https://", 0) != 0 && e.url.rfind("http://", 0) != 0)
                p.error(Error::invalid_value(p.at("url"), "expected an http:// or https:// address, found \"" + e.url + "\""));
            break;
        case EventType::Unknown:
            // Not ours to judge: the fold reports the event as unknown_type.
            for (const auto& [key, value] : payload.items()) p.member(key, false);
            break;
    }
}

}  // namespace kollega::json::detail

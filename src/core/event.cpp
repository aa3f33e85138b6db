#include "core/event.hpp"

#include <array>

namespace kollega {
namespace {

struct TypeInfo {
    EventType type;
    std::string_view name;
    Visibility visibility;
    bool text;
};

constexpr std::array<TypeInfo, 12> kTypes{{
    {EventType::GroundRulesAgreed, "ground-rules.agreed", Visibility::Gradebook, false},
    {EventType::StepCompleted, "step.completed", Visibility::Gradebook, false},
    {EventType::GoalSet, "goal.set", Visibility::Group, true},
    {EventType::GoalCheckedIn, "goal.checked-in", Visibility::Group, true},
    {EventType::ReflectionWritten, "reflection.written", Visibility::Private, true},
    {EventType::FeedbackGiven, "feedback.given", Visibility::Group, true},
    {EventType::RolePlayCompleted, "role-play.completed", Visibility::Gradebook, false},
    {EventType::SessionScheduled, "session.scheduled", Visibility::Group, false},
    {EventType::SessionAttended, "session.attended", Visibility::Gradebook, false},
    {EventType::WinCelebrated, "win.celebrated", Visibility::Group, true},
    {EventType::ResourceShared, "resource.shared", Visibility::Group, true},
    {EventType::ActionPlanWritten, "action-plan.written", Visibility::Group, true},
}};

const TypeInfo* info(EventType t) {
    for (const auto& i : kTypes)
        if (i.type == t) return &i;
    return nullptr;
}

}  // namespace

std::string_view to_string(Visibility v) {
    switch (v) {
        case Visibility::Private: return "private";
        case Visibility::Group: return "group";
        case Visibility::Coach: return "coach";
        case Visibility::Gradebook: return "gradebook";
    }
    return "coach";
}

std::optional<Visibility> parse_visibility(std::string_view name) {
    if (name == "private") return Visibility::Private;
    if (name == "group") return Visibility::Group;
    if (name == "coach") return Visibility::Coach;
    if (name == "gradebook") return Visibility::Gradebook;
    return std::nullopt;
}

std::string_view to_string(EventType t) {
    const TypeInfo* i = info(t);
    return i ? i->name : std::string_view{};
}

EventType parse_event_type(std::string_view name) {
    for (const auto& i : kTypes)
        if (i.name == name) return i.type;
    return EventType::Unknown;
}

Visibility max_visibility(EventType t) {
    const TypeInfo* i = info(t);
    return i ? i->visibility : Visibility::Private;
}

bool carries_text(EventType t) {
    const TypeInfo* i = info(t);
    return i ? i->text : true;  // unknown payloads are treated as if they held text
}

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

}  // namespace kollega

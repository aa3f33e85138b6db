#pragma once
/// Events: the immutable facts a learner's state is folded from.

#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace kollega {

/// Who may see an event (DESIGN.md section 3).
enum class Visibility { Private, Group, Coach, Gradebook };

/// The wire name of a visibility ("private", "group", "coach", "gradebook").
std::string_view to_string(Visibility v);
/// Parses a wire name; nullopt when unknown.
std::optional<Visibility> parse_visibility(std::string_view name);

/// The event type a learner records when they finish a step of the path.
inline constexpr std::string_view kStepCompleted = "step.completed";
/// The event type recorded when a learner attended a peer session (counts for unlock rules).
inline constexpr std::string_view kSessionAttended = "session.attended";

/// One immutable event. The id (a UUID) makes it unique across tabs, retries and replays.
struct Event {
    std::string id;                          ///< UUID, lower-case canonical form
    std::string actor;                       ///< learner id
    std::string type;                        ///< e.g. "step.completed"
    Timestamp at;                            ///< when it happened (passed in by the caller)
    Visibility visibility = Visibility::Coach;  ///< who may see it
    std::string step;                        ///< payload of step.completed: the step id
    std::string activity;                    ///< payload of session.attended: the session activity id

    friend bool operator==(const Event&, const Event&) = default;
};

/// True for a canonical UUID: 8-4-4-4-12 hexadecimal digits.
bool is_uuid(std::string_view text);

}  // namespace kollega

#pragma once
/// Gradebook files from a folded cohort (docs/events.md, "Exports"): Moodle and Canvas grade
/// imports and a generic CSV, plus the pieces the JSON exports share (the applied events, the
/// AGS comment, the audience filter). Pure: no I/O, no clock — every time is passed in.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/cohort.hpp"
#include "core/event.hpp"
#include "core/program.hpp"
#include "core/roster.hpp"

namespace kollega {

/// What the Moodle import matches learners by.
enum class MoodleKey {
    Email,     ///< the `Email address` column, from the roster's email
    IdNumber,  ///< the `ID number` column, from the learner id
};

/// The wire name of a Moodle key ("email", "idnumber").
std::string_view to_string(MoodleKey key);
/// Parses a wire name; nullopt when it is neither.
std::optional<MoodleKey> parse_moodle_key(std::string_view name);

/// Who an xAPI export is for (docs/xapi-profile.md, "Audiences").
enum class Audience {
    Coach,    ///< coach and gradebook events of everyone; never a learner's text
    Group,    ///< plus group events (of the viewer's groups when a viewer is named)
    Learner,  ///< every event of one learner, private ones included
};

/// The wire name of an audience ("coach", "group", "learner").
std::string_view to_string(Audience audience);
/// Parses a wire name; nullopt when it is none of them.
std::optional<Audience> parse_audience(std::string_view name);

/// The UTF-8 byte-order mark some spreadsheets need to read UTF-8 CSV (EF BB BF).
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/// A number as we write it in files: rounded to at most two decimals, a dot, no trailing
/// zeros, no exponent ("33.33", "50.5", "100", "0").
std::string format_decimal(double value);

/// The AGS comment in `lang` (en, sv, nb, nl; anything else gives English), built from
/// numbers only: "4 of 6 steps done", "4 av 6 steg klara", "4 av 6 steg fullført",
/// "4 van 6 stappen voltooid".
std::string steps_done_comment(int done, int total, std::string_view lang);

/// Moodle grade import CSV: `Email address` (or `ID number`) and one column named after the
/// program's title in `lang`, holding scoreGiven; one row per roster learner, in roster order.
std::string export_moodle_csv(const Program& program, const Roster& roster, const CohortState& state, MoodleKey key,
                              bool bom, std::string_view lang);

/// Canvas gradebook import CSV: `Student,ID,SIS User ID,SIS Login ID,Section,<title> (<id>)`,
/// a `Points Possible` row, then one row per roster learner in roster order.
std::string export_canvas_csv(const Program& program, const Roster& roster, const CohortState& state, bool bom,
                              std::string_view lang);

/// The generic CSV: one row per roster learner with progress and grade (docs/events.md).
std::string export_generic_csv(const Program& program, const Roster& roster, const CohortState& state, bool bom);

/// The events the fold applied, once each, in fold order (time, then id): the first copy of
/// every id, unless the fold rejected that id for a reason other than `id_conflict`.
std::vector<const Event*> applied_events(std::span<const Event> events, const CohortState& state);

/// True when an export for `audience` (with `viewer`, a learner id or "") contains `event`.
/// coach: coach and gradebook events. group: those plus group events — of learners who share
/// a group with the viewer (or the viewer's own) when a viewer is named, else of everyone.
/// learner: every event whose actor is the viewer.
bool audience_sees(Audience audience, std::string_view viewer, const Event& event, std::span<const GroupProgress> groups);

/// True when an export for `audience` may carry the texts `event` holds: never for coach,
/// else exactly when the audience sees the event.
bool audience_sees_texts(Audience audience, std::string_view viewer, const Event& event,
                         std::span<const GroupProgress> groups);

}  // namespace kollega

#pragma once
/// Export files (docs/events.md, "Exports"): the gradebook CSVs of src/core/exports.hpp, the LTI
/// AGS score payload and xAPI 1.0.3 statements (docs/xapi-profile.md), behind one dispatcher.

#include <span>
#include <string>
#include <string_view>

#include "core/cohort.hpp"
#include "core/event.hpp"
#include "core/exports.hpp"
#include "core/program.hpp"
#include "core/result.hpp"
#include "core/roster.hpp"
#include "core/time.hpp"

namespace kollega::json {

/// A file ready to save or send.
struct ExportFile {
    std::string filename;   ///< e.g. "peer-support-moodle.csv"
    std::string mime_type;  ///< "text/csv;charset=utf-8" or "application/json"
    std::string content;    ///< the bytes of the file

    friend bool operator==(const ExportFile&, const ExportFile&) = default;
};

/// How to export (the `optionsJson` of exportFile, docs/architecture.md).
struct ExportOptions {
    bool bom = false;                               ///< start CSV files with a UTF-8 byte-order mark
    MoodleKey moodle_key = MoodleKey::Email;        ///< what the Moodle file matches learners by
    std::string audience = "coach";                 ///< xAPI: coach, group or learner
    std::string learner;                            ///< xAPI: the viewer (required for learner)
    std::string home_page = "https://lms.example.org";  ///< xAPI: the account homePage of every agent
    std::string lang = "en";                        ///< language of titles, column names and comments
    Timestamp now;                                  ///< AGS timestamp (also the time the cohort is folded at)
};

/// Reads the options JSON: {"bom", "moodleKey": "email"|"idnumber", "audience":
/// "coach"|"group"|"learner", "learner", "homePage", "lang", "now"}. `now` (RFC 3339) is
/// required; the others have the defaults above. Unknown members are unknown_field; pointers
/// are into the options ("/moodleKey").
Result<ExportOptions> parse_export_options(std::string_view json);

/// The export file of `format` — moodle, canvas, csv, ags or xapi — from the cohort `state`
/// folded from the same program, roster and events. Errors: unknown_format at /format;
/// invalid_value at /audience; missing_field or unknown_learner at /learner (learner audience).
Result<ExportFile> export_file(std::string_view format, const Program& program, const Roster& roster,
                               std::span<const Event> events, const CohortState& state, const ExportOptions& options);

/// The LTI AGS payload: {"lineItem": {…}, "scores": [application/vnd.ims.lis.v1.score+json…]}.
std::string export_ags(const Program& program, const Roster& roster, const CohortState& state, const ExportOptions& options);

/// xAPI 1.0.3 statements, a JSON array: one per applied event the audience may see.
/// Errors as for export_file.
Result<std::string> export_xapi(const Program& program, const Roster& roster, std::span<const Event> events,
                                const CohortState& state, const ExportOptions& options);

/// The value of exportFile: {"filename", "mimeType", "content"}.
std::string export_file_to_json(const ExportFile& file);

}  // namespace kollega::json

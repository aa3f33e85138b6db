#include "json/api.hpp"

#include <exception>
#include <nlohmann/json.hpp>

#include "core/path_state.hpp"
#include "core/cohort.hpp"
#include "json/codec.hpp"
#include "json/export_codec.hpp"
#include "json/guarded.hpp"
#include "json/roster_codec.hpp"

namespace kollega::api {
namespace {

constexpr const char* kCoreVersion = "0.1.0";

using json::detail::guarded;
using json::detail::invalid_time;
using json::detail::located;

}  // namespace

std::string version() {
    return guarded([] {
        nlohmann::json v = {{"core", kCoreVersion}, {"schemaVersion", kSchemaVersion}};
        return json::ok_envelope(v.dump());
    });
}

std::string path_view(std::string_view program_json, std::string_view events_json,
                      std::string_view actor, std::string_view lang, std::string_view now) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto events = json::parse_events(events_json);
        if (!events.ok()) return json::error_envelope(located(events.errors(), "/events"));
        auto when = parse_timestamp(now);
        if (!when) return json::error_envelope({invalid_time(now, "/now")});
        const PathState state = fold_path(program.value(), events.value(), actor, *when);
        return json::ok_envelope(json::path_view_to_json(program.value(), state, lang));
    });
}

std::string complete_step(std::string_view program_json, std::string_view events_json,
                          std::string_view actor, std::string_view step_id,
                          std::string_view event_id, std::string_view at) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto events = json::parse_events(events_json);
        if (!events.ok()) return json::error_envelope(located(events.errors(), "/events"));
        auto when = parse_timestamp(at);
        if (!when) return json::error_envelope({invalid_time(at, "/at")});
        auto event = kollega::complete_step(program.value(), events.value(), actor, step_id, event_id, *when);
        if (!event.ok()) return json::error_envelope(event.errors());
        return json::ok_envelope(json::event_to_json(event.value()));
    });
}

std::string cohort_view(std::string_view program_json, std::string_view roster_text, std::string_view events_json,
                        std::string_view groups_json, std::string_view lang, std::string_view now) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto roster = json::parse_roster(roster_text);
        if (!roster.ok()) return json::error_envelope(located(roster.errors(), "/roster"));
        auto events = json::parse_events(events_json);
        if (!events.ok()) return json::error_envelope(located(events.errors(), "/events"));
        auto groups = json::parse_groups(groups_json, roster.value());
        if (!groups.ok()) return json::error_envelope(located(groups.errors(), "/groups"));
        auto when = parse_timestamp(now);
        if (!when) return json::error_envelope({invalid_time(now, "/now")});
        CohortState cohort = fold_cohort(program.value(), roster.value(), events.value(), groups.value(), *when);
        cohort.met = who_met_whom(program.value(), roster.value(), events.value(), cohort);
        return json::ok_envelope(json::cohort_view_to_json(program.value(), roster.value(), cohort, lang));
    });
}

std::string export_file(std::string_view format, std::string_view program_json, std::string_view roster_text,
                        std::string_view events_json, std::string_view groups_json, std::string_view options_json) {
    return guarded([&] {
        auto program = json::parse_program(program_json);
        if (!program.ok()) return json::error_envelope(located(program.errors(), "/program"));
        auto roster = json::parse_roster(roster_text);
        if (!roster.ok()) return json::error_envelope(located(roster.errors(), "/roster"));
        auto events = json::parse_events(events_json);
        if (!events.ok()) return json::error_envelope(located(events.errors(), "/events"));
        auto groups = json::parse_groups(groups_json, roster.value());
        if (!groups.ok()) return json::error_envelope(located(groups.errors(), "/groups"));
        auto options = json::parse_export_options(options_json);
        if (!options.ok()) return json::error_envelope(located(options.errors(), "/options"));
        const CohortState cohort =
            fold_cohort(program.value(), roster.value(), events.value(), groups.value(), options.value().now);
        auto file = json::export_file(format, program.value(), roster.value(), events.value(), cohort, options.value());
        if (!file.ok()) {
            // Errors about the options (audience, learner, …) point into the options argument.
            Errors errors = file.errors();
            for (auto& e : errors)
                if (e.path != "/format") e.path = "/options" + e.path;
            return json::error_envelope(errors);
        }
        return json::ok_envelope(json::export_file_to_json(file.value()));
    });
}

std::string validate_program(std::string_view program_json) {
    return guarded([&] { return json::ok_envelope(json::validation_to_json(json::read_program_report(program_json))); });
}

}  // namespace kollega::api

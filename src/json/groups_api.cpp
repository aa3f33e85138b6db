// The group formation part of the api facade (json/api.hpp): kept in its own file and library so
// that only the CLI and the kollega-groups module carry the engine.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/groups/formation.hpp"
#include "json/api.hpp"
#include "json/codec.hpp"
#include "json/groups_codec.hpp"
#include "json/guarded.hpp"
#include "json/roster_codec.hpp"

namespace kollega::api {
namespace {

using json::detail::guarded;
using json::detail::located;

/// The model of a roster and options, errors located in their argument.
Result<groups::Model> model_of(std::string_view roster_text, std::string_view options_text) {
    auto roster = json::parse_roster(roster_text);
    auto options = json::parse_groups_options(options_text);
    Errors errors;
    if (!roster.ok()) errors = located(roster.errors(), "/roster");
    if (!options.ok()) {
        Errors more = located(options.errors(), "/options");
        errors.insert(errors.end(), more.begin(), more.end());
    }
    if (!errors.empty()) return errors;
    auto model = groups::build_model(roster.value(), options.value());
    if (!model.ok()) {
        errors = model.errors();
        // Option references point into the options; the model's own "/roster…" paths stay.
        for (auto& e : errors)
            if (!e.path.empty() && e.path.rfind("/roster", 0) != 0) e.path = "/options" + e.path;
        return errors;
    }
    return std::move(model).value();
}

/// A schedule of ids as the model's people; unknown ids are errors at "/schedule/r/g/k".
Result<groups::Schedule> schedule_of(const groups::Model& model, std::string_view text) {
    auto rounds = json::parse_groups_history(text);
    if (!rounds.ok()) return located(rounds.errors(), "/schedule");
    groups::Schedule out;
    Errors errors;
    for (std::size_t r = 0; r < rounds.value().size(); ++r) {
        out.emplace_back();
        for (std::size_t g = 0; g < rounds.value()[r].size(); ++g) {
            std::vector<int> members;
            for (std::size_t k = 0; k < rounds.value()[r][g].size(); ++k) {
                const std::string& id = rounds.value()[r][g][k];
                auto it = std::find(model.ids.begin(), model.ids.end(), id);
                if (it == model.ids.end())
                    errors.push_back(Error::unknown_reference("/schedule/" + std::to_string(r) + "/" + std::to_string(g) + "/" +
                                                                  std::to_string(k), "learner", id));
                else
                    members.push_back(static_cast<int>(it - model.ids.begin()));
            }
            out.back().push_back(std::move(members));
        }
    }
    if (!errors.empty()) return errors;
    return out;
}

std::string explain_with(const groups::Model& model, std::string_view schedule_text, std::string_view lang) {
    auto schedule = schedule_of(model, schedule_text);
    if (!schedule.ok()) return json::error_envelope(schedule.errors());
    return json::ok_envelope(json::groups_result_to_json(model, groups::outcome_of(model, schedule.value()), lang));
}

}  // namespace

std::string groups_explain(std::string_view roster_text, std::string_view options_text, std::string_view schedule_text,
                           std::string_view lang) {
    return guarded([&] {
        auto model = model_of(roster_text, options_text);
        if (!model.ok()) return json::error_envelope(model.errors());
        return explain_with(model.value(), schedule_text, lang);
    });
}

std::string parse_roster(std::string_view roster_text) {
    return guarded([&] {
        auto roster = json::parse_roster(roster_text);
        if (!roster.ok()) return json::error_envelope(roster.errors());
        return json::ok_envelope(json::roster_to_json(roster.value()));
    });
}

std::string groups_solve(std::string_view roster_text, std::string_view options_text, std::string_view lang) {
    return guarded([&] {
        auto model = model_of(roster_text, options_text);
        if (!model.ok()) return json::error_envelope(model.errors());
        groups::Formation run(std::move(model).value());
        run.step(run.model().options.iterations);
        auto outcome = run.outcome();
        if (!outcome.ok()) return json::error_envelope(outcome.errors());
        return json::ok_envelope(json::groups_result_to_json(run.model(), outcome.value(), lang));
    });
}

struct GroupsJob::State {
    std::unique_ptr<groups::Formation> run;
};

GroupsJob::GroupsJob(std::string roster, std::string options_json)
    : roster_(std::move(roster)), options_(std::move(options_json)), state_(std::make_unique<State>()) {}

GroupsJob::~GroupsJob() = default;

std::string GroupsJob::start() {
    return guarded([&] {
        state_->run.reset();
        auto model = model_of(roster_, options_);
        if (!model.ok()) return json::error_envelope(model.errors());
        state_->run = std::make_unique<groups::Formation>(std::move(model).value());
        const auto& m = state_->run->model();
        nlohmann::json v = {{"learners", m.size()}, {"mode", groups::to_string(m.options.mode)}, {"rounds", m.options.rounds}};
        return json::ok_envelope(v.dump());
    });
}

std::string GroupsJob::step(double iterations) {
    return guarded([&] {
        if (!state_->run) return json::error_envelope({Error{"not_started", "call start() first (and check its result)", ""}});
        long long n = 0;
        if (std::isfinite(iterations) && iterations > 0) n = iterations > 1e15 ? 1'000'000'000'000'000LL : static_cast<long long>(iterations);
        state_->run->step(n);
        return json::ok_envelope(json::groups_progress_to_json(state_->run->progress()));
    });
}

std::string GroupsJob::result(std::string_view lang) const {
    return guarded([&] {
        if (!state_->run) return json::error_envelope({Error{"not_started", "call start() first (and check its result)", ""}});
        auto outcome = state_->run->outcome();
        if (!outcome.ok()) return json::error_envelope(outcome.errors());
        return json::ok_envelope(json::groups_result_to_json(state_->run->model(), outcome.value(), lang));
    });
}

std::string GroupsJob::explain(std::string_view schedule_text, std::string_view lang) const {
    return guarded([&] {
        if (!state_->run) return json::error_envelope({Error{"not_started", "call start() first (and check its result)", ""}});
        return explain_with(state_->run->model(), schedule_text, lang);
    });
}

}  // namespace kollega::api

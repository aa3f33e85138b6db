// Gradebook CSV files and the shared pieces of the JSON exports (docs/events.md, "Exports").
#include "core/exports.hpp"

#include <charconv>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "core/csv.hpp"

namespace kollega {
namespace {

/// The progress the fold computed for each roster learner, in roster order. A learner the
/// state lacks (a state folded from another roster) gets zeros and the grade of no steps.
class ProgressByLearner {
public:
    ProgressByLearner(const Program& program, const CohortState& state) {
        index_.reserve(state.learners.size());
        for (const auto& p : state.learners) index_.emplace(p.learner, &p);
        empty_.steps_total = static_cast<int>(program.steps.size());
        empty_.grade = grade(program, std::vector<bool>(program.steps.size(), false), false);
    }

    [[nodiscard]] const LearnerProgress& operator[](const std::string& learner) const {
        auto it = index_.find(learner);
        return it == index_.end() ? empty_ : *it->second;
    }

private:
    std::unordered_map<std::string_view, const LearnerProgress*> index_;
    LearnerProgress empty_;
};

std::string start(bool bom) { return bom ? std::string(kUtf8Bom) : std::string(); }

std::string_view boolean(bool b) { return b ? "true" : "false"; }

}  // namespace

std::string_view to_string(MoodleKey key) { return key == MoodleKey::IdNumber ? "idnumber" : "email"; }

std::optional<MoodleKey> parse_moodle_key(std::string_view name) {
    if (name == "email") return MoodleKey::Email;
    if (name == "idnumber") return MoodleKey::IdNumber;
    return std::nullopt;
}

std::string_view to_string(Audience audience) {
    switch (audience) {
        case Audience::Coach: return "coach";
        case Audience::Group: return "group";
        case Audience::Learner: return "learner";
    }
    return "coach";
}

std::optional<Audience> parse_audience(std::string_view name) {
    if (name == "coach") return Audience::Coach;
    if (name == "group") return Audience::Group;
    if (name == "learner") return Audience::Learner;
    return std::nullopt;
}

std::string format_decimal(double value) {
    if (!std::isfinite(value)) return "0";
    constexpr double kLimit = 9e15;  // beyond this, hundredths no longer fit a long long exactly
    const long long hundredths = std::llround(std::clamp(value, -kLimit, kLimit) * 100.0);
    const unsigned long long magnitude = hundredths < 0 ? 0ULL - static_cast<unsigned long long>(hundredths)
                                                        : static_cast<unsigned long long>(hundredths);
    char buf[32];
    char* p = buf;
    if (hundredths < 0) *p++ = '-';
    p = std::to_chars(p, buf + sizeof buf, magnitude / 100).ptr;  // not to_string: printf is slow in wasm
    const auto fraction = static_cast<unsigned>(magnitude % 100);
    if (fraction != 0) {
        *p++ = '.';
        *p++ = static_cast<char>('0' + fraction / 10);
        if (fraction % 10 != 0) *p++ = static_cast<char>('0' + fraction % 10);
    }
    return std::string(buf, p);
}

std::string steps_done_comment(int done, int total, std::string_view lang) {
    const std::string d = std::to_string(done), t = std::to_string(total);
    if (lang == "sv") return d + " av " + t + " steg klara";
    if (lang == "nb") return d + " av " + t + " steg fullført";
    if (lang == "nl") return d + " van " + t + (total == 1 ? " stap voltooid" : " stappen voltooid");
    return d + " of " + t + (total == 1 ? " step done" : " steps done");
}

std::string export_moodle_csv(const Program& program, const Roster& roster, const CohortState& state, MoodleKey key,
                              bool bom, std::string_view lang) {
    const ProgressByLearner progress(program, state);
    std::string out = start(bom);
    CsvWriter csv(out);
    csv.raw(key == MoodleKey::IdNumber ? "ID number" : "Email address").text(program.title.resolve(lang, program.default_language)).end_row();
    for (const Learner& l : roster.learners())
        csv.text(key == MoodleKey::IdNumber ? l.id : l.email).raw(format_decimal(progress[l.id].grade.score_given)).end_row();
    return out;
}

std::string export_canvas_csv(const Program& program, const Roster& roster, const CohortState& state, bool bom,
                              std::string_view lang) {
    const ProgressByLearner progress(program, state);
    std::string out = start(bom);
    CsvWriter csv(out);
    csv.raw("Student").raw("ID").raw("SIS User ID").raw("SIS Login ID").raw("Section")
        .text(program.title.resolve(lang, program.default_language) + " (" + program.id + ")")
        .end_row();
    csv.raw("Points Possible").raw("").raw("").raw("").raw("").raw("100").end_row();
    for (const Learner& l : roster.learners())
        csv.text(l.name).raw("").text(l.id).text(l.email).text(l.department)
            .raw(format_decimal(progress[l.id].grade.score_given))
            .end_row();
    return out;
}

std::string export_generic_csv(const Program& program, const Roster& roster, const CohortState& state, bool bom) {
    const ProgressByLearner progress(program, state);
    std::string out = start(bom);
    out.reserve(out.size() + (roster.size() + 1) * (160 + 8 * program.steps.size()));
    CsvWriter csv(out);
    for (const char* column : {"learner_id", "name", "email", "department", "steps_done", "steps_total", "percent", "score",
                               "score_maximum", "passed", "completed", "sessions_attended", "feedback_given",
                               "feedback_received", "last_activity"})
        csv.raw(column);
    for (const Step& step : program.steps) csv.text("step:" + step.id);  // one column per step of the path
    csv.end_row();
    for (const Learner& l : roster.learners()) {
        const LearnerProgress& p = progress[l.id];
        csv.text(l.id).text(l.name).text(l.email).text(l.department)
            .number(p.steps_done).number(p.steps_total).number(p.percent())
            .raw(format_decimal(p.grade.score_given)).raw(format_decimal(p.grade.score_maximum))
            .raw(boolean(p.grade.passed)).raw(boolean(p.grade.completed))
            .number(p.sessions_attended).number(p.feedback_given).number(p.feedback_received)
            .raw(p.last_activity ? format_timestamp(*p.last_activity) : std::string());
        for (std::size_t s = 0; s < program.steps.size(); ++s) csv.raw(s < p.step_done.size() && p.step_done[s] ? "true" : "false");
        csv.end_row();
    }
    return out;
}

std::vector<const Event*> applied_events(std::span<const Event> events, const CohortState& state) {
    // An id_conflict rejects a later copy only; any other reason rejects the id's kept copy.
    std::unordered_set<std::string_view> rejected;
    for (const auto& r : state.rejected)
        if (r.reason != "id_conflict") rejected.insert(r.event_id);
    std::vector<const Event*> order;
    order.reserve(events.size());
    for (const auto& e : events) order.push_back(&e);
    std::stable_sort(order.begin(), order.end(), [](const Event* a, const Event* b) {
        return a->at != b->at ? a->at < b->at : a->id < b->id;
    });
    std::unordered_set<std::string_view> seen;
    seen.reserve(order.size());
    std::vector<const Event*> applied;
    applied.reserve(order.size());
    for (const Event* e : order)
        if (seen.insert(e->id).second && !rejected.contains(e->id)) applied.push_back(e);
    return applied;
}

bool audience_sees(Audience audience, std::string_view viewer, const Event& event, std::span<const GroupProgress> groups) {
    switch (audience) {
        case Audience::Coach: return event.visibility >= Visibility::Coach;
        case Audience::Learner: return !viewer.empty() && event.actor == viewer;
        case Audience::Group:
            if (event.visibility >= Visibility::Coach) return true;
            if (event.visibility != Visibility::Group) return false;
            if (viewer.empty() || event.actor == viewer) return true;
            return std::any_of(groups.begin(), groups.end(), [&](const GroupProgress& g) {
                auto has = [&](std::string_view id) { return std::find(g.members.begin(), g.members.end(), id) != g.members.end(); };
                return has(viewer) && has(event.actor);
            });
    }
    return false;
}

bool audience_sees_texts(Audience audience, std::string_view viewer, const Event& event,
                         std::span<const GroupProgress> groups) {
    return audience != Audience::Coach && audience_sees(audience, viewer, event, groups);
}

}  // namespace kollega

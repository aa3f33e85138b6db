#pragma once
/// The program an admin authors (docs/program-format.md): metadata, group and cadence, ground
/// rules, activities of five kinds, a learning path with unlock rules, and a grading policy.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace kollega {

/// The languages every Kollega text and every built-in program is written in.
inline constexpr std::string_view kLanguages[] = {"en", "sv", "nb", "nl"};

/// The program format version this core reads.
inline constexpr int kSchemaVersion = 1;

/// A text in several languages, in the order the author wrote them.
struct LocalizedText {
    std::vector<std::pair<std::string, std::string>> by_language;  ///< (language tag, text)

    /// The text in `lang`, else in `fallback`, else the first one; "" when there is none.
    [[nodiscard]] const std::string& resolve(std::string_view lang, std::string_view fallback) const;
    /// The language resolve() would use for these arguments ("" when the text is empty).
    [[nodiscard]] std::string_view resolved_language(std::string_view lang, std::string_view fallback) const;
    /// True when no language has a text.
    [[nodiscard]] bool empty() const { return by_language.empty(); }
    /// True when a text exists in `lang`.
    [[nodiscard]] bool has(std::string_view lang) const;
};

/// How often groups meet, or how often a learner checks in on a goal.
enum class Cadence { Weekly, Every2Weeks, Every4Weeks, Monthly };
/// How learners are put together.
enum class Pairing { Group, Mentor, SkillExchange };
/// The kind of an activity.
enum class ActivityKind { Goal, Reflection, Observation, RolePlay, Session };
/// The part of a session an agenda phase is.
enum class Phase { CheckIn, Goals, Coaching, ActionPlan, Close, Other };
/// A role handed out in a peer session.
enum class SessionRole { Coach, Coachee, Observer, Timekeeper };
/// When role-players swap roles.
enum class Swap { None, Once, EachRole };

/// Wire names ("every-2-weeks", "skill-exchange", "role-play", "check-in", "timekeeper", "each-role").
std::string_view to_string(Cadence v);
std::string_view to_string(Pairing v);        ///< wire name
std::string_view to_string(ActivityKind v);   ///< wire name
std::string_view to_string(Phase v);          ///< wire name
std::string_view to_string(SessionRole v);    ///< wire name
std::string_view to_string(Swap v);           ///< wire name
/// Parses a wire name; nullopt when it is none of the allowed names.
std::optional<Cadence> parse_cadence(std::string_view s);
std::optional<Pairing> parse_pairing(std::string_view s);            ///< parses a wire name
std::optional<ActivityKind> parse_activity_kind(std::string_view s); ///< parses a wire name
std::optional<Phase> parse_phase(std::string_view s);                ///< parses a wire name
std::optional<SessionRole> parse_session_role(std::string_view s);   ///< parses a wire name
std::optional<Swap> parse_swap(std::string_view s);                  ///< parses a wire name

/// Who meets, in groups of which size.
struct GroupSpec {
    int min_size = 3;                                 ///< smallest group
    int max_size = 4;                                 ///< largest group
    Pairing pairing = Pairing::Group;                 ///< mixed groups, mentor pairs or skill exchange
    std::optional<int> regroup_after_sessions;        ///< regroup after this many sessions
};

/// The rules a group agrees to before its first session.
struct GroundRules {
    std::vector<LocalizedText> rules;   ///< e.g. questions before advice
    LocalizedText confidentiality;      ///< the confidentiality agreement
};

/// A rating scale of a rubric item.
struct Scale {
    int min = 1;                        ///< lowest point
    int max = 4;                        ///< highest point
    std::vector<LocalizedText> labels;  ///< one per point, or none
};

/// One rated item of an observation form.
struct RubricItem {
    std::string id;       ///< unique within the rubric
    LocalizedText label;  ///< what is rated
    Scale scale;          ///< how
};

/// A stage of a role-play.
struct Stage {
    std::string id;              ///< unique within the role-play
    LocalizedText title;         ///< e.g. "Opening"
    std::optional<int> minutes;  ///< a time box, if any
};

/// A hint for a role at one stage.
struct Cue {
    std::string stage;   ///< stage id
    LocalizedText text;  ///< the cue
};

/// A role card of a role-play.
struct Role {
    std::string id;        ///< unique within the role-play
    LocalizedText name;    ///< e.g. "The new manager"
    LocalizedText goal;    ///< what this role wants
    std::vector<Cue> cues; ///< hints per stage
};

/// One time-boxed part of a session.
struct AgendaPhase {
    std::string id;             ///< unique within the agenda
    Phase phase = Phase::Other; ///< which part
    LocalizedText title;        ///< shown to the group
    int minutes = 0;            ///< its time box (0 when the program gave no usable number)
    bool per_person = false;    ///< shared out as equal focus turns
};

/// An activity: common fields plus those of its kind (the others stay empty).
struct Activity {
    std::string id;                          ///< unique within the program
    ActivityKind kind = ActivityKind::Goal;  ///< which kind
    bool kind_known = false;                 ///< false when `kind` was missing or invalid
    LocalizedText title;                     ///< shown in the path

    // goal
    LocalizedText prompt;                    ///< what to set a goal about
    LocalizedText measure_hint;              ///< how to make it measurable
    std::vector<LocalizedText> examples;     ///< example goals
    std::optional<Cadence> check_in;         ///< check-in cadence (default: the program's)
    // reflection
    std::vector<LocalizedText> prompts;      ///< reflection questions
    // observation
    LocalizedText focus;                     ///< what the observer watches
    std::vector<RubricItem> rubric;          ///< rated items
    LocalizedText what_worked;               ///< prompt for what worked
    LocalizedText to_improve;                ///< prompt for one thing to improve
    int min_worked = 1;                      ///< balance: at least this many things that worked
    int max_improve = 1;                     ///< balance: at most this many things to improve
    bool sbi = true;                         ///< ask for situation–behaviour–impact notes
    // role-play
    LocalizedText scenario;                  ///< the situation rehearsed
    std::vector<Stage> stages;               ///< in order
    std::vector<Role> roles;                 ///< role cards
    Swap swap = Swap::Once;                  ///< swap rule
    std::string checklist;                   ///< observation activity id, or ""
    // session
    int minutes = 0;                         ///< whole session length (0 when unusable)
    std::vector<AgendaPhase> agenda;         ///< phases in order
    std::vector<SessionRole> session_roles{SessionRole::Coach, SessionRole::Coachee, SessionRole::Observer,
                                           SessionRole::Timekeeper};  ///< roles handed out
    bool rotate_roles = true;                ///< roles move on
    std::vector<LocalizedText> questions;    ///< open questions for the coach
    int min_turn_minutes = 5;                ///< shortest useful focus turn
};

/// One step of the learning path.
struct Step {
    std::string id;                          ///< unique within the program
    LocalizedText title;                     ///< shown in the path (may be empty: the activity's)
    LocalizedText description;               ///< optional longer text
    std::string activity;                    ///< activity id, or ""
    std::vector<std::string> prerequisites;  ///< ids of steps that must be done first ("" = unusable entry)
    std::optional<Timestamp> not_before;     ///< unlock: not before this time
    std::optional<int> after_sessions;       ///< unlock: after this many attended sessions
};

/// One graded step.
struct GradingItem {
    std::string step;     ///< step id
    double weight = 1.0;  ///< its weight (> 0)
};

/// What counts for the gradebook.
struct Grading {
    std::vector<GradingItem> items;  ///< empty: every step, weight 1
    double pass_threshold = 1.0;     ///< share of the total weight needed to pass
};

/// An admin-authored program.
struct Program {
    int schema_version = kSchemaVersion;   ///< format version
    std::string id;                        ///< stable id, used to key stored events
    std::string default_language = "en";  ///< fallback for every text
    std::vector<std::string> languages{"en", "sv", "nb", "nl"};  ///< languages the program promises
    LocalizedText title;                   ///< program name
    LocalizedText description;             ///< optional summary
    GroupSpec group;                       ///< who meets
    bool group_usable = true;              ///< false when `group` had errors (checks that need it skip)
    Cadence cadence = Cadence::Every2Weeks;  ///< how often groups meet
    std::optional<GroundRules> ground_rules;  ///< shown before the first session
    std::vector<Activity> activities;      ///< what learners do
    std::vector<Step> steps;               ///< the learning path, in display order
    Grading grading;                       ///< what counts

    /// Index of the step with this id, or -1.
    [[nodiscard]] int step_index(std::string_view step_id) const;
    /// The activity with this id, or nullptr.
    [[nodiscard]] const Activity* activity(std::string_view activity_id) const;
    /// A step's title: its own, else its activity's.
    [[nodiscard]] const LocalizedText& step_title(const Step& step) const;
};

/// Checks what a well-typed program must also satisfy (docs/program-format.md, "What only the
/// core checks"): unique ids, references that exist, no prerequisite cycles, time boxes that
/// fit, consistent scales and group sizes. Items the reader marked unusable (empty ids,
/// zero minutes) are skipped, so a structural error is never reported twice.
Errors check_program(const Program& program);

/// Calls `visit(pointer, text)` for every text of the program, in document order.
void for_each_text(const Program& program,
                   const std::function<void(const std::string&, const LocalizedText&)>& visit);

/// A warning per text that lacks one of the program's languages.
Errors missing_translations(const Program& program);

/// Whole minutes each person is in focus in a per-person phase for a group of `group_size`.
int turn_minutes(const AgendaPhase& phase, int group_size);

}  // namespace kollega

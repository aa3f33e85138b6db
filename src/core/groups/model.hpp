#pragma once
/// Group formation, the model (docs/groups.md): a roster and the admin's options become an engine
/// Problem; what cannot hold is diagnosed before any search.

#include <cstdint>
#include <string>
#include <vector>

#include "core/groups/golfer.hpp"
#include "core/result.hpp"
#include "core/roster.hpp"

namespace kollega::groups {

/// What is formed: groups (the social golfer engine), mentor pairs or skill-exchange pairs.
enum class Mode { groups, mentor, skill_exchange };

/// "groups", "mentor" or "skill-exchange".
const char* to_string(Mode mode);

/// A group fixed by the admin in one round (ids as in the roster).
struct LockedGroup {
    int round = 0;                     ///< counted from 0 within the rounds to schedule
    std::vector<std::string> members;  ///< learner ids
};

/// The admin's options (docs/groups.md, "Options JSON"); ids refer to roster learners.
struct Options {
    int min_size = 3;                                             ///< smallest group (groups mode)
    int max_size = 4;                                             ///< largest group (groups mode)
    int rounds = 1;                                               ///< rounds to schedule
    std::uint64_t seed = 1;                                       ///< the search's seed
    Mode mode = Mode::groups;                                     ///< what to form
    int reporting_depth = 2;                                      ///< levels of managers never grouped with a learner
    long long iterations = 20'000;                             ///< budget of solve() (a job is stepped by its caller)
    std::vector<std::vector<std::vector<std::string>>> history;  ///< past rounds: groups of ids
    std::vector<std::vector<std::string>> do_not_pair;           ///< sets of ids never in one group
    std::vector<std::vector<std::string>> keep_together;         ///< sets of ids in one group every round
    std::vector<std::vector<std::string>> keep_apart;            ///< sets of ids never in one group (admin pin)
    std::vector<LockedGroup> locked;                              ///< groups fixed as given
    std::vector<std::string> mentors;                             ///< mentor mode: the mentors (empty: by role)
    std::vector<std::string> mentees;                             ///< mentor mode: the mentees (empty: by role)
};

/// Why two learners may never share a group (bit flags in Model::why).
enum Why : std::uint8_t {
    why_none = 0,
    why_reporting_line = 1,  ///< one is in the other's reporting line
    why_do_not_pair = 2,     ///< a do-not-pair list
    why_keep_apart = 4,      ///< a keep-apart pin
};

/// Soft-cost weights: the mix tier (department, role band) outweighs any total of the reach tier.
struct Weights {
    std::uint32_t department = 2;  ///< same department, in mix units
    std::uint32_t band = 1;        ///< same role band, in mix units
    std::uint32_t mix_unit = 1;    ///< one mix unit in cost points (set by build_model: > every reach total)
};

/// A roster and options made into an engine problem, with what the explanations need.
struct Model {
    Options options;                          ///< as given (checked)
    std::vector<std::string> ids;             ///< learner ids, roster order (= engine people)
    std::vector<std::string> departments;     ///< per learner ("" when none)
    std::vector<int> department;              ///< per learner: index into departments, -1 when none
    std::vector<int> band;                    ///< per learner: role band index, -1 when none
    std::vector<std::string> roles;           ///< per learner: the role, lower case, spaces collapsed
    std::vector<int> manager;                 ///< per learner: index of the manager in the roster, -1 when not
    std::vector<int> utc_offset_minutes;      ///< per learner: standard UTC offset, or kUnknownOffset
    std::vector<std::string> language;        ///< per learner: primary language subtag, lower case ("" when none)
    std::vector<std::vector<std::string>> skills_offered;  ///< per learner, lower case
    std::vector<std::vector<std::string>> skills_wanted;   ///< per learner, lower case
    std::vector<std::uint8_t> why;            ///< n*n: Why flags of forbidden pairs
    std::vector<int> mentors;                 ///< mentor mode: mentors the admin named (empty: by role)
    std::vector<int> mentees;                 ///< mentor mode: mentees the admin named (empty: by role)
    Weights weights;                          ///< the soft-cost weights used
    Problem problem;                          ///< what the engine solves (groups mode; pairs for pairing modes)

    /// Number of learners.
    [[nodiscard]] int size() const { return static_cast<int>(ids.size()); }
    /// The Why flags of a pair.
    [[nodiscard]] std::uint8_t why_pair(int a, int b) const { return why[static_cast<std::size_t>(a) * ids.size() + b]; }
    /// True when `ancestor` is in `learner`'s reporting line within the depth.
    [[nodiscard]] bool in_line(int learner, int ancestor) const;
};

/// The most learners one formation takes (the pair matrices grow with the square: 3,000 learners
/// take about 60 MB).
inline constexpr std::size_t kMaxLearners = 3000;

/// An offset that a time zone has when the built-in table does not know it.
inline constexpr int kUnknownOffset = -100000;

/// The standard (winter) UTC offset of an IANA time zone in minutes, or kUnknownOffset.
int utc_offset_minutes(std::string_view zone);

/// Hours two 09:00–17:00 working days overlap, given their UTC offsets (0–8).
double overlap_hours(int offset_a, int offset_b);

/// The soft cost of one meeting of two learners, in the model's weights.
std::uint32_t pair_cost(const Model& model, int a, int b);

/// The mix units (department, band) of a pair, before weighting.
std::uint32_t mix_units(const Model& model, int a, int b);

/// The reach points (time zones, language) of a pair, before weighting.
std::uint32_t reach_points(const Model& model, int a, int b);

/// Builds the model: option errors carry JSON Pointers into the options ("/doNotPair/2/1");
/// hard constraints that provably cannot all hold give errors with code "infeasible".
Result<Model> build_model(const Roster& roster, const Options& options);

}  // namespace kollega::groups

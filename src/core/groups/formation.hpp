#pragma once
/// Group formation, the run (docs/groups.md): the engine's anytime search in groups mode, optimal
/// mentor pairs and stable skill-exchange pairs in the pairing modes; every result is checked
/// against the hard constraints before it is handed out.

#include <memory>
#include <vector>

#include "core/groups/golfer.hpp"
#include "core/groups/model.hpp"
#include "core/result.hpp"

namespace kollega::groups {

/// One round's groups (pairs in the pairing modes).
struct RoundResult {
    std::vector<std::vector<int>> groups;  ///< members sorted; groups sorted by first member
    std::vector<int> unpaired;             ///< pairing modes: learners of the pool left without a partner
    bool stable = true;                    ///< skill-exchange: the pairs are a stable matching
    int blocking_pairs = 0;                ///< skill-exchange: pairs who would both rather have each other
};

/// Where a run stands.
struct Progress {
    bool done = false;             ///< nothing left to improve (or a pairing mode: computed at once)
    long long iterations = 0;      ///< engine steps run so far
    Cost best;                     ///< the best schedule's cost (engine terms)
    long long lower_bound = 0;     ///< a proven lower bound on repeats_squared (groups mode); -1: not searched
};

/// A finished (or stopped) run: the rounds and where the run stood.
struct Outcome {
    std::vector<RoundResult> rounds;  ///< one per scheduled round
    Progress progress;                ///< the run's state when the outcome was taken
};

/// One group formation run over a model; step it until done, then take the outcome.
class Formation {
public:
    /// Prepares the run; pairing modes are computed here at once.
    explicit Formation(Model model);
    ~Formation();
    Formation(const Formation&) = delete;
    Formation& operator=(const Formation&) = delete;

    /// Runs at most `iterations` more engine steps; true when done.
    bool step(long long iterations);
    /// Where the run stands.
    [[nodiscard]] Progress progress() const;
    /// The best rounds so far, or an error ("not_found") when they break a hard constraint.
    [[nodiscard]] Result<Outcome> outcome() const;
    /// The model the run is on.
    [[nodiscard]] const Model& model() const { return *model_; }

private:
    /// Groups mode: the next split to try when the current one keeps breaking a hard constraint.
    bool next_split();

    std::unique_ptr<Model> model_;
    std::unique_ptr<Search> search_;   // the current split's search
    Problem split_;                    // the problem the current search runs on (narrowed sizes)
    int groups_ = 0;                   // groups per round of the current split (0: the engine's choice)
    long long spent_ = 0;              // iterations of earlier splits
    long long patience_ = 0;           // iterations a split gets to meet every hard constraint
    Schedule kept_;                    // the best schedule of an earlier split
    Cost kept_cost_;                   // its cost
    bool has_kept_ = false;
    std::vector<RoundResult> pairs_;  // pairing modes
    bool done_ = false;               // the engine said nothing can improve
    Errors pairing_errors_;
};

/// Every hard constraint the rounds break, in words (empty when they honour all).
Errors hard_violations(const Model& model, const std::vector<RoundResult>& rounds);

/// The cost of rounds in the model's terms, counted by the model (pairing modes; edited schedules).
Cost pairs_cost(const Model& model, const std::vector<RoundResult>& rounds);

/// An outcome for a schedule given from outside (an admin's edit): the rounds as they are, with
/// their cost; lower_bound -1 (not searched). Check hard_violations() on its rounds.
Outcome outcome_of(const Model& model, const Schedule& schedule);

/// Builds nothing new: runs a formation to done or to the options' iteration budget.
Result<Outcome> solve(const Model& model);

/// Mentor mode: the mentees and mentors of the model (named by the admin, else by role).
struct MentorPools {
    std::vector<int> mentees;  ///< first-time leaders
    std::vector<int> mentors;  ///< experienced colleagues
};

/// The mentor pools of a model.
MentorPools mentor_pools(const Model& model);

/// Skill-exchange: learner a's preference key for b (smaller is better): new partner first, then
/// how much a gets, then how much a gives, then another department.
std::vector<std::vector<int>> exchange_preferences(const Model& model, const std::vector<std::uint16_t>& met, int round);

/// The number of skills `wanter` wants that `offerer` offers.
int skills_matched(const Model& model, int wanter, int offerer);

}  // namespace kollega::groups

#pragma once
/// Why each group is as it is, and how good each round is (docs/groups.md, "Result JSON").

#include <vector>

#include "core/groups/formation.hpp"
#include "core/groups/messages.hpp"

namespace kollega::groups {

/// The quality figures of a round or of the whole schedule.
struct Quality {
    int groups = 0;              ///< groups (pairs) formed
    int pairs = 0;               ///< pairs of learners who share a group
    int new_pairs = 0;           ///< of them, pairs who never met before (history, earlier rounds)
    int repeated_pairs = 0;      ///< pairs - new_pairs
    int mixed_groups = 0;        ///< groups with learners of two or more departments
    int unpaired = 0;            ///< pairing modes: learners without a partner
    bool hard_met = true;        ///< every hard constraint holds
    bool stable = true;          ///< skill-exchange: every round a stable matching
    int blocking_pairs = 0;      ///< skill-exchange: blocking pairs over all rounds
    std::vector<Message> items;  ///< the figures in words
};

/// The explanation of every group of every round, the report of every round and the overall one.
struct Explanation {
    std::vector<std::vector<std::vector<Message>>> groups;  ///< round -> group -> messages
    std::vector<Quality> rounds;                            ///< per round
    Quality overall;                                        ///< the whole schedule
};

/// Explains an outcome of a model.
Explanation explain(const Model& model, const Outcome& outcome);

}  // namespace kollega::groups

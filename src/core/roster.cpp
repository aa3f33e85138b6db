#include "core/roster.hpp"

namespace kollega {

Roster::Roster(std::vector<Learner> learners) : learners_(std::move(learners)) {
    index_.reserve(learners_.size());
    for (std::size_t i = 0; i < learners_.size(); ++i) index_.emplace(learners_[i].id, i);
}

const Learner* Roster::find(std::string_view id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &learners_[it->second];
}

}  // namespace kollega

#include "core/program.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace kollega {
namespace {
const std::string kEmpty;
}

const std::string& LocalizedText::resolve(std::string_view lang, std::string_view fallback) const {
    for (const auto& [l, text] : by_language)
        if (l == lang) return text;
    for (const auto& [l, text] : by_language)
        if (l == fallback) return text;
    return by_language.empty() ? kEmpty : by_language.front().second;
}

std::string_view LocalizedText::resolved_language(std::string_view lang,
                                                  std::string_view fallback) const {
    for (const auto& entry : by_language)
        if (entry.first == lang) return entry.first;
    for (const auto& entry : by_language)
        if (entry.first == fallback) return entry.first;
    return by_language.empty() ? std::string_view{} : std::string_view{by_language.front().first};
}

int Program::step_index(std::string_view step_id) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].id == step_id) return static_cast<int>(i);
    return -1;
}

Errors check_program(const Program& program) {
    Errors errors;
    std::unordered_map<std::string_view, std::size_t> first_index;
    for (std::size_t i = 0; i < program.steps.size(); ++i) {
        const auto& step = program.steps[i];
        if (!first_index.emplace(step.id, i).second)
            errors.push_back(Error::duplicate_id("/path/steps/" + std::to_string(i) + "/id", step.id));
    }
    for (std::size_t i = 0; i < program.steps.size(); ++i) {
        const auto& prereqs = program.steps[i].prerequisites;
        for (std::size_t j = 0; j < prereqs.size(); ++j) {
            const std::string path =
                "/path/steps/" + std::to_string(i) + "/prerequisites/" + std::to_string(j);
            if (!first_index.contains(prereqs[j]))
                errors.push_back(Error::unknown_reference(path, "step", prereqs[j]));
            else if (prereqs[j] == program.steps[i].id)
                errors.push_back({"cycle", "step \"" + prereqs[j] + "\" lists itself as a prerequisite", path});
        }
    }
    // Cycles longer than one step: depth-first search with colours; each cycle reported once,
    // at the prerequisite that closes it, naming the steps in it.
    enum class Colour { White, Grey, Black };
    std::vector<Colour> colour(program.steps.size(), Colour::White);
    std::vector<std::size_t> stack;
    std::function<void(std::size_t)> visit = [&](std::size_t i) {
        colour[i] = Colour::Grey;
        stack.push_back(i);
        const auto& prereqs = program.steps[i].prerequisites;
        for (std::size_t j = 0; j < prereqs.size(); ++j) {
            auto it = first_index.find(prereqs[j]);
            if (it == first_index.end() || it->second == i) continue;
            const std::size_t k = it->second;
            if (colour[k] == Colour::Grey) {
                std::string names;
                auto from = std::find(stack.begin(), stack.end(), k);
                for (auto s = from; s != stack.end(); ++s) names += "\"" + program.steps[*s].id + "\" → ";
                names += "\"" + program.steps[k].id + "\"";
                errors.push_back({"cycle", "prerequisites form a cycle: " + names,
                                  "/path/steps/" + std::to_string(i) + "/prerequisites/" +
                                      std::to_string(j)});
            } else if (colour[k] == Colour::White) {
                visit(k);
            }
        }
        stack.pop_back();
        colour[i] = Colour::Black;
    };
    for (std::size_t i = 0; i < program.steps.size(); ++i)
        if (colour[i] == Colour::White) visit(i);
    return errors;
}

}  // namespace kollega

#include "core/session/activities.hpp"

#include <algorithm>

namespace kollega::activities {
namespace {

std::string ptr(std::string_view base, std::string_view key) {
    std::string out(base);
    out += '/';
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

Result<const Activity*> of_kind(const Program& program, std::string_view id, ActivityKind kind, std::string_view what) {
    const Activity* a = program.activity(id);
    if (!a || a->kind != kind)
        return Error{"unknown_activity", "the program has no " + std::string(what) + " activity \"" + std::string(id) + "\"", "/activityId"};
    return a;
}

}  // namespace

Result<const Activity*> observation(const Program& program, std::string_view id) {
    return of_kind(program, id, ActivityKind::Observation, "observation");
}

Result<const Activity*> role_play(const Program& program, std::string_view id) {
    return of_kind(program, id, ActivityKind::RolePlay, "role-play");
}

Result<Event> feedback_event(const Program& program, std::string_view activity_id, const Answers& a,
                             std::string_view actor, std::string_view to, std::string_view event_id, Timestamp at) {
    auto form = observation(program, activity_id);
    if (!form.ok()) return form.errors();
    const Activity& f = *form.value();
    Errors errors;
    if (actor.empty()) errors.push_back(Error::invalid_value("/actor", "expected a learner id, found an empty string"));
    if (to.empty()) errors.push_back(Error::invalid_value("/to", "expected the observed learner's id, found an empty string"));
    else if (to == actor) errors.push_back({"feedback_to_self", "feedback goes to the colleague you observed, not to yourself", "/to"});
    if (!is_uuid(event_id)) errors.push_back(Error::invalid_value("/eventId", "expected a UUID, found \"" + std::string(event_id) + "\""));
    for (const RubricItem& item : f.rubric)
        if (std::none_of(a.ratings.begin(), a.ratings.end(), [&](const auto& r) { return r.first == item.id; }))
            errors.push_back({"missing_field", "rate \"" + item.id + "\" from " + std::to_string(item.scale.min) + " to " +
                                                   std::to_string(item.scale.max),
                              ptr("/answers/ratings", item.id)});
    for (const auto& rating : a.ratings) {
        const std::string& id = rating.first;  // not a structured binding: clang 14 cannot capture one
        const int value = rating.second;
        auto it = std::find_if(f.rubric.begin(), f.rubric.end(), [&](const RubricItem& r) { return r.id == id; });
        if (it == f.rubric.end())
            errors.push_back({"unknown_rubric_item", "the form has no rubric item \"" + id + "\"", ptr("/answers/ratings", id)});
        else if (value < it->scale.min || value > it->scale.max)
            errors.push_back({"rating_out_of_scale",
                              "expected " + std::to_string(it->scale.min) + " to " + std::to_string(it->scale.max) + ", found " +
                                  std::to_string(value),
                              ptr("/answers/ratings", id)});
    }
    auto texts = [&](const std::vector<std::string>& list, std::string_view key) {
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i].find_first_not_of(" \t\r\n") == std::string::npos)
                errors.push_back(Error::invalid_value("/answers/" + std::string(key) + "/" + std::to_string(i), "expected a text, found an empty one"));
    };
    texts(a.worked, "worked");
    texts(a.improve, "improve");
    if (static_cast<int>(a.worked.size()) < f.min_worked)
        errors.push_back({"unbalanced_feedback",
                          "name at least " + std::to_string(f.min_worked) + " thing" + (f.min_worked == 1 ? "" : "s") +
                              " that worked, found " + std::to_string(a.worked.size()),
                          "/answers/worked"});
    if (static_cast<int>(a.improve.size()) > f.max_improve)
        errors.push_back({"unbalanced_feedback",
                          "name at most " + std::to_string(f.max_improve) + " thing" + (f.max_improve == 1 ? "" : "s") +
                              " to improve, found " + std::to_string(a.improve.size()),
                          "/answers/improve"});
    if (a.has_sbi) {
        if (!f.sbi) errors.push_back(Error::invalid_value("/answers/sbi", "this form does not ask for situation–behaviour–impact notes"));
        else
            for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"situation", &a.situation},
                                             {"behaviour", &a.behaviour}, {"impact", &a.impact}})
                if (value->find_first_not_of(" \t\r\n") == std::string::npos)
                    errors.push_back({"missing_field", std::string("SBI notes need the ") + key, "/answers/sbi/" + std::string(key)});
    }
    if (!errors.empty()) return errors;
    Event e;
    e.id = std::string(event_id);
    std::transform(e.id.begin(), e.id.end(), e.id.begin(), [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
    e.actor = std::string(actor);
    e.type = std::string(to_string(EventType::FeedbackGiven));
    e.kind = EventType::FeedbackGiven;
    e.at = at;
    e.visibility = Visibility::Group;
    e.to = std::string(to);
    e.activity = f.id;
    for (const RubricItem& item : f.rubric)  // in rubric order
        for (const auto& r : a.ratings)
            if (r.first == item.id) e.ratings.push_back(r);
    e.worked = a.worked;
    e.improve = a.improve;
    if (a.has_sbi) {
        e.sbi = {a.situation, a.behaviour, a.impact};
    }
    return e;
}

int runs(const Activity& rp, int members) {
    switch (rp.swap) {
        case Swap::None: return 1;
        case Swap::Once: return 2;
        case Swap::EachRole: return std::max(members, 1);
    }
    return 1;
}

std::optional<int> role_of(const Activity& rp, int members, int run, int i) {
    if (members <= 0) return std::nullopt;
    const int position = (i + run) % members;
    if (position < static_cast<int>(rp.roles.size())) return position;
    return std::nullopt;
}

Errors check_state(const Activity& rp, const RolePlayState& s) {
    Errors errors;
    const auto n = static_cast<int>(s.members.size());
    if (n < 2 || n > 8) errors.push_back(Error::invalid_value("/state/members", "expected 2 to 8 members, found " + std::to_string(n)));
    for (std::size_t i = 0; i < s.members.size(); ++i) {
        if (s.members[i].empty()) errors.push_back(Error::invalid_value("/state/members/" + std::to_string(i), "expected a learner id"));
        for (std::size_t j = 0; j < i; ++j)
            if (s.members[j] == s.members[i] && !s.members[i].empty())
                errors.push_back(Error::duplicate_id("/state/members/" + std::to_string(i), s.members[i]));
    }
    if (s.run < 0 || s.run >= runs(rp, n))
        errors.push_back(Error::invalid_value("/state/run", "expected 0 to " + std::to_string(runs(rp, n) - 1) + ", found " + std::to_string(s.run)));
    if (s.stage < 0 || s.stage >= static_cast<int>(rp.stages.size()))
        errors.push_back(Error::invalid_value("/state/stage", "expected 0 to " + std::to_string(rp.stages.size() - 1) + ", found " + std::to_string(s.stage)));
    return errors;
}

Result<RolePlayState> step(const Activity& rp, RolePlayState s, bool forward) {
    const int total = runs(rp, static_cast<int>(s.members.size()));
    const int last_stage = static_cast<int>(rp.stages.size()) - 1;
    if (forward) {
        if (s.done) return Error{"action_not_allowed", "the role-play is over", "/action/type"};
        if (s.stage < last_stage) ++s.stage;
        else if (s.run + 1 < total) {
            ++s.run;
            s.stage = 0;
        } else {
            s.done = true;
        }
    } else {
        if (s.done) s.done = false;
        else if (s.stage > 0) --s.stage;
        else if (s.run > 0) {
            --s.run;
            s.stage = last_stage;
        } else {
            return Error{"action_not_allowed", "the role-play is at its first stage", "/action/type"};
        }
    }
    return s;
}

Result<std::vector<Event>> role_play_events(const Activity& rp, const RolePlayState& s, const std::vector<std::string>& ids,
                                            Timestamp at) {
    const auto n = static_cast<int>(s.members.size());
    const int finished = s.done ? runs(rp, n) : s.run;
    std::vector<std::pair<std::string, std::string>> played;  // (member, role id), once each
    for (int r = 0; r < finished; ++r)
        for (int i = 0; i < n; ++i)
            if (auto role = role_of(rp, n, r, i)) {
                std::pair<std::string, std::string> p{s.members[static_cast<std::size_t>(i)], rp.roles[static_cast<std::size_t>(*role)].id};
                if (std::find(played.begin(), played.end(), p) == played.end()) played.push_back(std::move(p));
            }
    if (ids.size() < played.size())
        return Error{"not_enough_ids", "expected at least " + std::to_string(played.size()) + " event ids, found " + std::to_string(ids.size()), "/ids"};
    Errors errors;
    for (std::size_t i = 0; i < played.size(); ++i)
        if (!is_uuid(ids[i])) errors.push_back(Error::invalid_value("/ids/" + std::to_string(i), "expected a UUID, found \"" + ids[i] + "\""));
    if (!errors.empty()) return errors;
    std::vector<Event> out;
    for (std::size_t i = 0; i < played.size(); ++i) {
        Event e;
        e.id = ids[i];
        e.actor = played[i].first;
        e.type = std::string(to_string(EventType::RolePlayCompleted));
        e.kind = EventType::RolePlayCompleted;
        e.at = at;
        e.visibility = Visibility::Gradebook;
        e.activity = rp.id;
        e.role = played[i].second;
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace kollega::activities

// The joinable items of a planning call and what holding each implies (see reach.hpp).
#include "plan/reach.hpp"

#include <algorithm>
#include <limits>

namespace onething::detail {

Reach::Reach(const PlanContext& context) : context_(context) {
    find_joinable();
    find_implications();
}

void Reach::find_joinable() {
    joinable_.assign(context_.catalog.items().size(), 0);
    walk_possible_items(context_, context_.goals, [&](Index item) {
        joinable_[item] = context_.applies(item) == Truth::yes ? 1 : 0;
        return joinable_[item] != 0;
    });
}

bool Reach::producible(const std::vector<Index>& producers, Index consumer) const {
    return std::any_of(producers.begin(), producers.end(),
                       [&](Index producer) { return producer != consumer && joinable_[producer]; });
}

bool Reach::surely_submitted(Index material, Index consumer) const {
    const Material& m = context_.catalog.materials()[material];
    return m.submittable && !m.e_license &&
           !producible(context_.index.material_producers[material], consumer);
}

void Reach::imply(Index item) {
    const auto items = context_.catalog.items();
    const ItemLinks& links = context_.index.items[item];
    double finish = 0;
    int visits = 0;
    std::vector<Index> certain;
    auto take = [&](Index before) {
        finish = std::max(finish, least_finish_[before]);
        visits = std::max(visits, least_visits_[before]);
        certain.insert(certain.end(), certain_[before].begin(), certain_[before].end());
    };
    for (Index prerequisite : links.prerequisites) {
        if (prerequisite != item && joinable_[prerequisite]) {
            take(prerequisite);
        }
    }
    for (const auto& alternatives : links.material_needs) {
        if (alternatives.size() == 1 && surely_submitted(alternatives.front(), item)) {
            certain.push_back(alternatives.front());
            continue;
        }
        // The cheapest way to provide the need: nothing unless every alternative needs a
        // producer; a single possible producer is surely there, with what it implies.
        double need_finish = std::numeric_limits<double>::infinity();
        int need_visits = std::numeric_limits<int>::max();
        Index only = 0;
        int producers = 0;
        for (Index material : alternatives) {
            if (!context_.needs_producer(material)) {
                need_finish = 0;
                need_visits = 0;
                producers = 2;  // not surely produced
                break;
            }
            for (Index producer : context_.index.material_producers[material]) {
                if (producer != item && joinable_[producer]) {
                    need_finish = std::min(need_finish, least_finish_[producer]);
                    need_visits = std::min(need_visits, least_visits_[producer]);
                    producers += producer == only && producers == 1 ? 0 : 1;
                    only = producer;
                }
            }
        }
        if (need_visits == std::numeric_limits<int>::max()) {
            continue;  // no plan holds the item
        }
        finish = std::max(finish, need_finish);
        visits = std::max(visits, need_visits);
        if (producers == 1) {
            certain.insert(certain.end(), certain_[only].begin(), certain_[only].end());
        }
    }
    std::sort(certain.begin(), certain.end());
    certain.erase(std::unique(certain.begin(), certain.end()), certain.end());
    if (certain.size() > max_certain) {
        certain.resize(max_certain);  // a subset is still surely submitted
    }
    least_finish_[item] = finish + items[item].duration_days;
    least_visits_[item] = visits + (items[item].in_person ? 1 : 0);
    certain_[item] = std::move(certain);
}

void Reach::find_implications() {
    // Depth first in post order with an explicit stack. An item met again while still open
    // (a cycle among possible predecessors) contributes nothing there: values computed from
    // underestimates (and subsets) stay lower bounds (and subsets).
    const auto items = context_.catalog.items();
    least_finish_.assign(items.size(), 0);
    least_visits_.assign(items.size(), 0);
    certain_.assign(items.size(), {});
    enum : std::uint8_t { fresh, open, done };
    std::vector<std::uint8_t> state(items.size(), fresh);
    std::vector<Index> stack;
    auto push_predecessors = [&](Index item) {
        const ItemLinks& links = context_.index.items[item];
        for (Index prerequisite : links.prerequisites) {
            if (joinable_[prerequisite] && state[prerequisite] == fresh) {
                stack.push_back(prerequisite);
            }
        }
        for (const auto& alternatives : links.material_needs) {
            for (Index material : alternatives) {
                if (!context_.needs_producer(material)) {
                    continue;
                }
                for (Index producer : context_.index.material_producers[material]) {
                    if (joinable_[producer] && state[producer] == fresh) {
                        stack.push_back(producer);
                    }
                }
            }
        }
    };
    for (Index root = 0; root < items.size(); ++root) {
        if (!joinable_[root] || state[root] != fresh) {
            continue;
        }
        stack.push_back(root);
        while (!stack.empty()) {
            const Index item = stack.back();
            if (state[item] == fresh) {
                state[item] = open;
                push_predecessors(item);
                continue;
            }
            stack.pop_back();
            if (state[item] == open) {
                state[item] = done;
                imply(item);
            }
        }
    }
}

}  // namespace onething::detail

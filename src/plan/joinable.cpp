// The joinable items of a planning call and what holding each implies (see joinable.hpp).
#include "plan/joinable.hpp"

#include "plan/provision.hpp"

#include <algorithm>
#include <limits>

namespace onething::detail {

JoinableItems::JoinableItems(const PlanContext& context)
    : context_(context),
      slot_(context.catalog.items().size(), 0),
      venues_(context.index.venues.size()),
      zeros_(venues_, 0) {
    find_joinable();
    find_implications();
}

void JoinableItems::find_joinable() {
    walk_possible_items(context_, context_.goals, [&](Index item) {
        const bool joinable = context_.applies(item) == Truth::yes;
        if (joinable) {
            joinable_items_.push_back(item);
        }
        return joinable;
    });
    std::sort(joinable_items_.begin(), joinable_items_.end());
    for (std::size_t k = 0; k < joinable_items_.size(); ++k) {
        slot_.set(joinable_items_[k], static_cast<std::uint32_t>(k + 1));
    }
}

bool JoinableItems::producible(std::span<const Index> producers, Index consumer) const {
    return std::any_of(producers.begin(), producers.end(),
                       [&](Index producer) { return producer != consumer && joinable(producer); });
}

bool JoinableItems::surely_submitted(Index material, Index consumer) const {
    return unproduced_provision(context_.catalog.materials()[material],
                                context_.links(consumer).automatic) == Provision::submitted &&
           !producible(context_.index.material_producers[material], consumer);
}

void JoinableItems::imply(Index item) {
    const auto items = context_.catalog.items();
    const ItemLinks& links = context_.links(item);
    double finish = 0;
    std::vector<int> visits(venues_, 0);
    auto most = [&](std::vector<int>& into, std::span<const int> from) {
        for (std::size_t v = 0; v < venues_; ++v) {
            into[v] = std::max(into[v], from[v]);
        }
    };
    std::vector<Index> certain;
    auto take = [&](Index before) {
        finish = std::max(finish, least_finish(before));
        most(visits, least_visits(before));
        const auto& theirs = surely_submitted_with(before);
        certain.insert(certain.end(), theirs.begin(), theirs.end());
    };
    for (Index prerequisite : links.prerequisites) {
        if (prerequisite != item && joinable(prerequisite)) {
            take(prerequisite);
        }
    }
    std::vector<int> need_visits;
    for (const auto& alternatives : links.material_needs) {
        if (alternatives.size() == 1 && surely_submitted(alternatives.front(), item)) {
            certain.push_back(alternatives.front());
            continue;
        }
        // The cheapest way to provide the need: nothing unless every alternative needs a
        // producer; a single possible producer is surely there, with what it implies. Visits
        // are the least of the options venue by venue: a lower bound for each venue.
        double need_finish = std::numeric_limits<double>::infinity();
        need_visits.assign(venues_, std::numeric_limits<int>::max());
        bool provided = false;
        Index only = 0;
        int producers = 0;
        for (Index material : alternatives) {
            if (!context_.needs_producer(item, material)) {
                need_finish = 0;
                need_visits.assign(venues_, 0);
                provided = true;
                producers = 2;  // not surely produced
                break;
            }
            for (Index producer : context_.index.material_producers[material]) {
                if (producer != item && joinable(producer)) {
                    need_finish = std::min(need_finish, least_finish(producer));
                    const auto theirs = least_visits(producer);
                    for (std::size_t v = 0; v < venues_; ++v) {
                        need_visits[v] = std::min(need_visits[v], theirs[v]);
                    }
                    provided = true;
                    producers += producer == only && producers == 1 ? 0 : 1;
                    only = producer;
                }
            }
        }
        if (!provided) {
            continue;  // no plan holds the item
        }
        finish = std::max(finish, need_finish);
        most(visits, need_visits);
        if (producers == 1) {
            const auto& theirs = surely_submitted_with(only);
            certain.insert(certain.end(), theirs.begin(), theirs.end());
        }
    }
    std::sort(certain.begin(), certain.end());
    certain.erase(std::unique(certain.begin(), certain.end()), certain.end());
    if (certain.size() > max_certain) {
        certain.resize(max_certain);  // a subset is still surely submitted
    }
    const std::uint32_t at = slot_[item] - 1;
    least_finish_[at] = finish_of(items[item], finish);
    in_person_on_path(links, visits);
    std::copy(visits.begin(), visits.end(),
              least_visits_.begin() + static_cast<std::ptrdiff_t>(at * venues_));
    certain_[at] = std::move(certain);
}

void JoinableItems::find_implications() {
    // Depth first in post order with an explicit stack, from each joinable item in catalog
    // order. An item met again while still open (a cycle among possible predecessors)
    // contributes nothing there: values computed from underestimates (and subsets) stay lower
    // bounds (and subsets).
    const std::size_t count = joinable_items_.size();
    least_finish_.assign(count, 0);
    least_visits_.assign(count * venues_, 0);
    certain_.assign(count, {});
    enum : std::uint8_t { fresh, open, done };
    std::vector<std::uint8_t> state(count, fresh);  // by slot
    auto state_of = [&](Index item) -> std::uint8_t& { return state[slot_[item] - 1]; };
    std::vector<Index> stack;
    auto push_predecessors = [&](Index item) {
        const ItemLinks& links = context_.links(item);
        for (Index prerequisite : links.prerequisites) {
            if (joinable(prerequisite) && state_of(prerequisite) == fresh) {
                stack.push_back(prerequisite);
            }
        }
        for (const auto& alternatives : links.material_needs) {
            for (Index material : alternatives) {
                if (!context_.needs_producer(item, material)) {
                    continue;
                }
                for (Index producer : context_.index.material_producers[material]) {
                    if (joinable(producer) && state_of(producer) == fresh) {
                        stack.push_back(producer);
                    }
                }
            }
        }
    };
    for (Index root : joinable_items_) {
        if (state_of(root) != fresh) {
            continue;
        }
        stack.push_back(root);
        while (!stack.empty()) {
            const Index item = stack.back();
            if (state_of(item) == fresh) {
                state_of(item) = open;
                push_predecessors(item);
                continue;
            }
            stack.pop_back();
            if (state_of(item) == open) {
                state_of(item) = done;
                imply(item);
            }
        }
    }
}

}  // namespace onething::detail

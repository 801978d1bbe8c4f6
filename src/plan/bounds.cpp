// After-metrics of the optimizer's current selection without building a graph (see bounds.hpp).
#include "plan/bounds.hpp"

#include <algorithm>
#include <limits>

namespace onething::detail {
namespace {

constexpr std::uint32_t absent = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint16_t undecided = std::numeric_limits<std::uint16_t>::max();

}  // namespace

void MetricsScratch::prepare() {
    joinable_.assign(context_.catalog.items().size(), 0);
    std::vector<Index> work;
    auto reach = [&](Index item) {
        if (!joinable_[item] && context_.applies(item) == Truth::yes) {
            joinable_[item] = 1;
            work.push_back(item);
        }
    };
    for (Index goal : context_.goals) {
        reach(goal);
    }
    while (!work.empty()) {
        const Index item = work.back();
        work.pop_back();
        const ItemLinks& links = context_.index.items[item];
        for (Index prerequisite : links.prerequisites) {
            reach(prerequisite);
        }
        for (const auto& alternatives : links.material_needs) {
            for (Index material : alternatives) {
                if (context_.needs_producer(material)) {
                    for (Index producer : context_.index.material_producers[material]) {
                        reach(producer);
                    }
                }
            }
        }
    }
    find_least_paths();
}

std::pair<double, int> MetricsScratch::least_over_needs(Index item) const {
    const ItemLinks& links = context_.index.items[item];
    double finish = 0;
    int visits = 0;
    for (Index prerequisite : links.prerequisites) {
        if (prerequisite != item && joinable_[prerequisite]) {
            finish = std::max(finish, least_finish_[prerequisite]);
            visits = std::max(visits, least_visits_[prerequisite]);
        }
    }
    for (const auto& alternatives : links.material_needs) {
        // The cheapest way to provide the need: 0 unless every alternative needs a producer.
        double need_finish = std::numeric_limits<double>::infinity();
        int need_visits = std::numeric_limits<int>::max();
        for (Index material : alternatives) {
            if (!context_.needs_producer(material)) {
                need_finish = 0;
                need_visits = 0;
                break;
            }
            for (Index producer : context_.index.material_producers[material]) {
                if (producer != item && joinable_[producer]) {
                    need_finish = std::min(need_finish, least_finish_[producer]);
                    need_visits = std::min(need_visits, least_visits_[producer]);
                }
            }
        }
        if (need_visits != std::numeric_limits<int>::max()) {  // else no plan holds the item
            finish = std::max(finish, need_finish);
            visits = std::max(visits, need_visits);
        }
    }
    return {finish, visits};
}

void MetricsScratch::find_least_paths() {
    // Depth first in post order with an explicit stack. An item met again while still open
    // (a cycle among possible predecessors) counts 0 there: any value computed from
    // underestimates is an underestimate, so every result stays a lower bound.
    const auto items = context_.catalog.items();
    least_finish_.assign(items.size(), 0);
    least_visits_.assign(items.size(), 0);
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
                const auto [finish, visits] = least_over_needs(item);
                least_finish_[item] = finish + items[item].duration_days;
                least_visits_[item] = visits + (items[item].in_person ? 1 : 0);
            }
        }
    }
}

bool MetricsScratch::producible(const std::vector<Index>& producers, Index consumer) const {
    return std::any_of(producers.begin(), producers.end(),
                       [&](Index producer) { return producer != consumer && joinable_[producer]; });
}

bool MetricsScratch::mark(std::vector<std::uint32_t>& marks, std::size_t slot) const {
    if (marks[slot] == stamp_) {
        return false;
    }
    marks[slot] = stamp_;
    return true;
}

std::optional<Metrics> MetricsScratch::after(const SelectionView& view, bool partial) {
    const auto materials = context_.catalog.materials();
    const auto fields = context_.catalog.fields();
    const auto items = context_.catalog.items();
    const CatalogIndex& index = context_.index;
    if (stamp_ == 0 || stamp_ == std::numeric_limits<std::uint32_t>::max()) {
        material_mark_.assign(materials.size(), 0);
        field_mark_.assign(fields.size(), 0);
        payee_mark_.assign(index.payees.size(), 0);
        stamp_ = 0;
    }
    ++stamp_;
    if (partial && joinable_.empty()) {
        prepare();
    }
    const auto n = static_cast<std::uint32_t>(view.members.size());
    edge_from_.clear();
    edge_to_.clear();
    auto add_edge = [&](std::uint32_t from, std::uint32_t to) {
        edge_from_.push_back(from);
        edge_to_.push_back(to);
    };
    // Providers and edges, as `connect` in evaluate.cpp finds them.
    double submitted = 0, asked = 0, payees = 0;
    for (std::uint32_t k = 0; k < n; ++k) {
        const Index item = view.members[k];
        const ItemLinks& links = index.items[item];
        for (Index prerequisite : links.prerequisites) {
            const std::uint32_t from = view.position[prerequisite];
            if (from != absent && from != k) {
                add_edge(from, k);
            }
        }
        const auto start = static_cast<std::size_t>(view.offset[item]);
        for (std::size_t j = 0; j < links.material_needs.size(); ++j) {
            const std::uint16_t choice = view.choices[start + j];
            if (choice == undecided) {
                continue;
            }
            const Index material = links.material_needs[j][choice];
            bool produced = false;
            for (Index producer : index.material_producers[material]) {
                const std::uint32_t from = view.position[producer];
                if (from != absent && from != k) {
                    add_edge(from, k);
                    produced = true;
                }
            }
            if (produced || materials[material].e_license) {
                continue;
            }
            if (materials[material].submittable) {
                if ((!partial || !producible(index.material_producers[material], item)) &&
                    mark(material_mark_, material)) {
                    submitted += 1;
                }
            } else if (!partial) {
                return std::nullopt;  // no provider
            }
        }
        for (Index field : links.field_needs) {
            bool produced = false;
            for (Index producer : index.field_producers[field]) {
                const std::uint32_t from = view.position[producer];
                if (from != absent && from != k) {
                    add_edge(from, k);
                    produced = true;
                }
            }
            if (produced || fields[field].source == FieldSource::shared) {
                continue;
            }
            if ((!partial || !producible(index.field_producers[field], item)) &&
                mark(field_mark_, field)) {
                asked += 1;
            }
        }
        if (links.payee >= 0 && mark(payee_mark_, static_cast<std::size_t>(links.payee))) {
            payees += 1;
        }
    }
    // Successor lists (counting sort by source), then the forward pass of the schedule in
    // topological order (Kahn); duplicate edges change neither the order nor the maxima.
    first_.assign(n + 1, 0);
    indegree_.assign(n, 0);
    for (std::size_t e = 0; e < edge_from_.size(); ++e) {
        ++first_[edge_from_[e] + 1];
        ++indegree_[edge_to_[e]];
    }
    for (std::uint32_t k = 0; k < n; ++k) {
        first_[k + 1] += first_[k];
    }
    successors_.resize(edge_from_.size());
    for (std::size_t e = 0; e < edge_from_.size(); ++e) {
        successors_[first_[edge_from_[e]]++] = edge_to_[e];
    }
    for (std::uint32_t k = n; k > 0; --k) {
        first_[k] = first_[k - 1];
    }
    first_[0] = 0;
    start_.assign(n, 0);
    in_person_.assign(n, 0);
    ready_.clear();
    for (std::uint32_t k = 0; k < n; ++k) {
        if (indegree_[k] == 0) {
            ready_.push_back(k);
        }
    }
    std::uint32_t done = 0;
    double outcome = 0;
    int most_in_person = 0;
    while (!ready_.empty()) {
        const std::uint32_t k = ready_.back();
        ready_.pop_back();
        ++done;
        const Index item = view.members[k];
        double finish = start_[k] + items[item].duration_days;
        int path = in_person_[k] + (items[item].in_person ? 1 : 0);
        if (partial) {  // what must still come before the item in every completion
            finish = std::max(finish, least_finish_[item]);
            path = std::max(path, least_visits_[item]);
        }
        most_in_person = std::max(most_in_person, path);
        if (!context_.deferred[item]) {
            outcome = std::max(outcome, finish);
        }
        for (std::uint32_t e = first_[k]; e < first_[k + 1]; ++e) {
            const std::uint32_t next = successors_[e];
            start_[next] = std::max(start_[next], finish);
            in_person_[next] = std::max(in_person_[next], path);
            if (--indegree_[next] == 0) {
                ready_.push_back(next);
            }
        }
    }
    if (done < n) {
        return std::nullopt;  // a cycle
    }
    Metrics after;
    after.visits = most_in_person;
    after.steps = 1 + after.visits + payees;
    after.fields = asked;
    after.forms = asked > 0 ? 1 : 0;
    after.materials = submitted;
    after.days = outcome;
    return after;
}

}  // namespace onething::detail

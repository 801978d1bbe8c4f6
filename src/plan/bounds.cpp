// After-metrics of the optimizer's current selection without building a graph (see bounds.hpp).
#include "plan/bounds.hpp"

#include <algorithm>
#include <limits>

namespace onething::detail {
namespace {

constexpr std::uint32_t absent = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint16_t undecided = std::numeric_limits<std::uint16_t>::max();
constexpr Index undecided_need = std::numeric_limits<Index>::max();

}  // namespace

bool MetricsScratch::mark(std::vector<std::uint32_t>& marks, std::size_t slot) const {
    if (marks[slot] == stamp_) {
        return false;
    }
    marks[slot] = stamp_;
    return true;
}

double MetricsScratch::option_cost(Index certain_item, bool& touched_before) {
    // New materials surely submitted with `certain_item`; its touch set goes into `touch_`.
    double cost = 0;
    for (Index material : reach_->surely_submitted_with(certain_item)) {
        touched_before = touched_before || touch_mark_[material] == stamp_;
        touch_.push_back(material);
        cost += material_mark_[material] == stamp_ ? 0 : 1;
    }
    return cost;
}

double MetricsScratch::open_materials(const SelectionView& view) {
    // Every open need is met in every completion by one of its options, and each option
    // surely brings some materials. For needs whose possible materials (touch sets) are
    // pairwise disjoint, the cheapest option of each adds that many materials not counted
    // yet, all distinct: their sum is a lower bound of what is still to come. Needs are
    // taken greedily in order; one whose touch set meets an earlier taken one is skipped.
    const auto materials = context_.catalog.materials();
    const CatalogIndex& index = context_.index;
    double extra = 0;
    for (const OpenNeed& need : open_) {
        touch_.clear();
        bool overlaps = false;
        double cheapest = std::numeric_limits<double>::infinity();
        auto producers_of = [&](Index material) {
            for (Index producer : index.material_producers[material]) {
                if (producer == need.consumer || !reach_->joinable(producer)) {
                    continue;
                }
                if (view.position[producer] != absent) {
                    cheapest = 0;  // already inside: nothing new
                    return;
                }
                cheapest = std::min(cheapest, option_cost(producer, overlaps));
            }
        };
        if (need.material != undecided_need) {
            producers_of(need.material);
        } else {
            for (Index material : index.items[need.consumer].material_needs[need.need]) {
                if (materials[material].e_license ||
                    (!context_.needs_producer(material) &&
                     !reach_->surely_submitted(material, need.consumer))) {
                    cheapest = 0;  // free, or a joinable item may produce it
                } else if (context_.needs_producer(material)) {
                    producers_of(material);
                } else {
                    overlaps = overlaps || touch_mark_[material] == stamp_;
                    touch_.push_back(material);
                    cheapest = std::min(cheapest, material_mark_[material] == stamp_ ? 0.0 : 1.0);
                }
                if (cheapest == 0) {
                    break;
                }
            }
        }
        if (cheapest == 0 || cheapest == std::numeric_limits<double>::infinity() || overlaps) {
            continue;  // nothing surely new, impossible (the search finds out), or not disjoint
        }
        extra += cheapest;
        for (Index material : touch_) {
            touch_mark_[material] = stamp_;
        }
    }
    return extra;
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
    if (partial && !reach_) {
        reach_.emplace(context_);  // once, at the first branch: a search without one never needs it
        touch_mark_.assign(materials.size(), 0);
    }
    open_.clear();
    const auto n = static_cast<std::uint32_t>(view.members.size());
    edge_from_.clear();
    edge_to_.clear();
    auto add_edge = [&](std::uint32_t from, std::uint32_t to) {
        edge_from_.push_back(from);
        edge_to_.push_back(to);
    };
    // Edges into member `k` from every other member among `producers`; true when there is one.
    auto add_producer_edges = [&](const std::vector<Index>& producers, std::uint32_t k) {
        bool produced = false;
        for (Index producer : producers) {
            const std::uint32_t from = view.position[producer];
            if (from != absent && from != k) {
                add_edge(from, k);
                produced = true;
            }
        }
        return produced;
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
                if (partial) {
                    open_.push_back({item, j, undecided_need});
                }
                continue;
            }
            const Index material = links.material_needs[j][choice];
            const bool produced = add_producer_edges(index.material_producers[material], k);
            if (produced || materials[material].e_license) {
                continue;
            }
            if (materials[material].submittable) {
                if ((!partial || !reach_->producible(index.material_producers[material], item)) &&
                    mark(material_mark_, material)) {
                    submitted += 1;
                }
            } else if (!partial) {
                return std::nullopt;  // no provider
            } else {
                open_.push_back({item, j, material});  // a producer must still join
            }
        }
        for (Index field : links.field_needs) {
            const bool produced = add_producer_edges(index.field_producers[field], k);
            if (produced || fields[field].source == FieldSource::shared) {
                continue;
            }
            if ((!partial || !reach_->producible(index.field_producers[field], item)) &&
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
            finish = std::max(finish, reach_->least_finish(item));
            path = std::max(path, reach_->least_visits(item));
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
    after.materials = submitted + (partial ? open_materials(view) : 0);
    after.days = outcome;
    return after;
}

}  // namespace onething::detail

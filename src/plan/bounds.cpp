// After-metrics of the optimizer's current selection without building a graph (see bounds.hpp).
#include "plan/bounds.hpp"

#include "plan/provision.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace onething::detail {
namespace {

constexpr std::uint32_t absent = not_selected;
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

double MetricsScratch::open_materials(const SelectionView& view) {
    // Every open need is met in every completion by one of its options, and each option
    // surely brings some materials not counted yet. Two lower bounds of what the open needs
    // add; each is sometimes the larger.
    collect_open_options(view);
    return std::max(disjoint_needs_bound(), shared_cost_bound());
}

void MetricsScratch::collect_open_options(const SelectionView& view) {
    // An option is an alternative the applicant surely submits, or a joinable producer with
    // the materials surely submitted with it. A need with an option that brings nothing new
    // (free, already counted, already inside, or possibly produced) is left out, and so is
    // a need with no option at all (the search finds out).
    const CatalogIndex& index = context_.index;
    option_materials_.clear();
    option_end_.clear();
    need_end_.clear();
    for (const OpenNeed& need : open_) {
        const std::size_t options_before = option_end_.size();
        const std::size_t materials_before = option_materials_.size();
        bool free = false;
        auto end_option = [&](std::size_t first) {
            free = option_materials_.size() == first;
            option_end_.push_back(static_cast<std::uint32_t>(option_materials_.size()));
        };
        auto add_producers_of = [&](Index material) {
            for (Index producer : index.material_producers[material]) {
                if (free) {
                    return;
                }
                if (producer == need.consumer || !joinable_->joinable(producer)) {
                    continue;
                }
                if (view.position[producer] != absent) {
                    free = true;  // already inside
                    return;
                }
                const std::size_t first = option_materials_.size();
                for (Index certain : joinable_->surely_submitted_with(producer)) {
                    if (material_mark_[certain] != stamp_) {
                        option_materials_.push_back(certain);
                    }
                }
                end_option(first);
            }
        };
        if (need.material != undecided_need) {
            add_producers_of(need.material);
        } else {
            for (Index material : context_.links(need.consumer).material_needs[need.need]) {
                if (context_.needs_producer(need.consumer, material)) {
                    add_producers_of(material);
                } else if (material_mark_[material] == stamp_ ||
                           !joinable_->surely_submitted(material, need.consumer)) {
                    free = true;
                } else {
                    const std::size_t first = option_materials_.size();
                    option_materials_.push_back(material);
                    end_option(first);
                }
                if (free) {
                    break;
                }
            }
        }
        if (free || option_end_.size() == options_before) {
            option_end_.resize(options_before);
            option_materials_.resize(materials_before);
            continue;
        }
        need_end_.push_back(static_cast<std::uint32_t>(option_end_.size()));
    }
}

double MetricsScratch::disjoint_needs_bound() {
    // For needs whose options' materials are pairwise disjoint, the cheapest option of each
    // adds that many materials, all distinct: their sum is a lower bound. Needs are taken
    // greedily in order; one whose materials meet an earlier taken need's is skipped.
    double sum = 0;
    std::size_t option = 0;
    std::size_t at = 0;
    for (std::uint32_t end : need_end_) {
        const std::size_t first = at;
        bool overlaps = false;
        std::size_t cheapest = std::numeric_limits<std::size_t>::max();
        for (; option < end; ++option) {
            const std::size_t option_first = at;
            for (; at < option_end_[option]; ++at) {
                overlaps = overlaps || touch_mark_[option_materials_[at]] == stamp_;
            }
            cheapest = std::min(cheapest, at - option_first);
        }
        if (overlaps) {
            continue;
        }
        sum += static_cast<double>(cheapest);
        for (std::size_t k = first; k < at; ++k) {
            touch_mark_[option_materials_[k]] = stamp_;
        }
    }
    return sum;
}

double MetricsScratch::shared_cost_bound() {
    // A material among the options of d needs charges 1/d to each. Whatever options a
    // completion takes, the charges its needs pay add up to at most the new materials it
    // submits, so the sum of each need's cheapest option is a lower bound (a solution of the
    // dual of the covering problem's linear relaxation). Materials are whole: rounded up.
    if (need_end_.size() < 2) {
        return 0;  // for one need the disjoint bound is exact
    }
    if (!sharers_) {
        sharers_.emplace(context_.catalog.materials().size(), 0);
    }
    auto& sharers = *sharers_;
    std::size_t at = 0;
    for (std::uint32_t end : need_end_) {
        const std::size_t need_end = option_end_[end - 1];
        need_materials_.assign(option_materials_.begin() + static_cast<std::ptrdiff_t>(at),
                               option_materials_.begin() + static_cast<std::ptrdiff_t>(need_end));
        at = need_end;
        std::sort(need_materials_.begin(), need_materials_.end());
        need_materials_.erase(std::unique(need_materials_.begin(), need_materials_.end()),
                              need_materials_.end());
        for (Index material : need_materials_) {
            sharers.set(material, sharers[material] + 1);
        }
    }
    double sum = 0;
    std::size_t option = 0;
    at = 0;
    for (std::uint32_t end : need_end_) {
        double cheapest = std::numeric_limits<double>::infinity();
        for (; option < end; ++option) {
            double cost = 0;
            for (; at < option_end_[option]; ++at) {
                cost += 1.0 / sharers[option_materials_[at]];
            }
            cheapest = std::min(cheapest, cost);
        }
        sum += cheapest;
    }
    sharers.reset();
    return std::ceil(sum - 1e-6);  // the margin absorbs rounding; it only weakens the bound
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
    if (partial && !joinable_) {
        joinable_.emplace(
            context_);  // once, at the first branch: a search without one never needs it
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
    auto position_of = [&](Index item) { return view.position[item]; };
    // Providers and edges by the rules of plan/provision.hpp, as `evaluate` finds them; with
    // `partial`, a material or field a joinable item could still produce is not counted.
    const std::size_t venues = index.venues.size();
    tally_.reset(venues);
    AfterTally& tally = tally_;
    for (std::uint32_t k = 0; k < n; ++k) {
        const Index item = view.members[k];
        const ItemLinks& links = context_.links(item);
        const Item& consumer = items[item];
        tally.selected(links);
        auto edge_to_k = [&](std::uint32_t from) { add_edge(from, k); };
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
            const auto& producers = index.material_producers[material];
            const auto provision =
                provide(materials[material], producers, consumer, k, position_of, edge_to_k);
            if (provision == Provision::submitted) {
                if ((!partial || !joinable_->producible(producers, item)) &&
                    mark(material_mark_, material)) {
                    tally.submitted += 1;
                }
            } else if (!provision) {
                if (!partial) {
                    return std::nullopt;  // no provider
                }
                open_.push_back({item, j, material});  // a producer must still join
            }
        }
        for (Index field : links.field_needs) {
            const auto& producers = index.field_producers[field];
            const auto provision =
                provide(fields[field], producers, consumer, k, position_of, edge_to_k);
            if (!provision && !partial) {
                return std::nullopt;  // an automatic item's field nobody provides
            }
            if (provision == Provision::asked &&
                (!partial || !joinable_->producible(producers, item)) && mark(field_mark_, field)) {
                tally.asked += 1;
            }
        }
        if (links.payee >= 0 && mark(payee_mark_, static_cast<std::size_t>(links.payee))) {
            tally.payees += 1;
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
    in_person_.assign(n * venues, 0);
    ready_.clear();
    for (std::uint32_t k = 0; k < n; ++k) {
        if (indegree_[k] == 0) {
            ready_.push_back(k);
        }
    }
    std::uint32_t done = 0;
    while (!ready_.empty()) {
        const std::uint32_t k = ready_.back();
        ready_.pop_back();
        ++done;
        const Index item = view.members[k];
        double finish = finish_of(items[item], start_[k]);
        const std::span<int> path(in_person_.data() + k * venues, venues);
        in_person_on_path(index.items[item], path);
        if (partial) {  // what must still come before the item in every completion
            finish = std::max(finish, joinable_->least_finish(item));
            const auto least = joinable_->least_visits(item);
            for (std::size_t v = 0; v < venues; ++v) {
                path[v] = std::max(path[v], least[v]);
            }
        }
        tally.reached(context_.deferred[item], finish, path);
        for (std::uint32_t e = first_[k]; e < first_[k + 1]; ++e) {
            const std::uint32_t next = successors_[e];
            start_[next] = std::max(start_[next], finish);
            int* next_path = in_person_.data() + next * venues;
            for (std::size_t v = 0; v < venues; ++v) {
                next_path[v] = std::max(next_path[v], path[v]);
            }
            if (--indegree_[next] == 0) {
                ready_.push_back(next);
            }
        }
    }
    if (done < n) {
        return std::nullopt;  // a cycle
    }
    if (partial) {
        tally.submitted += open_materials(view);
    }
    return after_metrics(tally);
}

}  // namespace onething::detail

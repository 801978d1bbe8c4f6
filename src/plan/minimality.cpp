// Minimality of a selection and its repair with reference counts (see minimality.hpp).
#include "plan/minimality.hpp"

#include <algorithm>
#include <limits>

namespace onething::detail {
namespace {

constexpr std::uint32_t no_position = std::numeric_limits<std::uint32_t>::max();

}  // namespace

Minimality::Minimality(const PlanContext& context)
    : context_(context), local_(context.catalog.items().size(), no_position) {}

void Minimality::remember(const Selection& selection) {
    for (std::size_t k = 0; k < selection.items.size(); ++k) {
        local_.set(selection.items[k], static_cast<std::uint32_t>(k));
    }
}

void Minimality::forget(const Selection& selection) {
    for (Index item : selection.items) {
        local_.set(item, no_position);
    }
}

std::size_t Minimality::local(Index item, std::size_t n) const {
    return local_[item] == no_position ? n : local_[item];
}

void Minimality::count_references(const Selection& selection) {
    // A goal stays. Another item stays while a selected item lists it as a prerequisite, or
    // while it is the only selected producer (besides the consumer) of a chosen material that
    // only a producer can provide; two producers of such a material are each removable.
    const std::size_t n = selection.items.size();
    goal_.assign(n, 0);
    removed_.assign(n, 0);
    prerequisite_of_.assign(n, 0);
    supplies_.assign(n, 0);
    sole_for_.assign(n, 0);
    needs_.clear();
    needs_of_first_.assign(n + 1, 0);
    producers_first_.clear();
    producers_.clear();
    for (Index goal : context_.goals) {
        const std::size_t k = local(goal, n);
        if (k < n) {
            goal_[k] = 1;
        }
    }
    for (std::size_t k = 0; k < n; ++k) {
        needs_of_first_[k] = static_cast<std::uint32_t>(needs_.size());
        const ItemLinks& links = context_.links(selection.items[k]);
        for (Index prerequisite : links.prerequisites) {
            const std::size_t at = local(prerequisite, n);
            if (at < n && at != k) {
                ++prerequisite_of_[at];
            }
        }
        for (std::size_t j = 0; j < links.material_needs.size(); ++j) {
            const Index material = links.material_needs[j][selection.choices[k][j]];
            if (!context_.needs_producer(selection.items[k], material)) {
                continue;
            }
            producers_first_.push_back(static_cast<std::uint32_t>(producers_.size()));
            std::uint32_t count = 0;
            for (Index producer : context_.index.material_producers[material]) {
                const std::size_t at = local(producer, n);
                if (at < n && at != k) {
                    producers_.push_back(static_cast<std::uint32_t>(at));
                    ++supplies_[at];
                    ++count;
                }
            }
            if (count == 1) {
                ++sole_for_[producers_.back()];
            }
            needs_.push_back({static_cast<std::uint32_t>(k), count, true});
        }
    }
    needs_of_first_[n] = static_cast<std::uint32_t>(needs_.size());
    producers_first_.push_back(static_cast<std::uint32_t>(producers_.size()));
}

void Minimality::index_supplied() {
    // Counting sort of (producer, need) pairs by producer.
    const std::size_t n = goal_.size();
    supplied_first_.assign(n + 1, 0);
    for (std::uint32_t producer : producers_) {
        ++supplied_first_[producer + 1];
    }
    for (std::size_t k = 0; k < n; ++k) {
        supplied_first_[k + 1] += supplied_first_[k];
    }
    supplied_.resize(producers_.size());
    std::vector<std::uint32_t> next(supplied_first_.begin(), supplied_first_.end() - 1);
    for (std::uint32_t need = 0; need < needs_.size(); ++need) {
        for (std::uint32_t at = producers_first_[need]; at < producers_first_[need + 1]; ++at) {
            supplied_[next[producers_[at]]++] = need;
        }
    }
}

bool Minimality::is_minimal(const Selection& selection) {
    remember(selection);
    count_references(selection);
    forget(selection);
    return all_needed();
}

bool Minimality::all_needed() const {
    for (std::size_t k = 0; k < goal_.size(); ++k) {
        if (!needed(k)) {
            return false;
        }
    }
    return true;
}

void Minimality::touch(std::uint32_t k) {
    touched_.push_back(k);
    if (!needed(k)) {
        unneeded_heap_.push_back(k);
        std::push_heap(unneeded_heap_.begin(), unneeded_heap_.end());
    }
}

void Minimality::remove(const Selection& selection, std::size_t k) {
    const std::size_t n = selection.items.size();
    removed_[k] = 1;
    for (Index prerequisite : context_.links(selection.items[k]).prerequisites) {
        const std::size_t at = local(prerequisite, n);
        if (at < n && at != k && !removed_[at]) {
            --prerequisite_of_[at];
            touch(static_cast<std::uint32_t>(at));
        }
    }
    // The item's own needs go: their producers supply one need less.
    for (std::uint32_t need = needs_of_first_[k]; need < needs_of_first_[k + 1]; ++need) {
        ProducedNeed& own = needs_[need];
        own.live = false;
        for (std::uint32_t at = producers_first_[need]; at < producers_first_[need + 1]; ++at) {
            const std::uint32_t producer = producers_[at];
            if (!removed_[producer]) {
                --supplies_[producer];
                sole_for_[producer] -= own.count == 1 ? 1 : 0;
                touch(producer);
            }
        }
    }
    // The needs it supplied lose a producer; one left alone becomes needed. (An item that was
    // the only producer of a need is needed, so it is never removed.)
    for (std::uint32_t at = supplied_first_[k]; at < supplied_first_[k + 1]; ++at) {
        ProducedNeed& need = needs_[supplied_[at]];
        if (!need.live || --need.count != 1) {
            continue;
        }
        const std::uint32_t need_index = supplied_[at];
        for (std::uint32_t p = producers_first_[need_index]; p < producers_first_[need_index + 1];
             ++p) {
            if (!removed_[producers_[p]]) {
                ++sole_for_[producers_[p]];
                break;
            }
        }
    }
}

void Minimality::make_minimal(Selection& selection) {
    // The rounds of the contract's repair, run as a work list: removing an item that supplies
    // nobody only lowers counts, so the unneeded non-suppliers can go in any order until none
    // is left (the state then is the one the rounds reach); then the unneeded item with the
    // largest id goes, and the list starts again from what that touched.
    const std::size_t n = selection.items.size();
    remember(selection);
    count_references(selection);
    if (all_needed()) {
        forget(selection);
        return;  // minimal already (most leaves): no repair to prepare
    }
    index_supplied();
    unneeded_heap_.clear();
    touched_.clear();
    for (std::uint32_t k = 0; k < n; ++k) {
        touched_.push_back(k);
        if (!needed(k)) {
            unneeded_heap_.push_back(k);
        }
    }
    std::make_heap(unneeded_heap_.begin(), unneeded_heap_.end());
    for (;;) {
        while (!touched_.empty()) {
            const std::uint32_t k = touched_.back();
            touched_.pop_back();
            if (!removed_[k] && !needed(k) && supplies_[k] == 0) {
                remove(selection, k);
            }
        }
        while (!unneeded_heap_.empty() &&
               (removed_[unneeded_heap_.front()] || needed(unneeded_heap_.front()))) {
            std::pop_heap(unneeded_heap_.begin(), unneeded_heap_.end());
            unneeded_heap_.pop_back();
        }
        if (unneeded_heap_.empty()) {
            break;
        }
        remove(selection, unneeded_heap_.front());
    }
    forget(selection);
    std::size_t kept = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!removed_[k]) {
            if (kept != k) {
                selection.items[kept] = selection.items[k];
                selection.choices[kept] = std::move(selection.choices[k]);
            }
            ++kept;
        }
    }
    selection.items.resize(kept);
    selection.choices.resize(kept);
}

}  // namespace onething::detail

// What any selection of one planning call can hold, and what holding an item implies: the
// static facts behind the optimizer's lower bounds (plan/bounds.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "plan/context.hpp"
#include "plan/thread_table.hpp"

namespace onething::detail {

/// Per planning call: the joinable items and, for each, lower bounds that hold in every
/// selection containing it.
class JoinableItems {
  public:
    /// Walks the catalog from `context`'s goals.
    explicit JoinableItems(const PlanContext& context);
    JoinableItems(const JoinableItems&) = delete;
    JoinableItems& operator=(const JoinableItems&) = delete;

    /// Whether some selection can hold `item`: reached from the goals through applicable
    /// prerequisites and the applicable producers of every alternative that only a producer
    /// can provide. The search never adds another item.
    bool joinable(Index item) const { return slot_[item] != 0; }
    /// How many items are joinable.
    std::size_t joinable_count() const { return joinable_items_.size(); }
    /// True when a joinable item other than `consumer` is among `producers`.
    bool producible(std::span<const Index> producers, Index consumer) const;
    /// True when `consumer`, once selected with this need, surely has `material` submitted:
    /// submittable to it (not an e-licence, the consumer not automatic), and no joinable item
    /// other than it produces it.
    bool surely_submitted(Index material, Index consumer) const;
    /// Least finish day of `item` in any selection holding it (0 when none can).
    double least_finish(Index item) const {
        return joinable(item) ? least_finish_[slot_[item] - 1] : 0;
    }
    /// By venue: least number of in-person items of the venue on a path ending at `item` in
    /// any selection holding it (zeros when none can).
    std::span<const int> least_visits(Index item) const {
        return joinable(item) ? std::span<const int>(
                                    least_visits_.data() + (slot_[item] - 1) * venues_, venues_)
                              : std::span<const int>(zeros_);
    }
    /// Materials surely submitted in any selection holding `item` (a subset: capped), sorted.
    const std::vector<Index>& surely_submitted_with(Index item) const {
        return joinable(item) ? certain_[slot_[item] - 1] : none_;
    }

    /// At most this many materials are kept per item in `surely_submitted_with`.
    static constexpr std::size_t max_certain = 32;

  private:
    /// Marks the joinable items.
    void find_joinable();
    /// Fills the least paths and certain materials in post order of possible predecessors.
    void find_implications();
    /// Computes `item`'s entries from its predecessors' (already computed, or 0 on a cycle).
    void imply(Index item);

    const PlanContext& context_;
    // By item position: 0 when not joinable, else 1 + the item's slot in the tables below,
    // which hold joinable items only (a small plan on a large catalog stays small).
    ThreadTable<std::uint32_t> slot_;
    std::vector<Index> joinable_items_;        // by slot, in catalog order
    std::vector<double> least_finish_;         // by slot
    std::size_t venues_ = 0;                   // venues of the catalog's in-person items
    std::vector<int> least_visits_;            // by slot, then venue
    std::vector<int> zeros_;                   // by venue, for items that are not joinable
    std::vector<std::vector<Index>> certain_;  // by slot
    const std::vector<Index> none_;            // for items that are not joinable
};

}  // namespace onething::detail

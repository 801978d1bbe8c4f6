// After-metrics of the optimizer's current selection, straight from its state and without
// allocating once warm: lower bounds of every completion, and the after-metrics `evaluate` gives,
// at a fraction of its cost. The provider rules mirror `connect` in evaluate.cpp: change both.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "plan/context.hpp"

namespace onething::detail {

/// The optimizer's selection as it stands (see search.cpp).
struct SelectionView {
    const std::vector<Index>& members;  ///< selected items, in insertion order
    const std::vector<std::uint32_t>&
        position;                             ///< by item position: index in members, or UINT32_MAX
    const std::vector<std::int32_t>& offset;  ///< by item position: start of its choices
    const std::vector<std::uint16_t>& choices;  ///< chosen alternatives, UINT16_MAX if undecided
};

/// Reusable scratch space for computing after-metrics of many selections of one planning call.
class MetricsScratch {
  public:
    /// Scratch for selections of `context`'s catalog.
    explicit MetricsScratch(const PlanContext& context) : context_(context) {}

    /// The after-metrics of `view`. With `partial`, lower bounds of every completion: undecided
    /// choices add nothing, and a material or field is not counted while an item that could
    /// still join the selection (see `joinable_`) produces it;
    /// nullopt for a cycle. Without, exactly the after-metrics of `evaluate`; nullopt for a
    /// cycle or a needed material nobody provides (deferral is not checked).
    std::optional<Metrics> after(const SelectionView& view, bool partial);

  private:
    /// True when an item other than `consumer` that can join a selection is among `producers`.
    bool producible(const std::vector<Index>& producers, Index consumer) const;
    /// Finds the joinable items and their least paths, once, before the first partial bound
    /// (a search that never branches never needs them).
    void prepare();
    /// Fills `least_finish_` and `least_visits_` for the joinable items.
    void find_least_paths();
    /// The least finish and visits on a path ending at `item` over the needs of one item: its
    /// prerequisites and, per material need, the cheapest alternative (nullopt: none possible).
    std::pair<double, int> least_over_needs(Index item) const;
    /// Marks `slot` in `marks` for this call; true when it was not marked yet.
    bool mark(std::vector<std::uint32_t>& marks, std::size_t slot) const;

    const PlanContext& context_;
    // By item position: 1 when some selection can hold the item — reached from the goals
    // through applicable prerequisites and the applicable producers of every alternative that
    // only a producer can provide. No other item is ever added by the search.
    std::vector<std::uint8_t> joinable_;
    // By item position: lower bounds of the item's finish day and of the in-person items on
    // a path ending at it, in every selection holding it (its applicable prerequisites and the
    // cheapest producer of each need that only a producer can provide precede it).
    std::vector<double> least_finish_;
    std::vector<int> least_visits_;
    std::uint32_t stamp_ = 0;                         // this call's mark
    std::vector<std::uint32_t> material_mark_;        // by material: stamp when counted
    std::vector<std::uint32_t> field_mark_;           // by field: stamp when counted
    std::vector<std::uint32_t> payee_mark_;           // by payee: stamp when counted
    std::vector<std::uint32_t> edge_from_, edge_to_;  // edges by local position
    std::vector<std::uint32_t> indegree_, first_, successors_, ready_;
    std::vector<double> start_;
    std::vector<int> in_person_;
};

}  // namespace onething::detail

// After-metrics of the optimizer's current selection, straight from its state and without
// allocating once warm: lower bounds of every completion, and the after-metrics `evaluate` gives,
// at a fraction of its cost. The provider rules and the metric formulas are those of
// plan/provision.hpp, which `evaluate` uses too; the test `the search's exact after-metrics are
// evaluate's on every complete candidate` compares the two.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "plan/context.hpp"
#include "plan/joinable.hpp"
#include "plan/provision.hpp"
#include "plan/thread_table.hpp"

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
    MetricsScratch(const MetricsScratch&) = delete;
    MetricsScratch& operator=(const MetricsScratch&) = delete;

    /// The after-metrics of `view`. With `partial`, lower bounds of every completion: a
    /// material or field is not counted while a joinable item (plan/joinable.hpp) could produce
    /// it, each member finishes no earlier than its least finish, and open needs add what
    /// they surely bring;
    /// nullopt for a cycle. Without, exactly the after-metrics of `evaluate`; nullopt for a
    /// cycle or a needed material nobody provides (deferral is not checked).
    std::optional<Metrics> after(const SelectionView& view, bool partial);

    /// Joinable items of the call (plan/joinable.hpp); 0 until the first partial selection.
    std::size_t joinable_count() const { return joinable_ ? joinable_->joinable_count() : 0; }

  private:
    /// A need still open in a partial selection: an undecided any_of, or a chosen material
    /// only a producer can provide that no member produces yet.
    struct OpenNeed {
        Index consumer = 0;    ///< the needing item
        std::size_t need = 0;  ///< its material need
        Index material = 0;    ///< the material needing a producer, or UINT32_MAX if undecided
    };
    /// A lower bound of the materials the open needs of `view` still add (see bounds.cpp).
    double open_materials(const SelectionView& view);
    /// Lists the open needs that surely add materials, each with its options' new materials.
    void collect_open_options(const SelectionView& view);
    /// The bound from open needs whose options share no material, summed.
    double disjoint_needs_bound();
    /// The bound from sharing each material's cost among the open needs it may serve.
    double shared_cost_bound();
    /// Marks `slot` in `marks` for this call; true when it was not marked yet.
    bool mark(std::vector<std::uint32_t>& marks, std::size_t slot) const;

    const PlanContext& context_;
    std::optional<JoinableItems>
        joinable_;                // joinable items and their implications, made at first need
    std::vector<OpenNeed> open_;  // open needs of the current call
    std::vector<std::uint32_t> touch_mark_;  // by material: stamp when a counted need touches it
    std::vector<Index> option_materials_;    // new materials of the open needs' options
    std::vector<std::uint32_t> option_end_;  // by option: its end in option_materials_
    std::vector<std::uint32_t> need_end_;    // by costly open need: its end in option_end_
    std::vector<Index> need_materials_;      // one need's materials, sorted and unique
    std::optional<ThreadTable<std::uint32_t>> sharers_;  // by material: needs it may serve
    std::uint32_t stamp_ = 0;                            // this call's mark
    std::vector<std::uint32_t> material_mark_;           // by material: stamp when counted
    std::vector<std::uint32_t> field_mark_;              // by field: stamp when counted
    std::vector<std::uint32_t> payee_mark_;              // by payee: stamp when counted
    std::vector<std::uint32_t> edge_from_, edge_to_;     // edges by local position
    std::vector<std::uint32_t> indegree_, first_, successors_, ready_;
    std::vector<double> start_;
    std::vector<int> in_person_;  // by local position, then venue
    AfterTally tally_;            // the current call's tally, its memory kept
};

}  // namespace onething::detail

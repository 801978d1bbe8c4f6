// Minimality of a selection (rule-format.md, "Selection": no item could be left out with the
// rules still met), and the repair of a selection that is not minimal.
#pragma once

#include <cstdint>
#include <vector>

#include "plan/evaluate.hpp"
#include "plan/thread_table.hpp"

namespace onething::detail {

/// Checks and repairs selections of one planning call; holds scratch space sized to the
/// catalog, so one instance serves every leaf of a search.
class Minimality {
  public:
    /// For selections of `context`'s catalog.
    explicit Minimality(const PlanContext& context);
    Minimality(const Minimality&) = delete;
    Minimality& operator=(const Minimality&) = delete;

    /// True when no item of `selection` other than a goal could be left out: each is an
    /// applicable prerequisite of a selected item, or the only selected producer (besides the
    /// consumer) of a chosen material that only a producer can provide.
    bool is_minimal(const Selection& selection);

    /// Drops redundant items until `selection` is minimal, keeping the choices of the rest (a
    /// minimal selection costs one pass, as `is_minimal`).
    /// In rounds: every unneeded item that supplies nobody goes at once (removing it cannot
    /// make another item needed or a material unprovided); when every unneeded item supplies a
    /// material another selected item also produces, the one with the largest id goes. The
    /// rules stay met at every step. Each round costs what the removals touch, not a pass
    /// over the selection.
    void make_minimal(Selection& selection);

  private:
    /// A chosen material of a selected consumer that only a producer can provide.
    struct ProducedNeed {
        std::uint32_t consumer = 0;  ///< local position
        std::uint32_t count = 0;     ///< selected producers other than the consumer
        bool live = true;            ///< false once the consumer is dropped
    };

    /// Sets `local_` for `selection` (cleared again by `forget`).
    void remember(const Selection& selection);
    /// Clears `local_` for `selection`.
    void forget(const Selection& selection);
    /// Local position of catalog item `item`, or `n` when it is not selected.
    std::size_t local(Index item, std::size_t n) const;
    /// Fills the reference counts of every selected item and the produced needs.
    void count_references(const Selection& selection);
    /// Lists, for every selected item, the produced needs it is a producer for.
    void index_supplied();
    /// True when every counted item must stay.
    bool all_needed() const;
    /// True when local item `k` must stay.
    bool needed(std::size_t k) const { return goal_[k] || prerequisite_of_[k] || sole_for_[k]; }
    /// Removes local item `k`, updating the counts; the items whose counts fell go to
    /// `touched_` (and, if now unneeded, to the heap).
    void remove(const Selection& selection, std::size_t k);
    /// Notes that local item `k`'s counts fell.
    void touch(std::uint32_t k);

    const PlanContext& context_;
    ThreadTable<std::uint32_t> local_;  // by catalog item: local position, or UINT32_MAX
    std::vector<std::uint8_t> goal_, removed_;
    std::vector<std::uint32_t> prerequisite_of_;  // selected items listing it, per listing
    std::vector<std::uint32_t> supplies_;         // produced needs it is a producer for
    std::vector<std::uint32_t> sole_for_;         // produced needs it is the only producer for
    std::vector<ProducedNeed> needs_;
    std::vector<std::uint32_t> needs_of_first_;   // by local consumer: its first produced need
    std::vector<std::uint32_t> supplied_first_;   // by local producer: start in supplied_
    std::vector<std::uint32_t> supplied_;         // produced needs by producer
    std::vector<std::uint32_t> producers_first_;  // by produced need: start in producers_
    std::vector<std::uint32_t> producers_;        // local producers of each produced need
    std::vector<std::uint32_t> touched_;          // items whose counts fell this round
    std::vector<std::uint32_t> unneeded_heap_;    // max-heap of items seen unneeded (lazy)
};

}  // namespace onething::detail

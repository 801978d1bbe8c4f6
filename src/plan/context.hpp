// What every planning stage shares: the catalog, its index, the facts and the bundle.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/catalog_index.hpp"
#include "onething/catalog.hpp"
#include "onething/plan.hpp"
#include "plan/thread_table.hpp"

namespace onething::detail {

/// Read-only inputs of one planning call, with lazily evaluated item conditions.
class PlanContext {
  public:
    /// Sets up planning of `bundle` (one of `catalog.bundles()`) with resolved fact values.
    PlanContext(const Catalog& catalog, const Bundle& bundle, FactValues facts);
    PlanContext(const PlanContext&) = delete;
    PlanContext& operator=(const PlanContext&) = delete;

    const Catalog& catalog;           ///< the catalog
    const CatalogIndex& index;        ///< its integer index
    const Bundle& bundle;             ///< the bundle planned
    FactValues facts;                 ///< fact values by fact position
    std::vector<Index> goals;         ///< goals whose `when` holds, in the bundle's order, unique
    std::vector<Index> listed_goals;  ///< every goal the catalog defines, in the bundle's order
    ThreadTable<std::uint8_t> deferred;  ///< by item position: listed in `defer`

    /// Whether item `item`'s `when` holds (evaluated once, then cached).
    Truth applies(Index item) const;
    /// Whether a need or an alternative whose condition is `when` exists for this applicant:
    /// unless `when` is false (one that is unknown is kept; the guide asks its facts).
    bool need_holds(const Condition& when) const { return when.evaluate(facts) != Truth::no; }
    /// The links of item `item` for this applicant: the index's, less the needs and the
    /// alternatives whose `when` is false (rule format 1.1, "Conditional needs"; one whose
    /// `when` is unknown is kept, and the guide asks its facts). An `any_of` none of whose
    /// alternatives holds is kept empty: no plan can hold the item. Every stage of the
    /// planner reads an item's needs through this.
    const ItemLinks& links(Index item) const {
        const ItemLinks& all = index.items[item];
        return all.conditional ? holding_links(item) : all;
    }
    /// The position in the item's `needs.materials` of its `need`-th material need in `links`.
    std::uint32_t written_need(Index item, std::size_t need) const;
    /// The positions in the item's `needs.fields` of the needs whose `when` is false, ascending
    /// (what `links` leaves out); empty for an item without a conditional need.
    std::vector<std::uint32_t> absent_field_needs(Index item) const;
    /// The position in the written `any_of` of alternative `alternative` of the item's
    /// `need`-th material need in `links`.
    std::uint32_t written_alternative(Index item, std::size_t need, std::size_t alternative) const;
    /// True when `material` can only reach the selected item `consumer` through a producing
    /// item (model/provision_rule.hpp: an automatic consumer takes no submitted material).
    bool needs_producer(Index consumer, Index material) const {
        return (index.needs_producer[material] & (index.items[consumer].automatic ? 2 : 1)) != 0;
    }

  private:
    /// The links of an item with a conditional need, for this applicant (made once).
    const ItemLinks& holding_links(Index item) const;

    /// An item's holding needs, and where each is written.
    struct HoldingNeeds {
        ItemLinks links;                                       // the needs that hold
        std::vector<std::uint32_t> material_needs;             // by need: written position
        std::vector<std::vector<std::uint32_t>> alternatives;  // by need, by alternative
        std::vector<std::uint32_t> absent_fields;  // written positions of field needs that
                                                   // do not hold, ascending
    };

    const BundleLinks& links_;                                 // the bundle's goals and defer list
    mutable ThreadTable<std::int8_t> applies_;                 // -1 unknown yet, else Truth
    mutable std::unordered_map<Index, HoldingNeeds> holding_;  // items with conditional needs
};

/// Walks the items a plan could hold: `roots`, then, from every item `visit` accepts, its
/// prerequisites and the producers of each alternative that only a producer can provide.
/// `visit(item)` sees each item once and returns whether to walk on from it.
template <typename Visit>
void walk_possible_items(const PlanContext& context, const std::vector<Index>& roots, Visit visit) {
    ThreadTable<std::uint8_t> seen(context.catalog.items().size(), 0);
    std::vector<Index> work;
    auto reach = [&](Index item) {
        if (!seen[item]) {
            seen.set(item, 1);
            if (visit(item)) {
                work.push_back(item);
            }
        }
    };
    for (Index root : roots) {
        reach(root);
    }
    while (!work.empty()) {
        const Index item = work.back();
        work.pop_back();
        const ItemLinks& links = context.links(item);
        for (Index prerequisite : links.prerequisites) {
            reach(prerequisite);
        }
        for (const auto& alternatives : links.material_needs) {
            for (Index material : alternatives) {
                if (context.needs_producer(item, material)) {
                    for (Index producer : context.index.material_producers[material]) {
                        reach(producer);
                    }
                }
            }
        }
    }
}

}  // namespace onething::detail

// What every planning stage shares: the catalog, its index, the facts and the bundle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog_index.hpp"
#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething::detail {

/// Read-only inputs of one planning call, with lazily evaluated item conditions.
class PlanContext {
  public:
    /// Sets up planning of `bundle` (one of `catalog.bundles()`) with resolved fact values.
    PlanContext(const Catalog& catalog, const Bundle& bundle, FactValues facts);

    const Catalog& catalog;           ///< the catalog
    const CatalogIndex& index;        ///< its integer index
    const Bundle& bundle;             ///< the bundle planned
    FactValues facts;                 ///< fact values by fact position
    std::vector<Index> goals;         ///< goals whose `when` holds, in the bundle's order, unique
    std::vector<Index> listed_goals;  ///< every goal the catalog defines, in the bundle's order
    std::vector<std::uint8_t> deferred;  ///< by item position: listed in `defer`

    /// Whether item `item`'s `when` holds (evaluated once, then cached).
    Truth applies(Index item) const;
    /// True when a material can only reach a consumer through a producing item.
    bool needs_producer(Index material) const { return index.needs_producer[material] != 0; }

  private:
    mutable std::vector<std::int8_t> applies_;  // -1 unknown yet, else Truth
};

}  // namespace onething::detail

// What a what-if change can reach: the items each bundle could ever plan, and the bundles a
// change to an item, material or field could matter to (built once per analysis).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/whatif.hpp"

namespace onething::detail {

/// Per bundle, the items it could ever plan: its goals and deferred items, their explicit
/// prerequisites and the producers of every material and field they need, transitively (all
/// conditions taken as true). A change to anything else leaves the bundle's plans as they are.
/// Refers to the catalog's definitions: the catalog must outlive it.
class Reach {
  public:
    /// The reach of every bundle of `catalog`: time and memory linear in the sum of the
    /// bundles' reachable items and their needs.
    explicit Reach(const Catalog& catalog);

    /// The ids of the bundles that `change` touches: a bundle that could plan the changed item
    /// (online, duration) or an item needing the changed material (any alternative) or field.
    std::set<std::string> touched_bundles(const Change& change) const;

  private:
    /// Bundle positions (in `catalog.bundles()`), ascending, by the position of what they
    /// reach in its section.
    using BundlesByPosition = std::vector<std::vector<std::uint32_t>>;

    const Catalog& catalog_;
    BundlesByPosition by_item_;      ///< by item: the bundles that could plan it
    BundlesByPosition by_material_;  ///< by material: the bundles with an item needing it
    BundlesByPosition by_field_;     ///< by field: the bundles with an item needing it
};

}  // namespace onething::detail

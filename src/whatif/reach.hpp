// Which bundles a what-if change can matter to: for each item, material and field, the bundles
// that could ever plan it or an item needing it (built once per analysis).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/whatif.hpp"

namespace onething::detail {

/// By item, the bundles that could ever plan it (from their goals and deferred items, over
/// explicit prerequisites and the producers of every material and field needed, transitively,
/// all conditions taken as true); by material and field, the bundles with such an item needing
/// it. A change to anything else leaves a bundle's plans as they are. Refers to the catalog's
/// definitions: the catalog must outlive it.
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

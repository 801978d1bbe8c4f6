// The catalog's private integer index: what the planner walks instead of strings.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "model/jagged.hpp"
#include "onething/catalog.hpp"

namespace onething::detail {

/// Position of a definition in its sorted section.
using Index = std::uint32_t;

/// For an item with a conditional need: where each of its resolved needs is written, so that
/// the planner can drop the needs and alternatives whose `when` is false (PlanContext::links).
struct NeedOrigins {
    std::vector<std::uint32_t> prerequisites;   ///< by prerequisite: position in needs_items
    std::vector<std::uint32_t> material_needs;  ///< by material need: position in needs_materials
    std::vector<std::vector<std::uint32_t>> alternatives;  ///< by material need, by alternative:
                                                           ///< position in its alternatives
    std::vector<std::uint32_t> field_needs;  ///< by field need: position in needs_fields
};

/// An item's references resolved to positions (unresolvable references are dropped).
struct ItemLinks {
    std::vector<Index> prerequisites;       ///< needs.items
    Jagged<Index> material_needs;           ///< needs.materials: by need, its alternatives in order
    std::vector<Index> field_needs;         ///< needs.fields
    std::vector<Index> produced_materials;  ///< produces.materials
    std::vector<Index> produced_fields;     ///< produces.fields
    std::int32_t payee = -1;                ///< position in CatalogIndex::payees, or -1
    std::int32_t venue = -1;  ///< in person: position in CatalogIndex::venues, else -1
    bool automatic = false;   ///< asks the applicant for nothing after
    /// Set when a need or an alternative of the item has a `when`: where each need is written.
    std::shared_ptr<const NeedOrigins> conditional;
};

/// A bundle's references resolved to item positions (unresolvable ones dropped), in order.
struct BundleLinks {
    std::vector<Index> goals;  ///< goals, as listed
    std::vector<Index> defer;  ///< defer, as listed
};

/// Integer view of a catalog, built once when the catalog is constructed. Read-only.
struct CatalogIndex {
    std::vector<ItemLinks> items;      ///< by item position
    Jagged<Index> material_producers;  ///< by material position: its producers, sorted
    Jagged<Index> field_producers;     ///< by field position: its producers, sorted
    /// By material: bit 0 when only a producer can provide it to an ordinary consumer (neither
    /// e-licence nor submittable), bit 1 when to an automatic one (not an e-licence).
    std::vector<std::uint8_t> needs_producer;
    std::vector<std::string> payees;   ///< distinct payee ids, sorted
    std::vector<std::string> venues;   ///< distinct venues of in-person items, sorted
    std::vector<BundleLinks> bundles;  ///< by bundle position
    bool conditional_needs = false;    ///< some item has a conditional need or alternative
};

/// References already resolved to positions, every one of them (a snapshot stores them): by
/// item, its five lists of links in the order of the item's references, with `automatic` and
/// the conditional origins set; by bundle, its links; and what the index gathers from the items,
/// gathered as they were read.
struct ResolvedLinks {
    std::vector<ItemLinks> items;      ///< by item position: all but venue and payee set
    std::vector<BundleLinks> bundles;  ///< by bundle position
    /// By item position: 1 when a need of the item or an alternative of one has a `when`.
    std::vector<std::uint8_t> conditional;
    std::vector<std::pair<Index, Index>> material_producers;  ///< (material, item), item order
    std::vector<std::pair<Index, Index>> field_producers;     ///< (field, item), item order
    std::vector<Index> paying;                                ///< the items with a payee, in order
    std::vector<Index> visited;  ///< the items in person and not automatic, in order
};

/// Where each need of `item` is written when every reference resolved: each at its own place.
std::shared_ptr<NeedOrigins> every_need(const Item& item);

/// Builds the index of `catalog` (whose sections are already sorted by id); with `resolved`
/// (one entry per item and bundle), takes its positions instead of looking the ids up.
std::unique_ptr<CatalogIndex> build_index(const Catalog& catalog,
                                          ResolvedLinks* resolved = nullptr);

/// The library's access to a catalog's private index (the public header names no index type).
struct CatalogAccess {
    /// The index built when the catalog was made; read-only, shared by every thread.
    static const CatalogIndex& index(const Catalog& catalog);
    /// A catalog of sections already sorted by id and unique, its index built from `resolved`,
    /// the language tags of its texts given (sorted, distinct).
    static Catalog resolved(std::vector<Fact> facts, std::vector<Field> fields,
                            std::vector<Material> materials, std::vector<Item> items,
                            std::vector<Bundle> bundles, std::vector<TestCase> tests,
                            ResolvedLinks resolved, std::vector<std::string> languages);
};

/// The catalog's private index (integer ids, producers); built once, read-only.
inline const CatalogIndex& index_of(const Catalog& catalog) {
    return CatalogAccess::index(catalog);
}

}  // namespace onething::detail

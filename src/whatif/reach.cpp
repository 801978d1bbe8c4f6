// Which bundles each item, material and field matters to: a walk from each bundle's goals and
// deferred items over prerequisites and producers in the catalog's integer index, recorded by
// what it reaches.
#include "whatif/reach.hpp"

#include <algorithm>
#include <span>

#include "model/catalog_index.hpp"

namespace onething::detail {
namespace {

/// Adds `bundle` to `bundles` (bundles are added in order: once each).
void add_bundle(std::vector<std::uint32_t>& bundles, std::uint32_t bundle) {
    if (bundles.empty() || bundles.back() != bundle) {
        bundles.push_back(bundle);
    }
}

/// Appends `more` to `to`.
void append(std::vector<Index>& to, std::span<const Index> more) {
    to.insert(to.end(), more.begin(), more.end());
}

}  // namespace

Reach::Reach(const Catalog& catalog) : catalog_(catalog) {
    // The catalog's index has every reference resolved and the producers of each material and
    // field: the walk reads positions only.
    const CatalogIndex& index = index_of(catalog);
    by_item_.resize(index.items.size());
    by_material_.resize(index.material_producers.size());
    by_field_.resize(index.field_producers.size());
    // The bundle that last reached each item: marks without clearing between bundles.
    std::vector<std::uint32_t> reached_by(index.items.size(), UINT32_MAX);
    std::vector<Index> next;
    for (std::uint32_t bundle = 0; bundle < index.bundles.size(); ++bundle) {
        append(next, index.bundles[bundle].goals);
        append(next, index.bundles[bundle].defer);
        while (!next.empty()) {
            const Index at = next.back();
            next.pop_back();
            if (reached_by[at] == bundle) {
                continue;
            }
            reached_by[at] = bundle;
            add_bundle(by_item_[at], bundle);
            const ItemLinks& item = index.items[at];
            append(next, item.prerequisites);
            for (const std::span<const Index> alternatives : item.material_needs) {
                for (const Index material : alternatives) {
                    add_bundle(by_material_[material], bundle);
                    append(next, index.material_producers[material]);
                }
            }
            for (const Index field : item.field_needs) {
                add_bundle(by_field_[field], bundle);
                append(next, index.field_producers[field]);
            }
        }
    }
}

std::set<std::string> Reach::touched_bundles(const Change& change) const {
    // The changed definition's position in its section, and the bundles it matters to.
    const auto bundles_of =
        [](const auto& section, const auto* found,
           const BundlesByPosition& by_position) -> const std::vector<std::uint32_t>* {
        return found == nullptr ? nullptr
                                : &by_position[static_cast<std::size_t>(found - section.data())];
    };
    const std::vector<std::uint32_t>* bundles = nullptr;
    switch (change.kind) {
        case ChangeKind::e_license:
            bundles = bundles_of(catalog_.materials(), catalog_.find_material(change.target),
                                 by_material_);
            break;
        case ChangeKind::shared:
            bundles = bundles_of(catalog_.fields(), catalog_.find_field(change.target), by_field_);
            break;
        case ChangeKind::online:
        case ChangeKind::duration:
            bundles = bundles_of(catalog_.items(), catalog_.find_item(change.target), by_item_);
            break;
    }
    std::set<std::string> touched;
    if (bundles != nullptr) {
        for (const std::uint32_t bundle : *bundles) {
            touched.insert(catalog_.bundles()[bundle].id);
        }
    }
    return touched;
}

}  // namespace onething::detail

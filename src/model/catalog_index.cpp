// Building the catalog's integer index.
#include "model/catalog_index.hpp"

#include "model/provision_rule.hpp"

#include <algorithm>

namespace onething::detail {
namespace {

/// Position of `id` in a span sorted by id, or -1.
template <typename T>
std::int64_t position_of(std::span<const T> sorted, const std::string& id) {
    auto found =
        std::lower_bound(sorted.begin(), sorted.end(), id,
                         [](const T& element, const std::string& key) { return element.id < key; });
    if (found == sorted.end() || found->id != id) {
        return -1;
    }
    return found - sorted.begin();
}

/// Resolves references into positions, dropping the unknown ones.
template <typename T>
std::vector<Index> resolve_all(std::span<const T> sorted, const std::vector<Ref>& refs) {
    std::vector<Index> result;
    result.reserve(refs.size());
    for (const Ref& ref : refs) {
        const auto at = position_of(sorted, ref.id);
        if (at >= 0) {
            result.push_back(static_cast<Index>(at));
        }
    }
    return result;
}

}  // namespace

std::unique_ptr<CatalogIndex> build_index(const Catalog& catalog) {
    auto index = std::make_unique<CatalogIndex>();
    const auto items = catalog.items();
    const auto materials = catalog.materials();
    const auto fields = catalog.fields();
    for (const Item& item : items) {
        if (item.payee) {
            index->payees.push_back(*item.payee);
        }
    }
    for (const Item& item : items) {
        if (item.in_person && !item.automatic) {
            index->venues.push_back(item.venue);
        }
    }
    for (auto* ids : {&index->payees, &index->venues}) {
        std::sort(ids->begin(), ids->end());
        ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }

    index->items.resize(items.size());
    index->material_producers.resize(materials.size());
    index->field_producers.resize(fields.size());
    index->needs_producer.reserve(materials.size());
    for (const Material& material : materials) {
        index->needs_producer.push_back(static_cast<std::uint8_t>(
            (needs_producer(material, false) ? 1 : 0) | (needs_producer(material, true) ? 2 : 0)));
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i];
        ItemLinks& links = index->items[i];
        links.prerequisites = resolve_all(items, item.needs_items);
        for (const MaterialNeed& need : item.needs_materials) {
            auto alternatives = resolve_all(materials, need.alternatives);
            if (!alternatives.empty()) {
                links.material_needs.push_back(std::move(alternatives));
            }
        }
        for (const FieldNeed& need : item.needs_fields) {
            const auto at = position_of(fields, need.field.id);
            if (at >= 0) {
                links.field_needs.push_back(static_cast<Index>(at));
            }
        }
        links.produced_materials = resolve_all(materials, item.produces_materials);
        links.produced_fields = resolve_all(fields, item.produces_fields);
        for (Index material : links.produced_materials) {
            index->material_producers[material].push_back(static_cast<Index>(i));
        }
        for (Index field : links.produced_fields) {
            index->field_producers[field].push_back(static_cast<Index>(i));
        }
        links.automatic = item.automatic;
        if (item.in_person && !item.automatic) {
            links.venue = static_cast<std::int32_t>(
                std::lower_bound(index->venues.begin(), index->venues.end(), item.venue) -
                index->venues.begin());
        }
        if (item.payee) {
            links.payee = static_cast<std::int32_t>(
                std::lower_bound(index->payees.begin(), index->payees.end(), *item.payee) -
                index->payees.begin());
        }
    }
    for (const Bundle& bundle : catalog.bundles()) {
        index->bundles.push_back(
            {resolve_all(items, bundle.goals), resolve_all(items, bundle.defer)});
    }
    for (auto* producers : {&index->material_producers, &index->field_producers}) {
        for (auto& list : *producers) {
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }
    }
    return index;
}

}  // namespace onething::detail

// Building the catalog's integer index.
#include "model/catalog_index.hpp"

#include "model/id_positions.hpp"
#include "model/provision_rule.hpp"

#include <algorithm>
#include <optional>

namespace onething::detail {
namespace {

using Positions = IdPositions;

/// Position of `id` in the section `positions` indexes, or -1.
std::int64_t position_of(const Positions& positions, const std::string& id) {
    return positions(id);
}

/// Resolves references into positions, dropping the unknown ones.
std::vector<Index> resolve_all(const Positions& sorted, const std::vector<Ref>& refs) {
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

/// True when a need of `item` or an alternative of one has a `when`.
bool has_conditional_need(const Item& item) {
    auto conditional = [](const auto& need) { return !need.when.always(); };
    return std::any_of(item.needs_items.begin(), item.needs_items.end(), conditional) ||
           std::any_of(item.needs_fields.begin(), item.needs_fields.end(), conditional) ||
           std::any_of(item.needs_materials.begin(), item.needs_materials.end(),
                       [&](const MaterialNeed& need) {
                           return conditional(need) ||
                                  std::any_of(need.alternative_when.begin(),
                                              need.alternative_when.end(),
                                              [](const Condition& when) { return !when.always(); });
                       });
}

/// Resolves `item`'s needs into `links`, dropping unknown references; when `origins` is given,
/// records where each resolved need is written.
void resolve_needs(const Item& item, const Positions& items, const Positions& materials,
                   const Positions& fields, ItemLinks& links, NeedOrigins* origins) {
    for (std::uint32_t n = 0; n < item.needs_items.size(); ++n) {
        const auto at = position_of(items, item.needs_items[n].item.id);
        if (at >= 0) {
            links.prerequisites.push_back(static_cast<Index>(at));
            if (origins) {
                origins->prerequisites.push_back(n);
            }
        }
    }
    for (std::uint32_t n = 0; n < item.needs_materials.size(); ++n) {
        const MaterialNeed& need = item.needs_materials[n];
        std::vector<Index> alternatives;
        std::vector<std::uint32_t> written;
        for (std::uint32_t a = 0; a < need.alternatives.size(); ++a) {
            const auto at = position_of(materials, need.alternatives[a].id);
            if (at >= 0) {
                alternatives.push_back(static_cast<Index>(at));
                written.push_back(a);
            }
        }
        if (!alternatives.empty()) {
            links.material_needs.push_back(std::move(alternatives));
            if (origins) {
                origins->material_needs.push_back(n);
                origins->alternatives.push_back(std::move(written));
            }
        }
    }
    for (std::uint32_t n = 0; n < item.needs_fields.size(); ++n) {
        const auto at = position_of(fields, item.needs_fields[n].field.id);
        if (at >= 0) {
            links.field_needs.push_back(static_cast<Index>(at));
            if (origins) {
                origins->field_needs.push_back(n);
            }
        }
    }
}

/// Where each need of `item` is written when every reference resolved: each at its own place.
std::shared_ptr<NeedOrigins> every_need(const Item& item) {
    auto origins = std::make_shared<NeedOrigins>();
    auto count = [](std::vector<std::uint32_t>& places, std::size_t size) {
        places.resize(size);
        for (std::uint32_t k = 0; k < size; ++k) {
            places[k] = k;
        }
    };
    count(origins->prerequisites, item.needs_items.size());
    count(origins->material_needs, item.needs_materials.size());
    origins->alternatives.resize(item.needs_materials.size());
    for (std::size_t n = 0; n < item.needs_materials.size(); ++n) {
        count(origins->alternatives[n], item.needs_materials[n].alternatives.size());
    }
    count(origins->field_needs, item.needs_fields.size());
    return origins;
}

}  // namespace

std::unique_ptr<CatalogIndex> build_index(const Catalog& catalog, ResolvedLinks* resolved) {
    auto index = std::make_unique<CatalogIndex>();
    const auto items = catalog.items();
    const auto materials = catalog.materials();
    const auto fields = catalog.fields();
    for (const Item& item : items) {
        if (item.payee) {
            index->payees.push_back(*item.payee);
        }
        if (item.in_person && !item.automatic) {
            index->venues.push_back(item.venue);
        }
    }
    for (auto* ids : {&index->payees, &index->venues}) {
        std::sort(ids->begin(), ids->end());
        ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }

    if (resolved != nullptr) {
        index->items = std::move(resolved->items);  // their lists of references filled already
    }
    index->items.resize(items.size());
    index->material_producers.resize(materials.size());
    index->field_producers.resize(fields.size());
    index->needs_producer.reserve(materials.size());
    for (const Material& material : materials) {
        index->needs_producer.push_back(static_cast<std::uint8_t>(
            (needs_producer(material, false) ? 1 : 0) | (needs_producer(material, true) ? 2 : 0)));
    }
    // Without positions given, each reference is looked up by id (the tables are only built
    // then).
    std::optional<Positions> item_positions, material_positions, field_positions;
    if (resolved == nullptr) {
        item_positions.emplace(items);
        material_positions.emplace(materials);
        field_positions.emplace(fields);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i];
        ItemLinks& links = index->items[i];
        if (resolved != nullptr) {
            if (resolved->conditional[i] != 0) {
                links.conditional = every_need(item);
                index->conditional_needs = true;
            }
        } else if (has_conditional_need(item)) {
            auto origins = std::make_shared<NeedOrigins>();
            resolve_needs(item, *item_positions, *material_positions, *field_positions, links,
                          origins.get());
            links.conditional = std::move(origins);
            index->conditional_needs = true;
        } else {
            resolve_needs(item, *item_positions, *material_positions, *field_positions, links,
                          nullptr);
        }
        if (resolved == nullptr) {
            links.produced_materials = resolve_all(*material_positions, item.produces_materials);
            links.produced_fields = resolve_all(*field_positions, item.produces_fields);
        }
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
    if (resolved != nullptr) {
        index->bundles = std::move(resolved->bundles);
    } else {
        for (const Bundle& bundle : catalog.bundles()) {
            index->bundles.push_back({resolve_all(*item_positions, bundle.goals),
                                      resolve_all(*item_positions, bundle.defer)});
        }
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

// Building the catalog's integer index.
#include "model/catalog_index.hpp"

#include "model/id_positions.hpp"
#include "model/provision_rule.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

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
        std::vector<std::uint32_t> written;
        for (std::uint32_t a = 0; a < need.alternatives.size(); ++a) {
            const auto at = position_of(materials, need.alternatives[a].id);
            if (at >= 0) {
                if (written.empty()) {
                    links.material_needs.add_row();
                }
                links.material_needs.push_back(static_cast<Index>(at));
                written.push_back(a);
            }
        }
        if (!written.empty()) {
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

/// The producers of each of `count` definitions from (definition, item) pairs in item order:
/// each row sorted, an item once however often it names the definition.
Jagged<Index> producers_of(std::size_t count, const std::vector<std::pair<Index, Index>>& pairs) {
    constexpr Index none = std::numeric_limits<Index>::max();
    // Each pair that is not its item's repeat of the definition, counted, then placed.
    std::vector<Index> last(count, none);
    std::vector<std::uint32_t> ends(count, 0);
    for (const auto& [made, item] : pairs) {
        if (last[made] != item) {
            last[made] = item;
            ++ends[made];
        }
    }
    std::vector<std::uint32_t> next(count, 0);
    std::size_t total = 0;
    for (std::size_t k = 0; k < count; ++k) {
        next[k] = static_cast<std::uint32_t>(total);
        total += ends[k];
        if (total > std::numeric_limits<std::uint32_t>::max()) {
            throw std::length_error("more than 2^32 - 1 producers in all");
        }
        ends[k] = static_cast<std::uint32_t>(total);
    }
    std::vector<Index> values(total);
    std::fill(last.begin(), last.end(), none);
    for (const auto& [made, item] : pairs) {
        if (last[made] != item) {
            last[made] = item;
            values[next[made]++] = item;
        }
    }
    return Jagged<Index>(std::move(values), std::move(ends));
}

}  // namespace

// Where each need of `item` is written when every reference resolved: each at its own place.
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

std::unique_ptr<CatalogIndex> build_index(const Catalog& catalog, ResolvedLinks* resolved) {
    auto index = std::make_unique<CatalogIndex>();
    const auto items = catalog.items();
    const auto materials = catalog.materials();
    const auto fields = catalog.fields();
    // The items with a payee, and those in person and not automatic (a reader of resolved links
    // gathered them).
    std::vector<Index> paying;
    std::vector<Index> visited;
    if (resolved != nullptr) {
        paying = std::move(resolved->paying);
        visited = std::move(resolved->visited);
    } else {
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].payee) {
                paying.push_back(static_cast<Index>(i));
            }
            if (items[i].makes_visits()) {
                visited.push_back(static_cast<Index>(i));
            }
        }
    }
    for (Index i : paying) {
        index->payees.push_back(*items[i].payee);
    }
    for (Index i : visited) {
        index->venues.push_back(items[i].venue);
    }
    for (auto* ids : {&index->payees, &index->venues}) {
        std::sort(ids->begin(), ids->end());
        ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }

    if (resolved != nullptr) {
        index->items = std::move(resolved->items);  // their lists of references filled already
    }
    index->items.resize(items.size());
    index->needs_producer.reserve(materials.size());
    for (const Material& material : materials) {
        index->needs_producer.push_back(provider_bits(material));
    }
    if (resolved != nullptr) {
        // Every reference is a position already; each item's `automatic` and conditional
        // origins are set, and its producers gathered in item order.
        index->material_producers = producers_of(materials.size(), resolved->material_producers);
        index->field_producers = producers_of(fields.size(), resolved->field_producers);
        index->conditional_needs =
            std::any_of(resolved->conditional.begin(), resolved->conditional.end(),
                        [](std::uint8_t conditional) { return conditional; });
        index->bundles = std::move(resolved->bundles);
    } else {
        // Each reference is looked up by id.
        const Positions item_positions(items);
        const Positions material_positions(materials);
        const Positions field_positions(fields);
        std::vector<std::pair<Index, Index>> material_producers;  // (material, item)
        std::vector<std::pair<Index, Index>> field_producers;     // (field, item)
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Item& item = items[i];
            ItemLinks& links = index->items[i];
            if (has_conditional_need(item)) {
                auto origins = std::make_shared<NeedOrigins>();
                resolve_needs(item, item_positions, material_positions, field_positions, links,
                              origins.get());
                links.conditional = std::move(origins);
                index->conditional_needs = true;
            } else {
                resolve_needs(item, item_positions, material_positions, field_positions, links,
                              nullptr);
            }
            links.produced_materials = resolve_all(material_positions, item.produces_materials);
            links.produced_fields = resolve_all(field_positions, item.produces_fields);
            for (Index material : links.produced_materials) {
                material_producers.emplace_back(material, static_cast<Index>(i));
            }
            for (Index field : links.produced_fields) {
                field_producers.emplace_back(field, static_cast<Index>(i));
            }
            links.automatic = item.automatic;
        }
        index->material_producers = producers_of(materials.size(), material_producers);
        index->field_producers = producers_of(fields.size(), field_producers);
        for (const Bundle& bundle : catalog.bundles()) {
            index->bundles.push_back({resolve_all(item_positions, bundle.goals),
                                      resolve_all(item_positions, bundle.defer)});
        }
    }
    for (Index i : paying) {
        index->items[i].payee = static_cast<std::int32_t>(
            std::lower_bound(index->payees.begin(), index->payees.end(), *items[i].payee) -
            index->payees.begin());
    }
    for (Index i : visited) {
        index->items[i].venue = static_cast<std::int32_t>(
            std::lower_bound(index->venues.begin(), index->venues.end(), items[i].venue) -
            index->venues.begin());
    }
    return index;
}

}  // namespace onething::detail

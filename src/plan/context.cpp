// Planning inputs shared by every stage.
#include "plan/context.hpp"

#include <algorithm>

namespace onething::detail {

PlanContext::PlanContext(const Catalog& catalog_in, const Bundle& bundle_in, FactValues facts_in)
    : catalog(catalog_in),
      index(index_of(catalog_in)),
      bundle(bundle_in),
      facts(std::move(facts_in)),
      deferred(catalog_in.items().size(), 0),
      // The bundle's goals and defer list, resolved to positions when the catalog was built.
      links_(index.bundles[static_cast<std::size_t>(&bundle - catalog.bundles().data())]),
      applies_(catalog_in.items().size(), -1) {
    for (Index item : links_.defer) {
        deferred.set(item, 1);
    }
    listed_goals = links_.goals;
    // Goals in bundle order, each once: a mark per item instead of a search of the list
    // (a bundle may list thousands of goals).
    ThreadTable<std::uint8_t> listed(catalog.items().size(), 0);
    for (Index goal : listed_goals) {
        if (applies(goal) == Truth::yes && !listed[goal]) {
            goals.push_back(goal);  // first: a failed push leaves the mark unset
            listed.set(goal, 1);
        }
    }
}

Truth PlanContext::applies(Index item) const {
    std::int8_t cached = applies_[item];
    if (cached < 0) {
        cached = static_cast<std::int8_t>(catalog.items()[item].when.evaluate(facts));
        applies_.set(item, cached);
    }
    return static_cast<Truth>(cached);
}

namespace {

/// The members of ItemLinks as holding_links copies them: a member added there changes its size
/// and stops the build until holding_links copies it too.
struct ItemLinksMembers {
    std::vector<Index> prerequisites;
    Jagged<Index> material_needs;
    std::vector<Index> field_needs;
    std::vector<Index> produced_materials;
    std::vector<Index> produced_fields;
    std::int32_t payee;
    std::int32_t venue;
    bool automatic;
    std::shared_ptr<const NeedOrigins> conditional;
};

}  // namespace

const ItemLinks& PlanContext::holding_links(Index item) const {
    auto found = holding_.find(item);
    if (found != holding_.end()) {
        return found->second.links;
    }
    const ItemLinks& all = index.items[item];
    const NeedOrigins& origins = *all.conditional;
    const Item& written = catalog.items()[item];
    auto holds = [&](const Condition& when) { return need_holds(when); };
    HoldingNeeds holding;
    ItemLinks& links = holding.links;
    // Every member but the needs, which are filtered below (copying them to clear them cost an
    // allocation per alternative list); `conditional` stays null: what it holds is filtered.
    static_assert(sizeof(ItemLinks) == sizeof(ItemLinksMembers),
                  "ItemLinks has another member: copy it here");
    links.produced_materials = all.produced_materials;
    links.produced_fields = all.produced_fields;
    links.payee = all.payee;
    links.venue = all.venue;
    links.automatic = all.automatic;
    links.prerequisites.reserve(all.prerequisites.size());
    links.material_needs.reserve(all.material_needs.size(), all.material_needs.values().size());
    links.field_needs.reserve(all.field_needs.size());
    for (std::size_t n = 0; n < all.prerequisites.size(); ++n) {
        if (holds(written.needs_items[origins.prerequisites[n]].when)) {
            links.prerequisites.push_back(all.prerequisites[n]);
        }
    }
    for (std::size_t n = 0; n < all.material_needs.size(); ++n) {
        const MaterialNeed& need = written.needs_materials[origins.material_needs[n]];
        if (!holds(need.when)) {
            continue;
        }
        std::vector<std::uint32_t> positions;
        links.material_needs.add_row();
        for (std::size_t a = 0; a < all.material_needs[n].size(); ++a) {
            const std::uint32_t at = origins.alternatives[n][a];
            if (need.alternative_when.empty() || holds(need.alternative_when[at])) {
                links.material_needs.push_back(all.material_needs[n][a]);
                positions.push_back(at);
            }
        }
        holding.material_needs.push_back(origins.material_needs[n]);
        holding.alternatives.push_back(std::move(positions));
    }
    for (std::size_t n = 0; n < all.field_needs.size(); ++n) {
        if (holds(written.needs_fields[origins.field_needs[n]].when)) {
            links.field_needs.push_back(all.field_needs[n]);
        } else {
            holding.absent_fields.push_back(origins.field_needs[n]);
        }
    }
    return holding_.emplace(item, std::move(holding)).first->second.links;
}

std::uint32_t PlanContext::written_need(Index item, std::size_t need) const {
    if (!index.items[item].conditional) {
        return static_cast<std::uint32_t>(need);
    }
    links(item);
    return holding_.at(item).material_needs[need];
}

std::vector<std::uint32_t> PlanContext::absent_field_needs(Index item) const {
    if (!index.items[item].conditional) {
        return {};
    }
    links(item);
    return holding_.at(item).absent_fields;
}

std::uint32_t PlanContext::written_alternative(Index item, std::size_t need,
                                               std::size_t alternative) const {
    if (!index.items[item].conditional) {
        return static_cast<std::uint32_t>(alternative);
    }
    links(item);
    return holding_.at(item).alternatives[need][alternative];
}

}  // namespace onething::detail

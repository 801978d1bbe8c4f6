// Planning inputs shared by every stage.
#include "plan/context.hpp"

#include <algorithm>

namespace onething::detail {

PlanContext::PlanContext(const Catalog& catalog_in, const Bundle& bundle_in, FactValues facts_in)
    : catalog(catalog_in),
      index(catalog_in.index()),
      bundle(bundle_in),
      facts(std::move(facts_in)),
      deferred(catalog_in.items().size(), 0),
      applies_(catalog_in.items().size(), -1) {
    const auto items = catalog.items();
    for (const Ref& ref : bundle.defer) {
        if (const Item* item = catalog.find_item(ref.id)) {
            deferred[static_cast<Index>(item - items.data())] = 1;
        }
    }
    // Goals in bundle order, each once: a mark per item instead of a search of the list
    // (a bundle may list thousands of goals).
    std::vector<bool> listed(items.size(), false);
    for (const Ref& ref : bundle.goals) {
        const Item* item = catalog.find_item(ref.id);
        if (!item) {
            continue;
        }
        const auto goal = static_cast<Index>(item - items.data());
        listed_goals.push_back(goal);
        if (applies(goal) == Truth::yes && !listed[goal]) {
            listed[goal] = true;
            goals.push_back(goal);
        }
    }
}

Truth PlanContext::applies(Index item) const {
    std::int8_t& cached = applies_[item];
    if (cached < 0) {
        cached = static_cast<std::int8_t>(catalog.items()[item].when.evaluate(facts));
    }
    return static_cast<Truth>(cached);
}

}  // namespace onething::detail

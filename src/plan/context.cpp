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

}  // namespace onething::detail

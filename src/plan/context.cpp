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
        deferred[item] = 1;
    }
    listed_goals = links_.goals;
    // Goals in bundle order, each once: a mark per item instead of a search of the list
    // (a bundle may list thousands of goals).
    ScratchTable<std::uint8_t> listed(catalog.items().size(), 0);
    for (Index goal : listed_goals) {
        if (applies(goal) == Truth::yes && !listed[goal]) {
            goals.push_back(goal);  // first: a failed push leaves the mark unset
            listed[goal] = 1;
        }
    }
    for (Index goal : goals) {
        listed[goal] = 0;
    }
    listed.rest();
}

PlanContext::~PlanContext() {
    for (Index item : links_.defer) {
        deferred[item] = 0;
    }
    deferred.rest();
    for (Index item : evaluated_) {
        applies_[item] = -1;
    }
    applies_.rest();
}

Truth PlanContext::applies(Index item) const {
    std::int8_t& cached = applies_[item];
    if (cached < 0) {
        const auto truth = static_cast<std::int8_t>(catalog.items()[item].when.evaluate(facts));
        evaluated_.push_back(item);  // first: a failed push leaves the slot unknown
        cached = truth;
    }
    return static_cast<Truth>(cached);
}

}  // namespace onething::detail

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
    for (const Ref& ref : bundle.defer) {
        if (catalog.find_item(ref.id)) {
            deferred[item_index(ref.id)] = 1;
        }
    }
    for (const Ref& ref : bundle.goals) {
        if (!catalog.find_item(ref.id)) {
            continue;
        }
        const Index goal = item_index(ref.id);
        if (applies(goal) == Truth::yes &&
            std::find(goals.begin(), goals.end(), goal) == goals.end()) {
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

bool PlanContext::needs_producer(Index material) const {
    const Material& m = catalog.materials()[material];
    return !m.e_license && !m.submittable;
}

Index PlanContext::item_index(const std::string& id) const {
    return static_cast<Index>(catalog.find_item(id) - catalog.items().data());
}

}  // namespace onething::detail

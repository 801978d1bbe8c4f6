// The catalog-wide pass: duplicates across files, then every check, then the Catalog.
#include <algorithm>

#include "load/check_context.hpp"

namespace onething::detail {
namespace {

/// Sorts definitions by id (stable, so the first in file order comes first), reports every
/// later duplicate naming the first place, and keeps only the first.
template <typename T, typename GetDefinition>
void remove_duplicates(std::vector<T>& definitions, LoadState& state, std::string_view kind,
                       GetDefinition get) {
    std::stable_sort(definitions.begin(), definitions.end(),
                     [&](const T& a, const T& b) { return get(a).id < get(b).id; });
    std::vector<T> kept;
    kept.reserve(definitions.size());
    for (T& definition : definitions) {
        if (!kept.empty() && get(kept.back()).id == get(definition).id) {
            const Location& first = get(kept.back()).location;
            state.diagnostics.push_back({Severity::error, "duplicate-id",
                                         "duplicate " + std::string(kind) + " id '" +
                                             get(definition).id + "'; first defined at " +
                                             first.file.str() + ":" + std::to_string(first.line) +
                                             ":" + std::to_string(first.column),
                                         get(definition).location});
            continue;
        }
        kept.push_back(std::move(definition));
    }
    definitions = std::move(kept);
}

}  // namespace

Catalog finish_catalog(LoadState& state) {
    auto self = [](auto& definition) -> auto& {
        return definition;
    };
    remove_duplicates(state.facts, state, "fact", self);
    remove_duplicates(state.fields, state, "field", self);
    remove_duplicates(state.materials, state, "material", self);
    remove_duplicates(
        state.items, state, "item", [](auto& p) -> auto& { return p.item; });
    remove_duplicates(
        state.bundles, state, "bundle", [](auto& p) -> auto& { return p.bundle; });

    CheckContext context(state);
    std::vector<Condition> item_conditions, bundle_conditions;
    check_conditions(context, item_conditions, bundle_conditions);
    check_references(context);
    check_graph(context);

    std::vector<Item> items;
    items.reserve(state.items.size());
    for (std::size_t i = 0; i < state.items.size(); ++i) {
        items.push_back(std::move(state.items[i].item));
        items.back().when = std::move(item_conditions[i]);
    }
    std::vector<Bundle> bundles;
    bundles.reserve(state.bundles.size());
    for (std::size_t i = 0; i < state.bundles.size(); ++i) {
        bundles.push_back(std::move(state.bundles[i].bundle));
        bundles.back().when = std::move(bundle_conditions[i]);
    }
    std::vector<TestCase> tests;
    tests.reserve(state.tests.size());
    for (PendingTest& pending : state.tests) {
        tests.push_back(std::move(pending.test));
    }
    // Everything was moved out: free the husks before the Catalog builds its index, or they
    // stay allocated (a capacity of PendingItems, 472 bytes each) through the peak.
    std::vector<PendingItem>().swap(state.items);
    std::vector<PendingBundle>().swap(state.bundles);
    std::vector<PendingTest>().swap(state.tests);
    return Catalog(std::move(state.facts), std::move(state.fields), std::move(state.materials),
                   std::move(items), std::move(bundles), std::move(tests));
}

}  // namespace onething::detail

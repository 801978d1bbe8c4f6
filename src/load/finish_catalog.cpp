// The catalog-wide pass: duplicates across files, then every check, then the Catalog.
#include <algorithm>

#include "load/check_context.hpp"

namespace onething::detail {
namespace {

/// True when the definition whose id key is at `at` had its period refused.
bool has_refused_period(const LoadState& state, const Location& at) {
    return std::any_of(state.refused_periods.begin(), state.refused_periods.end(),
                       [&](const Location& refused) {
                           return refused.line == at.line && refused.column == at.column &&
                                  refused.file.str() == at.file.str();
                       });
}

/// Sorts definitions by id (stable: file order within an id) and reports every definition whose
/// period shares a day with an earlier one of the same id, naming that place; keeps the others.
/// Undated definitions are in effect always, so a repeated id is always a duplicate; dated ones
/// (rule format 1.1) may repeat an id for periods with no day in common.
template <typename T, typename GetDefinition>
void remove_duplicates(std::vector<T>& definitions, LoadState& state, std::string_view kind,
                       GetDefinition get) {
    std::stable_sort(definitions.begin(), definitions.end(),
                     [&](const T& a, const T& b) { return get(a).id < get(b).id; });
    std::vector<T> kept;
    kept.reserve(definitions.size());
    std::size_t same_id = 0;  // where the kept definitions of the current id start
    for (T& definition : definitions) {
        const auto& current = get(definition);
        if (kept.empty() || get(kept.back()).id != current.id) {
            same_id = kept.size();
        }
        auto overlapping = std::find_if(
            kept.begin() + static_cast<std::ptrdiff_t>(same_id), kept.end(),
            [&](const T& earlier) { return get(earlier).period.overlaps(current.period); });
        if (overlapping == kept.end()) {
            kept.push_back(std::move(definition));
            continue;
        }
        const auto& first = get(*overlapping);
        // A refused period was read as "always": its own error stands, and the definition is
        // dropped without a duplicate error about days it never claimed.
        if (has_refused_period(state, current.location) ||
            has_refused_period(state, first.location)) {
            // Its days are unknown: no day of the id is reported as lacking a definition.
            state.refused_duplicates[std::string(kind) + " " + current.id].push_back(Period{});
            continue;
        }
        const std::string where = place(first.location);
        // Where a period is written when not in the definition's own file (an overlay gave it).
        const auto written_elsewhere = [&](const Location& id_key) {
            const auto written = state.period_places.find(place(id_key));
            return written != state.period_places.end() &&
                           written->second.file.str() != id_key.file.str()
                       ? " (written at " + place(written->second) + ")"
                       : std::string();
        };
        std::string message = "duplicate " + std::string(kind) + " id '" + current.id + "'";
        if (current.period.always() && first.period.always()) {
            message += "; first defined at " + where;
        } else {
            message += ": its period " + current.period.describe() +
                       written_elsewhere(current.location) + " shares days with the period " +
                       first.period.describe() + written_elsewhere(first.location) +
                       " of the definition at " + where +
                       "; one id may be defined several times only for periods with no day in "
                       "common (valid_from / valid_until, both inclusive)";
        }
        state.diagnostics.push_back(
            {Severity::error, "duplicate-id", std::move(message), current.location});
        state.refused_duplicates[std::string(kind) + " " + current.id].push_back(current.period);
    }
    definitions = std::move(kept);
}

/// True when some definition of `state` has a `valid_from` or `valid_until`.
bool has_dated_definitions(const LoadState& state) {
    auto dated = [](const auto& definition) { return !definition.period.always(); };
    return std::any_of(state.facts.begin(), state.facts.end(), dated) ||
           std::any_of(state.fields.begin(), state.fields.end(), dated) ||
           std::any_of(state.materials.begin(), state.materials.end(), dated) ||
           std::any_of(state.items.begin(), state.items.end(),
                       [&](const PendingItem& p) { return dated(p.item); }) ||
           std::any_of(state.bundles.begin(), state.bundles.end(),
                       [&](const PendingBundle& p) { return dated(p.bundle); });
}

}  // namespace

CheckedDefinitions check_definitions(LoadState& state, const DatedCheck* dated) {
    CheckContext context(state);
    context.dated = dated;
    std::vector<Condition> item_conditions, bundle_conditions;
    check_conditions(context, item_conditions, bundle_conditions);
    check_references(context);
    check_graph(context);

    CheckedDefinitions checked;
    checked.items.reserve(state.items.size());
    for (std::size_t i = 0; i < state.items.size(); ++i) {
        checked.items.push_back(std::move(state.items[i].item));
        checked.items.back().when = std::move(item_conditions[i]);
    }
    checked.bundles.reserve(state.bundles.size());
    for (std::size_t i = 0; i < state.bundles.size(); ++i) {
        checked.bundles.push_back(std::move(state.bundles[i].bundle));
        checked.bundles.back().when = std::move(bundle_conditions[i]);
    }
    checked.tests.reserve(state.tests.size());
    for (PendingTest& pending : state.tests) {
        checked.tests.push_back(std::move(pending.test));
    }
    // Everything was moved out: free the husks before the Catalog builds its index, or they
    // stay allocated (a capacity of PendingItems, 472 bytes each) through the peak.
    std::vector<PendingItem>().swap(state.items);
    std::vector<PendingBundle>().swap(state.bundles);
    std::vector<PendingTest>().swap(state.tests);
    checked.facts = std::move(state.facts);
    checked.fields = std::move(state.fields);
    checked.materials = std::move(state.materials);
    return checked;
}

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
    if (has_dated_definitions(state)) {
        return finish_dated_catalog(state);
    }
    CheckedDefinitions checked = check_definitions(state, nullptr);
    return Catalog(std::move(checked.facts), std::move(checked.fields),
                   std::move(checked.materials), std::move(checked.items),
                   std::move(checked.bundles), std::move(checked.tests));
}

}  // namespace onething::detail

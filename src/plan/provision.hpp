// The provider rules and the after-metric formulas of the contract (rule-format.md, "Meaning:
// from bundle to plan", step 2, and "Metrics"), written once. `evaluate` (plan/evaluate.cpp),
// the optimizer's bounds and leaf check (plan/bounds.cpp), the static facts behind the bounds
// (plan/joinable.cpp), the search's options (plan/search.cpp) and the plan's assembly take them
// from here; the rule for a need nothing in the plan produces is model/provision_rule.hpp, which
// the catalog index reads too. A change to a rule is made in one of these two files only.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "model/catalog_index.hpp"
#include "model/provision_rule.hpp"
#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething::detail {

/// Position of an item that is not selected, for `provide`'s `position_of`.
inline constexpr std::uint32_t not_selected = std::numeric_limits<std::uint32_t>::max();

/// The selected producers of a material or field need of the selected item at `consumer`: each
/// of `producers` (the catalog's producers of what is needed) that is selected, other than the
/// consumer, gives an edge to it; `position_of(item)` is an item's position in the selection
/// (`not_selected` when it is not), `edge(from)` is called once per such producer. True when
/// there is one: the need is then produced, never retrieved, submitted, prefilled or asked.
template <typename PositionOf, typename Edge>
bool produced_in_selection(std::span<const Index> producers, std::uint32_t consumer,
                           PositionOf&& position_of, Edge&& edge) {
    bool produced = false;
    for (Index producer : producers) {
        const std::uint32_t from = position_of(producer);
        if (from != not_selected && from != consumer) {
            edge(from);
            produced = true;
        }
    }
    return produced;
}

/// How a needed material or field (`Need`: `Material` or `Field`) is provided to
/// `consumer_item` (at position `consumer`) in a selection, in the contract's order of
/// preference: produced by a selected item (edges given to `edge`, as `produced_in_selection`),
/// else as `unproduced_provision` says (an e-licence, submitted, prefilled or asked, never
/// submitted to or asked for an automatic item); nullopt when nothing provides it.
template <typename Need, typename PositionOf, typename Edge>
std::optional<Provision> provide(const Need& need, std::span<const Index> producers,
                                 const Item& consumer_item, std::uint32_t consumer,
                                 PositionOf&& position_of, Edge&& edge) {
    if (produced_in_selection(producers, consumer, position_of, edge)) {
        return Provision::produced;
    }
    return unproduced_provision(need, consumer_item);
}

/// The days `item` takes in the bundle's schedule: its bundled duration where given.
inline double scheduled_days(const Item& item) {
    return item.bundled_duration_days.value_or(item.duration_days);
}

/// A figure in working days as the plan publishes it, and as the optimizer compares it: to a
/// billionth of a day (well below any duration a catalog writes), so that sums of fractional
/// durations read as written (0.7 + 0.1 days is 0.8, not 0.7999999999999999, and ties with a
/// plan of 0.8 days) and a difference within that of 0 is 0.
inline double published_days(double days) {
    if (!std::isfinite(days)) {
        return days;
    }
    const double rounded = std::round(days * 1e9) / 1e9;
    return rounded == 0 ? 0.0 : rounded;  // never -0
}

/// The finish day of `item` started on day `start` inside the bundle.
inline double finish_of(const Item& item, double start) {
    return start + scheduled_days(item);
}

/// In-person items per venue on a path ending at the item of `links`: `path` holds, by venue
/// (CatalogIndex::venues), the most on a path into it; the item's own visit is added.
inline void in_person_on_path(const ItemLinks& links, std::span<int> path) {
    if (links.venue >= 0) {
        ++path[static_cast<std::size_t>(links.venue)];
    }
}

/// What the after-metrics are made of, gathered over a selection; `after_metrics` makes them.
struct AfterTally {
    std::vector<int> most_in_person;  ///< by venue: the most in-person items on any one path
    bool applicant_item = false;      ///< a selected item is not automatic
    double outcome_days = 0;          ///< the finish day of the last item that is not deferred
    double payees = 0;                ///< distinct payees of the selected items
    double asked = 0;                 ///< distinct fields asked
    double submitted = 0;             ///< distinct materials submitted

    /// Empties the tally for a catalog with `venues` venues (keeps its memory).
    void reset(std::size_t venues) {
        most_in_person.assign(venues, 0);
        applicant_item = false;
        outcome_days = payees = asked = submitted = 0;
    }

    /// Takes one selected item.
    void selected(const ItemLinks& links) { applicant_item = applicant_item || !links.automatic; }

    /// Takes one item of the forward pass of the schedule: it finishes on day `finish` and
    /// ends a path with `in_person` in-person items by venue (`in_person_on_path`).
    void reached(bool deferred, double finish, std::span<const int> in_person) {
        for (std::size_t v = 0; v < most_in_person.size(); ++v) {
            most_in_person[v] = std::max(most_in_person[v], in_person[v]);
        }
        if (!deferred) {
            outcome_days = std::max(outcome_days, finish);
        }
    }
};

/// The after-metrics (rule-format.md, "Metrics", and version 1.1): steps are one application
/// when any selected item is not automatic, plus the visits (the sum over venues of the most
/// in-person items of the venue on one path) and the distinct payees; one form when any field
/// is asked.
inline Metrics after_metrics(const AfterTally& tally) {
    Metrics after;
    after.visits = 0;
    for (int most : tally.most_in_person) {
        after.visits += most;
    }
    after.steps = (tally.applicant_item ? 1 : 0) + after.visits + tally.payees;
    after.fields = tally.asked;
    after.forms = tally.asked > 0 ? 1 : 0;
    after.materials = tally.submitted;
    after.days = tally.outcome_days;
    return after;
}

}  // namespace onething::detail

// The optimizer's contract by brute force: every selection of a small catalog's items and
// every choice, ranked as the contract ranks them, and the repair rounds as the contract words
// them; what the exhaustive tests compare the optimizer with.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"
#include "plan/context.hpp"
#include "plan/evaluate.hpp"

namespace onething::testing {

/// The items of `mask` when they hold every goal and only applicable items, else nullopt;
/// each need's alternative is `choose(number of alternatives)`.
template <typename Choose>
std::optional<detail::Selection> selection_of(const detail::PlanContext& context,
                                              std::uint32_t mask, Choose choose) {
    detail::Selection selection;
    for (detail::Index item = 0; item < context.catalog.items().size(); ++item) {
        const bool in = (mask >> item) & 1u;
        const bool goal =
            std::find(context.goals.begin(), context.goals.end(), item) != context.goals.end();
        if ((in && context.applies(item) != Truth::yes) || (!in && goal)) {
            return std::nullopt;
        }
        if (in) {
            std::vector<std::uint16_t> choices;
            for (const auto& alternatives : context.links(item).material_needs) {
                if (alternatives.empty()) {
                    return std::nullopt;  // an any_of none of whose alternatives holds
                }
                choices.push_back(static_cast<std::uint16_t>(choose(alternatives.size())));
            }
            selection.items.push_back(item);
            selection.choices.push_back(std::move(choices));
        }
    }
    return selection;
}

/// The best candidate by exhaustive enumeration, straight from the contract's rules.
struct Reference {
    /// The bundle, facts and links the candidates are drawn from.
    const detail::PlanContext& context;
    /// The best candidate so far; nullopt while there is none.
    std::optional<detail::Selection> best;
    /// The best candidate's evaluation.
    detail::Evaluation best_evaluation;

    /// True when only a producing item can give `material` to `consumer`: not an e-licence,
    /// and not submittable or the consumer automatic (version 1.1).
    static bool only_produced(const Item& consumer, const Material& material);

    /// The after-metrics of a candidate `evaluate` accepts, by the contract's rules straight
    /// from the public model (ids, not the index): steps are 1 when an item is not automatic,
    /// plus the visits (per venue, the most in-person items of the venue on one path, summed)
    /// and the distinct payees; the schedule takes bundled durations. Nullopt when an automatic
    /// item has a material or field nothing provides.
    std::optional<Metrics> after_of(const detail::Selection& selection) const;

    /// Whether `selection` meets the selection rules (goals aside) with these choices.
    bool meets_rules(const detail::Selection& selection) const;

    /// Whether no single item other than a goal can be left out with the rules still met.
    bool minimal(const detail::Selection& selection) const;

    /// Ranks a valid candidate against the best so far.
    void consider(const detail::Selection& selection);

    /// Every subset of the applicable items holding the goals, with every choice.
    void run();

    /// Tries every alternative of every need from (k, j) on.
    void enumerate_choices(detail::Selection& selection, std::size_t k, std::size_t j);
};

/// The repair rounds as written in the contract's terms, recomputing everything each round:
/// drop every unneeded item that supplies nobody; when there is none, the unneeded item with
/// the largest id.
detail::Selection repaired_by_rounds(const detail::PlanContext& context,
                                     detail::Selection selection);

}  // namespace onething::testing

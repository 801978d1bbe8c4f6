// The optimizer against exhaustive enumeration on many small random catalogs: the plan must
// be the least candidate over every minimal selection and every choice, as the contract ranks
// them (the `optimize` tuple, then the sorted ids, then the any_of positions).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "exhaustive_reference.hpp"
#include "onething/error.hpp"
#include "onething/plan.hpp"
#include "plan/bounds.hpp"
#include "plan/context.hpp"
#include "plan/evaluate.hpp"
#include "plan/minimality.hpp"
#include "random_catalogs.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::detail::Index;
using onething::testing::random_catalog;
using onething::testing::random_maker_catalog;
using onething::testing::Reference;
using onething::testing::repaired_by_rounds;
using onething::testing::selection_of;

namespace {

/// What comparing the optimizer with exhaustive enumeration on one catalog gave.
enum class Compared { skipped, planned, refused };

/// Plans bundle `b` of `yaml` and checks the plan against exhaustive enumeration: the same
/// items, the same `optimize` metrics, the same choices, proven optimal.
Compared compare_with_reference(const std::string& yaml) {
    LoadResult loaded = testing::load_text(yaml);
    if (!loaded.ok()) {
        return Compared::skipped;  // e.g. a record needed by its only producer: the lint refuses it
    }
    const Catalog& catalog = loaded.catalog;
    const Bundle& bundle = *catalog.find_bundle("b");
    detail::PlanContext context(catalog, bundle, resolve_facts(catalog, {}));
    Reference reference{context, std::nullopt, {}};
    reference.run();
    INFO(yaml);
    if (!reference.best) {
        CHECK_THROWS_AS(make_plan(catalog, "b", {}), PlanError);
        return Compared::refused;
    }
    const Plan plan = make_plan(catalog, "b", {});
    CHECK(plan.optimal);
    std::vector<std::string> expected_ids;
    for (Index item : reference.best->items) {
        expected_ids.push_back(catalog.items()[item].id);
    }
    std::vector<std::string> planned_ids;
    for (const PlannedItem& item : plan.items) {
        planned_ids.emplace_back(item.id);
    }
    CHECK(planned_ids == expected_ids);
    for (Metric metric : bundle.optimize) {
        CHECK(plan.after.get(metric) == reference.best_evaluation.after.get(metric));
    }
    for (const Choice& choice : plan.choices) {
        const auto at = std::find(planned_ids.begin(), planned_ids.end(), choice.item);
        REQUIRE(at != planned_ids.end());
        const auto k = static_cast<std::size_t>(at - planned_ids.begin());
        // `need` is the position as written; the selection counts the needs that hold.
        std::size_t j = 0;
        while (context.written_need(reference.best->items[k], j) !=
               static_cast<std::uint32_t>(choice.need)) {
            ++j;
        }
        CHECK(choice.chosen == reference.best->choices[k][j]);
    }
    return Compared::planned;
}

}  // namespace

TEST_CASE("a selection that is not minimal is repaired as the rounds of the contract do",
          "[plan][optimizer][exhaustive]") {
    // Every selection of applicable items holding the goals that meets the rules, with its
    // first choices and with random ones: the repair keeps the rules, ends minimal, and drops
    // exactly what the rounds drop; is_minimal agrees with removing one item at a time.
    std::mt19937 random(20261128);
    int repairs = 0, checked = 0;
    for (int sample = 0; sample < 300; ++sample) {
        const std::string yaml = random_catalog(random, 7, sample % 3 == 2);
        LoadResult loaded = testing::load_text(yaml);
        if (!loaded.ok()) {
            continue;
        }
        const Catalog& catalog = loaded.catalog;
        detail::PlanContext context(catalog, *catalog.find_bundle("b"), resolve_facts(catalog, {}));
        const Reference reference{context, std::nullopt, {}};
        detail::Minimality minimality(context);
        INFO(yaml);
        const auto count = static_cast<Index>(catalog.items().size());
        for (std::uint32_t mask = 0; mask < (1u << count); ++mask) {
            auto chosen = selection_of(context, mask, [&](std::size_t alternatives) {
                return mask % 2 ? random() % alternatives : 0;
            });
            if (!chosen || !reference.meets_rules(*chosen)) {
                continue;
            }
            const detail::Selection& selection = *chosen;
            ++checked;
            const bool minimal = reference.minimal(selection);
            CHECK(minimality.is_minimal(selection) == minimal);
            if (minimal) {
                continue;
            }
            detail::Selection repaired = selection;
            minimality.make_minimal(repaired);
            CHECK(reference.meets_rules(repaired));
            CHECK(reference.minimal(repaired));
            const detail::Selection expected = repaired_by_rounds(context, selection);
            CHECK(repaired.items == expected.items);
            CHECK(repaired.choices == expected.choices);
            ++repairs;
        }
    }
    CHECK(checked >= 1000);
    CHECK(repairs >= 300);
}

TEST_CASE("the optimizer finds the exhaustive optimum on random small catalogs",
          "[plan][optimizer][exhaustive]") {
    std::mt19937 random(20261127);
    int compared = 0, without_plan = 0;
    for (int sample = 0; sample < 600; ++sample) {
        const bool papers = sample % 3 == 2;
        switch (compare_with_reference(random_catalog(random, papers ? 6 : 7, papers))) {
            case Compared::planned:
                ++compared;
                break;
            case Compared::refused:
                ++without_plan;
                break;
            case Compared::skipped:
                break;
        }
    }
    // The generator must exercise both outcomes (314 plans and 286 refusals with this seed).
    CHECK(compared >= 150);
    CHECK(without_plan >= 1);
}

TEST_CASE("the optimizer finds the exhaustive optimum with conditional needs",
          "[plan][optimizer][exhaustive][conditional-needs]") {
    // Needs, alternatives and prerequisites whose `when` is false do not exist: the reference
    // reads the conditions from the public model (after_of), the optimizer through
    // PlanContext::links; an any_of none of whose alternatives holds leaves no candidate.
    std::mt19937 random(20261202);
    int compared = 0, without_plan = 0;
    for (int sample = 0; sample < 400; ++sample) {
        const bool papers = sample % 3 == 2;
        switch (compare_with_reference(random_catalog(random, papers ? 6 : 7, papers, true))) {
            case Compared::planned:
                ++compared;
                break;
            case Compared::refused:
                ++without_plan;
                break;
            case Compared::skipped:
                break;
        }
    }
    INFO(compared << " plans, " << without_plan << " refusals");
    CHECK(compared >= 150);
    CHECK(without_plan >= 1);
}

TEST_CASE("the exhaustive optimum when makers of records also make papers and fields",
          "[plan][optimizer][exhaustive]") {
    // Free e-licences come before records among the alternatives, and the makers of records
    // make papers, other records and asked fields too: the shapes where stopping at the free
    // alternative, or a bound that counts what a maker could make, misses the optimum.
    std::mt19937 random(20260611);
    int compared = 0, without_plan = 0;
    for (int sample = 0; sample < 400; ++sample) {
        switch (compare_with_reference(random_maker_catalog(random, 6 + sample % 2))) {
            case Compared::planned:
                ++compared;
                break;
            case Compared::refused:
                ++without_plan;
                break;
            case Compared::skipped:
                break;
        }
    }
    INFO(compared << " plans, " << without_plan << " refusals");
    CHECK(compared >= 200);
    CHECK(without_plan >= 1);
}

TEST_CASE("the search's exact after-metrics are evaluate's on every complete candidate",
          "[plan][optimizer][bounds]") {
    // MetricsScratch::after(view, false) prices the search's leaves without evaluating them:
    // both take the providers and the formulas from plan/provision.hpp, and here they must agree
    // on every selection holding the goals and every choice, minimal or not, in any insertion
    // order. A candidate `evaluate` refuses for a cycle or a missing provider has no metrics;
    // one refused for deferral still has them (the search leaves deferral to `evaluate`).
    std::mt19937 random(20261130);
    int compared = 0, refused = 0;
    for (int sample = 0; sample < 320; ++sample) {
        const std::string yaml = sample % 2 ? random_maker_catalog(random, 6)
                                            : random_catalog(random, 6, sample % 4 == 2);
        LoadResult loaded = testing::load_text(yaml);
        if (!loaded.ok()) {
            continue;
        }
        const Catalog& catalog = loaded.catalog;
        detail::PlanContext context(catalog, *catalog.find_bundle("b"), resolve_facts(catalog, {}));
        detail::MetricsScratch scratch(context);
        INFO(yaml);
        const auto count = static_cast<Index>(catalog.items().size());
        for (std::uint32_t mask = 0; mask < (1u << count); ++mask) {
            auto chosen = selection_of(context, mask, [](std::size_t) { return 0; });
            if (!chosen) {
                continue;
            }
            detail::Selection& selection = *chosen;
            // The members in a random insertion order, as the search holds them.
            std::vector<Index> members = selection.items;
            std::shuffle(members.begin(), members.end(), random);
            std::vector<std::uint32_t> position(count, std::numeric_limits<std::uint32_t>::max());
            std::vector<std::int32_t> offset(count, -1);
            for (std::size_t m = 0; m < members.size(); ++m) {
                position[members[m]] = static_cast<std::uint32_t>(m);
            }
            auto check = [&]() {
                std::vector<std::uint16_t> choices;
                for (Index member : members) {
                    const auto k = static_cast<std::size_t>(
                        std::lower_bound(selection.items.begin(), selection.items.end(), member) -
                        selection.items.begin());
                    offset[member] = static_cast<std::int32_t>(choices.size());
                    choices.insert(choices.end(), selection.choices[k].begin(),
                                   selection.choices[k].end());
                }
                const auto after = scratch.after({members, position, offset, choices}, false);
                detail::Evaluation evaluation;
                const auto failure = detail::evaluate(context, selection, evaluation);
                if (failure && failure->code != "deferred-dependency") {
                    CHECK_FALSE(after);
                    ++refused;
                    return;
                }
                REQUIRE(after);
                for (Metric metric : all_metrics) {
                    CHECK(after->get(metric) == evaluation.after.get(metric));
                }
                ++compared;
            };
            // Every choice of every need, odometer style.
            for (;;) {
                check();
                std::size_t k = 0, j = 0;
                bool carried = true;
                for (; k < selection.items.size() && carried; ++k) {
                    const auto& needs = context.links(selection.items[k]).material_needs;
                    for (j = 0; j < needs.size() && carried; ++j) {
                        auto& choice = selection.choices[k][j];
                        choice = static_cast<std::uint16_t>((choice + 1) % needs[j].size());
                        carried = choice == 0;
                    }
                }
                if (carried) {
                    break;
                }
            }
        }
    }
    INFO(compared << " compared, " << refused << " refused");
    CHECK(compared >= 10000);
    CHECK(refused >= 1000);
}

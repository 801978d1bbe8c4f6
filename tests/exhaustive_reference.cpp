// The exhaustive reference: the contract's rules straight from the public model, no shortcut.
#include "exhaustive_reference.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <tuple>

namespace onething::testing {

using detail::Index;

bool Reference::only_produced(const Item& consumer, const Material& material) {
    return !material.e_license && (!material.submittable || consumer.automatic);
}

std::optional<Metrics> Reference::after_of(const detail::Selection& selection) const {
    const auto all_items = context.catalog.items();
    const std::size_t n = selection.items.size();
    auto item_at = [&](std::size_t k) -> const Item& { return all_items[selection.items[k]]; };
    auto holds = [&](const Condition& when) { return when.evaluate(context.facts) == Truth::yes; };
    auto lists = [](const std::vector<Ref>& refs, const std::string& id) {
        return std::any_of(refs.begin(), refs.end(), [&](const Ref& ref) { return ref.id == id; });
    };
    std::vector<std::vector<std::size_t>> before(n);
    std::vector<std::string> submitted, asked, payees, venues;
    bool applicant = false;
    for (std::size_t k = 0; k < n; ++k) {
        const Item& item = item_at(k);
        applicant = applicant || !item.automatic;
        if (item.payee) {
            payees.push_back(*item.payee);
        }
        if (item.in_person && !item.automatic) {
            venues.push_back(item.venue);
        }
        auto producers_of = [&](const std::string& id, bool material) {
            bool produced = false;
            for (std::size_t p = 0; p < n; ++p) {
                if (p != k &&
                    lists(material ? item_at(p).produces_materials : item_at(p).produces_fields,
                          id)) {
                    before[k].push_back(p);
                    produced = true;
                }
            }
            return produced;
        };
        for (std::size_t p = 0; p < n; ++p) {
            if (p != k && std::any_of(item.needs_items.begin(), item.needs_items.end(),
                                      [&](const ItemNeed& need) {
                                          return need.item.id == item_at(p).id && holds(need.when);
                                      })) {
                before[k].push_back(p);
            }
        }
        std::size_t j = 0;  // the position among the needs that hold
        for (const MaterialNeed& need : item.needs_materials) {
            if (!holds(need.when)) {
                continue;
            }
            std::vector<std::string> holding;
            for (std::size_t a = 0; a < need.alternatives.size(); ++a) {
                if (need.alternative_when.empty() || holds(need.alternative_when[a])) {
                    holding.push_back(need.alternatives[a].id);
                }
            }
            const std::string& id = holding.at(selection.choices[k][j++]);
            const Material& material = *context.catalog.find_material(id);
            if (producers_of(id, true) || material.e_license) {
                continue;
            }
            if (!material.submittable || item.automatic) {
                return std::nullopt;
            }
            submitted.push_back(id);
        }
        for (const FieldNeed& need : item.needs_fields) {
            if (!holds(need.when)) {
                continue;
            }
            const Field& field = *context.catalog.find_field(need.field.id);
            if (producers_of(need.field.id, false) || field.source == FieldSource::shared) {
                continue;
            }
            if (item.automatic) {
                return std::nullopt;
            }
            asked.push_back(need.field.id);
        }
    }
    for (auto* ids : {&submitted, &asked, &payees, &venues}) {
        std::sort(ids->begin(), ids->end());
        ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
    // Longest paths by relaxation, n rounds (the candidate has no cycle).
    std::vector<double> finish(n, 0);
    std::vector<std::vector<int>> path(n, std::vector<int>(venues.size(), 0));
    for (std::size_t round = 0; round < n; ++round) {
        for (std::size_t k = 0; k < n; ++k) {
            const Item& item = item_at(k);
            double start = 0;
            std::vector<int> counts(venues.size(), 0);
            for (std::size_t p : before[k]) {
                start = std::max(start, finish[p]);
                for (std::size_t v = 0; v < venues.size(); ++v) {
                    counts[v] = std::max(counts[v], path[p][v]);
                }
            }
            for (std::size_t v = 0; v < venues.size(); ++v) {
                counts[v] += item.in_person && !item.automatic && item.venue == venues[v];
            }
            finish[k] = start + item.bundled_duration_days.value_or(item.duration_days);
            path[k] = counts;
        }
    }
    Metrics after;
    for (std::size_t v = 0; v < venues.size(); ++v) {
        int most = 0;
        for (std::size_t k = 0; k < n; ++k) {
            most = std::max(most, path[k][v]);
        }
        after.visits += most;
    }
    for (std::size_t k = 0; k < n; ++k) {
        if (!context.deferred[selection.items[k]]) {
            after.days = std::max(after.days, finish[k]);
        }
    }
    after.steps = (applicant ? 1 : 0) + after.visits + static_cast<double>(payees.size());
    after.fields = static_cast<double>(asked.size());
    after.forms = asked.empty() ? 0 : 1;
    after.materials = static_cast<double>(submitted.size());
    return after;
}

bool Reference::meets_rules(const detail::Selection& selection) const {
    auto selected = [&](Index item) {
        return std::binary_search(selection.items.begin(), selection.items.end(), item);
    };
    for (std::size_t k = 0; k < selection.items.size(); ++k) {
        const Index item = selection.items[k];
        const detail::ItemLinks& links = context.links(item);
        for (Index prerequisite : links.prerequisites) {
            if (context.applies(prerequisite) == Truth::yes && !selected(prerequisite)) {
                return false;
            }
        }
        for (std::size_t j = 0; j < links.material_needs.size(); ++j) {
            const Index material = links.material_needs[j][selection.choices[k][j]];
            if (!only_produced(context.catalog.items()[item],
                               context.catalog.materials()[material])) {
                continue;
            }
            bool produced = false;
            for (Index producer : context.index.material_producers[material]) {
                produced = produced || (producer != item && selected(producer));
            }
            if (!produced) {
                return false;
            }
        }
    }
    return true;
}

bool Reference::minimal(const detail::Selection& selection) const {
    for (std::size_t k = 0; k < selection.items.size(); ++k) {
        if (std::find(context.goals.begin(), context.goals.end(), selection.items[k]) !=
            context.goals.end()) {
            continue;
        }
        detail::Selection smaller = selection;
        smaller.items.erase(smaller.items.begin() + static_cast<std::ptrdiff_t>(k));
        smaller.choices.erase(smaller.choices.begin() + static_cast<std::ptrdiff_t>(k));
        if (meets_rules(smaller)) {
            return false;
        }
    }
    return true;
}

void Reference::consider(const detail::Selection& selection) {
    if (!meets_rules(selection) || !minimal(selection)) {
        return;
    }
    detail::Evaluation evaluation;
    if (auto failure = detail::evaluate(context, selection, evaluation)) {
        if (failure->code == "no-provider" && after_of(selection)) {
            FAIL_CHECK("evaluate refuses a candidate the rules accept: " << failure->message);
        }
        return;
    }
    const auto after = after_of(selection);
    if (!after) {
        FAIL_CHECK("evaluate accepts a candidate with an automatic item's need unprovided");
        return;
    }
    for (Metric metric : all_metrics) {
        if (after->get(metric) != evaluation.after.get(metric)) {
            FAIL_CHECK("evaluate's " << metric_name(metric) << " " << evaluation.after.get(metric)
                                     << " is not the rules' " << after->get(metric));
            return;
        }
    }
    if (best) {
        for (Metric metric : context.bundle.optimize) {
            // Days as written: equal to a billionth of a day is a tie (0.7 + 0.1 and 0.8).
            const double scale = metric == Metric::days ? 1e9 : 1;
            const double mine = std::round(evaluation.after.get(metric) * scale);
            const double theirs = std::round(best_evaluation.after.get(metric) * scale);
            if (mine != theirs) {
                if (mine > theirs) {
                    return;
                }
                best = selection;
                best_evaluation = std::move(evaluation);
                return;
            }
        }
        if (std::tie(selection.items, selection.choices) >= std::tie(best->items, best->choices)) {
            return;
        }
    }
    best = selection;
    best_evaluation = std::move(evaluation);
}

void Reference::run() {
    const auto count = static_cast<Index>(context.catalog.items().size());
    for (std::uint32_t mask = 0; mask < (1u << count); ++mask) {
        if (auto selection = selection_of(context, mask, [](std::size_t) { return 0; })) {
            enumerate_choices(*selection, 0, 0);
        }
    }
}

void Reference::enumerate_choices(detail::Selection& selection, std::size_t k, std::size_t j) {
    if (k == selection.items.size()) {
        consider(selection);
        return;
    }
    const auto& needs = context.links(selection.items[k]).material_needs;
    if (j == needs.size()) {
        enumerate_choices(selection, k + 1, 0);
        return;
    }
    for (std::uint16_t a = 0; a < needs[j].size(); ++a) {
        selection.choices[k][j] = a;
        enumerate_choices(selection, k, j + 1);
    }
    selection.choices[k][j] = 0;
}

detail::Selection repaired_by_rounds(const detail::PlanContext& context,
                                     detail::Selection selection) {
    for (;;) {
        const std::size_t n = selection.items.size();
        std::vector<int> needed(n, 0), supplier(n, 0);
        auto local = [&](Index item) {
            auto at = std::lower_bound(selection.items.begin(), selection.items.end(), item);
            return at != selection.items.end() && *at == item
                       ? static_cast<std::size_t>(at - selection.items.begin())
                       : n;
        };
        for (Index goal : context.goals) {
            if (local(goal) < n) {
                needed[local(goal)] = 1;
            }
        }
        for (std::size_t k = 0; k < n; ++k) {
            const detail::ItemLinks& links = context.links(selection.items[k]);
            for (Index prerequisite : links.prerequisites) {
                if (local(prerequisite) < n && local(prerequisite) != k) {
                    needed[local(prerequisite)] = 1;
                }
            }
            for (std::size_t j = 0; j < links.material_needs.size(); ++j) {
                const Index material = links.material_needs[j][selection.choices[k][j]];
                if (!context.needs_producer(selection.items[k], material)) {
                    continue;
                }
                std::vector<std::size_t> producers;
                for (Index producer : context.index.material_producers[material]) {
                    if (local(producer) < n && local(producer) != k) {
                        producers.push_back(local(producer));
                        supplier[local(producer)] = 1;
                    }
                }
                if (producers.size() == 1) {
                    needed[producers.front()] = 1;
                }
            }
        }
        std::vector<int> drop(n, 0);
        bool any = false;
        for (std::size_t k = 0; k < n; ++k) {
            if (!needed[k] && !supplier[k]) {
                drop[k] = 1;
                any = true;
            }
        }
        for (std::size_t k = n; !any && k-- > 0;) {
            if (!needed[k]) {
                drop[k] = 1;
                any = true;
            }
        }
        if (!any) {
            return selection;
        }
        detail::Selection kept;
        for (std::size_t k = 0; k < n; ++k) {
            if (!drop[k]) {
                kept.items.push_back(selection.items[k]);
                kept.choices.push_back(selection.choices[k]);
            }
        }
        selection = std::move(kept);
    }
}

}  // namespace onething::testing

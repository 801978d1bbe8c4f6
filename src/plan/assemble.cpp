// Turning the chosen candidate into the public Plan value.
#include "plan/assemble.hpp"

#include "plan/id_storage.hpp"
#include "plan/provision.hpp"
#include "plan/thread_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace onething::detail {
namespace {

constexpr double epsilon = 1e-9;

/// Where the plan's ids are made: selected items by local position (`Plan::items`), materials
/// and fields by catalog position, each copied once into the plan's text.
struct Ids {
    const Plan& plan;   ///< its items hold the selected items' ids
    PlanIds materials;  ///< by material position
    PlanIds fields;     ///< by field position
    /// The id of the selected item at local position `k`.
    PlanId item(std::size_t k) const { return plan.items[k].id; }
};

/// Reasons why each selected item is there.
void add_reasons(const PlanContext& context, const Selection& selection,
                 const Evaluation& evaluation, Ids& ids, Plan& plan) {
    const auto materials = context.catalog.materials();
    const std::size_t n = selection.items.size();
    auto local = [&](Index item) {
        auto found = std::lower_bound(selection.items.begin(), selection.items.end(), item);
        return found != selection.items.end() && *found == item
                   ? static_cast<std::size_t>(found - selection.items.begin())
                   : n;
    };
    for (Index goal : context.goals) {
        const std::size_t k = local(goal);
        if (k < n) {
            plan.items[k].reasons.push_back({Reason::Kind::goal, {}, {}});
        }
    }
    // From each selected item to the selected prerequisites it lists (each listed once).
    for (std::size_t other = 0; other < n; ++other) {
        const auto& prerequisites = context.links(selection.items[other]).prerequisites;
        for (auto it = prerequisites.begin(); it != prerequisites.end(); ++it) {
            const std::size_t k = local(*it);
            if (k < n && k != other && std::find(prerequisites.begin(), it, *it) == it) {
                plan.items[k].reasons.push_back({Reason::Kind::prerequisite, ids.item(other), {}});
            }
        }
    }
    for (const LocalEdge& edge : evaluation.edges) {
        if (edge.kind == EdgeKind::material) {
            plan.items[edge.from].reasons.push_back(
                {Reason::Kind::producer, ids.item(edge.to),
                 ids.materials.get(edge.via, materials[edge.via].id)});
        }
    }
    for (PlannedItem& planned : plan.items) {
        std::sort(
            planned.reasons.begin(), planned.reasons.end(), [](const Reason& a, const Reason& b) {
                return std::tie(a.kind, a.item, a.material) < std::tie(b.kind, b.item, b.material);
            });
    }
}

/// The critical path: back from the outcome through zero-slack predecessors. It ends at the
/// first item, by id, that finishes at the outcome and is followed by no item finishing there
/// too (a zero-day item after it), so that a path is never cut short before its last items.
std::vector<PlanId> critical_path(const PlanContext& context, const Selection& selection,
                                  const Evaluation& evaluation, const Ids& ids) {
    const std::size_t n = selection.items.size();
    auto at_outcome = [&](std::size_t k) {
        return !context.deferred[selection.items[k]] &&
               std::abs(evaluation.earliest_finish[k] - evaluation.outcome_days) < epsilon;
    };
    std::vector<bool> followed(n, false);  // by local position: an item at the outcome follows
    for (std::size_t k = 0; k < n; ++k) {
        if (at_outcome(k)) {
            for (std::uint32_t p : evaluation.predecessors[k]) {
                followed[p] = true;
            }
        }
    }
    std::size_t at = n;
    for (std::size_t k = 0; k < n; ++k) {
        if (at_outcome(k) && !followed[k]) {
            at = k;
            break;
        }
    }
    std::vector<PlanId> path;
    while (at < n) {
        path.push_back(ids.item(at));
        std::size_t next = n;
        for (std::uint32_t p : evaluation.predecessors[at]) {
            if (std::abs(evaluation.earliest_finish[p] - evaluation.earliest_start[at]) < epsilon &&
                std::abs(evaluation.latest_start[p] - evaluation.earliest_start[p]) < epsilon) {
                next = p;
                break;
            }
        }
        at = next;
    }
    std::reverse(path.begin(), path.end());
    return path;
}

/// One fact about a material or field of the plan: `item` (a local position) needs it, or
/// produces it for a consumer; `what` is provided to that consumer as `provision`.
struct Provided {
    Index what = 0;                             ///< material or field position
    Provision provision = Provision::produced;  ///< how it reaches the consumer
    bool producer = false;                      ///< item produces it (else needs it)
    std::uint32_t item = 0;                     ///< local position of the item
};

/// Sorts facts by (what, provision, producer, item). When the plan uses much of the catalog,
/// bucketed by `what` (a counting sort over the catalog's `kinds` positions) and each small
/// bucket sorted: far fewer moves than one sort of every fact. When the facts are few for the
/// catalog (a small plan on a large catalog), one sort, rather than a bucket per definition.
void sort_facts(std::size_t kinds, std::vector<Provided>& facts) {
    auto order = [](const Provided& a, const Provided& b) {
        return std::tie(a.what, a.provision, a.producer, a.item) <
               std::tie(b.what, b.provision, b.producer, b.item);
    };
    if (facts.size() * 8 < kinds) {
        std::sort(facts.begin(), facts.end(), order);
        return;
    }
    std::vector<std::uint32_t> first(kinds + 1, 0);
    for (const Provided& fact : facts) {
        ++first[fact.what + 1];
    }
    for (std::size_t what = 0; what < kinds; ++what) {
        first[what + 1] += first[what];
    }
    std::vector<Provided> sorted(facts.size());
    {
        std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
        for (const Provided& fact : facts) {
            sorted[next[fact.what]++] = fact;
        }
    }
    facts.swap(sorted);
    for (std::size_t what = 0; what < kinds; ++what) {
        std::sort(facts.begin() + first[what], facts.begin() + first[what + 1], order);
    }
}

/// Groups facts by (what, provision) in that order, as MaterialUse or FieldUse values with
/// sorted, unique producer and consumer ids: `make(what, provision, producers, needed_by)`;
/// `kinds` is the number of materials (or fields) of the catalog.
template <typename Make>
void group_uses(const Ids& ids, std::size_t kinds, std::vector<Provided>& facts, Make make) {
    sort_facts(kinds, facts);
    for (std::size_t at = 0; at < facts.size();) {
        const Index what = facts[at].what;
        const Provision provision = facts[at].provision;
        std::vector<PlanId> producers, needed_by;
        for (; at < facts.size() && facts[at].what == what && facts[at].provision == provision;
             ++at) {
            auto& list = facts[at].producer ? producers : needed_by;
            const bool repeated = at > 0 && facts[at - 1].what == what &&
                                  facts[at - 1].provision == provision &&
                                  facts[at - 1].producer == facts[at].producer &&
                                  facts[at - 1].item == facts[at].item;
            if (!repeated) {
                list.push_back(ids.item(facts[at].item));
            }
        }
        make(what, provision, std::move(producers), std::move(needed_by));
    }
}

/// How each chosen material and each needed field is provided.
void add_providers(const PlanContext& context, const Selection& selection,
                   const Evaluation& evaluation, Ids& ids, Plan& plan) {
    const auto materials = context.catalog.materials();
    const auto fields = context.catalog.fields();
    // Facts collected in flat vectors, then sorted and grouped: no map node per use. An
    // item's incoming edges are sorted by producer, not by what they carry: one pass over them
    // records the producer facts and marks what arrives by an edge (marks stamped per item).
    std::vector<Provided> material_facts, field_facts;
    std::size_t material_needs = 0, field_needs = 0;
    for (Index item : selection.items) {
        material_needs += context.links(item).material_needs.size();
        field_needs += context.links(item).field_needs.size();
    }
    material_facts.reserve(material_needs + evaluation.edges.size());
    field_facts.reserve(field_needs + evaluation.edges.size());
    ThreadTable<std::uint32_t> material_mark(materials.size(), 0), field_mark(fields.size(), 0);
    auto edge = evaluation.edges.begin();
    for (std::uint32_t k = 0; k < selection.items.size(); ++k) {
        const std::uint32_t stamp = k + 1;
        for (; edge != evaluation.edges.end() && edge->to == k; ++edge) {
            if (edge->kind == EdgeKind::material) {
                material_facts.push_back({edge->via, Provision::produced, true, edge->from});
                material_mark.set(edge->via, stamp);
            } else if (edge->kind == EdgeKind::field) {
                field_facts.push_back({edge->via, Provision::produced, true, edge->from});
                field_mark.set(edge->via, stamp);
            }
        }
        const ItemLinks& links = context.links(selection.items[k]);
        const Item& consumer = context.catalog.items()[selection.items[k]];
        for (std::size_t j = 0; j < links.material_needs.size(); ++j) {
            const Index material = links.material_needs[j][selection.choices[k][j]];
            // Not produced: retrieved or submitted (`evaluate` refused a material nobody
            // provides).
            const Provision provision = material_mark[material] == stamp
                                            ? Provision::produced
                                            : unproduced_provision(materials[material], consumer)
                                                  .value_or(Provision::submitted);
            material_facts.push_back({material, provision, false, k});
        }
        for (Index field : links.field_needs) {
            // (`evaluate` refused an automatic item's field nobody provides.)
            const Provision provision =
                field_mark[field] == stamp
                    ? Provision::produced
                    : unproduced_provision(fields[field], consumer).value_or(Provision::asked);
            field_facts.push_back({field, provision, false, k});
        }
    }
    group_uses(ids, materials.size(), material_facts,
               [&](Index what, Provision provision, std::vector<PlanId> producers,
                   std::vector<PlanId> needed_by) {
                   plan.materials.push_back({ids.materials.get(what, materials[what].id), provision,
                                             std::move(producers), std::move(needed_by)});
               });
    group_uses(ids, fields.size(), field_facts,
               [&](Index what, Provision provision, std::vector<PlanId> producers,
                   std::vector<PlanId> needed_by) {
                   plan.fields.push_back({ids.fields.get(what, fields[what].id), provision,
                                          std::move(producers), std::move(needed_by)});
               });
}

/// The any_of decisions and the goals and prerequisites left out by their conditions.
void add_choices_and_exclusions(const PlanContext& context, const Selection& selection, Ids& ids,
                                Plan& plan) {
    const auto items = context.catalog.items();
    const auto materials = context.catalog.materials();
    for (std::size_t k = 0; k < selection.items.size(); ++k) {
        const Index item = selection.items[k];
        const auto& needs = context.links(item).material_needs;
        const bool conditional = context.index.items[item].conditional != nullptr;
        for (std::size_t j = 0; j < needs.size(); ++j) {
            // A choice among the written alternatives, some of which may not hold.
            const std::uint32_t written = context.written_need(item, j);
            if ((conditional ? items[item].needs_materials[written].alternatives.size()
                             : needs[j].size()) < 2) {
                continue;
            }
            Choice choice{ids.item(k), static_cast<int>(written), {}, selection.choices[k][j]};
            choice.alternatives.reserve(needs[j].size());
            for (Index material : needs[j]) {
                choice.alternatives.push_back(ids.materials.get(material, materials[material].id));
            }
            plan.choices.push_back(std::move(choice));
        }
        for (Index prerequisite : context.links(item).prerequisites) {
            if (context.applies(prerequisite) == Truth::no) {
                plan.excluded.push_back({items[prerequisite].id,
                                         "prerequisite of " + items[item].id,
                                         items[prerequisite].when.source()});
            }
        }
        // Prerequisites not needed for this applicant: their need's `when` is false.
        for (const ItemNeed& need : items[item].needs_items) {
            const Item* prerequisite = context.catalog.find_item(need.item.id);
            if (!need.when.always() && need.when.evaluate(context.facts) == Truth::no &&
                prerequisite &&
                !std::binary_search(selection.items.begin(), selection.items.end(),
                                    static_cast<Index>(prerequisite - items.data()))) {
                plan.excluded.push_back(
                    {need.item.id, "prerequisite of " + items[item].id, need.when.source()});
            }
        }
    }
    for (Index goal : context.listed_goals) {
        if (context.applies(goal) == Truth::no) {
            plan.excluded.push_back({items[goal].id, "goal", items[goal].when.source()});
        }
    }
    std::sort(plan.excluded.begin(), plan.excluded.end(),
              [](const Exclusion& a, const Exclusion& b) {
                  return std::tie(a.item, a.role) < std::tie(b.item, b.role);
              });
    plan.excluded.erase(std::unique(plan.excluded.begin(), plan.excluded.end(),
                                    [](const Exclusion& a, const Exclusion& b) {
                                        return a.item == b.item && a.role == b.role;
                                    }),
                        plan.excluded.end());
}

}  // namespace

Plan assemble_plan(const PlanContext& context, const Selection& selection,
                   const Evaluation& evaluation) {
    const auto items = context.catalog.items();
    const auto materials = context.catalog.materials();
    const auto fields = context.catalog.fields();
    IdStorage text;
    Plan plan;
    plan.text = text.share();
    plan.bundle = context.bundle.id;
    plan.optimize = context.bundle.optimize;
    const std::size_t n = selection.items.size();
    plan.items.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        plan.items[k].id = text.add(items[selection.items[k]].id);
    }
    Ids ids{plan, PlanIds(text, materials.size()), PlanIds(text, fields.size())};
    int stages = 0;
    for (std::size_t k = 0; k < n; ++k) {
        PlannedItem& planned = plan.items[k];
        planned.deferred = context.deferred[selection.items[k]] != 0;
        planned.stage = evaluation.stage[k];
        planned.earliest_start = published_days(evaluation.earliest_start[k]);
        planned.earliest_finish = published_days(evaluation.earliest_finish[k]);
        planned.latest_start = published_days(evaluation.latest_start[k]);
        planned.latest_finish = published_days(evaluation.latest_finish[k]);
        planned.slack = evaluation.latest_start[k] - evaluation.earliest_start[k];
        planned.slack = std::abs(planned.slack) < epsilon ? 0 : published_days(planned.slack);
        planned.critical = !planned.deferred && planned.slack == 0;
        planned.after.reserve(evaluation.predecessors[k].size());
        for (std::uint32_t p : evaluation.predecessors[k]) {
            planned.after.push_back(ids.item(p));
        }
        stages = std::max(stages, planned.stage + 1);
        // The field needs whose `when` is false: the merged form applies no narrowing of theirs.
        planned.absent_field_needs = context.absent_field_needs(selection.items[k]);
    }
    plan.stages.resize(static_cast<std::size_t>(stages));
    for (const PlannedItem& planned : plan.items) {
        plan.stages[static_cast<std::size_t>(planned.stage)].push_back(planned.id);
    }
    // Local positions, and material and field positions, are in id order: sorting the edges
    // by their integers orders them as their ids would, without comparing strings.
    std::vector<const LocalEdge*> edges;
    edges.reserve(evaluation.edges.size());
    for (const LocalEdge& edge : evaluation.edges) {
        edges.push_back(&edge);
    }
    std::sort(edges.begin(), edges.end(), [](const LocalEdge* a, const LocalEdge* b) {
        return std::tie(a->from, a->to, a->kind, a->via) <
               std::tie(b->from, b->to, b->kind, b->via);
    });
    plan.edges.reserve(edges.size());
    for (const LocalEdge* edge : edges) {
        plan.edges.push_back({ids.item(edge->from), ids.item(edge->to), edge->kind,
                              edge->kind == EdgeKind::material
                                  ? ids.materials.get(edge->via, materials[edge->via].id)
                              : edge->kind == EdgeKind::field
                                  ? ids.fields.get(edge->via, fields[edge->via].id)
                                  : PlanId()});
    }
    plan.critical_path = critical_path(context, selection, evaluation, ids);
    plan.outcome_days = published_days(evaluation.outcome_days);
    plan.completion_days = published_days(evaluation.completion_days);
    plan.before = evaluation.before;
    plan.after = evaluation.after;
    plan.before.days = published_days(plan.before.days);
    plan.after.days = published_days(plan.after.days);
    add_reasons(context, selection, evaluation, ids, plan);
    add_providers(context, selection, evaluation, ids, plan);
    add_choices_and_exclusions(context, selection, ids, plan);
    return plan;
}

}  // namespace onething::detail

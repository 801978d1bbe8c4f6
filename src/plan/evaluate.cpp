// Evaluating a candidate selection: providers, the graph (Boost.Graph), CPM schedule, metrics.
#include "plan/evaluate.hpp"

#include "model/cycle_text.hpp"
#include "plan/provision.hpp"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <limits>
#include <span>
#include <tuple>

namespace onething::detail {

std::string no_provider_remedy(bool automatic, bool field) {
    if (field) {
        return "; make the field 'source: shared', add an item that produces it, or make the "
               "item not automatic";
    }
    return automatic ? "; make the material an e-licence, add an item that produces it, or make "
                       "the item not automatic"
                     : "; make the material submittable or an e-licence, or add an item that "
                       "produces it";
}

namespace {

/// The dependency graph: compressed rows, a few arrays per candidate rather than two vectors
/// per item (a candidate is evaluated at every leaf the search keeps).
using Graph = boost::compressed_sparse_row_graph<boost::directedS>;
constexpr std::uint32_t absent = not_selected;
constexpr std::uint16_t undecided = std::numeric_limits<std::uint16_t>::max();

/// Local position of catalog item `item` in the sorted selection, or `absent`.
std::uint32_t local_of(const std::vector<Index>& items, Index item) {
    auto found = std::lower_bound(items.begin(), items.end(), item);
    return found != items.end() && *found == item
               ? static_cast<std::uint32_t>(found - items.begin())
               : absent;
}

/// Sorts and removes duplicates.
template <typename T>
void sort_unique(std::vector<T>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

/// Finds providers and edges; fails when a chosen material has no provider.
std::optional<Failure> connect(const PlanContext& context, const Selection& selection,
                               Evaluation& out) {
    const auto& items = selection.items;
    const auto materials = context.catalog.materials();
    const auto fields = context.catalog.fields();
    auto position_of = [&](Index item) { return local_of(items, item); };
    for (std::uint32_t k = 0; k < items.size(); ++k) {
        const ItemLinks& links = context.links(items[k]);
        const Item& consumer = context.catalog.items()[items[k]];
        for (Index prerequisite : links.prerequisites) {
            const std::uint32_t from = local_of(items, prerequisite);
            if (from != absent && from != k) {
                out.edges.push_back({from, k, EdgeKind::prerequisite, 0});
            }
        }
        for (std::size_t j = 0; j < links.material_needs.size(); ++j) {
            const std::uint16_t choice = selection.choices[k][j];
            if (choice == undecided) {
                continue;
            }
            const Index material = links.material_needs[j][choice];
            const auto provision =
                provide(materials[material], context.index.material_producers[material], consumer,
                        k, position_of, [&](std::uint32_t from) {
                            out.edges.push_back({from, k, EdgeKind::material, material});
                        });
            if (provision == Provision::e_license) {
                out.retrieved.push_back(material);
            } else if (provision == Provision::submitted) {
                out.submitted.push_back(material);
            } else if (!provision) {
                return Failure{
                    "no-provider",
                    "material '" + materials[material].id + "' needed by item '" +
                        context.catalog.items()[items[k]].id +
                        (consumer.automatic ? "' is not an e-licence and the item is automatic, "
                                              "and no selected item produces it"
                                            : "' is neither submittable nor an e-licence, and no "
                                              "selected item produces it") +
                        no_provider_remedy(consumer.automatic, false)};
            }
        }
        for (Index field : links.field_needs) {
            const auto provision =
                provide(fields[field], context.index.field_producers[field], consumer, k,
                        position_of, [&](std::uint32_t from) {
                            out.edges.push_back({from, k, EdgeKind::field, field});
                        });
            if (!provision) {
                return Failure{"no-provider", "field '" + fields[field].id +
                                                  "' needed by automatic item '" + consumer.id +
                                                  "' is not shared, and no selected item "
                                                  "produces it" +
                                                  no_provider_remedy(true, true)};
            }
            if (provision == Provision::shared) {
                out.prefilled.push_back(field);
            } else if (provision == Provision::asked) {
                out.asked.push_back(field);
            }
        }
    }
    std::sort(out.edges.begin(), out.edges.end(), [](const LocalEdge& a, const LocalEdge& b) {
        return std::tie(a.to, a.from, a.kind, a.via) < std::tie(b.to, b.from, b.kind, b.via);
    });
    out.edges.erase(std::unique(out.edges.begin(), out.edges.end(),
                                [](const LocalEdge& a, const LocalEdge& b) {
                                    return std::tie(a.to, a.from, a.kind, a.via) ==
                                           std::tie(b.to, b.from, b.kind, b.via);
                                }),
                    out.edges.end());
    sort_unique(out.submitted);
    sort_unique(out.retrieved);
    sort_unique(out.asked);
    sort_unique(out.prefilled);
    out.predecessors.assign(items.size(), {});
    for (const LocalEdge& edge : out.edges) {
        auto& list = out.predecessors[edge.to];
        if (list.empty() || list.back() != edge.from) {
            list.push_back(edge.from);
        }
    }
    return std::nullopt;
}

/// What the cycle's links that no `needs: items` writes say: "; b waits for d, which produces
/// material 'm1' that b needs" for each (the first three), and what follows from it. A
/// prerequisite link is in the rule files as it is; a producer's link is the planner's (a
/// produced material is never submitted, rule-format.md, "Providers").
std::string produced_links(const PlanContext& context, const Selection& selection,
                           const std::vector<std::uint32_t>& cycle, const Evaluation& out) {
    constexpr std::size_t links_named = 3;
    const auto items = context.catalog.items();
    std::string text;
    std::size_t named = 0;
    for (std::size_t at = 0; at < cycle.size() && named < links_named; ++at) {
        const std::uint32_t waiting = cycle[at];
        const std::uint32_t awaited = cycle[(at + 1) % cycle.size()];
        // The edges are sorted by (to, from, kind, via), a prerequisite first among a pair's.
        const auto first = std::lower_bound(
            out.edges.begin(), out.edges.end(), std::pair{waiting, awaited},
            [](const LocalEdge& edge, const std::pair<std::uint32_t, std::uint32_t>& pair) {
                return std::pair{edge.to, edge.from} < pair;
            });
        if (first == out.edges.end() || first->to != waiting || first->from != awaited ||
            first->kind == EdgeKind::prerequisite) {
            continue;
        }
        const LocalEdge* const produced = &*first;
        const std::string_view via = produced->kind == EdgeKind::material
                                         ? context.catalog.materials()[produced->via].id
                                         : context.catalog.fields()[produced->via].id;
        const std::string_view consumer = items[selection.items[waiting]].id;
        text += detail::produced_link_text(consumer, items[selection.items[awaited]].id,
                                           produced->kind == EdgeKind::field, via);
        ++named;
    }
    if (named > 0) {
        text += " (" + std::string(detail::produced_link_reason) +
                ", so such a link holds whenever both items are planned: a cycle of them needs "
                "one link changed in the rule files)";
    }
    return text;
}

/// A readable cycle among nodes left over by a failed topological sort.
Failure describe_cycle(const PlanContext& context, const Selection& selection,
                       const Evaluation& out) {
    const std::size_t n = selection.items.size();
    // Kahn's algorithm marks the nodes that are not on or behind a cycle.
    std::vector<std::size_t> pending(n, 0);
    std::vector<std::vector<std::uint32_t>> successors(n);
    for (std::uint32_t k = 0; k < n; ++k) {
        pending[k] = out.predecessors[k].size();
        for (std::uint32_t p : out.predecessors[k]) {
            successors[p].push_back(k);
        }
    }
    std::vector<std::uint32_t> ready;
    for (std::uint32_t k = 0; k < n; ++k) {
        if (pending[k] == 0) {
            ready.push_back(k);
        }
    }
    std::vector<bool> done(n, false);
    while (!ready.empty()) {
        const std::uint32_t k = ready.back();
        ready.pop_back();
        done[k] = true;
        for (std::uint32_t s : successors[k]) {
            if (--pending[s] == 0) {
                ready.push_back(s);
            }
        }
    }
    std::uint32_t at = 0;
    while (at < n && done[at]) {
        ++at;
    }
    // Walk predecessors (x depends on p) until a node repeats.
    std::vector<std::uint32_t> walk;
    std::vector<std::size_t> seen_at(n, n);
    while (seen_at[at] == n) {
        seen_at[at] = walk.size();
        walk.push_back(at);
        for (std::uint32_t p : out.predecessors[at]) {
            if (!done[p]) {
                at = p;
                break;
            }
        }
    }
    std::vector<std::uint32_t> cycle(walk.begin() + static_cast<std::ptrdiff_t>(seen_at[at]),
                                     walk.end());
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    const auto items = context.catalog.items();
    std::vector<std::string_view> ids;
    ids.reserve(cycle.size());
    for (std::uint32_t k : cycle) {
        ids.push_back(items[selection.items[k]].id);
    }
    return Failure{"cycle",
                   detail::cycle_text(ids) + produced_links(context, selection, cycle, out)};
}

/// Checks that no item outside `defer` waits for a deferred one.
std::optional<Failure> check_deferral(const PlanContext& context, const Selection& selection,
                                      const std::vector<std::uint32_t>& order,
                                      const Evaluation& out) {
    const std::size_t n = selection.items.size();
    std::vector<std::uint32_t> deferred_ancestor(n, absent);
    for (std::uint32_t k : order) {
        if (context.deferred[selection.items[k]]) {
            deferred_ancestor[k] = k;
            continue;
        }
        for (std::uint32_t p : out.predecessors[k]) {
            if (deferred_ancestor[p] != absent) {
                const auto items = context.catalog.items();
                return Failure{"deferred-dependency",
                               "item '" + items[selection.items[k]].id +
                                   "' is not deferred but depends on deferred item '" +
                                   items[selection.items[deferred_ancestor[p]]].id +
                                   "'; defer it too or remove the dependency"};
            }
        }
    }
    return std::nullopt;
}

/// Earliest and latest times, stages and the after/before metrics.
void schedule(const PlanContext& context, const Selection& selection,
              const std::vector<std::uint32_t>& order, Evaluation& out) {
    const std::size_t n = selection.items.size();
    const auto items = context.catalog.items();
    out.earliest_start.assign(n, 0);
    out.earliest_finish.assign(n, 0);
    out.stage.assign(n, 0);
    const std::size_t venues = context.index.venues.size();
    std::vector<int> in_person_path(n * venues, 0);  // by local position, then venue
    auto path_of = [&](std::uint32_t k) {
        return std::span<int>(in_person_path.data() + k * venues, venues);
    };
    AfterTally tally;
    tally.reset(venues);
    for (std::uint32_t k : order) {
        const Item& item = items[selection.items[k]];
        const std::span<int> path = path_of(k);
        double start = 0;
        int level = 0;
        for (std::uint32_t p : out.predecessors[k]) {
            start = std::max(start, out.earliest_finish[p]);
            level = std::max(level, out.stage[p] + 1);
            const std::span<int> before = path_of(p);
            for (std::size_t v = 0; v < venues; ++v) {
                path[v] = std::max(path[v], before[v]);
            }
        }
        out.earliest_start[k] = start;
        out.earliest_finish[k] = finish_of(item, start);
        out.stage[k] = level;
        in_person_on_path(context.links(selection.items[k]), path);
        const bool deferred = context.deferred[selection.items[k]];
        tally.reached(deferred, out.earliest_finish[k], path);
        if (deferred) {
            out.completion_days = std::max(out.completion_days, out.earliest_finish[k]);
        }
    }
    out.outcome_days = tally.outcome_days;
    out.completion_days = std::max(out.completion_days, out.outcome_days);
    out.latest_finish.assign(n, 0);
    out.latest_start.assign(n, 0);
    for (std::uint32_t k = 0; k < n; ++k) {
        out.latest_finish[k] =
            context.deferred[selection.items[k]] ? out.completion_days : out.outcome_days;
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const std::uint32_t k = *it;
        out.latest_start[k] = out.latest_finish[k] - scheduled_days(items[selection.items[k]]);
        for (std::uint32_t p : out.predecessors[k]) {
            out.latest_finish[p] = std::min(out.latest_finish[p], out.latest_start[k]);
        }
    }
    std::vector<std::int32_t> payees;
    Metrics& before = out.before;
    for (Index i : selection.items) {
        const Item& item = items[i];
        const ItemLinks& links = context.links(i);
        before.steps += item.steps;
        before.forms += links.field_needs.empty() ? 0 : 1;
        before.fields += static_cast<double>(links.field_needs.size());
        before.materials += static_cast<double>(links.material_needs.size());
        before.visits += item.visits;
        before.days += item.duration_days;
        tally.selected(links);
        if (links.payee >= 0) {
            payees.push_back(links.payee);
        }
    }
    sort_unique(payees);
    tally.payees = static_cast<double>(payees.size());
    tally.asked = static_cast<double>(out.asked.size());
    tally.submitted = static_cast<double>(out.submitted.size());
    out.after = after_metrics(tally);
}

}  // namespace

std::optional<Failure> evaluate(const PlanContext& context, const Selection& selection,
                                Evaluation& out) {
    out = Evaluation{};
    if (auto failure = connect(context, selection, out)) {
        return failure;
    }
    const std::size_t n = selection.items.size();
    // Edges listed by target; the graph's constructor orders them by source with a stable
    // counting sort, so each item's successors come in ascending order, the order the
    // depth-first topological sort visits them in.
    std::vector<std::pair<std::size_t, std::size_t>> edges;
    for (std::uint32_t k = 0; k < n; ++k) {
        for (std::uint32_t p : out.predecessors[k]) {
            edges.emplace_back(p, k);
        }
    }
    const Graph graph(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), n);
    std::vector<std::size_t> reversed;
    reversed.reserve(n);
    try {
        boost::topological_sort(graph, std::back_inserter(reversed));
    } catch (const boost::not_a_dag&) {
        return describe_cycle(context, selection, out);
    }
    const std::vector<std::uint32_t> order(reversed.rbegin(), reversed.rend());
    if (auto failure = check_deferral(context, selection, order, out)) {
        return failure;
    }
    schedule(context, selection, order, out);
    return std::nullopt;
}

}  // namespace onething::detail

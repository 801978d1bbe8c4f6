// Catalog-wide graph checks: prerequisite cycles, cycles every plan hits through materials only
// producers provide, unprovidable materials, multiple producers, deferred items no goal reaches,
// and per bundle what every plan selects: deferred items it needs, cycles through producers.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/check_context.hpp"
#include "model/cycle_text.hpp"
#include "model/provision_rule.hpp"

namespace onething::detail {
namespace {

/// The position of the item that `need`, a prerequisite of item `item`, names, when every plan
/// selecting `item` selects it too: a need without a `when` of its own, to another item without one
/// (a prerequisite is selected only when its `when` holds); else nullopt. Only such edges make a
/// cycle the catalog's error; one only some facts close is the plan's `cycle` (rule-format.md:
/// the graph's nodes are the selected items).
std::optional<std::size_t> forced_prerequisite(const CheckContext& context, std::size_t item,
                                               const ItemNeed& need) {
    auto found = context.items.find(need.item.id);
    if (found == context.items.end() || found->second == item || !need.when.always() ||
        context.state.items[found->second].when) {
        return std::nullopt;
    }
    return found->second;
}

/// Resolved prerequisite edges every plan selecting the item has (forced_prerequisite): for
/// each item, the items it needs, sorted by id = index.
std::vector<std::vector<std::size_t>> prerequisite_edges(CheckContext& context) {
    const auto& items = context.state.items;
    std::vector<std::vector<std::size_t>> edges(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (const ItemNeed& need : items[i].item.needs_items) {
            if (const auto target = forced_prerequisite(context, i, need)) {
                edges[i].push_back(*target);
            }
        }
        std::sort(edges[i].begin(), edges[i].end());
        edges[i].erase(std::unique(edges[i].begin(), edges[i].end()), edges[i].end());
    }
    return edges;
}

/// Strongly connected components (iterative Tarjan); returns a component number per node.
std::vector<std::size_t> components(const std::vector<std::vector<std::size_t>>& edges) {
    const std::size_t n = edges.size();
    constexpr std::size_t unvisited = static_cast<std::size_t>(-1);
    std::vector<std::size_t> order(n, unvisited), low(n, 0), component(n, unvisited);
    std::vector<std::size_t> stack;
    std::vector<bool> on_stack(n, false);
    std::vector<std::pair<std::size_t, std::size_t>> frames;  // node, next edge
    std::size_t counter = 0, component_count = 0;
    for (std::size_t root = 0; root < n; ++root) {
        if (order[root] != unvisited) {
            continue;
        }
        frames.emplace_back(root, 0);
        order[root] = low[root] = counter++;
        stack.push_back(root);
        on_stack[root] = true;
        while (!frames.empty()) {
            auto& [node, next] = frames.back();
            if (next < edges[node].size()) {
                const std::size_t target = edges[node][next++];
                if (order[target] == unvisited) {
                    order[target] = low[target] = counter++;
                    stack.push_back(target);
                    on_stack[target] = true;
                    frames.emplace_back(target, 0);
                } else if (on_stack[target]) {
                    low[node] = std::min(low[node], order[target]);
                }
                continue;
            }
            const std::size_t finished = node;
            frames.pop_back();
            if (!frames.empty()) {
                low[frames.back().first] = std::min(low[frames.back().first], low[finished]);
            }
            if (low[finished] == order[finished]) {
                std::size_t member;
                do {
                    member = stack.back();
                    stack.pop_back();
                    on_stack[member] = false;
                    component[member] = component_count;
                } while (member != finished);
                ++component_count;
            }
        }
    }
    return component;
}

/// The shortest cycle through `start` inside its component (breadth-first, smallest ids first).
std::vector<std::size_t> cycle_through(std::size_t start,
                                       const std::vector<std::vector<std::size_t>>& edges,
                                       const std::vector<std::size_t>& component) {
    std::map<std::size_t, std::size_t> parent;
    std::vector<std::size_t> queue{start};
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::size_t node = queue[head];
        for (std::size_t target : edges[node]) {
            if (component[target] != component[start]) {
                continue;
            }
            if (target == start) {
                std::vector<std::size_t> path{start};
                for (std::size_t at = node; at != start; at = parent[at]) {
                    path.push_back(at);
                }
                std::reverse(path.begin() + 1, path.end());
                return path;
            }
            if (parent.emplace(target, node).second) {
                queue.push_back(target);
            }
        }
    }
    return {start};
}

/// Reports one cycle per strongly connected component of the prerequisites every plan has.
void check_cycles(CheckContext& context) {
    const auto edges = prerequisite_edges(context);
    const auto component = components(edges);
    std::set<std::size_t> reported;
    const auto& items = context.state.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const bool in_cycle = std::any_of(edges[i].begin(), edges[i].end(), [&](std::size_t t) {
            return component[t] == component[i];
        });
        if (!in_cycle || !reported.insert(component[i]).second) {
            continue;
        }
        const auto path = cycle_through(i, edges, component);
        std::vector<std::string_view> ids;
        ids.reserve(path.size());
        for (std::size_t node : path) {
            ids.push_back(items[node].item.id);
        }
        const std::string text = cycle_text(ids);
        Location where = items[i].item.location;
        const std::string& next_id = items[path.size() > 1 ? path[1] : i].item.id;
        for (const ItemNeed& need : items[i].item.needs_items) {
            if (need.item.id == next_id) {
                where = need.item.location;
                break;
            }
        }
        context.error(where, "cycle", text);
    }
}

/// A need that is met only by an edge from one of `providers` (item positions, sorted): an
/// unconditional prerequisite, or an unconditional needed material every alternative of which
/// only a producer can provide (a conditional alternative only narrows the providers, so it
/// is counted like the others). `material` is the index of the need in `needs_materials`, or npos
/// for a prerequisite.
struct ForcedNeed {
    std::vector<std::size_t> providers;
    std::size_t material = static_cast<std::size_t>(-1);
};

/// The items producing each material, by material position (item positions, ascending).
std::vector<std::vector<std::size_t>> material_producers(const CheckContext& context) {
    const auto& items = context.state.items;
    std::vector<std::vector<std::size_t>> producers(context.state.materials.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (const Ref& ref : items[i].item.produces_materials) {
            auto found = context.materials.find(ref.id);
            if (found != context.materials.end()) {
                producers[found->second].push_back(i);
            }
        }
    }
    return producers;
}

/// The one item that can meet `need`, a material need of item `item`, when every plan selecting
/// `item` selects it for that: a need without a `when`, of one material (not `any_of`), that
/// only a producer can provide, and that exactly one other item produces; else nullopt.
std::optional<std::size_t> forced_producer(const CheckContext& context,
                                           const std::vector<std::vector<std::size_t>>& producers,
                                           std::size_t item, const MaterialNeed& need) {
    if (!need.when.always() || need.alternatives.size() != 1) {
        return std::nullopt;
    }
    auto found = context.materials.find(need.alternatives.front().id);
    if (found == context.materials.end() ||
        unproduced_provision(context.state.materials[found->second],
                             context.state.items[item].item)) {
        return std::nullopt;
    }
    std::optional<std::size_t> only;
    for (const std::size_t producer : producers[found->second]) {
        if (producer == item) {
            continue;  // an item does not provide itself (provision_rule.hpp)
        }
        if (only) {
            return std::nullopt;
        }
        only = producer;
    }
    return only;
}

/// Every item's forced needs. Producers are other items: an item producing what it needs
/// does not provide it to itself (provision_rule.hpp), and a need nothing else can provide
/// is `unprovidable-material`'s or the planner's `no-provider`, not a cycle, so it is left out.
std::vector<std::vector<ForcedNeed>> forced_needs(CheckContext& context) {
    const auto& items = context.state.items;
    const std::vector<std::vector<std::size_t>> producers = material_producers(context);
    std::vector<std::vector<ForcedNeed>> needs(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i].item;
        for (const ItemNeed& prerequisite : item.needs_items) {
            if (const auto target = forced_prerequisite(context, i, prerequisite)) {
                needs[i].push_back({{*target}});
            }
        }
        for (std::size_t n = 0; n < item.needs_materials.size(); ++n) {
            ForcedNeed need{{}, n};
            bool forced = item.needs_materials[n].when.always();
            for (const Ref& alternative : item.needs_materials[n].alternatives) {
                if (!forced) {
                    break;
                }
                auto found = context.materials.find(alternative.id);
                if (found == context.materials.end() ||
                    unproduced_provision(context.state.materials[found->second], item)) {
                    forced = false;
                    break;
                }
                for (std::size_t producer : producers[found->second]) {
                    if (producer != i) {
                        need.providers.push_back(producer);
                    }
                }
            }
            std::sort(need.providers.begin(), need.providers.end());
            need.providers.erase(std::unique(need.providers.begin(), need.providers.end()),
                                 need.providers.end());
            if (forced && !need.providers.empty()) {
                needs[i].push_back(std::move(need));
            }
        }
    }
    return needs;
}

/// The greatest set S of items in which every item has a forced need all of whose providers
/// are in S, as a flag per item. Items leave the set through a work list, each once, in time
/// linear in the needs' providers (removing one item per sweep over all of them made a chain of
/// needs quadratic).
std::vector<bool> items_bound_to_cycles(const std::vector<std::vector<ForcedNeed>>& needs) {
    const std::size_t count = needs.size();
    std::vector<bool> in_set(count);
    // Per item, its needs whose providers are all still in the set; per need (numbered across
    // items), its providers outside the set; per provider, the needs it provides.
    std::vector<std::size_t> whole_needs(count, 0);
    std::vector<std::size_t> first_need(count + 1, 0);
    for (std::size_t i = 0; i < count; ++i) {
        in_set[i] = !needs[i].empty();
        first_need[i + 1] = first_need[i] + needs[i].size();
    }
    std::vector<std::size_t> missing(first_need[count], 0);
    std::vector<std::vector<std::size_t>> provided(count);  // provider -> need numbers
    std::vector<std::size_t> need_owner(first_need[count]);
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t k = 0; k < needs[i].size(); ++k) {
            const std::size_t number = first_need[i] + k;
            need_owner[number] = i;
            for (const std::size_t p : needs[i][k].providers) {
                provided[p].push_back(number);
                missing[number] += in_set[p] ? 0 : 1;
            }
            whole_needs[i] += missing[number] == 0 ? 1 : 0;
        }
    }
    std::vector<std::size_t> leaving;
    for (std::size_t i = 0; i < count; ++i) {
        if (in_set[i] && whole_needs[i] == 0) {
            in_set[i] = false;
            leaving.push_back(i);
        }
    }
    while (!leaving.empty()) {
        const std::size_t gone = leaving.back();
        leaving.pop_back();
        for (const std::size_t number : provided[gone]) {
            const std::size_t owner = need_owner[number];
            if (missing[number]++ == 0 && --whole_needs[owner] == 0 && in_set[owner]) {
                in_set[owner] = false;
                leaving.push_back(owner);
            }
        }
    }
    return in_set;
}

/// "a", "a and b", "a, b and c".
std::string spoken_list(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            text += i + 1 == names.size() ? " and " : ", ";
        }
        text += names[i];
    }
    return text;
}

/// Reports cycles that every plan selecting one of their items must hit and that run through
/// a needed material only producers can provide. The items that cannot be planned without a
/// cycle are the greatest set S in which every item has a forced need all of whose providers
/// are in S (selecting any item of S selects an item of S before it, forever: a cycle); one
/// cycle is printed per strongly connected part of S that closes through a material (cycles
/// of prerequisites alone are check_cycles').
void check_material_cycles(CheckContext& context) {
    const auto& items = context.state.items;
    const auto needs = forced_needs(context);
    const std::vector<bool> in_set = items_bound_to_cycles(needs);
    auto inside = [&](const ForcedNeed& need) {
        return std::all_of(need.providers.begin(), need.providers.end(),
                           [&](std::size_t p) { return in_set[p]; });
    };
    std::vector<std::vector<std::size_t>> edges(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!in_set[i]) {
            continue;
        }
        for (const ForcedNeed& need : needs[i]) {
            if (inside(need)) {
                edges[i].insert(edges[i].end(), need.providers.begin(), need.providers.end());
            }
        }
        std::sort(edges[i].begin(), edges[i].end());
        edges[i].erase(std::unique(edges[i].begin(), edges[i].end()), edges[i].end());
    }
    const auto component = components(edges);
    std::set<std::size_t> reported;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!in_set[i] || reported.count(component[i]) != 0) {
            continue;
        }
        const Item& item = items[i].item;
        for (const ForcedNeed& need : needs[i]) {
            if (need.material == static_cast<std::size_t>(-1) || !inside(need)) {
                continue;
            }
            auto next = std::find_if(need.providers.begin(), need.providers.end(),
                                     [&](std::size_t p) { return component[p] == component[i]; });
            if (next == need.providers.end()) {
                continue;
            }
            // The shortest way back from the producer to this item, inside the component.
            std::map<std::size_t, std::size_t> parent{{*next, *next}};
            std::vector<std::size_t> queue{*next};
            for (std::size_t head = 0; head < queue.size() && !parent.count(i); ++head) {
                for (std::size_t target : edges[queue[head]]) {
                    if (component[target] == component[i] &&
                        parent.emplace(target, queue[head]).second) {
                        queue.push_back(target);
                    }
                }
            }
            std::vector<std::size_t> path;
            for (std::size_t at = i; at != *next; at = parent[at]) {
                path.push_back(at);
            }
            path.push_back(*next);
            path.push_back(i);
            std::reverse(path.begin() + 1, path.end() - 1);
            std::vector<std::string_view> ids;  // the path ends where it starts
            for (std::size_t n = 0; n + 1 < path.size(); ++n) {
                ids.push_back(items[path[n]].item.id);
            }
            std::string text = cycle_text(ids);
            const MaterialNeed& written = item.needs_materials[need.material];
            std::vector<std::string> materials, producers;
            for (const Ref& alternative : written.alternatives) {
                materials.push_back("'" + alternative.id + "'");
            }
            for (std::size_t p : need.providers) {
                producers.push_back(items[p].item.id);
            }
            text += "; " + item.id + " needs " +
                    (written.any_of ? "one of the materials " + spoken_list(materials)
                                    : "material " + materials.front()) +
                    ", which only " + spoken_list(producers) +
                    (producers.size() == 1 ? " produces" : " produce") +
                    ", so every plan with any of these items has a cycle";
            context.error(written.any_of ? written.location : written.alternatives.front().location,
                          "cycle", text);
            reported.insert(component[i]);
            break;
        }
    }
}

/// By material position: whether some item produces the material.
std::vector<bool> produced_materials(const CheckContext& context) {
    std::vector<bool> produced(context.state.materials.size(), false);
    for (const PendingItem& pending : context.state.items) {
        for (const Ref& ref : pending.item.produces_materials) {
            auto found = context.materials.find(ref.id);
            if (found != context.materials.end()) {
                produced[found->second] = true;
            }
        }
    }
    return produced;
}

/// What a material need asks for, for a message: "material 'a'" followed by `single`, or "one
/// of the materials 'a' and 'b'" followed by `any_of` (why none can be given).
std::string described_need(const MaterialNeed& need, std::string_view single,
                           std::string_view any_of) {
    std::vector<std::string> names;
    for (const Ref& alternative : need.alternatives) {
        names.push_back("'" + alternative.id + "'");
    }
    return need.any_of ? "one of the materials " + spoken_list(names) + std::string(any_of)
                       : "material " + names.front() + std::string(single);
}

/// Where a material need is reported: its any_of, or its one material.
const Location& need_location(const MaterialNeed& need) {
    return need.any_of ? need.location : need.alternatives.front().location;
}

/// Reports needs nobody can provide. A need without a `when` of its own every alternative of
/// which is neither submittable nor an e-licence and produced by no item is an error naming the
/// item and the material: any plan selecting the item fails. A material nobody can provide that
/// no such need names only warns: it is needed under a `when`, as one alternative of several
/// (which is then never chosen), or not at all, and the plans that would need it fail
/// `no-provider` (rule-format.md, "Meaning: from bundle to plan", steps 1 and 2). `produced`:
/// produced_materials().
void check_unprovidable(CheckContext& context, const std::vector<bool>& produced) {
    // Only a producer could provide material `m`, and none exists.
    const auto never_provided = [&](std::size_t m) {
        const Material& material = context.state.materials[m];
        return !produced[m] && !material.submittable && !material.e_license;
    };
    const auto unprovidable = [&](const Ref& ref) {
        auto found = context.materials.find(ref.id);
        // An unknown material is check_references' to report.
        return found != context.materials.end() && never_provided(found->second);
    };
    std::vector<bool> reported(context.state.materials.size(), false);
    for (const PendingItem& pending : context.state.items) {
        const Item& item = pending.item;
        for (const MaterialNeed& need : item.needs_materials) {
            if (!need.when.always() ||
                !std::all_of(need.alternatives.begin(), need.alternatives.end(), unprovidable)) {
                continue;
            }
            for (const Ref& alternative : need.alternatives) {
                reported[context.materials.find(alternative.id)->second] = true;
            }
            context.error(need_location(need), "unprovidable-material",
                          "item '" + item.id + "' needs " +
                              described_need(need,
                                             ", which is neither submittable nor an e-licence, "
                                             "and no item produces it",
                                             ", none of which is submittable, an e-licence or "
                                             "produced by an item") +
                              "; set 'submittable: true' or 'e_license: true', or add an item "
                              "that produces it");
        }
    }
    for (std::size_t i = 0; i < produced.size(); ++i) {
        const Material& material = context.state.materials[i];
        if (!reported[i] && never_provided(i)) {
            context.warning(material.location, "material-never-provided",
                            "material '" + material.id +
                                "' is neither submittable nor an e-licence and no item produces "
                                "it: a plan that needs it fails (no-provider), and as an "
                                "alternative it is never chosen");
        }
    }
}

/// Warns when an automatic item needs, without a `when` of its own, what only a producer could
/// give it and no item produces: a material none of whose alternatives is an e-licence (an
/// automatic item cannot take a submitted one), or a field that is not `source: shared`. Every
/// plan selecting the item then fails `no-provider` (rule-format.md, 1.1, "Automatic items").
/// A warning, as catalogs holding such an item load today; a need no item of any kind could be
/// given is `unprovidable-material` already. `produced`: produced_materials().
void check_automatic_unprovidable(CheckContext& context, const std::vector<bool>& produced) {
    std::set<std::string_view> produced_fields;
    for (const PendingItem& pending : context.state.items) {
        for (const Ref& ref : pending.item.produces_fields) {
            produced_fields.insert(ref.id);
        }
    }
    const std::string remedy =
        "; an automatic item asks the applicant for nothing, so every plan "
        "selecting it fails (no-provider): add an item that produces it";
    for (const PendingItem& pending : context.state.items) {
        const Item& item = pending.item;
        if (!item.automatic) {
            continue;
        }
        for (const MaterialNeed& need : item.needs_materials) {
            bool only_by_producer = need.when.always();
            bool submittable = false;  // else unprovidable-material reports the need already
            for (const Ref& alternative : need.alternatives) {
                auto found = context.materials.find(alternative.id);
                const Material* material = found == context.materials.end()
                                               ? nullptr
                                               : &context.state.materials[found->second];
                only_by_producer = only_by_producer && material != nullptr &&
                                   !material->e_license && !produced[found->second];
                submittable = submittable || (material != nullptr && material->submittable);
            }
            if (only_by_producer && submittable) {
                context.warning(
                    need_location(need), "automatic-unprovidable",
                    "automatic item '" + item.id + "' needs " +
                        described_need(need, ", which is not an e-licence, and no item produces it",
                                       ", none of which is an e-licence or produced by an item") +
                        remedy + ", mark it 'e_license: true', or make the item not automatic");
            }
        }
        for (const FieldNeed& need : item.needs_fields) {
            auto found = context.fields.find(need.field.id);
            if (!need.when.always() || found == context.fields.end() ||
                context.state.fields[found->second].source == FieldSource::shared ||
                produced_fields.contains(need.field.id)) {
                continue;
            }
            context.warning(need.field.location, "automatic-unprovidable",
                            "automatic item '" + item.id + "' needs field '" + need.field.id +
                                "', which is not 'source: shared', and no item produces it" +
                                remedy +
                                ", make the field 'source: shared', or make the item "
                                "not automatic");
        }
    }
}

/// Warns when two items a bundle always selects produce the same material or field: its goals,
/// their prerequisites, and the one producer of a material only a producer can provide
/// (forced_producer), transitively.
void check_multiple_producers(CheckContext& context,
                              const std::vector<std::vector<std::size_t>>& producers) {
    const auto& items = context.state.items;
    for (const PendingBundle& pending : context.state.bundles) {
        std::set<std::size_t> closure;
        std::vector<std::size_t> work;
        for (const Ref& goal : pending.bundle.goals) {
            auto found = context.items.find(goal.id);
            if (found != context.items.end() && closure.insert(found->second).second) {
                work.push_back(found->second);
            }
        }
        while (!work.empty()) {
            const std::size_t at = work.back();
            work.pop_back();
            for (const ItemNeed& need : items[at].item.needs_items) {
                auto found = context.items.find(need.item.id);
                if (found != context.items.end() && closure.insert(found->second).second) {
                    work.push_back(found->second);
                }
            }
            for (const MaterialNeed& need : items[at].item.needs_materials) {
                const auto only = forced_producer(context, producers, at, need);
                if (only && closure.insert(*only).second) {
                    work.push_back(*only);
                }
            }
        }
        std::map<std::string, std::string> producer;
        for (std::size_t at : closure) {
            const Item& item = items[at].item;
            auto note = [&](const std::string& kind, const Ref& ref) {
                auto [place, inserted] = producer.emplace(kind + " '" + ref.id + "'", item.id);
                if (!inserted && place->second != item.id) {
                    context.warning(pending.bundle.location, "multiple-producers",
                                    "in bundle '" + pending.bundle.id + "', " + kind + " '" +
                                        ref.id + "' is produced by both '" + place->second +
                                        "' and '" + item.id + "'; its consumers wait for both");
                }
            };
            for (const Ref& ref : item.produces_materials) {
                note("material", ref);
            }
            for (const Ref& ref : item.produces_fields) {
                note("field", ref);
            }
        }
    }
}

/// Warns about each item a bundle defers that none of its goals can bring into a plan: not a
/// goal, and not reached through prerequisites and the producers of what reached items need
/// (every condition taken as true, every alternative). The planner selects from the goals only,
/// so such an entry has no effect.
void check_deferred_reach(CheckContext& context) {
    const auto& items = context.state.items;
    const bool deferring =
        std::any_of(context.state.bundles.begin(), context.state.bundles.end(),
                    [](const PendingBundle& pending) { return !pending.bundle.defer.empty(); });
    if (!deferring) {
        return;
    }
    // The producers of each material and field, by id.
    std::unordered_map<std::string_view, std::vector<std::size_t>> material_producers;
    std::unordered_map<std::string_view, std::vector<std::size_t>> field_producers;
    for (std::size_t at = 0; at < items.size(); ++at) {
        for (const Ref& ref : items[at].item.produces_materials) {
            material_producers[ref.id].push_back(at);
        }
        for (const Ref& ref : items[at].item.produces_fields) {
            field_producers[ref.id].push_back(at);
        }
    }
    std::vector<std::uint32_t> reached_by(items.size(), UINT32_MAX);  // marks, never cleared
    std::vector<std::size_t> work;
    for (std::uint32_t bundle = 0; bundle < context.state.bundles.size(); ++bundle) {
        const Bundle& pending = context.state.bundles[bundle].bundle;
        if (pending.defer.empty()) {
            continue;
        }
        const auto reach = [&](std::string_view id) {
            auto found = context.items.find(id);
            if (found != context.items.end() && reached_by[found->second] != bundle) {
                reached_by[found->second] = bundle;
                work.push_back(found->second);
            }
        };
        const auto reach_all = [&](const auto& producers, std::string_view id) {
            auto found = producers.find(id);
            if (found != producers.end()) {
                for (const std::size_t producer : found->second) {
                    reach(items[producer].item.id);
                }
            }
        };
        for (const Ref& goal : pending.goals) {
            reach(goal.id);
        }
        while (!work.empty()) {
            const Item& item = items[work.back()].item;
            work.pop_back();
            for (const ItemNeed& need : item.needs_items) {
                reach(need.item.id);
            }
            for (const MaterialNeed& need : item.needs_materials) {
                for (const Ref& alternative : need.alternatives) {
                    reach_all(material_producers, alternative.id);
                }
            }
            for (const FieldNeed& need : item.needs_fields) {
                reach_all(field_producers, need.field.id);
            }
        }
        for (const Ref& deferred : pending.defer) {
            auto found = context.items.find(deferred.id);
            if (found != context.items.end() && reached_by[found->second] != bundle) {
                context.warning(deferred.location, "defer-unreachable",
                                "bundle '" + pending.id + "' defers item '" + deferred.id +
                                    "', which none of its goals can bring into a plan (it is not "
                                    "a goal, a prerequisite or a producer of what they need); "
                                    "the entry has no effect");
            }
        }
    }
}

/// Why an item every plan of a bundle selects waits for another.
enum class LinkKind : unsigned char {
    prerequisite,   ///< a prerequisite without a `when` (forced_prerequisite)
    only_producer,  ///< the one producer of a material only a producer provides
    /// a selected producer of a material or field the item needs: a produced one is never
    /// taken from the applicant (the catalog-wide checks do not follow such links)
    preferred_producer,
};

/// A link every plan of a bundle has between two items it always selects: `from` waits for
/// `to`. Its words are made only for a message (link_words): a bundle has many links.
struct AlwaysLink {
    std::size_t from = 0;                    ///< the item that waits (item position)
    std::size_t to = 0;                      ///< the item it waits for
    LinkKind kind = LinkKind::prerequisite;  ///< why
    std::string_view what;                   ///< the material or field id (producer links)
    bool field = false;                      ///< `what` is a field (else a material)
};

/// What `link.from` needs of `link.to`, after "item 'from' ": "needs it as a prerequisite".
std::string link_words(const AlwaysLink& link) {
    const std::string what =
        std::string(link.field ? "field '" : "material '") + std::string(link.what) + "'";
    switch (link.kind) {
        case LinkKind::prerequisite:
            return "needs it as a prerequisite";
        case LinkKind::only_producer:
            return "needs " + what + ", which only it can provide";
        case LinkKind::preferred_producer:
            break;
    }
    return "needs " + what + ", which it produces";
}

/// The items every plan of a bundle selects (positions, ascending) and the links among them.
struct AlwaysSelected {
    std::vector<std::size_t> items;  ///< sorted
    std::vector<AlwaysLink> links;   ///< in the order found
};

/// What every plan of `bundle` selects: its goals without a `when`, and what such an item
/// brings in through a prerequisite without a `when` (forced_prerequisite) or as the one
/// producer of a material only a producer provides (forced_producer), transitively. Then the
/// links a selected producer makes: an item needing, without a `when`, one material (not
/// `any_of`) or a field that another of these items produces waits for it.
AlwaysSelected always_selected(const CheckContext& context, const Bundle& bundle,
                               const std::vector<std::vector<std::size_t>>& producers) {
    const auto& items = context.state.items;
    AlwaysSelected out;
    std::set<std::size_t> always;
    std::vector<std::size_t> work;
    const auto select = [&](std::size_t item) {
        if (always.insert(item).second) {
            work.push_back(item);
        }
    };
    for (const Ref& goal : bundle.goals) {
        auto found = context.items.find(goal.id);
        if (found != context.items.end() && !items[found->second].when) {
            select(found->second);
        }
    }
    while (!work.empty()) {
        const std::size_t at = work.back();
        work.pop_back();
        for (const ItemNeed& need : items[at].item.needs_items) {
            if (const auto target = forced_prerequisite(context, at, need)) {
                out.links.push_back({at, *target, LinkKind::prerequisite});
                select(*target);
            }
        }
        for (const MaterialNeed& need : items[at].item.needs_materials) {
            if (const auto only = forced_producer(context, producers, at, need)) {
                out.links.push_back(
                    {at, *only, LinkKind::only_producer, need.alternatives.front().id});
                select(*only);
            }
        }
    }
    out.items.assign(always.begin(), always.end());
    // What the selected items produce, by id, to find the links a selected producer makes.
    std::unordered_map<std::string_view, std::vector<std::size_t>> made_materials, made_fields;
    for (const std::size_t at : out.items) {
        for (const Ref& ref : items[at].item.produces_materials) {
            made_materials[ref.id].push_back(at);
        }
        for (const Ref& ref : items[at].item.produces_fields) {
            made_fields[ref.id].push_back(at);
        }
    }
    // The links found so far, which a producer's link would repeat.
    std::set<std::pair<std::size_t, std::size_t>> forced;
    for (const AlwaysLink& link : out.links) {
        forced.emplace(link.from, link.to);
    }
    const auto produced_by = [&](std::size_t consumer, const auto& made, std::string_view id,
                                 bool field) {
        const auto found = made.find(id);
        if (found == made.end()) {
            return;
        }
        for (const std::size_t producer : found->second) {
            if (producer != consumer && !forced.count({consumer, producer})) {
                out.links.push_back({consumer, producer, LinkKind::preferred_producer, id, field});
            }
        }
    };
    for (const std::size_t at : out.items) {
        for (const MaterialNeed& need : items[at].item.needs_materials) {
            if (need.when.always() && need.alternatives.size() == 1) {
                produced_by(at, made_materials, need.alternatives.front().id, false);
            }
        }
        for (const FieldNeed& need : items[at].item.needs_fields) {
            if (need.when.always()) {
                produced_by(at, made_fields, need.field.id, true);
            }
        }
    }
    return out;
}

/// Warns about each item a bundle defers that an item every plan of the bundle selects, and
/// does not defer, waits for (always_selected): every plan of the bundle then fails
/// `deferred-dependency`; the planner's error names it per plan, this names it at the entry.
void check_deferred_dependency(CheckContext& context, const Bundle& bundle,
                               const AlwaysSelected& always) {
    std::map<std::size_t, const Ref*> deferred;  // item position -> its defer entry
    for (const Ref& entry : bundle.defer) {
        auto found = context.items.find(entry.id);
        if (found != context.items.end()) {
            deferred.emplace(found->second, &entry);
        }
    }
    std::set<std::size_t> warned;
    for (const AlwaysLink& link : always.links) {
        const auto entry = deferred.find(link.to);
        if (entry == deferred.end() || deferred.count(link.from) ||
            !warned.insert(link.to).second) {
            continue;
        }
        const std::string& needer = context.state.items[link.from].item.id;
        context.warning(entry->second->location, "deferred-dependency",
                        "bundle '" + bundle.id + "' defers item '" + entry->second->id +
                            "', but item '" + needer +
                            "', which every plan of the bundle selects and does not defer, " +
                            link_words(link) +
                            ", so every plan of the bundle fails (deferred-dependency); "
                            "defer '" +
                            needer + "' too, or take '" + entry->second->id + "' out of defer");
    }
}

/// Warns of a dependency cycle every plan of a bundle has through a link a selected producer
/// makes (always_selected): the catalog-wide checks report the cycles of prerequisites and of
/// materials only producers provide, as errors; this one depends on the bundle's goals, and a
/// catalog that loads keeps loading, so it is a warning, at the bundle.
void check_bundle_cycles(CheckContext& context, const Bundle& bundle,
                         const AlwaysSelected& always) {
    if (std::none_of(always.links.begin(), always.links.end(), [](const AlwaysLink& link) {
            return link.kind == LinkKind::preferred_producer;
        })) {
        return;
    }
    const auto& ids = always.items;
    const auto local = [&](std::size_t item) {
        return static_cast<std::size_t>(std::lower_bound(ids.begin(), ids.end(), item) -
                                        ids.begin());
    };
    std::vector<std::vector<std::size_t>> edges(ids.size());
    for (const AlwaysLink& link : always.links) {
        edges[local(link.from)].push_back(local(link.to));
    }
    for (auto& targets : edges) {
        std::sort(targets.begin(), targets.end());
        targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    }
    const std::vector<std::size_t> component = components(edges);
    std::set<std::size_t> reported;
    for (std::size_t start = 0; start < ids.size(); ++start) {
        if (reported.count(component[start])) {
            continue;  // one cycle per component: searched once
        }
        const std::vector<std::size_t> cycle = cycle_through(start, edges, component);
        if (cycle.size() < 2) {
            continue;
        }
        reported.insert(component[start]);
        // The cycle's links a producer makes, in its order: only a cycle with one is this
        // check's (the others are the catalog-wide errors').
        std::string produced;
        for (std::size_t at = 0; at < cycle.size(); ++at) {
            const std::size_t from = ids[cycle[at]];
            const std::size_t to = ids[cycle[(at + 1) % cycle.size()]];
            const auto link =
                std::find_if(always.links.begin(), always.links.end(), [&](const AlwaysLink& l) {
                    return l.from == from && l.to == to && l.kind == LinkKind::preferred_producer;
                });
            const bool other =
                std::any_of(always.links.begin(), always.links.end(), [&](const AlwaysLink& l) {
                    return l.from == from && l.to == to && l.kind != LinkKind::preferred_producer;
                });
            if (link != always.links.end() && !other) {
                // In the planner's words for the same link (plan/evaluate.cpp).
                const std::string& consumer = context.state.items[from].item.id;
                produced += "; " + consumer + " waits for " + context.state.items[to].item.id +
                            ", which produces " + (link->field ? "field '" : "material '") +
                            std::string(link->what) + "' that " + consumer + " needs";
            }
        }
        if (produced.empty()) {
            continue;
        }
        std::vector<std::string_view> names;
        for (const std::size_t node : cycle) {
            names.push_back(context.state.items[ids[node]].item.id);
        }
        context.warning(bundle.location, "cycle",
                        "every plan of bundle '" + bundle.id + "' has the " + cycle_text(names) +
                            produced +
                            " (what a selected item produces is never taken from the "
                            "applicant), so every plan of the bundle fails (cycle); take one of "
                            "these items out of the bundle's goals, or change what one needs");
    }
}

/// The checks of what every plan of each bundle selects: deferred items needed, and cycles.
void check_always_selected(CheckContext& context,
                           const std::vector<std::vector<std::size_t>>& producers) {
    for (const PendingBundle& pending : context.state.bundles) {
        const AlwaysSelected always = always_selected(context, pending.bundle, producers);
        if (!pending.bundle.defer.empty()) {
            check_deferred_dependency(context, pending.bundle, always);
        }
        check_bundle_cycles(context, pending.bundle, always);
    }
}

}  // namespace

void check_graph(CheckContext& context) {
    check_cycles(context);
    check_material_cycles(context);
    const std::vector<bool> produced = produced_materials(context);
    check_unprovidable(context, produced);
    check_automatic_unprovidable(context, produced);
    const std::vector<std::vector<std::size_t>> producers = material_producers(context);
    check_multiple_producers(context, producers);
    check_deferred_reach(context);
    check_always_selected(context, producers);
}

}  // namespace onething::detail

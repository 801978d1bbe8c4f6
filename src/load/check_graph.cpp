// Catalog-wide graph checks: prerequisite cycles, cycles every plan hits through materials only
// producers provide, unprovidable materials, multiple producers, deferred items no goal reaches;
// then the per-bundle checks of what every plan selects (check_always_selected.cpp).
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/check_context.hpp"
#include "load/graph_links.hpp"
#include "model/cycle_text.hpp"
#include "model/provision_rule.hpp"

namespace onething::detail {
namespace {

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

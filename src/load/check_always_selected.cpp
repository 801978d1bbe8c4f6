// Per bundle, what every plan of it selects (its goals without a `when` and what they always
// bring in), and the warnings that follow: a deferred item such an item waits for (every plan
// fails `deferred-dependency`), a cycle through a link a selected producer makes (every plan
// fails `cycle`).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/graph_links.hpp"
#include "model/cycle_text.hpp"

namespace onething::detail {
namespace {

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
                produced +=
                    produced_link_text(context.state.items[from].item.id,
                                       context.state.items[to].item.id, link->field, link->what);
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
                            produced + " (" + std::string(produced_link_reason) +
                            "), so every plan of the bundle fails (cycle); take one of these "
                            "items out of the bundle's goals, or change what one needs");
    }
}

}  // namespace

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

}  // namespace onething::detail

// Catalog-wide graph checks: prerequisite cycles, unprovidable materials, multiple producers.
#include <algorithm>
#include <map>
#include <set>

#include "load/check_context.hpp"

namespace onething::detail {
namespace {

/// Resolved prerequisite edges: for each item, the items it needs (sorted by id = index).
std::vector<std::vector<std::size_t>> prerequisite_edges(CheckContext& context) {
    const auto& items = context.state.items;
    std::vector<std::vector<std::size_t>> edges(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (const Ref& ref : items[i].item.needs_items) {
            auto found = context.items.find(ref.id);
            if (found != context.items.end() && found->second != i) {
                edges[i].push_back(found->second);
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

/// Reports one cycle per strongly connected component of prerequisites.
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
        std::string text = "dependency cycle: ";
        for (std::size_t node : path) {
            text += items[node].item.id + " -> ";
        }
        text += items[i].item.id;
        Location where = items[i].item.location;
        const std::string& next_id = items[path.size() > 1 ? path[1] : i].item.id;
        for (const Ref& ref : items[i].item.needs_items) {
            if (ref.id == next_id) {
                where = ref.location;
                break;
            }
        }
        context.error(where, "cycle", text);
    }
}

/// Reports materials that nobody can provide.
void check_unprovidable(CheckContext& context) {
    std::vector<bool> produced(context.state.materials.size(), false);
    for (const PendingItem& pending : context.state.items) {
        for (const Ref& ref : pending.item.produces_materials) {
            auto found = context.materials.find(ref.id);
            if (found != context.materials.end()) {
                produced[found->second] = true;
            }
        }
    }
    for (std::size_t i = 0; i < produced.size(); ++i) {
        const Material& material = context.state.materials[i];
        if (!produced[i] && !material.submittable && !material.e_license) {
            context.error(material.location, "unprovidable-material",
                          "material '" + material.id +
                              "' is neither submittable nor an e-licence and no item produces it; "
                              "set 'submittable: true' or 'e_license: true', or add an item that "
                              "produces it");
        }
    }
}

/// Warns when two items a bundle always selects produce the same material or field.
void check_multiple_producers(CheckContext& context) {
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
            for (const Ref& ref : items[at].item.needs_items) {
                auto found = context.items.find(ref.id);
                if (found != context.items.end() && closure.insert(found->second).second) {
                    work.push_back(found->second);
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

}  // namespace

void check_graph(CheckContext& context) {
    check_cycles(context);
    check_unprovidable(context);
    check_multiple_producers(context);
}

}  // namespace onething::detail

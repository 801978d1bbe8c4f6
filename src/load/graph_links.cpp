// The links every plan selecting an item has, and the components and cycles of such links
// (graph_links.hpp).
#include "load/graph_links.hpp"

#include <algorithm>
#include <map>

#include "model/provision_rule.hpp"

namespace onething::detail {

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

}  // namespace onething::detail

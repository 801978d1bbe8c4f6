// Transitive reduction and the edges and labels shared by the DOT and Mermaid writers.
#include "write/plan_graph.hpp"

#include <algorithm>
#include <span>

#include "write/wording.hpp"
#include "write/write_util.hpp"

namespace onething::detail {

std::vector<IndexEdge> transitive_reduction(std::size_t vertices,
                                            const std::vector<IndexEdge>& edges) {
    std::vector<IndexEdge> unique = edges;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    // Successors of each vertex: unique[first[v]] to unique[first[v + 1]] (sorted by source).
    std::vector<std::size_t> first(vertices + 1, 0);
    std::vector<std::size_t> indegree(vertices, 0);
    for (const auto& [from, to] : unique) {
        ++first[from + 1];
        ++indegree[to];
    }
    for (std::size_t vertex = 0; vertex < vertices; ++vertex) {
        first[vertex + 1] += first[vertex];
    }
    auto successors = [&](std::size_t vertex) {
        return std::span<const IndexEdge>(unique.data() + first[vertex],
                                          first[vertex + 1] - first[vertex]);
    };
    // Topological positions (Kahn's algorithm); a cycle leaves vertices without one, and such a
    // graph (never a valid plan) is drawn unreduced.
    std::vector<std::size_t> position(vertices, 0);
    std::vector<std::size_t> ready;
    for (std::size_t vertex = 0; vertex < vertices; ++vertex) {
        if (indegree[vertex] == 0) {
            ready.push_back(vertex);
        }
    }
    std::size_t placed = 0;
    while (!ready.empty()) {
        const std::size_t vertex = ready.back();
        ready.pop_back();
        position[vertex] = placed++;
        for (const auto& [from, to] : successors(vertex)) {
            if (--indegree[to] == 0) {
                ready.push_back(to);
            }
        }
    }
    if (placed < vertices) {
        return unique;
    }
    // An edge v->w is redundant when w descends from another successor of v, which then comes
    // before w in topological order. So each vertex with several successors visits them nearest
    // first: one already marked is redundant; one kept has its descendants marked (for v). The
    // memory is linear, and a vertex with one successor (a chain) costs nothing.
    constexpr std::size_t unmarked = static_cast<std::size_t>(-1);
    std::vector<std::size_t> marked_for(vertices, unmarked);
    std::vector<IndexEdge> result;
    result.reserve(unique.size());
    std::vector<std::size_t> nearest_first;
    std::vector<std::size_t> walk;
    for (std::size_t vertex = 0; vertex < vertices; ++vertex) {
        const auto out = successors(vertex);
        if (out.size() == 1) {
            result.push_back(out.front());
            continue;
        }
        nearest_first.clear();
        for (const auto& [from, to] : out) {
            nearest_first.push_back(to);
        }
        std::sort(nearest_first.begin(), nearest_first.end(),
                  [&](std::size_t a, std::size_t b) { return position[a] < position[b]; });
        for (const std::size_t successor : nearest_first) {
            if (marked_for[successor] == vertex) {
                continue;  // reached through a nearer successor
            }
            result.emplace_back(vertex, successor);
            walk.assign(1, successor);
            while (!walk.empty()) {
                const std::size_t at = walk.back();
                walk.pop_back();
                for (const auto& [from, to] : successors(at)) {
                    if (marked_for[to] != vertex) {
                        marked_for[to] = vertex;
                        walk.push_back(to);
                    }
                }
            }
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::vector<DrawnEdge> drawn_edges(const Plan& plan) {
    auto index_of = [&](PlanId id) -> std::ptrdiff_t {
        const PlannedItem* item = plan.find(id);
        return item == nullptr ? -1 : item - plan.items.data();
    };
    std::vector<IndexEdge> edges;
    for (const PlanEdge& edge : plan.edges) {
        std::ptrdiff_t from = index_of(edge.from);
        std::ptrdiff_t to = index_of(edge.to);
        if (from >= 0 && to >= 0) {
            edges.emplace_back(static_cast<std::size_t>(from), static_cast<std::size_t>(to));
        }
    }
    std::vector<IndexEdge> critical;
    for (std::size_t at = 0; at + 1 < plan.critical_path.size(); ++at) {
        std::ptrdiff_t from = index_of(plan.critical_path[at]);
        std::ptrdiff_t to = index_of(plan.critical_path[at + 1]);
        if (from >= 0 && to >= 0) {
            critical.emplace_back(static_cast<std::size_t>(from), static_cast<std::size_t>(to));
        }
    }
    std::sort(critical.begin(), critical.end());
    std::vector<DrawnEdge> result;
    for (const auto& [from, to] : transitive_reduction(plan.items.size(), edges)) {
        DrawnEdge drawn{from, to, false, plan.items[to].deferred};
        drawn.critical = std::binary_search(critical.begin(), critical.end(), IndexEdge{from, to});
        result.push_back(drawn);
    }
    return result;
}

std::vector<std::string> node_label_lines(const PlannedItem& item, const Catalog& catalog,
                                          std::string_view language) {
    std::vector<std::string> lines{std::string(item.id)};
    std::string name = item_name(catalog, item.id, language);
    if (!name.empty()) {
        lines.push_back(name);
    }
    lines.push_back(phrase(Word::node_days, language, format_number(item_days(catalog, item))));
    return lines;
}

}  // namespace onething::detail

// Transitive reduction and the edges and labels shared by the DOT and Mermaid writers.
#include "write/plan_graph.hpp"

#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/exception.hpp>
#include <boost/graph/transitive_reduction.hpp>

#include "write/wording.hpp"
#include "write/write_util.hpp"

namespace onething::detail {

std::vector<IndexEdge> transitive_reduction(std::size_t vertices,
                                            const std::vector<IndexEdge>& edges) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
    std::vector<IndexEdge> unique = edges;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    if (unique.empty()) {
        return unique;  // also keeps Boost from indexing an empty vector
    }
    Graph graph(vertices);
    for (const auto& [from, to] : unique) {
        boost::add_edge(from, to, graph);
    }
    Graph reduced;
    std::vector<Vertex> to_reduced(vertices);
    try {
        boost::transitive_reduction(graph, reduced,
                                    boost::make_iterator_property_map(
                                        to_reduced.begin(), boost::get(boost::vertex_index, graph)),
                                    boost::get(boost::vertex_index, graph));
    } catch (const boost::not_a_dag&) {
        return unique;
    }
    std::vector<std::size_t> from_reduced(vertices);
    for (std::size_t vertex = 0; vertex < vertices; ++vertex) {
        from_reduced[to_reduced[vertex]] = vertex;
    }
    std::vector<IndexEdge> result;
    for (auto [edge, end] = boost::edges(reduced); edge != end; ++edge) {
        result.emplace_back(from_reduced[boost::source(*edge, reduced)],
                            from_reduced[boost::target(*edge, reduced)]);
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
    std::vector<DrawnEdge> result;
    for (const auto& [from, to] : transitive_reduction(plan.items.size(), edges)) {
        DrawnEdge drawn{from, to, false, plan.items[to].deferred};
        drawn.critical =
            std::find(critical.begin(), critical.end(), IndexEdge{from, to}) != critical.end();
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

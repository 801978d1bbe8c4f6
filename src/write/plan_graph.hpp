// Private helpers of the DOT and Mermaid writers: the edges to draw, transitively reduced.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething::detail {

/// A directed edge between vertex indices.
using IndexEdge = std::pair<std::size_t, std::size_t>;

/// The transitive reduction of a DAG on `vertices` vertices: the edges u->v of `edges` (duplicates
/// merged) such that v is not reachable from u by another path; sorted. A graph with a cycle
/// is returned deduplicated but unreduced.
std::vector<IndexEdge> transitive_reduction(std::size_t vertices,
                                            const std::vector<IndexEdge>& edges);

/// An edge of the drawing, between indices into `Plan::items`.
struct DrawnEdge {
    std::size_t from = 0;      ///< the producer or prerequisite
    std::size_t to = 0;        ///< the consumer
    bool critical = false;     ///< consecutive on the plan's critical path
    bool to_deferred = false;  ///< leads to a deferred item
};

/// The plan's edges, transitively reduced for the drawing, sorted by (from, to); edges naming
/// an item that is not in the plan are left out.
std::vector<DrawnEdge> drawn_edges(const Plan& plan);

/// The lines of a node label: id, name in `language` (when known) and the days ("N d").
std::vector<std::string> node_label_lines(const PlannedItem& item, const Catalog& catalog,
                                          std::string_view language);

}  // namespace onething::detail

// Evaluating one candidate selection: providers, the graph, the schedule and the metrics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plan/context.hpp"

namespace onething::detail {

/// A candidate: the selected items and, per item and material need, the chosen alternative.
struct Selection {
    std::vector<Index> items;                         ///< sorted by position (= by id)
    std::vector<std::vector<std::uint16_t>> choices;  ///< parallel to items, per material need
};

/// Why a candidate gives no plan.
struct Failure {
    std::string code;     ///< a plan error code ("cycle", "no-provider", ...)
    std::string message;  ///< readable, names the items
};

/// How to fix a `no-provider` failure, for its message ("; ..."): of a material (`field` false)
/// or field needed by an item that is `automatic` or not.
std::string no_provider_remedy(bool automatic, bool field);

/// A dependency edge between local positions (indices into Selection::items).
struct LocalEdge {
    std::uint32_t from = 0;                  ///< producer or prerequisite
    std::uint32_t to = 0;                    ///< consumer
    EdgeKind kind = EdgeKind::prerequisite;  ///< why
    Index via = 0;  ///< material or field position (unused for prerequisites)
};

/// Everything computed for a valid candidate; indices are local (into Selection::items).
struct Evaluation {
    std::vector<LocalEdge> edges;                          ///< sorted by (to, from, kind, via)
    std::vector<std::vector<std::uint32_t>> predecessors;  ///< distinct, sorted
    std::vector<double> earliest_start, earliest_finish, latest_start, latest_finish;  ///< CPM
    std::vector<int> stage;        ///< longest-path level
    std::vector<Index> submitted;  ///< materials submitted, sorted
    std::vector<Index> retrieved;  ///< e-licences retrieved, sorted
    std::vector<Index> asked;      ///< fields asked, sorted
    std::vector<Index> prefilled;  ///< shared fields, sorted
    double outcome_days = 0;       ///< finish of the last item not deferred
    double completion_days = 0;    ///< finish of the last item
    Metrics before;                ///< every item on its own
    Metrics after;                 ///< bundled
};

/// Evaluates a complete candidate; a Failure for a cycle, a deferral conflict or a material
/// nobody provides.
std::optional<Failure> evaluate(const PlanContext& context, const Selection& selection,
                                Evaluation& out);

}  // namespace onething::detail

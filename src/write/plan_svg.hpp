// The figures of the HTML pages and the studio, drawn as SVG by one writer: the schedule (a
// Gantt chart with the critical path, slack and deferred items), the dependency graph laid out
// by stages, and bars of before/after metrics and of reductions. Output is deterministic; the
// figures use presentation attributes and classes only (no inline style), so a page with a
// strict Content-Security-Policy shows them as they are.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething::detail {

/// The schedule as a Gantt chart: one row per item (by earliest start, stage, id), a bar from
/// its earliest start to its earliest finish, its slack after it, critical items marked, deferred
/// items dashed, the outcome day as a line; names in `language`.
std::string schedule_svg(const Plan& plan, const Catalog& catalog, std::string_view language);

/// The dependency graph: one column per stage, the edges transitively reduced (as in DOT),
/// the critical path marked, deferred items dashed; names in `language`.
std::string graph_svg(const Plan& plan, const Catalog& catalog, std::string_view language);

/// The six metrics before and after as pairs of bars, each metric on its own scale, with the
/// reduction; words in `language`.
std::string metrics_svg(const Metrics& before, const Metrics& after, std::string_view language);

/// One bar of a chart of changes: a label and a change in percent (negative: a reduction).
struct ChangeBar {
    std::string label;              ///< what the bar is (a bundle's name)
    std::optional<double> percent;  ///< the change; nullopt where there is none
};

/// Horizontal bars of changes in percent (reductions to the left of zero, increases to the
/// right) under `title`, with the average as a line where given.
std::string change_bars_svg(std::string_view title, const std::vector<ChangeBar>& bars,
                            std::optional<double> average, std::string_view language);

/// The CSS of the pages and the studio for the figures' classes (colours, fonts, print).
std::string_view figure_css();

}  // namespace onething::detail

// The catalog report: before/after metrics of every bundle, their average reduction and the
// published averages of the reform, as text or Markdown. Output is byte-for-byte deterministic.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething {

/// A reduction per metric in percent (69 for "-69%"), in the order of `all_metrics`; nullopt
/// where there is none (no "before", or not published).
using Reductions = std::array<std::optional<double>, all_metrics.size()>;

/// One row of the report: one bundle planned with the facts of one of its test cases.
struct ReportRow {
    std::string bundle;  ///< the bundle id
    std::string test;    ///< the test case whose facts were used; "" when planned without facts
    Metrics before;      ///< every item on its own
    Metrics after;       ///< bundled
    std::string error;   ///< "message [code]" when planning failed (metrics are then zero)
};

/// The report over a catalog.
struct Report {
    bool all_cases = false;       ///< one row per test case instead of one per bundle
    std::vector<ReportRow> rows;  ///< by bundle id, then test cases in file order
};

/// Plans every bundle of the catalog. Per bundle, the facts of its first test case without
/// `expect.error` and not expecting only `questions` (every such case with `all_cases`); a bundle
/// without one is planned without facts (defaults apply). Planning errors are kept in the row,
/// never thrown.
Report catalog_report(const Catalog& catalog, bool all_cases, const PlanOptions& options = {});

/// The rows `catalog_report` gives for the bundles `bundles` (ids, in the order given; an id the
/// catalog does not define gives no row): what-if plans only the bundles a change touches.
Report bundles_report(const Catalog& catalog, std::span<const std::string> bundles, bool all_cases,
                      const PlanOptions& options = {});

/// The reduction `1 - after/before` in percent; nullopt when before is 0.
std::optional<double> reduction(double before, double after);

/// The mean reduction per metric across bundles: each bundle counts once, with the mean of its
/// rows; rows with an error and metrics whose "before" is 0 are left out.
Reductions average_reductions(const Report& report);

/// The mean reduction per metric weighted by the bundles' `annual_cases`: each bundle with a
/// volume counts with the mean of its rows times its volume; bundles without one are left out.
/// Nullopt when no planned bundle has a volume above 0.
std::optional<Reductions> weighted_reductions(const Report& report, const Catalog& catalog);

/// The bundles of `report` planned without error that carry `annual_cases` above 0.
std::size_t weighted_bundles(const Report& report, const Catalog& catalog);

/// The bundles of `report` with at least one row planned without error: those the average
/// change is taken over.
std::size_t planned_bundles(const Report& report);

/// The published averages across the first year's bundles: steps 69, days (time) 54,
/// materials 75, visits (trips) 71; forms and fields were not published.
Reductions published_reductions();

/// A reduction in percent as the report prints it: "-69%" for 69, "+5%" for -5, "0%".
std::string format_reduction(double percent);

/// The report as aligned text tables with notes; bundle names in `language`.
std::string report_to_text(const Report& report, const Catalog& catalog, std::string_view language);

/// The report as a Markdown table with notes; bundle names in `language`.
std::string report_to_markdown(const Report& report, const Catalog& catalog,
                               std::string_view language);

/// The report as one self-contained HTML page (inline CSS and SVG, no script, printable): the
/// table of every bundle's before → after and change per metric, the averages, and one chart
/// per metric of the change of every bundle; names in `language`.
std::string report_to_html(const Report& report, const Catalog& catalog, std::string_view language);
/// The report as JSON: `{"bundles": [{"id", "name", "test", "error", "before", "after",
/// "reduction_percent"}], "average": {"unweighted": {"reduction_percent": {...}}, "weighted":
/// null}, "published": {"reduction_percent": {...}}}`; each change a whole percent, negative for
/// a reduction (-69 means 69% fewer), null where there is none. "weighted" is
/// `{"reduction_percent": {...}, "bundles": N}` over the N bundles with `annual_cases`, null when
/// none has a volume.
std::string report_to_json(const Report& report, const Catalog& catalog, std::string_view language);

}  // namespace onething

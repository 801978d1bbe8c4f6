// The catalog report as JSON, in the shape of the rule format's contract:
// {"bundles": [...], "average": {"unweighted": ..., "weighted": ...}, "published": ...}.
#include <nlohmann/json.hpp>
#include <string>

#include "onething/report.hpp"
#include "write/json_values.hpp"

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

/// Reductions per metric as changes in whole percent (-69 for 69% fewer), null where none.
Json reductions_json(const Reductions& reductions) {
    Json out = Json::object();
    for (std::size_t index = 0; index < all_metrics.size(); ++index) {
        out[metric_name(all_metrics[index])] = detail::reduction_as_change_json(reductions[index]);
    }
    return out;
}

/// One row: the bundle, its name, the test case planned, the metrics and their changes.
Json row_json(const ReportRow& row, const Catalog& catalog, std::string_view language) {
    const Bundle* bundle = catalog.find_bundle(row.bundle);
    Json out{{"id", row.bundle},
             {"name", bundle ? bundle->name.in(language) : std::string()},
             {"test", detail::json_string_or_null(row.test)}};
    if (!row.error.empty()) {
        out["error"] = row.error;
        out["before"] = nullptr;
        out["after"] = nullptr;
        out["reduction_percent"] = nullptr;
        return out;
    }
    out["error"] = nullptr;
    out["before"] = detail::metrics_json(row.before);
    out["after"] = detail::metrics_json(row.after);
    out["reduction_percent"] = detail::changes_json(row.before, row.after);
    return out;
}

}  // namespace

std::string report_to_json(const Report& report, const Catalog& catalog,
                           std::string_view language) {
    Json bundles = Json::array();
    for (const ReportRow& row : report.rows) {
        bundles.push_back(row_json(row, catalog, language));
    }
    // The contract's shape whatever the catalog: with no bundle carrying a volume, nothing is
    // weighted and each figure is null (as a published figure never published is).
    const std::optional<Reductions> reductions = weighted_reductions(report, catalog);
    Json weighted = {{"reduction_percent", reductions_json(reductions.value_or(Reductions{}))},
                     {"bundles", weighted_bundles(report, catalog)}};
    Json out{{"bundles", bundles},
             {"average",
              {{"unweighted", {{"reduction_percent", reductions_json(average_reductions(report))}}},
               {"weighted", std::move(weighted)}}},
             {"published", {{"reduction_percent", reductions_json(published_reductions())}}}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething

// The outcome of the rule tests as text (the contract's tally line) and as JSON, each with the
// coverage when it was measured.
#include <nlohmann/json.hpp>
#include <string>

#include "onething/testing.hpp"

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

/// `file:line:column`.
std::string located(const Location& where) {
    return where.file.str() + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

/// "9/9".
std::string fraction(const CoverageCount& count) {
    return std::to_string(count.covered) + "/" + std::to_string(count.total);
}

/// "41 of 48 points (85.4%)".
std::string points(const CoverageCount& count) {
    return std::to_string(count.covered) + " of " + std::to_string(count.total) + " point" +
           (count.total == 1 ? "" : "s") + " (" + coverage_percent(count) + "%)";
}

/// The coverage as text: a line per bundle with its uncovered points under it, then the total.
std::string coverage_to_text(const CoverageReport& coverage) {
    std::string out;
    for (const BundleCoverage& bundle : coverage.bundles) {
        out += "bundle " + bundle.bundle + ": " + points(bundle.all()) + ", " +
               std::to_string(bundle.cases) + " case" + (bundle.cases == 1 ? "" : "s") +
               "; items " + fraction(bundle.items) + ", conditions " + fraction(bundle.conditions) +
               ", alternatives " + fraction(bundle.alternatives) + ", deferrals " +
               fraction(bundle.deferrals) + "\n";
        for (const CoveragePoint& point : bundle.uncovered) {
            out += "  " + located(point.location) + ": " + describe(point) + "\n";
        }
    }
    out += "coverage: " + points(coverage.all()) + "\n";
    return out;
}

/// `{"covered", "total"}`.
Json count_json(const CoverageCount& count) {
    return {{"covered", count.covered}, {"total", count.total}};
}

/// One uncovered point, with only the keys that apply to its kind.
Json point_json(const CoveragePoint& point) {
    Json out{{"kind", to_string(point.kind)}};
    if (point.kind == CoverageKind::condition) {
        out["site"] = to_string(point.site);
    }
    if (!point.item.empty()) {
        out["item"] = point.item;
    }
    if (point.need >= 0) {
        out["need"] = point.need;
    }
    if (!point.alternatives.empty()) {
        out["alternatives"] = point.alternatives;
    }
    if (point.alternative >= 0) {
        out["alternative"] = point.alternative;
    }
    if (!point.target.empty()) {
        out["target"] = point.target;
    }
    if (point.kind == CoverageKind::condition) {
        out["condition"] = point.condition;
        out["outcome"] = point.outcome;
    }
    out["file"] = point.location.file.str();
    out["line"] = point.location.line;
    out["column"] = point.location.column;
    out["message"] = describe(point);
    return out;
}

/// The coverage as `{"covered", "total", "percent", "bundles": [...]}` (docs/testing.md).
Json coverage_json(const CoverageReport& coverage) {
    Json bundles = Json::array();
    for (const BundleCoverage& bundle : coverage.bundles) {
        Json uncovered = Json::array();
        for (const CoveragePoint& point : bundle.uncovered) {
            uncovered.push_back(point_json(point));
        }
        const CoverageCount all = bundle.all();
        bundles.push_back({{"id", bundle.bundle},
                           {"file", bundle.location.file.str()},
                           {"line", bundle.location.line},
                           {"cases", bundle.cases},
                           {"covered", all.covered},
                           {"total", all.total},
                           {"percent", coverage_percent_value(all)},
                           {"items", count_json(bundle.items)},
                           {"conditions", count_json(bundle.conditions)},
                           {"alternatives", count_json(bundle.alternatives)},
                           {"deferrals", count_json(bundle.deferrals)},
                           {"uncovered", uncovered}});
    }
    const CoverageCount all = coverage.all();
    return {{"covered", all.covered},
            {"total", all.total},
            {"percent", coverage_percent_value(all)},
            {"bundles", bundles}};
}

}  // namespace

std::string test_report_to_text(const TestReport& report) {
    std::string out;
    if (report.coverage) {
        out += coverage_to_text(*report.coverage);
    }
    for (const TestFailure& failure : report.failures) {
        out += format_test_failure(failure) + "\n";
    }
    out +=
        std::to_string(report.passed) + " passed, " + std::to_string(report.failed) + " failed\n";
    return out;
}

std::string test_report_to_json(const TestReport& report) {
    Json failures = Json::array();
    for (const TestFailure& failure : report.failures) {
        failures.push_back({{"test", failure.test},
                            {"file", failure.location.file.str()},
                            {"line", failure.location.line},
                            {"column", failure.location.column},
                            {"message", failure.message}});
    }
    Json out{{"passed", report.passed}, {"failed", report.failed}, {"failures", failures}};
    if (report.coverage) {
        out["coverage"] = coverage_json(*report.coverage);
    }
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething

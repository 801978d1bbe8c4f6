// The catalog report's model: one plan per bundle (or per test case), the reductions and their
// averages across bundles.
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "onething/error.hpp"
#include "onething/report.hpp"

namespace onething {
namespace {

/// Plans `bundle` with `facts` into a row; a planning error is recorded in the row.
ReportRow plan_row(const Catalog& catalog, const std::string& bundle, const std::string& test,
                   const Facts& facts, const PlanOptions& options) {
    ReportRow row;
    row.bundle = bundle;
    row.test = test;
    try {
        const Plan plan = make_plan(catalog, bundle, facts, options);
        row.before = plan.before;
        row.after = plan.after;
    } catch (const Error& error) {
        row.error = error.diagnostics().front().message + " [" + error.code() + "]";
    }
    return row;
}

/// Appends the rows of `bundle`: one per test case planned with (the first only unless
/// `all_cases`), else one without facts.
void add_bundle_rows(Report& report, const Catalog& catalog, const Bundle& bundle,
                     const PlanOptions& options) {
    bool planned = false;
    for (const TestCase& test : catalog.tests()) {
        // A case expecting an error, or only the guide's questions, has no plan to quote.
        if (test.bundle.id != bundle.id || test.expect.error || test.expect.guide_only()) {
            continue;
        }
        report.rows.push_back(plan_row(catalog, bundle.id, test.name, test.facts, options));
        planned = true;
        if (!report.all_cases) {
            break;
        }
    }
    if (!planned) {
        report.rows.push_back(plan_row(catalog, bundle.id, "", {}, options));
    }
}

}  // namespace

Report catalog_report(const Catalog& catalog, bool all_cases, const PlanOptions& options) {
    Report report;
    report.all_cases = all_cases;
    for (const Bundle& bundle : catalog.bundles()) {
        add_bundle_rows(report, catalog, bundle, options);
    }
    return report;
}

Report bundles_report(const Catalog& catalog, std::span<const std::string> bundles, bool all_cases,
                      const PlanOptions& options) {
    Report report;
    report.all_cases = all_cases;
    for (const std::string& id : bundles) {
        if (const Bundle* bundle = catalog.find_bundle(id)) {
            add_bundle_rows(report, catalog, *bundle, options);
        }
    }
    return report;
}

std::optional<double> reduction(double before, double after) {
    if (before == 0 || !std::isfinite(before) || !std::isfinite(after)) {
        return std::nullopt;
    }
    return (before - after) * 100.0 / before;
}

namespace {

/// Per metric: bundle → (sum, count) of its rows' reductions (rows with an error and metrics
/// whose "before" is 0 left out).
std::vector<std::map<std::string, std::pair<double, int>>> bundle_reductions(const Report& report) {
    std::vector<std::map<std::string, std::pair<double, int>>> per_bundle(all_metrics.size());
    for (const ReportRow& row : report.rows) {
        if (!row.error.empty()) {
            continue;
        }
        for (std::size_t index = 0; index < all_metrics.size(); ++index) {
            const Metric metric = all_metrics[index];
            if (auto value = reduction(row.before.get(metric), row.after.get(metric))) {
                auto& [sum, count] = per_bundle[index][row.bundle];
                sum += *value;
                ++count;
            }
        }
    }
    return per_bundle;
}

}  // namespace

Reductions average_reductions(const Report& report) {
    // The mean of each bundle's mean.
    const auto per_bundle = bundle_reductions(report);
    Reductions averages;
    for (std::size_t index = 0; index < all_metrics.size(); ++index) {
        if (per_bundle[index].empty()) {
            continue;
        }
        double total = 0;
        for (const auto& [bundle, sum_count] : per_bundle[index]) {
            total += sum_count.first / sum_count.second;
        }
        averages[index] = total / static_cast<double>(per_bundle[index].size());
    }
    return averages;
}

std::optional<Reductions> weighted_reductions(const Report& report, const Catalog& catalog) {
    const auto per_bundle = bundle_reductions(report);
    Reductions averages;
    bool any = false;
    for (std::size_t index = 0; index < all_metrics.size(); ++index) {
        double total = 0, weights = 0;
        for (const auto& [id, sum_count] : per_bundle[index]) {
            const Bundle* bundle = catalog.find_bundle(id);
            if (bundle && bundle->annual_cases && *bundle->annual_cases > 0) {
                const auto weight = static_cast<double>(*bundle->annual_cases);
                total += weight * sum_count.first / sum_count.second;
                weights += weight;
            }
        }
        if (weights > 0) {
            averages[index] = total / weights;
            any = true;
        }
    }
    return any ? std::optional<Reductions>(averages) : std::nullopt;
}

/// The bundles of `report` planned without error that carry a volume above 0.
std::size_t weighted_bundles(const Report& report, const Catalog& catalog) {
    std::set<std::string> counted;
    for (const ReportRow& row : report.rows) {
        const Bundle* bundle = catalog.find_bundle(row.bundle);
        if (row.error.empty() && bundle && bundle->annual_cases && *bundle->annual_cases > 0) {
            counted.insert(row.bundle);
        }
    }
    return counted.size();
}

std::size_t planned_bundles(const Report& report) {
    std::set<std::string> planned;
    for (const ReportRow& row : report.rows) {
        if (row.error.empty()) {
            planned.insert(row.bundle);
        }
    }
    return planned.size();
}

Reductions published_reductions() {
    Reductions published;
    for (std::size_t index = 0; index < all_metrics.size(); ++index) {
        switch (all_metrics[index]) {
            case Metric::steps:
                published[index] = 69;
                break;
            case Metric::materials:
                published[index] = 75;
                break;
            case Metric::visits:
                published[index] = 71;
                break;
            case Metric::days:
                published[index] = 54;
                break;
            case Metric::forms:
            case Metric::fields:
                break;
        }
    }
    return published;
}

std::string format_reduction(double percent) {
    if (!std::isfinite(percent)) {
        return "n/a";
    }
    const double rounded = std::round(percent);
    if (rounded == 0) {
        return "0%";
    }
    const auto magnitude = static_cast<long long>(std::fabs(rounded));
    return (rounded > 0 ? "-" : "+") + std::to_string(magnitude) + "%";
}

}  // namespace onething

// Running the catalog's `tests:` cases, as `onething test` and CI jobs do.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/diagnostic.hpp"
#include "onething/plan.hpp"

namespace onething {

/// One difference between a test case's expectation and the engine's result.
struct TestFailure {
    std::string test;     ///< the case's name
    Location location;    ///< the expectation that differs; the case when planning failed
    std::string message;  ///< what differed, e.g. "after.steps is 3, expected 2"
};

/// The outcome of one test case, in the order the cases are written.
struct TestCaseResult {
    std::string name;               ///< the case's name
    std::string bundle;             ///< the bundle it plans
    Location location;              ///< the case's list entry
    std::size_t first_failure = 0;  ///< position of its first difference in `TestReport::failures`
    std::size_t failure_count = 0;  ///< its differences (0: the case passed)
};

/// What a coverage point is about (docs/testing.md).
enum class CoverageKind {
    item,         ///< a possible item of the bundle, covered when some case's plan selects it
    condition,    ///< one outcome (true or false) of a `when`, covered when some case decides it
    alternative,  ///< an alternative of an `any_of` need, covered when some plan chooses it
    deferral,     ///< a deferred item, covered when some plan holds it (deferred)
};

/// The word for a coverage kind in outputs: "item", "condition", "alternative", "deferral".
const char* to_string(CoverageKind kind);

/// Whose `when` a condition point is.
enum class ConditionSite {
    none,           ///< not a condition point
    bundle,         ///< the bundle's `when`
    item,           ///< an item's `when`
    item_need,      ///< the `when` of an entry of `needs.items`
    material_need,  ///< the `when` of an entry of `needs.materials`
    alternative,    ///< the `when` of an alternative of an `any_of`
    field_need,     ///< the `when` of an entry of `needs.fields`
};

/// The word for a condition site in outputs: "bundle", "item", "item_need", ...
const char* to_string(ConditionSite site);

/// One thing a bundle's test cases can exercise: an item, a condition outcome, an `any_of`
/// alternative or a deferral.
struct CoveragePoint {
    CoverageKind kind = CoverageKind::item;    ///< what the point is about
    ConditionSite site = ConditionSite::none;  ///< condition points: whose `when` it is
    std::string bundle;                        ///< the bundle whose cases exercise it
    std::string item;                          ///< the item ("" for the bundle's `when`)
    int need = -1;                             ///< the need's position in its list, or -1
    int alternative = -1;                      ///< the alternative's position, or -1
    std::string target;                        ///< what the need or alternative names
    std::vector<std::string> alternatives;     ///< a material need's alternatives, as written
    std::string condition;                     ///< condition points: the `when` as written
    bool outcome = false;                      ///< condition points: the outcome (true/false)
    Location location;                         ///< where the point is written
};

/// "item x never selected", "item x, needs field f: when \"c\" never false", ...
std::string describe(const CoveragePoint& point);

/// Covered points out of all, for one kind of point or for all of them.
struct CoverageCount {
    std::size_t covered = 0;  ///< points some case exercised
    std::size_t total = 0;    ///< points there are
};

/// The coverage of one bundle by its test cases.
struct BundleCoverage {
    std::string bundle;                    ///< the bundle's id
    Location location;                     ///< the bundle's id key
    std::size_t cases = 0;                 ///< its cases that were planned
    CoverageCount items;                   ///< possible items selected
    CoverageCount conditions;              ///< condition outcomes decided
    CoverageCount alternatives;            ///< `any_of` alternatives chosen
    CoverageCount deferrals;               ///< deferred items deferred
    std::vector<CoveragePoint> uncovered;  ///< every point no case exercised, kind by kind
    /// All four kinds together.
    CoverageCount all() const;
};

/// The coverage of the catalog by its test cases, bundle by bundle (sorted by id).
struct CoverageReport {
    std::vector<BundleCoverage> bundles;  ///< every bundle of the catalog
    /// Every bundle's points together.
    CoverageCount all() const;
};

/// A percentage of covered points, rounded down to a tenth ("85.4"); "100.0" when there is no
/// point, so that it never shows 100.0 while a point is uncovered.
std::string coverage_percent(const CoverageCount& count);

/// The same figure as a number (85.4), for JSON.
double coverage_percent_value(const CoverageCount& count);

/// True when `count` is at least `minimum` percent (0 to 100): the figure itself meets it.
bool meets_minimum(const CoverageCount& count, double minimum);

/// The outcome of running test cases.
struct TestReport {
    std::size_t passed = 0;             ///< cases with no difference
    std::size_t failed = 0;             ///< cases with at least one difference
    std::vector<TestFailure> failures;  ///< every difference, in case order
    /// What passing cases still showed, in case order: a plan made whose merged form cannot be
    /// (`conflicting-constraints`) where the case expects no error, so checks nothing it gives.
    std::vector<Diagnostic> warnings;
    std::vector<TestCaseResult> cases;       ///< every case, in file order
    std::optional<CoverageReport> coverage;  ///< set when run with coverage
};

/// Runs every test case of the catalog, checking each `expect` key given; with `coverage`,
/// also measures what the cases exercise (docs/testing.md). Each case plans on its `as_of`, or
/// on `default_day` (nullopt: today), in the catalog's version of that day. Thread-safe.
TestReport run_tests(const Catalog& catalog, const PlanOptions& options = {}, bool coverage = false,
                     std::optional<Date> default_day = std::nullopt);

/// Formats a failure as `file:line:column: test 'name': message`.
std::string format_test_failure(const TestFailure& failure);

/// The report as text: the coverage when measured, one line per failure
/// (`format_test_failure`), then `N passed, N failed`.
std::string test_report_to_text(const TestReport& report);

/// The report as `{"passed", "failed", "failures": [{"test", "file", "line", "column",
/// "message"}, ...]}`, plus `"coverage"` when measured (docs/testing.md).
std::string test_report_to_json(const TestReport& report);

/// The report as JUnit XML: a `<testsuite>` per bundle (sorted by id), a `<testcase>` per case
/// with its file and line, a `<failure>` per failed case. Deterministic: no times, no host.
std::string test_report_to_junit(const TestReport& report);

}  // namespace onething

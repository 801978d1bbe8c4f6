// Running the catalog's `tests:` cases, as `onething test` and CI jobs do.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething {

/// One difference between a test case's expectation and the engine's result.
struct TestFailure {
    std::string test;     ///< the case's name
    Location location;    ///< the expectation that differs; the case when planning failed
    std::string message;  ///< what differed, e.g. "after.steps is 3, expected 2"
};

/// The outcome of running test cases.
struct TestReport {
    std::size_t passed = 0;             ///< cases with no difference
    std::size_t failed = 0;             ///< cases with at least one difference
    std::vector<TestFailure> failures;  ///< every difference, in case order
};

/// Runs every test case of the catalog, checking each `expect` key given. Thread-safe.
TestReport run_tests(const Catalog& catalog, const PlanOptions& options = {});

/// Formats a failure as `file:line:column: test 'name': message`.
std::string format_test_failure(const TestFailure& failure);

/// The report as text: one line per failure (`format_test_failure`), then `N passed, N failed`.
std::string test_report_to_text(const TestReport& report);

/// The report as `{"passed", "failed", "failures": [{"test", "file", "line", "column",
/// "message"}, ...]}`.
std::string test_report_to_json(const TestReport& report);

}  // namespace onething

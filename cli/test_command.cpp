// `onething test [PATH...]`: run every `tests:` case; one line per failure, then the tally.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "onething/testing.hpp"

namespace onething::cli {
namespace {

/// Options of `test`.
struct TestOptions {
    CatalogOptions catalog;
    PlanOptions planner;
};

/// Runs `test`.
int run_test(const TestOptions& options) {
    auto loaded = load_for_command(options.catalog, false);
    if (!loaded) {
        std::cerr << "the rules have errors; no test was run\n";
        return exit_problems;
    }
    const TestReport report = run_tests(loaded->catalog, options.planner);
    for (const TestFailure& failure : report.failures) {
        std::cout << format_test_failure(failure) << '\n';
    }
    std::cout << report.passed << " passed, " << report.failed << " failed\n";
    return report.failed == 0 ? exit_ok : exit_problems;
}

}  // namespace

void add_test_command(CLI::App& app, std::vector<Command>& commands) {
    auto options = std::make_shared<TestOptions>();
    CLI::App* command = app.add_subcommand("test", "Run every tests: case of the catalog");
    add_catalog_options(*command, options->catalog);
    add_search_options(*command, options->planner);
    commands.push_back({command, [options] { return run_test(*options); }});
}

}  // namespace onething::cli

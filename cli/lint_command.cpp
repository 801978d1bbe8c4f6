// `onething lint [PATH...]`: load and check everything, report every problem.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "common.hpp"

namespace onething::cli {
namespace {

/// Options of `lint`.
struct LintOptions {
    CatalogOptions catalog;
    std::string format = "text";
    std::string output;
};

/// The diagnostics as JSON.
std::string to_json(const LoadResult& result) {
    nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
    std::size_t errors = 0, warnings = 0;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        (diagnostic.severity == Severity::error ? errors : warnings) += 1;
        diagnostics.push_back({{"file", diagnostic.location.file.str()},
                               {"line", diagnostic.location.line},
                               {"column", diagnostic.location.column},
                               {"severity", severity_name(diagnostic.severity)},
                               {"code", diagnostic.code},
                               {"message", diagnostic.message}});
    }
    nlohmann::ordered_json out{{"diagnostics", diagnostics},
                               {"errors", errors},
                               {"warnings", warnings},
                               {"bundles", result.catalog.bundles().size()},
                               {"items", result.catalog.items().size()},
                               {"tests", result.catalog.tests().size()}};
    return out.dump(2) + "\n";
}

/// Runs `lint`.
int run_lint(const LintOptions& options) {
    std::vector<std::string> paths = options.catalog.paths;
    if (paths.empty()) {
        paths.push_back(default_catalog_path());
    }
    const LoadResult result = load_catalog(paths, options.catalog.limits);
    if (options.format == "json") {
        write_output(to_json(result), options.output);
    } else {
        for (const Diagnostic& diagnostic : result.diagnostics) {
            std::cerr << format_diagnostic(diagnostic) << '\n';
        }
        if (result.ok()) {
            const auto& catalog = result.catalog;
            write_output("ok: " + std::to_string(catalog.bundles().size()) + " bundles, " +
                             std::to_string(catalog.items().size()) + " items, " +
                             std::to_string(catalog.tests().size()) + " tests\n",
                         options.output);
        }
    }
    return result.ok() ? exit_ok : exit_problems;
}

}  // namespace

void add_lint_command(CLI::App& app, std::vector<Command>& commands) {
    auto options = std::make_shared<LintOptions>();
    CLI::App* command =
        app.add_subcommand("lint", "Load and check the rules; report every problem");
    add_catalog_options(*command, options->catalog);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "Write the report to FILE (atomically)");
    commands.push_back({command, [options] { return run_lint(*options); }});
}

}  // namespace onething::cli

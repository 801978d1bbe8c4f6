// `onething report [PATH...]`: before/after of every bundle, the average reduction and the
// published averages, as text or Markdown.
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "onething/report.hpp"

namespace onething::cli {
namespace {

/// Options of `report`.
struct ReportOptions {
    CatalogOptions catalog;
    std::string format = "text";
    std::string lang = "zh";
    std::string output;
    bool all_cases = false;
    PlanOptions planner;
};

/// Runs `report`; exit 1 when a bundle could not be planned (the report is still written).
int run_report(const ReportOptions& options) {
    auto loaded = load_for_command(options.catalog, false);
    if (!loaded) {
        return exit_problems;
    }
    const Catalog& catalog = loaded->catalog;
    const Report report = catalog_report(catalog, options.all_cases, options.planner);
    const std::string text = options.format == "markdown"
                                 ? report_to_markdown(report, catalog, options.lang)
                                 : report_to_text(report, catalog, options.lang);
    write_output(text, options.output);
    for (const ReportRow& row : report.rows) {
        if (!row.error.empty()) {
            return exit_problems;
        }
    }
    return exit_ok;
}

}  // namespace

void add_report_command(CLI::App& app, std::vector<Command>& commands) {
    auto options = std::make_shared<ReportOptions>();
    CLI::App* command =
        app.add_subcommand("report", "Before/after of every bundle beside the published averages");
    add_catalog_options(*command, options->catalog);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "markdown"}))
        ->capture_default_str();
    command->add_option("--lang", options->lang, "Language of headings and bundle names (zh, en)")
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "Write the report to FILE (atomically)");
    command->add_flag("--all-cases", options->all_cases,
                      "One row per test case instead of one per bundle (its first case)");
    add_search_options(*command, options->planner);
    commands.push_back({command, [options] { return run_report(*options); }});
}

}  // namespace onething::cli

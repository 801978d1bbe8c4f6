// `onething plan [PATH...] --bundle ID`: the optimal, scheduled plan in text, JSON, DOT or Mermaid.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "onething/write.hpp"

namespace onething::cli {
namespace {

/// Options of `plan`.
struct PlanCommandOptions {
    CatalogOptions catalog;
    PlanInputOptions input;
    std::string format = "text";
    PlanOptions planner;
};

/// Runs `plan`.
int run_plan(const PlanCommandOptions& options) {
    auto loaded = load_for_command(options.catalog, false);
    if (!loaded) {
        return exit_problems;
    }
    const Catalog& catalog = loaded->catalog;
    const Facts facts = gather_facts(catalog, options.input, options.catalog.limits);
    const Plan plan = make_plan(catalog, options.input.bundle, facts, options.planner);
    const PlanOptions defaults;
    if (!plan.optimal && options.planner.max_search_nodes == defaults.max_search_nodes &&
        options.planner.max_search_work == defaults.max_search_work) {
        std::cerr << "note: the plan is not proven optimal within the default search bounds; "
                     "--thorough searches up to about a second\n";
    }
    const std::string& lang = options.input.lang;
    std::string text;
    if (options.format == "json") {
        text = plan_to_json(plan, catalog, lang);
    } else if (options.format == "dot") {
        text = plan_to_dot(plan, catalog, lang);
    } else if (options.format == "markdown") {
        text = plan_to_markdown(plan, catalog, lang);
    } else if (options.format == "mermaid") {
        text = plan_to_mermaid(plan, catalog, lang);
    } else {
        text = plan_to_text(plan, catalog, lang);
    }
    write_output(text, options.input.output);
    return exit_ok;
}

}  // namespace

void add_plan_command(CLI::App& app, std::vector<Command>& commands) {
    auto options = std::make_shared<PlanCommandOptions>();
    CLI::App* command = app.add_subcommand("plan", "The optimal, scheduled plan of a bundle");
    add_catalog_options(*command, options->catalog);
    add_plan_input_options(*command, options->input);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "markdown", "dot", "mermaid"}))
        ->capture_default_str();
    add_search_options(*command, options->planner);
    commands.push_back({command, [options] { return run_plan(*options); }});
}

}  // namespace onething::cli

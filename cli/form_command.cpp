// `onething form [PATH...] --bundle ID`: the merged form of a plan as a JSON Schema (2020-12).
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "onething/form.hpp"

namespace onething::cli {
namespace {

/// Options of `form`.
struct FormCommandOptions {
    CatalogOptions catalog;
    PlanInputOptions input;
};

/// Runs `form`.
int run_form(const FormCommandOptions& options) {
    auto loaded = load_for_command(options.catalog, false);
    if (!loaded) {
        return exit_problems;
    }
    const Catalog& catalog = loaded->catalog;
    const Facts facts = gather_facts(catalog, options.input, options.catalog.limits);
    const Plan plan = make_plan(catalog, options.input.bundle, facts);
    const Form form = merge_form(catalog, plan);
    write_output(form_to_json_schema(form, options.input.lang), options.input.output);
    return exit_ok;
}

}  // namespace

void add_form_command(CLI::App& app, std::vector<Command>& commands) {
    auto options = std::make_shared<FormCommandOptions>();
    CLI::App* command =
        app.add_subcommand("form", "The merged form of a bundle as a JSON Schema (draft 2020-12)");
    add_catalog_options(*command, options->catalog);
    add_plan_input_options(*command, options->input);
    commands.push_back({command, [options] { return run_form(*options); }});
}

}  // namespace onething::cli

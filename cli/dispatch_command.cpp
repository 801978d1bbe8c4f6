// `onething dispatch [PATH...] --bundle ID --answers FILE`: validated answers, one payload per
// item.
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "onething/form.hpp"
#include "onething/input.hpp"

namespace onething::cli {
namespace {

/// Options of `dispatch`.
struct DispatchCommandOptions {
    CatalogOptions catalog;
    PlanInputOptions input;
    std::string answers_file;
    std::string shared_file;
};

/// Runs `dispatch`.
int run_dispatch(const DispatchCommandOptions& options) {
    auto loaded = load_for_command(options.catalog, false);
    if (!loaded) {
        return exit_problems;
    }
    const Catalog& catalog = loaded->catalog;
    const Limits& limits = options.catalog.limits;
    const Facts facts = gather_facts(catalog, options.input, limits);
    const Plan plan = make_plan(catalog, options.input.bundle, facts);
    const Form form = merge_form(catalog, plan);
    const SourceFile answers_file{options.answers_file,
                                  read_input_file(options.answers_file, limits.max_file_bytes)};
    const Answers answers = read_answers(form, answers_file, limits);
    Answers shared;
    if (!options.shared_file.empty()) {
        const SourceFile shared_file{options.shared_file,
                                     read_input_file(options.shared_file, limits.max_file_bytes)};
        shared = read_shared(catalog, shared_file, limits);
    }
    write_output(dispatch_to_json(dispatch(catalog, plan, answers, shared)), options.input.output);
    return exit_ok;
}

}  // namespace

void add_dispatch_command(CLI::App& app, std::vector<Command>& commands) {
    auto options = std::make_shared<DispatchCommandOptions>();
    CLI::App* command = app.add_subcommand(
        "dispatch", "Validate answers to the merged form and split them into one payload per item");
    add_catalog_options(*command, options->catalog);
    add_plan_input_options(*command, options->input);
    command
        ->add_option("--answers", options->answers_file,
                     "Answers to the merged form (YAML or JSON, nested or flat)")
        ->required();
    command->add_option("--shared", options->shared_file,
                        "Shared data for prefilled fields (YAML or JSON, nested or flat)");
    commands.push_back({command, [options] { return run_dispatch(*options); }});
}

}  // namespace onething::cli

// The subcommands: each is an operation of the request layer with the options that fill its
// request. Running one is always the same: load, answer, print (common.cpp).
#include "commands.hpp"

#include <memory>

#include "common.hpp"

namespace onething::cli {
namespace {

/// A subcommand: its operation, its help line and the options beyond the catalog's.
struct Subcommand {
    Operation operation;
    const char* description;
    void (*add_options)(CLI::App& command, Invocation& invocation);
    bool reads_catalog = true;  ///< false: no PATHs and no limits (the command reads no rules)
};

/// --bundle, --facts, --fact, --lang, --output and --format.
void plan_input_and_format(CLI::App& command, Invocation& invocation) {
    add_plan_input_options(command, invocation);
    add_format_option(command, invocation);
}

/// --format, --lang and --output.
void format_lang_output(CLI::App& command, Invocation& invocation) {
    add_format_option(command, invocation);
    add_lang_option(command, invocation);
    add_output_option(command, invocation);
}

const Subcommand subcommands[] = {
    {Operation::lint, "Load and check the rules; report every problem",
     [](CLI::App& command, Invocation& invocation) {
         add_format_option(command, invocation);
         add_output_option(command, invocation);
     }},
    {Operation::list, "List the bundles and items of the catalog", format_lang_output},
    {Operation::plan, "The optimal, scheduled plan of a bundle",
     [](CLI::App& command, Invocation& invocation) {
         plan_input_and_format(command, invocation);
         add_search_options(command, invocation.request.search);
     }},
    {Operation::guide, "The facts still needed to decide the plan, in asking order",
     plan_input_and_format},
    {Operation::test, "Run every tests: case of the catalog",
     [](CLI::App& command, Invocation& invocation) {
         add_format_option(command, invocation);
         add_output_option(command, invocation);
         add_search_options(command, invocation.request.search);
     }},
    {Operation::form, "The merged form of a bundle as a JSON Schema (draft 2020-12)",
     add_plan_input_options},
    {Operation::dispatch,
     "Validate answers to the merged form and split them into one payload per item",
     [](CLI::App& command, Invocation& invocation) {
         add_plan_input_options(command, invocation);
         command
             .add_option("--answers", invocation.files.answers,
                         "Answers to the merged form (YAML or JSON, nested or flat)")
             ->required();
         command.add_option("--shared", invocation.files.shared,
                            "Shared data for prefilled fields (YAML or JSON, nested or flat)");
     }},
    {Operation::report, "Before/after of every bundle beside the published averages",
     [](CLI::App& command, Invocation& invocation) {
         format_lang_output(command, invocation);
         command.add_flag("--all-cases", invocation.request.all_cases,
                          "One row per test case instead of one per bundle (its first case)");
         add_search_options(command, invocation.request.search);
     }},
    {Operation::schema,
     "The JSON Schema (draft 2020-12) of rule files, for editors and other checkers",
     add_output_option, false},
};

}  // namespace

std::vector<Command> add_commands(CLI::App& app) {
    std::vector<Command> commands;
    for (const Subcommand& subcommand : subcommands) {
        auto invocation = std::make_shared<Invocation>();
        invocation->request.operation = subcommand.operation;
        CLI::App* command =
            app.add_subcommand(to_string(subcommand.operation), subcommand.description);
        invocation->reads_catalog = subcommand.reads_catalog;
        if (subcommand.reads_catalog) {
            add_catalog_options(*command, invocation->catalog);
        }
        subcommand.add_options(*command, *invocation);
        commands.push_back({command, [invocation] { return run_invocation(*invocation); }});
    }
    return commands;
}

}  // namespace onething::cli

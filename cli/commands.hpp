// The registry of `onething` subcommands.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace onething::cli {

/// A subcommand and what runs it once its options are parsed; returns the exit status.
struct Command {
    CLI::App* app = nullptr;   ///< the parsed subcommand
    std::function<int()> run;  ///< runs it
};

/// `onething lint`: load and check everything.
void add_lint_command(CLI::App& app, std::vector<Command>& commands);
/// `onething list`: bundles and items.
void add_list_command(CLI::App& app, std::vector<Command>& commands);

/// `onething plan`: the optimal, scheduled plan of a bundle.
void add_plan_command(CLI::App& app, std::vector<Command>& commands);
/// `onething guide`: the facts still needed, in asking order.
void add_guide_command(CLI::App& app, std::vector<Command>& commands);
/// `onething test`: run every `tests:` case.
void add_test_command(CLI::App& app, std::vector<Command>& commands);
/// `onething form`: the merged form as a JSON Schema.
void add_form_command(CLI::App& app, std::vector<Command>& commands);
/// `onething dispatch`: validated answers split into one payload per item.
void add_dispatch_command(CLI::App& app, std::vector<Command>& commands);
/// `onething report`: before/after of every bundle beside the published averages.
void add_report_command(CLI::App& app, std::vector<Command>& commands);

}  // namespace onething::cli

// The registry of `onething` subcommands: one per operation of the request layer.
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

/// Adds every subcommand (lint, list, plan, guide, test, form, dispatch, report, serve) to `app`.
std::vector<Command> add_commands(CLI::App& app);

}  // namespace onething::cli

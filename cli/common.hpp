// Shared pieces of the `onething` subcommands: catalog options, loading, output, exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "onething/limits.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"

namespace onething::cli {

/// Exit statuses of the command (the contract's).
enum Exit : int { exit_ok = 0, exit_problems = 1, exit_usage = 2 };

/// Options every catalog-reading subcommand takes.
struct CatalogOptions {
    std::vector<std::string> paths;  ///< rule files and folders; empty: the shipped catalog
    Limits limits;                   ///< input limits, settable with --max-*
};

/// Options of subcommands that plan a bundle for an applicant.
struct PlanInputOptions {
    std::string bundle;                    ///< --bundle ID
    std::string facts_file;                ///< --facts FILE (YAML or JSON)
    std::vector<std::string> assignments;  ///< --fact ID=VALUE, applied after the file
    std::string lang = "zh";               ///< --lang
    std::string output;                    ///< -o/--output FILE
};

/// Adds --bundle, --facts, --fact, --lang and --output.
void add_plan_input_options(CLI::App& command, PlanInputOptions& options);

/// The facts from --facts and --fact, checked against the catalog.
Facts gather_facts(const Catalog& catalog, const PlanInputOptions& options, const Limits& limits);

/// Adds --max-search-nodes and --max-search-work (the optimizer's bounds) to a subcommand.
void add_search_options(CLI::App& command, PlanOptions& options);

/// Adds `[PATH...]` and the --max-* limit options to a subcommand.
void add_catalog_options(CLI::App& command, CatalogOptions& options);

/// The shipped catalog: share/onething/rules beside an installed binary, else the source tree's.
std::string default_catalog_path();

/// Loads the catalog; prints diagnostics to stderr. Returns nullopt (after printing) when the
/// rules have errors. Throws IoError for unreadable paths.
std::optional<LoadResult> load_for_command(const CatalogOptions& options, bool print_warnings);

/// Writes `text` to stdout, or atomically to `path` (temporary file, then rename) when set.
void write_output(const std::string& text, const std::string& path);

}  // namespace onething::cli

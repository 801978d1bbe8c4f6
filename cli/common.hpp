// Shared pieces of the `onething` subcommands: options, and running a request of the library's
// request layer (loading the catalog, reading the files named, printing the answer).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "onething/limits.hpp"
#include "onething/request.hpp"

namespace onething::cli {

/// Exit statuses of the command (the contract's).
enum Exit : int { exit_ok = 0, exit_problems = 1, exit_usage = 2 };

/// Options every catalog-reading subcommand takes.
struct CatalogOptions {
    std::vector<std::string> paths;     ///< rule files and folders; empty: the shipped catalog
    std::vector<std::string> overlays;  ///< --overlay FILE, in the order they apply
    Limits limits;                      ///< input limits, settable with --max-*
};

/// Files a request names on the command line, read once the catalog has loaded.
struct RequestFiles {
    std::string facts;    ///< --facts FILE (YAML or JSON), "" for none
    std::string answers;  ///< --answers FILE, "" for none
    std::string shared;   ///< --shared FILE, "" for none
};

/// A subcommand's whole state: the request it builds, the files it reads, where it writes.
struct Invocation {
    CatalogOptions catalog;     ///< where the rules are and the input limits
    Request request;            ///< filled by the options
    RequestFiles files;         ///< read after loading
    std::string output;         ///< -o/--output FILE, "" or "-" for standard output
    bool reads_catalog = true;  ///< false: the operation needs no rules (`schema`)
    bool interactive = false;   ///< guide: ask one question at a time (interactive_guide.hpp)
    bool compile = false;       ///< compile: write the catalog's snapshot instead of a request
};

/// Search bounds are integers from 1 to 2^63 - 1, as in a JSON request (request_json.cpp):
/// 0 would stop the optimizer before its first plan, which it always completes anyway.
inline constexpr std::uint64_t max_search_bound = std::numeric_limits<std::int64_t>::max();

/// Accepts a decimal integer from `min` to `max` and nothing else: no sign, no exponent, no
/// hex or octal prefix, no fraction. CLI11 converts with strtoull, which wraps `-1` and
/// saturates 2^64 to the largest value, so every numeric option checks its text with this first.
CLI::Validator integer_range(std::uint64_t min, std::uint64_t max);

/// Accepts any text but the empty one: a path option given '' (a script's unset variable) is a
/// usage error rather than the option left out.
CLI::Validator non_empty_path();

/// Accepts one of `names` (its description lists them); else "expected one of a, b, not 'x'",
/// the value quoted as the library quotes input.
CLI::Validator one_of(std::vector<std::string> names);

/// Adds `[PATH...]`, --overlay and the --max-* limit options to a subcommand.
void add_catalog_options(CLI::App& command, CatalogOptions& options);

/// Adds --max-file-bytes and --max-depth to a subcommand that reads one document, not a
/// catalog (`import`).
void add_document_limits(CLI::App& command, Limits& limits);

/// The load request of the catalog options: the paths (the shipped catalog when none), the
/// overlays and the limits.
LoadRequest load_request_of(const CatalogOptions& options);

/// Adds --bundle, --facts, --fact, --lang and --output.
void add_plan_input_options(CLI::App& command, Invocation& invocation);

/// Adds --format with the operation's formats (the request layer's registry), default first.
void add_format_option(CLI::App& command, Invocation& invocation);

/// Adds --as-of DATE (the day planned on; a bad date is a usage error).
void add_as_of_option(CLI::App& command, Request& request);
/// Adds --lang (language of names, labels and headings).
void add_lang_option(CLI::App& command, Invocation& invocation);

/// Adds -o/--output.
void add_output_option(CLI::App& command, Invocation& invocation);

/// Adds --max-search-nodes, --max-search-work and --thorough (the optimizer's bounds).
void add_search_options(CLI::App& command, PlanOptions& options);

/// The shipped catalog: share/onething/rules beside an installed binary, else the source tree's.
std::string default_catalog_path();

/// Loads the catalog, reads the files the invocation names, answers its request and prints the
/// answer: diagnostics and notes on standard error, the document on standard output or to
/// --output. Returns the exit status. Throws IoError for unreadable paths (exit status 2).
int run_invocation(const Invocation& invocation);

/// Refuses (IoError "unwritable", naming `what`) writing `output` when it exists and is the
/// file `input` (the same device and inode, so a link or another spelling counts).
void refuse_output_over(const std::string& output, const std::string& input, const char* what);

/// Refuses an output `path` that exists and is not a regular file, or that is one of the
/// invocation's inputs: its facts, answers or shared file, a rule file under `paths`, an overlay.
void check_output_not_input(const Invocation& invocation, const std::string& path,
                            const std::vector<std::string>& paths);

/// Writes `text` to stdout, or atomically to `path` (temporary file, then rename) when set;
/// throws IoError "unwritable" when it cannot, standard output included.
void write_output(const std::string& text, const std::string& path);

}  // namespace onething::cli

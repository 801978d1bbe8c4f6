// Shared pieces of the `onething` subcommands.
#include "common.hpp"

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "onething/error.hpp"
#include "onething/input.hpp"

namespace onething::cli {

namespace fs = std::filesystem;

void add_catalog_options(CLI::App& command, CatalogOptions& options) {
    command.add_option("paths", options.paths,
                       "Rule files or folders (default: the shipped catalog)");
    Limits& limits = options.limits;
    const char* group = "Limits (docs/limits.md)";
    command.add_option("--max-file-bytes", limits.max_file_bytes, "Bytes in one input file")
        ->group(group)
        ->capture_default_str();
    command.add_option("--max-catalog-bytes", limits.max_catalog_bytes, "Bytes in all rule files")
        ->group(group)
        ->capture_default_str();
    command.add_option("--max-nodes", limits.max_nodes, "YAML nodes in one file, aliases expanded")
        ->group(group)
        ->capture_default_str();
    command.add_option("--max-depth", limits.max_depth, "Nesting depth of YAML collections")
        ->group(group)
        ->capture_default_str();
    command
        .add_option("--max-alias-nodes", limits.max_alias_nodes,
                    "Nodes created by aliases per file")
        ->group(group)
        ->capture_default_str();
    command
        .add_option("--max-expression-length", limits.max_expression_length,
                    "Characters in one condition")
        ->group(group)
        ->capture_default_str();
    command
        .add_option("--max-expression-depth", limits.max_expression_depth,
                    "Nesting depth of one condition")
        ->group(group)
        ->capture_default_str();
    command.add_option("--max-definitions", limits.max_definitions, "Definitions in the catalog")
        ->group(group)
        ->capture_default_str();
    command.add_option("--max-files", limits.max_files, "Rule files in the catalog")
        ->group(group)
        ->capture_default_str();
}

void add_search_options(CLI::App& command, PlanOptions& options) {
    CLI::Option* nodes =
        command
            .add_option("--max-search-nodes", options.max_search_nodes,
                        "Search nodes before the optimizer returns its best plan so far")
            ->capture_default_str();
    CLI::Option* work =
        command
            .add_option(
                "--max-search-work", options.max_search_work,
                "Optimizer work (selected items read) before it returns its best plan so far")
            ->capture_default_str();
    // Runs after the options above whatever their order on the command line: a bound given
    // explicitly wins over the thorough one.
    command.add_flag_callback(
        "--thorough",
        [&options, nodes, work] {
            const PlanOptions thorough = PlanOptions::thorough();
            if (nodes->count() == 0) {
                options.max_search_nodes = thorough.max_search_nodes;
            }
            if (work->count() == 0) {
                options.max_search_work = thorough.max_search_work;
            }
        },
        "Search up to about a second to prove the plan optimal (20,000 nodes, 2,000,000 work)");
}

void add_plan_input_options(CLI::App& command, Invocation& invocation) {
    Request& request = invocation.request;
    command.add_option("-b,--bundle", request.bundle, "The bundle (one thing) to plan")->required();
    command.add_option("--facts", invocation.files.facts,
                       "The applicant's facts (YAML or JSON mapping)");
    command.add_option("--fact", request.fact_assignments, "One fact as ID=VALUE (repeatable)");
    add_lang_option(command, invocation);
    add_output_option(command, invocation);
}

void add_format_option(CLI::App& command, Invocation& invocation) {
    const auto formats = output_formats(invocation.request.operation);
    invocation.request.format = std::string(formats.front());
    command.add_option("--format", invocation.request.format, "Output format")
        ->check(CLI::IsMember(std::vector<std::string>(formats.begin(), formats.end())))
        ->capture_default_str();
}

void add_lang_option(CLI::App& command, Invocation& invocation) {
    command
        .add_option("--lang", invocation.request.lang,
                    "Language of names, labels and headings (zh, en)")
        ->capture_default_str();
}

void add_output_option(CLI::App& command, Invocation& invocation) {
    command.add_option("-o,--output", invocation.output, "Write the result to FILE (atomically)");
}

std::string default_catalog_path() {
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const fs::path installed = executable.parent_path() / ONETHING_RELATIVE_RULES_DIR;
        if (fs::is_directory(installed, error)) {
            return installed.lexically_normal().string();
        }
    }
    return ONETHING_SOURCE_RULES_DIR;
}

namespace {

/// A file the request names, read within the input limit.
SourceFile read_request_file(const std::string& path, const Limits& limits) {
    return SourceFile{path, read_input_file(path, limits.max_file_bytes)};
}

}  // namespace

int run_invocation(const Invocation& invocation) {
    std::vector<std::string> paths = invocation.catalog.paths;
    if (paths.empty() && invocation.reads_catalog) {
        paths.push_back(default_catalog_path());
    }
    const Limits& limits = invocation.catalog.limits;
    const LoadResult loaded = invocation.reads_catalog ? load_catalog(paths, limits) : LoadResult{};
    Request request = invocation.request;
    request.limits = limits;
    if (loaded.ok()) {
        const RequestFiles& files = invocation.files;
        if (!files.facts.empty()) {
            request.facts_file = read_request_file(files.facts, limits);
        }
        if (!files.answers.empty()) {
            request.answers = read_request_file(files.answers, limits);
        }
        if (!files.shared.empty()) {
            request.shared = read_request_file(files.shared, limits);
        }
    }
    const Response response = respond(loaded, request);
    for (const Diagnostic& diagnostic : response.diagnostics) {
        std::cerr << format_diagnostic(diagnostic) << '\n';
    }
    for (const std::string& note : response.notes) {
        std::cerr << note << '\n';
    }
    if (!response.document.empty()) {
        write_output(response.document, invocation.output);
    }
    return static_cast<int>(response.outcome);
}

void write_output(const std::string& text, const std::string& path) {
    if (path.empty() || path == "-") {
        std::cout << text;
        std::cout.flush();
        return;
    }
    const fs::path target(path);
    const fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".tmp" +
                                                       std::to_string(::getpid()));
    {
        std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
        stream << text;
        stream.flush();
        if (!stream) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw IoError("unwritable", "cannot write '" + path + "'", Location{path, 0, 0});
        }
    }
    std::error_code error;
    fs::rename(temporary, target, error);
    if (error) {
        fs::remove(temporary, error);
        throw IoError("unwritable", "cannot write '" + path + "': " + error.message(),
                      Location{path, 0, 0});
    }
}

}  // namespace onething::cli

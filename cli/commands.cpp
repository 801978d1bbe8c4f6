// The subcommands: each is an operation of the request layer with the options that fill its
// request. Running one is always the same: load, answer, print (common.cpp).
#include "commands.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <string>

#include "common.hpp"
#include "onething/cpsv_ap.hpp"
#include "onething/error.hpp"
#include "onething/input.hpp"
#include "onething/serve.hpp"
#include "progress.hpp"

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

/// --by: dispatch's payloads keyed by item (the default) or by department and then item.
void add_by_option(CLI::App& command, Invocation& invocation) {
    std::vector<std::string> names;
    for (DispatchGrouping grouping : all_dispatch_groupings) {
        names.emplace_back(to_string(grouping));
    }
    Request& request = invocation.request;
    command
        .add_option_function<std::string>(
            "--by",
            [&request](const std::string& name) {
                request.by = parse_dispatch_grouping(name).value_or(DispatchGrouping::item);
            },
            "Key the payloads by item, or by department and then item")
        ->check(one_of(names))
        ->default_str(names.front());
}

/// A percentage from 0 to 100 written as decimal digits with an optional fraction (`90`,
/// `85.5`): no sign, exponent, `nan` or `inf`.
CLI::Validator percentage() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const auto digit = [](char c) { return c >= '0' && c <= '9'; };
            const std::size_t point = text.find('.');
            const std::string whole = text.substr(0, point);
            const std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
            const bool decimal =
                !whole.empty() && std::all_of(whole.begin(), whole.end(), digit) &&
                (point == std::string::npos ||
                 (!fraction.empty() && std::all_of(fraction.begin(), fraction.end(), digit)));
            // Digits only, so stod reads the whole text; it throws only past the double range.
            if (!decimal || whole.size() > 3 || std::stod(text) > 100) {
                return "expected a percentage from 0 to 100, not '" + text + "'";
            }
            return {};
        },
        "0..100");
}

/// --coverage and --min-coverage: what the test cases exercise (docs/testing.md).
void add_coverage_options(CLI::App& command, Request& request) {
    command.add_flag("--coverage", request.coverage,
                     "Also report what no case exercises: possible items, condition outcomes, "
                     "any_of alternatives and deferrals, per bundle, with a percentage");
    command
        .add_option_function<double>(
            "--min-coverage", [&request](double minimum) { request.min_coverage = minimum; },
            "Fail (exit status 1) when the coverage of the catalog is below N percent")
        ->type_name("N")
        ->check(percentage());
}

const Subcommand subcommands[] = {
    {Operation::lint, "Load and check the rules; report every problem",
     [](CLI::App& command, Invocation& invocation) {
         add_format_option(command, invocation);
         add_output_option(command, invocation);
         command
             .add_option_function<std::size_t>(
                 "--max-warnings",
                 [&request = invocation.request](std::size_t most) { request.max_warnings = most; },
                 "Fail (exit status 1) when the rules have more than N warnings (0: any)")
             ->type_name("N")
             ->check(integer_range(0, std::numeric_limits<std::size_t>::max()));
     }},
    {Operation::list, "List the bundles and items of the catalog", format_lang_output},
    {Operation::plan, "The optimal, scheduled plan of a bundle",
     [](CLI::App& command, Invocation& invocation) {
         plan_input_and_format(command, invocation);
         add_search_options(command, invocation.request.search);
     }},
    {Operation::guide, "The facts still needed to decide the plan, in asking order",
     [](CLI::App& command, Invocation& invocation) {
         plan_input_and_format(command, invocation);
         command.add_flag("--interactive", invocation.interactive,
                          "Ask the questions one at a time, re-planning after each answer, and "
                          "end with the plan and the facts as a --facts file (-o FILE writes it)");
     }},
    {Operation::test, "Run every tests: case of the catalog",
     [](CLI::App& command, Invocation& invocation) {
         add_format_option(command, invocation);
         add_output_option(command, invocation);
         add_search_options(command, invocation.request.search);
         add_coverage_options(command, invocation.request);
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
             ->required()
             ->check(non_empty_path());
         command
             .add_option("--shared", invocation.files.shared,
                         "Shared data for prefilled fields (YAML or JSON, nested or flat)")
             ->check(non_empty_path());
         add_by_option(command, invocation);
     }},
    {Operation::report, "Before/after of every bundle beside the published averages",
     [](CLI::App& command, Invocation& invocation) {
         format_lang_output(command, invocation);
         command.add_flag("--all-cases", invocation.request.all_cases,
                          "One row per test case instead of one per bundle (its first case)");
         add_search_options(command, invocation.request.search);
     }},
    {Operation::schema,
     "The JSON Schema (draft 2020-12) of rule files (--format overlay: of overlay files), for "
     "editors and other checkers",
     [](CLI::App& command, Invocation& invocation) {
         add_format_option(command, invocation);
         add_output_option(command, invocation);
     },
     false},
    {Operation::whatif, "Single catalog changes ranked by what they save across every bundle",
     [](CLI::App& command, Invocation& invocation) {
         format_lang_output(command, invocation);
         command
             .add_option("--top", invocation.request.top,
                         "List the best N single changes and combine up to N (greedy)")
             ->type_name("N")
             ->check(integer_range(1, 1'000'000))
             ->capture_default_str();
         add_search_options(command, invocation.request.search);
         invocation.request.progress = terminal_progress("whatif");
     }},
    {Operation::export_catalog,
     "The catalog in an exchange format (cpsv-ap: CPSV-AP 3 JSON-LD, context inline)",
     [](CLI::App& command, Invocation& invocation) {
         add_format_option(command, invocation);
         add_output_option(command, invocation);
     }},
};

/// `compile`: the checked catalog as a snapshot file (docs/snapshots.md), which every command
/// then takes in place of the rule paths.
Command add_compile_command(CLI::App& app) {
    auto invocation = std::make_shared<Invocation>();
    invocation->compile = true;
    CLI::App* command = app.add_subcommand(
        "compile", "Write the checked catalog as a snapshot that every command loads fast");
    add_catalog_options(*command, invocation->catalog);
    command->add_option("-o,--output", invocation->output, "The snapshot file to write")
        ->required()
        ->check(non_empty_path());
    return {command, [invocation] { return run_invocation(*invocation); }};
}

/// `import`: rule-file skeletons from an exchange document (docs/cpsv-ap.md): FILE read, one
/// rule file `DIR/<FILE's stem>.yaml` written, what the format cannot say left as TODO comments.
Command add_import_command(CLI::App& app) {
    struct State {
        std::string format = "cpsv-ap";
        std::string file;
        std::string directory;
        bool force = false;
        Limits limits;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand(
        "import", "Rule-file skeletons from a CPSV-AP 3 JSON-LD document (TODOs for the rest)");
    command->add_option("--format", state->format, "Input format")
        ->check(one_of({"cpsv-ap"}))
        ->capture_default_str();
    command->add_option("FILE", state->file, "The JSON-LD document")
        ->required()
        ->check(non_empty_path());
    command->add_option("-o,--output", state->directory, "The folder to write the rule file to")
        ->required()
        ->check(non_empty_path());
    command->add_flag("--force", state->force,
                      "Write over a rule file of the same name already in the folder (a "
                      "skeleton finished by hand would be lost)");
    add_document_limits(*command, state->limits);
    return {command, [state] {
                const SourceFile document{
                    state->file, read_input_file(state->file, state->limits.max_file_bytes)};
                const CpsvApImport imported = cpsv_ap_import(document, state->limits);
                std::error_code error;
                std::filesystem::create_directories(state->directory, error);
                if (error) {
                    throw IoError("unwritable",
                                  "cannot create the folder '" + state->directory +
                                      "': " + error.message() +
                                      "; name a folder that exists or can be created (-o)",
                                  Location{state->directory, 0, 0});
                }
                const std::filesystem::path target =
                    std::filesystem::path(state->directory) /
                    (std::filesystem::path(state->file).stem().string() + ".yaml");
                refuse_output_over(target.string(), state->file, "the input");
                std::error_code exists_error;
                if (!state->force && std::filesystem::exists(
                                         std::filesystem::symlink_status(target, exists_error))) {
                    // A skeleton is a start that is finished by hand: never lost to a new import.
                    throw IoError("unwritable",
                                  "'" + target.string() +
                                      "' exists (a skeleton finished by hand, perhaps): import "
                                      "writes over no file; name another folder (-o), move it "
                                      "away, or pass --force to write over it",
                                  Location{target.string(), 0, 0});
                }
                write_output(imported.rules, target.string());
                // Warnings only: the skeleton is written, and they say how to mend it.
                for (const Diagnostic& diagnostic : imported.diagnostics) {
                    std::cerr << format_diagnostic(diagnostic) << '\n';
                }
                return static_cast<int>(exit_ok);
            }};
}

/// `serve`: the HTTP service over the catalog (docs/serving.md); runs until SIGTERM or SIGINT.
Command add_serve_command(CLI::App& app) {
    struct State {
        CatalogOptions catalog;
        ServeOptions options;
        Request day;  ///< holds `--as-of`, as on every command that plans
        std::string listen = "127.0.0.1:8080";
        std::uint64_t read_timeout_ms = 10'000;
        std::uint64_t idle_timeout_ms = 60'000;
    };
    // The service's own bounds (docs/serving.md): a day for a timeout, and as many threads
    // and connections as one process can sensibly hold.
    constexpr std::uint64_t max_timeout_ms = 86'400'000;
    constexpr std::uint64_t max_serve_threads = 1024;
    constexpr std::uint64_t max_serve_connections = 1'000'000;
    auto state = std::make_shared<State>();
    CLI::App* command =
        app.add_subcommand("serve", "Answer plan, guide, form and dispatch requests over HTTP");
    add_catalog_options(*command, state->catalog);
    ServeOptions& options = state->options;
    command->add_option("--listen", state->listen, "HOST:PORT to listen on (port 0: any free one)")
        ->capture_default_str();
    command->add_option("--threads", options.threads, "Worker threads (0: one per core)")
        ->check(integer_range(0, max_serve_threads))
        ->capture_default_str();
    add_as_of_option(*command, state->day);  // the day of requests without their own as_of
    const char* group = "Service limits (docs/serving.md)";
    command->add_option("--max-body-bytes", options.max_body_bytes, "Bytes in a request body")
        ->check(integer_range(1, std::numeric_limits<std::uint64_t>::max()))
        ->group(group)
        ->capture_default_str();
    command
        ->add_option("--max-header-bytes", options.max_header_bytes,
                     "Bytes in a request line and its headers")
        ->check(integer_range(1, max_serve_header_bytes))
        ->group(group)
        ->capture_default_str();
    command
        ->add_option("--read-timeout", state->read_timeout_ms,
                     "Milliseconds to receive a whole request, from its first byte")
        ->check(integer_range(1, max_timeout_ms))
        ->group(group)
        ->capture_default_str();
    command
        ->add_option("--idle-timeout", state->idle_timeout_ms,
                     "Milliseconds a kept-alive connection may wait for its next request")
        ->check(integer_range(1, max_timeout_ms))
        ->group(group)
        ->capture_default_str();
    command
        ->add_option("--max-connections", options.max_connections,
                     "Open connections; more are answered 503 and closed")
        ->check(integer_range(1, max_serve_connections))
        ->group(group)
        ->capture_default_str();
    command
        ->add_option("--max-search-nodes", options.max_search.max_search_nodes,
                     "Cap on a request's max_search_nodes")
        ->check(integer_range(1, max_search_bound))
        ->group(group)
        ->capture_default_str();
    command
        ->add_option("--max-search-work", options.max_search.max_search_work,
                     "Cap on a request's max_search_work")
        ->check(integer_range(1, max_search_bound))
        ->group(group)
        ->capture_default_str();
    return {
        command, [state] {
            ServeOptions serve_options = state->options;
            const LoadRequest load_request = load_request_of(state->catalog);
            serve_options.paths = load_request.paths;
            serve_options.overlays = load_request.overlays;
            serve_options.limits = load_request.limits;
            const auto colon = state->listen.rfind(':');
            if (colon == std::string::npos) {
                throw IoError("bad-listen",
                              "--listen: expected HOST:PORT, got '" + state->listen + "'");
            }
            serve_options.host = state->listen.substr(0, colon);
            if (serve_options.host.size() > 1 && serve_options.host.front() == '[' &&
                serve_options.host.back() == ']') {
                serve_options.host = serve_options.host.substr(1, serve_options.host.size() - 2);
            }
            in_addr ipv4{};
            in6_addr ipv6{};
            if (inet_pton(AF_INET, serve_options.host.c_str(), &ipv4) != 1 &&
                inet_pton(AF_INET6, serve_options.host.c_str(), &ipv6) != 1) {
                throw IoError("bad-listen",
                              "--listen: the host must be an IP address (127.0.0.1, 0.0.0.0, "
                              "[::1]), not '" +
                                  serve_options.host + "'; names are not looked up");
            }
            // Decimal digits only, no sign, no leading zero: what integer options take.
            const std::string port_text = state->listen.substr(colon + 1);
            const bool decimal = !port_text.empty() && port_text.size() <= 5 &&
                                 std::all_of(port_text.begin(), port_text.end(),
                                             [](char c) { return c >= '0' && c <= '9'; }) &&
                                 (port_text == "0" || port_text.front() != '0');
            if (!decimal || std::stoul(port_text) > 65535) {
                throw IoError("bad-listen",
                              "--listen: the port must be a decimal integer from 0 to 65535 (0: "
                              "any free port), not '" +
                                  port_text + "'");
            }
            serve_options.port = static_cast<std::uint16_t>(std::stoul(port_text));
            serve_options.as_of = state->day.as_of;
            serve_options.read_timeout = std::chrono::milliseconds(state->read_timeout_ms);
            serve_options.idle_timeout = std::chrono::milliseconds(state->idle_timeout_ms);
            return serve(std::move(serve_options));
        }};
}

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
        if (subcommand.reads_catalog && subcommand.operation != Operation::lint) {
            add_as_of_option(*command, invocation->request);  // lint checks every day
        }
        commands.push_back({command, [invocation] { return run_invocation(*invocation); }});
    }
    commands.push_back(add_compile_command(app));
    commands.push_back(add_serve_command(app));
    commands.push_back(add_import_command(app));
    return commands;
}

}  // namespace onething::cli

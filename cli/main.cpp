// The `onething` command: subcommands over a catalog of rule files.
#include <iostream>
#include <new>
#include <optional>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "onething/error.hpp"
#include "onething/request.hpp"
#include "onething/version.hpp"

namespace {

/// When `word` (the first argument) is neither an option nor a command: the commands' names,
/// so that the error says which word is wrong instead of CLI11's "A subcommand is required".
std::optional<std::string> unknown_command(CLI::App& app, const char* word) {
    if (word[0] == '-') {
        return std::nullopt;
    }
    std::string names;
    for (const CLI::App* command : app.get_subcommands({})) {
        if (command->check_name(word)) {
            return std::nullopt;
        }
        names += (names.empty() ? "" : ", ") + command->get_name();
    }
    return names;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace onething;
    CLI::App app{"onething: compose government 'one thing' service bundles from standardised items",
                 "onething"};
    app.set_version_flag("--version", std::string(version_string));
    app.require_subcommand(1);
    const std::vector<cli::Command> commands = cli::add_commands(app);
    if (argc > 1) {
        if (const auto names = unknown_command(app, argv[1])) {
            std::cerr << "unknown command " << onething::quoted_input(argv[1])
                      << "; the commands are: " << *names
                      << "\nRun with --help for more information.\n";
            return cli::exit_usage;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& success) {
        return app.exit(success);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return cli::exit_usage;
    }
    try {
        for (const cli::Command& command : commands) {
            if (command.app->parsed()) {
                return command.run();
            }
        }
    } catch (const Error& error) {
        for (const Diagnostic& diagnostic : error.diagnostics()) {
            std::cerr << format_diagnostic(diagnostic) << '\n';
        }
        return static_cast<int>(error_outcome(error));  // as the request layer maps it
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory (see docs/limits.md) [out-of-memory]\n";
        return cli::exit_problems;
    } catch (const std::exception& error) {
        std::cerr << "error: " << error.what() << " [internal]\n";
        return cli::exit_problems;
    }
    return cli::exit_usage;
}

// Shared pieces of the `onething` subcommands.
#include "common.hpp"
#include "interactive_guide.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "onething/error.hpp"
#include "onething/load.hpp"

namespace onething::cli {

namespace fs = std::filesystem;

namespace {

/// Adds `--name` setting a limit of `Limits`: an integer from 0 to its type's largest value.
template <typename Number>
void add_limit(CLI::App& command, const std::string& name, Number& member,
               const std::string& description) {
    command.add_option(name, member, description)
        ->check(integer_range(0, std::numeric_limits<Number>::max()))
        ->group("Limits (docs/limits.md)")
        ->capture_default_str();
}

}  // namespace

CLI::Validator integer_range(std::uint64_t min, std::uint64_t max) {
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            std::uint64_t value = 0;
            const char* end = text.data() + text.size();
            const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
                return c >= '0' && c <= '9';
            });
            const auto [stop, failure] = std::from_chars(text.data(), end, value);
            if (!digits || failure != std::errc() || stop != end || value < min || value > max) {
                return "expected an integer from " + std::to_string(min) + " to " +
                       std::to_string(max) + ", not " + quoted_input(text);
            }
            return {};
        },
        std::to_string(min) + ".." + std::to_string(max));
}

CLI::Validator one_of(std::vector<std::string> names) {
    std::string listed;
    for (const std::string& name : names) {
        listed += (listed.empty() ? "" : ", ") + name;
    }
    std::string description = "{" + listed + "}";
    return CLI::Validator(
        [names = std::move(names), listed](std::string& text) -> std::string {
            if (std::find(names.begin(), names.end(), text) != names.end()) {
                return {};
            }
            return "expected one of " + listed + ", not " + quoted_input(text);
        },
        std::move(description));
}

CLI::Validator non_empty_path() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            return text.empty() ? "expected a path, not an empty text" : "";
        },
        "PATH");
}

void add_catalog_options(CLI::App& command, CatalogOptions& options) {
    command.add_option("paths", options.paths,
                       "Rule files or folders (default: the shipped catalog)");
    command
        .add_option("--overlay", options.overlays,
                    "A rule file read on top of the catalog: its definitions replace the keys "
                    "they give (docs/overlays.md); repeatable, applied in order")
        ->take_all()
        ->allow_extra_args(false)
        ->check(CLI::Validator(
            [](const std::string& path) {
                return path.empty() ? std::string(
                                          "an empty path names no overlay file; give the "
                                          "path of a rule file to read on top")
                                    : std::string();
            },
            "PATH"));
    Limits& limits = options.limits;
    add_limit(command, "--max-file-bytes", limits.max_file_bytes, "Bytes in one input file");
    add_limit(command, "--max-catalog-bytes", limits.max_catalog_bytes, "Bytes in all rule files");
    add_limit(command, "--max-nodes", limits.max_nodes, "YAML nodes in one file, aliases expanded");
    add_limit(command, "--max-depth", limits.max_depth, "Nesting depth of YAML collections");
    add_limit(command, "--max-alias-nodes", limits.max_alias_nodes,
              "Nodes created by aliases per file");
    add_limit(command, "--max-expression-length", limits.max_expression_length,
              "Bytes in one condition (UTF-8)");
    add_limit(command, "--max-expression-depth", limits.max_expression_depth,
              "Nesting depth of one condition");
    add_limit(command, "--max-definitions", limits.max_definitions, "Definitions in the catalog");
    add_limit(command, "--max-files", limits.max_files, "Rule files in the catalog");
    add_limit(command, "--max-snapshot-bytes", limits.max_snapshot_bytes,
              "Bytes in a snapshot file");
    add_limit(command, "--max-versions", limits.max_versions,
              "Versions of a dated catalog (periods between valid_from/valid_until days)");
    add_limit(command, "--max-input-errors", limits.max_input_errors,
              "Errors listed for one facts, answers or shared file (the rest are counted)");
}

void add_document_limits(CLI::App& command, Limits& limits) {
    add_limit(command, "--max-file-bytes", limits.max_file_bytes, "Bytes in the input file");
    add_limit(command, "--max-depth", limits.max_depth, "Nesting depth of its collections");
}

void add_search_options(CLI::App& command, PlanOptions& options) {
    CLI::Option* nodes =
        command
            .add_option("--max-search-nodes", options.max_search_nodes,
                        "Search nodes before the optimizer returns its best plan so far")
            ->check(integer_range(1, max_search_bound))
            ->capture_default_str();
    CLI::Option* work =
        command
            .add_option(
                "--max-search-work", options.max_search_work,
                "Optimizer work (selected items read) before it returns its best plan so far")
            ->check(integer_range(1, max_search_bound))
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
    request.bundle_field = "--bundle";
    command
        .add_option("--facts", invocation.files.facts,
                    "The applicant's facts (YAML or JSON mapping)")
        ->check(non_empty_path());
    command.add_option("--fact", request.fact_assignments, "One fact as ID=VALUE (repeatable)")
        ->check(
            [](const std::string& text) {
                // Written without `=` or without an id: a usage error (exit status 2); whether
                // the id and value fit the catalog is checked once it is loaded.
                const auto equals = text.find('=');
                return equals == std::string::npos || equals == 0
                           ? quoted_input(text) + " must have the form id=value"
                           : std::string();
            },
            "ID=VALUE");
    add_lang_option(command, invocation);
    add_output_option(command, invocation);
}

void add_format_option(CLI::App& command, Invocation& invocation) {
    const auto formats = output_formats(invocation.request.operation);
    invocation.request.format = std::string(formats.front());
    command.add_option("--format", invocation.request.format, "Output format")
        ->check(one_of(std::vector<std::string>(formats.begin(), formats.end())))
        ->capture_default_str();
}

void add_as_of_option(CLI::App& command, Request& request) {
    command
        .add_option_function<std::string>(
            "--as-of",
            [&request](const std::string& text) {
                request.as_of = Date::parse(text);
                if (!request.as_of) {
                    throw CLI::ValidationError(
                        "--as-of", quoted_input(text) +
                                       " is not a date written YYYY-MM-DD (e.g. 2020-07-01)" +
                                       Date::missing_day(text));
                }
            },
            "Plan as of this day (YYYY-MM-DD): the definitions in effect then (default: today)")
        ->type_name("DATE");
}

void add_lang_option(CLI::App& command, Invocation& invocation) {
    command
        .add_option("--lang", invocation.request.lang,
                    "Language of names, labels and headings (zh, en)")
        ->capture_default_str();
}

void add_output_option(CLI::App& command, Invocation& invocation) {
    command.add_option("-o,--output", invocation.output, "Write the result to FILE (atomically)")
        ->check(non_empty_path());
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

/// A file the request names: a regular file, read within the input limit.
SourceFile read_request_file(const std::string& path, const Limits& limits) {
    return SourceFile{path, read_regular_file(path, limits.max_file_bytes)};
}

/// What `path` is, following links; nullopt when nothing is there yet. Throws IoError for a
/// path that cannot be examined.
std::optional<struct stat> output_status(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0) {
        return status;
    }
    const int error = errno;
    if (error == ENOENT) {
        return std::nullopt;
    }
    throw IoError("unwritable", "cannot write '" + path + "': " + std::strerror(error),
                  Location{path, 0, 0});
}

/// Refuses an output path that exists and is not a regular file: renaming over a folder fails,
/// and renaming over a device or a FIFO would replace it with a regular file.
void check_output_type(const std::string& path, const struct stat& status) {
    if (S_ISREG(status.st_mode)) {
        return;
    }
    if (S_ISDIR(status.st_mode)) {
        throw IoError("unwritable",
                      "cannot write '" + path + "': it is a folder; name a file to write",
                      Location{path, 0, 0});
    }
    const char* kind = S_ISFIFO(status.st_mode)   ? "a FIFO"
                       : S_ISCHR(status.st_mode)  ? "a character device"
                       : S_ISBLK(status.st_mode)  ? "a block device"
                       : S_ISSOCK(status.st_mode) ? "a socket"
                                                  : "not a regular file";
    throw IoError("unwritable",
                  "cannot write '" + path + "': it is " + kind +
                      ", not a regular file; name a regular file, or omit -o to write to "
                      "standard output",
                  Location{path, 0, 0});
}

/// Refuses writing `output`, whose status is `target`, when `input` is the same file (device
/// and inode): the output would replace the rules or facts it was computed from.
void refuse_if_same(const std::string& output, const struct stat& target, const std::string& input,
                    const char* what) {
    struct stat status {};
    if (::stat(input.c_str(), &status) == 0 && status.st_dev == target.st_dev &&
        status.st_ino == target.st_ino) {
        throw IoError("unwritable",
                      "cannot write '" + output + "': it is " + what + " of this command ('" +
                          input + "'); write the output to another file",
                      Location{output, 0, 0});
    }
}

}  // namespace

void refuse_output_over(const std::string& output, const std::string& input, const char* what) {
    struct stat target {};
    if (::stat(output.c_str(), &target) == 0) {
        refuse_if_same(output, target, input, what);
    }
}

void check_output_not_input(const Invocation& invocation, const std::string& path,
                            const std::vector<std::string>& paths) {
    if (path.empty() || path == "-") {
        return;
    }
    const std::optional<struct stat> target = output_status(path);
    if (!target) {
        return;
    }
    check_output_type(path, *target);
    const RequestFiles& files = invocation.files;
    for (const auto& [input, what] : {std::pair{files.facts, "the --facts file"},
                                      std::pair{files.answers, "the --answers file"},
                                      std::pair{files.shared, "the --shared file"}}) {
        if (!input.empty()) {
            refuse_if_same(path, *target, input, what);
        }
    }
    for (const std::string& rule_file : find_rule_files(paths)) {
        refuse_if_same(path, *target, rule_file, "a rule file");
    }
    for (const std::string& overlay : find_rule_files(invocation.catalog.overlays)) {
        refuse_if_same(path, *target, overlay, "an --overlay file");
    }
}

LoadRequest load_request_of(const CatalogOptions& options) {
    LoadRequest request;
    request.paths = options.paths;
    if (request.paths.empty()) {
        request.paths.push_back(default_catalog_path());
    }
    request.overlays = options.overlays;
    request.limits = options.limits;
    return request;
}

int run_invocation(const Invocation& invocation) {
    const LoadRequest load_request = load_request_of(invocation.catalog);
    check_output_not_input(
        invocation, invocation.output,
        invocation.reads_catalog ? load_request.paths : std::vector<std::string>{});
    const Limits& limits = invocation.catalog.limits;
    const LoadResult loaded = invocation.reads_catalog ? load(load_request) : LoadResult{};
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
    if (invocation.interactive && loaded.ok()) {
        return run_interactive_guide(loaded.catalog.as_of(request_day(request)), request,
                                     invocation, std::cin, std::cout);
    }
    const Response response =
        invocation.compile ? compile_request(loaded) : respond(loaded, request);
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

namespace {

/// A temporary output file beside the target, renamed over it once complete. Where the file
/// system allows it the file has no name while it is written (O_TMPFILE), so a process killed
/// mid-write (kill -9) leaves nothing behind; it gets an exclusive name only to be renamed.
class TemporaryFile {
  public:
    /// Opens an unnamed file in the target's folder, or else creates `.NAME.XXXXXX` there
    /// (mkstemp: O_CREAT | O_EXCL, so a link planted under that name is never followed).
    /// Throws IoError naming `target`.
    explicit TemporaryFile(const fs::path& target)
        : target_(target.string()),
          pattern_(
              (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string()) {
        const std::string folder =
            target.parent_path().empty() ? std::string(".") : target.parent_path().string();
        fd_ = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
        if (fd_ >= 0) {
            return;  // unnamed until commit()
        }
        std::string name = pattern_;
        fd_ = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd_ < 0) {
            fail(errno);
        }
        path_ = std::move(name);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        if (!path_.empty()) {
            ::unlink(path_.c_str());
        }
    }

    /// Gives the file the permission bits `mode`.
    void set_mode(mode_t mode) {
        if (::fchmod(fd_, mode) != 0) {
            fail(errno);
        }
    }

    /// Writes all of `text`.
    void write(std::string_view text) {
        while (!text.empty()) {
            const ::ssize_t written = ::write(fd_, text.data(), text.size());
            if (written < 0) {
                if (errno == EINTR) {
                    continue;
                }
                fail(errno);
            }
            text.remove_prefix(static_cast<std::size_t>(written));
        }
    }

    /// Names an unnamed file, closes it and renames it over the target.
    void commit() {
        if (path_.empty()) {
            give_name();
        }
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) {
            fail(errno);
        }
        if (::rename(path_.c_str(), target_.c_str()) != 0) {
            fail(errno);
        }
        path_.clear();
    }

  private:
    /// Links the unnamed file under a fresh exclusive name (linkat never follows a link
    /// planted at the new name: it fails with EEXIST, and another name is tried).
    void give_name() {
        const std::string descriptor = "/proc/self/fd/" + std::to_string(fd_);
        for (int attempt = 0; attempt < 100; ++attempt) {
            std::string name = pattern_;
            const int reserved = ::mkostemp(name.data(), O_CLOEXEC);  // a fresh random name
            if (reserved < 0) {
                fail(errno);
            }
            ::close(reserved);
            ::unlink(name.c_str());
            if (::linkat(AT_FDCWD, descriptor.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) ==
                0) {
                path_ = std::move(name);
                return;
            }
            if (errno != EEXIST) {
                fail(errno);
            }
        }
        fail(EEXIST);
    }

    [[noreturn]] void fail(int error) const {
        throw IoError("unwritable", "cannot write '" + target_ + "': " + std::strerror(error),
                      Location{target_, 0, 0});
    }

    std::string target_;   ///< the path written
    std::string pattern_;  ///< `.NAME.XXXXXX` beside the target, for mkstemp
    std::string path_;     ///< the temporary file's name, "" while unnamed and once renamed
    int fd_ = -1;          ///< open until commit()
};

/// The mode of a new file: 0666 less the umask, as open(2) would give it.
mode_t new_file_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

}  // namespace

void write_output(const std::string& text, const std::string& path) {
    if (path.empty() || path == "-") {
        errno = 0;
        std::cout << text;
        std::cout.flush();
        if (!std::cout) {  // a full disk, a closed descriptor: the answer would be lost
            const int error = errno;
            throw IoError("unwritable",
                          std::string("cannot write standard output: ") +
                              (error != 0 ? std::strerror(error) : "the stream failed") +
                              "; make room where it goes, or write to a file with -o",
                          Location{"<stdout>", 0, 0});
        }
        return;
    }
    const std::optional<struct stat> existing = output_status(path);
    if (existing) {
        check_output_type(path, *existing);
    }
    TemporaryFile temporary{fs::path(path)};
    temporary.set_mode(existing ? existing->st_mode & 0777 : new_file_mode());
    temporary.write(text);
    temporary.commit();
}

}  // namespace onething::cli

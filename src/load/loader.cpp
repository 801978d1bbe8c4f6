// Finding rule files, reading them under the limits, and running the catalog-wide checks.
#include <algorithm>
#include <filesystem>
#include <new>
#include <optional>
#include <system_error>

#include "load/load_state.hpp"
#include "onething/error.hpp"
#include "onething/load.hpp"

namespace onething {
namespace {

namespace fs = std::filesystem;

/// True for `*.yaml` and `*.yml`.
bool is_rule_file(const fs::path& path) {
    const auto extension = path.extension().string();
    return extension == ".yaml" || extension == ".yml";
}

/// Parses and reads one file's bytes into the state.
void load_source(std::string name, std::string content, detail::LoadState& state) {
    auto document =
        detail::parse_yaml(std::move(name), std::move(content), state.limits, state.diagnostics);
    if (document) {
        detail::read_rule_file(*document, state);
    }
}

/// Loads one source whose bytes `read()` gives (nullopt: nothing to load); running out of
/// memory is reported on the file, and so is an InputError (a file over its size limit).
template <typename Read>
void load_guarded(const std::string& name, Read read, detail::LoadState& state) {
    try {
        std::optional<std::string> content = read();
        if (content) {
            load_source(name, std::move(*content), state);
        }
    } catch (const InputError& error) {
        const auto& problems = error.diagnostics();
        state.diagnostics.insert(state.diagnostics.end(), problems.begin(), problems.end());
    } catch (const std::bad_alloc&) {
        state.diagnostics.push_back({Severity::error,
                                     "out-of-memory",
                                     "out of memory while reading the file (see docs/limits.md)",
                                     {name, 1, 1}});
    }
}

/// The error for a catalog of `count` files past `limit`, located at the first file too many.
Diagnostic too_many_files(std::size_t count, std::size_t limit, const std::string& first_extra) {
    return {Severity::error,
            "limit-files",
            "the catalog has " + std::to_string(count) + " files, more than the limit of " +
                std::to_string(limit) + " (max_files)",
            {first_extra, 1, 1}};
}

/// The error for a catalog past `limit` bytes, located at the file that crosses it.
Diagnostic catalog_too_large(std::uint64_t limit, const std::string& file) {
    return {Severity::error,
            "limit-catalog-size",
            "the catalog is larger than " + std::to_string(limit) + " bytes (max_catalog_bytes)",
            {file, 1, 1}};
}

/// Sorts and returns the final result.
LoadResult finish(detail::LoadState& state) {
    LoadResult result;
    try {
        result.catalog = detail::finish_catalog(state);
    } catch (const std::bad_alloc&) {
        state.diagnostics.push_back(
            {Severity::error,
             "out-of-memory",
             "out of memory while checking the catalog (see docs/limits.md)",
             {}});
    }
    result.diagnostics = std::move(state.diagnostics);
    sort_diagnostics(result.diagnostics);
    return result;
}

}  // namespace

std::vector<std::string> find_rule_files(std::span<const std::string> paths) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code error;
        const auto status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            throw IoError("unreadable", "no such file or folder: '" + path + "'",
                          Location{path, 0, 0});
        }
        if (!fs::is_directory(status)) {
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        fs::recursive_directory_iterator it(path, fs::directory_options::none, error);
        for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            if (it->is_regular_file(error) && is_rule_file(it->path())) {
                found.push_back(it->path().generic_string());
            }
        }
        if (error) {
            throw IoError("unreadable", "cannot list '" + path + "': " + error.message(),
                          Location{path, 0, 0});
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

LoadResult load_catalog(std::span<const std::string> paths, const Limits& limits) {
    detail::LoadState state;
    state.limits = limits;
    const auto files = find_rule_files(paths);
    if (files.size() > limits.max_files) {
        state.diagnostics.push_back(
            too_many_files(files.size(), limits.max_files, files[limits.max_files]));
        return finish(state);
    }
    std::uint64_t total_bytes = 0;
    for (const std::string& file : files) {
        bool past_catalog_limit = false;
        load_guarded(
            file,
            [&]() -> std::optional<std::string> {
                std::string content = read_regular_file(file, limits.max_file_bytes);
                total_bytes += content.size();
                if (total_bytes > limits.max_catalog_bytes) {
                    state.diagnostics.push_back(catalog_too_large(limits.max_catalog_bytes, file));
                    past_catalog_limit = true;
                    return std::nullopt;
                }
                return content;
            },
            state);
        if (past_catalog_limit) {
            break;
        }
    }
    return finish(state);
}

LoadResult load_catalog_from_sources(std::span<const SourceFile> files, const Limits& limits) {
    detail::LoadState state;
    state.limits = limits;
    if (files.size() > limits.max_files) {
        state.diagnostics.push_back(
            too_many_files(files.size(), limits.max_files, files[limits.max_files].name));
        return finish(state);
    }
    std::uint64_t total_bytes = 0;
    for (const SourceFile& file : files) {
        total_bytes += file.content.size();
        if (total_bytes > limits.max_catalog_bytes) {
            state.diagnostics.push_back(catalog_too_large(limits.max_catalog_bytes, file.name));
            break;
        }
        load_guarded(
            file.name, [&] { return std::optional<std::string>(file.content); }, state);
    }
    return finish(state);
}

}  // namespace onething

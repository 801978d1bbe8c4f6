// Finding rule files, reading them under the limits, and running the catalog-wide checks.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>
#include <system_error>

#include "load/load_state.hpp"
#include "model/sha256.hpp"
#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/snapshot.hpp"

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

/// True when `path` is a regular file whose first byte is a snapshot's (looks_like_snapshot).
bool is_snapshot_file(const std::string& path) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
        return false;
    }
    std::ifstream stream(path, std::ios::binary);
    char first = 0;
    return stream.get(first) && looks_like_snapshot(std::string_view(&first, 1));
}

/// The error for a snapshot named beside other paths.
Diagnostic snapshot_not_alone(const std::string& path) {
    return {Severity::error,
            "snapshot-not-alone",
            "a snapshot must be the only path of a command; give the snapshot alone, or the rule "
            "files it was compiled from",
            {path, 0, 0}};
}

/// Sorts and returns the final result, with the revision of the bytes read.
LoadResult finish(detail::LoadState& state, detail::Sha256& revision, std::size_t files) {
    LoadResult result;
    result.revision = revision.hex();
    result.files = files;
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
    detail::Sha256 revision;
    for (const std::string& path : paths) {
        if (is_snapshot_file(path)) {
            if (paths.size() == 1) {
                return load_snapshot(path, limits);
            }
            state.diagnostics.push_back(snapshot_not_alone(path));
            return finish(state, revision, 0);
        }
    }
    const auto files = find_rule_files(paths);
    if (files.size() > limits.max_files) {
        state.diagnostics.push_back(
            too_many_files(files.size(), limits.max_files, files[limits.max_files]));
        return finish(state, revision, 0);
    }
    std::uint64_t total_bytes = 0;
    for (const std::string& file : files) {
        bool past_catalog_limit = false;
        load_guarded(
            file,
            [&]() -> std::optional<std::string> {
                std::string content = read_regular_file(file, limits.max_file_bytes);
                revision.update(content);
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
    return finish(state, revision, files.size());
}

LoadResult load_catalog_from_sources(std::span<const SourceFile> files, const Limits& limits) {
    detail::LoadState state;
    state.limits = limits;
    detail::Sha256 revision;
    for (const SourceFile& file : files) {
        if (looks_like_snapshot(file.content)) {
            if (files.size() == 1) {
                return read_snapshot(file.name, file.content, limits);
            }
            state.diagnostics.push_back(snapshot_not_alone(file.name));
            return finish(state, revision, 0);
        }
    }
    if (files.size() > limits.max_files) {
        state.diagnostics.push_back(
            too_many_files(files.size(), limits.max_files, files[limits.max_files].name));
        return finish(state, revision, 0);
    }
    std::uint64_t total_bytes = 0;
    for (const SourceFile& file : files) {
        total_bytes += file.content.size();
        if (total_bytes > limits.max_catalog_bytes) {
            state.diagnostics.push_back(catalog_too_large(limits.max_catalog_bytes, file.name));
            break;
        }
        revision.update(file.content);
        load_guarded(
            file.name, [&] { return std::optional<std::string>(file.content); }, state);
    }
    return finish(state, revision, files.size());
}

}  // namespace onething

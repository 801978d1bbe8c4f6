// Finding rule files, reading them under the limits, and running the catalog-wide checks.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <new>
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

/// Reads a whole file; throws IoError when it cannot be read.
std::string read_file(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        throw IoError("unreadable", "cannot read '" + path + "'", Location{path, 0, 0});
    }
    std::string content;
    try {
        content.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
    } catch (const std::ios_base::failure& error) {  // libstdc++ throws on a read error (EIO)
        throw IoError("unreadable", "error while reading '" + path + "': " + error.what(),
                      Location{path, 0, 0});
    }
    if (stream.bad()) {
        throw IoError("unreadable", "error while reading '" + path + "'", Location{path, 0, 0});
    }
    return content;
}

/// Parses and reads one file's bytes into the state.
void load_source(std::string name, std::string content, detail::LoadState& state) {
    auto document =
        detail::parse_yaml(std::move(name), std::move(content), state.limits, state.diagnostics);
    if (document) {
        detail::read_rule_file(*document, state);
    }
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
        state.diagnostics.push_back({Severity::error,
                                     "limit-files",
                                     "the catalog has " + std::to_string(files.size()) +
                                         " files, more than the limit of " +
                                         std::to_string(limits.max_files) + " (max_files)",
                                     {files[limits.max_files], 1, 1}});
        return finish(state);
    }
    std::uint64_t total_bytes = 0;
    for (const std::string& file : files) {
        std::error_code error;
        const auto size = fs::file_size(file, error);
        if (!error && size > limits.max_file_bytes) {
            state.diagnostics.push_back(
                {Severity::error,
                 "limit-file-size",
                 "file is " + std::to_string(size) + " bytes, more than the limit of " +
                     std::to_string(limits.max_file_bytes) + " (max_file_bytes)",
                 {file, 1, 1}});
            continue;
        }
        total_bytes += error ? 0 : size;
        if (total_bytes > limits.max_catalog_bytes) {
            state.diagnostics.push_back({Severity::error,
                                         "limit-catalog-size",
                                         "the catalog is larger than " +
                                             std::to_string(limits.max_catalog_bytes) +
                                             " bytes (max_catalog_bytes)",
                                         {file, 1, 1}});
            break;
        }
        try {
            load_source(file, read_file(file), state);
        } catch (const std::bad_alloc&) {
            state.diagnostics.push_back(
                {Severity::error,
                 "out-of-memory",
                 "out of memory while reading the file (see docs/limits.md)",
                 {file, 1, 1}});
        }
    }
    return finish(state);
}

LoadResult load_catalog_from_sources(std::span<const SourceFile> files, const Limits& limits) {
    detail::LoadState state;
    state.limits = limits;
    if (files.size() > limits.max_files) {
        state.diagnostics.push_back({Severity::error,
                                     "limit-files",
                                     "the catalog has " + std::to_string(files.size()) +
                                         " files, more than the limit of " +
                                         std::to_string(limits.max_files) + " (max_files)",
                                     {files[limits.max_files].name, 1, 1}});
        return finish(state);
    }
    std::uint64_t total_bytes = 0;
    for (const SourceFile& file : files) {
        total_bytes += file.content.size();
        if (total_bytes > limits.max_catalog_bytes) {
            state.diagnostics.push_back({Severity::error,
                                         "limit-catalog-size",
                                         "the catalog is larger than " +
                                             std::to_string(limits.max_catalog_bytes) +
                                             " bytes (max_catalog_bytes)",
                                         {file.name, 1, 1}});
            break;
        }
        try {
            load_source(file.name, file.content, state);
        } catch (const std::bad_alloc&) {
            state.diagnostics.push_back(
                {Severity::error,
                 "out-of-memory",
                 "out of memory while reading the file (see docs/limits.md)",
                 {file.name, 1, 1}});
        }
    }
    return finish(state);
}

}  // namespace onething

// Finding rule files, reading them under the limits, and running the catalog-wide checks.
#include <algorithm>
#include <filesystem>
#include <new>
#include <optional>
#include <system_error>

#include <sys/stat.h>

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

/// A folder's identity on its file system (device and inode), to recognise it under any name.
struct file_identity {
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const file_identity&) const = default;
};

/// Appends the rule files under `folder` to `found`, following links to folders; `chain` holds
/// the folders from the root down to `folder`'s parent. A link back to one of them (a loop), a
/// link to nothing, or a folder that cannot be listed is an IoError naming the link: nothing
/// under a path given is ever skipped without a word.
void collect_rule_files(const std::string& root, const fs::path& folder,
                        std::vector<file_identity>& chain, std::vector<std::string>& found) {
    struct stat info {};
    if (::stat(folder.c_str(), &info) != 0) {
        throw IoError("unreadable", "cannot list '" + folder.generic_string() + "'",
                      Location{folder.generic_string(), 0, 0});
    }
    const file_identity self{info.st_dev, info.st_ino};
    if (std::find(chain.begin(), chain.end(), self) != chain.end()) {
        throw IoError("unreadable",
                      "'" + folder.generic_string() +
                          "' is a link back to a folder that contains it (a loop under '" + root +
                          "'); remove the link or point it elsewhere",
                      Location{folder.generic_string(), 0, 0});
    }
    chain.push_back(self);
    std::error_code error;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(folder, error); !error && it != fs::directory_iterator();
         it.increment(error)) {
        entries.push_back(it->path());
    }
    if (error) {
        throw IoError("unreadable",
                      "cannot list '" + folder.generic_string() + "': " + error.message(),
                      Location{folder.generic_string(), 0, 0});
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) {
        const auto status = fs::status(entry, error);  // follows links
        if (error || !fs::exists(status)) {
            if (fs::is_symlink(fs::symlink_status(entry, error))) {
                throw IoError("unreadable",
                              "'" + entry.generic_string() +
                                  "' is a link to nothing; remove it or point it at a rule file "
                                  "or folder",
                              Location{entry.generic_string(), 0, 0});
            }
            continue;  // removed while listing
        }
        if (fs::is_directory(status)) {
            collect_rule_files(root, entry, chain, found);
        } else if (is_rule_file(entry)) {
            found.push_back(entry.generic_string());  // not a regular file: refused when read
        }
    }
    chain.pop_back();
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
        std::vector<file_identity> chain;
        collect_rule_files(path, path, chain, found);
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

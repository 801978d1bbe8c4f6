// Finding rule files, reading them under the limits, and running the catalog-wide checks.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

#include <sys/stat.h>

#include "load/load_state.hpp"
#include "load/overlay.hpp"
#include "model/input_excerpt.hpp"
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

/// Parses and reads one file's bytes into the state, with the overlays (if any) merged in.
void load_source(std::string name, std::string content, detail::LoadState& state,
                 detail::OverlaySet* overlays) {
    auto document = detail::parse_yaml(name, std::move(content), state.limits, state.diagnostics);
    if (!document) {
        state.unparsed_files.push_back(std::move(name));
        return;
    }
    if (overlays != nullptr) {
        if (auto merged = overlays->merge_into(*document)) {
            detail::read_rule_file(*merged, state);
            return;
        }
    }
    detail::read_rule_file(*document, state);
}

/// Runs `work()`; running out of memory is reported on the file `name`, and so is an InputError
/// (a file over its size limit).
template <typename Work>
void guarded(const std::string& name, Work work, detail::LoadState& state) {
    try {
        work();
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

/// Loads one source whose bytes `read()` gives (nullopt: nothing to load), guarded.
template <typename Read>
void load_guarded(const std::string& name, Read read, detail::LoadState& state,
                  detail::OverlaySet* overlays) {
    guarded(
        name,
        [&] {
            std::optional<std::string> content = read();
            if (content) {
                load_source(name, std::move(*content), state, overlays);
            }
        },
        state);
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

/// Sorts and returns the final result, with the revision of the bytes read and the number of
/// files read (`overlays` of them overlays).
LoadResult finish(detail::LoadState& state, detail::Sha256& revision, std::size_t files,
                  std::size_t overlays = 0) {
    LoadResult result;
    result.revision = revision.hex();
    result.files = files;
    result.overlays = overlays;
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

/// The error for overlays over a compiled snapshot, located at the first overlay.
Diagnostic overlay_on_snapshot(const std::string& snapshot, const std::string& overlay) {
    return {Severity::error,
            "overlay-on-snapshot",
            "an overlay is merged into rule files while they are read, and '" + snapshot +
                "' is a compiled snapshot; give the rule files it was compiled from instead",
            {overlay, 1, 1}};
}

/// The overlays of one load: their bytes (for the revision) and the parsed set.
struct OverlayFiles {
    std::vector<SourceFile> files;          ///< as read, in the order they apply
    std::optional<detail::OverlaySet> set;  ///< empty when there is no overlay
};

/// Reads the overlay files `paths` name (a folder: its rule files, sorted), each path in turn
/// (one given twice is read twice), under the file size limit; a file past it is reported and left
/// out. Throws IoError for a path that cannot be read.
std::vector<SourceFile> read_overlay_files(std::span<const std::string> paths,
                                           detail::LoadState& state) {
    std::vector<SourceFile> files;
    // Path after path, a repeated one again: overlays apply in the order given, so `a, b, a`
    // ends with a's keys (a rule file reached twice, by contrast, is read once).
    for (const std::string& path : paths) {
        for (const std::string& file : find_rule_files(std::span(&path, 1))) {
            guarded(
                file,
                [&] {
                    files.push_back({file, read_regular_file(file, state.limits.max_file_bytes)});
                },
                state);
        }
    }
    return files;
}

/// Parses the overlays (a snapshot, one past the number a document can take or past the catalog
/// size limit is reported and left out); their bytes count in `total_bytes`.
OverlayFiles parse_overlays(std::vector<SourceFile> files, detail::LoadState& state,
                            std::uint64_t& total_bytes) {
    OverlayFiles overlays;
    if (files.empty()) {
        return overlays;
    }
    if (files.size() > detail::max_yaml_origins) {
        state.diagnostics.push_back({Severity::error,
                                     "limit-overlays",
                                     "more than " + std::to_string(detail::max_yaml_origins) +
                                         " overlays; put several changes in one overlay file",
                                     {files[detail::max_yaml_origins].name, 1, 1}});
        files.resize(detail::max_yaml_origins);
    }
    std::vector<detail::YamlDocument> documents;
    for (const SourceFile& file : files) {
        if (looks_like_snapshot(file.content)) {
            state.diagnostics.push_back(
                {Severity::error,
                 "overlay-snapshot",
                 "an overlay must be a rule file (YAML), not a compiled snapshot; give the rule "
                 "file with the changes",
                 {file.name, 1, 1}});
            continue;
        }
        total_bytes += file.content.size();
        if (total_bytes > state.limits.max_catalog_bytes) {
            state.diagnostics.push_back(
                catalog_too_large(state.limits.max_catalog_bytes, file.name));
            break;
        }
        guarded(
            file.name,
            [&] {
                if (auto document = detail::parse_yaml(file.name, file.content, state.limits,
                                                       state.diagnostics)) {
                    documents.push_back(std::move(*document));
                } else {
                    state.unparsed_files.push_back(file.name);
                }
            },
            state);
    }
    guarded(
        files.front().name, [&] { overlays.set.emplace(std::move(documents), state.diagnostics); },
        state);
    overlays.files = std::move(files);
    return overlays;
}

/// Reads what the overlays add once every rule file is read (new ids, tests), and adds the
/// overlays' bytes to the revision.
void read_overlay_remainders(OverlayFiles& overlays, detail::LoadState& state,
                             detail::Sha256& revision) {
    if (!overlays.set) {
        return;
    }
    guarded(
        overlays.files.front().name,
        [&] {
            for (const detail::YamlDocument& document : overlays.set->remainders()) {
                detail::read_rule_file(document, state);
            }
        },
        state);
    for (const SourceFile& file : overlays.files) {
        revision.update(file.content);
    }
}

/// find_rule_files, also listing in `empty_folders` each folder given that holds no rule file.
std::vector<std::string> list_rule_files(std::span<const std::string> paths,
                                         std::vector<std::string>& empty_folders) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        if (path.find('\0') != std::string::npos) {
            // The system would read the path only up to it: another file than the one named.
            const std::string shown = detail::quoted_input(path);  // the NUL written as \x00
            throw IoError(
                "unreadable",
                "the path " + shown + " holds a NUL character, which no file name can; remove it",
                Location{shown.substr(1, shown.size() - 2), 0, 0});
        }
        std::error_code error;
        const auto status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            std::error_code link_error;
            if (fs::is_symlink(fs::symlink_status(path, link_error))) {
                // A link given that leads nowhere: say so, not that nothing is there.
                throw IoError("unreadable",
                              "'" + path + "' is a link " +
                                  (error == std::errc::too_many_symbolic_link_levels
                                       ? std::string("in a loop of links")
                                       : std::string("to nothing")) +
                                  "; point it at a rule file or folder, or give the path itself",
                              Location{path, 0, 0});
            }
            throw IoError("unreadable",
                          path.empty() ? std::string("an empty path names no file or folder; give "
                                                     "the path of a rule file or folder")
                                       : "no such file or folder: '" + path + "'",
                          Location{path, 0, 0});
        }
        if (!fs::is_directory(status)) {
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        std::vector<file_identity> chain;
        collect_rule_files(path, path, chain, found);
        if (found.empty()) {
            empty_folders.push_back(path);
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    if (files.size() < 2) {
        return files;
    }
    // A file reached twice (a path given twice, a folder and a path inside it, two links to one
    // file) is one file: read once, where it is first reached, never a duplicate of itself.
    std::set<std::pair<dev_t, ino_t>> seen;
    std::vector<std::string> once;
    once.reserve(files.size());
    for (std::string& file : files) {
        struct stat info {};
        if (::stat(file.c_str(), &info) != 0 || seen.emplace(info.st_dev, info.st_ino).second) {
            once.push_back(std::move(file));  // one that cannot be read is reported by the reader
        }
    }
    return once;
}

/// Warns of each in-memory source or overlay whose name an earlier one has: names are where
/// diagnostics point, so a duplicate definition across the two would name one place twice.
/// Both are still read, as before (a warning, not an error: what loaded keeps loading).
void warn_repeated_names(std::span<const SourceFile> files, std::span<const SourceFile> overlays,
                         detail::LoadState& state) {
    std::set<std::string_view> names;
    const auto check = [&](std::span<const SourceFile> sources, std::string_view kind) {
        for (std::size_t index = 0; index < sources.size(); ++index) {
            if (!names.insert(sources[index].name).second) {
                state.diagnostics.push_back(
                    {Severity::warning, "duplicate-source-name",
                     std::string(kind) + " " + std::to_string(index + 1) + " is named " +
                         detail::quoted_input(sources[index].name) +
                         " as an earlier source or overlay is: diagnostics name their file, so "
                         "they could not tell the two apart; give each its own name",
                     Location{sources[index].name, 0, 0}});
            }
        }
    };
    check(files, "source");
    check(overlays, "overlay source");
}

}  // namespace

std::vector<std::string> find_rule_files(std::span<const std::string> paths) {
    std::vector<std::string> empty_folders;
    return list_rule_files(paths, empty_folders);
}

LoadResult load_catalog(std::span<const std::string> paths, const Limits& limits) {
    return load_catalog(paths, std::span<const std::string>{}, limits);
}

LoadResult load_catalog(std::span<const std::string> paths, std::span<const std::string> overlays,
                        const Limits& limits) {
    detail::LoadState state;
    state.limits = limits;
    detail::Sha256 revision;
    for (const std::string& path : paths) {
        if (is_snapshot_file(path)) {
            if (paths.size() == 1 && overlays.empty()) {
                return load_snapshot(path, limits);
            }
            state.diagnostics.push_back(paths.size() == 1 ? overlay_on_snapshot(path, overlays[0])
                                                          : snapshot_not_alone(path));
            return finish(state, revision, 0);
        }
    }
    std::vector<std::string> empty_folders;
    const auto files = list_rule_files(paths, empty_folders);
    for (const std::string& folder : empty_folders) {
        // A mistyped or emptied folder would otherwise pass every check as an empty catalog.
        state.diagnostics.push_back(
            {Severity::warning, "no-rule-files",
             "no rule file (*.yaml, *.yml) under '" + folder +
                 "': nothing is read from it; check the path, or put the rule files there",
             Location{folder, 0, 0}});
    }
    if (files.size() > limits.max_files) {
        state.diagnostics.push_back(
            too_many_files(files.size(), limits.max_files, files[limits.max_files]));
        return finish(state, revision, 0);
    }
    std::uint64_t total_bytes = 0;
    OverlayFiles overlaid = parse_overlays(read_overlay_files(overlays, state), state, total_bytes);
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
            state, overlaid.set ? &*overlaid.set : nullptr);
        if (past_catalog_limit) {
            break;
        }
    }
    read_overlay_remainders(overlaid, state, revision);
    return finish(state, revision, files.size() + overlaid.files.size(), overlaid.files.size());
}

LoadResult load_catalog_from_sources(std::span<const SourceFile> files, const Limits& limits) {
    return load_catalog_from_sources(files, std::span<const SourceFile>{}, limits);
}

LoadResult load_catalog_from_sources(std::span<const SourceFile> files,
                                     std::span<const SourceFile> overlays, const Limits& limits) {
    detail::LoadState state;
    state.limits = limits;
    detail::Sha256 revision;
    for (const SourceFile& file : files) {
        if (looks_like_snapshot(file.content)) {
            if (files.size() == 1 && overlays.empty()) {
                return read_snapshot(file.name, file.content, limits);
            }
            state.diagnostics.push_back(files.size() == 1
                                            ? overlay_on_snapshot(file.name, overlays[0].name)
                                            : snapshot_not_alone(file.name));
            return finish(state, revision, 0);
        }
    }
    if (files.size() > limits.max_files) {
        state.diagnostics.push_back(
            too_many_files(files.size(), limits.max_files, files[limits.max_files].name));
        return finish(state, revision, 0);
    }
    warn_repeated_names(files, overlays, state);
    std::uint64_t total_bytes = 0;
    OverlayFiles overlaid = parse_overlays({overlays.begin(), overlays.end()}, state, total_bytes);
    for (const SourceFile& file : files) {
        total_bytes += file.content.size();
        if (total_bytes > limits.max_catalog_bytes) {
            state.diagnostics.push_back(catalog_too_large(limits.max_catalog_bytes, file.name));
            break;
        }
        revision.update(file.content);
        load_guarded(
            file.name, [&] { return std::optional<std::string>(file.content); }, state,
            overlaid.set ? &*overlaid.set : nullptr);
    }
    read_overlay_remainders(overlaid, state, revision);
    return finish(state, revision, files.size() + overlaid.files.size(), overlaid.files.size());
}

}  // namespace onething

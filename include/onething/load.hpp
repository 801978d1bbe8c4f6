// Loading rule files into a Catalog, collecting every diagnostic in one run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/diagnostic.hpp"
#include "onething/limits.hpp"

namespace onething {

/// A loaded catalog with every diagnostic found; use the catalog only when `ok()`.
struct LoadResult {
    Catalog catalog;                      ///< what could be read (complete when ok())
    std::vector<Diagnostic> diagnostics;  ///< errors and warnings, sorted by location
    /// SHA-256 hex of the rule files' bytes in the order read (load_catalog: sorted paths), then
    /// the overlays' in order; a snapshot's is the revision of the rule files it was compiled
    /// from. "" when not read.
    std::string revision;
    /// Rule files read, overlays included (a snapshot's: the files it was compiled from).
    std::size_t files = 0;
    /// The overlays among `files` (not counted against max_files).
    std::size_t overlays = 0;
    /// True when no diagnostic is an error.
    bool ok() const { return !has_errors(diagnostics); }
};

/// An in-memory rule file: the name used in diagnostics and its bytes.
struct SourceFile {
    std::string name;     ///< shown in diagnostics
    std::string content;  ///< the file's bytes
};

/// Lists the rule files under `paths`: files as given, folders recursively, `*.yaml`/`*.yml`,
/// sorted by path within each folder; a file reached twice (the same device and inode) once,
/// where it is first reached. Throws IoError for a path that does not exist or cannot be listed.
std::vector<std::string> find_rule_files(std::span<const std::string> paths);

/// Reads the regular file at `path`, never more than `max_bytes + 1` bytes whatever its size on
/// disk says. Throws IoError [unreadable] when the path is not a regular file (a folder, FIFO,
/// device or socket: refused before it is opened) or cannot be read, and InputError
/// [limit-file-size] at `path`:1:1 when it holds more than `max_bytes` bytes.
std::string read_regular_file(const std::string& path, std::uint64_t max_bytes);

/// Reads and checks every rule file under `paths`. Throws IoError when a path or file cannot
/// be read; every problem inside the files is a diagnostic. Thread-safe (no shared state). A
/// single path naming a snapshot file (onething/snapshot.hpp) loads the snapshot instead.
LoadResult load_catalog(std::span<const std::string> paths, const Limits& limits = {});

/// Same as `load_catalog` for files already in memory, in the order given (tests, fuzzing).
LoadResult load_catalog_from_sources(std::span<const SourceFile> files, const Limits& limits = {});

/// `load_catalog` with overlays (docs/overlays.md): rule files read on top of the catalog, in
/// order (a folder: its rule files, sorted). A definition of an id the catalog has replaces the
/// top-level keys it gives and keeps the others; a new id is added; an overlay's tests join the
/// catalog's. Diagnostics keep the file of each key. Overlays over a snapshot are an error.
LoadResult load_catalog(std::span<const std::string> paths, std::span<const std::string> overlays,
                        const Limits& limits);

/// `load_catalog_from_sources` with overlays already in memory, as `load_catalog` takes them.
LoadResult load_catalog_from_sources(std::span<const SourceFile> files,
                                     std::span<const SourceFile> overlays, const Limits& limits);

}  // namespace onething

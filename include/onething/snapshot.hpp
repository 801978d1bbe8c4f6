// Compiled catalog snapshots: a checked catalog written in a binary form that loads without
// parsing YAML, versioned and checksummed (docs/snapshots.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "onething/limits.hpp"
#include "onething/load.hpp"

namespace onething {

/// The version of the snapshot files this library writes and reads: raised when their layout
/// changes, and when the loader reads a rule file differently, so that no snapshot holds what the
/// rule files no longer say (5: visits default to 1 for an item with mobile but not online; 6:
/// the escapes \_ and \N read as UTF-8, new warnings; 7: the overlays among the files counted,
/// texts checked as UTF-8 without control characters; docs/snapshots.md).
inline constexpr std::uint32_t snapshot_format_version = 7;

/// True when `bytes` start like a snapshot (byte 0x89, which never starts a rule file): such a
/// file is read as a snapshot, and refused with a clear error when it is not a valid one.
bool looks_like_snapshot(std::string_view bytes);

/// The snapshot of a loaded catalog: its definitions, test cases, warnings, revision and file
/// count. The same load gives the same bytes. Throws InputError [snapshot-errors] when the
/// load has errors (a snapshot holds only checked catalogs).
std::string write_snapshot(const LoadResult& loaded);

/// Reads snapshot bytes; `name` locates the diagnostics. A truncated, corrupted or other-version
/// snapshot, or one past `limits` (max_snapshot_bytes, max_definitions, max_files, the
/// expression limits), gives an error diagnostic at `name` and an empty catalog; it never throws
/// for bad bytes.
LoadResult read_snapshot(const std::string& name, std::string_view bytes,
                         const Limits& limits = {});

/// Reads the snapshot file at `path` (at most max_snapshot_bytes) with read_snapshot. Throws
/// IoError when it cannot be read.
LoadResult load_snapshot(const std::string& path, const Limits& limits = {});

}  // namespace onething

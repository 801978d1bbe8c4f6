// Hard limits on untrusted input; every one is settable and refused with a located error.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onething {

/// Limits the loader enforces while reading rule, facts and answers files (docs/limits.md).
struct Limits {
    std::uint64_t max_file_bytes = 16u << 20;     ///< bytes in one input file
    std::uint64_t max_catalog_bytes = 1u << 30;   ///< bytes across all files of a catalog
    std::uint64_t max_nodes = 2'000'000;          ///< YAML nodes in one file, aliases expanded
    std::uint32_t max_depth = 64;                 ///< nesting depth of YAML collections
    std::uint64_t max_alias_nodes = 10'000;       ///< nodes created by expanding aliases, per file
    std::uint32_t max_expression_length = 4096;   ///< characters in one `when` expression
    std::uint32_t max_expression_depth = 64;      ///< nesting depth of one `when` expression
    std::uint64_t max_definitions = 2'000'000;    ///< facts+fields+materials+items+bundles+tests
    std::uint64_t max_files = 100'000;            ///< rule files in one catalog
    std::uint64_t max_snapshot_bytes = 1u << 30;  ///< bytes in one snapshot file
    std::uint64_t max_versions = 64;  ///< versions of a dated catalog (periods between dates)
    /// errors listed for one facts, answers or shared document (the rest are counted)
    std::uint64_t max_input_errors = 100;
};

}  // namespace onething

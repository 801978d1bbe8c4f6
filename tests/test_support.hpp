// Helpers shared by the unit tests: loading catalogs from inline YAML.
#pragma once

#include <string>
#include <vector>

#include "onething/load.hpp"

namespace onething::testing {

/// Loads one inline rule file named "test.yaml".
inline LoadResult load_text(const std::string& yaml, const Limits& limits = {}) {
    std::vector<SourceFile> files{{"test.yaml", yaml}};
    return load_catalog_from_sources(files, limits);
}

/// The formatted diagnostics, one per element.
inline std::vector<std::string> messages(const LoadResult& result) {
    std::vector<std::string> out;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        out.push_back(format_diagnostic(diagnostic));
    }
    return out;
}

}  // namespace onething::testing

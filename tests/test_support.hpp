// Helpers shared by the unit tests: loading catalogs from inline YAML, reading plans.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"

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

/// The formatted diagnostics of the InputError `run` throws, or {} when it throws none.
template <typename Run>
std::vector<std::string> input_error_messages(Run run) {
    try {
        run();
    } catch (const InputError& error) {
        std::vector<std::string> out;
        for (const Diagnostic& diagnostic : error.diagnostics()) {
            out.push_back(format_diagnostic(diagnostic));
        }
        return out;
    }
    return {};
}

/// Loads inline YAML and requires a catalog without errors (warnings allowed).
inline Catalog catalog_of(const std::string& yaml) {
    LoadResult result = load_text(yaml);
    INFO(messages(result).size());
    for (const auto& message : messages(result)) {
        INFO(message);
    }
    REQUIRE(result.ok());
    return std::move(result.catalog);
}

/// Loads a rule file of tests/data (`relative` to it) and requires it without errors.
inline Catalog data_catalog(const std::string& relative) {
    const std::vector<std::string> paths{std::string(ONETHING_TEST_DATA_DIR) + "/" + relative};
    LoadResult result = load_catalog(paths);
    for (const auto& message : messages(result)) {
        INFO(message);
    }
    REQUIRE(result.ok());
    return std::move(result.catalog);
}

/// Ids of the planned items.
inline std::vector<std::string> ids(const Plan& plan) {
    std::vector<std::string> out;
    for (const auto& item : plan.items) {
        out.emplace_back(item.id);
    }
    return out;
}

}  // namespace onething::testing

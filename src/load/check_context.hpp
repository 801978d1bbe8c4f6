// Lookups shared by the catalog-wide checks.
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/load_state.hpp"

namespace onething::detail {

/// Id → position maps over the de-duplicated, sorted definitions of a LoadState.
struct CheckContext {
    LoadState& state;                                             ///< what is checked
    std::unordered_map<std::string_view, std::size_t> facts;      ///< fact id → index
    std::unordered_map<std::string_view, std::size_t> fields;     ///< field id → index
    std::unordered_map<std::string_view, std::size_t> materials;  ///< material id → index
    std::unordered_map<std::string_view, std::size_t> items;      ///< item id → index
    std::unordered_map<std::string_view, std::size_t> bundles;    ///< bundle id → index
    std::size_t suggestions_left = 200;             ///< did-you-mean searches are capped per load,
    std::size_t suggestion_work_left = 10'000'000;  ///< and so are the ids they compare

    /// Builds the maps; `state` must already be sorted and free of duplicates.
    explicit CheckContext(LoadState& state);
    /// Reports an error.
    void error(const Location& where, std::string code, std::string message);
    /// Reports a warning.
    void warning(const Location& where, std::string code, std::string message);
    /// Checks that `ref` names an existing definition in `index`; reports `unknown-<kind>`
    /// with a suggestion otherwise. Returns the position or nullopt.
    std::optional<std::size_t> resolve(
        const Ref& ref, const std::unordered_map<std::string_view, std::size_t>& index,
        std::string_view kind, std::string_view context);
};

/// Compiles every `when` and reports errors at their exact place inside the expression.
void check_conditions(CheckContext& context, std::vector<Condition>& item_conditions,
                      std::vector<Condition>& bundle_conditions);
/// Checks references of items, bundles and tests; types test facts; checks narrowings.
void check_references(CheckContext& context);
/// Reports prerequisite cycles, unprovidable materials and multiple producers.
void check_graph(CheckContext& context);

/// The plan error codes a test case may expect with `expect: {error: ...}`.
const std::vector<std::string_view>& plan_error_codes();

}  // namespace onething::detail

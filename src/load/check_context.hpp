// Lookups shared by the catalog-wide checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/load_state.hpp"
#include "model/period_phrase.hpp"
#include "model/suggest.hpp"

namespace onething::detail {

/// What the checks of one version of a dated catalog know beyond its own definitions.
struct DatedCheck {
    /// One definition of a dated id: its days and where they are written.
    struct Definition {
        Period period;      ///< when in effect
        Location location;  ///< its valid_from (else valid_until; the id key when undated)
    };
    Period period;  ///< the days of the version checked
    /// By "kind id", for every id with a dated definition, its definitions in file order
    /// (shared by every version's check).
    const std::unordered_map<std::string, std::vector<Definition>>* dated = nullptr;
    /// "on 2020-07-01" (the version's first day) or "before 2019-01-01" (a first version).
    std::string first_days() const;
    /// The error text for `context` naming `kind` `id`, which exists in other versions only.
    std::string not_in_effect(std::string_view context, std::string_view kind,
                              std::string_view id) const;
    /// The error text for a test case planned on `day` (its `as_of`) whose `context` names
    /// `kind` `id`, which exists on other days only.
    std::string not_on_case_day(std::string_view context, std::string_view kind,
                                std::string_view id, const Date& day, bool written) const;
    /// The day a test case without `as_of` checked in this version is planned on: today when
    /// the version holds it, else the version's day nearest to today.
    Date undated_case_day() const;
    Date today;  ///< the day the catalog is loaded
    /// "'m' is in effect until 2020-12-31 (a.yaml:2:30), ...": the periods of `kind` `id`.
    std::string defined_at(std::string_view kind, std::string_view id) const;
};

/// Id → position maps over the de-duplicated, sorted definitions of a LoadState.
struct CheckContext {
    LoadState& state;                                             ///< what is checked
    std::unordered_map<std::string_view, std::size_t> facts;      ///< fact id → index
    std::unordered_map<std::string_view, std::size_t> fields;     ///< field id → index
    std::unordered_map<std::string_view, std::size_t> materials;  ///< material id → index
    std::unordered_map<std::string_view, std::size_t> items;      ///< item id → index
    std::unordered_map<std::string_view, std::size_t> bundles;    ///< bundle id → index
    SuggestionBudget suggestions;  ///< the did-you-mean searches left, for references and `when`
    const DatedCheck* dated = nullptr;  ///< for one version of a dated catalog, else null
    /// While a test case is checked in a dated catalog: the day it is planned on, which a
    /// missing definition names, and whether that is its `as_of`.
    std::optional<Date> case_day;
    bool case_day_written = false;  ///< `case_day` is the case's `as_of` (else the default day)

    /// Builds the maps; `state` must already be sorted and free of duplicates.
    explicit CheckContext(LoadState& state);
    /// True when a definition of `kind` `id` refused as a duplicate would be in effect on a day
    /// of the version checked: that the id has none then is the duplicate error's to say.
    bool refused_in_effect(std::string_view kind, std::string_view id) const;
    /// Reports an error.
    void error(const Location& where, std::string code, std::string message);
    /// What an unknown reference's error adds when some rule file could not be parsed: that
    /// what it defines is missing (so the reference may be right); empty when every file was.
    std::string unparsed_files_note() const;
    /// Reports a warning.
    void warning(const Location& where, std::string code, std::string message);
    /// Checks that `ref` names an existing definition in `index`; reports `unknown-<kind>`
    /// with a suggestion otherwise. Returns the position or nullopt.
    std::optional<std::size_t> resolve(
        const Ref& ref, const std::unordered_map<std::string_view, std::size_t>& index,
        std::string_view kind, std::string_view context);
};

/// A LoadState's definitions after every catalog-wide check, ready to become a Catalog.
struct CheckedDefinitions {
    std::vector<Fact> facts;          ///< sorted by id
    std::vector<Field> fields;        ///< sorted by id
    std::vector<Material> materials;  ///< sorted by id
    std::vector<Item> items;          ///< sorted by id, conditions compiled
    std::vector<Bundle> bundles;      ///< sorted by id, conditions compiled
    std::vector<TestCase> tests;      ///< in file order, facts typed
};

/// Runs every catalog-wide check on `state` (sorted, free of duplicates), appending to its
/// diagnostics, and moves the definitions out; `dated` is given for one version of a dated
/// catalog.
CheckedDefinitions check_definitions(LoadState& state, const DatedCheck* dated);

/// The catalog of a LoadState with dated definitions, free of overlapping periods: one checked
/// version per period between the days definitions start or end (finish_dated.cpp).
Catalog finish_dated_catalog(LoadState& state);

/// Compiles every `when` and reports errors at their exact place inside the expression.
void check_conditions(CheckContext& context, std::vector<Condition>& item_conditions,
                      std::vector<Condition>& bundle_conditions);
/// Checks references of items, bundles and tests; types test facts; checks narrowings.
void check_references(CheckContext& context);
/// Reports prerequisite cycles, unprovidable materials and multiple producers.
void check_graph(CheckContext& context);

/// "file:line:column" of a location, for messages naming another place.
std::string place(const Location& where);

/// The plan error codes a test case may expect with `expect: {error: ...}`.
const std::vector<std::string_view>& plan_error_codes();

}  // namespace onething::detail

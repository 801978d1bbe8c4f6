// What the loader accumulates across files before the catalog-wide checks.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "load/node_reader.hpp"
#include "onething/catalog.hpp"
#include "onething/limits.hpp"

namespace onething::detail {

/// A scalar kept as written, converted once the declarations it depends on are known.
struct RawScalar {
    YamlKind kind = YamlKind::null;          ///< null, scalar or a collection (an error later)
    ScalarStyle style = ScalarStyle::plain;  ///< how the scalar was written
    std::string text;                        ///< its text
    Location location;                       ///< where it is
};

/// The `when` of one need (or alternative) of an item, not yet compiled.
struct NeedConditionSite {
    /// Which list the need is in (`alternative`: an alternative of a material need).
    enum class Kind { item, material, alternative, field } kind = Kind::item;
    std::size_t need = 0;         ///< position in the item's list of such needs
    std::size_t alternative = 0;  ///< for an alternative: its position in the `any_of`
    ConditionSite site;           ///< the expression
};

/// An item with its `when` expressions not yet compiled.
struct PendingItem {
    Item item;                                 ///< everything but the conditions
    std::optional<ConditionSite> when;         ///< the item's expression, if given
    std::vector<NeedConditionSite> need_when;  ///< the expressions of its needs
};

/// A bundle with its `when` expression not yet compiled.
struct PendingBundle {
    Bundle bundle;                      ///< everything but `when`
    std::optional<ConditionSite> when;  ///< the expression, if given
};

/// A test case with its facts not yet typed.
struct PendingTest {
    TestCase test;                                     ///< everything but `facts`
    std::vector<std::pair<Ref, RawScalar>> raw_facts;  ///< fact id (located) and value
};

/// Definitions from every file read so far, and the diagnostics found.
struct LoadState {
    Limits limits;                        ///< the limits in force
    std::vector<Fact> facts;              ///< in file order
    std::vector<Field> fields;            ///< in file order
    std::vector<Material> materials;      ///< in file order
    std::vector<PendingItem> items;       ///< in file order
    std::vector<PendingBundle> bundles;   ///< in file order
    std::vector<PendingTest> tests;       ///< in file order
    std::vector<Diagnostic> diagnostics;  ///< everything found
    std::uint64_t definitions = 0;        ///< counted against limits.max_definitions
    /// By "kind id" ("item it"), the periods of the definitions refused as duplicates: a
    /// version whose days such a definition would cover does not report the id as having no
    /// definition in effect (the duplicate error stands for it).
    std::unordered_map<std::string, std::vector<Period>> refused_duplicates;
    /// Where the definitions are (their id keys) whose `valid_from` / `valid_until` was refused
    /// (an invalid date, or an end before the start): each is read as "always", and the
    /// duplicate check leaves it out, so that its period error is not followed by false
    /// duplicate errors against periods it never had.
    std::vector<Location> refused_periods;
    /// By the place of a dated definition's id key ("file:line:column"), where its period is
    /// written: its `valid_from`, else its `valid_until` (in an overlay, when the overlay gave
    /// it).
    std::unordered_map<std::string, Location> period_places;
    /// "kind id" of every definition refused for not being a mapping: a reference to the id is
    /// not reported as unknown, since the definition's own error stands for it.
    std::unordered_set<std::string> unreadable_definitions;
    /// The rule files that could not be parsed (a syntax error, a limit): what they define is
    /// missing, which an unknown reference's error says.
    std::vector<std::string> unparsed_files;
};

/// Counts one more definition (or test case), written at `at`, against `max_definitions`:
/// the first over the limit is reported there, once for the whole catalog. False when the
/// count is over the limit: the caller reads no more of its section.
bool count_definition(NodeReader& reader, const YamlNode& at, LoadState& state);

/// Calls `read` for each definition of a section (`kind` is "fact", "item", ...) whose id is
/// valid and whose body is a mapping; counts definitions against the limit.
void for_each_definition(
    NodeReader& reader, const YamlNode& section, LoadState& state, std::string_view kind,
    const std::function<void(std::string id, const YamlNode& key, const YamlNode& body,
                             const Entries& entries)>& read);

/// Reads `valid_from` / `valid_until` of a definition `what` whose id key is at `at` (rule
/// format 1.1); a period with an invalid date, or whose end comes before its start, is reported,
/// read as "always" and recorded in `state.refused_periods`.
Period read_period(NodeReader& reader, const Entries& entries, std::string_view what,
                   const Location& at, LoadState& state);

/// Reads one parsed rule file into `state`.
void read_rule_file(const YamlDocument& document, LoadState& state);

/// Reads the `facts:` section.
void read_facts(NodeReader& reader, const YamlNode& section, LoadState& state);
/// Reads the `fields:` section.
void read_fields(NodeReader& reader, const YamlNode& section, LoadState& state);
/// Reads the `materials:` section.
void read_materials(NodeReader& reader, const YamlNode& section, LoadState& state);
/// Reads the `items:` section.
void read_items(NodeReader& reader, const YamlNode& section, LoadState& state);
/// Reads the `bundles:` section.
void read_bundles(NodeReader& reader, const YamlNode& section, LoadState& state);
/// Reads the `tests:` section.
void read_tests(NodeReader& reader, const YamlNode& section, LoadState& state);

/// Reads constraints keys (pattern, min_length, max_length, minimum, maximum, values) of
/// `entries` into `constraints`, recording where each key is; other keys are left alone.
void read_constraints(NodeReader& reader, const Entries& entries, Constraints& constraints,
                      std::map<std::string, Location>& locations, std::string_view what);

/// What is wrong with constraints for a field type.
struct ConstraintProblems {
    /// Errors as (constraint key, message) pairs: keys that do not apply to the type, min >
    /// max, bad patterns, enum values not allowed.
    std::vector<std::pair<std::string, std::string>> errors;
    /// The warning of a pattern JSON Schema validators may read otherwise than the engine
    /// (`pattern-not-portable`), or nullopt.
    std::optional<std::string> pattern_warning;
    /// The warning of an integer field's minimum and maximum with no whole number between them
    /// (1.2 and 1.8: `conflicting-constraints`; refused by form, loaded as before), or nullopt.
    std::optional<std::string> no_whole_number;
};

/// The problems of `constraints` for a field of `type` (with `allowed_values`, its enum's).
ConstraintProblems constraint_problems(const Constraints& constraints, FieldType type,
                                       const std::vector<std::string>* allowed_values);

/// Reports duplicates across files, compiles conditions, types test facts, checks every
/// reference, cycles and providers (appending to `state.diagnostics`), and builds the catalog.
Catalog finish_catalog(LoadState& state);

}  // namespace onething::detail

// The catalog model: every section and key of the rule format, immutable once loaded.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onething/condition.hpp"
#include "onething/diagnostic.hpp"
#include "onething/text.hpp"
#include "onething/value.hpp"

namespace onething {

/// A reference to a definition by id, with where the reference was written.
struct Ref {
    std::string id;     ///< the referenced id
    Location location;  ///< where the reference appears
};

/// When a definition is in effect (rule format 1.1 `valid_from` / `valid_until`): both days
/// inclusive; an open end is "always" on that side.
struct Period {
    std::optional<Date> from;   ///< first day in effect; nullopt: since always
    std::optional<Date> until;  ///< last day in effect; nullopt: forever
    /// True when `day` is inside the period.
    bool contains(const Date& day) const;
    /// True when some day is inside both periods.
    bool overlaps(const Period& other) const;
    /// True when the period is "always" (neither end given).
    bool always() const { return !from && !until; }
    /// "2019-01-01..2020-06-30", "from 2019-01-01", "until 2020-06-30" or "always".
    std::string describe() const;
};

/// Type of a fact (`facts.*.type`).
enum class FactType { boolean, integer, number, string, date, enumeration };

/// What the applicant's situation is; conditions read facts and the guide asks for them.
struct Fact {
    std::string id;                      ///< unique among facts
    FactType type = FactType::boolean;   ///< declared type
    std::vector<std::string> values;     ///< allowed values (enum only)
    std::map<std::string, Text> labels;  ///< value → its display text (enum only; optional)
    Text question;                       ///< what the guide asks
    std::optional<Value> default_value;  ///< used when the applicant gives no answer
    Period period;                       ///< when in effect (always by default)
    Location location;                   ///< the id key
};

/// Type of a form field (`fields.*.type`).
enum class FieldType { string, integer, number, boolean, date, enumeration };

/// Where a field's value comes from when it is not produced by an item.
enum class FieldSource { applicant, shared };

/// Constraints on a field's value; a need may narrow them. Unset members do not constrain.
struct Constraints {
    std::optional<std::string> pattern;              ///< ECMA-262 regular expression (string)
    std::optional<std::int64_t> min_length;          ///< string
    std::optional<std::int64_t> max_length;          ///< string
    std::optional<double> minimum;                   ///< integer and number
    std::optional<double> maximum;                   ///< integer and number
    std::optional<std::vector<std::string>> values;  ///< enum
    /// True when nothing is constrained.
    bool empty() const;
};

/// One datum of the data dictionary; the same id on many items' forms merges into one.
struct Field {
    std::string id;                               ///< unique among fields
    FieldType type = FieldType::string;           ///< declared type
    Text label;                                   ///< the form label
    Constraints constraints;                      ///< pattern, lengths, bounds, values
    std::map<std::string, Text> labels;           ///< enum value → its display text (optional)
    FieldSource source = FieldSource::applicant;  ///< shared: prefilled, never asked
    Period period;                                ///< when in effect (always by default)
    Location location;                            ///< the id key
};

/// A document an item needs or produces.
struct Material {
    std::string id;           ///< unique among materials
    Text name;                ///< display name
    bool e_license = false;   ///< retrieved from the electronic licence library, never submitted
    bool submittable = true;  ///< false: only an item can produce it
    Period period;            ///< when in effect (always by default)
    Location location;        ///< the id key
};

/// Item type (`items.*.type`).
enum class ItemType { approval, registration, certificate, benefit, payment, filing, service };

/// A channel an item can be applied through (docs/rule-format.md lists them).
enum class Channel { online, mobile, window, self_service, post };

/// A needed item (an explicit prerequisite), needed only while its `when` holds.
struct ItemNeed {
    Ref item;        ///< the prerequisite
    Condition when;  ///< the need holds only when this holds (always when absent)
};

/// A needed material: one id, or an `any_of` list where one alternative satisfies the need.
struct MaterialNeed {
    std::vector<Ref> alternatives;  ///< one entry for a plain need
    /// Empty, or the condition of each alternative (same order): an alternative whose
    /// condition is false cannot be chosen.
    std::vector<Condition> alternative_when;
    bool any_of = false;  ///< written as `any_of:`
    Condition when;       ///< the need holds only when this holds (always when absent)
    Location location;    ///< the list entry
};

/// Constraints an item adds to a field it needs, with where each constraint key is written.
struct Narrowing {
    Constraints constraints;                    ///< extra constraints from this item
    std::map<std::string, Location> locations;  ///< constraint key → where written
};

/// A needed field, with the narrowing this item applies (most needs have none).
struct FieldNeed {
    Ref field;                                   ///< the field
    std::shared_ptr<const Narrowing> narrowing;  ///< null when the item adds no constraint
    Condition when;  ///< the need holds only when this holds (always when absent)
};

/// A standardised item (事项): the brick bundles are built from.
struct Item {
    std::string id;                                  ///< unique among items
    Text name;                                       ///< display name
    std::string department;                          ///< owning agency id
    ItemType type = ItemType::service;               ///< item type
    std::vector<Channel> channels{Channel::window};  ///< how it can be applied for
    bool in_person = false;                       ///< applicant must be present even when bundled
    bool automatic = false;                       ///< done on shared data: asks nothing after
    std::string venue = "window";                 ///< where an in-person item is done
    double duration_days = 0;                     ///< working days from application to result
    std::optional<double> bundled_duration_days;  ///< working days inside a bundle, if shorter
    int steps = 1;                                ///< applicant-facing steps on its own
    int visits = 1;                               ///< trips to an office on its own
    std::optional<std::string> payee;             ///< who the applicant pays, if anyone
    Condition when;                               ///< applicability (always when absent)
    std::vector<ItemNeed> needs_items;            ///< explicit prerequisites
    std::vector<MaterialNeed> needs_materials;    ///< needed materials
    std::vector<FieldNeed> needs_fields;          ///< needed fields
    std::vector<Ref> produces_materials;          ///< materials it produces
    std::vector<Ref> produces_fields;             ///< fields it produces
    Period period;                                ///< when in effect (always by default)
    Location location;                            ///< the id key

    /// True when, bundled, it makes a visit at its venue: in person and not automatic (an
    /// automatic item needs no one present).
    bool makes_visits() const { return in_person && !automatic; }
};

/// A metric of the before/after comparison, in the contract's order.
enum class Metric { steps, forms, fields, materials, visits, days };

/// All metrics in the contract's order.
inline constexpr std::array<Metric, 6> all_metrics{
    Metric::steps, Metric::forms, Metric::fields, Metric::materials, Metric::visits, Metric::days};

/// The metric's name as written in rule files ("steps", ...).
const char* metric_name(Metric metric);

/// A "one thing": goals the applicant wants done, optimised and scheduled together.
struct Bundle {
    std::string id;          ///< unique among bundles
    Text name;               ///< display name
    std::vector<Ref> goals;  ///< what the applicant wants done
    std::vector<Ref> defer;  ///< finished after the outcome
    std::vector<Metric> optimize{Metric::visits, Metric::days, Metric::materials};  ///< objective
    Condition when;                            ///< who the bundle is for
    std::optional<std::int64_t> annual_cases;  ///< applications a year, where given
    Period period;                             ///< when in effect (always by default)
    Location location;                         ///< the id key
};

/// An expected value in a test case, with where it was written.
template <typename T>
struct Expected {
    T value{};          ///< the expected value
    Location location;  ///< where it is written
};

/// The expected `any_of` choices of one item (1.1 `expect.choices`).
struct ExpectedChoices {
    Ref item;                              ///< the item, where its key is written
    Expected<std::vector<Ref>> materials;  ///< chosen material of each any_of need, in need order
};

/// What a test case expects; every member is optional and each one given is checked.
struct Expectation {
    std::optional<Expected<std::vector<std::string>>> items;     ///< exact set of selected items
    std::optional<Expected<std::vector<std::string>>> includes;  ///< items that must be selected
    std::optional<Expected<std::vector<std::string>>> excludes;  ///< items that must not be
    std::optional<Expected<std::int64_t>> stages;                ///< number of stages
    std::map<Metric, Expected<double>> before;                   ///< before-metrics given
    std::map<Metric, Expected<double>> after;                    ///< after-metrics given
    std::optional<Expected<std::vector<std::string>>> asked_fields;         ///< exact set
    std::optional<Expected<std::vector<std::string>>> submitted_materials;  ///< exact set
    std::optional<Expected<std::string>> error;  ///< the case must fail with this code
    std::optional<Expected<std::vector<ExpectedChoices>>> choices;  ///< 1.1: by item, as written
    std::optional<Expected<std::vector<Ref>>> critical_path;  ///< 1.1: the critical path, in order
    std::optional<Expected<bool>> optimal;                    ///< 1.1: proven optimal or not
    std::optional<Expected<std::vector<Ref>>> questions;      ///< 1.1: what guide asks, in order

    /// True when only `questions` is given: the case checks the guide and is not planned.
    bool guide_only() const;
};

/// A `tests:` case: a bundle, facts, and what the plan must look like.
struct TestCase {
    std::string name;                                ///< the case's name
    Ref bundle;                                      ///< the bundle planned
    std::map<std::string, Value> facts;              ///< the applicant's answers, by fact id
    std::map<std::string, Location> fact_locations;  ///< where each fact key is written
    Expectation expect;                              ///< what must hold
    std::optional<Expected<Date>> as_of;  ///< 1.1: the day the case is planned on (default today)
    Location location;                    ///< the list entry
};

namespace detail {
struct CatalogAccess;  // the library's own access to the private index, defined in src/
class CatalogEditor;   // the library's in-place edits of a private copy, defined in src/
}  // namespace detail

class Catalog;

/// One version of a dated catalog: the definitions in effect on every day of `period`.
struct CatalogVersion {
    Period period;                           ///< the days this version answers for
    std::shared_ptr<const Catalog> catalog;  ///< the definitions in effect, checked
};

/// An immutable catalog: definitions sorted by id. Safe to share between threads once loaded.
/// A catalog with dated definitions (rule format 1.1) holds one version per period between the
/// days its definitions start or end; its own sections are the version of the day it was
/// loaded, and `as_of` gives any other day's.
class Catalog {
  public:
    /// An empty catalog.
    Catalog();
    /// Builds from definitions (sorted here) and the test cases in file order.
    Catalog(std::vector<Fact> facts, std::vector<Field> fields, std::vector<Material> materials,
            std::vector<Item> items, std::vector<Bundle> bundles, std::vector<TestCase> tests);
    ~Catalog();
    Catalog(Catalog&&) noexcept;
    Catalog& operator=(Catalog&&) noexcept;
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;

    /// Facts sorted by id; a fact's position is its index in `FactValues`.
    std::span<const Fact> facts() const;
    /// Fields sorted by id.
    std::span<const Field> fields() const;
    /// Materials sorted by id.
    std::span<const Material> materials() const;
    /// Items sorted by id.
    std::span<const Item> items() const;
    /// Bundles sorted by id.
    std::span<const Bundle> bundles() const;
    /// Test cases in file order. A dated catalog's own: every case; a version's: the cases
    /// planned on one of its days (their `as_of`, or the day the catalog was loaded).
    std::span<const TestCase> tests() const;
    /// The language tags the catalog's texts are written in, sorted ("" for untagged text).
    std::span<const std::string> languages() const;

    /// The fact with this id, or nullptr.
    const Fact* find_fact(std::string_view id) const;
    /// The field with this id, or nullptr.
    const Field* find_field(std::string_view id) const;
    /// The material with this id, or nullptr.
    const Material* find_material(std::string_view id) const;
    /// The item with this id, or nullptr.
    const Item* find_item(std::string_view id) const;
    /// The bundle with this id, or nullptr.
    const Bundle* find_bundle(std::string_view id) const;

    /// The catalog in effect on `day`: this one when it has no dated definitions.
    const Catalog& as_of(const Date& day) const;
    /// The versions of a dated catalog in day order, covering every day; empty when undated.
    std::span<const CatalogVersion> versions() const;
    /// A dated catalog from its versions (in day order, covering every day, at least two) and
    /// every test case: its own sections are those of the version in effect on `today`.
    static Catalog dated(std::vector<CatalogVersion> versions, std::vector<TestCase> tests,
                         const Date& today);

  private:
    friend struct detail::CatalogAccess;
    friend class detail::CatalogEditor;
    struct Data;
    std::shared_ptr<Data> data_;
    std::shared_ptr<const std::vector<CatalogVersion>> versions_;  ///< null when undated
    std::shared_ptr<const std::vector<TestCase>> dated_tests_;     ///< every case, when dated
};

/// Name of an enumeration value as written in rule files.
const char* to_string(FactType type);
/// Name of an enumeration value as written in rule files.
const char* to_string(FieldType type);
/// Name of an enumeration value as written in rule files.
const char* to_string(ItemType type);
/// Name of an enumeration value as written in rule files.
const char* to_string(Channel channel);

}  // namespace onething

// The one form: the fields a plan asks, merged into one JSON Schema; answers split per item.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/limits.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"

namespace onething {

/// One field on the merged form, with its constraints intersected across every item.
struct FormField {
    std::string id;                      ///< the field id
    FieldType type = FieldType::string;  ///< its type
    Text label;                          ///< its label
    std::map<std::string, Text> labels;  ///< enum value → its display text (the field's labels)
    Constraints constraints;            ///< definition ∩ narrowings (pattern unset: see patterns)
    std::vector<std::string> patterns;  ///< every distinct pattern that applies (all must match)
    std::vector<std::string> items;     ///< items of the plan that need it, sorted
};

/// The merged form of a plan: what is asked, and what is not asked and why.
struct Form {
    std::string bundle;                           ///< the bundle
    Text title;                                   ///< the bundle's name
    std::vector<FormField> asked;                 ///< asked fields, sorted by id
    std::vector<std::string> prefilled;           ///< `source: shared` fields, sorted
    std::map<std::string, std::string> produced;  ///< field → producing item (first by id)
};

/// Merges the plan's asked fields. Throws PlanError "conflicting-constraints" naming the field
/// and both items when an intersection is empty, "nesting-conflict" when an asked field's id is
/// also the group of another asked field (`a` and `a.b`). Thread-safe.
Form merge_form(const Catalog& catalog, const Plan& plan);

/// The form as a JSON Schema, draft 2020-12, nested by id segments, titles in `language`.
std::string form_to_json_schema(const Form& form, std::string_view language);

/// Answers to the form, or shared data: field id → value.
using Answers = std::map<std::string, Value>;

/// Reads answers (a YAML or JSON document nested by id segments, or flat with dotted ids) and
/// validates them against the form: every asked field present, types and constraints met.
/// Throws InputError carrying one located diagnostic per bad field.
Answers read_answers(const Form& form, const SourceFile& file, const Limits& limits = {});

/// Reads shared data (prefilled fields) from a YAML or JSON document, nested or flat: only
/// `source: shared` fields, each checked against its definition. Throws InputError like
/// read_answers (a missing field is not an error).
Answers read_shared(const Catalog& catalog, const SourceFile& file, const Limits& limits = {});

/// One material a payload's department receives with its item, and how it gets there.
struct PayloadMaterial {
    std::string material;                        ///< the material
    Provision provision = Provision::submitted;  ///< submitted, e_license or produced
    std::vector<std::string> producers;          ///< items producing it, sorted (produced only)
};

/// One department's payload: exactly the fields of its item's own form, and its materials.
struct ItemPayload {
    std::string item;                            ///< the item
    std::map<std::string, Value> fields;         ///< values known now
    std::map<std::string, std::string> pending;  ///< field → item that will produce it
    std::vector<std::string> prefill;            ///< shared fields with no value given, sorted
    std::string department;                      ///< the item's department (owning agency)
    std::vector<PayloadMaterial> materials;      ///< materials it needs in the plan, by id
};

/// Splits answers (and shared data) into one payload per planned item, sorted by item id.
/// Each payload's materials are the plan's (`Plan::materials`) that the item needs: the chosen
/// alternative of an `any_of`, with how it is provided. Throws InputError "missing-field" when
/// an asked field has no answer.
std::vector<ItemPayload> dispatch(const Catalog& catalog, const Plan& plan, const Answers& answers,
                                  const Answers& shared);

/// How dispatched payloads are grouped: by item, or by department and then item.
enum class DispatchGrouping { item, department };

/// Every grouping, the default first.
inline constexpr DispatchGrouping all_dispatch_groupings[] = {DispatchGrouping::item,
                                                              DispatchGrouping::department};

/// The grouping's name, as `--by` and `"by"` write it: "item" or "department".
const char* to_string(DispatchGrouping grouping);

/// The grouping named `name`, or nullopt.
std::optional<DispatchGrouping> parse_dispatch_grouping(std::string_view name);

/// The payloads as JSON. By item (the default): `{"<item>": {"fields": {...}, "pending": {...},
/// "prefill": [...], "department": "<id>", "materials": [{"material", "provision",
/// "producers"?}, ...]}, ...}` in the order given; by department: `{"<department>": {"<item>":
/// payload, ...}, ...}`, departments sorted and items sorted within each.
std::string dispatch_to_json(const std::vector<ItemPayload>& payloads,
                             DispatchGrouping by = DispatchGrouping::item);

}  // namespace onething

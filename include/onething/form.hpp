// The one form: the fields a plan asks, merged into one JSON Schema; answers split per item.
#pragma once

#include <map>
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
    std::string id;                  ///< the field id
    FieldType type = FieldType::string;  ///< its type
    Text label;                      ///< its label
    Constraints constraints;         ///< the intersection of definition and narrowings
    std::vector<std::string> patterns;  ///< every pattern that applies (all must match)
    std::vector<std::string> items;  ///< items of the plan that need it, sorted
};

/// The merged form of a plan: what is asked, and what is not asked and why.
struct Form {
    std::string bundle;                       ///< the bundle
    std::vector<FormField> asked;             ///< asked fields, sorted by id
    std::vector<std::string> prefilled;       ///< `source: shared` fields, sorted
    std::map<std::string, std::string> produced;  ///< field → producing item (first by id)
};

/// Merges the plan's asked fields. Throws PlanError "conflicting-constraints" naming the field
/// and both items when an intersection is empty. Thread-safe.
Form merge_form(const Catalog& catalog, const Plan& plan);

/// The form as a JSON Schema, draft 2020-12, nested by id segments, titles in `language`.
std::string form_to_json_schema(const Form& form, std::string_view language);

/// Answers to the form, or shared data: field id → value.
using Answers = std::map<std::string, Value>;

/// Reads answers (a YAML or JSON document nested by id segments, or flat with dotted ids) and
/// validates them against the form: every asked field present, types and constraints met.
/// Throws InputError carrying one located diagnostic per bad field.
Answers read_answers(const Form& form, const SourceFile& file, const Limits& limits = {});

/// Reads shared data (prefilled fields) from a YAML or JSON document, nested or flat.
Answers read_shared(const Catalog& catalog, const SourceFile& file, const Limits& limits = {});

/// One department's payload: exactly the fields of its item's own form.
struct ItemPayload {
    std::string item;                          ///< the item
    std::map<std::string, Value> fields;       ///< values known now
    std::map<std::string, std::string> pending;  ///< field → item that will produce it
};

/// Splits answers (and shared data) into one payload per planned item, sorted by item id.
std::vector<ItemPayload> dispatch(const Catalog& catalog, const Plan& plan, const Answers& answers,
                                  const Answers& shared);

/// The payloads as `{"<item>": {"fields": {...}, "pending": {...}}, ...}`.
std::string dispatch_to_json(const std::vector<ItemPayload>& payloads);

}  // namespace onething

// form_to_json_schema: the merged form as a JSON Schema (draft 2020-12), nested by id segments.
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "form/form_util.hpp"
#include "onething/form.hpp"

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

/// A real day of the proleptic Gregorian calendar, YYYY-MM-DD (the check `dispatch` makes), as
/// a pattern: every validator applies it, where `format: date` is only an annotation in
/// 2020-12 and an unknown format to a validator without format plugins.
constexpr const char* date_pattern =
    "^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-"
    "(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|"
    "[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$";

/// The field type's name in the rule format (`enum` for an enumeration).
const char* type_name(FieldType type) {
    switch (type) {
        case FieldType::string:
            return "string";
        case FieldType::integer:
            return "integer";
        case FieldType::number:
            return "number";
        case FieldType::boolean:
            return "boolean";
        case FieldType::date:
            return "date";
        case FieldType::enumeration:
            return "enum";
    }
    return "string";
}

/// A group of the form: its sub-groups and fields by id segment.
struct GroupNode {
    std::map<std::string, GroupNode> children;  ///< by segment, sorted
    const FormField* field = nullptr;           ///< set on leaves
};

/// A number as JSON: integral values as integers.
Json json_number(double value) {
    if (value == std::trunc(value) && std::fabs(value) < 9.0e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

/// The schema of one field.
Json field_schema(const FormField& field, std::string_view language) {
    Json schema = Json::object();
    const std::string& label = field.label.in(language);
    schema["title"] = label.empty() ? field.id : label;
    const Constraints& constraints = field.constraints;
    switch (field.type) {
        case FieldType::string:
            schema["type"] = "string";
            break;
        case FieldType::integer:
            schema["type"] = "integer";
            break;
        case FieldType::number:
            schema["type"] = "number";
            break;
        case FieldType::boolean:
            schema["type"] = "boolean";
            break;
        case FieldType::date:
            schema["type"] = "string";
            schema["pattern"] = date_pattern;
            break;
        case FieldType::enumeration:
            schema["type"] = "string";
            if (constraints.values && field.labels.empty()) {
                schema["enum"] = *constraints.values;
            } else if (constraints.values) {
                // Each value with its label as its title (JSON Schema 2020-12's way to
                // name enum values); a value without a label is its own title.
                Json choices = Json::array();
                for (const std::string& value : *constraints.values) {
                    const auto found = field.labels.find(value);
                    const std::string* title = &value;
                    if (found != field.labels.end() && !found->second.in(language).empty()) {
                        title = &found->second.in(language);
                    }
                    choices.push_back(Json{{"const", value}, {"title", *title}});
                }
                schema["oneOf"] = std::move(choices);
            }
            break;
    }
    if (constraints.minimum) {
        schema["minimum"] = json_number(*constraints.minimum);
    }
    if (constraints.maximum) {
        schema["maximum"] = json_number(*constraints.maximum);
    }
    if (constraints.min_length) {
        schema["minLength"] = *constraints.min_length;
    }
    if (constraints.max_length) {
        schema["maxLength"] = *constraints.max_length;
    }
    if (field.patterns.size() == 1) {
        schema["pattern"] = field.patterns.front();
    } else if (field.patterns.size() > 1) {
        Json all = Json::array();
        for (const std::string& pattern : field.patterns) {
            all.push_back(Json{{"pattern", pattern}});
        }
        schema["allOf"] = std::move(all);
    }
    return schema;
}

/// Fills `schema` (an object schema) with the properties of `group`.
void fill_object(Json& schema, const GroupNode& group, std::string_view language) {
    schema["type"] = "object";
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& [segment, child] : group.children) {
        if (child.field) {
            properties[segment] = field_schema(*child.field, language);
        } else {
            Json sub = Json::object();
            fill_object(sub, child, language);
            properties[segment] = std::move(sub);
        }
        required.push_back(segment);
    }
    schema["properties"] = std::move(properties);
    schema["required"] = std::move(required);
    schema["additionalProperties"] = false;
}

}  // namespace

std::string form_to_json_schema(const Form& form, std::string_view language) {
    GroupNode root;
    for (const FormField& field : form.asked) {
        GroupNode* node = &root;
        for (const std::string& segment : detail::form::id_segments(field.id)) {
            node = &node->children[segment];
        }
        node->field = &field;
    }
    Json schema = Json::object();
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    const std::string& title = form.title.in(language);
    schema["title"] = title.empty() ? form.bundle : title;
    fill_object(schema, root, language);
    // The engine's annotations, as data a validator never applies: the constant of a schema
    // no one references. Unknown keywords (`x-...`) would be refused by strict validators.
    Json fields = Json::object();
    for (const FormField& field : form.asked) {
        fields[field.id] = Json{{"type", type_name(field.type)}, {"items", field.items}};
    }
    Json produced = Json::object();
    for (const auto& [field, item] : form.produced) {
        produced[field] = item;
    }
    Json annotations = Json::object();
    annotations["bundle"] = form.bundle;
    annotations["fields"] = std::move(fields);
    annotations["prefilled"] = form.prefilled;
    annotations["produced"] = std::move(produced);
    schema["$defs"] =
        Json{{"onething", Json{{"$comment",
                                "annotations of the onething engine, never referenced: data, not "
                                "constraints"},
                               {"const", std::move(annotations)}}}};
    return schema.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething

// The `facts:`, `fields:` and `materials:` sections.
#include <algorithm>

#include "condition/fact_reference.hpp"
#include "facts/fact_check.hpp"
#include "load/check_context.hpp"
#include "load/load_state.hpp"
#include "model/suggest.hpp"

namespace onething::detail {
namespace {

/// Reads `labels` (enum value → text) of an enum fact or field `what`; `values` are the
/// declared values (null when they could not be read, so keys are not checked). A key that is
/// not a value is reported at the key, with the nearest value.
std::map<std::string, Text> read_labels(NodeReader& reader, const YamlNode& node,
                                        const std::vector<std::string>* values,
                                        std::string_view what) {
    std::map<std::string, Text> labels;
    const std::string name = std::string(what) + " labels";
    if (!reader.expect_mapping(node, name)) {
        return labels;
    }
    std::vector<std::string_view> candidates;
    if (values) {
        candidates.assign(values->begin(), values->end());
    }
    for (const auto& [key_index, value_index] : reader.entries(node, name)) {
        const YamlNode& key = reader.node(key_index);
        if (values && std::find(values->begin(), values->end(), key.value) == values->end()) {
            std::string list;
            for (const std::string& value : *values) {
                list += (list.empty() ? "" : ", ") + value;
            }
            reader.error(key, "unknown-value",
                         name + ": '" + key.value + "' is not one of the values (" + list + ")" +
                             did_you_mean(key.value, candidates));
            continue;
        }
        if (auto text = reader.read_text(reader.node(value_index), name + " " + key.value)) {
            labels.emplace(key.value, std::move(*text));
        }
    }
    return labels;
}

}  // namespace

bool count_definition(NodeReader& reader, const YamlNode& at, LoadState& state) {
    if (++state.definitions == state.limits.max_definitions + 1) {
        reader.error(at, "limit-definitions",
                     "the catalog has more than " + std::to_string(state.limits.max_definitions) +
                         " definitions (max_definitions)");
    }
    return state.definitions <= state.limits.max_definitions;
}

void for_each_definition(
    NodeReader& reader, const YamlNode& section, LoadState& state, std::string_view kind,
    const std::function<void(std::string id, const YamlNode& key, const YamlNode& body,
                             const Entries& entries)>& read) {
    const std::string section_name = std::string(kind) + "s";
    if (!reader.expect_mapping(section, section_name)) {
        return;
    }
    for (const auto& [key_index, value_index] : reader.entries(section, section_name)) {
        const YamlNode& key = reader.node(key_index);
        auto id = reader.read_id(key, std::string(kind) + " id");
        if (!id) {
            continue;
        }
        if (!count_definition(reader, key, state)) {
            return;
        }
        const YamlNode& body = reader.node(value_index);
        const std::string what = std::string(kind) + " '" + *id + "'";
        if (!reader.expect_mapping(body, what)) {
            state.unreadable_definitions.insert(std::string(kind) + " " + *id);
            continue;
        }
        read(std::move(*id), key, body, reader.entries(body, what));
    }
}

Period read_period(NodeReader& reader, const Entries& entries, std::string_view what,
                   const Location& at, LoadState& state) {
    Period period;
    bool refused = false;
    const YamlNode* from = reader.find(entries, "valid_from");
    const YamlNode* until = reader.find(entries, "valid_until");
    if (from != nullptr) {
        period.from = reader.read_date(*from, std::string(what) + " valid_from");
        refused = !period.from;
    }
    if (until != nullptr) {
        period.until = reader.read_date(*until, std::string(what) + " valid_until");
        refused = refused || !period.until;
        if (period.from && period.until && *period.until < *period.from) {
            reader.error(*until, "invalid-period",
                         std::string(what) + " valid_until " + period.until->to_string() +
                             " comes before its valid_from " + period.from->to_string() +
                             "; both days are inclusive, so the last day must be on or after "
                             "the first");
            refused = true;
        }
    }
    if (refused) {
        state.refused_periods.push_back(at);
        return {};
    }
    if (const YamlNode* written = from ? from : until) {
        state.period_places[place(at)] = reader.where(*written);
    }
    return period;
}

void read_constraints(NodeReader& reader, const Entries& entries, Constraints& constraints,
                      std::map<std::string, Location>& locations, std::string_view what) {
    for (const auto& [key_index, value_index] : entries) {
        const std::string& key = reader.node(key_index).value;
        const YamlNode& value = reader.node(value_index);
        locations[key] = reader.where(reader.node(key_index));
        const std::string name = std::string(what) + " " + key;
        if (key == "pattern") {
            constraints.pattern = reader.read_string(value, name);
        } else if (key == "min_length") {
            constraints.min_length = reader.read_int(value, name);
        } else if (key == "max_length") {
            constraints.max_length = reader.read_int(value, name);
        } else if (key == "minimum") {
            constraints.minimum = reader.read_number(value, name);
        } else if (key == "maximum") {
            constraints.maximum = reader.read_number(value, name);
        } else if (key == "values") {
            constraints.values = reader.read_string_list(value, name);
        }
    }
}

void read_facts(NodeReader& reader, const YamlNode& section, LoadState& state) {
    for_each_definition(
        reader, section, state, "fact",
        [&](std::string id, const YamlNode& key, const YamlNode& body, const Entries& entries) {
            const std::string what = "fact '" + id + "'";
            reader.check_keys(
                entries,
                {"type", "values", "labels", "question", "default", "valid_from", "valid_until"},
                what);
            if (const std::string_view misread = condition_misreading(id); !misread.empty()) {
                reader.warning(key, "fact-id-unreadable",
                               what +
                                   " cannot be read by any `when`: the condition language "
                                   "reads '" +
                                   id + "' as " + std::string(misread) +
                                   "; rename the fact (e.g. 'applicant." + id + "')");
            }
            Fact fact;
            fact.id = std::move(id);
            fact.location = reader.where(key);
            fact.period = read_period(reader, entries, what, fact.location, state);
            bool typed = false;
            if (const YamlNode* type = reader.find(entries, "type")) {
                if (auto choice = reader.read_choice(
                        *type, {"bool", "int", "number", "string", "date", "enum"},
                        what + " type")) {
                    fact.type = static_cast<FactType>(*choice);
                    typed = true;
                }
            } else {
                reader.require_key(body, entries, "type", what);
            }
            const YamlNode* values = reader.find(entries, "values");
            if (values && typed && fact.type != FactType::enumeration) {
                reader.error(
                    *values, "invalid-key",
                    "'values' is only for enum facts, and " + what + " is " + to_string(fact.type));
            } else if (values) {
                if (auto list = reader.read_string_list(*values, what + " values")) {
                    fact.values = std::move(*list);
                }
            } else if (typed && fact.type == FactType::enumeration) {
                reader.error(body, "missing-key", what + " is an enum and needs 'values'");
            }
            if (const YamlNode* labels = reader.find(entries, "labels")) {
                if (typed && fact.type != FactType::enumeration) {
                    reader.error(*labels, "invalid-key",
                                 "'labels' is only for enum facts, and " + what + " is " +
                                     to_string(fact.type));
                } else if (typed) {
                    fact.labels = read_labels(reader, *labels,
                                              fact.values.empty() ? nullptr : &fact.values, what);
                }
            }
            if (const YamlNode* question = reader.find(entries, "question")) {
                if (auto text = reader.read_text(*question, what + " question")) {
                    fact.question = std::move(*text);
                }
            }
            if (const YamlNode* value = reader.find(entries, "default")) {
                if (typed && (fact.type != FactType::enumeration || !fact.values.empty())) {
                    auto checked = type_fact_value(fact, written_as(value->kind, value->style),
                                                   value->value, what + " default");
                    if (checked.value) {
                        fact.default_value = std::move(checked.value);
                    } else {
                        reader.error(*value, "type", std::move(checked.error));
                    }
                }
            }
            state.facts.push_back(std::move(fact));
        });
}

void read_fields(NodeReader& reader, const YamlNode& section, LoadState& state) {
    for_each_definition(
        reader, section, state, "field",
        [&](std::string id, const YamlNode& key, const YamlNode& body, const Entries& entries) {
            const std::string what = "field '" + id + "'";
            reader.check_keys(
                entries,
                {"type", "label", "pattern", "min_length", "max_length", "minimum", "maximum",
                 "values", "labels", "source", "valid_from", "valid_until"},
                what);
            Field field;
            field.id = std::move(id);
            field.location = reader.where(key);
            field.period = read_period(reader, entries, what, field.location, state);
            bool typed = false;
            if (const YamlNode* type = reader.find(entries, "type")) {
                if (auto choice = reader.read_choice(
                        *type, {"string", "integer", "number", "boolean", "date", "enum"},
                        what + " type")) {
                    field.type = static_cast<FieldType>(*choice);
                    typed = true;
                }
            } else {
                reader.require_key(body, entries, "type", what);
            }
            if (const YamlNode* label = reader.find(entries, "label")) {
                if (auto text = reader.read_text(*label, what + " label")) {
                    field.label = std::move(*text);
                }
            }
            if (const YamlNode* source = reader.find(entries, "source")) {
                if (auto choice =
                        reader.read_choice(*source, {"applicant", "shared"}, what + " source")) {
                    field.source = static_cast<FieldSource>(*choice);
                }
            }
            std::map<std::string, Location> locations;
            read_constraints(reader, entries, field.constraints, locations, what);
            if (field.type == FieldType::enumeration && !field.constraints.values) {
                reader.require_key(body, entries, "values", what + " (an enum)");
            }
            if (const YamlNode* labels = reader.find(entries, "labels")) {
                if (typed && field.type != FieldType::enumeration) {
                    reader.error(*labels, "invalid-key",
                                 "'labels' is only for enum fields, and " + what + " is " +
                                     to_string(field.type));
                } else if (typed) {
                    field.labels = read_labels(
                        reader, *labels,
                        field.constraints.values ? &*field.constraints.values : nullptr, what);
                }
            }
            const ConstraintProblems problems =
                constraint_problems(field.constraints, field.type, nullptr);
            for (const auto& [key_name, message] : problems.errors) {
                state.diagnostics.push_back({Severity::error, "invalid-constraint",
                                             what + ": " + message, locations[key_name]});
            }
            if (problems.pattern_warning) {
                state.diagnostics.push_back({Severity::warning, "pattern-not-portable",
                                             what + ": " + *problems.pattern_warning,
                                             locations["pattern"]});
            }
            if (problems.no_whole_number) {
                state.diagnostics.push_back({Severity::warning, "conflicting-constraints",
                                             what + ": " + *problems.no_whole_number,
                                             locations["maximum"]});
            }
            state.fields.push_back(std::move(field));
        });
}

void read_materials(NodeReader& reader, const YamlNode& section, LoadState& state) {
    for_each_definition(
        reader, section, state, "material",
        [&](std::string id, const YamlNode& key, const YamlNode&, const Entries& entries) {
            const std::string what = "material '" + id + "'";
            reader.check_keys(
                entries, {"name", "e_license", "submittable", "valid_from", "valid_until"}, what);
            Material material;
            material.id = std::move(id);
            material.location = reader.where(key);
            material.period = read_period(reader, entries, what, material.location, state);
            if (const YamlNode* name = reader.find(entries, "name")) {
                if (auto text = reader.read_text(*name, what + " name")) {
                    material.name = std::move(*text);
                }
            }
            if (const YamlNode* value = reader.find(entries, "e_license")) {
                material.e_license = reader.read_bool(*value, what + " e_license").value_or(false);
            }
            if (const YamlNode* value = reader.find(entries, "submittable")) {
                material.submittable =
                    reader.read_bool(*value, what + " submittable").value_or(true);
            }
            state.materials.push_back(std::move(material));
        });
}

}  // namespace onething::detail

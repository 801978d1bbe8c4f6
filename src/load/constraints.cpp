// Which field constraints apply to which field types, and whether they are consistent.
#include <algorithm>

#include "load/load_state.hpp"
#include "load/pattern.hpp"
#include "model/field_bounds.hpp"

namespace onething::detail {

ConstraintProblems constraint_problems(const Constraints& constraints, FieldType type,
                                       const std::vector<std::string>* allowed_values) {
    ConstraintProblems found;
    std::vector<std::pair<std::string, std::string>>& problems = found.errors;
    const std::string type_name = to_string(type);
    auto not_for = [&](const char* key, const char* applies_to) {
        const bool vowel = type_name.find_first_of("aeiou") == 0;
        problems.emplace_back(key, std::string("'") + key + "' applies to " + applies_to +
                                       " fields, not to " + (vowel ? "an " : "a ") + type_name +
                                       " field");
    };
    const bool is_string = type == FieldType::string;
    const bool is_numeric = type == FieldType::integer || type == FieldType::number;
    if (constraints.pattern && !is_string) {
        not_for("pattern", "string");
    }
    if (constraints.min_length && !is_string) {
        not_for("min_length", "string");
    }
    if (constraints.max_length && !is_string) {
        not_for("max_length", "string");
    }
    if (constraints.minimum && !is_numeric) {
        not_for("minimum", "integer and number");
    }
    if (constraints.maximum && !is_numeric) {
        not_for("maximum", "integer and number");
    }
    if (constraints.values && type != FieldType::enumeration) {
        not_for("values", "enum");
    }
    if (constraints.min_length && *constraints.min_length < 0) {
        problems.emplace_back("min_length", "min_length must not be negative");
    }
    if (constraints.max_length && *constraints.max_length < 0) {
        problems.emplace_back("max_length", "max_length must not be negative");
    }
    if (constraints.min_length && constraints.max_length &&
        *constraints.min_length > *constraints.max_length) {
        problems.emplace_back("max_length", "max_length is less than min_length");
    }
    if (constraints.minimum && constraints.maximum && *constraints.minimum > *constraints.maximum) {
        problems.emplace_back("maximum", "maximum is less than minimum");
    } else if (constraints.minimum && constraints.maximum &&
               no_value_between(type, *constraints.minimum, *constraints.maximum)) {
        found.no_whole_number = "minimum " + to_literal(Value(*constraints.minimum)) +
                                " and maximum " + to_literal(Value(*constraints.maximum)) +
                                " leave no whole number for an integer field: no answer can "
                                "meet them, so form refuses it; bound it by whole numbers";
    }
    if (constraints.pattern && is_string) {
        constexpr std::size_t max_pattern = 1024;
        if (constraints.pattern->size() > max_pattern) {
            problems.emplace_back("pattern", "pattern is longer than 1024 characters");
        } else if (PatternVerdict verdict = judge_pattern(*constraints.pattern);
                   !verdict.refusal.empty()) {
            // Answers are checked with RE2 in linear time.
            problems.emplace_back("pattern",
                                  "pattern '" + *constraints.pattern + "' " + verdict.refusal);
        } else if (!verdict.warning.empty()) {
            found.pattern_warning = "pattern '" + *constraints.pattern + "' " + verdict.warning;
        }
    }
    if (constraints.values && allowed_values && type == FieldType::enumeration) {
        for (const auto& value : *constraints.values) {
            if (std::find(allowed_values->begin(), allowed_values->end(), value) ==
                allowed_values->end()) {
                problems.emplace_back("values", "'" + value + "' is not among the field's values");
            }
        }
    }
    return found;
}

}  // namespace onething::detail

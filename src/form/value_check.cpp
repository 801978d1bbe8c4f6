// Checking one answered value against its field.
#include "form/value_check.hpp"
#include <algorithm>

#include <cmath>

#include "form/form_util.hpp"
#include "load/node_reader.hpp"
#include "model/input_excerpt.hpp"
#include "model/suggest.hpp"
#include "text/utf8.hpp"

namespace onething::detail::form {
namespace {

/// The JSON type a scalar has once a YAML or JSON reader has read it.
enum class ScalarType { text, boolean, number };

/// Plain `true`/`false` are booleans, plain JSON-style numbers are numbers, the rest is text.
ScalarType scalar_type(const YamlNode& node) {
    if (node.style != ScalarStyle::plain) {
        return ScalarType::text;
    }
    if (node.value == "true" || node.value == "false") {
        return ScalarType::boolean;
    }
    return parse_decimal_number(node.value) ? ScalarType::number : ScalarType::text;
}

/// "must be an integer", ... for type errors.
std::string expected_type(const FormField& field) {
    switch (field.type) {
        case FieldType::string:
            return "text";
        case FieldType::integer:
            return "an integer";
        case FieldType::number:
            return "a number";
        case FieldType::boolean:
            return "true or false";
        case FieldType::date:
            return "a date YYYY-MM-DD";
        case FieldType::enumeration:
            return "one of the choices";
    }
    return "a value";
}

/// "field 'x' must be <type>, not <what it is>".
ValueProblem type_problem(const YamlNode& node, const FormField& field, std::string hint = {}) {
    return {"invalid-type", "field '" + field.id + "' must be " + expected_type(field) + ", not " +
                                describe_node(node) + hint};
}

/// The value list as "a, b, c".
std::string joined(const std::vector<std::string>& values) {
    std::string text;
    for (const std::string& value : values) {
        text += (text.empty() ? "" : ", ") + value;
    }
    return text;
}

}  // namespace

FormField definition_rule(const Field& field) {
    FormField rule;
    rule.id = field.id;
    rule.type = field.type;
    rule.label = field.label;
    rule.constraints = field.constraints;
    rule.constraints.pattern.reset();
    if (field.constraints.pattern) {
        rule.patterns.push_back(*field.constraints.pattern);
    }
    return rule;
}

const RE2* ValueChecker::compiled(const std::string& pattern) {
    auto found = patterns_.find(pattern);
    if (found == patterns_.end()) {
        // Read as JSON Schema validators read it (ECMA-262), compiled in RE2's spelling.
        found = patterns_.emplace(pattern, compile_pattern(pattern)).first;
    }
    return found->second.get();
}

void ValueChecker::check_text(const std::string& text, const FormField& field,
                              std::vector<ValueProblem>& problems) {
    const Constraints& constraints = field.constraints;
    const auto length = static_cast<std::int64_t>(count_code_points(text));
    const std::string characters = length == 1 ? " character, " : " characters, ";
    if (constraints.min_length && length < *constraints.min_length) {
        problems.push_back({"invalid-length", "field '" + field.id + "' has " +
                                                  std::to_string(length) + characters +
                                                  "fewer than the minimum length " +
                                                  std::to_string(*constraints.min_length)});
    }
    if (constraints.max_length && length > *constraints.max_length) {
        problems.push_back({"invalid-length", "field '" + field.id + "' has " +
                                                  std::to_string(length) + characters +
                                                  "more than the maximum length " +
                                                  std::to_string(*constraints.max_length)});
    }
    if (field.patterns.empty()) {
        return;
    }
    if (static_cast<std::size_t>(length) > max_pattern_input) {
        problems.push_back(
            {"limit-pattern-input", "field '" + field.id + "' has " + std::to_string(length) +
                                        " characters; patterns are checked on at most " +
                                        std::to_string(max_pattern_input)});
        return;
    }
    for (const std::string& pattern : field.patterns) {
        const RE2* regex = compiled(pattern);
        if (!regex) {
            problems.push_back({"invalid-pattern", "field '" + field.id + "' has the pattern '" +
                                                       pattern +
                                                       "', which no catalog may hold "
                                                       "(onething lint says why)"});
        } else if (!RE2::PartialMatch(text, *regex)) {
            problems.push_back(
                {"pattern-mismatch",
                 "field '" + field.id + "' does not match the pattern '" + pattern + "'"});
        }
    }
}

void ValueChecker::check_bounds(double value, const std::string& shown, const FormField& field,
                                std::vector<ValueProblem>& problems) {
    const Constraints& constraints = field.constraints;
    if (constraints.minimum && value < *constraints.minimum) {
        problems.push_back({"out-of-range", "field '" + field.id + "' is " + shown +
                                                ", less than the minimum " +
                                                format_number(*constraints.minimum)});
    }
    if (constraints.maximum && value > *constraints.maximum) {
        problems.push_back({"out-of-range", "field '" + field.id + "' is " + shown +
                                                ", more than the maximum " +
                                                format_number(*constraints.maximum)});
    }
}

std::optional<Value> ValueChecker::check(const YamlNode& node, const FormField& field,
                                         std::vector<ValueProblem>& problems) {
    if (node.kind != YamlKind::scalar) {
        problems.push_back(type_problem(node, field));
        return std::nullopt;
    }
    const ScalarType type = scalar_type(node);
    const std::string quote_hint = " (quote text that looks like a number or true/false)";
    switch (field.type) {
        case FieldType::string:
            if (type != ScalarType::text) {
                problems.push_back(type_problem(node, field, quote_hint));
                return std::nullopt;
            }
            check_text(node.value, field, problems);
            return Value(node.value);
        case FieldType::boolean:
            if (type != ScalarType::boolean) {
                problems.push_back(type_problem(node, field));
                return std::nullopt;
            }
            return Value(node.value == "true");
        case FieldType::integer: {
            std::optional<std::int64_t> value;
            if (type == ScalarType::number) {
                value = parse_integral_decimal(node.value);  // 5.0 and 1e3 are integers in JSON
            }
            if (!value && type == ScalarType::number) {
                // Beyond 64 bits (where a double has no fraction left): out of range, not "not
                // an integer"; below, the digits decided (30.000000000000001 is no integer).
                const double magnitude = std::fabs(*parse_decimal_number(node.value));
                if (magnitude >= 9223372036854775808.0) {
                    problems.push_back(
                        {"out-of-range",
                         "field '" + field.id + "' is " + node.value +
                             ", beyond the integers a field holds (-9223372036854775808 to "
                             "9223372036854775807)"});
                    return std::nullopt;
                }
            }
            if (!value) {
                problems.push_back(type_problem(node, field));
                return std::nullopt;
            }
            check_bounds(static_cast<double>(*value), node.value, field, problems);
            return Value(*value);
        }
        case FieldType::number: {
            if (type != ScalarType::number) {
                problems.push_back(type_problem(node, field));
                return std::nullopt;
            }
            const double value = *parse_decimal_number(node.value);
            check_bounds(value, node.value, field, problems);
            return Value(value);
        }
        case FieldType::date: {
            if (type != ScalarType::text) {
                problems.push_back(type_problem(node, field));
                return std::nullopt;
            }
            auto date = Date::parse(node.value);
            if (!date) {
                problems.push_back({"invalid-date", "field '" + field.id +
                                                        "' must be a valid date YYYY-MM-DD, not " +
                                                        quoted_input(node.value)});
                return std::nullopt;
            }
            return Value(*date);
        }
        case FieldType::enumeration: {
            const std::vector<std::string> none;
            const std::vector<std::string>& values =
                field.constraints.values ? *field.constraints.values : none;
            if (type != ScalarType::text) {
                // `1` for the value '1': the text is right, the quotes are missing.
                const bool unquoted =
                    std::find(values.begin(), values.end(), node.value) != values.end();
                problems.push_back(
                    {"invalid-choice",
                     "field '" + field.id + "' must be one of: " + joined(values) + ", not " +
                         describe_node(node) +
                         (unquoted
                              ? "; its values are text: write it in quotes, \"" + node.value + "\""
                              : std::string())});
                return std::nullopt;
            }
            for (const std::string& allowed : values) {
                if (allowed == node.value) {
                    return Value(node.value);
                }
            }
            std::vector<std::string_view> candidates(values.begin(), values.end());
            problems.push_back({"invalid-choice", "field '" + field.id +
                                                      "' must be one of: " + joined(values) +
                                                      ", not " + quoted_input(node.value) +
                                                      did_you_mean(node.value, candidates)});
            return std::nullopt;
        }
    }
    problems.push_back(type_problem(node, field));
    return std::nullopt;
}

}  // namespace onething::detail::form

// Typing and checking fact values; each kind of error about facts is worded here, once.
#include "facts/fact_check.hpp"

#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "model/input_excerpt.hpp"
#include "model/suggest.hpp"
#include "yaml/scalars.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething::detail {
namespace {

/// What was found where a value was expected: text, a typed value of a program, or no scalar.
enum class Shape { text, quoted, boolean, integer, number, date, null, list, mapping };

/// The shape of what was written.
Shape shape_of(Written written) {
    switch (written) {
        case Written::text:
            return Shape::text;
        case Written::quoted:
            return Shape::quoted;
        case Written::null:
            return Shape::null;
        case Written::list:
            return Shape::list;
        case Written::mapping:
            return Shape::mapping;
    }
    return Shape::null;
}

/// `fact`'s value read from plain text, or nullopt when the text is not one.
std::optional<Value> read_plain(const Fact& fact, std::string_view text) {
    switch (fact.type) {
        case FactType::boolean:
            if (text == "true" || text == "false") {
                return Value(text == "true");
            }
            return std::nullopt;
        case FactType::integer:
            if (auto value = parse_decimal_int(text)) {
                return Value(*value);
            }
            return std::nullopt;
        case FactType::number:
            if (auto value = parse_decimal_number(text)) {
                return Value(*value);
            }
            return std::nullopt;
        case FactType::string:
            return Value(std::string(text));
        case FactType::date:
            if (auto date = Date::parse(text)) {
                return Value(*date);
            }
            return std::nullopt;
        case FactType::enumeration:
            for (const std::string& allowed : fact.values) {
                if (allowed == text) {
                    return Value(allowed);
                }
            }
            return std::nullopt;
    }
    return std::nullopt;
}

/// True for a bool, int or number fact: only plain text (or a program's value) is one.
bool needs_plain(FactType type) {
    return type == FactType::boolean || type == FactType::integer || type == FactType::number;
}

/// `fact`'s value from `text` written as `written`, or nullopt when it is not one.
std::optional<Value> read_written(const Fact& fact, Written written, std::string_view text) {
    if (written == Written::text || (written == Written::quoted && !needs_plain(fact.type))) {
        return read_plain(fact, text);
    }
    return std::nullopt;
}

/// What was found, for "..., not <found>": 'maybe', a list, or, when the text alone would
/// be a value of the fact, what made it none (the quoted text 'true', the bool true).
std::string describe(const Fact& fact, Shape shape, std::string_view text) {
    const auto named = [&](const char* kind) {
        return read_plain(fact, text) ? std::string(kind) + std::string(text) : quoted_input(text);
    };
    switch (shape) {
        case Shape::text:
            return quoted_input(text);
        case Shape::quoted:
            return read_plain(fact, text) ? "the quoted text " + quoted_input(text)
                                          : quoted_input(text);
        case Shape::boolean:
            return named("the bool ");
        case Shape::integer:
            return named("the int ");
        case Shape::number:
            return named("the number ");
        case Shape::date:
            return named("the date ");
        case Shape::null:
            return "nothing (null)";
        case Shape::list:
            return "a list";
        case Shape::mapping:
            return "a mapping";
    }
    return quoted_input(text);
}

/// What a value of a (non-enum) fact type is, for messages.
const char* type_phrase(FactType type) {
    switch (type) {
        case FactType::boolean:
            return "true or false";
        case FactType::integer:
            return "a decimal integer";
        case FactType::number:
            return "a number";
        case FactType::string:
            return "text";
        case FactType::date:
            return "a date YYYY-MM-DD";
        case FactType::enumeration:
            return "one of its values";
    }
    return "a value";
}

// The messages, one per kind of error.

/// Not a value of the fact's type (a bad date and an inexact integer are this kind too).
std::string wrong_type_message(std::string_view subject, FactType type, std::string_view found) {
    return std::string(subject) + " must be " + type_phrase(type) + ", not " + std::string(found);
}

/// Not among an enum fact's values; `suggestion` is a did-you-mean suffix or "".
std::string enum_value_message(std::string_view subject, const std::vector<std::string>& values,
                               std::string_view found, std::string_view suggestion) {
    std::string list;
    for (const std::string& allowed : values) {
        list += (list.empty() ? "" : ", ") + allowed;
    }
    return std::string(subject) + " must be one of: " + list + " (not " + std::string(found) + ")" +
           std::string(suggestion);
}

/// A decimal integer beyond 64 bits, or a decimal number no double holds (`range`: what may be).
std::string range_message(std::string_view subject, const std::string& range,
                          std::string_view text) {
    return std::string(subject) + " must be " + range + ", not " + quoted_input(text);
}

/// Why what was found (`shape`, `text`) is not a value of `fact`.
std::string rejection(const Fact& fact, std::string_view subject, Shape shape,
                      std::string_view text) {
    const std::string found = describe(fact, shape, text);
    if (fact.type == FactType::enumeration) {
        std::string suggestion;
        if (shape == Shape::text || shape == Shape::quoted) {
            std::vector<std::string_view> candidates(fact.values.begin(), fact.values.end());
            suggestion = did_you_mean(text, candidates);
        }
        return enum_value_message(subject, fact.values, found, suggestion);
    }
    if (fact.type == FactType::integer && shape == Shape::text && is_decimal_integer_text(text)) {
        return range_message(subject, int64_range_phrase(), text);
    }
    if (fact.type == FactType::number && shape == Shape::text && is_decimal_number_text(text)) {
        return range_message(subject, double_range_phrase(), text);
    }
    return wrong_type_message(subject, fact.type, found);
}

/// A program's number as text that reads back as it, and never as an integer ("30.0").
std::string number_text(double number) {
    std::string text = to_literal(Value(number));
    if (std::isfinite(number) && text.find_first_of(".eE") == std::string::npos) {
        text += ".0";
    }
    return text;
}

}  // namespace

Written written_as(YamlKind kind, ScalarStyle style) {
    switch (kind) {
        case YamlKind::null:
            return Written::null;
        case YamlKind::scalar:
            return style == ScalarStyle::plain ? Written::text : Written::quoted;
        case YamlKind::sequence:
            return Written::list;
        case YamlKind::mapping:
            return Written::mapping;
    }
    return Written::null;
}

std::string fact_subject(std::string_view id) {
    return "fact " + quoted_input(id);
}

TypedValue type_fact_value(const Fact& fact, Written written, std::string_view text,
                           std::string_view subject) {
    if (auto value = read_written(fact, written, text)) {
        return {std::move(value), {}};
    }
    return {std::nullopt, rejection(fact, subject, shape_of(written), text)};
}

TypedValue check_fact_value(const Fact& fact, const Value& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        // What a facts file refuses (rule files and facts files are text: tab and line feed
        // only), a program's facts refuse too.
        if (auto control = escaped_control_character(*text)) {
            return {std::nullopt, fact_subject(fact.id) + " holds a " + *control +
                                      ", which no facts file can hold; remove it"};
        }
        if (auto typed = read_written(fact, Written::quoted, *text)) {
            return {std::move(typed), {}};
        }
        return {std::nullopt, rejection(fact, fact_subject(fact.id), Shape::quoted, *text)};
    }
    if (const auto* flag = std::get_if<bool>(&value)) {
        if (fact.type == FactType::boolean) {
            return {value, {}};
        }
        return {std::nullopt,
                rejection(fact, fact_subject(fact.id), Shape::boolean, *flag ? "true" : "false")};
    }
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        if (fact.type == FactType::integer) {
            return {value, {}};
        }
        if (fact.type == FactType::number) {
            return {Value(static_cast<double>(*integer)), {}};
        }
        return {std::nullopt,
                rejection(fact, fact_subject(fact.id), Shape::integer, std::to_string(*integer))};
    }
    if (const auto* number = std::get_if<double>(&value)) {
        if (fact.type == FactType::number && std::isfinite(*number)) {
            return {value, {}};
        }
        return {std::nullopt,
                rejection(fact, fact_subject(fact.id), Shape::number, number_text(*number))};
    }
    const Date& date = std::get<Date>(value);
    const std::string written = date.to_string();
    if (fact.type == FactType::date && Date::parse(written) == date) {
        return {value, {}};
    }
    return {std::nullopt, rejection(fact, fact_subject(fact.id), Shape::date, written)};
}

std::string unknown_fact_message(const Catalog& catalog, std::string_view id) {
    std::vector<std::string_view> ids;
    ids.reserve(catalog.facts().size());
    for (const Fact& fact : catalog.facts()) {
        ids.push_back(fact.id);
    }
    return "unknown fact " + quoted_input(id) + did_you_mean(id, ids);
}

std::string assignment_form_message(std::string_view assignment) {
    return quoted_input(assignment) + " must have the form id=value";
}

std::string repeated_fact_message(std::string_view id, std::string_view first,
                                  std::string_view second) {
    return fact_subject(id) + " is given twice: --fact " + std::string(first) + ", then --fact " +
           std::string(second);
}

}  // namespace onething::detail

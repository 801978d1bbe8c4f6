// Typing and checking fact values: the one place that words every error about facts, whether
// they come from a facts file (YAML or JSON), `--fact id=value`, a program's Facts map or a
// rule file (a fact's default, a test's facts).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "onething/catalog.hpp"
#include "onething/value.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething::detail {

/// How a fact's value was written.
enum class Written {
    text,     ///< untyped text: a plain YAML or JSON scalar, or the value of `--fact id=value`
    quoted,   ///< a quoted (or block) string: a string, an enum value or a date, never a number
    null,     ///< nothing
    list,     ///< a sequence
    mapping,  ///< a mapping
};

/// How a YAML node (or a scalar kept as written) was written.
Written written_as(YamlKind kind, ScalarStyle style);

/// A value typed for a fact, or the message saying why there is none.
struct TypedValue {
    std::optional<Value> value;  ///< the value, when it is one
    std::string error;           ///< the message, when it is not
};

/// How messages name a fact: `fact 'id'`.
std::string fact_subject(std::string_view id);

/// Types `text`, written as `written`, as a value of `fact`; `subject` starts the message
/// (`fact 'id'` for the applicant's facts, `fact 'id' default` in a rule file, ...).
TypedValue type_fact_value(const Fact& fact, Written written, std::string_view text,
                           std::string_view subject);

/// Checks a value a program gave for `fact`, with the messages a facts file holding it gets:
/// the value must have the fact's type, but an int is also a number and a string is read as a
/// quoted string (so a YYYY-MM-DD string is a date).
TypedValue check_fact_value(const Fact& fact, const Value& value);

/// `unknown fact 'id'`, with the nearest declared fact as a suggestion.
std::string unknown_fact_message(const Catalog& catalog, std::string_view id);

/// A `--fact` assignment without '='.
std::string assignment_form_message(std::string_view assignment);

/// A fact given by two `--fact` assignments.
std::string repeated_fact_message(std::string_view id, std::string_view first,
                                  std::string_view second);

}  // namespace onething::detail

// Checking one answered value against its field: the same rules as the form's JSON Schema.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load/node_reader.hpp"
#include "load/pattern.hpp"
#include "onething/form.hpp"
#include "yaml/yaml_tree.hpp"

namespace onething::detail::form {

using detail::describe_node;

/// Patterns are checked on values of at most this many code points.
inline constexpr std::size_t max_pattern_input = 4096;

/// One thing wrong with one value: a diagnostic code and a message naming the field.
struct ValueProblem {
    std::string code;     ///< e.g. "invalid-type", "out-of-range"
    std::string message;  ///< e.g. "field 'owner.age' is 15, less than the minimum 18"
};

/// A catalog field as a form field: its definition's constraints, its pattern in `patterns`.
FormField definition_rule(const Field& field);

/// Checks answered values, compiling each pattern once (RE2 on UTF-8, linear in the value).
class ValueChecker {
  public:
    /// The value of `node` typed as `field` requires, or nullopt when its type is wrong; every
    /// failed constraint is appended to `problems` (all of them, not just the first).
    std::optional<Value> check(const YamlNode& node, const FormField& field,
                               std::vector<ValueProblem>& problems);

  private:
    /// The compiled pattern, or nullptr when RE2 rejects it.
    const RE2* compiled(const std::string& pattern);
    /// Checks lengths and patterns of a string value.
    void check_text(const std::string& text, const FormField& field,
                    std::vector<ValueProblem>& problems);
    /// Checks bounds of a numeric value.
    static void check_bounds(double value, const std::string& shown, const FormField& field,
                             std::vector<ValueProblem>& problems);

    std::map<std::string, std::unique_ptr<RE2>> patterns_;  ///< pattern → compiled, null if bad
};

}  // namespace onething::detail::form

// Type checking of a parsed condition against the fact declarations.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "condition/condition_ast.hpp"
#include "model/suggest.hpp"
#include "onething/condition.hpp"

namespace onething {
struct Fact;
}

namespace onething::detail {

/// The type of an operand; `enumeration` is tied to a fact, whose values it allows.
enum class TypeKind : std::uint8_t {
    boolean,
    integer,
    number,
    string,
    date,
    enumeration,
    list,
    invalid
};

/// The type of one syntax node; `fact` is set for fact nodes (their index in the facts).
struct Type {
    TypeKind kind = TypeKind::invalid;                               ///< invalid after an error
    std::uint32_t fact = std::numeric_limits<std::uint32_t>::max();  ///< fact nodes only
};

/// Types by syntax node, and every type or unknown-fact error, sorted by offset.
struct CheckResult {
    std::vector<Type> types;             ///< parallel to `SyntaxTree::nodes`
    std::vector<ConditionError> errors;  ///< empty when the condition is well typed
};

/// Checks `tree` (parsed from `source`) against `facts`, sorted by id; the root must be bool.
/// An unknown fact's did-you-mean is searched for when `suggestions` (a load's) allows it, or
/// always when it is null.
CheckResult check_condition(const SyntaxTree& tree, std::span<const Fact> facts,
                            std::string_view source, SuggestionBudget* suggestions = nullptr);

}  // namespace onething::detail

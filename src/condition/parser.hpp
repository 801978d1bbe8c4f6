// Recursive-descent parser from condition text to an untyped syntax tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "condition/condition_ast.hpp"
#include "onething/condition.hpp"

namespace onething::detail {

/// A syntax tree, or the first syntax or depth error met.
struct ParseResult {
    std::optional<SyntaxTree> tree;       ///< set on success
    std::optional<ConditionError> error;  ///< set on failure
};

/// Parses `source`; nesting deeper than `max_depth` levels is refused before recursing.
ParseResult parse_condition(std::string_view source, std::uint32_t max_depth);

}  // namespace onething::detail

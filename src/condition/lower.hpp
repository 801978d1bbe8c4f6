// Lowering a type-checked syntax tree to the flat program the evaluator runs.
#pragma once

#include <string_view>
#include <vector>

#include "condition/checker.hpp"
#include "condition/condition_ast.hpp"

namespace onething::detail {

/// The evaluation program of `tree` (parsed from `source`), typed by `types` without errors.
ConditionProgram lower_condition(const SyntaxTree& tree, const std::vector<Type>& types,
                                 std::string_view source);

}  // namespace onething::detail

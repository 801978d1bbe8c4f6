// Three-valued evaluation of a compiled condition program.
#pragma once

#include <optional>
#include <span>

#include "condition/condition_ast.hpp"

namespace onething::detail {

/// Evaluates `program` against fact values by index; missing or mistyped values are unknown.
Truth evaluate_program(const ConditionProgram& program,
                       std::span<const std::optional<Value>> facts);

}  // namespace onething::detail

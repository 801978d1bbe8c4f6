// Class Condition and compile_condition: limits, parsing, type checking, lowering.
#include "onething/condition.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "condition/checker.hpp"
#include "condition/compile_budgeted.hpp"
#include "condition/condition_ast.hpp"
#include "condition/evaluator.hpp"
#include "condition/lower.hpp"
#include "condition/parser.hpp"
#include "onething/catalog.hpp"
#include "onething/limits.hpp"

namespace onething {
namespace {

/// Deepest nesting ever accepted, whatever the limit says: keeps recursion within the stack.
constexpr std::uint32_t max_supported_depth = 1000;

}  // namespace

Condition::Condition() = default;

Condition::Condition(std::shared_ptr<const detail::ConditionProgram> program)
    : program_(std::move(program)) {}

const std::string& Condition::source() const {
    static const std::string empty;
    return program_ ? program_->source : empty;
}

bool Condition::always() const {
    return program_ == nullptr;
}

Truth Condition::evaluate(std::span<const std::optional<Value>> facts) const {
    return program_ ? detail::evaluate_program(*program_, facts) : Truth::yes;
}

const std::vector<std::size_t>& Condition::facts_read() const {
    static const std::vector<std::size_t> none;
    return program_ ? program_->facts_read : none;
}

namespace {

/// compile_condition, with the did-you-mean searches of `suggestions` (null: not capped).
CompiledCondition compile_with(std::string_view text, std::span<const Fact> facts,
                               const Limits& limits, detail::SuggestionBudget* suggestions) {
    CompiledCondition result;
    if (text.size() > limits.max_expression_length) {
        // Located at the character holding the first byte over the limit.
        std::size_t first_over = limits.max_expression_length;
        while (first_over > 0 && (static_cast<unsigned char>(text[first_over]) & 0xC0) == 0x80) {
            --first_over;
        }
        result.errors.push_back(ConditionError{first_over, "limit-expression-length",
                                               "expression is " + std::to_string(text.size()) +
                                                   " bytes long, more than the limit of " +
                                                   std::to_string(limits.max_expression_length) +
                                                   " (max_expression_length)"});
        return result;
    }
    const std::uint32_t depth = std::min(limits.max_expression_depth, max_supported_depth);
    detail::ParseResult parsed = detail::parse_condition(text, depth);
    if (parsed.error) {
        if (parsed.error->code == "limit-expression-depth" && depth < limits.max_expression_depth) {
            parsed.error->message = "expression nests deeper than " + std::to_string(depth) +
                                    " levels, the most the engine reads whatever "
                                    "max_expression_depth says (its parser recurses per level)";
        }
        result.errors.push_back(std::move(*parsed.error));
        return result;
    }
    detail::CheckResult checked = detail::check_condition(*parsed.tree, facts, text, suggestions);
    if (!checked.errors.empty()) {
        result.errors = std::move(checked.errors);
        return result;
    }
    result.condition = Condition(std::make_shared<const detail::ConditionProgram>(
        detail::lower_condition(*parsed.tree, checked.types, text)));
    return result;
}

}  // namespace

CompiledCondition compile_condition(std::string_view text, std::span<const Fact> facts,
                                    const Limits& limits) {
    return compile_with(text, facts, limits, nullptr);
}

CompiledCondition detail::compile_condition(std::string_view text, std::span<const Fact> facts,
                                            const Limits& limits, SuggestionBudget& suggestions) {
    return compile_with(text, facts, limits, &suggestions);
}

}  // namespace onething

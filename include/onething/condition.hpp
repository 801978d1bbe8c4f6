// The condition language of `when`: compiled once at load, evaluated in three-valued logic.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onething/value.hpp"

namespace onething {

struct Fact;
struct Limits;

namespace detail {
struct ConditionProgram;  // private compiled form, defined in src/condition/
}

/// Fact values by the fact's index in `Catalog::facts()`; nullopt means unknown (unanswered).
using FactValues = std::vector<std::optional<Value>>;

/// A compiled, type-checked condition. Immutable and safe to evaluate from many threads.
class Condition {
  public:
    /// The condition that always holds (an absent `when`).
    Condition();
    /// Wraps a compiled program; used by `compile_condition`.
    explicit Condition(std::shared_ptr<const detail::ConditionProgram> program);

    /// The expression as written in the rule file ("" for the always-true condition).
    const std::string& source() const;
    /// True when no `when` was given.
    bool always() const;
    /// Evaluates against fact values indexed like `Catalog::facts()`.
    Truth evaluate(std::span<const std::optional<Value>> facts) const;
    /// Indices of the facts the expression reads, sorted and unique.
    const std::vector<std::size_t>& facts_read() const;

  private:
    std::shared_ptr<const detail::ConditionProgram> program_;
};

/// A problem in a condition, at a byte offset inside the expression text.
struct ConditionError {
    std::size_t offset = 0;  ///< 0-based byte offset in the expression
    std::string
        code;  ///< "condition-syntax", "condition-type", "unknown-fact", "limit-expression-*"
    std::string message;  ///< human-readable text
};

/// The outcome of compiling: a condition, or the errors that prevented it.
struct CompiledCondition {
    std::optional<Condition> condition;  ///< set when there were no errors
    std::vector<ConditionError> errors;  ///< every error found
};

/// Parses and type-checks `text` against `facts` (sorted by id); the result must be a bool.
CompiledCondition compile_condition(std::string_view text, std::span<const Fact> facts,
                                    const Limits& limits);

}  // namespace onething

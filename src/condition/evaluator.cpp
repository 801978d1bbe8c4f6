// Kleene evaluation over a flat node array: no allocation, no virtual calls.
#include "condition/evaluator.hpp"

#include <cmath>
#include <compare>

namespace onething::detail {
namespace {

/// Fact values as passed to `evaluate`.
using Facts = std::span<const std::optional<Value>>;

/// Yes or no from a bool.
Truth truth_of(bool value) {
    return value ? Truth::yes : Truth::no;
}

/// Orders an integer and a decimal exactly, never through a double (which rounds integers past
/// 2^53: 9007199254740993 would equal 9007199254740992.0).
std::partial_ordering order_integer_decimal(std::int64_t integer, double decimal) {
    if (std::isnan(decimal)) {
        return std::partial_ordering::unordered;
    }
    constexpr double two_to_63 = 9223372036854775808.0;
    if (decimal >= two_to_63) {
        return std::partial_ordering::less;
    }
    if (decimal < -two_to_63) {
        return std::partial_ordering::greater;
    }
    const double whole = std::trunc(decimal);  // exact, and within int64's range
    const auto whole_integer = static_cast<std::int64_t>(whole);
    if (integer != whole_integer) {
        return integer <=> whole_integer;
    }
    return 0.0 <=> decimal - whole;  // the fraction decides: integer <=> decimal
}

/// Orders two numbers exactly (integers are never rounded through a double); nullopt when
/// either is not a number.
std::optional<std::partial_ordering> order_numbers(const Value& a, const Value& b) {
    const auto* ai = std::get_if<std::int64_t>(&a);
    const auto* bi = std::get_if<std::int64_t>(&b);
    if (ai && bi) {
        return *ai <=> *bi;
    }
    const auto* ad = std::get_if<double>(&a);
    const auto* bd = std::get_if<double>(&b);
    if ((!ai && !ad) || (!bi && !bd)) {
        return std::nullopt;
    }
    if (ai) {
        return order_integer_decimal(*ai, *bd);
    }
    if (bi) {
        return 0 <=> order_integer_decimal(*bi, *ad);  // reversed
    }
    return *ad <=> *bd;
}

/// Orders two values of one alternative `T`; nullopt when either holds another.
template <typename T>
std::optional<std::partial_ordering> order_same(const Value& a, const Value& b) {
    const T* x = std::get_if<T>(&a);
    const T* y = std::get_if<T>(&b);
    if (!x || !y) {
        return std::nullopt;
    }
    return *x <=> *y;
}

/// Orders two values read as `value_class`; nullopt for a value of the wrong type.
std::optional<std::partial_ordering> order(const Value& a, const Value& b, ValueClass value_class) {
    switch (value_class) {
        case ValueClass::numeric:
            return order_numbers(a, b);
        case ValueClass::string:
            return order_same<std::string>(a, b);
        default:
            return order_same<Date>(a, b);
    }
}

/// Applies a comparison operator to an ordering.
bool holds(CompareOp op, std::partial_ordering ordering) {
    switch (op) {
        case CompareOp::eq:
            return ordering == 0;
        case CompareOp::ne:
            return ordering != 0;
        case CompareOp::lt:
            return ordering < 0;
        case CompareOp::le:
            return ordering <= 0;
        case CompareOp::gt:
            return ordering > 0;
        default:
            return ordering >= 0;
    }
}

/// Walks the program for one set of fact values.
class Evaluator {
  public:
    /// Evaluates `program` over `facts`.
    Evaluator(const ConditionProgram& program, Facts facts) : program_(program), facts_(facts) {}

    /// The truth of node `id`.
    Truth eval(std::uint32_t id) const {
        const Node& node = program_.nodes[id];
        switch (node.kind) {
            case NodeKind::constant:
                return node.truth;
            case NodeKind::fact: {
                const Value* value = fact(node.first);
                const bool* flag = value ? std::get_if<bool>(value) : nullptr;
                return flag ? truth_of(*flag) : Truth::unknown;
            }
            case NodeKind::negate:
                return !eval(node.first);
            case NodeKind::all:
                return chain(node, Truth::no);
            case NodeKind::any:
                return chain(node, Truth::yes);
            case NodeKind::compare:
                return compare(node);
            case NodeKind::truth_compare:
                return truth_compare(node);
            case NodeKind::member:
                return member(node);
            default: {
                const Truth left = eval(node.first);
                if (left == Truth::unknown) {
                    return left;
                }
                return truth_of((node.mask & (left == Truth::yes ? 2 : 1)) != 0);
            }
        }
    }

  private:
    /// `&&` (decisive `no`) or `||` (decisive `yes`): the decisive value wins over unknown.
    Truth chain(const Node& node, Truth decisive) const {
        Truth result = decisive == Truth::no ? Truth::yes : Truth::no;
        for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
            const Truth value = eval(program_.children[i]);
            if (value == decisive) {
                return decisive;
            }
            if (value == Truth::unknown) {
                result = Truth::unknown;
            }
        }
        return result;
    }

    /// `left op right` over values; unknown when either is unknown or mistyped.
    Truth compare(const Node& node) const {
        const Value* left = operand(node.left);
        const Value* right = operand(node.right);
        if (!left || !right) {
            return Truth::unknown;
        }
        const auto ordering = order(*left, *right, node.value_class);
        return ordering ? truth_of(holds(node.op, *ordering)) : Truth::unknown;
    }

    /// `==` / `!=` between two bool expressions.
    Truth truth_compare(const Node& node) const {
        const Truth left = eval(node.first);
        if (left == Truth::unknown) {
            return left;
        }
        const Truth right = eval(node.second);
        if (right == Truth::unknown) {
            return right;
        }
        return truth_of((left == right) == (node.op == CompareOp::eq));
    }

    /// `left in [constants...]`.
    Truth member(const Node& node) const {
        const Value* left = operand(node.left);
        if (!left) {
            return Truth::unknown;
        }
        for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
            const auto ordering = order(*left, program_.constants[i], node.value_class);
            if (!ordering) {
                return Truth::unknown;
            }
            if (*ordering == 0) {
                return Truth::yes;
            }
        }
        return Truth::no;
    }

    /// The value of an operand, or nullptr when its fact is unknown.
    const Value* operand(const Operand& operand) const {
        return operand.is_fact ? fact(operand.index) : &program_.constants[operand.index];
    }

    /// The value of fact `index`, or nullptr when unknown or out of range.
    const Value* fact(std::uint32_t index) const {
        if (index >= facts_.size() || !facts_[index]) {
            return nullptr;
        }
        return &*facts_[index];
    }

    const ConditionProgram& program_;
    Facts facts_;
};

}  // namespace

Truth evaluate_program(const ConditionProgram& program,
                       std::span<const std::optional<Value>> facts) {
    return Evaluator(program, facts).eval(program.root);
}

}  // namespace onething::detail

// The type rules of conditions: bool logic, comparable operands, enum values, `in` lists.
#include "condition/checker.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "model/suggest.hpp"
#include "onething/catalog.hpp"

namespace onething::detail {
namespace {

/// For a name that is a number written with an exponent (`1e3`, `1.5e3`, `1e-3`: an id may
/// start with a digit, so it reads as a fact), what to write instead; "" for any other name.
std::string exponent_hint(std::string_view name) {
    const std::size_t e = name.find('e');
    if (e == std::string_view::npos || e == 0) {
        return "";
    }
    const auto all_digits = [](std::string_view text) {
        return !text.empty() &&
               std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    const std::string_view mantissa = name.substr(0, e);
    std::string_view exponent = name.substr(e + 1);
    const std::size_t point = mantissa.find('.');
    const bool mantissa_ok =
        point == std::string_view::npos
            ? all_digits(mantissa)
            : all_digits(mantissa.substr(0, point)) && all_digits(mantissa.substr(point + 1));
    if (!exponent.empty() && exponent.front() == '-') {
        exponent.remove_prefix(1);
    }
    if (!mantissa_ok || !all_digits(exponent)) {
        return "";
    }
    std::string hint = "; numbers in conditions are written without an exponent";
    double value = 0;
    const auto read = std::from_chars(name.data(), name.data() + name.size(), value);
    if (read.ec == std::errc() && read.ptr == name.data() + name.size() && std::isfinite(value) &&
        value != 0 && value < 1e15 && value >= 1e-15) {
        char plain[64];
        const auto written =
            std::to_chars(plain, plain + sizeof plain, value, std::chars_format::fixed);
        if (written.ec == std::errc()) {
            hint += ": write " + std::string(plain, written.ptr) + " for " + std::string(name);
        }
    }
    return hint;
}

/// Most enum values listed in one message.
constexpr std::size_t max_listed_values = 20;

/// Longest operand source quoted in a message.
constexpr std::size_t max_quoted_length = 40;

/// The operator as written.
const char* op_text(CompareOp op) {
    static constexpr const char* texts[] = {"==", "!=", "<", "<=", ">", ">="};
    return texts[static_cast<int>(op)];
}

/// The type of a literal value.
TypeKind literal_type(const Value& value) {
    static constexpr TypeKind kinds[] = {TypeKind::boolean, TypeKind::integer, TypeKind::number,
                                         TypeKind::string, TypeKind::date};
    return kinds[value.index()];
}

/// The type a fact declares.
TypeKind fact_type(FactType type) {
    switch (type) {
        case FactType::boolean:
            return TypeKind::boolean;
        case FactType::integer:
            return TypeKind::integer;
        case FactType::number:
            return TypeKind::number;
        case FactType::string:
            return TypeKind::string;
        case FactType::date:
            return TypeKind::date;
        default:
            return TypeKind::enumeration;
    }
}

/// "an int", "a string"... as used after "is".
const char* type_phrase(TypeKind kind) {
    static constexpr const char* phrases[] = {"true/false", "an int",  "a number", "a string",
                                              "a date",     "an enum", "a list",   "invalid"};
    return phrases[static_cast<int>(kind)];
}

/// True for int and number, which mix freely.
bool is_numeric(TypeKind kind) {
    return kind == TypeKind::integer || kind == TypeKind::number;
}

/// Checks one tree, collecting errors.
class Checker {
  public:
    /// Prepares to check `tree`, parsed from `source`, against `facts`.
    Checker(const SyntaxTree& tree, std::span<const Fact> facts, std::string_view source,
            SuggestionBudget* suggestions)
        : tree_(tree),
          facts_(facts),
          source_(source),
          suggestions_(suggestions),
          types_(tree.nodes.size()) {}

    /// Checks the whole tree; the root must be bool.
    CheckResult run() {
        const Type root = check(tree_.root);
        if (root.kind != TypeKind::boolean && root.kind != TypeKind::invalid) {
            expected_bool(tree_.root, "condition must be true/false");
        }
        std::stable_sort(errors_.begin(), errors_.end(),
                         [](const auto& a, const auto& b) { return a.offset < b.offset; });
        return CheckResult{std::move(types_), std::move(errors_)};
    }

  private:
    /// The node's type, computed for the node and everything below it.
    Type check(std::uint32_t id) {
        const SyntaxNode& node = tree_.nodes[id];
        Type type{TypeKind::boolean};
        switch (node.kind) {
            case SyntaxKind::literal:
                type.kind = literal_type(node.value);
                break;
            case SyntaxKind::fact:
                type = lookup(node);
                break;
            case SyntaxKind::list:
                for (std::uint32_t element : node.children) {
                    check(element);
                }
                type.kind = TypeKind::list;
                break;
            case SyntaxKind::negate:
                logic_operands(node, "'!' needs true/false");
                break;
            case SyntaxKind::all:
                logic_operands(node, "'&&' needs true/false on both sides");
                break;
            case SyntaxKind::any:
                logic_operands(node, "'||' needs true/false on both sides");
                break;
            case SyntaxKind::compare:
                check_compare(node);
                break;
            case SyntaxKind::member:
                check_member(node);
                break;
        }
        types_[id] = type;
        return type;
    }

    /// The fact a fact node names, or an unknown-fact error.
    [[gnu::noinline]] Type lookup(const SyntaxNode& node) {
        const auto found =
            std::lower_bound(facts_.begin(), facts_.end(), node.text,
                             [](const Fact& fact, std::string_view id) { return fact.id < id; });
        if (found != facts_.end() && found->id == node.text) {
            return Type{fact_type(found->type), static_cast<std::uint32_t>(found - facts_.begin())};
        }
        std::string message = "unknown fact '" + std::string(node.text) + "'";
        std::string suggestion;
        if (suggestions_ == nullptr || suggestions_->spend(facts_.size())) {
            std::vector<std::string_view> ids;
            ids.reserve(facts_.size());
            for (const Fact& fact : facts_) {
                ids.push_back(fact.id);
            }
            suggestion = did_you_mean(node.text, ids);
        }
        if (suggestion.empty() && Date::parse(node.text)) {
            suggestion = "; write a date as date('" + std::string(node.text) + "')";
        }
        if (suggestion.empty()) {
            suggestion = exponent_hint(node.text);
        }
        error(node.offset, "unknown-fact", message + suggestion);
        return Type{};
    }

    /// Checks that every child of a `!`, `&&` or `||` is bool.
    void logic_operands(const SyntaxNode& node, const char* rule) {
        for (std::uint32_t child : node.children) {
            const TypeKind kind = check(child).kind;
            if (kind != TypeKind::boolean && kind != TypeKind::invalid) {
                expected_bool(child, rule);
            }
        }
    }

    /// Reports that node `id` should have been bool.
    [[gnu::noinline]] void expected_bool(std::uint32_t id, const char* rule) {
        type_error(tree_.nodes[id].begin, std::string(rule) + ", but " + describe(id) + " is " +
                                              type_phrase(types_[id].kind));
    }

    /// `==`, `!=`, `<`, `<=`, `>`, `>=`.
    void check_compare(const SyntaxNode& node) {
        const std::uint32_t left = node.children[0];
        const std::uint32_t right = node.children[1];
        const TypeKind l = check(left).kind;
        const TypeKind r = check(right).kind;
        if (l == TypeKind::invalid || r == TypeKind::invalid) {
            return;
        }
        const bool left_list = refuse_list(left);
        if (refuse_list(right) || left_list) {
            return;
        }
        if (node.op == CompareOp::eq || node.op == CompareOp::ne) {
            if (!equality_allowed(left, right)) {
                mismatch(node.op, left, right);
            }
            return;
        }
        for (std::uint32_t side : {left, right}) {
            const TypeKind kind = types_[side].kind;
            if (!is_numeric(kind) && kind != TypeKind::date) {
                not_orderable(node.op, side);
                return;
            }
        }
        if (is_numeric(l) != is_numeric(r)) {
            mismatch(node.op, left, right);
        }
    }

    /// True when `==` may compare the two nodes; reports an enum literal not among the values.
    bool equality_allowed(std::uint32_t left, std::uint32_t right) {
        const Type l = types_[left];
        const Type r = types_[right];
        if (is_numeric(l.kind) && is_numeric(r.kind)) {
            return true;
        }
        if (l.kind == TypeKind::enumeration && r.kind == TypeKind::enumeration) {
            return same_values(l.fact, r.fact);
        }
        if (l.kind == TypeKind::enumeration && is_string_literal(right)) {
            check_enum_value(l.fact, right);
            return true;
        }
        if (r.kind == TypeKind::enumeration && is_string_literal(left)) {
            check_enum_value(r.fact, left);
            return true;
        }
        return l.kind == r.kind && l.kind != TypeKind::enumeration;
    }

    /// `x in [...]`: a list on the right whose elements match the left.
    void check_member(const SyntaxNode& node) {
        const std::uint32_t left = node.children[0];
        const std::uint32_t right = node.children[1];
        const Type l = check(left);
        const TypeKind r = check(right).kind;
        if (r != TypeKind::list) {
            if (r != TypeKind::invalid) {
                not_a_list(right);
            }
            refuse_list(left);
            return;
        }
        if (l.kind == TypeKind::invalid || refuse_list(left)) {
            return;
        }
        for (std::uint32_t element : tree_.nodes[right].children) {
            const TypeKind kind = types_[element].kind;
            if (l.kind == TypeKind::enumeration && kind == TypeKind::string) {
                check_enum_value(l.fact, element);
            } else if (kind != l.kind && !(is_numeric(kind) && is_numeric(l.kind))) {
                wrong_element(left, element);
            }
        }
    }

    /// Reports an operand of `<`-like `op` that is neither a number nor a date.
    [[gnu::noinline]] void not_orderable(CompareOp op, std::uint32_t side) {
        type_error(tree_.nodes[side].begin, std::string("'") + op_text(op) +
                                                "' needs numbers or dates, but " + describe(side) +
                                                " is " + type_phrase(types_[side].kind));
    }

    /// Reports a right side of `in` that is not a list.
    [[gnu::noinline]] void not_a_list(std::uint32_t right) {
        type_error(tree_.nodes[right].begin,
                   "'in' needs a list like ['a', 'b'] on its right, but " + describe(right) +
                       " is " + type_phrase(types_[right].kind));
    }

    /// Reports a list element whose type does not match the left side of `in`.
    [[gnu::noinline]] void wrong_element(std::uint32_t left, std::uint32_t element) {
        type_error(tree_.nodes[element].begin,
                   describe(element) + " in the list is " + type_phrase(types_[element].kind) +
                       ", but " + describe(left) + " is " + type_phrase(types_[left].kind));
    }

    /// Reports a list used anywhere but right of `in`; true when `id` is one.
    [[gnu::noinline]] bool refuse_list(std::uint32_t id) {
        if (types_[id].kind != TypeKind::list) {
            return false;
        }
        type_error(tree_.nodes[id].begin, "a list can only be the right side of 'in'");
        return true;
    }

    /// Reports two operands `op` cannot compare, at the literal one or else the right one.
    [[gnu::noinline]] void mismatch(CompareOp op, std::uint32_t left, std::uint32_t right) {
        const bool blame_left = tree_.nodes[left].kind == SyntaxKind::literal &&
                                tree_.nodes[right].kind != SyntaxKind::literal;
        std::string message = std::string("'") + op_text(op) + "' cannot compare " +
                              describe(left) + " (" + type_phrase(types_[left].kind) + ") with " +
                              describe(right) + " (" + type_phrase(types_[right].kind) + ")";
        if (types_[left].kind == TypeKind::enumeration ||
            types_[right].kind == TypeKind::enumeration) {
            message += "; an enum compares with its values or with an enum fact of the same values";
        }
        type_error(tree_.nodes[blame_left ? left : right].begin, std::move(message));
    }

    /// Reports the string literal `id` when it is not among the values of enum fact `fact`.
    [[gnu::noinline]] void check_enum_value(std::uint32_t fact, std::uint32_t id) {
        const std::vector<std::string>& values = facts_[fact].values;
        const std::string& wanted = std::get<std::string>(tree_.nodes[id].value);
        if (std::find(values.begin(), values.end(), wanted) != values.end()) {
            return;
        }
        std::string listed;
        for (std::size_t i = 0; i < values.size() && i < max_listed_values; ++i) {
            listed += (i == 0 ? "" : ", ") + to_literal(values[i]);
        }
        if (values.size() > max_listed_values) {
            listed += " and " + std::to_string(values.size() - max_listed_values) + " more";
        }
        const std::vector<std::string_view> candidates(values.begin(), values.end());
        type_error(tree_.nodes[id].begin, to_literal(wanted) + " is not a value of '" +
                                              facts_[fact].id + "'; its values are " + listed +
                                              did_you_mean(wanted, candidates));
    }

    /// True when the two enum facts allow the same set of values.
    bool same_values(std::uint32_t a, std::uint32_t b) const {
        std::vector<std::string> left = facts_[a].values;
        std::vector<std::string> right = facts_[b].values;
        std::sort(left.begin(), left.end());
        std::sort(right.begin(), right.end());
        return left == right;
    }

    /// True for a string literal node.
    bool is_string_literal(std::uint32_t id) const {
        return tree_.nodes[id].kind == SyntaxKind::literal && types_[id].kind == TypeKind::string;
    }

    /// The node as a message shows it: a quoted id or literal, or its quoted source.
    std::string describe(std::uint32_t id) const {
        const SyntaxNode& node = tree_.nodes[id];
        if (node.kind == SyntaxKind::literal &&
            (types_[id].kind == TypeKind::string || types_[id].kind == TypeKind::date)) {
            return to_literal(node.value);
        }
        if (node.kind == SyntaxKind::literal || node.kind == SyntaxKind::fact) {
            return "'" + std::string(node.text) + "'";
        }
        const std::string_view span = source_.substr(node.begin, node.end - node.begin);
        if (span.size() > max_quoted_length) {
            return "'" + std::string(span.substr(0, max_quoted_length - 3)) + "...'";
        }
        return "'" + std::string(span) + "'";
    }

    /// Records a condition-type error.
    void type_error(std::size_t offset, std::string message) {
        error(offset, "condition-type", std::move(message));
    }

    /// Records an error.
    void error(std::size_t offset, const char* code, std::string message) {
        errors_.push_back(ConditionError{offset, code, std::move(message)});
    }

    const SyntaxTree& tree_;
    std::span<const Fact> facts_;
    std::string_view source_;
    SuggestionBudget* suggestions_;  ///< the load's did-you-mean searches left, or null: no cap
    std::vector<Type> types_;
    std::vector<ConditionError> errors_;
};

}  // namespace

CheckResult check_condition(const SyntaxTree& tree, std::span<const Fact> facts,
                            std::string_view source, SuggestionBudget* suggestions) {
    return Checker(tree, facts, source, suggestions).run();
}

}  // namespace onething::detail

// Private forms of a condition: the syntax tree the parser builds and the flat program evaluated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "onething/value.hpp"

namespace onething::detail {

/// A comparison operator (`in` is a separate node kind).
enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };

/// What a syntax node is.
enum class SyntaxKind : std::uint8_t { literal, fact, list, negate, all, any, compare, member };

/// One node of the parsed, untyped expression; children are indices into `SyntaxTree::nodes`.
struct SyntaxNode {
    SyntaxKind kind = SyntaxKind::literal;
    CompareOp op = CompareOp::eq;         ///< compare only
    std::size_t offset = 0;               ///< the node's token: operator, '!', '[', id or literal
    std::size_t begin = 0;                ///< start of the source span, parentheses included
    std::size_t end = 0;                  ///< end of the source span (exclusive)
    std::uint32_t height = 0;             ///< nesting depth below and including this node
    std::string_view text;                ///< the token as written (fact id or literal)
    Value value;                          ///< literal only
    std::vector<std::uint32_t> children;  ///< operands, list elements
};

/// A parsed expression: nodes in creation order, the root last-built.
struct SyntaxTree {
    std::vector<SyntaxNode> nodes;  ///< every node
    std::uint32_t root = 0;         ///< the whole expression
};

/// What a program node computes.
enum class NodeKind : std::uint8_t {
    constant,       ///< `truth`
    fact,           ///< a bool fact, index in `first`
    negate,         ///< Kleene not of node `first`
    all,            ///< Kleene and of `count` nodes in `children` from `first`
    any,            ///< Kleene or, like `all`
    compare,        ///< `left op right` over values of `value_class`
    truth_compare,  ///< `==`/`!=` between bool nodes `first` and `second`
    member,         ///< `left in constants[first .. first+count)`
    truth_member    ///< bool node `first` in a list of bools given by `mask`
};

/// How a value comparison reads its operands.
enum class ValueClass : std::uint8_t { numeric, string, date };

/// A value operand: a fact by index or a constant by index.
struct Operand {
    bool is_fact = false;     ///< fact value, else constant
    std::uint32_t index = 0;  ///< into the fact values or `ConditionProgram::constants`
};

/// One node of the flat evaluation program.
struct Node {
    NodeKind kind = NodeKind::constant;
    CompareOp op = CompareOp::eq;                  ///< compare, truth_compare
    ValueClass value_class = ValueClass::numeric;  ///< compare, member
    Truth truth = Truth::yes;                      ///< constant
    std::uint8_t mask = 0;                         ///< truth_member: 1 = false listed, 2 = true
    std::uint32_t first = 0;                       ///< child node, fact index or range start
    std::uint32_t second = 0;                      ///< truth_compare: right child node
    std::uint32_t count = 0;                       ///< range length
    Operand left;                                  ///< compare, member
    Operand right;                                 ///< compare
};

/// A compiled condition: immutable after compilation, evaluated without allocating.
struct ConditionProgram {
    std::string source;                   ///< the expression as written
    std::vector<Node> nodes;              ///< evaluation nodes
    std::vector<std::uint32_t> children;  ///< operand lists of `all` / `any` nodes
    std::vector<Value> constants;         ///< literal operands and list elements
    std::vector<std::size_t> facts_read;  ///< sorted unique fact indices
    std::uint32_t root = 0;               ///< the node giving the result
};

}  // namespace onething::detail

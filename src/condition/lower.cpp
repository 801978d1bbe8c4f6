// Turns typed syntax nodes into flat evaluation nodes, constants and the facts read.
#include "condition/lower.hpp"

#include <algorithm>

namespace onething::detail {
namespace {

/// How values of a (non-bool, non-list) type are compared.
ValueClass value_class(TypeKind kind) {
    if (kind == TypeKind::integer || kind == TypeKind::number) {
        return ValueClass::numeric;
    }
    return kind == TypeKind::date ? ValueClass::date : ValueClass::string;
}

/// Emits the program of one tree.
class Lowerer {
  public:
    /// Prepares to lower `tree` typed by `types`.
    Lowerer(const SyntaxTree& tree, const std::vector<Type>& types, std::string_view source)
        : tree_(tree), types_(types) {
        program_.source = std::string(source);
    }

    /// The finished program.
    ConditionProgram run() {
        program_.root = emit(tree_.root);
        std::vector<std::size_t>& read = program_.facts_read;
        std::sort(read.begin(), read.end());
        read.erase(std::unique(read.begin(), read.end()), read.end());
        return std::move(program_);
    }

  private:
    /// Emits the bool-valued syntax node `id`; returns its program node index.
    std::uint32_t emit(std::uint32_t id) {
        const SyntaxNode& syntax = tree_.nodes[id];
        Node node;
        switch (syntax.kind) {
            case SyntaxKind::literal:
                node.kind = NodeKind::constant;
                node.truth = std::get<bool>(syntax.value) ? Truth::yes : Truth::no;
                break;
            case SyntaxKind::fact:
                node.kind = NodeKind::fact;
                node.first = read_fact(id);
                break;
            case SyntaxKind::negate:
                node.kind = NodeKind::negate;
                node.first = emit(syntax.children[0]);
                break;
            case SyntaxKind::all:
            case SyntaxKind::any:
                node = emit_chain(syntax);
                break;
            case SyntaxKind::compare:
                node = emit_compare(syntax);
                break;
            default:
                node = emit_member(syntax);
                break;
        }
        program_.nodes.push_back(node);
        return static_cast<std::uint32_t>(program_.nodes.size() - 1);
    }

    /// An n-ary `&&` / `||` node with its operands stored contiguously.
    Node emit_chain(const SyntaxNode& syntax) {
        std::vector<std::uint32_t> operands;
        for (std::uint32_t child : syntax.children) {
            operands.push_back(emit(child));
        }
        Node node;
        node.kind = syntax.kind == SyntaxKind::all ? NodeKind::all : NodeKind::any;
        node.first = static_cast<std::uint32_t>(program_.children.size());
        node.count = static_cast<std::uint32_t>(operands.size());
        program_.children.insert(program_.children.end(), operands.begin(), operands.end());
        return node;
    }

    /// A comparison of two bool nodes or of two values.
    Node emit_compare(const SyntaxNode& syntax) {
        const std::uint32_t left = syntax.children[0];
        const std::uint32_t right = syntax.children[1];
        Node node;
        node.op = syntax.op;
        if (types_[left].kind == TypeKind::boolean) {
            node.kind = NodeKind::truth_compare;
            node.first = emit(left);
            node.second = emit(right);
            return node;
        }
        node.kind = NodeKind::compare;
        node.value_class = value_class(types_[left].kind);
        node.left = operand(left);
        node.right = operand(right);
        return node;
    }

    /// `in` over a list of constants (or of bools, as a mask).
    Node emit_member(const SyntaxNode& syntax) {
        const std::uint32_t left = syntax.children[0];
        const std::vector<std::uint32_t>& elements = tree_.nodes[syntax.children[1]].children;
        Node node;
        if (types_[left].kind == TypeKind::boolean) {
            node.kind = NodeKind::truth_member;
            node.first = emit(left);
            for (std::uint32_t element : elements) {
                node.mask = static_cast<std::uint8_t>(
                    node.mask | (std::get<bool>(tree_.nodes[element].value) ? 2 : 1));
            }
            return node;
        }
        node.kind = NodeKind::member;
        node.value_class = value_class(types_[left].kind);
        node.left = operand(left);
        node.first = static_cast<std::uint32_t>(program_.constants.size());
        node.count = static_cast<std::uint32_t>(elements.size());
        for (std::uint32_t element : elements) {
            program_.constants.push_back(tree_.nodes[element].value);
        }
        return node;
    }

    /// A fact or constant operand for the value node `id`.
    Operand operand(std::uint32_t id) {
        if (tree_.nodes[id].kind == SyntaxKind::fact) {
            return Operand{true, read_fact(id)};
        }
        program_.constants.push_back(tree_.nodes[id].value);
        return Operand{false, static_cast<std::uint32_t>(program_.constants.size() - 1)};
    }

    /// The fact index of fact node `id`, noted as read.
    std::uint32_t read_fact(std::uint32_t id) {
        program_.facts_read.push_back(types_[id].fact);
        return types_[id].fact;
    }

    const SyntaxTree& tree_;
    const std::vector<Type>& types_;
    ConditionProgram program_;
};

}  // namespace

ConditionProgram lower_condition(const SyntaxTree& tree, const std::vector<Type>& types,
                                 std::string_view source) {
    return Lowerer(tree, types, source).run();
}

}  // namespace onething::detail

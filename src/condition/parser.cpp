// The condition grammar: `||` < `&&` < prefix `!` < non-associative comparison < primary.
#include "condition/parser.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "condition/lexer.hpp"

namespace onething::detail {
namespace {

/// Thrown to unwind the parser at its first error.
struct ParseFailure {
    ConditionError error;
};

/// A token quoted for a message; string literals already carry their quotes.
std::string quote_token(const Token& token) {
    if (token.kind == TokenKind::string) {
        return std::string(token.text);
    }
    return "'" + std::string(token.text) + "'";
}

/// The comparison operator of a token kind; false when it is not one.
bool compare_op(TokenKind kind, CompareOp& op) {
    switch (kind) {
        case TokenKind::eq:
            op = CompareOp::eq;
            return true;
        case TokenKind::ne:
            op = CompareOp::ne;
            return true;
        case TokenKind::lt:
            op = CompareOp::lt;
            return true;
        case TokenKind::le:
            op = CompareOp::le;
            return true;
        case TokenKind::gt:
            op = CompareOp::gt;
            return true;
        case TokenKind::ge:
            op = CompareOp::ge;
            return true;
        default:
            return false;
    }
}

/// True for a token that makes a comparison (`in` included).
bool is_comparison(TokenKind kind) {
    CompareOp ignored{};
    return kind == TokenKind::in_kw || compare_op(kind, ignored);
}

/// True for a token that starts a literal.
bool is_literal_start(TokenKind kind) {
    return kind == TokenKind::true_kw || kind == TokenKind::false_kw ||
           kind == TokenKind::integer || kind == TokenKind::decimal || kind == TokenKind::string ||
           kind == TokenKind::date_kw;
}

/// Builds the syntax tree of one expression.
class Parser {
  public:
    /// Parses `source` with at most `max_depth` nesting levels.
    Parser(std::string_view source, std::uint32_t max_depth)
        : source_(source), lexer_(source), max_depth_(max_depth) {}

    /// The whole expression; throws ParseFailure.
    SyntaxTree run() {
        advance();
        if (current_.kind == TokenKind::end) {
            fail(0, "the condition is empty");
        }
        const std::uint32_t root = parse_chain(true, {});
        if (current_.kind == TokenKind::rparen) {
            fail(current_.offset, "unmatched ')'");
        }
        if (current_.kind != TokenKind::end) {
            fail(current_.offset, "unexpected " + quote_token(current_) +
                                      "; expected an operator or the end of the condition");
        }
        return SyntaxTree{std::move(nodes_), root};
    }

  private:
    // The functions on the recursive path (parse_chain, parse_unary, parse_comparison,
    // parse_primary, parse_group) keep tiny frames; node building and messages live in
    // out-of-line helpers so deep nesting costs little stack.

    /// Moves to the next token; a lexing error is the parse error.
    [[gnu::noinline]] void advance() {
        previous_ = current_.text;
        current_ = lexer_.next();
        if (current_.kind == TokenKind::error) {
            fail(current_.offset, current_.value);
        }
    }

    /// Stops parsing with a syntax error.
    [[noreturn, gnu::noinline]] void fail(std::size_t offset, std::string message) {
        throw ParseFailure{ConditionError{offset, "condition-syntax", std::move(message)}};
    }

    /// Stops parsing with a nesting-depth error.
    [[noreturn, gnu::noinline]] void too_deep(std::size_t offset) {
        throw ParseFailure{ConditionError{offset, "limit-expression-depth",
                                          "expression nests deeper than the limit of " +
                                              std::to_string(max_depth_) +
                                              " levels (max_expression_depth)"}};
    }

    /// Appends a node, refusing it when it nests too deep; returns its index.
    std::uint32_t add(SyntaxNode node) {
        if (node.height > max_depth_) {
            too_deep(node.offset);
        }
        nodes_.push_back(std::move(node));
        return static_cast<std::uint32_t>(nodes_.size() - 1);
    }

    /// Counts one more open '(' or '!', refusing it before any recursion when too deep.
    void enter(std::size_t offset) {
        if (nesting_ + 1 > max_depth_) {
            too_deep(offset);
        }
        ++nesting_;
    }

    /// A flat `||` chain (`is_or`) or `&&` chain; `after` names the token before it.
    std::uint32_t parse_chain(bool is_or, std::string_view after) {
        const TokenKind op = is_or ? TokenKind::or_op : TokenKind::and_op;
        const std::uint32_t first = is_or ? parse_chain(false, after) : parse_unary(after);
        if (current_.kind != op) {
            return first;
        }
        const std::size_t offset = current_.offset;
        const std::size_t mark = operands_.size();
        operands_.push_back(first);
        while (current_.kind == op) {
            advance();
            operands_.push_back(is_or ? parse_chain(false, "||") : parse_unary("&&"));
        }
        return finish_chain(is_or, offset, mark);
    }

    /// The `&&` / `||` node over the operands stacked from `mark`, which it pops.
    [[gnu::noinline]] std::uint32_t finish_chain(bool is_or, std::size_t offset, std::size_t mark) {
        SyntaxNode node;
        node.kind = is_or ? SyntaxKind::any : SyntaxKind::all;
        node.offset = offset;
        node.children.assign(operands_.begin() + static_cast<std::ptrdiff_t>(mark),
                             operands_.end());
        operands_.resize(mark);
        for (std::uint32_t child : node.children) {
            node.height = std::max(node.height, nodes_[child].height + 1);
        }
        node.begin = nodes_[node.children.front()].begin;
        node.end = nodes_[node.children.back()].end;
        return add(std::move(node));
    }

    /// Prefix `!`s, handled in a loop so only parentheses recurse.
    std::uint32_t parse_unary(std::string_view after) {
        const std::size_t mark = bangs_.size();
        while (current_.kind == TokenKind::bang) {
            enter(current_.offset);
            bangs_.push_back(current_.offset);
            advance();
            after = "!";
        }
        const std::uint32_t operand = parse_comparison(after);
        return mark == bangs_.size() ? operand : finish_negations(mark, operand);
    }

    /// Wraps `operand` in the `!`s stacked from `mark`, innermost first, and pops them.
    [[gnu::noinline]] std::uint32_t finish_negations(std::size_t mark, std::uint32_t operand) {
        nesting_ -= static_cast<std::uint32_t>(bangs_.size() - mark);
        while (bangs_.size() > mark) {
            SyntaxNode node;
            node.kind = SyntaxKind::negate;
            node.offset = node.begin = bangs_.back();
            node.end = nodes_[operand].end;
            node.height = nodes_[operand].height + 1;
            node.children.push_back(operand);
            bangs_.pop_back();
            operand = add(std::move(node));
        }
        return operand;
    }

    /// An operand, optionally compared with a second one; chained comparisons are refused.
    std::uint32_t parse_comparison(std::string_view after) {
        const std::uint32_t left = parse_primary(after);
        if (!is_comparison(current_.kind)) {
            return left;
        }
        const TokenKind op = current_.kind;
        const std::size_t offset = current_.offset;
        const std::string_view op_text = current_.text;
        advance();
        const std::uint32_t right = parse_primary(op_text);
        return finish_comparison(op, offset, left, right);
    }

    /// The comparison node of `left op right`; refuses a comparison chained after it.
    [[gnu::noinline]] std::uint32_t finish_comparison(TokenKind op, std::size_t offset,
                                                      std::uint32_t left, std::uint32_t right) {
        if (is_comparison(current_.kind)) {
            fail(current_.offset, quote_token(current_) +
                                      " cannot follow another comparison; join comparisons "
                                      "with '&&'");
        }
        SyntaxNode node;
        node.kind = op == TokenKind::in_kw ? SyntaxKind::member : SyntaxKind::compare;
        compare_op(op, node.op);
        node.offset = offset;
        node.begin = nodes_[left].begin;
        node.end = nodes_[right].end;
        node.height = std::max(nodes_[left].height, nodes_[right].height) + 1;
        node.children = {left, right};
        return add(std::move(node));
    }

    /// A literal, fact id, list or parenthesised expression.
    std::uint32_t parse_primary(std::string_view after) {
        switch (current_.kind) {
            case TokenKind::lparen:
                return parse_group();
            case TokenKind::lbracket:
                return parse_list();
            case TokenKind::identifier:
                return parse_fact();
            default:
                break;
        }
        if (is_literal_start(current_.kind)) {
            return add_literal();
        }
        missing_operand(after);
    }

    /// Stops at a token that cannot start an operand.
    [[noreturn, gnu::noinline]] void missing_operand(std::string_view after) {
        std::string message = after.empty()
                                  ? std::string("expected an operand")
                                  : "expected an operand after '" + std::string(after) + "'";
        if (current_.kind == TokenKind::bang && !after.empty() && after != "&&" && after != "||") {
            message += "; put a negation in parentheses, like (!x)";
        }
        fail(current_.offset, std::move(message));
    }

    /// A fact id, consumed.
    [[gnu::noinline]] std::uint32_t parse_fact() {
        SyntaxNode node;
        node.kind = SyntaxKind::fact;
        node.offset = node.begin = current_.offset;
        node.end = current_.offset + current_.text.size();
        node.text = current_.text;
        advance();
        return add(std::move(node));
    }

    /// A literal operand, consumed.
    [[gnu::noinline]] std::uint32_t add_literal() { return add(parse_literal()); }

    /// `( expression )`: the inner node, its span widened and one level deeper.
    std::uint32_t parse_group() {
        const std::size_t open = current_.offset;
        enter(open);
        advance();
        return close_group(open, parse_chain(true, "("));
    }

    /// Consumes the ')' of the group opened at `open` around node `inner`.
    [[gnu::noinline]] std::uint32_t close_group(std::size_t open, std::uint32_t inner) {
        if (current_.kind != TokenKind::rparen) {
            fail(current_.offset,
                 "expected ')' to close the '(' at offset " + std::to_string(open));
        }
        --nesting_;
        SyntaxNode& node = nodes_[inner];
        node.begin = open;
        node.end = current_.offset + 1;
        if (++node.height > max_depth_) {
            too_deep(open);
        }
        advance();
        return inner;
    }

    /// `[ literal, ... ]` with at least one element.
    [[gnu::noinline]] std::uint32_t parse_list() {
        SyntaxNode node;
        node.kind = SyntaxKind::list;
        node.offset = node.begin = current_.offset;
        node.height = 1;
        advance();
        if (current_.kind == TokenKind::rbracket) {
            fail(node.offset, "a list needs at least one element");
        }
        while (true) {
            if (!is_literal_start(current_.kind)) {
                const std::string after =
                    "expected a literal after '" + std::string(previous_) + "'";
                fail(current_.offset, current_.kind == TokenKind::identifier
                                          ? after + "; a list holds only literals, not facts"
                                          : after);
            }
            SyntaxNode element = parse_literal();
            element.height = 0;
            nodes_.push_back(std::move(element));
            node.children.push_back(static_cast<std::uint32_t>(nodes_.size() - 1));
            if (current_.kind == TokenKind::rbracket) {
                break;
            }
            if (current_.kind != TokenKind::comma) {
                fail(current_.offset, "expected ',' or ']' in the list");
            }
            advance();
        }
        node.end = current_.offset + 1;
        advance();
        return add(std::move(node));
    }

    /// The literal at the current token (`date(...)` included), consumed.
    SyntaxNode parse_literal() {
        SyntaxNode node;
        node.kind = SyntaxKind::literal;
        node.offset = node.begin = current_.offset;
        node.end = current_.offset + current_.text.size();
        node.text = current_.text;
        const std::string_view text = current_.text;
        switch (current_.kind) {
            case TokenKind::true_kw:
            case TokenKind::false_kw:
                node.value = current_.kind == TokenKind::true_kw;
                break;
            case TokenKind::integer: {
                std::int64_t integer = 0;
                const auto result =
                    std::from_chars(text.data(), text.data() + text.size(), integer);
                if (result.ec != std::errc()) {
                    fail(node.offset, "integer '" + std::string(text) + "' is too large");
                }
                node.value = integer;
                break;
            }
            case TokenKind::decimal: {
                double number = 0;
                const auto result = std::from_chars(text.data(), text.data() + text.size(), number);
                if (result.ec != std::errc()) {
                    fail(node.offset, "number '" + std::string(text) + "' is out of range");
                }
                node.value = number;
                break;
            }
            case TokenKind::string:
                node.value = std::move(current_.value);
                break;
            default:
                return parse_date();
        }
        advance();
        return node;
    }

    /// `date('YYYY-MM-DD')`, consumed.
    SyntaxNode parse_date() {
        SyntaxNode node;
        node.kind = SyntaxKind::literal;
        node.offset = node.begin = current_.offset;
        advance();
        if (current_.kind != TokenKind::lparen) {
            fail(current_.offset, "expected '(' after 'date'");
        }
        advance();
        if (current_.kind != TokenKind::string) {
            fail(current_.offset, "expected a quoted date like '2024-01-31' after 'date('");
        }
        const std::optional<Date> date = Date::parse(current_.value);
        if (!date) {
            fail(current_.offset, quote_token(current_) +
                                      " is not a valid date; write date('YYYY-MM-DD') with a "
                                      "real day");
        }
        node.value = *date;
        advance();
        if (current_.kind != TokenKind::rparen) {
            fail(current_.offset, "expected ')' after the date");
        }
        node.end = current_.offset + 1;
        node.text = source_.substr(node.begin, node.end - node.begin);
        advance();
        return node;
    }

    std::string_view source_;
    Lexer lexer_;
    std::uint32_t max_depth_;
    std::uint32_t nesting_ = 0;
    Token current_;
    std::string_view previous_;
    std::vector<SyntaxNode> nodes_;
    std::vector<std::uint32_t> operands_;  ///< operands of the open `&&` / `||` chains
    std::vector<std::size_t> bangs_;       ///< offsets of the open `!`s
};

}  // namespace

ParseResult parse_condition(std::string_view source, std::uint32_t max_depth) {
    try {
        Parser parser(source, max_depth);
        return ParseResult{parser.run(), std::nullopt};
    } catch (const ParseFailure& failure) {
        return ParseResult{std::nullopt, failure.error};
    }
}

}  // namespace onething::detail

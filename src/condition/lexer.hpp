// Splits a condition into tokens, one at a time, so errors are met in source order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace onething::detail {

/// The kinds of token of the condition language.
enum class TokenKind : std::uint8_t {
    end,
    error,
    lparen,
    rparen,
    lbracket,
    rbracket,
    comma,
    bang,
    and_op,
    or_op,
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    in_kw,
    true_kw,
    false_kw,
    date_kw,
    integer,
    decimal,
    string,
    identifier
};

/// One token; `value` holds a string literal's decoded text or an error's message.
struct Token {
    TokenKind kind = TokenKind::end;
    std::size_t offset = 0;  ///< byte offset of the first character
    std::string_view text;   ///< the token as written
    std::string value;       ///< decoded string literal, or the message of an error token
};

/// A lexer over one expression; `next` yields tokens, then `end` forever.
class Lexer {
  public:
    /// Lexes `source`, which must outlive the lexer.
    explicit Lexer(std::string_view source) : source_(source) {}
    /// The next token, or an error token describing the first bad character.
    Token next();

  private:
    /// Skips spaces, tabs and line breaks.
    void skip_space();
    /// A word: fact id, keyword or number, starting at `position_`.
    Token word(std::size_t start);
    /// A quoted string starting at `position_`.
    Token quoted();
    /// A token of `kind` spanning `length` bytes from `position_`.
    Token take(TokenKind kind, std::size_t length);
    /// An error token at `offset`.
    Token fail(std::size_t offset, std::string message);

    std::string_view source_;
    std::size_t position_ = 0;
};

/// True when `c` may appear in a fact id after its first character.
bool is_id_char(char c);

}  // namespace onething::detail

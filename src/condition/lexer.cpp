// The condition lexer: operators, quoted strings, numbers, keywords and fact ids.
#include "condition/lexer.hpp"

#include <array>
#include <cstdio>

#include "condition/fact_reference.hpp"
#include "text/utf8.hpp"

namespace onething::detail {
namespace {

/// Longest fact id the rule format allows.
constexpr std::size_t max_id_length = 128;

/// True for an ASCII digit.
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// True when `c` may start a fact id or a number.
bool is_word_start(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z');
}

/// True when `word` is digits, optionally followed by '.' and more digits.
bool is_number_word(std::string_view word, bool& decimal) {
    std::size_t i = 0;
    while (i < word.size() && is_digit(word[i])) {
        ++i;
    }
    if (i == 0) {
        return false;
    }
    decimal = i < word.size();
    if (!decimal) {
        return true;
    }
    if (word[i] != '.' || i + 1 == word.size()) {
        return false;
    }
    for (++i; i < word.size(); ++i) {
        if (!is_digit(word[i])) {
            return false;
        }
    }
    return true;
}

/// The message for a character that cannot start a token.
std::string unexpected_character(std::string_view rest) {
    const unsigned char c = static_cast<unsigned char>(rest[0]);
    if (c < 0x20 || c == 0x7F) {
        std::array<char, 8> code{};
        std::snprintf(code.data(), code.size(), "%02X", static_cast<unsigned>(c));
        return "unexpected control character (byte 0x" + std::string(code.data()) + ")";
    }
    const std::size_t length = decode_utf8(rest, 0).length;
    std::string message = "unexpected character '" + std::string(rest.substr(0, length)) + "'";
    if (c >= 'A' && c <= 'Z') {
        message += "; fact ids and keywords are lowercase";
    }
    const std::string_view sequence = rest.substr(0, length);
    if (sequence == "\u2018" || sequence == "\u2019" || sequence == "\u201C" ||
        sequence == "\u201D") {
        message += "; quote strings with ' or \"";
    }
    return message;
}

}  // namespace

bool is_id_char(char c) {
    return is_word_start(c) || c == '_' || c == '.' || c == '-';
}

Token Lexer::next() {
    skip_space();
    if (position_ >= source_.size()) {
        return Token{TokenKind::end, source_.size(), {}, {}};
    }
    const char c = source_[position_];
    const char after = position_ + 1 < source_.size() ? source_[position_ + 1] : '\0';
    switch (c) {
        case '(':
            return take(TokenKind::lparen, 1);
        case ')':
            return take(TokenKind::rparen, 1);
        case '[':
            return take(TokenKind::lbracket, 1);
        case ']':
            return take(TokenKind::rbracket, 1);
        case ',':
            return take(TokenKind::comma, 1);
        case '!':
            return after == '=' ? take(TokenKind::ne, 2) : take(TokenKind::bang, 1);
        case '<':
            return after == '=' ? take(TokenKind::le, 2) : take(TokenKind::lt, 1);
        case '>':
            return after == '=' ? take(TokenKind::ge, 2) : take(TokenKind::gt, 1);
        case '=':
            return after == '=' ? take(TokenKind::eq, 2)
                                : fail(position_, "'=' is not an operator; did you mean '=='?");
        case '&':
            return after == '&' ? take(TokenKind::and_op, 2)
                                : fail(position_, "'&' is not an operator; did you mean '&&'?");
        case '|':
            return after == '|' ? take(TokenKind::or_op, 2)
                                : fail(position_, "'|' is not an operator; did you mean '||'?");
        case '\'':
        case '"':
            return quoted();
        case '-':
            if (!is_digit(after)) {
                return fail(position_, "'-' must be followed by a number");
            }
            ++position_;
            return word(position_ - 1);
        default:
            break;
    }
    if (is_word_start(c)) {
        return word(position_);
    }
    return fail(position_, unexpected_character(source_.substr(position_)));
}

void Lexer::skip_space() {
    while (position_ < source_.size()) {
        const char c = source_[position_];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return;
        }
        ++position_;
    }
}

Token Lexer::word(std::size_t start) {
    const std::size_t body_start = position_;
    std::size_t stop = position_;
    while (stop < source_.size() && is_id_char(source_[stop])) {
        ++stop;
    }
    const std::string_view body = source_.substr(position_, stop - position_);
    const std::string_view text = source_.substr(start, stop - start);
    position_ = stop;
    bool decimal = false;
    if (is_number_word(body, decimal)) {
        return Token{decimal ? TokenKind::decimal : TokenKind::integer, start, text, {}};
    }
    if (start != body_start) {
        return fail(start, "'-' must be followed by a number");
    }
    TokenKind kind = TokenKind::identifier;
    if (text == "true") {
        kind = TokenKind::true_kw;
    } else if (text == "false") {
        kind = TokenKind::false_kw;
    } else if (text == "in") {
        kind = TokenKind::in_kw;
    } else if (text == "date") {
        kind = TokenKind::date_kw;
    } else if (text.size() > max_id_length) {
        return fail(start, "fact id is " + std::to_string(text.size()) +
                               " characters long, more than the limit of 128");
    }
    return Token{kind, start, text, {}};
}

Token Lexer::quoted() {
    const std::size_t start = position_;
    const char quote = source_[start];
    std::string value;
    for (std::size_t i = start + 1; i < source_.size(); ++i) {
        const char c = source_[i];
        if (c == quote) {
            position_ = i + 1;
            return Token{TokenKind::string, start, source_.substr(start, i + 1 - start),
                         std::move(value)};
        }
        if (c == '\\') {
            const char escaped = i + 1 < source_.size() ? source_[i + 1] : '\0';
            if (escaped != '\\' && escaped != '\'' && escaped != '"') {
                return fail(i, "unknown escape in a string; only \\\\, \\' and \\\" are allowed");
            }
            value += escaped;
            ++i;
            continue;
        }
        value += c;
    }
    return fail(start, "unterminated string");
}

Token Lexer::take(TokenKind kind, std::size_t length) {
    Token token{kind, position_, source_.substr(position_, length), {}};
    position_ += length;
    return token;
}

Token Lexer::fail(std::size_t offset, std::string message) {
    position_ = source_.size();
    return Token{TokenKind::error, offset, source_.substr(offset, 1), std::move(message)};
}

}  // namespace onething::detail

namespace onething::detail {

std::string_view condition_misreading(std::string_view id) {
    Lexer lexer(id);
    const Token token = lexer.next();
    switch (token.kind) {
        case TokenKind::identifier:
            return token.text.size() == id.size() ? std::string_view() : "something else";
        case TokenKind::true_kw:
        case TokenKind::false_kw:
        case TokenKind::in_kw:
        case TokenKind::date_kw:
            return "its keyword";
        case TokenKind::integer:
        case TokenKind::decimal:
            return "a number";
        default:
            return "something else";
    }
}

}  // namespace onething::detail

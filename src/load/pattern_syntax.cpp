// Reading a field pattern as JSON Schema validators read it (ECMA-262 in Unicode mode, as ajv
// compiles it), within the syntax RE2 shares, and writing the RE2 pattern that matches what
// ECMA-262 matches.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "load/pattern.hpp"
#include "text/utf8.hpp"

namespace onething::detail {
namespace {

/// ECMA-262's white space and line terminators (`\s`), as the members of an RE2 class.
constexpr std::string_view ecma_spaces =
    "\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}"
    "\\x{3000}\\x{FEFF}";

/// ECMA-262's `.` without the s flag: any character but a line terminator.
constexpr std::string_view ecma_dot = "[^\\n\\r\\x{2028}\\x{2029}]";

/// The refusal of a pattern: what is wrong, where and how to write it instead.
struct Refusal {
    std::string message;
    bool backtracking = false;  ///< a backreference or a lookaround
};

/// A recursive-descent reader of one pattern, writing its RE2 form as it goes.
class PatternReader {
  public:
    explicit PatternReader(std::string_view pattern) : pattern_(pattern) {}

    /// The RE2 form of the whole pattern; throws Refusal.
    std::string read() {
        disjunction();
        if (at_ < pattern_.size()) {
            // Only an unmatched ')' stops a disjunction before the end.
            token_ = at_;
            refuse("an unmatched ')'", "escape it as \\)");
        }
        return std::move(out_);
    }

  private:
    /// Throws the refusal of the token being read (from `token_`).
    [[noreturn]] void refuse(const std::string& what, const std::string& fix,
                             bool backtracking = false) const {
        throw Refusal{what + " at character " +
                          std::to_string(count_code_points(pattern_.substr(0, token_)) + 1) + "; " +
                          fix,
                      backtracking};
    }

    bool done() const { return at_ >= pattern_.size(); }
    char peek(std::size_t ahead = 0) const {
        return at_ + ahead < pattern_.size() ? pattern_[at_ + ahead] : '\0';
    }

    /// Copies the character at the current place (a whole UTF-8 sequence) and moves past it.
    void copy_character() {
        const Utf8Char character = decode_utf8(pattern_, at_);
        out_.append(pattern_.substr(at_, character.length));
        at_ += character.length;
    }

    void disjunction() {
        alternative();
        while (peek() == '|') {
            out_ += '|';
            ++at_;
            alternative();
        }
    }

    void alternative() {
        while (!done() && peek() != '|' && peek() != ')') {
            term();
        }
    }

    void term() {
        token_ = at_;
        const char next = peek();
        if (next == '^' || next == '$') {
            out_ += next;  // start and end of the text in both (no m flag)
            ++at_;
            if (is_quantifier_start()) {
                token_ = at_;
                refuse("a quantifier after an anchor", "remove it");
            }
            return;
        }
        if (next == '\\' && (peek(1) == 'b' || peek(1) == 'B')) {
            out_.append(pattern_.substr(at_, 2));  // ASCII word boundaries in both
            at_ += 2;
            if (is_quantifier_start()) {
                token_ = at_;
                refuse("a quantifier after a word boundary", "remove it");
            }
            return;
        }
        atom();
        quantifier();
    }

    bool is_quantifier_start() const {
        const char next = peek();
        return next == '*' || next == '+' || next == '?' || next == '{';
    }

    void quantifier() {
        token_ = at_;
        const char next = peek();
        if (next == '*' || next == '+' || next == '?') {
            out_ += next;
            ++at_;
        } else if (next == '{') {
            const std::size_t start = at_;
            ++at_;
            digits("a number after '{'");
            if (peek() == ',') {
                ++at_;
                if (peek() != '}') {
                    digits("a number or '}' after ','");
                }
            }
            if (peek() != '}') {
                refuse("an unclosed quantifier '{'",
                       "write {n}, {n,} or {n,m}, or escape it as \\{");
            }
            ++at_;
            out_.append(pattern_.substr(start, at_ - start));
        } else {
            return;
        }
        if (peek() == '?') {  // lazy
            out_ += '?';
            ++at_;
        }
        if (is_quantifier_start()) {
            token_ = at_;
            refuse("a quantifier after a quantifier",
                   "possessive quantifiers (*+) and repeats of repeats are not ECMA-262; group "
                   "it: (?:a*)+");
        }
    }

    void digits(const char* wanted) {
        if (peek() < '0' || peek() > '9') {
            refuse(std::string("not ") + wanted, "write {n}, {n,} or {n,m}, or escape '{' as \\{");
        }
        while (peek() >= '0' && peek() <= '9') {
            ++at_;
        }
    }

    void atom() {
        const char next = peek();
        switch (next) {
            case '.':
                out_ += ecma_dot;
                ++at_;
                return;
            case '(':
                group();
                return;
            case '[':
                character_class();
                return;
            case '\\':
                ++at_;
                escape(false);
                return;
            case '*':
            case '+':
            case '?':
                refuse(std::string("'") + next + "' with nothing to repeat",
                       std::string("escape it as \\") + next);
            case '{':
            case '}':
            case ']':
                refuse(std::string("a lone '") + next + "'",
                       std::string("escape it as \\") + next +
                           " (ECMA-262 in Unicode mode, as JSON Schema validators read it, "
                           "refuses it bare)");
            default:
                if (decode_utf8(pattern_, at_).fault != Utf8Fault::none) {
                    refuse("a byte that is not UTF-8", "write the pattern in UTF-8");
                }
                copy_character();
        }
    }

    void group() {
        ++at_;
        if (peek() == '?') {
            if (peek(1) == ':') {
                out_ += "(?:";
                at_ += 2;
            } else if (peek(1) == '=' || peek(1) == '!' ||
                       (peek(1) == '<' && (peek(2) == '=' || peek(2) == '!'))) {
                refuse("a lookaround", "write the pattern without lookaround", true);
            } else if (peek(1) == '<') {
                refuse("a named group",
                       "Python's re (the jsonschema package) spells it "
                       "(?P<name>...), ECMA-262 (?<name>...): write (...)");
            } else {
                refuse("a group '(?" + std::string(1, peek(1)) +
                           "' JSON Schema validators do not share",
                       "use (...) or (?:...); flags such as (?i) are not ECMA-262: list both "
                       "cases, [Aa]");
            }
        } else {
            out_ += '(';
        }
        const std::size_t opening = token_;
        disjunction();
        if (peek() != ')') {
            token_ = opening;
            refuse("an unclosed group '('", "close it with ) or escape it as \\(");
        }
        out_ += ')';
        ++at_;
    }

    /// One escape after its backslash; in a class, `\b` is a backspace and `\-` a dash.
    void escape(bool in_class) {
        if (done()) {
            refuse("a backslash at the end", "escape it as \\\\");
        }
        const char next = peek();
        switch (next) {
            case 'd':
            case 'D':
            case 'w':
            case 'W':
                out_ += '\\';
                out_ += next;  // ASCII digits and word characters in both
                ++at_;
                return;
            case 's':
                out_ += in_class ? std::string(ecma_spaces) : "[" + std::string(ecma_spaces) + "]";
                ++at_;
                return;
            case 'S':
                if (in_class) {
                    refuse("\\S inside a class", "write it outside the class: (?:[...]|\\S)");
                }
                out_ += "[^" + std::string(ecma_spaces) + "]";
                ++at_;
                return;
            case 'f':
            case 'n':
            case 'r':
            case 't':
            case 'v':
                out_ += '\\';
                out_ += next;
                ++at_;
                return;
            case '0':
                if (peek(1) >= '0' && peek(1) <= '9') {
                    refuse("an octal escape", "write \\x followed by two hex digits");
                }
                out_ += "\\x00";
                ++at_;
                return;
            case 'x':
                ++at_;
                hex_escape(2, 2);
                return;
            case 'u':
                ++at_;
                if (peek() == '{') {
                    refuse("the escape \\u{...}",
                           "Python's re (the jsonschema package) does "
                           "not read it: write the character itself");
                }
                hex_escape(4, 4);
                return;
            case 'b':
                if (in_class) {
                    out_ += "\\x08";  // a backspace in a class
                    ++at_;
                    return;
                }
                break;
            case '-':
                if (in_class) {
                    out_ += "\\-";
                    ++at_;
                    return;
                }
                break;
            case 'p':
            case 'P':
                refuse(std::string("the property escape \\") + next,
                       "Python's re (the jsonschema package) and others do not read it, and "
                       "ECMA-262 and RE2 name scripts differently; list the characters as a "
                       "class, e.g. [一-龥]");
            default:
                break;
        }
        // Identity escapes: ECMA-262 in Unicode mode allows only its syntax characters and '/'.
        static constexpr std::string_view syntax = "^$\\.*+?()[]{}|/";
        if (syntax.find(next) != std::string_view::npos) {
            out_ += '\\';
            out_ += next;
            ++at_;
            return;
        }
        if (next >= '1' && next <= '9') {
            refuse("a backreference", "write the pattern without backreferences", true);
        }
        refuse("the escape \\" + std::string(1, next),
               "ECMA-262 in Unicode mode, as JSON Schema validators read it, has no such escape: "
               "escape only ^ $ \\ . * + ? ( ) [ ] { } | / and write \\A and \\z as ^ and $");
    }

    /// `count` hex digits (from `least` to `most`) as RE2's \x{...}.
    void hex_escape(std::size_t least, std::size_t most) {
        std::size_t count = 0;
        std::uint32_t code = 0;
        while (count < most && std::isxdigit(static_cast<unsigned char>(peek())) != 0) {
            const char digit = peek();
            code = code * 16 + static_cast<std::uint32_t>(digit <= '9'   ? digit - '0'
                                                          : digit <= 'F' ? digit - 'A' + 10
                                                                         : digit - 'a' + 10);
            ++count;
            ++at_;
        }
        if (count < least) {
            refuse("too few hex digits in an escape", "write \\xHH, \\uHHHH or \\u{H...}");
        }
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            refuse("an escape that is no Unicode character (a surrogate or above U+10FFFF)",
                   "write a character from U+0000 to U+10FFFF, not a surrogate");
        }
        char hex[16];
        std::snprintf(hex, sizeof hex, "\\x{%X}", static_cast<unsigned>(code));
        out_ += hex;
    }

    void character_class() {
        const std::size_t opening = token_;
        ++at_;
        out_ += '[';
        if (peek() == '^') {
            out_ += '^';
            ++at_;
        }
        if (peek() == ']') {
            refuse("an empty class",
                   "a class needs a character: [^] and [] differ between "
                   "validators");
        }
        bool previous_single = false;  // the last item was one character (a range may start)
        while (!done() && peek() != ']') {
            token_ = at_;
            if (peek() == '[') {
                refuse("'[' inside a class",
                       "escape it as \\[ (POSIX classes such as [:alnum:] are not ECMA-262: "
                       "write [0-9A-Za-z])");
            }
            if (peek() == '-' && previous_single && peek(1) != ']' && at_ + 1 < pattern_.size()) {
                out_ += '-';
                ++at_;
                token_ = at_;
                if (!class_atom()) {
                    refuse("a range ending in a class such as \\d",
                           "write the range's end as one "
                           "character");
                }
                previous_single = false;
                continue;
            }
            previous_single = class_atom();
            if (!previous_single && peek() == '-' && peek(1) != ']') {
                refuse("a range starting with a class such as \\d", "escape the dash as \\-");
            }
        }
        if (done()) {
            token_ = opening;
            refuse("an unclosed class '['", "close it with ]");
        }
        out_ += ']';
        ++at_;
    }

    /// One character or class escape inside a class; true when it is one character.
    bool class_atom() {
        if (peek() == '\\') {
            ++at_;
            const char next = peek();
            const bool is_class = next == 'd' || next == 'D' || next == 'w' || next == 'W' ||
                                  next == 's' || next == 'S';
            escape(true);
            return !is_class;
        }
        if (decode_utf8(pattern_, at_).fault != Utf8Fault::none) {
            refuse("a byte that is not UTF-8", "write the pattern in UTF-8");
        }
        copy_character();
        return true;
    }

    std::string_view pattern_;
    std::size_t at_ = 0;     ///< the next byte to read
    std::size_t token_ = 0;  ///< where the token being read starts, for refusals
    std::string out_;
};

}  // namespace

PatternReading read_pattern(std::string_view pattern) {
    try {
        return {PatternReader(pattern).read(), {}};
    } catch (const Refusal& refusal) {
        return {{}, refusal.message, refusal.backtracking};
    }
}

}  // namespace onething::detail

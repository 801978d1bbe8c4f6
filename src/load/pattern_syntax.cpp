// Reading a field pattern as JSON Schema validators read it (ECMA-262 in Unicode mode, as ajv
// compiles it), within the syntax RE2 shares, and writing the RE2 pattern that matches what
// ECMA-262 matches.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "load/pattern.hpp"
#include "text/hex_digit.hpp"
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

    /// The character at byte `at` as a message quotes it: the whole UTF-8 sequence, or "the
    /// end" past it.
    std::string character_after(std::size_t at) const {
        if (at >= pattern_.size()) {
            return "(the end)";
        }
        return std::string(pattern_.substr(at, decode_utf8(pattern_, at).length));
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
            const std::uint64_t least = digits("a number after '{'");
            std::uint64_t most = least;
            if (peek() == ',') {
                ++at_;
                most = peek() == '}' ? least : digits("a number or '}' after ','");
            }
            if (peek() != '}') {
                refuse("an unclosed quantifier '{'",
                       "write {n}, {n,} or {n,m}, or escape it as \\{");
            }
            ++at_;
            if (most < least) {
                refuse("a quantifier {n,m} whose m is below its n",
                       "write the smaller number first");
            }
            if (most > max_repeat) {
                refuse("a repeat count above " + std::to_string(max_repeat) +
                           " (RE2's limit, which checks answers in linear time)",
                       "write a count up to " + std::to_string(max_repeat) +
                           ", or + or * for any number");
            }
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

    /// The number of a quantifier (capped above `max_repeat`, which it is refused past).
    std::uint64_t digits(const char* wanted) {
        if (peek() < '0' || peek() > '9') {
            refuse(std::string("not ") + wanted, "write {n}, {n,} or {n,m}, or escape '{' as \\{");
        }
        std::uint64_t number = 0;
        while (peek() >= '0' && peek() <= '9') {
            number = std::min<std::uint64_t>(number * 10 + static_cast<std::uint64_t>(peek() - '0'),
                                             max_repeat + 1);
            ++at_;
        }
        return number;
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
                refuse("a group '(?" + character_after(at_ + 1) +
                           "' JSON Schema validators do not share",
                       "use (...) or (?:...); flags such as (?i) are not ECMA-262: list both "
                       "cases, [Aa]");
            }
        } else {
            out_ += '(';
        }
        if (++depth_ > max_depth) {
            refuse("groups nested more than " + std::to_string(max_depth) + " deep",
                   "Python's re (the jsonschema package) recurses on each: flatten them");
        }
        const std::size_t opening = token_;
        disjunction();
        --depth_;
        if (peek() != ')') {
            token_ = opening;
            refuse("an unclosed group '('", "close it with ) or escape it as \\(");
        }
        out_ += ')';
        ++at_;
    }

    /// One escape after its backslash; in a class, `\b` is a backspace and `\-` a dash. The
    /// character it stands for, or nullopt for a class of characters (`\d`, `\s`, ...).
    std::optional<char32_t> escape(bool in_class) {
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
                return std::nullopt;
            case 's':
                out_ += in_class ? std::string(ecma_spaces) : "[" + std::string(ecma_spaces) + "]";
                ++at_;
                return std::nullopt;
            case 'S':
                if (in_class) {
                    refuse("\\S inside a class", "write it outside the class: (?:[...]|\\S)");
                }
                out_ += "[^" + std::string(ecma_spaces) + "]";
                ++at_;
                return std::nullopt;
            case 'f':
            case 'n':
            case 'r':
            case 't':
            case 'v':
                out_ += '\\';
                out_ += next;
                ++at_;
                return next == 'f'   ? U'\f'
                       : next == 'n' ? U'\n'
                       : next == 'r' ? U'\r'
                       : next == 't' ? U'\t'
                                     : U'\v';
            case '0':
                if (peek(1) >= '0' && peek(1) <= '9') {
                    refuse("an octal escape", "write \\x followed by two hex digits");
                }
                out_ += "\\x00";
                ++at_;
                return U'\0';
            case 'x':
                ++at_;
                return hex_escape(2, 2);
            case 'u':
                ++at_;
                if (peek() == '{') {
                    refuse("the escape \\u{...}",
                           "Python's re (the jsonschema package) does "
                           "not read it: write the character itself");
                }
                return hex_escape(4, 4);
            case 'b':
                if (in_class) {
                    out_ += "\\x08";  // a backspace in a class
                    ++at_;
                    return U'\b';
                }
                break;
            case '-':
                if (in_class) {
                    out_ += "\\-";
                    ++at_;
                    return U'-';
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
            return static_cast<char32_t>(next);
        }
        if (next >= '1' && next <= '9') {
            refuse("a backreference", "write the pattern without backreferences", true);
        }
        refuse("the escape \\" + character_after(at_),
               "ECMA-262 in Unicode mode, as JSON Schema validators read it, has no such escape: "
               "escape only ^ $ \\ . * + ? ( ) [ ] { } | / and write \\A and \\z as ^ and $");
    }

    /// `count` hex digits (from `least` to `most`) as RE2's \x{...}; the character.
    char32_t hex_escape(std::size_t least, std::size_t most) {
        std::size_t count = 0;
        std::uint32_t code = 0;
        while (count < most && hex_digit_value(peek()) >= 0) {
            code = code * 16 + static_cast<std::uint32_t>(hex_digit_value(peek()));
            ++count;
            ++at_;
        }
        if (count < least) {
            refuse("too few hex digits in an escape", "write \\xHH or \\uHHHH");
        }
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            refuse("an escape that is no Unicode character (a surrogate or above U+10FFFF)",
                   "write a character from U+0000 to U+10FFFF, not a surrogate");
        }
        char hex[16];
        std::snprintf(hex, sizeof hex, "\\x{%X}", static_cast<unsigned>(code));
        out_ += hex;
        return code;
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
        // The last item when it was one character: a range may start at it.
        bool single = false;
        char32_t previous = 0;
        std::size_t previous_at = 0;  // where it starts
        while (!done() && peek() != ']') {
            token_ = at_;
            if (peek() == '[') {
                refuse("'[' inside a class",
                       "escape it as \\[ (POSIX classes such as [:alnum:] are not ECMA-262: "
                       "write [0-9A-Za-z])");
            }
            if (peek() == '-' && single && peek(1) != ']' && at_ + 1 < pattern_.size()) {
                out_ += '-';
                ++at_;
                token_ = at_;
                const std::optional<char32_t> last = class_atom();
                if (!last) {
                    refuse("a range ending in a class such as \\d",
                           "write the range's end as one character");
                }
                if (*last < previous) {
                    token_ = previous_at;
                    refuse("a range out of order", "write its lower end first");
                }
                single = false;
                continue;
            }
            previous_at = at_;
            const std::optional<char32_t> atom = class_atom();
            single = atom.has_value();
            previous = atom.value_or(0);
            if (!single && peek() == '-' && peek(1) != ']') {
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

    /// One character or class escape inside a class: the character, or nullopt for a class.
    std::optional<char32_t> class_atom() {
        if (peek() == '\\') {
            ++at_;
            return escape(true);
        }
        const Utf8Char character = decode_utf8(pattern_, at_);
        if (character.fault != Utf8Fault::none) {
            refuse("a byte that is not UTF-8", "write the pattern in UTF-8");
        }
        copy_character();
        return character.code;
    }

    /// The most repetitions a quantifier may count (RE2's limit).
    static constexpr std::uint64_t max_repeat = 1000;
    /// The deepest groups may nest (Python's re recurses once a group, up to about 500).
    static constexpr int max_depth = 100;

    std::string_view pattern_;
    int depth_ = 0;          ///< groups open around the place read
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

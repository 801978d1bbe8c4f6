// Follows a scalar's source byte by byte beside its value (see scalar_positions.hpp).
#include "yaml/scalar_positions.hpp"

#include <optional>

#include "text/hex_digit.hpp"

namespace onething::detail {
namespace {

/// The value of `digits` hexadecimal digits at `at` of `text`, or nullopt.
std::optional<std::uint32_t> hex_at(std::string_view text, std::size_t at, std::size_t digits) {
    if (at + digits > text.size()) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    for (std::size_t k = at; k < at + digits; ++k) {
        const char c = text[k];
        const int digit = hex_digit_value(c);
        if (digit < 0) {
            return std::nullopt;
        }
        value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    return value;
}

/// The bytes of `code_point` in UTF-8.
std::size_t utf8_length(std::uint32_t code_point) {
    return code_point < 0x80 ? 1 : code_point < 0x800 ? 2 : code_point < 0x10000 ? 3 : 4;
}

/// A double-quoted scalar's escape at `at` (its backslash): the source bytes it takes and the
/// value bytes it gives; nullopt when it is not one.
struct Escape {
    std::size_t source_bytes = 0;  ///< the backslash and what follows it
    std::size_t value_bytes = 0;   ///< what it adds to the value (0 for an escaped line break)
};
std::optional<Escape> escape_at(std::string_view text, std::size_t at) {
    if (at + 1 >= text.size()) {
        return std::nullopt;
    }
    const char kind = text[at + 1];
    switch (kind) {
        case '\n':
            return Escape{2, 0};
        case '\r':
            return Escape{at + 2 < text.size() && text[at + 2] == '\n' ? 3u : 2u, 0};
        case 'N':
        case '_':
            return Escape{2, 2};
        case 'L':
        case 'P':
            return Escape{2, 3};
        case 'x':
        case 'u':
        case 'U': {
            const std::size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : 8;
            const auto code_point = hex_at(text, at + 2, digits);
            if (!code_point) {
                return std::nullopt;
            }
            // A surrogate pair written as two \u escapes is one character of four bytes.
            if (kind == 'u' && *code_point >= 0xD800 && *code_point <= 0xDBFF &&
                text.substr(at + 6, 2) == "\\u") {
                const auto low = hex_at(text, at + 8, 4);
                if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
                    return Escape{12, 4};
                }
            }
            return Escape{2 + digits, utf8_length(*code_point)};
        }
        default:
            return Escape{2, 1};
    }
}

/// A cursor over source bytes that knows the line and column of the byte it is at.
class SourceCursor {
  public:
    SourceCursor(std::string_view text, std::size_t at, SourcePosition position)
        : text_(text), at_(at), position_(position) {}

    bool done() const { return at_ >= text_.size(); }
    char peek(std::size_t ahead = 0) const {
        return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0';
    }
    std::size_t at() const { return at_; }
    SourcePosition position() const { return position_; }

    /// Moves past `bytes` bytes.
    void skip(std::size_t bytes) {
        for (std::size_t k = 0; k < bytes && at_ < text_.size(); ++k, ++at_) {
            if (text_[at_] == '\n') {
                ++position_.line;
                position_.column = 1;
            } else if (at_ + 1 >= text_.size() ||
                       (static_cast<unsigned char>(text_[at_ + 1]) & 0xC0) != 0x80) {
                ++position_.column;  // the next byte starts a character (or is the end)
            }
        }
    }

  private:
    std::string_view text_;
    std::size_t at_;
    SourcePosition position_;
};

}  // namespace

std::vector<SourcePosition> scalar_value_positions(const YamlDocument& document,
                                                   const YamlNode& node) {
    if (node.kind != YamlKind::scalar) {
        return {};
    }
    const std::string_view text = document.source_of(node);
    SourceCursor source(text, node.offset, {node.line, node.column});
    const bool single = node.style == ScalarStyle::single_quoted;
    const bool dual = node.style == ScalarStyle::double_quoted;
    if (single || dual) {
        if (source.peek() != (single ? '\'' : '"')) {
            return {};
        }
        source.skip(1);
    } else if (node.style != ScalarStyle::plain) {
        while (!source.done() && source.peek() != '\n') {  // the block's header line
            source.skip(1);
        }
        source.skip(1);
    }
    const std::string& value = node.value;
    std::vector<SourcePosition> positions;
    positions.reserve(value.size() + 1);
    while (positions.size() < value.size()) {
        if (source.done()) {
            return {};
        }
        const char wanted = value[positions.size()];
        if (dual && source.peek() == '\\') {
            const auto escape = escape_at(text, source.at());
            if (!escape || positions.size() + escape->value_bytes > value.size()) {
                return {};
            }
            positions.insert(positions.end(), escape->value_bytes, source.position());
            source.skip(escape->source_bytes);
        } else if (single && source.peek() == '\'' && source.peek(1) == '\'' && wanted == '\'') {
            positions.push_back(source.position());
            source.skip(2);
        } else if (source.peek() == wanted) {
            positions.push_back(source.position());
            source.skip(1);
        } else if (wanted == ' ' && (source.peek() == '\n' || source.peek() == '\r')) {
            positions.push_back(source.position());  // a line break folded into a space
            source.skip(source.peek() == '\r' && source.peek(1) == '\n' ? 2 : 1);
        } else if (source.peek() == ' ' || source.peek() == '\t' || source.peek() == '\n' ||
                   source.peek() == '\r') {
            source.skip(1);  // indentation, a folded line break, trailing space
        } else {
            return {};  // the value is not what the source says
        }
    }
    positions.push_back(source.position());
    return positions;
}

}  // namespace onething::detail

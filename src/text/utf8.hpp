// UTF-8 (RFC 3629), read in one place: every reader that checks text and every writer that
// measures, cuts or escapes it decodes a character with `decode_utf8`.
#pragma once

#include <cstddef>
#include <string_view>

namespace onething::detail {

/// Why the bytes at a place of a text are not a UTF-8 character (`none` when they are one).
enum class Utf8Fault : unsigned char {
    none,            ///< a character
    bad_lead,        ///< a byte that starts no sequence: 0x80 to 0xBF, 0xF5 to 0xFF
    overlong_lead,   ///< 0xC0 or 0xC1, which start only overlong forms
    truncated,       ///< a byte that should continue the sequence does not, or the text ends
    overlong,        ///< a longer form than the code point needs (0xE0 0x80 0x80 for U+0000)
    surrogate,       ///< U+D800 to U+DFFF, which are not characters
    beyond_unicode,  ///< above U+10FFFF
};

/// The character at a place of a text: its code point and bytes, or the fault found there.
struct Utf8Char {
    /// The code point; with a fault, the lead byte (bad_lead, overlong_lead, truncated) or
    /// the value the sequence spells (overlong, surrogate, beyond_unicode).
    char32_t code = 0;
    /// The character's bytes: 1 to 4, and 1 with a fault (a stray byte stands alone).
    std::size_t length = 1;
    Utf8Fault fault = Utf8Fault::none;  ///< none for a character
};

/// True for a byte that continues a multi-byte sequence (0b10xxxxxx).
constexpr bool utf8_continuation(unsigned char byte) {
    return (byte & 0xC0u) == 0x80u;
}

/// The character that starts at byte `at` of `text` (`at` < `text.size()`), read strictly:
/// shortest forms only, no surrogates, nothing above U+10FFFF.
inline Utf8Char decode_utf8(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
        return {lead, 1, Utf8Fault::none};
    }
    std::size_t length = 0;
    char32_t code = 0;
    char32_t minimum = 0;  // the smallest code point a sequence of this length spells
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, code = lead & 0x1Fu, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, code = lead & 0x0Fu, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, code = lead & 0x07u, minimum = 0x10000;
    } else {
        return {lead, 1,
                lead == 0xC0 || lead == 0xC1 ? Utf8Fault::overlong_lead : Utf8Fault::bad_lead};
    }
    if (text.size() - at < length) {
        return {lead, 1, Utf8Fault::truncated};
    }
    for (std::size_t next = 1; next < length; ++next) {
        const auto byte = static_cast<unsigned char>(text[at + next]);
        if (!utf8_continuation(byte)) {
            return {lead, 1, Utf8Fault::truncated};
        }
        code = (code << 6) | (byte & 0x3Fu);
    }
    if (code < minimum) {
        return {code, 1, Utf8Fault::overlong};
    }
    if (code >= 0xD800 && code <= 0xDFFF) {
        return {code, 1, Utf8Fault::surrogate};
    }
    if (code > 0x10FFFF) {
        return {code, 1, Utf8Fault::beyond_unicode};
    }
    return {code, length, Utf8Fault::none};
}

/// True when `text` is valid UTF-8 without a control character other than tab, line feed and
/// carriage return (C0, DEL and C1 are refused): what the loader takes from a rule file.
bool clean_utf8(std::string_view text);

/// The characters of `text`: the bytes that do not continue a sequence (a stray byte counts
/// as one), which is a column's width in a diagnostic.
std::size_t count_code_points(std::string_view text);

/// The bytes of `text` before `limit` (at most its size), moved back to the start of the
/// character `limit` falls in, so that a cut there leaves whole characters.
std::size_t utf8_cut(std::string_view text, std::size_t limit);

}  // namespace onething::detail

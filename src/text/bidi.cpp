// Embeddings, overrides and isolates left open in a text, found the way UAX #9 (X1-X8) pairs
// them within a paragraph.
#include "text/bidi.hpp"

#include <cstring>
#include <vector>

#include "text/utf8.hpp"

namespace onething::detail {

namespace {

/// True for an isolate initiator: LRI, RLI, FSI.
bool is_isolate(char32_t code) {
    return code >= 0x2066 && code <= 0x2068;
}

/// True for an embedding or override initiator: LRE, RLE, LRO, RLO.
bool is_embedding(char32_t code) {
    return (code >= 0x202A && code <= 0x202E) && code != 0x202C;
}

}  // namespace

std::optional<OpenBidi> unclosed_bidi(std::string_view text) {
    // Every one of these characters is E2 80 xx or E2 81 xx: a text without E2 has none.
    if (std::memchr(text.data(), '\xE2', text.size()) == nullptr) {
        return std::nullopt;
    }
    std::vector<OpenBidi> open;  // innermost last
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Char character = decode_utf8(text, at);
        const char32_t code = character.code;
        if (code == U'\n') {
            if (!open.empty()) {
                return open.front();
            }
        } else if (is_isolate(code) || is_embedding(code)) {
            open.push_back({code, at});
        } else if (code == 0x202C) {  // PDF: closes an embedding or override inside its isolate
            if (!open.empty() && is_embedding(open.back().code)) {
                open.pop_back();
            }
        } else if (code == 0x2069) {  // PDI: closes the innermost isolate and all inside it
            for (std::size_t level = open.size(); level-- > 0;) {
                if (is_isolate(open[level].code)) {
                    open.resize(level);
                    break;
                }
            }
        }
        at += character.length;
    }
    if (!open.empty()) {
        return open.front();
    }
    return std::nullopt;
}

std::string_view bidi_name(char32_t code) {
    switch (code) {
        case 0x202A:
            return "left-to-right embedding (U+202A)";
        case 0x202B:
            return "right-to-left embedding (U+202B)";
        case 0x202D:
            return "left-to-right override (U+202D)";
        case 0x202E:
            return "right-to-left override (U+202E)";
        case 0x2066:
            return "left-to-right isolate (U+2066)";
        case 0x2067:
            return "right-to-left isolate (U+2067)";
        case 0x2068:
            return "first strong isolate (U+2068)";
        default:
            return "bidirectional formatting character";
    }
}

std::string_view bidi_closer_name(char32_t code) {
    return is_isolate(code) ? "pop directional isolate (U+2069)"
                            : "pop directional formatting (U+202C)";
}

}  // namespace onething::detail

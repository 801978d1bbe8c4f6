// Escaping text for HTML, SVG and XML.
#include "write/xml_escape.hpp"

#include <cstdint>

namespace onething::detail {
namespace {

/// U+FFFD, the replacement character, in UTF-8.
constexpr std::string_view replacement = "\xEF\xBF\xBD";

/// The length of the valid UTF-8 sequence at `at` and its code point, or 0 when the bytes
/// there are not UTF-8 (overlong forms and surrogates included).
std::size_t decode(std::string_view text, std::size_t at, std::uint32_t& code) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    if (lead < 0x80) {
        code = lead;
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2, code = lead & 0x1Fu, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, code = lead & 0x0Fu, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, code = lead & 0x07u, minimum = 0x10000;
    } else {
        return 0;
    }
    if (at + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
        code = (code << 6) | (byte(i) & 0x3Fu);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return 0;
    }
    return length;
}

/// True for the characters XML 1.0 allows in a document (section 2.2, "Char").
bool xml_char(std::uint32_t code) {
    return code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
           (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
}

}  // namespace

std::string xml_escape(std::string_view text, Escaping escaping) {
    const bool xml = escaping != Escaping::html;
    const bool attribute = escaping == Escaping::xml_attribute;
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        // HTML passes bytes through; XML reads characters and replaces what it cannot carry.
        std::uint32_t code = static_cast<unsigned char>(text[at]);
        std::size_t length = 1;
        if (xml) {
            length = decode(text, at, code);
            if (length == 0 || !xml_char(code)) {
                out += replacement;
                at += length == 0 ? 1 : length;
                continue;
            }
        }
        switch (code) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += xml && !attribute ? "\"" : "&quot;";
                break;
            case '\'':
                out += !xml ? "&#39;" : attribute ? "&apos;" : "'";
                break;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                break;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                break;
            case '\r':
                out += xml ? "&#13;" : "\r";
                break;
            default:
                out.append(text.substr(at, length));
        }
        at += length;
    }
    return out;
}

}  // namespace onething::detail

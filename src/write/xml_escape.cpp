// Escaping text for HTML, SVG and XML.
#include "write/xml_escape.hpp"

#include <cstdint>

#include "text/utf8.hpp"

namespace onething::detail {
namespace {

/// U+FFFD, the replacement character, in UTF-8.
constexpr std::string_view replacement = "\xEF\xBF\xBD";

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
            const Utf8Char character = decode_utf8(text, at);
            code = character.code;
            length = character.length;
            if (character.fault != Utf8Fault::none || !xml_char(code)) {
                out += replacement;
                at += length;
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

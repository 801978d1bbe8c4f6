// Input text quoted in a message: whole when short, its start and its length when long.
#include "model/input_excerpt.hpp"

#include "onething/diagnostic.hpp"

#include "text/utf8.hpp"

namespace onething::detail {

namespace {

/// `text` with its control characters written as escapes; with `bytes_as_escapes`, each byte
/// of no UTF-8 character as `\xHH` too, else as it is.
std::string escaped(std::string_view text, bool bytes_as_escapes) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() + 2);
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Char character = decode_utf8(text, at);
        const char32_t code = character.code;
        const auto escaped_byte = [&] {
            const auto byte = static_cast<unsigned char>(text[at]);
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        };
        if (character.fault != Utf8Fault::none) {
            if (bytes_as_escapes) {
                escaped_byte();
            } else {
                out += text[at];
            }
        } else if (code == '\n') {
            out += "\\n";
        } else if (code == '\t') {
            out += "\\t";
        } else if (code == '\r') {
            out += "\\r";
        } else if (code < 0x20 || code == 0x7F) {
            escaped_byte();
        } else if (code >= 0x80 && code <= 0x9F) {  // a C1 control
            out += "\\u00";
            out += hex[code >> 4];
            out += hex[code & 0xF];
        } else {
            out.append(text.substr(at, character.length));
        }
        at += character.length;
    }
    return out;
}

}  // namespace

std::string printable(std::string_view text) {
    return escaped(text, false);
}

std::string quoted_input(std::string_view text) {
    return "'" + input_start(text) + "'" +
           (text.size() <= quoted_input_limit ? ""
                                              : " (" + std::to_string(text.size()) + " bytes)");
}

std::string input_start(std::string_view text) {
    // Input need not be UTF-8 (a command-line argument): its stray bytes are escaped too.
    if (text.size() <= quoted_input_limit) {
        return escaped(text, true);
    }
    return escaped(text.substr(0, utf8_cut(text, quoted_input_limit)), true) + "…";
}

}  // namespace onething::detail

namespace onething {

std::string quoted_input(std::string_view text) {
    return detail::quoted_input(text);
}

}  // namespace onething

// Input text quoted in a message: whole when short, its start and its length when long.
#include "model/input_excerpt.hpp"

#include "text/utf8.hpp"

namespace onething::detail {

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto byte = static_cast<unsigned char>(text[at]);
        static constexpr char hex[] = "0123456789ABCDEF";
        if (byte == '\n') {
            out += "\\n";
        } else if (byte == '\t') {
            out += "\\t";
        } else if (byte == '\r') {
            out += "\\r";
        } else if (byte < 0x20 || byte == 0x7F) {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        } else if (byte == 0xC2 && at + 1 < text.size() &&
                   static_cast<unsigned char>(text[at + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[at + 1]) <= 0x9F) {
            const auto control = static_cast<unsigned char>(text[at + 1]);  // U+0080 to U+009F
            out += "\\u00";
            out += hex[control >> 4];
            out += hex[control & 0xF];
            ++at;
        } else {
            out += static_cast<char>(byte);
        }
    }
    return out;
}

std::string quoted_input(std::string_view text) {
    return "'" + input_start(text) + "'" +
           (text.size() <= quoted_input_limit ? ""
                                              : " (" + std::to_string(text.size()) + " bytes)");
}

std::string input_start(std::string_view text) {
    if (text.size() <= quoted_input_limit) {
        return printable(text);
    }
    return printable(text.substr(0, utf8_cut(text, quoted_input_limit))) + "…";
}

}  // namespace onething::detail

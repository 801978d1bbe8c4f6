// JSON string literals as nlohmann::json's dump writes them, without building a tree.
#include "write/json_string.hpp"

#include <nlohmann/json.hpp>

#include "text/utf8.hpp"

namespace onething::detail {

bool plain_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t at = 0;
    while (at < size) {
        const unsigned lead = bytes[at];
        if (lead < 0x80) {
            if (lead < 0x20 || lead == '"' || lead == '\\') {
                return false;
            }
            ++at;
            continue;
        }
        const Utf8Char character = decode_utf8(text, at);
        if (character.fault != Utf8Fault::none) {
            return false;
        }
        at += character.length;
    }
    return true;
}

void append_json_string(std::string& out, std::string_view text) {
    if (plain_utf8(text)) {
        out += '"';
        out.append(text);
        out += '"';
        return;
    }
    out += nlohmann::json(std::string(text))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace onething::detail

// JSON string literals as nlohmann::json's dump writes them, without building a tree.
#include "write/json_string.hpp"

#include <nlohmann/json.hpp>

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
        std::size_t length = 0;
        unsigned low = 0x80;  // the bounds of the byte after the lead
        unsigned high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (size - at < length || bytes[at + 1] < low || bytes[at + 1] > high) {
            return false;
        }
        for (std::size_t next = 2; next < length; ++next) {
            if (bytes[at + next] < 0x80 || bytes[at + next] > 0xBF) {
                return false;
            }
        }
        at += length;
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

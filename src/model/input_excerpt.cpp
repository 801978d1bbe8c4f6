// Input text quoted in a message: whole when short, its start and its length when long.
#include "model/input_excerpt.hpp"

namespace onething::detail {

std::string quoted_input(std::string_view text) {
    if (text.size() <= quoted_input_limit) {
        std::string quoted;
        quoted.reserve(text.size() + 2);
        quoted += '\'';
        quoted += text;
        quoted += '\'';
        return quoted;
    }
    std::size_t cut = quoted_input_limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // back to the start of the character the limit falls in
    }
    return "'" + std::string(text.substr(0, cut)) + "…' (" + std::to_string(text.size()) +
           " bytes)";
}

}  // namespace onething::detail

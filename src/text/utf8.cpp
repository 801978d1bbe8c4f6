// Counting and cutting UTF-8 text by characters.
#include "text/utf8.hpp"

namespace onething::detail {

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char byte : text) {
        count += utf8_continuation(static_cast<unsigned char>(byte)) ? 0 : 1;
    }
    return count;
}

std::size_t utf8_cut(std::string_view text, std::size_t limit) {
    std::size_t cut = limit < text.size() ? limit : text.size();
    while (cut > 0 && cut < text.size() &&
           utf8_continuation(static_cast<unsigned char>(text[cut]))) {
        --cut;  // back to the start of the character the limit falls in
    }
    return cut;
}

}  // namespace onething::detail

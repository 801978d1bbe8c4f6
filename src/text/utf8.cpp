// Counting and cutting UTF-8 text by characters.
#include "text/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace onething::detail {

namespace {

/// True when each of the eight bytes of `word` is printable ASCII (0x20 to 0x7E).
bool printable_ascii_word(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t high_bits = 0x8080808080808080ull;
    const std::uint64_t below_space = (word - ones * 0x20) & ~word;  // exact for bytes < 0x80
    const std::uint64_t del = word ^ (ones * 0x7F);
    const std::uint64_t is_del = (del - ones) & ~del;
    return ((word | below_space | is_del) & high_bits) == 0;
}

}  // namespace

bool clean_utf8(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
        // Eight bytes at a time while they are printable ASCII: nearly all of a catalog's text.
        while (at + 8 <= text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + at, 8);
            if (!printable_ascii_word(word)) {
                break;
            }
            at += 8;
        }
        if (at == text.size()) {
            break;
        }
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII: nearly every byte of a catalog
            ++at;
            continue;
        }
        if (byte == '\t' || byte == '\n' || byte == '\r') {
            ++at;
            continue;
        }
        if (byte < 0x80) {
            return false;  // C0 or DEL
        }
        const Utf8Char character = decode_utf8(text, at);
        if (character.fault != Utf8Fault::none ||
            (character.code >= 0x80 && character.code <= 0x9F)) {
            return false;
        }
        at += character.length;
    }
    return true;
}

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

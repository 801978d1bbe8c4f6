// The one UTF-8 decoder: characters at every boundary of RFC 3629, each fault, counting and
// cutting by characters.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "text/utf8.hpp"

namespace {

using onething::detail::count_code_points;
using onething::detail::decode_utf8;
using onething::detail::utf8_cut;
using onething::detail::Utf8Char;
using onething::detail::Utf8Fault;

/// The first character of `bytes`.
Utf8Char first(std::string_view bytes) {
    return decode_utf8(bytes, 0);
}

}  // namespace

TEST_CASE("decode_utf8 reads the shortest forms and names each fault", "[utf8]") {
    struct Case {
        std::string_view bytes;
        char32_t code;
        std::size_t length;  // 1 with a fault: a stray byte stands alone
        Utf8Fault fault;
    };
    constexpr Utf8Fault none = Utf8Fault::none;
    const Case cases[] = {
        // Each length's bounds.
        {std::string_view("\x00", 1), 0x00, 1, none},
        {"\x7F", 0x7F, 1, none},
        {"\xC2\x80", 0x80, 2, none},
        {"\xDF\xBF", 0x7FF, 2, none},
        {"\xE0\xA0\x80", 0x800, 3, none},
        {"\xED\x9F\xBF", 0xD7FF, 3, none},
        {"\xEE\x80\x80", 0xE000, 3, none},
        {"\xEF\xBF\xBF", 0xFFFF, 3, none},
        {"\xF0\x90\x80\x80", 0x10000, 4, none},
        {"\xF4\x8F\xBF\xBF", 0x10FFFF, 4, none},
        {"一", 0x4E00, 3, none},
        // Each fault: the lead byte, or what the sequence spells.
        {"\x80", 0x80, 1, Utf8Fault::bad_lead},
        {"\xBF", 0xBF, 1, Utf8Fault::bad_lead},
        {"\xF5\x80\x80\x80", 0xF5, 1, Utf8Fault::bad_lead},
        {"\xFF", 0xFF, 1, Utf8Fault::bad_lead},
        {"\xC0\x80", 0xC0, 1, Utf8Fault::overlong_lead},
        {"\xC1\xBF", 0xC1, 1, Utf8Fault::overlong_lead},
        {"\xC2", 0xC2, 1, Utf8Fault::truncated},          // the text ends
        {"\xE4\xB8", 0xE4, 1, Utf8Fault::truncated},      // the text ends
        {"\xE4\x41\x80", 0xE4, 1, Utf8Fault::truncated},  // not a continuation
        {"\xF0\x90\x80\x41", 0xF0, 1, Utf8Fault::truncated},
        {"\xE0\x80\x80", 0x00, 1, Utf8Fault::overlong},
        {"\xE0\x9F\xBF", 0x7FF, 1, Utf8Fault::overlong},
        {"\xF0\x8F\xBF\xBF", 0xFFFF, 1, Utf8Fault::overlong},
        {"\xED\xA0\x80", 0xD800, 1, Utf8Fault::surrogate},
        {"\xED\xBF\xBF", 0xDFFF, 1, Utf8Fault::surrogate},
        {"\xF4\x90\x80\x80", 0x110000, 1, Utf8Fault::beyond_unicode},
    };
    for (const Case& expected : cases) {
        const Utf8Char character = first(expected.bytes);
        CAPTURE(expected.bytes);
        CHECK(character.fault == expected.fault);
        CHECK(character.code == expected.code);
        CHECK(character.length == expected.length);
    }
}

TEST_CASE("decode_utf8 agrees with the Unicode standard's table of well-formed sequences",
          "[utf8]") {
    // The Unicode Standard, table 3-7: the bytes of each well-formed sequence, by lead byte.
    // The length of the well-formed sequence that starts `bytes`, or 0.
    const auto table_length = [](const unsigned char* bytes) -> std::size_t {
        const auto in = [](unsigned char byte, unsigned low, unsigned high) {
            return byte >= low && byte <= high;
        };
        const unsigned char lead = bytes[0];
        if (lead <= 0x7F) {
            return 1;
        }
        std::size_t length = 0;
        unsigned low = 0x80;
        unsigned high = 0xBF;
        if (in(lead, 0xC2, 0xDF)) {
            length = 2;
        } else if (in(lead, 0xE0, 0xEF)) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (in(lead, 0xF0, 0xF4)) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (!in(bytes[1], low, high)) {
            return 0;
        }
        for (std::size_t next = 2; next < length; ++next) {
            if (!in(bytes[next], 0x80, 0xBF)) {
                return 0;
            }
        }
        return length;
    };
    // Every lead and second byte, with later bytes from each side of every bound.
    const unsigned char later[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
    std::size_t disagreements = 0;
    for (unsigned lead = 0; lead < 256; ++lead) {
        for (unsigned second = 0; second < 256; ++second) {
            for (const unsigned char third : later) {
                for (const unsigned char fourth : later) {
                    const unsigned char bytes[4] = {static_cast<unsigned char>(lead),
                                                    static_cast<unsigned char>(second), third,
                                                    fourth};
                    const Utf8Char character =
                        first(std::string_view(reinterpret_cast<const char*>(bytes), 4));
                    const std::size_t expected = table_length(bytes);
                    const bool agrees =
                        expected == 0
                            ? character.fault != Utf8Fault::none && character.length == 1
                            : character.fault == Utf8Fault::none && character.length == expected;
                    disagreements += agrees ? 0 : 1;
                }
            }
        }
    }
    CHECK(disagreements == 0);
}

TEST_CASE("decode_utf8 reads at a place inside the text and not past its end", "[utf8]") {
    const std::string text = "a一\xF0\x9F\x98\x80";
    CHECK(decode_utf8(text, 1).code == 0x4E00);
    CHECK(decode_utf8(text, 4).code == 0x1F600);
    CHECK(decode_utf8(text, 4).length == 4);
    CHECK(decode_utf8(text, 2).fault == Utf8Fault::bad_lead);  // inside 一
    // A view that ends inside a character: the bytes after the view are not read.
    CHECK(decode_utf8(std::string_view(text).substr(0, 6), 4).fault == Utf8Fault::truncated);
}

TEST_CASE("count_code_points counts characters, a stray byte as one", "[utf8]") {
    CHECK(count_code_points("") == 0);
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("出生一件事") == 5);
    CHECK(count_code_points("a\xF0\x9F\x98\x80z") == 3);
    CHECK(count_code_points("\xFF\xFE") == 2);
}

TEST_CASE("utf8_cut keeps whole characters", "[utf8]") {
    const std::string text = "ab一二";  // a, b, then two 3-byte characters
    CHECK(utf8_cut(text, 0) == 0);
    CHECK(utf8_cut(text, 2) == 2);
    CHECK(utf8_cut(text, 3) == 2);  // inside 一
    CHECK(utf8_cut(text, 4) == 2);
    CHECK(utf8_cut(text, 5) == 5);
    CHECK(utf8_cut(text, 7) == 5);
    CHECK(utf8_cut(text, 8) == 8);   // the whole text
    CHECK(utf8_cut(text, 99) == 8);  // past the end: the whole text
}

TEST_CASE("clean_utf8 takes the text a rule file can hold, eight bytes at a time or one",
          "[utf8]") {
    using onething::detail::clean_utf8;
    CHECK(clean_utf8(""));
    CHECK(clean_utf8("plain ascii, longer than eight bytes ~"));
    CHECK(clean_utf8("出生医学证明 with\ttab\nand line\r\nends"));
    CHECK_FALSE(clean_utf8("sixteen bytes ok\x01"));
    CHECK_FALSE(clean_utf8("seven b\x7f"));
    CHECK_FALSE(clean_utf8("a\xc2\x85 C1 control after one byte"));
    CHECK_FALSE(clean_utf8("truncated \xe5\x87"));
    CHECK_FALSE(clean_utf8("\xed\xa0\x80 a surrogate"));
    // Against a byte-by-byte reading, with each bad byte at every place of a 20-byte text.
    const auto reference = [](std::string_view text) {
        for (std::size_t at = 0; at < text.size();) {
            const auto character = onething::detail::decode_utf8(text, at);
            const char32_t code = character.code;
            if (character.fault != onething::detail::Utf8Fault::none ||
                (code < 0x20 && code != '\t' && code != '\n' && code != '\r') ||
                (code >= 0x7F && code <= 0x9F)) {
                return false;
            }
            at += character.length;
        }
        return true;
    };
    for (const std::string bad :
         {std::string(1, '\0'), std::string("\x1f"), std::string("\x7f"), std::string("\x80"),
          std::string("\xff"), std::string("\xc2\x9f"), std::string("\t"), std::string(" ")}) {
        for (std::size_t at = 0; at <= 20; ++at) {
            std::string text(20, 'x');
            text.insert(at, bad);
            INFO("at " << at);
            CHECK(clean_utf8(text) == reference(text));
        }
    }
}

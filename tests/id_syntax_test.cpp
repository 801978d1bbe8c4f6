// The hand-written checks of ids and language tags against the regular expressions they replace
// (on short texts, where std::regex is safe), and on texts long enough to overflow its stack.
#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <string>

#include "model/id_syntax.hpp"

using onething::detail::is_language_tag;
using onething::detail::is_valid_id;

TEST_CASE("ids and language tags are checked as their patterns say", "[id-syntax]") {
    const std::regex id_pattern("^[a-z0-9][a-z0-9_.-]{0,127}$");
    const std::regex tag_pattern("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$");
    // Texts over an alphabet that exercises every class: the edges of each range, the
    // separators, and characters no pattern accepts.
    const std::string alphabet = "azAZ09_.-@ \n\xC3\xA9";
    std::mt19937 random(7);
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const std::size_t length = random() % 14;
        for (std::size_t i = 0; i < length; ++i) {
            text += alphabet[random() % alphabet.size()];
        }
        INFO(text);
        CHECK(is_valid_id(text) == std::regex_match(text, id_pattern));
        CHECK(is_language_tag(text) == std::regex_match(text, tag_pattern));
    }
    for (const char* tag : {"zh", "en", "zh-Hant", "en-GB", "yue-HK", "sr-Latn-RS", "en-a-b"}) {
        CHECK(is_language_tag(tag));
    }
    for (const char* tag :
         {"", "e", "engl", "EN", "en-", "-en", "en--GB", "en-123456789", "en_GB"}) {
        CHECK_FALSE(is_language_tag(tag));
    }
    CHECK(is_valid_id(std::string(128, 'a')));
    CHECK_FALSE(is_valid_id(std::string(129, 'a')));
}

TEST_CASE("a language tag of any length is checked without recursion", "[id-syntax]") {
    std::string tag = "en";
    for (int i = 0; i < 200000; ++i) {
        tag += "-a";
    }
    CHECK(is_language_tag(tag));
    CHECK_FALSE(is_language_tag(tag + "-"));
}

TEST_CASE("language tags are lowered in ASCII only, byte by byte", "[id-syntax]") {
    using onething::detail::ascii_lower;
    CHECK(ascii_lower("zh-Hant") == "zh-hant");
    CHECK(ascii_lower("EN-gb") == "en-gb");
    CHECK(ascii_lower("") == "");
    // Every byte: A-Z become a-z; the rest, UTF-8 lead and continuation bytes among them, stay.
    for (int byte = 0; byte < 256; ++byte) {
        const char c = static_cast<char>(byte);
        const char expected = byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte + 32) : c;
        INFO(byte);
        CHECK(ascii_lower(std::string(1, c)) == std::string(1, expected));
    }
    CHECK(ascii_lower("\xE6\x98\xAF") == "\xE6\x98\xAF");  // 是, a guide's "yes"
}

TEST_CASE("a tag refused only for its first part's case has a lower-case spelling", "[id-syntax]") {
    using onething::detail::lower_case_language_tag;
    CHECK(lower_case_language_tag("ZH-hant") == "zh-hant");
    CHECK(lower_case_language_tag("En") == "en");
    CHECK(lower_case_language_tag("SR-Latn-RS") == "sr-Latn-RS");  // later parts as written
    CHECK(lower_case_language_tag("zh") == std::nullopt);          // already a tag
    CHECK(lower_case_language_tag("ENGL") == std::nullopt);        // four letters
    CHECK(lower_case_language_tag("x y") == std::nullopt);
    CHECK(lower_case_language_tag("EN-") == std::nullopt);
    CHECK(lower_case_language_tag("") == std::nullopt);
}

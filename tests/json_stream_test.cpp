// The streaming JSON writer gives the bytes nlohmann::json's dump(2) gives for the same tree.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "write/json_stream.hpp"
#include "write/json_string.hpp"

using onething::detail::JsonStream;
using Json = nlohmann::ordered_json;

namespace {

/// The tree's text, as the writers dumped it before streaming.
std::string dumped(const Json& tree) {
    return tree.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("JsonStream lays out values as dump(2) does", "[write][json]") {
    const std::vector<std::string> texts{
        "",         "plain",    "quote \" and \\ backslash", "tab\tnew\nline\r\b\f", "\x01\x1f",
        "\x7f del", "中文名称", "bad \xff\xfe utf-8",        "cut \xe4\xb8"};
    const std::vector<double> numbers{0.0,
                                      -0.0,
                                      1.0,
                                      -3.0,
                                      0.5,
                                      0.1,
                                      2.25,
                                      1e-7,
                                      1e300,
                                      -1e-300,
                                      9007199254740991.0,
                                      9007199254740993.0,
                                      123456789.125,
                                      std::numeric_limits<double>::infinity(),
                                      std::nan("")};
    JsonStream json(1);  // a tiny buffer: every write past it grows the buffer
    Json tree = Json::object();
    json.begin_object();
    json.key("empty object");
    json.begin_object();
    json.end_object();
    tree["empty object"] = Json::object();
    json.key("empty array");
    json.begin_array();
    json.end_array();
    tree["empty array"] = Json::array();
    json.key("texts");
    json.begin_array();
    Json texts_tree = Json::array();
    for (const std::string& text : texts) {
        json.string(text);
        texts_tree.push_back(text);
    }
    json.end_array();
    tree["texts"] = texts_tree;
    json.key("numbers");
    json.begin_array();
    Json numbers_tree = Json::array();
    for (double number : numbers) {
        json.number(number);
        if (!std::isfinite(number)) {
            numbers_tree.push_back(nullptr);
        } else if (number == std::floor(number) && std::fabs(number) < 9007199254740992.0) {
            numbers_tree.push_back(static_cast<std::int64_t>(number));
        } else {
            numbers_tree.push_back(number);
        }
    }
    json.end_array();
    tree["numbers"] = numbers_tree;
    json.key("nested");
    json.begin_array();
    json.begin_object();
    json.key("a");
    json.null();
    json.key("b");
    json.boolean(false);
    json.key("c");
    json.integer(std::numeric_limits<std::int64_t>::min());
    json.key("d");
    json.strings({"x", "y"});
    json.end_object();
    json.begin_array();
    json.end_array();
    json.strings({});
    json.end_array();
    tree["nested"] = Json::array({Json{{"a", nullptr},
                                       {"b", false},
                                       {"c", std::numeric_limits<std::int64_t>::min()},
                                       {"d", Json::array({"x", "y"})}},
                                  Json::array(), Json::array()});
    json.key_text("escaped \"key\" 键");
    json.string_or_null("");
    tree["escaped \"key\" 键"] = nullptr;
    json.end_object();
    CHECK(json.take() == dumped(tree));
    // A key given as a literal and the same key known only when running: the same bytes.
    json.begin_object();
    json.key("plain_key");
    json.integer(1);
    json.key_text("plain_key");
    json.integer(2);
    json.end_object();
    CHECK(json.take() == "{\n  \"plain_key\": 1,\n  \"plain_key\": 2\n}");
    // After take the stream starts again, empty.
    json.null();
    CHECK(json.take("\n") == "null\n");
    // An empty view that holds no pointer: an empty text, and nothing appended.
    json.string(std::string_view());
    CHECK(json.take(std::string_view()) == "\"\"");
}

TEST_CASE("JsonStream escapes a character at any place of a text of any length", "[write][json]") {
    // The plain-text check reads eight bytes at a time, the last eight overlapping, and
    // a short text byte by byte: every length and place of a character that needs escaping.
    for (const std::string special : {"\"", "\\", "\x01", "\x1f", "\n", "\xc3\xa9", "\xff"}) {
        for (std::size_t length = 0; length <= 24; ++length) {
            for (std::size_t at = 0; at <= length; ++at) {
                const std::string text =
                    std::string(at, 'a') + special + std::string(length - at, '~');
                INFO(text);
                JsonStream json(1);
                json.string(text);
                CHECK(json.take() == dumped(Json(text)));
                std::string appended = "[";  // what the service's log line uses
                onething::detail::append_json_string(appended, text);
                CHECK(appended == "[" + dumped(Json(text)));
            }
        }
    }
    for (std::size_t length = 0; length <= 24; ++length) {
        const std::string text(length, ' ');  // spaces, and DEL, need nothing
        JsonStream json(1);
        json.string(text + "\x7f");
        CHECK(json.take() == "\"" + text + "\x7f\"");
    }
}

TEST_CASE("JsonStream writes UTF-8 as the JSON library does, well-formed or not", "[write][json]") {
    // Every lead byte with continuation bytes at each bound of table 3-7 and just past it, in
    // sequences of one to four bytes, cut short, and between plain text: well-formed text is
    // copied as it is, anything else goes the library's way (U+FFFD for what is broken).
    const std::vector<unsigned> seconds{0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                        0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    std::size_t texts = 0;
    for (unsigned lead = 0; lead <= 0xFF; ++lead) {
        for (const unsigned second : seconds) {
            for (const unsigned rest : {0x41u, 0x80u, 0xBFu, 0xC0u}) {
                for (std::size_t length = 1; length <= 4; ++length) {
                    std::string sequence(1, static_cast<char>(lead));
                    if (length >= 2) {
                        sequence += static_cast<char>(second);
                    }
                    for (std::size_t more = 2; more < length; ++more) {
                        sequence += static_cast<char>(rest);
                    }
                    for (const std::string& text :
                         {sequence, "名" + sequence + "称", "a long plain prefix " + sequence}) {
                        INFO(text);
                        JsonStream json(1);
                        json.string(text);
                        CHECK(json.take() == dumped(Json(text)));
                        std::string appended;
                        onething::detail::append_json_string(appended, text);
                        CHECK(appended == dumped(Json(text)));
                        ++texts;
                    }
                }
            }
        }
    }
    CHECK(texts == 256 * 11 * 4 * 4 * 3);
}

TEST_CASE("JsonStream indents as dump(2) does at any depth", "[write][json]") {
    // New lines up to 31 levels deep come from a fixed copy, deeper ones byte by byte: every
    // depth around the change, in objects and arrays, with keys and values at each level.
    for (int depth = 1; depth <= 40; ++depth) {
        JsonStream json(1);
        Json tree = Json::array({1});
        for (int level = 1; level < depth; ++level) {
            tree =
                level % 2 == 0 ? Json::array({level, tree, "x"}) : Json{{"k", tree}, {"n", level}};
        }
        // The same tree, written by the stream from the outside in.
        std::function<void(const Json&)> write = [&](const Json& value) {
            if (value.is_array()) {
                json.begin_array();
                for (const Json& element : value) {
                    write(element);
                }
                json.end_array();
            } else if (value.is_object()) {
                json.begin_object();
                for (const auto& [name, member] : value.items()) {
                    if (name == "k") {
                        json.key("k");  // a literal key, written by the fast path
                    } else {
                        json.key_text(name);
                    }
                    write(member);
                }
                json.end_object();
            } else if (value.is_string()) {
                json.string(value.get<std::string>());
            } else {
                json.integer(value.get<std::int64_t>());
            }
        };
        write(tree);
        INFO("depth " << depth);
        CHECK(json.take() == dumped(tree));
    }
}

// The flat JSON fast path of parse_yaml (src/yaml/flat_json.cpp) against yaml-cpp's events:
// every text it reads must give the same tree, node for node, as the general path.
#include <catch2/catch.hpp>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "yaml/yaml_tree.hpp"

using onething::Diagnostic;
using onething::Limits;
using namespace onething::detail;

namespace {

/// The tree of `text` through the fast path; nullopt when it leaves the text to yaml-cpp.
std::optional<YamlDocument> fast(const std::string& text, const Limits& limits = {}) {
    YamlDocument doc;
    doc.file = onething::FileName("request.facts");
    doc.source = text;
    if (!read_flat_json(doc, limits)) {
        CHECK(doc.nodes.empty());
        return std::nullopt;
    }
    return doc;
}

/// Checks that the fast path reads `text` and gives yaml-cpp's tree.
void check_same_tree(const std::string& text) {
    INFO(text);
    const auto quick = fast(text);
    REQUIRE(quick.has_value());
    std::vector<Diagnostic> diagnostics;
    const auto full = parse_yaml_events("request.facts", text, Limits{}, diagnostics);
    REQUIRE(full.has_value());
    REQUIRE(diagnostics.empty());
    CHECK(quick->root == full->root);
    REQUIRE(quick->nodes.size() == full->nodes.size());
    for (std::size_t k = 0; k < full->nodes.size(); ++k) {
        INFO("node " << k);
        const YamlNode& a = quick->nodes[k];
        const YamlNode& b = full->nodes[k];
        CHECK(a.kind == b.kind);
        CHECK(a.style == b.style);
        CHECK(a.flow == b.flow);
        CHECK(a.origin == b.origin);
        CHECK(a.line == b.line);
        CHECK(a.column == b.column);
        CHECK(a.offset == b.offset);
        CHECK(a.value == b.value);
        CHECK(a.children == b.children);
    }
}

/// A small deterministic generator (xorshift).
struct Random {
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    /// The next number below `bound`.
    std::uint64_t below(std::uint64_t bound) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state % bound;
    }
};

/// A text of printable ASCII without quotes or backslashes, YAML's indicators included.
std::string random_text(Random& random) {
    static const std::string alphabet = "abcz019 .:-_#&*!|>'%@`?,[]{}~=+$^()/;<";
    std::string text;
    const std::uint64_t length = random.below(12);
    for (std::uint64_t k = 0; k < length; ++k) {
        text += alphabet[random.below(alphabet.size())];
    }
    return text;
}

/// A random scalar value of any JSON kind the fast path reads.
nlohmann::json random_value(Random& random) {
    switch (random.below(7)) {
        case 0:
            return random_text(random);
        case 1:
            return random.below(2) == 0;
        case 2:
            return nullptr;
        case 3:
            return static_cast<std::int64_t>(random.below(2000000)) - 1000000;
        case 4:
            return static_cast<double>(random.below(100000)) / 64.0 - 700.0;
        case 5:
            return 1e300 / static_cast<double>(random.below(1000) + 1);
        default:
            return "true";  // text that reads like a boolean stays text: it is quoted
    }
}

}  // namespace

TEST_CASE("flat JSON objects give yaml-cpp's tree in every layout", "[yaml][flat_json]") {
    check_same_tree("{}");
    check_same_tree("{}\n");
    check_same_tree("{\n  \"mother.maternity_insured\": true,\n  \"parents.hukou_local\": true\n}");
    check_same_tree("{\"a\": 1, \"b\": null, \"c\": \"x\"}");
    check_same_tree("{  \"a\": -0.5e+10 ,\n\n \"\": \"\"  }  \n\n");
    check_same_tree("{\"k\": 0, \"k\": 1}");  // a repeated key is the readers' to report
    check_same_tree("{\"a\":1,\"b\":null,\"c\":\"x\",\"d\":true}");  // compact, as JSON.stringify
    check_same_tree("{\"a\":  1,\n\"b\":\n2}");
    Random random;
    for (int round = 0; round < 300; ++round) {
        nlohmann::json object = nlohmann::json::object();
        const std::uint64_t members = random.below(9);
        for (std::uint64_t k = 0; k < members; ++k) {
            object[random_text(random)] = random_value(random);
        }
        check_same_tree(object.dump());  // compact, as most clients send facts
        check_same_tree(object.dump(2));
        check_same_tree(object.dump(4));
    }
}

TEST_CASE("the flat JSON fast path leaves everything else to yaml-cpp", "[yaml][flat_json]") {
    for (const std::string text : {
             "",
             "a: 1",
             "{a: 1}",                        // a plain key
             "{\"a\" : 1}",                   // a blank before it
             " {\"a\": 1}",                   // a blank before the object
             "{\"a\": [1]}",                  // a sequence
             "{\"a\": {\"b\": 1}}",           // nesting
             "{\"a\": \"\\n\"}",              // an escape
             "{\"a\": \"\xE5\xAD\xA9\"}",     // UTF-8
             "{\"a\": \"\t\"}",               // a control character
             "{\"a\": yes}",                  // YAML words other than true, false and null
             "{\"a\": 01}",                   // not a JSON number
             "{\"a\": 1.}",                   //
             "{\"a\": .5}",                   //
             "{\"a\": 1e}",                   //
             "{\"a\": ~}",                    //
             "{\"a\": 1,}",                   // a trailing comma
             "{\"a\": 1} x",                  // text after the object
             "{\"a\": 1}\n{}",                //
             "{\"a\": 1\n",                   // unclosed
             "{\"a\": 1, # note\n\"b\": 2}",  // a comment
             "{\"a\":\t1}",                   // a tab
             "{\"a\": 1}\r\n",                // a carriage return
         }) {
        INFO(text);
        CHECK_FALSE(fast(text).has_value());
    }
    // A key longer than YAML's 1024 characters of an implicit key, and one just under the cap.
    CHECK_FALSE(fast("{\"" + std::string(1001, 'k') + "\": 1}").has_value());
    check_same_tree("{\"" + std::string(1000, 'k') + "\": 1}");
}

TEST_CASE("the flat JSON fast path stays within max_nodes and max_depth", "[yaml][flat_json]") {
    const std::string two = "{\"a\": 1, \"b\": 2}";  // 5 nodes
    Limits limits;
    limits.max_nodes = 5;
    CHECK(fast(two, limits).has_value());
    limits.max_nodes = 4;
    CHECK_FALSE(fast(two, limits).has_value());  // yaml-cpp's path reports where it passes
    std::vector<Diagnostic> diagnostics;
    CHECK_FALSE(parse_yaml("request.facts", two, limits, diagnostics).has_value());
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].code == "limit-nodes");
    limits = Limits{};
    limits.max_depth = 0;
    CHECK_FALSE(fast(two, limits).has_value());
}

// Unit tests of field patterns: which ones a catalog may hold (read as JSON Schema validators
// read them, ECMA-262 in Unicode mode), and RE2 matching what ECMA-262 matches, against the
// table of tests/data/patterns/agreement.json (which tests/form/check_patterns.py checks
// against Node's RegExp and Python's re).
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "load/pattern.hpp"
#include "onething/load.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::detail::compile_pattern;
using onething::detail::read_pattern;

TEST_CASE("patterns: the engine accepts and matches as the table says", "[patterns]") {
    std::ifstream file(std::string(ONETHING_TEST_DATA_DIR) + "/patterns/agreement.json");
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    const nlohmann::json table = nlohmann::json::parse(text.str());
    REQUIRE(table["patterns"].size() > 40);
    for (const nlohmann::json& row : table["patterns"]) {
        const std::string pattern = row["pattern"];
        INFO("pattern " << pattern);
        const auto reading = read_pattern(pattern);
        INFO("problem: " << reading.problem << "; RE2 form: " << reading.re2);
        // Read alike: neither refused (RE2) nor warned about (the ECMA-262 reading).
        const detail::PatternVerdict verdict = detail::judge_pattern(pattern);
        const bool accepted = verdict.refusal.empty() && verdict.warning.empty();
        CHECK(accepted == row["accepted"].get<bool>());
        if (!accepted || !row.contains("matches")) {
            continue;
        }
        const auto compiled = compile_pattern(pattern);
        REQUIRE(compiled != nullptr);
        for (const auto& [subject, expected] : row["matches"].items()) {
            INFO("text " << subject);
            CHECK(RE2::PartialMatch(subject, *compiled) == expected.get<bool>());
        }
    }
}

TEST_CASE("patterns: a refusal says what, where and how to write it", "[patterns]") {
    CHECK(read_pattern("^[[:alnum:]]{6}$").problem ==
          "'[' inside a class at character 3; escape it as \\[ (POSIX classes such as "
          "[:alnum:] are not ECMA-262: write [0-9A-Za-z])");
    CHECK(read_pattern("ab{,3}").problem ==
          "not a number after '{' at character 3; write {n}, {n,} or {n,m}, or escape '{' as "
          "\\{");
    CHECK(read_pattern("老王\\z").problem.starts_with("the escape \\z at character 3; "));
    CHECK(read_pattern("^a{2}").re2 == "^a{2}");
    CHECK(read_pattern("a.b").re2 == "a[^\\n\\r\\x{2028}\\x{2029}]b");
    // At load, located at the pattern: a warning, for a catalog that loaded before keeps
    // loading; answers are then checked as RE2 reads the pattern as written.
    const LoadResult loaded = testing::load_text(R"(
fields:
  f: {type: string, label: F, pattern: '^\pL+$'}
)");
    REQUIRE(loaded.ok());
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(format_diagnostic(loaded.diagnostics[0]) ==
          "test.yaml:3:31: warning: field 'f': pattern '^\\pL+$' is not read alike by JSON Schema "
          "validators (ECMA-262) and by the engine: the property escape \\p at character 2; "
          "Python's re (the jsonschema package) and others do not read it, and ECMA-262 and RE2 "
          "name scripts differently; list the characters as a class, e.g. [一-龥] (the form "
          "hands it on as written, and answers are checked as RE2 reads it) "
          "[pattern-not-portable]");
    const auto written = compile_pattern("^\\pL+$");
    REQUIRE(written != nullptr);
    CHECK(RE2::PartialMatch("名字", *written));
    // What RE2 refuses is an error: a backreference or a lookaround keeps RE2's reason (linear
    // time), other syntax gets the reading's how-to too.
    const auto message_of = [](const std::string& pattern) {
        const LoadResult result = testing::load_text(
            "fields:\n  f: {type: string, label: F, "
            "pattern: '" +
            pattern + "'}\n");
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].severity == Severity::error);
        return result.diagnostics[0].message;
    };
    CHECK(
        message_of("[ab").ends_with("which refuses it (missing ]: [ab); an unclosed class '[' at "
                                    "character 1; close it with ]"));
    CHECK(message_of("(?<=a)b").ends_with(
        "which refuses it (invalid perl operator: (?<); write it without backreferences or "
        "lookaround"));
    // In a narrowing too.
    const LoadResult narrowed = testing::load_text(R"(
fields:
  f: {type: string, label: F}
items:
  a: {name: A, needs: {fields: [{field: f, pattern: '\z'}]}}
)");
    REQUIRE(narrowed.ok());
    REQUIRE(narrowed.diagnostics.size() == 1);
    CHECK(narrowed.diagnostics[0].code == "pattern-not-portable");
    CHECK(narrowed.diagnostics[0].message.starts_with("item 'a' narrowing of 'f': pattern '\\z' "));
}

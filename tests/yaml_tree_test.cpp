// Unit tests for the compact YAML tree: positions, styles, aliases, limits and encoding checks.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "yaml/scalar_positions.hpp"
#include "yaml/yaml_tree.hpp"

using onething::Diagnostic;
using onething::Limits;
using namespace onething::detail;
using namespace std::string_view_literals;

namespace {

/// Parses `text` as "t.yaml", collecting diagnostics into `diagnostics`.
std::optional<YamlDocument> parse(std::string text, std::vector<Diagnostic>& diagnostics,
                                  const Limits& limits = {}) {
    return parse_yaml("t.yaml", std::move(text), limits, diagnostics);
}

/// Parses `text`, which must succeed without diagnostics.
YamlDocument parse_ok(std::string text, const Limits& limits = {}) {
    std::vector<Diagnostic> diagnostics;
    auto doc = parse(std::move(text), diagnostics, limits);
    for (const auto& d : diagnostics) {
        UNSCOPED_INFO(onething::format_diagnostic(d));
    }
    REQUIRE(doc.has_value());
    REQUIRE(diagnostics.empty());
    return std::move(*doc);
}

/// Parses `text`, which must fail with exactly one diagnostic; returns it.
Diagnostic parse_error(std::string text, const Limits& limits = {}) {
    std::vector<Diagnostic> diagnostics;
    auto doc = parse(std::move(text), diagnostics, limits);
    REQUIRE_FALSE(doc.has_value());
    REQUIRE(diagnostics.size() == 1);
    return diagnostics.front();
}

/// The value node for `key` in mapping `map` (the test fails when it is missing).
const YamlNode& get(const YamlDocument& doc, const YamlNode& map, std::string_view key) {
    REQUIRE(map.kind == YamlKind::mapping);
    for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
        if (doc.at(map.children[i]).value == key) {
            return doc.at(map.children[i + 1]);
        }
    }
    FAIL("no key " << key);
    return map;
}

/// The key node for `key` in mapping `map`.
const YamlNode& key_node(const YamlDocument& doc, const YamlNode& map, std::string_view key) {
    for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
        if (doc.at(map.children[i]).value == key) {
            return doc.at(map.children[i]);
        }
    }
    FAIL("no key " << key);
    return map;
}

/// The diagnostic's location as "line:column".
std::string where(const Diagnostic& d) {
    return std::to_string(d.location.line) + ":" + std::to_string(d.location.column);
}

/// The node's location as "line:column".
std::string where(const YamlNode& node) {
    return std::to_string(node.line) + ":" + std::to_string(node.column);
}

/// The encoding diagnostic for `bytes` (which must be refused).
Diagnostic encoding_error(std::string_view bytes) {
    auto problem = check_text_encoding("t.yaml", bytes);
    REQUIRE(problem.has_value());
    CHECK(problem->code == "encoding");
    CHECK(problem->location.file == "t.yaml");
    return *problem;
}

}  // namespace

TEST_CASE("keys and values have 1-based lines and character columns", "[yaml]") {
    const auto doc = parse_ok("name: widget\nitems:\n  - id: 1\n    label: x y\n");
    const YamlNode& root = doc.at(doc.root);
    CHECK(where(key_node(doc, root, "name")) == "1:1");
    CHECK(where(get(doc, root, "name")) == "1:7");
    CHECK(get(doc, root, "name").offset == 6);
    const YamlNode& items = get(doc, root, "items");
    CHECK(items.kind == YamlKind::sequence);
    CHECK(where(items) == "3:3");
    const YamlNode& item = doc.at(items.children.at(0));
    CHECK(where(item) == "3:5");
    CHECK(where(get(doc, item, "label")) == "4:12");
    CHECK(get(doc, item, "label").value == "x y");
    CHECK(doc.location_of(get(doc, item, "id")).file == "t.yaml");
    CHECK(doc.location_of(get(doc, item, "id")).line == 3);
    CHECK(doc.location_of(get(doc, item, "id")).column == 9);
}

TEST_CASE("columns count characters after multibyte UTF-8 text", "[yaml]") {
    const auto doc = parse_ok("标题: 中文标题\n说明: \"引号\"\nlist: [甲, 乙]\n");
    const YamlNode& root = doc.at(doc.root);
    CHECK(where(key_node(doc, root, "标题")) == "1:1");
    CHECK(where(get(doc, root, "标题")) == "1:5");
    CHECK(get(doc, root, "标题").offset == 8);
    CHECK(where(get(doc, root, "说明")) == "2:5");
    CHECK(get(doc, root, "说明").style == ScalarStyle::double_quoted);
    const YamlNode& list = get(doc, root, "list");
    CHECK(where(doc.at(list.children.at(0))) == "3:8");
    CHECK(where(doc.at(list.children.at(1))) == "3:11");
}

TEST_CASE("a UTF-8 byte order mark is not a character", "[yaml]") {
    const auto doc = parse_ok("\xEF\xBB\xBFkey: value\n名: v\n");
    const YamlNode& root = doc.at(doc.root);
    CHECK(where(key_node(doc, root, "key")) == "1:1");
    CHECK(key_node(doc, root, "key").offset == 3);
    CHECK(where(get(doc, root, "key")) == "1:6");
    CHECK(get(doc, root, "key").offset == 8);
    CHECK(where(get(doc, root, "名")) == "2:4");
    CHECK(column_of("\xEF\xBB\xBF"
                    "ab",
                    4) == 2);
    CHECK(column_of("a\r\nbc", 4) == 2);
    CHECK(column_of("a\rbc", 3) == 2);
    CHECK(column_of("中文x", 6) == 3);
    CHECK(column_of("ab", 99) == 3);
}

TEST_CASE("scalar styles come from the source text", "[yaml]") {
    const auto doc = parse_ok(
        "p: plain\ns: 'single'\nd: \"double\"\nl: |\n  line\nf: >\n  folded\n"
        "a: &x 'anchored'\nt: &y \"anchored\"\n");
    const YamlNode& root = doc.at(doc.root);
    CHECK(get(doc, root, "p").style == ScalarStyle::plain);
    CHECK(get(doc, root, "s").style == ScalarStyle::single_quoted);
    CHECK(get(doc, root, "s").value == "single");
    CHECK(get(doc, root, "d").style == ScalarStyle::double_quoted);
    CHECK(get(doc, root, "l").style == ScalarStyle::literal);
    CHECK(get(doc, root, "l").value == "line\n");
    CHECK(where(get(doc, root, "l")) == "4:4");
    CHECK(get(doc, root, "f").style == ScalarStyle::folded);
    CHECK(get(doc, root, "a").style == ScalarStyle::single_quoted);
    CHECK(where(get(doc, root, "a")) == "8:7");
    CHECK(get(doc, root, "t").style == ScalarStyle::double_quoted);
    CHECK(where(get(doc, root, "t")) == "9:7");
}

TEST_CASE("flow collections are flagged", "[yaml]") {
    const auto doc = parse_ok("a: [1, 2]\nb: {c: d}\ne:\n  - 1\nf:\n  g: h\n");
    const YamlNode& root = doc.at(doc.root);
    CHECK_FALSE(root.flow);
    CHECK(get(doc, root, "a").flow);
    CHECK(get(doc, root, "a").kind == YamlKind::sequence);
    CHECK(get(doc, root, "b").flow);
    CHECK(get(doc, root, "b").kind == YamlKind::mapping);
    CHECK_FALSE(get(doc, root, "e").flow);
    CHECK_FALSE(get(doc, root, "f").flow);
}

TEST_CASE("nulls", "[yaml]") {
    const auto doc = parse_ok("a: ~\nb: null\nc:\nd: 'null'\ne: NULL\n");
    const YamlNode& root = doc.at(doc.root);
    CHECK(get(doc, root, "a").kind == YamlKind::null);
    CHECK(where(get(doc, root, "a")) == "1:4");
    CHECK(get(doc, root, "b").kind == YamlKind::null);
    CHECK(get(doc, root, "c").kind == YamlKind::null);
    CHECK(where(get(doc, root, "c")) == "3:1");  // an empty value is placed at its key
    CHECK(get(doc, root, "d").kind == YamlKind::scalar);
    CHECK(get(doc, root, "d").value == "null");
    CHECK(get(doc, root, "e").kind == YamlKind::null);

    for (const char* text : {"", "# only a comment\n", "\xEF\xBB\xBF", "\n\n"}) {
        const auto empty = parse_ok(text);
        REQUIRE(empty.nodes.size() == 1);
        CHECK(empty.at(empty.root).kind == YamlKind::null);
        CHECK(where(empty.at(empty.root)) == "1:1");
    }
}

TEST_CASE("aliases are copied into a tree", "[yaml]") {
    const auto doc = parse_ok("base: &b {x: 1, y: [2, 3]}\nuse: *b\nname: &n hello\nagain: *n\n");
    const YamlNode& root = doc.at(doc.root);
    const YamlNode& base = get(doc, root, "base");
    const YamlNode& use = get(doc, root, "use");
    CHECK(use.kind == YamlKind::mapping);
    CHECK(use.flow);
    CHECK(where(use) == "2:6");  // the copy's root is where the alias is
    CHECK(&use != &base);
    CHECK(get(doc, use, "x").value == "1");
    const YamlNode& y = get(doc, use, "y");
    REQUIRE(y.children.size() == 2);
    CHECK(doc.at(y.children[1]).value == "3");
    CHECK(&y != &get(doc, base, "y"));
    CHECK(where(y) == where(get(doc, base, "y")));  // copied nodes keep their text's position
    CHECK(get(doc, root, "again").value == "hello");
    CHECK(get(doc, root, "again").kind == YamlKind::scalar);
    // every node but the root has exactly one parent
    std::vector<int> parents(doc.nodes.size(), 0);
    for (const auto& node : doc.nodes) {
        for (auto child : node.children) {
            REQUIRE(child < doc.nodes.size());
            ++parents[child];
        }
    }
    for (std::size_t i = 0; i < parents.size(); ++i) {
        CHECK(parents[i] == (i == doc.root ? 0 : 1));
    }
}

TEST_CASE("an alias inside its own anchored node is refused", "[yaml]") {
    auto d = parse_error("&a [*a]");
    CHECK(d.code == "recursive-alias");
    CHECK(d.message == "alias '*a' refers to a node that contains it");
    CHECK(where(d) == "1:5");
    d = parse_error("a: &top\n  b: [1, *top]\n");
    CHECK(d.code == "recursive-alias");
    CHECK(where(d) == "2:10");
}

TEST_CASE("billion laughs is refused quickly by max_alias_nodes", "[yaml]") {
    std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int level = 1; level <= 9; ++level) {
        const std::string prev = "*a" + std::to_string(level - 1);
        text += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
        for (int k = 0; k < 10; ++k) {
            text += (k ? ", " : "") + prev;
        }
        text += "]\n";
    }
    const auto started = std::chrono::steady_clock::now();
    const Diagnostic d = parse_error(text);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    CHECK(d.code == "limit-alias");
    CHECK(d.message.find("max_alias_nodes") != std::string::npos);
    CHECK(elapsed < std::chrono::seconds(2));
}

TEST_CASE("max_nodes: N nodes pass, N+1 fail", "[yaml]") {
    Limits limits;
    limits.max_nodes = 4;
    CHECK(parse_ok("[1, 2, 3]", limits).nodes.size() == 4);
    const Diagnostic d = parse_error("[1, 2, 3, 4]", limits);
    CHECK(d.code == "limit-nodes");
    CHECK(where(d) == "1:11");
    // copies count too
    limits.max_nodes = 7;
    CHECK(parse_ok("[&a [1, 2], *a]", limits).nodes.size() == 7);
    CHECK(parse_error("[&a [1, 2], *a, x]", limits).code == "limit-nodes");
}

TEST_CASE("a plain scalar's continuation line after a tab is no flow collection", "[yaml]") {
    // The flow pre-scan once read `[` and `,` on such a line as flow nodes and refused a file
    // within max_nodes (found by the load fuzz target).
    Limits limits;
    limits.max_nodes = 1;
    const auto top = parse_ok("a\n\t[b, c, d]\n", limits);
    CHECK(top.at(top.root).value == "a [b, c, d]");
    limits.max_nodes = 3;
    const auto value = parse_ok("k: a\n \t[b, {c, d}]\n", limits);
    CHECK(get(value, value.at(value.root), "k").value == "a [b, {c, d}]");
}

TEST_CASE("a scalar on its own line goes on at any indentation past its parent", "[yaml]") {
    // The flow pre-scan once took the scalar's own indentation for its parent's and counted
    // `[` and `,` on a less indented continuation line (found by the load fuzz target).
    Limits limits;
    limits.max_nodes = 1;
    const auto top = parse_ok(" v\n[a, b, c]\n", limits);
    CHECK(top.at(top.root).value == "v [a, b, c]");
    limits.max_nodes = 3;
    const auto value = parse_ok("k:\n    v\n  [a, b, c, d, e]\n", limits);
    CHECK(get(value, value.at(value.root), "k").value == "v [a, b, c, d, e]");
}

TEST_CASE("the value of an empty key goes on only on lines indented past the key", "[yaml]") {
    // The flow pre-scan once took `: o` for a scalar beginning its line, read the next line,
    // not indented, as its continuation and counted the `{` there, past a quote that never
    // closes (found by the load fuzz target): the quote is now seen and the file refused at it.
    const Diagnostic d = parse_error(": o\n': {{{{{{\n");
    CHECK(d.message.starts_with("this quoted text has no closing quote"));
    CHECK(where(d) == "2:1");
    Limits limits;
    limits.max_nodes = 3;
    const auto value = parse_ok(": o\n [a]\n", limits);  // indented: a continuation
    CHECK(value.at(value.root).kind == YamlKind::mapping);
    // A scalar beginning its own line inside a root collection goes on only on lines indented
    // past that collection, not on any line (as a root scalar does).
    const Diagnostic own_line = parse_error(":\n a\n': {{{{{{\n");
    CHECK(own_line.message.starts_with("this quoted text has no closing quote"));
    CHECK(where(own_line) == "3:1");
}

TEST_CASE("max_depth: depth N passes, N+1 fails", "[yaml]") {
    Limits limits;
    limits.max_depth = 3;
    parse_ok("[[[1]]]", limits);
    parse_ok("a:\n  b:\n    c: 1\n", limits);
    Diagnostic d = parse_error("[[[[1]]]]", limits);
    CHECK(d.code == "limit-depth");
    CHECK(where(d) == "1:4");
    d = parse_error("a:\n  b:\n    c:\n      d: 1\n", limits);
    CHECK(d.code == "limit-depth");
    CHECK(where(d) == "4:7");
    // an alias copy counts with its own nesting
    parse_ok("a: &x [[1]]\nb: *x\n", limits);
    d = parse_error("a: &x [[1]]\nb: [*x]\n", limits);
    CHECK(d.code == "limit-depth");
    CHECK(where(d) == "2:5");
}

TEST_CASE("very deep nesting is refused without crashing", "[yaml]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(parse_error(deep).code == "limit-depth");
    Limits limits;
    limits.max_depth = 1000000;  // then yaml-cpp's own guard answers, as a limit too
    const Diagnostic guard = parse_error(deep, limits);
    CHECK(guard.code == "limit-depth");
    CHECK(guard.message.find("deeper than the YAML parser supports") != std::string::npos);
}

TEST_CASE("max_alias_nodes: N pass, N+1 fail", "[yaml]") {
    Limits limits;
    limits.max_alias_nodes = 6;
    parse_ok("a: &x [1, 2]\nb: *x\nc: *x\n", limits);
    limits.max_alias_nodes = 5;
    const Diagnostic d = parse_error("a: &x [1, 2]\nb: *x\nc: *x\n", limits);
    CHECK(d.code == "limit-alias");
    CHECK(where(d) == "3:4");
    CHECK(d.message.find("'*x'") != std::string::npos);
}

TEST_CASE("max_file_bytes: N bytes pass, N+1 fail", "[yaml]") {
    const std::string text = "key: value\n";  // 11 bytes
    Limits limits;
    limits.max_file_bytes = 11;
    parse_ok(text, limits);
    limits.max_file_bytes = 10;
    const Diagnostic d = parse_error(text, limits);
    CHECK(d.code == "limit-file-size");
    CHECK(d.message == "file is 11 bytes, more than the limit of 10 (max_file_bytes)");
    CHECK(d.location.file == "t.yaml");
    CHECK(where(d) == "1:1");
}

TEST_CASE("syntax errors are located", "[yaml]") {
    Diagnostic d = parse_error("a: [1, 2");
    CHECK(d.code == "syntax");
    CHECK(d.message ==
          "end of sequence flow not found; the '[' at line 1, column 4 is never closed: end it "
          "with ']'");
    CHECK(where(d) == "1:9");
    d = parse_error("名前: [1, 2");
    CHECK(where(d) == "1:10");
    d = parse_error("a: 1\nb: *nowhere\n");
    CHECK(d.code == "syntax");
    CHECK(d.location.line == 2);
    for (const char* junk : {"{[", "? ? ?", "]", "a: 'x", "- a\nb: c", "\t- x", "&a", "*a"}) {
        std::vector<Diagnostic> diagnostics;
        auto doc = parse(junk, diagnostics);
        CHECK((doc.has_value() || !diagnostics.empty()));
    }
}

TEST_CASE("a key longer than YAML reads without '?' is named at the key", "[yaml]") {
    // yaml-cpp reads a key written without `?` up to 1,024 bytes from its start to its `:`.
    const std::string at_limit(1022, 'k');  // "k…k" with its quotes: 1,024 bytes
    const std::string over(1023, 'k');
    CHECK(parse_ok("{\"" + at_limit + "\": 1}").nodes.size() == 3);
    CHECK(parse_ok(at_limit + "kk: 1\n").nodes.size() == 3);  // a plain key of 1,024
    const std::string message =
        "this mapping key is longer than the 1024 characters YAML allows a key written without "
        "'?' (JSON has no such limit, but documents are read as YAML); no id, and no key of "
        "rule files, facts or answers, is longer than 128 characters";
    for (const auto& [text, place] : std::vector<std::pair<std::string, std::string>>{
             {"{\"" + over + "\": 1}", "1:2"},                       // JSON
             {"{\"a\": {\"b\": 1, \"" + over + "\" : 2}}", "1:16"},  // nested, a blank first
             {"[\"" + over + "\": 1]", "1:2"},                       // a pair in a sequence
             {"x:\n  - '" + over + "': 1\n", "2:5"},                 // single-quoted, block
             {over + "kk: 1\n", "1:1"}}) {                           // plain, 1,025
        const Diagnostic d = parse_error(text);
        CHECK(d.code == "syntax");
        CHECK(d.message == message);
        CHECK(where(d) == place);
    }
    // Written with `?`, a key of any length is read; other syntax errors keep their words.
    CHECK(parse_ok("{? \"" + over + over + "\": 1}").nodes.size() == 3);
    CHECK(parse_ok("? " + over + over + "\n: 1\n").nodes.size() == 3);
    CHECK(parse_error("{\"" + at_limit + "\": [1}").message.starts_with("illegal flow end; "));
}

TEST_CASE("yaml-cpp's syntax errors say what usually causes them and how to mend it", "[yaml]") {
    const auto message = [](const std::string& text) { return parse_error(text).message; };
    // Brackets: the one left open, the one a closer does not match, a closer with no opener.
    CHECK(message("a: {b: 1\nc: 2\n") ==
          "end of map flow not found; the '{' at line 1, column 4 is never closed: end it with "
          "'}'");
    CHECK(message("a: [b, [c]\n") ==
          "end of sequence flow not found; the '[' at line 1, column 4 is never closed: end it "
          "with ']'");
    CHECK(message("a: {b: [c}\n") ==
          "illegal flow end; this '}' comes while the '[' at line 1, column 8 is still open: "
          "close that with ']' first");
    CHECK(message("a: {b: c}}\n") == "illegal flow end; this '}' closes no '{': remove it");
    // A closing bracket hidden in a quote that never closes, or in a comment, is named so.
    CHECK(message("a: {b: 'it''s}\n") ==
          "end of map flow not found; the quote at line 1, column 8 never closes, so neither does "
          "the '{' at line 1, column 4: end the text with the quote it starts with");
    CHECK(message("a: {b: A #1}\n") ==
          "end of map flow not found; the '#' at line 1, column 10 starts a comment (a '#' after "
          "a space does), which hides the rest of its line and the '}' there: put the text in "
          "quotes");
    CHECK(message("a: ]\n") == "illegal flow end; this ']' closes no '[': remove it");
    // A colon inside plain text, a reserved first character, a bad escape, a missing anchor.
    CHECK(message("name: A: B\n") ==
          "illegal map value; a ': ' here would start a mapping where none can: if it belongs to "
          "a text, put the whole text in quotes (name: \"A: B\"), else check the indentation");
    CHECK(message("a: @b\n") ==
          "unknown token; YAML reserves '@': text that starts with it must be in quotes");
    CHECK(message("a: `b\n") ==
          "unknown token; YAML reserves '`': text that starts with it must be in quotes");
    CHECK(message("a: \"C:\\new\\q\"\n") ==
          "unknown escape character: q; in double quotes a backslash starts an escape (\\n, "
          "\\t, \\\", \\\\, \\u4e00): write \\\\ for a backslash, or put the text in single "
          "quotes");
    CHECK(message("a: *b\n") ==
          "the referenced anchor is not defined; no anchor '&b' comes before the alias '*b' in "
          "this file: write the anchor before every alias of it (anchors do not reach across "
          "files)");
    CHECK(message("q: {en: Born here?}\n") ==
          "unknown token; the YAML reader cannot read this '?' inside [ ] or { }: put the text in "
          "quotes ({en: 'Born here?'})");
    CHECK(message("a: %x\n") ==
          "unknown token; YAML reserves '%': text that starts with it must be in quotes");
    CHECK(message("%YAML 2.0\n---\na: 1\n") ==
          "YAML major version too large; files are read as YAML 1.2: write '%YAML 1.2' or leave "
          "the directive out");
    CHECK(message("a:\n  b: 1\n c: 2\n") ==
          "end of map not found; check the indentation: the keys of one mapping (or the '- ' of "
          "one list) start in the same column, and a key's value is indented further than the "
          "key");
    // A tab in the indentation is named instead of the indentation hint, which it explains.
    CHECK(message("a:\n\tb: A: B\n")
              .ends_with("; line 2 is indented with a tab: YAML indents with spaces only"));
    CHECK(message("a:\n\tb: A: B\n").find("quotes") == std::string::npos);
    // A tab inside a block scalar's content is text, not indentation: not named.
    const std::string in_block = message("a: |\n  x\n  \ty\nb:\n  c: A: B\n");
    CHECK(in_block.find("tab") == std::string::npos);
    CHECK(message("a:\n  - >-  # note\n     \tcode\n  - b: A: B\n").find("tab") ==
          std::string::npos);
    // The block ends at a line indented no further than its header: a tab there is named.
    CHECK(message("a: |\n  x\n\tb: A: B\n")
              .ends_with("; line 3 is indented with a tab: YAML indents with spaces only"));
    // Plain text ending in ` |` opens no block scalar.
    CHECK(message("a: b |\n  \tc: A: B\n")
              .ends_with("; line 2 is indented with a tab: YAML indents with spaces only"));
    // A message the hints do not know keeps yaml-cpp's words alone.
    CHECK(message("a: |x\n") == "unexpected character in block scalar");
}

TEST_CASE("only one document per file", "[yaml]") {
    const Diagnostic d = parse_error("a: 1\n---\nb: 2\n");
    CHECK(d.code == "multiple-documents");
    CHECK(where(d) == "2:1");
    CHECK(parse_error("a: 1\n---\n").code == "multiple-documents");
    parse_ok("---\na: 1\n...\n");
}

TEST_CASE("encoding errors are located at the first bad byte", "[yaml]") {
    Diagnostic d = encoding_error("a: x\nb: \xff\n");
    CHECK(d.message == "invalid UTF-8 byte 0xff");
    CHECK(where(d) == "2:4");
    d = encoding_error("名前: \x80");
    CHECK(d.message == "invalid UTF-8 byte 0x80");
    CHECK(where(d) == "1:5");
    CHECK(encoding_error("x\xf5\x80\x80\x80").message == "invalid UTF-8 byte 0xf5");
    d = encoding_error("ab\xc0\xaf");
    CHECK(d.message.find("overlong") != std::string::npos);
    CHECK(where(d) == "1:3");
    CHECK(encoding_error("\xe0\x80\xaf").message.find("overlong") != std::string::npos);
    CHECK(encoding_error("\xf0\x80\x80\xaf").message.find("overlong") != std::string::npos);
    d = encoding_error("a\n\xed\xa0\x80");
    CHECK(d.message.find("surrogate U+D800") != std::string::npos);
    CHECK(where(d) == "2:1");
    CHECK(encoding_error("\xf4\x90\x80\x80").message.find("U+110000") != std::string::npos);
    d = encoding_error("ok: \xe4\xb8");
    CHECK(d.message == "truncated UTF-8 sequence starting with byte 0xe4");
    CHECK(where(d) == "1:5");
    CHECK(encoding_error("\xe4\xb8x").message.find("truncated") != std::string::npos);
    d = encoding_error("a: b\nc: \0"sv);
    CHECK(d.message == "NUL byte (0x00) is not allowed");
    CHECK(where(d) == "2:4");
    d = encoding_error("名前: \x07");
    CHECK(d.message == "control character 0x07 is not allowed");
    CHECK(where(d) == "1:5");
    CHECK(encoding_error("a\x7f").message == "control character 0x7f is not allowed");
    CHECK(encoding_error("a\xc2\x85").message == "control character U+0085 is not allowed");
    d = encoding_error(
        "\xEF\xBB\xBF"
        "ab\x01");
    CHECK(where(d) == "1:3");
    d = encoding_error("a\r\nb\x1b");
    CHECK(where(d) == "2:2");
    d = encoding_error("a\rb\x1b");
    CHECK(d.message.find("carriage return") != std::string::npos);
    CHECK(where(d) == "1:2");
    d = encoding_error(
        "\xff\xfe"
        "a\0"sv);
    CHECK(d.message == "file starts with a UTF-16 byte order mark; save it as UTF-8");
    CHECK(where(d) == "1:1");
    CHECK(encoding_error("\xfe\xff\0a"sv).message.find("UTF-16") != std::string::npos);
    CHECK(encoding_error("\0\0\xfe\xff"sv).message.find("UTF-32") != std::string::npos);
    d = encoding_error("a: \xEF\xBB\xBF");
    CHECK(d.message.find("byte order mark") != std::string::npos);
    CHECK(where(d) == "1:4");

    CHECK_FALSE(check_text_encoding("t.yaml",
                                    "\xEF\xBB\xBF"
                                    "a:\tb\r\n中文 😀\n")
                    .has_value());
    CHECK_FALSE(check_text_encoding("t.yaml", "\xf4\x8f\xbf\xbf \xef\xbf\xbd").has_value());
    const Diagnostic parsed = parse_error("a: \x01");
    CHECK(parsed.code == "encoding");
    CHECK(where(parsed) == "1:4");
}

TEST_CASE("scalar value positions follow escapes, doubled quotes and folded lines", "[yaml]") {
    const auto doc = parse_ok(
        "p: hello world\n"
        "s: 'it is here'\n"
        "d: \"say \\\"hi\\\" now\"\n"
        "q: 'it''s here'\n"
        "c: 中文 x\n"
        "l: |\n  block text\n"
        "m: foo\n  bar baz\n"
        "e: \"ab\\tcd\"\n"
        "u: \"\\u00e9t\\u00e9 x\"\n");
    const YamlNode& root = doc.at(doc.root);
    auto inside = [&](std::string_view key, std::size_t offset) -> std::string {
        const auto positions = scalar_value_positions(doc, get(doc, root, key));
        if (offset >= positions.size()) {
            return "none";
        }
        return std::to_string(positions[offset].line) + ":" +
               std::to_string(positions[offset].column);
    };
    CHECK(inside("p", 0) == "1:4");
    CHECK(inside("p", 6) == "1:10");
    CHECK(inside("p", 11) == "1:15");  // the end
    CHECK(inside("p", 12) == "none");  // beyond the end
    CHECK(inside("s", 3) == "2:8");
    CHECK(get(doc, root, "d").value == "say \"hi\" now");
    CHECK(inside("d", 2) == "3:7");
    CHECK(inside("d", 4) == "3:9");   // the escaped quote: at its backslash
    CHECK(inside("d", 6) == "3:12");  // after an escape
    CHECK(inside("q", 1) == "4:6");
    CHECK(inside("q", 2) == "4:7");   // a doubled quote: at its first
    CHECK(inside("q", 4) == "4:10");  // after it
    CHECK(inside("c", 6) == "5:6");   // after two Chinese characters
    CHECK(inside("l", 3) == "7:6");   // a block scalar: on its own lines
    CHECK(get(doc, root, "m").value == "foo bar baz");
    CHECK(inside("m", 2) == "8:6");
    CHECK(inside("m", 4) == "9:3");  // folded onto the next line
    CHECK(inside("m", 8) == "9:7");
    CHECK(inside("e", 1) == "10:6");
    CHECK(inside("e", 2) == "10:7");  // the tab: at its backslash
    CHECK(inside("e", 3) == "10:9");
    CHECK(get(doc, root, "u").value == "\u00e9t\u00e9 x");
    CHECK(inside("u", 1) == "11:5");                   // the second byte of é, at its escape
    CHECK(inside("u", 2) == "11:11");                  // t
    CHECK(inside("u", 6) == "11:19");                  // x
    CHECK(scalar_value_positions(doc, root).empty());  // not a scalar

    // A quoted scalar folded onto a line without indentation, and a plain one ending the file
    // without a line break: the table is followed to the end of each.
    const auto folded = parse_ok("f: \"ab\ncd\"\ng: x &&\n  y");
    const YamlNode& top = folded.at(folded.root);
    const auto f = scalar_value_positions(folded, get(folded, top, "f"));
    REQUIRE(get(folded, top, "f").value == "ab cd");
    REQUIRE(f.size() == 6);
    CHECK((f[2].line == 1 && f[2].column == 7));  // the folded break, at its end of line
    CHECK((f[3].line == 2 && f[3].column == 1));  // c, at the start of the next line
    const auto g = scalar_value_positions(folded, get(folded, top, "g"));
    REQUIRE(get(folded, top, "g").value == "x && y");
    REQUIRE(g.size() == 7);
    CHECK((g[5].line == 4 && g[5].column == 3));  // y
    CHECK((g[6].line == 4 && g[6].column == 4));  // the end, past the file's last character
}

TEST_CASE("escapes cannot bring in characters the file could not hold raw", "[yaml]") {
    const std::pair<const char*, const char*> refused[] = {
        {R"(\e)", "control character U+001B"},   {R"(\0)", "control character U+0000"},
        {R"(\a)", "control character U+0007"},   {R"(\r)", "control character U+000D"},
        {R"(\x7f)", "control character U+007F"}, {R"(\u0085)", "control character U+0085"},
        {R"(\N)", "control character U+0085"},   {R"(\uFEFF)", "byte order mark (U+FEFF)"}};
    for (const auto& [escape, what] : refused) {
        INFO(escape);
        const Diagnostic error = parse_error(std::string("name: \"A") + escape + "B\"\n");
        CHECK(error.code == "encoding");
        CHECK(error.message ==
              std::string(what) + ", written as an escape, is not allowed; remove it");
        CHECK(error.location.line == 1);
        CHECK(error.location.column == 7);
    }
    // Tab, line feed and any other character may be escaped.
    const YamlDocument doc = parse_ok("a: \"x\\ty\\nz \\u4e2d\\u00e9\"\nb: 'a\\eb'\n");
    CHECK(doc.nodes[doc.nodes[0].children[1]].value == "x\ty\nz 中é");
    CHECK(doc.nodes[doc.nodes[0].children[3]].value == "a\\eb");  // single quotes: no escapes
    // `\_` is U+00A0 in UTF-8, as `\xa0` and `\u00a0` are (yaml-cpp alone gives the lone byte
    // 0xA0, which is not UTF-8), whatever is around it.
    const YamlDocument spaces = parse_ok("a: \"\\_x\\_\\xa0\\u00a0\\_é\\_\"\n");
    CHECK(spaces.nodes[spaces.nodes[0].children[1]].value ==
          "\u00a0x\u00a0\u00a0\u00a0\u00a0é\u00a0");
}

TEST_CASE("surrogate-pair escapes decode to one character and keep positions", "[yaml]") {
    // U+20000 (a CJK Extension B character) as JSON writes it: two \u escapes.
    const auto doc = parse_ok(
        "flow: {\"name\": \"\\ud840\\udc00\\uD87E\\uDC04x\", \"next\": 1}\n"
        "plain: \\ud840\\udc00\n"
        "single: '\\ud840\\udc00'\n"
        "block: |\n  \"\\ud840\\udc00\"\n"
        "after: \"\\U00020000\"  # \"\\ud840\\udc00\"\n");
    const YamlNode& root = doc.at(doc.root);
    const YamlNode& flow = get(doc, root, "flow");
    CHECK(get(doc, flow, "name").value == "\xF0\xA0\x80\x80\xF0\xAF\xA0\x84x");
    CHECK(where(key_node(doc, flow, "next")) == "1:45");
    CHECK(where(get(doc, flow, "next")) == "1:53");
    CHECK(get(doc, root, "plain").value == "\\ud840\\udc00");  // escapes only in "..."
    CHECK(get(doc, root, "single").value == "\\ud840\\udc00");
    CHECK(get(doc, root, "block").value == "\"\\ud840\\udc00\"\n");
    CHECK(where(get(doc, root, "after")) == "6:8");
    CHECK(get(doc, root, "after").value == "\xF0\xA0\x80\x80");
    // An error past a pair on the same line is located in the document, not the rewritten copy.
    const Diagnostic d = parse_error("[\"\\ud840\\udc00\", \"\\ud840\\udc00\", ]]\n");
    CHECK(where(d) == "1:35");  // the stray `]`
    // Half a pair is refused, saying how to write the character.
    const Diagnostic half = parse_error("a: \"\\ud840x\"\n");
    CHECK(half.message.find("must be a high one followed by a low one") != std::string::npos);
    CHECK(parse_error("a: \"\\udc00\\ud840\"\n").code == "syntax");
}

TEST_CASE("explicit tags are refused at the tag", "[yaml]") {
    Diagnostic d = parse_error("a: !!str true\n");
    CHECK(d.message.find("explicit tag '!!str' is not supported") != std::string::npos);
    CHECK(where(d) == "1:4");
    CHECK(parse_error("a: ! 12\n").message.find("explicit tag '!'") != std::string::npos);
    CHECK(parse_error("a: !x [1]\n").message.find("explicit tag '!x'") != std::string::npos);
    CHECK(where(parse_error("a:\n  b: !!map {}\n")) == "2:6");
    const auto doc = parse_ok("a: &x '!!str true'\nb: \"!\"\nc: *x\n");
    CHECK(get(doc, doc.at(doc.root), "c").value == "!!str true");
}

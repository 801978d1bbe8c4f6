// JSON requests whose documents (facts, answers, shared) nest far deeper than any reader reads:
// the same located error as at the first level too deep, never a crash or an outsized copy; and
// a key written twice in one object, refused at the object.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/load.hpp"
#include "onething/request.hpp"
#include "test_support.hpp"

using namespace onething;

namespace {

/// The shipped catalog, loaded once.
const LoadResult& shipped() {
    static const LoadResult loaded = [] {
        const std::vector<std::string> paths{ONETHING_RULES_DIR};
        return load_catalog(paths);
    }();
    return loaded;
}

/// `{"a": ` ... `1` ... `}` nested `depth` objects deep.
std::string nested_objects(std::size_t depth) {
    std::string text;
    text.reserve(6 * depth + 1);
    for (std::size_t level = 0; level < depth; ++level) {
        text += "{\"a\": ";
    }
    text += '1';
    text.append(depth, '}');
    return text;
}

/// `{"a": [[...[1]...]]}`: an object holding arrays, `depth` levels in all.
std::string nested_arrays(std::size_t depth) {
    return "{\"a\": " + std::string(depth - 1, '[') + "1" + std::string(depth - 1, ']') + "}";
}

/// The first diagnostic about document `key` (else the first of all) of a request for bundle
/// child-birth whose `key` is `document`.
Diagnostic first_problem(const std::string& command, const std::string& key,
                         const std::string& document, const Limits& limits = {}) {
    std::string body = R"({"command": ")" + command + R"(", "bundle": "child-birth", )";
    if (key != "facts") {
        body += R"("facts": {"mother.maternity_insured": true, "parents.hukou_local": true}, )";
    }
    if (key == "shared") {
        body += R"("answers": {}, )";  // a dispatch request has answers
    }
    body += "\"" + key + "\": " + document + "}";
    Response response;
    try {
        const Request request = request_from_json(body, limits);
        if (key == "shared") {  // read alone: dispatch reads it after complete answers
            read_shared(shipped().catalog, *request.shared, limits);
            FAIL("the shared document was read");
        }
        response = respond(shipped(), request);
    } catch (const InputError& error) {
        response.diagnostics = error.diagnostics();
        response.outcome = Outcome::usage;
    }
    REQUIRE_FALSE(response.ok());
    REQUIRE_FALSE(response.diagnostics.empty());
    for (const Diagnostic& diagnostic : response.diagnostics) {
        if (diagnostic.location.file == "request." + key) {
            return diagnostic;
        }
    }
    return response.diagnostics.front();
}

/// Checks that two diagnostics say the same at the same place.
void same(const Diagnostic& got, const Diagnostic& expected) {
    CHECK(format_diagnostic(got) == format_diagnostic(expected));
}

}  // namespace

TEST_CASE("a request document nested past max_depth is refused where it first goes too deep",
          "[request][json]") {
    REQUIRE(shipped().ok());
    const Limits defaults;
    REQUIRE(defaults.max_depth == 64);
    for (const auto& [command, key] : std::vector<std::pair<std::string, std::string>>{
             {"plan", "facts"}, {"dispatch", "answers"}, {"dispatch", "shared"}}) {
        INFO(command << " " << key);
        const Diagnostic at_limit = first_problem(command, key, nested_objects(64));
        CHECK(at_limit.code != "limit-depth");  // 64 levels are read (and refused otherwise)
        const Diagnostic first_too_deep = first_problem(command, key, nested_objects(65));
        CHECK(first_too_deep.code == "limit-depth");
        CHECK(first_too_deep.location.file == "request." + key);
        CHECK(first_too_deep.message ==
              "nesting depth 65 is more than the limit of 64 (max_depth)");
        // 170,000 levels, a body of 1.2 MB: the same error at the same place (the reader stops
        // at the first level too deep, as it does in a facts file of the command line).
        same(first_problem(command, key, nested_objects(1000)), first_too_deep);
        same(first_problem(command, key, nested_objects(170000)), first_too_deep);
        const Diagnostic arrays = first_problem(command, key, nested_arrays(65));
        CHECK(arrays.code == "limit-depth");
        same(first_problem(command, key, nested_arrays(500000)), arrays);
    }
}

TEST_CASE("a request document past the YAML parser's own depth is refused at any max_depth",
          "[request][json]") {
    Limits deep;
    deep.max_depth = 1000000;
    // The reader is handed the document as written, as a facts file of the command line is:
    // yaml-cpp stops at about 500 levels, where it stops, whatever max_depth says.
    for (const std::size_t depth : {600, 1024, 1025, 170000}) {
        const Diagnostic parser_limit = first_problem("plan", "facts", nested_objects(depth), deep);
        CHECK(parser_limit.code == "limit-depth");
        CHECK(parser_limit.location.file == "request.facts");
        CHECK(parser_limit.location.line == 1);
        CHECK(parser_limit.message.find("YAML parser") != std::string::npos);
        CHECK(parser_limit.message ==
              first_problem("plan", "facts", nested_objects(600), deep).message);
    }
}

TEST_CASE("a request document is read as it was written: places, limits and messages",
          "[request][json]") {
    REQUIRE(shipped().ok());
    const std::string facts = "{\"parents.hukou_local\":  18446744073709551616}";
    const std::string body =
        R"({"command": "plan", "bundle": "child-birth", "facts": )" + facts + "}";
    Response response = respond(shipped(), request_from_json(body));
    REQUIRE_FALSE(response.diagnostics.empty());
    // The column is the value's within the facts as sent, and the value is quoted as written.
    CHECK(format_diagnostic(response.diagnostics.front()) ==
          "request.facts:1:26: error: fact 'parents.hukou_local' must be true or false, not "
          "'18446744073709551616' [invalid-fact]");
    // max_file_bytes counts the bytes sent: the facts at the limit are read, one over refused.
    Limits limits;
    limits.max_file_bytes = facts.size();
    CHECK(respond(shipped(), request_from_json(body, limits)).diagnostics.front().code ==
          "invalid-fact");
    limits.max_file_bytes = facts.size() - 1;
    CHECK(respond(shipped(), request_from_json(body, limits)).diagnostics.front().code ==
          "limit-file-size");
    // A key written with escapes is found as the key it names.
    const Request escaped = request_from_json(
        R"({"command": "plan", "bundle": "child-birth", "f\u0061cts": {"a": 1}})");
    REQUIRE(escaped.facts_file);
    CHECK(escaped.facts_file->content == R"({"a": 1})");
}

namespace {

/// The formatted diagnostics of the InputError reading `body` throws (request_from_json or,
/// with `load`, load_request_from_json), or {} when it throws none.
std::vector<std::string> refusal(const std::string& body, bool load = false) {
    return testing::input_error_messages([&] {
        if (load) {
            load_request_from_json(body);
        } else {
            request_from_json(body);
        }
    });
}

}  // namespace

TEST_CASE("a key written twice in one object of a JSON request is refused where it is",
          "[request][json]") {
    // The JSON library would keep one of the two values silently, where the command line
    // refuses a facts or answers file with a repeated key.
    CHECK(refusal(R"({"command": "plan", "bundle": "a", "bundle": "b"})") ==
          std::vector<std::string>{"request: error: duplicate key 'bundle' in request; a key may "
                                   "be written once in an object [duplicate-key]"});
    // Inside facts, answers or shared, the reader of the value refuses it as it refuses a facts
    // or answers file of the command line: its words, at the line and column within the value.
    const auto answered = [](const std::string& body) {
        std::vector<std::string> errors;
        for (const Diagnostic& diagnostic :
             respond(shipped(), request_from_json(body)).diagnostics) {
            errors.push_back(format_diagnostic(diagnostic));
        }
        return errors;
    };
    CHECK(answered(R"({"command": "plan", "bundle": "child-birth",
                       "facts": {"parents.hukou_local": true, "parents.hukou_local": false}})") ==
          std::vector<std::string>{
              "request.facts:1:31: error: duplicate key 'parents.hukou_local' in the facts (first "
              "defined at line 1, column 2) [duplicate-key]"});
    const auto in_answers = answered(R"({"command": "dispatch", "bundle": "child-birth",
        "facts": {"parents.hukou_local": true, "mother.maternity_insured": true},
        "answers": {"bank": {"account_number": "1",
                             "account_number": "2"}}})");
    CHECK(std::count(in_answers.begin(), in_answers.end(),
                     "request.answers:2:30: error: duplicate key 'account_number' in group 'bank' "
                     "(first defined at line 1, column 11) [duplicate-key]") == 1);
    CHECK(refusal(R"({"sources": [{"name": "a.yaml", "content": "", "name": "b.yaml"}]})", true) ==
          std::vector<std::string>{
              "request.sources[]: error: duplicate key 'name' in request.sources[]; a key may be "
              "written once in an object [duplicate-key]"});
    // The same key in two objects, or an object closed and another opened, is no repeat.
    CHECK(refusal(R"({"command": "dispatch", "bundle": "child-birth", "facts": {},
                      "answers": {"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]}})")
              .empty());
    // A long key is quoted by its start, in the message and in the path.
    const std::string key(300, 'k');
    const auto long_key = refusal(R"({"command": "dispatch", "bundle": "child-birth",
                      "lang": {")" +
                                  key + R"(": {"x": 1, "x": 2}}})");
    REQUIRE(long_key.size() == 1);
    CHECK(long_key[0].find("request.lang." + key.substr(0, 200) + "…: error:") == 0);
    const auto long_repeat =
        refusal(R"({"command": "plan", "lang": {")" + key + R"(": 1, ")" + key + R"(": 2}})");
    REQUIRE(long_repeat.size() == 1);
    CHECK(long_repeat[0].find("'" + key.substr(0, 200) + "…' (300 bytes) in request.lang") !=
          std::string::npos);
}

TEST_CASE("a repeat after many objects is named in one pass over the body", "[request][json]") {
    // 300,000 objects before the repeated key: a reader that walked the objects already read
    // each time one closes (what the JSON library's callback parser does) takes over 12 s even
    // optimized; one pass takes well under a second. The bound guards the pass, not a speed.
    std::string body = R"({"command": "plan", "facts": {}, "lang": [)";
    for (int n = 0; n < 300'000; ++n) {
        body += n == 0 ? "{}" : ",{}";
    }
    body += R"(], "bundle": "a", "bundle": "b"})";
    const auto start = std::chrono::steady_clock::now();
    CHECK(refusal(body) ==
          std::vector<std::string>{"request: error: duplicate key 'bundle' in request; a key may "
                                   "be written once in an object [duplicate-key]"});
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("a request's null facts, answers or shared data is read as none given",
          "[request][json]") {
    for (const char* key : {"facts", "answers", "shared"}) {
        INFO(key);
        const Request request = request_from_json(
            std::string(R"({"command": "plan", "bundle": "child-birth", ")") + key + R"(": null})");
        CHECK_FALSE(request.facts_file);
        CHECK_FALSE(request.answers);
        CHECK_FALSE(request.shared);
    }
    CHECK(refusal(R"({"command": "dispatch", "bundle": "child-birth", "answers": null})") ==
          std::vector<std::string>{"request: error: request field 'answers': null, which is no "
                                   "answers; dispatch needs the answers to the merged form (an "
                                   "object) [bad-request]"});
    CHECK(refusal(R"({"command": "dispatch", "bundle": "child-birth"})") ==
          std::vector<std::string>{"request: error: request field 'answers': missing; dispatch "
                                   "needs the answers to the merged form (an object) "
                                   "[bad-request]"});
}

TEST_CASE("a whole number may be written -0, never as a fraction or below 0", "[request][json]") {
    CHECK(request_from_json(R"({"command": "lint", "max_warnings": -0})").max_warnings == 0);
    CHECK(request_from_json(R"({"command": "whatif", "top": 1})").top == 1);
    CHECK(load_request_from_json(R"({"limits": {"max_input_errors": -0}})")
              .limits.max_input_errors == 0);
    CHECK_FALSE(refusal(R"({"command": "lint", "max_warnings": -1})").empty());
    CHECK_FALSE(refusal(R"({"command": "lint", "max_warnings": 1.0})").empty());
    CHECK_FALSE(refusal(R"({"command": "whatif", "top": -0})").empty());  // from 1
    CHECK_FALSE(refusal(R"({"limits": {"max_input_errors": -1}})", true).empty());
}

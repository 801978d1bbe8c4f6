// The applicant's facts: a facts file in YAML or JSON, `--fact id=value`, the C API's facts JSON
// and a program's Facts map are typed and checked alike, and each error is worded once.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/input_excerpt.hpp"
#include "onething/error.hpp"
#include "onething/input.hpp"
#include "onething/load.hpp"
#include "onething/onething.h"
#include "onething/plan.hpp"
#include "onething/request.hpp"
#include "test_support.hpp"

using namespace onething;

namespace {

namespace fs = std::filesystem;

const char* facts_yaml = R"(
facts:
  person.local: {type: bool}
  person.age: {type: int}
  person.income: {type: number}
  person.name: {type: string}
  person.born: {type: date}
  person.kind: {type: enum, values: [employed, retired, student]}
items:
  register: {name: Register}
bundles:
  move: {name: Move, goals: [register]}
)";

/// The catalog every test reads facts against.
const Catalog& catalog() {
    static const Catalog loaded = [] {
        LoadResult result = testing::load_text(facts_yaml);
        REQUIRE(result.ok());
        return std::move(result.catalog);
    }();
    return loaded;
}

/// The first diagnostic of the InputError `run` throws (code "" when it throws none).
template <typename Run>
Diagnostic first_problem(Run run) {
    try {
        run();
    } catch (const InputError& error) {
        return error.diagnostics().front();
    }
    return {};
}

/// The first problem of reading `text` as a facts file named `name`.
Diagnostic file_problem(const std::string& name, const std::string& text) {
    return first_problem([&] { (void)read_facts(catalog(), SourceFile{name, text}); });
}

/// The first problem of `--fact assignment`.
Diagnostic assignment_problem(const std::string& assignment) {
    return first_problem([&] {
        Facts facts;
        apply_fact_assignment(catalog(), assignment, facts);
    });
}

/// The first problem of planning with `facts`.
Diagnostic plan_problem(const Facts& facts) {
    return first_problem([&] { (void)make_plan(catalog(), "move", facts); });
}

/// Frees a C API string or catalog when it goes out of scope.
struct Freer {
    void operator()(char* text) const { onething_free(text); }
    void operator()(onething_catalog* loaded) const { onething_catalog_free(loaded); }
};

/// The catalog written to a temporary file and loaded through the C API.
onething_catalog* c_catalog() {
    static const std::unique_ptr<onething_catalog, Freer> loaded = [] {
        static std::atomic<int> counter{0};
        const fs::path file =
            fs::temp_directory_path() / ("onething_facts_test_" + std::to_string(::getpid()) + "_" +
                                         std::to_string(counter++) + ".yaml");
        std::ofstream(file) << facts_yaml;
        const std::string path = file.string();
        const char* paths[] = {path.c_str()};
        char* error = nullptr;
        onething_catalog* result = onething_catalog_load(paths, 1, &error);
        std::unique_ptr<char, Freer> owned(error);
        std::error_code ignored;
        fs::remove(file, ignored);
        REQUIRE(result != nullptr);
        return std::unique_ptr<onething_catalog, Freer>(result);
    }();
    return loaded.get();
}

/// The first error (code, message, file) of planning with `facts_json` through the C API.
Diagnostic c_api_problem(const std::string& facts_json) {
    char* error = nullptr;
    std::unique_ptr<char, Freer> plan(
        onething_plan_json(c_catalog(), "move", facts_json.c_str(), &error));
    std::unique_ptr<char, Freer> owned(error);
    if (!error) {
        return {};
    }
    const auto first = nlohmann::json::parse(error)["errors"][0];
    return {Severity::error, first["code"].get<std::string>(), first["message"].get<std::string>(),
            Location{first["file"].get<std::string>(), first["line"].get<int>(),
                     first["column"].get<int>()}};
}

/// One bad value of one fact, written for each way facts arrive.
struct BadFact {
    std::string id;                   ///< the fact id
    std::string yaml;                 ///< the value in a YAML facts file
    std::string json;                 ///< the value in a JSON facts file (and the C API)
    std::optional<std::string> text;  ///< the value of `--fact id=value`, when it can be written
    std::optional<Value> value;       ///< the value in a program's Facts map, when there is one
    std::string code;                 ///< the expected code
    std::string message;              ///< the expected message, the same for all
};

/// Checks that every way of giving `bad` gives its code and message.
void check_everywhere(const BadFact& bad) {
    INFO("fact " << bad.id << ", YAML value " << bad.yaml);
    const Diagnostic yaml = file_problem("facts.yaml", bad.id + ": " + bad.yaml + "\n");
    CHECK(yaml.code == bad.code);
    CHECK(yaml.message == bad.message);
    CHECK(yaml.location.file == "facts.yaml");
    CHECK(yaml.location.line == 1);

    const std::string json_text = "{\"" + bad.id + "\": " + bad.json + "}";
    const Diagnostic json = file_problem("facts.json", json_text);
    CHECK(json.code == bad.code);
    CHECK(json.message == bad.message);
    CHECK(json.location.file == "facts.json");
    CHECK(json.location.line == 1);

    const Diagnostic c_api = c_api_problem(json_text);
    CHECK(c_api.code == bad.code);
    CHECK(c_api.message == bad.message);
    CHECK(c_api.location.file == "<facts>");
    CHECK(c_api.location.column == json.location.column);

    if (bad.text) {
        const Diagnostic assignment = assignment_problem(bad.id + "=" + *bad.text);
        CHECK(assignment.code == bad.code);
        CHECK(assignment.message == bad.message);
        CHECK(assignment.location.file == "--fact");
    }
    if (bad.value) {
        const Diagnostic planned = plan_problem({{bad.id, *bad.value}});
        CHECK(planned.code == bad.code);
        CHECK(planned.message == bad.message);
        CHECK(planned.location.file.empty());
        const Diagnostic resolved = first_problem([&] {
            (void)resolve_facts(catalog(), {{bad.id, *bad.value}});
        });
        CHECK(resolved.message == bad.message);
    }
}

}  // namespace

TEST_CASE("facts: a value of the wrong type has one message everywhere", "[facts]") {
    check_everywhere({"person.local", "maybe", "\"maybe\"", "maybe", Value(std::string("maybe")),
                      "invalid-fact", "fact 'person.local' must be true or false, not 'maybe'"});
    check_everywhere({"person.local", "1", "1", "1", Value(std::int64_t{1}), "invalid-fact",
                      "fact 'person.local' must be true or false, not '1'"});
    check_everywhere({"person.income", "five", "\"five\"", "five", Value(std::string("five")),
                      "invalid-fact", "fact 'person.income' must be a number, not 'five'"});
    // Written as a number, but held by no double: the range is said, not the type.
    check_everywhere({"person.income", "1e400", "1e400", "1e400", std::nullopt, "invalid-fact",
                      "fact 'person.income' must be a number a double can hold (at most about "
                      "1.8e308 in magnitude, and 0 or at least about 4.9e-324), not '1e400'"});
    check_everywhere({"person.income", "1e-400", "1e-400", "1e-400", std::nullopt, "invalid-fact",
                      "fact 'person.income' must be a number a double can hold (at most about "
                      "1.8e308 in magnitude, and 0 or at least about 4.9e-324), not '1e-400'"});
    check_everywhere({"person.age", "[1]", "[1]", std::nullopt, std::nullopt, "invalid-fact",
                      "fact 'person.age' must be a decimal integer, not a list"});
    // Quoted text is a string, never a bool or a number, even when its text would be one.
    check_everywhere({"person.local", "'true'", "\"true\"", std::nullopt,
                      Value(std::string("true")), "invalid-fact",
                      "fact 'person.local' must be true or false, not the quoted text 'true'"});
    check_everywhere({"person.age", "'30'", "\"30\"", std::nullopt, Value(std::string("30")),
                      "invalid-fact",
                      "fact 'person.age' must be a decimal integer, not the quoted text '30'"});
    const Diagnostic form = assignment_problem("person.age");
    CHECK(form.message == "'person.age' must have the form id=value");
    CHECK(form.location.file == "--fact");
}

TEST_CASE("facts: an unknown fact id is named with a suggestion everywhere", "[facts]") {
    check_everywhere({"person.agee", "30", "30", "30", Value(std::int64_t{30}), "unknown-fact",
                      "unknown fact 'person.agee'; did you mean 'person.age'?"});
    check_everywhere({"nothing.like.it", "1", "1", "1", Value(std::int64_t{1}), "unknown-fact",
                      "unknown fact 'nothing.like.it'"});
}

TEST_CASE("facts: an enum value not allowed lists the values everywhere", "[facts]") {
    check_everywhere({"person.kind", "retird", "\"retird\"", "retird", Value(std::string("retird")),
                      "invalid-fact",
                      "fact 'person.kind' must be one of: employed, retired, student (not "
                      "'retird'); did you mean 'retired'?"});
    check_everywhere({"person.kind", "[retired]", "[\"retired\"]", std::nullopt, std::nullopt,
                      "invalid-fact",
                      "fact 'person.kind' must be one of: employed, retired, student (not a "
                      "list)"});
}

TEST_CASE("facts: a bad date has one message everywhere", "[facts]") {
    const std::string message = "fact 'person.born' must be a date YYYY-MM-DD, not '2023-02-29'";
    check_everywhere({"person.born", "2023-02-29", "\"2023-02-29\"", "2023-02-29",
                      Value(Date{2023, 2, 29}), "invalid-fact", message});
    check_everywhere({"person.born", "'2023-02-29'", "\"2023-02-29\"", "2023-02-29",
                      Value(std::string("2023-02-29")), "invalid-fact", message});
    check_everywhere({"person.born", "tomorrow", "\"tomorrow\"", "tomorrow",
                      Value(std::string("tomorrow")), "invalid-fact",
                      "fact 'person.born' must be a date YYYY-MM-DD, not 'tomorrow'"});
}

TEST_CASE("facts: integers are read exactly, within 64 bits", "[facts]") {
    check_everywhere({"person.age", "30.000000000000001", "30.000000000000001",
                      "30.000000000000001", std::nullopt, "invalid-fact",
                      "fact 'person.age' must be a decimal integer, not '30.000000000000001'"});
    check_everywhere({"person.age", "30.5", "30.5", "30.5", Value(30.5), "invalid-fact",
                      "fact 'person.age' must be a decimal integer, not '30.5'"});
    // A program's double is never an int, even when it holds a whole number.
    check_everywhere({"person.age", "30.0", "30.0", "30.0", Value(30.0), "invalid-fact",
                      "fact 'person.age' must be a decimal integer, not '30.0'"});
    const std::string range =
        "must be an integer from -9223372036854775808 to "
        "9223372036854775807, not ";
    check_everywhere({"person.age", "9223372036854775808", "9223372036854775808",
                      "9223372036854775808", std::nullopt, "invalid-fact",
                      "fact 'person.age' " + range + "'9223372036854775808'"});
    check_everywhere({"person.age", "-9223372036854775809", "-9223372036854775809",
                      "-9223372036854775809", std::nullopt, "invalid-fact",
                      "fact 'person.age' " + range + "'-9223372036854775809'"});

    const Facts yaml = read_facts(catalog(), {"facts.yaml", "person.age: 9223372036854775807\n"});
    CHECK(yaml.at("person.age") == Value(std::int64_t{9223372036854775807}));
    const Facts json =
        read_facts(catalog(), {"facts.json", "{\"person.age\": -9223372036854775808}"});
    CHECK(json.at("person.age") == Value(std::numeric_limits<std::int64_t>::min()));
    Facts assigned;
    apply_fact_assignment(catalog(), "person.age=9223372036854775807", assigned);
    CHECK(assigned == yaml);
}

TEST_CASE("facts: a program's values of another type name that type", "[facts]") {
    // Text of the right form in a value of the wrong type says which type it has.
    CHECK(plan_problem({{"person.name", true}}).message ==
          "fact 'person.name' must be text, not the bool true");
    CHECK(plan_problem({{"person.born", std::int64_t{20240131}}}).message ==
          "fact 'person.born' must be a date YYYY-MM-DD, not '20240131'");
    CHECK(plan_problem({{"person.name", Date{2024, 1, 31}}}).message ==
          "fact 'person.name' must be text, not the date 2024-01-31");
    CHECK(plan_problem({{"person.kind", 1.5}}).message ==
          "fact 'person.kind' must be one of: employed, retired, student (not '1.5')");
    // Every problem is reported, not only the first.
    try {
        (void)resolve_facts(catalog(), {{"person.agee", std::int64_t{1}}, {"person.local", 1.0}});
        FAIL("no error");
    } catch (const InputError& error) {
        REQUIRE(error.diagnostics().size() == 2);
        CHECK(error.diagnostics()[0].code == "unknown-fact");
        CHECK(error.diagnostics()[1].message ==
              "fact 'person.local' must be true or false, not '1.0'");
    }
}

TEST_CASE("facts: a program's text refuses the control characters a facts file refuses",
          "[facts]") {
    // Tab and line feed are text; NUL, ESC, DEL, C1 controls and a byte order mark are not.
    CHECK(plan_problem({{"person.name", std::string("a\tb\nc")}}).code.empty());
    CHECK(plan_problem({{"person.name", std::string("a\0b", 3)}}).message ==
          "fact 'person.name' holds a control character U+0000, which no facts file can hold; "
          "remove it");
    CHECK(plan_problem({{"person.name", std::string("a\x1b")}}).code == "invalid-fact");
    CHECK(plan_problem({{"person.name", std::string("\x7f")}}).code == "invalid-fact");
    CHECK(plan_problem({{"person.name", std::string("\xc2\x85")}}).code == "invalid-fact");
    CHECK(plan_problem({{"person.kind", std::string("\xef\xbb\xbf") + "employed"}}).message ==
          "fact 'person.kind' holds a byte order mark (U+FEFF), which no facts file can hold; "
          "remove it");
}

TEST_CASE("facts: every way gives the same values", "[facts]") {
    const Facts yaml = read_facts(catalog(), {"facts.yaml", R"(person.local: true
person.age: -3
person.income: 1250.5
person.name: Li Lei
person.born: 2024-02-29
person.kind: retired
)"});
    const Facts json = read_facts(catalog(), {"facts.json", R"({"person.local": true,
"person.age": -3, "person.income": 1250.5, "person.name": "Li Lei", "person.born": "2024-02-29",
"person.kind": "retired"})"});
    Facts assigned;
    for (const char* assignment :
         {"person.local=true", "person.age=-3", "person.income=1250.5", "person.name=Li Lei",
          "person.born=2024-02-29", "person.kind=retired"}) {
        apply_fact_assignment(catalog(), assignment, assigned);
    }
    CHECK(yaml == json);
    CHECK(assigned == yaml);
    CHECK(yaml.at("person.born") == Value(Date{2024, 2, 29}));
    // A program may give an int for a number and a YYYY-MM-DD string for a date.
    const FactValues resolved = resolve_facts(
        catalog(),
        {{"person.income", std::int64_t{2}}, {"person.born", std::string("2024-02-29")}});
    CHECK(resolved[catalog().find_fact("person.income") - catalog().facts().data()] == Value(2.0));
    CHECK(resolved[catalog().find_fact("person.born") - catalog().facts().data()] ==
          Value(Date{2024, 2, 29}));
}

TEST_CASE("facts: a fact given twice on the command line is an error naming it", "[facts]") {
    Facts facts = read_facts(catalog(), {"facts.yaml", "person.age: 30\n"});
    try {
        apply_fact_assignments(
            catalog(),
            std::vector<std::string>{"person.age=31", "person.local=true", "person.age=32"}, facts);
        FAIL("no error");
    } catch (const InputError& error) {
        REQUIRE(error.diagnostics().size() == 1);
        CHECK(error.code() == "invalid-fact");
        CHECK(error.location().file == "--fact");
        CHECK(error.diagnostics()[0].message ==
              "fact 'person.age' is given twice: --fact person.age=31, then --fact person.age=32");
    }
    CHECK(facts.at("person.age") == Value(std::int64_t{30}));  // unchanged
    CHECK_FALSE(facts.contains("person.local"));

    // One assignment replaces the value of the facts file, as one assignment always did.
    apply_fact_assignments(catalog(), std::vector<std::string>{"person.age=31"}, facts);
    CHECK(facts.at("person.age") == Value(std::int64_t{31}));
    apply_fact_assignment(catalog(), "person.age=32", facts);
    CHECK(facts.at("person.age") == Value(std::int64_t{32}));
}

TEST_CASE("facts: rule files word bad fact values the same way", "[facts][load]") {
    const LoadResult result = testing::load_text(R"(
facts:
  person.local: {type: bool, default: maybe}
  person.kind: {type: enum, values: [employed, retired], default: retird}
items:
  register: {name: Register}
bundles:
  move: {name: Move, goals: [register]}
tests:
  - {name: t, bundle: move, facts: {person.local: 'true'}}
)");
    CHECK(testing::messages(result) ==
          std::vector<std::string>{
              "test.yaml:3:39: error: fact 'person.local' default must be true or false, not "
              "'maybe' [type]",
              "test.yaml:4:67: error: fact 'person.kind' default must be one of: employed, "
              "retired (not 'retird'); did you mean 'retired'? [type]",
              "test.yaml:10:51: error: test 't' fact 'person.local' must be true or false, not "
              "the quoted text 'true' [type]"});
}

namespace {

/// Every problem of reading `text` as a facts file under `limits`, formatted.
std::vector<std::string> facts_problems(const std::string& text, const Limits& limits) {
    return testing::input_error_messages([&] {
        (void)read_facts(catalog(), SourceFile{"facts.yaml", text}, limits);
    });
}

}  // namespace

TEST_CASE("facts: errors past max_input_errors are counted, not listed", "[facts][limits]") {
    // Five errors: four unknown facts and a value of the wrong type.
    const std::string text =
        "person.agee: 30\nperson.local: maybe\nno.one: 1\nno.two: 2\nno.three: 3\n";
    const std::vector<std::string> every = {
        "facts.yaml:1:1: error: unknown fact 'person.agee'; did you mean 'person.age'? "
        "[unknown-fact]",
        "facts.yaml:2:15: error: fact 'person.local' must be true or false, not 'maybe' "
        "[invalid-fact]",
        "facts.yaml:3:1: error: unknown fact 'no.one' [unknown-fact]",
        "facts.yaml:4:1: error: unknown fact 'no.two' [unknown-fact]",
        "facts.yaml:5:1: error: unknown fact 'no.three' [unknown-fact]"};
    Limits limits;
    CHECK(limits.max_input_errors == 100);
    CHECK(facts_problems(text, limits) == every);
    limits.max_input_errors = 5;  // at the limit: every error, nothing added
    CHECK(facts_problems(text, limits) == every);
    limits.max_input_errors = 4;  // one over
    std::vector<std::string> cut(every.begin(), every.begin() + 4);
    cut.push_back(
        "facts.yaml:5:1: error: 1 error not listed past the limit of 4 (max_input_errors), the "
        "first of them here; fix the errors listed, or raise the limit, to see the rest "
        "[limit-errors]");
    CHECK(facts_problems(text, limits) == cut);
    limits.max_input_errors = 0;  // still refused, with the count
    CHECK(facts_problems(text, limits) ==
          std::vector<std::string>{
              "facts.yaml:1:1: error: 5 errors not listed past the limit of 0 "
              "(max_input_errors), the first of them here; fix the errors listed, or raise the "
              "limit, to see the rest [limit-errors]"});
}

TEST_CASE("facts: a request of many unknown facts is refused with max_input_errors listed",
          "[facts][limits][request]") {
    nlohmann::json facts = nlohmann::json::object();
    for (int n = 0; n < 5000; ++n) {
        facts["unknown.fact" + std::to_string(n)] = true;
    }
    const std::string body =
        nlohmann::json{{"command", "plan"}, {"bundle", "move"}, {"facts", facts}}.dump();
    LoadResult loaded = testing::load_text(facts_yaml);
    REQUIRE(loaded.ok());
    auto errors_under = [&](const Limits& limits) {
        const Response response = respond(loaded, request_from_json(body, limits));
        REQUIRE(response.outcome == Outcome::usage);
        return response.diagnostics;
    };
    Limits limits;
    std::vector<Diagnostic> errors = errors_under(limits);
    REQUIRE(errors.size() == 101);
    CHECK(errors[99].code == "unknown-fact");
    CHECK(errors[100].code == "limit-errors");
    CHECK(errors[100].message.starts_with("4900 errors not listed past the limit of 100 "));
    CHECK(errors[100].location.file == "request.facts");
    // At 5,000 every error is listed; at 4,999 one is counted.
    limits.max_input_errors = 5000;
    errors = errors_under(limits);
    CHECK(errors.size() == 5000);
    CHECK(errors.back().code == "unknown-fact");
    limits.max_input_errors = 4999;
    errors = errors_under(limits);
    REQUIRE(errors.size() == 5000);
    CHECK(errors.back().code == "limit-errors");
    CHECK(errors.back().message.starts_with("1 error not listed past the limit of 4999 "));
}

TEST_CASE("facts: a long value or id is quoted by its start and its length", "[facts][limits]") {
    using detail::quoted_input;
    CHECK(quoted_input("maybe") == "'maybe'");
    const std::string at_limit(200, 'y');
    CHECK(quoted_input(at_limit) == "'" + at_limit + "'");
    CHECK(quoted_input(at_limit + "y") == "'" + at_limit + "…' (201 bytes)");
    // Cut at whole characters: 67 three-byte characters are 201 bytes; 66 of them are kept.
    std::string chinese;
    for (int n = 0; n < 67; ++n) {
        chinese += "名";
    }
    CHECK(quoted_input(chinese) == "'" + chinese.substr(0, 198) + "…' (201 bytes)");
    // In the messages of facts files.
    const Diagnostic value =
        file_problem("facts.yaml", "person.local: " + std::string(5000, 'y') + "\n");
    CHECK(value.message == "fact 'person.local' must be true or false, not '" +
                               std::string(200, 'y') + "…' (5000 bytes)");
    const Diagnostic id = file_problem("facts.yaml", "? " + std::string(3000, 'z') + "\n: true\n");
    CHECK(id.message == "unknown fact '" + std::string(200, 'z') + "…' (3000 bytes)");
}

TEST_CASE("facts: quoted input keeps a message on one line", "[facts]") {
    // Control characters are written as escapes; other characters, Chinese included, as they
    // are.
    using detail::quoted_input;
    CHECK(quoted_input("a\nb\tc\rd") == "'a\\nb\\tc\\rd'");
    CHECK(quoted_input(std::string("\x1b\x7f\0", 3)) == "'\\x1B\\x7F\\x00'");
    CHECK(quoted_input("名\xc2\x85字") == "'名\\u0085字'");
    // Bytes of no UTF-8 character (a command-line argument need not be UTF-8): each as \xHH,
    // the characters around them as they are.
    CHECK(quoted_input("\xff\xfe") == "'\\xFF\\xFE'");
    CHECK(quoted_input("a\xe0\x80\x8a名\xe5\x90") == "'a\\xE0\\x80\\x8A名\\xE5\\x90'");
    CHECK(quoted_input("\xed\xa0\x80é") == "'\\xED\\xA0\\x80é'");  // a surrogate's bytes
    // An id with a line feed, in a rule file's error.
    const LoadResult loaded = testing::load_text("items:\n  \"a\\nb\": {name: A}\n");
    REQUIRE_FALSE(loaded.diagnostics.empty());
    CHECK(format_diagnostic(loaded.diagnostics[0]).find('\n') == std::string::npos);
    CHECK(loaded.diagnostics[0].message.starts_with("'a\\nb' is not a valid id"));
}

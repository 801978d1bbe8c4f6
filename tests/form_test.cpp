// The merged form: intersection of constraints, the schema's nesting, answers and dispatch.
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "onething/error.hpp"
#include "onething/form.hpp"
#include "test_support.hpp"

using namespace onething;
using Json = nlohmann::json;

namespace {

/// Three items narrowing the same fields; b produces a field a and c need.
const char* const shop_yaml = R"(format: 1
fields:
  owner.name: {type: string, label: {zh: 姓名, en: Name}, source: shared, max_length: 20}
  owner.age: {type: integer, label: {zh: 年龄, en: Age}, minimum: 0, maximum: 150}
  shop.name: {type: string, label: {zh: 店名, en: Shop name}, min_length: 1, max_length: 50}
  shop.kind: {type: enum, label: Kind, values: [food, retail, service, other]}
  shop.area: {type: number, label: Area, minimum: 0}
  shop.opened: {type: date, label: Opened}
  shop.staff: {type: boolean, label: Staff}
  licence.number: {type: string, label: Licence}
items:
  a:
    name: A
    department: d
    type: filing
    channels: [online]
    needs:
      fields:
        - owner.name
        - {field: owner.age, minimum: 18}
        - {field: shop.name, max_length: 30, pattern: '^[^0-9]'}
        - {field: shop.kind, values: [other, food, retail]}
        - licence.number
  b:
    name: B
    department: d
    type: filing
    channels: [online]
    needs:
      fields:
        - {field: owner.age, maximum: 70}
        - {field: shop.name, min_length: 2, pattern: '^[^0-9]'}
        - {field: shop.kind, values: [food, retail, service]}
        - {field: shop.area, minimum: 10}
        - shop.opened
    produces:
      fields: [licence.number]
  c:
    name: C
    department: d
    type: filing
    channels: [online]
    needs:
      fields:
        - {field: shop.name, pattern: '[^ ]$'}
        - shop.staff
        - licence.number
  old:
    name: Old
    department: d
    type: filing
    channels: [online]
    needs:
      fields: [{field: owner.age, minimum: 71}]
  nested:
    name: Nested
    department: d
    type: filing
    channels: [online]
    needs:
      fields: [shop.kind.detail]
bundles:
  shop: {name: {zh: 开店, en: Open a shop}, goals: [a, b, c]}
  clash: {name: Clash, goals: [b, old]}
  nesting: {name: Nesting, goals: [a, nested]}
)";

/// The catalog above, plus `shop.kind.detail` for the nesting case.
Catalog shop_catalog() {
    std::string yaml = shop_yaml;
    yaml.replace(yaml.find("  licence.number:"), 0,
                 "  shop.kind.detail: {type: string, label: Detail}\n");
    LoadResult result = testing::load_text(yaml);
    for (const auto& message : testing::messages(result)) {
        INFO(message);
    }
    REQUIRE(result.ok());
    return std::move(result.catalog);
}

/// The merged form of the `shop` bundle.
Form shop_form(const Catalog& catalog) {
    return merge_form(catalog, make_plan(catalog, "shop", {}));
}

/// A field of the form by id.
const FormField& field_of(const Form& form, const std::string& id) {
    for (const FormField& field : form.asked) {
        if (field.id == id) {
            return field;
        }
    }
    FAIL("no field " << id);
    throw std::logic_error("unreachable");
}

/// Valid nested answers to the shop form.
const char* const good_answers = R"(owner:
  age: 18
shop:
  name: 老王面馆
  kind: food
  area: 10
  opened: 2025-03-01
  staff: false
)";

/// The formatted diagnostics read_answers throws, or {} when it does not.
std::vector<std::string> answer_errors(const Form& form, const std::string& text,
                                       const Limits& limits = {}) {
    return testing::input_error_messages([&] {
        read_answers(form, SourceFile{"answers.yaml", text}, limits);
    });
}

}  // namespace

TEST_CASE("merge intersects bounds, lengths, enums and patterns", "[form]") {
    const Catalog catalog = shop_catalog();
    const Form form = shop_form(catalog);
    CHECK(form.bundle == "shop");
    CHECK(form.title.in("en") == "Open a shop");
    std::vector<std::string> ids;
    for (const FormField& field : form.asked) {
        ids.push_back(field.id);
    }
    CHECK(ids == std::vector<std::string>{"owner.age", "shop.area", "shop.kind", "shop.name",
                                          "shop.opened", "shop.staff"});
    const FormField& age = field_of(form, "owner.age");
    CHECK(*age.constraints.minimum == 18);
    CHECK(*age.constraints.maximum == 70);
    CHECK(age.items == std::vector<std::string>{"a", "b"});
    const FormField& name = field_of(form, "shop.name");
    CHECK(*name.constraints.min_length == 2);
    CHECK(*name.constraints.max_length == 30);
    CHECK_FALSE(name.constraints.pattern);
    CHECK(name.patterns == std::vector<std::string>{"^[^0-9]", "[^ ]$"});  // deduplicated
    CHECK(name.items == std::vector<std::string>{"a", "b", "c"});
    // The definition's order is kept: {food, retail, service, other} ∩ a ∩ b.
    CHECK(*field_of(form, "shop.kind").constraints.values ==
          std::vector<std::string>{"food", "retail"});
    CHECK(*field_of(form, "shop.area").constraints.minimum == 10);
    CHECK_FALSE(field_of(form, "shop.area").constraints.maximum);
    CHECK(form.prefilled == std::vector<std::string>{"owner.name"});
    CHECK(form.produced == std::map<std::string, std::string>{{"licence.number", "b"}});
}

TEST_CASE("an empty intersection is a conflicting-constraints error naming both items", "[form]") {
    const Catalog catalog = shop_catalog();
    const Plan plan = make_plan(catalog, "clash", {});
    try {
        merge_form(catalog, plan);
        FAIL("no error");
    } catch (const PlanError& error) {
        CHECK(error.code() == "conflicting-constraints");
        CHECK(error.diagnostics().front().message ==
              "conflicting constraints on field 'owner.age': minimum 71 of item 'old' is greater "
              "than maximum 70 of item 'b'");
        CHECK(error.location().file == "test.yaml");
        CHECK(error.location().line > 0);
    }
}

TEST_CASE("conflicts on integers without an integer between, lengths and enums", "[form]") {
    std::string yaml = R"(format: 1
fields:
  n: {type: integer, minimum: 1.2}
  s: {type: string, max_length: 3}
  e: {type: enum, values: [x, y, z]}
items:
  p: {name: P, department: d, type: filing, needs: {fields: [{field: n, maximum: 1.8}]}}
  q: {name: Q, department: d, type: filing, needs: {fields: [{field: s, min_length: 4}]}}
  r: {name: R, department: d, type: filing, needs: {fields: [{field: e, values: [x]}]}}
  t: {name: T, department: d, type: filing, needs: {fields: [{field: e, values: [y, z]}]}}
bundles:
  ints: {name: I, goals: [p]}
  lengths: {name: L, goals: [q]}
  enums: {name: E, goals: [r, t]}
)";
    LoadResult loaded = testing::load_text(yaml);
    REQUIRE(loaded.ok());
    auto message = [&](const char* bundle) {
        try {
            merge_form(loaded.catalog, make_plan(loaded.catalog, bundle, {}));
        } catch (const PlanError& error) {
            CHECK(error.code() == "conflicting-constraints");
            return error.diagnostics().front().message;
        }
        return std::string("no error");
    };
    CHECK(message("ints") ==
          "conflicting constraints on field 'n': minimum 1.2 of the field's definition and "
          "maximum 1.8 of item 'p' leave no whole number between them");
    CHECK(message("lengths") ==
          "conflicting constraints on field 's': min_length 4 of item 'q' is greater than "
          "max_length 3 of the field's definition");
    CHECK(message("enums") ==
          "conflicting constraints on field 'e': values [y, z] of item 't' have nothing in common "
          "with values [x] of the field's definition and item 'r'");
}

TEST_CASE("a field that is also the group of another field cannot be nested", "[form]") {
    const Catalog catalog = shop_catalog();
    try {
        merge_form(catalog, make_plan(catalog, "nesting", {}));
        FAIL("no error");
    } catch (const PlanError& error) {
        CHECK(error.code() == "nesting-conflict");
    }
}

TEST_CASE("the schema nests by id segments, requires everything and is deterministic", "[form]") {
    const Catalog catalog = shop_catalog();
    const Form form = shop_form(catalog);
    const std::string text = form_to_json_schema(form, "en");
    CHECK(text == form_to_json_schema(shop_form(catalog), "en"));
    const Json schema = Json::parse(text);
    CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema["title"] == "Open a shop");
    CHECK(schema["required"] == Json::array({"owner", "shop"}));
    CHECK(schema["additionalProperties"] == false);
    const Json& shop = schema["properties"]["shop"];
    CHECK(shop["type"] == "object");
    CHECK(shop["additionalProperties"] == false);
    CHECK(shop["required"] == Json::array({"area", "kind", "name", "opened", "staff"}));
    const Json& name = shop["properties"]["name"];
    CHECK(name["title"] == "Shop name");
    CHECK(name["type"] == "string");
    CHECK(name["minLength"] == 2);
    CHECK(name["maxLength"] == 30);
    CHECK(name["allOf"] == Json::array({{{"pattern", "^[^0-9]"}}, {{"pattern", "[^ ]$"}}}));
    const Json& notes = schema["$defs"]["onething"]["const"];
    CHECK(notes["bundle"] == "shop");
    CHECK(notes["fields"]["shop.name"]["items"] == Json::array({"a", "b", "c"}));
    CHECK(notes["fields"]["shop.name"]["type"] == "string");
    CHECK(notes["fields"]["shop.opened"]["type"] == "date");
    CHECK(!name.contains("x-onething-items"));
    CHECK(shop["properties"]["kind"]["enum"] == Json::array({"food", "retail"}));
    CHECK(!shop["properties"]["opened"].contains("format"));
    CHECK(shop["properties"]["opened"]["pattern"].get<std::string>().find("-02-29") !=
          std::string::npos);
    CHECK(shop["properties"]["staff"]["type"] == "boolean");
    CHECK(schema["properties"]["owner"]["properties"]["age"]["type"] == "integer");
    CHECK(schema["properties"]["owner"]["properties"]["age"]["minimum"] == 18);
    CHECK(notes["prefilled"] == Json::array({"owner.name"}));
    CHECK(notes["produced"] == Json{{"licence.number", "b"}});
    const Json zh = Json::parse(form_to_json_schema(form, "zh"));
    CHECK(zh["properties"]["shop"]["properties"]["name"]["title"] == "店名");
}

TEST_CASE("answers may be nested, flat or mixed", "[form]") {
    const Catalog catalog = shop_catalog();
    const Form form = shop_form(catalog);
    const Answers nested = read_answers(form, SourceFile{"a.yaml", good_answers});
    CHECK(std::get<std::int64_t>(nested.at("owner.age")) == 18);
    CHECK(std::get<std::string>(nested.at("shop.name")) == "老王面馆");
    CHECK(std::get<double>(nested.at("shop.area")) == 10.0);
    CHECK(std::get<Date>(nested.at("shop.opened")) == Date{2025, 3, 1});
    CHECK(std::get<bool>(nested.at("shop.staff")) == false);
    const std::string flat = R"({"owner.age": 18.0, "shop.name": "ab", "shop.kind": "retail",
        "shop.area": 1e3, "shop.opened": "2024-02-29", "shop.staff": true})";
    const Answers from_json = read_answers(form, SourceFile{"a.json", flat});
    CHECK(std::get<std::int64_t>(from_json.at("owner.age")) == 18);  // 18.0 is an integer
    CHECK(std::get<double>(from_json.at("shop.area")) == 1000.0);
    // An integer is read from its digits, never through a double: a fraction too small for a
    // double to hold is still a fraction.
    for (const char* age : {"30.000000000000001", "18.5", "1e-1"}) {
        const std::string json = R"({"owner.age": )" + std::string(age) +
                                 R"(, "shop.name": "ab", "shop.kind": "retail", "shop.area": 10,
            "shop.opened": "2024-02-29", "shop.staff": true})";
        const auto errors = answer_errors(form, json);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].find("field 'owner.age' must be an integer") != std::string::npos);
    }
    for (const auto& [text, age] : std::vector<std::pair<std::string, std::int64_t>>{
             {"30.000", 30}, {"3e1", 30}, {"300e-1", 30}, {"0.3e2", 30}, {"0.70e2", 70}}) {
        const std::string json = R"({"owner.age": )" + text +
                                 R"(, "shop.name": "ab", "shop.kind": "retail", "shop.area": 10,
            "shop.opened": "2024-02-29", "shop.staff": true})";
        CHECK(std::get<std::int64_t>(
                  read_answers(form, SourceFile{"a.json", json}).at("owner.age")) == age);
    }
    // Whole numbers beyond 64 bits are out of range, not "not an integer".
    for (const std::string text : {"1e20", "9223372036854775808", "-9.3e18"}) {
        const std::string json = R"({"owner.age": )" + text +
                                 R"(, "shop.name": "ab", "shop.kind": "retail", "shop.area": 10,
            "shop.opened": "2024-02-29", "shop.staff": true})";
        CHECK(answer_errors(form, json) ==
              std::vector<std::string>{"answers.yaml:1:15: error: field 'owner.age' is " + text +
                                       ", beyond the integers a field holds "
                                       "(-9223372036854775808 to 9223372036854775807) "
                                       "[out-of-range]"});
    }
    const std::string mixed =
        "owner.age: 70\nshop:\n  name: ab\n  kind: food\nshop.area: 10\n"
        "shop.opened: '2024-01-31'\nshop.staff: true\n";
    CHECK(read_answers(form, SourceFile{"m.yaml", mixed}).size() == 6);
}

TEST_CASE("read_answers names each bad field with its line and column", "[form]") {
    const Catalog catalog = shop_catalog();
    const Form form = shop_form(catalog);
    CHECK(answer_errors(form, good_answers).empty());
    const std::string bad = R"(owner:
  age: 17
  name: Wang
shop:
  name: '1号店 '
  kind: service
  area: '10'
  opened: 2025-02-29
  staff: no
  colour: red
)";
    CHECK(
        answer_errors(form, bad) ==
        std::vector<std::string>{
            "answers.yaml:2:8: error: field 'owner.age' is 17, less than the minimum 18 "
            "[out-of-range]",
            "answers.yaml:3:3: error: field 'owner.name' is prefilled from shared data, not asked "
            "on "
            "this form [not-asked]",
            "answers.yaml:5:9: error: field 'shop.name' does not match the pattern '[^ ]$' "
            "[pattern-mismatch]",
            "answers.yaml:5:9: error: field 'shop.name' does not match the pattern '^[^0-9]' "
            "[pattern-mismatch]",
            "answers.yaml:6:9: error: field 'shop.kind' must be one of: food, retail, not "
            "'service' "
            "[invalid-choice]",
            "answers.yaml:7:9: error: field 'shop.area' must be a number, not the quoted text '10' "
            "[invalid-type]",
            "answers.yaml:8:11: error: field 'shop.opened' must be a valid date YYYY-MM-DD, not "
            "'2025-02-29' [invalid-date]",
            "answers.yaml:9:10: error: field 'shop.staff' must be true or false, not 'no' "
            "[invalid-type]",
            "answers.yaml:10:3: error: unknown field 'shop.colour' [unknown-field]",
        });
}

TEST_CASE("an enum value answered as a number is told to be quoted", "[form]") {
    const Catalog catalog = testing::catalog_of(R"(
fields:
  rooms: {type: enum, values: ['1', '2'], label: Rooms}
items:
  i: {name: I, needs: {fields: [rooms]}}
bundles:
  b: {name: B, goals: [i]}
)");
    const Form form = merge_form(catalog, make_plan(catalog, "b", {}));
    CHECK(answer_errors(form, "rooms: 2\n") ==
          std::vector<std::string>{"answers.yaml:1:8: error: field 'rooms' must be one of: 1, 2, "
                                   "not '2'; its values are text: write it in quotes, \"2\" "
                                   "[invalid-choice]"});
    CHECK(answer_errors(form, "rooms: 3\n") ==
          std::vector<std::string>{"answers.yaml:1:8: error: field 'rooms' must be one of: 1, 2, "
                                   "not '3' [invalid-choice]"});
    CHECK(answer_errors(form, "rooms: '2'\n").empty());
}

TEST_CASE("read_answers: missing, duplicate, misspelt and mistyped fields", "[form]") {
    const Catalog catalog = shop_catalog();
    const Form form = shop_form(catalog);
    CHECK(answer_errors(form, "owner: {age: 30}\n") ==
          std::vector<std::string>{
              "answers.yaml:1:1: error: missing field 'shop.area' [missing-field]",
              "answers.yaml:1:1: error: missing field 'shop.kind' [missing-field]",
              "answers.yaml:1:1: error: missing field 'shop.name' [missing-field]",
              "answers.yaml:1:1: error: missing field 'shop.opened' [missing-field]",
              "answers.yaml:1:1: error: missing field 'shop.staff' [missing-field]",
          });
    const std::string twice = std::string(good_answers) + "shop.kind: retail\nowner.aeg: 3\n";
    CHECK(answer_errors(form, twice) ==
          std::vector<std::string>{
              "answers.yaml:9:1: error: field 'shop.kind' is answered twice (first at line 5, "
              "column 3) "
              "[duplicate-field]",
              "answers.yaml:10:1: error: unknown field 'owner.aeg'; did you mean 'owner.age'? "
              "[unknown-field]",
          });
    std::string numeric_name = good_answers;
    numeric_name.replace(numeric_name.find("老王面馆"), std::string("老王面馆").size(), "12");
    CHECK(answer_errors(form, numeric_name) ==
          std::vector<std::string>{"answers.yaml:4:9: error: field 'shop.name' must be text, not "
                                   "'12' (quote text that looks like a number or true/false) "
                                   "[invalid-type]"});
    CHECK(answer_errors(form, "[1, 2]\n") ==
          std::vector<std::string>{"answers.yaml:1:1: error: the answers must be a mapping, not a "
                                   "list [invalid-type]"});
    CHECK(answer_errors(form, "owner: 3\nshop: {}\n").front() ==
          "answers.yaml:1:8: error: 'owner' is a group of fields and must be a mapping, not '3' "
          "[invalid-type]");
}

TEST_CASE("read_answers lists max_input_errors errors and counts the rest", "[form][limits]") {
    const Catalog catalog = shop_catalog();
    const Form form = shop_form(catalog);
    const std::string text = "owner: {age: 30}\nshop.nam: x\n";  // 1 unknown, 5 missing
    // Found in this order: the unknown field, then the missing ones by id; listed sorted.
    const std::vector<std::string> every = answer_errors(form, text);
    REQUIRE(every.size() == 6);
    Limits limits;
    limits.max_input_errors = 6;  // at the limit: every error, nothing added
    CHECK(answer_errors(form, text, limits) == every);
    limits.max_input_errors = 5;  // one over: the last found (a missing field) is counted
    CHECK(answer_errors(form, text, limits) ==
          std::vector<std::string>{
              "answers.yaml:1:1: error: missing field 'shop.area' [missing-field]",
              "answers.yaml:1:1: error: missing field 'shop.kind' [missing-field]",
              "answers.yaml:1:1: error: missing field 'shop.name' [missing-field]",
              "answers.yaml:1:1: error: missing field 'shop.opened' [missing-field]",
              "answers.yaml:2:1: error: unknown field 'shop.nam'; did you mean 'shop.name'? "
              "[unknown-field]",
              "answers.yaml:1:1: error: 1 error not listed past the limit of 5 "
              "(max_input_errors), the first of them here; fix the errors listed, or raise the "
              "limit, to see the rest [limit-errors]"});
    limits.max_input_errors = 0;
    CHECK(answer_errors(form, text, limits) ==
          std::vector<std::string>{
              "answers.yaml:2:1: error: 6 errors not listed past the limit of 0 "
              "(max_input_errors), the first of them here; fix the errors listed, or raise the "
              "limit, to see the rest [limit-errors]"});
}

TEST_CASE("read_shared lists max_input_errors errors and counts the rest", "[form][limits]") {
    const Catalog catalog = shop_catalog();
    // Found in this order: two unknown keys, then a value too long; listed sorted.
    const std::string text =
        "owner.name: a name longer than twenty\nnobody.here: 1\nowner.nam: x\n";
    const auto shared_errors = [&](std::uint64_t limit) {
        Limits limits;
        limits.max_input_errors = limit;
        return testing::input_error_messages([&] {
            (void)read_shared(catalog, SourceFile{"shared.yaml", text}, limits);
        });
    };
    const std::vector<std::string> every = shared_errors(UINT64_MAX);
    REQUIRE(every.size() == 3);
    CHECK(shared_errors(3) == every);                 // at the limit
    std::vector<std::string> cut = shared_errors(2);  // one over: the value is found last
    REQUIRE(cut.size() == 3);
    CHECK(cut[0] == every[1]);
    CHECK(cut[1] == every[2]);
    CHECK(cut[2] ==
          "shared.yaml:1:13: error: 1 error not listed past the limit of 2 (max_input_errors), "
          "the first of them here; fix the errors listed, or raise the limit, to see the rest "
          "[limit-errors]");
}

TEST_CASE("read_answers quotes a long value by its start and its length", "[form][limits]") {
    const Catalog catalog = shop_catalog();
    const Form form = shop_form(catalog);
    std::string text = good_answers;
    text.replace(text.find("kind: food"), std::string("kind: food").size(),
                 "kind: " + std::string(300, 'f'));
    const std::vector<std::string> errors = answer_errors(form, text);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find(", not '" + std::string(200, 'f') + "…' (300 bytes) [invalid-choice]") !=
          std::string::npos);
}

TEST_CASE("lengths count code points and patterns match code points", "[form]") {
    Form form;
    FormField name;
    name.id = "name";
    name.constraints.max_length = 2;
    name.patterns = {"^.{2}$", "^[老王]+$"};
    form.asked.push_back(name);
    CHECK(answer_errors(form, "name: 老王\n").empty());  // 6 bytes, 2 code points
    CHECK(answer_errors(form, "name: 老王王\n") ==
          std::vector<std::string>{
              "answers.yaml:1:7: error: field 'name' has 3 characters, more than the maximum "
              "length 2 "
              "[invalid-length]",
              "answers.yaml:1:7: error: field 'name' does not match the pattern '^.{2}$' "
              "[pattern-mismatch]",
          });
    form.asked.front().constraints.max_length.reset();
    const std::string long_value = "name: " + std::string(5000, 'a') + "\n";
    CHECK(answer_errors(form, long_value).front().find("[limit-pattern-input]") !=
          std::string::npos);
}

TEST_CASE("patterns match in linear time: no backtracking on a hostile answer", "[form]") {
    // With a backtracking engine, ^(a+)+$ against 30 a's and a '!' takes tens of seconds.
    Form form;
    FormField name;
    name.id = "name";
    name.patterns = {"^(a+)+$"};
    form.asked.push_back(name);
    const std::string hostile = "name: " + std::string(30, 'a') + "!\n";
    const auto start = std::chrono::steady_clock::now();
    CHECK(answer_errors(form, hostile) ==
          std::vector<std::string>{"answers.yaml:1:7: error: field 'name' does not match the "
                                   "pattern '^(a+)+$' [pattern-mismatch]"});
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    CHECK(answer_errors(form, "name: " + std::string(30, 'a') + "\n").empty());
}

TEST_CASE("a pattern that needs backtracking is a located lint error", "[form]") {
    const auto loaded = load_catalog_from_sources(std::vector<SourceFile>{
        {"f.yaml",
         "format: 1\nfields:\n  a: {type: string, pattern: '(x)\\1'}\n"
         "  b: {type: string, pattern: '^(?!x)'}\n  c: {type: string, pattern: "
         "'^(a+)+$'}\n"}});
    REQUIRE(loaded.diagnostics.size() == 2);
    CHECK(format_diagnostic(loaded.diagnostics[0]) ==
          "f.yaml:3:21: error: field 'a': pattern '(x)\\1' is not supported: answers are "
          "checked with RE2 in linear time, which refuses it (invalid escape sequence: \\1); "
          "write it without backreferences or lookaround [invalid-constraint]");
    CHECK(loaded.diagnostics[1].location.line == 4);
    CHECK(loaded.diagnostics[1].message.find("(invalid perl operator: (?!)") != std::string::npos);
}

TEST_CASE("shared data's errors name the shared data, not the answers", "[form]") {
    const Catalog catalog = shop_catalog();
    const auto shared_errors = [&](const std::string& text) {
        return testing::input_error_messages([&] {
            (void)read_shared(catalog, SourceFile{"shared.yaml", text});
        });
    };
    CHECK(shared_errors("[1, 2]\n") ==
          std::vector<std::string>{"shared.yaml:1:1: error: the shared data must be a mapping, not "
                                   "a list [invalid-type]"});
    CHECK(shared_errors("owner.name: a\nowner: {name: b}\n") ==
          std::vector<std::string>{"shared.yaml:2:9: error: field 'owner.name' is given twice "
                                   "(first at line 1, column 1) [duplicate-field]"});
}

TEST_CASE("shared data accepts only shared fields, checked against their definition", "[form]") {
    const Catalog catalog = shop_catalog();
    const Answers shared = read_shared(catalog, SourceFile{"s.yaml", "owner: {name: 王小明}\n"});
    CHECK(std::get<std::string>(shared.at("owner.name")) == "王小明");
    try {
        read_shared(catalog, SourceFile{"s.yaml", "owner.name: '" + std::string(21, 'x') +
                                                      "'\nowner.age: 3\n"});
        FAIL("no error");
    } catch (const InputError& error) {
        REQUIRE(error.diagnostics().size() == 2);
        CHECK(error.diagnostics()[0].code == "invalid-length");
        CHECK(error.diagnostics()[1].code == "not-shared");
        CHECK(error.diagnostics()[1].location.line == 2);
    }
}

TEST_CASE("dispatch gives each item its own fields, pending and prefill", "[form]") {
    const Catalog catalog = shop_catalog();
    const Plan plan = make_plan(catalog, "shop", {});
    const Form form = merge_form(catalog, plan);
    const Answers answers = read_answers(form, SourceFile{"a.yaml", good_answers});
    const auto payloads = dispatch(catalog, plan, answers, {});
    REQUIRE(payloads.size() == 3);
    CHECK(payloads[0].item == "a");
    CHECK(payloads[0].fields.size() == 3);  // owner.age, shop.kind, shop.name
    CHECK(payloads[0].pending == std::map<std::string, std::string>{{"licence.number", "b"}});
    CHECK(payloads[0].prefill == std::vector<std::string>{"owner.name"});
    CHECK(payloads[1].item == "b");
    CHECK(payloads[1].fields.size() == 5);
    CHECK(payloads[1].pending.empty());
    CHECK(payloads[2].item == "c");
    CHECK(payloads[2].fields.count("shop.staff") == 1);
    CHECK(payloads[2].pending.count("licence.number") == 1);

    const Answers shared{{"owner.name", Value(std::string("王小明"))}};
    const Json json = Json::parse(dispatch_to_json(dispatch(catalog, plan, answers, shared)));
    CHECK(json["a"]["fields"]["owner.name"] == "王小明");
    CHECK(json["a"]["prefill"] == Json::array());
    CHECK(json["b"]["fields"]["shop.opened"] == "2025-03-01");
    CHECK(json["c"]["pending"]["licence.number"] == "b");

    Answers incomplete = answers;
    incomplete.erase("shop.staff");
    CHECK_THROWS_AS(dispatch(catalog, plan, incomplete, {}), InputError);
}

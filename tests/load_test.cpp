// The loader: typed reading, exact positions, every check, all problems in one run.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "onething/error.hpp"
#include "onething/load.hpp"
#include "onething/plan.hpp"
#include "onething/snapshot.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::load_text;
using onething::testing::messages;

namespace {

/// True when some diagnostic's formatted text equals `text`.
bool has_message(const LoadResult& result, const std::string& text) {
    for (const auto& message : messages(result)) {
        if (message == text) {
            return true;
        }
    }
    return false;
}

/// The codes of the diagnostics, in order.
std::vector<std::string> codes(const LoadResult& result) {
    std::vector<std::string> out;
    for (const auto& diagnostic : result.diagnostics) {
        out.push_back(diagnostic.code);
    }
    return out;
}

}  // namespace

TEST_CASE("a complete definition loads into the model with every key", "[load]") {
    const LoadResult result = load_text(R"(format: 1
facts:
  child.born_in_city: {type: bool, question: {zh: '孩子是否在本市出生?', en: 'Born here?'}, default: true}
  applicant.kind: {type: enum, values: [local, nonlocal]}
fields:
  mother.age: {type: integer, label: {zh: 母亲年龄}, minimum: 0, maximum: 120}
  mother.id_number: {type: string, pattern: '^[0-9]{17}[0-9X]$', source: shared}
materials:
  household_register: {name: 户口簿, e_license: true}
  hukou_record: {name: 户口记录, submittable: false}
  residence_permit: {name: 居住证}
items:
  birth.hukou_registration:
    name: {zh: 出生登记, en: Birth household registration}
    department: public_security
    type: registration
    channels: [online, window]
    in_person: false
    duration_days: 5.5
    steps: 3
    payee: medical_insurance
    when: "child.born_in_city && applicant.kind == 'local'"
    needs:
      materials: [household_register, {any_of: [residence_permit, household_register]}]
      fields: [mother.id_number, {field: mother.age, minimum: 16}]
    produces: {materials: [hukou_record]}
bundles:
  child-birth:
    name: {zh: 小孩出生一件事, en: Child birth}
    goals: [birth.hukou_registration]
    optimize: [days, visits]
tests:
  - name: local
    bundle: child-birth
    facts: {child.born_in_city: true, applicant.kind: local}
    expect: {items: [birth.hukou_registration], stages: 1, after: {days: 5.5}}
)");
    for (const auto& message : messages(result)) {
        UNSCOPED_INFO(message);
    }
    REQUIRE(result.ok());
    const Catalog& catalog = result.catalog;
    const Item* item = catalog.find_item("birth.hukou_registration");
    REQUIRE(item);
    CHECK(item->name.in("en") == "Birth household registration");
    CHECK(item->department == "public_security");
    CHECK(item->type == ItemType::registration);
    CHECK(item->channels == std::vector<Channel>{Channel::online, Channel::window});
    CHECK(item->visits == 0);  // default with an online channel
    CHECK(item->duration_days == 5.5);
    CHECK(item->steps == 3);
    CHECK(item->payee == std::optional<std::string>("medical_insurance"));
    CHECK(item->when.source() == "child.born_in_city && applicant.kind == 'local'");
    REQUIRE(item->needs_materials.size() == 2);
    CHECK(item->needs_materials[1].any_of);
    CHECK(item->needs_materials[1].alternatives[0].id == "residence_permit");
    REQUIRE(item->needs_fields.size() == 2);
    REQUIRE(item->needs_fields[1].narrowing);
    CHECK(item->needs_fields[1].narrowing->constraints.minimum == 16);
    CHECK(item->needs_fields[1].narrowing->locations.count("minimum") == 1);
    CHECK_FALSE(item->needs_fields[0].narrowing);
    CHECK(item->location.line == 13);
    CHECK(item->location.column == 3);
    const Field* field = catalog.find_field("mother.id_number");
    REQUIRE(field);
    CHECK(field->source == FieldSource::shared);
    CHECK(field->constraints.pattern == std::optional<std::string>("^[0-9]{17}[0-9X]$"));
    const Fact* fact = catalog.find_fact("child.born_in_city");
    REQUIRE(fact);
    CHECK(fact->default_value == std::optional<Value>(true));
    CHECK(catalog.find_bundle("child-birth")->optimize ==
          std::vector<Metric>{Metric::days, Metric::visits});
    REQUIRE(catalog.tests().size() == 1);
    CHECK(catalog.tests()[0].facts.at("applicant.kind") == Value(std::string("local")));
    CHECK(catalog.tests()[0].expect.after.at(Metric::days).value == 5.5);
    // Every location in a file shares the one name string.
    CHECK(item->location.file == "test.yaml");
    CHECK(&item->location.file.str() == &item->needs_fields[0].field.location.file.str());
}

TEST_CASE("file names compare and order as text, shared or not", "[load]") {
    const FileName a("a.yaml"), a_again(std::string("a.yaml")), b("b.yaml"), none;
    CHECK(a == a_again);
    CHECK(&a.str() != &a_again.str());
    CHECK(a < b);
    CHECK(none < a);
    CHECK(none.empty());
    CHECK(none.str().empty());
    CHECK(FileName("") == none);
    const std::string& text = b;
    CHECK(text == "b.yaml");
}

TEST_CASE("every problem is reported in one run, in file order", "[load]") {
    const LoadResult result = load_text(R"(format: 1
facts:
  child.born_in_city: {type: bool}
items:
  a:
    name: A
    duraton_days: 5
    when: child.born_in_cty
  b:
    name: B
    needs: {items: [c]}
bundles:
  x: {goals: [a], optimize: [dayz]}
)");
    CHECK(codes(result) ==
          std::vector<std::string>{"unknown-key", "unknown-fact", "unknown-item", "invalid-value"});
    CHECK(has_message(result,
                      "test.yaml:7:5: error: unknown key 'duraton_days' in item 'a'; did you mean "
                      "'duration_days'? [unknown-key]"));
    CHECK(has_message(result,
                      "test.yaml:8:11: error: unknown fact 'child.born_in_cty'; did you mean "
                      "'child.born_in_city'? [unknown-fact]"));
}

TEST_CASE("a when expression's errors point inside the expression", "[load][condition]") {
    const LoadResult result = load_text(R"(facts:
  age: {type: int}
items:
  plain: {name: P, when: age >= 'x'}
  quoted: {name: Q, when: "age > 1 && nope"}
)");
    REQUIRE(result.diagnostics.size() == 2);
    // 'x' is column 33 on line 4: `  plain: {name: P, when: age >= 'x'}`
    CHECK(result.diagnostics[0].location.line == 4);
    CHECK(result.diagnostics[0].location.column == 33);
    // nope is at offset 11 of the expression, which starts after the quote at column 27.
    CHECK(result.diagnostics[1].location.line == 5);
    CHECK(result.diagnostics[1].location.column == 39);
}

TEST_CASE("booleans are only true and false, integers only decimal", "[load]") {
    const LoadResult result = load_text(R"(items:
  a: {name: A, in_person: yes, steps: 010, visits: 0x1, duration_days: 1e2}
)");
    CHECK(codes(result) == std::vector<std::string>{"type", "type", "type"});
    CHECK(result.catalog.items().empty() == false);
}

TEST_CASE("visits default to 1 unless the channels list online, mobile alone warned",
          "[load][channels]") {
    const LoadResult result = load_text(R"(items:
  web: {name: W, channels: [online, window]}
  app: {name: A, channels: [mobile, window]}
  app_said: {name: S, channels: [mobile], visits: 0}
  desk: {name: D}
)");
    CHECK(messages(result) ==
          std::vector<std::string>{
              "test.yaml:3:28: warning: item 'app' lists mobile but not online, so its visits "
              "default to 1 (the contract's default: 1 unless channels list online); write "
              "'visits: 0' if the app needs no trip to an office, or 'visits: 1' to keep the "
              "trip and this warning quiet [mobile-visits]"});
    CHECK(result.catalog.find_item("web")->visits == 0);
    CHECK(result.catalog.find_item("app")->visits == 1);
    CHECK(result.catalog.find_item("app_said")->visits == 0);
    CHECK(result.catalog.find_item("desk")->visits == 1);
}

TEST_CASE("ids, duplicates across files, and the first place named", "[load]") {
    std::vector<SourceFile> files{{"a.yaml", "items:\n  one: {name: A}\n"},
                                  {"b.yaml", "items:\n  one: {name: B}\n  Two: {name: C}\n"}};
    const LoadResult result = load_catalog_from_sources(files);
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(format_diagnostic(result.diagnostics[0]) ==
          "b.yaml:2:3: error: duplicate item id 'one'; first defined at a.yaml:2:3 [duplicate-id]");
    CHECK(result.diagnostics[1].code == "invalid-id");
    CHECK(result.catalog.find_item("one")->name.in("") == "A");
}

TEST_CASE("two sources in memory with one name are warned of, and both still read", "[load]") {
    const std::vector<SourceFile> files{{"a.yaml", "items:\n  one: {name: A}\n"},
                                        {"b.yaml", "items:\n  two: {name: B}\n"},
                                        {"a.yaml", "items:\n  three: {name: C}\n"}};
    const std::vector<SourceFile> overlays{{"b.yaml", "items:\n  two: {name: Bee}\n"}};
    const LoadResult result = load_catalog_from_sources(files, overlays, Limits{});
    CHECK(result.ok());
    CHECK(messages(result) ==
          std::vector<std::string>{
              "a.yaml: warning: source 3 is named 'a.yaml' as an earlier source or overlay is: "
              "diagnostics name their file, so they could not tell the two apart; give each its "
              "own name [duplicate-source-name]",
              "b.yaml: warning: overlay source 1 is named 'b.yaml' as an earlier source or "
              "overlay is: diagnostics name their file, so they could not tell the two apart; "
              "give each its own name [duplicate-source-name]"});
    CHECK(result.catalog.find_item("three") != nullptr);
    CHECK(result.catalog.find_item("two")->name.in("") == "Bee");
    // Distinct names: no warning.
    const std::vector<SourceFile> distinct{files[0], files[1]};
    CHECK(load_catalog_from_sources(distinct).diagnostics.empty());
}

TEST_CASE("expression limits are enforced at N and N+1", "[load][limits]") {
    Limits limits;
    limits.max_expression_length = 18;
    const std::string ok = "items:\n  a: {name: A, when: 'true && true && tr'}\n";         // 18
    const std::string too_long = "items:\n  a: {name: A, when: 'true && true && tru'}\n";  // 19
    CHECK(load_text(ok, limits).diagnostics.size() == 1);  // 'tr' is an unknown fact, not a limit
    const LoadResult result = load_text(too_long, limits);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].code == "limit-expression-length");
}

TEST_CASE("definition count limit at N and N+1", "[load][limits]") {
    Limits limits;
    limits.max_definitions = 2;
    CHECK(load_text("items:\n  a: {name: A}\n  b: {name: B}\n", limits).ok());
    const LoadResult result =
        load_text("items:\n  a: {name: A}\n  b: {name: B}\n  c: {name: C}\n", limits);
    REQUIRE_FALSE(result.ok());
    CHECK(result.diagnostics[0].code == "limit-definitions");
    CHECK(result.diagnostics[0].location.line == 4);
}

TEST_CASE("the definition limit is reported once, whichever section passes it", "[load][limits]") {
    const std::string text =
        "facts:\n  a: {type: bool, question: 'A?'}\n  b: {type: bool, question: 'B?'}\n"
        "items:\n  i: {name: I}\nbundles:\n  x: {name: X, goals: [i]}\n"
        "tests:\n  - {name: t, bundle: x, expect: {items: [i]}}\n";
    Limits limits;
    limits.max_definitions = 5;  // 2 facts, 1 item, 1 bundle, 1 test case: N
    CHECK(load_text(text, limits).ok());
    limits.max_definitions = 4;  // N - 1: the test case is the first over it
    CHECK(messages(load_text(text, limits)) ==
          std::vector<std::string>{"test.yaml:9:5: error: the catalog has more than 4 "
                                   "definitions (max_definitions) [limit-definitions]"});
    limits.max_definitions = 1;  // passed in facts: not reported again at the test case
    CHECK(messages(load_text(text, limits)) ==
          std::vector<std::string>{"test.yaml:3:3: error: the catalog has more than 1 "
                                   "definitions (max_definitions) [limit-definitions]"});
}

TEST_CASE("file count and catalog size limits apply to sources in memory too", "[load][limits]") {
    const std::vector<SourceFile> files{{"a.yaml", "format: 1\n"}, {"b.yaml", "format: 1\n"}};
    Limits limits;
    limits.max_files = 2;
    limits.max_catalog_bytes = 20;
    CHECK(load_catalog_from_sources(files, limits).ok());
    limits.max_files = 1;
    CHECK(messages(load_catalog_from_sources(files, limits)) ==
          std::vector<std::string>{"b.yaml:1:1: error: the catalog has 2 files, more than the "
                                   "limit of 1 (max_files) [limit-files]"});
    limits.max_files = 2;
    limits.max_catalog_bytes = 19;
    CHECK(messages(load_catalog_from_sources(files, limits)) ==
          std::vector<std::string>{"b.yaml:1:1: error: the catalog is larger than 19 bytes "
                                   "(max_catalog_bytes) [limit-catalog-size]"});
}

TEST_CASE("an empty file and a file of comments define nothing", "[load]") {
    CHECK(load_text("").ok());
    CHECK(load_text("# nothing here\n").ok());
    CHECK_FALSE(load_text("[1, 2]\n").ok());
}

TEST_CASE("read_regular_file reads within the limit, at N and N+1, whatever stat says",
          "[load][limits]") {
    namespace fs = std::filesystem;
    const fs::path folder =
        fs::temp_directory_path() / ("onething_read_test_" + std::to_string(::getpid()));
    fs::create_directories(folder);
    const std::string file = (folder / "ten.yaml").string();
    std::ofstream(file, std::ios::binary) << "format: 1\n";  // 10 bytes
    CHECK(read_regular_file(file, 10) == "format: 1\n");
    try {
        read_regular_file(file, 9);
        FAIL("no error");
    } catch (const InputError& error) {
        CHECK(format_diagnostic(error.diagnostics().front()) ==
              file +
                  ":1:1: error: file is 10 bytes, more than the limit of 9 (max_file_bytes) "
                  "[limit-file-size]");
    }
    // /proc files say they have 0 bytes: the read itself stops one byte past the limit.
    try {
        read_regular_file("/proc/self/status", 10);
        FAIL("no error");
    } catch (const InputError& error) {
        CHECK(error.diagnostics().front().message ==
              "file is larger than the limit of 10 bytes (max_file_bytes)");
    }
    // Neither a folder nor a device is opened.
    CHECK_THROWS_WITH(read_regular_file(folder.string(), 100),
                      Catch::Contains("it is a folder, not a regular file"));
    CHECK_THROWS_WITH(read_regular_file("/dev/zero", 100),
                      Catch::Contains("it is a character device, not a regular file"));
    fs::remove_all(folder);
}

TEST_CASE("enum labels load, keys that are not values and labels on non-enums are errors",
          "[load]") {
    const auto loaded = load_text(R"(
facts:
  person.status: {type: enum, values: [employed, retired], labels: {employed: 在职, retired: 退休}}
fields:
  child.hukou_parent:
    type: enum
    values: [father, mother]
    labels: {father: {zh: 随父, en: Father}}
)");
    REQUIRE(loaded.ok());
    const Fact* fact = loaded.catalog.find_fact("person.status");
    REQUIRE(fact != nullptr);
    CHECK(fact->labels.at("retired").in("zh") == "退休");
    const Field* field = loaded.catalog.find_field("child.hukou_parent");
    REQUIRE(field != nullptr);
    CHECK(field->labels.size() == 1);
    CHECK(field->labels.at("father").in("en") == "Father");

    CHECK(codes(load_text("facts:\n  a: {type: enum, values: [x, y], labels: {z: Z}}\n")) ==
          std::vector<std::string>{"unknown-value"});
    CHECK(codes(load_text("facts:\n  a: {type: bool, labels: {x: X}}\n")) ==
          std::vector<std::string>{"invalid-key"});
    CHECK(codes(load_text("fields:\n  a: {type: enum, values: [x], labels: {x: [1]}}\n")) ==
          std::vector<std::string>{"type"});
}

TEST_CASE("lint finds cycles through materials only when every plan must hit them",
          "[load][cycle]") {
    const std::string materials = R"(
materials:
  a_record: {submittable: false}
  b_record: {submittable: false}
  paper: {}
)";
    // Certain: each needs what only the other produces.
    CHECK(codes(load_text(materials + R"(
items:
  a: {needs: {materials: [b_record]}, produces: {materials: [a_record]}}
  b: {needs: {materials: [a_record]}, produces: {materials: [b_record]}}
)")) == std::vector<std::string>{"cycle"});
    // Through a prerequisite too; a third item only leading into the cycle adds no report.
    CHECK(codes(load_text(materials + R"(
items:
  a: {needs: {materials: [b_record]}, produces: {materials: [a_record]}}
  b: {needs: {items: [c]}, produces: {materials: [b_record]}}
  c: {needs: {materials: [a_record]}}
  d: {needs: {materials: [a_record]}}
)")) == std::vector<std::string>{"cycle"});
    // Possible only: an any_of with a submittable alternative, a second producer outside the
    // cycle, a prerequisite with its own `when`.
    CHECK(load_text(materials + R"(
items:
  a: {needs: {materials: [{any_of: [b_record, paper]}]}, produces: {materials: [a_record]}}
  b: {needs: {materials: [a_record]}, produces: {materials: [b_record]}}
)")
              .ok());
    CHECK(load_text(materials + R"(
items:
  a: {needs: {materials: [b_record]}, produces: {materials: [a_record]}}
  b: {needs: {materials: [a_record]}, produces: {materials: [b_record]}}
  c: {produces: {materials: [b_record]}}
)")
              .ok());
    CHECK(load_text(R"(
facts:
  f: {type: bool}
)" + materials + R"(
items:
  a: {needs: {materials: [b_record]}, produces: {materials: [a_record]}}
  b: {needs: {items: [c]}, produces: {materials: [b_record]}}
  c: {when: f, needs: {materials: [a_record]}}
)")
              .ok());
}

TEST_CASE("a prerequisite cycle only some facts close loads, and those plans fail cycle",
          "[load][cycle]") {
    // The graph's nodes are the selected items (rule-format.md, "Meaning", step 3): a
    // prerequisite with a `when` of its own, or behind a need with a `when`, is an edge only in
    // the plans where that holds.
    const std::string yaml = R"(
facts:
  p: {type: bool}
items:
  a: {name: A, needs: {items: [b]}}
  b: {name: B, needs: {items: [c]}}
  c: {name: C, when: p, needs: {items: [a]}}
  d: {name: D, needs: {items: [{item: e, when: p}]}}
  e: {name: E, needs: {items: [{item: d, when: '!p'}]}}
bundles:
  x: {name: X, goals: [a]}
  y: {name: Y, goals: [d, e]}
)";
    const LoadResult loaded = load_text(yaml);
    REQUIRE(messages(loaded).empty());
    // The same catalog from its snapshot: the snapshot's checks refuse what loading refuses.
    const LoadResult snapshot = read_snapshot("test.snapshot", write_snapshot(loaded));
    REQUIRE(messages(snapshot).empty());
    for (const Catalog* catalog : {&loaded.catalog, &snapshot.catalog}) {
        CHECK(testing::ids(make_plan(*catalog, "x", {{"p", false}})) ==
              std::vector<std::string>{"a", "b"});
        try {
            make_plan(*catalog, "x", {{"p", true}});
            FAIL("expected a cycle");
        } catch (const PlanError& error) {
            CHECK(error.code() == "cycle");
            CHECK(error.diagnostics().front().message == "dependency cycle: a -> b -> c -> a");
        }
        // Exclusive conditions never close d <-> e.
        CHECK(testing::ids(make_plan(*catalog, "y", {{"p", true}})) ==
              std::vector<std::string>{"d", "e"});
        CHECK(testing::ids(make_plan(*catalog, "y", {{"p", false}})) ==
              std::vector<std::string>{"d", "e"});
    }
    // Without the `when`, every plan with one of them has the cycle: refused when loading.
    std::string certain = yaml;
    certain.replace(certain.find("when: p, "), 9, "");
    CHECK(messages(load_text(certain)) ==
          std::vector<std::string>{"test.yaml:5:32: error: dependency cycle: a -> b -> c -> a "
                                   "[cycle]"});
}

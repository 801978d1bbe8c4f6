// Unit tests of effective dates (rule format 1.1 `valid_from` / `valid_until`): versions of a
// catalog, overlapping periods, references missing on some day, `as_of` in requests and tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "onething/load.hpp"
#include "onething/plan.hpp"
#include "onething/request.hpp"
#include "onething/snapshot.hpp"
#include "onething/testing.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::ids;
using onething::testing::messages;

namespace {

/// The reform as two dated versions of one bundle: before 2020 the applicant goes to the
/// health office for a certificate first (a second visit); from 2020 the registration reads it
/// from shared data.
const char* common_yaml = R"(
materials:
  id_card: {name: ID card}
  birth_certificate: {name: Birth certificate, submittable: false}
items:
  health.certificate:
    name: Birth certificate
    department: health
    duration_days: 3
    produces: {materials: [birth_certificate]}
  police.register:
    name: Register the birth
    department: police
    duration_days: 5
    needs: {materials: [id_card, birth_certificate]}
    valid_until: 2019-12-31
tests:
  - name: before the reform
    bundle: birth
    as_of: 2019-06-01
    expect: {items: [health.certificate, police.register]}
  - name: after the reform
    bundle: birth
    as_of: 2020-01-01
    expect: {items: [police.register]}
)";

const char* reform_yaml = R"(
fields:
  child.name: {type: string, valid_from: 2020-01-01}
items:
  police.register:
    name: Register the birth
    department: police
    duration_days: 2
    needs: {materials: [id_card], fields: [child.name]}
    valid_from: 2020-01-01
bundles:
  birth:
    name: Birth
    goals: [police.register]
)";

/// Loads the two files above (and `extra` as a third, when given).
LoadResult load_reform(const std::string& extra = "", const Limits& limits = {}) {
    std::vector<SourceFile> files{{"common.yaml", common_yaml}, {"reform.yaml", reform_yaml}};
    if (!extra.empty()) {
        files.push_back({"extra.yaml", extra});
    }
    return load_catalog_from_sources(files, limits);
}

/// The ids of the plan of `bundle` on `day`.
std::vector<std::string> planned_on(const Catalog& catalog, const std::string& day) {
    return ids(make_plan(catalog.as_of(*Date::parse(day)), "birth", {}));
}

}  // namespace

TEST_CASE("periods contain, overlap and describe their days", "[dated]") {
    const Period always;
    const Period until{std::nullopt, Date::parse("2019-12-31")};
    const Period from{Date::parse("2020-01-01"), std::nullopt};
    const Period both{Date::parse("2019-06-01"), Date::parse("2020-06-30")};
    CHECK(always.contains(*Date::parse("1900-01-01")));
    CHECK(until.contains(*Date::parse("2019-12-31")));
    CHECK_FALSE(until.contains(*Date::parse("2020-01-01")));
    CHECK(from.contains(*Date::parse("2020-01-01")));
    CHECK_FALSE(until.overlaps(from));
    CHECK(both.overlaps(until));
    CHECK(both.overlaps(from));
    CHECK(always.overlaps(both));
    CHECK(both.describe() == "2019-06-01..2020-06-30");
    CHECK(until.describe() == "until 2019-12-31");
    CHECK(from.describe() == "from 2020-01-01");
    CHECK(always.describe() == "always");
    CHECK(Date::parse("2020-02-28")->next()->to_string() == "2020-02-29");
    CHECK(Date::parse("2019-03-01")->previous()->to_string() == "2019-02-28");
    CHECK(Date::parse("2019-12-31")->next()->to_string() == "2020-01-01");
    CHECK_FALSE(Date::parse("9999-12-31")->next());
    CHECK_FALSE(Date::parse("0000-01-01")->previous());
}

TEST_CASE("one id defined for disjoint periods gives a version per period", "[dated]") {
    LoadResult loaded = load_reform();
    for (const auto& message : messages(loaded)) {
        INFO(message);
    }
    REQUIRE(loaded.ok());
    const Catalog& catalog = loaded.catalog;
    REQUIRE(catalog.versions().size() == 2);
    CHECK(catalog.versions()[0].period.describe() == "until 2019-12-31");
    CHECK(catalog.versions()[1].period.describe() == "from 2020-01-01");
    CHECK(planned_on(catalog, "2019-12-31") ==
          std::vector<std::string>{"health.certificate", "police.register"});
    CHECK(planned_on(catalog, "2020-01-01") == std::vector<std::string>{"police.register"});
    // Each version holds only what is in effect: the field exists from 2020 on.
    CHECK(catalog.as_of(*Date::parse("2019-01-01")).find_field("child.name") == nullptr);
    CHECK(catalog.as_of(*Date::parse("2021-01-01")).find_field("child.name") != nullptr);
    CHECK(catalog.as_of(*Date::parse("2021-01-01")).find_item("police.register")->duration_days ==
          2);
    // The tests run each case on its own day.
    const TestReport report = run_tests(catalog);
    CHECK(report.failed == 0);
    CHECK(report.passed == 2);
}

TEST_CASE("an undated catalog is its own version on every day", "[dated]") {
    const LoadResult loaded = onething::testing::load_text(R"(
items:
  a: {name: A, department: d}
bundles:
  b: {name: B, goals: [a]}
)");
    REQUIRE(loaded.ok());
    CHECK(loaded.catalog.versions().empty());
    CHECK(&loaded.catalog.as_of(*Date::parse("1990-01-01")) == &loaded.catalog);
}

TEST_CASE("overlapping periods of one id are a duplicate naming both places", "[dated]") {
    const LoadResult loaded = load_reform(R"(
items:
  police.register:
    name: Register again
    department: police
    valid_from: 2019-12-31
    valid_until: 2020-03-01
)");
    REQUIRE_FALSE(loaded.ok());
    const auto found = messages(loaded);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "extra.yaml:3:3: error: duplicate item id 'police.register': its period "
          "2019-12-31..2020-03-01 shares days with the period until 2019-12-31 of the definition "
          "at common.yaml:11:3; one id may be defined several times only for periods with no "
          "day in common (valid_from / valid_until, both inclusive) [duplicate-id]");
}

TEST_CASE("the days a refused overlapping definition covers are not reported again", "[dated]") {
    // The diagnostics of item `it` defined with `first` (with a bundle planning it) in a.yaml,
    // and again with `second` in b.yaml.
    const auto lint_it = [](const std::string& first, const std::string& second) {
        return messages(load_catalog_from_sources(std::vector<SourceFile>{
            {"a.yaml",
             "items:\n  it: {name: A, " + first + "}\nbundles:\n  b: {name: B, goals: [it]}\n"},
            {"b.yaml", "items:\n  it: {name: B, " + second + "}\n"}}));
    };
    // The second definition shares 2019-06-30 with the first and is refused; without it no
    // definition covers 2019-07-01 on, which the duplicate error already explains.
    const auto found = lint_it("valid_until: 2019-06-30", "valid_from: 2019-06-30");
    REQUIRE(found.size() == 1);
    CHECK(found[0].rfind("b.yaml:2:3: error: duplicate item id 'it': its period from 2019-06-30 "
                         "shares days with the period until 2019-06-30",
                         0) == 0);
    // A refused definition inside the kept one's period leaves the days before it reported.
    const auto inside = lint_it("valid_from: 2019-01-01, valid_until: 2019-12-31",
                                "valid_from: 2019-06-01, valid_until: 2019-06-30");
    REQUIRE(inside.size() == 2);
    CHECK(inside[0].find("no definition in effect on every day before 2019-01-01") !=
          std::string::npos);
    CHECK(inside[1].find("[duplicate-id]") != std::string::npos);
    // Disjoint periods with a gap: the day no definition covers is named.
    const auto gap = lint_it("valid_until: 2019-06-30", "valid_from: 2019-07-02");
    REQUIRE(gap.size() == 1);
    CHECK(gap[0].find("[not-in-effect]") != std::string::npos);
    CHECK(gap[0].find("2019-07-01") != std::string::npos);
}

TEST_CASE("a reference with no definition on some day of the referrer's period names the day",
          "[dated]") {
    const LoadResult loaded = load_reform(R"(
facts:
  child.abroad: {type: bool, valid_until: 2020-12-31}
bundles:
  birth.abroad:
    name: Born abroad
    goals: [health.certificate]
    when: child.abroad
    valid_from: 2019-01-01
  birth.old:
    name: Old way
    goals: [police.register, health.certificate]
    defer: [health.certificate]
    valid_until: 2018-12-31
)");
    std::vector<std::string> found;  // the errors (birth.old also earns a warning: its goal
                                     // needs what only the item it defers produces)
    for (const auto& message : messages(loaded)) {
        UNSCOPED_INFO(message);
        if (message.find(": error: ") != std::string::npos) {
            found.push_back(message);
        }
    }
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "extra.yaml:8:11: error: the condition refers to fact 'child.abroad', which has no "
          "definition in effect on 2021-01-01 (the first such day of the referrer's period); "
          "'child.abroad' is in effect until 2020-12-31 (extra.yaml:3:43); "
          "give 'child.abroad' a definition for that day, or end the referrer's period before it "
          "[not-in-effect]");
}

TEST_CASE("a reference missing before every version names the days before", "[dated]") {
    const LoadResult loaded = load_reform(R"(
bundles:
  early:
    name: Early
    goals: [child.registered]
items:
  child.registered:
    name: Registered
    department: police
    valid_from: 2015-01-01
)");
    const auto found = messages(loaded);
    REQUIRE(found.size() == 1);
    CHECK(found[0].find("extra.yaml:5:13: error: bundle 'early' goals refers to item "
                        "'child.registered', which has no definition in effect on every day "
                        "before 2015-01-01") == 0);
}

TEST_CASE("a period ending before it starts is refused at valid_until", "[dated]") {
    const LoadResult loaded = onething::testing::load_text(R"(
items:
  a: {name: A, department: d, valid_from: 2020-01-02, valid_until: 2020-01-01}
)");
    const auto found = messages(loaded);
    REQUIRE(found.size() == 1);
    CHECK(found[0].find("test.yaml:3:68: error: item 'a' valid_until 2020-01-01 comes before its "
                        "valid_from 2020-01-02") == 0);
    const LoadResult bad_day = onething::testing::load_text(R"(
items:
  a: {name: A, department: d, valid_from: 2020-02-30}
)");
    REQUIRE(messages(bad_day).size() == 1);
    CHECK(messages(bad_day)[0].find("test.yaml:3:43: error: item 'a' valid_from must be a date "
                                    "written YYYY-MM-DD") == 0);
}

TEST_CASE("an error found on some days only says on which", "[dated]") {
    // A condition reads fact `x`, defined in one file per period with the given bodies: the
    // condition is wrong where `x` is an int.
    const auto lint_x = [](const std::vector<std::string>& bodies) {
        std::vector<SourceFile> files{
            {"a.yaml",
             "items:\n  it: {name: A, when: x}\nbundles:\n  b: {name: B, goals: [it]}\n"}};
        for (const std::string& body : bodies) {
            files.push_back(
                {"x" + std::to_string(files.size()) + ".yaml", "facts:\n  x: {" + body + "}\n"});
        }
        return messages(load_catalog_from_sources(files));
    };
    const std::string wrong = "a.yaml:2:23: error: condition must be true/false, but 'x' is an int";
    const auto later =
        lint_x({"type: bool, valid_until: 2019-12-31", "type: int, valid_from: 2020-01-01"});
    REQUIRE(later.size() == 1);
    CHECK(later[0] == wrong + " (with the definitions in effect from 2020-01-01) [condition-type]");
    const auto middle = lint_x({"type: bool, valid_until: 2018-12-31",
                                "type: int, valid_from: 2019-01-01, valid_until: 2019-12-31",
                                "type: bool, valid_from: 2020-01-01"});
    REQUIRE(middle.size() == 1);
    CHECK(middle[0] ==
          wrong + " (with the definitions in effect on 2019-01-01..2019-12-31) [condition-type]");
    const auto both_ends = lint_x({"type: int, valid_until: 2018-12-31",
                                   "type: bool, valid_from: 2019-01-01, valid_until: 2019-12-31",
                                   "type: int, valid_from: 2020-01-01"});
    REQUIRE(both_ends.size() == 1);
    CHECK(both_ends[0] == wrong +
                              " (with the definitions in effect until 2018-12-31 and from "
                              "2020-01-01) [condition-type]");
    // An item or case checked only in some versions, wrong in each of them: no days are said.
    const auto own_days = messages(load_catalog_from_sources(std::vector<SourceFile>{
        {"a.yaml",
         "facts:\n  g: {type: bool}\nmaterials:\n  m: {name: M}\nitems:\n  it: {name: A, "
         "valid_from: 2020-01-01, needs: {materials: [m, m]}}\n  other: {name: O}\n"
         "bundles:\n  b: {name: B, goals: [other]}\n"
         "tests:\n  - {name: t, bundle: b, as_of: 2019-01-01, facts: {g: 3}}\n"}}));
    REQUIRE(own_days.size() == 2);
    CHECK(own_days[0].find("with the definitions in effect") == std::string::npos);
    CHECK(own_days[1].find("with the definitions in effect") == std::string::npos);
    // Wrong on every day: said once, as an undated catalog says it.
    const auto always =
        lint_x({"type: int, valid_until: 2019-12-31", "type: int, valid_from: 2020-01-01"});
    REQUIRE(always.size() == 1);
    CHECK(always[0] == wrong + " [condition-type]");
}

TEST_CASE("a refused period gives no duplicate error against another definition's", "[dated]") {
    // Item `it` defined with `first` in a.yaml and again, from 2021, in b.yaml: only the period
    // error is reported, not a duplicate that calls the refused period "always".
    const auto lint_it = [](const std::string& first) {
        return messages(load_catalog_from_sources(std::vector<SourceFile>{
            {"a.yaml", "items:\n  it: {name: A, " + first + "}\n"},
            {"b.yaml", "items:\n  it: {name: B, valid_from: 2021-01-01}\n"}}));
    };
    for (const std::string first :
         {"valid_from: 2020-06-01, valid_until: 2020-01-01",
          "valid_from: 2020-02-30, valid_until: 2020-12-31", "valid_until: 2020-13-01"}) {
        CAPTURE(first);
        const auto found = lint_it(first);
        REQUIRE(found.size() == 1);
        CHECK(found[0].rfind("a.yaml:2:", 0) == 0);
        CHECK(found[0].find("duplicate") == std::string::npos);
    }
    // Nor a reference to the id on days the refused definition may have meant to cover.
    const auto referenced = messages(load_catalog_from_sources(std::vector<SourceFile>{
        {"a.yaml",
         "items:\n  it: {name: A, valid_from: 2020-01-01}\nbundles:\n  b: {name: B, goals: "
         "[it]}\n"},
        {"b.yaml", "items:\n  it: {name: B, valid_from: 2019-06-01, valid_until: 2019-01-01}\n"}}));
    REQUIRE(referenced.size() == 1);
    CHECK(referenced[0].find("[invalid-period]") != std::string::npos);
    // With a valid period that overlaps, the duplicate is still reported.
    const auto overlapping = lint_it("valid_from: 2020-06-01, valid_until: 2021-01-01");
    REQUIRE(overlapping.size() == 1);
    CHECK(overlapping[0].find("[duplicate-id]") != std::string::npos);
}

TEST_CASE("max_versions is refused at N + 1 and loads at N", "[dated][limits]") {
    // The reform's two files make 2 versions.
    Limits limits;
    limits.max_versions = 2;
    CHECK(load_reform("", limits).ok());
    limits.max_versions = 1;
    const LoadResult refused = load_reform("", limits);
    REQUIRE(messages(refused).size() == 1);
    CHECK(messages(refused)[0].find("reform.yaml:3:3: error: the dated definitions divide time "
                                    "into 2 periods, more than the limit of 1 version of") == 0);
}

TEST_CASE("requests plan as of their day; tests each on theirs", "[dated][request]") {
    const LoadResult loaded = load_reform();
    REQUIRE(loaded.ok());
    Request request;
    request.operation = Operation::plan;
    request.bundle = "birth";
    request.format = "json";
    request.as_of = Date::parse("2019-05-05");
    const Response before = respond(loaded, request);
    REQUIRE(before.ok());
    CHECK(before.document.find("health.certificate") != std::string::npos);
    request.as_of = Date::parse("2020-05-05");
    const Response after = respond(loaded, request);
    REQUIRE(after.ok());
    CHECK(after.document.find("health.certificate") == std::string::npos);

    const Request from_json =
        request_from_json(R"({"command": "plan", "bundle": "b", "as_of": "2019-02-28"})");
    CHECK(from_json.as_of == Date::parse("2019-02-28"));
    CHECK_THROWS_WITH(
        request_from_json(R"({"command": "plan", "bundle": "b", "as_of": "2019-02-29"})"),
        Catch::Contains("request field 'as_of': expected a date written YYYY-MM-DD"));
    CHECK_THROWS_WITH(request_from_json(R"({"command": "plan", "bundle": "b", "as_of": 20190228})"),
                      Catch::Contains("request field 'as_of': expected a string"));
}

TEST_CASE("a case's fact missing on its as_of names that day and how to fix the case", "[dated]") {
    const auto found = messages(load_catalog_from_sources(std::vector<SourceFile>{
        {"a.yaml",
         "facts:\n  f: {type: bool, valid_until: 2019-12-31}\nitems:\n  it: {name: It}\n"
         "bundles:\n  b: {name: B, goals: [it]}\n"
         "tests:\n  - {name: t, bundle: b, as_of: 2020-02-02, facts: {f: true}}\n"}}));
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "a.yaml:8:53: error: test 't' facts refers to fact 'f', which has no definition in "
          "effect on 2020-02-02, the case's as_of; 'f' is in effect until 2019-12-31 "
          "(a.yaml:2:32); give the case an as_of inside those days, or leave 'f' out of it "
          "[not-in-effect]");
}

TEST_CASE("a case without as_of is told the day it is planned on; a bundle has one fix",
          "[dated]") {
    // No day has both the fact and the bundle: the case is checked, and refused, on today's.
    const auto undated = messages(load_catalog_from_sources(std::vector<SourceFile>{
        {"a.yaml",
         "facts:\n  f: {type: bool, valid_until: 2019-12-31}\nitems:\n  it: {name: It}\n"
         "bundles:\n  b: {name: B, goals: [it], valid_from: 2020-01-01}\n"
         "tests:\n  - {name: t, bundle: b, facts: {f: true}}\n"}}));
    REQUIRE(undated.size() == 1);
    CHECK(undated[0].find("which has no definition in effect on " + Date::today().to_string() +
                          ", the day the case is planned on (it has no as_of); 'f' is in effect "
                          "until 2019-12-31") != std::string::npos);
    const auto bundle = messages(load_catalog_from_sources(std::vector<SourceFile>{
        {"a.yaml",
         "items:\n  it: {name: It}\nbundles:\n  b: {name: B, goals: [it], valid_from: "
         "2020-01-01}\ntests:\n  - {name: t, bundle: b, as_of: 2019-05-05}\n"}}));
    REQUIRE(bundle.size() == 1);
    CHECK(
        bundle[0].find("on 2019-05-05, the case's as_of; 'b' is in effect from 2020-01-01 "
                       "(a.yaml:4:41); give the case an as_of inside those days [not-in-effect]") !=
        std::string::npos);
}

TEST_CASE("a bundle asked for outside its period is named with the days it has",
          "[dated][request]") {
    // `early` is in effect until 2018-12-31 and again on 2020-01-01..2020-12-31 (in two
    // versions that are merged, as 2020-07-01 starts another).
    const LoadResult loaded = load_catalog_from_sources(std::vector<SourceFile>{
        {"a.yaml",
         "items:\n  it: {name: It}\n  other: {name: O, valid_from: 2020-07-01}\n"
         "bundles:\n  early: {name: E, goals: [it], valid_until: 2018-12-31}\n"},
        {"b.yaml",
         "bundles:\n  early: {name: E, goals: [it], valid_from: 2020-01-01, valid_until: "
         "2020-12-31}\n"}});
    REQUIRE(loaded.ok());
    Request request;
    request.operation = Operation::plan;
    request.bundle = "early";
    request.bundle_field = "--bundle";
    request.as_of = Date::parse("2019-06-01");
    const Response refused = respond(loaded, request);
    REQUIRE(refused.diagnostics.size() == 1);
    CHECK(refused.diagnostics[0].message ==
          "bundle 'early' has no definition in effect on 2019-06-01; it is in effect until "
          "2018-12-31 and on 2020-01-01..2020-12-31; ask as of a day in its period (--as-of, or "
          "\"as_of\" in a request)");
    request.as_of = Date::parse("2020-08-01");
    CHECK(respond(loaded, request).ok());
    request.bundle = "nothing";
    CHECK(respond(loaded, request).diagnostics[0].message ==
          "unknown bundle 'nothing'; none is near it: 'onething list' names the catalog's 1 "
          "bundle");
}

TEST_CASE("a test case's as_of picks the version its facts and bundle are checked in", "[dated]") {
    const LoadResult loaded = load_reform(R"(
tests:
  - name: wrong day
    bundle: birth
    as_of: 2019-06-01
    expect: {items: [police.register]}
)");
    REQUIRE(loaded.ok());
    const TestReport report = run_tests(loaded.catalog);
    CHECK(report.passed == 2);
    CHECK(report.failed == 1);
    REQUIRE(report.cases.size() == 3);
    CHECK(report.cases[2].name == "wrong day");
}

TEST_CASE("a case without as_of whose bundle has ended, or not begun, loads and fails on the day",
          "[dated]") {
    // Today is after 2020 and before 2099 whenever this runs: the load must not depend on it.
    const std::vector<SourceFile> files{{"ended.yaml", R"(
materials:
  m.a: {name: A}
items:
  i.one: {name: One, department: d, needs: {materials: [m.a]}}
bundles:
  past: {name: Past, goals: [i.one], valid_from: 2020-01-01, valid_until: 2020-12-31}
  future: {name: Future, goals: [i.one], valid_from: 2099-01-01}
tests:
  - name: ended
    bundle: past
    expect: {items: [i.one]}
  - name: not begun
    bundle: future
    expect: {items: [i.one]}
)"}};
    const LoadResult loaded = load_catalog_from_sources(files);
    CHECK(messages(loaded).empty());
    REQUIRE(loaded.ok());
    const TestReport inside = run_tests(loaded.catalog, {}, false, Date::parse("2020-06-01"));
    CHECK(inside.passed == 1);  // the past bundle's case; the future bundle is not in effect
    REQUIRE(inside.failures.size() == 1);
    CHECK(inside.failures[0].test == "not begun");
    CHECK(inside.failures[0].message ==
          "bundle 'future' has no definition in effect on 2020-06-01, the day the case is planned "
          "on; give the case an as_of inside the bundle's period, or run test --as-of such a day");
    CHECK(run_tests(loaded.catalog, {}, false, Date::parse("2099-06-01")).passed == 1);
    const TestReport today = run_tests(loaded.catalog);
    CHECK(today.failed == 2);
    // Planning the past bundle on a day inside its period works whatever today is.
    CHECK(ids(make_plan(loaded.catalog.as_of(*Date::parse("2020-06-01")), "past", {})) ==
          std::vector<std::string>{"i.one"});
    // Its snapshot loads too, and tests alike.
    const LoadResult read = read_snapshot("ended.snapshot", write_snapshot(loaded));
    CHECK(messages(read).empty());
    REQUIRE(read.ok());
    CHECK(run_tests(read.catalog, {}, false, Date::parse("2020-06-01")).passed == 1);
    CHECK(run_tests(read.catalog).failed == 2);
}

TEST_CASE("a case without as_of whose fact or expected item has ended loads and fails on the day",
          "[dated][snapshot]") {
    // Today is after 2020 and before 2099 whenever this runs: the load must not depend on it.
    const std::vector<SourceFile> files{{"ended.yaml", R"(
facts:
  old.fact: {type: bool, valid_until: 2020-12-31}
items:
  i.one: {name: One}
  i.old: {name: Old, valid_until: 2020-12-31}
bundles:
  b: {name: B, goals: [i.one]}
tests:
  - name: fact ended
    bundle: b
    facts: {old.fact: true}
    expect: {items: [i.one]}
  - name: item ended
    bundle: b
    expect: {items: [i.one], excludes: [i.old]}
  - name: today
    bundle: b
    expect: {items: [i.one]}
)"}};
    const LoadResult loaded = load_catalog_from_sources(files);
    CHECK(messages(loaded).empty());
    REQUIRE(loaded.ok());
    // Inside the periods every case passes; today the one whose fact has ended fails, saying so.
    CHECK(run_tests(loaded.catalog, {}, false, Date::parse("2020-06-01")).passed == 3);
    const TestReport today = run_tests(loaded.catalog);
    CHECK(today.passed == 2);
    REQUIRE(today.failures.size() == 1);
    CHECK(today.failures[0].test == "fact ended");
    CHECK(today.failures[0].location.line == 12);
    CHECK(today.failures[0].message ==
          "fact 'old.fact' has no definition in effect on " + Date::today().to_string() +
              ", the day the case is planned on; give the case an as_of inside the fact's "
              "period, run test --as-of such a day, or leave 'old.fact' out of the case");
    // A snapshot takes what its files take, and tests alike.
    const LoadResult read = read_snapshot("ended.snapshot", write_snapshot(loaded));
    CHECK(messages(read).empty());
    REQUIRE(read.ok());
    CHECK(run_tests(read.catalog).passed == 2);
    CHECK(run_tests(read.catalog, {}, false, Date::parse("2020-06-01")).passed == 3);
}

TEST_CASE("a snapshot of a dated catalog keeps every version and each case's day",
          "[dated][snapshot]") {
    const LoadResult loaded = load_reform();
    REQUIRE(loaded.ok());
    const std::string bytes = write_snapshot(loaded);
    const LoadResult read = read_snapshot("reform.snapshot", bytes);
    for (const auto& message : messages(read)) {
        UNSCOPED_INFO(message);
    }
    REQUIRE(read.ok());
    REQUIRE(read.catalog.versions().size() == 2);
    CHECK(read.catalog.versions()[1].period.describe() == "from 2020-01-01");
    for (const char* day : {"2019-12-31", "2020-01-01"}) {
        CHECK(planned_on(read.catalog, day) == planned_on(loaded.catalog, day));
    }
    CHECK(run_tests(read.catalog).passed == 2);
    CHECK(write_snapshot(read) == bytes);
    // max_versions bounds a snapshot's versions too: 2 load, 1 is refused.
    Limits limits;
    limits.max_versions = 2;
    CHECK(read_snapshot("reform.snapshot", bytes, limits).ok());
    limits.max_versions = 1;
    const LoadResult refused = read_snapshot("reform.snapshot", bytes, limits);
    REQUIRE(messages(refused).size() == 1);
    CHECK(messages(refused)[0].find("the catalog has 2 dated versions, more than the limit of 1 "
                                    "(max_versions)") != std::string::npos);
    // max_definitions counts each written definition once, as the rule files count them, not
    // once per version that holds it: the least limit that loads the files loads the snapshot.
    Limits counted;
    counted.max_definitions = 1;
    while (!load_reform("", counted).ok()) {
        ++counted.max_definitions;
    }
    CHECK(counted.max_definitions > 2);
    CHECK(read_snapshot("reform.snapshot", bytes, counted).ok());
    --counted.max_definitions;
    const LoadResult over = read_snapshot("reform.snapshot", bytes, counted);
    REQUIRE(messages(over).size() == 1);
    CHECK(messages(over)[0].find("the catalog has more than " +
                                 std::to_string(counted.max_definitions) +
                                 " definitions (max_definitions)") != std::string::npos);
}

TEST_CASE("a date written YYYY-MM-DD that is no day says why", "[dated]") {
    CHECK(Date::missing_day("2019-02-29") ==
          ": there is no such day, as February 2019 has 28 days");
    CHECK(Date::missing_day("2020-04-31") == ": there is no such day, as April 2020 has 30 days");
    CHECK(Date::missing_day("2020-13-01") == ": there is no such day, as months are 01 to 12");
    CHECK(Date::missing_day("2020-00-10") == ": there is no such day, as months are 01 to 12");
    CHECK(Date::missing_day("2020-02-29").empty());  // a day
    CHECK(Date::missing_day("2020-2-29").empty());   // not written YYYY-MM-DD
    CHECK(Date::missing_day("20x0-02-30").empty());
    const auto found = messages(load_catalog_from_sources(std::vector<SourceFile>{
        {"a.yaml", "facts:\n  f: {type: bool, valid_from: 2019-02-29}\n"}}));
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "a.yaml:2:31: error: fact 'f' valid_from must be a date written YYYY-MM-DD (e.g. "
          "2020-07-01), not '2019-02-29': there is no such day, as February 2019 has 28 days "
          "[type]");
}

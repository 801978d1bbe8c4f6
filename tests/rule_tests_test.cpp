// Unit tests of the `tests:` runner's 1.1 expectations: choices, critical_path, optimal and
// questions (rule-format.md, "More expectations in tests"). The exact command-line output of
// passing and failing cases is in tests/data/expect (tests/cli_tests.cmake).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "onething/testing.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::catalog_of;

namespace {

/// One item with two any_of needs and one single-material any_of; a second item only for
/// applicants who are not local. Unanswered, `person.local` leaves the plan undecided.
const char* catalog_yaml = R"(
format: 1
facts:
  person.local: {type: bool, question: 'Local?'}
materials:
  paper: {name: Paper}
  licence: {name: Licence, e_license: true}
  permit: {name: Permit, e_license: true}
items:
  a.apply:
    name: Apply
    duration_days: 2
    needs:
      materials: [{any_of: [paper, licence]}, {any_of: [permit]}, {any_of: [permit, paper]}]
  b.extra: {name: Extra, duration_days: 5, when: "!person.local", needs: {items: [a.apply]}}
bundles:
  alpha: {name: Alpha, goals: [a.apply, b.extra]}
tests:
)";

/// The messages of the failures of running the catalog with `cases` as its tests.
std::vector<std::string> failures_of(const std::string& cases) {
    const Catalog catalog = catalog_of(catalog_yaml + cases);
    std::vector<std::string> messages;
    for (const TestFailure& failure : run_tests(catalog).failures) {
        messages.push_back(format_test_failure(failure));
    }
    return messages;
}

}  // namespace

TEST_CASE("the 1.1 expectations are read with their places", "[tests][format-1.1]") {
    const Catalog catalog = catalog_of(std::string(catalog_yaml) + R"(
  - name: all four
    bundle: alpha
    facts: {person.local: false}
    expect:
      choices: {a.apply: [licence, permit]}
      critical_path: [a.apply, b.extra]
      optimal: true
      questions: []
)");
    REQUIRE(catalog.tests().size() == 1);
    const Expectation& expect = catalog.tests()[0].expect;
    REQUIRE(expect.choices);
    REQUIRE(expect.choices->value.size() == 1);
    const ExpectedChoices& choices = expect.choices->value[0];
    CHECK(choices.item.id == "a.apply");
    CHECK(choices.item.location.line == 24);
    CHECK(choices.item.location.column == 17);
    REQUIRE(choices.materials.value.size() == 2);
    CHECK(choices.materials.value[1].id == "permit");
    CHECK(choices.materials.location.column == 26);
    REQUIRE(expect.critical_path);
    CHECK(expect.critical_path->value.size() == 2);
    REQUIRE(expect.optimal);
    CHECK(expect.optimal->value);
    REQUIRE(expect.questions);
    CHECK(expect.questions->value.empty());
    CHECK_FALSE(expect.guide_only());
}

TEST_CASE("only questions: the guide is checked, the undecided plan is not",
          "[tests][format-1.1]") {
    const Catalog catalog = catalog_of(std::string(catalog_yaml) + R"(
  - {name: guide, bundle: alpha, facts: {}, expect: {questions: [person.local]}}
)");
    CHECK(catalog.tests()[0].expect.guide_only());
    const TestReport report = run_tests(catalog);
    CHECK(report.passed == 1);
    CHECK(report.failed == 0);
    CHECK(failures_of("  - {name: nothing, bundle: alpha, facts: {}, expect: {questions: []}}\n") ==
          std::vector<std::string>{
              "test.yaml:19:67: test 'nothing': questions are [person.local], expected []"});
}

TEST_CASE("questions beside a plan expectation: the undecided plan fails the case",
          "[tests][format-1.1]") {
    CHECK(failures_of("  - {name: both, bundle: alpha, facts: {}, expect: {questions: "
                      "[person.local], optimal: true}}\n") ==
          std::vector<std::string>{
              "test.yaml:19:5: test 'both': planning failed: the plan of bundle 'alpha' depends "
              "on facts not answered yet: person.local; answer them in the facts (--fact, a facts "
              "file, or the 'facts' of a request or test case), or let the guide ask them "
              "[undecided]"});
}

TEST_CASE("choices list the chosen material of each holding any_of need, in need order",
          "[tests][format-1.1]") {
    // Needs 0 and 2 are decisions: the e-licence over the paper, then the permit (an e-licence)
    // over the paper. Need 1 is an any_of of one material: the plan lists no decision for it,
    // and the expectation lists that material (the contract: each holding any_of need).
    CHECK(failures_of(R"(
  - name: right
    bundle: alpha
    facts: {person.local: true}
    expect: {choices: {a.apply: [licence, permit, permit]}, critical_path: [a.apply], optimal: true}
)")
              .empty());
    CHECK(failures_of(R"(
  - name: one material left out
    bundle: alpha
    facts: {person.local: true}
    expect: {choices: {a.apply: [licence, permit]}}
)") == std::vector<std::string>{"test.yaml:23:33: test 'one material left out': "
                                "choices of 'a.apply' are [licence, permit, permit], expected "
                                "[licence, permit]"});
    CHECK(failures_of(R"(
  - name: not in the plan
    bundle: alpha
    facts: {person.local: true}
    expect: {choices: {b.extra: []}, critical_path: [a.apply, b.extra]}
)") == std::vector<std::string>{
           "test.yaml:23:33: test 'not in the plan': choices of 'b.extra': the item is not in "
           "the plan, expected []",
           "test.yaml:23:53: test 'not in the plan': critical_path is [a.apply], expected "
           "[a.apply, b.extra]"});
}

TEST_CASE("choices list a one-material any_of only where it and its need hold",
          "[tests][format-1.1]") {
    const Catalog catalog = catalog_of(R"(
facts:
  loc: {type: bool, question: 'Local?'}
materials:
  m1: {name: M1}
  m2: {name: M2}
  m3: {name: M3}
  m4: {name: M4}
items:
  it:
    name: It
    needs:
      materials:
        - any_of: [m1]
        - {any_of: [m4], when: "!loc"}
        - any_of:
            - {material: m2, when: "loc"}
            - m3
bundles:
  b: {name: B, goals: [it]}
tests:
  - {name: local, bundle: b, facts: {loc: true}, expect: {choices: {it: [m1, m2]}}}
  - {name: not local, bundle: b, facts: {loc: false}, expect: {choices: {it: [m1, m4, m3]}}}
  - {name: wrong, bundle: b, facts: {loc: true}, expect: {choices: {it: [m2]}}}
)");
    const TestReport report = run_tests(catalog);
    CHECK(report.passed == 2);
    REQUIRE(report.failures.size() == 1);
    CHECK(format_test_failure(report.failures[0]) ==
          "test.yaml:24:73: test 'wrong': choices of 'it' are [m1, m2], expected [m2]");
}

TEST_CASE("a case failing on a plan not proven optimal says so and how to search further",
          "[tests]") {
    // Twelve two-way choices: a bound of one search node stops the search before its proof.
    std::string yaml = "materials:\n";
    std::string needs;
    for (int i = 0; i < 12; ++i) {
        const std::string m = "m" + std::to_string(i);
        yaml += "  " + m + "a: {name: A}\n  " + m + "b: {name: B}\n";
        needs += "        - any_of: [" + m + "a, " + m + "b]\n";
    }
    yaml += "items:\n  g:\n    name: G\n    needs:\n      materials:\n" + needs +
            "bundles:\n  b: {name: B, goals: [g]}\ntests:\n"
            "  - {name: wrong, bundle: b, expect: {after: {materials: 11}}}\n"
            "  - {name: right, bundle: b, expect: {after: {materials: 12}}}\n";
    const Catalog catalog = catalog_of(yaml);
    PlanOptions bounded;
    bounded.max_search_nodes = 1;
    const TestReport report = run_tests(catalog, bounded);
    REQUIRE(report.failures.size() == 1);
    CHECK(report.failures[0].message ==
          "after.materials is 12, expected 11 (the plan is not proven optimal within this run's "
          "search bounds, --max-search-nodes 1 and --max-search-work 10000; raise them, or run "
          "test --thorough)");
    // Proven optimal, the same difference has no such note.
    const TestReport proven = run_tests(catalog, PlanOptions::thorough());
    REQUIRE(proven.failures.size() == 1);
    CHECK(proven.failures[0].message == "after.materials is 12, expected 11");
}

TEST_CASE("a case's differences are listed in the order they are written", "[tests]") {
    // The checker compares items before the figures; the case writes the figures first.
    const auto found = failures_of(R"(  - name: figures first
    bundle: alpha
    facts: {person.local: true}
    expect:
      after: {steps: 99}
      stages: 9
      items: [b.extra]
)");
    REQUIRE(found.size() == 3);
    CHECK(found[0].find("after.steps") != std::string::npos);
    CHECK(found[1].find("stages") != std::string::npos);
    CHECK(found[2].find("items differ") != std::string::npos);
}

TEST_CASE("a merged form that cannot be made fails only a case that expects an error", "[tests]") {
    const Catalog catalog = catalog_of(R"(
format: 1
facts: {ins: {type: bool, question: 'Insured?'}}
fields: {age: {type: integer, label: Age}}
items:
  a: {name: A, needs: {fields: [age, {field: age, minimum: 16, when: "ins"}]}}
  b: {name: B, needs: {fields: [{field: age, maximum: 10, when: "ins"}]}}
bundles: {y: {name: Y, goals: [a, b]}}
tests:
  - {name: items only, bundle: y, facts: {ins: true}, expect: {items: [a, b]}}
  - {name: expects it, bundle: y, facts: {ins: true}, expect: {error: conflicting-constraints}}
  - {name: another error, bundle: y, facts: {ins: true}, expect: {error: cycle}}
)");
    const TestReport report = run_tests(catalog);
    CHECK(report.passed == 2);
    REQUIRE(report.failures.size() == 1);
    CHECK(report.failures[0].test == "another error");
    CHECK(
        report.failures[0].message.starts_with("error is 'conflicting-constraints', expected "
                                               "'cycle'"));
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].severity == Severity::warning);
    CHECK(report.warnings[0].code == "conflicting-constraints");
    CHECK(report.warnings[0].location.line == 10);  // the case's entry
    CHECK(report.warnings[0].message.starts_with(
        "test 'items only': the plan is made, but its merged form cannot be: conflicting "
        "constraints on field 'age'"));
}

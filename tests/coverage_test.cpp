// Unit tests of `onething test --coverage` and `--format junit` (docs/testing.md): the points
// of a small catalog counted by hand, what each kind of case exercises, the outputs, the JUnit
// document's escaping, and `coverage` and `min_coverage` through the request layer and the C API.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "onething/error.hpp"
#include "onething/onething.h"
#include "onething/request.hpp"
#include "onething/testing.hpp"
#include "test_support.hpp"

using namespace onething;
using onething::testing::catalog_of;

namespace {

/// Bundle alpha's points, counted by hand:
///   items (4): a.cert (producer of proof, which only a producer provides), b.reg, c.check
///     (prerequisite of b.reg), d.late; not e.unused (no bundle of alpha's reaches it), and no
///     producer of paper (submittable: nobody has to produce it).
///   conditions (6 whens, 12 outcomes): alpha's, b.reg's, b.reg's need of c.check, b.reg's
///     need of the field f.name, c.check's need of lease, d.late's alternative paper.
///   alternatives (4): b.reg's [paper, permit], d.late's [paper, id_card].
///   deferrals (1): d.late.
/// 21 points in all. Bundle beta: one item (e.unused), nothing else.
const char* catalog_yaml = R"(format: 1
facts:
  p.local: {type: bool, question: 'Local?'}
  p.insured: {type: bool, question: 'Insured?', default: false}
  p.rented: {type: bool, question: 'Rented?'}
fields:
  f.name: {type: string, label: Name}
materials:
  id_card: {name: ID card, e_license: true}
  permit: {name: Permit, e_license: true}
  paper: {name: Paper}
  lease: {name: Lease}
  proof: {name: Proof, submittable: false}
items:
  a.cert:
    name: Certificate
    needs: {materials: [id_card]}
    produces: {materials: [proof]}
  b.reg:
    name: Registration
    when: "p.local"
    needs:
      items: [{item: c.check, when: "p.insured"}]
      materials: [proof, {any_of: [paper, permit]}]
      fields: [{field: f.name, when: "!p.local"}]
  c.check:
    name: Check
    needs: {materials: [{material: lease, when: "p.rented"}]}
  d.late:
    name: Late
    needs:
      materials:
        - any_of: [{material: paper, when: "p.rented"}, id_card]
  e.unused:
    name: Unused
    produces: {materials: [paper]}
bundles:
  alpha:
    name: Alpha
    when: "p.local || p.rented"
    goals: [b.reg, d.late]
    defer: [d.late]
  beta: {name: Beta, goals: [e.unused]}
tests:
)";

/// Local applicant: alpha's `when` true, b.reg's true, the need of c.check false (the default
/// of p.insured), the field need false, d.late's alternative paper false; the plan holds
/// a.cert, b.reg and d.late (deferred), choosing permit and id_card.
const char* local_case = R"(
  - name: local
    bundle: alpha
    facts: {p.local: true, p.rented: false}
    expect: {items: [a.cert, b.reg, d.late]}
)";

/// Renting, not local: b.reg's `when` false (not walked on), d.late's alternative paper true;
/// the plan holds d.late only, choosing id_card again.
const char* renting_case = R"(
  - name: renting
    bundle: alpha
    facts: {p.local: false, p.rented: true, p.insured: true}
    expect: {items: [d.late]}
)";

/// Neither: alpha's `when` false, nothing else decided, no plan.
const char* neither_case = R"(
  - name: neither
    bundle: alpha
    facts: {p.local: false, p.rented: false}
    expect: {error: not-applicable}
)";

/// Only `questions`: not planned, so it exercises nothing (it would reach c.check).
const char* guide_case = R"(
  - name: guide only
    bundle: alpha
    facts: {p.local: true, p.insured: true, p.rented: true}
    expect: {questions: []}
)";

/// The coverage of a run of the catalog with `cases`.
CoverageReport coverage_of(const std::string& cases) {
    const Catalog catalog = catalog_of(catalog_yaml + cases);
    TestReport report = run_tests(catalog, {}, true);
    REQUIRE(report.coverage);
    return *report.coverage;
}

/// `describe` of each uncovered point of a bundle.
std::vector<std::string> uncovered(const BundleCoverage& bundle) {
    std::vector<std::string> out;
    for (const CoveragePoint& point : bundle.uncovered) {
        out.push_back(describe(point));
    }
    return out;
}

}  // namespace

TEST_CASE(
    "coverage points are the possible items, every when's two outcomes, the alternatives "
    "and the deferrals",
    "[tests][coverage]") {
    const CoverageReport coverage = coverage_of("  []\n");  // no case
    REQUIRE(coverage.bundles.size() == 2);
    const BundleCoverage& alpha = coverage.bundles[0];
    CHECK(alpha.bundle == "alpha");
    CHECK(alpha.cases == 0);
    CHECK(alpha.items.total == 4);
    CHECK(alpha.conditions.total == 12);
    CHECK(alpha.alternatives.total == 4);
    CHECK(alpha.deferrals.total == 1);
    CHECK(alpha.all().covered == 0);
    CHECK(alpha.all().total == 21);
    CHECK(alpha.uncovered.size() == 21);
    const BundleCoverage& beta = coverage.bundles[1];
    CHECK(beta.bundle == "beta");
    CHECK(beta.all().total == 1);
    CHECK(coverage.all().total == 22);
    CHECK(coverage_percent(coverage.all()) == "0.0");
}

TEST_CASE("coverage records the outcomes a case decides and what its plan holds",
          "[tests][coverage]") {
    const CoverageReport coverage = coverage_of(std::string(local_case) + renting_case);
    const BundleCoverage& alpha = coverage.bundles[0];
    CHECK(alpha.cases == 2);
    CHECK(alpha.items.covered == 3);
    CHECK(alpha.conditions.covered == 7);
    CHECK(alpha.alternatives.covered == 2);
    CHECK(alpha.deferrals.covered == 1);
    CHECK(alpha.all().covered == 13);
    CHECK(coverage_percent(alpha.all()) == "61.9");
    CHECK(uncovered(alpha) ==
          std::vector<std::string>{
              "item c.check never selected",
              "bundle alpha: when \"p.local || p.rented\" never false",
              "item b.reg, needs item c.check: when \"p.insured\" never true",
              "item b.reg, needs field f.name: when \"!p.local\" never true",
              "item c.check, needs material lease: when \"p.rented\" never true",
              "item c.check, needs material lease: when \"p.rented\" never false",
              "item b.reg, any_of [paper, permit]: alternative paper never chosen",
              "item d.late, any_of [paper, id_card]: alternative paper never chosen",
          });
    // Each point is located where it is written.
    const CoveragePoint& check = alpha.uncovered[0];
    CHECK(check.kind == CoverageKind::item);
    CHECK(check.location.file.str() == "test.yaml");
    CHECK(check.location.line == 26);
    const CoveragePoint& bundle_when = alpha.uncovered[1];
    CHECK(bundle_when.site == ConditionSite::bundle);
    CHECK(bundle_when.location.line == 38);
    const CoveragePoint& need = alpha.uncovered[2];
    CHECK(need.site == ConditionSite::item_need);
    CHECK(need.need == 0);
    CHECK(need.target == "c.check");
    CHECK(need.outcome);
    CHECK(need.location.line == 23);
    CHECK(need.location.column == 22);
    const CoveragePoint& alternative = alpha.uncovered[7];
    CHECK(alternative.kind == CoverageKind::alternative);
    CHECK(alternative.need == 0);
    CHECK(alternative.alternative == 0);
    CHECK(alternative.location.line == 33);
}

TEST_CASE("a failing plan still decides conditions and a guide-only case exercises nothing",
          "[tests][coverage]") {
    const CoverageReport coverage =
        coverage_of(std::string(local_case) + renting_case + neither_case + guide_case);
    const BundleCoverage& alpha = coverage.bundles[0];
    CHECK(alpha.cases == 3);  // the guide-only case is not planned
    CHECK(alpha.conditions.covered == 8);
    CHECK(alpha.items.covered == 3);  // c.check: only the guide-only case would reach it
    CHECK(alpha.all().covered == 14);
    CHECK(coverage_percent(alpha.all()) == "66.6");  // 14 / 21, rounded down
    CHECK(coverage.all().covered == 14);
    CHECK(coverage.all().total == 22);
    CHECK(coverage_percent(coverage.all()) == "63.6");
}

TEST_CASE("a failing case counts for coverage like a passing one", "[tests][coverage]") {
    // The same facts as `local`, with a wrong expectation.
    const CoverageReport coverage = coverage_of(R"(
  - name: local, wrong
    bundle: alpha
    facts: {p.local: true, p.rented: false}
    expect: {items: [b.reg]}
)");
    CHECK(coverage.bundles[0].items.covered == 3);
    CHECK(coverage.bundles[0].deferrals.covered == 1);
}

TEST_CASE("the minimum is compared exactly, and no point is full coverage", "[tests][coverage]") {
    const CoverageCount count{14, 21};  // 66.666...%
    CHECK(meets_minimum(count, 66));
    CHECK(meets_minimum(count, 66.6));
    CHECK_FALSE(meets_minimum(count, 67));
    CHECK(meets_minimum({427, 500}, 85.4));  // exactly 85.4%
    CHECK_FALSE(meets_minimum({426, 500}, 85.4));
    CHECK(meets_minimum({0, 0}, 100));
    CHECK(coverage_percent({0, 0}) == "100.0");
    CHECK(coverage_percent({999, 1000}) == "99.9");  // never 100.0 while a point is left
    CHECK(coverage_percent_value({14, 21}) == 66.6);
}

TEST_CASE("coverage as text and JSON", "[tests][coverage]") {
    const Catalog catalog = catalog_of(std::string(catalog_yaml) + local_case + renting_case);
    const TestReport report = run_tests(catalog, {}, true);
    const std::string text = test_report_to_text(report);
    CHECK(text ==
          "bundle alpha: 13 of 21 points (61.9%), 2 cases; items 3/4, conditions 7/12, "
          "alternatives 2/4, deferrals 1/1\n"
          "  test.yaml:26:3: item c.check never selected\n"
          "  test.yaml:38:3: bundle alpha: when \"p.local || p.rented\" never false\n"
          "  test.yaml:23:22: item b.reg, needs item c.check: when \"p.insured\" never true\n"
          "  test.yaml:25:24: item b.reg, needs field f.name: when \"!p.local\" never true\n"
          "  test.yaml:28:25: item c.check, needs material lease: when \"p.rented\" never true\n"
          "  test.yaml:28:25: item c.check, needs material lease: when \"p.rented\" never false\n"
          "  test.yaml:24:36: item b.reg, any_of [paper, permit]: alternative paper never "
          "chosen\n"
          "  test.yaml:33:31: item d.late, any_of [paper, id_card]: alternative paper never "
          "chosen\n"
          "bundle beta: 0 of 1 point (0.0%), 0 cases; items 0/1, conditions 0/0, alternatives "
          "0/0, deferrals 0/0\n"
          "  test.yaml:34:3: item e.unused never selected\n"
          "coverage: 13 of 22 points (59.0%)\n"
          "2 passed, 0 failed\n");
    const auto json = nlohmann::json::parse(test_report_to_json(report));
    CHECK(json["passed"] == 2);
    const auto& coverage = json["coverage"];
    CHECK(coverage["covered"] == 13);
    CHECK(coverage["total"] == 22);
    CHECK(coverage["percent"] == 59.0);
    const auto& alpha = coverage["bundles"][0];
    CHECK(alpha["id"] == "alpha");
    CHECK(alpha["cases"] == 2);
    CHECK(alpha["percent"] == 61.9);
    CHECK(alpha["conditions"] == nlohmann::json{{"covered", 7}, {"total", 12}});
    CHECK(alpha["uncovered"][2] ==
          nlohmann::json{
              {"kind", "condition"},
              {"site", "item_need"},
              {"item", "b.reg"},
              {"need", 0},
              {"target", "c.check"},
              {"condition", "p.insured"},
              {"outcome", true},
              {"file", "test.yaml"},
              {"line", 23},
              {"column", 22},
              {"message", "item b.reg, needs item c.check: when \"p.insured\" never true"}});
    CHECK(alpha["uncovered"][6] ==
          nlohmann::json{{"kind", "alternative"},
                         {"item", "b.reg"},
                         {"need", 1},
                         {"alternatives", {"paper", "permit"}},
                         {"alternative", 0},
                         {"target", "paper"},
                         {"file", "test.yaml"},
                         {"line", 24},
                         {"column", 36},
                         {"message",
                          "item b.reg, any_of [paper, permit]: alternative paper never "
                          "chosen"}});
    // Without coverage, the documents are as before.
    const TestReport plain = run_tests(catalog);
    CHECK_FALSE(plain.coverage);
    CHECK(test_report_to_text(plain) == "2 passed, 0 failed\n");
    CHECK_FALSE(nlohmann::json::parse(test_report_to_json(plain)).contains("coverage"));
}

TEST_CASE("the report lists every case with its place and its differences", "[tests][junit]") {
    const Catalog catalog = catalog_of(std::string(catalog_yaml) + local_case + R"(
  - name: wrong
    bundle: alpha
    facts: {p.local: true, p.rented: false}
    expect: {items: [b.reg], stages: 5}
)");
    const TestReport report = run_tests(catalog);
    REQUIRE(report.cases.size() == 2);
    CHECK(report.cases[0].name == "local");
    CHECK(report.cases[0].bundle == "alpha");
    CHECK(report.cases[0].location.line == 46);
    CHECK(report.cases[0].failure_count == 0);
    CHECK(report.cases[1].first_failure == 0);
    CHECK(report.cases[1].failure_count == 2);
    CHECK(test_report_to_junit(report) ==
          R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="onething test" tests="2" failures="1" errors="0">
  <testsuite name="alpha" tests="2" failures="1" errors="0" skipped="0">
    <testcase name="local" classname="alpha" file="test.yaml" line="46"/>
    <testcase name="wrong" classname="alpha" file="test.yaml" line="51">
      <failure message="test.yaml:51: items differ: missing none; unexpected a.cert, d.late; stages is 2, expected 5" type="difference">test.yaml:54:21: test 'wrong': items differ: missing none; unexpected a.cert, d.late
test.yaml:54:38: test 'wrong': stages is 2, expected 5
</failure>
    </testcase>
  </testsuite>
</testsuites>
)");
}

TEST_CASE("JUnit XML escapes markup and never carries what XML cannot", "[tests][junit]") {
    TestReport report;
    report.failed = 1;
    report.failures.push_back(
        {"a <b> & \"c\" 'd'", Location{"规则.yaml", 3, 5}, "days is 1\x01, expected 2\xff\tok"});
    report.cases.push_back({"a <b> & \"c\" 'd'", "出生", Location{"规则.yaml", 2, 3}, 0, 1});
    report.cases.push_back({"line\nbreak\r\x1f", "出生", Location{"规则.yaml", 9, 3}, 1, 0});
    CHECK(test_report_to_junit(report) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"onething test\" tests=\"2\" failures=\"1\" errors=\"0\">\n"
          "  <testsuite name=\"出生\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
          "    <testcase name=\"a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\" classname=\"出生\" "
          "file=\"规则.yaml\" line=\"2\">\n"
          "      <failure message=\"规则.yaml:2: days is 1\xEF\xBF\xBD, expected "
          "2\xEF\xBF\xBD&#9;ok\" type=\"difference\">规则.yaml:3:5: test 'a &lt;b&gt; &amp; "
          "\"c\" 'd'': days is 1\\x01, expected 2\xEF\xBF\xBD\\tok\n"  // one line per failure
          "</failure>\n"
          "    </testcase>\n"
          "    <testcase name=\"line&#10;break&#13;\xEF\xBF\xBD\" classname=\"出生\" "
          "file=\"规则.yaml\" line=\"9\"/>\n"
          "  </testsuite>\n"
          "</testsuites>\n");
}

TEST_CASE("JUnit XML of no case is an empty, valid document", "[tests][junit]") {
    CHECK(test_report_to_junit(TestReport{}) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"onething test\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
          "</testsuites>\n");
}

namespace {

/// The catalog of tests/data/coverage (the same as above, with its three planned cases and a
/// guide-only one): 14 of 22 points, 63.6%.
LoadResult coverage_data() {
    LoadResult loaded = load_catalog(
        std::vector<std::string>{std::string(ONETHING_TEST_DATA_DIR) + "/coverage/catalog.yaml"});
    REQUIRE(loaded.ok());
    return loaded;
}

/// The codes of a response's diagnostics.
std::vector<std::string> codes(const Response& response) {
    std::vector<std::string> out;
    for (const Diagnostic& diagnostic : response.diagnostics) {
        out.push_back(diagnostic.code);
    }
    return out;
}

}  // namespace

TEST_CASE("JSON requests: coverage and min_coverage", "[tests][coverage][request]") {
    const Request request =
        request_from_json(R"({"command": "test", "coverage": true, "min_coverage": 85.5})");
    CHECK(request.operation == Operation::test);
    CHECK(request.coverage);
    REQUIRE(request.min_coverage);
    CHECK(*request.min_coverage == 85.5);
    CHECK_FALSE(request_from_json(R"({"command": "test"})").min_coverage);
    auto message = [](const char* json) {
        try {
            request_from_json(json);
        } catch (const InputError& error) {
            return std::string(error.diagnostics().front().message);
        }
        return std::string("accepted");
    };
    CHECK(message(R"({"command": "test", "coverage": "yes"})") ==
          "request field 'coverage': expected true or false");
    CHECK(message(R"({"command": "test", "min_coverage": 101})") ==
          "request field 'min_coverage': expected a number from 0 to 100 (a percentage)");
    CHECK(message(R"({"command": "test", "min_coverage": -1})") ==
          "request field 'min_coverage': expected a number from 0 to 100 (a percentage)");
    CHECK(message(R"({"command": "test", "min_coverage": "90"})") ==
          "request field 'min_coverage': expected a number from 0 to 100 (a percentage)");
}

TEST_CASE("the test operation: the minimum, at and above the figure",
          "[tests][coverage][request]") {
    const LoadResult loaded = coverage_data();
    Request request;
    request.operation = Operation::test;
    request.min_coverage = 63.6;  // the figure itself meets it
    Response response = respond(loaded, request);
    CHECK(response.outcome == Outcome::ok);
    CHECK(response.document == "4 passed, 0 failed\n");  // no report unless asked
    CHECK(response.notes ==
          std::vector<std::string>{"coverage 63.6% (14 of 22 points) meets the minimum of 63.6%"});
    request.min_coverage = 63.7;
    request.format = "json";
    response = respond(loaded, request);
    CHECK(response.outcome == Outcome::problems);
    CHECK(codes(response) == std::vector<std::string>{"coverage-below-minimum"});
    CHECK(response.diagnostics[0].message ==
          "coverage 63.6% (14 of 22 points) is below the minimum of 63.7%; 'onething test "
          "--coverage' lists what no case exercises");
    CHECK(nlohmann::json::parse(response.document)["passed"] == 4);  // the document is still there
    request.coverage = true;
    response = respond(loaded, request);
    CHECK(nlohmann::json::parse(response.document)["coverage"]["percent"] == 63.6);
    // Coverage has no JUnit form; a minimum outside 0..100 is refused (a program's request).
    request.format = "junit";
    response = respond(loaded, request);
    CHECK(response.outcome == Outcome::usage);
    CHECK(codes(response) == std::vector<std::string>{"coverage-format"});
    CHECK(response.document.empty());
    request.coverage = false;
    request.min_coverage = 150;
    response = respond(loaded, request);
    CHECK(response.outcome == Outcome::usage);
    CHECK(response.diagnostics[0].message ==
          "min_coverage must be a percentage from 0 to 100, not 150");
    request.min_coverage = 0;
    response = respond(loaded, request);
    CHECK(response.outcome == Outcome::ok);
    CHECK(response.format == "junit");
    CHECK(response.document.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
}

TEST_CASE("the C API: the minimum's verdict in the errors, the document still given",
          "[tests][coverage][capi]") {
    const std::string load =
        R"({"paths": [")" + std::string(ONETHING_TEST_DATA_DIR) + R"(/coverage/catalog.yaml"]})";
    char* error = nullptr;
    onething_catalog* catalog = onething_catalog_load_json(load.c_str(), &error);
    REQUIRE(catalog != nullptr);
    char* document = onething_call_json(
        catalog, R"({"command": "test", "coverage": true, "min_coverage": 64})", &error);
    REQUIRE(document != nullptr);
    REQUIRE(error != nullptr);
    CHECK(nlohmann::json::parse(document)["coverage"]["covered"] == 14);
    const auto errors = nlohmann::json::parse(error)["errors"];
    CHECK(errors.size() == 1);
    CHECK(errors[0]["code"] == "coverage-below-minimum");
    onething_free(document);
    onething_free(error);
    error = nullptr;
    document = onething_call_json(catalog, R"({"command": "test", "min_coverage": 63})", &error);
    CHECK(error == nullptr);
    CHECK(nlohmann::json::parse(document).contains("coverage") == false);
    onething_free(document);
    onething_catalog_free(catalog);
}

// Unit tests of `onething test --coverage` and `--format junit` (docs/testing.md): the points
// of a small catalog counted by hand, what each kind of case exercises, the outputs, and the
// JUnit document's escaping.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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
          "\"c\" 'd'': days is 1\xEF\xBF\xBD, expected 2\xEF\xBF\xBD\tok\n"
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

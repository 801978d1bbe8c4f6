// Unit tests of the catalog report: rows per bundle or per case, averages, text and Markdown.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "onething/report.hpp"
#include "test_support.hpp"
#include "write/write_util.hpp"

using namespace onething;
using onething::testing::load_text;

namespace {

/// Alpha has two cases, one that must fail and one that checks the guide only (neither is a
/// row); beta one case; gamma none and cannot be planned without facts.
const char* report_yaml = R"(
facts:
  person.local: {type: bool, question: 'Local?'}
materials:
  paper: {name: Paper}
  licence: {name: Licence, e_license: true}
fields:
  person.name: {type: string}
  person.id: {type: string, source: shared}
items:
  a.apply:
    name: Apply
    steps: 3
    visits: 2
    duration_days: 10
    needs: {materials: [paper, licence], fields: [person.name, person.id]}
  b.extra:
    name: Extra
    steps: 2
    duration_days: 4
    when: "!person.local"
    needs: {materials: [paper], fields: [person.name]}
  c.solo: {name: Solo, channels: [online], duration_days: 2}
bundles:
  alpha: {name: {en: Alpha, zh: 甲事}, goals: [a.apply, b.extra]}
  beta: {name: Beta, goals: [c.solo]}
  gamma: {name: Gamma, goals: [b.extra]}
tests:
  - {name: must fail, bundle: alpha, facts: {}, expect: {error: undecided}}
  - {name: guide only, bundle: alpha, facts: {}, expect: {questions: [person.local]}}
  - {name: local, bundle: alpha, facts: {person.local: true}}
  - {name: non-local, bundle: alpha, facts: {person.local: false}}
  - {name: solo, bundle: beta, facts: {}}
)";

/// Loads the test catalog, requiring no errors.
Catalog report_catalog() {
    LoadResult result = load_text(report_yaml);
    std::string diagnostics;
    for (const auto& message : testing::messages(result)) {
        diagnostics += message + "\n";
    }
    INFO(diagnostics);
    REQUIRE(result.ok());
    return std::move(result.catalog);
}

/// The metrics in contract order.
std::vector<double> values(const Metrics& metrics) {
    std::vector<double> out;
    for (Metric metric : all_metrics) {
        out.push_back(metrics.get(metric));
    }
    return out;
}

/// Checks reductions against expected percentages (-1 for none), to 1e-9.
void check_reductions(const Reductions& actual, const std::vector<double>& expected) {
    REQUIRE(actual.size() == expected.size());
    for (std::size_t index = 0; index < expected.size(); ++index) {
        INFO(metric_name(all_metrics[index]));
        if (expected[index] < 0) {
            CHECK_FALSE(actual[index].has_value());
        } else {
            REQUIRE(actual[index].has_value());
            CHECK(*actual[index] == Approx(expected[index]).margin(1e-9));
        }
    }
}

/// True when `text` has a line equal to `line`.
bool has_line(const std::string& text, const std::string& line) {
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("one row per bundle uses its first case without expect.error or only questions",
          "[report]") {
    const Catalog catalog = report_catalog();
    const Report report = catalog_report(catalog, false);
    CHECK_FALSE(report.all_cases);
    REQUIRE(report.rows.size() == 3);
    CHECK(report.rows[0].bundle == "alpha");
    CHECK(report.rows[0].test == "local");
    CHECK(report.rows[0].error.empty());
    CHECK(values(report.rows[0].before) == std::vector<double>{3, 1, 2, 2, 2, 10});
    CHECK(values(report.rows[0].after) == std::vector<double>{1, 1, 1, 1, 0, 10});
    CHECK(report.rows[1].bundle == "beta");
    CHECK(report.rows[1].test == "solo");
    CHECK(values(report.rows[1].before) == std::vector<double>{1, 0, 0, 0, 0, 2});
    CHECK(values(report.rows[1].after) == std::vector<double>{1, 0, 0, 0, 0, 2});
    CHECK(report.rows[2].bundle == "gamma");
    CHECK(report.rows[2].test.empty());
    CHECK(report.rows[2].error.find("[undecided]") != std::string::npos);
    // Means over alpha and beta; gamma is not planned; beta has no forms, fields, materials
    // or visits before, so alpha alone gives those.
    check_reductions(average_reductions(report), {100.0 / 3, 0, 50, 50, 100, 0});
}

TEST_CASE("all cases: one row per case, each bundle counts once in the average", "[report]") {
    const Catalog catalog = report_catalog();
    const Report report = catalog_report(catalog, true);
    REQUIRE(report.rows.size() == 4);
    CHECK(report.rows[0].test == "local");
    CHECK(report.rows[1].test == "non-local");
    CHECK(values(report.rows[1].before) == std::vector<double>{5, 2, 3, 3, 3, 14});
    CHECK(values(report.rows[1].after) == std::vector<double>{1, 1, 1, 1, 0, 10});
    CHECK(report.rows[2].test == "solo");
    CHECK(report.rows[3].bundle == "gamma");
    // alpha: mean of local and non-local; then the mean with beta.
    const double alpha_steps = (200.0 / 3 + 80) / 2;
    const double alpha_fields = (50 + 200.0 / 3) / 2;
    const double alpha_days = (0 + 400.0 / 14) / 2;
    check_reductions(average_reductions(report),
                     {alpha_steps / 2, 25, alpha_fields, alpha_fields, 100, alpha_days / 2});
}

TEST_CASE("the average weighted by annual cases", "[report][format-1.1]") {
    // alpha handles 300 cases a year, beta 100, gamma none given (and cannot be planned).
    std::string yaml = report_yaml;
    yaml.replace(yaml.find("goals: [a.apply, b.extra]}"), 26,
                 "goals: [a.apply, b.extra], annual_cases: 300}");
    yaml.replace(yaml.find("goals: [c.solo]}"), 16, "goals: [c.solo], annual_cases: 100}");
    LoadResult loaded = load_text(yaml);
    REQUIRE(loaded.ok());
    const Report report = catalog_report(loaded.catalog, true);
    REQUIRE(weighted_bundles(report, loaded.catalog) == 2);
    // As in the unweighted average above, with weights 300 and 100 where both bundles have a
    // before (steps and days: beta's reduction is 0); forms, fields, materials and visits only
    // alpha has, so they are alpha's.
    const double alpha_steps = (200.0 / 3 + 80) / 2;
    const double alpha_fields = (50 + 200.0 / 3) / 2;
    const double alpha_days = (0 + 400.0 / 14) / 2;
    const auto weighted = weighted_reductions(report, loaded.catalog);
    REQUIRE(weighted);
    check_reductions(*weighted, {alpha_steps * 300 / 400, 25, alpha_fields, alpha_fields, 100,
                                 alpha_days * 300 / 400});
    const std::string json = report_to_json(report, loaded.catalog, "en");
    CHECK(json.find("\"weighted\": {\n      \"reduction_percent\": {\n        \"steps\": -55,") !=
          std::string::npos);
    CHECK(json.find("\"bundles\": 2\n") != std::string::npos);
    CHECK(
        report_to_text(report, loaded.catalog, "en").find("weighted by annual cases (2 bundles)") !=
        std::string::npos);
    // Without volumes there is no weighted average: the JSON keeps its shape, every figure null.
    CHECK_FALSE(weighted_reductions(report, report_catalog()));
    const std::string unweighted_json = report_to_json(report, report_catalog(), "en");
    CHECK(unweighted_json.find("\"weighted\": {\n      \"reduction_percent\": {\n        "
                               "\"steps\": null,\n        \"forms\": null,\n        \"fields\": "
                               "null,\n        \"materials\": null,\n        \"visits\": null,\n "
                               "       \"days\": null\n      },\n      \"bundles\": 0\n    }") !=
          std::string::npos);
    CHECK(
        load_text("bundles:\n  b: {name: B, goals: [x], annual_cases: -1}\n").diagnostics.size() >=
        1);
}

TEST_CASE("reductions, their format and the published averages", "[report]") {
    CHECK(*reduction(22, 2) == Approx(100.0 * 20 / 22));
    CHECK_FALSE(reduction(0, 3).has_value());
    CHECK(format_reduction(69.4) == "-69%");
    CHECK(format_reduction(68.5) == "-69%");
    CHECK(format_reduction(-5) == "+5%");
    CHECK(format_reduction(0.2) == "0%");
    check_reductions(published_reductions(), {69, -1, -1, 75, 71, 54});
}

TEST_CASE("the report as text", "[report]") {
    const Catalog catalog = report_catalog();
    const std::string text = report_to_text(catalog_report(catalog, false), catalog, "en");
    CHECK(text.rfind("Before and after across the catalog: 3 bundles, one row per bundle\n\n", 0) ==
          0);
    CHECK(has_line(text,
                   "bundle             steps     %  forms    %  fields     %  materials     %  "
                   "visits      %     days     %"));
    CHECK(has_line(text,
                   "alpha              3 → 1  -67%  1 → 1   0%   2 → 1  -50%      2 → 1  -50%   2 "
                   "→ 0  -100%  10 → 10    0%"));
    CHECK(has_line(text,
                   "beta               1 → 1    0%  0 → 0  n/a   0 → 0   n/a      0 → 0   n/a   0 "
                   "→ 0    n/a    2 → 2    0%"));
    CHECK(has_line(text,
                   "gamma                  -     -      -    -       -     -          -     -      "
                   " -      -        -     -"));
    CHECK(has_line(text,
                   "average change            -33%          0%          -50%             -50%      "
                   "    -100%             0%"));
    CHECK(has_line(text,
                   "published average         -69%                                       -75%      "
                   "     -71%           -54%"));
    CHECK(has_line(text, "  alpha (Alpha): case 'local'"));
    CHECK(text.find("  gamma (Gamma): no test case: planned without facts (defaults apply); not "
                    "planned: ") != std::string::npos);
    CHECK(text.find("mean over the 2 planned bundles") != std::string::npos);
    CHECK(report_to_text(catalog_report(catalog, false), catalog, "en") == text);
}

TEST_CASE("the report as Markdown, with all cases", "[report]") {
    const Catalog catalog = report_catalog();
    const Report report = catalog_report(catalog, true);
    const std::string text = report_to_markdown(report, catalog, "en");
    CHECK(text.rfind("## Before and after across the catalog: 3 bundles, 4 rows, one per test "
                     "case\n\n",
                     0) == 0);
    CHECK(has_line(text,
                   "| bundle / case | steps | % | forms | % | fields | % | materials | % | "
                   "visits | % | days | % |"));
    CHECK(has_line(text,
                   "| alpha / non-local | 5 → 1 | -80% | 2 → 1 | -50% | 3 → 1 | -67% | "
                   "3 → 1 | -67% | 3 → 0 | -100% | 14 → 10 | -29% |"));
    CHECK(has_line(text,
                   "| **average change** | | -37% | | -25% | | -58% | | -58% | | -100% "
                   "| | -7% |"));
    CHECK(has_line(text, "| *published average* | | -69% | | | | | | -75% | | -71% | | -54% |"));
    CHECK(has_line(text, "- alpha (Alpha)"));
    CHECK(has_line(text,
                   "Rows: every test case without expect.error, by bundle id, cases in file "
                   "order:"));

    const std::string zh = report_to_markdown(report, catalog, "zh");
    CHECK(zh.rfind("## 全目录办理前后对比：3 件事，4 行，每个测试用例一行\n\n", 0) == 0);
    CHECK(has_line(zh,
                   "| 一件事 / 测试用例 | 环节 | % | 表单 | % | 填报项 | % | 材料 | % | "
                   "跑动次数 | % | 办理时限（工作日） | % |"));
    CHECK(has_line(zh,
                   "| alpha / non-local | 5 → 1 | -80% | 2 → 1 | -50% | 3 → 1 | -67% | "
                   "3 → 1 | -67% | 3 → 0 | -100% | 14 → 10 | -29% |"));
    CHECK(has_line(zh, "| **平均变化** | | -37% | | -25% | | -58% | | -58% | | -100% | | -7% |"));
    CHECK(has_line(zh, "| *公布平均值* | | -69% | | | | | | -75% | | -71% | | -54% |"));
    CHECK(has_line(zh, "- alpha（甲事）"));
    CHECK(zh.find("不适用") != std::string::npos);  // beta: nothing before
    CHECK(zh.find("Before") == std::string::npos);
    CHECK(zh.find("average") == std::string::npos);
}

TEST_CASE("the report as text in Chinese", "[report]") {
    const Catalog catalog = report_catalog();
    const std::string text = report_to_text(catalog_report(catalog, false), catalog, "zh");
    CHECK(text.rfind("全目录办理前后对比：3 件事，每件事一行\n\n", 0) == 0);
    CHECK(has_line(text,
                   "一件事       环节     %   表单       %  填报项       %   材料       %  "
                   "跑动次数       %  办理时限（工作日）     %"));
    CHECK(has_line(text,
                   "beta        1 → 1    0%  0 → 0  不适用   0 → 0  不适用  0 → 0  不适用     "
                   "0 → 0  不适用               2 → 2    0%"));
    CHECK(has_line(text,
                   "平均变化           -33%             0%            -50%           -50%      "
                   "       -100%                        0%"));
    CHECK(has_line(text, "  alpha（甲事）：测试用例“local”"));
    CHECK(has_line(text,
                   "  gamma（Gamma）：无测试用例：不带事实规划（按默认值）；未能规划：the plan of "
                   "bundle 'gamma' depends on facts not answered yet: person.local; answer "
                   "them in the facts (--fact, a facts file, or the 'facts' of a request or "
                   "test case), or let the guide ask them [undecided]"));
    CHECK(
        has_line(text,
                 "平均变化：2 件已规划的一件事各自变化幅度（办理后/办理前 - 1，减少为负，与公布数据"
                 "写法相同）的平均值"));
    // Chinese notes wrap between characters, within 100 columns (punctuation may hang).
    for (const std::string& line : detail::lines_of(text)) {
        if (line.find("。") != std::string::npos || line.find("，") != std::string::npos) {
            CHECK(detail::display_width(line) <= 102);
        }
    }
}

TEST_CASE("names with line breaks keep every row on one line; one of a count is singular",
          "[report]") {
    LoadResult loaded = load_text(R"(
items:
  b: {name: "B\nsecond", duration_days: 2, in_person: true}
bundles:
  ok: {name: "OK\nline", goals: [b], annual_cases: 10}
tests:
  - {name: "case | one\nsecond\tline", bundle: ok, expect: {stages: 1}}
)");
    REQUIRE(loaded.ok());
    const Catalog& catalog = loaded.catalog;
    const Report report = catalog_report(catalog, true);
    const std::string markdown = report_to_markdown(report, catalog, "en");
    CHECK(markdown.rfind("## Before and after across the catalog: 1 bundle, 1 row, one per test "
                         "case\n\n",
                         0) == 0);
    CHECK(has_line(markdown,
                   "| ok / case \\| one second line | 1 → 2 | +100% | 0 → 0 | n/a | 0 → 0 | n/a "
                   "| 0 → 0 | n/a | 1 → 1 | 0% | 2 → 2 | 0% |"));
    CHECK(has_line(markdown, "- ok (OK line)"));
    CHECK(markdown.find("weighted by annual cases (1 bundle)") != std::string::npos);
    CHECK(markdown.find("the mean over the 1 planned bundle of each") != std::string::npos);
    const std::string text = report_to_text(report, catalog, "en");
    INFO(text);
    const std::vector<std::string> lines = detail::lines_of(text);
    const auto row = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
        return line.starts_with("ok / case | one second line ");
    });
    REQUIRE(row != lines.end());
    CHECK(row->ends_with("  1 → 1    0%  2 → 2    0%"));  // the whole row on its line
    CHECK(has_line(text, "  ok (OK line)"));
    CHECK(text.find("second\n") == std::string::npos);
}

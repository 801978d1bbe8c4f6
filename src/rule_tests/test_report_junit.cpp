// The outcome of the rule tests as JUnit XML, for CI systems: one <testsuite> per bundle, one
// <testcase> per case, a <failure> with every difference of a failed case (docs/testing.md).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "onething/testing.hpp"
#include "write/xml_escape.hpp"

namespace onething {
namespace {

/// ` name="value"`, escaped.
std::string attribute(std::string_view name, std::string_view value) {
    return " " + std::string(name) + "=\"" +
           detail::xml_escape(value, detail::Escaping::xml_attribute) + "\"";
}

/// ` name="N"`.
std::string attribute(std::string_view name, std::size_t value) {
    return attribute(name, std::to_string(value));
}

/// The <testcase> of one case, with its <failure> when it failed.
std::string testcase_xml(const TestReport& report, const TestCaseResult& test) {
    std::string out = "    <testcase" + attribute("name", test.name) +
                      attribute("classname", test.bundle) +
                      attribute("file", test.location.file.str()) +
                      attribute("line", std::to_string(test.location.line));
    if (test.failure_count == 0) {
        return out + "/>\n";
    }
    // The message: where the case is written and every difference; the body: each difference
    // as `onething test` prints it, at the expectation that differs.
    std::string message =
        test.location.file.str() + ":" + std::to_string(test.location.line) + ": ";
    std::string body;
    for (std::size_t k = 0; k < test.failure_count; ++k) {
        const TestFailure& failure = report.failures[test.first_failure + k];
        message += (k == 0 ? "" : "; ") + failure.message;
        body += format_test_failure(failure) + "\n";
    }
    out += ">\n      <failure" + attribute("message", message) +
           attribute("type", std::string("difference")) + ">" +
           detail::xml_escape(body, detail::Escaping::xml_text) + "</failure>\n    </testcase>\n";
    return out;
}

}  // namespace

std::string test_report_to_junit(const TestReport& report) {
    // The cases of each bundle, bundles by id, cases in file order.
    std::map<std::string, std::vector<const TestCaseResult*>> suites;
    for (const TestCaseResult& test : report.cases) {
        suites[test.bundle].push_back(&test);
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites" + attribute("name", std::string("onething test")) +
           attribute("tests", report.cases.size()) + attribute("failures", report.failed) +
           attribute("errors", std::size_t{0}) + ">\n";
    for (const auto& [bundle, cases] : suites) {
        std::size_t failures = 0;
        std::string body;
        for (const TestCaseResult* test : cases) {
            failures += test->failure_count == 0 ? 0 : 1;
            body += testcase_xml(report, *test);
        }
        out += "  <testsuite" + attribute("name", bundle) + attribute("tests", cases.size()) +
               attribute("failures", failures) + attribute("errors", std::size_t{0}) +
               attribute("skipped", std::size_t{0}) + ">\n" + body + "  </testsuite>\n";
    }
    out += "</testsuites>\n";
    return out;
}

}  // namespace onething

// The outcome of the rule tests as text (the contract's tally line) and as JSON.
#include <nlohmann/json.hpp>
#include <string>

#include "onething/testing.hpp"

namespace onething {

std::string test_report_to_text(const TestReport& report) {
    std::string out;
    for (const TestFailure& failure : report.failures) {
        out += format_test_failure(failure) + "\n";
    }
    out +=
        std::to_string(report.passed) + " passed, " + std::to_string(report.failed) + " failed\n";
    return out;
}

std::string test_report_to_json(const TestReport& report) {
    using Json = nlohmann::ordered_json;
    Json failures = Json::array();
    for (const TestFailure& failure : report.failures) {
        failures.push_back({{"test", failure.test},
                            {"file", failure.location.file.str()},
                            {"line", failure.location.line},
                            {"column", failure.location.column},
                            {"message", failure.message}});
    }
    Json out{{"passed", report.passed}, {"failed", report.failed}, {"failures", failures}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace onething

// Diagnostics as JSON: the lint report, and the error document of the C API and the service.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "onething/request.hpp"
#include "onething/write.hpp"

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

/// One diagnostic as {"file", "line", "column", "severity", "code", "message"}.
Json diagnostic_json(const Diagnostic& diagnostic) {
    Json entry = Json::object();
    entry["file"] = diagnostic.location.file.str();
    entry["line"] = diagnostic.location.line;
    entry["column"] = diagnostic.location.column;
    entry["severity"] = severity_name(diagnostic.severity);
    entry["code"] = diagnostic.code;
    entry["message"] = diagnostic.message;
    return entry;
}

}  // namespace

std::string lint_to_json(const LoadResult& result) {
    Json diagnostics = Json::array();
    std::size_t errors = 0, warnings = 0;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        (diagnostic.severity == Severity::error ? errors : warnings) += 1;
        diagnostics.push_back(diagnostic_json(diagnostic));
    }
    Json out{{"diagnostics", diagnostics},
             {"errors", errors},
             {"warnings", warnings},
             {"bundles", result.catalog.bundles().size()},
             {"items", result.catalog.items().size()},
             {"tests", result.catalog.tests().size()}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string errors_to_json(const std::vector<Diagnostic>& diagnostics) {
    Json errors = Json::array();
    for (const Diagnostic& diagnostic : diagnostics) {
        errors.push_back(diagnostic_json(diagnostic));
    }
    Json report = Json::object();
    report["errors"] = std::move(errors);
    return report.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace onething

// Diagnostics as JSON: the lint report, and the error document of the C API and the service.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "onething/request.hpp"
#include "onething/write.hpp"
#include "write/json_teardown.hpp"

namespace onething {
namespace {

using Json = nlohmann::ordered_json;

/// One diagnostic as {"file", "line", "column", "severity", "code", "message"}.
Json diagnostic_json(const Diagnostic& diagnostic) {
    Json entry = Json::object();
    const detail::DismantleOnUnwind<Json> guard(entry);
    entry["file"] = diagnostic.location.file.str();
    entry["line"] = diagnostic.location.line;
    entry["column"] = diagnostic.location.column;
    entry["severity"] = severity_name(diagnostic.severity);
    entry["code"] = diagnostic.code;
    entry["message"] = diagnostic.message;
    return entry;
}

/// Appends `diagnostics` to the array `list`, each freed without a stack if memory runs out.
void append_diagnostics(Json& list, const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& diagnostic : diagnostics) {
        Json entry = diagnostic_json(diagnostic);
        const detail::DismantleOnUnwind<Json> guard(entry);
        list.push_back(std::move(entry));
    }
}

}  // namespace

// Each tree below is freed without a stack when memory runs out while it is built or written
// (write/json_teardown.hpp): the error report is what a front end sends when it does.

std::string lint_to_json(const LoadResult& result) {
    Json out = Json::object();
    const detail::DismantleOnUnwind<Json> guard(out);
    out["diagnostics"] = Json::array();
    append_diagnostics(out["diagnostics"], result.diagnostics);
    std::size_t errors = 0, warnings = 0;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        (diagnostic.severity == Severity::error ? errors : warnings) += 1;
    }
    out["errors"] = errors;
    out["warnings"] = warnings;
    out["bundles"] = result.catalog.bundles().size();
    out["items"] = result.catalog.items().size();
    out["tests"] = result.catalog.tests().size();
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string errors_to_json(const std::vector<Diagnostic>& diagnostics) {
    Json report = Json::object();
    const detail::DismantleOnUnwind<Json> guard(report);
    report["errors"] = Json::array();
    append_diagnostics(report["errors"], diagnostics);
    return report.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace onething

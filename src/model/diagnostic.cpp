// Formatting and ordering of diagnostics.
#include "onething/diagnostic.hpp"

#include <algorithm>
#include <tuple>

#include "model/input_excerpt.hpp"
#include "onething/error.hpp"

namespace onething {

FileName::FileName(std::string name)
    : name_(name.empty() ? nullptr : std::make_shared<const std::string>(std::move(name))) {}

const std::string& FileName::str() const {
    static const std::string none;
    return name_ ? *name_ : none;
}

bool operator==(const FileName& a, const FileName& b) {
    return a.name_ == b.name_ || a.str() == b.str();
}

std::strong_ordering operator<=>(const FileName& a, const FileName& b) {
    if (a.name_ == b.name_) {
        return std::strong_ordering::equal;
    }
    return a.str().compare(b.str()) <=> 0;
}

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::note:
            return "note";
    }
    return "error";
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string text;
    const Location& where = diagnostic.location;
    // One line whatever the text holds: a file name or a quoted id may hold a line break.
    if (!where.file.empty()) {
        text += detail::printable(where.file.str());
        text += ':';
        if (where.line > 0) {
            text += std::to_string(where.line) + ':';
            if (where.column > 0) {
                text += std::to_string(where.column) + ':';
            }
        }
        text += ' ';
    }
    text += severity_name(diagnostic.severity);
    text += ": ";
    text += detail::printable(diagnostic.message);
    text += " [";
    text += diagnostic.code;
    text += ']';
    return text;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(
        diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::tie(a.location.file, a.location.line, a.location.column, a.code,
                            a.message) <
                   std::tie(b.location.file, b.location.line, b.location.column, b.code, b.message);
        });
}

namespace {
std::string first_message(const std::vector<Diagnostic>& diagnostics) {
    return diagnostics.empty() ? std::string("onething error")
                               : format_diagnostic(diagnostics.front());
}
std::vector<Diagnostic> ensure_one(std::vector<Diagnostic> diagnostics) {
    if (diagnostics.empty()) {
        diagnostics.push_back({Severity::error, "internal", "unspecified error", {}});
    }
    return diagnostics;
}
}  // namespace

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)),
      diagnostics_(ensure_one(std::move(diagnostics))) {}

Error::Error(std::string code, std::string message, Location location)
    : Error(std::vector<Diagnostic>{
          Diagnostic{Severity::error, std::move(code), std::move(message), std::move(location)}}) {}

}  // namespace onething

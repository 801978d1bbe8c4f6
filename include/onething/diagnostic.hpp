// Located diagnostics: what the loader and the planner report about rule files and inputs.
#pragma once

#include <string>
#include <vector>

namespace onething {

/// A position in an input file; line and column are 1-based (0 when unknown).
struct Location {
    std::string file;  ///< the path as the user gave it
    int line = 0;      ///< 1-based line, 0 when the whole file is meant
    int column = 0;    ///< 1-based column in characters, 0 when the whole line is meant
};

/// How serious a diagnostic is: errors make `lint` fail, warnings do not.
enum class Severity { error, warning, note };

/// One problem found in the input, with a stable machine-readable code (see docs/diagnostics.md).
struct Diagnostic {
    Severity severity = Severity::error;  ///< error, warning or note
    std::string code;                     ///< stable kebab-case code, e.g. "unknown-key"
    std::string message;                  ///< human-readable text, without location or code
    Location location;                    ///< where the offending node is
};

/// Formats as `file:line:column: error: message [code]` (the contract's form).
std::string format_diagnostic(const Diagnostic& diagnostic);

/// The word used for a severity in text output: "error", "warning" or "note".
const char* severity_name(Severity severity);

/// True when any of the diagnostics is an error.
bool has_errors(const std::vector<Diagnostic>& diagnostics);

/// Sorts diagnostics by file, line, column, code and message (stable, deterministic order).
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace onething

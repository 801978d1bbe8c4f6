// Located diagnostics: what the loader and the planner report about rule files and inputs.
#pragma once

#include <compare>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace onething {

/// A file's name as the user gave it, shared: copies point at one string (no allocation).
class FileName {
  public:
    /// No file ("").
    FileName() = default;
    /// Names a file; implicit, so `Location{path, line, column}` reads as before.
    FileName(std::string name);
    /// Names a file.
    FileName(const char* name) : FileName(std::string(name)) {}
    /// Names a file.
    FileName(std::string_view name) : FileName(std::string(name)) {}
    /// The name ("" when none).
    const std::string& str() const;
    /// The name, so a FileName can be used where a `const std::string&` is expected.
    operator const std::string&() const { return str(); }
    /// True when there is no name.
    bool empty() const { return str().empty(); }
    /// Equal names (compared as text).
    friend bool operator==(const FileName& a, const FileName& b);
    /// Names ordered as text.
    friend std::strong_ordering operator<=>(const FileName& a, const FileName& b);

  private:
    std::shared_ptr<const std::string> name_;
};

/// A position in an input file; line and column are 1-based (0 when unknown).
struct Location {
    FileName file;   ///< the path as the user gave it, shared by the file's locations
    int line = 0;    ///< 1-based line, 0 when the whole file is meant
    int column = 0;  ///< 1-based column in characters, 0 when the whole line is meant
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

/// `text` quoted in a message as the library quotes input: between single quotes, control
/// characters and bytes of no UTF-8 character escaped (`\x1B`, `\r`, `\xFF`), and its start then
/// "…' (N bytes)" when longer than 200 bytes. For front ends wording their own messages.
std::string quoted_input(std::string_view text);

}  // namespace onething

// The module's exceptions (onething.Error and its kinds) and raising them from diagnostics.
#pragma once

#include <pybind11/pybind11.h>

#include <vector>

#include "onething/diagnostic.hpp"
#include "onething/request.hpp"

namespace onething::python {

namespace py = pybind11;

/// Creates onething.Error, RulesError, InputError (a ValueError), PlanError and IoError (an
/// OSError) in `module`, and `_input_error(code, message)`, which makes an InputError.
void register_errors(py::module_& module);

/// The kinds of onething.Error.
enum class ErrorKind {
    rules,  ///< the catalog has errors
    input,  ///< bad facts, answers, an unknown bundle: also a ValueError
    plan,   ///< the rules give no plan for these facts
    io,     ///< a path could not be read: also an OSError
};

/// A diagnostic as a dict: file, line, column, severity, code, message.
py::dict diagnostic_to_python(const Diagnostic& diagnostic);

/// The Python exception of `kind` carrying `diagnostics` (not raised).
py::object make_error(ErrorKind kind, const std::vector<Diagnostic>& diagnostics);

/// Sets the Python exception of `kind` carrying `diagnostics` and throws error_already_set.
[[noreturn]] void raise(ErrorKind kind, const std::vector<Diagnostic>& diagnostics);

/// Raises the exception a failed response stands for: MemoryError when out of memory,
/// RuntimeError for an internal error, otherwise the kind its codes and outcome name.
[[noreturn]] void raise_response(const Response& response);

/// The diagnostics' messages as one line each, `message [code]` (the error column of bulk runs).
std::string short_text(const std::vector<Diagnostic>& diagnostics);

}  // namespace onething::python

// The module's exceptions: every failure carries the engine's diagnostics as dicts.
#include "errors.hpp"

#include "convert.hpp"

#include <array>
#include <string>
#include <string_view>

namespace onething::python {
namespace {

/// The exception classes, created once by register_errors (the module lives as long as they).
struct ErrorClasses {
    py::object base;   ///< onething.Error
    py::object rules;  ///< onething.RulesError
    py::object input;  ///< onething.InputError
    py::object plan;   ///< onething.PlanError
    py::object io;     ///< onething.IoError
};

/// The classes of the loaded module (kept alive by the module object that holds them too).
ErrorClasses& classes() {
    static ErrorClasses* instance =
        new ErrorClasses();  // never destroyed: outlives the interpreter
    return *instance;
}

/// A new exception class `name` of module onething with these bases and this docstring.
py::object make_class(py::module_& module, const char* name, py::tuple bases, const char* doc) {
    py::dict body;
    body["__module__"] = "onething";
    body["__doc__"] = doc;
    py::object type = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyType_Type));
    py::object made = type(name, bases, body);
    module.attr(name) = made;
    return made;
}

/// The codes of plans the rules cannot give (PlanError in the library), as the HTTP service
/// reads them too: everything else a plan, guide, form or dispatch refuses is bad input.
constexpr std::array<std::string_view, 7> plan_codes = {
    "not-applicable",          "undecided",       "no-provider", "cycle", "deferred-dependency",
    "conflicting-constraints", "nesting-conflict"};

/// True when `code` is one of plan_codes.
bool is_plan_code(const std::string& code) {
    for (std::string_view known : plan_codes) {
        if (code == known) {
            return true;
        }
    }
    return false;
}

}  // namespace

void register_errors(py::module_& module) {
    ErrorClasses& made = classes();
    made.base = make_class(module, "Error",
                           py::make_tuple(py::module_::import("builtins").attr("Exception")),
                           "A failure of the engine; `diagnostics` lists its problems as dicts "
                           "(file, line, column, severity, code, message).");
    made.rules = make_class(module, "RulesError", py::make_tuple(made.base),
                            "The catalog has errors; `diagnostics` lists every one.");
    made.input = make_class(
        module, "InputError",
        py::make_tuple(made.base, py::module_::import("builtins").attr("ValueError")),
        "Bad input (facts, answers, an unknown bundle): a ValueError naming the fact or field.");
    made.plan = make_class(module, "PlanError", py::make_tuple(made.base),
                           "The rules give no plan for these facts (undecided, not applicable, "
                           "no provider, a cycle).");
    made.io = make_class(module, "IoError",
                         py::make_tuple(made.base, py::module_::import("builtins").attr("OSError")),
                         "A rule file or folder could not be read.");
    module.def(
        "_input_error",
        [](const std::string& code, const std::string& message) {
            return make_error(ErrorKind::input, {{Severity::error, code, message, {}}});
        },
        py::arg("code"), py::arg("message"),
        "An InputError carrying one diagnostic, for the package's own checks to raise.");
}

py::dict diagnostic_to_python(const Diagnostic& diagnostic) {
    py::dict entry;
    entry["file"] = text_to_python(diagnostic.location.file.str());
    entry["line"] = diagnostic.location.line;
    entry["column"] = diagnostic.location.column;
    entry["severity"] = severity_name(diagnostic.severity);
    entry["code"] = diagnostic.code;
    entry["message"] = text_to_python(diagnostic.message);
    return entry;
}

py::object make_error(ErrorKind kind, const std::vector<Diagnostic>& diagnostics) {
    const ErrorClasses& made = classes();
    const py::object& type = kind == ErrorKind::rules   ? made.rules
                             : kind == ErrorKind::input ? made.input
                             : kind == ErrorKind::plan  ? made.plan
                                                        : made.io;
    std::string text;
    py::list entries;
    for (const Diagnostic& diagnostic : diagnostics) {
        text += (text.empty() ? "" : "\n") + format_diagnostic(diagnostic);
        entries.append(diagnostic_to_python(diagnostic));
    }
    py::object error = type(text_to_python(text));
    error.attr("diagnostics") = entries;
    return error;
}

void raise(ErrorKind kind, const std::vector<Diagnostic>& diagnostics) {
    const py::object error = make_error(kind, diagnostics);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
    throw py::error_already_set();
}

void raise_response(const Response& response) {
    std::vector<Diagnostic> errors;
    for (const Diagnostic& diagnostic : response.diagnostics) {
        if (diagnostic.severity == Severity::error) {
            errors.push_back(diagnostic);
        }
    }
    if (errors.empty()) {
        errors.push_back(
            {Severity::error, "internal", "the request failed without a diagnostic", {}});
    }
    if (errors.front().code == "out-of-memory") {
        throw std::bad_alloc();
    }
    if (errors.front().code == "internal") {
        throw std::runtime_error(errors.front().message);
    }
    if (errors.front().code == "unreadable") {  // a path the library could not read (IoError)
        raise(ErrorKind::io, errors);
    }
    raise(is_plan_code(errors.front().code) ? ErrorKind::plan : ErrorKind::input, errors);
}

std::string short_text(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.severity != Severity::error) {
            continue;
        }
        text += (text.empty() ? "" : "; ") + diagnostic.message + " [" + diagnostic.code + "]";
    }
    return text;
}

}  // namespace onething::python

// onething.Catalog: each operation builds the Request the command line builds and returns the
// document it prints, parsed (so the answers equal the command line's by construction).
#include "catalog.hpp"

#include <limits>
#include <utility>

#include "bulk.hpp"
#include "convert.hpp"
#include "errors.hpp"
#include "onething/error.hpp"

namespace onething::python {
namespace {

/// True for an integer argument: Python's int or a NumPy integer, not a bool.
bool is_integer(py::handle value) {
    if (PyBool_Check(value.ptr())) {
        return false;
    }
    if (PyLong_Check(value.ptr())) {
        return true;
    }
    static const py::handle numpy_integer = module_attribute("numpy", "integer");
    return py::isinstance(value, numpy_integer);
}

/// A search bound from a keyword argument: an integer from 1 to 2^63 - 1.
std::uint64_t bound(py::handle value, const char* name) {
    if (!is_integer(value)) {
        throw py::type_error(std::string(name) + " must be an int, not " + type_name(value));
    }
    const auto number = py::reinterpret_steal<py::object>(PyNumber_Index(value.ptr()));
    if (!number) {
        throw py::error_already_set();
    }
    int overflow = 0;
    const long long least = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
    if (overflow != 0 || least < 1) {
        throw py::value_error(std::string(name) + " must be from 1 to " +
                              std::to_string(std::numeric_limits<std::int64_t>::max()) + ", not " +
                              ascii_repr(number));
    }
    return static_cast<std::uint64_t>(least);
}

/// The `thorough` argument: True or False, NumPy's too.
bool thorough_of(py::handle thorough) {
    if (PyBool_Check(thorough.ptr())) {
        return thorough.ptr() == Py_True;
    }
    static const py::handle numpy_bool = module_attribute("numpy", "bool_");
    if (!py::isinstance(thorough, numpy_bool)) {
        throw py::type_error("thorough must be True or False, not " + ascii_repr(thorough));
    }
    return thorough.cast<bool>();
}

/// A fact value as a Python object.
py::object value_to_python(const Value& value) {
    return std::visit(
        [](const auto& held) -> py::object {
            using Held = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<Held, Date>) {
                if (held.year < 1) {  // year 0000: datetime.date starts at year 1
                    return py::str(held.to_string());
                }
                return py::module_::import("datetime")
                    .attr("date")(held.year, held.month, held.day);
            } else {
                return py::cast(held);
            }
        },
        value);
}

}  // namespace

PlanOptions search_options(py::handle max_search_nodes, py::handle max_search_work,
                           py::handle thorough) {
    PlanOptions options = thorough_of(thorough) ? PlanOptions::thorough() : PlanOptions{};
    if (!max_search_nodes.is_none()) {
        options.max_search_nodes = bound(max_search_nodes, "max_search_nodes");
    }
    if (!max_search_work.is_none()) {
        options.max_search_work = bound(max_search_work, "max_search_work");
    }
    return options;
}

PyCatalog::PyCatalog(py::handle paths, py::handle overlays)
    : paths_(paths_from_python(paths)),
      overlays_(overlays.is_none() ? std::vector<std::string>{}
                                   : paths_from_python(overlays, false)) {
    LoadResult result;
    try {
        LoadRequest request;
        request.paths = paths_;
        request.overlays = overlays_;
        py::gil_scoped_release unlocked;
        result = load(request);
    } catch (const IoError& error) {
        raise(ErrorKind::io, error.diagnostics());
    } catch (const Error& error) {
        raise(ErrorKind::input, error.diagnostics());
    }
    if (!result.ok()) {
        std::vector<Diagnostic> errors;
        for (const Diagnostic& diagnostic : result.diagnostics) {
            if (diagnostic.severity == Severity::error) {
                errors.push_back(diagnostic);
            }
        }
        raise(ErrorKind::rules, errors);
    }
    loaded_ = std::make_shared<const LoadResult>(std::move(result));
}

namespace {

/// Paths as str, the bytes of a name that is not UTF-8 as lone surrogates (os.fsdecode's).
py::list paths_to_python(const std::vector<std::string>& paths) {
    py::list list;
    for (const std::string& path : paths) {
        list.append(text_to_python(path));
    }
    return list;
}

}  // namespace

py::list PyCatalog::paths() const {
    return paths_to_python(paths_);
}

py::list PyCatalog::overlays() const {
    return paths_to_python(overlays_);
}

py::list PyCatalog::warnings() const {
    py::list list;
    for (const Diagnostic& diagnostic : loaded_->diagnostics) {
        list.append(diagnostic_to_python(diagnostic));
    }
    return list;
}

py::list PyCatalog::bundles() const {
    py::list list;
    for (const Bundle& bundle : catalog().bundles()) {
        list.append(bundle.id);
    }
    return list;
}

py::dict PyCatalog::facts() const {
    py::dict all;
    for (const Fact& fact : catalog().facts()) {
        py::dict entry;
        entry["type"] = to_string(fact.type);
        entry["values"] = fact.values;
        entry["default"] =
            fact.default_value ? value_to_python(*fact.default_value) : py::object(py::none());
        all[py::str(fact.id)] = entry;
    }
    return all;
}

namespace {

/// The day `as_of` (not None) names, or nullopt when it names none.
std::optional<Date> read_day(py::handle as_of) {
    if (PyUnicode_Check(as_of.ptr())) {
        const auto text = utf8_of(as_of);  // nullopt for a lone surrogate
        return text ? Date::parse(*text) : std::nullopt;
    }
    if (is_datetime64(as_of)) {  // as a fact's date: a day at midnight
        const Datetime64Day read = datetime64_day(as_of);
        return read.reading == Datetime64Day::Reading::day ? std::optional(read.day) : std::nullopt;
    }
    if (!py::hasattr(as_of, "isoformat")) {
        return std::nullopt;
    }
    // datetime.date, or a datetime at midnight: as for a fact's date, a time of day, or a time
    // zone, is no day. Only a datetime's text goes on past its day ("T00:00:00"); any other
    // object's must be the day alone.
    static const py::handle datetime_type = module_attribute("datetime", "datetime");
    const bool datetime = py::isinstance(as_of, datetime_type);
    if (datetime && !is_day(as_of)) {
        return std::nullopt;
    }
    const auto text = utf8_of(as_of.attr("isoformat")());
    if (!text || (!datetime && text->size() != 10)) {
        return std::nullopt;
    }
    return Date::parse(text->substr(0, 10));
}

}  // namespace

std::optional<Date> day_from_python(py::handle as_of) {
    if (as_of.is_none()) {
        return std::nullopt;
    }
    std::optional<Date> day;
    try {
        day = read_day(as_of);
    } catch (const py::error_already_set& error) {
        // What its own methods raise (pandas.NaT has no time of day) names no day either.
        if (!is_argument_fault(error)) {
            throw;
        }
    } catch (const py::cast_error&) {
    }
    if (!day) {
        throw py::value_error(
            "as_of must be a day: a datetime.date, a 'YYYY-MM-DD' string, or a datetime or "
            "numpy.datetime64 at midnight without a time zone, not " +
            ascii_repr(as_of));
    }
    return day;
}

Request PyCatalog::request(Operation operation, const TextArgument& bundle, py::handle facts,
                           const TextArgument& lang, const PlanOptions& search,
                           py::handle as_of) const {
    Request request;
    request.operation = operation;
    request.bundle = text_argument(bundle, "bundle");
    request.lang = text_argument(lang, "lang");
    request.as_of = day_from_python(as_of);
    // Facts are typed by the definitions in effect on the day planned on.
    request.facts = facts_from_python(catalog().as_of(request_day(request)), facts);
    request.format = "json";
    request.search = search;
    return request;
}

py::object PyCatalog::answer(const Request& request) const {
    Response response;
    {
        py::gil_scoped_release unlocked;
        response = respond(*loaded_, request);
    }
    if (!response.ok()) {
        raise_response(response);
    }
    // What the command line prints as a warning beside the answer (a language the catalog has
    // no text in) is a Python warning.
    constexpr std::string_view warning = "warning: ";
    for (const std::string& note : response.notes) {
        if (note.starts_with(warning) &&
            PyErr_WarnEx(PyExc_UserWarning, note.substr(warning.size()).c_str(), 2) != 0) {
            throw py::error_already_set();  // warnings turned into errors
        }
    }
    return json_to_python(response.document);
}

/// The catalog `object` holds. An object of the extension's class made by `__new__` alone
/// holds raw memory, not a catalog (only `__init__` loads one): reading it would crash the
/// interpreter, so it is a TypeError, as is an object of another class.
const PyCatalog& held(py::handle object) {
    if (!py::isinstance<PyCatalog>(object)) {
        throw py::type_error("expected an onething.Catalog, not " +
                             std::string(py::str(py::type::of(object).attr("__name__"))));
    }
    auto* instance = reinterpret_cast<py::detail::instance*>(object.ptr());
    const py::detail::value_and_holder value =
        instance->get_value_and_holder(py::detail::get_type_info(typeid(PyCatalog)));
    if (!value || !value.holder_constructed()) {
        throw py::type_error(
            "this Catalog holds no catalog: it was made without loading one; make it with "
            "onething.Catalog(paths)");
    }
    return *value.value_ptr<PyCatalog>();
}

/// `method` of the catalog an object holds, checked by held().
template <typename Result, typename... Args>
auto on_held(Result (PyCatalog::*method)(Args...) const) {
    return [method](py::handle object, Args... args) {
        return (held(object).*method)(std::forward<Args>(args)...);
    };
}

/// `function` of the catalog an object holds, checked by held().
template <typename Result, typename... Args>
auto on_held(Result (*function)(const PyCatalog&, Args...)) {
    return [function](py::handle object, Args... args) {
        return function(held(object), std::forward<Args>(args)...);
    };
}

namespace {

/// Refuses to pickle a catalog: it is loaded in each process from its files.
[[noreturn]] void refuse_pickling() {
    throw py::type_error(
        "cannot pickle 'Catalog' object: load it in each process from its paths "
        "(onething.Catalog(paths), as onething.dask does on its workers)");
}

}  // namespace

void register_catalog(py::module_& module) {
    py::class_<PyCatalog>(module, "_Catalog", py::dynamic_attr(),
                          "A loaded, checked catalog of rule files; immutable, shared by threads.")
        .def(py::init<py::handle, py::handle>(), py::arg("paths"), py::arg("overlays") = py::none(),
             "Loads rule files and folders (a path or a list of paths), with overlay files read "
             "on top in order (docs/overlays.md); raises RulesError with every diagnostic when "
             "the rules have errors.")
        // Pickling by protocols 0 and 1 would construct the extension's base class from C,
        // which aborts the interpreter: every protocol is refused here, as 2 and above are.
        .def(
            "__reduce_ex__", [](py::handle, py::handle) -> py::object { refuse_pickling(); },
            py::arg("protocol"), "Refused: a catalog is loaded in each process, not pickled.")
        .def(
            "__reduce__", [](py::handle) -> py::object { refuse_pickling(); },
            "Refused: a catalog is loaded in each process, not pickled.")
        .def_property_readonly("paths", on_held(&PyCatalog::paths),
                               "The paths the catalog was loaded from.")
        .def_property_readonly("overlays", on_held(&PyCatalog::overlays),
                               "The overlays read on top of the paths, in order.")
        .def_property_readonly("warnings", on_held(&PyCatalog::warnings),
                               "The load's warnings, as dicts like RulesError.diagnostics.")
        .def_property_readonly("bundles", on_held(&PyCatalog::bundles), "The bundle ids, sorted.")
        .def_property_readonly("facts", on_held(&PyCatalog::facts),
                               "Every fact: id -> {'type', 'values', 'default'}.")
        .def(
            "plan",
            [](py::handle object, const TextArgument& bundle, py::handle facts,
               const TextArgument& lang, py::handle max_search_nodes, py::handle max_search_work,
               py::handle thorough, py::handle as_of) {
                const PyCatalog& self = held(object);
                return self.answer(self.request(
                    Operation::plan, bundle, facts, lang,
                    search_options(max_search_nodes, max_search_work, thorough), as_of));
            },
            py::arg("bundle"), py::arg("facts") = py::none(), py::arg("lang") = "zh", py::kw_only(),
            py::arg("max_search_nodes") = py::none(), py::arg("max_search_work") = py::none(),
            py::arg("thorough") = false, py::arg("as_of") = py::none(),
            "The optimal plan as a dict: the document of `onething plan --format json`.")
        .def(
            "guide",
            [](py::handle object, const TextArgument& bundle, py::handle facts,
               const TextArgument& lang, py::handle as_of) {
                const PyCatalog& self = held(object);
                return self.answer(
                    self.request(Operation::guide, bundle, facts, lang, PlanOptions{}, as_of));
            },
            py::arg("bundle"), py::arg("facts") = py::none(), py::arg("lang") = "zh", py::kw_only(),
            py::arg("as_of") = py::none(),
            "The facts still needed, in asking order: `onething guide --format json`.")
        .def(
            "form",
            [](py::handle object, const TextArgument& bundle, py::handle facts,
               const TextArgument& lang, py::handle max_search_nodes, py::handle max_search_work,
               py::handle thorough, py::handle as_of) {
                const PyCatalog& self = held(object);
                return self.answer(self.request(
                    Operation::form, bundle, facts, lang,
                    search_options(max_search_nodes, max_search_work, thorough), as_of));
            },
            py::arg("bundle"), py::arg("facts") = py::none(), py::arg("lang") = "zh", py::kw_only(),
            py::arg("max_search_nodes") = py::none(), py::arg("max_search_work") = py::none(),
            py::arg("thorough") = false, py::arg("as_of") = py::none(),
            "The merged form as a JSON Schema dict: `onething form`.")
        .def(
            "dispatch",
            [](py::handle object, const TextArgument& bundle, py::handle facts, py::handle answers,
               py::handle shared, const TextArgument& by_argument, const TextArgument& lang,
               py::handle as_of) {
                const PyCatalog& self = held(object);
                Request request =
                    self.request(Operation::dispatch, bundle, facts, lang, PlanOptions{}, as_of);
                if (answers.is_none()) {  // as the C API refuses a NULL answers_json
                    raise(ErrorKind::input,
                          {{Severity::error,
                            "invalid-argument",
                            "answers: none given; give the filled form, a dict as form() "
                            "describes it (or its JSON text)",
                            {}}});
                }
                request.answers = SourceFile{"<answers>", document_from_python(answers, "answers")};
                if (!shared.is_none()) {
                    request.shared = SourceFile{"<shared>", document_from_python(shared, "shared")};
                }
                const std::string by = text_argument(by_argument, "by");
                if (by == "department") {
                    request.by = DispatchGrouping::department;
                } else if (by != "item") {
                    // Quoted by its repr: bytes that are no UTF-8 cannot go into the message.
                    const py::handle given = std::visit(
                        [](const auto& argument) -> py::handle { return argument; }, by_argument);
                    throw py::value_error("by must be 'item' or 'department', not " +
                                          ascii_repr(given));
                }
                return self.answer(request);
            },
            py::arg("bundle"), py::arg("facts"), py::arg("answers"), py::arg("shared") = py::none(),
            py::arg("by") = "item", py::arg("lang") = "zh", py::kw_only(),
            py::arg("as_of") = py::none(),
            "The answers split into one validated payload per item: `onething dispatch`.")
        .def("_plan_rows", on_held(&plan_rows), py::arg("bundle"), py::arg("columns"),
             py::arg("offset"), py::arg("count"), py::arg("out"), py::arg("threads"),
             py::arg("max_search_nodes") = py::none(), py::arg("max_search_work") = py::none(),
             py::arg("thorough") = false, py::arg("as_of") = py::none(),
             py::arg("cells") = py::none(),
             "Plans rows offset..offset+count of the columns into the output arrays (bulk runs); "
             "`cells`, a dict kept for the run, reads each category once.")
        .def("_check_bundle", on_held(&check_bundle), py::arg("bundle"),
             py::arg("as_of") = py::none(),
             "Raises InputError when the catalog has no such bundle.")
        .def("_check_fact", on_held(&check_fact), py::arg("fact"), py::arg("as_of") = py::none(),
             "Raises InputError when the catalog declares no such fact.")
        .def("_whole_days", on_held(&whole_days),
             "True when every duration in every version is whole: bulk runs give days as "
             "integers.");
    module.def(
        "_paths",
        [](py::handle paths, bool required) {
            return paths_to_python(paths_from_python(paths, required));
        },
        py::arg("paths"), py::arg("required") = true,
        "Paths as Catalog reads them (a path or a list of str, bytes or os.PathLike; none given "
        "is an InputError when required), as os.fsdecode gives them.");
}

}  // namespace onething::python

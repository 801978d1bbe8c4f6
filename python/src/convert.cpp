// Python objects to the engine's values and back.
#include "convert.hpp"

#include <cmath>
#include <limits>

#include "errors.hpp"

namespace onething::python {

// Its __qualname__, or the C name of the type when that cannot be read.
std::string type_name(py::handle object) {
    try {
        return py::str(py::type::handle_of(object).attr("__qualname__")).cast<std::string>();
    } catch (const py::error_already_set&) {
    } catch (const py::cast_error&) {
    }
    return Py_TYPE(object.ptr())->tp_name;
}

py::handle module_attribute(const char* module, const char* name) {
    return py::object(py::module_::import(module).attr(name)).release();
}

std::optional<std::string> utf8_of(py::handle object) {
    if (!PyUnicode_Check(object.ptr())) {
        return std::nullopt;
    }
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(object.ptr(), &size);
    if (text == nullptr) {
        PyErr_Clear();
        return std::nullopt;
    }
    return std::string(text, static_cast<std::size_t>(size));
}

std::string text_argument(const TextArgument& argument, std::string_view name) {
    if (const auto* bytes = std::get_if<py::bytes>(&argument)) {
        return std::string(*bytes);
    }
    if (const auto* array = std::get_if<py::bytearray>(&argument)) {
        return std::string(*array);
    }
    const py::str& object = std::get<py::str>(argument);
    if (auto text = utf8_of(object)) {
        return std::move(*text);
    }
    raise(ErrorKind::input, {{Severity::error,
                              "invalid-argument",
                              std::string(name) + " must be text of valid Unicode, not " +
                                  ascii_repr(object) + " (a lone surrogate)",
                              {}}});
}

std::optional<std::int64_t> whole_int64(double number) {
    constexpr double two_to_63 = 9223372036854775808.0;  // exact in a double
    if (std::trunc(number) == number && number >= -two_to_63 && number < two_to_63) {
        return static_cast<std::int64_t>(number);
    }
    return std::nullopt;
}

std::string ascii_repr(py::handle object) {
    PyObject* text = PyObject_ASCII(object.ptr());
    if (text != nullptr) {
        Py_ssize_t size = 0;
        const char* bytes = PyUnicode_AsUTF8AndSize(text, &size);
        if (bytes != nullptr) {
            std::string repr(bytes, static_cast<std::size_t>(size));
            Py_DECREF(text);
            return repr;
        }
        Py_DECREF(text);
    }
    PyErr_Clear();  // its __repr__ raised, or gave no str
    return "<" + type_name(object) + " object>";
}

namespace {

/// Raises onething.InputError "invalid-argument": the document `what` cannot be read.
[[noreturn]] void refuse_document(std::string_view what, const std::string& why) {
    raise(ErrorKind::input,
          {{Severity::error, "invalid-argument", std::string(what) + ": " + why, {}}});
}

/// The Python value the NumPy scalar `object` holds, as item() gives it (numpy.int64(1) as 1,
/// numpy.bool_ as a bool), numpy.longdouble (whose item() is itself) as a double; nullopt when
/// item() gives the scalar back otherwise. Facts and answers read NumPy scalars so.
std::optional<py::object> numpy_scalar_value(py::handle object) {
    py::object item = object.attr("item")();
    if (!item.is(object) && !py::type::handle_of(item).is(py::type::handle_of(object))) {
        return item;
    }
    static const py::handle floating = module_attribute("numpy", "floating");
    if (py::isinstance(object, floating)) {
        return py::float_(py::reinterpret_borrow<py::object>(object));
    }
    return std::nullopt;
}

/// The first line of a Python error's text, at most 200 bytes.
std::string input_excerpt_of(std::string_view text) {
    text = text.substr(0, text.find('\n'));
    return std::string(text.substr(0, 200));
}

/// True for pandas' missing markers (NA, NaT), recognised without importing pandas.
bool is_pandas_missing(py::handle object) {
    const std::string name = type_name(object);
    return name == "NAType" || name == "NaTType";
}

/// "integer N" of an int too large for 64 bits, its digits by int's own repr (not a subclass's
/// __str__); "an integer of B bits" when there are more digits than Python writes.
std::string integer_text(py::handle integer) {
    PyObject* digits = PyLong_Type.tp_repr(integer.ptr());
    if (digits != nullptr) {
        const auto text = utf8_of(digits);
        Py_DECREF(digits);
        if (text) {
            return "integer " + *text;
        }
    }
    PyErr_Clear();
    const py::handle int_type(reinterpret_cast<PyObject*>(&PyLong_Type));
    return "an integer of " + py::str(int_type.attr("bit_length")(integer)).cast<std::string>() +
           " bits";
}

/// A Cell holding an error about `fact`.
Cell error_cell(std::string_view fact, const std::string& message) {
    return Cell{Cell::State::error, {}, "fact '" + std::string(fact) + "': " + message};
}

/// A Cell holding `value`.
Cell value_cell(Value value) {
    return Cell{Cell::State::value, std::move(value), {}};
}

/// The cell of a float: missing when NaN, an integer for an integer fact when asked and exact.
Cell float_cell(const Catalog& catalog, std::string_view fact, double number,
                bool integral_floats) {
    if (std::isnan(number)) {
        return {};
    }
    if (const auto whole = integral_floats ? whole_int64(number) : std::nullopt) {
        if (const Fact* declared = catalog.find_fact(fact);
            declared != nullptr && declared->type == FactType::integer) {
            return value_cell(*whole);
        }
    }
    return value_cell(number);
}

}  // namespace

bool is_datetime64(py::handle object) {
    static const py::handle datetime64 = module_attribute("numpy", "datetime64");
    return py::isinstance(object, datetime64);
}

Datetime64Day datetime64_day(py::handle datetime64) {
    static const py::handle isnat = module_attribute("numpy", "isnat");
    if (isnat(datetime64).cast<bool>()) {
        return {Datetime64Day::Reading::not_a_time, {}};
    }
    const py::object day = datetime64.attr("astype")("datetime64[D]");
    if (!datetime64.equal(day)) {
        return {Datetime64Day::Reading::time_of_day, {}};
    }
    // Days since 1970-01-01: `item()` would give a datetime.date, which holds fewer years.
    const auto date =
        date_from_days(day.attr("astype")("int64").attr("item")().cast<std::int64_t>());
    if (!date) {
        return {Datetime64Day::Reading::out_of_range, {}};
    }
    return {Datetime64Day::Reading::day, *date};
}

bool is_day(py::handle datetime) {
    static const py::handle midnight =
        py::object(py::module_::import("datetime").attr("time")()).release();
    static const py::handle zero = py::int_(0).release();
    // pandas.Timestamp holds nanoseconds, which time() leaves out.
    return datetime.attr("tzinfo").is_none() && datetime.attr("time")().equal(midnight) &&
           py::getattr(datetime, "nanosecond", zero).equal(zero);
}

bool is_argument_fault(const py::error_already_set& error) {
    return error.matches(PyExc_Exception) && !error.matches(PyExc_MemoryError);
}

std::optional<Date> date_from_days(std::int64_t days) {
    // Beyond the years a date is written in, the year would not even fit an int.
    if (days < first_written_day || days > last_written_day) {
        return std::nullopt;
    }
    // Howard Hinnant's civil_from_days.
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return Date{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

namespace {

/// NumPy scalars unwrapped by item() at most, one inside another: a NumPy scalar's item() is a
/// Python value, so a chain this long is an object whose item() never gives one.
constexpr int max_unwraps = 4;

/// cell_from_python of an object reached through `unwraps` calls of item().
Cell cell_of(const Catalog& catalog, std::string_view fact, py::handle object, bool integral_floats,
             int unwraps) {
    // The common kinds first, by their C types: a frame's column has millions of them.
    PyObject* raw = object.ptr();
    if (raw == Py_None) {
        return {};
    }
    if (PyBool_Check(raw)) {
        return value_cell(raw == Py_True);
    }
    if (PyUnicode_Check(raw)) {
        Py_ssize_t size = 0;
        const char* text = PyUnicode_AsUTF8AndSize(raw, &size);
        if (text == nullptr) {
            PyErr_Clear();
            return error_cell(fact, "the text is not valid Unicode");
        }
        return value_cell(std::string(text, static_cast<std::size_t>(size)));
    }
    if (PyLong_Check(raw)) {
        int overflow = 0;
        const long long integer = PyLong_AsLongLongAndOverflow(raw, &overflow);
        if (overflow != 0) {
            return error_cell(fact, integer_text(object) + " is out of range (64 bits)");
        }
        return value_cell(static_cast<std::int64_t>(integer));
    }
    if (PyFloat_Check(raw)) {
        return float_cell(catalog, fact, PyFloat_AsDouble(raw), integral_floats);
    }
    if (is_pandas_missing(object)) {
        return {};
    }
    // NumPy scalars (numpy.bool_, numpy.int64, numpy.float64, numpy.datetime64, ...) as
    // Python's, and an array of no dimension as the scalar it holds.
    static const py::handle numpy_scalar = module_attribute("numpy", "generic");
    static const py::handle numpy_array = module_attribute("numpy", "ndarray");
    const bool array = py::isinstance(object, numpy_array);
    if (array && object.attr("ndim").cast<int>() != 0) {
        return error_cell(fact, "a NumPy array of shape " + ascii_repr(object.attr("shape")) +
                                    " is no fact value (expected one value: bool, int, float, "
                                    "str or datetime.date)");
    }
    if (array) {
        return unwraps >= max_unwraps
                   ? error_cell(fact, "unsupported value of NumPy type " + type_name(object))
                   : cell_of(catalog, fact, object[py::tuple()], integral_floats, unwraps + 1);
    }
    const bool numpy = py::isinstance(object, numpy_scalar);
    if (is_datetime64(object)) {
        // As a frame's datetime column: a day (midnight) is a date, NaT is missing, a time of
        // day is refused.
        const Datetime64Day read = datetime64_day(object);
        switch (read.reading) {
            case Datetime64Day::Reading::not_a_time:
                return {};
            case Datetime64Day::Reading::time_of_day:
                return error_cell(
                    fact, "expected a date, not a date and time (" + ascii_repr(object) + ")");
            case Datetime64Day::Reading::out_of_range:
                return error_cell(fact,
                                  "expected a date of the years 0000 to 9999 (YYYY-MM-DD), not " +
                                      ascii_repr(object));
            case Datetime64Day::Reading::day:
                break;
        }
        return value_cell(read.day);
    }
    if (numpy && type_name(object) == "timedelta64") {
        return error_cell(fact,
                          "unsupported value of NumPy type timedelta64 (a duration is no "
                          "fact value; expected bool, int, float, str or a date)");
    }
    if (numpy && py::hasattr(object, "item")) {
        // numpy.longdouble as a double, as a frame's column of it is read.
        const std::optional<py::object> value =
            unwraps < max_unwraps ? numpy_scalar_value(object) : std::nullopt;
        if (!value) {
            return error_cell(fact, "unsupported value of NumPy type " + type_name(object));
        }
        return cell_of(catalog, fact, *value, integral_floats, unwraps + 1);
    }
    static const py::handle date_type = module_attribute("datetime", "date");
    static const py::handle datetime_type = module_attribute("datetime", "datetime");
    if (py::isinstance(object, datetime_type)) {
        // A naive midnight is its day, as in a frame's datetime column (pandas.Timestamp too).
        if (!is_day(object)) {
            return error_cell(fact, "expected a date (datetime.date), not a date and time (" +
                                        type_name(object) + ")");
        }
    }
    if (py::isinstance(object, date_type)) {
        return value_cell(Date{object.attr("year").cast<int>(), object.attr("month").cast<int>(),
                               object.attr("day").cast<int>()});
    }
    return error_cell(fact, "unsupported value of Python type " + type_name(object) +
                                " (expected bool, int, float, str or datetime.date)");
}

}  // namespace

Cell cell_from_python(const Catalog& catalog, std::string_view fact, py::handle object,
                      bool integral_floats) {
    try {
        return cell_of(catalog, fact, object, integral_floats, 0);
    } catch (const py::error_already_set& error) {
        // What the value's own methods raise (an item() of an array, a __str__, a date's
        // fields) is a bad value of the fact; running out of memory and interrupts are not.
        if (!is_argument_fault(error)) {
            throw;
        }
        return error_cell(fact, "its value of type " + type_name(object) + " could not be read (" +
                                    input_excerpt_of(error.what()) + ")");
    } catch (const py::cast_error&) {
        return error_cell(fact, "its value of type " + type_name(object) +
                                    " could not be read (unexpected types inside it)");
    }
}

Facts facts_from_python(const Catalog& catalog, py::handle mapping) {
    Facts facts;
    if (mapping.is_none()) {
        return facts;
    }
    const auto refuse = [&](const std::string& why) {
        raise(ErrorKind::input, {{Severity::error,
                                  "invalid-facts",
                                  "facts must be a mapping from fact id to value (a dict), not " +
                                      type_name(mapping) + why,
                                  {}}});
    };
    // A mapping as dict() reads one: a dict, or an object with keys(). A list of pairs, which
    // dict() would read too, is refused: facts are not a sequence.
    if (!PyDict_Check(mapping.ptr()) && !py::hasattr(mapping, "keys")) {
        refuse("");
    }
    std::vector<Diagnostic> problems;
    py::dict items;
    try {
        items = py::dict(py::reinterpret_borrow<py::object>(mapping));
    } catch (const py::error_already_set& error) {  // a mapping that cannot be read
        if (!is_argument_fault(error)) {
            throw;
        }
        refuse(" (reading it raised " + input_excerpt_of(error.what()) + ")");
    }
    for (const auto& [key, object] : items) {
        const auto id = utf8_of(key);
        if (!id) {
            problems.push_back({Severity::error,
                                "invalid-facts",
                                "a fact id must be a string of valid Unicode, not " +
                                    type_name(key) + " (" + ascii_repr(key) + ")",
                                {}});
            continue;
        }
        Cell cell = cell_from_python(catalog, *id, object, false);
        if (cell.state == Cell::State::error) {
            problems.push_back({Severity::error, "invalid-fact", cell.error, {}});
        } else if (cell.state == Cell::State::value) {
            facts.insert_or_assign(*id, std::move(cell.value));
        }
    }
    if (!problems.empty()) {
        raise(ErrorKind::input, problems);
    }
    return facts;
}

std::vector<std::string> paths_from_python(py::handle paths, bool required) {
    const py::module_ os = py::module_::import("os");
    std::vector<std::string> list;
    // A path is a str, bytes (as os functions take) or os.PathLike.
    const auto is_path = [](py::handle path) {
        return PyUnicode_Check(path.ptr()) || PyBytes_Check(path.ptr()) ||
               py::hasattr(path, "__fspath__");
    };
    auto add = [&](py::handle path) {
        if (!is_path(path)) {
            throw py::type_error("a catalog path must be a str, bytes or os.PathLike, not " +
                                 type_name(path));
        }
        // The path's bytes, as the file system names it (a name that is not UTF-8 included).
        const py::object named = os.attr("fspath")(path);
        try {
            list.push_back(os.attr("fsencode")(named).cast<std::string>());
        } catch (const py::error_already_set& error) {
            if (!error.matches(PyExc_UnicodeEncodeError)) {
                throw;
            }
            // A lone surrogate no byte of a name decodes to (os.fsdecode gives U+DC80..U+DCFF).
            raise(ErrorKind::input,
                  {{Severity::error,
                    "invalid-argument",
                    "the catalog path " + ascii_repr(named) +
                        " names no file: it holds a character no file name's bytes give (a lone "
                        "surrogate); give the path as the file system names it, as str or bytes",
                    {}}});
        }
    };
    if (is_path(paths)) {
        add(paths);
    } else if (!py::isinstance<py::iterable>(paths)) {
        throw py::type_error(
            "paths must be a path (str, bytes or os.PathLike) or a list of them, "
            "not " +
            type_name(paths));
    } else {
        for (py::handle path : py::iter(paths)) {
            add(path);
        }
    }
    if (list.empty() && required) {
        raise(ErrorKind::input,
              {{Severity::error, "invalid-argument", "no rule file or folder given", {}}});
    }
    return list;
}

py::object json_to_python(const std::string& text) {
    static py::handle loads = module_attribute("json", "loads");
    return loads(py::str(text));
}

py::str text_to_python(std::string_view text) {
    PyObject* decoded =
        PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "surrogateescape");
    if (decoded == nullptr) {
        throw py::error_already_set();
    }
    return py::reinterpret_steal<py::str>(decoded);
}

std::string document_from_python(py::handle object, std::string_view what) {
    if (PyUnicode_Check(object.ptr())) {
        if (auto text = utf8_of(object)) {
            return std::move(*text);
        }
        refuse_document(what, "the text is not valid Unicode (a lone surrogate)");
    }
    static py::handle dumps = module_attribute("json", "dumps");
    // A NumPy scalar JSON has no form for (numpy.int64, numpy.bool_) is written as the Python
    // value it holds, as facts take it; anything else is refused as json.dumps refuses it.
    static const py::handle plain_value =
        py::cpp_function([](py::handle value) -> py::object {
            static const py::handle numpy_scalar = module_attribute("numpy", "generic");
            if (py::isinstance(value, numpy_scalar) && type_name(value) != "datetime64" &&
                type_name(value) != "timedelta64") {
                if (std::optional<py::object> held = numpy_scalar_value(value)) {
                    return *held;
                }
            }
            throw py::type_error("Object of type " + type_name(value) +
                                 " is not JSON serializable");
        }).release();
    py::object written;
    try {
        written = dumps(object, py::arg("ensure_ascii") = false, py::arg("allow_nan") = false,
                        py::arg("default") = plain_value);
    } catch (const py::error_already_set& error) {
        // NaN or infinity, or a value JSON has no form for (a date).
        if (!is_argument_fault(error)) {
            throw;
        }
        refuse_document(what, input_excerpt_of(error.what()) +
                                  "; give numbers, text (dates as 'YYYY-MM-DD'), true or false, "
                                  "lists and mappings");
    }
    if (auto text = utf8_of(written)) {
        return std::move(*text);
    }
    refuse_document(what, "a text is not valid Unicode (a lone surrogate)");
}

}  // namespace onething::python

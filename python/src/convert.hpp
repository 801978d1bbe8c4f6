// Python objects to the engine's values and back: facts, paths, JSON documents.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"
#include "onething/value.hpp"

namespace onething::python {

namespace py = pybind11;

/// A fact's value read from a Python object: missing, a value, or why there is none.
struct Cell {
    /// What the object held.
    enum class State { missing, value, error } state = State::missing;
    Value value;        ///< the value (State::value)
    std::string error;  ///< the message, naming the fact (State::error)
};

/// Reads `object` as the value of fact `fact`: None, NaN, pandas' NA and NaT are missing; bool,
/// int, float, str and datetime.date (and their NumPy kinds) are values, typed by the engine
/// later; anything else is an error naming the fact. With `integral_floats`, a float with no
/// fraction given for an integer fact is that integer (pandas stores integer columns with
/// missing values as floats). Needs the GIL.
Cell cell_from_python(const Catalog& catalog, std::string_view fact, py::handle object,
                      bool integral_floats);

/// Reads a mapping from fact id to value (None: no facts; a dict or an object with keys(), not a
/// list of pairs) as Facts, leaving missing values out.
/// Raises onething.InputError naming the fact for a key that is not a string or a value of
/// an unsupported type; values are checked against the catalog by the request layer.
Facts facts_from_python(const Catalog& catalog, py::handle mapping);

/// `number` as an int64 when it is a whole number within int64 (-2^63 to 2^63 - 1), as a float
/// column stores an integer fact's values; nullopt otherwise (a fraction, NaN, infinite, past).
std::optional<std::int64_t> whole_int64(double number);

/// The name of an object's type, for messages.
std::string type_name(py::handle object);

/// `module`.`name`, imported once and kept for the life of the process: what a function-local
/// static holds (`static const py::handle date = module_attribute("datetime", "date");`).
py::handle module_attribute(const char* module, const char* name);

/// The UTF-8 bytes of a str, or nullopt when it is not one or holds a lone surrogate.
std::optional<std::string> utf8_of(py::handle object);

/// A text argument (bundle, lang, by): a str, or its UTF-8 bytes as bytes or bytearray.
using TextArgument = std::variant<py::str, py::bytes, py::bytearray>;

/// The UTF-8 bytes of the text argument `name`: bytes as given; a str encoded, and one that is
/// not valid Unicode (a lone surrogate) raises onething.InputError "invalid-argument" naming it.
std::string text_argument(const TextArgument& object, std::string_view name);

/// repr() of an object in ASCII (a lone surrogate escaped), for messages; `<T object>` when its
/// __repr__ raises.
std::string ascii_repr(py::handle object);

/// True when a datetime.datetime (pandas.Timestamp too) is a day: at midnight to the nanosecond,
/// without a time zone.
bool is_day(py::handle datetime);

/// True for a numpy.datetime64 scalar.
bool is_datetime64(py::handle object);

/// What a numpy.datetime64 says as a day.
struct Datetime64Day {
    /// How it reads.
    enum class Reading {
        day,           ///< a day (midnight, of any unit): `day`
        not_a_time,    ///< NaT
        time_of_day,   ///< a time other than midnight
        out_of_range,  ///< a day beyond the years 0000 to 9999
    };
    Reading reading;  ///< how it reads
    Date day;         ///< the day, when it reads as one
};

/// The day of the numpy.datetime64 `datetime64`.
Datetime64Day datetime64_day(py::handle datetime64);

/// 0000-01-01 in days since 1970-01-01: the first day a date is written in (YYYY).
inline constexpr std::int64_t first_written_day = -719528;
/// 9999-12-31 in days since 1970-01-01: the last day a date is written in (YYYY).
inline constexpr std::int64_t last_written_day = 2932896;

/// A date from days since 1970-01-01 (NumPy's datetime64[D]); nullopt outside the years 0000
/// to 9999, which a date is written in.
std::optional<Date> date_from_days(std::int64_t days);

/// True when `error`, raised by an argument's own methods (a mapping's items, a value's
/// __str__), is a fault of the argument, to report as bad input; false for running out of
/// memory and for interrupts (KeyboardInterrupt, SystemExit), which go on as they are.
bool is_argument_fault(const py::error_already_set& error);

/// Rule files and folders: one path (str or os.PathLike) or an iterable of them; none is an
/// InputError when `required`.
std::vector<std::string> paths_from_python(py::handle paths, bool required = true);

/// Text of the engine as a str: UTF-8, and bytes that are not (a file name's) as lone
/// surrogates, as os.fsdecode gives them, so that a path round-trips.
py::str text_to_python(std::string_view text);

/// A JSON document parsed into Python objects (json.loads of the exact text).
py::object json_to_python(const std::string& text);

/// A Python object written as JSON text (json.dumps), for answers and shared data given as
/// dicts; a str is taken as the document itself (JSON or YAML). What JSON cannot hold (NaN, a
/// date, a lone surrogate) raises onething.InputError naming `what` ("answers", "shared").
std::string document_from_python(py::handle object, std::string_view what);

}  // namespace onething::python

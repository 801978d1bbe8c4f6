// The extension onething._onething: the catalog, its operations and bulk runs, the exceptions.
// The package onething (python/onething/) builds the public API on it.
#include <pybind11/pybind11.h>

#include "catalog.hpp"
#include "convert.hpp"
#include "errors.hpp"
#include "onething/version.hpp"

PYBIND11_MODULE(_onething, module) {
    module.doc() = "The onething engine: catalogs, plans, guides, forms, dispatch, bulk runs.";
    module.attr("__version__") = onething::version_string;
    onething::python::register_errors(module);
    onething::python::register_catalog(module);
    // The days a date is written in (years 0000 to 9999), for the bulk readers' columns.
    module.attr("_FIRST_DAY") = onething::python::first_written_day;
    module.attr("_LAST_DAY") = onething::python::last_written_day;
    module.def(
        "_check_day",
        [](pybind11::handle as_of) { static_cast<void>(onething::python::day_from_python(as_of)); },
        pybind11::arg("as_of"),
        "Raises the ValueError a plan would for `as_of` (None, a date, 'YYYY-MM-DD' or a "
        "datetime at midnight are days).");
    module.def(
        "_check_search",
        [](pybind11::handle max_search_nodes, pybind11::handle max_search_work,
           pybind11::handle thorough) {
            static_cast<void>(
                onething::python::search_options(max_search_nodes, max_search_work, thorough));
        },
        pybind11::arg("max_search_nodes") = pybind11::none(),
        pybind11::arg("max_search_work") = pybind11::none(), pybind11::arg("thorough") = false,
        "Raises the TypeError or ValueError a plan would for its search arguments.");
}

// onething.Catalog: one immutable loaded catalog and the operations of the request layer.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

#include "convert.hpp"
#include "onething/load.hpp"
#include "onething/request.hpp"

namespace onething::python {

namespace py = pybind11;

/// The day of an `as_of` argument: None (nullopt: today), a "YYYY-MM-DD" string or a
/// datetime.date; a ValueError otherwise.
std::optional<Date> day_from_python(py::handle as_of);

/// A loaded, checked catalog, shared by every call and every planning thread.
class PyCatalog {
  public:
    /// Loads the rule files and folders `paths` with the overlays `overlays` on top (None, a path
    /// or a list of paths; docs/overlays.md), the GIL released; raises RulesError with every
    /// diagnostic when the rules have errors, IoError when a path cannot be read.
    PyCatalog(py::handle paths, py::handle overlays);

    /// The catalog.
    const Catalog& catalog() const { return loaded_->catalog; }
    /// The paths it was loaded from, as os.fsdecode gives them.
    py::list paths() const;
    /// The overlays read on top of them, in order, as os.fsdecode gives them.
    py::list overlays() const;
    /// The load's warnings as dicts.
    py::list warnings() const;
    /// The bundle ids, sorted.
    py::list bundles() const;
    /// Every fact: id -> {"type", "values", "default"}.
    py::dict facts() const;

    /// A request of `operation` for `bundle` with these facts, in `lang`, as of `as_of` (None,
    /// a date or "YYYY-MM-DD"; a ValueError otherwise); a lone surrogate in `bundle` or `lang`
    /// is an InputError.
    Request request(Operation operation, const TextArgument& bundle, py::handle facts,
                    const TextArgument& lang, const PlanOptions& search, py::handle as_of) const;
    /// Answers `request` with the GIL released; the document as Python objects, or the
    /// exception its diagnostics stand for.
    py::object answer(const Request& request) const;

  private:
    std::shared_ptr<const LoadResult> loaded_;  ///< never null
    std::vector<std::string> paths_;            ///< as given
    std::vector<std::string> overlays_;         ///< as given
};

/// The search bounds of keyword arguments, as plan, form and metrics_many read them:
/// `max_search_nodes` and `max_search_work` None (the default) or an integer (Python's or NumPy's,
/// not a bool) from 1 to 2^63 - 1, `thorough` True or False (NumPy's too; the analyst's bounds).
/// A TypeError or ValueError naming the argument otherwise.
PlanOptions search_options(py::handle max_search_nodes, py::handle max_search_work,
                           py::handle thorough);

/// Adds onething.Catalog (as `_Catalog`, which the package extends) to `module`.
void register_catalog(py::module_& module);

}  // namespace onething::python

// Bulk runs: the rows of a facts frame planned on a pool of threads over one catalog.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "convert.hpp"

namespace onething::python {

namespace py = pybind11;

class PyCatalog;

/// Plans rows `offset` .. `offset + count` of `columns` for `bundle` on `threads` threads,
/// writing each row's figures into the arrays of `out` at the row's index: "counts" (int64,
/// 10 x rows: before then after steps, forms, fields, materials, visits), "days" (float64,
/// 2 x rows), "items" (int64), "optimal" and "failed" (bool). Each column is a tuple (fact id,
/// kind, values, mask or None, categories or None), kind one of "bool", "int", "float", "date"
/// (days since 1970-01-01), "category" (int64 codes, -1 missing) and "object". Returns
/// [(row, message), ...] for the rows that could not be planned, in row order. The GIL is
/// released while planning; the result does not depend on the number of threads. `cells`, a
/// dict the caller keeps for one run (or None), holds each category column's values once read,
/// so that a run of many chunks reads each category once.
py::list plan_rows(const PyCatalog& catalog, const TextArgument& bundle_argument, py::list columns,
                   std::size_t offset, std::size_t count, py::dict out, std::size_t threads,
                   py::handle max_search_nodes, py::handle max_search_work, py::handle thorough,
                   py::handle as_of, py::handle cells);

/// Raises onething.InputError (the engine's message, with a suggestion) for an unknown bundle.
void check_bundle(const PyCatalog& catalog, const TextArgument& bundle, py::handle as_of);

/// Raises onething.InputError (the engine's message, with a suggestion) for an unknown fact.
void check_fact(const PyCatalog& catalog, const TextArgument& fact_argument, py::handle as_of);

/// True when every item's `duration_days` and `bundled_duration_days`, in every version of the
/// catalog, is a whole number: then every plan's days are whole too, and bulk runs give them
/// as integers, as the contract's "before_<metric>, after_<metric> (integers)" says.
bool whole_days(const PyCatalog& catalog);

}  // namespace onething::python

"""Bulk runs: a frame of facts in, one row of figures per applicant out (Catalog.metrics_many).

The frame is read column by column into typed arrays; the extension plans the rows in chunks
on a pool of threads over the one catalog and writes the figures into NumPy arrays, from
which the result frame is built: no per-row Python objects except the error texts."""
import datetime
import os

import numpy as np

# _FIRST_DAY and _LAST_DAY: 0000-01-01 and 9999-12-31 in days since 1970-01-01, the years a
# date is written in (YYYY).
from ._onething import _FIRST_DAY, _LAST_DAY, _check_search, _input_error
from ._progress import progress_bar

#: The six metrics of the contract, in its order.
METRICS = ("steps", "forms", "fields", "materials", "visits", "days")
#: The metrics counted in whole numbers whatever the catalog (days are whole when every
#: duration of the catalog is: Catalog._whole_days()).
COUNT_METRICS = METRICS[:5]
#: The columns of a result frame, in order.
COLUMNS = ([f"before_{metric}" for metric in METRICS] + [f"after_{metric}" for metric in METRICS]
           + ["items", "optimal", "error"])
#: Rows planned per call into the extension: bounds the memory of one chunk's converted values
#: and paces the progress bar.
DEFAULT_CHUNK_ROWS = 65536


#: The largest count an argument takes (what the extension holds in 64 bits, signed).
MOST = 2**63 - 1


def whole_number(name, value, least):
    """`value` as an int: a Python or NumPy integer (not a bool) from `least` to MOST, else a
    ValueError naming `name` and the range."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or not (
            least <= int(value) <= MOST):
        raise ValueError(f"{name} must be an integer from {least} to {MOST}, not {value!r} "
                         f"({type(value).__name__})")
    return int(value)


def default_threads():
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _object_column(series, timestamps=False):
    """A column handed over as Python objects; with `timestamps` (a datetime column with times
    of day), those at midnight become dates and the others stay, to be refused row by row."""
    import pandas as pd

    values = np.ascontiguousarray(series.to_numpy(dtype=object, na_value=None))
    if timestamps:
        for row, value in enumerate(values):
            if isinstance(value, pd.Timestamp) and value == value.normalize():
                values[row] = value.date()
    return ("object", values, None, None)


def column_of(series):
    """How the extension reads one fact column: (kind, values, mask or None, categories)."""
    import pandas as pd
    from pandas.api import types

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = np.ascontiguousarray(series.cat.codes.to_numpy(), dtype=np.int64)
        return ("category", codes, None, list(series.cat.categories.to_numpy(dtype=object)))
    if types.is_extension_array_dtype(dtype):  # nullable: Int64, boolean, Float64, string
        mask = np.ascontiguousarray(series.isna().to_numpy(), dtype=bool)
        # to_numpy gives a view of the column's own array where it needs no conversion: of a
        # reversed or sliced frame, a strided one. The extension reads contiguous arrays.
        if types.is_bool_dtype(dtype):
            values = series.to_numpy(dtype=bool, na_value=False)
            return ("bool", np.ascontiguousarray(values), mask, None)
        if types.is_integer_dtype(dtype):
            if dtype.kind == "u" and dtype.itemsize >= 8:
                return _object_column(series)  # above 2**63 - 1: refused row by row
            values = series.to_numpy(dtype=np.int64, na_value=0)
            return ("int", np.ascontiguousarray(values), mask, None)
        if types.is_float_dtype(dtype):
            values = series.to_numpy(dtype=np.float64, na_value=np.nan)
            return ("float", np.ascontiguousarray(values), None, None)
        return _object_column(series)
    values = series.to_numpy()
    if values.dtype.kind == "b":
        return ("bool", np.ascontiguousarray(values), None, None)
    if values.dtype.kind == "i" or (values.dtype.kind == "u" and values.dtype.itemsize < 8):
        return ("int", np.ascontiguousarray(values, dtype=np.int64), None, None)
    if values.dtype.kind == "f":
        return ("float", np.ascontiguousarray(values, dtype=np.float64), None, None)
    if values.dtype.kind == "M" and getattr(dtype, "tz", None) is None:
        mask = np.isnat(values)
        days = values.astype("datetime64[D]")
        numbers = days.astype(np.int64)
        written = (numbers >= _FIRST_DAY) & (numbers <= _LAST_DAY)  # years 0000 to 9999
        if np.all(((days == values) & written) | mask):
            return ("date", np.ascontiguousarray(numbers), mask, None)
        if not np.all(written | mask):
            # Days beyond the years a date is written in (datetime64 of seconds or days holds
            # them): each value as NumPy's own scalar, refused row by row naming the value.
            objects = np.empty(len(values), dtype=object)
            for row, value in enumerate(values):
                objects[row] = value
            return ("object", objects, None, None)
        return _object_column(series, timestamps=True)
    return _object_column(series)


def _shown(label):
    """A column label for a message: its repr in ASCII, or its type when it has none."""
    try:
        return ascii(label)
    except Exception:  # its __repr__ raised
        return f"<{type(label).__name__} object>"


def empty_result(index=None, whole_days=True):
    """A result frame with no rows (or with `index` and every figure missing): the columns and
    types of every result of a catalog whose durations are whole (`whole_days`: days as Int64)
    or not (float64)."""
    import pandas as pd

    count = 0 if index is None else len(index)
    failed = np.ones(count, dtype=bool)
    return _frame(np.zeros((10, count), dtype=np.int64), np.full((2, count), np.nan),
                  np.zeros(count, dtype=np.int64), np.zeros(count, dtype=bool), failed,
                  np.full(count, None, dtype=object),
                  pd.RangeIndex(0) if index is None else index, whole_days)


def _frame(counts, days, items, optimal, failed, errors, index, whole_days):
    """The result frame over the output arrays (no copies of the counts). Days are integers
    (Int64, missing where a row failed) when `whole_days`, as the contract's
    "before_<metric>, after_<metric> (integers)"; float64 (NaN) for a catalog with a fractional
    duration, whose days can be fractional."""
    import pandas as pd

    data = {}
    for when, offset, day_row in (("before", 0, 0), ("after", 5, 1)):
        for k, metric in enumerate(COUNT_METRICS):
            data[f"{when}_{metric}"] = pd.arrays.IntegerArray(counts[offset + k], failed.copy())
        if whole_days:
            whole = np.where(failed, 0.0, days[day_row]).astype(np.int64)
            data[f"{when}_days"] = pd.arrays.IntegerArray(whole, failed.copy())
        else:
            data[f"{when}_days"] = days[day_row]
    data["items"] = pd.arrays.IntegerArray(items, failed.copy())
    data["optimal"] = pd.arrays.BooleanArray(optimal, failed.copy())
    data["error"] = errors
    return pd.DataFrame(data, index=index, columns=COLUMNS, copy=False)


def metrics_many(catalog, bundle, facts_frame, threads=None, chunk_rows=None, progress=None,
                 max_search_nodes=None, max_search_work=None, thorough=False, as_of=None):
    """Catalog.metrics_many: see its documentation."""
    import pandas as pd

    if not isinstance(facts_frame, pd.DataFrame):
        raise TypeError(f"facts_frame must be a pandas DataFrame, not {type(facts_frame).__name__}")
    if threads is None:
        threads = default_threads()
    threads = whole_number("threads", threads, 1)
    chunk_rows = whole_number("chunk_rows", DEFAULT_CHUNK_ROWS if chunk_rows is None
                              else chunk_rows, 1)
    if not isinstance(bundle, (str, bytes, bytearray)):  # as plan() takes it
        raise TypeError("bundle must be a str (a bundle id) or its UTF-8 bytes, not "
                        f"{type(bundle).__name__}")
    if isinstance(bundle, bytearray):
        bundle = bytes(bundle)
    if progress is not None and not isinstance(progress, (bool, np.bool_)):
        raise TypeError("progress must be True, False or None (a bar on long runs where someone "
                        f"watches), not {type(progress).__name__}")
    # The search arguments as plan() reads them (one check for both).
    _check_search(max_search_nodes, max_search_work, thorough)
    if as_of is None:
        # Today, read once: every check and every chunk plans on the same day (the catalog's
        # version of that day), even when the run goes past midnight.
        as_of = datetime.date.today()
    catalog._check_bundle(bundle, as_of=as_of)
    names = list(facts_frame.columns)
    seen = set()
    for name in names:
        # InputError, as for a column that names no fact (a ValueError too).
        if not isinstance(name, str):
            raise _input_error("invalid-argument", "every column must be named by a fact id; "
                               f"column {_shown(name)} is not a string")
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raise _input_error("invalid-argument", "every column must be named by a fact id; "
                               f"column {_shown(name)} is not valid Unicode text (a lone "
                               "surrogate)") from None
        if name in seen:
            raise _input_error("invalid-argument", f"column '{name}' appears twice")
        seen.add(name)
        catalog._check_fact(name, as_of=as_of)
    columns = [(name, *column_of(facts_frame[name])) for name in names]

    rows = len(facts_frame)
    counts = np.zeros((10, rows), dtype=np.int64)
    days = np.empty((2, rows), dtype=np.float64)
    items = np.zeros(rows, dtype=np.int64)
    optimal = np.zeros(rows, dtype=bool)
    failed = np.zeros(rows, dtype=bool)
    errors = np.full(rows, None, dtype=object)
    out = {"counts": counts, "days": days, "items": items, "optimal": optimal, "failed": failed}
    show = progress if progress is not None else (None if rows > chunk_rows else False)
    shown = bundle if isinstance(bundle, str) else bundle.decode("utf-8", "backslashreplace")
    bar = progress_bar(rows, f"planning {shown}", show)
    cells = {}  # each category column's values, read in the first chunk, by fact id
    try:
        for offset in range(0, rows, chunk_rows):
            count = min(chunk_rows, rows - offset)
            for row, message in catalog._plan_rows(
                    bundle, columns, offset, count, out, threads,
                    max_search_nodes=max_search_nodes, max_search_work=max_search_work,
                    thorough=thorough, as_of=as_of, cells=cells):
                errors[row] = message
            bar.update(count)
    finally:
        bar.close()
    return _frame(counts, days, items, optimal, failed, errors, facts_frame.index,
                  catalog._whole_days())

"""metrics_many on a Dask DataFrame, on dask.distributed or any Dask scheduler (docs/python.md).

Each worker process loads the catalog once, the first time it plans a partition, and keeps it;
every partition is planned in bulk (Catalog.metrics_many), so the result has the rows
metrics_many gives for the whole frame, partition by partition.

    import onething.dask
    ddf = onething.dask.metrics_many(["rules"], "child-birth", facts_ddf)
"""
import os
import threading

from . import _bulk

_lock = threading.Lock()
#: The catalogs this process has loaded, by their paths (and overlays, when any).
_catalogs = {}
#: How many times this process loaded each catalog (1 once warm).
_loads = {}


def catalog(paths, overlays=()):
    """The catalog of `paths` with `overlays` on top in this process, loaded on first use and
    kept."""
    from . import Catalog

    key = (tuple(paths), tuple(overlays)) if overlays else tuple(paths)
    with _lock:
        loaded = _catalogs.get(key)
        if loaded is None:
            loaded = Catalog(list(paths), overlays=list(overlays))
            _catalogs[key] = loaded
            _loads[key] = _loads.get(key, 0) + 1
        return loaded


def loads():
    """{paths: times loaded} in this process (for checking that a worker loads once)."""
    with _lock:
        return dict(_loads)


def _plan_partition(frame, paths, overlays, bundle, threads, options):
    """One partition's rows, planned in bulk."""
    return catalog(paths, overlays).metrics_many(bundle, frame, threads=threads, progress=False,
                                                 **options)


def _absolute(paths, required=True):
    """One path or a list of them, read as Catalog reads them (str, bytes or os.PathLike; none
    given is an InputError when `required`), as a list of absolute paths."""
    from . import _onething

    return [os.path.abspath(path) for path in _onething._paths(paths, required)]


def metrics_many(paths, bundle, facts_ddf, threads=1, *, overlays=None, max_search_nodes=None,
                 max_search_work=None, thorough=False, as_of=None):
    """A Dask DataFrame of metrics_many's rows for every row of `facts_ddf`, lazily: each
    partition is planned on its worker with `threads` threads (default 1: Dask runs partitions
    in parallel) over the catalog of `paths` with `overlays` read on top (docs/overlays.md),
    loaded once per worker process, every row planned as of `as_of` (a date or "YYYY-MM-DD";
    default: the worker's today). Paths are made absolute here; they must name the same files
    on every worker, and here too: the catalog is loaded here once (and kept) for the result's
    column types (days are integers when every duration is whole)."""
    import dask.dataframe as dd

    if not isinstance(facts_ddf, dd.DataFrame):
        raise TypeError(f"facts_ddf must be a Dask DataFrame, not {type(facts_ddf).__name__}")
    paths = _absolute(paths)
    overlays = _absolute(overlays, required=False) if overlays is not None else []
    # What needs no catalog is checked now, not when the first partition is computed.
    from . import _onething
    threads = _bulk.whole_number("threads", threads, 1)
    if not isinstance(bundle, (str, bytes, bytearray)):  # as plan() takes it
        raise TypeError("bundle must be a str (a bundle id) or its UTF-8 bytes, not "
                        f"{type(bundle).__name__}")
    if isinstance(bundle, bytearray):
        bundle = bytes(bundle)
    _onething._check_search(max_search_nodes, max_search_work, thorough)
    _onething._check_day(as_of)
    options = {"max_search_nodes": max_search_nodes, "max_search_work": max_search_work,
               "thorough": thorough, "as_of": as_of}
    # The result's types: days are integers when every duration of the catalog is whole, which
    # only the catalog says (loaded here once, as on each worker, and kept).
    meta = _bulk.empty_result(facts_ddf._meta.index, catalog(paths, overlays)._whole_days())
    return facts_ddf.map_partitions(_plan_partition, paths, overlays, bundle, threads, options,
                                    meta=meta, align_dataframes=False, enforce_metadata=False)

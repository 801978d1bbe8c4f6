"""onething from Python: plans, guides, forms and dispatch of "one thing" service bundles, and
the metrics of many applicants at once (docs/python.md).

    import onething
    cat = onething.Catalog(["rules"])
    plan = cat.plan("child-birth", {"parents.hukou_local": True}, lang="en")
    frame = cat.metrics_many("child-birth", facts_frame)
"""
from ._onething import (  # noqa: F401
    Error,
    InputError,
    IoError,
    PlanError,
    RulesError,
    __version__,
    _Catalog,
)
from . import _bulk

__all__ = ["Catalog", "Error", "InputError", "IoError", "PlanError", "RulesError", "METRICS"]

#: The six metrics of the contract, in its order.
METRICS = _bulk.METRICS


class Catalog(_Catalog):
    """A loaded, checked catalog: `Catalog(paths)` reads rule files and folders (a path or a list
    of paths) and raises RulesError, whose `diagnostics` lists every problem, when they have
    errors. `Catalog(paths, overlays=[...])` reads overlay files on top, in order
    (docs/overlays.md). Immutable: one catalog serves every thread.

    `plan`, `guide`, `form` and `dispatch` return the documents the command line prints as JSON
    (`plan --format json`, ...), as dicts; bad facts raise InputError (a ValueError) naming the
    fact, plans the rules cannot give raise PlanError.
    """

    def __new__(cls, *args, **kwargs):
        # Loaded as it is made: an object of the extension's class whose __init__ never ran has
        # no catalog behind it, so `Catalog.__new__(Catalog)` must not give one.
        if not args and "paths" not in kwargs:
            raise TypeError("Catalog() needs paths: the rule files and folders to load (a path "
                            "or a list of them), e.g. onething.Catalog(['rules'])")
        catalog = super().__new__(cls)
        _Catalog.__init__(catalog, *args, **kwargs)
        return catalog

    def __init__(self, *args, **kwargs):
        """Loaded by __new__ already: a catalog is immutable, and calling this again reloads
        nothing."""

    def metrics_many(self, bundle, facts_frame, threads=None, *, chunk_rows=None, progress=None,
                     max_search_nodes=None, max_search_work=None, thorough=False, as_of=None):
        """Plans `bundle` for every row of `facts_frame` (a pandas DataFrame whose columns are
        fact ids; a missing value or NaN is an unanswered fact) on `threads` threads (None: every
        core) and returns a DataFrame with the same index: `before_<metric>` and
        `after_<metric>` for the six metrics, `items` (planned items), `optimal`, and `error`
        (None, or why the row could not be planned; its figures are then missing). `as_of`:
        the day planned on (a date or "YYYY-MM-DD"; default today), as in `plan`."""
        return _bulk.metrics_many(self, bundle, facts_frame, threads=threads,
                                  chunk_rows=chunk_rows, progress=progress,
                                  max_search_nodes=max_search_nodes,
                                  max_search_work=max_search_work, thorough=thorough,
                                  as_of=as_of)

    def __repr__(self):
        if self.overlays:
            return f"onething.Catalog({self.paths!r}, overlays={self.overlays!r})"
        return f"onething.Catalog({self.paths!r})"

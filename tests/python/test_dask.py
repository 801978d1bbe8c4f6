"""onething.dask.metrics_many on a LocalCluster of two worker processes."""
import pandas as pd
import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

import dask.dataframe as dd  # noqa: E402

import onething.dask  # noqa: E402
from onething import population  # noqa: E402

from conftest import RULES  # noqa: E402


def test_two_workers_give_the_rows_of_metrics_many(catalog):
    spec = {"parents.hukou_local": 0.5, "mother.maternity_insured": 0.5,
            "child.born_in_city": 0.9,
            "household.means_test": {"not_applying": 1, "recognised": 1, "needs_check": 1}}
    people = population.applicants(catalog, spec, 4000, seed=3)
    # Some rows cannot be planned: unanswered facts.
    people.loc[people.index % 97 == 0, "parents.hukou_local"] = None
    expected = catalog.metrics_many("child-birth", people)
    assert expected["error"].notna().sum() > 10
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster, timeout="60s") as client:
        frame = dd.from_pandas(people, npartitions=8)
        lazy = onething.dask.metrics_many([RULES], "child-birth", frame)
        assert list(lazy.columns) == list(expected.columns)
        # The types declared before computing are the types computed (days: Int64).
        assert dict(lazy.dtypes) == dict(expected.dtypes)
        got = lazy.compute()
        pd.testing.assert_frame_equal(got, expected)
        loads = client.run(onething.dask.loads)
        assert len(loads) == 2
        # Each worker loaded the catalog once, whatever number of partitions it planned.
        assert all(list(counts.values()) in ([1], []) for counts in loads.values())
        assert sum(len(counts) for counts in loads.values()) >= 1


def test_overlays_reach_every_worker(catalog):
    overlay = RULES.parent / "examples" / "overlays" / "means-test-online.yaml"
    overlaid = onething.Catalog([RULES], overlays=[overlay])
    spec = {"household.means_test": {"recognised": 1, "needs_check": 1},
            "low_rent.mode": {"rent_subsidy": 1, "allocation": 1}}
    people = population.applicants(overlaid, spec, 400, seed=5)
    expected = overlaid.metrics_many("low-rent-housing", people)
    assert not expected.equals(catalog.metrics_many("low-rent-housing", people))
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster, timeout="60s"):
        frame = dd.from_pandas(people, npartitions=4)
        got = onething.dask.metrics_many(RULES, "low-rent-housing", frame,
                                         overlays=[overlay]).compute()
        pd.testing.assert_frame_equal(got, expected)


def test_as_of_reaches_every_worker():
    """examples/reform on two days, planned on a worker process: as metrics_many plans them."""
    reform_path = RULES.parent / "examples" / "reform"
    reform = onething.Catalog([reform_path])
    people = pd.DataFrame({"child.insured": [True, False] * 20})
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster, timeout="60s"):
        frame = dd.from_pandas(people, npartitions=2)
        for day in ("2019-06-30", "2019-07-01"):
            got = onething.dask.metrics_many(reform_path, "birth", frame, as_of=day).compute()
            pd.testing.assert_frame_equal(got, reform.metrics_many("birth", people, as_of=day))
        before = onething.dask.metrics_many(reform_path, "birth", frame, as_of="2019-06-30")
        assert list(before.compute()["after_visits"][:2]) == [2, 1]


def test_the_declared_days_follow_the_catalog(tmp_path):
    """Int64 for a catalog whose durations are whole, float64 for one with a fractional one:
    the catalog is read at the call for the types (no cluster needed to see them)."""
    frame = dd.from_pandas(pd.DataFrame({"f": [True]}), npartitions=1)
    for name, days in (("whole", "2"), ("fractional", "2.5")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "rules.yaml").write_text(
            "facts: {f: {type: bool, question: 'F?'}}\n"
            f"items: {{a: {{name: A, duration_days: {days}, when: 'f'}}}}\n"
            "bundles: {x: {name: X, goals: [a]}}\n", encoding="utf-8")
        lazy = onething.dask.metrics_many([folder], "x", frame)
        expected = "Int64" if name == "whole" else "float64"
        assert str(lazy.dtypes["before_days"]) == expected, name
        assert str(lazy.dtypes["after_days"]) == expected, name
        assert str(lazy.dtypes["after_steps"]) == "Int64", name
        pd.testing.assert_frame_equal(lazy.compute(scheduler="synchronous"),
                                      onething.Catalog(folder).metrics_many("x", frame.compute()))


def test_mistakes_that_need_no_catalog_raise_at_the_call():
    """Not when the first partition is computed, on a worker."""
    frame = dd.from_pandas(pd.DataFrame({"parents.hukou_local": [True]}), npartitions=1)
    with pytest.raises(ValueError, match="threads must be an integer from 1 to"):
        onething.dask.metrics_many([RULES], "child-birth", frame, threads=0)
    with pytest.raises(ValueError, match="threads must be an integer from 1 to"):
        onething.dask.metrics_many([RULES], "child-birth", frame, threads=2**64)
    with pytest.raises(ValueError, match="as_of must be a day"):
        onething.dask.metrics_many([RULES], "child-birth", frame, as_of="2019-02-30")
    with pytest.raises(TypeError, match="thorough must be True or False"):
        onething.dask.metrics_many([RULES], "child-birth", frame, thorough="yes")
    with pytest.raises(ValueError, match="max_search_nodes must be from 1 to"):
        onething.dask.metrics_many([RULES], "child-birth", frame, max_search_nodes=0)
    with pytest.raises(TypeError, match="max_search_work must be an int, not float"):
        onething.dask.metrics_many([RULES], "child-birth", frame, max_search_work=1.0)
    with pytest.raises(TypeError, match="bundle must be a str"):
        onething.dask.metrics_many([RULES], None, frame)


def test_paths_are_read_as_catalog_reads_them(catalog):
    """bytes, str and os.PathLike, one or a list; none given is Catalog's InputError."""
    people = pd.DataFrame({"parents.hukou_local": [True, False],
                           "mother.maternity_insured": [True, True]})
    frame = dd.from_pandas(people, npartitions=1)
    expected = catalog.metrics_many("child-birth", people)
    for paths in (bytes(RULES), [bytes(RULES)], str(RULES), RULES, (RULES,)):
        got = onething.dask.metrics_many(paths, "child-birth", frame)
        pd.testing.assert_frame_equal(got.compute(scheduler="synchronous"), expected)
    for paths in ([], ()):
        with pytest.raises(onething.InputError, match="no rule file or folder given"):
            onething.dask.metrics_many(paths, "child-birth", frame)
    with pytest.raises(TypeError, match="paths must be a path .* not int"):
        onething.dask.metrics_many(5, "child-birth", frame)
    with pytest.raises(TypeError, match="a catalog path must be a str, bytes or os.PathLike"):
        onething.dask.metrics_many([RULES], "child-birth", frame, overlays=[5])

"""Catalog.metrics_many: one row per applicant, equal to planning each one alone."""
import datetime
import os
import re
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

import onething
from conftest import SOURCE_DIR

METRICS = ("steps", "forms", "fields", "materials", "visits", "days")


def varied(catalog, rows, seed=7, missing=0.0):
    """Every boolean and enum fact drawn at random, some values missing."""
    rng = np.random.default_rng(seed)
    columns = {}
    for fact, declared in sorted(catalog.facts.items()):
        absent = rng.random(rows) < missing
        if declared["type"] == "bool":
            values = pd.array(rng.random(rows) < 0.5, dtype="boolean")
            values[absent] = pd.NA
            columns[fact] = values
        elif declared["type"] == "enum":
            codes = rng.integers(0, len(declared["values"]), rows)
            codes[absent] = -1
            columns[fact] = pd.Categorical.from_codes(codes, categories=declared["values"])
    return pd.DataFrame(columns, index=pd.RangeIndex(100, 100 + rows))


def expected_row(catalog, bundle, facts):
    """What metrics_many must give for one applicant, from plan()."""
    try:
        plan = catalog.plan(bundle, facts)
    except onething.Error as error:
        return {"error": error.diagnostics[0]["code"]}
    row = {f"{when}_{m}": plan["metrics"][when][m] for when in ("before", "after") for m in METRICS}
    row.update(items=len(plan["items"]), optimal=plan["optimal"], error=None)
    return row


def facts_of(frame, label):
    """A row of a facts frame as a plan()'s facts, missing values left out."""
    facts = {}
    for fact, value in frame.loc[label].items():
        if value is not pd.NA and value is not None and not (isinstance(value, float) and
                                                             np.isnan(value)):
            facts[fact] = value.item() if hasattr(value, "item") else value
    return facts


@pytest.mark.parametrize("bundle", ["child-birth", "citizen-death", "social-assistance"])
def test_every_row_is_the_plan_of_its_facts(catalog, bundle):
    frame = varied(catalog, 300, missing=0.1)
    result = catalog.metrics_many(bundle, frame, threads=2, chunk_rows=97)
    assert list(result.index) == list(frame.index)
    planned = 0
    for label in frame.index:
        expected = expected_row(catalog, bundle, facts_of(frame, label))
        got = result.loc[label]
        if expected["error"] is not None:
            assert got["error"].endswith(f"[{expected['error']}]")
            assert pd.isna(got["after_steps"]) and pd.isna(got["after_days"])
            continue
        planned += 1
        for column, value in expected.items():
            assert got[column] == value or (value is None and got[column] is None), column
    assert planned > 30


def test_the_columns_and_their_types(catalog):
    result = catalog.metrics_many("child-birth", varied(catalog, 20, missing=0.5))
    assert list(result.columns) == (
        [f"before_{m}" for m in METRICS] + [f"after_{m}" for m in METRICS]
        + ["items", "optimal", "error"])
    assert str(result["before_steps"].dtype) == "Int64"
    assert str(result["after_visits"].dtype) == "Int64"
    # Every duration of the shipped catalog is whole: days are integers, as the contract says.
    assert str(result["before_days"].dtype) == "Int64"
    assert str(result["after_days"].dtype) == "Int64"
    assert str(result["optimal"].dtype) == "boolean"
    assert result["error"].dtype == object
    assert result["error"].notna().any() and result["error"].isna().any()


def test_any_number_of_threads_gives_the_same_rows(catalog):
    frame = varied(catalog, 2000, seed=3, missing=0.05)
    one = catalog.metrics_many("child-birth", frame, threads=1)
    for threads, chunk in ((2, 128), (3, 1000), (8, 64)):
        pd.testing.assert_frame_equal(
            catalog.metrics_many("child-birth", frame, threads=threads, chunk_rows=chunk), one)


def test_bad_rows_get_an_error_and_the_others_their_plans(catalog):
    frame = pd.DataFrame({
        "parents.hukou_local": [True, "yes", True, None, object(), 1],
        "mother.maternity_insured": [True, True, 2.5, True, True, True],
    })
    result = catalog.metrics_many("child-birth", frame)
    errors = list(result["error"])
    assert errors[0] is None
    assert "parents.hukou_local" in errors[1] and "[invalid-fact]" in errors[1]
    assert "mother.maternity_insured" in errors[2]
    assert "[undecided]" in errors[3]
    assert "parents.hukou_local" in errors[4] and "Python type object" in errors[4]
    assert "parents.hukou_local" in errors[5]
    # Every bad fact of a row, in column order, as plan() lists them.
    both = catalog.metrics_many("child-birth", pd.DataFrame({
        "parents.hukou_local": ["yes"], "mother.maternity_insured": [2.5]}))["error"][0]
    with pytest.raises(onething.InputError) as raised:
        catalog.plan("child-birth", {"parents.hukou_local": "yes",
                                     "mother.maternity_insured": 2.5})
    assert len(raised.value.diagnostics) == 2
    assert both == "; ".join(f"{problem['message']} [{problem['code']}]"
                             for problem in raised.value.diagnostics)
    assert result["after_steps"].isna().tolist() == [False, True, True, True, True, True]


def test_values_that_cannot_be_read_are_row_errors(catalog):
    from test_catalog import unreadable_values

    cases = unreadable_values()
    frame = pd.DataFrame({
        "parents.hukou_local": pd.Series([True] + [value for value, _ in cases], dtype=object),
        "mother.maternity_insured": [True] * (1 + len(cases)),
    })
    errors = list(catalog.metrics_many("child-birth", frame)["error"])
    assert errors[0] is None
    for error, (_, message) in zip(errors[1:], cases):
        assert re.search("parents.hukou_local.*" + message + r".*\[invalid-fact\]$", error), error


def test_column_kinds(catalog):
    rows = 6
    plain = pd.DataFrame({
        "parents.hukou_local": [True, False] * 3,
        "mother.maternity_insured": [True] * rows,
        "household.means_test": ["not_applying", "recognised", "needs_check"] * 2,
    })
    reference = catalog.metrics_many("social-assistance", plain.assign(
        **{"household.means_test": plain["household.means_test"].astype(object)}))
    as_category = plain.astype({"household.means_test": "category"})
    as_nullable = plain.astype({"parents.hukou_local": "boolean", "household.means_test": "string"})
    as_numpy_objects = plain.assign(**{"parents.hukou_local": np.array(
        [np.bool_(v) for v in plain["parents.hukou_local"]], dtype=object)})
    for frame in (as_category, as_nullable, as_numpy_objects):
        pd.testing.assert_frame_equal(catalog.metrics_many("social-assistance", frame), reference)


def test_a_category_column_is_read_once_per_run(catalog):
    """The categories are read in a run's first chunk and kept for the others (a run of many
    chunks and categories read them once): a second chunk plans with the first's values even
    when the list it is handed says otherwise. And a run in chunks gives the rows of one."""
    from onething import _bulk

    frame = pd.DataFrame({"parents.hukou_local": [True, False] * 4,
                          "mother.maternity_insured": [True] * 8,
                          "household.means_test": pd.Categorical(
                              ["not_applying", "recognised", "needs_check", "recognised"] * 2)})
    columns = [(name, *_bulk.column_of(frame[name])) for name in frame.columns]
    whole = catalog.metrics_many("social-assistance", frame)
    rows = len(frame)
    out = {"counts": np.zeros((10, rows), dtype=np.int64),
           "days": np.empty((2, rows), dtype=np.float64),
           "items": np.zeros(rows, dtype=np.int64), "optimal": np.zeros(rows, dtype=bool),
           "failed": np.zeros(rows, dtype=bool)}
    cells = {}
    catalog._plan_rows("social-assistance", columns, 0, 4, out, 1, cells=cells)
    assert list(cells) == ["household.means_test"]
    # The list handed for the second chunk names other values: the kept ones are read.
    name, kind, codes, mask, categories = columns[2]
    columns[2] = (name, kind, codes, mask, ["no such value"] * len(categories))
    failures = catalog._plan_rows("social-assistance", columns, 4, 4, out, 1, cells=cells)
    expected = whole["error"].iloc[4:]
    assert [row for row, _ in failures] == [4 + k for k, e in enumerate(expected) if e]
    assert all(message in whole["error"][row] for row, message in failures)
    planned = ~out["failed"]
    assert planned[4:].any()
    assert out["items"][planned].tolist() == whole["items"][planned].tolist()
    chunked = catalog.metrics_many("social-assistance", frame, chunk_rows=3)
    pd.testing.assert_frame_equal(chunked, whole)


def test_a_frame_level_mistake_raises(catalog):
    frame = pd.DataFrame({"parents.hukoo_local": [True]})
    with pytest.raises(ValueError, match="did you mean 'parents.hukou_local'"):
        catalog.metrics_many("child-birth", frame)
    with pytest.raises(onething.InputError, match="unknown bundle"):
        catalog.metrics_many("child-birt", pd.DataFrame({"parents.hukou_local": [True]}))
    with pytest.raises(TypeError):
        catalog.metrics_many("child-birth", [{"parents.hukou_local": True}])
    with pytest.raises(TypeError, match="bundle must be a str"):
        catalog.metrics_many(None, pd.DataFrame())
    # Its UTF-8 bytes, as plan() takes them; bytes of no UTF-8 name no bundle.
    frame = pd.DataFrame({"parents.hukou_local": [True], "mother.maternity_insured": [True]})
    expected = catalog.metrics_many("child-birth", frame)
    for named in (b"child-birth", bytearray(b"child-birth")):
        pd.testing.assert_frame_equal(catalog.metrics_many(named, frame), expected)
    with pytest.raises(onething.InputError, match=r"unknown bundle 'child-birth\\xFF'"):
        catalog.metrics_many(b"child-birth\xff", frame)
    one = pd.DataFrame({"parents.hukou_local": [True]})
    with pytest.raises(ValueError, match=r"threads must be an integer from 1 to "
                                         r"9223372036854775807, not 0 \(int\)"):
        catalog.metrics_many("child-birth", one, threads=0)
    with pytest.raises(ValueError, match=r"chunk_rows must be .*, not True \(bool\)"):
        catalog.metrics_many("child-birth", one, chunk_rows=True)
    # NumPy integers are integers: the same rows as Python's.
    assert catalog.metrics_many("child-birth", one, threads=np.int64(2),
                                chunk_rows=np.int32(1)).equals(catalog.metrics_many("child-birth",
                                                                                    one))
    duplicated = pd.DataFrame([[True, False]], columns=["parents.hukou_local"] * 2)
    with pytest.raises(ValueError, match="twice"):
        catalog.metrics_many("child-birth", duplicated)
    # Named in the module's words, never by a private helper's signature.
    with pytest.raises(ValueError, match="not valid Unicode text"):
        catalog.metrics_many("child-birth", pd.DataFrame({"\ud800": [True]}))
    with pytest.raises(TypeError, match="thorough must be True or False, not 'yes'"):
        catalog.metrics_many("child-birth", one, thorough="yes")


def test_search_arguments_are_read_alike_by_plan_form_and_metrics_many(catalog):
    """One check for all: NumPy integers and bools where Python's are taken, nothing else."""
    facts = {"parents.hukou_local": True, "mother.maternity_insured": True}
    frame = pd.DataFrame({fact: [value] for fact, value in facts.items()})
    calls = {"plan": lambda **search: catalog.plan("child-birth", facts, **search),
             "form": lambda **search: catalog.form("child-birth", facts, **search),
             "metrics_many": lambda **search: catalog.metrics_many("child-birth", frame, **search)}
    for name, call in calls.items():
        for thorough in (None, 1, "yes"):
            with pytest.raises(TypeError, match=f"thorough must be True or False, not "
                                                f"{thorough!r}"):
                call(thorough=thorough)
        for bound in ("max_search_nodes", "max_search_work"):
            for value, error, message in [
                    (5.0, TypeError, f"{bound} must be an int, not float"),
                    (True, TypeError, f"{bound} must be an int, not bool"),
                    (np.int64(0), ValueError, f"{bound} must be from 1 to 9223372036854775807, "
                                              "not 0"),
                    (np.uint64(2**64 - 1), ValueError, f"{bound} must be from 1 to .*, not "
                                                       "18446744073709551615")]:
                with pytest.raises(error, match=message):
                    call(**{bound: value})
        given = call(thorough=np.bool_(True), max_search_nodes=np.int64(100000),
                     max_search_work=np.uint32(4000000))
        expected = call(thorough=True, max_search_nodes=100000, max_search_work=4000000)
        assert given.equals(expected) if name == "metrics_many" else given == expected, name


def test_counts_beyond_64_bits_are_refused_naming_the_argument(catalog):
    one = pd.DataFrame({"parents.hukou_local": [True]})
    for value in (2**63, 2**64, np.uint64(2**64 - 1)):
        for name in ("threads", "chunk_rows"):
            message = f"{name} must be an integer from 1 to 9223372036854775807, not "
            with pytest.raises(ValueError, match=message + re.escape(repr(value))):
                catalog.metrics_many("child-birth", one, **{name: value})


def test_columns_that_name_no_fact_are_input_errors(catalog):
    """Every mistake about the columns is an onething.InputError (a ValueError), as an unknown
    fact is."""
    frames = [(pd.DataFrame({0: [True]}), "column 0 is not a string"),
              (pd.DataFrame({None: [True]}), "column None is not a string"),
              (pd.DataFrame([[True]], columns=pd.MultiIndex.from_tuples([("a", "\udc80")])),
               r"column \('a', '\\udc80'\) is not a string"),
              (pd.DataFrame({"\ud800": [True]}), r"column '\\ud800' is not valid Unicode"),
              (pd.DataFrame([[True, False]], columns=["parents.hukou_local"] * 2),
               "column 'parents.hukou_local' appears twice")]
    for frame, message in frames:
        with pytest.raises(onething.InputError, match=message) as raised:
            catalog.metrics_many("child-birth", frame)
        assert raised.value.diagnostics[0]["code"] == "invalid-argument"


def test_an_empty_frame(catalog):
    result = catalog.metrics_many("child-birth", pd.DataFrame({"parents.hukou_local": []}))
    assert len(result) == 0
    assert str(result["after_steps"].dtype) == "Int64"


def test_days_are_integers_unless_a_duration_is_fractional(tmp_path):
    """Days are Int64 (missing where a row fails) when every duration of the catalog is whole,
    in every version of it; one fractional duration, even bundled or in a later version, makes
    them float64 (NaN where a row fails)."""
    frame = pd.DataFrame({"f": [True, False, None]})

    def catalog_with(name, extra_items):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "rules.yaml").write_text("""
facts: {f: {type: bool, question: "F?"}}
materials: {m: {name: M, submittable: false}}
items:
  a: {name: A, duration_days: 3, bundled_duration_days: 2}
  b: {name: B, duration_days: 4, when: "f", needs: {items: [a]}}
  c: {name: C, when: "f", needs: {materials: [m]}}
  p: {name: P, when: "!f", produces: {materials: [m]}}
""" + extra_items + """
bundles:
  x: {name: X, goals: [a, b]}
  y: {name: Y, goals: [a, c]}
""", encoding="utf-8")
        return onething.Catalog(folder)

    whole = catalog_with("whole", "")
    days = whole.metrics_many("x", frame, progress=False)
    assert str(days["before_days"].dtype) == "Int64" and str(days["after_days"].dtype) == "Int64"
    # (f unanswered: the plan depends on it, a row error)
    assert days["before_days"].iloc[:2].tolist() == [7, 3] and pd.isna(days["before_days"][2])
    assert days["after_days"].iloc[:2].tolist() == [6, 2] and pd.isna(days["after_days"][2])
    # A row that fails (f: c needs a material that only p, for !f, produces) has its days
    # missing.
    failed = whole.metrics_many("y", frame, progress=False)
    assert str(failed["after_days"].dtype) == "Int64"
    assert pd.isna(failed["after_days"].iloc[0]) and failed["after_days"].iloc[1] == 2
    # The types of an empty result follow the same rule.
    assert str(whole.metrics_many("x", frame.iloc[:0])["after_days"].dtype) == "Int64"
    for name, fractional in (("half", "  d: {name: D, duration_days: 0.5}"),
                             ("bundled", "  d: {name: D, duration_days: 1, "
                                         "bundled_duration_days: 0.5}"),
                             ("later", "  d: {name: D, duration_days: 1.5, "
                                       "valid_from: 2999-01-01}")):
        result = catalog_with(name, fractional).metrics_many("x", frame, progress=False)
        assert result["before_days"].dtype == np.float64, name
        assert result["after_days"].dtype == np.float64, name
        assert result["after_days"].iloc[:2].tolist() == [6.0, 2.0], name
        assert np.isnan(result["after_days"][2]), name


def test_ctrl_c_stops_a_chunk_however_large(catalog):
    """SIGINT during one chunk of 600,000 rows (about 5 s of planning on two threads) raises
    KeyboardInterrupt within a block of rows, not when the chunk ends."""
    rows = 600_000
    frame = pd.DataFrame({"parents.hukou_local": np.ones(rows, bool),
                          "mother.maternity_insured": np.ones(rows, bool)})
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            catalog.metrics_many("child-birth", frame, threads=2, chunk_rows=rows,
                                 progress=False)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 3


def test_dates_and_integers_reach_the_engine(tmp_path):
    (tmp_path / "rules.yaml").write_text("""
facts:
  person.age: {type: int, question: 'Age?'}
  person.birthday: {type: date, question: 'Birthday?'}
items:
  pension:
    name: Pension
    department: social
    duration_days: 10
    when: "person.age >= 60"
  card:
    name: Card
    department: social
    duration_days: 3
    when: "person.birthday < date('2000-01-01')"
bundles:
  retire:
    name: Retire
    goals: [pension, card]
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    frame = pd.DataFrame({
        "person.age": [65.0, 30.0, np.nan, 61.5],  # integers stored as floats, as pandas does
        "person.birthday": pd.to_datetime(["1950-03-01", "2001-05-05", "1990-01-01", None]),
    })
    result = catalog.metrics_many("retire", frame)
    assert result["items"].tolist()[:2] == [2, 0]
    assert "[undecided]" in result["error"][2]
    assert "person.age" in result["error"][3]
    objects = pd.DataFrame({"person.age": [65], "person.birthday": [datetime.date(1950, 3, 1)]})
    assert catalog.metrics_many("retire", objects)["items"].tolist() == [2]
    # An object column holds Python values, read as plan() reads them: 65.0 is no int there.
    floats = pd.DataFrame({"person.age": np.array([65.0, 65], dtype=object),
                           "person.birthday": [datetime.date(1950, 3, 1)] * 2})
    rows = catalog.metrics_many("retire", floats)
    assert "person.age" in rows["error"][0] and rows["items"].tolist()[1] == 2
    with pytest.raises(onething.InputError):
        catalog.plan("retire", {"person.age": 65.0, "person.birthday": "1950-03-01"})
    timed = pd.DataFrame({"person.age": [65],
                          "person.birthday": pd.to_datetime(["1950-03-01 10:30"])})
    assert "not a date and time" in catalog.metrics_many("retire", timed)["error"][0]
    # Unsigned 64-bit integers above 2**63 - 1 are refused row by row, never wrapped.
    huge = pd.DataFrame({"person.age": pd.array([2**64 - 1, 65, None], dtype="UInt64"),
                         "person.birthday": [datetime.date(1950, 3, 1)] * 3})
    rows = catalog.metrics_many("retire", huge)
    assert "person.age" in rows["error"][0] and "out of range" in rows["error"][0]
    assert rows["items"].tolist()[1] == 2
    assert "[undecided]" in rows["error"][2]
    unsigned = pd.DataFrame({"person.age": np.array([2**64 - 1, 65], dtype=np.uint64),
                             "person.birthday": [datetime.date(1950, 3, 1)] * 2})
    assert "out of range" in catalog.metrics_many("retire", unsigned)["error"][0]


def test_reversed_and_sliced_nullable_columns_plan_every_row(tmp_path):
    """pandas hands a nullable column of a reversed or step-sliced frame over as a strided view
    of its array; every row is still planned, as from a fresh frame."""
    (tmp_path / "rules.yaml").write_text("""
facts:
  person.age: {type: int, question: 'Age?'}
  person.income: {type: number, question: 'Income?'}
  person.local: {type: bool, question: 'Local?'}
items:
  pension: {name: Pension, department: social, duration_days: 10, when: "person.age >= 60"}
  aid: {name: Aid, department: social, duration_days: 2, when: "person.income < 1000"}
  card: {name: Card, department: social, duration_days: 3, when: "person.local"}
bundles:
  b: {name: B, goals: [pension, aid, card]}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    frame = pd.DataFrame({
        "person.age": pd.array([65, 30, 70, 20, 61, 59], dtype="Int64"),
        "person.income": pd.array([500.0, 2000.0, 10.0, 999.0, 1000.0, 5.0], dtype="Float64"),
        "person.local": pd.array([True, False, True, True, False, False], dtype="boolean"),
    })
    for view in (frame.iloc[::-1], frame.iloc[::2], frame.iloc[1::3]):
        rows = catalog.metrics_many("b", view)
        fresh = catalog.metrics_many("b", view.copy().reset_index(drop=True))
        assert rows["items"].tolist() == fresh["items"].tolist()
        assert rows.index.tolist() == view.index.tolist()
        assert rows["error"].isna().all()


def test_whole_floats_of_64_bits_are_integers_for_an_int_fact(tmp_path):
    """A float column stores an int fact's values: every whole float within int64 is one."""
    (tmp_path / "rules.yaml").write_text("""
facts:
  big.n: {type: int, question: 'N?'}
items:
  card: {name: Card, department: social, duration_days: 3, when: "big.n > 0"}
bundles:
  b: {name: B, goals: [card]}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    rows = catalog.metrics_many("b", pd.DataFrame({"big.n": [9.1e18, -2.0**63, 2.0**63, 0.5]}))
    assert rows["items"].tolist()[:2] == [1, 0] and rows["error"][:2].isna().all()
    assert "big.n" in rows["error"][2] and "big.n" in rows["error"][3]


def test_progress_is_true_false_or_none(catalog):
    one = pd.DataFrame({"parents.hukou_local": [True]})
    for bad in ("no", 1, print):
        with pytest.raises(TypeError, match="progress must be True, False or None"):
            catalog.metrics_many("child-birth", one, progress=bad)
    assert len(catalog.metrics_many("child-birth", one, progress=np.bool_(False))) == 1


def test_more_threads_than_the_system_gives_still_plans_every_row():
    """A thread that cannot be made leaves its blocks to the others: when the system makes three
    threads and refuses the fourth (EAGAIN, as a process limit does), 1000 threads asked for
    plan every row, as one thread does. The refusal comes from a preloaded library
    (thread_refusal.c) rather than from a bounded address space, which would also starve the
    threads that were made."""
    import os
    import subprocess
    import sys

    refusal = os.environ.get("ONETHING_THREAD_REFUSAL")
    if not refusal:
        pytest.skip("ONETHING_THREAD_REFUSAL is not set (run through ctest)")
    script = f"""
import ctypes, os, numpy as np, pandas as pd, onething
catalog = onething.Catalog({str(SOURCE_DIR / "rules")!r})
rows = 64 * 1000
frame = pd.DataFrame({{"parents.hukou_local": np.arange(rows) % 2 == 0,
                       "mother.maternity_insured": np.arange(rows) % 3 == 0,
                       "child.born_in_city": True}})
os.environ["ONETHING_TEST_THREADS_ALLOWED"] = "3"
many = catalog.metrics_many("child-birth", frame, threads=1000, chunk_rows=rows)
del os.environ["ONETHING_TEST_THREADS_ALLOWED"]
one = catalog.metrics_many("child-birth", frame, threads=1, chunk_rows=rows)
pd.testing.assert_frame_equal(many, one)
print("refused", ctypes.CDLL(None).onething_test_threads_refused())
print("planned", int(many["error"].isna().sum()))
"""
    preload = " ".join(filter(None, [os.environ.get("LD_PRELOAD", ""), refusal]))
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, "LD_PRELOAD": preload},
                          capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["refused", "1", "planned", f"{64 * 1000}"], done.stdout


def test_a_run_without_as_of_reads_today_once(monkeypatch):
    """Every chunk of a run plans on one day, read once when the run starts, even when the run
    goes past midnight; compare() plans both catalogs on it too. examples/reform changes the
    birth bundle on 2019-07-01: a clock that moves to that day after its first reading must not
    move the run."""
    import onething.population

    reform = onething.Catalog([str(SOURCE_DIR / "examples" / "reform")])
    readings = []

    class Clock:
        class date(datetime.date):
            @classmethod
            def today(cls):
                readings.append(None)
                return datetime.date(2019, 6, 30) if len(readings) == 1 else datetime.date(2019, 7, 1)

    frame = pd.DataFrame(index=range(4))
    monkeypatch.setattr(onething._bulk, "datetime", Clock)
    result = reform.metrics_many("birth", frame, threads=1, chunk_rows=1)
    assert len(readings) == 1
    assert result["after_visits"].tolist() == [2] * 4  # the day before the reform, every row
    readings.clear()
    monkeypatch.setattr(onething.population, "datetime", Clock)
    both = onething.population.compare(reform, reform, "birth", frame, threads=1)
    assert len(readings) == 1
    assert both.a["after_visits"].tolist() == both.b["after_visits"].tolist() == [2] * 4

"""onething.population: synthetic applicants and two catalogs compared over them."""
import shutil

import numpy as np
import pandas as pd
import pytest

import onething
from onething import population

from conftest import RULES

SPEC = {"parents.hukou_local": 0.7, "mother.maternity_insured": 0.6,
        "hospital.e_documents": 0.25,
        "household.means_test": {"not_applying": 8, "recognised": 1, "needs_check": 1}}


def test_the_same_seed_gives_the_same_applicants(catalog):
    first = population.applicants(catalog, SPEC, 5000, seed=11)
    assert first.equals(population.applicants(catalog, SPEC, 5000, seed=11))
    assert not first.equals(population.applicants(catalog, SPEC, 5000, seed=12))
    share = first["parents.hukou_local"].mean()
    assert 0.67 < share < 0.73
    means = first["household.means_test"].value_counts(normalize=True)
    assert 0.77 < means["not_applying"] < 0.83
    # A column depends on its fact and the seed only.
    fewer = population.applicants(catalog, {"parents.hukou_local": 0.7}, 5000, seed=11)
    assert fewer["parents.hukou_local"].equals(first["parents.hukou_local"])
    # NumPy numbers are numbers: a float32 probability, an int64 count.
    import numpy as np
    numpy_made = population.applicants(catalog, {"parents.hukou_local": np.float32(0.7)},
                                       np.int64(5000), seed=11)
    assert numpy_made["parents.hukou_local"].equals(first["parents.hukou_local"])


def test_a_distribution_that_is_not_a_dict_of_fact_ids_is_a_type_error(catalog):
    with pytest.raises(TypeError, match="distribution must be a dict"):
        population.applicants(catalog, [("parents.hukou_local", 0.5)], 2)
    with pytest.raises(TypeError, match="every key must be a fact id"):
        population.applicants(catalog, {1: 0.5}, 2)


def test_a_bad_distribution_names_the_fact(catalog):
    with pytest.raises(ValueError, match="parents.hukou_local.*probability"):
        population.applicants(catalog, {"parents.hukou_local": 1.5}, 10)
    with pytest.raises(ValueError, match="household.means_test.*'rich' is not one of"):
        population.applicants(catalog, {"household.means_test": {"rich": 1}}, 10)
    with pytest.raises(ValueError, match="did you mean"):
        population.applicants(catalog, {"parents.hukoo_local": 0.5}, 10)


@pytest.fixture(scope="module")
def proposed(tmp_path_factory):
    """The shipped rules with one item faster and a material made an e-licence."""
    folder = tmp_path_factory.mktemp("proposed") / "rules"
    shutil.copytree(RULES, folder)
    path = folder / "items" / "medical_insurance.yaml"
    text = path.read_text(encoding="utf-8")
    assert "duration_days: 20" in text
    path.write_text(text.replace("duration_days: 20", "duration_days: 12", 1), encoding="utf-8")
    return onething.Catalog(folder)


def test_comparing_two_catalogs(catalog, proposed):
    people = population.applicants(catalog, SPEC, 3000, seed=5)
    result = population.compare(catalog, proposed, "child-birth", people,
                                labels=("current", "proposed"), percentiles=(50, 90))
    summary = result.summary
    assert result.planned == 3000 and result.failed_a == 0 and result.failed_b == 0
    assert list(summary.index)[:2] == ["before_steps", "before_forms"]
    assert {"mean_current", "mean_proposed", "mean_difference", "p50_current",
            "p90_difference"} <= set(summary.columns)
    # Means and differences agree with the rows themselves.
    a = result.a["before_days"].to_numpy()
    b = result.b["before_days"].to_numpy()
    assert summary.loc["before_days", "mean_current"] == pytest.approx(a.mean())
    assert summary.loc["before_days", "mean_difference"] == pytest.approx((b - a).mean())
    assert summary.loc["before_days", "p90_proposed"] == pytest.approx(np.percentile(b, 90))
    # The faster item shortens before-days for whoever needs it, never lengthens them.
    assert summary.loc["before_days", "mean_difference"] < 0
    assert (b - a <= 0).all()
    assert summary.loc["before_steps", "mean_difference"] == 0


def test_a_comparison_plots(catalog, proposed):
    import matplotlib

    matplotlib.use("Agg")
    people = population.applicants(catalog, SPEC, 500, seed=2)
    result = population.compare(catalog, proposed, "child-birth", people)
    figure = result.plot(["before_days", "after_days"])
    assert len([ax for ax in figure.axes if ax.get_visible()]) == 2
    assert figure.axes[0].get_title() == "before_days"
    assert len(figure.axes[0].patches) > 0


def test_ranges_of_numbers_dates_and_strings(tmp_path):
    (tmp_path / "rules.yaml").write_text("""
facts:
  person.age: {type: int, question: 'Age?'}
  person.income: {type: number, question: 'Income?'}
  person.birthday: {type: date, question: 'Birthday?'}
  person.city: {type: string, question: 'City?'}
items:
  pension: {name: Pension, department: social, duration_days: 10,
            when: "person.age >= 60 && person.income < 5000 && person.city == 'north'"}
  card: {name: Card, department: social, duration_days: 3,
         when: "person.birthday < date('2000-01-01')"}
bundles:
  retire: {name: Retire, goals: [pension, card]}
""", encoding="utf-8")
    import datetime

    catalog = onething.Catalog(tmp_path)
    spec = {"person.age": (50, 69), "person.income": (1000, 9000),
            "person.birthday": (datetime.date(1990, 1, 1), datetime.date(2009, 12, 31)),
            "person.city": {"north": 1, "south": 3}}
    people = population.applicants(catalog, spec, 4000, seed=9)
    assert people["person.age"].between(50, 69).all()
    assert people["person.income"].between(1000, 9000).all()
    assert people["person.birthday"].min() >= pd.Timestamp("1990-01-01")
    assert people["person.birthday"].max() <= pd.Timestamp("2009-12-31")
    rows = catalog.metrics_many("retire", people)
    assert rows["error"].isna().all()
    pension = ((people["person.age"] >= 60) & (people["person.income"] < 5000)
               & (people["person.city"] == "north"))
    card = people["person.birthday"] < pd.Timestamp("2000-01-01")
    assert rows["items"].tolist() == (pension.astype(int) + card.astype(int)).tolist()
    # Dates outside what datetime64[ns] holds are drawn as dates, never wrapped into another
    # century; a range of numbers wider than a double holds is still drawn inside it.
    old = population.applicants(catalog, {"person.birthday": (datetime.date(1500, 1, 1),
                                                              datetime.date(1600, 1, 1))}, 50)
    assert all(datetime.date(1500, 1, 1) <= day <= datetime.date(1600, 1, 1)
               for day in old["person.birthday"])
    wide = population.applicants(catalog, {"person.income": (-1e308, 1e308)}, 50, seed=3)
    assert wide["person.income"].between(-1e308, 1e308).all()
    assert wide["person.income"].min() < 0 < wide["person.income"].max()
    with pytest.raises(ValueError, match="person.age.*low above high"):
        population.applicants(catalog, {"person.age": (9, 1)}, 5)
    # Every bad range or weight names the fact and says what it takes.
    for spec, message in [
        ({"person.age": (18.5, 18.9)}, "person.age.*an int takes whole numbers, not 18.5"),
        ({"person.age": 18.5}, "person.age.*whole numbers"),
        ({"person.age": (0, 2**64)}, "person.age.*64-bit integers.*18446744073709551616"),
        ({"person.age": 2**70}, "person.age.*64-bit integers"),
        ({"person.age": ("a", 3)}, "person.age.*finite numbers, not 'a'"),
        ({"person.income": (0, float("inf"))}, "person.income.*finite numbers, not inf"),
        ({"person.income": (float("nan"), 1)}, "person.income.*finite numbers, not nan"),
        ({"person.city": {"north": float("nan")}}, "person.city.*weight of 'north'.*not nan"),
        ({"person.city": {"north": "x"}}, "person.city.*weight of 'north'.*not 'x'"),
        ({"person.city": {"north": 0}}, "person.city.*add up to 0"),
    ]:
        with pytest.raises(ValueError, match=message):
            population.applicants(catalog, spec, 5)
    # The 64-bit ends themselves can be drawn; whole floats are whole numbers.
    extremes = population.applicants(catalog, {"person.age": (2**63 - 2, 2**63 - 1)}, 50)
    assert extremes["person.age"].between(2**63 - 2, 2**63 - 1).all()
    assert population.applicants(catalog, {"person.age": (18.0, 18.0)}, 3)[
        "person.age"].tolist() == [18, 18, 18]


def test_values_that_do_not_fit_the_fact_name_it(tmp_path):
    """Keys of another type than the fact's values, dates and times for a date fact: refused
    naming the fact. NumPy's bool is a fixed value, and weights near the largest double are
    weights."""
    import datetime

    (tmp_path / "rules.yaml").write_text("""
facts:
  person.name: {type: string, question: 'Name?'}
  person.kind: {type: enum, values: [a, b], question: 'Kind?'}
  person.birthday: {type: date, question: 'Birthday?'}
  person.local: {type: bool, question: 'Local?'}
items:
  card: {name: Card, department: social, duration_days: 3, when: "person.local"}
bundles:
  b: {name: B, goals: [card]}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    day, moment = datetime.date(1990, 1, 1), datetime.datetime(1990, 1, 1)
    for spec, message in [
        ({"person.name": {1: 1}}, r"person.name.*weights by text .*, not 1 \(int\)"),
        ({"person.name": {None: 1}}, r"person.name.*weights by text .*, not None"),
        ({"person.name": {"\udc80": 1}}, r"person.name.*weights by text .*, not '\\udc80'"),
        ({"person.kind": {None: 1}}, "person.kind.*'None' is not one of its values"),
        ({"person.birthday": (moment, moment)}, r"person.birthday.*not a date and time"),
        ({"person.birthday": (day, pd.Timestamp(moment))}, "person.birthday.*date and time"),
        ({"person.birthday": moment}, "person.birthday.*not a date and time"),
    ]:
        with pytest.raises(ValueError, match=message):
            population.applicants(catalog, spec, 5)
    fixed = population.applicants(catalog, {"person.local": np.bool_(True)}, 3)
    assert fixed["person.local"].tolist() == [True] * 3
    huge = population.applicants(catalog, {"person.kind": {"a": 1e308, "b": 1e308},
                                           "person.name": {"x": 1e308, "y": 1e308}}, 4000, seed=4)
    for fact, first in (("person.kind", "a"), ("person.name", "x")):
        assert 0.45 < (huge[fact] == first).mean() < 0.55, fact


def test_integers_of_any_size_are_read_exactly(tmp_path):
    """NumPy integers past 2**53 as ends of an int range, and Python integers past a double as
    weights (by their ratios) or ends (refused naming the fact), never a float's rounding nor an
    OverflowError."""
    (tmp_path / "rules.yaml").write_text("""
facts:
  p.n: {type: int, question: 'N?'}
  p.x: {type: number, question: 'X?'}
  p.kind: {type: enum, values: [a, b], question: 'Kind?'}
items:
  card: {name: Card, department: social, duration_days: 3, when: "p.n > 0"}
bundles:
  b: {name: B, goals: [card]}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    exact = np.int64(2**53 + 1)
    drawn = population.applicants(catalog, {"p.n": (exact, exact)}, 3)
    assert drawn["p.n"].tolist() == [2**53 + 1] * 3
    assert population.applicants(catalog, {"p.n": np.int64(2**62 + 1)}, 2)["p.n"].tolist() == \
        [2**62 + 1] * 2
    even = population.applicants(catalog, {"p.kind": {"a": 10**400, "b": 10**400}}, 4000, seed=2)
    assert 0.45 < (even["p.kind"] == "a").mean() < 0.55
    only = population.applicants(catalog, {"p.kind": {"a": 10**400, "b": 1}}, 50)
    assert (only["p.kind"] == "a").all()
    # A float weight beside an int one past a double: exact ratios, no OverflowError.
    mixed = population.applicants(catalog, {"p.kind": {"a": 10**400, "b": 0.5}}, 50)
    assert (mixed["p.kind"] == "a").all()
    for spec, message in [({"p.n": np.uint64(2**63 + 5)}, "p.n.*64-bit integers"),
                          ({"p.n": (0, 10**400)}, "p.n.*64-bit integers"),
                          ({"p.x": (0, 10**400)}, r"p.x.*a double holds at most"),
                          ({"p.x": 10**400}, r"p.x.*a double holds at most")]:
        with pytest.raises(ValueError, match=message):
            population.applicants(catalog, spec, 3)


def test_applicants_take_paths_as_compare_does():
    drawn = population.applicants(RULES, {"parents.hukou_local": 1.0}, 3)
    assert drawn["parents.hukou_local"].tolist() == [True] * 3


def test_percentiles_and_labels_are_checked_and_named_exactly(catalog):
    people = population.applicants(catalog, {"parents.hukou_local": 1.0,
                                             "mother.maternity_insured": 1.0}, 20)
    exact = population.compare(catalog, catalog, "child-birth", people,
                               percentiles=(50, 99.5, 99.999991))
    assert [c for c in exact.summary.columns if c.endswith("_a")][1:] == \
        ["p50_a", "p99.5_a", "p99.999991_a"]
    for percentiles, error, message in [
            ((5, 5.0), ValueError, r"percentiles 5 and 5.0 are one percentile \('p5'\)"),
            (("50",), TypeError, r"percentiles must be numbers from 0 to 100, not '50' \(str\)"),
            (50, TypeError, "percentiles must be a list of numbers"),
            ((101,), ValueError, "percentile 101 is not from 0 to 100")]:
        with pytest.raises(error, match=message):
            population.compare(catalog, catalog, "child-birth", people, percentiles=percentiles)
    for labels in (None, ("a",), ("a", 1)):
        with pytest.raises(TypeError, match="labels must be two names"):
            population.compare(catalog, catalog, "child-birth", people, labels=labels)


def test_the_seed_is_a_whole_number_named_when_it_is_not(catalog):
    for bad in (None, -1, "a", True, 1.5, 2**63):
        with pytest.raises(ValueError, match="seed must be an integer from 0 to"):
            population.applicants(catalog, {"parents.hukou_local": 0.5}, 3, seed=bad)
    assert len(population.applicants(catalog, {"parents.hukou_local": 0.5}, 3,
                                     seed=np.int64(7))) == 3


def test_facts_whose_ids_share_a_checksum_get_their_own_draws(tmp_path):
    """Each column is seeded by the whole id: two ids of the same CRC-32 draw apart."""
    import zlib

    first, second = "q.uejgtcuo", "q.iiwucoup"
    assert zlib.crc32(first.encode()) == zlib.crc32(second.encode())
    (tmp_path / "rules.yaml").write_text(f"""
facts:
  {first}: {{type: bool, question: 'First?'}}
  {second}: {{type: bool, question: 'Second?'}}
items:
  card: {{name: Card, department: social, duration_days: 3, when: "{first}"}}
bundles:
  b: {{name: B, goals: [card]}}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    people = population.applicants(catalog, {first: 0.5, second: 0.5}, 1000, seed=1)
    assert (people[first] != people[second]).sum() > 300

"""Synthetic populations of applicants and the comparison of two catalogs over one population.

    spec = {"parents.hukou_local": 0.7,                      # a boolean: P(true)
            "household.means_test": {"not_applying": 8, "recognised": 1, "needs_check": 1},
            "person.age": (18, 65)}                           # a number: a uniform range
    people = population.applicants(current, spec, 100_000, seed=1)
    result = population.compare(current, proposed, "child-birth", people)
    result.summary                                            # mean, percentiles, differences
    result.plot()                                             # matplotlib figure
"""
import datetime
import fractions
import math

import numpy as np

from . import _bulk

#: Percentiles compare() reports by default.
DEFAULT_PERCENTILES = (5, 25, 50, 75, 95)
#: The figures compare() summarises, in order.
FIGURES = [f"before_{m}" for m in _bulk.METRICS] + [f"after_{m}" for m in _bulk.METRICS] + ["items"]


def _generator(seed, fact):
    """The random generator of one fact's column: depends on the seed and the fact only, so a
    column does not change when others are added to the distribution. Its entropy is the whole
    id, its UTF-8 bytes' count then the bytes as 32-bit words, and then the seed: two ids, or two
    seeds, never give the same entropy."""
    data = fact.encode("utf-8")
    words = np.frombuffer(data + bytes(-len(data) % 4), dtype="<u4")
    return np.random.default_rng(np.random.SeedSequence([len(data), *words.tolist(), seed]))


#: The days a datetime64[ns] column holds whole (pandas.Timestamp.min and .max, to the day).
_NS_FIRST_DAY = datetime.date(1677, 9, 22)
_NS_LAST_DAY = datetime.date(2262, 4, 11)

#: The range of an int fact's values (64-bit integers).
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def _is_number(value):
    """True for an int or float (NumPy's included), not a bool."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))


def _weight(where, value, weight):
    """A weight of `value`: a finite number >= 0 (an integer kept exact, however large), else a
    ValueError naming the fact."""
    if _is_number(weight) and isinstance(weight, (int, np.integer)):
        weight = int(weight)
        if weight >= 0:
            return weight
    elif _is_number(weight) and math.isfinite(weight) and weight >= 0:
        return float(weight)
    raise ValueError(f"{where}: the weight of '{value}' must be a finite number >= 0, not "
                     f"{weight!r}")


def _probabilities(where, weights):
    """Weights (from _weight) as probabilities: each divided by the largest first (exactly for
    integers, however large), so that weights near the largest double still add up; a ValueError
    naming the fact when they add up to 0."""
    largest = max(weights)
    if largest <= 0:
        raise ValueError(f"{where}: the weights add up to 0")
    # As exact fractions: an int weight past a double (10**400) beside a float one would
    # overflow in a division of the two.
    scaled = np.array([float(fractions.Fraction(weight) / fractions.Fraction(largest))
                       for weight in weights], dtype=np.float64)
    return scaled / scaled.sum()


def _bound(where, kind, value):
    """An end of a range, or a fixed value, of an int or number fact: a finite number, for an
    int a whole one of 64 bits (NumPy's integers and Python's of any size read exactly); a
    ValueError naming the fact otherwise."""
    article = "an" if kind == "int" else "a"
    if not _is_number(value):
        raise ValueError(f"{where}: {article} {kind} takes finite numbers, not {value!r}")
    if isinstance(value, (int, np.integer)):
        whole = int(value)
    elif not math.isfinite(value):
        raise ValueError(f"{where}: {article} {kind} takes finite numbers, not {value!r}")
    elif kind == "int" and not float(value).is_integer():
        raise ValueError(f"{where}: an int takes whole numbers, not {value!r}")
    else:
        whole = int(value) if kind == "int" else None
    if kind != "int":
        try:
            return float(value)
        except OverflowError:
            raise ValueError(f"{where}: a number takes finite numbers (a double holds at most "
                             f"about 1.8e308), not {value!r}") from None
    if not _INT_MIN <= whole <= _INT_MAX:
        raise ValueError(f"{where}: an int takes 64-bit integers, from {_INT_MIN} to {_INT_MAX}, "
                         f"not {value!r}")
    return whole


def _is_unicode(text):
    """True for a str without a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _day(where, value):
    """A datetime.date of a date fact's distribution; a datetime.datetime (pandas.Timestamp too)
    is a ValueError naming the fact."""
    if isinstance(value, datetime.datetime):
        raise ValueError(f"{where}: a date takes days (datetime.date), not a date and time "
                         f"({type(value).__name__}): give its .date()")
    return value


def _column(fact, declared, spec, count, seed):
    """The values of one fact for `count` applicants, drawn as `spec` says."""
    import pandas as pd

    kind = declared["type"]
    rng = _generator(seed, fact)
    where = f"fact '{fact}'"
    if spec is None:
        return pd.Series([None] * count, dtype=object)
    if kind == "bool":
        if isinstance(spec, (bool, np.bool_)):
            return np.full(count, bool(spec))
        if not _is_number(spec) or not 0 <= spec <= 1:
            raise ValueError(f"{where}: a boolean takes a probability of true from 0 to 1 "
                             f"(or True, False, None), not {spec!r}")
        return rng.random(count) < spec
    if kind == "enum":
        values = declared["values"]
        if isinstance(spec, str):
            spec = {spec: 1}
        if not isinstance(spec, dict) or not spec:
            raise ValueError(f"{where}: an enum takes weights by value, e.g. "
                             f"{{{values[0]!r}: 1}}, not {spec!r}")
        weights = [0] * len(values)
        for value, weight in spec.items():
            if value not in values:
                raise ValueError(f"{where}: '{value}' is not one of its values {values}")
            weights[values.index(value)] = _weight(where, value, weight)
        codes = rng.choice(len(values), size=count, p=_probabilities(where, weights))
        return pd.Categorical.from_codes(codes, categories=values)
    if kind in ("int", "number", "date"):
        if not isinstance(spec, (tuple, list)) or len(spec) != 2:
            if kind == "date" and isinstance(spec, datetime.date):
                return pd.Series([_day(where, spec)] * count, dtype=object)
            if kind != "date" and _is_number(spec):
                value = _bound(where, kind, spec)
                return np.full(count, value, dtype=np.int64 if kind == "int" else np.float64)
            raise ValueError(f"{where}: a {kind} takes a range (low, high), not {spec!r}")
        low, high = spec
        if kind == "date":
            if not all(isinstance(v, datetime.date) for v in spec):
                raise ValueError(f"{where}: a date range is (low, high) of datetime.date, low "
                                 "first")
            low, high = _day(where, low), _day(where, high)
            if low > high:
                raise ValueError(f"{where}: a date range is (low, high) of datetime.date, low "
                                 "first")
            days = rng.integers(low.toordinal(), high.toordinal() + 1, size=count)
            if _NS_FIRST_DAY <= low and high <= _NS_LAST_DAY:
                epoch = datetime.date(1970, 1, 1).toordinal()
                return (days - epoch).astype("datetime64[D]").astype("datetime64[ns]")
            # Outside what datetime64[ns] holds (1677-09-22 to 2262-04-11) the days would wrap
            # into another century: dates as objects instead.
            return pd.Series([datetime.date.fromordinal(int(day)) for day in days], dtype=object)
        low, high = _bound(where, kind, low), _bound(where, kind, high)
        if low > high:
            raise ValueError(f"{where}: the range ({low}, {high}) has low above high")
        if kind == "int":
            if high == _INT_MAX:  # high + 1 would not fit: the generator includes high itself
                return rng.integers(low, high, size=count, dtype=np.int64, endpoint=True)
            return rng.integers(low, high + 1, size=count, dtype=np.int64)
        if math.isinf(high - low):
            # Wider than a double holds (-1e308, 1e308): drawn on the halves and doubled, which
            # is exact, so the values still lie uniformly between low and high.
            return 2 * rng.uniform(low / 2, high / 2, size=count)
        return rng.uniform(low, high, size=count)
    if kind == "string":
        if isinstance(spec, str):
            spec = {spec: 1}
        if not isinstance(spec, dict) or not spec:
            raise ValueError(f"{where}: a string takes weights by value, not {spec!r}")
        values = list(spec)
        for value in values:
            if not isinstance(value, str) or not _is_unicode(value):
                raise ValueError(f"{where}: a string takes weights by text (a str of valid "
                                 f"Unicode), not {value!r} ({type(value).__name__})")
        weights = [_weight(where, value, spec[value]) for value in values]
        codes = rng.choice(len(values), size=count, p=_probabilities(where, weights))
        return pd.Categorical.from_codes(codes, categories=values)
    raise ValueError(f"{where}: facts of type {kind} cannot be drawn")


def applicants(catalog, distribution, count, seed=0):
    """A DataFrame of `count` synthetic applicants, one column per fact of `distribution`
    (fact id -> how it is drawn: a probability of true for a boolean, weights by value for an
    enum or string, a range (low, high) for an int, number or date, a fixed value, or None for
    unanswered). The same seed (an integer from 0 to 2**63 - 1) gives the same applicants. Facts
    left out stay unanswered. `catalog` is a Catalog, or the paths to load one from."""
    import pandas as pd

    from . import Catalog

    catalog = catalog if isinstance(catalog, Catalog) else Catalog(catalog)
    count = _bulk.whole_number("count", count, 0)
    seed = _bulk.whole_number("seed", seed, 0)
    if not isinstance(distribution, dict):
        raise TypeError("distribution must be a dict (fact id -> how it is drawn), not "
                        f"{type(distribution).__name__}")
    declared = catalog.facts
    columns = {}
    for fact in distribution:
        if not isinstance(fact, str):
            raise TypeError(f"distribution: every key must be a fact id (a str), not {fact!r}")
    for fact in sorted(distribution):
        if fact not in declared:
            catalog._check_fact(fact)  # raises InputError with a suggestion
        columns[fact] = _column(fact, declared[fact], distribution[fact], count, seed)
    return pd.DataFrame(columns, index=pd.RangeIndex(count))


def percentile_label(p):
    """The summary's name of percentile `p`: "p90", "p99.5"; as many digits as tell it from
    every other double ("p99.999991", never rounded to "p100")."""
    short = f"{p:g}"
    return "p" + (short if float(short) == float(p) else repr(float(p)))


class Comparison:
    """Two catalogs' figures over one population: `a` and `b` (the frames of metrics_many),
    `summary` (per figure: mean and percentiles of each and of the difference b - a, over the
    applicants both could plan), `planned`, `failed_a`, `failed_b` (counts of applicants)."""

    def __init__(self, a, b, labels, percentiles):
        self.a = a
        self.b = b
        self.labels = tuple(labels)
        self.percentiles = tuple(percentiles)
        both = a["error"].isna().to_numpy() & b["error"].isna().to_numpy()
        self.planned = int(both.sum())
        self.failed_a = int(a["error"].notna().sum())
        self.failed_b = int(b["error"].notna().sum())
        self.summary = self._summarise(both)

    def _summarise(self, both):
        """The summary frame: one row per figure."""
        import pandas as pd

        first, second = self.labels
        rows = {}
        for figure in FIGURES:
            x = self.a[figure].to_numpy(dtype=np.float64, na_value=np.nan)[both]
            y = self.b[figure].to_numpy(dtype=np.float64, na_value=np.nan)[both]
            row = {}
            for name, values in ((first, x), (second, y), ("difference", y - x)):
                row[f"mean_{name}"] = values.mean() if len(values) else np.nan
            for p in self.percentiles:
                label = percentile_label(p)
                for name, values in ((first, x), (second, y), ("difference", y - x)):
                    row[f"{label}_{name}"] = np.percentile(values, p) if len(values) else np.nan
            rows[figure] = row
        return pd.DataFrame.from_dict(rows, orient="index")

    def plot(self, figures=None, bins=30):
        """A matplotlib Figure: per figure (default: the six after-metrics) the distributions of
        the two catalogs over the applicants both could plan, overlaid."""
        import matplotlib.pyplot as plt

        figures = list(figures or [f"after_{m}" for m in _bulk.METRICS])
        both = self.a["error"].isna().to_numpy() & self.b["error"].isna().to_numpy()
        columns = min(3, len(figures))
        rows = (len(figures) + columns - 1) // columns
        figure, axes = plt.subplots(rows, columns, figsize=(4.5 * columns, 3.2 * rows),
                                    squeeze=False)
        for ax, name in zip(axes.flat, figures):
            x = self.a[name].to_numpy(dtype=np.float64, na_value=np.nan)[both]
            y = self.b[name].to_numpy(dtype=np.float64, na_value=np.nan)[both]
            values = np.concatenate([x, y])
            low, high = (values.min(), values.max()) if len(values) else (0, 1)
            edges = np.histogram_bin_edges(values, bins=min(bins, int(high - low) + 1),
                                           range=(low - 0.5, high + 0.5))
            ax.hist(x, bins=edges, alpha=0.55, label=self.labels[0])
            ax.hist(y, bins=edges, alpha=0.55, label=self.labels[1])
            ax.set_title(name)
            ax.set_ylabel("applicants")
            ax.legend()
        for ax in list(axes.flat)[len(figures):]:
            ax.set_visible(False)
        figure.tight_layout()
        return figure

    def __repr__(self):
        return (f"<Comparison {self.labels[0]} vs {self.labels[1]}: {self.planned} applicants "
                f"planned by both, {self.failed_a} and {self.failed_b} failed>")


def compare(catalog_a, catalog_b, bundle, population, threads=None, labels=("a", "b"),
            percentiles=DEFAULT_PERCENTILES, progress=None, as_of=None):
    """Plans `bundle` for every applicant of `population` (a facts frame) with both catalogs
    (Catalog objects or paths), both as of `as_of` (a date or "YYYY-MM-DD"; default today, read
    once for both), and returns their Comparison."""

    from . import Catalog

    catalog_a = catalog_a if isinstance(catalog_a, Catalog) else Catalog(catalog_a)
    catalog_b = catalog_b if isinstance(catalog_b, Catalog) else Catalog(catalog_b)
    if (not isinstance(labels, (tuple, list)) or len(labels) != 2
            or not all(isinstance(label, str) for label in labels)):
        raise TypeError(f"labels must be two names (str), not {labels!r}")
    if labels[0] == labels[1] or "difference" in labels:
        raise ValueError("labels must be two different names, neither 'difference'")
    if isinstance(percentiles, (str, bytes)) or not hasattr(percentiles, "__iter__"):
        raise TypeError(f"percentiles must be a list of numbers from 0 to 100, not "
                        f"{percentiles!r}")
    named = {}
    for p in percentiles:
        if not _is_number(p):
            raise TypeError(f"percentiles must be numbers from 0 to 100, not {p!r} "
                            f"({type(p).__name__})")
        if not 0 <= p <= 100:
            raise ValueError(f"percentile {p} is not from 0 to 100")
        label = percentile_label(p)
        if label in named:
            raise ValueError(f"percentiles {named[label]!r} and {p!r} are one percentile "
                             f"('{label}'); give each once")
        named[label] = p
    if as_of is None:
        as_of = datetime.date.today()
    a = catalog_a.metrics_many(bundle, population, threads=threads, progress=progress,
                               as_of=as_of)
    b = catalog_b.metrics_many(bundle, population, threads=threads, progress=progress,
                               as_of=as_of)
    return Comparison(a, b, labels, percentiles)

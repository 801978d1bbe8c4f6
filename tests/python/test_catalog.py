"""onething.Catalog: the documents of the command line, as dicts, and the errors."""
import datetime
import json
import pathlib
import re
import shlex
import shutil
import subprocess

import pytest

import onething

from conftest import RULES, SOURCE_DIR

CASES = SOURCE_DIR / "tests" / "golden" / "cases.txt"


def json_cases():
    """The golden cases of plan, guide, form and dispatch that print JSON, as (name, words)."""
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, command = line.split(":", 1)
        words = shlex.split(command)
        json_format = "--format" in words and words[words.index("--format") + 1] == "json"
        # form and dispatch print JSON by default, plan and guide text.
        if (words[0] in ("form", "dispatch") and ("--format" not in words or json_format)) or (
                words[0] in ("plan", "guide") and json_format):
            cases.append(pytest.param(words, id=name))
    return cases


def typed(text):
    """A --fact value as the Python value a caller would give."""
    return {"true": True, "false": False}.get(text, text)


def call_of(words):
    """The method, bundle and keyword arguments of a command line."""
    options = {"facts": {}}
    paths = []
    overlays = []
    i = 1  # after the operation
    while i < len(words):
        option, value = words[i], words[i + 1] if i + 1 < len(words) else None
        if not option.startswith("--"):
            paths.append(str(SOURCE_DIR / option))
            i += 1
            continue
        if option == "--bundle":
            options["bundle"] = value
        elif option == "--fact":
            fact, text = value.split("=", 1)
            options["facts"][fact] = typed(text)
        elif option == "--lang":
            options["lang"] = value
        elif option == "--answers":
            options["answers"] = (SOURCE_DIR / value).read_text(encoding="utf-8")
        elif option == "--by":
            options["by"] = value
        elif option == "--overlay":
            overlays.append(str(SOURCE_DIR / value))
        elif option == "--as-of":
            options["as_of"] = value
        elif option != "--format":
            raise AssertionError(f"unexpected option {option}")
        i += 2
    return words[0], (tuple(paths), tuple(overlays)), options


_catalogs = {}


def catalog_of(key):
    """The catalog of these paths and overlays, loaded once."""
    if key not in _catalogs:
        paths, overlays = key
        _catalogs[key] = onething.Catalog(list(paths), overlays=list(overlays))
    return _catalogs[key]


@pytest.mark.parametrize("words", json_cases())
def test_the_document_of_the_command_line(cli, words):
    method, paths, options = call_of(words)
    catalog = catalog_of(paths)
    ran = subprocess.run([cli, *words], cwd=SOURCE_DIR, capture_output=True, check=False)
    bundle = options.pop("bundle")
    facts = options.pop("facts")
    if ran.returncode != 0:
        with pytest.raises(onething.Error):
            getattr(catalog, method)(bundle, facts, **options)
        return
    expected = json.loads(ran.stdout)
    assert getattr(catalog, method)(bundle, facts, **options) == expected


def test_the_cases_cover_every_operation():
    methods = {param.values[0][0] for param in json_cases()}
    assert methods == {"plan", "guide", "form", "dispatch"}
    assert any("--overlay" in param.values[0] for param in json_cases())


def test_overlays_apply_in_order_and_errors_are_located_in_them(cli, tmp_path):
    overlays = SOURCE_DIR / "tests" / "data" / "overlay"
    first, second = str(overlays / "first.yaml"), str(overlays / "second.yaml")
    facts = {"household.means_test": "needs_check"}
    in_order = onething.Catalog([str(RULES)], overlays=[first, second])
    assert in_order.overlays == [first, second]
    assert "overlays=" in repr(in_order)
    assert in_order.plan("means-test-only", facts, lang="en")["name"] == \
        "Means test only (second overlay)"
    reversed_order = onething.Catalog(RULES, overlays=[second, first])
    assert reversed_order.plan("means-test-only", facts, lang="en")["name"] == \
        "Means test only (first overlay)"
    assert onething.Catalog(RULES, overlays=[]).overlays == []
    bad = str(overlays / "bad.yaml")
    with pytest.raises(onething.RulesError) as raised:
        onething.Catalog([str(RULES)], overlays=bad)
    assert {(d["file"], d["line"], d["column"]) for d in raised.value.diagnostics} >= {
        (bad, 4, 5), (bad, 7, 19)}
    snapshot = tmp_path / "rules.snapshot"
    subprocess.run([cli, "compile", str(RULES), "-o", str(snapshot)], check=True,
                   capture_output=True)
    with pytest.raises(onething.RulesError, match="compiled snapshot"):
        onething.Catalog([snapshot], overlays=[first])
    with pytest.raises(onething.IoError):
        onething.Catalog([str(RULES)], overlays=[str(tmp_path / "missing.yaml")])


def test_search_bounds_reach_the_plan(catalog, cli):
    facts = {"parents.hukou_local": True, "mother.maternity_insured": True}
    ran = subprocess.run([cli, "plan", str(RULES), "--bundle", "child-birth", "--fact",
                          "parents.hukou_local=true", "--fact", "mother.maternity_insured=true",
                          "--format", "json", "--thorough"], capture_output=True, check=True)
    assert catalog.plan("child-birth", facts, thorough=True) == json.loads(ran.stdout)
    with pytest.raises(ValueError, match="max_search_nodes"):
        catalog.plan("child-birth", facts, max_search_nodes=0)


def test_a_bad_fact_is_a_value_error_naming_it(catalog):
    with pytest.raises(ValueError, match="parents.hukou_local") as raised:
        catalog.plan("child-birth", {"parents.hukou_local": 3, "mother.maternity_insured": True})
    assert isinstance(raised.value, onething.InputError)
    assert raised.value.diagnostics[0]["code"] == "invalid-fact"
    with pytest.raises(ValueError, match="did you mean 'parents.hukou_local'"):
        catalog.plan("child-birth", {"parents.hukoo_local": True})
    with pytest.raises(ValueError, match="mother.maternity_insured.*Python type object"):
        catalog.plan("child-birth", {"mother.maternity_insured": object()})
    with pytest.raises(ValueError, match="must be a string"):
        catalog.plan("child-birth", {1: True})
    with pytest.raises(onething.InputError, match="string of valid Unicode"):
        catalog.plan("child-birth", {"\udc80": True})
    with pytest.raises(onething.InputError, match="must be a mapping.*not list"):
        catalog.plan("child-birth", [1, 2])
    with pytest.raises(ValueError, match="max_search_nodes must be from 1 to"):
        catalog.plan("child-birth", {}, max_search_nodes=2**63)


def test_facts_are_a_mapping_not_a_list_of_pairs(catalog):
    import types

    import pandas as pd

    facts = {"parents.hukou_local": True, "mother.maternity_insured": True}
    refused = r"facts must be a mapping .*\(a dict\), not (list|tuple)"
    for pairs in (list(facts.items()), tuple(facts.items()), [("parents.", True)]):
        with pytest.raises(onething.InputError, match=refused) as raised:
            catalog.plan("child-birth", pairs)
        assert raised.value.diagnostics[0]["code"] == "invalid-facts"
    # Mappings that are not dicts are read as dict() reads them.
    expected = catalog.plan("child-birth", facts)
    assert catalog.plan("child-birth", types.MappingProxyType(facts)) == expected
    assert catalog.plan("child-birth", pd.Series(facts, dtype=object)) == expected


def test_a_fact_id_whose_repr_raises_is_named_by_its_type(catalog):
    class Key:
        def __repr__(self):
            raise RuntimeError("no repr")

    # Named by its type: the key's repr cannot be had.
    with pytest.raises(onething.InputError, match=r"must be a string.*Key \(<.*Key object>\)"):
        catalog.plan("child-birth", {Key(): True})


def test_numpy_values_whose_item_gives_no_python_value_are_refused(catalog):
    """item() is followed a few times, never forever: NumPy scalars whose item() give each
    other (without the bound, the conversion recursed until the stack ran out)."""
    import numpy as np
    import pandas as pd

    class High(np.int32):
        def item(self):
            return Low(1)

    class Low(np.int32):
        def item(self):
            return High(1)

    class Ping:  # not a NumPy scalar at all: refused by its type
        def item(self):
            return Ping()

    for value, says in ((High(1), r"unsupported value of NumPy type \S*High\b"),
                        (Ping(), r"unsupported value of Python type \S*Ping\b")):
        with pytest.raises(onething.InputError, match=f"parents.hukou_local': {says}"):
            catalog.plan("child-birth", {"parents.hukou_local": value})
        frame = pd.DataFrame({"parents.hukou_local": np.array([value, True], dtype=object),
                              "mother.maternity_insured": [True, True]})
        errors = catalog.metrics_many("child-birth", frame)["error"]
        assert re.search(says, errors[0]) and errors[1] is None


class Loud(int):
    """An int whose text cannot be had."""

    def __str__(self):
        raise RuntimeError("no str")

    __repr__ = __str__


class Clock(datetime.datetime):
    """A date and time whose time of day cannot be had."""

    def time(self):
        raise RuntimeError("no time")


def unreadable_values():
    """Values whose reading fails inside their own methods, and what the error says of each."""
    import numpy as np

    return [(np.array([1, 2]), r"a NumPy array of shape \(2,\) is no fact value"),
            (Loud(10**30), "integer 1000000000000000000000000000000 is out of range"),
            (10**5000, r"an integer of 16610 bits is out of range"),
            (Clock(2020, 1, 1), r"value of type Clock could not be read \(RuntimeError: no time")]


def test_a_value_that_cannot_be_read_is_an_input_error_naming_the_fact(catalog):
    import numpy as np

    for value, message in unreadable_values():
        with pytest.raises(onething.InputError, match="parents.hukou_local.*" + message) as raised:
            catalog.plan("child-birth", {"parents.hukou_local": value})
        assert raised.value.diagnostics[0]["code"] == "invalid-fact"
    # An array of no dimension is the value it holds.
    facts = {"parents.hukou_local": True, "mother.maternity_insured": True}
    assert catalog.plan("child-birth", {**facts, "parents.hukou_local": np.array(True)}) == \
        catalog.plan("child-birth", facts)


def test_fact_values_read_as_a_facts_file_reads_them(tmp_path):
    """NumPy and pandas dates, control characters: what a facts file refuses is refused."""
    import datetime

    import numpy as np
    import pandas as pd

    (tmp_path / "rules.yaml").write_text("""
facts:
  person.age: {type: int, question: 'Age?'}
  person.birthday: {type: date, question: 'Birthday?'}
  person.name: {type: string, question: 'Name?'}
items:
  card: {name: Card, department: social, duration_days: 3,
         when: "person.birthday < date('2000-01-01') && person.age > 0 && person.name != ''"}
bundles:
  b: {name: B, goals: [card]}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)

    def items(**facts):
        given = {"person.age": 30, "person.birthday": "1990-05-01", "person.name": "Li"}
        given.update({key.replace("_", "."): value for key, value in facts.items()})
        return len(catalog.plan("b", given)["items"])

    for day in (np.datetime64("1990-05-01", "ns"), np.datetime64("1990-05-01"),
                pd.Timestamp("1990-05-01"), datetime.datetime(1990, 5, 1)):
        assert items(person_birthday=day) == 1
    for day, message in [(np.datetime64("1990-05-01T10:00", "ns"), "not a date and time"),
                         (pd.Timestamp("1990-05-01 10:00"), "not a date and time"),
                         (datetime.datetime(1990, 5, 1, tzinfo=datetime.timezone.utc),
                          "not a date and time")]:
        with pytest.raises(onething.InputError, match="person.birthday.*" + message):
            items(person_birthday=day)
    with pytest.raises(onething.InputError, match="person.age"):
        items(person_age=np.datetime64("1990-05-01", "ns"))  # no longer nanoseconds as an int
    with pytest.raises(onething.InputError, match="person.age.*timedelta64"):
        items(person_age=np.timedelta64(30, "ns"))
    with pytest.raises(onething.PlanError, match="undecided"):
        items(person_birthday=np.datetime64("NaT"))
    with pytest.raises(onething.InputError, match="person.name.*control character U\\+0000"):
        items(person_name="a\0b")
    assert items(person_name="a\tb") == 1
    # Days beyond the years a date is written in (0000 to 9999) are refused naming the value:
    # before, the year was cut to 32 bits and 4294969297-02-03 planned as 2001-02-03.
    for day in (np.datetime64("4294969297-02-03"), np.datetime64("-4294965296-02-03"),
                np.datetime64(2**62, "D"), np.datetime64("10000-01-01")):
        with pytest.raises(onething.InputError,
                           match=r"person.birthday.*years 0000 to 9999.*numpy.datetime64"):
            items(person_birthday=day)
    for day in (np.datetime64("0000-01-01"), np.datetime64("9999-12-31")):
        assert items(person_birthday=day) in (0, 1)
    # In a frame's column of objects: the row's error.
    frame = pd.DataFrame({
        "person.age": [30, 30, 30], "person.name": ["Li"] * 3,
        "person.birthday": pd.Series([np.datetime64("1990-05-01"),
                                      np.datetime64("4294969297-02-03"), np.datetime64("NaT")],
                                     dtype=object)})
    result = catalog.metrics_many("b", frame)
    assert result["items"].tolist()[0] == 1 and result["error"][0] is None
    assert "years 0000 to 9999" in result["error"][1]
    assert "undecided" in result["error"][2]
    # A column of days beyond them (pandas 2 keeps datetime64 of days or seconds; pandas 1.5
    # converts to nanoseconds, which cannot hold them) goes as NumPy's own scalars, refused
    # row by row naming the value, rather than as days.
    from onething import _bulk

    class DayColumn:
        dtype = np.dtype("datetime64[D]")

        def to_numpy(self):
            return np.array(["1990-05-01", "4294969297-02-03", "NaT"], dtype="datetime64[D]")

    kind, values, mask, _ = _bulk.column_of(DayColumn())
    assert kind == "object" and mask is None
    assert [type(value).__name__ for value in values] == ["datetime64"] * 3


def test_answers_json_cannot_hold_are_input_errors_naming_them(catalog):
    import datetime
    import math

    facts = {"parents.hukou_local": True, "mother.maternity_insured": True,
             "child.born_in_city": True}
    for answers, message in [({"child.name": math.nan}, "answers: ValueError: Out of range"),
                             ({"child.name": datetime.date(2020, 1, 1)}, "answers: TypeError"),
                             ({"child.name": "\udc80"}, "answers: a text is not valid Unicode"),
                             ("\udc80", "answers: the text is not valid Unicode")]:
        with pytest.raises(onething.InputError, match=message) as raised:
            catalog.dispatch("child-birth", facts, answers)
        assert raised.value.diagnostics[0]["code"] == "invalid-argument"
    with pytest.raises(onething.InputError, match="shared: ValueError"):
        catalog.dispatch("child-birth", facts, {}, shared={"x": math.inf})
    # None is no form at all, as the C API's NULL answers_json.
    with pytest.raises(onething.InputError, match="answers: none given") as raised:
        catalog.dispatch("child-birth", facts, None)
    assert raised.value.diagnostics[0]["code"] == "invalid-argument"


def test_numpy_scalars_in_answers_are_their_python_values(catalog):
    """As facts take them: numpy.int64 as an int, numpy.bool_ as a bool, numpy.longdouble as a
    double; a NumPy date is refused as a date is (answers write dates as text)."""
    import numpy as np

    facts = {"parents.hukou_local": True, "mother.maternity_insured": True,
             "child.born_in_city": True}
    def checked(answers):
        """What dispatch says of the answers: the same JSON text gives the same words."""
        with pytest.raises(onething.InputError) as raised:
            catalog.dispatch("child-birth", facts, answers)
        return str(raised.value)

    plain = checked({"child.name": "李明", "n": 1, "b": True, "x": 1.5})
    assert "unknown field 'n'" in plain and "TypeError" not in plain
    assert checked({"child.name": np.str_("李明"), "n": np.int64(1), "b": np.bool_(True),
                    "x": np.longdouble(1.5)}) == plain
    with pytest.raises(onething.InputError, match="answers: TypeError.*datetime64"):
        catalog.dispatch("child-birth", facts, {"d": np.datetime64("2020-01-01")})


def test_text_arguments_that_are_not_valid_unicode_are_input_errors_naming_them(catalog):
    """A lone surrogate in bundle, lang or by: an InputError naming the argument, as for a fact
    id, not pybind11's TypeError of incompatible arguments; another type is still a TypeError."""
    import pandas as pd

    from onething import population

    facts = {"parents.hukou_local": True}
    one = pd.DataFrame({"parents.hukou_local": [True]})
    for call, name in [(lambda: catalog.plan("\ud800", facts), "bundle"),
                       (lambda: catalog.guide("x\udcff"), "bundle"),
                       (lambda: catalog.form("child-birth", facts, lang="\ud800"), "lang"),
                       (lambda: catalog.dispatch("child-birth", facts, {}, by="\ud800"), "by"),
                       (lambda: catalog.metrics_many("\ud800", one), "bundle"),
                       (lambda: population.applicants(catalog, {"\ud800": 0.5}, 3), "fact")]:
        with pytest.raises(onething.InputError,
                           match=f"^error: {name} must be text of valid Unicode, not ") as raised:
            call()
        assert raised.value.diagnostics[0]["code"] == "invalid-argument"
    with pytest.raises(TypeError, match="incompatible function arguments"):
        catalog.plan(5, facts)
    # UTF-8 bytes are text too, as they always were.
    assert catalog.guide(b"child-birth", lang=b"en") == catalog.guide("child-birth", lang="en")
    assert catalog.guide(bytearray(b"child-birth")) == catalog.guide("child-birth")


def test_a_long_double_is_read_as_a_frame_reads_it(tmp_path):
    """numpy.longdouble, whose item() is itself: a double, as metrics_many reads a column of it."""
    import numpy as np
    import pandas as pd

    (tmp_path / "rules.yaml").write_text("""
facts:
  p.income: {type: number, question: 'Income?'}
items:
  aid: {name: Aid, department: social, duration_days: 3, when: "p.income < 2000.75"}
bundles:
  b: {name: B, goals: [aid]}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    for value in (np.longdouble(2000.5), np.float16(2000.5)):
        assert catalog.plan("b", {"p.income": value}) == catalog.plan("b", {"p.income": 2000.5})
    frame = pd.DataFrame({"p.income": np.array([2000.5, 3000], dtype=np.longdouble)})
    assert catalog.metrics_many("b", frame)["items"].tolist() == [1, 0]
    assert catalog.plan("b", {"p.income": np.longdouble(3000)})["items"] == []


def test_a_catalog_is_not_pickled_by_any_protocol(catalog):
    """Protocols 0 and 1 used to abort the interpreter (the extension's base class made from
    C); every protocol is a TypeError that says what to do instead."""
    import copy
    import pickle

    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="cannot pickle 'Catalog' object: load it"):
            pickle.dumps(catalog, protocol=protocol)
    for attempt in (catalog.__reduce__, lambda: catalog.__reduce_ex__(0), lambda: copy.copy(catalog),
                    lambda: copy.deepcopy(catalog)):
        with pytest.raises(TypeError, match="cannot pickle 'Catalog' object"):
            attempt()


def test_a_date_of_year_0000_is_its_text_where_datetime_has_none(tmp_path):
    """datetime.date starts at year 1: a default of 0000-02-29 is given as its text, which a
    fact value may be, rather than breaking Catalog.facts."""
    import datetime

    (tmp_path / "rules.yaml").write_text("""
facts:
  p.born: {type: date, question: 'Born?', default: '0000-02-29'}
  p.seen: {type: date, question: 'Seen?', default: '0001-01-01'}
  p.local: {type: bool, question: 'Local?'}
items:
  card: {name: Card, department: social, duration_days: 3, when: "p.born < date('2000-01-01')"}
bundles:
  b: {name: B, goals: [card]}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    assert catalog.facts["p.born"]["default"] == "0000-02-29"
    assert catalog.facts["p.seen"]["default"] == datetime.date(1, 1, 1)
    assert len(catalog.plan("b", {"p.born": catalog.facts["p.born"]["default"]})["items"]) == 1
    frame = onething.population.applicants(catalog, {"p.local": 0.5}, 3, seed=1)
    assert len(frame) == 3


def test_interrupts_inside_arguments_go_on(catalog):
    """What a mapping's own methods raise is bad input, named; an interrupt or running out of
    memory is not, and goes on as it is."""

    class Raising:
        def __init__(self, error):
            self.error = error

        def keys(self):
            return ["parents.hukou_local"]

        def __getitem__(self, key):
            raise self.error

    class RaisingAnswers(dict):
        def __init__(self, error):
            super().__init__(x=1)
            self.error = error

        def items(self):
            raise self.error

    for error in (KeyboardInterrupt, MemoryError):
        with pytest.raises(error):
            catalog.guide("child-birth", Raising(error))
        with pytest.raises(error):
            catalog.dispatch("child-birth", {}, RaisingAnswers(error))
    with pytest.raises(onething.InputError, match=r"Raising \(reading it raised LookupError: broken\)"):
        catalog.guide("child-birth", Raising(LookupError("broken")))


def test_a_dispatch_grouping_of_bytes_that_are_no_utf8_is_named(catalog):
    facts = {"parents.hukou_local": True, "mother.maternity_insured": True}
    for by, shown in ((b"\xff", r"b'\\xff'"), (bytearray(b"dep\xe9"), r"bytearray\(b'dep\\xe9'\)"),
                      ("d\u00e9partment", r"'d\\xe9partment'")):
        with pytest.raises(ValueError, match=r"by must be 'item' or 'department', not " + shown):
            catalog.dispatch("child-birth", facts, {}, by=by)


def test_a_catalog_is_loaded_as_it_is_made(catalog):
    for no_paths in (lambda: onething.Catalog.__new__(onething.Catalog), onething.Catalog,
                     lambda: onething.Catalog(overlays=[])):
        with pytest.raises(TypeError, match=r"Catalog\(\) needs paths: the rule files"):
            no_paths()  # no catalog without its paths
    made = onething.Catalog.__new__(onething.Catalog, [str(RULES)])
    assert made.bundles == catalog.bundles
    # The extension's own __new__, reached past Catalog's, makes an object without a catalog:
    # every use of it is a TypeError, never a read of memory that holds none.
    for empty in (onething._Catalog.__new__(onething._Catalog),
                  super(onething.Catalog, onething.Catalog).__new__(onething.Catalog)):
        for use in (lambda: empty.bundles, lambda: empty.facts, lambda: empty.paths,
                    lambda: empty.plan("child-birth", {}), lambda: empty.guide("child-birth")):
            with pytest.raises(TypeError, match="holds no catalog"):
                use()
    import pandas
    with pytest.raises(TypeError, match="holds no catalog"):
        empty.metrics_many("child-birth", pandas.DataFrame())
    with pytest.raises(TypeError, match="expected an onething.Catalog, not object"):
        onething._Catalog.plan(object(), "child-birth")


def test_paths_are_str_bytes_or_pathlike_without_nul(catalog):
    assert onething.Catalog(bytes(str(RULES), "utf-8")).bundles == catalog.bundles
    with pytest.raises(TypeError, match="paths must be a path .* or a list of them, not int"):
        onething.Catalog(5)
    with pytest.raises(onething.IoError, match=r"holds a NUL character") as raised:
        onething.Catalog([str(RULES) + "\x00more"])
    assert raised.value.diagnostics[0]["file"] == str(RULES) + "\\x00more"
    # A lone surrogate that no file name's bytes decode to names no file: an InputError naming
    # the path, not os.fsencode's UnicodeEncodeError.
    for path in ("/tmp/\ud800", [str(RULES), pathlib.Path("/tmp/x\udbff")]):
        with pytest.raises(onething.InputError, match=r"the catalog path '/tmp/x?\\ud[89ab]..' "
                           r"names no file: it holds a character no file name's bytes give"):
            onething.Catalog(path)


def test_file_names_that_are_not_utf8_round_trip(tmp_path):
    """A name the file system holds as bytes that are not UTF-8: os.fsdecode's surrogates."""
    import os

    folder = os.fsdecode(bytes(tmp_path) + b"/rules\xff")
    os.mkdir(folder)
    name = os.path.join(folder, os.fsdecode(b"w\xfe.yaml"))
    with open(name, "w", encoding="utf-8") as out:
        out.write("items:\n  i: {name: I, venue: v}\nbundles:\n  b: {name: B, goals: [i]}\n")
    loaded = onething.Catalog(folder)
    assert loaded.paths == [folder]
    assert loaded.warnings[0]["file"] == name
    assert repr(loaded) == f"onething.Catalog({[folder]!r})"
    with open(name, "w", encoding="utf-8") as out:
        out.write("facts:\n  a: {type: boool}\n")
    with pytest.raises(onething.RulesError) as raised:
        onething.Catalog(folder)
    assert raised.value.diagnostics[0]["file"] == name
    assert name in str(raised.value)


def test_unknown_bundle_and_undecided_plan(catalog):
    with pytest.raises(onething.InputError, match="did you mean 'child-birth'") as raised:
        catalog.plan("child-birt")
    assert raised.value.diagnostics[0]["code"] == "unknown-bundle"
    assert raised.value.diagnostics[0]["file"] == "bundle"  # the argument that named it
    with pytest.raises(onething.PlanError) as undecided:
        catalog.plan("child-birth", {})
    assert undecided.value.diagnostics[0]["code"] == "undecided"
    assert undecided.value.diagnostics[0]["file"].endswith("child-birth.yaml")


def test_a_language_the_catalog_has_no_text_in_is_a_warning(catalog):
    """As the command line's warning on standard error; the answer is the same."""
    facts = {"parents.hukou_local": True, "mother.maternity_insured": True}
    with pytest.warns(UserWarning, match="the catalog has no text in language 'fr'"):
        french = catalog.plan("child-birth", facts, lang="fr")
    assert french == catalog.plan("child-birth", facts, lang="en")
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        catalog.plan("child-birth", facts, lang="en")  # no warning
        with pytest.raises(UserWarning):
            catalog.plan("child-birth", facts, lang="fr")
        # Language tags ignore case: "EN" is the catalog's "en", and "ZH" its "zh".
        assert catalog.plan("child-birth", facts, lang="EN") == catalog.plan(
            "child-birth", facts, lang="en")
        assert catalog.plan("child-birth", facts, lang="ZH") == catalog.plan(
            "child-birth", facts, lang="zh")


def test_rules_with_errors_raise_every_diagnostic(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("facts:\n  a:\n    type: boool\nitems:\n  x:\n    nmae: X\n", encoding="utf-8")
    with pytest.raises(onething.RulesError) as raised:
        onething.Catalog(broken)
    diagnostics = raised.value.diagnostics
    assert len(diagnostics) >= 2
    for diagnostic in diagnostics:
        assert set(diagnostic) == {"file", "line", "column", "severity", "code", "message"}
        assert diagnostic["file"] == str(broken)
        assert diagnostic["line"] > 0 and diagnostic["column"] > 0
    assert {d["line"] for d in diagnostics} >= {3, 6}


def test_an_unreadable_path_is_an_os_error(tmp_path):
    with pytest.raises(OSError, match="missing"):
        onething.Catalog(tmp_path / "missing")
    with pytest.raises(ValueError, match="no rule file"):
        onething.Catalog([])


def test_a_copy_of_the_rules_loads_from_a_path_object(tmp_path):
    shutil.copytree(RULES, tmp_path / "rules")
    copy = onething.Catalog(pathlib.Path(tmp_path / "rules"))
    assert copy.bundles == onething.Catalog(str(RULES)).bundles
    assert "child-birth" in copy.bundles
    assert copy.facts["household.means_test"]["type"] == "enum"
    assert copy.facts["child.born_in_city"] == {"type": "bool", "values": [], "default": True}


def test_planning_releases_the_gil(catalog):
    import threading
    import time

    import numpy as np
    import pandas as pd

    rows = 60000
    frame = pd.DataFrame({"parents.hukou_local": np.arange(rows) % 2 == 0,
                          "mother.maternity_insured": np.arange(rows) % 3 == 0})
    finished = threading.Event()

    def plan_all():
        start = time.perf_counter()
        catalog.metrics_many("child-birth", frame, threads=1, chunk_rows=rows)
        plan_all.seconds = time.perf_counter() - start
        finished.set()

    # While one call plans every row, this thread keeps running: the longest pause between two
    # of its ticks is far shorter than the call.
    worker = threading.Thread(target=plan_all)
    last, longest = time.perf_counter(), 0.0
    worker.start()
    while not finished.is_set():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
        time.sleep(0.001)
    worker.join()
    assert plan_all.seconds > 0.2
    assert longest < plan_all.seconds / 2


def test_a_snapshot_gives_the_same_documents(tmp_path, cli, catalog):
    """Catalog(snapshot) plans, guides and forms exactly as Catalog(rules) does."""
    snapshot = tmp_path / "catalog.onething"
    subprocess.run([cli, "compile", str(RULES), "-o", str(snapshot)], check=True)
    compiled = onething.Catalog([str(snapshot)])
    facts = {"parents.hukou_local": True, "mother.maternity_insured": True}
    assert compiled.plan("child-birth", facts, lang="en") == catalog.plan(
        "child-birth", facts, lang="en")
    assert compiled.guide("child-birth", {}) == catalog.guide("child-birth", {})
    assert compiled.form("child-birth", facts) == catalog.form("child-birth", facts)
    frame = __import__("pandas").DataFrame([facts, {"parents.hukou_local": False}])
    assert compiled.metrics_many("child-birth", frame).equals(
        catalog.metrics_many("child-birth", frame))
    broken = tmp_path / "broken.onething"
    broken.write_bytes(snapshot.read_bytes()[:1000])
    with pytest.raises(onething.RulesError) as refused:
        onething.Catalog([str(broken)])
    assert refused.value.diagnostics[0]["code"].startswith("snapshot-")


def test_as_of_picks_the_version_of_a_dated_catalog():
    """examples/reform: the same bundle before and after its reform day, as a string or a date."""
    import datetime

    reform = onething.Catalog([str(SOURCE_DIR / "examples" / "reform")])
    before = reform.plan("birth", as_of="2019-06-30")
    after = reform.plan("birth", as_of=datetime.date(2019, 7, 1))
    assert before["metrics"]["after"]["visits"] == 2
    assert after["metrics"]["after"]["visits"] == 1
    questions = reform.guide("birth", as_of="2019-07-01", lang="en")["questions"]
    assert [question["fact"] for question in questions] == ["child.insured"]
    for bad in ("2019-02-29", "2019-7-1", 20190701, datetime.datetime(2019, 6, 30, 23, 59),
                datetime.datetime(2019, 7, 1, tzinfo=datetime.timezone.utc)):
        with pytest.raises(ValueError, match="as_of must be a day: a datetime.date"):
            reform.plan("birth", as_of=bad)
    # A datetime at midnight without a time zone is its day, as for a fact's date.
    midnight = reform.plan("birth", as_of=datetime.datetime(2019, 7, 1))
    assert midnight["metrics"]["after"]["visits"] == 1


def test_an_as_of_that_names_no_day_is_the_documented_value_error(catalog):
    """Not a failed cast nor the message of another method: a lone surrogate, pandas.NaT."""
    import pandas as pd

    class Stamp:
        def isoformat(self):
            raise RuntimeError("no text")

    one = pd.DataFrame({"parents.hukou_local": [True]})
    for bad, shown in [("\udc80", r"'\\udc80'"), (pd.NaT, "NaT"), (Stamp(), "<.*Stamp object")]:
        for call in (lambda: catalog.plan("child-birth", {}, as_of=bad),
                     lambda: catalog.guide("child-birth", {}, as_of=bad),
                     lambda: catalog.metrics_many("child-birth", one, as_of=bad),
                     lambda: onething._onething._check_day(bad)):
            with pytest.raises(ValueError, match="as_of must be a day: .*, not " + shown):
                call()


def test_a_time_of_day_of_nanoseconds_is_no_day(tmp_path):
    """pandas.Timestamp's nanoseconds, which its time() leaves out: as a fact, in a frame's
    datetime column, as as_of."""
    import numpy as np
    import pandas as pd

    (tmp_path / "rules.yaml").write_text("""
facts:
  person.birthday: {type: date, question: 'Birthday?'}
items:
  card: {name: Card, department: social, duration_days: 3,
         when: "person.birthday < date('2000-01-01')"}
bundles:
  b: {name: B, goals: [card]}
""", encoding="utf-8")
    catalog = onething.Catalog(tmp_path)
    timed = "1990-01-01 00:00:00.000000001"
    for value in (pd.Timestamp(timed), np.datetime64("1990-01-01T00:00:00.000000001")):
        with pytest.raises(onething.InputError, match="person.birthday.*not a date and time"):
            catalog.plan("b", {"person.birthday": value})
    assert len(catalog.plan("b", {"person.birthday": pd.Timestamp("1990-01-01")})["items"]) == 1
    rows = catalog.metrics_many("b", pd.DataFrame(
        {"person.birthday": pd.to_datetime([timed, "1990-01-01 12:00", "1990-01-01"])}))
    errors = rows["error"].tolist()
    assert all("not a date and time" in error for error in errors[:2]), errors
    assert errors[2] is None
    born = {"person.birthday": "1990-01-01"}
    with pytest.raises(ValueError, match="as_of must be a day"):
        catalog.plan("b", born, as_of=pd.Timestamp("2020-01-01 00:00:00.000000001"))
    assert catalog.plan("b", born, as_of=pd.Timestamp("2020-01-01"))["bundle"] == "b"
    # numpy.datetime64 as as_of, as for a fact: a day at midnight of any unit.
    for day in (np.datetime64("2020-01-01"), np.datetime64("2020-01-01T00:00", "ns")):
        assert catalog.plan("b", born, as_of=day) == catalog.plan("b", born, as_of="2020-01-01")
    for bad in (np.datetime64("2020-01-01T10:00"), np.datetime64("NaT"),
                np.datetime64("10000-01-01")):
        with pytest.raises(ValueError, match="as_of must be a day"):
            catalog.plan("b", born, as_of=bad)

    # An object other than a datetime whose isoformat() gives more than the day names none.
    class Stamp:
        def __init__(self, text):
            self.text = text

        def isoformat(self):
            return self.text

    assert catalog.plan("b", born, as_of=Stamp("2020-01-01"))["bundle"] == "b"
    for text in ("2020-01-01 trailing garbage", "2020-01-01T00:00:00"):
        with pytest.raises(ValueError, match="as_of must be a day"):
            catalog.plan("b", born, as_of=Stamp(text))

#!/usr/bin/python3
"""Checks `onething form` output with a real JSON Schema draft 2020-12 validator.

Usage:
  validate_schema.py [--valid FILE]... [--invalid FILE]... [--dispatch] -- ONETHING form ARGS...

Runs the form command twice (the schema must be byte-identical), checks the schema itself with
jsonschema.Draft202012Validator.check_schema and the shape the project promises (nested objects,
every property required, additionalProperties false, the annotations in $defs.onething), then
validates answers files (JSON or YAML; flat dotted keys are nested first) with
format_checker=jsonschema.FormatChecker(): each --valid file must pass and each --invalid file
must fail. With --dispatch, `onething dispatch` (same arguments, --answers FILE) must agree:
exit 0 with a JSON payload for valid answers, exit 1 with located diagnostics for invalid ones.
With --ajv DIR, ajv 8 (npm, pinned in DIR's package-lock.json) must compile the schema as
`new Ajv2020()` does, with no options, and give jsonschema's verdict on every answers file and on
answers generated from the schema: one good object and, per field, objects with that field
spoilt (wrong type, past a bound, off the enum or the pattern, missing); with --dispatch,
`onething dispatch` must accept the good one and refuse every bad one. Without node on PATH it exits 77 (a ctest SKIP).

Needs Debian's python3-jsonschema (and python3-yaml for YAML answers): run /usr/bin/python3.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DIAGNOSTIC = re.compile(r"^.+:\d+:\d+: error: .+ \[[a-z0-9-]+\]$")


def load_answers(path):
    """Reads a JSON or YAML answers file (YAML dates stay text, as in JSON)."""
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    if path.endswith(".json"):
        return json.loads(text)
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=Loader)


def nest(value):
    """Nests flat dotted keys ("shop.name") by id segments, as onething does."""
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        item = nest(item)
        parts = key.split(".") if isinstance(key, str) else [key]
        node = result
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                return value  # clashing shapes: leave as written, it must fail anyway
        if isinstance(node.get(parts[-1]), dict) and isinstance(item, dict):
            node[parts[-1]].update(item)
        elif parts[-1] in node:
            return value
        else:
            node[parts[-1]] = item
    return result


def annotations(schema):
    """The engine's annotations: the constant of the never-referenced $defs.onething."""
    return schema.get("$defs", {}).get("onething", {}).get("const", {})


def check_shape(schema, problems):
    """The promised shape: nested objects, all required, closed, leaves annotated by id."""
    if schema.get("$schema") != DRAFT:
        problems.append("$schema is not draft 2020-12")
    notes = annotations(schema)
    for key in ("bundle", "fields", "prefilled", "produced"):
        if key not in notes:
            problems.append("missing annotation $defs.onething.const." + key)
    fields = notes.get("fields", {})
    asked = set()

    def walk(node, path):
        if node.get("type") != "object" or "properties" not in node:
            problems.append(f"{path or 'root'}: not an object schema")
            return
        if sorted(node.get("required", [])) != sorted(node["properties"]):
            problems.append(f"{path or 'root'}: required differs from properties")
        if node.get("additionalProperties") is not False:
            problems.append(f"{path or 'root'}: additionalProperties is not false")
        for name, child in node["properties"].items():
            child_path = f"{path}.{name}" if path else name
            if any(key.startswith("x-") for key in child):
                problems.append(f"{child_path}: an x- keyword (strict validators refuse it)")
            if child_path in fields:
                items = fields[child_path].get("items")
                if not items or items != sorted(items):
                    problems.append(f"{child_path}: its items are empty or unsorted")
                if not child.get("title") or "type" not in child:
                    problems.append(f"{child_path}: no title or type")
                asked.add(child_path)
            else:
                walk(child, child_path)

    walk(schema, "")
    if asked != set(fields):
        problems.append("the annotated fields differ from the schema's leaves")
    prefilled = notes.get("prefilled", [])
    if prefilled != sorted(prefilled) or asked & set(prefilled):
        problems.append("prefilled is unsorted or overlaps the asked fields")
    if asked & set(notes.get("produced", {})):
        problems.append("produced overlaps the asked fields")
    return asked


def leaves(schema, path=""):
    """(field id, leaf schema) of every asked field, in schema order."""
    for name, child in schema.get("properties", {}).items():
        child_path = f"{path}.{name}" if path else name
        if child.get("type") == "object" and "properties" in child:
            yield from leaves(child, child_path)
        else:
            yield child_path, child


def patterns_of(leaf):
    """Every pattern a leaf's value must match."""
    found = [leaf["pattern"]] if "pattern" in leaf else []
    return found + [part["pattern"] for part in leaf.get("allOf", []) if "pattern" in part]


def sample_text(pattern):
    """The shortest-ish text the regular expression matches, from its parse tree (the subset of
    syntax rule files use: literals, classes, repeats, groups, alternation, anchors)."""
    try:
        import re._parser as parser  # Python 3.11+
        import re._constants as const
    except ImportError:  # pragma: no cover
        import sre_constants as const
        import sre_parse as parser

    def first_in(items):
        negated = any(op is const.NEGATE for op, _ in items)
        chars = []
        for op, arg in items:
            if op is const.LITERAL:
                chars.append(chr(arg))
            elif op is const.RANGE:
                chars.append(chr(arg[0]))
            elif op is const.CATEGORY:
                chars.append({"CATEGORY_DIGIT": "0", "CATEGORY_WORD": "a",
                              "CATEGORY_SPACE": " "}.get(str(arg), "a"))
        if not negated:
            return chars[0] if chars else "a"
        for candidate in "a0中":
            if re.fullmatch(pattern_of(items), candidate):
                return candidate
        return "a"

    def pattern_of(items):
        return "[" + "".join(
            ("^" if op is const.NEGATE else re.escape(chr(arg)) if op is const.LITERAL else
             re.escape(chr(arg[0])) + "-" + re.escape(chr(arg[1])) if op is const.RANGE else
             {"CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s"}.get(
                 str(arg), "")) for op, arg in items) + "]"

    def walk(tree):
        out = []
        for op, arg in tree:
            if op is const.LITERAL:
                out.append(chr(arg))
            elif op is const.NOT_LITERAL:
                out.append("a" if arg != ord("a") else "b")
            elif op is const.IN:
                out.append(first_in(arg))
            elif op is const.ANY:
                out.append("a")
            elif op in (const.MAX_REPEAT, const.MIN_REPEAT, getattr(const, "POSSESSIVE_REPEAT", None)):
                low, _high, sub = arg
                out.append(walk(sub) * low)
            elif op is const.SUBPATTERN:
                out.append(walk(arg[-1]))
            elif op is const.BRANCH:
                out.append(walk(arg[1][0]))
            elif op is const.CATEGORY:
                out.append("0" if "DIGIT" in str(arg) else "a")
        return "".join(out)

    return walk(parser.parse(pattern))


def good_value(leaf):
    """A value the leaf accepts, or None when none is found quickly."""
    kind = leaf.get("type")
    if "oneOf" in leaf:
        return leaf["oneOf"][0]["const"]
    if "enum" in leaf:
        return leaf["enum"][0]
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        low = leaf.get("minimum", 0)
        high = leaf.get("maximum", low + 10)
        value = max(low, min(high, 1))
        return int(value) if kind == "integer" else value
    text = ""
    for pattern in patterns_of(leaf):
        if not re.search(pattern, text):
            text = sample_text(pattern)
    low, high = leaf.get("minLength", 0), leaf.get("maxLength", 10**6)
    if len(text) < low:
        text += "中" * (low - len(text))  # a letter any free-text pattern allows
    if len(text) > high or any(not re.search(p, text) for p in patterns_of(leaf)):
        return None
    return text


def bad_values(leaf):
    """Values the leaf refuses: a wrong type, past each bound, off the enum, off the pattern."""
    kind = leaf.get("type")
    bad = [None, ["list"]]
    bad.append("text" if kind in ("integer", "number", "boolean") else 12)
    if kind == "boolean":
        bad.append("true")
    if kind == "integer":
        bad.append(leaf.get("minimum", 0) + 0.5)
    if "minimum" in leaf:
        bad.append(leaf["minimum"] - 1)
    if "maximum" in leaf:
        bad.append(leaf["maximum"] + 1)
    if "minLength" in leaf and leaf["minLength"] > 0:
        bad.append("中" * (leaf["minLength"] - 1))
    if "maxLength" in leaf:
        bad.append("0" * (leaf["maxLength"] + 1))
    if "enum" in leaf or "oneOf" in leaf:
        bad.append("no-such-choice")
    for pattern in patterns_of(leaf):
        for candidate in ("", "x", "!!", "2023-02-29", "2024-13-01", " 0"):
            if not re.search(pattern, candidate):
                bad.append(candidate)
                break
    return bad


def synthesize(schema):
    """A good answers object (nested) and bad ones (one field spoilt each, or shapes broken);
    None for the good one when some field's value cannot be found."""
    good = {}
    found = True
    fields = list(leaves(schema))
    for field, leaf in fields:
        value = good_value(leaf)
        found = found and value is not None
        node = good
        parts = field.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    bad = []
    if not found:
        return None, bad
    for field, leaf in fields:
        parts = field.split(".")
        for value in bad_values(leaf):
            spoilt = json.loads(json.dumps(good))
            node = spoilt
            for part in parts[:-1]:
                node = node[part]
            node[parts[-1]] = value
            bad.append(spoilt)
        missing = json.loads(json.dumps(good))
        node = missing
        for part in parts[:-1]:
            node = node[part]
        del node[parts[-1]]
        bad.append(missing)
    if fields:
        extra = json.loads(json.dumps(good))
        extra["no_such_field"] = 1
        bad.append(extra)
        bad.append([])
    return good, bad


def ajv_verdicts(ajv_dir, schema, answers, problems):
    """ajv 8's verdicts (Ajv2020, no options) on each answer; None when it refuses the schema."""
    run = subprocess.run(["node", os.path.join(ajv_dir, "check_ajv.js")],
                         input=json.dumps({"schema": schema, "answers": answers}).encode(),
                         capture_output=True, cwd=ajv_dir)
    if run.returncode != 0:
        problems.append("ajv: " + run.stderr.decode().strip())
        return None
    return json.loads(run.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--valid", action="append", default=[], help="answers that must pass")
    parser.add_argument("--invalid", action="append", default=[], help="answers that must fail")
    parser.add_argument("--dispatch", action="store_true", help="cross-check onething dispatch")
    parser.add_argument("--ajv", metavar="DIR",
                        help="also compile with ajv 8 (DIR holds check_ajv.js and node_modules) "
                             "and compare its verdicts on generated good and bad answers")
    parser.add_argument("command", nargs="+", help="the onething form command line")
    args = parser.parse_args()
    if args.ajv and shutil.which("node") is None:
        print("SKIP: node is not installed, so ajv cannot run")
        return 77
    if args.ajv and not os.path.isdir(os.path.join(args.ajv, "node_modules", "ajv")):
        sys.exit(f"FAIL: ajv is not installed: run `npm ci --prefix {args.ajv}`")
    command = args.command
    problems = []

    first = subprocess.run(command, capture_output=True)
    if first.returncode != 0:
        sys.exit(f"FAIL: {' '.join(command)} exited {first.returncode}\n{first.stderr.decode()}")
    second = subprocess.run(command, capture_output=True)
    if second.stdout != first.stdout:
        problems.append("the schema differs between two runs")
    schema = json.loads(first.stdout)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        sys.exit(f"FAIL: not a valid draft 2020-12 schema: {error.message}")
    asked = check_shape(schema, problems)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    if asked and validator.is_valid({}):
        problems.append("an empty answers object passes")

    dispatch = None
    if args.dispatch:
        if "form" not in command:
            sys.exit("FAIL: --dispatch needs a `form` command line")
        dispatch = list(command)
        dispatch[dispatch.index("form")] = "dispatch"

    for path, must_pass in [(p, True) for p in args.valid] + [(p, False) for p in args.invalid]:
        errors = list(validator.iter_errors(nest(load_answers(path))))
        if must_pass and errors:
            problems.append(f"{path}: rejected: " + "; ".join(e.message for e in errors))
        if not must_pass and not errors:
            problems.append(f"{path}: accepted, but must fail")
        if dispatch is None:
            continue
        run = subprocess.run(dispatch + ["--answers", path], capture_output=True)
        stderr = run.stderr.decode()
        if must_pass:
            if run.returncode != 0:
                problems.append(f"{path}: onething dispatch exited {run.returncode}: {stderr}")
            else:
                payloads = json.loads(run.stdout)
                if not isinstance(payloads, dict) or not payloads:
                    problems.append(f"{path}: onething dispatch printed no payloads")
        else:
            lines = stderr.splitlines()
            if run.returncode != 2 or not lines:
                problems.append(f"{path}: onething dispatch exited {run.returncode}, expected 2 (bad answers)")
            for line in lines:
                if not line.startswith(path + ":") or not DIAGNOSTIC.match(line):
                    problems.append(f"{path}: unexpected diagnostic line: {line}")

    generated = 0
    if args.ajv:
        good, bad = synthesize(schema)
        answers = ([good] if good is not None else []) + bad
        answers += [nest(load_answers(path)) for path in args.valid + args.invalid]
        verdicts = ajv_verdicts(args.ajv, schema, answers, problems)
        if good is None and asked:
            problems.append("no good answers could be generated for this form")
        if good is not None and not validator.is_valid(good):
            problems.append("generated good answers rejected: " + "; ".join(
                e.message for e in validator.iter_errors(good)))
        for answer in bad:
            if validator.is_valid(answer):
                problems.append("generated bad answers accepted: " + json.dumps(answer))
        for answer, verdict in zip(answers, verdicts or []):
            if verdict != validator.is_valid(answer):
                problems.append(f"ajv says {verdict}, jsonschema {not verdict}: " +
                                json.dumps(answer, ensure_ascii=False))
        generated = len(answers)
        if dispatch is not None and good is not None:
            # onething dispatch must agree too: the good answers pass, every bad one fails.
            for answer in [good] + bad:
                with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as stream:
                    json.dump(answer, stream, ensure_ascii=False)
                run = subprocess.run(dispatch + ["--answers", stream.name], capture_output=True)
                os.unlink(stream.name)
                if (run.returncode == 0) != (answer is good):
                    problems.append(f"onething dispatch exits {run.returncode} on " +
                                    json.dumps(answer, ensure_ascii=False) + ": " +
                                    run.stderr.decode())

    for problem in problems:
        print("FAIL:", problem)
    if args.ajv:
        print(f"ajv (Ajv2020, no options) and jsonschema agree on {generated} answers"
              if not any(p.startswith(("ajv", "generated")) for p in problems) else "")
    checked = len(args.valid) + len(args.invalid)
    print(f"{len(asked)} fields, {checked} answers files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

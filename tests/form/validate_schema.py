#!/usr/bin/python3
"""Checks `onething form` output with a real JSON Schema draft 2020-12 validator.

Usage:
  validate_schema.py [--valid FILE]... [--invalid FILE]... [--dispatch] -- ONETHING form ARGS...

Runs the form command twice (the schema must be byte-identical), checks the schema itself with
jsonschema.Draft202012Validator.check_schema and the shape the project promises (nested objects,
every property required, additionalProperties false, the x-onething-* annotations), then
validates answers files (JSON or YAML; flat dotted keys are nested first) with
format_checker=jsonschema.FormatChecker(): each --valid file must pass and each --invalid file
must fail. With --dispatch, `onething dispatch` (same arguments, --answers FILE) must agree:
exit 0 with a JSON payload for valid answers, exit 1 with located diagnostics for invalid ones.

Needs Debian's python3-jsonschema (and python3-yaml for YAML answers): run /usr/bin/python3.
"""

import argparse
import json
import re
import subprocess
import sys

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


def check_shape(schema, problems):
    """The promised shape: nested objects, all required, closed, annotated leaves."""
    if schema.get("$schema") != DRAFT:
        problems.append("$schema is not draft 2020-12")
    for key in ("x-onething-bundle", "x-onething-prefilled", "x-onething-produced"):
        if key not in schema:
            problems.append("missing top-level " + key)
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
            if "x-onething-field" in child:
                if child["x-onething-field"] != child_path:
                    problems.append(f"{child_path}: x-onething-field is {child['x-onething-field']}")
                items = child.get("x-onething-items")
                if not items or items != sorted(items):
                    problems.append(f"{child_path}: x-onething-items is empty or unsorted")
                if not child.get("title") or "type" not in child:
                    problems.append(f"{child_path}: no title or type")
                asked.add(child_path)
            else:
                walk(child, child_path)

    walk(schema, "")
    prefilled = schema.get("x-onething-prefilled", [])
    if prefilled != sorted(prefilled) or asked & set(prefilled):
        problems.append("x-onething-prefilled is unsorted or overlaps the asked fields")
    if asked & set(schema.get("x-onething-produced", {})):
        problems.append("x-onething-produced overlaps the asked fields")
    return asked


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--valid", action="append", default=[], help="answers that must pass")
    parser.add_argument("--invalid", action="append", default=[], help="answers that must fail")
    parser.add_argument("--dispatch", action="store_true", help="cross-check onething dispatch")
    parser.add_argument("command", nargs="+", help="the onething form command line")
    args = parser.parse_args()
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
            if run.returncode != 1 or not lines:
                problems.append(f"{path}: onething dispatch exited {run.returncode}, expected 1")
            for line in lines:
                if not line.startswith(path + ":") or not DIAGNOSTIC.match(line):
                    problems.append(f"{path}: unexpected diagnostic line: {line}")

    for problem in problems:
        print("FAIL:", problem)
    checked = len(args.valid) + len(args.invalid)
    print(f"{len(asked)} fields, {checked} answers files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

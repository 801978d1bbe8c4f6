#!/usr/bin/python3
"""Checks rule files against the rule-format JSON Schema that `onething schema` prints.

Usage:
  validate_rules.py [--valid FILE]... [--invalid FILE]... -- ONETHING schema

Runs the command (its output must be a valid draft 2020-12 schema), then reads each rule file
as YAML (dates stay text, as yaml-language-server reads them) and validates it: each --valid file
must pass and each --invalid file must fail. A folder given to --valid stands for every *.yaml
and *.yml file under it.

Needs Debian's python3-jsonschema and python3-yaml: run /usr/bin/python3.
"""

import argparse
import json
import pathlib
import subprocess
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    """YAML 1.1 as PyYAML reads it, but with dates left as text (YAML 1.2's core schema)."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def files_of(paths):
    """Files named, folders expanded to their rule files (sorted)."""
    result = []
    for path in map(pathlib.Path, paths):
        if path.is_dir():
            result += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        else:
            result.append(path)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--valid", action="append", default=[])
    parser.add_argument("--invalid", action="append", default=[])
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    run = subprocess.run(args.command, capture_output=True, check=False)
    if run.returncode != 0:
        print(f"{' '.join(args.command)} exited {run.returncode}: {run.stderr.decode()}")
        return 1
    schema = json.loads(run.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    failures = 0
    valid, invalid = files_of(args.valid), files_of(args.invalid)
    if not valid and not invalid:
        print("no rule files given")
        return 1
    for path, should_pass in [(p, True) for p in valid] + [(p, False) for p in invalid]:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if should_pass and errors:
            failures += 1
            for error in errors[:5]:
                where = "/".join(map(str, error.absolute_path))
                print(f"{path}: /{where}: {error.message}")
        elif not should_pass and not errors:
            failures += 1
            print(f"{path}: passes the schema but must fail")
    print(f"{len(valid) + len(invalid) - failures} as expected, {failures} not")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

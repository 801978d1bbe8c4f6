#!/usr/bin/env python3
"""Runs every command of cases.txt and compares its output with expected/NAME.out, byte for byte.

Usage: check_golden.py ONETHING PROJECT_ROOT [--update]

Each line of cases.txt is `NAME: ARGUMENTS`; the command runs from PROJECT_ROOT. The expected
file holds standard output, then (when not empty) `--- stderr ---` and standard error, then
(when not 0) `--- exit N ---`. With --update the expected files are written instead (review the
diff before committing: these files pin every output of every command to the bytes).
"""
import pathlib
import shlex
import subprocess
import sys


def render(result: subprocess.CompletedProcess) -> bytes:
    """The expected-file form of one run."""
    out = result.stdout
    if result.stderr:
        out += b"--- stderr ---\n" + result.stderr
    if result.returncode != 0:
        out += b"--- exit %d ---\n" % result.returncode
    return out


def main() -> int:
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--update"):
        print(__doc__, file=sys.stderr)
        return 2
    binary, root = sys.argv[1], pathlib.Path(sys.argv[2])
    update = len(sys.argv) == 4
    here = pathlib.Path(__file__).resolve().parent
    expected_dir = here / "expected"
    expected_dir.mkdir(exist_ok=True)
    names, failed = [], []
    for number, line in enumerate((here / "cases.txt").read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, arguments = line.partition(": ")
        if not arguments or name in names:
            print(f"cases.txt:{number}: expected a new 'NAME: ARGUMENTS'", file=sys.stderr)
            return 2
        names.append(name)
        result = subprocess.run([binary] + shlex.split(arguments), cwd=root, capture_output=True,
                                timeout=120)
        actual = render(result)
        path = expected_dir / (name + ".out")
        if update:
            path.write_bytes(actual)
        elif not path.exists() or path.read_bytes() != actual:
            failed.append(name)
            print(f"{name}: output differs from {path.relative_to(here)} (onething {arguments})")
    if not update:
        stale = sorted(p.stem for p in expected_dir.glob("*.out") if p.stem not in names)
        for name in stale:
            failed.append(name)
            print(f"{name}: expected/{name}.out has no line in cases.txt")
    print(f"{len(names) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

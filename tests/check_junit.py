#!/usr/bin/env python3
"""Reads the JUnit XML of `onething test --format junit` back with Python's XML parser.

Usage: check_junit.py ONETHING PROJECT_ROOT

For the shipped catalog (every case passes) and for tests/data/coverage with its failing cases,
checks that the document parses, that the counts of <testsuites>, each <testsuite> and the
<testcase> elements agree with each other and with `onething test --format json`, that each
case is there once with its bundle, file and line, and that each failed case has one <failure>
whose message starts with the case's file:line and whose text holds every difference of the
case as `onething test` prints it (file:line:column: test 'name': message).
"""
import json
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def run(binary, root, arguments, expect_exit):
    """Standard output of one command, checking its exit status."""
    result = subprocess.run([binary] + arguments, cwd=root, capture_output=True, timeout=120)
    if result.returncode != expect_exit:
        raise AssertionError(f"onething {' '.join(arguments)}: exit {result.returncode}, "
                             f"expected {expect_exit}\n{result.stderr.decode()}")
    return result.stdout


def check(condition, message):
    """Fails with `message` unless `condition`."""
    if not condition:
        raise AssertionError(message)


def check_document(binary, root, paths, expect_exit):
    """Checks the JUnit document of `onething test PATHS` against its JSON report."""
    xml_bytes = run(binary, root, ["test"] + paths + ["--format", "junit"], expect_exit)
    report = json.loads(run(binary, root, ["test"] + paths + ["--format", "json"], expect_exit))
    suites = ET.fromstring(xml_bytes)  # raises on XML that is not well-formed
    check(suites.tag == "testsuites", f"root element is {suites.tag}")
    cases = suites.findall("./testsuite/testcase")
    total = report["passed"] + report["failed"]
    check(int(suites.get("tests")) == total == len(cases),
          f"tests={suites.get('tests')}, {len(cases)} testcases, {total} cases in the JSON")
    check(int(suites.get("failures")) == report["failed"],
          f"failures={suites.get('failures')}, {report['failed']} failed in the JSON")
    check(suites.get("errors") == "0", "errors is not 0")
    names = [suite.get("name") for suite in suites.findall("testsuite")]
    check(names == sorted(names), f"test suites not sorted by bundle: {names}")
    # The differences of the JSON report, by case name, in order.
    differences = {}
    for failure in report["failures"]:
        differences.setdefault(failure["test"], []).append(
            f"{failure['file']}:{failure['line']}:{failure['column']}: test "
            f"'{failure['test']}': {failure['message']}")
    failed = 0
    for suite in suites.findall("testsuite"):
        own = suite.findall("testcase")
        check(int(suite.get("tests")) == len(own), f"suite {suite.get('name')}: tests differ")
        suite_failures = sum(1 for case in own if case.find("failure") is not None)
        check(int(suite.get("failures")) == suite_failures,
              f"suite {suite.get('name')}: failures={suite.get('failures')}, {suite_failures} "
              "failed testcases")
        for case in own:
            name = case.get("name")
            check(case.get("classname") == suite.get("name"), f"{name}: classname differs")
            check(re.fullmatch(r"[1-9][0-9]*", case.get("line") or "") is not None,
                  f"{name}: line is {case.get('line')!r}")
            check((root / case.get("file")).is_file(), f"{name}: no file {case.get('file')}")
            lines = (root / case.get("file")).read_text(encoding="utf-8").splitlines()
            check("- name:" in lines[int(case.get("line")) - 1],
                  f"{name}: {case.get('file')}:{case.get('line')} is not the case's entry")
            found = case.findall("failure")
            if name not in differences:
                check(not found, f"{name}: a failure for a case that passed")
                continue
            failed += 1
            check(len(found) == 1, f"{name}: {len(found)} failure elements")
            where = f"{case.get('file')}:{case.get('line')}: "
            message = found[0].get("message")
            check(message.startswith(where), f"{name}: message {message!r} lacks {where!r}")
            text = found[0].text.splitlines()
            check(text == differences[name], f"{name}: {text} != {differences[name]}")
            for line in text:
                check(re.match(r"[^:]+:[0-9]+:[0-9]+: test '", line) is not None,
                      f"{name}: {line!r} is not located")
    check(failed == report["failed"], f"{failed} failed testcases, {report['failed']} in the JSON")
    return suites


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, root = sys.argv[1], pathlib.Path(sys.argv[2])
    shipped = check_document(binary, root, ["rules"], 0)
    check(int(shipped.get("tests")) > 0, "the shipped catalog has no case")
    data = "tests/data/coverage/"
    failing = check_document(binary, root, [data + "catalog.yaml", data + "failing.yaml"], 1)
    check(int(failing.get("failures")) == 3, f"failures={failing.get('failures')}, expected 3")
    names = [case.get("name") for case in failing.iter("testcase")]
    check('本地 <登记> & "证明"' in names and "it's undecided" in names,
          f"names did not survive escaping: {names}")
    print(f"ok: {shipped.get('tests')} shipped cases, {failing.get('tests')} cases with "
          f"{failing.get('failures')} failures")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as error:
        print(f"check_junit.py: {error}", file=sys.stderr)
        sys.exit(1)

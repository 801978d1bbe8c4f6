#!/usr/bin/python3
"""Tests of compiled catalog snapshots (`onething compile`, docs/snapshots.md).

Usage: snapshot_test.py ONETHING PROJECT_ROOT CASE
  golden   every case of tests/golden/cases.txt that names rule paths, run on a snapshot of
           those paths instead: the output must be byte for byte the pinned YAML output
  corrupt  truncated, bit-flipped, wrong-magic and other-version snapshots refused with the
           exact error and exit status 1, by every kind of command
  limits   max_snapshot_bytes, max_definitions and max_files at N (loads) and N + 1 (refused)
  bytes    the same rules give the same snapshot bytes, and compiling a snapshot gives it again
  overlay  an overlay over a snapshot is refused, located at the overlay; a snapshot compiled
           with overlays plans as the rule files with those overlays do
  chunks   a catalog whose fields, materials and items span several chunks (read on several
           threads): every command gives on its snapshot the output it gives on its rule file
"""
import os
import pathlib
import shlex
import struct
import subprocess
import sys
import tempfile

ONETHING, ROOT, CASE = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def run(*args):
    return subprocess.run([ONETHING, *map(str, args)], cwd=ROOT, capture_output=True, timeout=120)


def compile_snapshot(paths, target):
    result = run("compile", *paths, "-o", target)
    check(result.returncode == 0, f"compile {paths}: {result.stderr.decode()}")
    return pathlib.Path(target).read_bytes()


def render(result):
    """The golden files' form of one run (tests/golden/check_golden.py)."""
    out = result.stdout
    if result.stderr:
        out += b"--- stderr ---\n" + result.stderr
    if result.returncode != 0:
        out += b"--- exit %d ---\n" % result.returncode
    return out


def split_paths(arguments):
    """The command, its leading rule paths, and the rest (cases.txt writes paths first)."""
    command, rest = arguments[0], arguments[1:]
    paths = []
    while rest and not rest[0].startswith("-") and (ROOT / rest[0]).exists():
        paths.append(rest.pop(0))
    return command, paths, rest


def case_golden():
    golden = ROOT / "tests" / "golden"
    snapshots = {}
    compared = 0
    with tempfile.TemporaryDirectory() as folder:
        for line in (golden / "cases.txt").read_text().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, _, arguments = line.partition(": ")
            command, paths, rest = split_paths(shlex.split(arguments))
            if not paths or "--overlay" in rest:
                continue  # overlays need the rule files (case_overlay)
            key = tuple(paths)
            if key not in snapshots:
                snapshots[key] = os.path.join(folder, f"catalog-{len(snapshots)}.snapshot")
                compile_snapshot(paths, snapshots[key])
            expected = (golden / "expected" / (name + ".out")).read_bytes()
            actual = render(run(command, snapshots[key], *rest))
            check(actual == expected, f"{name}: the snapshot's output differs from the YAML's "
                                      f"(onething {command} SNAPSHOT {' '.join(rest)})")
            compared += 1
    check(compared > 500, f"only {compared} cases compared")
    print(f"{compared} cases on {len(snapshots)} snapshots: byte-identical")


def header_length(data):
    return 16 + struct.unpack_from("<I", data, 12)[0] + 16


def expect_refused(data, message, code, commands=(("lint",),)):
    """Writes `data` as a snapshot and checks every command refuses it with `message`."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bad.snapshot")
        pathlib.Path(path).write_bytes(data)
        out = os.path.join(folder, "out.snapshot")
        for command in commands:
            result = run(*command[:1], path, *[out if a == "OUT" else a for a in command[1:]])
            check(not os.path.exists(out), f"{command}: wrote a snapshot of a bad one")
            expected = f"{path}: error: {message} [{code}]\n"
            if command[0] == "test":  # as for rule files with errors
                expected += "the rules have errors; no test was run\n"
            check(result.returncode == 1, f"{command}: exit {result.returncode}, expected 1")
            check(result.stderr.decode() == expected,
                  f"{command}: got\n{result.stderr.decode()}expected\n{expected}")
            check(result.stdout == b"", f"{command}: printed {result.stdout[:80]!r}")


AGAIN = "; compile it again from the rule files with `onething compile PATH... -o FILE`"


def case_corrupt():
    with tempfile.TemporaryDirectory() as folder:
        good = compile_snapshot(["rules"], os.path.join(folder, "rules.snapshot"))
    head = header_length(good)
    payload = len(good) - head
    commands = (("lint",), ("plan", "--bundle", "child-birth"), ("test",), ("list",),
                ("form", "--bundle", "child-birth"), ("report",), ("compile", "-o", "OUT"))
    # Truncated: inside the magic, inside the header, inside the payload.
    for size in (1, 7):
        expect_refused(good[:size], f"the snapshot is corrupt at byte {size}: the header is "
                                    "truncated" + AGAIN, "snapshot-corrupt")
    for size in (8, 15, 20, head - 1):
        expect_refused(good[:size], ("the snapshot is corrupt at byte 8: the header is "
                                     "truncated" if size < 16 else
                                     "the snapshot is corrupt at byte 12: the header is truncated "
                                     "or its version is corrupt" if size < 21 else
                                     f"the snapshot is corrupt at byte 21: the header is "
                                     "truncated") + AGAIN, "snapshot-corrupt")
    for size in (head, head + 1, head + payload // 2, len(good) - 1):
        expect_refused(good[:size], f"the snapshot is corrupt at byte {head}: the snapshot is "
                                    f"truncated: the header announces {payload} bytes of catalog, "
                                    f"the file holds {size - head}" + AGAIN, "snapshot-corrupt",
                       commands if size == head + payload // 2 else (("lint",),))
    expect_refused(good + b"\0", f"the snapshot is corrupt at byte {head}: the snapshot is too "
                                 f"long: the header announces {payload} bytes of catalog, the "
                                 f"file holds {payload + 1}" + AGAIN, "snapshot-corrupt")
    # Flipped bits: in the payload (first, middle, last byte) and in the stored checksum.
    for at in (head, head + payload // 3, len(good) - 1, head - 1):
        for bit in (0, 7):
            bad = bytearray(good)
            bad[at] ^= 1 << bit
            expect_refused(bytes(bad), "the snapshot is corrupt: its checksum does not match its "
                                       "bytes" + AGAIN, "snapshot-checksum",
                           commands if at == head + payload // 3 and bit == 0 else (("lint",),))
    # Wrong magic (still starting like a snapshot), other format, other library version.
    bad = bytearray(good)
    bad[3] ^= 0x20
    expect_refused(bytes(bad), "not an onething snapshot: its first bytes are not the snapshot "
                               "magic; name rule files, or a file written by `onething compile`"
                               + AGAIN, "snapshot-magic", commands)
    version = good[16:16 + struct.unpack_from("<I", good, 12)[0]].decode()
    bad = bytearray(good)
    struct.pack_into("<I", bad, 8, 1)
    expect_refused(bytes(bad), f"the snapshot was compiled by onething {version} (snapshot format "
                               f"1); this is onething {version} (snapshot format 7)" + AGAIN,
                   "snapshot-version", commands)
    other = "9" + version[1:]
    bad = good[:16] + other.encode() + good[16 + len(version):]
    expect_refused(bad, f"the snapshot was compiled by onething {other} (snapshot format 7); "
                        f"this is onething {version} (snapshot format 7)" + AGAIN,
                   "snapshot-version", commands)
    # A version that is no printable text is a corrupt header, not quoted in the message.
    bad = good[:16] + b"\xff" + good[17:]
    expect_refused(bad, "the snapshot is corrupt at byte 16: the header's library version is not "
                        "a version" + AGAIN, "snapshot-corrupt")
    # A snapshot is the only path of a command.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "rules.snapshot")
        pathlib.Path(path).write_bytes(good)
        result = run("lint", "rules", path)
        check(result.returncode == 2 and result.stderr.decode() == (
            f"{path}: error: a snapshot must be the only path of a command; give the snapshot "
            "alone, or the rule files it was compiled from [snapshot-not-alone]\n"),
            f"not alone: {result.stderr.decode()}")
    print("corrupt: every refusal exact")


def case_limits():
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "rules.snapshot")
        good = compile_snapshot(["rules"], path)
        size = len(good)
        listed = run("lint", "rules")
        check(listed.returncode == 0, "lint rules")
        files = sum(1 for p in (ROOT / "rules").rglob("*") if p.suffix in (".yaml", ".yml"))
        definitions = None
        for limit, value, code, message in (
                ("--max-snapshot-bytes", size,
                 "limit-snapshot-size", "the snapshot is larger than {n} bytes "
                 "(max_snapshot_bytes); raise the limit with --max-snapshot-bytes"),
                ("--max-files", files, "limit-files",
                 f"the catalog was compiled from {files} rule files, more than the limit of "
                 "{n} (max_files); raise the limit (docs/limits.md)")):
            at = run("lint", path, limit, value)
            check(at.returncode == 0, f"{limit} {value}: {at.stderr.decode()}")
            over = run("lint", path, limit, value - 1)
            expected = f"{path}: error: {message.format(n=value - 1)} [{code}]\n"
            check(over.returncode == 1 and over.stderr.decode() == expected,
                  f"{limit} {value - 1}: got\n{over.stderr.decode()}expected\n{expected}")
        # An overlay is not counted against max_files, in the snapshot as in the files.
        overlaid = os.path.join(folder, "overlaid.snapshot")
        overlay = str(ROOT / "examples" / "overlays" / "means-test-online.yaml")
        check(run("lint", "rules", "--overlay", overlay, "--max-files", files).returncode == 0,
              "lint rules with an overlay at --max-files")
        result = run("compile", "rules", "--overlay", overlay, "-o", overlaid)
        check(result.returncode == 0, f"compile with an overlay: {result.stderr.decode()}")
        at = run("lint", overlaid, "--max-files", files)
        check(at.returncode == 0, f"overlaid snapshot at --max-files {files}: {at.stderr.decode()}")
        check(run("lint", overlaid, "--max-files", files - 1).returncode == 1,
              f"overlaid snapshot at --max-files {files - 1}")
        # max_definitions: the largest refused count, then that count plus one loads.
        low, high = 0, 1_000_000
        while low + 1 < high:
            middle = (low + high) // 2
            if run("lint", path, "--max-definitions", middle).returncode == 0:
                high = middle
            else:
                low = middle
        definitions = high
        yaml_at = run("lint", "rules", "--max-definitions", definitions)
        yaml_over = run("lint", "rules", "--max-definitions", definitions - 1)
        check(yaml_at.returncode == 0 and yaml_over.returncode == 1,
              f"the YAML catalog and its snapshot count {definitions} definitions alike")
        over = run("lint", path, "--max-definitions", definitions - 1).stderr.decode()
        check(over.startswith(f"{path}: error: the catalog has more than {definitions - 1} "
                              "definitions (max_definitions), counted at byte ")
              and over.endswith("; raise the limit (docs/limits.md) [limit-definitions]\n"),
              f"max_definitions: {over}")
    print(f"limits: {size} bytes, {files} files, {definitions} definitions at N and N + 1")


def case_bytes():
    with tempfile.TemporaryDirectory() as folder:
        first = compile_snapshot(["rules", "examples/rules"], os.path.join(folder, "a"))
        second = compile_snapshot(["rules", "examples/rules"], os.path.join(folder, "b"))
        check(first == second, "the same rules, other bytes")
        again = compile_snapshot([os.path.join(folder, "a")], os.path.join(folder, "c"))
        check(again == first, "compiling a snapshot changes it")
        other = compile_snapshot(["rules"], os.path.join(folder, "d"))
        check(other != first, "different rules, same bytes")
    print(f"bytes: {len(first)} bytes, the same each time")


def case_overlay():
    overlay = "examples/overlays/means-test-online.yaml"
    plan = ["--bundle", "low-rent-housing", "--fact", "household.means_test=needs_check",
            "--fact", "low_rent.mode=rent_subsidy", "--format", "json"]
    with tempfile.TemporaryDirectory() as folder:
        plain = os.path.join(folder, "rules.snapshot")
        compile_snapshot(["rules"], plain)
        for command in (("lint",), ("plan", *plan), ("test",)):
            result = run(command[0], plain, "--overlay", overlay, *command[1:])
            expected = (f"{overlay}:1:1: error: an overlay is merged into rule files while they "
                        f"are read, and '{plain}' is a compiled snapshot; give the rule files it "
                        f"was compiled from instead [overlay-on-snapshot]\n")
            check(result.returncode == 2, f"{command}: exit {result.returncode}, expected 2")
            check(result.stderr.decode() == expected,
                  f"{command}: got\n{result.stderr.decode()}expected\n{expected}")
        overlaid = os.path.join(folder, "overlaid.snapshot")
        check(run("compile", "rules", "--overlay", overlay, "-o", overlaid).returncode == 0,
              "compile with an overlay failed")
        from_yaml = run("plan", "rules", "--overlay", overlay, *plan)
        from_snapshot = run("plan", overlaid, *plan)
        check(from_yaml.returncode == 0 and from_yaml.stdout == from_snapshot.stdout,
              "a snapshot compiled with an overlay plans differently from the overlaid rules")
    print("overlay: refused over a snapshot; compiled in, the same plan")


def chunked_catalog():
    """Rule file text: 1,500 fields, 1,200 materials and 2,600 items (two, two and three chunks
    of 1,024), items naming definitions of other chunks, some under a condition."""
    def numbered(prefix, n):
        return f"{prefix}{n:05d}"
    fields, materials, items = 1500, 1200, 2600
    lines = ["format: 1", "", "facts:",
             "  p.local: {type: bool, question: {zh: 本地？, en: 'Local?'}, default: true}", "",
             "fields:"]
    for f in range(fields):
        lines.append(f"  {numbered('f.', f)}: {{type: string, label: {{zh: 字段{f}, en: field {f}}}}}")
    lines += ["", "materials:"]
    for m in range(materials):
        licence = ", e_license: true" if m % 3 == 0 else ""
        lines.append(f"  {numbered('m.', m)}: {{name: {{zh: 材料{m}, en: material {m}}}{licence}}}")
    lines += ["", "items:"]
    for i in range(items):
        lines += [f"  {numbered('i.', i)}:", f"    name: {{zh: 事项{i}, en: item {i}}}",
                  f"    duration_days: {1 + i % 9}", "    needs:"]
        if i >= 1100:
            before = numbered("i.", i - 1100)
            lines.append(f"      items: [{before if i % 2 == 0 else '{item: ' + before + ', when: p.local}'}]")
        m = (i * 7) % materials
        when = ", when: '!p.local'" if i % 5 == 0 else ""
        lines.append(f"      materials: [{numbered('m.', m)}, {{any_of: [{numbered('m.', (m + 601) % materials)}, "
                     f"{numbered('m.', (m + 3) % materials)}]{when}}}]")
        lines.append(f"      fields: [{numbered('f.', (i * 13) % fields)}, {numbered('f.', (i * 13 + 700) % fields)}]")
        lines.append(f"    produces: {{fields: [{numbered('f.', (i * 11 + 5) % fields)}]}}")
    lines += ["", "bundles:", "  b:", "    name: {zh: 一件事, en: one thing}",
              f"    goals: [{numbered('i.', 5)}, {numbered('i.', 1500)}, {numbered('i.', 2310)}, {numbered('i.', 2599)}]",
              ""]
    return "\n".join(lines)


def case_chunks():
    with tempfile.TemporaryDirectory() as folder:
        rules = os.path.join(folder, "chunked.yaml")
        pathlib.Path(rules).write_text(chunked_catalog(), encoding="utf-8")
        snapshot = os.path.join(folder, "chunked.snapshot")
        first = compile_snapshot([rules], snapshot)
        again = compile_snapshot([snapshot], os.path.join(folder, "again.snapshot"))
        check(first == again, "compiling the chunked snapshot again gave other bytes")
        commands = [("lint",), ("list", "--lang", "en"), ("test",),
                    ("plan", "--bundle", "b", "--lang", "en"),
                    ("plan", "--bundle", "b", "--fact", "p.local=false", "--format", "json"),
                    ("guide", "--bundle", "b", "--lang", "en"),
                    ("form", "--bundle", "b", "--fact", "p.local=false"),
                    ("report", "--format", "json")]
        for command in commands:
            from_yaml = run(command[0], rules, *command[1:])
            from_snapshot = run(command[0], snapshot, *command[1:])
            # Diagnostics name the file read: the snapshot's name stands for the rule file's.
            expected = render(from_yaml).replace(rules.encode(), snapshot.encode())
            check(render(from_snapshot) == expected,
                  f"{' '.join(command)}: the snapshot's output differs from the rule file's")
            check(from_yaml.returncode == 0, f"{' '.join(command)}: {from_yaml.stderr.decode()}")
    print(f"chunks: {len(commands)} commands give the same output on the chunked snapshot")


CASES = {"golden": case_golden, "corrupt": case_corrupt, "limits": case_limits,
         "bytes": case_bytes, "overlay": case_overlay, "chunks": case_chunks}

if __name__ == "__main__":
    CASES[CASE]()

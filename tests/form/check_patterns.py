"""Checks tests/data/patterns/agreement.json against the validators a merged form meets: every
pattern the table says the engine accepts must compile in Python's re (the jsonschema package's
engine), and in Node's RegExp with the u flag (ECMA-262, as ajv compiles it), where each of its
texts must match or not as the table says. The engine is checked against the same table by
tests/pattern_syntax_test.cpp. Exits 77 (skipped) without Node."""
import json
import re
import shutil
import subprocess
import sys

CHECK_IN_NODE = r"""
const table = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
let differences = 0;
for (const row of table.patterns.filter((row) => row.accepted)) {
  let regex;
  try {
    regex = new RegExp(row.pattern, 'u');
  } catch (error) {
    console.log(`ECMA-262 refuses ${JSON.stringify(row.pattern)}: ${error.message}`);
    differences++;
    continue;
  }
  for (const [text, expected] of Object.entries(row.matches || {})) {
    if (regex.test(text) !== expected) {
      console.log(`${JSON.stringify(row.pattern)} on ${JSON.stringify(text)}: ECMA-262 says ` +
                  `${!expected}, the table ${expected}`);
      differences++;
    }
  }
}
process.exit(differences ? 1 : 0);
"""


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as source:
        table = json.load(source)
    accepted = [row for row in table["patterns"] if row["accepted"]]
    failures = 0
    for row in accepted:
        try:
            re.compile(row["pattern"])
        except re.error as error:
            print(f"Python's re refuses {row['pattern']!r}: {error}")
            failures += 1
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        print("node not found: the ECMA-262 half is skipped")
        return 77 if failures == 0 else 1
    done = subprocess.run([node, "-e", CHECK_IN_NODE, path], check=False)
    failures += done.returncode != 0
    print(f"{len(accepted)} accepted patterns of {len(table['patterns'])}: "
          + ("agree" if failures == 0 else "differ"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

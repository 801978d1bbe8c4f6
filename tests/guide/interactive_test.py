#!/usr/bin/env python3
"""`onething guide --interactive` through a pseudo-terminal (pexpect), and with piped input.

Usage: interactive_test.py ONETHING RULES_FILE CASE
       (CASE: terminal, piped, stopped, interrupted, over_rules, facts_limit)
"""
import os
import shutil
import subprocess
import sys
import tempfile

ONETHING, RULES, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
COMMAND = [ONETHING, "guide", RULES, "--bundle", "birth", "--interactive", "--lang", "en"]


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def terminal():
    import pexpect

    with tempfile.TemporaryDirectory() as folder:
        facts_path = os.path.join(folder, "facts.yaml")
        child = pexpect.spawn(COMMAND[0], COMMAND[1:], encoding="utf-8", timeout=20)
        child.logfile_read = sys.stdout
        # The gate first: the bundle's own `when`.
        child.expect_exact("1. applicant.resident: Do you live in the city?")
        child.expect_exact("yes or no")
        child.expect_exact("decides whether the bundle is for the applicant")
        child.expect_exact("> ")
        child.sendline("maybe")  # not an answer: re-asked with a clear message
        child.expect_exact("please answer yes or no")
        child.expect_exact("> ")
        child.sendline("yes")
        # Then the fact deciding the most items; its default is preselected, not taken.
        child.expect_exact("2. mother.insured: Is the mother insured?")
        child.expect_exact("default: yes — confirm")
        child.expect_exact("decides 2: hr.maternity_benefit, hr.young_mother_support")
        child.expect_exact("> ")
        child.sendline("")  # Enter takes the default
        child.expect_exact("3. child.hukou_parent: Whose household register does the child join?")
        child.expect_exact("one of: father (Father), mother (Mother)")
        child.expect_exact("> ")
        child.sendline("Mother")  # a label is an answer
        child.expect_exact("4. mother.age: How old is the mother?")
        child.expect_exact("> ")
        child.sendline("abc")
        child.expect_exact("fact 'mother.age'")
        child.expect_exact("> ")
        child.sendline("<")  # back one question
        child.expect_exact("3. child.hukou_parent")
        child.expect_exact("> ")
        child.sendline("1")  # its number in the list: father
        child.expect_exact("4. mother.age")
        child.expect_exact("> ")
        child.sendline("19")
        child.expect_exact("Plan:")
        child.expect_exact(
            "items in the plan (3): hr.maternity_benefit, hr.young_mother_support, "
            "ps.birth_registration")
        child.expect_exact("Facts (read back with --facts):")
        child.expect_exact("Write the facts to a file?")
        child.sendline(facts_path)
        child.expect_exact("Written to " + facts_path)
        child.expect(pexpect.EOF)
        child.close()
        check(child.exitstatus == 0, "exit status %r" % child.exitstatus)
        with open(facts_path, encoding="utf-8") as facts:
            written = facts.read()
        check(written == 'applicant.resident: true\nchild.hukou_parent: "father"\n'
                         'mother.age: 19\nmother.insured: true\n', "facts file: %r" % written)
        # The facts file reads back: the guide has nothing more to ask, the plan is made.
        guide = subprocess.run([ONETHING, "guide", RULES, "--bundle", "birth", "--facts",
                                facts_path, "--lang", "en"], capture_output=True, text=True)
        check(guide.returncode == 0 and "no questions" in guide.stdout, guide.stdout + guide.stderr)


def piped():
    with tempfile.TemporaryDirectory() as folder:
        facts_path = os.path.join(folder, "facts.yaml")
        run = subprocess.run(COMMAND + ["-o", facts_path], input="yes\nno\nmother\n",
                             capture_output=True, text=True, timeout=20)
        check(run.returncode == 0, run.stdout + run.stderr)
        # mother.insured = no decides both benefits (false): mother.age is never asked.
        check("How old is the mother?" not in run.stdout, run.stdout)
        check("Written to " + facts_path in run.stdout, run.stdout)
        with open(facts_path, encoding="utf-8") as facts:
            written = facts.read()
        check(written == 'applicant.resident: true\nchild.hukou_parent: "mother"\n'
                         'mother.insured: false\n', "facts file: %r" % written)


def over_rules():
    """A path typed at the prompt is checked as -o is: the catalog's own rule file is refused
    (exit status 2, unwritable) and left as it was; the facts were printed before."""
    with tempfile.TemporaryDirectory() as folder:
        rules = os.path.join(folder, "rules.yaml")
        shutil.copyfile(RULES, rules)
        run = subprocess.run([ONETHING, "guide", rules, "--bundle", "birth", "--interactive",
                              "--lang", "en"], input="yes\nno\nmother\n" + rules + "\n",
                             capture_output=True, text=True, timeout=20)
        check(run.returncode == 2 and "it is a rule file of this command" in run.stderr
              and "[unwritable]" in run.stderr, run.stdout + run.stderr)
        check("applicant.resident: true" in run.stdout, run.stdout)
        with open(RULES, encoding="utf-8") as original, open(rules, encoding="utf-8") as copy:
            check(original.read() == copy.read(), "the rule file was written over")


def stopped():
    run = subprocess.run(COMMAND, input="yes\n", capture_output=True, text=True, timeout=20)
    check(run.returncode == 1, "exit status %d" % run.returncode)
    check("Stopped before every question was answered" in run.stderr, run.stderr)
    check("applicant.resident: true" in run.stdout, run.stdout)


def interrupted():
    """Ctrl-C on the terminal ends the session as `q` does, the answers kept: the facts so far
    are printed and written to -o, and the exit status is 130 (128 + SIGINT)."""
    import pexpect

    with tempfile.TemporaryDirectory() as folder:
        facts_path = os.path.join(folder, "facts.yaml")
        child = pexpect.spawn(COMMAND[0], COMMAND[1:] + ["-o", facts_path], encoding="utf-8",
                              timeout=20)
        child.logfile_read = sys.stdout
        child.expect_exact("1. applicant.resident")
        child.expect_exact("> ")
        child.sendline("yes")
        child.expect_exact("2. mother.insured")
        child.expect_exact("> ")
        child.sendintr()
        child.expect_exact("Interrupted (Ctrl-C); the facts so far follow, so that none is lost.")
        child.expect_exact("applicant.resident: true")
        child.expect_exact("Written to " + facts_path)
        child.expect(pexpect.EOF)
        child.close()
        check(child.exitstatus == 130 and child.signalstatus is None,
              f"exit status {child.exitstatus}, signal {child.signalstatus}")
        with open(facts_path, encoding="utf-8") as written:
            check(written.read() == "applicant.resident: true\n", "the facts file written")


def facts_limit():
    """An answer that would make the facts file longer than --max-file-bytes, which --facts
    could then not read back, is refused and asked again: at N bytes written, at N + 1 not."""
    with tempfile.TemporaryDirectory() as folder:
        rules = os.path.join(folder, "rules.yaml")
        with open(rules, "w", encoding="utf-8") as out:
            out.write("facts:\n  s.name: {type: string, question: {en: 'Name?'}}\n"
                      "items:\n  i: {name: I, when: \"s.name == 'x'\"}\n"
                      "bundles:\n  b: {name: B, goals: [i]}\n")
        facts_path = os.path.join(folder, "facts.yaml")
        command = [ONETHING, "guide", rules, "--bundle", "b", "--interactive", "--lang", "en",
                   "--max-file-bytes", "300", "-o", facts_path]
        # The facts file is `s.name: "..."` and a new line: 11 bytes more than the answer.
        run = subprocess.run(command, input="y" * 290 + "\n" + "y" * 289 + "\n",
                             capture_output=True, text=True, timeout=20)
        check(run.returncode == 0, run.stdout + run.stderr)
        check(run.stdout.count("That answer would make the facts file longer than the 300 bytes")
              == 1, run.stdout)
        check(os.path.getsize(facts_path) == 300, "facts file of %d bytes"
              % os.path.getsize(facts_path))
        again = subprocess.run([ONETHING, "plan", rules, "--bundle", "b", "--facts", facts_path,
                                "--max-file-bytes", "300"], capture_output=True, text=True,
                               timeout=20)
        check(again.returncode == 0, again.stdout + again.stderr)


{"terminal": terminal, "piped": piped, "stopped": stopped, "interrupted": interrupted,
 "over_rules": over_rules, "facts_limit": facts_limit}[CASE]()
print("ok")

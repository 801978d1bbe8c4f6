#!/usr/bin/python3
"""The studio and the HTML pages in a real browser: headless Chromium driven by Selenium.

Usage: browser_test.py ONETHING RULES OUTDIR CASE

CASE is one of:
  studio  `onething serve` on 127.0.0.1 (a free port); /studio?bundle=child-birth loads with no
          console error; its questions are controls named by fact id, each with a label;
          answering them (by keyboard and by mouse) gives a plan, and changing an answer changes
          the plan; a bad value on the merged form is refused by the browser's validation (the
          form is not sent); good values are dispatched per department; / leads to /studio;
          every shipped bundle plans in the studio once its questions are answered.
  studio-odd  the studio on RULES = tests/data/studio: ids that are JavaScript built-in
          property names, integer bounds, integers past 2^53, patterns JavaScript cannot
          compile or with '$', the dispatch and typed values across a new plan, right-to-left
          names drawn in the critical path's order, a catalog without bundles.
  pages   `onething plan --format html` and `report --format html` written to files: no
          external reference (no src, href, url(), @import, script), and opened from the file
          in the browser with no console error, the figures drawn; two right-to-left names in
          a plan's critical path drawn in its order.
Screenshots go to OUTDIR. Needs Debian's chromium, chromium-driver and python3-selenium.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # a machine without python3-selenium: a ctest SKIP, not a failure
    print("SKIP: python3-selenium is not installed (scripts/install-deps.sh installs it)")
    sys.exit(77)

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "form"))
import validate_schema  # noqa: E402  (the form tests' answer generator)

WAIT = 20  # seconds for any one thing to show up


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1440,2400", "--lang=zh-CN", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(WAIT)
    driver.set_script_timeout(WAIT)
    return driver


def console_errors(driver):
    """The browser console's errors (and CSP violations) since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def left_edges(driver, element, texts):
    """Where each of `texts` starts to be drawn (pixels from the left) in the first text node
    of `element`, which holds them all."""
    return driver.execute_script(
        "const node = arguments[0].firstChild;"
        "return arguments[1].map((text) => {"
        "  const at = node.textContent.indexOf(text);"
        "  const range = document.createRange();"
        "  range.setStart(node, at);"
        "  range.setEnd(node, at + text.length);"
        "  return range.getBoundingClientRect().left; });", element, texts)


def check_console(driver, check, prefix=""):
    """Fails the check when the browser's console logged errors since it was last read; the
    message starts with `prefix`."""
    errors = console_errors(driver)
    check(not errors, f"{prefix}console errors: " + "; ".join(errors))


class Server:
    """`onething serve RULES` on a free port of 127.0.0.1, stopped with SIGTERM."""

    def __init__(self, binary, rules):
        self.process = subprocess.Popen([binary, "serve", rules, "--listen", "127.0.0.1:0"],
                                        stderr=subprocess.PIPE, text=True)
        deadline = time.time() + WAIT
        while time.time() < deadline:
            line = self.process.stderr.readline()
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                self.url = match.group(1)
                return
        raise RuntimeError("onething serve did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Check:
    def __init__(self):
        self.problems = []

    def __call__(self, condition, message):
        if not condition:
            self.problems.append(message)
            print("FAIL:", message)
        return condition


def wait_for(driver, predicate, what):
    try:
        return WebDriverWait(driver, WAIT, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: predicate(d))
    except TimeoutException:
        raise AssertionError("timed out waiting for " + what) from None


def status_text(driver):
    return driver.find_element(By.ID, "status").text


def planned_items(driver):
    """The items of the schedule figure now shown, by id."""
    return sorted(driver.execute_script(
        "return [...document.querySelectorAll('#figure-schedule g[data-item]')]"
        ".map((node) => node.getAttribute('data-item'))"))


def wait_for_plan(driver, previous=None):
    """Waits until a plan is shown (different from `previous` when given); its items."""
    def ready(d):
        items = planned_items(d)
        rows = d.execute_script("return document.querySelectorAll('#metrics tbody tr').length")
        if not items or rows == 0:
            return False
        return items if previous is None or items != previous else False
    return wait_for(driver, ready, "a plan")


def check_labels(driver, check, container):
    """Every control in `container` has a name and a label tied to it."""
    controls = driver.find_elements(By.CSS_SELECTOR, f"{container} input, {container} select")
    check(controls, f"{container} has no controls")
    for control in controls:
        name = control.get_attribute("name")
        ident = control.get_attribute("id")
        labels = driver.find_elements(By.CSS_SELECTOR, f'label[for="{ident}"]')
        check(name and ident and labels, f"{container}: control {ident!r} ({name!r}) has no label")


def answer_questions(driver, wanted):
    """Answers the open questions (radio values from `wanted`, else the first value), by
    keyboard, until no question is marked as needed."""
    for _ in range(30):
        needed = driver.find_elements(By.CSS_SELECTOR, "#questions .needed")
        if not needed:
            return
        box = needed[0].find_element(By.XPATH, "./ancestor::*[@data-fact][1]")
        fact = box.get_attribute("data-fact")
        radios = box.find_elements(By.CSS_SELECTOR, "input[type=radio]")
        if radios:
            value = wanted.get(fact)
            target = next((r for r in radios if r.get_attribute("value") == value), radios[0])
            target.send_keys(Keys.SPACE)  # the keyboard selects a radio
        else:
            field = box.find_element(By.CSS_SELECTOR, "input")
            kind = field.get_attribute("type")
            field.send_keys("1" if kind == "number" else "2024-01-01" if kind == "date" else "x")
            field.send_keys(Keys.TAB)
        wait_for(driver, lambda d, f=fact: not d.find_elements(
            By.CSS_SELECTOR, f'#questions [data-fact="{f}"] .needed'), f"an answer to {fact}")
    raise AssertionError("questions keep coming")


def shipped_facts(bundle):
    """The facts the golden form cases give `bundle` (tests/golden/cases.txt), as radio values:
    answers for which the bundle is for the applicant."""
    cases = os.path.join(os.path.dirname(__file__), "..", "golden", "cases.txt")
    with open(cases, encoding="utf-8") as stream:
        for line in stream:
            if line.startswith(f"form-{bundle}-0-") and f"--bundle {bundle} " in line + " ":
                return dict(pair.split("=", 1) for pair in re.findall(r"--fact (\S+)", line))
    return {}


def set_value(driver, control, value):
    """Sets a form control's value as a user would, firing input and change."""
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", control, value)


def fill_form(driver, schema):
    """Fills the merged form with the good answers generated from its schema."""
    good, _ = validate_schema.synthesize(schema)
    if good is None:
        raise AssertionError("no good answers for the form")
    kinds = validate_schema.annotations(schema).get("fields", {})
    for field, _leaf in validate_schema.leaves(schema):
        value = good
        for part in field.split("."):
            value = value[part]
        if kinds.get(field, {}).get("type") == "date":
            value = "2024-03-01"  # a date input takes years from 0001 on
        control = driver.find_element(By.ID, "f-" + field)
        set_value(driver, control, "true" if value is True else "false" if value is False
                  else str(value))
    return good


def fetch_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=WAIT) as response:
        return json.load(response)


def studio(binary, rules, outdir, check):
    server = Server(binary, rules)
    driver = browser()
    try:
        # / leads to the studio, the query kept.
        driver.get(server.url + "/?bundle=child-birth&lang=zh")
        check(driver.current_url.startswith(server.url + "/studio?bundle=child-birth"),
              "/ does not lead to /studio: " + driver.current_url)
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#questions [data-fact]"),
                 "the guide's questions")
        check(driver.find_element(By.ID, "bundle").get_attribute("value") == "child-birth",
              "?bundle=child-birth is not the bundle picked")
        check("小孩出生" in driver.find_element(By.ID, "bundle").text, "bundle names not in Chinese")
        check_labels(driver, check, "#questions")
        # The first questions are the guide's, in its order.
        guide = fetch_json(server.url + "/v1/guide", {"bundle": "child-birth", "lang": "zh"})
        shown = [node.get_attribute("data-fact") for node in
                 driver.find_elements(By.CSS_SELECTOR, "#questions [data-fact]")]
        check(shown == [q["fact"] for q in guide["questions"]],
              f"questions {shown} are not the guide's order")
        for question in guide["questions"]:
            if question.get("default") is not None and question["type"] == "bool":
                radio = driver.find_element(
                    By.CSS_SELECTOR, f'input[name="{question["fact"]}"]'
                                     f'[value="{str(question["default"]).lower()}"]')
                check(radio.is_selected(), f"the default of {question['fact']} is not preselected")
        driver.save_screenshot(os.path.join(outdir, "studio-questions.png"))

        answer_questions(driver, {"parents.hukou_local": "true",
                                  "mother.maternity_insured": "true"})
        first = wait_for_plan(driver)
        check(re.search(r"\d", status_text(driver)), "no plan status: " + status_text(driver))
        for figure in ("schedule", "graph", "metrics"):
            check(driver.find_elements(By.CSS_SELECTOR, f"#figure-{figure} svg.figure.{figure}"),
                  f"no {figure} figure")
        check(driver.find_elements(By.CSS_SELECTOR, "#figure-schedule g.critical"),
              "the schedule marks no critical item")
        check(driver.find_elements(By.CSS_SELECTOR, '#materials [data-provision="submitted"] li'),
              "no material to submit is listed")
        # Changing an answer (by mouse, on the label) changes the plan.
        driver.find_element(
            By.CSS_SELECTOR, 'label[for="q-mother.maternity_insured-1"]').click()
        second = wait_for_plan(driver, first)
        check(second != first, "answering a question did not change the plan")
        check("medical_insurance.maternity_allowance" in first and
              "medical_insurance.maternity_allowance" not in second,
              f"the maternity allowance did not leave the plan: {first} -> {second}")
        # And back: the maternity benefits (and their bank account field) return.
        driver.find_element(
            By.CSS_SELECTOR, 'label[for="q-mother.maternity_insured-0"]').click()
        third = wait_for_plan(driver, second)
        check(third == first, f"the same answers give another plan: {first} -> {third}")
        driver.save_screenshot(os.path.join(outdir, "studio-plan.png"))
        # The picture of the README: the top of the page at a laptop's size.
        driver.set_window_size(1280, 1250)
        driver.execute_script("window.scrollTo(0, 0)")
        time.sleep(0.3)
        driver.save_screenshot(os.path.join(outdir, "studio-readme.png"))
        # A phone's width (360px): the page with its plan fits; nothing scrolls sideways.
        driver.set_window_size(360, 2400)
        time.sleep(0.3)
        wide, window = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        check(wide <= window, f"at 360px the page is {wide}px wide in a {window}px window")
        driver.save_screenshot(os.path.join(outdir, "studio-phone.png"))
        driver.set_window_size(1440, 2400)

        # The merged form: controls named by field id, labelled; a bad value is refused.
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#answers [name]"), "the form")
        check_labels(driver, check, "#answers")
        schema = fetch_json(server.url + "/v1/form", {
            "bundle": "child-birth", "lang": "zh",
            "facts": {"parents.hukou_local": True, "mother.maternity_insured": True}})
        names = sorted(c.get_attribute("name") for c in
                       driver.find_elements(By.CSS_SELECTOR, "#answers [name]"))
        check(names == sorted(f for f, _ in validate_schema.leaves(schema)),
              f"form controls {names} are not the schema's fields")
        fill_form(driver, schema)
        patterned = next((f for f, leaf in validate_schema.leaves(schema)
                          if validate_schema.patterns_of(leaf) and leaf.get("type") == "string"
                          and "oneOf" not in leaf), None)
        check(patterned, "the form has no field with a pattern")
        control = driver.find_element(By.ID, "f-" + patterned)
        set_value(driver, control, "不合格!")
        form_valid = driver.execute_script(
            "return document.getElementById('answers').checkValidity()")
        check(not form_valid, f"the browser accepts '不合格!' for {patterned}")
        check(not driver.execute_script("return arguments[0].validity.valid", control),
              f"{patterned} is not invalid")
        driver.find_element(By.CSS_SELECTOR, "#answers button[type=submit]").click()
        time.sleep(0.5)
        check(not driver.find_elements(By.CSS_SELECTOR, "#dispatch .department"),
              "a form with a bad value was sent")
        check(driver.find_element(By.ID, "m-" + patterned).text != "",
              "no message beside the bad value")
        driver.save_screenshot(os.path.join(outdir, "studio-form-refused.png"))
        # Good values: dispatched per department.
        fill_form(driver, schema)
        check(driver.execute_script("return document.getElementById('answers').checkValidity()"),
              "the browser refuses the good answers")
        driver.find_element(By.CSS_SELECTOR, "#answers button[type=submit]").click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#dispatch .department"),
                 "the dispatch")
        departments = sorted(node.get_attribute("data-department") for node in
                             driver.find_elements(By.CSS_SELECTOR, "#dispatch .department"))
        check("public_security" in departments, f"departments dispatched: {departments}")
        driver.execute_script("document.getElementById('dispatch').scrollIntoView()")
        driver.save_screenshot(os.path.join(outdir, "studio-dispatch.png"))
        check_console(driver, check)

        # Another language keeps the answers and words everything again.
        language = driver.find_element(By.ID, "lang")
        language.send_keys(Keys.ARROW_DOWN)  # zh -> en, by keyboard
        wait_for(driver, lambda d: "Studio" in d.find_element(By.TAG_NAME, "h1").text,
                 "the English page")
        # The page's own words change at once; the questions when the English guide has come
        # (a slow service, as under the sanitizers, shows the Chinese ones a while longer).
        def english_legend(d):
            legend = d.find_element(
                By.CSS_SELECTOR, '[data-fact="mother.maternity_insured"] legend').text
            english = re.search(r"[A-Za-z]{4}", legend) and not re.search(r"[\u4e00-\u9fff]",
                                                                          legend)
            return legend if english else False
        try:
            wait_for(driver, english_legend, "the English questions")
        except AssertionError:
            legend = driver.find_element(
                By.CSS_SELECTOR, '[data-fact="mother.maternity_insured"] legend').text
            check(False, f"an answered question is not in English: {legend!r}")
        english = wait_for_plan(driver)
        check(english == first, f"the answers were lost with the language: {english}")
        check("lang=en" in driver.current_url, "the address does not follow the language")

        # English, and every shipped bundle once its questions are answered.
        with urllib.request.urlopen(server.url + "/v1/bundles?lang=en", timeout=WAIT) as response:
            bundles = json.load(response)["bundles"]
        for bundle in bundles:
            driver.get(f"{server.url}/studio?bundle={bundle['id']}&lang=en")
            wait_for(driver, lambda d: d.find_element(By.ID, "status").text not in ("", "Planning…"),
                     f"the studio of {bundle['id']}")
            answer_questions(driver, shipped_facts(bundle["id"]))
            try:
                wait_for_plan(driver)
            except AssertionError:
                check(False, f"{bundle['id']}: no plan ({status_text(driver)})")
                continue
            check(bundle["name"] in driver.find_element(By.ID, "bundle").text,
                  f"{bundle['id']}: its English name is not shown")
            check_console(driver, check, f"{bundle['id']}: ")
            if bundle["id"] == "nev-plate":
                driver.save_screenshot(os.path.join(outdir, "studio-en-nev-plate.png"))

        # A bundle the catalog does not have, asked for by the address: said above the page,
        # which shows the first bundle, until another is picked.
        driver.get(f"{server.url}/studio?bundle=no.such-bundle&lang=en")
        wait_for(driver, lambda d: d.find_element(By.ID, "notice").is_displayed(),
                 "the notice of an unknown bundle")
        notice = driver.find_element(By.ID, "notice").text
        check("no.such-bundle" in notice and f"({bundles[0]['id']})" in notice,
              f"the unknown bundle's notice: {notice!r}")
        check(driver.find_element(By.ID, "bundle").get_attribute("value") == bundles[0]["id"],
              "an unknown bundle does not show the first")
        wait_for(driver, lambda d: f"bundle={bundles[0]['id']}" in d.current_url,
                 "the address naming the bundle shown")
        driver.save_screenshot(os.path.join(outdir, "studio-unknown-bundle.png"))
        driver.find_element(By.ID, "bundle").send_keys(Keys.ARROW_DOWN)
        wait_for(driver, lambda d: not d.find_element(By.ID, "notice").is_displayed(),
                 "the notice gone once another bundle is picked")
        driver.get(f"{server.url}/studio?bundle={bundles[0]['id']}&lang=en")
        wait_for(driver, lambda d: d.find_element(By.ID, "status").text not in ("", "Planning…"),
                 "the studio of a known bundle")
        check(not driver.find_element(By.ID, "notice").is_displayed(),
              "a known bundle gets a notice")
    finally:
        driver.quit()
        server.stop()


def control_state(driver, ident):
    """A form control's value, validity and message, as the page has them."""
    return driver.execute_script(
        "const c = document.getElementById(arguments[0]);"
        "const m = document.getElementById('m-' + arguments[0].slice(2));"
        "return c && {value: c.value, valid: c.validity.valid, message: m ? m.textContent : null,"
        "             min: c.getAttribute('min'), max: c.getAttribute('max')};", ident)


def studio_odd(binary, rules, outdir, check):
    """The studio on tests/data/studio: ids that are JavaScript built-in property names,
    fractional integer bounds, integers past 2^53, a pattern JavaScript cannot compile, '$' in
    texts, the dispatch and typed values across a new plan, right-to-left names, a catalog
    without bundles."""
    server = Server(binary, os.path.join(rules, "odd"))
    driver = browser()
    try:
        driver.get(server.url + "/studio?bundle=odd-ids&lang=en")
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '#questions [data-fact]'),
                 "the guide's questions")
        wait_for(driver, lambda d: status_text(d) not in ("", "Planning…"), "the first status")
        # A fact named 'constructor' (an Object.prototype property) has no default: it is needed.
        check(driver.find_elements(By.CSS_SELECTOR, '#questions [data-fact="constructor"] .needed'),
              "the fact 'constructor' is not marked as needed")
        check(not planned_items(driver), "a plan is shown before 'constructor' is answered")
        answer_questions(driver, {"constructor": "true"})
        wait_for_plan(driver)
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#answers [name]"), "the form")
        # A field 'constructor.name' is a field in a group 'constructor', not a bogus input.
        names = sorted(c.get_attribute("name") for c in
                       driver.find_elements(By.CSS_SELECTOR, "#answers [name]"))
        check(names == ["constructor.name", "f.big", "f.code", "f.count", "f.currency"],
              f"form controls: {names}")
        check(driver.find_elements(By.CSS_SELECTOR, "#answers fieldset.group #f-constructor\\.name"),
              "the field constructor.name is not in a group")
        # An integer field with the bounds 0.5..10.5 takes the whole numbers 1..10, as the
        # service does.
        count = driver.find_element(By.ID, "f-f.count")
        for value, good in (("1", True), ("10", True), ("0", False), ("11", False), ("1.5", False)):
            set_value(driver, count, value)
            got = control_state(driver, "f-f.count")
            check(got["valid"] == good, f"f.count {value!r}: valid is {got['valid']} "
                  f"(min {got['min']}, max {got['max']})")
        # A pattern JavaScript cannot compile ((?i), a lint warning only) is left to the
        # service: typing is no error, and the field says the service checks it.
        code = driver.find_element(By.ID, "f-f.code")
        code.send_keys("abc")
        got = control_state(driver, "f-f.code")
        check(got["valid"], f"f.code 'abc' is refused: {got}")
        check_console(driver, check, "typing into f.code: ")
        note = driver.find_elements(By.CSS_SELECTOR, "#answers .field .service-only")
        check(note and "(?i)^abc$" in note[0].text, "f.code does not say the service checks it")
        # '$' in a pattern or a name is shown as written ('$$', '$&' are no replacement
        # patterns), and a name holding '{days}' is not filled in.
        currency = driver.find_element(By.ID, "f-f.currency")
        currency.send_keys("EUR")
        got = control_state(driver, "f-f.currency")
        check(not got["valid"] and "^US\\$$" in got["message"],
              f"f.currency 'EUR': {got}")
        critical = driver.find_element(By.ID, "critical-path").text
        check(critical == "Critical path: \u2068Item two {days} $&\u2069 (3 days)",
              f"the critical path reads {critical!r}")
        check(driver.execute_script(
            "return t('critical', {path: 'a $\\' $` $$ {days}', days: 2})")
            == "Critical path: a $' $` $$ {days} (2 days)", "t() rewrites its values")
        # A count of one is singular in English: "1 item", "1 day".
        for script, expected in (("return t('planned', {n: 1})", "Plan updated: 1 item"),
                                 ("return t('planned', {n: 2})", "Plan updated: 2 items"),
                                 ("return t('critical', {path: 'x', days: 1})",
                                  "Critical path: x (1 day)"),
                                 ("return t('dispatched', {n: 1})", "Dispatched to 1 department")):
            got = driver.execute_script(script)
            check(got == expected, f"{script}: {got!r}")
        # A whole number past 2^53 is sent and shown with its digits as typed; one past
        # 2^63 - 1 is refused by the page.
        big = driver.find_element(By.ID, "f-f.big")
        set_value(driver, big, "9223372036854775808")
        got = control_state(driver, "f-f.big")
        check(not got["valid"] and got["message"], f"f.big 2^63 is not refused: {got}")
        good = {"constructor.name": "x", "f.count": "3", "f.code": "abc", "f.currency": "US$",
                "f.big": "123456789012345678"}
        for field, value in good.items():
            set_value(driver, driver.find_element(By.ID, "f-" + field), value)
        check(driver.execute_script("return document.getElementById('answers').checkValidity()"),
              "the browser refuses the good answers")
        driver.execute_script(
            "window.sent = []; const send = window.fetch;"
            "window.fetch = (url, init) => { if (init && init.body) window.sent.push(init.body);"
            "  return send(url, init); };")
        driver.find_element(By.CSS_SELECTOR, "#answers button[type=submit]").click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#dispatch .department"),
                 "the dispatch")
        sent = driver.execute_script("return window.sent")
        check(len(sent) == 1 and '"f.big":123456789012345678,' in sent[0],
              f"the dispatch request: {sent}")
        check(json.loads(sent[0])["answers"]["f.count"] == 3 if sent else False,
              f"f.count is not the number 3: {sent}")
        shown = driver.find_element(By.ID, "dispatch").text
        check("123456789012345678" in shown, f"the dispatch shows: {shown!r}")
        # Changing an answer gives a new plan: the old dispatch leaves, the values typed in the
        # fields still asked stay.
        before = planned_items(driver)
        driver.find_element(By.CSS_SELECTOR, 'label[for="q-extra-1"]').click()
        wait_for_plan(driver, before)
        wait_for(driver, lambda d: status_text(d).startswith("Plan updated"), "the new plan")
        check(not driver.find_elements(By.CSS_SELECTOR, "#dispatch *"),
              "the dispatch of the old plan is still shown")
        for field, value in good.items():
            got = control_state(driver, "f-" + field)
            check(got and got["value"] == value, f"{field}: typed {value!r}, now {got}")
        check_console(driver, check)
        driver.save_screenshot(os.path.join(outdir, "studio-odd.png"))
        # A whole-number question answered 5.5 or 1e3 is refused in the command line's words
        # (the service's 400), not dropped or rounded; a whole number plans again.
        driver.find_element(By.CSS_SELECTOR, 'label[for="q-extra-0"]').click()  # yes: copies matter
        wait_for(driver, lambda d: d.find_elements(
            By.CSS_SELECTOR, '#questions [data-fact="copies"] input'), "the copies question")
        wait_for(driver, lambda d: status_text(d).startswith("Plan updated"), "the plan with extra")
        copies = driver.find_element(By.CSS_SELECTOR, '#questions [data-fact="copies"] input')
        for typed in ("5.5", "1e3"):
            set_value(driver, copies, typed)
            wanted = f"fact 'copies' must be a decimal integer, not '{typed}'"
            try:
                wait_for(driver, lambda d, w=wanted: w in status_text(d), f"the refusal of {typed}")
            except AssertionError:
                check(False, f"copies {typed}: the status reads {status_text(driver)!r}")
            check(not planned_items(driver), f"copies {typed}: a plan is still shown")
        refused = [e for e in console_errors(driver) if "status of 400" not in e]
        check(not refused, "refusing copies: console errors: " + "; ".join(refused))
        set_value(driver, driver.find_element(
            By.CSS_SELECTOR, '#questions [data-fact="copies"] input'), "2")
        wait_for(driver, lambda d: status_text(d).startswith("Plan updated"), "the plan of 2")
        # The service stopped: the next answer says it cannot be reached, shows no stale plan,
        # and throws nothing uncaught; the answer after it, with the service back, plans.
        server.stop()
        driver.find_element(By.CSS_SELECTOR, 'label[for="q-extra-1"]').click()
        try:
            wait_for(driver, lambda d: "cannot be reached" in status_text(d), "the unreachable")
        except AssertionError:
            check(False, f"service stopped: the status reads {status_text(driver)!r}")
        check(not planned_items(driver), "service stopped: the old plan is still shown")
        uncaught = [e for e in console_errors(driver) if "Uncaught" in e]
        check(not uncaught, "service stopped: " + "; ".join(uncaught))
    finally:
        driver.quit()
        server.stop()

    # Right-to-left names (Hebrew here, as Uyghur or Arabic would be): the critical path keeps
    # its order on the page. Each name is isolated (FSI ... PDI), so the arrow between two of
    # them does not join their right-to-left run and turn round with it.
    server = Server(binary, os.path.join(rules, "rtl"))
    driver = browser()
    try:
        driver.get(server.url + "/studio?bundle=rtl-names&lang=en")
        wait_for_plan(driver)
        first, second = "שלב ראשון", "שלב שני"
        text = driver.execute_script(
            "return document.getElementById('critical-path').textContent")
        check(text == f"Critical path: \u2068{first}\u2069 → \u2068{second}\u2069 (5 days)",
              f"the critical path reads {text!r}")
        # Where each name is drawn: the first one left of the second in left-to-right text.
        lefts = left_edges(driver, driver.find_element(By.ID, "critical-path"), [first, second])
        check(lefts[0] < lefts[1], f"the second name is drawn left of the first: {lefts}")
        check_console(driver, check, "right-to-left names: ")
        driver.save_screenshot(os.path.join(outdir, "studio-rtl.png"))
    finally:
        driver.quit()
        server.stop()

    # A catalog without bundles: the page says so, in both languages.
    server = Server(binary, os.path.join(rules, "empty"))
    driver = browser()
    try:
        for lang, wanted in (("zh", "没有"), ("en", "no bundle")):
            driver.get(f"{server.url}/studio?lang={lang}")
            try:
                wait_for(driver, lambda d, w=wanted: w in status_text(d), f"the {lang} message")
            except AssertionError:
                check(False, f"no bundle, {lang}: the status reads {status_text(driver)!r}")
        check_console(driver, check, "no bundle: ")
        driver.save_screenshot(os.path.join(outdir, "studio-no-bundle.png"))
    finally:
        driver.quit()
        server.stop()


# The catalog of two right-to-left names (tests/data/studio/rtl), for the pages.
RTL_RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "studio", "rtl")

EXTERNAL = re.compile(r"""(\bsrc\s*=|\bhref\s*=|url\(|@import|<script|<link|<iframe)""", re.I)


def pages(binary, rules, outdir, check):
    documents = {
        "plan-child-birth-zh.html": [
            "plan", rules, "--bundle", "child-birth", "--fact", "parents.hukou_local=true",
            "--fact", "mother.maternity_insured=true", "--format", "html"],
        "plan-nev-plate-en.html": [
            "plan", rules, "--bundle", "nev-plate", "--fact", "person.hukou_local=true",
            "--format", "html", "--lang", "en"],
        "report-zh.html": ["report", rules, "--format", "html"],
        "report-en.html": ["report", rules, "--format", "html", "--lang", "en"],
        # Two right-to-left names in the critical path's line (tests/data/studio/rtl).
        "plan-rtl-names-en.html": [
            "plan", RTL_RULES, "--bundle", "rtl-names", "--format", "html", "--lang", "en"],
    }
    driver = browser()
    try:
        for name, arguments in documents.items():
            run = subprocess.run([binary] + arguments, capture_output=True, timeout=120)
            if not check(run.returncode == 0, f"{name}: onething exited {run.returncode}: "
                         + run.stderr.decode()):
                continue
            page = run.stdout.decode()
            found = EXTERNAL.findall(page)
            check(not found, f"{name}: external references or script: {found}")
            check(re.search(r"xmlns=\"http://www.w3.org/2000/svg\"", page), f"{name}: no SVG")
            path = os.path.join(outdir, name)
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(page)
            driver.get("file://" + os.path.abspath(path))
            wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "svg.figure"), name)
            for figure in driver.find_elements(By.CSS_SELECTOR, "svg.figure"):
                size = figure.size
                check(size["width"] > 100 and size["height"] > 40,
                      f"{name}: a figure is not drawn ({size})")
            if name == "plan-rtl-names-en.html":
                line = driver.find_element(By.XPATH, "//p[starts-with(., 'critical path:')]")
                lefts = left_edges(driver, line, ["שלב ראשון", "שלב שני"])
                check(lefts[0] < lefts[1],
                      f"{name}: the second name is drawn left of the first: {lefts}")
            check_console(driver, check, f"{name}: ")
            driver.save_screenshot(os.path.join(outdir, name.replace(".html", ".png")))
    finally:
        driver.quit()


def main():
    if len(sys.argv) != 5 or sys.argv[4] not in ("studio", "studio-odd", "pages"):
        sys.exit(__doc__)
    binary, rules, outdir, case = sys.argv[1:]
    for program in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.path.exists(program):
            print(f"SKIP: {program} is not installed (scripts/install-deps.sh installs it)")
            return 77
    os.makedirs(outdir, exist_ok=True)
    check = Check()
    try:
        {"studio": studio, "studio-odd": studio_odd, "pages": pages}[case](
            binary, rules, outdir, check)
    except AssertionError as error:
        check(False, str(error))
    print(f"{case}: {len(check.problems)} problems; screenshots in {outdir}")
    return 1 if check.problems else 0


if __name__ == "__main__":
    sys.exit(main())

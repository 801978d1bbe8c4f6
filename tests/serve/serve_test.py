#!/usr/bin/python3
"""Tests of `onething serve` over real HTTP: each case starts its own server on 127.0.0.1 port 0.

Usage: serve_test.py ONETHING RULES_DIR OPENAPI_JSON CASE
Only the standard library, and Debian's python3-jsonschema for the OpenAPI schemas.
"""
import datetime
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import jsonschema

ONETHING, RULES, OPENAPI, CASE = sys.argv[1:5]
FACTS = {"mother.maternity_insured": True, "parents.hukou_local": True}
FACT_ARGS = ["--fact", "mother.maternity_insured=true", "--fact", "parents.hukou_local=true"]
ANSWERS = {
    "bank": {"account_number": "6222021001122334455"},
    "child": {"name": "王小宝", "birth_order": 1, "hukou_parent": "mother"},
    "mother": {"delivery_type": "vaginal", "leave_start_date": "2025-06-01"},
    "person": {"residence_address": "上海市徐汇区漕溪北路88号"},
}


class Server:
    """A running `onething serve`; its standard error (the log) collected in `lines`."""

    def __init__(self, paths, *options):
        if "--threads" not in options:
            options = ("--threads", "2", *options)
        self.process = subprocess.Popen(
            [ONETHING, "serve", *paths, "--listen", "127.0.0.1:0", *options],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines = []
        deadline = time.monotonic() + 30
        while True:
            line = self.process.stderr.readline()
            if not line or time.monotonic() > deadline:
                raise AssertionError("the server did not start: " + "".join(self.lines) + line)
            self.lines.append(line)
            match = re.match(r"listening on http://([0-9.]+):([0-9]+)$", line.strip())
            if match:
                self.host, self.port = match.group(1), int(match.group(2))
                break
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self):
        for line in self.process.stderr:
            self.lines.append(line)

    def connect(self, timeout=30):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, connection=None):
        own = connection is None
        connection = connection or self.connect()
        headers = {}
        if body is not None:
            if not isinstance(body, (bytes, str)):
                body = json.dumps(body, ensure_ascii=False)
            if isinstance(body, str):
                body = body.encode()
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if own:
            connection.close()
        documented_status(method, path, response.status, response.getheader("Content-Type", ""))
        return response.status, dict(response.getheaders()), data

    def reload(self, before):
        """Sends SIGHUP and returns `GET /v1/catalog` once its revision is no longer
        `before`'s (after 20 s, whatever it is)."""
        self.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        after = before
        while after["revision"] == before["revision"] and time.monotonic() < deadline:
            time.sleep(0.1)
            after = json.loads(self.request("GET", "/v1/catalog")[2])
        return after

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        # Longer than the server's 30 s drain. A connection that outlives the drain (seen twice
        # in CI under load, not reproduced alone; docs/serving.md) is logged as "drain-timeout"
        # and printed here as a warning: the server still exits 0.
        code = self.process.wait(timeout=60)
        self.reader.join(timeout=5)
        for line in self.lines:
            if '"drain-timeout"' in line:
                print("warning: a connection outlived the drain: " + line.strip(), file=sys.stderr)
        return code


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def cli(*args):
    result = subprocess.run([ONETHING, *args], capture_output=True, timeout=60)
    check(result.returncode == 0, f"onething {args}: {result.stderr.decode()}")
    return result.stdout


with open(OPENAPI, encoding="utf-8") as stream:
    OPENAPI_DOC = json.load(stream)


def documented_status(method, target, status, content_type=""):
    """Checks that OpenAPI lists `status` for the endpoint `target` names, if it names one,
    with the answer's media type: every answer the tests meet. A method a path does not take
    must be a 405 that every operation of the path lists; HEAD is GET's. Statuses a request
    can get before its endpoint reads it (408, 413 and 431 for limits, 400 for a malformed target
    or HTTP) are documented in docs/serving.md rather than at each endpoint."""
    path_item = OPENAPI_DOC["paths"].get(target.split("?")[0])
    if path_item is None:
        return
    operation = path_item.get("get" if method == "HEAD" else method.lower())
    if operation is None:
        check(status == 405 and all("405" in other["responses"] for other in path_item.values()),
              f"{method} {target}: {status}, and not a 405 the OpenAPI document lists")
        return
    if status not in (400, 408, 413, 431) or (status == 400 and "?" in target):
        check(str(status) in operation["responses"],
              f"{method} {target}: status {status} is not in the OpenAPI document")
        content = operation["responses"].get(str(status), {}).get("content")
        media = content_type.split(";")[0].strip()
        check(content is None or media in content,
              f"{method} {target}: {status} {media} is not in the OpenAPI document")


def validate(document, name):
    schema = {"$ref": f"#/components/schemas/{name}", "components": OPENAPI_DOC["components"]}
    jsonschema.Draft202012Validator(schema).validate(document)


def replace_in_file(path, old, new):
    """Writes `path` again with `old` (which it must hold) replaced by `new`."""
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    check(old in text, f"{path} lacks {old!r}")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text.replace(old, new))


def rule_files_digest(root):
    files = []
    for folder, _, names in os.walk(root):
        files += [os.path.join(folder, n) for n in names if n.endswith((".yaml", ".yml"))]
    digest = hashlib.sha256()
    for path in sorted(files):
        with open(path, "rb") as stream:
            digest.update(stream.read())
    return digest.hexdigest()


def read_answer(reader):
    """The head and body of one answer read from `reader` (a socket's file)."""
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        line = reader.readline()
        if not line:
            raise AssertionError(f"the connection closed after {head!r}")
        head += line
    length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
    return head, reader.read(length)


def case_endpoints():
    server = Server([RULES])
    try:
        status, headers, body = server.request("GET", "/healthz")
        check(status == 200 and json.loads(body) == {"status": "ok"}, f"healthz: {status} {body}")
        validate(json.loads(body), "Health")

        status, _, body = server.request("GET", "/v1/bundles?lang=en")
        bundles = json.loads(body)
        validate(bundles, "Bundles")
        names = {b["id"]: b["name"] for b in bundles["bundles"]}
        check(names.get("child-birth") == "Child birth", f"bundles en: {names}")
        _, _, body = server.request("GET", "/v1/bundles")
        check({b["id"]: b["name"] for b in json.loads(body)["bundles"]}["child-birth"]
              == "小孩出生一件事", "bundles zh")
        listed = json.loads(cli("list", RULES, "--format", "json"))
        check(sorted(names) == sorted(b["id"] for b in listed["bundles"]), "bundles = list")
        # Keys in the contract's order ({"id", "name", ...}), as `list --format json` has them.
        check(all(list(b) == ["id", "name", "goals"] for b in bundles["bundles"])
              and all(list(b)[:2] == ["id", "name"] for b in listed["bundles"]),
              f"bundle keys: {[list(b) for b in bundles['bundles']][:1]}")

        request = {"bundle": "child-birth", "facts": FACTS, "lang": "en"}
        for operation, fmt in (("plan", ["--format", "json"]), ("guide", ["--format", "json"]),
                               ("form", [])):
            status, headers, body = server.request("POST", f"/v1/{operation}", request)
            check(status == 200, f"{operation}: {status} {body[:300]}")
            check(headers["Content-Type"].startswith("application/json"), "content type")
            expected = cli(operation, RULES, "--bundle", "child-birth", *FACT_ARGS, "--lang", "en",
                           *fmt)
            check(body == expected, f"{operation}: not the command line's bytes")
            validate(json.loads(body), operation.capitalize())
        # The default language and no facts: a guide still answers.
        status, _, body = server.request("POST", "/v1/guide", {"bundle": "child-birth"})
        check(status == 200 and body == cli("guide", RULES, "--bundle", "child-birth",
                                            "--format", "json"), "guide without facts")

        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as answers:
            json.dump(ANSWERS, answers, ensure_ascii=False)
        try:
            status, _, body = server.request("POST", "/v1/dispatch", dict(request, answers=ANSWERS))
            check(status == 200, f"dispatch: {status} {body[:300]}")
            expected = cli("dispatch", RULES, "--bundle", "child-birth", *FACT_ARGS, "--lang", "en",
                           "--answers", answers.name)
            check(body == expected, "dispatch: not the command line's bytes")
            validate(json.loads(body), "Dispatch")
            # Keyed by department: the command line's --by department, department by department.
            status, _, body = server.request("POST", "/v1/dispatch",
                                             dict(request, answers=ANSWERS, by="department"))
            check(status == 200, f"dispatch by department: {status} {body[:300]}")
            expected = cli("dispatch", RULES, "--bundle", "child-birth", *FACT_ARGS, "--lang", "en",
                           "--answers", answers.name, "--by", "department")
            check(body == expected, "dispatch by department: not the command line's bytes")
            by_department = json.loads(body)
            validate(by_department, "DispatchByDepartment")
            check(list(by_department) == sorted(by_department), "departments sorted")
        finally:
            os.unlink(answers.name)

        status, _, body = server.request("GET", "/v1/catalog")
        info = json.loads(body)
        validate(info, "CatalogInfo")
        check(list(info) == ["revision", "bundles", "items", "files", "loaded_at", "version"],
              f"catalog keys in order: {list(info)}")
        check(info["revision"] == rule_files_digest(RULES), f"revision {info['revision']}")
        check_utc_time(info["loaded_at"], "loaded_at")
        check(info["bundles"] == len(listed["bundles"]) and info["items"] == len(listed["items"]),
              f"catalog counts {info}")

        status, _, body = server.request("GET", "/openapi.json")
        check(status == 200 and json.loads(body) == OPENAPI_DOC, "openapi.json is the checked-in file")
        for path in ("/v1/bundles", "/v1/plan", "/v1/guide", "/v1/form", "/v1/dispatch",
                     "/v1/catalog", "/openapi.json", "/healthz", "/metrics"):
            check(path in OPENAPI_DOC["paths"], f"openapi lacks {path}")

        status, headers, body = server.request("GET", "/metrics")
        text = body.decode()
        check(status == 200 and headers["Content-Type"].startswith("text/plain"), "metrics")
        for needle in ('onething_requests_total{endpoint="/v1/plan",status="200"} 1',
                       "onething_request_duration_seconds_bucket{le=\"+Inf\"}",
                       "onething_request_duration_seconds_count", "onething_reloads_total 0",
                       "onething_reload_failures_total 0",
                       f'onething_catalog_info{{revision="{info["revision"]}"}} 1'):
            check(needle in text, f"metrics lack {needle}:\n{text}")
        # A "lang" none of the catalog's texts is written in: the command line's bytes, and its
        # warning on standard error in X-Onething-Warning, no byte of the request's "lang" able
        # to end the field. A language the catalog has gets no warning.
        notes = {}
        for lang in ("fr", "fr\r\nX-Injected: 1"):
            status, headers, body = server.request("POST", "/v1/plan", dict(request, lang=lang))
            result = subprocess.run([ONETHING, "plan", RULES, "--bundle", "child-birth",
                                     *FACT_ARGS, "--lang", lang, "--format", "json"],
                                    capture_output=True, timeout=60)
            note = notes[lang] = result.stderr.decode().strip()
            check(status == 200 and body == result.stdout and note.startswith("warning: ") and
                  headers.get("X-Onething-Warning") == note[len("warning: "):].replace(
                      "\r\n", "\\x0D\\x0A") and "X-Injected" not in headers,
                  f"lang {lang!r}: {status} {headers} {note!r}")
        check("X-Onething-Warning" not in server.request("POST", "/v1/plan", request)[1],
              "a warning for a language the catalog has")
        # The bundles' names fall back alike, and GET /v1/bundles says so as a plan does (in
        # the catalog's version of the day, the one listed).
        status, headers, body = server.request("GET", "/v1/bundles?lang=fr")
        check(status == 200 and
              headers.get("X-Onething-Warning") == notes["fr"][len("warning: "):] and
              json.loads(body) == json.loads(server.request("GET", "/v1/bundles?lang=en")[2]),
              f"bundles in fr: {status} {headers}")
        for lang in ("en", "zh", "EN", "Zh"):
            check("X-Onething-Warning" not in server.request("GET", f"/v1/bundles?lang={lang}")[1],
                  f"a warning for bundles in {lang}, a language the catalog has")
        # Language tags ignore case (BCP 47): "EN" is the catalog's "en", for a plan and a list.
        check(server.request("GET", "/v1/bundles?lang=EN")[2] ==
              server.request("GET", "/v1/bundles?lang=en")[2], "bundles in EN are not in en")
        status, headers, body = server.request("POST", "/v1/plan", dict(request, lang="EN"))
        check(status == 200 and "X-Onething-Warning" not in headers and
              body == server.request("POST", "/v1/plan", dict(request, lang="en"))[2],
              f"a plan in EN: {status} {headers}")
        # An empty ?lang= is the language '' (the command line's --lang ''), not an absent one;
        # an empty ?as_of= is no date; a parameter given twice is refused, not half read.
        status, headers, body = server.request("GET", "/v1/bundles?lang=")
        listed = subprocess.run([ONETHING, "list", RULES, "--format", "json", "--lang", ""],
                                capture_output=True, timeout=60)
        check(status == 200 and
              body == server.request("GET", "/v1/bundles?lang=fr")[2] and
              headers.get("X-Onething-Warning") ==
              listed.stderr.decode().strip()[len("warning: "):],
              f"bundles in '': {status} {headers} {listed.stderr!r}")
        for query, words in (("as_of=", "query parameter 'as_of': expected a date"),
                             ("lang=en&lang=zh", "query parameter 'lang' is given more than once"),
                             ("as_of=2024-02-29&as_of=x", "'as_of' is given more than once"),
                             ("lang=%zz&lang=en", "'lang' is given more than once")):
            status, _, body = server.request("GET", "/v1/bundles?" + query)
            errors = json.loads(body)
            validate(errors, "Errors")
            check(status == 400 and errors["errors"][0]["code"] == "bad-request" and
                  words in errors["errors"][0]["message"], f"?{query}: {status} {body!r}")
        # An error answer carries the command line's warnings too (it prints them beside its
        # errors): an unknown bundle, and a plan whose facts are not answered.
        for failing, expected in (({"bundle": "no-such-bundle", "lang": "fr"}, 404),
                                  ({"bundle": "child-birth", "lang": "fr"}, 400)):
            status, headers, _ = server.request("POST", "/v1/plan", failing)
            check(status == expected and
                  headers.get("X-Onething-Warning") == notes["fr"][len("warning: "):],
                  f"an error in fr: {status} {headers}")
        # Facts (and dispatch's shared data) written as null are not given, as the OpenAPI
        # document says.
        for operation, name, body in (
                ("plan", "PlanRequest", {"bundle": "child-birth", "facts": None}),
                ("dispatch", "DispatchRequest",
                 {"bundle": "child-birth", "facts": None, "shared": None, "answers": {}})):
            validate(body, name)
            status, _, answer = server.request("POST", f"/v1/{operation}", body)
            check(status in (200, 400) and status == server.request(
                "POST", f"/v1/{operation}",
                {k: v for k, v in body.items() if v is not None})[0],
                  f"{operation} with null: {status} {answer[:200]}")
        check("text/plain" in OPENAPI_DOC["paths"]["/"]["get"]["responses"]["302"]["content"],
              "GET /'s 302 body is not declared")
        # Every other format of plan and guide: the command line's bytes, with the media type
        # the OpenAPI document lists for it (server.request checks that).
        for operation, formats in (("plan", ("text", "markdown", "dot", "mermaid", "html", "svg")),
                                   ("guide", ("text",))):
            for name in formats:
                status, _, body = server.request("POST", f"/v1/{operation}",
                                                 {**request, "format": name})
                check(status == 200 and body == cli(
                    operation, RULES, "--bundle", "child-birth", *FACT_ARGS, "--lang", "en",
                    "--format", name), f"{operation} as {name}: {status}")
    finally:
        check(server.stop() == 0, "exit status")
    # One JSON line per request, without facts or answers.
    log = [json.loads(line) for line in server.lines if line.startswith("{")]
    requests = [entry for entry in log if "request_id" in entry]
    check(len(requests) >= 11, f"log lines: {len(requests)}")
    for entry in requests:
        check(set(entry) >= {"time", "request_id", "method", "path", "status", "bundle",
                             "latency_ms", "revision"}, f"log keys {entry}")
        check_utc_time(entry["time"], "the log's time")
    check(any(e["path"] == "/v1/plan" and e["bundle"] == "child-birth" for e in requests), "bundle")
    text = "".join(server.lines)
    check("6222021001122334455" not in text and "maternity_insured" not in text,
          "the log holds facts or answers")


def check_utc_time(text, what):
    """`text` is ISO 8601 in UTC with milliseconds, and this machine's time within ten minutes
    (not an hour or a day off)."""
    check(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", text) is not None,
          f"{what}: {text!r} is not YYYY-MM-DDTHH:MM:SS.mmmZ")
    when = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc)
    now = datetime.datetime.now(datetime.timezone.utc)
    check(abs((now - when).total_seconds()) < 600, f"{what}: {text} is not now ({now})")


def case_protocol():
    """HTTP itself: HEAD, HTTP/1.0 connections, Expect: 100-continue."""
    server = Server([RULES])
    try:
        # HEAD: GET's status and fields, the length GET's body has, no body; the connection
        # goes on with the next request.
        connection = server.connect()
        for path in ("/healthz", "/v1/bundles?lang=en", "/studio"):
            _, get_headers, get_body = server.request("GET", path, connection=connection)
            status, head_headers, head_body = server.request("HEAD", path, connection=connection)
            check(status == 200 and head_body == b"" and
                  head_headers["Content-Length"] == str(len(get_body)) and
                  head_headers["Content-Type"] == get_headers["Content-Type"],
                  f"HEAD {path}: {status} {head_headers} {len(head_body)} bytes")
        connection.close()
        # HTTP/1.0: a client asking to keep its connection is told so, and can go on; one
        # that does not is told the connection closes.
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            reader = raw.makefile("rb")
            for _ in range(2):
                raw.sendall(b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                head, body = read_answer(reader)
                check(b"\r\nConnection: keep-alive\r\n" in head and
                      json.loads(body) == {"status": "ok"}, f"HTTP/1.0 keep-alive: {head!r}")
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            raw.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
            whole = b""
            while chunk := raw.recv(4096):  # read to the end: the server closes
                whole += chunk
            check(b"\r\nConnection: close\r\n" in whole and
                  whole.endswith(b'{"status":"ok"}\n'), f"HTTP/1.0 close: {whole!r}")
        # Expect: 100-continue (HTTP/1.1): told to go on before the body is sent; a body too
        # large by its length is refused at once, without the 100.
        payload = json.dumps({"bundle": "child-birth", "facts": FACTS, "lang": "en"},
                             ensure_ascii=False).encode()
        with socket.create_connection((server.host, server.port), timeout=5) as raw:
            reader = raw.makefile("rb")
            raw.sendall(b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(payload))
            interim = reader.readline() + reader.readline()
            check(interim == b"HTTP/1.1 100 Continue\r\n\r\n", f"100-continue: {interim!r}")
            raw.sendall(payload)
            head, body = read_answer(reader)
            check(head.startswith(b"HTTP/1.1 200 ") and body == cli(
                "plan", RULES, "--bundle", "child-birth", *FACT_ARGS, "--lang", "en", "--format",
                "json"), f"after 100-continue: {head!r}")
        with socket.create_connection((server.host, server.port), timeout=5) as raw:
            raw.sendall(b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                        b"Content-Length: 2000000\r\n\r\n")
            first = raw.makefile("rb").readline()
            check(first.startswith(b"HTTP/1.1 413 "), f"too large with 100-continue: {first!r}")
        # The absolute form of a target (RFC 9112, 3.2.2: a server must accept it) answers as
        # its path does, the scheme in any case; the log names the path.
        with socket.create_connection((server.host, server.port), timeout=5) as raw:
            reader = raw.makefile("rb")
            raw.sendall(b"POST HTTP://127.0.0.1:%d/v1/plan HTTP/1.1\r\nHost: x\r\n"
                        b"Content-Length: %d\r\n\r\n" % (server.port, len(payload)) + payload)
            head, body = read_answer(reader)
            check(head.startswith(b"HTTP/1.1 200 ") and body == cli(
                "plan", RULES, "--bundle", "child-birth", *FACT_ARGS, "--lang", "en", "--format",
                "json"), f"absolute form: {head!r}")
            raw.sendall(b"GET http://x/v1/bundles?lang=en HTTP/1.1\r\nHost: x\r\n\r\n")
            head, body = read_answer(reader)
            check(head.startswith(b"HTTP/1.1 200 ") and
                  body == server.request("GET", "/v1/bundles?lang=en")[2],
                  f"absolute form with a query: {head!r}")
            raw.sendall(b"GET http://x?bundle=child-birth HTTP/1.1\r\nHost: x\r\n\r\n")
            head, body = read_answer(reader)
            check(head.startswith(b"HTTP/1.1 302 ") and
                  b"\r\nLocation: /studio?bundle=child-birth\r\n" in head,
                  f"absolute form without a path: {head!r}")
            raw.sendall(b"GET http://x/no/such/path HTTP/1.1\r\nHost: x\r\n\r\n")
            head, body = read_answer(reader)
            check(head.startswith(b"HTTP/1.1 404 ") and b"no such path: '/no/such/path'; the paths are /v1/bundles, /v1/plan" in body,
                  f"absolute form, unknown path: {head!r} {body!r}")
        # Percent-encoded unreserved characters are the characters (RFC 3986, 6.2.2.2); a `%`
        # without two hexadecimal digits is a 400; query values are decoded as a form's.
        status, _, body = server.request("POST", "/v1/%70l%61n", json.loads(payload))
        check(status == 200 and body == server.request("POST", "/v1/plan", json.loads(payload))[2],
              f"an encoded path: {status}")
        status, _, body = server.request("GET", "/v1/bundles?%6Cang=%65n")
        check(status == 200 and body == server.request("GET", "/v1/bundles?lang=en")[2],
              f"an encoded query: {status}")
        for bad in ("/v1/plan%", "/v1/pl%zzan", "/v1/bundles?lang=e%n", "/v1/bundles?as_of=%2"):
            status, _, body = server.request("GET", bad)
            errors = json.loads(body)
            validate(errors, "Errors")
            check(status == 400 and errors["errors"][0]["code"] == "bad-request"
                  and "'%' not followed by two hexadecimal digits" in errors["errors"][0]["message"],
                  f"{bad}: {status} {body!r}")
        status, _, body = server.request("GET", "/v1%2Fbundles")  # an encoded `/` is not one
        check(status == 404 and b"no such path: '/v1%2Fbundles'" in body, f"%2F: {status} {body!r}")
        status, _, body = server.request("POST", "/v1/plan/", json.loads(payload))
        check(status == 404 and b"no such path: '/v1/plan/'; the path is /v1/plan, without the '/'"
              in body, f"a trailing slash: {status} {body!r}")

        def logged():
            return [json.loads(line) for line in list(server.lines) if line.startswith("{")]

        def plan_logged():
            return any(entry.get("path") == "/v1/plan" and entry.get("status") == 200
                       for entry in logged())
        deadline = time.monotonic() + 10  # the log is read on another thread
        while not plan_logged() and time.monotonic() < deadline:
            time.sleep(0.05)
        check(plan_logged(), "the absolute form's log line")
        logged = logged()
        check(not any(entry.get("path", "").startswith(("http", "HTTP")) for entry in logged),
              "a log line with a scheme")
    finally:
        check(server.stop() == 0, "exit status")


def case_errors():
    server = Server([RULES], "--max-body-bytes", "4096")
    try:
        def expect(method, path, body, status, code):
            got, headers, data = server.request(method, path, body)
            check(got == status, f"{method} {path} {body!r:.80}: {got} {data[:300]}")
            errors = json.loads(data)
            validate(errors, "Errors")
            check(code is None or errors["errors"][0]["code"] == code, f"{path}: {errors}")
            return headers

        expect("POST", "/v1/plan", "{not json", 400, "bad-json")
        expect("POST", "/v1/plan", '{"bundle": 1e99999}', 400, "bad-json")  # number overflow
        expect("POST", "/v1/plan", "[1, 2]", 400, "bad-request")
        # A key written twice is refused, as the command line refuses it in a facts file.
        expect("POST", "/v1/plan", '{"bundle": "child-birth", "facts": '
               '{"parents.hukou_local": true, "parents.hukou_local": false}}', 400, "duplicate-key")
        expect("POST", "/v1/plan", {"bundle": "child-birth", "facts": {"mother.maternity_insured": "yes"}},
               400, None)
        expect("POST", "/v1/plan", {"bundle": "child-birth", "facts": {"no.such_fact": True}},
               400, None)
        # A key past YAML's 1,024 bytes for an implicit key (valid JSON) is named at the key.
        status, _, data = server.request("POST", "/v1/plan",
                                         {"bundle": "child-birth", "facts": {"x" * 2000: True}})
        error = json.loads(data)["errors"][0]
        check(status == 400 and error["code"] == "syntax" and error["file"] == "request.facts"
              and (error["line"], error["column"]) == (1, 2)
              and error["message"].startswith("this mapping key is longer than the 1024"),
              f"a long key: {status} {error}")
        # A request full of unknown facts lists 100 errors, then one that counts the rest.
        many = {"bundle": "child-birth", "facts": {f"u.f{n}": True for n in range(150)}}
        status, _, data = server.request("POST", "/v1/plan", many)
        errors = json.loads(data)
        validate(errors, "Errors")
        codes = [error["code"] for error in errors["errors"]]
        check(status == 400 and len(codes) == 101 and codes[:100] == ["unknown-fact"] * 100
              and codes[100] == "limit-errors"
              and errors["errors"][100]["message"].startswith("50 errors not listed"),
              f"150 unknown facts: {status} {codes[-3:]} {errors['errors'][-1]}")
        expect("POST", "/v1/plan", {"bundle": "no-such-bundle", "facts": {}}, 404, "unknown-bundle")
        # An unknown bundle is located at the field that named it, with the nearest id.
        status, _, data = server.request("POST", "/v1/guide", {"bundle": "child-brith"})
        error = json.loads(data)["errors"][0]
        check(status == 404 and error["file"] == "request.bundle"
              and error["message"].endswith("did you mean 'child-birth'?"),
              f"a misspelt bundle: {status} {error}")
        expect("POST", "/v1/form", {"bundle": "no-such-bundle"}, 404, "unknown-bundle")
        expect("POST", "/v1/plan", {"bundle": "child-birth", "command": "lint"}, 400, "bad-request")
        expect("POST", "/v1/plan", {"bundle": "child-birth", "answers": {}}, 400, "bad-request")
        expect("POST", "/v1/plan", {"facts": {}}, 400, "bad-request")
        expect("POST", "/v1/plan", {"bundle": "child-birth", "as_of": "2025-02-30"}, 400, "bad-request")
        expect("POST", "/v1/dispatch", {"bundle": "child-birth", "facts": FACTS}, 400, "bad-request")
        status, _, data = server.request("POST", "/v1/dispatch",
                                         {"bundle": "child-birth", "facts": FACTS, "answers": None})
        error = json.loads(data)["errors"][0]
        check(status == 400 and error["code"] == "bad-request" and error["message"].startswith(
            "request field 'answers': null, which is no answers; dispatch needs the answers"),
              f"answers null: {status} {error}")
        expect("POST", "/v1/dispatch", {"bundle": "child-birth", "facts": FACTS, "answers": ANSWERS,
                                        "by": "agency"}, 400, "bad-request")
        expect("POST", "/v1/plan", {"bundle": "child-birth", "by": "department"}, 400, "bad-request")
        expect("GET", "/no/such/path", None, 404, "not-found")
        headers = expect("GET", "/v1/plan", None, 405, "method-not-allowed")
        check(headers.get("Allow") == "POST", f"Allow: {headers}")
        headers = expect("POST", "/healthz", "{}", 405, "method-not-allowed")
        check(headers.get("Allow") == "GET, HEAD", f"Allow on a GET route: {headers}")
        # A format is named exactly: "" is refused as the command line refuses --format ''.
        for body in ({"bundle": "child-birth", "format": ""},
                     {"bundle": "child-birth", "format": "xml"}):
            status, _, data = server.request("POST", "/v1/guide", body)
            error = json.loads(data)["errors"][0]
            check(status == 400 and error["code"] == "unknown-format" and error["file"] == "request"
                  and error["message"].startswith("request field 'format': unknown format"),
                  f"format {body['format']!r}: {status} {error}")
        # A long value the request gives is quoted by its first 200 bytes and its length, never
        # whole (docs/diagnostics.md), wherever a message names it.
        long = "b" * 3000
        for method, path, body in (
                ("POST", "/v1/plan", {"bundle": long}),
                ("POST", "/v1/guide", {"bundle": "child-birth", "format": long}),
                ("POST", "/v1/dispatch", {"bundle": "child-birth", "facts": FACTS,
                                          "answers": ANSWERS, "by": long}),
                ("POST", "/v1/plan", {"bundle": "child-birth", "as_of": long}),
                ("POST", "/v1/plan", {"bundle": "child-birth", long: 1}),
                ("GET", "/v1/bundles?as_of=" + long, None),
                ("GET", "/v1/" + long + "%zz", None)):
            status, _, data = server.request(method, path, body)
            message = json.loads(data)["errors"][0]["message"]
            check(400 <= status < 500 and "b" * 201 not in message
                  and re.search(r"b…' \((3000|3007) bytes\)", message),
                  f"{method} {path[:40]} with a long value: {status} {message[:300]}")
        expect("DELETE", "/v1/bundles", None, 405, "method-not-allowed")
        expect("POST", "/v1/plan", {"bundle": "child-birth", "facts": {"x": "y" * 5000}}, 413,
               "body-too-large")
        # A declared length over the limit is refused before any body arrives.
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            raw.sendall(b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n{")
            answer = raw.recv(65536)
            check(answer.startswith(b"HTTP/1.1 413"), f"413 on a declared length: {answer[:100]}")
        # A Transfer-Encoding that does not end in chunked gives the body no known length: a
        # 400 and the connection closed (RFC 9112, 6.3), never an empty body followed by the
        # body's bytes read as a second request.
        # A coding the service does not decode is refused too (RFC 9112, 6.1), even when chunked
        # comes last, in one field or in two: its bytes would otherwise be read as raw JSON.
        for coding in (b"gzip", b"identity", b"chunked, chunked", b"gzip, chunked",
                       b"gzip\r\nTransfer-Encoding: chunked"):
            with socket.create_connection((server.host, server.port), timeout=10) as raw:
                raw.sendall(b"POST /v1/guide HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding +
                            b"\r\n\r\nGET /v1/catalog HTTP/1.1\r\nHost: x\r\n\r\n")
                whole = b""
                while chunk := raw.recv(65536):  # read to the end: the server closes
                    whole += chunk
                check(whole.startswith(b"HTTP/1.1 400 ") and whole.count(b"HTTP/1.1 ") == 1
                      and b"bad-http" in whole and b"Transfer-Encoding is not chunked alone"
                      in whole, f"Transfer-Encoding {coding!r}: {whole[:400]!r}")
        # A version other than HTTP/1.1 and HTTP/1.0 is bad input: a 400 (never a 5xx, so not
        # 505) that names the versions the service reads, and the connection closed.
        for version in (b"HTTP/1.2", b"HTTP/2.0", b"HTTP/0.9"):
            with socket.create_connection((server.host, server.port), timeout=10) as raw:
                raw.sendall(b"GET /healthz " + version + b"\r\nHost: x\r\n\r\n")
                whole = b""
                while chunk := raw.recv(65536):
                    whole += chunk
                check(whole.startswith(b"HTTP/1.1 400 ") and b"bad-http" in whole
                      and b"send the request as HTTP/1.1" in whole,
                      f"request line version {version!r}: {whole[:400]!r}")
        # The request line and the header fields count together against --max-header-bytes
        # (16384 here), their line ends and the blank line included: at the limit a request
        # is answered, one byte over it is a 431, however the bytes are shared between the two.
        def head_of(size):
            start = b"GET /healthz?" + b"q" * 9000 + b" HTTP/1.1\r\nHost: x\r\nX-Pad: "
            return start + b"p" * (size - len(start) - 4) + b"\r\n\r\n"
        for size, expected in ((16384, b"HTTP/1.1 200 "), (16385, b"HTTP/1.1 431 ")):
            with socket.create_connection((server.host, server.port), timeout=10) as raw:
                raw.sendall(head_of(size))
                answer = raw.recv(65536)
                check(len(head_of(size)) == size and answer.startswith(expected),
                      f"a head of {size} bytes: {answer[:200]!r}")
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            raw.sendall(b"\x00\x01 nonsense\r\n\r\n")
            answer = raw.recv(65536)
            check(answer.startswith(b"HTTP/1.1 400"), f"400 on garbage: {answer[:100]}")
        # Search bounds: a request may ask for less, and never more than the server allows.
        status, _, body = server.request("POST", "/v1/plan", {"bundle": "child-birth", "facts": FACTS,
                                                             "max_search_nodes": 1})
        check(status == 200 and "optimal" in json.loads(body), "a small max_search_nodes")
        status, _, body = server.request("POST", "/v1/plan", {"bundle": "child-birth", "facts": FACTS,
                                                             "max_search_nodes": 10**15})
        check(status == 200, "a huge bound is capped, not refused")
        status, _, _ = server.request("GET", "/healthz")
        check(status == 200, "still serving")
        metrics = server.request("GET", "/metrics")[2].decode()
        check(not re.search(r'status="5\d\d"', metrics), f"a 5xx:\n{metrics}")
        # A body refused by its declared length is counted and logged under its route.
        check('onething_requests_total{endpoint="/v1/plan",status="413"} 2' in metrics
              and 'endpoint="unknown",status="413"' not in metrics, f"413s:\n{metrics}")
        def refused_logged():
            return [json.loads(line) for line in list(server.lines)
                    if line.startswith("{") and '"status":413' in line]
        deadline = time.monotonic() + 10  # the log is read on another thread
        while len(refused_logged()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        refused = refused_logged()
        check(len(refused) == 2 and all(entry["method"] == "POST" and entry["path"] == "/v1/plan"
                                        for entry in refused), f"413 log lines: {refused}")
    finally:
        check(server.stop() == 0, "exit status")
    # --max-input-errors: at 3 unknown facts all 3 are listed, at 4 the fourth is counted.
    server = Server([RULES], "--max-input-errors", "3")
    try:
        for given, codes in ((3, ["unknown-fact"] * 3),
                             (4, ["unknown-fact"] * 3 + ["limit-errors"])):
            status, _, data = server.request(
                "POST", "/v1/plan", {"bundle": "child-birth",
                                     "facts": {f"u.f{n}": True for n in range(given)}})
            got = [error["code"] for error in json.loads(data)["errors"]]
            check(status == 400 and got == codes, f"{given} unknown facts, limit 3: {got}")
    finally:
        check(server.stop() == 0, "exit status")


def closed_within(raw, seconds, trickle=None):
    """True when the server closes `raw` within `seconds`, sending `trickle` a byte at a time."""
    deadline = time.monotonic() + seconds
    raw.settimeout(0.2)
    sent = 0
    while time.monotonic() < deadline:
        if trickle and sent < len(trickle):
            try:
                raw.send(trickle[sent:sent + 1])
                sent += 1
            except OSError:
                return True
        try:
            data = raw.recv(4096)
            if data == b"":
                return True
        except socket.timeout:
            continue
        except OSError:
            return True
    return False


def case_timeouts():
    server = Server([RULES], "--read-timeout", "1000", "--idle-timeout", "1500")
    try:
        request = (b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Content-Length: 200\r\n\r\n" + b" " * 200)
        # A slow client (a byte every 0.2 s) is cut off by the 1 s read timeout.
        started = time.monotonic()
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            check(closed_within(raw, 6, request), "the slow client was not cut off")
        check(time.monotonic() - started < 4, "cut off late")
        # A request begun and not whole within the read timeout is answered 408 read-timeout,
        # then its connection is closed; logged and counted under its path.
        for partial in (request[:len(request) - 150], b"GET /heal"):
            with socket.create_connection((server.host, server.port), timeout=10) as raw:
                raw.sendall(partial)
                started = time.monotonic()
                answer = b""
                while chunk := raw.recv(4096):
                    answer += chunk
                waited = time.monotonic() - started
            head, _, body = answer.partition(b"\r\n\r\n")
            check(head.startswith(b"HTTP/1.1 408 ") and b"Connection: close" in head,
                  f"a stalled request's answer: {answer[:200]!r}")
            check(0.9 < waited < 4, f"408 after {waited:.2f} s, the read timeout is 1 s")
            errors = json.loads(body)["errors"]
            check([error["code"] for error in errors] == ["read-timeout"]
                  and "--read-timeout" in errors[0]["message"], f"408 body: {errors}")
        metrics = server.request("GET", "/metrics")[2].decode()
        check('onething_requests_total{endpoint="/v1/plan",status="408"} 1' in metrics,
              f"the 408 is not counted under /v1/plan:\n{metrics}")
        # An idle kept-alive connection is closed after the idle timeout.
        connection = server.connect()
        status, _, _ = server.request("GET", "/healthz", connection=connection)
        check(status == 200, "keep-alive request")
        started = time.monotonic()
        check(closed_within(connection.sock, 6), "the idle connection was not closed")
        check(1.0 < time.monotonic() - started < 4, "idle timeout off")
        connection.close()
        # After a last answer (a 400 and close) the server reads and drops what the client still
        # sends for at most the read timeout: a client trickling bytes does not keep it open.
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            raw.sendall(b"\x00 nonsense\r\n\r\n")
            started = time.monotonic()
            check(closed_within(raw, 6, b"x" * 100), "a trickling client kept its connection")
            check(time.monotonic() - started < 3, "closed late after the last answer")
        # A connection that never sends a byte is closed by the read timeout, with no answer:
        # no request was begun (a client may have opened it ahead of need).
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            check(closed_within(raw, 4), "the silent connection was not closed")
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            check(raw.recv(4096) == b"", "a silent connection got an answer")
        # Clients that go away mid-body, or before reading their answer, cost nothing.
        for _ in range(20):
            with socket.create_connection((server.host, server.port), timeout=10) as raw:
                raw.sendall(request[:len(request) - 150])
            body = json.dumps({"bundle": "child-birth", "facts": FACTS}).encode()
            with socket.create_connection((server.host, server.port), timeout=10) as raw:
                raw.sendall(b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s"
                            % (len(body), body))
        status, _, body = server.request("POST", "/v1/plan", {"bundle": "child-birth", "facts": FACTS})
        check(status == 200, f"after the disconnects: {status}")
    finally:
        check(server.stop() == 0, "exit status")


def case_load():
    server = Server([RULES], "--threads", "4")
    body = {"bundle": "child-birth", "facts": FACTS, "lang": "en"}
    expected = cli("plan", RULES, "--bundle", "child-birth", *FACT_ARGS, "--lang", "en",
                   "--format", "json")
    failures = []
    counts = []

    def worker():
        connection = server.connect()
        done = 0
        try:
            for _ in range(250):
                status, _, answer = server.request("POST", "/v1/plan", body, connection=connection)
                if status != 200 or answer != expected:
                    failures.append((status, answer[:200]))
                done += 1
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(repr(error))
        finally:
            connection.close()
            counts.append(done)

    try:
        started = time.monotonic()
        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.monotonic() - started
        check(not failures, f"failures: {failures[:3]}")
        check(sum(counts) == 2000, f"answered {sum(counts)}")
        metrics = server.request("GET", "/metrics")[2].decode()
        check('onething_requests_total{endpoint="/v1/plan",status="200"} 2000' in metrics, metrics)
        print(f"2000 plan requests on 8 connections in {elapsed:.2f} s")
    finally:
        check(server.stop() == 0, "exit status")
    # The workers write their log lines side by side: each line whole, none lost.
    entries = [json.loads(line) for line in server.lines if line.startswith("{")]
    requests = [entry for entry in entries if "request_id" in entry]  # not the events
    plans = [entry for entry in requests if entry.get("path") == "/v1/plan"]
    check(len(plans) == 2000 and all(entry["status"] == 200 for entry in plans),
          f"{len(plans)} plan lines logged")
    check(len({entry["request_id"] for entry in requests}) == len(requests), "request ids unique")


def case_reload():
    folder = tempfile.mkdtemp()
    try:
        rules = os.path.join(folder, "rules")
        shutil.copytree(RULES, rules)
        server = Server([rules])
        try:
            request = {"bundle": "child-birth", "facts": FACTS, "lang": "en"}
            before = json.loads(server.request("GET", "/v1/catalog")[2])
            check(json.loads(server.request("POST", "/v1/plan", request)[2])["name"] == "Child birth",
                  "name before")
            bundle_file = os.path.join(rules, "bundles", "child-birth.yaml")
            replace_in_file(bundle_file, "en: Child birth}", "en: Birth of a child}")
            after = server.reload(before)
            check(after["revision"] == rule_files_digest(rules) != before["revision"], "new revision")
            plan = json.loads(server.request("POST", "/v1/plan", request)[2])
            check(plan["name"] == "Birth of a child", f"name after: {plan['name']}")
            names = {b["id"]: b["name"] for b in
                     json.loads(server.request("GET", "/v1/bundles?lang=en")[2])["bundles"]}
            check(names["child-birth"] == "Birth of a child", "bundles after")
            # A broken catalog is refused: the old one keeps serving and the failure is counted.
            with open(bundle_file, "a", encoding="utf-8") as stream:
                stream.write("\nbundles: [unclosed\n")
            server.process.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 20
            metrics = ""
            while "onething_reload_failures_total 1" not in metrics and time.monotonic() < deadline:
                time.sleep(0.1)
                metrics = server.request("GET", "/metrics")[2].decode()
            check("onething_reload_failures_total 1" in metrics, f"failure not counted:\n{metrics}")
            check("onething_reloads_total 1" in metrics, "one reload counted")
            check(f'onething_catalog_info{{revision="{after["revision"]}"}} 1' in metrics, "info")
            still = json.loads(server.request("GET", "/v1/catalog")[2])
            check(still["revision"] == after["revision"], "the old catalog keeps serving")
            status, _, body = server.request("POST", "/v1/plan", request)
            check(status == 200 and json.loads(body)["name"] == "Birth of a child", "still planning")
        finally:
            check(server.stop() == 0, "exit status")
        check(any('"reload-refused"' in line for line in server.lines), "refusal logged")
    finally:
        shutil.rmtree(folder)


def case_snapshot():
    """`onething serve SNAPSHOT`: the revision of the rule files it was compiled from, the
    command line's bytes, and SIGHUP reloading the same path (a bad snapshot refused)."""
    folder = tempfile.mkdtemp()
    try:
        rules = os.path.join(folder, "rules")
        shutil.copytree(RULES, rules)
        snapshot = os.path.join(folder, "catalog.snapshot")
        cli("compile", rules, "-o", snapshot)
        server = Server([snapshot])
        try:
            catalog = json.loads(server.request("GET", "/v1/catalog")[2])
            check(catalog["revision"] == rule_files_digest(rules), "the sources' revision")
            yaml_server = Server([rules])
            try:
                for path in ("/v1/catalog", "/v1/bundles?lang=en", "/openapi.json"):
                    mine = json.loads(server.request("GET", path)[2])
                    theirs = json.loads(yaml_server.request("GET", path)[2])
                    for document in (mine, theirs):
                        document.pop("loaded_at", None)
                    check(mine == theirs, f"{path}: the snapshot's answer differs from the YAML's")
            finally:
                check(yaml_server.stop() == 0, "exit status")
            request = {"bundle": "child-birth", "facts": FACTS, "lang": "en"}
            for operation in ("plan", "guide", "form"):
                body = server.request("POST", f"/v1/{operation}", request)[2]
                fmt = [] if operation == "form" else ["--format", "json"]
                check(body == cli(operation, RULES, "--bundle", "child-birth", *FACT_ARGS,
                                  "--lang", "en", *fmt), f"{operation}: not the YAML's bytes")
            # Compiled again from changed rules (written by rename): SIGHUP loads it.
            bundle_file = os.path.join(rules, "bundles", "child-birth.yaml")
            replace_in_file(bundle_file, "en: Child birth}", "en: Birth of a child}")
            cli("compile", rules, "-o", snapshot)
            after = server.reload(catalog)
            check(after["revision"] == rule_files_digest(rules), "the new sources' revision")
            plan = json.loads(server.request("POST", "/v1/plan", request)[2])
            check(plan["name"] == "Birth of a child", f"name after: {plan['name']}")
            # A corrupted snapshot is refused: the old catalog keeps serving.
            with open(snapshot, "r+b") as stream:
                stream.seek(-1, os.SEEK_END)
                last = stream.read(1)
                stream.seek(-1, os.SEEK_END)
                stream.write(bytes([last[0] ^ 1]))
            server.process.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 20
            metrics = ""
            while "onething_reload_failures_total 1" not in metrics and time.monotonic() < deadline:
                time.sleep(0.1)
                metrics = server.request("GET", "/metrics")[2].decode()
            check("onething_reload_failures_total 1" in metrics, f"failure not counted:\n{metrics}")
            still = json.loads(server.request("GET", "/v1/catalog")[2])
            check(still["revision"] == after["revision"], "the old catalog keeps serving")
        finally:
            check(server.stop() == 0, "exit status")
        check(any('"reload-refused"' in line and "snapshot-checksum" in line
                  for line in server.lines), "refusal logged with its code")
        # A snapshot of three chunks of items, read on several threads when the server starts
        # and again on SIGHUP: the command line's bytes before and after.
        big = big_catalog(folder, items=3000)
        big_snapshot = os.path.join(folder, "big.snapshot")
        cli("compile", big, "-o", big_snapshot)
        server = Server([big_snapshot])
        try:
            request = {"bundle": "everything", "lang": "en"}
            body = server.request("POST", "/v1/plan", request)[2]
            check(body == cli("plan", big, "--bundle", "everything", "--lang", "en", "--format",
                              "json"), "the chunked snapshot's plan is not the YAML's bytes")
            catalog = json.loads(server.request("GET", "/v1/catalog")[2])
            replace_in_file(big, "en: 'A long item name", "en: 'An item name")
            cli("compile", big, "-o", big_snapshot)
            after = server.reload(catalog)
            check(after["revision"] != catalog["revision"], "the chunked snapshot not reloaded")
            body = server.request("POST", "/v1/plan", request)[2]
            check(body == cli("plan", big, "--bundle", "everything", "--lang", "en", "--format",
                              "json"), "after the reload, not the YAML's bytes")
        finally:
            check(server.stop() == 0, "exit status")
    finally:
        shutil.rmtree(folder)


def big_catalog(folder, items=8000):
    """A catalog whose one bundle plans every one of `items` items with long names: its plan
    JSON is megabytes, more than the socket buffers between the server and a slow client."""
    path = os.path.join(folder, "big.yaml")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("format: 1\nitems:\n")
        for k in range(items):
            stream.write(f"  big.item-{k:05}:\n    name: {{zh: '{'长名称' * 60}{k}', "
                         f"en: '{'A long item name ' * 20}{k}'}}\n    duration_days: 1\n")
        stream.write("bundles:\n  everything:\n    name: Everything\n    goals:\n")
        for k in range(items):
            stream.write(f"      - big.item-{k:05}\n")
    return path


def case_inflight():
    """A request in flight when SIGTERM arrives is answered in full; then the server exits 0.

    The client asks for a plan of megabytes with a small receive buffer and reads nothing, so
    the server is still writing the answer when the signal comes; the client then reads it all.
    """
    folder = tempfile.mkdtemp()
    try:
        catalog = big_catalog(folder)
        request = json.dumps({"bundle": "everything", "lang": "en"}).encode()
        expected = cli("plan", catalog, "--bundle", "everything", "--lang", "en",
                       "--format", "json")
        check(len(expected) > 6_000_000, f"the plan is only {len(expected)} bytes")
        server = Server([catalog])
        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.connect((server.host, server.port))
        client.sendall(b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       b"Content-Length: " + str(len(request)).encode() + b"\r\n\r\n" + request)
        time.sleep(1.0)  # the server plans, starts writing, and blocks on the full buffers
        check(server.process.poll() is None, "the server is running")
        server.process.send_signal(signal.SIGTERM)
        time.sleep(1.0)
        check(server.process.poll() is None, "the server exited with an answer still being sent "
              f"({len(expected)} bytes): " + "".join(server.lines[-5:]))
        data = b""
        client.settimeout(30)
        while True:
            chunk = client.recv(65536)
            if not chunk:
                break
            data += chunk
        client.close()
        head, _, body = data.partition(b"\r\n\r\n")
        check(head.startswith(b"HTTP/1.1 200"), f"status: {head[:80]!r}")
        length = re.search(rb"(?i)content-length: *([0-9]+)", head)
        check(length is not None and int(length.group(1)) == len(body) == len(expected),
              f"answered {len(body)} of {len(expected)} bytes")
        check(body == expected, "the answer is the command line's plan")
        code = server.process.wait(timeout=60)
        server.reader.join(timeout=5)
        check(code == 0, f"exit status {code}")
    finally:
        shutil.rmtree(folder)


def resident_kib(pid):
    """The resident memory of process `pid`, in KiB (VmRSS)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmRSS for process {pid}")


def case_idle_memory():
    """A kept-alive connection holds no answer once it is sent: eight idle connections that
    each had a plan of megabytes cost the server about one plan's memory, not eight."""
    folder = tempfile.mkdtemp()
    try:
        catalog = big_catalog(folder, items=2000)
        request = json.dumps({"bundle": "everything", "lang": "en"})
        server = Server([catalog], "--threads", "1")
        try:
            connections = [server.connect() for _ in range(8)]
            sizes = []
            for k, connection in enumerate(connections):
                status, _, body = server.request("POST", "/v1/plan", request,
                                                 connection=connection)
                check(status == 200, f"plan on connection {k}: {status}")
                sizes.append(len(body))
                if k == 0:
                    after_first = resident_kib(server.process.pid)
            check(min(sizes) > 1_000_000, f"the plans are only {min(sizes)} bytes")
            grown = resident_kib(server.process.pid) - after_first
            # Held answers would add seven plans (over 7 MB); freed ones are reused.
            check(grown * 1024 < 2 * sizes[0],
                  f"seven more idle connections with a {sizes[0]}-byte answer each grew the "
                  f"server by {grown} KiB")
            for connection in connections:
                check(server.request("GET", "/healthz", connection=connection)[0] == 200,
                      "the idle connections stay open")
        finally:
            check(server.stop() == 0, "exit status")
    finally:
        shutil.rmtree(folder)


def case_signals():
    for sig in (signal.SIGTERM, signal.SIGINT):
        server = Server([RULES])
        # Neither an open idle connection nor one still sending its request holds the
        # shutdown up: only a request read whole is answered first.
        idle = server.connect()
        check(server.request("GET", "/healthz", connection=idle)[0] == 200, "healthz")
        sending = socket.create_connection((server.host, server.port), timeout=10)
        sending.sendall(b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        time.sleep(0.2)
        started = time.monotonic()
        check(server.stop(sig) == 0, f"exit status on {sig}")
        check(time.monotonic() - started < 10, "slow shutdown")
        idle.close()
        sending.close()


def case_studio():
    """The studio's routes: / leads to /studio, the assets from the binary with their types and
    a strict Content-Security-Policy, the plan's figures as SVG through the same writer."""
    server = Server([RULES])
    try:
        status, headers, _ = server.request("GET", "/?bundle=child-birth&lang=en")
        check(status == 302 and headers.get("Location") == "/studio?bundle=child-birth&lang=en",
              f"/: {status} {headers}")
        # The query goes on with the meaning of each parameter: RFC 3986's query characters as
        # they are (an escaped line break stays escaped: no field is added), any other byte
        # percent-encoded, a '%' without two hexadecimal digits as %25.
        for query, kept in (("x=%0d%0aSet-Cookie:a", "x=%0d%0aSet-Cookie:a"),
                            ("bundle=child-birth&lang=en&x=a:b+c/d?e@f", None),
                            ("q=<a>\"{|}", "q=%3Ca%3E%22%7B%7C%7D"),
                            ("q=100%&r=%zz", "q=100%25&r=%25zz")):
            status, headers, _ = server.request("GET", "/?" + query)
            check(status == 302 and headers.get("Location") == "/studio?" + (kept or query) and
                  "Set-Cookie" not in headers, f"/?{query}: {status} {headers}")
        sources = os.path.join(os.path.dirname(OPENAPI), "studio")
        for path, media, name in (("/studio", "text/html", "studio.html"),
                                  ("/studio?bundle=nev-plate&lang=zh", "text/html", "studio.html"),
                                  ("/studio/studio.js", "text/javascript", "studio.js"),
                                  ("/studio/studio.css", "text/css", "studio.css")):
            status, headers, body = server.request("GET", path)
            check(status == 200 and headers["Content-Type"].startswith(media),
                  f"{path}: {status} {headers.get('Content-Type')}")
            with open(os.path.join(sources, name), "rb") as stream:
                check(body == stream.read(), f"{path}: not the bytes of src/serve/studio/{name}")
            policy = headers.get("Content-Security-Policy", "")
            check("default-src 'none'" in policy and "script-src 'self'" in policy
                  and "unsafe-inline" not in policy and "http" not in policy,
                  f"{path}: Content-Security-Policy {policy!r}")
            check(headers.get("X-Content-Type-Options") == "nosniff", f"{path}: nosniff")
        status, _, body = server.request("GET", "/studio")
        page = body.decode()
        check(not re.search(r"(src|href)=\"(https?:)?//", page), "the studio names another origin")
        status, _, _ = server.request("POST", "/studio", {})
        check(status == 405, f"POST /studio: {status}")

        request = {"bundle": "child-birth", "facts": FACTS, "lang": "en"}
        for fmt, media in (("svg", "image/svg+xml"), ("html", "text/html")):
            status, headers, body = server.request("POST", "/v1/plan", dict(request, format=fmt))
            check(status == 200 and headers["Content-Type"].startswith(media),
                  f"plan {fmt}: {status} {headers.get('Content-Type')}")
            check(body == cli("plan", RULES, "--bundle", "child-birth", *FACT_ARGS, "--lang", "en",
                              "--format", fmt), f"plan {fmt}: not the command line's bytes")
        status, _, body = server.request("POST", "/v1/plan", dict(request, format="png"))
        errors = json.loads(body)["errors"]
        check(status == 400 and errors[0]["code"] == "unknown-format", f"format png: {status} {body}")
        status, _, body = server.request("POST", "/v1/plan", dict(request, format=3))
        check(status == 400, f"format 3: {status} {body}")
    finally:
        check(server.stop() == 0, "exit status")


def case_dated():
    """A dated catalog (examples/reform): each request plans as of its as_of, byte for byte what
    the command line prints for that day; a day that is not a date is a 400 naming the field."""
    reform = os.path.join(os.path.dirname(RULES), "examples", "reform")
    server = Server([reform])
    try:
        for day in ("2019-06-30", "2019-07-01"):
            status, _, body = server.request("POST", "/v1/plan", {"bundle": "birth", "as_of": day})
            check(status == 200, f"as_of {day}: {status} {body[:200]}")
            expected = cli("plan", reform, "--bundle", "birth", "--as-of", day, "--format", "json")
            check(body == expected, f"as_of {day}: the answer differs from the command line's")
        before = json.loads(server.request("POST", "/v1/plan",
                                           {"bundle": "birth", "as_of": "2019-06-30"})[2])
        after = json.loads(server.request("POST", "/v1/plan",
                                          {"bundle": "birth", "as_of": "2019-07-01"})[2])
        check(before["metrics"]["after"]["visits"] == 2 and after["metrics"]["after"]["visits"] == 1,
              f"visits before and after the reform: {before['metrics']} {after['metrics']}")
        for day, name in (("2019-06-30", "Having a child (before the reform)"),
                          ("2019-07-01", "Having a child")):
            status, _, body = server.request("GET", f"/v1/bundles?lang=en&as_of={day}")
            bundles = json.loads(body)
            validate(bundles, "Bundles")
            check(status == 200 and [b["name"] for b in bundles["bundles"]] == [name],
                  f"bundles as of {day}: {body}")
        status, _, body = server.request("GET", "/v1/bundles?as_of=yesterday")
        check(status == 400 and "'as_of'" in json.loads(body)["errors"][0]["message"],
              f"bundles as of a bad day: {body}")
        status, _, body = server.request("POST", "/v1/plan", {"bundle": "birth", "as_of": "2019-02-29"})
        errors = json.loads(body)
        check(status == 400 and "'as_of'" in errors["errors"][0]["message"], f"a bad day: {body}")
    finally:
        check(server.stop() == 0, "exit status")
    # `serve --as-of DAY`: the day of every request without its own as_of, as on every command
    # that plans; a request's as_of still wins.
    server = Server([reform], "--as-of", "2019-06-30")
    try:
        status, _, body = server.request("POST", "/v1/plan", {"bundle": "birth"})
        check(status == 200 and body == cli("plan", reform, "--bundle", "birth", "--as-of",
                                            "2019-06-30", "--format", "json"),
              f"serve --as-of: {status} {body[:200]}")
        status, _, body = server.request("POST", "/v1/plan", {"bundle": "birth", "as_of": "2019-07-01"})
        check(status == 200 and json.loads(body)["metrics"]["after"]["visits"] == 1,
              f"a request's as_of over serve --as-of: {body[:200]}")
        status, _, body = server.request("GET", "/v1/bundles?lang=en")
        check(status == 200 and [b["name"] for b in json.loads(body)["bundles"]]
              == ["Having a child (before the reform)"], f"bundles as of serve --as-of: {body}")
    finally:
        check(server.stop() == 0, "exit status")
    # `GET /v1/catalog` counts the version of the service's day: an item that comes into
    # effect in 2100 is counted with `--as-of 2100-01-01` only.
    folder = tempfile.mkdtemp()
    try:
        with open(os.path.join(folder, "rules.yaml"), "w", encoding="utf-8") as out:
            out.write("items:\n  a: {name: A}\n  b: {name: B, valid_from: 2100-01-01}\n"
                      "bundles:\n  x: {name: X, goals: [a]}\n")
        for extra, items in (((), 1), (("--as-of", "2100-01-01"), 2)):
            server = Server([folder], *extra)
            try:
                catalog = json.loads(server.request("GET", "/v1/catalog")[2])
                check(catalog["items"] == items and catalog["bundles"] == 1,
                      f"/v1/catalog with {extra}: {catalog}")
            finally:
                check(server.stop() == 0, "exit status")
    finally:
        shutil.rmtree(folder)


def case_overlay():
    """`onething serve RULES --overlay FILE`: the overlaid plans, a revision over the rule files'
    bytes and then the overlay's, and SIGHUP reading the overlay again (a broken one refused)."""
    folder = tempfile.mkdtemp()
    try:
        rules = os.path.join(folder, "rules")
        shutil.copytree(RULES, rules)
        overlay = os.path.join(folder, "overlay.yaml")
        shutil.copyfile(os.path.join(os.path.dirname(RULES), "examples", "overlays",
                                     "means-test-online.yaml"), overlay)
        request = {"bundle": "low-rent-housing", "lang": "en",
                   "facts": {"household.means_test": "needs_check",
                             "low_rent.mode": "rent_subsidy"}}

        def revision():
            """SHA-256 of the rule files' bytes (sorted paths), then the overlay's."""
            digest = hashlib.sha256()
            files = []
            for folder_name, _, names in os.walk(rules):
                files += [os.path.join(folder_name, n) for n in names if n.endswith(".yaml")]
            for path in sorted(files) + [overlay]:
                with open(path, "rb") as stream:
                    digest.update(stream.read())
            return digest.hexdigest()

        server = Server([rules], "--overlay", overlay)
        try:
            status, _, body = server.request("POST", "/v1/plan", request)
            check(status == 200, f"plan: {status} {body[:200]!r}")
            expected = cli("plan", rules, "--overlay", overlay, "--bundle", "low-rent-housing",
                           "--fact", "household.means_test=needs_check",
                           "--fact", "low_rent.mode=rent_subsidy", "--lang", "en",
                           "--format", "json")
            check(body == expected, "the served plan differs from the command line's")
            check(json.loads(body)["metrics"]["after"]["visits"] == 0, "the overlay's trip saved")
            before = json.loads(server.request("GET", "/v1/catalog")[2])
            check(before["revision"] == revision() != rule_files_digest(rules),
                  "revision over the overlay")
            # SIGHUP reads the overlay again: the authorisation is paper again.
            replace_in_file(overlay, "    e_license: true\n", "    e_license: false\n")
            after = server.reload(before)
            check(after["revision"] == revision() != before["revision"],
                  "new revision after the overlay changed")
            plan = json.loads(server.request("POST", "/v1/plan", request)[2])
            check(plan["metrics"]["after"]["materials"] == 2, f"after reload: {plan['metrics']}")
            check(plan["metrics"]["after"]["visits"] == 0, "the item's change stays")
            # A broken overlay is refused, located in the overlay; the old catalog keeps serving.
            with open(overlay, "a", encoding="utf-8") as stream:
                stream.write("bundles:\n  low-rent-housing: {goals: [no.such_item]}\n")
            server.process.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 20
            while (not any('"reload-refused"' in line for line in server.lines)
                   and time.monotonic() < deadline):
                time.sleep(0.1)
            refused = [line for line in server.lines if '"reload-refused"' in line]
            check(refused and overlay in refused[0], f"refusal not located: {refused}")
            still = json.loads(server.request("GET", "/v1/catalog")[2])
            check(still["revision"] == after["revision"], "the old catalog keeps serving")
        finally:
            check(server.stop() == 0, "exit status")
    finally:
        shutil.rmtree(folder)


def case_fuzz_inputs():
    """The kept inputs of the request and facts fuzz targets (tests/data/fuzz/), and a bounded
    set of seeded mutations of each, sent over HTTP to every operation: never a 5xx or a crash,
    every refusal the errors document, every JSON answer valid JSON."""
    import random
    kept = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "fuzz")
    bodies = []
    for target in ("request", "facts"):
        folder = os.path.join(kept, target)
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), "rb") as stream:
                data = stream.read()
            bodies.append(data)
            try:
                parsed = json.loads(data)
            except ValueError:
                parsed = None
            if target == "request" and isinstance(parsed, dict):
                parsed.pop("command", None)  # the path names the operation
                bodies.append(json.dumps(parsed, ensure_ascii=False).encode())
            if target == "facts" and isinstance(parsed, dict):
                bodies.append(json.dumps({"bundle": "child-birth", "facts": parsed},
                                         ensure_ascii=False).encode())
    generator = random.Random(20261203)
    mutants = []
    for body in bodies:
        for _ in range(12):
            data = bytearray(body)
            at = generator.randrange(len(data) + 1)
            kind = generator.randrange(4)
            if kind == 0:
                data = data[:at]  # cut short
            elif kind == 1 and data:
                data[min(at, len(data) - 1)] = generator.randrange(256)  # one byte changed
            elif kind == 2:
                data[at:at] = bytes([generator.choice(b'{}[]",:0-e\\ \x00\xff')])
            else:
                data[at:at] = data[at:at + generator.randrange(1, 64)]  # a slice repeated
            mutants.append(bytes(data))
    server = Server([RULES])
    try:
        connection = server.connect()
        sent = 0
        for body in bodies + mutants:
            for path in ("/v1/plan", "/v1/guide", "/v1/form", "/v1/dispatch"):
                try:
                    status, headers, data = server.request("POST", path, body, connection)
                except (http.client.HTTPException, OSError):
                    connection.close()  # the server may close after a refusal: reconnect
                    connection = server.connect()
                    status, headers, data = server.request("POST", path, body, connection)
                sent += 1
                check(status in (200, 400, 404, 413), f"{path} {body[:120]!r}: {status} {data[:200]}")
                if status != 200:
                    validate(json.loads(data), "Errors")
                elif headers.get("Content-Type", "").startswith("application/json"):
                    json.loads(data)
        connection.close()
        check(sent >= 400, f"only {sent} requests")
        print(f"{sent} requests ({len(bodies)} kept inputs, {len(mutants)} mutations)")
        # Documents nested far past max_depth within the 1 MiB body: refused where they first
        # go too deep, as at 65 levels (once a worker crashed on them, its stack exhausted).
        def deep(key, depth, arrays=False):
            inner = ("[" * (depth - 1) + "1" + "]" * (depth - 1) if arrays
                     else '{"a": ' * (depth - 1) + "1" + "}" * (depth - 1))
            body = '{"bundle": "child-birth", "facts": '
            body += ('{"a": ' + inner + "}" if key == "facts"
                     else json.dumps(FACTS) + ', "' + key + '": {"a": ' + inner + "}")
            if key == "shared":
                body += ', "answers": {}'
            path = "/v1/plan" if key == "facts" else "/v1/dispatch"
            status, _, data = server.request("POST", path, (body + "}").encode())
            check(status == 400, f"{key} {depth} deep: {status} {data[:200]}")
            errors = json.loads(data)
            validate(errors, "Errors")
            return [e for e in errors["errors"] if e.get("file") == "request." + key]
        for key in ("facts", "answers"):
            first = deep(key, 65)
            check(first and first[0]["code"] == "limit-depth", f"{key}: {first}")
            check(deep(key, 140000)[:1] == first[:1], f"{key}: 140,000 levels")
            check(deep(key, 500000, arrays=True)[:1] == deep(key, 65, arrays=True)[:1],
                  f"{key}: 500,000 levels of arrays")
        check(server.request("GET", "/healthz")[0] == 200, "still serving")
        metrics = server.request("GET", "/metrics")[2].decode()
        check(not re.search(r'status="5\d\d"', metrics), f"a 5xx:\n{metrics}")
    finally:
        check(server.stop() == 0, "exit status")


def exchange(server, data, timeout=10):
    """Sends `data` on a new connection and returns all the server sends until it closes."""
    with socket.create_connection((server.host, server.port), timeout=timeout) as raw:
        raw.sendall(data)
        whole = b""
        while chunk := raw.recv(65536):  # read to the end: the server closes
            whole += chunk
        return whole


def error_of(answer):
    """The status and the first error of an answer read whole (`exchange`)."""
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
    errors = json.loads(body[:length])
    validate(errors, "Errors")
    return status, errors["errors"][0]


def peak_memory_kb(server):
    """The server's peak resident memory so far (VmHWM), in kB."""
    with open(f"/proc/{server.process.pid}/status", encoding="utf-8") as stream:
        return int(re.search(r"VmHWM:\s*(\d+) kB", stream.read()).group(1))


def case_framing():
    """Framing the parser alone does not bound or explain: a chunked body's trailer and
    chunk-size lines (held to --max-header-bytes), the Host field (RFC 9112, 3.2), HTTP/1.0
    with a Transfer-Encoding (RFC 9112, 6.1), and line ends that are not CRLF."""
    # With the default limits (16384 header bytes): a trailer field of 70,000 bytes, its value
    # or its name, is a 431 like a header over the limit, logged and counted; once it ended the
    # connection unanswered ("field value too large" out of the parser).
    server = Server([RULES])
    try:
        head = (b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                b"Connection: close\r\n\r\n2\r\n{}\r\n0\r\n")
        for field in (b"X: " + b"a" * 70000, b"X" * 70000 + b": a"):
            status, error = error_of(exchange(server, head + field + b"\r\n\r\n"))
            check(status == 431 and error["code"] == "header-too-large" and
                  "trailer fields together are larger than 16384 bytes" in error["message"],
                  f"a trailer field of 70,000 bytes: {status} {error}")
        # HTTP/1.1 needs exactly one Host field; HTTP/1.0 may go without.
        for request, count in ((b"GET /healthz HTTP/1.1\r\n\r\n", "no"),
                               (b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", "2"),
                               (b"GET /healthz HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", "2"),
                               (b"POST /v1/plan HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}", "no")):
            status, error = error_of(exchange(server, request))
            check(status == 400 and error["code"] == "bad-http" and
                  error["message"].startswith(("the HTTP/1.1 request has no Host header field"
                                               if count == "no" else
                                               f"the request has {count} Host header fields")) and
                  "send one Host field" in error["message"], f"{request!r}: {status} {error}")
        answer = exchange(server, b"GET /healthz HTTP/1.0\r\n\r\n")
        check(answer.startswith(b"HTTP/1.1 200 "), f"HTTP/1.0 without Host: {answer[:100]!r}")
        # HTTP/1.0 with a Transfer-Encoding: answered, then closed, even when asked to keep the
        # connection (RFC 9112, 6.1: its framing is faulty).
        body = json.dumps({"bundle": "child-birth"}).encode()
        answer = exchange(server, b"POST /v1/guide HTTP/1.0\r\nTransfer-Encoding: chunked\r\n"
                          b"Connection: keep-alive\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
                          + b"GET /healthz HTTP/1.0\r\n\r\n")
        check(answer.startswith(b"HTTP/1.1 200 ") and answer.count(b"HTTP/1.1 ") == 1 and
              b"\r\nConnection: close\r\n" in answer and answer.endswith(
                  cli("guide", RULES, "--bundle", "child-birth", "--format", "json")),
              f"HTTP/1.0 chunked with keep-alive: {answer[:300]!r}")
        # Lines that end in a bare LF: the message says so (the version is right).
        for request in (b"GET /healthz HTTP/1.1\nHost: x\n\n", b"GET /healthz HTTP/1.1\r\nHost: x\n\n",
                        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\n\r\n"):
            status, error = error_of(exchange(server, request))
            check(status == 400 and error["code"] == "bad-http" and
                  "ends in a bare LF: HTTP/1.1 lines end in CRLF" in error["message"] and
                  "\\r\\n" in error["message"] and "version" not in error["message"],
                  f"{request!r}: {status} {error}")
        metrics = server.request("GET", "/metrics")[2].decode()
        check('onething_requests_total{endpoint="/v1/plan",status="431"} 2' in metrics and
              not re.search(r'status="5\d\d"', metrics), f"431s:\n{metrics}")
    finally:
        check(server.stop() == 0, "exit status")
    check(not any('"internal-error"' in line for line in server.lines),
          "".join(line for line in server.lines if "internal-error" in line))
    check(sum('"path":"/v1/plan","status":431' in line for line in server.lines) == 2,
          "the 431s are logged under their path")
    # Trailer fields count with the request line and header fields against --max-header-bytes:
    # at the limit a request is answered, one byte over is a 431, whether the trailer comes
    # with the body or after a pause. Each chunk-size line is held to the limit on its own.
    server = Server([RULES], "--max-header-bytes", "200", "--max-body-bytes", "100")
    try:
        head = b"POST /v1/guide HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        body = json.dumps({"bundle": "child-birth"}).encode()
        chunks = b"%x\r\n%s\r\n0\r\n" % (len(body), body)
        expected = cli("guide", RULES, "--bundle", "child-birth", "--format", "json")

        def trailer_of(size):  # trailer field lines of `size` bytes, their CRLFs included
            first = b"X-Sum: " + b"s" * (size - len(head) - 20 - 9) + b"\r\n"
            return first + b"X-More: 1234567890\r\n"
        for size, status in ((200, 200), (201, 431)):
            trailer = trailer_of(size)
            check(len(head) + len(trailer) == size and trailer.endswith(b"\r\n"), "the sizes")
            for pause in (False, True):
                with socket.create_connection((server.host, server.port), timeout=10) as raw:
                    reader = raw.makefile("rb")
                    raw.sendall(head + chunks + trailer[:-3])
                    if pause:
                        time.sleep(0.2)
                    raw.sendall(trailer[-3:] + b"\r\n")
                    answer, data = read_answer(reader)
                    check(answer.startswith(b"HTTP/1.1 %d " % status) and
                          (data == expected if status == 200 else
                           b"trailer fields together are larger than 200 bytes" in data),
                          f"head and trailer of {size} bytes: {answer[:100]!r} {data[:300]!r}")
        for size, status in ((200, 200), (201, 431)):
            line = b"%x;ext=" % len(body)
            line += b"e" * (size - len(line) - 2) + b"\r\n"
            answer = exchange(server, head.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n")
                              + line + body + b"\r\n0\r\n\r\n")
            check(answer.startswith(b"HTTP/1.1 %d " % status) and
                  (status == 200 or b"a chunk-size line of the chunked body is longer than 200"
                   in answer), f"a chunk-size line of {size} bytes: {answer[:300]!r}")
        # 1,000 trailer lines of 60 KB: refused as they come, never read whole (60 MB) into
        # memory.
        before = peak_memory_kb(server)
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            def flood():
                try:
                    raw.sendall(head + chunks)
                    for _ in range(1000):
                        raw.sendall(b"X-Flood: " + b"f" * 60000 + b"\r\n")
                except OSError:
                    pass  # closed by the server after its answer
            sender = threading.Thread(target=flood, daemon=True)
            sender.start()
            status, error = error_of(b"".join(read_answer(raw.makefile("rb"))))
            sender.join(timeout=30)
        check(status == 431 and error["code"] == "header-too-large",
              f"1,000 trailer lines of 60 KB: {status} {error}")
        grown = peak_memory_kb(server) - before
        check(grown < 16 * 1024, f"the server's peak memory grew by {grown} kB")
    finally:
        check(server.stop() == 0, "exit status")


def case_edges():
    """The service's own bounds at their largest, clients that leave, and a shutdown that
    meets pipelined requests: never an end of the process, never a lost answer."""
    # --max-header-bytes is at most 65535 (one header field's length is kept in 16 bits): a
    # field of nearly that much is read whole at the limit, and one byte over is a 431.
    server = Server([RULES], "--max-header-bytes", "65535",
                    "--max-body-bytes", "18446744073709551615")
    try:
        def head_of(size):
            start = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: "
            return start + b"p" * (size - len(start) - 4) + b"\r\n\r\n"
        for size, expected in ((65535, b"HTTP/1.1 200 "), (65536, b"HTTP/1.1 431 ")):
            with socket.create_connection((server.host, server.port), timeout=10) as raw:
                raw.sendall(head_of(size))
                answer = raw.recv(65536)
                check(answer.startswith(expected), f"a head of {size} bytes: {answer[:200]!r}")
        # A body declared far beyond the machine's memory is not reserved up front: the client
        # that declares 64 GiB and leaves after two bytes costs nothing, and is neither answered
        # nor logged (nobody is there to read it).
        lines_before = len(server.lines)
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            raw.sendall(b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Length: 68719476736"
                        b"\r\n\r\n{\"")
            time.sleep(0.3)
        time.sleep(0.3)
        check(server.process.poll() is None, "the server is running")
        check(server.request("GET", "/healthz")[0] == 200, "still serving")
        # (The 431 above may be logged after lines_before was taken: only /v1/plan counts.)
        logged = [line for line in server.lines[lines_before:]
                  if '"status":4' in line and '"path":"/v1/plan"' in line]
        check(not logged, f"a client that left was logged: {logged}")
        # A megabyte bundle id is logged by its start, as a message quotes it.
        status, _, _ = server.request("POST", "/v1/plan", {"bundle": "x" * 1_000_000})
        check(status == 404, f"status {status}")
        time.sleep(0.2)
        line = next(line for line in reversed(server.lines) if '"path":"/v1/plan"' in line)
        check(len(line) < 1000 and '"bundle":"' + "x" * 200 + '…"' in line, line[:400])
    finally:
        check(server.stop() == 0, "exit status")
    # SIGTERM while pipelined requests are answered: every answer the client gets is whole, and
    # the connection ends with a close, not a reset that would cut the last answer short.
    server = Server([RULES], "--threads", "1")
    body = json.dumps({"bundle": "child-birth", "format": "html", "facts": FACTS}).encode()
    one = (b"POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    client = socket.create_connection((server.host, server.port), timeout=30)
    client.sendall(one * 300)
    # The client reads nothing for a while: the answers fill both sides' buffers, so the one
    # being written when the signal comes, and those before it, are still unread (a reset
    # would throw them away).
    time.sleep(1.0)
    server.process.send_signal(signal.SIGTERM)
    time.sleep(1.0)
    data = b""
    try:
        while chunk := client.recv(1 << 20):
            data += chunk
    except ConnectionResetError:
        raise AssertionError(f"reset after {data.count(b'HTTP/1.1 200')} answers")
    client.close()
    answers = 0
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *([0-9]+)", head).group(1))
        check(head.startswith(b"HTTP/1.1 200") and len(rest) >= length,
              f"answer {answers + 1} cut short: {len(rest)} of {length} bytes")
        data = rest[length:]
        answers += 1
    check(0 < answers < 300, f"{answers} answers")
    check(server.process.wait(timeout=60) == 0, "exit status")
    server.reader.join(timeout=5)


CASES = {"endpoints": case_endpoints, "protocol": case_protocol, "errors": case_errors,
         "timeouts": case_timeouts, "load": case_load, "reload": case_reload,
         "signals": case_signals, "studio": case_studio,
         "snapshot": case_snapshot, "inflight": case_inflight, "dated": case_dated,
         "overlay": case_overlay, "fuzz_inputs": case_fuzz_inputs, "edges": case_edges,
         "framing": case_framing, "idle_memory": case_idle_memory}

if __name__ == "__main__":
    CASES[CASE]()
    print(f"serve {CASE}: ok")

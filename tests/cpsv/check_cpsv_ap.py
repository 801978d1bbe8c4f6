"""CPSV-AP 3 JSON-LD checks: rdflib reads the export; export -> import -> export is stable.

    check_cpsv_ap.py rdf ONETHING [PATH...]
        The export of the catalog (the shipped one without PATHs) parsed by rdflib as JSON-LD
        with no network: one cpsv:PublicService per item, one cv:LifeEvent per bundle, every
        service with a competent authority, a channel and an xsd:duration processing time,
        and each item's needed and produced materials as cpsv:hasInput and cpsv:produces.
    check_cpsv_ap.py round-trip ONETHING WORKDIR [PATH...] [--skeleton EXPECTED]
        Export, import into WORKDIR, lint the skeleton (no error), export it again: the bytes
        must be the same; with --skeleton the imported rule file must equal EXPECTED.
"""
import json
import pathlib
import shutil
import subprocess
import sys

import rdflib
from rdflib.namespace import RDF, XSD

CPSV = rdflib.Namespace("http://purl.org/vocab/cpsv#")
CV = rdflib.Namespace("http://data.europa.eu/m8g/")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def run(command):
    """Runs the command; its standard output, or exits with its standard error."""
    result = subprocess.run(command, capture_output=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))}: exit {result.returncode}\n"
                 f"{result.stderr.decode()}")
    return result.stdout


def fail(message):
    sys.exit(f"FAIL: {message}")


def check_rdf(onething, paths):
    document = run([onething, "export", *paths, "--format", "cpsv-ap"])
    listing = json.loads(run([onething, "list", *paths, "--format", "json"]))
    if "http" in json.dumps(json.loads(document)["@graph"]):
        fail("a node of the graph points to the network")
    graph = rdflib.Graph()
    graph.parse(data=document.decode(), format="json-ld")
    services = set(graph.subjects(RDF.type, CPSV.PublicService))
    events = set(graph.subjects(RDF.type, CV.LifeEvent))
    if len(services) != len(listing["items"]):
        fail(f"{len(services)} cpsv:PublicService, {len(listing['items'])} items")
    if len(events) != len(listing["bundles"]):
        fail(f"{len(events)} cv:LifeEvent, {len(listing['bundles'])} bundles")
    for service in services:
        authority = graph.value(service, CV.hasCompetentAuthority)
        if (authority, RDF.type, CV.PublicOrganisation) not in graph:
            fail(f"{service}: no cv:PublicOrganisation as competent authority")
        if not any((channel, RDF.type, CV.Channel) in graph
                   for channel in graph.objects(service, CV.hasChannel)):
            fail(f"{service}: no cv:Channel")
        time = graph.value(service, CV.processingTime)
        if not isinstance(time, rdflib.Literal) or time.datatype != XSD.duration:
            fail(f"{service}: processing time {time!r} is not an xsd:duration")
        for material in graph.objects(service, CPSV.hasInput):
            if (material, RDF.type, CV.Evidence) not in graph:
                fail(f"{service}: input {material} is not a cv:Evidence")
        for material in graph.objects(service, CPSV.produces):
            if (material, RDF.type, CV.Output) not in graph:
                fail(f"{service}: output {material} is not a cv:Output")
        for event in graph.objects(service, CV.isGroupedBy):
            if event not in events:
                fail(f"{service}: grouped by {event}, not a cv:LifeEvent")
    inputs = len(list(graph.triples((None, CPSV.hasInput, None))))
    outputs = len(list(graph.triples((None, CPSV.produces, None))))
    grouped = len(list(graph.triples((None, CV.isGroupedBy, None))))
    if inputs == 0 or outputs == 0 or grouped == 0:
        fail(f"{inputs} hasInput, {outputs} produces, {grouped} isGroupedBy triples")
    for bundle in listing["bundles"]:
        event = rdflib.URIRef("urn:onething:bundle:" + bundle["id"])
        members = {str(s) for s in graph.subjects(CV.isGroupedBy, event)}
        goals = {"urn:onething:item:" + goal for goal in bundle["goals"]}
        if members != goals:
            fail(f"{bundle['id']}: groups {sorted(members)}, goals {sorted(goals)}")
    titles = [o for o in graph.objects(None, DCT.title)]
    if not any(getattr(title, "language", None) == "zh" for title in titles):
        fail("no dct:title in Chinese")
    print(f"ok: {len(graph)} triples, {len(services)} services, {len(events)} life events, "
          f"{inputs} inputs, {outputs} outputs")


def check_round_trip(onething, workdir, paths, skeleton):
    workdir = pathlib.Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    first = run([onething, "export", *paths, "--format", "cpsv-ap"])
    exported = workdir / "catalog.jsonld"
    exported.write_bytes(first)
    rules = workdir / "rules"
    run([onething, "import", "--format", "cpsv-ap", str(exported), "-o", str(rules)])
    imported = rules / "catalog.yaml"
    if skeleton and imported.read_bytes() != pathlib.Path(skeleton).read_bytes():
        fail(f"{imported} differs from {skeleton}")
    if b"# TODO:" not in imported.read_bytes():
        fail("the skeleton has no TODO")
    run([onething, "lint", str(rules)])
    second = run([onething, "export", str(rules), "--format", "cpsv-ap"])
    if first != second:
        (workdir / "second.jsonld").write_bytes(second)
        fail(f"export -> import -> export differs: diff {exported} {workdir / 'second.jsonld'}")
    print(f"ok: {len(first)} bytes stable through import")


def main(argv):
    if len(argv) >= 2 and argv[0] == "rdf":
        check_rdf(argv[1], argv[2:])
    elif len(argv) >= 3 and argv[0] == "round-trip":
        rest = argv[3:]
        skeleton = None
        if "--skeleton" in rest:
            at = rest.index("--skeleton")
            skeleton = rest[at + 1]
            rest = rest[:at] + rest[at + 2:]
        check_round_trip(argv[1], argv[2], rest, skeleton)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Hostile contributions are refused with one clear line, and nothing reaches the network or other files.

A test-only audit hook, independent of the library's sandbox, watches every validation here: it records
(and blocks) any attempt to resolve a host, connect, open a URL or read /etc/passwd, so a test fails if the
library even tries. The first test shows the hook catches rdflib fetching a remote JSON-LD context.
"""

from __future__ import annotations

import json
import socket
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef

from publisher.cli import main
from publisher.errors import InputError
from publisher.sandbox import sandboxed
from tests.conftest import ROOT

HOSTILE = Path(__file__).parent / "contributions" / "hostile"
VALID = Path(__file__).parent / "contributions" / "valid-turtle.ttl"
PUBLISHED = str(ROOT / "output" / "migration-projects.nt.gz")
_NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request", "http.client.connect"}
_watching: list[list[tuple[str, str]]] = []


def _watch(event: str, args: tuple) -> None:
    if not _watching:
        return
    if event in _NETWORK:
        _watching[-1].append((event, str(args[:2])))
        raise PermissionError(f"test hook: no network in tests ({event})")
    if event == "open" and isinstance(args[0], str | bytes) and "passwd" in str(args[0]):
        _watching[-1].append((event, str(args[0])))


sys.addaudithook(_watch)


@pytest.fixture
def attempts():
    """The network and /etc/passwd accesses attempted during the test (blocked)."""
    seen: list[tuple[str, str]] = []
    _watching.append(seen)
    yield seen
    _watching.remove(seen)


def validate(*args: str):
    return CliRunner().invoke(main, ["validate", "--published", PUBLISHED, *args])


def test_the_watch_catches_rdflib_fetching_a_remote_context(attempts):
    """The control: rdflib on its own goes to the network for a remote @context (so the watch can fail)."""
    with pytest.raises(Exception):  # noqa: B017 - whatever rdflib makes of the blocked fetch
        Graph().parse(HOSTILE / "remote-context.jsonld", format="json-ld")
    assert ("urllib.Request", "('https://evil.example.org/context.jsonld', None)") in attempts


CONTEXT_HINT = 'use "@context": "https://w3id.org/migration-lod/context.jsonld" or put the context inline'
DOCTYPE = ("RDF/XML with a <!DOCTYPE> declaration is refused (entities can expand without bound); "
           "remove the DOCTYPE and write the values out in full")


@pytest.mark.parametrize("name, message", [
    ("remote-context.jsonld", ':2:15: the JSON-LD context "https://evil.example.org/context.jsonld" is not fetched '
                              f"(no remote or local contexts); {CONTEXT_HINT}"),
    ("remote-context-import.jsonld", ':4:16: the JSON-LD context "https://evil.example.org/context.jsonld" is not '
                                     f"fetched (no remote or local contexts); {CONTEXT_HINT}"),
    ("scoped-remote-context.jsonld", ':5:28: the JSON-LD context "https://evil.example.org/budget-context.jsonld" '
                                     f"is not fetched (no remote or local contexts); {CONTEXT_HINT}"),
    ("local-context.jsonld", ':2:65: the JSON-LD context "file:///etc/passwd" is not fetched (no remote or local '
                             f"contexts); {CONTEXT_HINT}"),
    ("xml-nested-entities.rdf", f":2:1: {DOCTYPE}"),
    ("xml-external-entity.rdf", f":2:1: {DOCTYPE}"),
    ("binary.ttl", ":2:1: binary data (byte 0x1a), not RDF text; send the RDF as Turtle, JSON-LD, N-Triples, "
                   "N-Quads or RDF/XML text in UTF-8"),
    ("empty.ttl", ": the file is empty; write the RDF description of at least one project"),
    ("latin1.ttl", ":3:33: byte 0xe9 is not UTF-8; save the file as UTF-8"),
    ("wrong-extension.docx", ': unknown extension ".docx"; name the file with one of .ttl, .jsonld, .json, .nt, '
                             ".nq, .rdf, .owl, .xml, or give --input-format"),
    ("json-named-ttl.ttl", ":1:1: this is JSON, not Turtle; name a JSON-LD file .jsonld, or give --input-format "
                           "jsonld"),
    ("syntax-error.ttl", ':6:20: not valid Turtle: "HX.0010" is not a valid subject or graph name; fix the file at '
                         "that place"),
    ("syntax-error.jsonld", ":5:1: not JSON: Expecting property name enclosed in double quotes; fix the JSON at "
                            "that place"),
    ("syntax-error.rdf", ":5:53: not well-formed XML: mismatched tag; fix the XML at that place"),
    ("deep-nesting.jsonld", ": JSON nested too deeply (more than 200 levels); flatten the document: describe each "
                            "resource in @graph and refer to it by its @id"),
])
def test_hostile_or_unreadable_files_get_one_clear_line_and_exit_2(attempts, name, message):
    path = HOSTILE / name
    result = validate(str(path))
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}{message}\n"
    assert "Traceback" not in result.output and attempts == []


@pytest.mark.parametrize("name, expected", [
    ("owl-imports.ttl", [("bad-iri-scheme", "file:///etc/passwd")]),
    ("shapes-in-data.ttl", [("reserved-iri", None)] * 2),  # <shape/evil>: not an IRI contributions describe
])
def test_imports_and_shapes_in_the_data_are_never_followed_or_run(attempts, name, expected):
    """Data, never followed or run; the file: IRI among the imports is a bad-iri-scheme violation, the shapes
    (named under the base) reserved-iri ones, nothing more."""
    result = validate(str(HOSTILE / name), "--format", "json")
    assert result.exit_code == 1, result.output
    findings = [(f["code"], f["value"]) for f in json.loads(result.output)["findings"] if f["severity"] == "Violation"]
    assert findings == expected
    assert attempts == []


@pytest.mark.parametrize("option, value, message", [
    ("--max-bytes", "1000", ": more than 1000 bytes; split the contribution into smaller files, or raise --max-bytes"),
    ("--max-triples", "10", ": more than 10 triples; split the contribution into smaller files, or raise "
                            "--max-triples"),
])
def test_size_limits_are_options(option, value, message):
    result = validate(str(VALID), option, value)
    assert result.exit_code == 2 and result.stderr == f"error: {VALID}{message}\n"


def test_validation_has_a_time_limit():
    result = validate(str(VALID), "--time-limit", "0.001")
    assert result.exit_code == 2
    assert result.stderr in (f"error: {VALID}: {step} took longer than 0.001 s; split the contribution into smaller "
                             "files, or raise --time-limit\n" for step in ("parsing", "validation"))


@pytest.mark.parametrize("fmt, extension", [("nt", "nt"), ("nquads", "nq"), ("xml", "rdf"), ("json-ld", "jsonld")])
def test_every_rdf_format_is_read(tmp_path, attempts, fmt, extension):
    """The valid contribution in each format validates the same (N-Quads: in a named graph, read as one graph)."""
    path = tmp_path / f"valid.{extension}"
    dataset = Dataset()
    graph = dataset.graph(URIRef("https://partner.example.org/graph")) if fmt == "nquads" else dataset.default_graph
    graph.parse(VALID, format="turtle", publicID="https://w3id.org/migration-lod/")
    (dataset if fmt == "nquads" else graph).serialize(path, format=fmt, encoding="utf-8")
    result = validate(str(path))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 file(s), 11 resource(s): 0 violation(s), 0 warning(s), 0 info(s)\n")


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.read_bytes())
    assert validate(str(path)).exit_code == 0


@pytest.mark.parametrize("attempt, refused", [
    (lambda: urllib.request.urlopen("http://example.org/"), "reach the network (urllib.Request 'http://example.org/')"),
    (lambda: socket.socket().connect(("192.0.2.1", 80)), "reach the network (socket.connect ('192.0.2.1', 80))"),
    (lambda: socket.getaddrinfo("example.org", 80), "reach the network (socket.getaddrinfo 'example.org')"),
    (lambda: Path("/etc/passwd").read_text(), "read the file /etc/passwd"),
    (lambda: Path("/tmp/migration-lod-sandbox-test").write_text("x"), "write the file /tmp/migration-lod-sandbox-test"),
])
def test_the_library_sandbox_refuses_network_and_files_even_when_the_parser_swallows_the_error(attempt, refused):
    with pytest.raises(InputError) as caught, sandboxed("x.ttl"):
        try:
            attempt()
        except Exception:  # a careless parser that hides the failure
            pass
    assert str(caught.value).startswith(f"x.ttl: refused: reading the file tried to {refused}; ")

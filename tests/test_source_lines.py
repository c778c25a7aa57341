"""A contribution's findings point at their line of the file (publisher.sourcelines), in every RDF format it may
come in: the property's line, the value's where a property lists several, the resource's first line when the
property is missing; the build's one-line errors and `validate --format json` carry the same line."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner
from rdflib import Graph

from converters.namespaces import DEFAULT_BASE
from publisher.cli import main
from publisher.sourcelines import read
from tests.test_contributions import BROKEN, CONTRIBUTIONS, PUBLISHED

BASE = DEFAULT_BASE


def findings(path) -> list[dict]:
    result = CliRunner().invoke(main, ["validate", "--published", PUBLISHED, "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def spelled(iri: str) -> str:
    """How the example files write an IRI: relative to the base."""
    return iri.removeprefix(BASE)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_each_finding_of_a_broken_turtle_file_names_the_line_of_its_property_or_value(path):
    text = path.read_text(encoding="utf-8").splitlines()
    for finding in findings(path):
        if finding["resource"].startswith("_:"):
            continue
        line = finding["line"]
        assert line, finding
        written = text[line - 1]
        local = (finding["field"] or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        value = finding["value"]
        value_written = value is not None and spelled(value) in path.read_text(encoding="utf-8")
        subject_line = written.startswith(f"<{spelled(finding['resource'])}>")
        if value_written:
            assert spelled(value) in written, (finding, written)
        elif local and f":{local} " in path.read_text(encoding="utf-8").split(f"<{spelled(finding['resource'])}>")[1]:
            assert f":{local} " in written or subject_line, (finding, written)
        else:  # the property is missing: the resource's first line
            assert subject_line, (finding, written)


def test_a_value_among_several_on_their_own_lines_is_pointed_at():
    data = (b"@prefix mp: <https://w3id.org/migration-lod/vocab#> .\n"
            b"<project/X.1> a mp:Project ;\n"
            b"    mp:beneficiaryCountry <country/AR> ,\n"
            b"        <country/XX> ,\n"
            b"        <country/CL> ;\n"
            b"    mp:status <concept/status/active> .\n")
    lines = read(data, "ttl", BASE, {f"{BASE}project/X.1"})
    project, field = f"{BASE}project/X.1", "https://w3id.org/migration-lod/vocab#beneficiaryCountry"
    assert lines.line(project, field, f"{BASE}country/XX") == 4
    assert lines.line(project, field) == 3
    assert lines.line(project, "https://w3id.org/migration-lod/vocab#budget") == 2  # missing: where it begins
    assert lines.line(f"{BASE}country/XX") == 0  # pointed at, not described
    assert lines.line("_:b0", field) == 0


def test_prefixes_base_long_strings_and_comments_are_read_as_turtle_reads_them():
    data = (b"# <project/X.1> a comment is not a description .\n"
            b"PREFIX m: <https://w3id.org/migration-lod/vocab#>\n"
            b"@base <https://w3id.org/migration-lod/project/> .\n"
            b"<X.1> a m:Project ;\n"
            b'    m:note """a long text\n'
            b"<X.2> m:status <x> .\n"
            b'that ends here""" ;\n'
            b"    m:status <../concept/status/nowhere> .\n"
            b"@prefix m: <https://example.org/other#> .\n"
            b"<X.2> m:status <../concept/status/active> .\n")
    subjects = {f"{BASE}project/X.1", f"{BASE}project/X.2"}
    lines = read(data, "ttl", BASE, subjects)
    status = "https://w3id.org/migration-lod/vocab#status"
    assert lines.line(f"{BASE}project/X.1", status, f"{BASE}concept/status/nowhere") == 8
    assert lines.line(f"{BASE}project/X.2") == 10  # not line 6, inside the long string


def _converted(tmp_path, fmt: str, extension: str, shuffle: bool = False):
    graph = Graph().parse(CONTRIBUTIONS / "broken" / "unknown-country.ttl", format="turtle", publicID=BASE)
    text = graph.serialize(format="nt" if fmt == "nquads" else fmt)
    if fmt == "nquads":  # the same statements in a named graph
        text = "".join(row[:-2] + " <https://example.org/graph> .\n" for row in text.splitlines() if row)
    if shuffle:  # N-Triples in no order: the project's statements are apart
        rows = text.splitlines()
        random.Random(5).shuffle(rows)
        text = "\n".join(rows) + "\n"
    path = tmp_path / f"unknown-country.{extension}"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt, extension, shuffle", [
    ("nt", "nt", False), ("nt", "nt", True), ("nquads", "nq", True), ("xml", "rdf", False),
    ("json-ld", "jsonld", False), ("turtle", "ttl", False),
])
def test_the_line_is_found_in_every_format_a_contribution_may_come_in(tmp_path, fmt, extension, shuffle):
    path = _converted(tmp_path, fmt, extension, shuffle)
    [finding] = findings(path)
    assert finding["code"] == "unknown-country"
    assert "country/XX" in path.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]


def test_json_ld_terms_of_the_published_context_name_the_property(tmp_path):
    text = (CONTRIBUTIONS / "valid-jsonld.jsonld").read_text(encoding="utf-8")
    path = tmp_path / "broken.jsonld"
    path.write_text(text.replace('"durationMonths": 24', '"durationMonths": 0'), encoding="utf-8")
    [finding] = findings(path)
    assert finding["code"] == "bad-duration"
    assert '"durationMonths": 0' in path.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]


def test_the_build_names_the_contributions_line(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    broken = CONTRIBUTIONS / "broken" / "bad-currency.ttl"
    (seeds / broken.name).write_bytes(broken.read_bytes())
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    line = next(n for n, row in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if '"dollars"' in row)
    assert f"{seeds / broken.name}:{line}: <{BASE}project/BR.0025#budget> https://schema.org/currency: bad-currency" \
        in result.output


def test_a_json_ld_node_whose_id_comes_last_begins_where_its_object_does():
    data = b"""{"@context": "https://w3id.org/migration-lod/context.jsonld", "@graph": [
  {
   "@type": "Project",
   "status": "concept/status/active",
   "durationMonths": 0,
   "@id": "project/X.1"},
  {"@id": "project/X.2",
   "status": "concept/status/active"},
  {"title": "a \\"{\\" in a string", "fundedBy": {"@id": "organisation/O"},
   "@id": "project/X.3"}
]}"""
    lines = read(data, "jsonld", BASE, {f"{BASE}project/X.1", f"{BASE}project/X.2", f"{BASE}project/X.3"})
    assert lines.line(f"{BASE}project/X.1") == 2 and lines.line(f"{BASE}project/X.2") == 7
    vocabulary = "https://w3id.org/migration-lod/vocab#"
    # the keys before the "@id" are its properties: each finding on one names that key's line
    assert lines.line(f"{BASE}project/X.1", f"{vocabulary}status") == 4
    assert lines.line(f"{BASE}project/X.1", f"{vocabulary}durationMonths") == 5
    # braces inside strings, and a nested object before the "@id", do not move where the description begins
    assert lines.line(f"{BASE}project/X.3") == 9


def test_a_finding_on_a_json_ld_node_whose_id_comes_last_names_its_property_line(tmp_path):
    document = json.loads((CONTRIBUTIONS / "valid-jsonld.jsonld").read_text(encoding="utf-8"))
    nodes = document["@graph"] if "@graph" in document else [document]
    project = next(node for node in nodes if "durationMonths" in node)
    project["durationMonths"] = 0
    project["@id"] = project.pop("@id")  # its last key now
    path = tmp_path / "broken.jsonld"
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    [finding] = findings(path)
    assert finding["code"] == "bad-duration"
    assert '"durationMonths": 0' in path.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]

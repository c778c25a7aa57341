"""The fast validation gives pySHACL's own findings: publisher.shacl's shortcuts and publisher.batches' shared runs
against plain `pyshacl.validate`, run in a process the shortcuts never touched."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from bench.corpus import generate
from converters import convert_file
from converters.errors import PageError
from converters.namespaces import DCT, MP, SCHEMA
from converters.rdf import to_graph
from converters.reference import reference
from publisher.batches import validate_in_batches
from publisher.validation import shapes_graph, validate_graph, validate_with_references, with_references
from tests.conftest import ROOT, SEEDS

PROJECT = "https://w3id.org/migration-lod/project/"
# Run by a fresh interpreter: plain pySHACL on each N-Triples file, its results as Findings in JSON.
PLAIN = """
import json, sys
from dataclasses import asdict
import pyshacl
from rdflib import Graph
from rdflib.namespace import RDF, SH
from publisher.validation import SHAPES, finding
shapes = Graph()
for path in sorted(SHAPES.glob("*.ttl")):
    shapes.parse(path, format="turtle")
found = []
for path in sys.argv[1:]:
    data = Graph().parse(path, format="nt")
    _c, results, _t = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True,
                                       allow_infos=True, advanced=False, do_owl_imports=False)
    found.append([asdict(finding(results, r, path)) for r in results.subjects(RDF.type, SH.ValidationResult)])
print(json.dumps(found))
"""


def plain_pyshacl(graphs: list[Graph], folder: Path) -> list[list[dict]]:
    paths = []
    for number, graph in enumerate(graphs):
        path = folder / f"data-{number}.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        paths.append(str(path))
    done = subprocess.run([sys.executable, "-c", PLAIN, *paths], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, check=True)
    return [sorted(_comparable(f) for f in found) for found in json.loads(done.stdout)]


def _comparable(finding: dict) -> tuple:
    finding = dict(finding, file=None, messages=tuple(tuple(pair) for pair in finding["messages"]))
    return tuple(sorted(finding.items()))


def mine(findings) -> list[tuple]:
    return sorted(_comparable(asdict(f)) for f in findings)


def dates_graph() -> Graph:
    """Many projects in one graph, every pairing of date precisions, some ending before they start."""
    graph = Graph()
    values = [Literal("2020", datatype=XSD.gYear), Literal("2021", datatype=XSD.gYear),
              Literal("2020-06", datatype=XSD.gYearMonth), Literal("2020-05", datatype=XSD.gYearMonth),
              Literal("2020-06-15", datatype=XSD.date), Literal("2020-06-14", datatype=XSD.date),
              Literal("20x1", datatype=XSD.gYear), Literal("2020", datatype=XSD.string)]
    number = 0
    for start in values:
        for end in values:
            number += 1
            project = URIRef(f"{PROJECT}D.{number:04d}")
            graph.add((project, MP.startDate, start))
            graph.add((project, MP.endDate, end))
            graph.add((project, DCT.title, Literal(f"P{number}", lang="fr")))
            graph.add((project, URIRef(str(MP) + "budget"), URIRef(f"{project}#budget")))
            graph.add((URIRef(f"{project}#budget"), SCHEMA.currency, Literal("XXX" if number % 3 else "USD")))
            graph.add((project, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), MP.Project))
    twice = URIRef(f"{PROJECT}D.9999")  # two ends: a row for each (start, end) pair
    graph.add((twice, MP.startDate, values[1]))
    graph.add((twice, MP.endDate, values[0]))
    graph.add((twice, MP.endDate, values[3]))
    return graph


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> list[tuple[Graph, str]]:
    """The seeds and forty generated pages, as (graph, file)."""
    corpus = generate(tmp_path_factory.mktemp("corpus"), 40, seed=7)
    found = []
    for page in sorted(SEEDS.glob("*.txt")) + corpus.pages:
        try:
            found.append((to_graph(convert_file(page)).graph, str(page)))
        except PageError:
            continue
    return found


def test_records_validated_in_shared_runs_get_plain_pyshacl_findings(records, tmp_path):
    ref = reference().graph
    batched = validate_in_batches([graph for graph, _ in records], [file for _, file in records], ref)
    plain = plain_pyshacl([with_references(graph, ref) for graph, _ in records], tmp_path)
    assert len(batched) == len(plain) == len(records)
    for (_graph, file), report, expected in zip(records, batched, plain, strict=True):
        assert mine(report.findings) == expected, file
        assert all(f.file == file for f in report.findings)


def test_one_graph_of_many_projects_gets_plain_pyshacl_findings(tmp_path):
    graph = dates_graph()
    expected = plain_pyshacl([graph], tmp_path)[0]
    found = mine(validate_graph(graph).findings)
    assert found == expected
    assert sum("end-before-start" in str(item) for item in found) >= 9  # the grouped SPARQL step was exercised


def test_validating_with_references_in_place_leaves_the_graph_as_it_was(records):
    graph, file = records[2]
    before = set(graph)
    report = validate_with_references(graph, reference().graph, file)
    assert set(graph) == before
    assert mine(report.findings) == mine(validate_graph(with_references(graph, reference().graph), file).findings)


def test_records_that_describe_a_resource_differently_are_not_validated_together():
    """Two pages with the same project code and different titles: alone, each has one French title; in one
    graph the project would have two (title-duplicate-lang). Each must get its findings alone."""
    def record(title: str) -> Graph:
        graph = Graph()
        project = URIRef(f"{PROJECT}X.0001")
        graph.add((project, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), MP.Project))
        graph.add((project, DCT.title, Literal(title, lang="fr")))
        return graph

    first, second = record("Premier"), record("Second")
    ref = reference().graph
    batched = validate_in_batches([first, second], ["a.txt", "b.txt"], ref)
    for graph, report, file in ((first, batched[0], "a.txt"), (second, batched[1], "b.txt")):
        alone = validate_graph(with_references(graph, ref), file)
        assert mine(report.findings) == mine(alone.findings)
        assert "title-duplicate-lang" not in {f.code for f in report.findings}


def test_shapes_follow_paths_forwards_only():
    """publisher.batches relies on it: with an inverse path a resource could see other records' triples."""
    shapes = shapes_graph()
    assert not list(shapes.subject_objects(SH.inversePath))
    assert not list(shapes.subject_objects(SH.targetNode))

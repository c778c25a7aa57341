"""Shapes at work: the seeds' expected findings, dates of mixed precision, and documented codes."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph

from publisher.validation import shapes_graph, validate_graph
from tests.conftest import ROOT

BASE = "https://w3id.org/migration-lod/"
PROJECT = f"""
@prefix mp: <https://w3id.org/migration-lod/vocab#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}project/X> a mp:Project ; dct:title "X"@fr ; mp:startDate {{start}} ; mp:endDate {{end}} .
"""


def codes(report) -> set[tuple[str, str]]:
    return {(f.code, f.resource.rsplit("/", 1)[-1]) for f in report.findings}


def test_published_seeds_have_exactly_the_expected_warnings():
    report = Graph().parse(ROOT / "output" / "validation-report.ttl", format="turtle")
    found = {(str(code), str(focus).rsplit("/", 1)[-1], str(severity).rsplit("#", 1)[-1])
             for _, code, focus, severity in report.query("""
                PREFIX sh: <http://www.w3.org/ns/shacl#>
                PREFIX mps: <https://w3id.org/migration-lod/shapes#>
                SELECT ?r ?code ?focus ?severity { ?r mps:code ?code ; sh:focusNode ?focus ;
                                                   sh:resultSeverity ?severity }""")}
    warnings = {(code, focus) for code, focus, severity in found if severity == "Warning"}
    assert warnings == {("missing-title", "IS.0077"), ("missing-budget", "i-migr")}
    assert not [f for f in found if f[2] == "Violation"]
    assert ("missing-start-date", "RT.1296", "Info") in found


@pytest.mark.parametrize("start, end, fires", [
    ('"2022"^^xsd:gYear', '"2024"^^xsd:gYear', False),
    ('"2024"^^xsd:gYear', '"2022"^^xsd:gYear', True),
    ('"2020-06"^^xsd:gYearMonth', '"2020-05"^^xsd:gYearMonth', True),
    ('"2020"^^xsd:gYear', '"2020-06"^^xsd:gYearMonth', False),
    ('"2020-06"^^xsd:gYearMonth', '"2020"^^xsd:gYear', False),
    ('"2021"^^xsd:gYear', '"2020-12"^^xsd:gYearMonth', True),
    ('"2020-06-15"^^xsd:date', '"2020-06-14"^^xsd:date', True),
    ('"2020-06-15"^^xsd:date', '"2020-06"^^xsd:gYearMonth', False),
])
def test_end_before_start_compares_the_parts_both_dates_have(start, end, fires):
    graph = Graph().parse(data=PROJECT.format(start=start, end=end), format="turtle")
    report = validate_graph(graph, "x.ttl")
    assert (("end-before-start", "X") in codes(report)) == fires
    if fires:
        finding = next(f for f in report.findings if f.code == "end-before-start")
        assert finding.severity == "Violation"
        assert {"en", "fr"} == {language for language, _ in finding.messages}


def test_every_finding_code_is_documented_in_the_readme():
    from converters.namespaces import MPS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z]+(?:-[a-z0-9]+)+)`", readme))
    codes_in_shapes = {str(code) for code in shapes_graph().objects(None, MPS.code)}
    assert codes_in_shapes and not codes_in_shapes - documented, codes_in_shapes - documented


def test_every_shape_has_names_messages_and_severity_in_both_languages():
    from rdflib.namespace import SH

    from converters.namespaces import MPS

    shapes = shapes_graph()
    for shape in set(shapes.subjects(MPS.code, None)):
        for predicate in (SH.name, SH.message):
            assert {"en", "fr"} <= {o.language for o in shapes.objects(shape, predicate)}, (shape, predicate)
        assert shapes.value(shape, SH.severity) is not None, shape

"""Golden pages the converters were not written against: each page's graph, compared by isomorphism."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from converters import convert_file, detect
from converters.rdf import to_graph

CASES = sorted(Path(__file__).parent.glob("cases/*/*/page.txt"))


@pytest.mark.parametrize("page", CASES, ids=[f"{p.parent.parent.name}/{p.parent.name}" for p in CASES])
def test_page_converts_to_the_expected_graph(page: Path):
    assert detect(page.read_bytes().decode("utf-8-sig")).NAME == page.parent.parent.name
    actual = to_graph(convert_file(page)).graph
    expected = Graph().parse(page.with_name("expected.ttl"), format="turtle")
    if not isomorphic(actual, expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        lines = [f"- {t}" for t in sorted(missing.triples((None, None, None)))]
        lines += [f"+ {t}" for t in sorted(extra.triples((None, None, None)))]
        pytest.fail("graph differs from expected.ttl:\n" + "\n".join(lines[:40]))

"""Layout a reader would not notice never changes the facts: every page, laid out again at random, gives the same graph.

The variants come from tests/pagevariants.py: fields in any order, bullets, "-" separators or inline
labels, country lists with any separators and in any case, with or without accents, money grouped
any way, navigation before the record, a site footer after it, no-break and thin spaces, tabs,
trailing blanks, blank lines, CRLF or CR, a byte-order mark, decomposed accents.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode

from converters import convert, detect
from converters.namespaces import MP
from converters.rdf import to_graph
from tests.conftest import ROOT
from tests.pagevariants import PAGES, variant


def facts(data: bytes, path: str) -> set:
    """The page's triples without the source checksum (the bytes differ, the facts must not)."""
    graph = to_graph(convert(data, path)).graph
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)
    return {triple for triple in graph if triple[1] != MP.sha256}


@cache
def original(page: Path) -> tuple[str, set]:
    data = page.read_bytes()
    return detect(data.decode("utf-8-sig")).NAME, facts(data, page.name)


def difference(expected: set, actual: set) -> str:
    lines = [f"- {t}" for t in sorted(expected - actual)] + [f"+ {t}" for t in sorted(actual - expected)]
    return "\n".join(line[:300] for line in lines[:20])


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).parent.as_posix() + "/" + p.name for p in PAGES])
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(data=st.data())
def test_a_page_laid_out_again_gives_the_same_graph(page: Path, data):
    family, expected = original(page)
    laid_out = data.draw(variant(family, page.read_text(encoding="utf-8")), label="page")
    actual = facts(laid_out, page.name)
    assert actual == expected, "the facts changed:\n" + difference(expected, actual)

"""The catalogue in the SPARQL store: the named graph {base}catalog.ttl beside the dataset's default graph, through
`serve` and `query`, and loaded again when it changes."""

from __future__ import annotations

import gzip
import json
import shutil
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from publisher import sparql
from publisher.cli import main
from tests.conftest import ROOT
from tests.test_serve import BASE, copied_output, serving

CATALOG = BASE + "catalog.ttl"
DATASET = BASE + "dataset"
TRIPLES = sum(1 for line in gzip.open(ROOT / "output" / "migration-projects.nt.gz") if line.strip())
PREFIXES = "PREFIX dcat: <http://www.w3.org/ns/dcat#>\nPREFIX void: <http://rdfs.org/ns/void#>\n" \
           "PREFIX dct: <http://purl.org/dc/terms/>\n"
DISTRIBUTIONS = PREFIXES + f"SELECT ?x WHERE {{ GRAPH <{CATALOG}> {{ <{DATASET}> dcat:distribution ?x }} }} ORDER BY ?x"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    yield copied_output(tmp_path_factory, "serve-catalog")
    sparql.shutdown()


@pytest.fixture(scope="module")
def served(out):
    with serving(out, timeout=5.0) as client:
        yield client


def rows(answer) -> list[dict[str, str]]:
    assert answer.status == 200, answer.text
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(answer.body)["results"]["bindings"]]


def ask(served, query: str, **params: str):
    return served.get("/sparql?" + urlencode({"query": query, **params}), "application/sparql-results+json")


def test_the_catalogue_is_a_named_graph_of_the_endpoint(served):
    found = [row["x"] for row in rows(ask(served, DISTRIBUTIONS))]
    assert found == sorted(f"{DATASET}#{name}" for name in ("json-ld", "rdf-n-triples", "rdf-turtle"))
    licence = PREFIXES + (
        f"SELECT ?l ?n WHERE {{ GRAPH <{CATALOG}> {{ <{DATASET}> dct:license ?l ; void:triples ?n }} }}")
    assert rows(ask(served, licence)) == [{"l": "https://creativecommons.org/licenses/by/4.0/", "n": str(TRIPLES)}]
    graphs = rows(ask(served, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert graphs == [{"g": CATALOG}]


def test_the_default_graph_is_still_the_dataset_alone(served):
    assert rows(ask(served, COUNT)) == [{"n": str(TRIPLES)}]
    assert rows(ask(served, COUNT, **{"default-graph-uri": DATASET})) == [{"n": str(TRIPLES)}]
    from_ = f"SELECT (COUNT(*) AS ?n) FROM <{DATASET}> WHERE {{ ?s ?p ?o }}"
    assert rows(ask(served, from_)) == [{"n": str(TRIPLES)}]
    assert rows(ask(served, PREFIXES + "ASK { ?d dcat:distribution ?x }".replace("ASK", "SELECT * WHERE"))) == []


def test_from_named_and_named_graph_uri_may_name_the_catalogue(served):
    named = PREFIXES + (f"SELECT ?x FROM <{DATASET}> FROM NAMED <{CATALOG}> "
                        "WHERE { GRAPH ?g { ?d dcat:distribution ?x } }")
    assert len(rows(ask(served, named))) == 3
    assert len(rows(ask(served, DISTRIBUTIONS, **{"named-graph-uri": CATALOG}))) == 3
    for refused in ({"named-graph-uri": BASE + "other"},):
        answer = ask(served, DISTRIBUTIONS, **refused)
        assert answer.status == 400 and f"<{CATALOG}>" in answer.text and f"<{DATASET}>" in answer.text
    answer = ask(served, f"SELECT * FROM NAMED <{BASE}other> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert answer.status == 400 and f"<{CATALOG}>" in answer.text


def test_the_query_page_says_how_to_ask_the_catalogue(served):
    page = served.get("/sparql", "text/html")
    assert f"GRAPH &lt;{CATALOG}&gt; {{ ?d dcat:distribution ?x }}" in page.text


def test_the_query_command_asks_the_same_store(out):
    result = CliRunner().invoke(main, ["query", DISTRIBUTIONS, "--out", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    names = ("json-ld", "rdf-n-triples", "rdf-turtle")
    assert result.output.splitlines()[1:] == sorted(f"{DATASET}#{n}" for n in names)


def test_a_changed_catalogue_is_loaded_again(tmp_path):
    out = tmp_path / "output"
    shutil.copytree(ROOT / "output", out)
    title = PREFIXES + f"SELECT ?t WHERE {{ GRAPH <{CATALOG}> {{ <{DATASET}> dct:title ?t FILTER(lang(?t) = 'en') }} }}"
    try:
        with serving(out, timeout=5.0) as client:
            assert rows(ask(client, title)) == [{"t": "Migration-governance projects"}]
            catalog = out / "catalog.ttl"
            catalog.write_text(catalog.read_text(encoding="utf-8").replace(
                '"Migration-governance projects"@en', '"Migration projects renamed"@en'), encoding="utf-8")
            assert rows(ask(client, title)) == [{"t": "Migration projects renamed"}]
            assert rows(ask(client, COUNT)) == [{"n": str(TRIPLES)}]
    finally:
        sparql.shutdown()
    result = CliRunner().invoke(main, ["query", title, "--out", str(out), "--format", "csv"])
    assert result.output.splitlines()[1:] == ["Migration projects renamed"]

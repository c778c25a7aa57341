"""Contributions in the build: valid ones are published whole with their provenance and can be queried; a broken
or hostile one fails the build and leaves output/ as it was, or is skipped with --keep-going."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from publisher.cli import main
from tests.conftest import SEEDS

CONTRIBUTIONS = Path(__file__).parent / "contributions"
BASE = "https://w3id.org/migration-lod/"
QUERY = """
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX mp: <https://w3id.org/migration-lod/vocab#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?code ?title ?source ?label ?sha WHERE {
  ?project a mp:Project ; dct:identifier ?code ; dct:title ?title ; prov:wasDerivedFrom ?source .
  ?source a prov:Entity ; rdfs:label ?label ; mp:sha256 ?sha .
  FILTER (lang(?title) = "en" && STRSTARTS(?code, "CT."))
} ORDER BY ?code
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def seeds_with(tmp_path: Path, *contributions: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    for path in contributions:
        shutil.copyfile(path, folder / path.name)
    return folder


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """output/ built from the seeds plus both valid example contributions."""
    tmp = tmp_path_factory.mktemp("contributed")
    seeds = seeds_with(tmp, CONTRIBUTIONS / "valid-turtle.ttl", CONTRIBUTIONS / "valid-jsonld.jsonld")
    result = run("build", "--seeds", str(seeds), "--out", str(tmp / "output"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "published 5 of 5 page(s) and 2 of 2 contribution(s)" in result.output
    return tmp / "output"


def test_valid_contributions_are_published_with_their_provenance_and_can_be_queried(published):
    graph = Graph().parse(published / "migration-projects.ttl", format="turtle")
    rows = [tuple(str(v) for v in row) for row in graph.query(QUERY)]
    sha = {name: hashlib.sha256((CONTRIBUTIONS / name).read_bytes()).hexdigest()
           for name in ("valid-turtle.ttl", "valid-jsonld.jsonld")}
    assert rows == [
        ("CT.0001", "Welcoming migrants in border municipalities", f"{BASE}source/valid-turtle", "valid-turtle.ttl",
         sha["valid-turtle.ttl"]),
        ("CT.0002", "Labour migration data in Tunisia", f"{BASE}source/valid-jsonld", "valid-jsonld.jsonld",
         sha["valid-jsonld.jsonld"]),
    ]


def test_a_source_the_contribution_names_is_kept_beside_ours(published):
    graph = Graph().parse(published / "migration-projects.ttl", format="turtle")
    sources = set(graph.objects(URIRef(f"{BASE}project/CT.0002"), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
    assert sources == {URIRef(f"{BASE}source/valid-jsonld"), URIRef("https://partner.example.org/projects/labour-data")}


def test_the_contribution_is_whole_in_the_dump_and_listed_in_the_catalog(published):
    dump = Graph().parse(published / "migration-projects.ttl", format="turtle")
    contributed = Graph().parse(CONTRIBUTIONS / "valid-turtle.ttl", format="turtle", publicID=BASE)
    assert all(triple in dump for triple in contributed)
    catalog = Graph().parse(published / "catalog.ttl", format="turtle")
    assert (URIRef(f"{BASE}dataset"), URIRef("http://purl.org/dc/terms/source"),
            URIRef(f"{BASE}source/valid-turtle")) in catalog
    assert (None, None, Literal("Red Frontera Abierta", lang="es")) in dump


@pytest.mark.parametrize("contribution, line", [
    (CONTRIBUTIONS / "broken" / "unknown-country.ttl",
     "unknown-country.ttl:18: <https://w3id.org/migration-lod/project/BR.0026> "
     "https://w3id.org/migration-lod/vocab#beneficiaryCountry: unknown-country: A beneficiary country is not a "
     "known country"),
    (CONTRIBUTIONS / "broken" / "code-clash.ttl",
     'code-clash.ttl:12: <https://w3id.org/migration-lod/project/BR.0040> http://purl.org/dc/terms/identifier: '
     'code-clash: The project code "PO.0181" is already published for <https://w3id.org/migration-lod/project/PO.0181>'),
    (CONTRIBUTIONS / "hostile" / "remote-context.jsonld",
     'remote-context.jsonld:2:15: the JSON-LD context "https://evil.example.org/context.jsonld" is not fetched'),
])
def test_a_failing_contribution_fails_the_build_and_leaves_output_untouched(tmp_path, published, contribution, line):
    out = tmp_path / "output"
    shutil.copytree(published, out)
    seeds = seeds_with(tmp_path, contribution)
    result = run("build", "--seeds", str(seeds), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    errors = [text for text in result.output.splitlines() if contribution.name in text]
    assert len(errors) == 1 and line in errors[0], result.output
    assert "1 of 6 file(s) failed" in result.output and "Traceback" not in result.output
    assert tree(out) == tree(published)


def test_keep_going_skips_the_failing_contribution_and_publishes_the_rest(tmp_path):
    seeds = seeds_with(tmp_path, CONTRIBUTIONS / "valid-turtle.ttl", CONTRIBUTIONS / "broken" / "blank-node.ttl")
    out = tmp_path / "output"
    result = run("build", "--seeds", str(seeds), "--out", str(out), "--keep-going", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "published 5 of 5 page(s) and 1 of 2 contribution(s)" in result.output
    assert f"skipped: {seeds / 'blank-node.ttl'}" in result.output
    turtle = (out / "migration-projects.ttl").read_text(encoding="utf-8")
    assert "CT.0001" in turtle and "BR.0042" not in turtle


def test_a_contribution_named_like_a_page_is_refused(tmp_path):
    page = next(SEEDS.glob("000_*.txt"))
    seeds = seeds_with(tmp_path)
    shutil.copyfile(CONTRIBUTIONS / "valid-turtle.ttl", seeds / f"{page.stem}.ttl")
    result = run("build", "--seeds", str(seeds), "--out", str(tmp_path / "output"), "--jobs", "1")
    assert result.exit_code == 1
    assert (f"error: {seeds / page.stem}.ttl: has the same name as {seeds / page.name}, so both would be the source "
            f"{BASE}source/{page.stem}; rename one of them") in result.output

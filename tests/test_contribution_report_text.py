"""What a contributor reads in validate's report: a concept two files mint with two labels (the second is a
label-clash naming the first), blank nodes named by order of appearance, values written as Turtle writes them, a
missing code the project's IRI gives, and N-Quads or JSON-LD graph names that are not kept."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from converters.namespaces import DEFAULT_BASE
from publisher.cli import main
from tests.conftest import ROOT
from tests.test_contribution_labels import _build

PUBLISHED = str(ROOT / "output" / "migration-projects.nt.gz")
PREFIXES = """@prefix mp: <https://w3id.org/migration-lod/vocab#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def project(code: str, status: str = "active", more: str = "") -> str:
    """A project that passes every shape (its status given), followed by `more`."""
    return PREFIXES + f"""
<project/{code}> a mp:Project ; dct:identifier "{code}" ; dct:title "Projet {code}"@fr ;
    dct:description "Un projet d'exemple."@fr ; mp:startDate "2022"^^xsd:gYear ; mp:endDate "2024"^^xsd:gYear ;
    mp:status <concept/status/{status}> ; mp:beneficiaryCountry <country/AR> ; mp:budget <project/{code}#budget> .
<project/{code}#budget> a schema:MonetaryAmount ; schema:value "1000.00"^^xsd:decimal ; schema:currency "USD" .
{more}"""


def validate(*args: str):
    return CliRunner().invoke(main, ["validate", "--published", PUBLISHED, *args])


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


PAUSED = '<concept/status/paused> a skos:Concept ;\n    skos:prefLabel {} ; skos:inScheme <concept/status> .\n'


def test_two_files_minting_one_concept_with_two_labels_the_second_is_a_label_clash_naming_the_first(tmp_path):
    first = write(tmp_path, "a.ttl", project("CT.7001", "paused", PAUSED.format('"En pause"@fr')))
    second = write(tmp_path, "b.ttl", project("CT.7002", "paused", PAUSED.format('"Suspendu"@fr, "Paused"@en')))
    alone = validate(second)
    assert alone.exit_code == 0, alone.output  # alone, its labels are its own
    result = validate(first, second)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{second}: <https://w3id.org/migration-lod/concept/status/paused>"
    assert lines[1].split()[:4] == ["Violation", "label-clash", "line", "12:"]
    assert ('The resource is already published with the preferred label "En pause"@fr by '
            f"{first}, a contribution accepted before this file") in lines[1]
    french = validate("--lang", "fr", first, second)
    assert f'libellé préféré "En pause"@fr par {first}' in french.output


def test_the_build_publishes_the_first_of_two_files_minting_one_concept_and_refuses_the_second(tmp_path):
    result, dump = _build(tmp_path, {"a-first.ttl": project("CT.7001", "paused", PAUSED.format('"En pause"@fr')),
                                     "b-second.ttl": project("CT.7002", "paused", PAUSED.format('"Suspendu"@fr'))},
                          "--keep-going")
    assert result.exit_code == 0, result.output
    assert "and 1 of 2 contribution(s)" in result.output
    assert "b-second.ttl:12: <https://w3id.org/migration-lod/concept/status/paused>" in result.output
    assert set(dump.objects(URIRef(DEFAULT_BASE + "concept/status/paused"), SKOS.prefLabel)) == {
        Literal("En pause", lang="fr")}

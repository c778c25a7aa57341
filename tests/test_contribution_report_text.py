"""What a contributor reads in validate's report: a concept two files mint with two labels (the second is a
label-clash naming the first), blank nodes named by order of appearance, values written as Turtle writes them, a
missing code the project's IRI gives, and N-Quads or JSON-LD graph names that are not kept."""

from __future__ import annotations

import json
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


BLANKS = PREFIXES + """
<project/CT.7003> a mp:Project ; dct:identifier "CT.7003" ; dct:title "Projet"@fr ;
    mp:budget [ a schema:MonetaryAmount ; schema:value "5.00"^^xsd:decimal ; schema:currency "USD" ] .
[] a mp:Project ;
    dct:identifier "CT.7004" ;
    dct:title "Projet anonyme"@fr .
[] a mp:Project ; dct:identifier "CT.7000" ; dct:title "Autre projet anonyme"@fr .
"""


def test_blank_nodes_are_named_in_the_order_they_appear_the_same_on_every_run(tmp_path):
    path = write(tmp_path, "blanks.ttl", BLANKS)
    runs = [validate(path) for _ in range(2)]
    assert runs[0].exit_code == 1 and runs[0].output == runs[1].output
    headers = [line for line in runs[0].output.splitlines() if line.startswith(f"{path}: _:")]
    # the budget's findings name the project that leads to it; the others are named in the order they begin
    assert headers == [f"{path}: _:b1 (line 9)", f"{path}: _:b2 (line 12)"]
    assert f"{path}: _:b1 (ligne 9)" in validate("--lang", "fr", path).output
    document = json.loads(validate("--format", "json", path).output)
    assert {f["resource"] for f in document["findings"] if f["resource"].startswith("_:")} == {"_:b1", "_:b2"}
    report = validate("--format", "turtle", path).output
    assert "<https://w3id.org/migration-lod/.well-known/genid/blanks.ttl-b1>" in report


def test_values_are_written_as_turtle_writes_them(tmp_path):
    text = project("CT.7005").replace('"1000.00"^^xsd:decimal', '"250000.00"').replace(
        'mp:endDate "2024"^^xsd:gYear', 'mp:endDate "2021"^^xsd:gYear')
    path = write(tmp_path, "values.ttl", text)
    result = validate(path)
    assert result.exit_code == 1
    assert 'line 10: amount (schema:value) = "250000.00": The budget amount is not an xsd:decimal' in result.output
    assert 'line 8: end date (mp:endDate) = "2021"^^xsd:gYear: The project ends' in result.output
    assert 'ligne 10 : montant (schema:value) = "250000.00"' in validate("--lang", "fr", path).output
    findings = json.loads(validate("--format", "json", path).output)["findings"]
    assert {(f["value"], f["value_turtle"]) for f in findings} >= {
        ("250000.00", '"250000.00"'), ("2021", '"2021"^^xsd:gYear')}


def test_a_decimal_is_written_bare_and_a_number_that_is_not_one_with_its_datatype():
    from rdflib import Literal
    from rdflib.namespace import XSD

    from publisher.report import turtle_literal

    assert turtle_literal(Literal("250000.00", datatype=XSD.decimal)) == "250000.00"
    assert turtle_literal(Literal("1 000", datatype=XSD.decimal)) == '"1 000"^^xsd:decimal'
    assert turtle_literal(Literal('dit "non"\n', lang="fr")) == '"dit \\"non\\"\\n"@fr'
    assert turtle_literal(Literal("x", datatype="https://example.org/t")) == '"x"^^<https://example.org/t>'


def test_missing_code_names_the_code_the_project_iri_ends_in(tmp_path):
    path = write(tmp_path, "nocode.ttl", project("CT.1003").replace(' dct:identifier "CT.1003" ;', ""))
    result = validate(path)
    assert result.exit_code == 0
    assert ('Info      missing-code             line 7: project code (dct:identifier): The project has no code, and '
            'its IRI ends in "CT.1003": add dct:identifier "CT.1003" if that is its code.') in result.output
    assert 'ajoutez dct:identifier "CT.1003"' in validate("--lang", "fr", path).output


JSONLD_GRAPH = """{
  "@context": "https://w3id.org/migration-lod/context.jsonld",
  "@id": "https://partner.example.org/graphs/2024",
  "@graph": [
    {"@id": "project/CT.7006", "@type": "Project", "identifier": "CT.7006",
     "title": {"@value": "Projet JSON-LD", "@language": "fr"}}
  ]
}
"""


def test_a_json_ld_named_graph_is_read_into_the_one_graph_with_a_note(tmp_path):
    path = write(tmp_path, "graph.jsonld", JSONLD_GRAPH)
    for fmt in ("text", "json", "turtle"):
        result = CliRunner().invoke(main, ["validate", "--published", PUBLISHED, "--format", fmt, path])
        assert result.exit_code == 0, result.output
        notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
        assert notes == [f"note: {path}:3: the graph name <https://partner.example.org/graphs/2024> is not kept "
                         "(nor any other): the statements are read into the dataset's one graph"]
    assert "CT.7006" in validate(path).stdout  # its statements are read

"""A contribution may link to reference data but not change it, and may not give a resource a second preferred
label in a language: in the file itself, against what is published, or against a contribution accepted before it
in the same build (SKOS allows one skos:prefLabel per language; pages showing the resource would pick one)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from converters.namespaces import DEFAULT_BASE
from publisher.cli import main
from tests.conftest import ROOT, SEEDS

PUBLISHED = str(ROOT / "output" / "migration-projects.nt.gz")
PREFIXES = """@prefix mp: <https://w3id.org/migration-lod/vocab#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def project(code: str, organisation: str = "") -> str:
    """A project that passes every shape, with one more organisation statement when given."""
    return PREFIXES + f"""
<project/{code}> a mp:Project ; dct:identifier "{code}" ; dct:title "Projet {code}"@fr ;
    dct:description "Un projet d'exemple."@fr ; mp:startDate "2022"^^xsd:gYear ; mp:endDate "2024"^^xsd:gYear ;
    mp:status <concept/status/active> ; mp:beneficiaryCountry <country/AR> ; mp:budget <project/{code}#budget> .
<project/{code}#budget> a schema:MonetaryAmount ; schema:value "1000.00"^^xsd:decimal ; schema:currency "USD" .
{organisation}
"""


def validate(path: Path, *args: str):
    return CliRunner().invoke(main, ["validate", "--published", PUBLISHED, str(path), *args])


def test_two_french_names_in_the_file_are_one_violation_on_the_line_of_the_second_label(tmp_path):
    path = tmp_path / "two-names.ttl"
    path.write_text(project("LB.0001", '<organisation/lb-partner> a mp:Organisation ;\n'
                                       '    skos:prefLabel "Partenaire"@fr ,\n    "Le partenaire"@fr .'),
                    encoding="utf-8")
    result = validate(path)
    assert result.exit_code == 1
    assert "1 violation(s)" in result.output
    assert ('line 12: preferred label (skos:prefLabel) = "Partenaire"@fr: This contribution gives the resource 2 '
            'preferred labels in one language ("Le partenaire"@fr, "Partenaire"@fr)') in result.output
    french = validate(path, "--lang", "fr")
    assert "libellé préférentiel (skos:prefLabel) = \"Partenaire\"@fr: Cette contribution donne à la ressource 2" in (
        french.output)


def test_names_in_other_languages_and_alternative_labels_are_not_clashes(tmp_path):
    path = tmp_path / "names.ttl"
    path.write_text(project("LB.0002", '<organisation/alda> a mp:Organisation ; skos:prefLabel "ALDA"@en ;\n'
                                       '    skos:altLabel "ALDA Europe"@fr .\n'
                                       '<organisation/lb-other> a mp:Organisation ; skos:prefLabel "Autre"@fr , '
                                       '"Other"@en .'), encoding="utf-8")
    result = validate(path)
    assert result.exit_code == 0, result.output


def test_restating_the_reference_data_as_published_is_fine(tmp_path):
    path = tmp_path / "restated.ttl"
    path.write_text(project("LB.0003", '<concept/status/active> skos:prefLabel "Actif"@fr , "Active"@en .\n'
                                       '<country/AR> a mp:Country .'), encoding="utf-8")
    assert validate(path).exit_code == 0


def test_a_country_given_another_name_is_refused(tmp_path):
    path = tmp_path / "country.ttl"
    path.write_text(project("LB.0004", '<country/AR> skos:altLabel "La Argentina"@es .'), encoding="utf-8")
    result = validate(path, "--format", "json")
    assert result.exit_code == 1
    assert '"code": "reference-changed"' in result.output and '"line": 11' in result.output


def _build(tmp_path: Path, files: dict[str, str], *args: str):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for name, text in files.items():
        (seeds / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(out), "--no-site",
                                       "--jobs", "1", *args])
    dump = Graph().parse(data=gzip.decompress((out / "migration-projects.nt.gz").read_bytes()).decode(),
                         format="nt") if (out / "migration-projects.nt.gz").exists() else None
    return result, dump


def test_the_build_refuses_a_second_name_for_a_status_and_publishes_the_rest(tmp_path):
    result, dump = _build(tmp_path, {"status.ttl": project("LB.0005", '<concept/status/active> skos:prefLabel '
                                                                       '"En marche"@fr .')}, "--keep-going")
    assert result.exit_code == 0, result.output
    assert "published 5 of 5 page(s) and 0 of 1 contribution(s)" in result.output
    assert ("status.ttl:11: <https://w3id.org/migration-lod/concept/status/active> "
            "http://www.w3.org/2004/02/skos/core#prefLabel: reference-changed: The resource is reference data") in (
        result.output)
    active = URIRef(DEFAULT_BASE + "concept/status/active")
    assert {label for label in dump.objects(active, SKOS.prefLabel) if label.language == "fr"} == {
        Literal("Actif", lang="fr")}


def test_two_contributions_naming_one_new_organisation_two_ways_keep_the_first(tmp_path):
    organisation = '<organisation/lb-shared> a mp:Organisation ; skos:prefLabel "{}"@fr .'
    result, dump = _build(tmp_path, {
        "a-first.ttl": project("LB.0006", organisation.format("Réseau partagé")),
        "b-second.ttl": project("LB.0007", organisation.format("Reseau partage")),
    }, "--keep-going")
    assert result.exit_code == 0, result.output
    assert "published 5 of 5 page(s) and 1 of 2 contribution(s)" in result.output
    refused = [line for line in result.output.splitlines() if "b-second.ttl" in line]
    assert len(refused) == 1 and 'already published with the preferred label "Réseau partagé"@fr' in refused[0]
    assert set(dump.objects(URIRef(DEFAULT_BASE + "organisation/lb-shared"), SKOS.prefLabel)) == {
        Literal("Réseau partagé", lang="fr")}

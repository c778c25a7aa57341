"""The Python checks on a contribution that the tester's round found missing (c8): a literal given to an object
property, statements about published projects and resources a contribution may not describe, provenance claimed
from another file's source, huge literals, terms the vocabulary does not define, blank nodes' lines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from publisher.build import _skipped_line
from publisher.cli import main
from publisher.contributions import check_all
from tests.conftest import ROOT

PUBLISHED = str(ROOT / "output" / "migration-projects.nt.gz")
BASE = "https://w3id.org/migration-lod/"
PREFIXES = """@prefix mp:     <https://w3id.org/migration-lod/vocab#> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
"""
# Line 7 is the project's first line; its budget's is line 16.
PROJECT = PREFIXES + """
<project/CT.9001>
    a mp:Project ;
    dct:identifier "CT.9001" ;
    dct:title "Projet CT.9001"@fr ;
    dct:description "Un projet."@fr ;
    mp:startDate "2023"^^xsd:gYear ;
    mp:endDate "2025"^^xsd:gYear ;
    mp:status <concept/status/active> ;
    mp:beneficiaryCountry <country/TN> ;
    mp:budget {budget} .
{more}
"""
BUDGET = ("<project/CT.9001#budget> a schema:MonetaryAmount ; "
          "schema:value \"1.00\"^^xsd:decimal ; schema:currency \"USD\" .")


def write(tmp_path: Path, text: str, name: str = "contribution.ttl") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def project(budget: str = "<project/CT.9001#budget>", more: str = BUDGET) -> str:
    return PROJECT.format(budget=budget, more=more)


def findings(path: Path, *args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", "--published", PUBLISHED, "--format", "json", *args, str(path)])
    return result.exit_code, json.loads(result.output)["findings"]


def test_the_project_here_is_valid(tmp_path):
    assert findings(write(tmp_path, project())) == (0, [])


def test_a_literal_given_to_an_object_property_is_one_violation_on_its_line_not_a_crash(tmp_path):
    path = write(tmp_path, project(budget='"100000 USD"', more=""))
    code, found = findings(path)
    assert code == 1
    assert [(f["code"], f["line"], f["field"], f["value"]) for f in found] == [
        ("literal-not-resource", 16, "https://w3id.org/migration-lod/vocab#budget", "100000 USD")]
    assert found[0]["messages"]["en"].startswith('mp:budget takes a resource (an IRI, here a schema:MonetaryAmount), '
                                                 'not the literal "100000 USD"')


def test_the_build_names_a_literal_given_to_an_object_property_as_a_literal(tmp_path):
    path = write(tmp_path, project(budget='"100000 USD"', more=""))
    [result] = check_all([path], BASE, [])
    line = _skipped_line(result)
    assert line.startswith(f"{path}:16: <{BASE}project/CT.9001> {BASE}vocab#budget: literal-not-resource: "
                           'mp:budget takes a resource')
    assert "<100000 USD>" not in line


def test_statements_about_a_published_project_or_its_part_from_another_source_are_a_code_clash(tmp_path):
    path = write(tmp_path, PREFIXES + '\n<project/PO.0181> dct:title "Projet remplacé"@fr .\n'
                 '<project/PO.0201#budget> schema:value "999999.00"^^xsd:decimal .\n')
    code, found = findings(path)
    assert code == 1
    assert [(f["code"], f["resource"], f["line"]) for f in found] == [
        ("code-clash", f"{BASE}project/PO.0181", 7), ("code-clash", f"{BASE}project/PO.0201#budget", 8)]
    assert found[0]["messages"]["en"].startswith(f"The project <{BASE}project/PO.0181> is already published "
                                                 f"(<{BASE}source/000_8ccaec28a4e5c675>): a contribution may not "
                                                 "add to it or to its parts")
    assert found[1]["messages"]["en"].startswith(f"The project <{BASE}project/PO.0201> is already published")


def test_a_resource_under_project_that_is_not_a_project_is_refused_on_its_line(tmp_path):
    code, found = findings(write(tmp_path, project().replace("    a mp:Project ;", "    a schema:Project ;")))
    assert code == 1
    assert [(f["code"], f["resource"], f["line"]) for f in found] == [("not-a-project", f"{BASE}project/CT.9001", 7)]
    assert found[0]["messages"]["en"].startswith("The resource is named under project/, where only projects")


def test_a_project_outside_project_is_refused(tmp_path):
    code, found = findings(write(tmp_path, project(more=BUDGET + "\n<organisation/acme-ngo> a mp:Project .\n")))
    assert code == 1
    assert ("not-a-project", f"{BASE}organisation/acme-ngo", 18) in [(f["code"], f["resource"], f["line"])
                                                                     for f in found]


def test_statements_about_the_dataset_or_another_files_source_are_refused(tmp_path):
    more = BUDGET + '\n<dataset> dct:title "Mon jeu"@fr .\n<source/000_8ccaec28a4e5c675> dct:title "x" .\n'
    code, found = findings(write(tmp_path, project(more=more)))
    assert code == 1
    assert [(f["code"], f["resource"], f["line"]) for f in found] == [
        ("reserved-iri", f"{BASE}dataset", 18), ("reserved-iri", f"{BASE}source/000_8ccaec28a4e5c675", 19)]
    assert found[0]["messages"]["en"].startswith(f"A contribution may not describe <{BASE}dataset>: under the base")


def test_provenance_from_another_files_source_is_refused_an_outside_one_kept(tmp_path):
    page = f"<{BASE}source/000_8ccaec28a4e5c675>"
    more = BUDGET + f"\n<project/CT.9001> prov:wasDerivedFrom {page}, <https://www.iom.int/page> .\n"
    code, found = findings(write(tmp_path, project(more=more)))
    assert code == 1
    assert [(f["code"], f["line"], f["value"]) for f in found] == [("foreign-source", 18, page[1:-1])]
    assert found[0]["messages"]["en"].startswith(f"prov:wasDerivedFrom names {page}, which is not this file's "
                                                 f"source: the build adds the file's own (<{BASE}source/contribution>)")


def test_a_literal_longer_than_the_limit_is_a_violation_on_its_line(tmp_path):
    text = project().replace('"Un projet."@fr', '"' + "x" * 100_001 + '"@fr')
    code, found = findings(write(tmp_path, text))
    assert code == 1
    assert [(f["code"], f["line"], f["value"]) for f in found] == [("literal-too-long", 11, "x" * 40 + "…")]
    assert found[0]["messages"]["en"].startswith("The value is 100,001 characters long, more than the 100,000 one "
                                                 "value may have")
    assert findings(write(tmp_path, text), "--max-literal", "200000") == (0, [])


def test_a_term_the_vocabulary_does_not_define_is_a_warning_with_the_closest_term(tmp_path):
    more = (BUDGET + '\n<project/CT.9001> mp:startdate "2023"^^xsd:gYear .'
            '\n<project/CT.9001#budget> a <MonetaryAmount> .\n')
    code, found = findings(write(tmp_path, project(more=more)))
    assert code == 0
    assert [(f["code"], f["severity"], f["line"]) for f in found] == [("unknown-term", "Warning", 18),
                                                                      ("unknown-term", "Warning", 19)]
    assert found[0]["messages"]["en"].startswith(f"<{BASE}vocab#startdate> is named in the vocabulary's namespace "
                                                 "(or directly under the base) but the vocabulary does not define "
                                                 "it (did you mean mp:startDate?)")
    assert f"<{BASE}MonetaryAmount> is named" in found[1]["messages"]["en"]
    assert "(did you mean schema:MonetaryAmount?)" in found[1]["messages"]["en"]


def test_a_blank_nodes_findings_point_at_the_line_its_description_begins(tmp_path):
    text = PREFIXES + ('\n[] a mp:Project ;\n    dct:identifier "CT.9002" .\n'
                       '\n_:other a mp:Project ;\n    dct:identifier "CT.9003" .\n')
    code, found = findings(write(tmp_path, text))
    assert code == 1
    lines = {(f["code"], f["line"]) for f in found if f["resource"].startswith("_:")}
    assert ("blank-node", 7) in lines and ("blank-node", 10) in lines
    assert all(line in (7, 10) for _, line in lines)
    by_resource = {}
    for f in found:
        by_resource.setdefault(f["resource"], set()).add(f["line"])
    assert sorted(map(sorted, by_resource.values())) == [[7], [10]]

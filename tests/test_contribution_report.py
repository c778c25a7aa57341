"""`validate`'s reports for what a contribution cannot be: unreadable files in every format, French for every
phrase the tool writes, SHACL results naming their component, one finding per mistake (FINDINGS c8)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from converters.namespaces import MPS
from publisher.cli import main
from tests.conftest import ROOT

CONTRIBUTIONS = Path(__file__).parent / "contributions"
PUBLISHED = str(ROOT / "output" / "migration-projects.nt.gz")
EMPTY = str(CONTRIBUTIONS / "hostile" / "empty.ttl")
SYNTAX = str(CONTRIBUTIONS / "hostile" / "syntax-error.ttl")
BAD_EMAIL = str(CONTRIBUTIONS / "broken" / "bad-email.ttl")


def validate(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, ["validate", "--published", PUBLISHED, *args], input=stdin)


def test_json_of_an_unreadable_file_does_not_conform_and_lists_it_with_its_place():
    result = validate("--format", "json", SYNTAX)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["conforms"] is False and report["files"] == 1 and report["unreadable"] == 1
    [error] = report["errors"]
    assert error["file"] == SYNTAX and isinstance(error["line"], int) and isinstance(error["column"], int)
    assert error["message"].startswith("not valid Turtle: ")


def test_json_lists_the_unreadable_file_beside_a_readable_one():
    result = validate("--format", "json", BAD_EMAIL, EMPTY)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["conforms"] is False and report["files"] == 2 and report["violations"] == 1
    empty = "the file is empty; write the RDF description of at least one project"
    assert report["errors"] == [{"file": EMPTY, "line": None, "column": None, "message": empty, "messages": {
        "en": empty, "fr": "le fichier est vide; écrivez la description RDF d'au moins un projet"}}]


def test_turtle_of_an_unreadable_file_has_a_violation_result_naming_it():
    result = validate("--format", "turtle", EMPTY, SYNTAX)
    assert result.exit_code == 2
    graph = Graph().parse(data=result.stdout, format="turtle")
    [report] = graph.subjects(SH.conforms, None)
    assert not graph.value(report, SH.conforms).toPython()
    results = sorted(graph.subjects(MPS.code, None))
    assert [str(graph.value(r, MPS.code)) for r in results] == ["unreadable", "unreadable"]
    assert {graph.value(r, SH.resultSeverity) for r in results} == {SH.Violation}
    assert {graph.value(r, SH.focusNode) for r in results} == {URIRef("https://w3id.org/migration-lod/source/empty"),
                                                               URIRef("https://w3id.org/migration-lod/source/"
                                                                      "syntax-error")}
    assert {str(graph.value(r, SH.value)) for r in results} == {EMPTY, SYNTAX}


def test_the_summary_counts_unreadable_files():
    result = validate(EMPTY)
    assert result.exit_code == 2
    assert result.stdout == "1 file(s) (1 unreadable), 0 resource(s): 0 violation(s), 0 warning(s), 0 info(s)\n"


def test_json_ld_without_a_context_is_refused_at_its_first_property(tmp_path):
    document = CONTRIBUTIONS / "valid-jsonld.jsonld"
    data = json.loads(document.read_text(encoding="utf-8"))
    del data["@context"]
    path = tmp_path / "no-context.jsonld"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = validate(str(path))
    assert result.exit_code == 2
    [error] = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert error.startswith(f"error: {path}:")
    assert error.endswith(' and every other property would be dropped; add "@context": '
                          '"https://w3id.org/migration-lod/context.jsonld"')
    line = int(error.split(":")[2])
    assert '"@' not in path.read_text(encoding="utf-8").splitlines()[line - 1].split(":")[0]


def test_json_ld_key_the_context_does_not_define_is_refused_with_its_place(tmp_path):
    path = tmp_path / "typo.jsonld"
    path.write_text('{\n  "@context": "https://w3id.org/migration-lod/context.jsonld",\n  "@id": "project/XX.0001",\n'
                    '  "@type": "mp:Project",\n  "titel": {"@value": "Projet", "@language": "fr"}\n}\n',
                    encoding="utf-8")
    result = validate(str(path))
    assert result.exit_code == 2
    assert f"error: {path}:5:3: \"titel\" is not a term of the @context, so its values would be dropped" \
        in result.output


def test_french_error_lines_severities_and_summary():
    result = validate("--lang", "fr", SYNTAX, str(CONTRIBUTIONS / "broken" / "missing-title.ttl"))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert f"erreur : {SYNTAX}:6:20: Turtle non valide : \"HX.0010\" is not a valid subject or graph name; " \
           "corrigez le fichier à cet endroit" in lines
    assert any(line.startswith("  Avertissement missing-title ") for line in lines)
    assert lines[-1] == "2 fichier(s) (1 illisible(s)), 2 ressource(s) : 0 violation(s), 1 avertissement(s), 0 info(s)"


def test_every_hostile_file_error_is_french_but_the_parsers_own_words():
    english = re.compile(r"\b(the|file|fix|write|give|name|is not|not valid|refused|use)\b")
    for path in sorted((CONTRIBUTIONS / "hostile").iterdir()):
        result = validate("--lang", "fr", str(path))
        if result.exit_code != 2:
            continue
        [line] = [line for line in result.output.splitlines() if line.startswith("erreur : ")]
        said = re.sub(r'"[^"]*"', "", line.removeprefix(f"erreur : {path}"))  # values quoted from the file
        parser = re.search(r"(Turtle|XML mal formé|JSON) ?(non valide)? : (.*?);", said)
        assert not english.search(said.replace(parser.group(3), "") if parser else said), line


def test_a_budget_that_is_not_a_decimal_is_one_finding_not_also_negative(tmp_path):
    good = (CONTRIBUTIONS / "broken" / "negative-budget.ttl").read_text(encoding="utf-8")
    assert '"-1000.00"^^xsd:decimal' in good
    for value in ('"250000.00"', '"1 000"^^xsd:decimal'):
        path = tmp_path / "budget.ttl"
        path.write_text(good.replace('"-1000.00"^^xsd:decimal', value), encoding="utf-8")
        result = validate("--format", "json", str(path))
        assert result.exit_code == 1
        findings = json.loads(result.stdout)["findings"]
        assert [(f["code"], f["line"]) for f in findings] == [("budget-not-decimal", 20)], value


def test_n_quads_graph_names_are_said_to_be_dropped(tmp_path):
    turtle = Graph().parse(CONTRIBUTIONS / "valid-turtle.ttl", format="turtle", publicID="https://w3id.org/migration-lod/")
    lines = sorted(turtle.serialize(format="nt").splitlines())
    lines = [line for line in lines if line.strip()]
    path = tmp_path / "graphs.nq"
    path.write_text(lines[0] + "\n" + "\n".join(line[:-1] + "<https://partner.example.org/g> ." for line in lines[1:])
                    + "\n", encoding="utf-8")
    result = validate(str(path))
    assert result.exit_code == 0, result.output
    assert (f"note: {path}:2: the graph name <https://partner.example.org/g> is not kept (nor any other): the "
            "statements are read into the dataset's one graph") in result.output.splitlines()
    plain = tmp_path / "plain.nq"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "note:" not in validate(str(plain)).output


def test_n_triples_with_a_relative_iri_says_n_triples_needs_full_iris(tmp_path):
    path = tmp_path / "relative.nt"
    path.write_text('<https://w3id.org/migration-lod/project/XX.0001> <http://purl.org/dc/terms/identifier> "X" .\n'
                    '<project/XX.0001> <http://purl.org/dc/terms/identifier> "XX.0001" .\n', encoding="utf-8")
    result = validate(str(path))
    assert result.exit_code == 2
    assert (f"error: {path}:2:1: not valid N-Triples: N-Triples has no relative IRIs (<project/XX.0001>: "
            in result.output)
    assert ("; write the full IRI <https://w3id.org/migration-lod/project/XX.0001>, or send Turtle (.ttl), where "
            "<project/XX.0001> works\n" in result.output)


def test_standard_input_without_input_format_asks_for_it():
    result = validate("-", stdin=(CONTRIBUTIONS / "valid-turtle.ttl").read_bytes())
    assert result.exit_code == 2
    assert "error: -: standard input has no name to go by; give --input-format ttl (or jsonld, nt, nq, xml)\n" \
        in result.output


def test_a_strict_build_failing_on_a_contribution_says_fix_the_contributions(tmp_path):
    from publisher.build import _kinds
    from publisher.contributions import Contribution
    from publisher.pipeline import PageResult

    assert _kinds([Contribution("x.ttl")]) == "contributions"
    assert _kinds([PageResult("x.txt")]) == "pages"
    assert _kinds([PageResult("x.txt"), Contribution("y.ttl")]) == "pages or contributions"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bad-email.ttl").write_bytes((CONTRIBUTIONS / "broken" / "bad-email.ttl").read_bytes())
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--no-site",
                                       "--jobs", "1"])
    assert result.exit_code == 1
    assert "; fix the contributions, or publish the good ones with --keep-going" in result.output


def test_every_result_of_the_shacl_report_names_one_shape_and_one_constraint_component():
    broken = sorted(str(p) for p in (CONTRIBUTIONS / "broken").glob("*.ttl"))
    result = validate("--format", "turtle", *broken, EMPTY)
    assert result.exit_code == 2
    graph = Graph().parse(data=result.stdout, format="turtle")
    results = set(graph.subjects(None, SH.ValidationResult))
    assert len(results) > len(broken)
    for found in results:
        assert len(list(graph.objects(found, SH.sourceShape))) == 1, found
        assert len(list(graph.objects(found, SH.sourceConstraintComponent))) == 1, found
    components = set(graph.objects(None, SH.sourceConstraintComponent))
    assert {SH.OrConstraintComponent, SH.SPARQLConstraintComponent, MPS.ContributionCheckConstraintComponent} \
        <= components


def test_the_published_validation_report_names_its_components():
    graph = Graph().parse(ROOT / "output" / "validation-report.ttl", format="turtle")
    results = set(graph.subjects(None, SH.ValidationResult))
    assert results and all(graph.value(r, SH.sourceConstraintComponent) for r in results)


def test_every_check_done_in_python_is_declared_as_a_deactivated_shape():
    from publisher.checks import CODES
    from publisher.report import check_shapes
    from publisher.validation import compiled, shapes_graph

    shapes = check_shapes()
    assert set(CODES.values()) | {"unreadable"} == set(shapes)
    assert all(shapes_graph().value(URIRef(shape), SH.deactivated).toPython() for shape in shapes.values())
    assert compiled() is not None  # the component they use does not send validation to pySHACL

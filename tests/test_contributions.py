"""`validate` on the example contributions: the valid ones pass, each broken one gives exactly its finding code,
with its exit code and its message in English and French, as text, JSON and a SHACL report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from converters.namespaces import MPS
from publisher.checks import CODES, MESSAGES, SEVERITIES
from publisher.cli import main
from publisher.contributions import REWORDED
from publisher.validation import shapes_graph
from tests.conftest import ROOT

CONTRIBUTIONS = Path(__file__).parent / "contributions"
BROKEN = sorted((CONTRIBUTIONS / "broken").glob("*.ttl"))
VALID = [CONTRIBUTIONS / "valid-turtle.ttl", CONTRIBUTIONS / "valid-jsonld.jsonld"]
PUBLISHED = str(ROOT / "output" / "migration-projects.nt.gz")
# Every project a contribution describes is given prov:wasDerivedFrom its file, so this one cannot fire.
CANNOT_FIRE_ON_CONTRIBUTIONS = {"missing-source"}


def validate(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, ["validate", "--published", PUBLISHED, *args], input=stdin)


def expected_codes(path: Path) -> list[str]:
    return re.search(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1).split()


def shape_codes() -> dict[str, str]:
    """Finding code -> severity, for the property shapes (node shapes' codes never fire on their own)."""
    shapes = shapes_graph()
    return {str(code): str(shapes.value(shape, SH.severity)).rsplit("#", 1)[-1]
            for shape, code in shapes.subject_objects(MPS.code) if (shape, SH.path, None) in shapes}


def has_message(code: str, language: str, text: str) -> bool:
    """Whether `text` is one of the messages the shapes or the checks give for `code` in `language` (their
    {slots} filled with anything)."""
    shapes = shapes_graph()
    templates = {str(m) for shape in shapes.subjects(MPS.code, None) if str(shapes.value(shape, MPS.code)) == code
                 for m in shapes.objects(shape, SH.message) if m.language == language}
    templates |= {text[language] for key, text in MESSAGES.items() if CODES[key] == code}
    templates |= {REWORDED[code][language]} if code in REWORDED else set()
    patterns = [".+?".join(re.escape(part) for part in re.split(r"\{[?$]?\w+\}", t)) for t in templates]
    return any(re.fullmatch(pattern, text) for pattern in patterns)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_the_valid_contributions_pass_without_a_single_finding(path):
    result = validate(str(path))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 violation(s), 0 warning(s), 0 info(s)\n")
    assert result.output.count("\n") == 1


def test_there_is_one_broken_contribution_per_finding_code():
    codes = set(shape_codes()) | set(CODES.values())
    assert {p.stem for p in BROKEN} == codes - CANNOT_FIRE_ON_CONTRIBUTIONS
    assert all(expected_codes(p) == [p.stem] for p in BROKEN)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_each_broken_contribution_gives_exactly_its_code_exit_code_and_messages(path):
    result = validate(str(path), "--format", "json", "--lang", "fr")
    document = json.loads(result.output)
    code = path.stem
    severity = shape_codes().get(code) or SEVERITIES.get(code, "Violation")
    assert [f["code"] for f in document["findings"]] == expected_codes(path)
    assert result.exit_code == (1 if severity == "Violation" else 0)
    finding = document["findings"][0]
    assert finding["severity"] == severity and finding["file"] == str(path)
    assert finding["message"] == finding["messages"]["fr"] and has_message(code, "fr", finding["message"])
    assert has_message(code, "en", finding["messages"]["en"])
    assert document["conforms"] is (severity != "Violation")


@pytest.mark.parametrize("language, expected", [
    ("en", "  Violation unknown-country          line 18: beneficiary country (mp:beneficiaryCountry) = "
           "https://w3id.org/migration-lod/country/XX: A beneficiary country is not a known country: point "
           "mp:beneficiaryCountry at a country IRI, <country/> followed by its ISO 3166 alpha-2 code, e.g. "
           "<country/AR>."),
    ("fr", "  Violation unknown-country          ligne 18 : pays bénéficiaire (mp:beneficiaryCountry) = "
           "https://w3id.org/migration-lod/country/XX: Un pays bénéficiaire n'est pas un pays connu : faites "
           "pointer mp:beneficiaryCountry vers l'IRI d'un pays, <country/> suivi de son code ISO 3166 alpha-2, "
           "p. ex. <country/AR>."),
])
def test_the_text_report_is_grouped_by_resource_with_the_field_label_and_message(language, expected):
    path = CONTRIBUTIONS / "broken" / "unknown-country.ttl"
    result = validate(str(path), "--lang", language)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}: <https://w3id.org/migration-lod/project/BR.0026>",
        expected,
        {"en": "1 file(s), 2 resource(s): 1 violation(s), 0 warning(s), 0 info(s)",
         "fr": "1 fichier(s), 2 ressource(s) : 1 violation(s), 0 avertissement(s), 0 info(s)"}[language],
    ]


@pytest.mark.parametrize("language, expected", [
    ("en", 'The project code "PO.0181" is already published for <https://w3id.org/migration-lod/project/PO.0181> '
           "(<https://w3id.org/migration-lod/source/000_8ccaec28a4e5c675>): give this project a code of its own, "
           "or correct the published project at its source."),
    ("fr", "Le code de projet « PO.0181 » est déjà publié pour <https://w3id.org/migration-lod/project/PO.0181> "
           "(<https://w3id.org/migration-lod/source/000_8ccaec28a4e5c675>) : donnez à ce projet un code qui lui est "
           "propre, ou corrigez le projet publié dans sa source."),
])
def test_a_code_published_from_another_source_clashes(language, expected):
    result = validate(str(CONTRIBUTIONS / "broken" / "code-clash.ttl"), "--lang", language)
    assert result.exit_code == 1
    label = {"en": "project code", "fr": "code du projet"}[language]
    line = {"en": "line 12:", "fr": "ligne 12 :"}[language]  # the file's dct:identifier
    assert f"  Violation code-clash               {line} {label} (dct:identifier) = \"PO.0181\": {expected}" \
        in result.output


def test_without_the_published_dump_the_same_code_does_not_clash(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--published", str(tmp_path / "none.nt.gz"),
                                       str(CONTRIBUTIONS / "broken" / "code-clash.ttl")])
    assert result.exit_code == 0, result.output


def test_a_code_given_twice_in_one_contribution_clashes(tmp_path):
    text = (CONTRIBUTIONS / "valid-turtle.ttl").read_text(encoding="utf-8")
    twice = text + text.replace("<project/CT.0001", "<project/CT.0001-bis")
    (tmp_path / "twice.ttl").write_text(twice, encoding="utf-8")
    result = validate(str(tmp_path / "twice.ttl"), "--format", "json")
    codes = [(f["code"], f["resource"].rsplit("/", 1)[-1]) for f in json.loads(result.output)["findings"]]
    assert ("code-clash", "CT.0001-bis") in codes and result.exit_code == 1


def test_files_are_checked_in_order_like_the_build(tmp_path):
    """A file that conforms takes its codes: the next file giving the same code clashes with it."""
    copy = tmp_path / "copy.ttl"
    copy.write_bytes((CONTRIBUTIONS / "valid-turtle.ttl").read_bytes())
    result = validate(str(CONTRIBUTIONS / "valid-turtle.ttl"), str(copy), "--format", "json")
    findings = json.loads(result.output)["findings"]
    assert result.exit_code == 1 and {(f["code"], f["file"]) for f in findings} == {("code-clash", str(copy))}


def test_json_and_turtle_reports_hold_the_same_findings_as_the_text():
    path = str(CONTRIBUTIONS / "broken" / "end-before-start.ttl")
    as_json = json.loads(validate(path, "--format", "json").output)
    as_turtle = validate(path, "--format", "turtle")
    assert as_turtle.exit_code == 1
    report = Graph().parse(data=as_turtle.output, format="turtle")
    assert [c.toPython() for c in report.objects(None, SH.conforms)] == [False]
    assert sorted(str(c) for c in report.objects(None, MPS.code)) == [f["code"] for f in as_json["findings"]]
    assert {str(v) for v in report.objects(None, SH.value)} == {"2021-12"}
    assert as_json["violations"] == 1 and as_json["files"] == 1


def test_standard_input_is_read_with_an_input_format():
    data = (CONTRIBUTIONS / "valid-jsonld.jsonld").read_bytes()
    result = validate("-", "--input-format", "jsonld", stdin=data)
    assert result.exit_code == 0, result.output
    unknown = validate("-", stdin=data)
    assert unknown.exit_code == 2 and "error: -: standard input has no name to go by; give --input-format ttl" \
        in unknown.output


def test_an_unreadable_file_among_others_exits_2_and_the_others_are_still_reported():
    result = validate(str(CONTRIBUTIONS / "hostile" / "empty.ttl"), str(CONTRIBUTIONS / "broken" / "bad-email.ttl"))
    assert result.exit_code == 2
    assert "error: " + str(CONTRIBUTIONS / "hostile" / "empty.ttl") + ": the file is empty" in result.output
    assert "bad-email" in result.output and "2 file(s) (1 unreadable)" in result.output


def test_help_states_the_exit_codes():
    text = " ".join(CliRunner().invoke(main, ["validate", "--help"]).output.split())
    assert ("Exit 0 when no file has a violation (warnings allowed), 1 when one has, 2 when a file cannot be read"
            in text)


def test_the_readme_example_prints_the_report_the_readme_shows(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"<!-- example: my-projects.ttl -->\n```turtle\n(.*?)```", readme, re.DOTALL).group(1)
    report = re.search(r"<!-- report: migration-lod validate my-projects.ttl -->\n```text\n(.*?)```", readme,
                       re.DOTALL).group(1)
    monkeypatch.chdir(tmp_path)
    Path("my-projects.ttl").write_text(example, encoding="utf-8")
    result = validate("my-projects.ttl")
    assert result.exit_code == 1
    assert result.output == report


def test_every_finding_code_of_the_checks_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{code}` | {SEVERITIES.get(code, 'Violation')} |" in readme for code in set(CODES.values()))


def test_the_published_store_answers_as_the_whole_dump_read_in_memory(tmp_path):
    """--published output/migration-projects.nt.gz is read through the output's SPARQL store, a dump under another
    name whole: every contribution gets the same findings both ways (code clashes, references resolved)."""
    from publisher.contributions import validate as validate_files
    from publisher.published import Known

    elsewhere = tmp_path / "published.nt.gz"
    elsewhere.write_bytes(Path(PUBLISHED).read_bytes())
    through_store, in_memory = Known.read(Path(PUBLISHED)), Known.read(elsewhere)
    assert through_store.published is not None and in_memory.published is None
    # before validating: accepted contributions add their own organisations to the in-memory graph
    organisation = min(iri for iri in in_memory.graph.subjects(None, None) if "/organisation/" in str(iri))
    assert sorted(through_store.published.description(organisation)) == sorted(in_memory.graph.predicate_objects(
        organisation))
    project = min(in_memory.projects)  # projects and their parts are indexed, never handed out as descriptions
    part = min(str(q.subject) for q in through_store.published.store.quads_for_pattern(None, None, None)
               if str(q.subject).startswith(f"<{project}#"))
    assert (project, None, None) not in in_memory.graph and not through_store.describes(project)
    assert not list(through_store.published.description(URIRef(part.strip("<>"))))
    files = [*VALID, *(p for p in BROKEN if p.stem in ("code-clash", "unknown-concept", "missing-country",
                                                       "bad-country-code", "missing-container"))]
    first = validate_files(files, through_store).report.findings
    second = validate_files(files, in_memory).report.findings
    assert first == second
    assert "code-clash" in {f.code for f in first}


@pytest.mark.parametrize("date", ['"2023-13"^^xsd:gYearMonth', '"23"^^xsd:gYear', '"2023-1"^^xsd:gYearMonth',
                                  '"2023-02-30"^^xsd:date'])
def test_an_ill_typed_year_or_month_is_a_bad_date(tmp_path, date):
    # rdflib reads no value of xsd:gYear and xsd:gYearMonth literals, so "2023-13" passed as a month: the shapes
    # check their lexical forms now (and well-typed forms with a time zone or a long year still pass).
    text = (CONTRIBUTIONS / "broken" / "bad-date.ttl").read_text(encoding="utf-8")
    assert '"mars 2022"' in text
    path = tmp_path / "date.ttl"
    path.write_text(text.replace('"mars 2022"', date), encoding="utf-8")
    assert [f["code"] for f in json.loads(validate(str(path), "--format", "json").output)["findings"]] == ["bad-date"]
    for fine in ('"2023-12"^^xsd:gYearMonth', '"2023Z"^^xsd:gYear', '"12023-01+14:00"^^xsd:gYearMonth'):
        path.write_text(text.replace('"mars 2022"', fine), encoding="utf-8")
        assert validate(str(path)).exit_code == 0, fine


def test_a_blank_node_is_named_as_one_in_the_text_and_by_a_skolem_iri_in_the_turtle_report(tmp_path):
    # Its findings were headed <c2784b…>, an IRI made of its id, and the Turtle report gave that relative IRI.
    path = tmp_path / "blank.ttl"
    text = (CONTRIBUTIONS / "broken" / "blank-node.ttl").read_text(encoding="utf-8")
    path.write_text(text.replace('schema:currency "USD" ]', "]"), encoding="utf-8")  # a finding on the node itself
    lines = validate(str(path)).output.splitlines()
    heads = [line for line in lines if line.startswith(str(path))]
    assert len(heads) == 2 and re.fullmatch(rf"{re.escape(str(path))}: _:\w+", heads[0]), heads
    assert f"{path}: <https://w3id.org/migration-lod/project/BR.0042>" in heads
    report = Graph().parse(data=validate(str(path), "--format", "turtle").output, format="turtle")
    focus = set(report.objects(None, SH.focusNode))
    assert all(isinstance(node, URIRef) for node in focus)
    assert {str(node).rsplit("/", 1)[0] for node in focus} == {"https://w3id.org/migration-lod/.well-known/genid",
                                                                "https://w3id.org/migration-lod/project"}

"""The example questions in ontology/queries/ give the answers the seed pages hold, and the README shows three of
them with the output they really give."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from decimal import Decimal

import pytest
from click.testing import CliRunner

from publisher import sparql, store
from publisher.cli import main
from publisher.examples import QUERIES, example_queries
from tests.conftest import ROOT

OUT = ROOT / "output"
P = "https://w3id.org/migration-lod/project/"
LAC = "Latin America and the Caribbean"
MIGR_TITLE_181 = ("Argentine : Renforcement des capacités permettant aux gouvernements locaux d’intégrer la migration "
                  "dans la politique de développement local")
TITLE_201 = "Élaboration d’un plan régional de gestion des migrations en Amérique du Sud"
SOUTH_AMERICA_9 = ["Argentina", "Bolivia", "Brazil", "Chile", "Colombia", "Ecuador", "Paraguay", "Peru", "Uruguay"]
PO_0201 = ["Argentina", "Bolivia", "Chile", "Colombia", "Ecuador", "Guyana", "Paraguay", "Peru", "Uruguay"]
WIKIDATA = {"Argentina": "Q414", "Bolivia": "Q750", "Brazil": "Q155", "Chile": "Q298", "Colombia": "Q739",
            "Ecuador": "Q736", "Paraguay": "Q733", "Peru": "Q419", "Uruguay": "Q77", "Guyana": "Q734",
            "El Salvador": "Q792", "Guatemala": "Q774", "Honduras": "Q783", "Mexico": "Q96"}

EXPECTED = {
    "projects-benefiting-a-country": [
        {"project": P + "IS.0077", "code": "IS.0077"},  # its page gives no title, and none is invented
        {"project": P + "PO.0181", "code": "PO.0181", "title": MIGR_TITLE_181},
        {"project": P + "PO.0201", "code": "PO.0201", "title": TITLE_201},
    ],
    "budget-by-region": [
        {"region": LAC, "currency": "USD", "total": Decimal("855000"), "projects": 3},
        {"region": "(no region given)", "currency": "USD", "total": Decimal("400000"), "projects": 1},
    ],
    "budget-by-status": [
        {"status": "Active", "currency": "USD", "total": Decimal("700000"), "projects": 2},
        {"status": "(no status given)", "currency": "USD", "total": Decimal("400000"), "projects": 1},
        {"status": "Completed", "currency": "USD", "total": Decimal("155000"), "projects": 1},
    ],
    "projects-active-in-a-year": [
        {"project": P + "PO.0181", "code": "PO.0181", "start": "2022", "end": "2024"},
        {"project": P + "PO.0201", "code": "PO.0201", "start": "2023", "end": "2025"},
    ],
    "ineligible-beneficiaries": [
        {"country": "https://w3id.org/migration-lod/country/" + alpha2, "name": name, "project": P + code,
         "code": code}
        for alpha2, name in (("CL", "Chile"), ("UY", "Uruguay")) for code in ("IS.0077", "PO.0201")
    ],
    "organisations-and-roles": [
        {"organisation": "https://w3id.org/migration-lod/organisation/" + slug, "name": name, "role": role}
        for slug, name, role in (
            ("european-union", "Union européenne", "Co-funder"),
            ("cies-onlus", "Centre d’Information et d’Education au Développement", "Implementer"),
            ("icmpd", "Centre international pour le développement des politiques migratoires",
             "Managing organisation"),
            ("atcd", "Association Tunisienne de Coopération pour le Développement", "Partner"),
            ("aesat", "Association des étudiants et stagiaires africains en Tunisie", "Partner"),
            ("alda", "Association pour le Leadership et le Développement en Afrique", "Partner"),
            ("cies-tunisie", "Cies Tunisie", "Strategic partner"),
            ("municipalite-de-la-marsa", "Municipalité de La Marsa", "Strategic partner"),
            ("municipalite-de-raoued", "Municipalité de Raoued", "Strategic partner"),
            ("utss", "Union Tunisienne de Solidarité Sociale", "Strategic partner"),
        )
    ],
    "projects-wikidata-countries": sorted(
        ({"country": country, "wikidata": "http://www.wikidata.org/entity/" + WIKIDATA[country], "projects": count}
         for country, count in [("Argentina", 3), ("Brazil", 1), ("Guyana", 1), ("El Salvador", 1),
                                ("Guatemala", 1), ("Honduras", 1), ("Mexico", 1)]
         + [(c, 2) for c in SOUTH_AMERICA_9 if c not in ("Argentina", "Brazil")]),
        key=lambda row: (-row["projects"], row["country"])),
}
NUMERIC = ("integer", "decimal", "double", "float", "long", "int")


def rows(body: bytes) -> list[dict]:
    """SPARQL JSON results as plain values: numbers as Decimal or int, everything else as its string."""
    out = []
    for binding in json.loads(body)["results"]["bindings"]:
        row = {}
        for name, term in binding.items():
            datatype = term.get("datatype", "").rpartition("#")[2]
            value = term["value"]
            if datatype == "integer":
                value = int(value)
            elif datatype in NUMERIC:
                value = Decimal(value)
            row[name] = value
        out.append(row)
    return out


def answer(name: str, out=OUT, replace: tuple[str, str] | None = None) -> list[dict]:
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    return rows(sparql.execute(text, out).body)


def test_every_example_says_what_it_asks_and_is_tested():
    examples = example_queries()
    assert sorted(e.name for e in examples) == sorted(EXPECTED)
    for example in examples:
        assert example.text.startswith("# ") and example.question.endswith("?"), example.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_example_answers_what_the_seeds_say(name):
    assert answer(name) == EXPECTED[name]


def test_the_country_and_year_are_easy_to_change():
    assert answer("projects-benefiting-a-country", replace=('"AR"', '"GT"')) == [
        {"project": P + "RT.1296", "code": "RT.1296",
         "title": "Etude sur le processus de réintégration des migrants dans les zones urbaines au El Salvador, au "
                  "Guatemala, au Honduras et au Mexique"}]
    assert answer("projects-active-in-a-year", replace=("{ 2023 }", "{ 2020 }")) == [
        {"project": P + "i-migr", "start": "2020-06", "end": "2020-06"}]  # months: xsd:gYearMonth
    assert answer("projects-active-in-a-year", replace=("{ 2023 }", "{ 2026 }")) == []


def test_active_in_a_year_compares_years_of_every_date_type(tmp_path):
    """gYear, gYearMonth and date each give their year; a project without both dates is left out."""
    out = tmp_path / "output"
    out.mkdir()
    mp, xsd = "https://w3id.org/migration-lod/vocab#", "http://www.w3.org/2001/XMLSchema#"
    lines = []
    for name, start, end in (("a", '"2021"^^<%sgYear>', '"2023-02"^^<%sgYearMonth>'),
                             ("b", '"2023-12-31"^^<%sdate>', '"2030"^^<%sgYear>'),
                             ("c", '"2024-01-01"^^<%sdate>', '"2025"^^<%sgYear>'),
                             ("d", '"2019"^^<%sgYear>', '"2022-12"^^<%sgYearMonth>'),
                             ("e", None, '"2024"^^<%sgYear>')):
        lines.append(f"<{P}{name}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{mp}Project> .\n")
        if start:
            lines.append(f"<{P}{name}> <{mp}startDate> {start % xsd} .\n")
        lines.append(f"<{P}{name}> <{mp}endDate> {end % xsd} .\n")
    (out / store.DUMP).write_bytes(gzip.compress("".join(lines).encode()))
    assert [row["project"] for row in answer("projects-active-in-a-year", out)] == [P + "a", P + "b"]


def _readme_examples() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```\n\$ migration-lod query -f ontology/queries/([\w-]+)\.rq\n(.*?)```", readme, re.DOTALL)


def test_the_readme_shows_three_examples_with_the_output_they_give(tmp_path):
    shown = _readme_examples()
    assert len(shown) >= 3
    out = tmp_path / "output"
    shutil.copytree(OUT, out)
    for name, output in shown:
        result = CliRunner().invoke(main, ["query", "-f", str(QUERIES / f"{name}.rq"), "--format", "table",
                                           "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert result.output == output, f"README output of {name} is stale:\n{result.output}"

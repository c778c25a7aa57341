"""A reference to nothing known ends its message with the published resource the contributor most likely meant:
http for https, a trailing slash, a code in lower case or under countries/, a Wikidata or DBpedia IRI, a code
written as text. Where nothing or more than one resource fits, no guess is made."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from publisher.cli import main
from tests.test_contribution_labels import PUBLISHED, project

BASE = "https://w3id.org/migration-lod/"


def findings(tmp_path, text: str, *args: str) -> list[dict]:
    path = tmp_path / "hint.ttl"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--published", PUBLISHED, "--format", "json", str(path), *args])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)["findings"]


@pytest.mark.parametrize("country, meant", [
    ("<http://www.wikidata.org/entity/Q948>", "country/TN"),  # the reference data links TN to it
    ("<https://www.wikidata.org/wiki/Q948>", "country/TN"),
    ("<http://dbpedia.org/resource/Tunisia>", "country/TN"),
    ("<http://w3id.org/migration-lod/country/TN>", "country/TN"),
    ("<country/TN/>", "country/TN"),
    ("<country/tn>", "country/TN"),
    ("<countries/TN>", "country/TN"),
    ('"TN"', "country/TN"),
])
def test_a_reference_to_nothing_known_says_what_it_likely_means(tmp_path, country, meant):
    text = project("HT.0001").replace("mp:beneficiaryCountry <country/AR>", f"mp:beneficiaryCountry {country}")
    unknown = [f for f in findings(tmp_path, text) if f["code"] == "unknown-country"]
    assert len(unknown) == 1 and unknown[0]["message"].endswith(f"Did you mean <{BASE}{meant}>?"), unknown


def test_the_hint_is_in_french_too(tmp_path):
    text = project("HT.0002").replace("mp:status <concept/status/active>", "mp:status <concept/status/active/>")
    unknown = [f for f in findings(tmp_path, text, "--lang", "fr") if f["code"] == "unknown-concept"]
    assert unknown[0]["messages"]["fr"].endswith(f"Vouliez-vous dire <{BASE}concept/status/active> ?")


@pytest.mark.parametrize("country", ["<country/ZZ>", "<http://www.wikidata.org/entity/Q1>", '"Ruritanie"'])
def test_nothing_is_guessed_where_nothing_fits(tmp_path, country):
    text = project("HT.0003").replace("mp:beneficiaryCountry <country/AR>", f"mp:beneficiaryCountry {country}")
    unknown = [f for f in findings(tmp_path, text) if f["code"] == "unknown-country"]
    assert unknown and "Did you mean" not in unknown[0]["message"]

"""A resource the files name two ways in one language (an organisation's IRI is made from its acronym or its name)
is published with one skos:prefLabel in that language, the other names as skos:altLabel (SKOS's integrity rule),
in every file: the dump, the dataset's Turtle and JSON-LD, and the resource's own documents."""

from __future__ import annotations

import gzip
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from publisher.build import build
from publisher.pipeline import one_label_per_language
from tests.test_ngo_variants import NGO, ORGANISATION, ROLES, _page

PREF, ALT = f"<{SKOS.prefLabel}>", f"<{SKOS.altLabel}>"


def test_the_lines_stay_sorted_and_distinct_and_the_change_is_noted():
    lines = [f'<http://x/a> {ALT} "B"@fr .\n', f'<http://x/a> {PREF} "B"@fr .\n', f'<http://x/a> {PREF} "É"@fr .\n',
             f'<http://x/a> {PREF} "Z"@en .\n', f'<http://x/b> {PREF} "B"@fr .\n']
    settled: dict = {}
    assert list(one_label_per_language(lines, settled)) == [
        f'<http://x/a> {ALT} "B"@fr .\n', f'<http://x/a> {PREF} "Z"@en .\n', f'<http://x/a> {PREF} "É"@fr .\n',
        f'<http://x/b> {PREF} "B"@fr .\n']
    assert settled == {("<http://x/a>", "fr"): ("É", "B")}


def test_lines_with_one_label_per_language_pass_unchanged():
    lines = [f'<http://x/a> {PREF} "A"@en .\n', f'<http://x/a> {PREF} "A"@fr .\n', f'<http://x/a> {PREF} "A" .\n',
             f'<http://x/ab> {PREF} "B"@fr .\n']
    assert list(one_label_per_language(lines)) == lines


@pytest.mark.parametrize("jobs", [1, 2])
def test_two_pages_naming_one_organisation_two_ways_publish_one_french_name(tmp_path, jobs):
    line = next(line for line in NGO.split("\n") if line.startswith(ROLES))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for number, (title, name) in enumerate([("A-MIGR", "Cies Tunisie"), ("B-MIGR", "CIES Tunisie"),
                                            ("C-MIGR", "Cies Tunisie")]):
        page = _page("I-MIGR Retour", f"{title} Retour", _page(line, f"{ROLES}{name}"))
        (seeds / f"00{number}.txt").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    result = build(seeds, out, jobs=jobs)
    organisation = URIRef(f"{ORGANISATION}cies-tunisie")
    expected = ({Literal("Cies Tunisie", lang="fr")}, {Literal("CIES Tunisie", lang="fr")})
    dump = Graph().parse(data=gzip.decompress((out / "migration-projects.nt.gz").read_bytes()).decode(), format="nt")
    for graph in (dump, Graph().parse(out / "migration-projects.ttl"),
                  Graph().parse(out / "site" / "organisation" / "cies-tunisie.ttl"),
                  Graph().parse(out / "site" / "organisation" / "cies-tunisie.nt", format="nt")):
        assert (set(graph.objects(organisation, SKOS.prefLabel)), set(graph.objects(organisation, SKOS.altLabel))) == (
            expected)
    document = json.loads((out / "site" / "organisation" / "cies-tunisie.jsonld").read_text(encoding="utf-8"))
    node = next(node for node in document["@graph"] if node["@id"] == str(organisation))
    assert (node["prefLabel"], node["altLabel"]) == ({"@language": "fr", "@value": "Cies Tunisie"},
                                                     {"@language": "fr", "@value": "CIES Tunisie"})
    assert [n for n in result.notices if "one organisation, named" in n] == [
        f"<{organisation}>: one organisation, named 'Cies Tunisie' and 'CIES Tunisie' in language fr: 'Cies Tunisie' "
        "is kept as its skos:prefLabel, the others are its skos:altLabel; if these are two organisations sharing an "
        "acronym, give one of them another (its IRI is made from it); if one, write its name the same way on every "
        "page"]

"""Pages naming one organisation with and without its acronym ("Fondation Orient-Occident (FOO)", "Fondation
Orient-Occident") make two IRIs, one from the acronym and one from the name: the build publishes one, the
acronym's, in every file, and says so (publisher.organisations)."""

from __future__ import annotations

import gzip
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from publisher.build import build
from publisher.organisations import _ALT, _PREF, _groups
from tests.test_ngo_variants import NGO, ORGANISATION, ROLES, _page

MP = "https://w3id.org/migration-lod/vocab#"
PROJECT = "https://w3id.org/migration-lod/project/"


def _seeds(tmp_path, names: list[str]):
    line = next(line for line in NGO.split("\n") if line.startswith(ROLES))
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    for number, name in enumerate(names):
        page = _page("I-MIGR Retour", f"{'ABC'[number]}-MIGR Retour", _page(line, f"{ROLES}{name}"))
        (seeds / f"00{number}.txt").write_text(page, encoding="utf-8")
    return seeds


def _dump(out) -> Graph:
    return Graph().parse(data=gzip.decompress((out / "migration-projects.nt.gz").read_bytes()).decode(), format="nt")


def _organisations(graph: Graph, project: str) -> set[URIRef]:
    return {organisation for participation in graph.objects(URIRef(PROJECT + project), URIRef(MP + "participation"))
            for organisation in graph.objects(participation, URIRef(MP + "organisation"))}


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_organisation_with_and_without_its_acronym_is_published_once(tmp_path, jobs):
    seeds = _seeds(tmp_path, ["Fondation Orient-Occident (FOO)", "Fondation Orient-Occident",
                              "Fondation Orient-Occident"])
    out = tmp_path / "out"
    result = build(seeds, out, jobs=jobs)
    kept, gone = URIRef(f"{ORGANISATION}foo"), URIRef(f"{ORGANISATION}fondation-orient-occident")
    dump = _dump(out)
    assert [_organisations(dump, code) & {kept, gone} for code in ("a-migr", "b-migr", "c-migr")] == [{kept}] * 3
    assert not set(dump.triples((gone, None, None))) and not set(dump.triples((None, None, gone)))
    assert set(dump.objects(kept, SKOS.prefLabel)) == {Literal("Fondation Orient-Occident", lang="fr")}
    assert set(dump.objects(kept, SKOS.altLabel)) == {Literal("FOO")}
    # the dataset's other files say the same, and the pages' own documents (written by the workers before the
    # organisations were settled) name the IRI kept, with its labels
    assert isomorphic(Graph().parse(out / "migration-projects.ttl"), dump)
    assert isomorphic(Graph().parse(out / "migration-projects.jsonld", format="json-ld"), dump)
    for form, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        document = Graph().parse(out / "site" / "project" / f"b-migr.{form}", format=parser)
        assert kept in _organisations(document, "b-migr") and gone not in _organisations(document, "b-migr")
        assert (kept, SKOS.prefLabel, Literal("Fondation Orient-Occident", lang="fr")) in document
    assert not list((out / "site" / "organisation").glob("fondation-orient-occident.*"))
    assert json.loads((out / "site" / "organisation" / "foo.jsonld").read_text(encoding="utf-8"))
    assert [n for n in result.notices if "are one organisation" in n] == [
        f"<{gone}> and <{kept}> are one organisation (named 'Fondation Orient-Occident'): published as <{kept}>, "
        "with every name the pages give; give it its acronym on every page, or none"]


def test_the_iri_kept_is_the_acronym_s_whichever_page_comes_first(tmp_path):
    for order, names in (("a", ["Fondation Orient-Occident", "Fondation Orient-Occident (FOO)"]),
                         ("b", ["Fondation Orient-Occident (FOO)", "Fondation Orient-Occident"])):
        build(_seeds(tmp_path / order, names), tmp_path / order / "out")
        dump = _dump(tmp_path / order / "out")
        named = set(dump.subjects(SKOS.prefLabel, Literal("Fondation Orient-Occident", lang="fr")))
        assert named == {URIRef(f"{ORGANISATION}foo")}, order


def test_organisations_with_other_names_stay_apart(tmp_path):
    out = tmp_path / "out"
    result = build(_seeds(tmp_path, ["Fondation Orient-Occident (FOO)", "Fondation Orient"]), out)
    dump = _dump(out)
    assert _organisations(dump, "b-migr") & {URIRef(f"{ORGANISATION}fondation-orient")}
    assert not [n for n in result.notices if "are one organisation" in n]


def test_a_name_that_is_another_name_of_one_organisation_joins_it_and_of_two_joins_neither():
    labels = {_PREF: {"Coopération suisse": {"<o/cooperation-suisse>"}, "DDC long": {"<o/ddc>"}},
              _ALT: {"Coopération suisse": {"<o/ddc>"}, "DDC": {"<o/ddc>"}}}
    assert _groups(labels) == [["<o/cooperation-suisse>", "<o/ddc>"]]
    labels[_ALT]["Coopération suisse"].add("<o/sdc>")
    assert _groups(labels) == []


def test_a_run_renamed_keeps_each_line_whole_and_in_order():
    """Renaming in a run file sorts again only the lines that change; a literal holding U+2028 or U+0085 (which
    str.splitlines takes for line ends) stays one line, and a renamed line equal to one kept is written once."""
    import re

    from publisher.organisations import _renamed

    base = "https://example.org/"
    gone, kept = f"<{base}organisation/zeta>", f"<{base}organisation/alpha>"
    lines = sorted([
        f"<{base}project/A> <{base}by> {gone} .\n",
        f"<{base}project/A> <{base}by> {kept} .\n",
        f'<{base}project/B> <{base}title> "one\u2028two\x85three" .\n',
        f"{gone} <{base}label> \"Zeta\" .\n",
    ])
    term = re.compile(rf"<{re.escape(base)}organisation/[^>]*>")
    renamed = _renamed("".join(lines), term, {gone: kept})
    assert renamed == "".join(sorted({line.replace(gone, kept) for line in lines}))
    assert renamed.count("\n") == 3
    assert _renamed("".join(lines), term, {f"<{base}organisation/other>": kept}) is None


def test_renamed_lines_go_among_the_others_in_order_wherever_they_sort():
    """The lines that change are put back among the ones that stay by bisection: before the first, between any
    two, after the last, each once, whatever the lines' order is after renaming."""
    import random
    import re

    from publisher.organisations import _renamed

    base = "https://example.org/"
    term = re.compile(rf"<{re.escape(base)}organisation/[^>]*>")
    organisations = [f"<{base}organisation/{name}>" for name in ("a", "m", "z", "k")]
    lines = sorted({f"<{base}project/{n:03d}> <{base}by> {random.Random(n).choice(organisations)} .\n"
                    for n in range(200)} | {f"{o} <{base}label> \"{o[-3]}\" .\n" for o in organisations})
    for gone, kept in ((organisations[1], organisations[0]), (organisations[0], organisations[2]),
                       (organisations[3], organisations[1])):
        expected = "".join(sorted({line.replace(gone, kept) for line in lines}))
        assert _renamed("".join(lines), term, {gone: kept}) == expected

"""A new concept's label spelled two ways by two pages ("Activités de médiation", "ACTIVITES DE MEDIATION"): its
IRI is made from a slug of the label, so both pages mint one concept, which had two French skos:prefLabel (SKOS
allows one per language) and no page's validation could see it. The build keeps one, the others are altLabels."""

from __future__ import annotations

import gzip
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from publisher.build import build
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
TYPE = "Activités de politique migratoire"
CONCEPT = "https://w3id.org/migration-lod/concept/project-type/activites-de-mediation"
KEPT, OTHER = "Activités de médiation", "ACTIVITES DE MEDIATION"


def _seeds(folder: Path, labels: list[str]) -> Path:
    """A seeds folder of IDF pages, one a label, each its own project (codes PO.0180, PO.0181…)."""
    folder.mkdir()
    for number, label in enumerate(labels):
        assert TYPE in IDF and "PO.0181" in IDF
        page = IDF.replace(TYPE, label, 1).replace("PO.0181", f"PO.018{number}", 1)
        (folder / f"{number}.txt").write_text(page, encoding="utf-8")
    return folder


def _dump(out: Path) -> list[str]:
    with gzip.open(out / "migration-projects.nt.gz", "rt", encoding="utf-8") as handle:
        return handle.readlines()


def _labels(graph: Graph) -> tuple[set, set]:
    return set(graph.objects(URIRef(CONCEPT), SKOS.prefLabel)), set(graph.objects(URIRef(CONCEPT), SKOS.altLabel))


def test_a_concept_two_pages_spell_two_ways_keeps_one_label_and_says_so(tmp_path):
    result = build(_seeds(tmp_path / "seeds", [OTHER, KEPT, KEPT.replace("é", "e")]), tmp_path / "out", jobs=2)
    expected = ({Literal(KEPT, lang="fr")}, {Literal(OTHER, lang="fr"), Literal("Activites de mediation", lang="fr")})
    dump = _dump(tmp_path / "out")
    assert dump == sorted(set(dump))  # sorted and distinct: the lines replaced are in their places
    assert _labels(Graph().parse(data="".join(dump), format="nt")) == expected
    assert _labels(Graph().parse(tmp_path / "out" / "migration-projects.ttl", format="turtle")) == expected
    assert _labels(Graph().parse(tmp_path / "out" / "migration-projects.jsonld", format="json-ld")) == expected
    assert [n for n in result.notices if "one concept" in n] == [
        f'<{CONCEPT}>: one concept, labelled "{KEPT}" (1 file) and "Activites de mediation" (1 file) and "{OTHER}" '
        f'(1 file) in language fr: "{KEPT}" is kept as its skos:prefLabel, the others are its skos:altLabel; write '
        "it the same way on every page"]
    # the concept's own document, and the pages of the projects that link to it (each written by the worker that
    # read its page, which knew one label), give the label kept
    site = tmp_path / "out" / "site"
    assert _labels(Graph().parse(site / "concept" / "project-type" / "activites-de-mediation.ttl")) == expected
    for code in ("PO.0180", "PO.0181", "PO.0182"):
        html = (site / "project" / f"{code}.html").read_text(encoding="utf-8")
        assert KEPT in html and OTHER not in html


def test_the_label_kept_depends_on_the_pages_not_on_their_order_or_the_workers(tmp_path):
    # the spelling the most pages give is kept, however the pages are ordered and shared among workers
    outputs = []
    for number, (labels, jobs) in enumerate([([OTHER, OTHER, KEPT], 1), ([OTHER, KEPT, OTHER], 2),
                                             ([KEPT, OTHER, OTHER], 2)]):  # two workers: a chunk a page
        build(_seeds(tmp_path / f"seeds-{number}", labels), tmp_path / f"out-{number}", jobs=jobs, site=False)
        outputs.append([line for line in _dump(tmp_path / f"out-{number}") if line.startswith(f"<{CONCEPT}>")])
    assert outputs[0] == outputs[1] == outputs[2]
    assert [line.split(" ", 2)[1:] for line in outputs[0] if "Label" in line] == [
        [f"<{SKOS.altLabel}>", f'"{KEPT}"@fr .\n'], [f"<{SKOS.prefLabel}>", f'"{OTHER}"@fr .\n']]


def test_a_label_spelled_once_is_left_as_it_is(tmp_path):
    result = build(_seeds(tmp_path / "seeds", [KEPT, KEPT]), tmp_path / "out", jobs=2, site=False)
    assert _labels(Graph().parse(data="".join(_dump(tmp_path / "out")), format="nt")) == (
        {Literal(KEPT, lang="fr")}, set())
    assert not [n for n in result.notices if "one concept" in n]


def test_a_contribution_labelling_a_new_concept_otherwise_counts_as_one_more_file(tmp_path):
    seeds = _seeds(tmp_path / "seeds", [KEPT])
    (seeds / "labels.ttl").write_text(f'<{CONCEPT}> <{SKOS.prefLabel}> "{OTHER}"@fr .\n', encoding="utf-8")
    result = build(seeds, tmp_path / "out", jobs=1, site=False)
    assert result.contributed == [str(seeds / "labels.ttl")]
    graph = Graph().parse(data="".join(_dump(tmp_path / "out")), format="nt")
    assert _labels(graph) == ({Literal(KEPT, lang="fr")}, {Literal(OTHER, lang="fr")})
    assert len([n for n in result.notices if "one concept" in n]) == 1

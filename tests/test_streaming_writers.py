"""The writers that work from sorted N-Triples lines: Turtle, JSON-LD, the VoID counts and the merge of runs,
each checked against an RDF library reading what they wrote."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, OWL, RDF, SKOS, XSD

from converters.namespaces import MP, prefixes
from publisher import jsonld, ntriples, sitestream, turtle
from publisher.statistics import Statistics
from tests.conftest import ROOT

EX = "https://w3id.org/migration-lod/project/"


def tricky() -> Graph:
    """Terms a Turtle writer gets wrong: quotes, new lines, bare numbers, local names that need brackets."""
    graph = Graph()
    node = URIRef(EX + "PO.0001")
    for value in (Literal('say "hi"\\ \n and \r back'), Literal("é ü 中文 \u2028", lang="fr"),
                  Literal("1", datatype=XSD.integer), Literal("-05", datatype=XSD.integer),
                  Literal("300000.00", datatype=XSD.decimal), Literal("1e3", datatype=XSD.double),
                  Literal("true", datatype=XSD.boolean), Literal("2020", datatype=XSD.gYear),
                  Literal("12", datatype=XSD.string), Literal("x", datatype=URIRef("http://example.org/t#dt")),
                  URIRef(EX + "PO.0001#budget"), URIRef(EX + "ends.with.dot."), URIRef(EX + "2030"),
                  URIRef(EX), URIRef("https://w3id.org/migration-lod/concept/status/active"), BNode("b1")):
        graph.add((node, MP.value, value))
    graph.add((node, RDF.type, MP.Project))
    graph.add((node, RDF.type, OWL.Thing))
    graph.add((BNode("b1"), SKOS.prefLabel, Literal("blank")))
    return graph


def test_turtle_of_sorted_lines_reads_back_as_the_same_graph():
    graph = tricky()
    buffer = io.StringIO()
    count = turtle.write(buffer, ntriples.lines(graph), prefixes())
    text = buffer.getvalue()
    assert count == len(graph)
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)
    assert len(list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))) == len(graph)
    assert "\nproject:PO.0001 a owl:Thing,\n        mp:Project ;\n    mp:value -5,\n" in text
    assert "\n        300000.00,\n" in text and "\n        true,\n" in text and "project:2030," in text
    assert f"<{EX}ends.with.dot.>" in text and f"<{EX}PO.0001#budget>" in text


def test_json_ld_of_lines_is_the_json_ld_of_the_graph():
    graph = tricky()
    from_graph = list(jsonld.nodes(sorted(graph)))
    from_lines = list(jsonld.nodes_of_lines(ntriples.lines(graph)))
    key = lambda node: node["@id"]  # noqa: E731 (the two list nodes in different orders)
    assert sorted(from_graph, key=key) == sorted(from_lines, key=key)
    document = json.dumps({"@context": jsonld.context(), "@graph": from_lines})
    store = ox.Store()
    store.load(document.encode(), format=ox.RdfFormat.JSON_LD)
    assert len(store) == len(graph)


def _document_of_objects(blocks: list) -> str:
    """What jsonld.Document.text stands for: the blocks' node objects and their trimmed context, dumped."""
    nodes = [node for subject, pairs in blocks
             for node in jsonld.nodes_of_lines([f"{subject} {p} {o} .\n" for p, o in pairs])]
    return jsonld.dumps({"@context": jsonld.trimmed_context(nodes, jsonld.context()), "@graph": nodes})


def test_a_small_json_ld_document_written_as_text_is_the_dump_of_its_node_objects():
    graph = tricky()
    blocks = list(sitestream.subjects(ntriples.lines(graph)))
    writer = jsonld.Document(jsonld.context())
    text = writer.text(blocks)
    assert text == _document_of_objects(blocks)
    assert writer.text(blocks) == text  # again, from the texts kept
    assert writer.text([]) == _document_of_objects([]) == '{\n "@context": {},\n "@graph": []\n}'
    store = ox.Store()
    store.load(text.encode(), format=ox.RdfFormat.JSON_LD)
    assert len(store) == len(graph)


_SUBJECTS = ["<https://w3id.org/migration-lod/project/P1>", "<https://w3id.org/migration-lod/project/P1#budget>",
             "_:b1", "<http://example.org/x>"]
_PREDICATES = ["<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://purl.org/dc/terms/title>",
               "<https://w3id.org/migration-lod/vocab#beneficiaryCountry>", "<http://example.org/p>",
               "<https://w3id.org/migration-lod/vocab#amount>", "<http://www.w3.org/2004/02/skos/core#prefLabel>"]
_OBJECTS = ["<https://w3id.org/migration-lod/country/AR>", "<https://w3id.org/migration-lod/vocab#Project>",
            "<http://example.org/thing>", "_:b2", '"plain"', '"texte"@fr', '"a \\"quoted\\" é"@fr-BE',
            '"12"^^<http://www.w3.org/2001/XMLSchema#integer>', '"1.5"^^<http://www.w3.org/2001/XMLSchema#decimal>',
            '"x"^^<http://example.org/dt>', '"2020-01"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>',
            '"country"', '"mp:thing"',
            '"' + "Un texte long : \\\"cité\\\", sur deux lignes\\n" * 12 + '"@fr',  # past jsonld.SHORT_VALUE: not kept
            '"' + "status: " + "plain long text " * 16 + '"']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SUBJECTS), st.sampled_from(_PREDICATES), st.sampled_from(_OBJECTS)),
                max_size=25))
def test_json_ld_documents_as_text_match_their_node_objects_for_any_triples(triples):
    lines = sorted({f"{s} {p} {o} .\n" for s, p, o in triples})
    blocks = sorted(sitestream.subjects(lines), key=lambda block: block[0].strip("<>"))
    writer = jsonld.Document(jsonld.context())
    assert writer.text(blocks) == _document_of_objects(blocks)
    assert writer.text(blocks) == _document_of_objects(blocks)


def test_literals_read_back_from_lines_as_written():
    for literal in (Literal('a"b\\c\nd\re'), Literal("x", lang="en-GB"), Literal("5", datatype=XSD.integer),
                    Literal("plain")):
        _s, _p, term = ntriples.split(ntriples.line((URIRef(EX + "a"), MP.value, literal)))
        datatype = None if literal.datatype in (None, XSD.string) else str(literal.datatype)
        assert ntriples.literal(term) == (str(literal), literal.language, datatype)
        assert term == ntriples.text(str(literal), literal.language, datatype)


def test_merging_runs_keeps_one_of_each_line_in_order(tmp_path):
    runs = []
    for number, lines in enumerate((["a\n", "c\n", "e\n"], ["b\n", "c\n"], ["c\n", "f\n"])):
        runs.append(tmp_path / f"run-{number}.nt")
        ntriples.write_run(runs[-1], lines)
    assert list(ntriples.merged(runs, [["a\n", "d\n"]])) == ["a\n", "b\n", "c\n", "d\n", "e\n", "f\n"]



def test_statistics_of_the_dump_are_those_of_the_graph():
    import gzip

    with gzip.open(ROOT / "output" / "migration-projects.nt.gz", "rt", encoding="utf-8", newline="\n") as handle:
        lines = handle.readlines()
    stats = Statistics.of_lines(lines)
    data = Graph().parse(data="".join(lines), format="nt")
    assert stats.triples == len(data)
    assert stats.subjects == len({s for s in data.subjects() if isinstance(s, URIRef)})
    assert stats.entities == len({s for s in data.subjects(RDF.type, None) if isinstance(s, URIRef)})
    assert stats.properties == {str(p) for p in data.predicates()}
    assert stats.classes == {str(o) for o in data.objects(None, RDF.type)}
    assert stats.projects == len(set(data.subjects(RDF.type, MP.Project)))
    assert stats.example == str(sorted(data.subjects(RDF.type, MP.Project))[0])
    assert stats.links["wikidata-links"] == sum(1 for o in data.objects(None, OWL.sameAs)
                                                if str(o).startswith("http://www.wikidata.org/entity/"))


def test_the_dataset_files_are_the_same_written_by_this_process_or_a_forked_one(tmp_path):
    """With jobs > 1, the dump, the Turtle and the JSON-LD are written by a forked process while this one does
    its own work (`meanwhile`, called once, here, either way): the same bytes, the same counts as this process
    writing them all."""
    import os
    from functools import partial

    from converters.namespaces import DEFAULT_BASE
    from publisher.export import DUMP, JSONLD, TURTLE, write_dataset

    lines = ntriples.lines(Graph().parse(ROOT / "output" / "migration-projects.ttl", format="turtle"))
    written = {}
    for jobs in (1, 2):
        folder = tmp_path / f"jobs-{jobs}"
        folder.mkdir()
        calls: list[int] = []
        stats = write_dataset(folder, lambda: iter(lines), DEFAULT_BASE, jobs, partial(calls.append, os.getpid()))
        assert calls == [os.getpid()]
        written[jobs] = stats, {name: (folder / name).read_bytes() for name in (DUMP, TURTLE, JSONLD)}
    assert written[1] == written[2]
    assert written[1][0].triples == len(lines) and written[1][0].projects == 5
    # The JSON-LD, written a subject at a time alongside the Turtle, is write_nodes' text of the lines' nodes
    expected = io.StringIO()
    jsonld.write_nodes(expected, jsonld.nodes_of_lines(lines))
    assert written[1][1][JSONLD].decode("utf-8") == expected.getvalue()


def test_the_catalogue_before_its_files_are_written_differs_only_in_their_sizes_and_checksums(tmp_path):
    """A build writes the site while the dataset's files are written, from the catalogue without their sizes
    and checksums; only the catalogue's own documents, rendered last, show those: every subject of the
    catalogue is in one of them."""
    from converters.namespaces import DEFAULT_BASE
    from publisher.catalog import catalog_graph, documents
    from publisher.export import write_files

    lines = ntriples.lines(Graph().parse(ROOT / "output" / "migration-projects.ttl", format="turtle"))
    stats = write_files(tmp_path, lambda: iter(lines), DEFAULT_BASE)
    before = set(catalog_graph(tmp_path, stats, DEFAULT_BASE, ["a.txt"], written=False))
    after = set(catalog_graph(tmp_path, stats, DEFAULT_BASE, ["a.txt"]))
    assert before < after
    assert {str(p) for _, p, _ in after - before} == {str(DCAT.byteSize), "http://spdx.org/rdf/terms#checksumValue"}
    assert len(after - before) == 6
    assert {str(s).partition("#")[0] for s, _, _ in after} == documents(DEFAULT_BASE)


def test_a_shared_object_is_written_as_json_dumps_writes_it_at_each_level_once():
    country = jsonld.Shared({"@id": "https://w3id.org/migration-lod/country/AR", "@type": "Country",
                             "name": "Argentina", "sameAs": ["http://www.wikidata.org/entity/Q414"]})
    page = {"@context": "https://schema.org", "areaServed": [country], "funding": {"funder": country},
            "location": country}
    expected = json.dumps(page, ensure_ascii=False, sort_keys=True, indent=1)
    assert jsonld.dumps(page) == expected
    assert sorted(country.texts) == [1, 2]  # a value of the page, and in a list or an object of it: once each
    country.texts[2] = "made before"
    assert "made before" in jsonld.dumps(page)  # read again, not made again

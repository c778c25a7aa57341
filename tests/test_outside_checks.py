"""Independent consumers agree with us: rapper, pyld, SHACL-for-SHACL, and the ontology itself."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from pyld import jsonld as pyld
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from converters.namespaces import MP
from tests.conftest import ROOT

OUTPUT = ROOT / "output"
rapper = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(rapper is None, reason="rapper (Debian raptor2-utils) is not installed")


def parse_with_rapper(path: Path, syntax: str) -> int:
    """Triple count rapper reports for the file; fails the test on any rapper error."""
    done = subprocess.run([rapper, "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "error" not in done.stderr.lower(), done.stderr
    return int(done.stderr.strip().split()[-2])


def dataset() -> Graph:
    return Graph().parse(OUTPUT / "migration-projects.ttl", format="turtle")


@needs_rapper
def test_rapper_parses_the_turtle_and_ntriples_files(tmp_path):
    expected = len(dataset())
    nt = tmp_path / "dump.nt"
    nt.write_bytes(gzip.decompress((OUTPUT / "migration-projects.nt.gz").read_bytes()))
    for path, syntax in ((OUTPUT / "migration-projects.ttl", "turtle"), (nt, "ntriples"),
                         (OUTPUT / "catalog.ttl", "turtle"), (OUTPUT / "validation-report.ttl", "turtle"),
                         (OUTPUT / "vocabulary.ttl", "turtle"), (OUTPUT / "shapes.ttl", "turtle")):
        count = parse_with_rapper(path, syntax)
        if path.name.startswith("migration-projects") or path == nt:
            assert count == expected


def test_dump_is_sorted_and_equals_the_turtle():
    lines = gzip.decompress((OUTPUT / "migration-projects.nt.gz").read_bytes()).decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    assert isomorphic(Graph().parse(data="\n".join(lines), format="nt"), dataset())


def test_jsonld_expanded_by_pyld_is_isomorphic_to_the_turtle():
    document = json.loads((OUTPUT / "migration-projects.jsonld").read_text(encoding="utf-8"))
    nquads = pyld.to_rdf(document, {"format": "application/n-quads"})
    from_jsonld = Graph().parse(data=nquads, format="nt")
    expected = dataset()
    if not isomorphic(from_jsonld, expected):
        missing = sorted(to_isomorphic(expected) - to_isomorphic(from_jsonld))[:5]
        extra = sorted(to_isomorphic(from_jsonld) - to_isomorphic(expected))[:5]
        pytest.fail(f"JSON-LD differs from Turtle; missing {missing}; extra {extra}")


def test_no_blank_nodes_in_published_rdf():
    for name in ("migration-projects.ttl", "catalog.ttl", "validation-report.ttl"):
        graph = Graph().parse(OUTPUT / name, format="turtle")
        assert not [t for t in graph if any(not isinstance(x, URIRef) and x.__class__.__name__ == "BNode"
                                            for x in t)], name


def test_every_mp_term_used_is_declared_and_every_other_term_is_named_in_the_context():
    ontology = Graph().parse(ROOT / "ontology" / "migration.ttl", format="turtle")
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(MP))}
    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return prefixes.get(prefix, prefix + ":") + local

    in_context = {expand(v if isinstance(v, str) else v["@id"]) for k, v in context.items() if k not in prefixes}
    graph = dataset()
    used = set(graph.predicates()) | set(graph.objects(None, RDF.type))
    undeclared = sorted(str(t) for t in used if str(t).startswith(str(MP)) and t not in declared)
    assert not undeclared, f"mp: terms used but not declared in ontology/migration.ttl: {undeclared}"
    unnamed = sorted(str(t) for t in used if not str(t).startswith(str(MP)) and str(t) not in in_context
                     and t != RDF.type)
    assert not unnamed, f"terms used but not named in ontology/context.jsonld: {unnamed}"


def test_every_mp_term_is_labelled_and_commented_in_english_and_french():
    ontology = Graph().parse(ROOT / "ontology" / "migration.ttl", format="turtle")
    terms = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(MP))}
    assert len(terms) > 30
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            languages = {o.language for o in ontology.objects(term, predicate)}
            assert {"en", "fr"} <= languages, f"{term} lacks {predicate} in en or fr"
    for term in terms:
        if (term, RDF.type, OWL.ObjectProperty) in ontology or (term, RDF.type, OWL.DatatypeProperty) in ontology:
            assert ontology.value(term, RDFS.range) is not None, f"{term} has no range"


def test_shapes_pass_shacl_for_shacl():
    import pyshacl

    shacl_shacl = Graph().parse(str(files("pyshacl") / "assets" / "shacl-shacl.ttl"), format="turtle")
    shapes = Graph().parse(OUTPUT / "shapes.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=shacl_shacl, inference="none")
    assert conforms, text


def test_catalogue_counts_and_checksums_match_the_files():
    import hashlib

    from rdflib.namespace import DCAT, VOID

    from converters.namespaces import SPDX

    catalog = Graph().parse(OUTPUT / "catalog.ttl", format="turtle")
    data = dataset()
    dataset_iri = URIRef("https://w3id.org/migration-lod/dataset")
    assert int(catalog.value(dataset_iri, VOID.triples)) == len(data)
    for dist in catalog.objects(dataset_iri, DCAT.distribution):
        name = str(catalog.value(dist, DCAT.downloadURL)).rsplit("/", 1)[-1]
        body = (OUTPUT / name).read_bytes()
        assert int(catalog.value(dist, DCAT.byteSize)) == len(body)
        checksum = catalog.value(dist, SPDX.checksum)
        assert str(catalog.value(checksum, SPDX.checksumValue)) == hashlib.sha256(body).hexdigest()
    wikidata = URIRef(f"{dataset_iri}#wikidata-links")
    links = sum(1 for _, o in data.subject_objects(OWL.sameAs) if str(o).startswith("http://www.wikidata.org/entity/"))
    assert int(catalog.value(wikidata, VOID.triples)) == links >= 50

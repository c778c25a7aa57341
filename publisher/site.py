"""The static site under output/site/: every resource's page and RDF forms, the landing page, the vocabulary."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from rdflib import Graph

from converters.namespaces import new_graph
from converters.reference import ONTOLOGY

from . import export, jsonld, serializations
from .describe import Index, build_index, canonical_path
from .pages import STYLESHEET, TEMPLATES, Pages, read_queries

SITE = "site"
SITE_LANGUAGE = "en"
LANDING = "index"  # site/index.html; no resource may take that name
DUMP, CHECKSUMS = export.DUMP, export.CHECKSUMS
CATALOG, VOCABULARY = "catalog.ttl", "vocabulary.ttl"  # as build.py names them (it imports this module)
QUERIES = ONTOLOGY / "queries"


def published_index(out: Path, base: str, data: Graph | None = None) -> Index:
    """The data (from `data`, else the dump in `out`), the catalogue and the vocabulary, indexed for pages."""
    if data is None:
        data = new_graph(base)
        with gzip.open(out / DUMP, "rt", encoding="utf-8") as handle:
            data.parse(data=handle.read(), format="nt")
    catalog = Graph().parse(out / CATALOG, format="turtle") if (out / CATALOG).is_file() else Graph()
    published = out / VOCABULARY
    vocabulary = Graph().parse(published if published.is_file() else ONTOLOGY / "migration.ttl", format="turtle")
    return build_index([data, catalog, vocabulary], base)


def other_files(out: Path) -> list[tuple[str, int]]:
    """The files beside the dump that the landing page lists with their sizes (not the checksums, written last)."""
    return sorted((p.name, p.stat().st_size) for p in out.iterdir() if p.is_file() and p.name != CHECKSUMS)


def make_pages(out: Path, index: Index, lang: str = SITE_LANGUAGE) -> Pages:
    """The page renderer for a published folder: its example queries and files come along."""
    return Pages(index, lang, read_queries(QUERIES), other_files(out))


def rdf_forms(index: Index, path: str) -> dict[str, bytes]:
    """A resource's description as Turtle, JSON-LD (with just the context it needs) and sorted N-Triples."""
    graph = index.description(path)
    document = jsonld.document(graph)
    return {
        "ttl": graph.serialize(format="turtle", encoding="utf-8"),
        "jsonld": (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"),
        "nt": serializations.serialize(graph, "nt").encode("utf-8"),
    }


def write_site(out: Path, data: Graph, base: str) -> int:
    """Write out/site/ from the published graph and out/catalog.ttl; returns the number of files written."""
    index = published_index(out, base, data)
    pages = make_pages(out, index)
    site = out / SITE
    site.mkdir()
    shutil.copyfile(TEMPLATES / STYLESHEET, site / STYLESHEET)
    (site / f"{LANDING}.html").write_text(pages.render(""), encoding="utf-8")
    written = 2
    for path in index.resources:
        if canonical_path(path) != path or path == LANDING:
            continue  # an IRI with empty, "." or ".." segments names no file; "index" is the landing page's
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        for extension, content in rdf_forms(index, path).items():
            target.with_name(f"{target.name}.{extension}").write_bytes(content)
        target.with_name(f"{target.name}.html").write_text(pages.render(path), encoding="utf-8")
        written += 4
    return written

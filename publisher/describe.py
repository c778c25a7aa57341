"""What a resource IRI dereferences to: its triples, its hash parts and the labels of what it links to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from itertools import groupby
from urllib.parse import quote, unquote

from rdflib import Graph, Literal, URIRef

from converters.namespaces import VOCAB_IRI, new_graph

from .terms import DCT, RDF, RDFS, SKOS

LABELS = (SKOS.prefLabel, DCT.title, RDFS.label)
Pair = tuple[URIRef, URIRef | Literal]
_NONE: list = []
_LABELS_IN_ORDER = sorted(LABELS, key=str)  # as they come among a node's sorted pairs


VOCABULARY_PATH = "vocab"


def path_of(iri: str, base: str) -> str | None:
    """The local path of the document an IRI is in ("project/PO.0181" for "…/project/PO.0181#budget"), "" for
    the base itself, None outside it; the vocabulary is at "vocab" whatever the base."""
    document = iri.split("#", 1)[0]
    if document == VOCAB_IRI:
        return VOCABULARY_PATH
    if not document.startswith(base):
        return None
    return document[len(base):]


def canonical_path(path: str) -> str | None:
    """A request path in the form IRIs are minted in (each segment percent-encoded as iris.py does), or None
    when it has empty, "." or ".." segments or encodes a slash: such paths name nothing and are refused."""
    if "\\" in path or "\x00" in path:
        return None
    segments = path.split("/")
    decoded = [unquote(segment) for segment in segments]
    if any(s in ("", ".", "..") or "/" in s or "\\" in s or "\x00" in s for s in decoded):
        return None
    return "/".join(quote(segment, safe="-._~") for segment in decoded)


class Index:
    """The published graph (data, catalogue and vocabulary) indexed by subject, object and document."""

    def __init__(self, graph: Graph | None, base: str) -> None:
        self.graph, self.base = graph, base
        self._grouped: dict[URIRef, dict[URIRef, list]] = {}
        self.memo: dict = {}  # what renderers make of the data alike on every page (see schemaorg.thing)

    @cached_property
    def by_subject(self) -> Mapping[URIRef, list[Pair]]:
        index: dict[URIRef, list[Pair]] = defaultdict(list)
        for s, p, o in self.graph or ():
            if isinstance(s, URIRef):
                index[s].append((p, o))
        return {s: sorted_pairs(pairs) for s, pairs in index.items()}

    @cached_property
    def by_object(self) -> Mapping[URIRef, list[tuple[URIRef, URIRef]]]:
        """Who links to each IRI: (subject, predicate) pairs, sorted."""
        index: dict[URIRef, list[tuple[URIRef, URIRef]]] = defaultdict(list)
        for s, p, o in self.graph or ():
            if isinstance(o, URIRef) and isinstance(s, URIRef) and p != RDF.type:
                index[o].append((s, p))
        return {o: sorted(pairs) for o, pairs in index.items()}

    @cached_property
    def parts_of(self) -> dict[str, list[URIRef]]:
        """The hash IRIs described under each document IRI: "…/project/PO.0181" -> [#budget, #contact, …]."""
        index: dict[str, list[URIRef]] = defaultdict(list)
        for subject in self.by_subject:
            document, sep, _ = str(subject).partition("#")
            if sep:
                index[document].append(subject)
        return {document: sorted(parts) for document, parts in index.items()}

    @cached_property
    def documents(self) -> dict[str, URIRef]:
        """Every document the graph describes under the base, by path: "country/AR", "dataset", "vocab"…"""
        found = {}
        for subject in self.by_subject:
            document = str(subject).partition("#")[0]
            path = path_of(document, self.base)
            if path:
                found[path] = URIRef(document)
        return dict(sorted(found.items()))

    @cached_property
    def _typed(self) -> dict[URIRef, list[URIRef]]:
        found: dict[URIRef, list[URIRef]] = defaultdict(list)
        for subject in sorted(self.by_subject):
            for rdf_type in self.types(subject):
                found[rdf_type].append(subject)
        return dict(found)

    def typed(self, rdf_type: URIRef) -> list[URIRef]:
        """The subjects of one rdf:type, sorted."""
        return self._typed.get(rdf_type, [])

    @property
    def resources(self) -> list[str]:
        return list(self.documents)

    def iri(self, path: str) -> URIRef:
        return self.documents.get(path) or URIRef(self.base + path)

    def exists(self, path: str) -> bool:
        return path in self.documents

    def pairs(self, node: URIRef) -> list[Pair]:
        return self.by_subject.get(node, [])

    def values(self, node: URIRef, predicate: URIRef) -> list[URIRef | Literal]:
        """The node's objects for one predicate, in order (a list shared between calls: copy it to change it)."""
        grouped = self._grouped.get(node)
        if grouped is None:
            grouped = self._grouped[node] = {}
            for p, o in self.pairs(node):
                grouped.setdefault(p, []).append(o)
        return grouped.get(predicate, _NONE)

    def types(self, node: URIRef) -> list[URIRef]:
        return [o for o in self.values(node, RDF.type) if isinstance(o, URIRef)]

    def parts(self, iri: URIRef) -> list[URIRef]:
        return self.parts_of.get(str(iri), [])

    def linked(self, node: URIRef) -> list[str]:
        """The IRIs the node links to but by rdf:type, in the order of its pairs."""
        return [str(o) for p, o in self.pairs(node) if isinstance(o, URIRef) and p != RDF.type]

    def labels(self, node: URIRef) -> list[tuple[URIRef, Literal]]:
        """The node's labels (LABELS) in the order of its pairs."""
        return [(p, o) for p in _LABELS_IN_ORDER for o in self.values(node, p) if isinstance(o, Literal)]

    def description(self, path: str) -> Graph:
        """The resource's triples as subject, those of its hash parts, and the labels of what they link to."""
        iri = self.iri(path)
        graph = new_graph(self.base)
        own = [iri, *self.parts(iri)]
        for node in own:
            for p, o in self.pairs(node):
                graph.add((node, p, o))
        linked = {o for o in graph.objects() if isinstance(o, URIRef)} - set(own)
        for node in sorted(linked):
            for p, label in self.labels(node):
                graph.add((node, p, label))
        return graph


def sorted_pairs(pairs: Iterable[Pair]) -> list[Pair]:
    """sorted(pairs) as rdflib orders them, without most of its slow comparisons: predicates (IRIs) by their
    text, then each predicate's objects (IRIs by their text when no literal is among them)."""
    ordered = sorted(pairs, key=_predicate_text)
    found: list[Pair] = []
    for _, run in groupby(ordered, key=_predicate_text):
        items = list(run)
        if len(items) > 1:
            if any(isinstance(o, Literal) for _, o in items):
                items.sort()
            else:
                items.sort(key=_object_key)
        found += items
    return found


def _predicate_text(pair: Pair) -> str:
    return str.__str__(pair[0])


def _object_key(pair: Pair) -> tuple[bool, str]:
    return isinstance(pair[1], URIRef), str.__str__(pair[1])  # blank nodes sort before IRIs


def build_index(graphs: Iterable[Graph], base: str) -> Index:
    """One index over several graphs (the data, the catalogue, the vocabulary), sharing the project's prefixes."""
    union = new_graph(base)
    for graph in graphs:
        for triple in graph:
            union.add(triple)
    return Index(union, base)

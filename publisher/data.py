"""A data graph as the compiled SHACL engine reads it: each node's values by predicate, in plain dicts.

Built from a record's triples (a set or an rdflib graph) plus the description of every reference resource it
points at, without building an rdflib graph; the rdflib graph is made only if a check needs one (a SPARQL-based
constraint that cannot be answered from the values, or pySHACL's own text for a shape without sh:message).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

_NONE: dict = {}
TYPE = RDF.type
SUBCLASS = RDFS.subClassOf
_CANON: dict = {str(TYPE): TYPE, str(SUBCLASS): SUBCLASS}  # the text of an IRI -> one object for it: dicts then
_CANON_LIMIT = 50_000  # find predicates and classes by identity, not by rdflib's slow __eq__ (bounded: a
# contribution may name any number of them)


def canonical(term):
    """The one object kept for this IRI (itself, the first time); any other term as it is."""
    if type(term) is not URIRef:
        return term
    found = _CANON.get(str(term))
    if found is None:
        if len(_CANON) >= _CANON_LIMIT:
            return term
        found = _CANON[str(term)] = term
    return found


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Cyclic garbage collection paused: building and checking Data allocates many small dicts and lists, none in
    a cycle, and each collection pass would walk the worker's whole heap (about a third of the time, measured);
    reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ReferenceIndex:
    """A reference graph as node -> {predicate: values}: indexed whole once (`reference_index`, for a graph that
    never changes), or node by node as records point at them (`ReferenceIndex(graph, whole=False)`, for one
    validation against a graph that may change afterwards)."""

    def __init__(self, graph: Graph, whole: bool = True) -> None:
        self.graph = graph
        self.whole = whole
        self.results: dict = {}  # (shape, node) -> the results of a shape that reads only the node's own triples
        self._described: dict = {}  # the text of an IRI -> its description, or None
        if whole:
            nodes: dict = {}
            for subject, predicate, value in graph:
                predicate = canonical(predicate)
                value = canonical(value) if predicate is TYPE else value
                nodes.setdefault(subject, {}).setdefault(predicate, []).append(value)
            self._described = {str(node): {p: tuple(v) for p, v in values.items()}
                               for node, values in nodes.items() if type(node) is URIRef}

    def describe(self, node) -> dict | None:
        """The node's description, {predicate: values}, or None when the graph says nothing about it."""
        text = str(node)
        if text in self._described or self.whole:
            return self._described.get(text)
        values: dict = {}
        for predicate, value in self.graph.predicate_objects(node):
            predicate = canonical(predicate)
            values.setdefault(predicate, []).append(canonical(value) if predicate is TYPE else value)
        found = self._described[text] = {p: tuple(v) for p, v in values.items()} or None
        return found


_indexes: dict[int, ReferenceIndex] = {}


def reference_index(graph: Graph) -> ReferenceIndex:
    """The index of a reference graph, built on first use."""
    index = _indexes.get(id(graph))
    if index is None or index.graph is not graph:
        index = _indexes[id(graph)] = ReferenceIndex(graph)
    return index


class Data:
    """A data graph: `out[node][predicate]` is the node's values (distinct), and the graph's other indexes
    built on first use."""

    __slots__ = ("out", "source", "_incoming", "_graph", "_subclass", "_by_class", "cache", "shared", "shared_cache",
                 "prefixes")

    def __init__(self, out: dict, source: Graph | None = None, subclass: bool = False) -> None:
        self.out = out
        self.source = source  # the rdflib graph the data came from, if any
        self._incoming: dict | None = None
        self._graph: Graph | None = None
        self._subclass = subclass
        self._by_class: dict | None = None
        self.cache: dict = {}  # per-data answers of the checks (SPARQL rows, say)
        self.shared: set = set()  # nodes described exactly as the reference describes them (with_references)
        self.shared_cache: dict = {}  # where results on those nodes are kept (the reference index's)
        self.prefixes: Graph | None = None  # whose prefixes pySHACL's generic messages use, when not `source`'s

    @property
    def subclass(self) -> bool:
        """True when the graph has rdfs:subClassOf triples (SHACL instances then need more than rdf:type)."""
        return self._subclass

    @classmethod
    def of(cls, triples: Iterable[tuple], source: Graph | None = None, reference: ReferenceIndex | None = None) -> Data:
        """The data of a set of triples (or an rdflib graph), plus, given a reference index, the description of
        every IRI they point at that the reference describes (validation.with_references, as data)."""
        out: dict = {}
        pointed: list = []
        canon = _CANON
        nodes: dict = {}  # the text of an IRI -> the one object used for it here (dicts then match by identity)
        node = nodes.setdefault
        for subject, predicate, value in triples:
            if type(subject) is URIRef:
                subject = node(str(subject), subject)
            if type(predicate) is URIRef:
                predicate = canon.get(str(predicate), predicate)
            if type(value) is URIRef:
                value = canon.get(str(value), value) if predicate is TYPE else node(str(value), value)
                pointed.append(value)
            elif type(value) is not Literal and isinstance(value, URIRef):
                pointed.append(value)
            values = out.get(subject)
            if values is None:
                out[subject] = {predicate: [value]}
            else:
                found = values.get(predicate)
                if found is None:
                    values[predicate] = [value]
                else:
                    found.append(value)
        data = cls(out, source, any(SUBCLASS in values for values in out.values()))
        if reference is not None:
            data._add(pointed, reference)
        return data

    @classmethod
    def with_references(cls, triples: Iterable[tuple], reference: ReferenceIndex) -> Data:
        """Data.of(triples, reference=reference)."""
        return cls.of(triples, reference=reference)

    def _add(self, pointed: list, reference: ReferenceIndex) -> None:
        out = self.out
        describe = reference.describe
        targets = {v: said for v in dict.fromkeys(pointed) if (said := describe(v)) is not None}
        for target, said in targets.items():
            own = out.get(target)
            if own is None:
                out[target] = said  # shared with the index: never changed
                self.shared.add(target)
            else:
                merged = {p: list(v) for p, v in own.items()}
                for predicate, values in said.items():
                    found = merged.setdefault(predicate, [])
                    found.extend(v for v in values if v not in found)
                out[target] = merged
        self.shared_cache = reference.results
        self._subclass = self._subclass or any(SUBCLASS in out[t] for t in targets)

    def values(self, node, predicate) -> tuple | list:
        """The objects of (node, predicate)."""
        return self.out.get(node, _NONE).get(predicate, ())

    def subjects(self, predicate, node) -> list:
        """The subjects of (predicate, node)."""
        if self._incoming is None:
            incoming: dict = {}
            for subject, values in self.out.items():
                for p, objects in values.items():
                    for value in objects:
                        incoming.setdefault(value, {}).setdefault(p, []).append(subject)
            self._incoming = incoming
        return self._incoming.get(node, _NONE).get(predicate, [])

    def instances(self, cls) -> set:
        """The SHACL instances of `cls`: rdf:type/rdfs:subClassOf* in this graph, as pySHACL finds them."""
        if self._by_class is None:
            by_class: dict = {}
            for subject, values in self.out.items():
                for found in values.get(TYPE, ()):
                    by_class.setdefault(found, []).append(subject)
            self._by_class = by_class
        found = set(self._by_class.get(cls, ()))
        if self._subclass:
            for sub in self._transitive_subjects(cls):
                if sub != cls:
                    found.update(self._by_class.get(sub, ()))
        return found

    def is_instance(self, node, cls) -> bool:
        """True when `node` has a type that is `cls` or a subclass of it (rdflib's transitive_objects)."""
        types = self.out.get(node, _NONE).get(TYPE, ())
        if cls in types:
            return True
        if self._subclass:
            return any(cls in self._transitive_objects(t) for t in types)
        return False

    def _transitive_objects(self, start) -> list:
        seen = [start]
        index = 0
        while index < len(seen):
            for parent in self.values(seen[index], SUBCLASS):
                if parent not in seen:
                    seen.append(parent)
            index += 1
        return seen

    def _transitive_subjects(self, start) -> list:
        seen = [start]
        index = 0
        while index < len(seen):
            for child in self.subjects(SUBCLASS, seen[index]):
                if child not in seen:
                    seen.append(child)
            index += 1
        return seen

    def subjects_of(self, predicate) -> set:
        """Every subject with a value of `predicate`."""
        return {s for s, values in self.out.items() if predicate in values}

    def objects_of(self, predicate) -> set:
        """Every value of `predicate`."""
        return {v for values in self.out.values() for v in values.get(predicate, ())}

    def resources(self) -> int:
        """How many IRIs have a type: a Report's count of resources."""
        return sum(1 for s, values in self.out.items() if isinstance(s, URIRef) and TYPE in values)

    def subject_nodes(self) -> set:
        """Every subject."""
        return set(self.out)

    def graph(self) -> Graph:
        """The data as an rdflib graph (the graph it came from, or one built now)."""
        if self.source is not None:
            return self.source
        if self._graph is None:
            graph = Graph(bind_namespaces="none")
            if self.prefixes is not None:
                graph.namespace_manager = self.prefixes.namespace_manager
            graph.addN((s, p, o, graph) for s, values in self.out.items() for p, objects in values.items()
                       for o in objects)
            self._graph = graph
        return self._graph

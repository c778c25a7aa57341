"""What a contribution is checked against: the reference data and what is already published.

References in a contribution resolve to the descriptions held here (countries, concept schemes, organisations,
places...), and its project codes must not clash with published projects. Projects themselves are only
indexed (codes and sources), never handed out as descriptions: a contribution does not need them to validate.

Two sources, asked the same questions:
- what this process holds (the reference data, the build's pages, the contributions accepted so far), in an rdflib
  graph and two small indexes;
- a published output folder, through its embedded SPARQL store (publisher.store: built once per dump, shared with
  `query` and `serve`), asked only about the IRIs and codes a contribution names. `validate` against 100,000
  published projects then reads a few thousand triples, not five million.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from converters.namespaces import DCT, DEFAULT_BASE, MP, new_graph
from converters.reference import reference

from . import store
from .errors import InputError, StoreError
from .safeparse import Terms

Pair = tuple[URIRef, URIRef | Literal]


@dataclass
class PublishedProject:
    """A published project's codes and the sources it was derived from."""

    codes: set[str] = field(default_factory=set)
    sources: set[URIRef] = field(default_factory=set)


@dataclass
class Known:
    """Reference data plus published descriptions (what references may resolve to) and an index of projects."""

    base: str
    graph: Graph  # descriptions added here (a build's pages, contributions accepted so far)
    reference: Graph = field(default_factory=Graph)  # the reference data, shared and never copied
    projects: dict[URIRef, PublishedProject] = field(default_factory=dict)
    codes: dict[str, set[URIRef]] = field(default_factory=dict)
    published: _Published | None = None
    # Non-project resources a contribution accepted here described first -> that file: a second file giving one of
    # them another prefLabel in a language is a label-clash naming the first (checks._label_clashes).
    contributed: dict[URIRef, str] = field(default_factory=dict)

    @classmethod
    def read(cls, dump: Path | None, base: str = DEFAULT_BASE) -> Known:
        """The reference data under `base`, plus the published dump (sorted N-Triples, gzip) when it exists:
        through the output's SPARQL store when the dump sits in an output folder, else read whole."""
        known = cls(base, new_graph(base), reference(base).graph)
        if dump is None or not dump.is_file():
            return known
        if dump.name == store.DUMP:
            try:
                known.published = _Published(store.ensure(dump.parent))
                return known
            except StoreError as error:
                raise InputError(f"{dump}: the published dump cannot be read ({error})",
                                 "rebuild it with `migration-lod build`, or point --published at another") from None
        try:
            data = gzip.decompress(dump.read_bytes()) if dump.suffix == ".gz" else dump.read_bytes()
            known.add(_triples(ox.parse(data, ox.RdfFormat.N_TRIPLES)))
        except (OSError, SyntaxError) as error:
            raise InputError(f"{dump}: the published dump cannot be read ({error})",
                             "rebuild it with `migration-lod build`, or point --published at another") from None
        return known

    def add_lines(self, lines: Iterable[str]) -> None:
        """Add published N-Triples lines (a build's pages, before they are written out)."""
        self.add(_triples(ox.parse("".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES)))

    def add(self, triples: Iterable[tuple], source: str | None = None) -> None:
        """Index the projects among `triples` and keep every other description; `source`: the contribution they
        come from, which then owns each resource it is the first to describe (`contributed`)."""
        triples = list(triples)
        projects = {s for s, p, o in triples if p == RDF.type and o == MP.Project}
        if source is not None:
            new = {s for s, _, _ in triples if isinstance(s, URIRef) and s not in self.contributed
                   and URIRef(str(s).split("#", 1)[0]) not in projects}
            self.contributed.update((subject, source) for subject in new if not self.describes(subject))
        for subject, predicate, value in triples:
            owner = URIRef(str(subject).split("#", 1)[0])
            if owner not in projects:
                self.graph.add((subject, predicate, value))
            elif subject == owner and predicate in (DCT.identifier, PROV.wasDerivedFrom):
                entry = self.projects.setdefault(owner, PublishedProject())
                if predicate == DCT.identifier:
                    entry.codes.add(str(value))
                    self.codes.setdefault(str(value), set()).add(owner)
                else:
                    entry.sources.add(value)
        for project in projects:
            self.projects.setdefault(project, PublishedProject())

    def predicate_objects(self, node: URIRef) -> Iterator[Pair]:
        """What is said about a non-project resource, here and in the published data."""
        pairs = [*self.reference.predicate_objects(node), *self.graph.predicate_objects(node)]
        if self.published is not None:
            pairs += self.published.description(node)
        return iter(dict.fromkeys(pairs))  # the published data repeats the reference data

    def describes(self, node: URIRef) -> bool:
        """True when a description of `node` is held here or published (projects are not descriptions)."""
        return ((node, None, None) in self.reference or (node, None, None) in self.graph
                or (self.published is not None and self.published.describes(node)))

    def project(self, iri: URIRef) -> PublishedProject | None:
        """The published project with this IRI, if there is one."""
        found = self.projects.get(iri)
        if found is None and self.published is not None:
            found = self.published.project(iri)
        return found

    def coded(self, code: str) -> set[URIRef]:
        """The published projects with this code."""
        found = set(self.codes.get(code, ()))
        if self.published is not None:
            found |= self.published.coded(code)
        return found


class _Published:
    """A published output's store, asked about single IRIs and codes."""

    def __init__(self, info: store.StoreInfo) -> None:
        self.lease = store.lease(info)  # held while this process reads the store
        self.store = ox.Store.read_only(str(info.db))
        self.terms = Terms()
        self._projects: dict[str, bool] = {}  # IRI -> is it a published project (a project's parts ask again)

    def _is_project(self, iri: str) -> bool:
        found = self._projects.get(iri)
        if found is None:
            node = _named(iri)
            found = self._projects[iri] = node is not None and any(
                True for _ in self.store.quads_for_pattern(node, _TYPE, _PROJECT, _DATA))
        return found

    def description(self, node: URIRef) -> Iterator[Pair]:
        if not isinstance(node, URIRef):
            return
        document, hash_mark, _ = str(node).partition("#")
        if hash_mark and self._is_project(document):
            return
        named = _named(str(node))
        if named is None:
            return
        quads = list(self.store.quads_for_pattern(named, None, None, _DATA))
        if not hash_mark and any(q.predicate == _TYPE and q.object == _PROJECT for q in quads):
            return  # a project: one look-up both tells and describes
        for quad in quads:
            yield self.terms(quad.predicate), self.terms(quad.object)

    def describes(self, node: URIRef) -> bool:
        return any(True for _ in self.description(node))

    def project(self, iri: URIRef) -> PublishedProject | None:
        if not isinstance(iri, URIRef) or not self._is_project(str(iri)):
            return None
        found = PublishedProject()
        for quad in self.store.quads_for_pattern(ox.NamedNode(str(iri)), None, None, _DATA):
            if quad.predicate == _IDENTIFIER:
                found.codes.add(quad.object.value)
            elif quad.predicate == _DERIVED:
                found.sources.add(self.terms(quad.object))
        return found

    def coded(self, code: str) -> set[URIRef]:
        return {URIRef(quad.subject.value) for quad in self.store.quads_for_pattern(None, _IDENTIFIER, ox.Literal(code))
                if isinstance(quad.subject, ox.NamedNode) and self._is_project(quad.subject.value)}


def _named(iri: str) -> ox.NamedNode | None:
    """`iri` as the store's term; None when it is no IRI (a finding's focus node can be a literal's text, such as
    "100000 USD" given to mp:budget), so nothing is published about it."""
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


_TYPE, _PROJECT = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(MP.Project))
_DATA = ox.DefaultGraph()  # the dump; the catalogue, in its named graph, is the build's own description
_IDENTIFIER, _DERIVED = ox.NamedNode(str(DCT.identifier)), ox.NamedNode(str(PROV.wasDerivedFrom))


def _triples(quads) -> Iterable[tuple]:
    convert = Terms()
    for quad in quads:
        yield convert(quad.subject), convert(quad.predicate), convert(quad.object)

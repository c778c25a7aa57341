"""What a contribution is checked against: the reference data and what is already published.

References in a contribution resolve to the descriptions held here (countries, concept schemes, organisations,
places...), and its project codes must not clash with the projects indexed here. Projects themselves are only
indexed (codes and sources), never held as triples: a contribution does not need them to validate.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from converters.namespaces import DCT, DEFAULT_BASE, MP, new_graph
from converters.reference import reference

from .errors import InputError
from .safeparse import Terms


@dataclass
class PublishedProject:
    """A published project's codes and the sources it was derived from."""

    codes: set[str] = field(default_factory=set)
    sources: set[URIRef] = field(default_factory=set)


@dataclass
class Known:
    """Reference data plus published descriptions (what references may resolve to) and an index of projects."""

    base: str
    graph: Graph
    projects: dict[URIRef, PublishedProject] = field(default_factory=dict)
    codes: dict[str, set[URIRef]] = field(default_factory=dict)

    @classmethod
    def published(cls, dump: Path | None, base: str = DEFAULT_BASE) -> Known:
        """The reference data under `base`, plus the published dump (sorted N-Triples, gzip) when it exists."""
        known = cls(base, new_graph(base))
        known.graph += reference(base).graph
        if dump is not None and dump.is_file():
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

    def add(self, triples: Iterable[tuple]) -> None:
        """Index the projects among `triples` and keep every other description."""
        triples = list(triples)
        projects = {s for s, p, o in triples if p == RDF.type and o == MP.Project}
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


def _triples(quads) -> Iterable[tuple]:
    convert = Terms()
    for quad in quads:
        yield convert(quad.subject), convert(quad.predicate), convert(quad.object)

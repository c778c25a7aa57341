"""The SHACL shapes as `serve` dereferences them: `{base}shapes#…` and `{base}shapes/project` lead to shapes.ttl.

The validation report names its shapes by these IRIs (`sh:sourceShape mps:…`), so they resolve as the
vocabulary's do: Turtle as build wrote it, N-Triples and JSON-LD made from it, and, for a browser, the Turtle
as plain text to read.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from . import serializations
from .negotiation import negotiate

SHAPES = "shapes.ttl"  # as build writes it
PATH = "shapes"
PLAIN = "text/plain"


@dataclass(frozen=True)
class ShapesDocument:
    """shapes.ttl in the forms it is served in, and the paths under the base its IRIs name."""

    paths: frozenset[str]
    forms: dict[str, bytes]  # media type -> bytes

    @classmethod
    def read(cls, turtle: bytes, base: str) -> ShapesDocument:
        """From the bytes of shapes.ttl and the base the site's IRIs are under."""
        graph = Graph().parse(data=turtle, format="turtle")
        named = {str(term).split("#")[0][len(base):] for triple in graph for term in triple
                 if isinstance(term, URIRef) and str(term).startswith(base + PATH)}
        paths = {path for path in named if path == PATH or path.startswith(PATH + "/")} | {PATH}
        nt = serializations.serialize(graph, "nt").encode("utf-8")
        jsonld = graph.serialize(format="json-ld", encoding="utf-8")
        return cls(frozenset(paths), {"text/turtle": turtle, "application/ld+json": jsonld,
                                      "application/n-triples": nt, PLAIN: turtle})

    def choose(self, accept: str | None) -> str | None:
        """The media type to answer with: an RDF form by the Accept header, the Turtle as plain text for a
        browser (there is no page of the shapes), or None (406)."""
        chosen = negotiate(accept, ["text/turtle", "application/ld+json", "application/n-triples", "text/html",
                                    PLAIN])
        return PLAIN if chosen == "text/html" else chosen

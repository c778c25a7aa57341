"""The one table of RDF formats: names, rdflib parsers, media types and file extensions."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from rdflib import Graph

from . import jsonld


@dataclass(frozen=True)
class Serialization:
    """One RDF format as the CLI, files and HTTP know it."""

    name: str
    rdflib: str
    media_type: str
    extensions: tuple[str, ...]
    writable: bool = True


FORMATS = (
    Serialization("ttl", "turtle", "text/turtle", (".ttl",)),
    Serialization("jsonld", "json-ld", "application/ld+json", (".jsonld", ".json")),
    Serialization("nt", "nt", "application/n-triples", (".nt",)),
    Serialization("nq", "nquads", "application/n-quads", (".nq",), writable=False),
    Serialization("xml", "xml", "application/rdf+xml", (".rdf", ".owl", ".xml"), writable=False),
)


# Not RDF: the page for people that every published resource also has. Kept out of FORMATS, which parse.
HTML = Serialization("html", "", "text/html", (".html",), writable=False)


def web_formats() -> tuple[Serialization, ...]:
    """The forms each resource is published in, in the order of preference when a client accepts any."""
    return (*(f for f in FORMATS if f.writable), HTML)


def names(writable_only: bool = True) -> list[str]:
    """The --format choices."""
    return [f.name for f in FORMATS if f.writable or not writable_only]


def by_name(name: str) -> Serialization:
    return next(f for f in FORMATS if f.name == name)


def by_extension(filename: str) -> Serialization | None:
    """The format a file name's extension says, if any."""
    lowered = filename.lower()
    return next((f for f in FORMATS if lowered.endswith(f.extensions)), None)


def serialize(graph: Graph, name: str) -> str:
    """A graph as text in the named format: Turtle with the project's prefixes, sorted N-Triples, or JSON-LD
    compacted with the published context."""
    if name == "nt":
        text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        return "".join(sorted(line + "\n" for line in text.splitlines() if line.strip()))
    if name == "jsonld":
        buffer = io.StringIO()
        buffer.write(json.dumps({"@context": jsonld.context(), "@graph": list(jsonld.nodes(sorted(graph)))},
                                ensure_ascii=False, indent=2, sort_keys=True))
        return buffer.getvalue() + "\n"
    return graph.serialize(format=by_name(name).rdflib)

"""JSON-LD written one node at a time with the published context: compact, sorted, and streamable."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import groupby
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from converters.reference import ONTOLOGY

CONTEXT_FILE = ONTOLOGY / "context.jsonld"


@cache
def context() -> dict:
    """The published JSON-LD context (the value of its "@context")."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


class Compactor:
    """Turns triples into compacted node objects using the context's terms and prefixes."""

    def __init__(self, ctx: dict) -> None:
        self.prefixes = {name: value for name, value in ctx.items()
                         if isinstance(value, str) and value.endswith(("#", "/")) and not name.startswith("@")}
        self.terms: dict[str, tuple[str, str | None]] = {}
        for name, definition in ctx.items():
            if name.startswith("@") or name in self.prefixes:
                continue
            iri, kind = (definition, None) if isinstance(definition, str) else (definition.get("@id"),
                                                                                   definition.get("@type"))
            if iri:
                self.terms.setdefault(self.expand(iri), (name, kind and self.expand(kind)))

    def expand(self, value: str) -> str:
        """A CURIE or keyword of the context as a full IRI (keywords stay as they are)."""
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return value

    def iri(self, value: str) -> str:
        """The shortest CURIE for an IRI, or the IRI itself."""
        best = value
        for prefix, namespace in self.prefixes.items():
            if value.startswith(namespace) and len(value) > len(namespace):
                local = value[len(namespace):]
                if "/" not in local and "#" not in local and not local.startswith("//"):
                    candidate = f"{prefix}:{local}"
                    if len(candidate) < len(best):
                        best = candidate
        return best

    def type_name(self, value: str) -> str:
        term = self.terms.get(value)
        return term[0] if term and term[1] is None else self.iri(value)

    def value(self, term: URIRef | Literal, kind: str | None) -> object:
        if isinstance(term, URIRef):
            return self.iri(str(term)) if kind == "@id" else {"@id": self.iri(str(term))}
        if term.language:
            return {"@value": str(term), "@language": term.language}
        datatype = str(term.datatype) if term.datatype else None
        if datatype == kind or (datatype is None and kind is None):
            return str(term)
        if datatype is None:
            return {"@value": str(term)}
        return {"@value": str(term), "@type": self.iri(datatype)}

    def node(self, subject: URIRef, pairs: Iterable[tuple[URIRef, URIRef | Literal]]) -> dict:
        """One node object: "@id", "@type", then each property's values, sorted."""
        node: dict[str, object] = {"@id": self.iri(str(subject))}
        types = sorted(self.type_name(str(o)) for p, o in pairs if p == RDF.type)
        if types:
            node["@type"] = types[0] if len(types) == 1 else types
        properties: dict[str, list] = {}
        for predicate, obj in pairs:
            if predicate == RDF.type:
                continue
            name, kind = self.terms.get(str(predicate), (self.iri(str(predicate)), None))
            if isinstance(obj, URIRef) and kind not in (None, "@id"):
                name, kind = self.iri(str(predicate)), None
            properties.setdefault(name, []).append(self.value(obj, kind))
        for name in sorted(properties):
            values = sorted(properties[name], key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            node[name] = values[0] if len(values) == 1 else values
        return node


def nodes(triples: Iterable[tuple], ctx: dict | None = None) -> Iterator[dict]:
    """Compacted node objects for triples sorted by subject (as a sorted N-Triples dump is)."""
    compactor = Compactor(ctx or context())
    for subject, group in groupby(triples, key=lambda t: t[0]):
        yield compactor.node(subject, [(p, o) for _, p, o in group])


def write(path: Path, triples: Iterable[tuple], ctx: dict | None = None) -> None:
    """Write {"@context": …, "@graph": [...]} one node per line, never holding the document in memory."""
    ctx = ctx or context()
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{\n"@context": ' + json.dumps(ctx, ensure_ascii=False, sort_keys=True) + ',\n"@graph": [\n')
        for index, node in enumerate(nodes(triples, ctx)):
            handle.write((",\n" if index else "") + json.dumps(node, ensure_ascii=False, sort_keys=True))
        handle.write("\n]\n}\n")


def trimmed_context(nodes: Iterable[dict], ctx: dict) -> dict:
    """The part of a context that some node objects use: their terms, type names and the prefixes these need,
    so a small document can carry its own context instead of a copy of the whole one."""
    used: set[str] = set()

    def visit(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                used.add(key)
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, str):
            used.add(value)
            used.add(value.partition(":")[0])

    for node in nodes:
        visit(node)
    kept = {name: definition for name, definition in ctx.items() if name in used}
    for definition in list(kept.values()):
        for iri in ([definition] if isinstance(definition, str) else
                    [v for v in definition.values() if isinstance(v, str)]):
            prefix = iri.partition(":")[0]
            if prefix in ctx and prefix not in kept:
                kept[prefix] = ctx[prefix]
    return dict(sorted(kept.items()))


def document(triples: Iterable[tuple], ctx: dict | None = None) -> dict:
    """A small JSON-LD document of sorted triples: {"@context": what it uses of the context, "@graph": nodes}."""
    ctx = ctx or context()
    graph = list(nodes(sorted(triples), ctx))
    return {"@context": trimmed_context(graph, ctx), "@graph": graph}

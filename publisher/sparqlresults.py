"""The SPARQL result formats, one table, and writers that stop at the result-size limit.

SELECT and ASK answers are written here (SPARQL 1.1 JSON, XML, CSV and TSV) rather than by pyoxigraph's own
serializer, so rows are counted as they are written and a result past the limit stops early instead of filling
memory. Graphs (CONSTRUCT, DESCRIBE) are collected up to the limit and written by pyoxigraph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

KINDS = ("select", "ask", "graph")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class ResultFormat:
    """One result format: its --format name, its media type, and the query kinds it can carry."""

    name: str
    media_type: str
    kinds: tuple[str, ...]


FORMATS = (
    ResultFormat("json", "application/sparql-results+json", ("select", "ask")),
    ResultFormat("xml", "application/sparql-results+xml", ("select", "ask")),
    ResultFormat("csv", "text/csv", ("select", "ask")),
    ResultFormat("tsv", "text/tab-separated-values", ("select", "ask")),
    ResultFormat("ttl", "text/turtle", ("graph",)),
    ResultFormat("nt", "application/n-triples", ("graph",)),
    ResultFormat("jsonld", "application/ld+json", ("graph",)),
    ResultFormat("xml", "application/rdf+xml", ("graph",)),
)
_RDF_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
                "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}


class TooManyResults(Exception):
    """Raised inside the worker when a result passes the limit."""


def formats_for(kind: str) -> list[ResultFormat]:
    """The formats a query of this kind can be answered in, the default first."""
    if kind not in KINDS:
        raise ValueError(f"unknown query kind {kind!r}; expected one of {', '.join(KINDS)}")
    return [f for f in FORMATS if kind in f.kinds]


def by_name(kind: str, name: str) -> ResultFormat | None:
    """The format a --format name means for this kind of query, if it has one."""
    return next((f for f in formats_for(kind) if f.name == name), None)


def _limited(items: Iterable, limit: int) -> Iterator:
    for count, item in enumerate(items, start=1):
        if count > limit:
            raise TooManyResults(limit)
        yield item


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _term_xml(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_term_xml(term.subject)}</subject><predicate>{_term_xml(term.predicate)}"
                f"</predicate><object>{_term_xml(term.object)}</object></triple>")
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_field(term) -> str:
    if term is None:
        return ""
    text = term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else (
        f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term))
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_field(term) -> str:
    # str() of a pyoxigraph term is its N-Triples form, tabs and newlines escaped, which is what TSV results use.
    return "" if term is None else str(term)


def write_solutions(variables: list[str], solutions: Iterable, media_type: str, limit: int) -> bytes:
    """A SELECT answer in the given format; raises TooManyResults past `limit` rows."""
    rows = _limited(solutions, limit)
    if media_type == "application/sparql-results+json":
        bindings = [{v: _term_json(row[v]) for v in variables if row[v] is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if media_type == "application/sparql-results+xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head>\n<results>")
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_term_xml(row[v])}</binding>"
                            for v in variables if row[v] is not None)
            parts.append(f"<result>{cells}</result>")
        parts.append("</results>\n</sparql>\n")
        return "\n".join(parts).encode("utf-8")
    if media_type == "text/csv":
        lines = [",".join(variables)] + [",".join(_csv_field(row[v]) for v in variables) for row in rows]
        return "".join(line + "\r\n" for line in lines).encode("utf-8")
    if media_type == "text/tab-separated-values":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_field(row[v]) for v in variables) for row in rows]
        return "".join(line + "\n" for line in lines).encode("utf-8")
    raise ValueError(f"no SELECT writer for {media_type}")


def write_boolean(value: bool, media_type: str) -> bytes:
    """An ASK answer in the given format."""
    word = "true" if value else "false"
    if media_type == "application/sparql-results+json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if media_type == "application/sparql-results+xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head/>\n'
                f"<boolean>{word}</boolean>\n</sparql>\n").encode()
    if media_type == "text/csv":
        return f"_askResult\r\n{word}\r\n".encode()
    if media_type == "text/tab-separated-values":
        return f"?_askResult\n{word}\n".encode()
    raise ValueError(f"no ASK writer for {media_type}")


def write_triples(triples: Iterable, media_type: str, limit: int, prefixes: dict[str, str]) -> bytes:
    """A CONSTRUCT or DESCRIBE answer in the given RDF format; raises TooManyResults past `limit` triples."""
    collected = list(_limited(triples, limit))
    if media_type == "application/n-triples":
        collected.sort(key=str)  # sorted N-Triples diff cleanly, like the published dump
    rdf_format = _RDF_FORMATS[media_type]
    return ox.serialize(collected, format=rdf_format,
                        prefixes=prefixes if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None)

"""JSON-LD written one node at a time with the published context: compact, sorted, and streamable."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import groupby
from json.encoder import encode_basestring as _quote
from pathlib import Path
from typing import TextIO

from rdflib import BNode, Literal, URIRef

from converters.reference import ONTOLOGY

from . import ntriples

CONTEXT_FILE = ONTOLOGY / "context.jsonld"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
        self.by_namespace: dict[str, str] = {}
        for prefix, namespace in self.prefixes.items():  # the shortest name wins, then the first
            if len(prefix) < len(self.by_namespace.get(namespace, prefix + " ")):
                self.by_namespace[namespace] = prefix
        self._iris: dict[str, str] = {}
        self._naming: dict[str, tuple] = {}  # see named

    def expand(self, value: str) -> str:
        """A CURIE or keyword of the context as a full IRI (keywords stay as they are)."""
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return value

    def iri(self, value: str) -> str:
        """The shortest CURIE for an IRI, or the IRI itself."""
        found = self._iris.get(value)
        if found is None:
            cut = max(value.rfind("/"), value.rfind("#")) + 1  # a CURIE's local part has neither
            prefix = self.by_namespace.get(value[:cut]) if cut < len(value) else None
            found = f"{prefix}:{value[cut:]}" if prefix and len(prefix) + 1 + len(value) - cut < len(value) else value
            if len(self._iris) < 1 << 16:
                self._iris[value] = found
        return found

    def named(self, predicate: str) -> tuple[tuple[str, str | None], tuple[str, str | None]]:
        """A predicate's name and the "@type" of its values: for literal objects, then for IRIs (a term typed
        other than "@id" does not apply to an IRI)."""
        name, kind = self.terms.get(predicate) or (self.iri(predicate), None)
        return (name, kind), ((self.iri(predicate), None) if kind not in (None, "@id") else (name, kind))

    def type_name(self, value: str) -> str:
        term = self.terms.get(value)
        return term[0] if term and term[1] is None else self.iri(value)

    def value(self, term: tuple, kind: str | None) -> object:
        """An object term (see _term) as a JSON-LD value, given the term definition's "@type"."""
        if len(term) == 1:
            return self.iri(term[0]) if kind == "@id" else {"@id": self.iri(term[0])}
        lexical, language, datatype = term
        if language:
            return {"@value": lexical, "@language": language}
        if datatype == kind or (datatype is None and kind is None):
            return lexical
        if datatype is None:
            return {"@value": lexical}
        return {"@value": lexical, "@type": self.iri(datatype)}

    def node(self, subject: str, pairs: Iterable[tuple[str, tuple]]) -> dict:
        """One node object: "@id", "@type", then each property's values, sorted."""
        node: dict[str, object] = {"@id": self.iri(subject)}
        types = sorted(self.type_name(o[0]) for p, o in pairs if p == RDF_TYPE and len(o) == 1)
        if types:
            node["@type"] = types[0] if len(types) == 1 else types
        properties: dict[str, list] = {}
        naming = self._naming
        for predicate, obj in pairs:
            if predicate == RDF_TYPE and len(obj) == 1:
                continue
            named = naming.get(predicate)
            if named is None:
                named = naming[predicate] = self.named(predicate)
            name, kind = named[len(obj) == 1]
            properties.setdefault(name, []).append(self.value(obj, kind))
        for name in sorted(properties):
            values = properties[name]
            node[name] = values[0] if len(values) == 1 else sorted(values, key=_order)
        return node


class Document:
    """Small JSON-LD documents written as text straight from N-Triples blocks: the same bytes as
    dumps({"@context": trimmed_context(nodes, ctx), "@graph": nodes}) of the blocks' node objects, without
    making the objects. A site has a document for each resource, naming the same classes, properties,
    concepts and countries: each object's text, and each trimmed context's, is made once."""

    def __init__(self, ctx: dict) -> None:
        self.ctx = ctx
        self.compactor = Compactor(ctx)
        self._values: dict[tuple[str, str | None], tuple] = {}
        self._contexts: dict[frozenset, str] = {}
        self._naming: dict[str, tuple] = {}  # Compactor.named, by the predicate in N-Triples form

    def text(self, blocks: Iterable[tuple[str, list[tuple[str, str]]]]) -> str:
        """{"@context": …, "@graph": [a node object for each (subject, [(predicate, object)…]) block]} as
        dumps() indents it, with what the nodes use of the context."""
        used: set[str] = set()
        return self.assemble([self._node(subject, pairs, used) for subject, pairs in blocks], used)

    def node(self, subject: str, pairs: list[tuple[str, str]]) -> tuple[str, set[str]]:
        """One block's node object as `text` writes it, and what it uses of the context."""
        used: set[str] = set()
        return self._node(subject, pairs, used), used

    def assemble(self, nodes: list[str], used: set[str]) -> str:
        """The document of node objects' texts (in order), with what they use of the context."""
        graph = "[" + ",".join(["\n  " + node for node in nodes]) + "\n ]" if nodes else "[]"
        return '{\n "@context": ' + self._context(used) + ',\n "@graph": ' + graph + "\n}"

    def _node(self, subject: str, pairs: list[tuple[str, str]], used: set[str]) -> str:
        compactor = self.compactor
        identifier = compactor.iri(_line_term(subject)[0])
        used.update(("@id", identifier, identifier.partition(":")[0]))
        entries = [("@id", _quote(identifier))]
        types = sorted(compactor.type_name(_line_term(o)[0]) for p, o in pairs if p == _RDF_TYPE and o[0] != '"')
        if types:
            used.add("@type")
            for name in types:
                used.update((name, name.partition(":")[0]))
            entries.append(("@type", _quote(types[0]) if len(types) == 1 else
                            "[" + ",".join(["\n    " + _quote(name) for name in types]) + "\n   ]"))
        properties: dict[str, list[tuple]] = {}
        naming = self._naming
        values = self._values
        for predicate, obj in pairs:
            node = obj[0] != '"'
            if node and predicate == _RDF_TYPE:
                continue
            named = naming.get(predicate)
            if named is None:
                named = naming[predicate] = compactor.named(predicate[1:-1])
            name, kind = named[node]
            found = values.get((obj, kind))
            if found is None:
                found = self._value(obj, kind)
            properties.setdefault(name, []).append(found)
        for name, found in properties.items():
            used.add(name)
            for value in found:
                used.update(value[3])
            if len(found) == 1:
                entries.append((name, found[0][1]))
            else:
                found.sort(key=_first)
                entries.append((name, "[" + ",".join([value[2] for value in found]) + "\n   ]"))
        entries.sort(key=_first)
        return "{" + ",".join([f"\n   {_quote(key)}: {text}" for key, text in entries]) + "\n  }"

    def _value(self, obj: str, kind: str | None) -> tuple:
        """(its order among values, its text as a property's only value, its text in a list, the strings that
        count as used) of an object in N-Triples form, as the value of a term whose "@type" is `kind`."""
        value = self.compactor.value((obj[1:-1],) if obj[0] == "<" else _line_term(obj), kind)
        if type(value) is str:
            text = _quote(value)
            found = (text, text, "\n    " + text, (value, value.partition(":")[0]))
        else:  # each string quoted once: a description's few kilobytes took 30 µs a time
            items = [(_quote(key), _quote(item)) for key, item in sorted(value.items())]
            used = [*value]
            for item in value.values():
                used += (item, item.partition(":")[0])
            found = ("{" + ", ".join([f"{key}: {item}" for key, item in items]) + "}",  # as _order writes it
                     _quoted_object(items, 4), "\n    " + _quoted_object(items, 5), tuple(used))
        if len(obj) <= SHORT_VALUE:  # IRIs, codes, dates, amounts, names: met again; long texts once
            if len(self._values) >= KEPT_VALUES:
                self._values.clear()
            self._values[(obj, kind)] = found
        return found

    def _context(self, used: set[str]) -> str:
        names = frozenset(used.intersection(self.ctx))
        found = self._contexts.get(names)
        if found is None:
            found = self._contexts[names] = dumps(context_of(names, self.ctx), 1)
        return found


SHORT_VALUE = 200  # objects of at most this many characters have their JSON text kept
KEPT_VALUES = 1 << 14  # object texts kept (emptied when full): the shared ones (IRIs, dates) are few
_RDF_TYPE = f"<{RDF_TYPE}>"


def _first(item: tuple) -> str:
    return item[0]


def _quoted_object(items: list[tuple[str, str]], level: int) -> str:
    """An object of its (sorted) items, keys and values as JSON strings already, indented at `level`."""
    pad = _pad(level)
    return "{" + ",".join([f"{pad}{key}: {item}" for key, item in items]) + _pad(level - 1) + "}"


class Shared(dict):
    """A JSON object that many documents hold, the same (a country, an organisation on thousands of pages): dumps
    writes its text once for each indent level it meets it at. Not to be changed once written."""

    __slots__ = ("texts",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.texts: dict[int, str] = {}


def dumps(value: object, level: int = 0) -> str:
    """json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1), the same text, several times faster: the
    standard library writes indented JSON in pure Python, but quotes strings in C."""
    if type(value) is str:  # the most common case first: most leaves are strings
        return _quote(value)
    if type(value) is Shared:
        found = value.texts.get(level)
        if found is None:
            found = value.texts[level] = _object(value, level)
        return found
    if isinstance(value, dict):
        return _object(value, level)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        pad = _pad(level + 1)
        return "[" + ",".join([pad + (_quote(item) if type(item) is str else dumps(item, level + 1))
                                for item in value]) + _pad(level) + "]"
    if isinstance(value, str):
        return _quote(value)
    return json.dumps(value)


def _object(value: dict, level: int) -> str:
    if not value:
        return "{}"
    pad = _pad(level + 1)
    parts = []
    for key in sorted(value):
        item = value[key]
        parts.append(f"{pad}{_quote(key)}: {_quote(item) if type(item) is str else dumps(item, level + 1)}")
    return "{" + ",".join(parts) + _pad(level) + "}"


@cache
def _pad(level: int) -> str:
    return "\n" + " " * level


def _order(value: object) -> str:
    """json.dumps(value, sort_keys=True, ensure_ascii=False), written directly for the values nodes hold most: a
    string, or an object of strings ({"@id": …}, {"@value": …, "@language": …})."""
    if type(value) is str:
        return _quote(value)
    if type(value) is dict and all(type(item) is str for item in value.values()):
        return "{" + ", ".join(f"{_quote(key)}: {_quote(item)}" for key, item in sorted(value.items())) + "}"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# Terms are plain: a subject or predicate is its IRI (a blank node "_:label"); an object is (IRI,) for an
# IRI or blank node, else (lexical form, language, datatype IRI or None).

def _term(term: URIRef | BNode | Literal) -> tuple:
    if isinstance(term, Literal):  # "a"^^xsd:string is "a" (RDF 1.1), as when read from lines
        datatype = None if term.datatype is None or str(term.datatype) == ntriples.XSD_STRING else str(term.datatype)
        return str(term), term.language, datatype
    return (_name(term),)


def _name(term: URIRef | BNode) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _line_term(text: str) -> tuple:
    if text.startswith('"'):
        return ntriples.literal(text)
    return (text[1:-1] if text.startswith("<") else text,)


def nodes(triples: Iterable[tuple], ctx: dict | None = None) -> Iterator[dict]:
    """Compacted node objects for rdflib triples sorted by subject (as sorted(graph) gives them)."""
    plain = ((_name(s), str(p), _term(o)) for s, p, o in triples)
    yield from _nodes(plain, ctx)


def nodes_of_lines(lines: Iterable[str], ctx: dict | None = None) -> Iterator[dict]:
    """Compacted node objects for sorted N-Triples lines (as the dump holds them)."""
    plain = ((_line_term(s)[0], p[1:-1], _line_term(o)) for s, p, o in map(ntriples.split, lines))
    yield from _nodes(plain, ctx)


def _nodes(triples: Iterable[tuple[str, str, tuple]], ctx: dict | None) -> Iterator[dict]:
    compactor = Compactor(ctx or context())
    for subject, group in groupby(triples, key=lambda t: t[0]):
        yield compactor.node(subject, [(p, o) for _, p, o in group])


def write(path: Path, triples: Iterable[tuple], ctx: dict | None = None) -> None:
    """Write {"@context": …, "@graph": [...]} of rdflib triples sorted by subject, one node per line."""
    ctx = ctx or context()
    with path.open("w", encoding="utf-8") as handle:
        write_nodes(handle, nodes(triples, ctx), ctx)


def write_nodes(handle: TextIO, found: Iterable[dict], ctx: dict | None = None) -> int:
    """Write {"@context": …, "@graph": [...]} one node per line, never holding the document in memory;
    returns the number of nodes."""
    handle.write(_head(ctx or context()))
    count = 0
    for count, node in enumerate(found, start=1):
        handle.write((",\n" if count > 1 else "") + _line(node))
    handle.write(_TAIL)
    return count


class Writer:
    """write_nodes, a subject at a time from its (predicate, object) pairs in N-Triples form (sorted lines'
    subjects in order give the same text as write_nodes(handle, nodes_of_lines(lines)))."""

    def __init__(self, handle: TextIO, ctx: dict | None = None) -> None:
        self.handle, self.count = handle, 0
        ctx = ctx or context()
        self.compactor = Compactor(ctx)
        handle.write(_head(ctx))

    def block(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        node = self.compactor.node(_line_term(subject)[0], [(p[1:-1], _line_term(o)) for p, o in pairs])
        self.handle.write((",\n" if self.count else "") + _line(node))
        self.count += 1

    def line(self, text: str) -> None:
        """Write a node object given as the text `block` would write for it (see flat)."""
        self.handle.write((",\n" if self.count else "") + text)
        self.count += 1

    def close(self) -> int:
        """End the document; returns the number of nodes."""
        self.handle.write(_TAIL)
        return self.count


def flat(node: str) -> str:
    """A node object's text as Document writes it (indented) as Writer writes it (on one line): JSON strings
    hold no line break, so every one is indentation."""
    return _INDENT.sub("", _NEXT.sub(", ", node))


_NEXT, _INDENT = re.compile(r",\n +"), re.compile(r"\n +")


def _head(ctx: dict) -> str:
    return '{\n"@context": ' + json.dumps(ctx, ensure_ascii=False, sort_keys=True) + ',\n"@graph": [\n'


_TAIL = "\n]\n}\n"
_line = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps(…, ensure_ascii=False, sort_keys=True)


def trimmed_context(nodes: Iterable[dict], ctx: dict) -> dict:
    """The part of a context that some node objects use: their terms, type names and the prefixes these need,
    so a small document can carry its own context instead of a copy of the whole one."""
    used: set[str] = set()
    add = used.add
    waiting: list = list(nodes)  # every key, and every string value with its prefix, of the nodes
    take, extend = waiting.pop, waiting.extend
    while waiting:
        value = take()
        kind = type(value)
        if kind is str or (kind is not dict and kind is not list and isinstance(value, str)):
            add(value)
            add(value.partition(":")[0])
        elif kind is dict or isinstance(value, dict):
            used.update(value)
            extend(value.values())
        elif kind is list or isinstance(value, list):
            extend(value)
    return context_of(used, ctx)


def context_of(used: set[str] | frozenset[str], ctx: dict) -> dict:
    """The part of a context that names the strings `used` (terms, type names, prefixes), with the prefixes
    their definitions need, sorted."""
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

"""Where a contributed RDF file writes what a finding is about: the line that begins a resource's description,
the line of one of its properties, the line of one of its values (so `validate` and the build say file:line).

The file is read again as lines, each line's IRIs resolved the way its format resolves them (Turtle's prefixes
and base, JSON-LD's context terms, RDF/XML's namespaces). A resource's description runs from the line that
begins it to the line that begins the next one; a finding's line is its property's first line in there (its
value's, when the property lists several), else the description's first line. A blank node's is the line
where its description begins ("[] a mp:Project ;"), found by its values (Turtle). Unknown (0) when the resource
is not described in the file (a published resource it points at) or the text is laid out past what a line can
tell (a description split in two, a property spelled inside a long string).
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from rdflib.namespace import RDF

from . import jsonld

RDF_TYPE = str(RDF.type)

# One Turtle (and N-Triples, N-Quads) token: strings first, so nothing inside them counts.
_TURTLE_TOKEN = re.compile(r'''
      (?P<long>"""|\'\'\')
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<bnode>_:[\w.-]*)
    | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
    | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+))
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<a>(?<![\w:])a(?![\w:]))
    | (?P<comment>\#.*)
    | (?P<end>\.)
''', re.VERBOSE)
_PREFIX = re.compile(r"\s*(?:@prefix|(?i:PREFIX))\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>")
_BASE = re.compile(r"\s*(?:@base|(?i:BASE))\s+<([^>]*)>")

_JSON_STRING = r'"((?:[^"\\]|\\.)*)"'
_JSON_KEY = re.compile(_JSON_STRING + r"\s*:")
_JSON_VALUE = re.compile(r"(?<![\w\"])" + _JSON_STRING + r"(?!\s*:)")
_JSON_ID = re.compile(r'"@id"\s*:\s*' + _JSON_STRING + r"(\s*,)?")

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_XML_NAMESPACE = re.compile(r'xmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"')
_XML_BASE = re.compile(r'xml:base\s*=\s*"([^"]*)"')
_XML_ELEMENT = re.compile(r"<(?:([\w.-]+):)?([\w.-]+)")
_XML_ABOUT = re.compile(r'([\w.-]+):(about|ID)\s*=\s*"([^"]*)"')
_XML_RESOURCE = re.compile(r'[\w.-]+:resource\s*=\s*"([^"]*)"')


def _resolved(base: str, reference: str) -> str:
    """`reference` resolved against `base` (RFC 3986), keeping an empty fragment ("vocab#"), which urljoin drops."""
    if _SCHEME.match(reference):
        return reference
    resolved = urljoin(base, reference)
    return resolved + "#" if reference.endswith("#") and not resolved.endswith("#") else resolved


@dataclass
class Line:
    """What one line of the file says: the resource whose description it begins (if any), the IRIs on it."""

    begins: str | None
    iris: frozenset[str]
    text: str
    anonymous: bool = False  # it begins the description of a blank node ("[] a mp:Project ;", "_:b1 …")


class SourceLines:
    """The lines of one contributed file, read for where each resource and statement is written."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self._starts: list[int] | None = None  # blank_line's, made on its first call
        self._text, self._offsets = "", []
        self.blocks: dict[str, list[tuple[int, int]]] = {}  # each resource's descriptions: (first, after) lines
        current, first = None, 0
        for number, line in enumerate([*lines, Line("", frozenset(), "")], start=1):  # a last line ends the last
            if line.begins is not None and line.begins != current:
                if current:
                    self.blocks.setdefault(current, []).append((first, number))
                current, first = line.begins, number

    def line(self, resource: str, field: str | None = None, value: str | None = None) -> int:
        """The line a finding on `resource` (its property `field`, its value `value`) points at; 0 unknown."""
        blocks = self.blocks.get(resource)
        if not blocks:
            return 0
        at_property = at_iri = 0
        for start, end in blocks:  # one description, or several (N-Triples in no order)
            found = self._first(start, end, lambda line: field in line.iris) if field else 0
            if found and value is not None:  # the value as written, or as the IRI it resolves to
                at_value = self._first(found, end, lambda line: value in line.iris or value in line.text)
                if at_value:
                    return at_value
            elif found:
                return found
            at_property = at_property or found
            if value is not None and not at_iri:  # without the property's line, only an IRI is sure enough
                at_iri = self._first(start, end, lambda line: value in line.iris)
        return at_property or at_iri or blocks[0][0]

    def blank_line(self, texts: list[str]) -> int:
        """The line that begins the description of a blank node with these values (longest first: the most
        telling): the last blank node's beginning before the first line holding one; the only one there is when
        none is found; 0 unknown (Turtle only)."""
        if self._starts is None:
            self._starts = [number for number, line in enumerate(self.lines, start=1) if line.anonymous]
            self._text = "\n".join(line.text for line in self.lines)
            self._offsets = list(itertools.accumulate(len(line.text) + 1 for line in self.lines))
        for text in sorted(texts, key=len, reverse=True):
            found = self._text.find(text) if text else -1
            if found >= 0:
                at = bisect.bisect_right(self._offsets, found) + 1
                before = bisect.bisect_right(self._starts, at)
                if before:
                    return self._starts[before - 1]
        return self._starts[0] if len(self._starts) == 1 else 0

    def _first(self, start: int, end: int, test) -> int:
        return next((n for n in range(start, end) if test(self.lines[n - 1])), 0)


def read(data: bytes, fmt: str, base: str, subjects: set[str]) -> SourceLines:
    """The file's lines as `fmt` (serializations' name) reads them; `subjects`: the resources it describes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", "replace")
    scan = {"jsonld": _jsonld_lines, "xml": _xml_lines}.get(fmt, _turtle_lines)
    return SourceLines(list(scan(text.split("\n"), base, subjects)))


def _turtle_lines(lines: list[str], base: str, subjects: set[str]) -> Iterator[Line]:
    """Turtle, N-Triples and N-Quads: a description begins with a subject first on its line, after a '.'."""
    prefixes: dict[str, str] = {}
    resolved: dict[str, str | None] = {}  # each token's IRI, until a directive changes them
    statement_ended, in_long = True, None
    for text in lines:
        directive = _PREFIX.match(text) or _BASE.match(text)
        if directive and not in_long:
            if directive.re is _PREFIX:
                prefixes[directive.group(1) or ""] = _resolved(base, directive.group(2))
            else:
                base = _resolved(base, directive.group(1))
            statement_ended, resolved = True, {}
            yield Line(None, frozenset(), text)
            continue
        position, iris, first, last = 0, set(), None, None
        if in_long:
            close = text.find(in_long)
            if close < 0:
                yield Line(None, frozenset(), text)
                continue
            position, in_long, last = close + 3, None, "string"
        for token in _TURTLE_TOKEN.finditer(text, position):
            kind = token.lastgroup
            if kind == "comment":
                break
            if kind == "long":
                close = text.find(token.group(), token.end())
                if close < 0:
                    in_long = token.group()
                    last = "string"
                    break
                continue
            spelling = token.group()
            iri = resolved.get(spelling, "") if kind in ("iri", "pname", "a") else None
            if iri == "":
                iri = resolved[spelling] = _turtle_iri(spelling, kind, prefixes, base)
            if iri:
                iris.add(iri)
            if first is None:
                first = iri if kind in ("iri", "pname") else ""
            last = kind
        begins = first if statement_ended and first in subjects else None
        anonymous = statement_ended and text.lstrip().startswith(("[", "_:"))
        if last is not None or anonymous:
            statement_ended = last == "end"
        yield Line(begins, frozenset(iris), text, anonymous)


def _turtle_iri(spelling: str, kind: str, prefixes: dict[str, str], base: str) -> str | None:
    if kind == "iri":
        return _resolved(base, spelling[1:-1])
    if kind == "pname":
        prefix, _, local = spelling.partition(":")
        namespace = prefixes.get(prefix)
        return namespace + local.replace("\\", "") if namespace is not None else None
    return RDF_TYPE if kind == "a" else None


def _jsonld_lines(lines: list[str], base: str, subjects: set[str]) -> Iterator[Line]:
    """JSON-LD: a description begins with an "@id" that more keys follow, or where its object opens when the
    "@id" is its last key; keys and strings resolved by the document's contexts (the published one read from the
    project), compact IRIs and relative IRIs too."""
    terms, base, vocab = _json_terms("\n".join(lines), base)

    def resolve(value: str, key: bool) -> str | None:
        if value == "@type":
            return RDF_TYPE
        if value.startswith("@") or value.startswith("_:"):
            return None
        if value in terms:
            return terms[value]
        prefix, colon, local = value.partition(":")
        if colon and prefix in terms:
            return terms[prefix] + local
        if colon and not local.startswith("//") and re.fullmatch(r"[A-Za-z][\w+.-]*", prefix) is None:
            return None
        if colon:
            return value
        return (vocab + value) if key and vocab else _resolved(base, value)

    scanned = []
    for text in lines:
        iris = {resolve(_unquoted(m.group(1)), True) for m in _JSON_KEY.finditer(text)}
        iris |= {resolve(_unquoted(m.group(1)), False) for m in _JSON_VALUE.finditer(text)}
        identified = _JSON_ID.search(text)
        named = resolve(_unquoted(identified.group(1)), False) if identified else None
        scanned.append((named, bool(identified and identified.group(2)), frozenset(iris - {None}), text))
    begins: list[str | None] = [named if followed and named in subjects else None for named, followed, _, _ in scanned]
    begun = set(begins)
    opened = _objects_opened(lines)
    for number, (named, followed, _, _) in enumerate(scanned):
        if named in subjects and not followed and named not in begun:
            # "@id" is its object's last key: the description begins where that object does, so that the keys
            # before the "@id" are read as its properties (the first such object, if written in several)
            begun.add(named)
            start = opened.get(number, number)
            begins[start if begins[start] is None else number] = named
    for begin, (_, _, iris, text) in zip(begins, scanned, strict=True):
        yield Line(begin, iris, text)


_JSON_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:)?|[{}\[\]]')


def _objects_opened(lines: list[str]) -> dict[int, int]:
    """For each line (by index) with an "@id" key, the index of the line where that key's object opens. JSON
    strings hold no line break, so each line's tokens can be read on their own."""
    opened: dict[int, int] = {}
    stack: list[tuple[str, int]] = []  # the open objects and arrays: ("{" or "[", the index of its line)
    for number, text in enumerate(lines):
        for token in _JSON_TOKEN.finditer(text):
            if token.group(1) is not None:  # a string: "@id" as a key is what is looked for
                if token.group(2) and token.group(1) == "@id" and stack and stack[-1][0] == "{":
                    opened.setdefault(number, stack[-1][1])
            elif token.group() in "{[":
                stack.append((token.group(), number))
            elif stack:
                stack.pop()
    return opened


def _unquoted(inside: str) -> str:
    """A JSON string's value from what is between its quotes."""
    try:
        return json.loads(f'"{inside}"')
    except ValueError:
        return inside


def _json_terms(text: str, base: str) -> tuple[dict[str, str], str, str | None]:
    """The terms every @context of the document defines (the published context by its IRI), as IRIs."""
    try:
        document = json.loads(text)
    except ValueError:
        return {}, base, None
    definitions: dict[str, object] = {}
    stack = [document]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if key == "@context":
                for context in value if isinstance(value, list) else [value]:
                    if isinstance(context, str):  # the published context: the parser refuses any other
                        context = jsonld.context()
                    if isinstance(context, dict):
                        definitions.update(context)
            elif isinstance(value, dict | list):
                stack.append(value)
    base = _resolved(base, definitions["@base"]) if isinstance(definitions.get("@base"), str) else base
    vocab = definitions.get("@vocab") if isinstance(definitions.get("@vocab"), str) else None
    raw = {term: d if isinstance(d, str) else d.get("@id") if isinstance(d, dict) else None
           for term, d in definitions.items() if not term.startswith("@")}
    terms: dict[str, str] = {}
    for term, iri in raw.items():
        if isinstance(iri, str) and not iri.startswith("@"):
            prefix, colon, local = iri.partition(":")
            terms[term] = (raw[prefix] + local if colon and isinstance(raw.get(prefix), str)
                           and not local.startswith("//") else iri)
    return terms, base, vocab


def _xml_lines(lines: list[str], base: str, subjects: set[str]) -> Iterator[Line]:
    """RDF/XML: a description begins with rdf:about (or rdf:ID); properties are elements named by namespaces."""
    text = "\n".join(lines)
    namespaces = {prefix or "": iri for prefix, iri in _XML_NAMESPACE.findall(text)}
    found_base = _XML_BASE.search(text)
    base = _resolved(base, found_base.group(1)) if found_base else base
    for line in lines:
        iris = {namespaces[prefix] + local for prefix, local in _XML_ELEMENT.findall(line) if prefix in namespaces}
        iris |= {_resolved(base, value) for value in _XML_RESOURCE.findall(line)}
        begins = None
        for _prefix, kind, value in _XML_ABOUT.findall(line):
            begins = _resolved(base, value if kind == "about" else "#" + value)
            iris.add(begins)
        if begins and not line.lstrip().startswith(("<rdf:Description", "<Description")):
            iris.add(RDF_TYPE)  # a typed node element: <mp:Project rdf:about="…"> says rdf:type
        yield Line(begins if begins in subjects else None, frozenset(iris), line)

"""Parsing contributed RDF safely: bytes + format -> rdflib Graph, or an InputError naming file:line:column.

Contributed files are hostile until proven otherwise. Before any parser sees them they must be non-empty
UTF-8 text within the size limit; RDF/XML may carry no DOCTYPE or ENTITY declaration (rdflib's RDF/XML parser
is quadratic on nested internal entities) and JSON or XML may nest at most MAX_DEPTH levels; a JSON-LD
@context may only be the published context, recognised by its IRI and read from ontology/context.jsonld, or
an inline one (no remote or local context is fetched), and inlining the published context may not grow the
document past the byte limit. Parsing is pyoxigraph's (strict IRIs, line and column in every Turtle or
N-Triples error, no network code reachable), in a child process with its own memory cap that the time limit
kills (publisher.parsechild), and stops at the triple limit before any rdflib graph is built.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from converters.namespaces import CONTEXT_IRI, DEFAULT_BASE, new_graph

from . import jsonld, parsechild, serializations
from .errors import InputError
from .sandbox import sandboxed, trusted

_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # never in RDF text; \t \n \f \r are
_OPENING = re.compile(r"\s*(\S)")  # the first character that is not blank
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_OXIGRAPH_POSITION = re.compile(r"^Parser error at line \d+ between columns \d+ and \d+: ")
_XSD_STRING = str(XSD.string)
_NAMES = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "nq": "N-Quads", "xml": "RDF/XML"}
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')  # what RFC 3987 never allows in an IRI (JSON-LD drops such IRIs)
MAX_DEPTH = 200  # JSON or XML nesting; real descriptions nest a handful of levels


@dataclass(frozen=True)
class Limits:
    """How much one contributed file may weigh: bytes read, triples parsed, seconds to parse and validate, and
    the characters of one literal."""

    max_bytes: int = 20 * 1024 * 1024
    max_triples: int = 250_000
    seconds: float = 300.0
    max_literal: int = 100_000  # characters of one value: longer is a finding (checks_more), not an error


DEFAULT_LIMITS = Limits()


def format_for(name: str, given: str | None = None) -> str:
    """The serialisation name (ttl, jsonld, nt, nq, xml) given, or the one the file name's extension says."""
    if given:
        return serializations.by_name(given).name
    found = serializations.by_extension(name)
    if found is None and name == "-":
        raise InputError("-: standard input has no name to go by", "give --input-format ttl (or jsonld, nt, nq, xml)")
    if found is None:
        known = ", ".join(ext for f in serializations.FORMATS for ext in f.extensions)
        raise InputError(f"{name}: unknown extension {json.dumps(Path(name).suffix or '(none)')}",
                         f"name the file with one of {known}, or give --input-format")
    return found.name


def read(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file's bytes, refusing to read past the byte limit ("-" reads standard input)."""
    handle = sys.stdin.buffer if str(path) == "-" else None
    try:
        if handle is None:
            with path.open("rb") as opened:
                data = opened.read(limits.max_bytes + 1)
        else:
            data = handle.read(limits.max_bytes + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    _check_size(str(path), data, limits)
    return data


def parse(data: bytes, fmt: str, source: str, base: str = DEFAULT_BASE, limits: Limits = DEFAULT_LIMITS,
          meanwhile: Callable[[], object] | None = None, notes: list[str] | None = None) -> Graph:
    """The graph in `data` (format `fmt` as serializations names it), relative IRIs resolved against `base`;
    InputError "source:line:column: what; how to fix" for anything unreadable, oversized or hostile.
    `meanwhile`: the caller's work to do while the parser's process runs (see parsechild.to_ntriples); it runs
    with the sandbox lifted, as the child's start does, so only the project's own work with fixed inputs (such
    as compiling the shapes), never anything the contributed data decides. `notes` gets what the caller should
    say of a file that is read all the same (graph names, N-Quads' or JSON-LD's, which are not kept)."""
    _check_size(source, data, limits)
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark, which some editors write
        data = data[3:]
    text = _text(data, source)
    if fmt == "xml":
        _check_xml(text, source)
    elif fmt == "jsonld":
        data = _checked_jsonld(text, source, base, limits)
    else:
        _check_not_other_syntax(text, fmt, source)
    with sandboxed(source, limits.seconds, "parsing"):
        graphs: list[str | None] = []
        graph = _to_rdflib(data, fmt, source, base, limits, meanwhile, text, graphs)
        if graphs and notes is not None:
            notes.append(_graph_note(graphs[0], text, source, base))  # the file as written
    return graph


def _graph_note(name: str | None, text: str, source: str, base: str) -> str:
    """The note on a file with statements in a named graph (N-Quads, or JSON-LD's "@graph" in a node with an
    "@id"), naming the first one ([] when it is a blank node) on its line: the dataset has one graph, so graph
    names are not kept and the statements are read into it."""
    line = ""
    if name is not None:  # written whole (N-Quads), or relative to the base (JSON-LD's "@id": "graphs/2024")
        written = [f"<{name}>", f'"{name}"'] + ([f'"{name.removeprefix(base)}"'] if name.startswith(base) else [])
        line = next((f":{number}" for number, written_line in enumerate(text.splitlines(), start=1)
                     if any(w in written_line for w in written)), "")
    shown = f"<{name}>" if name is not None else "[]"
    return (f"{source}{line}: the graph name {shown} is not kept (nor any other): the statements are read into "
            "the dataset's one graph")


def _check_size(source: str, data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_bytes:
        raise InputError(f"{source}: more than {limits.max_bytes} bytes",
                         "split the contribution into smaller files, or raise --max-bytes")
    if not data or data.isspace():  # (no stripped copy of a file that may weigh the byte limit)
        raise InputError(f"{source}: the file is empty", "write the RDF description of at least one project")


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _text(data: bytes, source: str) -> str:
    """The file as text: refuses binary data and anything not UTF-8, naming where it starts."""
    control = _CONTROL.search(data)
    if control:
        line, column = _position(data[:control.start()].decode("utf-8", "replace"), control.start())
        raise InputError(f"{source}:{line}:{column}: binary data (byte 0x{data[control.start()]:02x}), not RDF text",
                         "send the RDF as Turtle, JSON-LD, N-Triples, N-Quads or RDF/XML text in UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[:error.start].decode("utf-8", "replace")
        line, column = _position(prefix, len(prefix))
        raise InputError(f"{source}:{line}:{column}: byte 0x{data[error.start]:02x} is not UTF-8",
                         "save the file as UTF-8") from None
    return text


def _check_not_other_syntax(text: str, fmt: str, source: str) -> None:
    """A Turtle or N-Triples file that is plainly JSON or XML gets a hint about its extension."""
    opening = _OPENING.match(text)
    start = opening.group(1) if opening else ""
    if start in ("{", "["):
        raise InputError(f"{source}:1:1: this is JSON, not {_NAMES[fmt]}",
                         "name a JSON-LD file .jsonld, or give --input-format jsonld")
    if text.startswith(("<?xml", "<rdf:RDF"), opening.start(1) if opening else 0):
        raise InputError(f"{source}:1:1: this is XML, not {_NAMES[fmt]}",
                         "name an RDF/XML file .rdf, or give --input-format xml")


def _check_xml(text: str, source: str) -> None:
    """No DOCTYPE or ENTITY declaration at all, then well-formed XML (expat, for the line and column)."""
    declaration = _DECLARATION.search(text)
    if declaration:
        line, column = _position(text, declaration.start())
        raise InputError(f"{source}:{line}:{column}: RDF/XML with a <!{declaration.group(1).upper()}> declaration "
                         "is refused (entities can expand without bound)",
                         "remove the DOCTYPE and write the values out in full")
    parser = expat.ParserCreate()
    depth = 0

    def start(_name, _attributes) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise InputError(f"{source}:{parser.CurrentLineNumber}:{parser.CurrentColumnNumber + 1}: XML nested "
                             f"more than {MAX_DEPTH} levels deep", "flatten the document: describe each resource "
                             "at the top level and refer to it by its IRI")

    def end(_name) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as error:
        raise InputError(f"{source}:{error.lineno}:{error.offset + 1}: not well-formed XML: "
                         f"{expat.ErrorString(error.code)}", "fix the XML at that place") from None


def _checked_jsonld(text: str, source: str, base: str, limits: Limits) -> bytes:
    """The JSON-LD document with the published context inlined; any other remote context, IRIs that are not
    IRIs, nesting past MAX_DEPTH and a document that inlining would grow past the byte limit are refused."""
    too_deep = InputError(f"{source}: JSON nested too deeply (more than {MAX_DEPTH} levels)",
                          "flatten the document: describe each resource in @graph and refer to it by its @id")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}:{error.lineno}:{error.colno}: not JSON: {error.msg}",
                         "fix the JSON at that place") from None
    except RecursionError:
        raise too_deep from None
    if not isinstance(document, dict | list):
        raise InputError(f"{source}:1:1: not a JSON-LD document (a JSON {type(document).__name__})",
                         "write a JSON object with @context and @graph")
    published = {CONTEXT_IRI, base + "context.jsonld"}
    inlined: list[int] = []  # one entry per reference to the published context
    contexts: list = []  # every @context value, read in
    keys: set[str] = set()  # every key of the data that is neither a keyword nor an IRI
    stack = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise too_deep
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if key == "@context":
                node[key] = _context(value, published, text, source, inlined)
                contexts.append(node[key])
            elif key == "@id" and isinstance(value, str):
                _check_iri(value, text, source)
            elif isinstance(value, dict | list):
                stack.append((value, depth + 1))
            if isinstance(node, dict) and isinstance(key, str) and not key.startswith("@") and ":" not in key:
                keys.add(key)
    _check_terms(keys, contexts, text, source)
    grown = len(text) + len(inlined) * len(json.dumps(jsonld.context(), ensure_ascii=False))
    if len(inlined) > 1 and grown > limits.max_bytes:
        raise InputError(f"{source}: refers to the published context {len(inlined):,} times: read in, that makes "
                         f"{grown:,} bytes, more than {limits.max_bytes}",
                         "give the context once, in the top-level @context")
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _terms(context, terms: set[str]) -> bool:
    """Add the terms `context` defines (scoped contexts included) to `terms`; whether it has an @vocab or a
    @json-typed term (then any key may be a property, or a value rather than one)."""
    if isinstance(context, list):
        return any([_terms(item, terms) for item in context])
    if not isinstance(context, dict):
        return False
    open_ended = "@vocab" in context
    for term, definition in context.items():
        terms.add(term)
        if isinstance(definition, dict):
            open_ended |= definition.get("@type") == "@json"
            open_ended |= _terms(definition.get("@context"), terms)
    return open_ended


def _check_terms(keys: set[str], contexts: list, text: str, source: str) -> None:
    """A key the contexts do not define has no IRI: the JSON-LD algorithms drop it and its values without a
    word (with no @context at all, every property). Refused, naming the first such key's place."""
    terms: set[str] = set()
    if _terms(contexts, terms):
        return
    dropped = keys - terms
    if not dropped:
        return
    found = [(match.start(), key) for key in dropped
             for match in [re.search(json.dumps(key, ensure_ascii=False) + r"\s*:", text)] if match]
    index, key = min(found) if found else (0, min(dropped))
    line, column = _position(text, index)
    if not contexts:
        raise InputError(f"{source}:{line}:{column}: no @context: {json.dumps(key, ensure_ascii=False)} and every "
                         "other property would be dropped",
                         f'add "@context": "{CONTEXT_IRI}"')
    raise InputError(f"{source}:{line}:{column}: {json.dumps(key, ensure_ascii=False)} is not a term of the "
                     "@context, so its values would be dropped",
                     "use a term the context defines (see the published context), or a full IRI as the key")


def _check_iri(value: str, text: str, source: str) -> None:
    """An @id must be an IRI: the JSON-LD algorithms would silently drop the node or the link otherwise."""
    bad = _NOT_IN_IRI.search(value)
    if bad:
        line, column = _position(text, max(text.find(json.dumps(value, ensure_ascii=False)), 0))
        raise InputError(f"{source}:{line}:{column}: {json.dumps(value, ensure_ascii=False)[:80]} is not an IRI "
                         f"({json.dumps(bad.group())} cannot be in one)",
                         "percent-encode the character (a space is %20), or name the resource otherwise")


def _context(value, published: set[str], text: str, source: str, inlined: list[int]):
    """One @context value with every reference to the published context replaced by its content."""
    if value is None:
        return None
    if isinstance(value, str):
        if value in published:
            inlined.append(1)
            return jsonld.context()
        line, column = _position(text, max(text.find(json.dumps(value)), 0))
        raise InputError(f"{source}:{line}:{column}: the JSON-LD context {json.dumps(value)} is not fetched (no "
                         "remote or local contexts)", f'use "@context": "{CONTEXT_IRI}" or put the context inline')
    if isinstance(value, list):
        return [_context(item, published, text, source, inlined) for item in value]
    if isinstance(value, dict):
        value = dict(value)
        if "@import" in value:
            imported = _context(value.pop("@import"), published, text, source, inlined)
            value = {**imported, **value}
        for term, definition in value.items():
            if isinstance(definition, dict) and "@context" in definition:
                value[term] = {**definition, "@context": _context(definition["@context"], published, text,
                                                                  source, inlined)}
        return value
    raise InputError(f"{source}: a JSON-LD @context must be an IRI, an object or a list",
                     f'use "@context": "{CONTEXT_IRI}"')


class Terms:
    """pyoxigraph terms to rdflib terms, each IRI and each literal converted once (rdflib checks and converts a
    typed literal's value when it makes it: the dates, amounts and codes a contribution repeats are made once)."""

    def __init__(self) -> None:
        self.iris: dict[str, URIRef] = {}
        self.literals: dict[ox.Literal, Literal] = {}

    def __call__(self, term):
        if isinstance(term, ox.NamedNode):
            value = term.value
            iri = self.iris.get(value)
            if iri is None:
                iri = self.iris[value] = URIRef(value)
            return iri
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            found = self.literals.get(term)
            if found is None:
                found = self.literals[term] = self._literal(term)
            return found
        raise ValueError(f"triple terms (RDF-star) are not supported: {term}")

    def _literal(self, term: ox.Literal) -> Literal:
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=self(term.datatype))


def _to_rdflib(data: bytes, fmt: str, source: str, base: str, limits: Limits,
               meanwhile: Callable[[], object] | None = None, text: str = "",
               graphs: list[str | None] | None = None) -> Graph:
    """The triples, parsed in a child process (publisher.parsechild) and read back into an rdflib graph."""
    try:
        with trusted():  # our own parser process, with a fixed command line
            triples = parsechild.to_ntriples(data, fmt, base, limits.max_triples, limits.seconds, limits.max_bytes,
                                             meanwhile, graphs)
    except parsechild.Refused as refused:
        raise _refusal(refused, fmt, source, limits, text, base) from None
    except parsechild.Stopped as stopped:
        if stopped.reason == "time":
            raise InputError(f"{source}: parsing took longer than {limits.seconds:g} s",
                             "split the contribution into smaller files, or raise --time-limit") from None
        if stopped.reason == "memory":
            raise InputError(f"{source}: parsing needed more than {parsechild.memory_limit(limits.max_bytes) >> 20} "
                             "MB of memory", "split the contribution into smaller files") from None
        raise InputError(f"{source}: the parser stopped ({stopped.reason})", "please report it with the file") \
            from None
    if not triples:
        raise InputError(f"{source}: the file holds no triples", "write the RDF description of at least one project")
    graph = new_graph(base)
    convert = Terms()
    for triple in ox.parse(triples, ox.RdfFormat.N_TRIPLES):
        graph.add((convert(triple.subject), convert(triple.predicate), convert(triple.object)))
    return graph


_IRI_REF = re.compile(r"<([^<>\s]*)>")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _relative_iri(text: str, line: int | None, column: int | None) -> str | None:
    """The relative IRI an N-Triples or N-Quads parse error points at (from its column on the line), if any."""
    if not line:
        return None
    lines = text.splitlines()
    if line > len(lines):
        return None
    found = [m for m in _IRI_REF.finditer(lines[line - 1]) if not _SCHEME.match(m.group(1))]
    after = [m for m in found if m.end() > (column or 1) - 1]
    return (after or found)[0].group(1) if found else None


def _refusal(refused: parsechild.Refused, fmt: str, source: str, limits: Limits, text: str = "",
             base: str = DEFAULT_BASE) -> InputError:
    if refused.kind == "triples":
        return InputError(f"{source}: more than {limits.max_triples} triples",
                          "split the contribution into smaller files, or raise --max-triples")
    if refused.kind == "triple-term":
        return InputError(f"{source}: {refused.message}",
                          "state the triple itself, or describe the statement with an IRI")
    where = f":{refused.line}:{refused.column}" if refused.line else ""
    message = _OXIGRAPH_POSITION.sub("", refused.message)
    relative = _relative_iri(text, refused.line, refused.column) if fmt in ("nt", "nq") else None
    if relative is not None:
        return InputError(f"{source}{where}: not valid {_NAMES[fmt]}: {_NAMES[fmt]} has no relative IRIs "
                          f"(<{relative}>: {message})",
                          f"write the full IRI <{base}{relative.lstrip('/')}>, or send Turtle (.ttl), where "
                          f"<{relative}> works")
    return InputError(f"{source}{where}: not valid {_NAMES[fmt]}: {message}", "fix the file at that place")

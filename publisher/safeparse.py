"""Parsing contributed RDF safely: bytes + format -> rdflib Graph, or an InputError naming file:line:column.

Contributed files are hostile until proven otherwise. Before any parser sees them they must be non-empty
UTF-8 text within the size limit; RDF/XML may carry no DOCTYPE or ENTITY declaration (rdflib's RDF/XML parser
is quadratic on nested internal entities); a JSON-LD @context may only be the published context, recognised
by its IRI and read from ontology/context.jsonld, or an inline one (no remote or local context is fetched).
Parsing is pyoxigraph's (strict IRIs, line and column in every Turtle or N-Triples error, no network code
reachable), inside the sandbox, and stops at the triple limit.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from converters.namespaces import CONTEXT_IRI, DEFAULT_BASE, new_graph

from . import jsonld, serializations
from .errors import InputError
from .sandbox import sandboxed

_OXIGRAPH = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
             "nq": ox.RdfFormat.N_QUADS, "xml": ox.RdfFormat.RDF_XML}
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # never in RDF text; \t \n \f \r are
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_OXIGRAPH_POSITION = re.compile(r"^Parser error at line \d+ between columns \d+ and \d+: ")
_XSD_STRING = str(XSD.string)
_NAMES = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "nq": "N-Quads", "xml": "RDF/XML"}


@dataclass(frozen=True)
class Limits:
    """How much one contributed file may weigh: bytes read, triples parsed, seconds to parse and validate."""

    max_bytes: int = 20 * 1024 * 1024
    max_triples: int = 250_000
    seconds: float = 300.0


DEFAULT_LIMITS = Limits()


def format_for(name: str, given: str | None = None) -> str:
    """The serialisation name (ttl, jsonld, nt, nq, xml) given, or the one the file name's extension says."""
    if given:
        return serializations.by_name(given).name
    found = serializations.by_extension(name)
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


def parse(data: bytes, fmt: str, source: str, base: str = DEFAULT_BASE, limits: Limits = DEFAULT_LIMITS) -> Graph:
    """The graph in `data` (format `fmt` as serializations names it), relative IRIs resolved against `base`;
    InputError "source:line:column: what; how to fix" for anything unreadable, oversized or hostile."""
    _check_size(source, data, limits)
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark, which some editors write
    text = _text(data, source)
    if fmt == "xml":
        _check_xml(text, source)
    elif fmt == "jsonld":
        data = _checked_jsonld(text, source, base)
    else:
        _check_not_other_syntax(text, fmt, source)
    with sandboxed(source, limits.seconds, "parsing"):
        return _to_rdflib(data, fmt, source, base, limits)


def _check_size(source: str, data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_bytes:
        raise InputError(f"{source}: more than {limits.max_bytes} bytes",
                         "split the contribution into smaller files, or raise --max-bytes")
    if not data.strip():
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
    start = text.lstrip()[:1]
    if start in ("{", "["):
        raise InputError(f"{source}:1:1: this is JSON, not {_NAMES[fmt]}",
                         "name a JSON-LD file .jsonld, or give --input-format jsonld")
    if text.lstrip().startswith(("<?xml", "<rdf:RDF")):
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
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as error:
        raise InputError(f"{source}:{error.lineno}:{error.offset + 1}: not well-formed XML: "
                         f"{expat.ErrorString(error.code)}", "fix the XML at that place") from None


def _checked_jsonld(text: str, source: str, base: str) -> bytes:
    """The JSON-LD document with the published context inlined; any other remote context is refused."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}:{error.lineno}:{error.colno}: not JSON: {error.msg}",
                         "fix the JSON at that place") from None
    except RecursionError:
        raise InputError(f"{source}: JSON nested too deeply", "flatten the document") from None
    if not isinstance(document, dict | list):
        raise InputError(f"{source}:1:1: not a JSON-LD document (a JSON {type(document).__name__})",
                         "write a JSON object with @context and @graph")
    published = {CONTEXT_IRI, base + "context.jsonld"}
    stack = [document]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if key == "@context":
                node[key] = _context(value, published, text, source)
            elif isinstance(value, dict | list):
                stack.append(value)
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _context(value, published: set[str], text: str, source: str):
    """One @context value with every reference to the published context replaced by its content."""
    if value is None:
        return None
    if isinstance(value, str):
        if value in published:
            return jsonld.context()
        line, column = _position(text, max(text.find(json.dumps(value)), 0))
        raise InputError(f"{source}:{line}:{column}: the JSON-LD context {json.dumps(value)} is not fetched (no "
                         "remote or local contexts)", f'use "@context": "{CONTEXT_IRI}" or put the context inline')
    if isinstance(value, list):
        return [_context(item, published, text, source) for item in value]
    if isinstance(value, dict):
        value = dict(value)
        if "@import" in value:
            imported = _context(value.pop("@import"), published, text, source)
            value = {**imported, **value}
        for term, definition in value.items():
            if isinstance(definition, dict) and "@context" in definition:
                value[term] = {**definition, "@context": _context(definition["@context"], published, text,
                                                                  source)}
        return value
    raise InputError(f"{source}: a JSON-LD @context must be an IRI, an object or a list",
                     f'use "@context": "{CONTEXT_IRI}"')


class Terms:
    """pyoxigraph terms to rdflib terms, each IRI converted once."""

    def __init__(self) -> None:
        self.iris: dict[str, URIRef] = {}

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
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=self(term.datatype))
        raise ValueError(f"triple terms (RDF-star) are not supported: {term}")


def _to_rdflib(data: bytes, fmt: str, source: str, base: str, limits: Limits) -> Graph:
    graph = new_graph(base)
    convert = Terms()
    try:
        for count, quad in enumerate(ox.parse(data, _OXIGRAPH[fmt], base_iri=base), start=1):
            if count > limits.max_triples:
                raise InputError(f"{source}: more than {limits.max_triples} triples",
                                 "split the contribution into smaller files, or raise --max-triples")
            graph.add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    except ValueError as error:
        raise InputError(f"{source}: {error}", "state the triple itself, or describe the statement with an IRI") \
            from None
    except SyntaxError as error:
        where = f":{error.lineno}:{error.offset}" if error.lineno else ""
        message = _OXIGRAPH_POSITION.sub("", str(error.msg or error))
        raise InputError(f"{source}{where}: not valid {_NAMES[fmt]}: {message}", "fix the file at that place") from None
    if not graph:
        raise InputError(f"{source}: the file holds no triples", "write the RDF description of at least one project")
    return graph

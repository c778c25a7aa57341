"""The /sparql endpoint's answers: results in the negotiated format, or the query page with a table of them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from . import sparql
from .errors import MigrationLodError, NotAcceptable
from .negotiation import negotiate
from .sparqlhttp import QueryRequest, catalog_of, status_of
from .views import Value, View

if TYPE_CHECKING:
    from .builds import Published

HTML = "text/html"
PAGE_PATH = "sparql"
DEFAULT_QUERY = """PREFIX dct: <http://purl.org/dc/terms/>
PREFIX mp: <https://w3id.org/migration-lod/vocab#>

SELECT ?project ?title WHERE {
  ?project a mp:Project .
  OPTIONAL { ?project dct:title ?title }
}
ORDER BY ?project
"""


@dataclass(frozen=True)
class SparqlAnswer:
    """What the endpoint sends back: status, body, media type and extra headers."""

    status: int
    body: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """A query's answer as the page shows it: columns and rows, a yes or no, or a graph as Turtle."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[Value | None]] = field(default_factory=list)
    boolean: bool | None = None
    text: str | None = None


def wants_html(accept: str | None) -> bool:
    """Whether the client is a browser (it prefers an HTML page to plain text)."""
    return negotiate(accept, ["text/plain", HTML]) == HTML


def answer(published: Published, request: QueryRequest | None, accept: str | None,
           error: MigrationLodError | None = None) -> SparqlAnswer:
    """Run the request's query and answer in the format asked for; refusals carry their HTTP status."""
    if error is not None or request is None:
        return _refusal(published, "", accept, error or MigrationLodError("no query"))
    if request.query is None:
        if wants_html(accept):
            return _page(published, 200, DEFAULT_QUERY if not published.pages.queries
                         else published.pages.queries[0].text)
        return _refusal(published, "", accept, MigrationLodError(
            "no query: send it as /sparql?query=… or POST it", "see the SPARQL 1.1 Protocol"), status=400)
    query = request.query
    try:
        kind = sparql.query_kind(query)
        offered = sparql.result_formats(kind)
        chosen = request.format or negotiate(accept, [*offered, HTML])
        if chosen not in (*offered, HTML):
            raise NotAcceptable(f"a {kind.upper()} answer cannot be sent as {chosen or 'any type the request accepts'}",
                                [*offered, HTML], "ask for one of them in Accept (or the format parameter)")
        if chosen == HTML:
            media = "text/turtle" if kind == "graph" else "application/sparql-results+json"
            result = sparql.execute(query, published.out, media_type=media, timeout=published.timeout,
                                    limit=published.limit, from_dataset=request.from_dataset)
            return _page(published, 200, query, table=_table(published, result.body, kind))
        result = sparql.execute(query, published.out, media_type=chosen, timeout=published.timeout,
                                limit=published.limit, from_dataset=request.from_dataset)
        return SparqlAnswer(200, result.body, result.media_type, {"Vary": "Accept"})
    except MigrationLodError as refused:
        return _refusal(published, query, accept, refused)


def _refusal(published: Published, query: str, accept: str | None, error: MigrationLodError,
             status: int | None = None) -> SparqlAnswer:
    status = status or status_of(error)
    offered = error.offered if isinstance(error, NotAcceptable) else []
    message = error.message + ("; offered: " + ", ".join(offered) if offered else "")
    text = message + (f"; {error.hint}" if error.hint else "")
    headers = {"Vary": "Accept"}
    if wants_html(accept):
        return _page(published, status, query, error=text, headers=headers)
    text += "\n"
    return SparqlAnswer(status, text.encode("utf-8"), "text/plain", headers)


def _page(published: Published, status: int, query: str, table: Table | None = None, error: str | None = None,
          headers: dict[str, str] | None = None) -> SparqlAnswer:
    pages = published.pages
    formats = sorted(set(sparql.result_formats("select")) | set(sparql.result_formats("graph")),
                     key=lambda m: (m not in sparql.result_formats("select"), m))
    body = pages.page("sparql.html", PAGE_PATH, pages.t["sparql_title"], query=query, result=table, error=error,
                      formats=formats, examples=pages.queries, dataset_graph=published.graph,
                      catalog_graph=catalog_of(published.graph))
    return SparqlAnswer(status, body.encode("utf-8"), HTML, headers or {"Vary": "Accept"})


def _table(published: Published, body: bytes, kind: str) -> Table:
    """SPARQL JSON results (or a graph's Turtle) as rows of values, IRIs of the dataset named and linked."""
    if kind == "graph":
        return Table(text=body.decode("utf-8"))
    data = json.loads(body)
    if "boolean" in data:
        return Table(boolean=bool(data["boolean"]))
    pages = published.pages
    view = View(pages.index, pages.terms, pages.lang, PAGE_PATH)
    columns = list(data["head"]["vars"])
    rows = [[_cell(view, binding.get(name)) for name in columns] for binding in data["results"]["bindings"]]
    return Table(columns=columns, rows=rows)


def _cell(view: View, term: dict | None) -> Value | None:
    if term is None:
        return None
    if term["type"] == "uri":  # shown as a prefixed name, as the query wrote it, with the label as a tooltip
        iri = URIRef(term["value"])
        try:
            shown = view.index.graph.namespace_manager.curie(iri, generate=False)
        except (KeyError, ValueError):
            shown = str(iri)
        href, external = view.href(str(iri))
        return Value(shown, href, external=external, mono=True, title=view.label(iri)[0] or None)
    if term["type"] == "literal":
        literal = Literal(term["value"], lang=term.get("xml:lang"),
                          datatype=URIRef(term["datatype"]) if "datatype" in term else None)
        return view.value(literal)
    return Value(f"_:{term['value']}" if term["type"] == "bnode" else str(term["value"]), mono=True)

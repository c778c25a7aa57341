"""The SPARQL 1.1 Protocol's request side: where the query is in a GET or POST, and what each refusal answers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs

from .errors import (
    ForbiddenQuery,
    MigrationLodError,
    NotAcceptable,
    QueryOutOfMemory,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
)
from .querycheck import tokens
from .sparqlresults import FORMATS
from .store import catalog_graph

MAX_BODY = 1 << 20  # a query is text; a megabyte is plenty
FORM = "application/x-www-form-urlencoded"
DIRECT_QUERY = "application/sparql-query"
DIRECT_UPDATE = "application/sparql-update"
_SHORT_NAMES = {f.name: f.media_type for f in FORMATS if "graph" not in f.kinds}


class ProtocolError(MigrationLodError):
    """A request the protocol cannot take, with the HTTP status that says why."""

    def __init__(self, status: int, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.status = status


@dataclass(frozen=True)
class QueryRequest:
    """A query, the result format the request names outright (the `format` parameter), if any, and whether its
    FROM names the dataset's graph (which is then the store's default graph)."""

    query: str | None
    format: str | None = None
    from_dataset: bool = False


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise ProtocolError(400, f"the request has {len(values)} '{name}' parameters", "send exactly one")
    return values[0] if values else None


def _from_params(params: dict[str, list[str]], dataset: str) -> QueryRequest:
    if "update" in params:
        raise ProtocolError(403, "updates are refused: this endpoint is read-only",
                            "ask with SELECT, ASK, CONSTRUCT or DESCRIBE")
    for graph in params.get("default-graph-uri", []):
        if graph != dataset:
            raise ProtocolError(400, f"default-graph-uri <{graph}> is not served here: the dataset is one graph, "
                                f"<{dataset}>", f"name <{dataset}>, or leave the parameter out")
    catalog = catalog_of(dataset)
    for graph in params.get("named-graph-uri", []):
        if graph != catalog:  # the catalogue, the store's one named graph, may be named; it is there anyway
            raise ProtocolError(400, f"named-graph-uri <{graph}> is not served here: the dataset is the default "
                                f"graph, <{dataset}>, and the one named graph the catalogue, <{catalog}>",
                                f"name <{catalog}>, or leave the parameter out")
    fmt = _one(params, "format") or None
    request = QueryRequest(_one(params, "query"), _SHORT_NAMES.get(fmt, fmt) if fmt else None)
    return _with_dataset(request, dataset)


def catalog_of(dataset: str) -> str:
    """The named graph the catalogue is in, beside the dataset's graph {base}dataset: {base}catalog.ttl."""
    return catalog_graph(dataset.removesuffix("dataset"))


def _with_dataset(request: QueryRequest, dataset: str) -> QueryRequest:
    """The request, knowing whether its query's FROM names the dataset's graph; FROM another graph and FROM
    NAMED another graph than the catalogue's are refused, as the store holds no other (and would answer them with
    nothing)."""
    if request.query is None:
        return request
    found, prefixes = tokens(request.query), {}
    named = False
    for i, token in enumerate(found):
        keyword = token.text.upper() if token.kind == "word" else ""
        if keyword == "PREFIX" and i + 2 < len(found) and found[i + 1].kind == "pname" and found[i + 2].kind == "iri":
            prefixes[found[i + 1].text[:-1]] = found[i + 2].text[1:-1]
        if keyword != "FROM":
            continue
        graph = found[i + 1] if i + 1 < len(found) else token
        named_graph = graph.kind == "word" and graph.text.upper() == "NAMED"
        if named_graph:
            graph = found[i + 2] if i + 2 < len(found) else graph
        iri = graph.text[1:-1] if graph.kind == "iri" else None
        if graph.kind == "pname" and graph.text.partition(":")[0] in prefixes:
            iri = prefixes[graph.text.partition(":")[0]] + graph.text.partition(":")[2]
        if named_graph:
            catalog = catalog_of(dataset)
            if iri != catalog:
                raise ProtocolError(400, f"line {graph.line}, column {graph.column}: FROM NAMED {graph.text} is not "
                                    f"served here: the dataset is the default graph, <{dataset}>, and the one "
                                    f"named graph the catalogue, <{catalog}>",
                                    f"write FROM NAMED <{catalog}>, or leave it out (GRAPH <{catalog}> finds it)")
            continue
        if iri != dataset:
            raise ProtocolError(400, f"line {graph.line}, column {graph.column}: FROM {graph.text} is not served here: "
                                f"the dataset is one graph, <{dataset}>", f"write FROM <{dataset}>, or leave it out")
        named = True
    return replace(request, from_dataset=named)


def from_get(query_string: str, dataset: str) -> QueryRequest:
    """The query of a GET /sparql?query=… (no query: the form page is wanted); `dataset` is the IRI of the
    dataset's graph, which default-graph-uri and FROM may name."""
    return _from_params(parse_qs(query_string, keep_blank_values=True), dataset)


def from_post(content_type: str | None, body: bytes, dataset: str, query_string: str = "") -> QueryRequest:
    """The query of a POST: a form (query=…) or a direct application/sparql-query body; updates are refused."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8", "send the query as UTF-8 text") from None
    if media_type == FORM:
        return _from_params(parse_qs(text, keep_blank_values=True), dataset)
    if media_type == DIRECT_QUERY:
        params = parse_qs(query_string, keep_blank_values=True)
        fmt = _from_params({k: v for k, v in params.items() if k != "query"}, dataset).format
        return _with_dataset(QueryRequest(text, fmt), dataset)
    if media_type == DIRECT_UPDATE:
        raise ProtocolError(403, "updates are refused: this endpoint is read-only",
                            "ask with SELECT, ASK, CONSTRUCT or DESCRIBE")
    raise ProtocolError(415, f"a query cannot be sent as {media_type or 'a body without Content-Type'}",
                        f"POST it as {FORM} (query=…) or as {DIRECT_QUERY}")


# Refused before running: 403; asked in a format it cannot have: 406; stopped by the time or memory limit: 503 (the
# service could not answer within its limits); a query with an error or too big an answer: 400. Anything else is
# ours: 500.
_STATUS = ((ForbiddenQuery, 403), (NotAcceptable, 406), (QueryTimeout, 503), (QueryOutOfMemory, 503),
           (QuerySyntaxError, 400), (ResultTooLarge, 400))


def status_of(error: MigrationLodError) -> int:
    """The HTTP status for a query that could not be answered."""
    if isinstance(error, ProtocolError):
        return error.status
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 500)

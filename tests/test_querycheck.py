"""Queries are inspected before they run: updates and SERVICE are refused, however they are written, and a keyword
in a string, an IRI, a comment, a variable or a prefixed name's local part is not a keyword."""

from __future__ import annotations

import http.server
import threading

import pyoxigraph as ox
import pytest

from publisher.errors import ForbiddenQuery, QuerySyntaxError
from publisher.querycheck import query_kind, tokens

TARGET = "http://127.0.0.1:{port}/sparql"

# Each of these makes pyoxigraph (or another engine) call SERVICE; every one must be refused.
SERVICE_QUERIES = {
    "plain": "SELECT * WHERE { ?s ?p ?o SERVICE <{url}> { ?a ?b ?c } }",
    "lowercase": "select * where { ?s ?p ?o service <{url}> { ?a ?b ?c } }",
    "mixed case": "SELECT * WHERE { ?s ?p ?o SeRvIcE <{url}> { ?a ?b ?c } }",
    "silent": "SELECT * WHERE { ?s ?p ?o SERVICE SILENT <{url}> { ?a ?b ?c } }",
    "no spaces": "SELECT*WHERE{?s ?p ?o SERVICE<{url}>{?a ?b ?c}}",
    "comment between": "SELECT * WHERE { ?s ?p ?o SERVICE# a comment\n<{url}> { ?a ?b ?c } }",
    "comment ended by CR": "SELECT * WHERE { ?s ?p ?o #x\rSERVICE <{url}> { ?a ?b ?c } }",
    "prefixed IRI glued": "PREFIX : <{url}#> SELECT * WHERE { ?s ?p ?o SERVICE:x { ?a ?b ?c } }",
    "prefix named like a keyword": "PREFIX x: <{url}#> SELECT * WHERE { ?s ?p ?o SERVICEx:y { ?a ?b ?c } }",
    "variable endpoint": "SELECT * WHERE { BIND(<{url}> AS ?u) SERVICE ?u { ?a ?b ?c } }",
    "in a subquery": "SELECT * WHERE { { SELECT * WHERE { ?s ?p ?o SERVICE <{url}> { ?a ?b ?c } } } }",
    "in EXISTS": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?a ?b ?c } } }",
    "ASK": "ASK { ?s ?p ?o SERVICE <{url}> { ?a ?b ?c } }",
    "CONSTRUCT": "CONSTRUCT { ?a ?b ?c } WHERE { ?s ?p ?o SERVICE <{url}> { ?a ?b ?c } }",
    "DESCRIBE": "DESCRIBE ?a WHERE { ?s ?p ?o SERVICE <{url}> { ?a ?b ?c } }",
    "relative to BASE": "BASE <{url}> SELECT * WHERE { ?s ?p ?o SERVICE <> { ?a ?b ?c } }",
    "after a string with escapes": "SELECT * WHERE { ?s ?p 'it\\'s' SERVICE <{url}> { ?a ?b ?c } }",
    "after a long string": "SELECT * WHERE { ?s ?p '''a\n'b''' SERVICE <{url}> { ?a ?b ?c } }",
    "after a local name with an escaped quote": "PREFIX e: <http://e/> SELECT * WHERE { ?s e:a\\' ?o . "
                                                "SERVICE <{url}> { ?a ?b ?c } ?s e:b\\' ?o }",
    "after a local name with an escaped hash": "PREFIX e: <http://e/> SELECT * WHERE { ?s ?p e:a\\# . "
                                               "SERVICE <{url}> { ?a ?b ?c } }",
    "after a number": "SELECT * WHERE { ?s ?p 1 SERVICE <{url}> { ?a ?b ?c } }",
    "glued to true": "SELECT * WHERE { ?s ?p trueSERVICE <{url}> { ?a ?b ?c } }",
}

# Each of these is a harmless query that merely mentions "service" or an update word; none may be refused.
HARMLESS = {
    "in a string": ("SELECT * WHERE { ?s ?p 'SERVICE <http://x/> {}' }", "select"),
    "in a long string": ('SELECT * WHERE { ?s ?p """a\nSERVICE <http://x/> { }\n""" }', "select"),
    "in a comment": ("# SERVICE <http://x/> and DELETE\nSELECT * WHERE { ?s ?p ?o }", "select"),
    "in an IRI": ("SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }", "select"),
    "a variable": ("SELECT ?service ?insert WHERE { ?service ?p ?insert }", "select"),
    "a local name": ("PREFIX schema: <https://schema.org/> SELECT * WHERE { ?s a schema:Service ; "
                     "schema:serviceType ?t }", "select"),
    "after an escaped quote in a string": ("SELECT * WHERE { ?s ?p 'don\\'t SERVICE' }", "select"),
    "ASK": ("ASK { ?s ?p ?o }", "ask"),
    "CONSTRUCT": ("construct { ?s ?p ?o } where { ?s ?p ?o }", "graph"),
    "DESCRIBE": ("PREFIX delete: <http://d/> DESCRIBE delete:x", "graph"),
}

UPDATES = [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "delete where { ?s ?p ?o }",
    "PREFIX x: <http://x/> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://g>",
    "CREATE GRAPH <http://g>",
    "ADD DEFAULT TO <http://g>",
    "MOVE <http://a> TO <http://b>",
    "COPY <http://a> TO <http://b>",
]


@pytest.fixture(scope="module")
def listener():
    """A local HTTP server that records every request it receives."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield TARGET.format(port=server.server_port), hits
    server.shutdown()


def _run_directly(query: str) -> None:
    """Run a query in pyoxigraph with nothing in between, over a store where every pattern matches."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("1")))
    try:
        result = store.query(query)
        if isinstance(result, ox.QueryBoolean):
            bool(result)
        else:
            list(result)
    except (SyntaxError, OSError):
        pass


def test_the_listener_sees_what_pyoxigraph_sends(listener):
    url, hits = listener
    before = len(hits)
    _run_directly(SERVICE_QUERIES["plain"].replace("{url}", url))
    assert len(hits) > before, "pyoxigraph no longer calls SERVICE: the evasion tests below would prove nothing"


@pytest.mark.parametrize("name", sorted(SERVICE_QUERIES))
def test_service_is_refused_however_it_is_written(name, listener):
    url, hits = listener
    query = SERVICE_QUERIES[name].replace("{url}", url)
    with pytest.raises(ForbiddenQuery, match="SERVICE is refused"):
        query_kind(query)


@pytest.mark.parametrize("name", sorted(SERVICE_QUERIES))
def test_what_the_check_lets_through_never_reaches_the_network(name, listener):
    """Variants of each evasion (the keyword spelled in a string or a comment instead) pass the check and
    pyoxigraph, run on them directly, sends nothing."""
    url, hits = listener
    query = SERVICE_QUERIES[name].replace("{url}", url)
    for harmless in (query.replace("SERVICE", "'SERVICE'", 1).replace("service", "'service'", 1),
                     query.replace("SERVICE", "#SERVICE\n", 1).replace("service", "#service\n", 1)):
        try:
            query_kind(harmless)
        except ForbiddenQuery:
            continue  # a second SERVICE remains in the query; refusing is right
        except QuerySyntaxError:
            continue
        before = len(hits)
        _run_directly(harmless)
        assert len(hits) == before, harmless


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_keywords_in_strings_comments_iris_and_names_are_not_refused(name):
    query, kind = HARMLESS[name]
    assert query_kind(query) == kind


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_with_the_operation_named(update):
    with pytest.raises(ForbiddenQuery, match=r"is an update and updates are refused") as caught:
        query_kind(update)
    assert caught.value.message.startswith("line 1, column ")


def test_a_remote_endpoint_may_get_service():
    assert query_kind("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", allow_service=True) == "select"


def test_no_query_form_is_a_syntax_error_with_its_place():
    with pytest.raises(QuerySyntaxError) as caught:
        query_kind("PREFIX x: <http://x/>\n  SELEKT * WHERE { ?s ?p ?o }")
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found 'SELEKT'" in caught.value.message
    with pytest.raises(QuerySyntaxError, match="the query is empty"):
        query_kind("  # nothing\n")


def test_tokens_know_lines_and_columns():
    found = tokens("SELECT ?x\nWHERE {\n  ?x <http://p> 'a\\'b' }")
    assert [(t.kind, t.text, t.line, t.column) for t in found] == [
        ("word", "SELECT", 1, 1), ("variable", "?x", 1, 8), ("word", "WHERE", 2, 1), ("other", "{", 2, 7),
        ("variable", "?x", 3, 3), ("iri", "<http://p>", 3, 6), ("string", "'a\\'b'", 3, 17), ("other", "}", 3, 24)]

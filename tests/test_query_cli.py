"""`migration-lod query` and `migration-lod load`: formats, exit codes, one-line errors, and the HTTP protocols
spoken to other stores (checked against small local servers here, and against Virtuoso in test_virtuoso.py)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.server
import json
import re
import shutil
import threading
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from publisher import sparql, store
from publisher.cli import main
from tests.conftest import ROOT

DUMP = ROOT / "output" / "migration-projects.nt.gz"
PROJECTS = "SELECT ?p WHERE { ?p a <https://w3id.org/migration-lod/vocab#Project> } ORDER BY ?p"
AR = "https://w3id.org/migration-lod/country/AR"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "output"
    folder.mkdir()
    shutil.copyfile(DUMP, folder / store.DUMP)
    yield folder
    sparql.shutdown()


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_a_query_as_argument_prints_csv_in_a_pipe(out):
    result = run("query", PROJECTS, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "p" and len(result.output.splitlines()) == 6


def test_a_query_from_a_file_or_stdin(out, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(PROJECTS, encoding="utf-8")
    by_file = run("query", "-f", str(path), "--out", str(out))
    by_stdin = run("query", "-", "--out", str(out), stdin=PROJECTS)
    by_file_stdin = run("query", "-f", "-", "--out", str(out), stdin=PROJECTS)
    assert by_file.exit_code == by_stdin.exit_code == by_file_stdin.exit_code == 0
    assert by_file.output == by_stdin.output == by_file_stdin.output


@pytest.mark.parametrize("fmt, marker", [("json", '"bindings"'), ("xml", "<sparql xmlns="), ("tsv", "?p\n<https"),
                                         ("csv", "p\r\nhttps"), ("table", "| project:IS.0077 |")])
def test_every_select_format(out, fmt, marker):
    result = run("query", PROJECTS, "--format", fmt, "--out", str(out))
    assert result.exit_code == 0 and marker in result.stdout_bytes.decode("utf-8")


def test_the_table_shortens_iris_and_counts_rows(out):
    result = run("query", PROJECTS, "--format", "table", "--out", str(out))
    lines = result.output.splitlines()
    assert lines[1] == "| p               |" and lines[3] == "| project:IS.0077 |" and lines[-1] == "5 rows"
    ask = run("query", f"ASK {{ <{AR}> ?p ?o }}", "--format", "table", "--out", str(out))
    assert ask.output == "yes\n"


def test_describe_prints_turtle_or_ntriples(out):
    turtle = run("query", f"DESCRIBE <{AR}>", "--out", str(out))
    nt = run("query", f"DESCRIBE <{AR}>", "--format", "nt", "--out", str(out))
    assert turtle.exit_code == nt.exit_code == 0
    assert isomorphic(Graph().parse(data=turtle.output, format="turtle"), Graph().parse(data=nt.output, format="nt"))
    assert len(nt.output.splitlines()) == 9


def test_a_format_that_does_not_fit_the_query(out):
    result = run("query", f"DESCRIBE <{AR}>", "--format", "csv", "--out", str(out))
    assert result.exit_code == 2
    assert result.output == ("error: --format csv cannot show a CONSTRUCT or DESCRIBE answer; "
                             "use --format ttl|nt|jsonld|xml\n")


def test_a_syntax_error_names_the_file_line_and_column(out, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?p\nWHERE {\n  ?p a \n}\n", encoding="utf-8")
    result = run("query", "-f", str(path), "--out", str(out))
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert result.output.startswith(f"error: {path}: line 5, column 1: syntax error, expected ")
    assert "(at the end of the query)" in result.output


@pytest.mark.parametrize("text, message", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is refused"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT is an update and updates are refused"),
])
def test_updates_and_service_exit_2(out, text, message):
    result = run("query", text, "--out", str(out))
    assert result.exit_code == 2 and message in result.output and result.output.count("\n") == 1


def test_limits_exit_4(out):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    stopped = run("query", runaway, "--timeout", "1", "--out", str(out))
    assert stopped.exit_code == 4 and "time limit of 1 s" in stopped.output
    large = run("query", "SELECT * WHERE { ?s ?p ?o }", "--max-results", "10", "--out", str(out))
    assert large.exit_code == 4 and "more than 10 results" in large.output


def test_no_dump_exits_1_and_says_to_build(tmp_path):
    result = run("query", PROJECTS, "--out", str(tmp_path / "nothing"))
    assert result.exit_code == 1 and "run `migration-lod build` first" in result.output


def test_a_query_needs_exactly_one_source(out, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(PROJECTS, encoding="utf-8")
    assert run("query", PROJECTS, "-f", str(path), "--out", str(out)).exit_code == 2
    assert run("query", "--out", str(out)).exit_code == 2


class Recorder(http.server.BaseHTTPRequestHandler):
    """A small SPARQL endpoint and Graph Store over the test's output, remembering what it was sent."""

    out: Path
    seen: list[dict]
    auth: str | None = None  # "basic" or "digest"
    user, password, realm, nonce = "dba", "s3cret", "test", "abc123"

    def log_message(self, *args):
        pass

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if self.auth == "basic":
            return header == "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        if self.auth == "digest" and header.startswith("Digest "):
            fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[7:]))
            ha1 = hashlib.md5(f"{self.user}:{self.realm}:{self.password}".encode()).hexdigest()
            ha2 = hashlib.md5(f"{self.command}:{fields.get('uri')}".encode()).hexdigest()
            expected = hashlib.md5(f"{ha1}:{self.nonce}:{fields.get('nc')}:{fields.get('cnonce')}:"
                                   f"{fields.get('qop')}:{ha2}".encode()).hexdigest()
            return fields.get("username") == self.user and fields.get("response") == expected
        return self.auth is None

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not self._authorised():
            self.send_response(401)
            challenge = (f'Basic realm="{self.realm}"' if self.auth == "basic"
                         else f'Digest realm="{self.realm}", nonce="{self.nonce}", qop="auth", algorithm="MD5"')
            self.send_header("WWW-Authenticate", challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})
        if self.path.startswith("/sparql"):
            form = urllib.parse.parse_qs(body.decode())
            result = sparql.execute(form["query"][0], self.out, media_type=self.headers["Accept"])
            payload, media_type, status = result.body, result.media_type, 200
        else:
            payload, media_type, status = b"", "text/plain", 201
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_POST = do_PUT = _answer


@pytest.fixture
def server(out):
    handler = type("Handler", (Recorder,), {"out": out, "seen": [], "auth": None})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield handler, f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_endpoint_gets_the_query_by_the_sparql_protocol(server):
    handler, url = server
    result = run("query", PROJECTS, "--format", "table", "--endpoint", f"{url}/sparql?default-graph-uri=urn:g")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "5 rows"
    sent = handler.seen[0]
    assert sent["method"] == "POST" and sent["path"] == "/sparql"
    assert sent["headers"]["Accept"] == "application/sparql-results+json"
    assert sent["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert urllib.parse.parse_qs(sent["body"].decode()) == {"default-graph-uri": ["urn:g"], "query": [PROJECTS]}
    turtle = run("query", f"DESCRIBE <{AR}>", "--endpoint", f"{url}/sparql")
    assert turtle.exit_code == 0 and handler.seen[1]["headers"]["Accept"] == "text/turtle"


def test_endpoint_errors_exit_5_in_one_line():
    result = run("query", PROJECTS, "--endpoint", "http://127.0.0.1:9/sparql")
    assert result.exit_code == 5 and result.output.count("\n") == 1 and "cannot reach the endpoint" in result.output


def _sent_graph(seen: list[dict]) -> Graph:
    graph = Graph()
    for request in seen:
        graph.parse(data=request["body"].decode("utf-8"), format="nt")
    return graph


@pytest.mark.parametrize("auth", ["basic", "digest"])
def test_load_puts_the_dump_with_the_auth_the_server_asks_for(server, out, auth):
    handler, url = server
    handler.auth = auth
    result = run("load", "--endpoint", f"{url}/store", "--graph", "https://w3id.org/migration-lod/dataset",
                 "--user", "dba", "--password", "s3cret", "--out", str(out), "--batch", "1000")
    assert result.exit_code == 0, result.output
    triples = sum(1 for line in gzip.open(DUMP) if line.strip())
    assert result.output == (f"loaded {triples} triples into graph <https://w3id.org/migration-lod/dataset> of "
                             f"{url}/store in 4 request(s)\n")
    assert [r["method"] for r in handler.seen] == ["PUT", "POST", "POST", "POST"]
    assert {r["path"] for r in handler.seen} == {"/store?graph=https%3A%2F%2Fw3id.org%2Fmigration-lod%2Fdataset"}
    assert {r["headers"]["Content-Type"] for r in handler.seen} == {"application/n-triples"}
    assert isomorphic(_sent_graph(handler.seen), Graph().parse(data=gzip.open(DUMP).read().decode(), format="nt"))


def test_load_appends_to_the_default_graph(server, out):
    handler, url = server
    result = run("load", "--endpoint", f"{url}/store", "--append", "--out", str(out))
    assert result.exit_code == 0 and "into the default graph" in result.output
    assert [(r["method"], r["path"]) for r in handler.seen] == [("POST", "/store?default")]


def test_load_with_a_wrong_password_exits_5(server, out):
    handler, url = server
    handler.auth = "digest"
    result = run("load", "--endpoint", f"{url}/store", "--user", "dba", "--password", "wrong", "--out", str(out))
    assert result.exit_code == 5 and "HTTP 401" in result.output and "--user" in result.output
    assert result.output.count("\n") == 1


def test_load_without_a_dump_exits_1(tmp_path):
    result = run("load", "--endpoint", "http://127.0.0.1:9/store", "--out", str(tmp_path))
    assert result.exit_code == 1 and "not found" in result.output


def test_json_results_from_the_endpoint_are_sparql_json(server):
    handler, url = server
    result = run("query", PROJECTS, "--format", "json", "--endpoint", f"{url}/sparql")
    assert len(json.loads(result.output)["results"]["bindings"]) == 5


def test_an_undeclared_prefix_is_named_with_its_declaration(out):
    # it was pyoxigraph's "expected one of Prefix not found, ['%'], ['-' | '0' ..= '9' | '\u{00B7}' …" on five lines
    result = run("query", "SELECT ?p WHERE {\n  ?p mp:beneficiaryCountry ?c }", "--out", str(out))
    assert result.exit_code == 2
    assert result.output == ('error: line 2, column 6: the prefix "mp:" is not declared; declare it first: '
                             "PREFIX mp: <https://w3id.org/migration-lod/vocab#>\n")


def test_a_syntax_error_is_one_line_without_character_classes(out):
    # it was "expected one of OPTIONAL, ['0'..='9'], ['A' ..= 'Z' | 'a' ..= 'z' | '\u{00C0}'..='\u{00D6}' …" on 5 lines
    result = run("query", "SELECT ?p WHERE { ?p ?q _: }", "--out", str(out))
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "\\u{" not in result.output
    assert "syntax error, expected one of OPTIONAL (near" in result.output
    result = run("query", "SELECT ?p WHERE { ?p ?q 12a }", "--out", str(out))  # "expected [_]"
    assert "syntax error, unexpected text (near" in result.output

"""`serve`: dereferenceable IRIs with content negotiation, downloads, refusals, and the SPARQL 1.1 Protocol."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, RDF

from converters.namespaces import MP
from publisher import sparql
from publisher.describe import Index
from publisher.server import make_server
from publisher.site import published_index
from tests.conftest import ROOT

BASE = "https://w3id.org/migration-lod/"
PROJECTS = "SELECT ?p WHERE { ?p a <https://w3id.org/migration-lod/vocab#Project> } ORDER BY ?p"
EXPECTED_PROJECTS = [BASE + f"project/{code}" for code in ("IS.0077", "PO.0181", "PO.0201", "RT.1296", "i-migr")]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Served:
    port: int
    out: Path

    def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                body: bytes | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()

    def get(self, path: str, accept: str | None = None) -> Response:
        return self.request("GET", path, {"Accept": accept} if accept else {})


def start(out: Path, **options) -> tuple:
    server = make_server(out, "127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, Served(server.server_address[1], out)


def stop(server) -> None:
    server.shutdown()
    server.server_close()


def copied_output(tmp_path_factory, name: str) -> Path:
    """A copy of output/ in a folder of its own, beside it a file `serve` must never give out."""
    root = tmp_path_factory.mktemp(name)
    shutil.copytree(ROOT / "output", root / "output")
    (root / "secret.txt").write_text("do not serve me", encoding="utf-8")
    return root / "output"


@contextmanager
def serving(out: Path, **options) -> Iterator[Served]:
    """`serve` over `out` in a thread of this process, stopped when the block ends."""
    server, client = start(out, **options)
    try:
        yield client
    finally:
        stop(server)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with serving(copied_output(tmp_path_factory, "serve"), timeout=2.0) as client:
        yield client
    sparql.shutdown()


@pytest.fixture(scope="module")
def index(served) -> Index:
    return published_index(served.out, BASE)


def site(served: Served, name: str) -> bytes:
    return (served.out / "site" / name).read_bytes()


# -- dereferencing ------------------------------------------------------------------------------------------

def test_every_resource_dereferences_in_every_form(served, index):
    assert len(index.resources) > 300
    for path in index.resources:
        page = served.get(f"/{path}", "text/html")
        assert (page.status, page.type, page.body) == (200, "text/html", site(served, f"{path}.html")), path
        for suffix, media_type in ((".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
                                   (".nt", "application/n-triples"), (".html", "text/html")):
            direct = served.get(f"/{path}{suffix}", "image/png")  # a suffix gives that form whatever is accepted
            assert (direct.status, direct.type, direct.body) == (200, media_type, site(served, path + suffix)), path
        turtle = served.get(f"/{path}", "text/turtle")
        assert isomorphic(Graph().parse(data=turtle.text, format="turtle"), index.description(path)), path


@pytest.mark.parametrize("accept, media_type", [
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("text/html", "text/html"),
    (None, "text/turtle"),
    ("*/*", "text/turtle"),
    ("text/*;q=0.5, application/ld+json;q=0.6", "application/ld+json"),
    ("text/html;q=0, text/*", "text/turtle"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/n-triples;charset=utf-8", "application/n-triples"),
])
def test_content_negotiation_over_http(served, accept, media_type):
    answer = served.get("/country/AR", accept)
    extension = {"text/turtle": ".ttl", "application/ld+json": ".jsonld", "application/n-triples": ".nt",
                 "text/html": ".html"}[media_type]
    assert answer.status == 200 and answer.type == media_type
    assert answer.headers["Content-Type"].endswith("charset=utf-8")
    languages = ", Accept-Language" if media_type == "text/html" else ""  # pages come in English and French
    assert answer.headers["Vary"] == f"Accept{languages}, Accept-Encoding"
    assert answer.headers["Content-Location"] == f"/country/AR{extension}"
    assert answer.body == site(served, f"country/AR{extension}")


def test_406_lists_what_is_offered(served):
    answer = served.get("/project/PO.0181", "image/png, application/rdf+xml")
    assert answer.status == 406 and answer.headers["Vary"] == "Accept"
    for media_type in ("text/turtle", "application/ld+json", "application/n-triples", "text/html"):
        assert media_type in answer.text
    page = served.get("/project/PO.0181", "text/html;q=0, image/png")
    assert page.status == 406


def test_link_header_names_the_other_forms_and_the_iri(served):
    links = served.get("/project/PO.0181", "text/turtle").headers["Link"]
    for suffix, media_type in ((".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
                               (".nt", "application/n-triples"), (".html", "text/html")):
        assert f'</project/PO.0181{suffix}>; rel="alternate"; type="{media_type}"' in links
    assert f'<{BASE}project/PO.0181>; rel="canonical"' in links
    assert "Link" in served.get("/project/PO.0181.jsonld").headers


def test_landing_page_and_dataset(served):
    assert served.get("/", "text/html").body == site(served, "index.html")
    assert served.get("/index.html").body == site(served, "index.html")
    turtle = served.get("/", "text/turtle")
    assert turtle.body == site(served, "dataset.ttl") and turtle.headers["Content-Location"] == "/dataset.ttl"
    assert served.get("/dataset", "text/html").body == site(served, "dataset.html")
    assert served.get("/vocab", "text/html").body == site(served, "vocab.html")


def test_downloads_and_the_void_description(served):
    for path in sorted(served.out.iterdir()):
        if path.is_file():
            answer = served.get(f"/{path.name}")
            assert answer.status == 200 and answer.body == path.read_bytes(), path.name
    assert served.get("/migration-projects.nt.gz").type == "application/gzip"
    assert served.get("/migration-projects.ttl").type == "text/turtle"
    void = served.get("/.well-known/void")
    assert (void.status, void.type, void.body) == (200, "text/turtle", (served.out / "catalog.ttl").read_bytes())
    assert served.get("/style.css").type == "text/css"


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/project/../../secret.txt",
    "/project/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/site/..%2f..%2fsecret.txt", "//secret.txt",
    "/site/../../secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/project/PO.0181%00.ttl",
    "/./catalog.ttl", "/site/index.html/../../../secret.txt", "/.%2e/secret.txt",
    # double-encoded, overlong UTF-8, encoded backslashes and NULs, ";" tricks, an absolute-form target
    "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/project/%252e%252e%252f%252e%252e%252fsecret.txt",
    "/%c0%ae%c0%ae/secret.txt", "/%c0%ae%c0%ae%c0%afsecret.txt", "/%2e%2e%5csecret.txt", "/site%5c..%5c..%5csecret.txt",
    "/..%00/secret.txt", "/%00/../secret.txt", "/secret.txt%00.html", "/..;/secret.txt",
    "/.well-known/../../secret.txt",
    "/sparql/../../secret.txt", "http://127.0.0.1/../secret.txt", "/%2F..%2Fsecret.txt", "/..%252f..%252fsecret.txt",
])
def test_path_traversal_is_refused(served, path):
    answer = served.request("GET", path)
    assert answer.status in (400, 404)
    assert b"do not serve me" not in answer.body


@pytest.mark.parametrize("raw", [b"/../secret.txt", b"/..\\secret.txt", b"/\x00/../secret.txt", b"/%2e%2e/secret.txt"])
def test_raw_request_lines_with_traversal_are_refused(served, raw):
    """Sent byte for byte on a socket, as no client library would let them through."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as connection:
        connection.sendall(b"GET " + raw + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    status = int(received.split(b" ", 2)[1])
    assert status in (400, 404) and b"do not serve me" not in received


def test_symbolic_links_out_of_the_output_are_not_followed(served):
    """Nothing build writes is a link; one put there by hand leads nowhere, as a file or as a folder."""
    secret = served.out.parent / "secret.txt"
    (served.out / "site" / "linked.txt").symlink_to(secret)
    (served.out / "site" / "linked-folder").symlink_to(served.out.parent, target_is_directory=True)
    (served.out / "linked-download.ttl").symlink_to(secret)
    try:
        for path in ("/linked.txt", "/linked-folder/secret.txt", "/linked-download.ttl"):
            answer = served.get(path)
            assert answer.status == 404 and b"do not serve me" not in answer.body, path
    finally:
        for name in ("site/linked.txt", "site/linked-folder", "linked-download.ttl"):
            (served.out / name).unlink()


def test_hidden_and_outside_files_are_not_served(served):
    (served.out / ".hidden").write_text("hidden", encoding="utf-8")
    assert served.get("/.hidden").status == 404
    assert served.get("/nothing/here").status == 404
    assert served.get("/project/NOPE.1", "text/turtle").status == 404


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_writing_methods_are_refused(served, method):
    answer = served.request(method, "/project/PO.0181", body=b"x")
    assert answer.status == 405 and "GET" in answer.headers["Allow"]
    assert served.request("POST", "/project/PO.0181", {"Content-Type": "text/turtle"}, b"<a> <b> <c> .").status == 405


def test_head_gives_the_headers_without_the_body(served):
    head = served.request("HEAD", "/project/PO.0181", {"Accept": "text/turtle"})
    get = served.get("/project/PO.0181", "text/turtle")
    assert head.status == 200 and head.body == b""
    assert head.headers["Content-Length"] == str(len(get.body)) and head.headers["Vary"] == "Accept, Accept-Encoding"


def test_without_the_static_site_pages_and_forms_are_rendered_the_same(served, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(served.out, out, ignore=shutil.ignore_patterns("site", ".hidden"))
    server, bare = start(out)
    try:
        for path in ("project/i-migr", "country/AR", "concept/region", "organisation/iom", "vocab", "dataset"):
            assert bare.get(f"/{path}", "text/html").body == site(served, f"{path}.html"), path
            for suffix in (".ttl", ".jsonld", ".nt"):
                assert bare.get(f"/{path}{suffix}").body == site(served, path + suffix), path
        assert bare.get("/", "text/html").body == site(served, "index.html")
    finally:
        stop(server)


def test_a_site_built_without_its_pages_has_the_same_rdf_files_and_its_pages_are_rendered(served, index, tmp_path):
    from publisher.build import build

    out = tmp_path / "output"
    build(ROOT / "seeds", out, jobs=2, html=False)
    full = {p.relative_to(served.out).as_posix() for p in (served.out / "site").rglob("*") if p.is_file()}
    files = {p.relative_to(out).as_posix() for p in (out / "site").rglob("*") if p.is_file()}
    assert files == {name for name in full if not name.endswith(".html")} and len(files) > 1000
    assert all((out / name).read_bytes() == (served.out / name).read_bytes() for name in files)
    for name in ("migration-projects.nt.gz", "migration-projects.ttl", "migration-projects.jsonld", "catalog.ttl"):
        assert (out / name).read_bytes() == (served.out / name).read_bytes(), name
    listed = [line.split("  ", 1)[1] for line in (out / "SHA256SUMS").read_text().splitlines()]
    assert {name for name in listed if name.startswith("site/")} == files
    server, bare = start(out)
    try:
        for path in index.resources:
            assert bare.get(f"/{path}", "text/html").body == site(served, f"{path}.html"), path
        assert bare.get("/", "text/html").body == site(served, "index.html")
        assert bare.get("/style.css").body == site(served, "style.css")
        assert bare.get("/project/i-migr.ttl").body == site(served, "project/i-migr.ttl")
        assert bare.get("/project/no-such-project", "text/html").status == 404
    finally:
        stop(server)


def test_pages_in_another_language_are_rendered(served):
    server, french = start(served.out, lang="fr")
    try:
        page = french.get("/project/PO.0181", "text/html").text
        assert '<html lang="fr">' in page and "Statut" in page and "Actif" in page
        assert french.get("/project/PO.0181.ttl").body == site(served, "project/PO.0181.ttl")
    finally:
        stop(server)


# -- SPARQL 1.1 Protocol ------------------------------------------------------------------------------------

def bindings(answer: Response, name: str) -> list[str]:
    return [row[name]["value"] for row in json.loads(answer.body)["results"]["bindings"]]


def test_sparql_get_answers_in_json_by_default(served):
    answer = served.get("/sparql?" + urlencode({"query": PROJECTS}), "*/*")
    assert answer.status == 200 and answer.type == "application/sparql-results+json"
    assert bindings(answer, "p") == EXPECTED_PROJECTS


@pytest.mark.parametrize("accept, media_type, marker", [
    ("text/csv", "text/csv", "p\r\nhttps://w3id.org/migration-lod/project/IS.0077\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?p\n<https://w3id.org/migration-lod/project/IS.0077>"),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<uri>https://w3id.org/migration-lod/"),
    ("application/sparql-results+json;q=0.5, text/csv;q=0.9", "text/csv", "p\r\n"),
])
def test_sparql_result_formats_by_content_negotiation(served, accept, media_type, marker):
    answer = served.get("/sparql?" + urlencode({"query": PROJECTS}), accept)
    assert answer.status == 200 and answer.type == media_type and marker in answer.text
    assert answer.headers["Vary"] == "Accept"


def test_sparql_post_as_form_and_as_direct_body(served):
    form = served.request("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": "application/sparql-results+json"},
                          urlencode({"query": PROJECTS}).encode())
    direct = served.request("POST", "/sparql", {"Content-Type": "application/sparql-query",
                                                "Accept": "application/sparql-results+json"}, PROJECTS.encode())
    assert form.status == direct.status == 200
    assert bindings(form, "p") == bindings(direct, "p") == EXPECTED_PROJECTS


def test_sparql_ask_and_construct(served):
    ask = served.get("/sparql?" + urlencode({"query": f"ASK {{ <{BASE}country/AR> ?p ?o }}"}),
                     "application/sparql-results+json")
    assert json.loads(ask.body) == {"head": {}, "boolean": True}
    construct = served.get("/sparql?" + urlencode({
        "query": f"CONSTRUCT {{ ?c ?p ?o }} WHERE {{ BIND(<{BASE}country/AR> AS ?c) ?c ?p ?o }}"}), "text/turtle")
    assert construct.status == 200 and construct.type == "text/turtle"
    assert len(Graph().parse(data=construct.text, format="turtle")) == 9
    describe = {"query": f"DESCRIBE <{BASE}country/AR>", "format": "application/n-triples"}
    nt = served.get("/sparql?" + urlencode(describe))
    assert nt.type == "application/n-triples" and nt.text.count("\n") == 9


@pytest.mark.parametrize("how", ["get", "form", "direct-update", "form-update"])
def test_sparql_updates_are_refused(served, how):
    update = f"INSERT DATA {{ <{BASE}x> <{BASE}y> <{BASE}z> }}"
    if how == "get":
        answer = served.get("/sparql?" + urlencode({"query": update}))
    elif how == "form":
        answer = served.request("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                                urlencode({"query": update}).encode())
    elif how == "direct-update":
        answer = served.request("POST", "/sparql", {"Content-Type": "application/sparql-update"}, update.encode())
    else:
        answer = served.request("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                                urlencode({"update": update}).encode())
    assert answer.status == 403 and "refused" in answer.text
    check = served.get("/sparql?" + urlencode({"query": f"ASK {{ <{BASE}x> ?p ?o }}"}),
                       "application/sparql-results+json")
    assert json.loads(check.body)["boolean"] is False


def test_sparql_service_is_refused_before_anything_is_sent(served):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    query = f"SELECT * WHERE {{ ?s ?p ?o . SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    try:
        for answer in (served.get("/sparql?" + urlencode({"query": query}), "application/sparql-results+json"),
                       served.request("POST", "/sparql", {"Content-Type": "application/sparql-query"},
                                      query.encode())):
            assert answer.status == 403 and "SERVICE is refused" in answer.text and "line 1, column" in answer.text
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()


def test_sparql_syntax_errors_give_the_line_and_column(served):
    answer = served.get("/sparql?" + urlencode({"query": "SELECT ?s\nWHERE { ?s ?p }"}), "*/*")
    assert answer.status == 400 and "line 2, column" in answer.text


def test_sparql_406_lists_the_result_formats(served):
    answer = served.get("/sparql?" + urlencode({"query": PROJECTS}), "image/png")
    assert answer.status == 406
    assert "application/sparql-results+json" in answer.text and "text/csv" in answer.text


def test_sparql_refuses_bodies_it_cannot_read(served):
    assert served.request("POST", "/sparql", {"Content-Type": "text/plain"}, PROJECTS.encode()).status == 415
    assert served.get("/sparql", "application/sparql-results+json").status == 400
    two = served.get("/sparql?" + urlencode([("query", PROJECTS), ("query", PROJECTS)]))
    assert two.status == 400


def test_a_runaway_query_is_stopped_by_the_time_limit(served):
    started = time.monotonic()
    answer = served.get("/sparql?" + urlencode({"query": RUNAWAY}), "application/sparql-results+json")
    assert answer.status == 503 and "time limit" in answer.text
    assert time.monotonic() - started < 20
    after = served.get("/sparql?" + urlencode({"query": PROJECTS}), "application/sparql-results+json")
    assert bindings(after, "p") == EXPECTED_PROJECTS


def test_the_query_page_and_results_as_a_table(served):
    form = served.get("/sparql", "text/html")
    assert form.status == 200 and "<textarea" in form.text and "<form" in form.text
    table = served.get("/sparql?" + quote("query") + "=" + quote(PROJECTS), "text/html")
    assert table.status == 200 and table.text.count("<tr>") == 6
    assert 'href="project/PO.0181.html"' in table.text
    error = served.get("/sparql?" + urlencode({"query": "SELECT ?s WHERE { ?s ?p }"}), "text/html")
    assert error.status == 400 and 'class="error"' in error.text and "line 1, column" in error.text


def test_serve_without_a_build_fails_with_one_line(tmp_path):
    from click.testing import CliRunner

    from publisher.cli import main

    result = CliRunner().invoke(main, ["serve", "--out", str(tmp_path / "nothing"), "--port", "0"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "holds no published dataset" in result.output
    assert "migration-lod build" in result.output


def test_serve_offers_the_languages_the_pages_speak():
    from publisher.cli import serve
    from publisher.templating import LANGUAGES, messages

    choices = next(p for p in serve.params if p.name == "lang").type.choices
    assert sorted(choices) == sorted(LANGUAGES)
    assert all(set(messages(lang)) == set(messages("en")) for lang in LANGUAGES)


def test_browsers_get_error_pages_whose_links_work_where_they_are(served):
    page = served.get("/project/NOPE.1", "text/html")
    assert page.status == 404 and page.type == "text/html"
    assert 'href="../style.css"' in page.text and 'href="../index.html"' in page.text
    assert 'rel="canonical"' not in page.text  # it named the missing resource's IRI the page's own address
    assert served.get("/project/NOPE.1", "*/*").type == "text/plain"


def test_a_build_under_another_base_is_served_at_the_same_paths(tmp_path):
    from click.testing import CliRunner

    from publisher.cli import main
    from tests.conftest import SEEDS

    out, base = tmp_path / "output", "http://example.org/lod/"
    built = CliRunner().invoke(main, ["build", "--seeds", str(SEEDS), "--out", str(out), "--base", base, "-j", "2"])
    assert built.exit_code == 0, built.output
    server, client = start(out)
    try:
        turtle = client.get("/project/PO.0181", "text/turtle")
        graph = Graph().parse(data=turtle.text, format="turtle")
        assert (URIRef(base + "project/PO.0181"), RDF.type, MP.Project) in graph
        assert f'<{base}project/PO.0181>; rel="canonical"' in turtle.headers["Link"]
        page = client.get("/country/AR", "text/html")
        assert f'<link rel="canonical" href="{base}country/AR">' in page.text
        assert client.get("/vocab", "text/html").status == 200
        dataset = Graph().parse(data=client.get("/dataset.nt").text, format="nt")
        assert (URIRef(base + "dataset"), RDF.type, DCAT.Dataset) in dataset
    finally:
        stop(server)
        sparql.shutdown()

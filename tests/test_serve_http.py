"""`serve` as HTTP clients beyond a plain GET use it: CORS, validators and 304, redirects, the dataset graph."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from publisher import sparql
from tests.conftest import ROOT
from tests.test_serve import BASE, start, stop

ORIGIN = {"Origin": "https://yasgui.example"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = tmp_path_factory.mktemp("serve-http") / "output"
    shutil.copytree(ROOT / "output", out)
    server, client = start(out, timeout=5.0)
    yield client
    stop(server)
    sparql.shutdown()


# -- CORS ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path", "headers"), [
    ("GET", "/sparql?" + urlencode({"query": "ASK {}"}), {}),
    ("HEAD", "/project/PO.0181", {"Accept": "application/ld+json"}),
    ("GET", "/project/PO.0181.ttl", {}),
    ("GET", "/migration-projects.nt.gz", {}),
    ("GET", "/.well-known/void", {}),
    ("GET", "/project/NOPE.0000", {}),
])
def test_every_answer_may_be_read_by_a_script_of_any_origin(served, method, path, headers):
    answer = served.request(method, path, {**ORIGIN, **headers})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    exposed = {name.strip() for name in answer.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"Link", "Content-Location", "Vary", "ETag"} <= exposed


def test_a_sparql_post_from_a_script_gets_cors_headers(served):
    answer = served.request("POST", "/sparql", {**ORIGIN, "Content-Type": "application/sparql-query",
                                                "Accept": "application/sparql-results+json"}, b"ASK {}")
    assert answer.status == 200 and answer.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/sparql", "/project/PO.0181", "/migration-projects.ttl"])
def test_a_preflight_is_answered_with_what_a_script_may_send(served, path):
    answer = served.request("OPTIONS", path, {**ORIGIN, "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type"})
    assert answer.status == 204 and answer.body == b""
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert set(answer.headers["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {
        "GET", "HEAD", "POST", "OPTIONS"}
    assert {"accept", "content-type"} <= set(answer.headers["Access-Control-Allow-Headers"].lower()
                                              .replace(" ", "").split(","))
    assert int(answer.headers["Access-Control-Max-Age"]) > 0
    assert served.get("/project/PO.0181.ttl").status == 200  # still served after it


# -- validators and conditional requests --------------------------------------------------------------------

def _sha256(served, name: str) -> str:
    return hashlib.sha256((served.out / name).read_bytes()).hexdigest()


def test_files_carry_their_sha256_as_etag_with_last_modified_and_cache_control(served):
    answer = served.get("/migration-projects.ttl")
    sums = dict(reversed(line.split("  ")) for line in (served.out / "SHA256SUMS").read_text().splitlines())
    assert answer.headers["ETag"] == f'"{sums["migration-projects.ttl"]}"'
    assert parsedate_to_datetime(answer.headers["Last-Modified"]).timestamp() == int(
        (served.out / "migration-projects.ttl").stat().st_mtime)
    assert answer.headers["Cache-Control"].startswith("public, max-age=")
    page = served.get("/project/PO.0181.ttl")
    assert page.headers["ETag"] == f'"{_sha256(served, "site/project/PO.0181.ttl")}"'


def test_each_negotiated_form_has_its_own_etag(served):
    tags = {served.get("/project/PO.0181", accept).headers["ETag"]
            for accept in ("text/turtle", "application/ld+json", "application/n-triples", "text/html")}
    assert len(tags) == 4
    negotiated = served.get("/project/PO.0181", "application/ld+json")
    assert negotiated.headers["ETag"] == served.get("/project/PO.0181.jsonld").headers["ETag"]


@pytest.mark.parametrize("path", ["/project/PO.0181.ttl", "/migration-projects.nt.gz", "/", "/country/AR",
                                  "/.well-known/void"])
def test_if_none_match_gets_304(served, path):
    first = served.get(path)
    assert first.status == 200
    etag = first.headers["ETag"]
    for sent in (etag, f'"other", {etag}', "*", f"W/{etag}"):
        again = served.request("GET", path, {"If-None-Match": sent})
        assert again.status == 304 and again.body == b"", sent
        assert again.headers["ETag"] == etag and "Content-Length" not in again.headers
    assert served.request("GET", path, {"If-None-Match": '"other"'}).status == 200
    assert served.request("HEAD", path, {"If-None-Match": etag}).status == 304


def test_a_negotiated_304_keeps_vary_and_content_location(served):
    first = served.get("/project/PO.0181", "text/turtle")
    again = served.request("GET", "/project/PO.0181", {"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]})
    assert again.status == 304 and again.headers["Vary"] == "Accept, Accept-Encoding"
    assert again.headers["Content-Location"] == "/project/PO.0181.ttl"
    other = served.request("GET", "/project/PO.0181", {"Accept": "text/html", "If-None-Match": first.headers["ETag"]})
    assert other.status == 200 and other.type == "text/html"


def test_if_modified_since_gets_304_unless_if_none_match_says_otherwise(served):
    first = served.get("/project/PO.0181.ttl")
    modified = first.headers["Last-Modified"]
    assert served.request("GET", "/project/PO.0181.ttl", {"If-Modified-Since": modified}).status == 304
    assert served.request("GET", "/project/PO.0181.ttl",
                          {"If-Modified-Since": "Wed, 01 Jan 2031 00:00:00 GMT"}).status == 304
    assert served.request("GET", "/project/PO.0181.ttl",
                          {"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}).status == 200
    assert served.request("GET", "/project/PO.0181.ttl", {"If-Modified-Since": "yesterday"}).status == 200
    # If-None-Match takes precedence (RFC 9110 §13.2.2)
    assert served.request("GET", "/project/PO.0181.ttl",
                          {"If-Modified-Since": modified, "If-None-Match": '"other"'}).status == 200


def test_errors_and_query_answers_carry_no_validators(served):
    assert "ETag" not in served.get("/project/NOPE.0000").headers
    assert served.request("GET", "/project/NOPE.0000", {"If-None-Match": "*"}).status == 404


# -- trailing slashes and folders ---------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "target"), [
    ("/project/PO.0181/", "/project/PO.0181"), ("/country/AR/", "/country/AR"), ("/vocab/", "/vocab"),
    ("/project/PO.0181.ttl/", "/project/PO.0181.ttl"), ("/sparql/?query=ASK%7B%7D", "/sparql?query=ASK%7B%7D"),
])
def test_a_trailing_slash_redirects_to_the_resource(served, path, target):
    answer = served.get(path)
    assert answer.status == 301 and answer.headers["Location"] == target
    assert served.get(target).status == 200


@pytest.mark.parametrize(("path", "up"), [("/project/", "../"), ("/country/", "../"), ("/organisation/", "../"),
                                        ("/project/NOPE.0000/", "../../")])
def test_a_folder_is_a_404_that_points_to_the_landing_page(served, path, up):
    answer = served.get(path)
    assert answer.status == 404 and "landing page" in answer.text
    page = served.get(path, "text/html")
    assert page.status == 404
    assert f'href="{up}index.html"' in page.text and f'href="{up}style.css"' in page.text  # links work from there


@pytest.mark.parametrize("path", ["/project/./", "/project/../", "/%2e%2e/"])
def test_empty_and_dot_segments_with_a_trailing_slash_are_still_refused(served, path):
    assert served.get(path).status == 400


# -- the dataset's graph ------------------------------------------------------------------------------------

def _count(answer) -> int:
    assert answer.status == 200, answer.text
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


def test_default_graph_uri_and_from_naming_the_dataset_graph_give_the_whole_dataset(served):
    graph = BASE + "dataset"
    plain = _count(served.get("/sparql?" + urlencode({"query": COUNT})))
    assert plain > 1000
    assert _count(served.get("/sparql?" + urlencode({"query": COUNT, "default-graph-uri": graph}))) == plain
    from_ = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    assert _count(served.get("/sparql?" + urlencode({"query": from_}))) == plain
    prefixed = f"PREFIX g: <{BASE}>\nSELECT (COUNT(*) AS ?n) FROM g:dataset WHERE {{ ?s ?p ?o }}"
    assert _count(served.get("/sparql?" + urlencode({"query": prefixed}))) == plain
    assert _count(served.request("POST", "/sparql?" + urlencode({"default-graph-uri": graph}),
                                 {"Content-Type": "application/sparql-query"}, from_.encode())) == plain
    assert _count(served.request("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                                 urlencode({"query": COUNT, "default-graph-uri": graph}).encode())) == plain


@pytest.mark.parametrize("params", [
    {"query": COUNT, "default-graph-uri": "urn:other"},
    {"query": COUNT, "named-graph-uri": BASE + "dataset"},
    {"query": "SELECT (COUNT(*) AS ?n) FROM <urn:other> WHERE { ?s ?p ?o }"},
    {"query": f"SELECT (COUNT(*) AS ?n) FROM NAMED <{BASE}dataset> WHERE {{ ?s ?p ?o }}"},
])
def test_other_graphs_are_refused_naming_the_one_accepted(served, params):
    answer = served.get("/sparql?" + urlencode(params))
    assert answer.status == 400 and f"<{BASE}dataset>" in answer.text


def test_from_in_a_string_or_a_comment_is_not_a_dataset_clause(served):
    query = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != "FROM <urn:x>") } # FROM <urn:y>'
    assert _count(served.get("/sparql?" + urlencode({"query": query}))) > 1000


# -- the endpoint in the catalogue --------------------------------------------------------------------------

def test_the_catalogue_declares_the_sparql_endpoint(served):
    graph = Graph().parse(data=served.get("/.well-known/void").body, format="turtle")
    dataset, endpoint = URIRef(BASE + "dataset"), URIRef(BASE + "sparql")
    assert (dataset, VOID.sparqlEndpoint, endpoint) in graph
    services = set(graph.subjects(RDF.type, DCAT.DataService))
    assert len(services) == 1
    service = services.pop()
    assert (service, DCAT.endpointURL, endpoint) in graph and (service, DCAT.servesDataset, dataset) in graph
    assert (service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")) in graph
    assert served.get("/" + endpoint.removeprefix(BASE) + "?" + urlencode({"query": "ASK {}"})).status == 200


# -- the shapes ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/shapes", "/shapes/project", "/shapes/reference"])
def test_the_shape_iris_dereference_to_the_shapes(served, path):
    shapes = (served.out / "shapes.ttl").read_bytes()
    turtle = served.get(path, "text/turtle")
    assert turtle.status == 200 and turtle.type == "text/turtle" and turtle.body == shapes
    assert turtle.headers["Vary"] == "Accept, Accept-Encoding" and "ETag" in turtle.headers
    expected = Graph().parse(data=shapes, format="turtle")
    for accept, fmt in (("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        answer = served.get(path, accept)
        assert answer.status == 200 and answer.type == accept
        assert len(Graph().parse(data=answer.body, format=fmt)) == len(expected)
    page = served.get(path, "text/html,application/xhtml+xml,*/*;q=0.8")
    assert page.status == 200 and page.type == "text/plain" and page.body == shapes
    assert served.get(path, "image/png").status == 406


def test_every_shape_the_validation_report_names_resolves(served):
    report = Graph().parse(served.out / "validation-report.ttl", format="turtle")
    shapes = {str(o) for o in report.objects(None, URIRef("http://www.w3.org/ns/shacl#sourceShape"))
              if str(o).startswith(BASE)}
    assert shapes
    for shape in sorted(shapes)[:20]:
        assert served.get("/" + shape.removeprefix(BASE).split("#")[0], "text/turtle").status == 200, shape


@pytest.mark.parametrize("path", ["/shapes/nothing", "/shapes/project/x"])
def test_other_paths_under_shapes_are_404(served, path):
    assert served.get(path).status == 404
    assert served.get("/shapes.ttl").status == 200  # the download stays where it was


# -- byte ranges and gzip -----------------------------------------------------------------------------------

def test_a_range_gets_those_bytes_with_206(served):
    whole = (served.out / "migration-projects.ttl").read_bytes()
    size = len(whole)
    for sent, first, last in (("bytes=0-99", 0, 99), ("bytes=100-", 100, size - 1), ("bytes=-50", size - 50, size - 1),
                              (f"bytes=10-{size + 500}", 10, size - 1)):
        answer = served.request("GET", "/migration-projects.ttl", {"Range": sent})
        assert answer.status == 206, sent
        assert answer.body == whole[first:last + 1]
        assert answer.headers["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert served.get("/migration-projects.ttl").headers["Accept-Ranges"] == "bytes"
    gz = (served.out / "migration-projects.nt.gz").read_bytes()
    answer = served.request("GET", "/migration-projects.nt.gz", {"Range": "bytes=1-2"})
    assert answer.status == 206 and answer.body == gz[1:3]


def test_an_unsatisfiable_range_gets_416_and_a_stale_if_range_the_whole(served):
    size = (served.out / "migration-projects.ttl").stat().st_size
    answer = served.request("GET", "/migration-projects.ttl", {"Range": f"bytes={size}-"})
    assert answer.status == 416 and answer.headers["Content-Range"] == f"bytes */{size}"
    etag = served.get("/migration-projects.ttl").headers["ETag"]
    assert served.request("GET", "/migration-projects.ttl", {"Range": "bytes=0-9", "If-Range": etag}).status == 206
    stale = served.request("GET", "/migration-projects.ttl", {"Range": "bytes=0-9", "If-Range": '"old"'})
    assert stale.status == 200 and len(stale.body) == size
    assert served.request("GET", "/migration-projects.ttl", {"Range": "bytes=0-1,5-6"}).status == 200
    assert served.request("GET", "/migration-projects.ttl", {"Range": "lines=1-2"}).status == 200


@pytest.mark.parametrize(("path", "accept"), [("/migration-projects.ttl", None), ("/project/PO.0181", "text/turtle"),
                                              ("/project/PO.0181", "text/html"), ("/migration-projects.jsonld", None)])
def test_text_forms_are_gzipped_for_clients_that_take_it(served, path, accept):
    plain = served.get(path, accept)
    headers = {"Accept-Encoding": "gzip, br", **({"Accept": accept} if accept else {})}
    packed = served.request("GET", path, headers)
    assert packed.status == 200 and packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.body) == plain.body and len(packed.body) < len(plain.body)
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["ETag"] != plain.headers["ETag"]
    again = served.request("GET", path, {**headers, "If-None-Match": packed.headers["ETag"]})
    assert again.status == 304
    assert served.request("GET", path, {**headers, "Accept-Encoding": "gzip;q=0"}).body == plain.body


def test_binary_downloads_are_not_gzipped_again(served):
    answer = served.request("GET", "/migration-projects.nt.gz", {"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in answer.headers
    assert answer.body == (served.out / "migration-projects.nt.gz").read_bytes()


@pytest.mark.parametrize("sent", ["bytes=" + "9" * 5000 + "-", "bytes=-" + "9" * 5000, "bytes=5-1", "bytes=-",
                                  "bytes=a-b", "bytes=--1"])
def test_hostile_ranges_are_ignored(served, sent):
    answer = served.request("GET", "/project/PO.0181.ttl", {"Range": sent})
    assert answer.status == 200 and answer.body == (served.out / "site/project/PO.0181.ttl").read_bytes()


def test_a_text_file_past_the_gzip_limit_is_sent_as_it_is(served, monkeypatch):
    # the whole-dataset Turtle of 100,000 projects weighs hundreds of megabytes: it was read whole and gzipped in
    # memory for each client that takes gzip
    from publisher import delivery

    size = (served.out / "migration-projects.ttl").stat().st_size
    monkeypatch.setattr(delivery, "GZIP_MAX", size - 1)
    answer = served.request("GET", "/migration-projects.ttl", {"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in answer.headers and answer.headers["Accept-Ranges"] == "bytes"
    assert answer.body == (served.out / "migration-projects.ttl").read_bytes()


def test_a_range_of_a_file_reads_only_its_bytes(tmp_path):
    # a range of a dump of gigabytes read the whole file to slice it
    from publisher.server import Handler

    path = tmp_path / "big.ttl"
    path.write_bytes(bytes(range(256)) * 64)
    asked = []

    class Recording(io.FileIO):
        def read(self, size=-1):
            asked.append(size)
            return super().read(size)

    assert Handler._part(Recording(path), 5, 14) == (bytes(range(256)) * 64)[5:15]
    assert asked == [10]

"""`serve` as HTTP clients beyond a plain GET use it: CORS, validators and 304, redirects, the dataset graph."""

from __future__ import annotations

import shutil
from urllib.parse import urlencode

import pytest

from publisher import sparql
from tests.conftest import ROOT
from tests.test_serve import start, stop

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

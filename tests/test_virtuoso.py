"""A real store: a private Virtuoso (Debian's virtuoso-opensource) gets the dump through `migration-lod load`
(Graph Store Protocol, digest auth on /sparql-graph-crud-auth) and answers every example query exactly as the
embedded store does."""

from __future__ import annotations

import gzip
import random
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher import endpoint, sparql, store
from publisher.cli import main
from publisher.examples import example_queries
from publisher.resulttable import NUMBERS
from tests.conftest import ROOT

GRAPH = "https://w3id.org/migration-lod/dataset"
PASSWORD = "MigrationLod4Test"  # an SQL identifier: SET PASSWORD takes no quotes or dashes
JSON = "application/sparql-results+json"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 8
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 30
"""


def _free_ports(count: int) -> list[int]:
    """Ports below 32768 (out of the kernel's ephemeral range) that nothing listens on right now."""
    ports: list[int] = []
    while len(ports) < count:
        port = random.randrange(20000, 32000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        if port not in ports:
            ports.append(port)
    return ports


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"virtuoso-t exited with {process.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    pytest.fail(f"Virtuoso did not come up:\n{log.read_text(errors='replace')[-2000:]}")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A private Virtuoso on 127.0.0.1 with its own virtuoso.ini and database, the DBA password set."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not server or not isql:
        pytest.skip("virtuoso-t or isql-vt is not installed (Debian package virtuoso-opensource; .ci/run installs it)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = _free_ports(2)
    vsp = VSP if VSP.is_dir() else folder
    (folder / "virtuoso.ini").write_text(INI.format(dir=folder, sql_port=sql_port, http_port=http_port, vsp=vsp))
    log = folder / "console.log"
    with log.open("wb") as console:
        process = subprocess.Popen([server, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                                   cwd=folder, stdout=console, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", process, log, time.monotonic() + 60)
        done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec=SET PASSWORD dba {PASSWORD};"],
                              capture_output=True, text=True, timeout=30)
        assert done.returncode == 0 and "Error" not in done.stdout + done.stderr, done.stdout + done.stderr
        yield f"http://127.0.0.1:{http_port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def loaded(virtuoso, tmp_path_factory):
    """Virtuoso holding the dump, put there by `migration-lod load`, and an output folder for the embedded store."""
    out = tmp_path_factory.mktemp("published") / "output"
    out.mkdir()
    shutil.copyfile(ROOT / "output" / store.DUMP, out / store.DUMP)
    result = CliRunner().invoke(main, ["load", "--endpoint", f"{virtuoso}/sparql-graph-crud-auth", "--graph", GRAPH,
                                       "--user", "dba", "--password", PASSWORD, "--out", str(out)])
    assert result.exit_code == 0, result.output
    yield virtuoso, out
    sparql.shutdown()


def _term(term: dict | None) -> tuple | None:
    """One value as both stores should agree on it: numbers by value, plain strings without xsd:string, and
    SPARQL 1.0's "typed-literal" read as a literal."""
    if term is None:
        return None
    if term["type"] == "bnode":
        return ("bnode",)
    if term["type"] == "uri":
        return ("uri", term["value"])
    datatype = term.get("datatype")
    if datatype in NUMBERS:
        return ("number", Decimal(term["value"]))
    return ("literal", term["value"], None if datatype == XSD_STRING else datatype, term.get("xml:lang"))


def _table(body: bytes) -> tuple[list[str], list[tuple]]:
    import json

    results = json.loads(body)
    variables = results["head"]["vars"]
    return variables, [tuple(_term(b.get(v)) for v in variables) for b in results["results"]["bindings"]]


def test_load_put_every_triple_into_virtuoso(loaded):
    url, out = loaded
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    _, rows = _table(endpoint.remote_query(f"{url}/sparql", count, JSON).body)
    assert rows == [(("number", Decimal(store.ensure(out).triples)),)]


def test_load_with_the_wrong_password_is_refused(loaded):
    url, out = loaded
    result = CliRunner().invoke(main, ["load", "--endpoint", f"{url}/sparql-graph-crud-auth", "--graph", GRAPH,
                                       "--user", "dba", "--password", "wrong", "--out", str(out)])
    assert result.exit_code == 5 and "HTTP 401" in result.output


@pytest.mark.parametrize("example", example_queries(), ids=lambda e: e.name)
def test_virtuoso_answers_each_example_as_the_embedded_store_does(loaded, example):
    url, out = loaded
    embedded = _table(sparql.execute(example.text, out, media_type=JSON).body)
    remote = _table(endpoint.remote_query(f"{url}/sparql?default-graph-uri={GRAPH}", example.text, JSON).body)
    assert embedded[1], f"{example.name} has no answer to compare"
    assert remote == embedded


def test_the_query_command_reaches_virtuoso(loaded):
    url, _ = loaded
    example = next(e for e in example_queries() if e.name == "budget-by-region")
    result = CliRunner().invoke(main, ["query", example.text, "--format", "table",
                                       "--endpoint", f"{url}/sparql?default-graph-uri={GRAPH}"])
    assert result.exit_code == 0, result.output
    assert "| Latin America and the Caribbean | USD      | 855000 |        3 |" in result.output


def test_load_sends_batches_of_megabytes_to_a_store_that_asks_for_a_password(loaded, tmp_path):
    # Virtuoso sends its 401 and closes the connection before reading a large body: a batch of 50,000 triples (6 MB)
    # was a broken pipe ("cannot reach the endpoint") until the challenge was learnt first, with a HEAD request
    url, _ = loaded
    out = tmp_path / "output"
    out.mkdir()
    lines = "".join(f'<https://w3id.org/migration-lod/test/s{n}> <https://w3id.org/migration-lod/test/p> '
                    f'"value {n}, long enough for the batch to weigh megabytes as real descriptions do" .\n'
                    for n in range(60_000))
    with gzip.open(out / store.DUMP, "wt", encoding="utf-8") as handle:
        handle.write(lines)
    graph = "https://w3id.org/migration-lod/test-graph"
    result = CliRunner().invoke(main, ["load", "--endpoint", f"{url}/sparql-graph-crud-auth", "--graph", graph,
                                       "--user", "dba", "--password", PASSWORD, "--out", str(out)])
    assert result.exit_code == 0, result.output
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    _, rows = _table(endpoint.remote_query(f"{url}/sparql", count, JSON).body)
    assert rows == [(("number", Decimal(60_000)),)]

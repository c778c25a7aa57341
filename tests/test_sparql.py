"""The SPARQL execution module: formats, errors, limits that really stop queries, and the on-disk store's life."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from publisher import sparql, store
from publisher.errors import (
    ForbiddenQuery,
    NotAcceptable,
    QueryOutOfMemory,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    StoreError,
)
from tests.conftest import ROOT

DUMP = ROOT / "output" / "migration-projects.nt.gz"
TRIPLES = sum(1 for line in gzip.open(DUMP) if line.strip())
AR = "https://w3id.org/migration-lod/country/AR"
PROJECTS = "SELECT ?p WHERE { ?p a <https://w3id.org/migration-lod/vocab#Project> } ORDER BY ?p"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """An output folder holding a copy of the published dump (its store is built beside it, in the tmp dir)."""
    folder = tmp_path_factory.mktemp("published") / "output"
    folder.mkdir()
    shutil.copyfile(DUMP, folder / store.DUMP)
    yield folder
    sparql.shutdown()


def _workers(db_root: Path) -> set[int]:
    """Pids of the live worker processes serving the stores under `db_root`."""
    pids = set()
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().split(") ", 1)[1][0]
        except (OSError, IndexError, ValueError):
            continue
        if b"publisher.sparqlworker" in argv and any(str(db_root).encode() in a for a in argv) and state != "Z":
            pids.add(int(proc.name))
    return pids


def test_select_in_every_format(out):
    offered = sparql.result_formats("select")
    assert offered[0] == "application/sparql-results+json"
    expected = [f"https://w3id.org/migration-lod/project/{c}" for c in ("IS.0077", "PO.0181", "PO.0201", "RT.1296",
                                                                         "i-migr")]
    for media_type in offered:
        result = sparql.execute(PROJECTS, out, media_type=media_type)
        assert result.media_type == media_type
        if media_type == "text/csv":
            rows = list(csv.reader(io.StringIO(result.body.decode("utf-8"), newline="")))
            assert rows == [["p"]] + [[iri] for iri in expected]
            assert result.body.count(b"\r\n") == 6
            continue
        fmt = ox.QueryResultsFormat.from_media_type(media_type)
        parsed = ox.parse_query_results(result.body, format=fmt)
        assert [row["p"].value for row in parsed] == expected


def test_literals_keep_their_language_and_datatype(out):
    query = (f"SELECT ?label ?m49 WHERE {{ <{AR}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?label ; "
             "<https://w3id.org/migration-lod/vocab#m49Code> ?m49 FILTER(LANG(?label) = 'fr') }")
    body = json.loads(sparql.execute(query, out).body)
    assert body["results"]["bindings"] == [{"label": {"type": "literal", "value": "Argentine", "xml:lang": "fr"},
                                            "m49": {"type": "literal", "value": "032"}}]
    xml = sparql.execute(query, out, media_type="application/sparql-results+xml").body.decode()
    assert '<literal xml:lang="fr">Argentine</literal>' in xml
    tsv = sparql.execute(query, out, media_type="text/tab-separated-values").body.decode()
    assert tsv == '?label\t?m49\n"Argentine"@fr\t"032"\n'


def test_ask_in_every_format(out):
    for media_type in sparql.result_formats("ask"):
        yes = sparql.execute(f"ASK {{ <{AR}> ?p ?o }}", out, media_type=media_type).body
        no = sparql.execute("ASK { <http://nowhere/> ?p ?o }", out, media_type=media_type).body
        assert b"true" in yes and b"false" in no
    assert json.loads(sparql.execute(f"ASK {{ <{AR}> ?p ?o }}", out).body) == {"head": {}, "boolean": True}


def test_describe_and_construct_give_the_dumps_triples(out):
    dump = Graph().parse(data=gzip.open(DUMP).read().decode("utf-8"), format="nt")
    expected = Graph()
    for triple in dump.triples((URIRef(AR), None, None)):
        expected.add(triple)
    assert len(expected) == 9
    for media_type, rdflib_format in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                      ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")):
        result = sparql.execute(f"DESCRIBE <{AR}>", out, media_type=media_type)
        assert result.media_type == media_type
        assert isomorphic(Graph().parse(data=result.body, format=rdflib_format), expected), media_type
    nt = sparql.execute(f"CONSTRUCT WHERE {{ <{AR}> ?p ?o }}", out, media_type="application/n-triples").body
    lines = nt.decode().splitlines()
    assert lines == sorted(lines) and len(lines) == 9


def test_turtle_answers_use_the_querys_prefixes(out):
    body = sparql.execute("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                          f"CONSTRUCT {{ <{AR}> skos:prefLabel ?l }} WHERE {{ <{AR}> skos:prefLabel ?l }}",
                          out).body.decode()
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in body and "skos:prefLabel" in body


def test_a_format_the_query_cannot_have_lists_what_is_offered(out):
    with pytest.raises(NotAcceptable) as caught:
        sparql.execute(PROJECTS, out, media_type="text/turtle")
    assert caught.value.offered == sparql.result_formats("select")
    assert "application/sparql-results+json" in str(caught.value)
    with pytest.raises(NotAcceptable):
        sparql.execute(f"DESCRIBE <{AR}>", out, media_type="application/sparql-results+json")
    assert sparql.execute(PROJECTS, out, media_type="text/csv; charset=utf-8").media_type == "text/csv"


def test_syntax_errors_give_line_and_column(out):
    with pytest.raises(QuerySyntaxError) as caught:
        sparql.execute("SELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }", out)
    assert (caught.value.line, caught.value.column) == (4, 18)  # pyoxigraph names where it gave up: the line's end
    assert caught.value.message.startswith("line 4, column 18: syntax error")
    assert "FILTER(?o = ) }" in caught.value.message


def test_updates_and_service_are_refused_before_anything_runs(out):
    with pytest.raises(ForbiddenQuery):
        sparql.execute("DELETE WHERE { ?s ?p ?o }", out)
    with pytest.raises(ForbiddenQuery):
        sparql.execute("SELECT * WHERE { service <http://127.0.0.1:9/> { ?s ?p ?o } }", out)
    assert len(sparql.execute(PROJECTS, out, media_type="text/csv").body.splitlines()) == 6


def test_a_runaway_query_is_stopped_and_its_worker_killed(out):
    sparql.execute("ASK { ?s ?p ?o }", out)  # a worker is up and idle
    before = _workers(out.parent)
    assert before
    with pytest.raises(QueryTimeout, match="time limit of 1 s"):
        sparql.execute(RUNAWAY, out, timeout=1.0)
    after = _workers(out.parent)
    assert after < before and len(after) == len(before) - 1, "the worker that ran it is still alive"
    assert len(sparql.execute(PROJECTS, out, media_type="text/csv").body.splitlines()) == 6  # a fresh worker


def test_a_worker_killed_from_outside_fails_that_query_only(out):
    sparql.execute("ASK { ?s ?p ?o }", out)
    marker = store.ensure(out).root / "store.json"
    built = marker.stat().st_mtime_ns
    failures: list[Exception] = []

    def run_away() -> None:
        try:
            sparql.execute(RUNAWAY, out, timeout=60)
        except StoreError as error:
            failures.append(error)

    thread = threading.Thread(target=run_away)
    thread.start()
    while thread.is_alive() and not failures:
        for pid in _workers(out.parent):
            if (Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]) == "R":  # the one running the query
                os.kill(pid, signal.SIGKILL)
        thread.join(timeout=0.2)
    thread.join()
    assert len(failures) == 1 and "its worker process ended (killed by signal 9)" in str(failures[0])
    assert len(sparql.execute(PROJECTS, out, media_type="text/csv").body.splitlines()) == 6
    assert marker.stat().st_mtime_ns == built  # the store was not taken for damaged


def test_a_worker_stops_itself_when_nobody_is_left_to_kill_it(out):
    """The kernel timer ends a runaway query even if the process that started the worker is gone."""
    info = store.ensure(out)
    to_child, from_parent = os.pipe()
    to_parent, from_child = os.pipe()
    worker = subprocess.Popen([sys.executable, "-m", "publisher.sparqlworker", str(info.db), str(to_child),
                               str(from_child), str(sparql.WORKER_MEMORY)], pass_fds=(to_child, from_child), cwd=ROOT)
    os.close(to_child)
    os.close(from_child)
    requests, replies = Connection(from_parent, readable=False), Connection(to_parent, writable=False)
    assert json.loads(replies.recv_bytes()) == {"ready": True}
    requests.send_bytes(json.dumps({"query": RUNAWAY, "media_type": "application/sparql-results+json",
                                    "limit": 10, "timeout": 0.5}).encode())
    try:
        assert worker.wait(timeout=60) == -signal.SIGALRM
    finally:
        worker.kill()


def test_results_past_the_limit_are_refused(out):
    everything = "SELECT * WHERE { ?s ?p ?o }"
    answer = json.loads(sparql.execute(everything, out, limit=TRIPLES).body)
    assert len(answer["results"]["bindings"]) == TRIPLES
    with pytest.raises(ResultTooLarge, match=f"more than {TRIPLES - 1} results"):
        sparql.execute(everything, out, limit=TRIPLES - 1)
    with pytest.raises(ResultTooLarge):
        sparql.execute("CONSTRUCT WHERE { ?s ?p ?o }", out, limit=100)


def test_queries_from_many_threads_share_the_pool(out):
    answers: list[bytes] = []

    def ask() -> None:
        answers.append(sparql.execute(PROJECTS, out, media_type="text/csv").body)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 6 and len(set(answers)) == 1
    assert len(_workers(out.parent)) <= sparql.WORKERS


def test_no_dump_says_to_build_first(tmp_path):
    with pytest.raises(StoreError, match="run `migration-lod build` first"):
        sparql.execute(PROJECTS, tmp_path)


def _count(out: Path) -> int:
    return int(json.loads(sparql.execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", out).body)
               ["results"]["bindings"][0]["n"]["value"])


def test_the_store_is_built_once_beside_the_output_and_rebuilt_when_the_dump_changes(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    shutil.copyfile(DUMP, out / store.DUMP)
    assert _count(out) == TRIPLES
    stores = tmp_path / store.STORE_DIR
    first = next(stores.glob("output-*"))
    marker = json.loads((first / "store.json").read_text())
    assert marker["sha256"] == store.dump_sha256(out / store.DUMP) and marker["triples"] == TRIPLES
    assert not any(p.name.startswith(".") for p in out.iterdir())  # nothing written into the output
    built = (first / "store.json").stat().st_mtime_ns
    assert _count(out) == TRIPLES and (first / "store.json").stat().st_mtime_ns == built

    lines = [line for line in gzip.open(DUMP).read().splitlines(keepends=True) if b"/country/" not in line]
    (out / store.DUMP).write_bytes(gzip.compress(b"".join(lines)))
    assert _count(out) == len(lines) < TRIPLES
    sparql.shutdown()
    store.ensure(out)  # its clean-up now finds the first store unleased
    assert [p.name for p in stores.iterdir() if p.is_dir()] == [f"output-{store.dump_sha256(out / store.DUMP)[:16]}"]


def _built_store(tmp_path):
    """An output holding the seeds' dump, and the store a query built for it (its workers stopped)."""
    out = tmp_path / "output"
    out.mkdir()
    shutil.copyfile(DUMP, out / store.DUMP)
    assert _count(out) == TRIPLES
    sparql.shutdown()
    return out, next((tmp_path / store.STORE_DIR).glob("output-*"))


@pytest.mark.parametrize("damage", ["garbled files", "missing marker", "missing database"])
def test_a_damaged_store_is_rebuilt(tmp_path, damage):
    out, root = _built_store(tmp_path)
    if damage == "garbled files":
        for path in (root / "db").iterdir():
            if path.suffix == ".sst" or path.name.startswith(("MANIFEST", "CURRENT")):
                path.write_bytes(b"\0garbage" * 64)
    elif damage == "missing marker":
        (root / "store.json").unlink()
    else:
        shutil.rmtree(root / "db")
    assert _count(out) == TRIPLES
    assert json.loads((root / "store.json").read_text())["triples"] == TRIPLES


@pytest.mark.parametrize("stale", ["triple count", "pyoxigraph version", "dump checksum"])
def test_a_store_whose_marker_does_not_match_is_rebuilt(tmp_path, stale):
    """A store loaded only in part, by another pyoxigraph, or from another dump is not used: it is built again
    (its marker's triple count is checked by counting, since the files' digest covers it)."""
    out, root = _built_store(tmp_path)
    marker = json.loads((root / "store.json").read_text())
    key, value = {"triple count": ("triples", TRIPLES - 1), "pyoxigraph version": ("pyoxigraph", "0.0.1"),
                  "dump checksum": ("sha256", "0" * 64)}[stale]
    (root / "store.json").write_text(json.dumps({**marker, key: value}))
    assert _count(out) == TRIPLES
    again = json.loads((root / "store.json").read_text())
    assert again.pop("files") and {k: v for k, v in marker.items() if k != "files"} == again  # files of a new build


def test_a_store_half_built_by_a_killed_process_is_cleared_away(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    shutil.copyfile(DUMP, out / store.DUMP)
    stores = tmp_path / store.STORE_DIR
    leftover = stores / f".output-{store.dump_sha256(out / store.DUMP)[:16]}.building-99999"
    (leftover / "db").mkdir(parents=True)
    (leftover / "db" / "000001.sst").write_bytes(b"half a table")
    assert _count(out) == TRIPLES
    assert not leftover.exists() and [p.name for p in stores.iterdir() if p.is_dir()] == [
        f"output-{store.dump_sha256(out / store.DUMP)[:16]}"]


def test_a_store_damaged_while_its_workers_run_keeps_answering(tmp_path):
    """Damage under a live pool (as under `serve`): the queries after it still get the right answer, from the
    files the workers hold open or from a store built again."""
    out = tmp_path / "output"
    out.mkdir()
    shutil.copyfile(DUMP, out / store.DUMP)
    assert _count(out) == TRIPLES
    root = next((tmp_path / store.STORE_DIR).glob("output-*"))
    for path in (root / "db").iterdir():
        if path.suffix == ".sst" or path.name.startswith(("MANIFEST", "CURRENT")):
            path.write_bytes(b"\0garbage" * 64)
    counts: list[int] = []
    threads = [threading.Thread(target=lambda: counts.append(_count(out))) for _ in range(sparql.WORKERS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert counts == [TRIPLES] * (sparql.WORKERS + 1)
    sparql.shutdown()
    assert _count(out) == TRIPLES  # and a new pool opens a sound store


def test_a_query_past_the_memory_limit_is_stopped_and_its_worker_replaced(out):
    """ORDER BY over a cartesian product would take gigabytes before its time limit; the worker's heap is capped."""
    with pytest.raises(QueryOutOfMemory, match=r"^the query needed more than 1024 MB of memory and was stopped"):
        sparql.execute("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1", out, timeout=60)
    assert _count(out) == TRIPLES


def test_an_honest_query_is_answered_while_runaways_hold_every_worker(out):
    """Workers go to queries in the order they came: the honest query gets the first worker a runaway frees (when
    the time limit kills it) and then has its own full time limit to run."""
    failures: list[Exception] = []

    def runaway():
        try:
            sparql.execute(RUNAWAY, out, timeout=2)
        except QueryTimeout as error:
            failures.append(error)

    runaways = [threading.Thread(target=runaway) for _ in range(sparql.WORKERS)]
    for thread in runaways:
        thread.start()
    time.sleep(0.5)  # every worker now runs a runaway
    assert json.loads(sparql.execute(PROJECTS, out, timeout=2).body)["results"]["bindings"]
    for thread in runaways:
        thread.join(timeout=60)
    assert len(failures) == sparql.WORKERS
    assert all("ran past its time limit of 2 s" in str(error) for error in failures)

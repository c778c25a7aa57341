"""The bench's steps, each run in a child process by bench.measure (`python -m bench.steps STEP ARGS…`); each
prints JSON records as it goes, so a step stopped at its time limit still tells how far it got.

    build SEEDS OUT JOBS [site|no-pages|no-site]  the build, as `migration-lod build --keep-going [--no-…]`
    floor DUMP                 pyoxigraph parsing the dump and writing it out again: the I/O floor (median of 3)
    oxigraph OUT QUERY…        the query command's on-disk store (built from the dump) and each query on it
    memory DUMP QUERY…         the dump in an in-memory pyoxigraph store, and each query on it
    rdflib DUMP [LIMIT] QUERY… the same dump in one rdflib graph, and each query with rdflib's engine
    site OUT JOBS              the static site alone, written again from a built OUT's dump into a copy of OUT
    probe                      a fixed pure-Python workload (the median of 5): how fast the CPU is just now
"""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from .measure import emit

REPEATS = 3  # each query runs this often in pyoxigraph (once in rdflib); the median counts
SLOW = 5.0  # seconds: a query this slow runs once
FLOOR_REPEATS = 3  # the floor (a few seconds at 10,000 pages) is timed this often; the median counts


def build(seeds: str, out: str, jobs: str, site: str = "site") -> None:
    from publisher.build import build as run_build

    started = time.perf_counter()
    result = run_build(Path(seeds), Path(out), jobs=int(jobs), keep_going=True, site=site != "no-site",
                       html=site == "site")
    emit("build", wall=time.perf_counter() - started, pages=result.pages, published=len(result.published),
         skipped=len(result.skipped), triples=result.triples, seconds=result.seconds,
         findings=len(result.report.findings), skipped_lines=result.skipped[:5])


def site(out: str, jobs: str) -> None:
    from converters.namespaces import DEFAULT_BASE
    from publisher.site import DUMP, SITE, write_site

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "output"
        shutil.copytree(out, copy, ignore=shutil.ignore_patterns(SITE))

        def lines():
            with gzip.open(copy / DUMP, "rt", encoding="utf-8", newline="\n") as handle:
                yield from handle

        started = time.perf_counter()
        files = write_site(copy, lines, DEFAULT_BASE, int(jobs))
        emit("site", seconds=time.perf_counter() - started, files=files)


def floor(dump: str) -> None:
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "dump.nt"
        with gzip.open(dump, "rb") as source, plain.open("wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
        started = time.perf_counter()
        count = sum(1 for _ in ox.parse(path=plain, format=ox.RdfFormat.N_TRIPLES))
        parsed = time.perf_counter() - started
        runs = []
        for _ in range(FLOOR_REPEATS):
            started = time.perf_counter()
            ox.serialize(ox.parse(path=plain, format=ox.RdfFormat.N_TRIPLES), output=Path(folder) / "again.nt",
                         format=ox.RdfFormat.N_TRIPLES)
            runs.append(time.perf_counter() - started)
        emit("floor", parse=parsed, parse_and_write=statistics.median(runs), runs=runs, triples=count)


def oxigraph(out: str, *queries: str) -> None:
    """The query command's store: on disk, built from the dump on first use, opened read-only."""
    import pyoxigraph as ox

    from publisher import store

    started = time.perf_counter()
    info = store.ensure(Path(out))
    emit("load", seconds=time.perf_counter() - started, triples=info.triples)
    database = ox.Store.read_only(str(info.root / "db"))
    for path in queries:
        _time_queries(path, lambda text: _rows(database.query(text)))


def memory(dump: str, *queries: str) -> None:
    """The dump loaded into an in-memory pyoxigraph store."""
    import pyoxigraph as ox

    started = time.perf_counter()
    database = ox.Store()
    with gzip.open(dump, "rb") as data:
        database.bulk_load(data, ox.RdfFormat.N_TRIPLES)
    emit("load", seconds=time.perf_counter() - started, triples=len(database))
    for path in queries:
        _time_queries(path, lambda text: _rows(database.query(text)))


def rdflib(dump: str, *arguments: str) -> None:
    """rdflib's graph of the dump, then each query in a forked process stopped past the limit (the first
    argument after the dump, in seconds, when it is a number)."""
    from rdflib import Graph

    limit, queries = (float(arguments[0]), arguments[1:]) if arguments and not arguments[0].endswith(".rq") \
        else (None, arguments)
    started = time.perf_counter()
    graph = Graph()
    with gzip.open(dump, "rt", encoding="utf-8") as handle:
        graph.parse(data=handle.read(), format="nt")
    emit("load", seconds=time.perf_counter() - started, triples=len(graph))
    def answer(text: str) -> int:
        return len(list(graph.query(text)))

    for path in queries:
        _forked(partial(_time_queries, path, answer, repeats=1), path, limit)


def _forked(work, path: str, limit: float | None) -> None:
    """Run `work` in a forked child; past `limit` seconds kill it and say the query was skipped."""
    pid = os.fork()
    if pid == 0:
        try:
            work()
        finally:
            os._exit(0)
    started = time.perf_counter()
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if limit is not None and time.perf_counter() - started > limit:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            emit("query-skipped", query=Path(path).stem, limit=limit)
            return
        time.sleep(0.05)


def _time_queries(path: str, run, repeats: int = REPEATS) -> None:
    text = Path(path).read_text(encoding="utf-8")
    times, rows = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        rows = run(text)
        times.append(time.perf_counter() - started)
        emit("query-run", query=Path(path).stem, seconds=times[-1])
        if times[-1] > SLOW:
            break  # a slow query's first time says enough
    emit("query", query=Path(path).stem, seconds=statistics.median(times), rows=rows, runs=times)


def _rows(result) -> int:
    return sum(1 for _ in result) if not isinstance(result, bool) else 1


PROBE_REPEATS, PROBE_LOOPS = 5, 2_000_000


def probe() -> None:
    """The same pure-Python work every time, timed: run before each build, it tells a slower machine from a
    slower build (on this virtual machine it took 0.42 s idle and 0.50 to 0.63 s between builds)."""
    runs = []
    for _ in range(PROBE_REPEATS):
        started = time.perf_counter()
        total, table = 0, {}
        for number in range(PROBE_LOOPS):
            key = number % 1031
            table[key] = table.get(key, 0) + number * number % 7
            total += key
        runs.append(time.perf_counter() - started)
    emit("probe", seconds=statistics.median(runs), runs=runs)


STEPS = {"probe": probe, "build": build, "site": site, "floor": floor, "oxigraph": oxigraph, "memory": memory,
         "rdflib": rdflib}

if __name__ == "__main__":
    STEPS[sys.argv[1]](*sys.argv[2:])

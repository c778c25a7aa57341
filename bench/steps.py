"""The bench's steps, each run in a child process by bench.measure (`python -m bench.steps STEP ARGS…`); each
prints JSON records as it goes, so a step stopped at its time limit still tells how far it got.

    build SEEDS OUT JOBS       the build, as `migration-lod build --keep-going`
    floor DUMP                 pyoxigraph parsing the dump and writing it out again: the I/O floor
    oxigraph OUT QUERY…        the query command's store (loaded from the dump) and each query on it
    rdflib DUMP QUERY…         the same dump in one rdflib graph, and each query with rdflib's engine
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .measure import emit

REPEATS = 3  # each query runs this often; the median counts


def build(seeds: str, out: str, jobs: str) -> None:
    from publisher.build import build as run_build

    started = time.perf_counter()
    result = run_build(Path(seeds), Path(out), jobs=int(jobs), keep_going=True)
    emit("build", wall=time.perf_counter() - started, pages=result.pages, published=len(result.published),
         skipped=len(result.skipped), triples=result.triples, seconds=result.seconds,
         findings=len(result.report.findings), skipped_lines=result.skipped[:5])


def floor(dump: str) -> None:
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "dump.nt"
        with gzip.open(dump, "rb") as source, plain.open("wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
        started = time.perf_counter()
        count = sum(1 for _ in ox.parse(path=plain, format=ox.RdfFormat.N_TRIPLES))
        parsed = time.perf_counter() - started
        started = time.perf_counter()
        ox.serialize(ox.parse(path=plain, format=ox.RdfFormat.N_TRIPLES), output=Path(folder) / "again.nt",
                     format=ox.RdfFormat.N_TRIPLES)
        emit("floor", parse=parsed, parse_and_write=time.perf_counter() - started, triples=count)


def oxigraph(out: str, *queries: str) -> None:
    import pyoxigraph as ox

    from publisher import store

    started = time.perf_counter()
    info = store.ensure(Path(out))
    emit("load", seconds=time.perf_counter() - started, triples=info.triples)
    database = ox.Store.read_only(str(info.root / "db"))
    for path in queries:
        _time_queries(path, lambda text: _rows(database.query(text)))


def rdflib(dump: str, *queries: str) -> None:
    from rdflib import Graph

    started = time.perf_counter()
    graph = Graph()
    with gzip.open(dump, "rt", encoding="utf-8") as handle:
        graph.parse(data=handle.read(), format="nt")
    emit("load", seconds=time.perf_counter() - started, triples=len(graph))
    for path in queries:
        _time_queries(path, lambda text: len(list(graph.query(text))))


def _time_queries(path: str, run) -> None:
    text = Path(path).read_text(encoding="utf-8")
    times, rows = [], 0
    for _ in range(REPEATS):
        started = time.perf_counter()
        rows = run(text)
        times.append(time.perf_counter() - started)
        emit("query-run", query=Path(path).stem, seconds=times[-1])
    emit("query", query=Path(path).stem, seconds=statistics.median(times), rows=rows, runs=times)


def _rows(result) -> int:
    return sum(1 for _ in result) if not isinstance(result, bool) else 1


STEPS = {"build": build, "floor": floor, "oxigraph": oxigraph, "rdflib": rdflib}

if __name__ == "__main__":
    STEPS[sys.argv[1]](*sys.argv[2:])

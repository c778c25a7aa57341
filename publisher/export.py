"""Writing the published files: sorted N-Triples dump, Turtle, JSON-LD, checksums (DESIGN section 6).

The whole-dataset files are written in one pass over the sorted, distinct N-Triples lines (a merge of the
workers' sorted runs), one subject at a time: memory does not grow with the dataset, and no RDF library
holds it. The dump is compressed in a second thread, since zlib lets go of the interpreter while it works.
"""

from __future__ import annotations

import gzip
import hashlib
import queue
import threading
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

from rdflib import Graph

from converters.namespaces import new_graph, prefixes

from . import jsonld, ntriples, turtle
from .statistics import Statistics

DUMP = "migration-projects.nt.gz"
TURTLE = "migration-projects.ttl"
JSONLD = "migration-projects.jsonld"
CHECKSUMS = "SHA256SUMS"
GZIP_LEVEL = 6  # zlib's default: a third of level 9's time, about 5 % larger here


def ntriples_lines(graph: Graph) -> list[str]:
    """A graph as N-Triples lines (each ending in a newline), sorted."""
    return ntriples.lines(graph)


def write_dump(path: Path, lines: Iterable[str]) -> None:
    """Gzip the sorted N-Triples with no timestamp or file name in the header, so bytes repeat."""
    with _Compressor(path) as dump:
        for line in lines:
            dump.write(line)


def graph_from_lines(lines: Iterable[str], base: str) -> Graph:
    """An rdflib graph of N-Triples lines, with the project's prefixes bound (for small datasets and tests)."""
    graph = new_graph(base)
    graph.parse(data="".join(lines), format="nt")
    return graph


def write_turtle(path: Path, graph: Graph) -> None:
    """A graph as Turtle, written the way the dataset is (publisher.turtle)."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        turtle.write(handle, ntriples.lines(graph), _prefixes(graph))


def write_jsonld(path: Path, graph: Graph) -> None:
    """A graph as JSON-LD, one node object per line."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        jsonld.write_nodes(handle, jsonld.nodes_of_lines(ntriples.lines(graph)))


def write_dataset(folder: Path, lines: Iterable[str], base: str) -> Statistics:
    """Write the dump, the Turtle and the JSON-LD of sorted, distinct N-Triples lines into `folder`, in one
    pass; returns the dataset's statistics."""
    stats = Statistics()
    with (_Compressor(folder / DUMP) as dump,
          (folder / TURTLE).open("w", encoding="utf-8", newline="\n") as ttl,
          (folder / JSONLD).open("w", encoding="utf-8", newline="\n") as json_ld):
        writer = turtle.Writer(ttl, prefixes(base))
        subjects = groupby(map(ntriples.split, _copied(lines, dump)), key=lambda triple: triple[0])

        def nodes() -> Iterator[dict]:
            for subject, group in subjects:
                pairs = [(predicate, obj) for _, predicate, obj in group]
                stats.add(subject, pairs)
                writer.block(subject, pairs)
                yield jsonld.node_of_pairs(compactor, subject, pairs)

        compactor = jsonld.Compactor(jsonld.context())
        jsonld.write_nodes(json_ld, nodes())
    return stats


def _copied(lines: Iterable[str], dump: _Compressor) -> Iterator[str]:
    for line in lines:
        dump.write(line)
        yield line


def _prefixes(graph: Graph) -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}


class _Compressor:
    """A gzip file (no name or time in its header) written by a second thread from 1 MB pieces."""

    PIECE = 1 << 20

    def __init__(self, path: Path) -> None:
        self.raw = path.open("wb")
        self.gzip = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, mtime=0, compresslevel=GZIP_LEVEL)
        self.pieces: queue.Queue = queue.Queue(maxsize=8)
        self.buffer: list[str] = []
        self.size = 0
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name="gzip", daemon=True)
        self.thread.start()

    def write(self, text: str) -> None:
        self.buffer.append(text)
        self.size += len(text)
        if self.size >= self.PIECE:
            self._flush()

    def _flush(self) -> None:
        if self.failure:
            raise self.failure
        self.pieces.put("".join(self.buffer).encode("utf-8"))
        self.buffer, self.size = [], 0

    def _work(self) -> None:
        while (piece := self.pieces.get()) is not None:
            try:
                self.gzip.write(piece)
            except BaseException as error:  # handed to the writing thread at its next piece
                self.failure = error

    def __enter__(self) -> _Compressor:
        return self

    def __exit__(self, *exc) -> None:
        try:
            if not exc[0]:
                self._flush()
        finally:
            self.pieces.put(None)
            self.thread.join()
            self.gzip.close()
            self.raw.close()
        if self.failure and not exc[0]:
            raise self.failure


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MB pieces."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(root: Path) -> None:
    """SHA256SUMS over every other file under `root`, in `sha256sum -c` format, sorted by path."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != CHECKSUMS)
    lines = [f"{sha256(p)}  {p.relative_to(root).as_posix()}\n" for p in files]
    (root / CHECKSUMS).write_text("".join(lines), encoding="utf-8")

"""Writing the published files: sorted N-Triples dump, Turtle, JSON-LD, checksums (DESIGN section 6).

The whole-dataset files are written in one pass over the sorted, distinct N-Triples lines (a merge of the
workers' sorted runs), one subject at a time: memory does not grow with the dataset, and no RDF library
holds it. The dump is compressed in a second thread, since zlib lets go of the interpreter while it works, with
zlib-ng: at level 7, in 0.67 s for 10,000 pages (128 MB of N-Triples) into 8.8 MB, where zlib's default level
took 1.17 s for 9.0 MB (gzip either way: any gzip reader reads it).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import groupby
from pathlib import Path

from rdflib import Graph
from zlib_ng import gzip_ng

from converters.namespaces import new_graph, prefixes

from . import jsonld, ntriples, turtle
from .collecting import collect_fully_rarely
from .statistics import Statistics

DUMP = "migration-projects.nt.gz"
TURTLE = "migration-projects.ttl"
JSONLD = "migration-projects.jsonld"
CHECKSUMS = "SHA256SUMS"
GZIP_LEVEL = 7  # zlib-ng's 7: 1.2 times its 6's time, 6 % smaller; 8 took 1.5 times as long for 3 % less


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


def write_dataset(folder: Path, lines: Callable[[], Iterable[str]], base: str, jobs: int = 1,
                  meanwhile: Callable[[], object] | None = None,
                  pieces: Callable[[], Iterator[tuple[str, int, str, str]]] | None = None) -> Statistics:
    """Write the dump, the Turtle and the JSON-LD of the sorted, distinct N-Triples lines that `lines()` gives
    into `folder`, in one pass over them (with the `pieces` made of them already: see write_files); returns the
    dataset's statistics. With jobs > 1 and `meanwhile` (work of this process's own, called once in any case),
    a forked process writes them while this one does it."""
    if not (jobs > 1 and meanwhile is not None and can_fork()):
        stats = write_files(folder, lines, base, pieces)
        if meanwhile is not None:
            meanwhile()
        return stats
    writer = Child(write_files, folder, lines, base, pieces)
    try:
        meanwhile()
        return writer.result()
    finally:
        writer.stop()


def write_files(folder: Path, lines: Callable[[], Iterable[str]], base: str,
                pieces: Callable[[], Iterator[tuple[str, int, str, str]]] | None = None, counted: bool = True
                ) -> Statistics:
    """The dump, the Turtle and the JSON-LD of the dataset in one pass over its lines (each subject's split once
    for the three); returns its statistics (none counted, unless `counted`: a build counts them in its own pass).
    `pieces()`: subjects' Turtle blocks and JSON-LD node objects made already, in the lines' order of subjects
    (publisher.pagedocs.pieces), each with its number of lines: one is written for a subject with as many lines
    in the data (the same lines, since the data holds them all)."""
    stats = Statistics()
    count = stats.add if counted else _uncounted
    made = pieces() if pieces else iter(())
    ahead = next(made, None)
    with (_Compressor(folder / DUMP) as dump,
          (folder / TURTLE).open("w", encoding="utf-8", newline="\n") as ttl,
          (folder / JSONLD).open("w", encoding="utf-8", newline="\n") as json_ld):
        writer = turtle.Writer(ttl, prefixes(base))
        nodes = jsonld.Writer(json_ld)
        for subject, group in groupby(map(ntriples.split, _copied(lines(), dump)), key=_subject):
            pairs = [(predicate, obj) for _, predicate, obj in group]
            count(subject, pairs)
            while ahead is not None and ahead[0] < subject:
                ahead = next(made, None)
            if ahead is not None and ahead[0] == subject and ahead[1] == len(pairs):
                ttl.write(ahead[2])
                nodes.line(ahead[3])
            else:
                writer.block(subject, pairs)
                nodes.block(subject, pairs)
        nodes.close()
    return stats


def _subject(triple: tuple[str, str, str]) -> str:
    return triple[0]


def _uncounted(subject: str, pairs: list) -> None:
    pass


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def forked(function: Callable, arguments: Iterable[tuple]) -> list:
    """function(*args) for each tuple of `arguments`, each in a forked process of its own (see Child), all at
    once; their results in order. Every process is stopped once any has failed."""
    children = [Child(function, *args) for args in arguments]
    try:
        return [child.result() for child in children]
    finally:
        for child in children:
            child.stop()


class Child:
    """function(*args) run in a forked process, which sees this one's data as it is now (nothing is pickled on
    the way in); its result, or its error, comes back through a pipe."""

    def __init__(self, function: Callable, *args) -> None:
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_child, args=(sender, function, args), daemon=True)
        self.process.start()
        sender.close()

    def result(self):
        try:
            done, value = self.receiver.recv()
        except EOFError:
            self.process.join()
            raise RuntimeError(f"a writer process stopped with exit code {self.process.exitcode}") from None
        if not done:
            raise value
        return value

    def ready(self) -> bool:
        """True once result() would not wait."""
        return self.receiver.poll()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.receiver.close()


def _child(sender, function: Callable, args: tuple) -> None:
    # What the child inherits is never collected here: a collection would walk it all and write into each
    # object, copying every page of the parent (renaming the organisations in a 10,000-page build's run files
    # took 1.3 s for 0.3 s of work); what it makes and keeps (object texts…) is walked rarely (publisher.collecting).
    collect_fully_rarely()
    try:
        sender.send((True, function(*args)))
    except BaseException as error:  # handed to the parent, which raises it
        sender.send((False, error))
    finally:
        sender.close()


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
        self.gzip = gzip_ng.GzipFile(filename="", mode="wb", fileobj=self.raw, mtime=0, compresslevel=GZIP_LEVEL)
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


def write_checksums(root: Path, known: Mapping[str, str] | None = None) -> None:
    """SHA256SUMS over every other file under `root`, in `sha256sum -c` format, sorted by path (component by
    component, as paths sort). `known` gives the SHA-256 of files just written (by path under `root`), which
    are not read again."""
    known = known or {}
    found = []
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            relative = name if prefix == "." else f"{prefix}/{name}"
            if relative in known or (name != CHECKSUMS and (Path(folder) / name).is_file()):
                found.append(relative)
    found.sort(key=lambda relative: relative.replace("/", "\0"))  # as split("/") sorts, without 800,000 lists
    with (root / CHECKSUMS).open("w", encoding="utf-8", newline="\n") as handle:
        for relative in found:
            handle.write(f"{known.get(relative) or sha256(root / relative)}  {relative}\n")

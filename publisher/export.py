"""Writing the published files: sorted N-Triples dump, Turtle, JSON-LD, checksums (DESIGN section 6)."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from converters.namespaces import new_graph

from . import jsonld

DUMP = "migration-projects.nt.gz"
TURTLE = "migration-projects.ttl"
JSONLD = "migration-projects.jsonld"
CHECKSUMS = "SHA256SUMS"


def ntriples_lines(graph: Graph) -> list[str]:
    """A graph as N-Triples lines (each ending in a newline), sorted."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line + "\n" for line in text.splitlines() if line.strip())


def write_dump(path: Path, lines: Iterable[str]) -> None:
    """Gzip the sorted N-Triples with no timestamp or file name in the header, so bytes repeat."""
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        for line in lines:
            handle.write(line.encode("utf-8"))


def graph_from_lines(lines: Iterable[str], base: str) -> Graph:
    """An rdflib graph of N-Triples lines, with the project's prefixes bound."""
    graph = new_graph(base)
    graph.parse(data="".join(lines), format="nt")
    return graph


def write_turtle(path: Path, graph: Graph) -> None:
    path.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))


def write_jsonld(path: Path, graph: Graph) -> None:
    jsonld.write(path, sorted(graph))


def sha256(path: Path) -> str:
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

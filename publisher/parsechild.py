"""Parsing contributed RDF in a child process that the time limit can kill and whose memory is capped.

pyoxigraph cannot be interrupted: a hostile JSON-LD file (a scoped context of many terms applied to many nodes)
keeps it busy for minutes inside one call, where Python's alarm never runs, and a JSON-LD @graph is held whole
before its first triple comes out. So the parse runs here, in a child with an address-space limit and a CPU
limit of its own: it counts triples as they come, stops at the triple limit, and only then hands the triples
back as N-Triples, which the caller reads again in a single pass that cannot go wrong in the same ways.

Run as `python -m publisher.parsechild FORMAT BASE MAX_TRIPLES SECONDS MEMORY_BYTES`, the data on standard input;
N-Triples on standard output, or one JSON line on standard error and exit code 2 when the data is refused.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
           "nq": ox.RdfFormat.N_QUADS, "xml": ox.RdfFormat.RDF_XML}
REFUSED = 2
MEMORY_FLOOR = 256 << 20
MEMORY_PER_BYTE = 40  # a JSON-LD @graph of tiny nodes, held whole by the parser, takes about 27 bytes per byte


class Refused(Exception):
    """The child refused the data: `kind` is "syntax", "triples" or "triple-term"; line and column for syntax."""

    def __init__(self, kind: str, message: str = "", line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.line, self.column = kind, message, line, column


class Stopped(Exception):
    """The child ran out of time or memory, or ended without an answer."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def memory_limit(max_bytes: int) -> int:
    """The address space the child may use for a file of at most `max_bytes`."""
    return MEMORY_FLOOR + MEMORY_PER_BYTE * max_bytes


def to_ntriples(data: bytes, fmt: str, base: str, max_triples: int, seconds: float, max_bytes: int,
                meanwhile: Callable[[], object] | None = None, graphs: list[str | None] | None = None) -> bytes:
    """The triples of `data` as N-Triples, parsed in a child process; Refused or Stopped when it cannot be.
    `meanwhile`: the caller's own work, done while the child parses (the child reads and writes files, not
    pipes, so it never waits for the caller). `graphs` gets the first graph name of the data, if a statement is
    in a named graph (None for a blank node's), which N-Triples cannot keep."""
    package_root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "publisher.parsechild", fmt, base, str(max_triples), f"{seconds:g}",
               str(memory_limit(max_bytes))]
    with tempfile.TemporaryFile() as given, tempfile.TemporaryFile() as answer:
        given.write(data)
        given.seek(0)
        process = subprocess.Popen(command, stdin=given, stdout=answer, stderr=subprocess.PIPE, env=env)
        try:
            if meanwhile is not None:
                meanwhile()
            _, err = process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            raise Stopped("time") from None
        finally:  # also when the caller's own alarm interrupts the wait, or its work fails
            if process.poll() is None:
                process.kill()
                process.wait()
        answer.seek(0)
        out = answer.read() if process.returncode == 0 else b""
    if process.returncode == 0:
        told = err.decode("utf-8", "replace").strip().splitlines()
        if graphs is not None and told and told[-1].startswith('{"graph": '):
            graphs.append(json.loads(told[-1])["graph"])
        return out
    if process.returncode == REFUSED:
        refusal = json.loads(err.decode("utf-8").splitlines()[-1])
        raise Refused(refusal["kind"], refusal.get("message", ""), refusal.get("line"), refusal.get("column"))
    if process.returncode == -signal.SIGABRT or b"MemoryError" in err or b"memory allocation" in err:
        raise Stopped("memory")  # Rust aborts when an allocation fails; Python raises MemoryError
    if process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):  # its own CPU limit, soft then hard
        raise Stopped("time")
    raise Stopped(f"exit code {process.returncode}")


def _refuse(kind: str, message: str = "", line: int | None = None, column: int | None = None) -> int:
    sys.stderr.write(json.dumps({"kind": kind, "message": message, "line": line, "column": column}) + "\n")
    return REFUSED


def parse(data: bytes, fmt: str, base: str, max_triples: int, out) -> int:
    """Write the triples of `data` to `out` as N-Triples; the process's exit code. A first pass only counts, so a
    file past the triple limit sends nothing back (the caller would hold it all in memory to refuse it)."""
    graph = None  # the first graph name (N-Quads, JSON-LD), told the parent on standard error: it is not kept
    try:
        for count, quad in enumerate(ox.parse(data, FORMATS[fmt], base_iri=base), start=1):
            if count > max_triples:
                return _refuse("triples")
            if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
                return _refuse("triple-term", f"triple terms (RDF-star) are not supported: {quad.triple}")
            if graph is None and not isinstance(quad.graph_name, ox.DefaultGraph):
                graph = quad.graph_name
        ox.serialize((quad.triple for quad in ox.parse(data, FORMATS[fmt], base_iri=base)), out,
                     ox.RdfFormat.N_TRIPLES)
    except SyntaxError as error:
        return _refuse("syntax", str(error.msg or error), error.lineno, error.offset)
    if graph is not None:
        sys.stderr.write(json.dumps({"graph": graph.value if isinstance(graph, ox.NamedNode) else None}) + "\n")
    return 0


def main(argv: list[str]) -> int:
    """Entry point of the child: limits first, then the parse."""
    fmt, base, max_triples, seconds, memory = argv[1], argv[2], int(argv[3]), float(argv[4]), int(argv[5])
    cpu = math.ceil(seconds) + 1  # the parent kills it at `seconds`; this holds if the parent is gone
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    data = sys.stdin.buffer.read()
    with os.fdopen(sys.stdout.fileno(), "wb", buffering=1 << 20, closefd=False) as out:
        return parse(data, fmt, base, max_triples, out)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""SPARQL over the published dump: inspect the query, run it in a killable worker, give the answer's bytes.

`execute(query, out)` is what `query` and `serve` call. Each store gets a small pool of worker processes
(`publisher.sparqlworker`) holding it open read-only; a query past its time limit has its worker killed and
replaced, so the limit really stops it.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from . import store
from .errors import NotAcceptable, QuerySyntaxError, QueryTimeout, ResultTooLarge, StoreError
from .querycheck import query_kind, tokens
from .sparqlresults import formats_for

__all__ = ["SparqlResult", "result_formats", "query_kind", "execute", "declared_prefixes", "shutdown",
           "WORKERS"]

WORKERS = 2  # worker processes per store; the machine this runs on is small
_SYNTAX = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


@dataclass(frozen=True)
class SparqlResult:
    """A query's answer, serialised."""

    body: bytes
    media_type: str


def result_formats(kind: str) -> list[str]:
    """The media types offered for "select", "ask" or "graph" (CONSTRUCT, DESCRIBE) answers, the default first."""
    return [f.media_type for f in formats_for(kind)]


def execute(query: str, out: Path, *, media_type: str | None = None, timeout: float = 10.0,
            limit: int = 10_000) -> SparqlResult:
    """Answer a read-only query over the dump in `out`, within `timeout` seconds and `limit` rows or triples."""
    kind = query_kind(query)
    offered = result_formats(kind)
    chosen = media_type.split(";")[0].strip().lower() if media_type else offered[0]
    if chosen not in offered:
        raise NotAcceptable(f"a {kind.upper()} query cannot be answered as {chosen}", offered,
                            f"ask for one of {', '.join(offered)}")
    request = {"query": query, "media_type": chosen, "limit": limit, "timeout": timeout,
               "prefixes": declared_prefixes(query)}
    for attempt in (1, 2):
        pool = _pool_for(Path(out))
        try:
            header, body = pool.run(request, timeout)
        except _StoreBroken as broken:  # damaged files: rebuild the store and ask once more
            _drop(pool, damaged=True)
            if attempt == 2:
                raise StoreError(f"the SPARQL store {pool.info.root} cannot be read: {broken}",
                                 f"remove {pool.info.root} and try again") from None
            continue
        except _WorkerDied as died:
            raise StoreError(f"the query stopped: {died}",
                             "the query may need more memory than this machine has; narrow it or add LIMIT") from None
        return _result(header, body, query, limit, timeout)
    raise AssertionError("unreachable")


def shutdown() -> None:
    """Stop every worker process (called at exit; `serve` may call it when it stops)."""
    with _pools_lock:
        for pool in list(_pools.values()):
            pool.close()
        _pools.clear()


def declared_prefixes(query: str) -> dict[str, str]:
    """The query's own PREFIX declarations, for writing CONSTRUCT answers as readable Turtle."""
    found, seen = {}, tokens(query)
    for keyword, name, iri in zip(seen, seen[1:], seen[2:], strict=False):
        if keyword.kind == "word" and keyword.text.upper() == "PREFIX" and name.kind == "pname" \
                and name.text.endswith(":") and iri.kind == "iri":
            found[name.text[:-1]] = iri.text[1:-1]
    return found


def _result(header: dict, body: bytes, query: str, limit: int, timeout: float) -> SparqlResult:
    error = header.get("error")
    if error == "syntax":
        match = _SYNTAX.match(header["message"])
        if not match:
            raise QuerySyntaxError(f"syntax error: {header['message']}", "check the query against SPARQL 1.1")
        line, column, expected = int(match[1]), int(match[2]), match[3]
        lines = query.splitlines() or [""]
        shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        near = f" (near {shown!r})" if shown else " (at the end of the query)"
        raise QuerySyntaxError(f"line {line}, column {column}: syntax error, {expected}{near}",
                               "check the query against SPARQL 1.1", line=line, column=column)
    if error == "too-large":
        raise ResultTooLarge(f"the answer has more than {limit} results",
                             "add LIMIT, or narrow the query with more patterns or a FILTER")
    if error:
        raise StoreError(f"the query failed: {header['message']}", "check the query; --debug shows more")
    return SparqlResult(body, header["media_type"])


class _StoreBroken(Exception):
    """A worker could not open or read the store."""


class _WorkerDied(Exception):
    """A worker process ended in the middle of a query (killed from outside, out of memory...)."""


class _Worker:
    """One worker process and the two pipes to it."""

    def __init__(self, db: Path) -> None:
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        package_root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root,
                                                                         os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "publisher.sparqlworker", str(db), str(to_child), str(from_child)],
            pass_fds=(to_child, from_child), stdin=subprocess.DEVNULL, env=env)
        os.close(to_child)
        os.close(from_child)
        self.requests = Connection(from_parent, readable=False)
        self.replies = Connection(to_parent, writable=False)
        self.ready = False

    def ask(self, request: dict, deadline: float) -> tuple[dict, bytes]:
        """Send one request and wait for its answer until the deadline; TimeoutError past it."""
        try:
            if not self.ready:
                hello = json.loads(self._receive(deadline))
                if "error" in hello:
                    raise _StoreBroken(hello["message"])
                self.ready = True
        except (EOFError, BrokenPipeError, ConnectionResetError):
            raise _StoreBroken(f"the query worker ended while opening the store ({self._exit()})") from None
        try:
            self.requests.send_bytes(json.dumps(request).encode())
            header = json.loads(self._receive(deadline))
            body = self.replies.recv_bytes()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            raise _WorkerDied(f"its worker process ended ({self._exit()})") from None
        if header.get("error") == "store":
            raise _StoreBroken(header["message"])
        return header, body

    def _exit(self) -> str:
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "no answer"
        return f"killed by signal {-code}" if code < 0 else f"exit code {code}"

    def _receive(self, deadline: float) -> bytes:
        if not self.replies.poll(max(0.0, deadline - time.monotonic())):
            raise TimeoutError
        return self.replies.recv_bytes()

    def kill(self) -> None:
        """Stop the process at once and reap it."""
        self.process.kill()
        self.process.wait()
        self.requests.close()
        self.replies.close()


class _Pool:
    """Up to WORKERS worker processes on one store, started as queries need them."""

    def __init__(self, info: store.StoreInfo, signature: tuple) -> None:
        self.info = info
        self.signature = signature
        self.lease = store.lease(info)
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.live = 0
        self.lock = threading.Lock()
        self.closed = False

    def run(self, request: dict, timeout: float) -> tuple[dict, bytes]:
        deadline = time.monotonic() + timeout
        worker = self._take(deadline, timeout)
        try:
            answer = worker.ask(request, deadline)
        except TimeoutError:
            self._retire(worker)
            raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s and was stopped",
                               "add LIMIT, narrow the patterns, or give a longer --timeout") from None
        except BaseException:
            self._retire(worker)
            raise
        if self.closed:
            self._retire(worker)
        else:
            self.idle.put(worker)
        return answer

    def _take(self, deadline: float, timeout: float) -> _Worker:
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            pass
        with self.lock:
            if self.live < WORKERS:
                self.live += 1
                return _Worker(self.info.db)
        try:
            return self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for the whole time limit of {timeout:g} s",
                               "try again in a moment") from None

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self.lock:
            self.live -= 1

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                self._retire(self.idle.get_nowait())
            except queue.Empty:
                break
        self.lease.close()


_pools: dict[str, _Pool] = {}
_pools_lock = threading.Lock()


def _signature(dump: Path) -> tuple:
    try:
        stat = dump.stat()
    except FileNotFoundError:
        return ()
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def _pool_for(out: Path) -> _Pool:
    """The pool on the store of the dump now in `out`; a changed dump gets a new store and pool."""
    dump = store.dump_path(out).resolve()
    with _pools_lock:
        pool = _pools.get(str(dump))
        signature = _signature(dump)
        if pool and pool.signature == signature and signature:
            return pool
        if pool:
            pool.close()
            del _pools[str(dump)]
        try:
            pool = _Pool(store.ensure(out), signature)
        except FileNotFoundError:  # another process removed that store between our check and our lease
            pool = _Pool(store.ensure(out), signature)
        _pools[str(dump)] = pool
        return pool


def _drop(pool: _Pool, damaged: bool) -> None:
    with _pools_lock:
        pool.close()
        _pools.pop(next((k for k, v in _pools.items() if v is pool), ""), None)
        if damaged:
            store.discard(pool.info)


atexit.register(shutdown)

"""SPARQL over the published dump: inspect the query, run it in a killable worker, give the answer's bytes.

`execute(query, out)` is what `query` and `serve` call. Each store gets a small pool of worker processes
(`publisher.sparqlworker`) holding it open read-only; a query past its time limit has its worker killed and
replaced, so the limit really stops it.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from signal import SIGABRT
from typing import IO

from converters.namespaces import prefixes

from . import store
from .errors import NotAcceptable, QueryOutOfMemory, QuerySyntaxError, QueryTimeout, ResultTooLarge, StoreError
from .querycheck import query_kind, tokens
from .sparqlresults import formats_for

__all__ = ["SparqlResult", "result_formats", "query_kind", "execute", "declared_prefixes", "shutdown",
           "WORKERS"]

WORKERS = 2  # worker processes per store; the machine this runs on is small
WAIT = 3  # time limits a query may wait for a worker: with as many runaways arriving as there are workers, an
# honest query waits at most about two (first come, first served), then runs for at most one
WORKER_MEMORY = 1 << 30  # bytes of heap a worker may take (RLIMIT_DATA): an ORDER BY over a cartesian product
# otherwise takes gigabytes before its time limit
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
            limit: int = 10_000, from_dataset: bool = False) -> SparqlResult:
    """Answer a read-only query over the dump in `out`, within `timeout` seconds and `limit` rows or triples;
    `from_dataset` when the query's FROM names the dataset's graph, which is the store's default graph."""
    kind = query_kind(query)
    offered = result_formats(kind)
    chosen = media_type.split(";")[0].strip().lower() if media_type else offered[0]
    if chosen not in offered:
        raise NotAcceptable(f"a {kind.upper()} query cannot be answered as {chosen}", offered,
                            f"ask for one of {', '.join(offered)}")
    request = {"query": query, "media_type": chosen, "limit": limit, "timeout": timeout,
               "prefixes": declared_prefixes(query), "from_dataset": from_dataset}
    broken = 0
    while True:
        pool = _pool_for(Path(out))
        try:
            header, body = pool.run(request, timeout)
        except _PoolClosed:  # a new dump's pool replaced it between the lookup and the query: use that one
            continue
        except _StoreBroken as error:  # damaged files: rebuild the store and ask once more
            _drop(pool, damaged=True)
            broken += 1
            if broken == 2:
                raise StoreError(f"the SPARQL store {pool.info.root} cannot be read: {error}",
                                 f"remove {pool.info.root} and try again") from None
            continue
        except _WorkerDied as died:
            if died.out_of_memory:
                raise QueryOutOfMemory(f"the query needed more than {WORKER_MEMORY >> 20} MB of memory and was "
                                       "stopped", "add LIMIT, narrow the patterns, or leave out ORDER BY and DISTINCT "
                                       "over large answers") from None
            raise StoreError(f"the query stopped: {died}",
                             "the query may need more memory than this machine has; narrow it or add LIMIT") from None
        return _result(header, body, query, limit, timeout)


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
        if "Prefix not found" in expected and (undeclared := _undeclared_prefix(query)):
            at, name = undeclared
            known = prefixes().get(name)
            raise QuerySyntaxError(f'line {at.line}, column {at.column}: the prefix "{name}:" is not declared',
                                   f"declare it first: PREFIX {name}: <{known or 'its namespace IRI'}>",
                                   line=at.line, column=at.column)
        lines = query.splitlines() or [""]
        shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        near = f" (near {shown!r})" if shown else " (at the end of the query)"
        raise QuerySyntaxError(f"line {line}, column {column}: syntax error, {_readable(expected)}{near}",
                               "check the query against SPARQL 1.1", line=line, column=column)
    if error == "too-large":
        raise ResultTooLarge(f"the answer has more than {limit} results",
                             "add LIMIT, or narrow the query with more patterns or a FILTER")
    if error:
        raise StoreError(f"the query failed: {header['message']}", "check the query; --debug shows more")
    return SparqlResult(body, header["media_type"])


def _undeclared_prefix(query: str) -> tuple | None:
    """The first prefixed name of the query whose prefix no PREFIX declares, and that prefix."""
    declared = declared_prefixes(query)
    for token in tokens(query):
        name = token.text.partition(":")[0]
        if token.kind == "pname" and name not in declared:
            return token, name
    return None


# pyoxigraph's lists of expected characters ("['A' ..= 'Z' | 'a' ..= 'z' | '\u{00C0}'..='\u{00D6}' …]"): noise
_CHARACTER_CLASSES = re.compile(r",?\s*\[[^\[\]]*\]", re.DOTALL)


def _readable(expected: str) -> str:
    """pyoxigraph's "expected one of …" without its character classes: "expected one of DESCRIBE"."""
    readable = " ".join(_CHARACTER_CLASSES.sub("", expected).split()).rstrip(",")
    return "unexpected text" if readable in ("", "expected", "expected one of") else readable


class _StoreBroken(Exception):
    """A worker could not open or read the store."""


class _PoolClosed(Exception):
    """The pool was closed (its dump was replaced) before the query could take a worker."""


class _WorkerDied(Exception):
    """A worker process ended in the middle of a query (killed from outside, out of memory...)."""

    def __init__(self, message: str, out_of_memory: bool = False) -> None:
        super().__init__(message)
        self.out_of_memory = out_of_memory


class _Worker:
    """One worker process and the two pipes to it."""

    def __init__(self, db: Path) -> None:
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        package_root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root,
                                                                         os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "publisher.sparqlworker", str(db), str(to_child), str(from_child),
             str(WORKER_MEMORY)],
            pass_fds=(to_child, from_child), stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
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
            ended = self._exit()  # Rust aborts when an allocation fails past the memory limit
            raise _WorkerDied(f"its worker process ended ({ended})", ended == f"killed by signal {SIGABRT}") from None
        if header.get("error") == "memory":
            raise _WorkerDied("its worker ran out of memory", out_of_memory=True)
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
    """Up to WORKERS worker processes on one store, started as queries need them and handed out first come, first
    served: a query waits at most WAIT time limits for a worker (runaways are killed at theirs), then runs for at
    most its time limit. Closed when its dump is replaced: idle workers stop at once, busy ones when their query
    ends, and the store's lease is held until the last one has stopped, so no one removes the store under a
    running query."""

    def __init__(self, info: store.StoreInfo, signature: tuple) -> None:
        self.info = info
        self.signature = signature
        self.lease: IO | None = store.lease(info)
        self.idle: list[_Worker] = []
        self.waiting: deque[object] = deque()  # one turn per query waiting for a worker, in arrival order
        self.live = 0
        self.changed = threading.Condition()
        self.closed = False

    def run(self, request: dict, timeout: float) -> tuple[dict, bytes]:
        worker = self._take(time.monotonic() + WAIT * timeout, timeout)
        deadline = time.monotonic() + timeout
        try:
            answer = worker.ask(request, deadline)
        except TimeoutError:
            self._retire(worker)
            raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s and was stopped",
                               "add LIMIT, narrow the patterns, or give a longer --timeout") from None
        except BaseException:
            self._retire(worker)
            raise
        self._give_back(worker)
        return answer

    def _take(self, deadline: float, timeout: float) -> _Worker:
        """A worker for the query whose turn it is: an idle one, or a new one while fewer than WORKERS run."""
        turn = object()
        with self.changed:
            self.waiting.append(turn)
            try:
                while True:
                    if self.closed:  # its busy workers will not come back: go to the new dump's pool
                        raise _PoolClosed
                    if self.waiting[0] is turn:
                        if self.idle:
                            return self.idle.pop()
                        if self.live < WORKERS:
                            self.live += 1
                            break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise QueryTimeout(f"every query worker stayed busy for {WAIT * timeout:g} s (the query "
                                           f"was not run)", "try again in a moment")
                    self.changed.wait(remaining)
            finally:
                self.waiting.remove(turn)
                self.changed.notify_all()
        try:
            return _Worker(self.info.db)
        except BaseException:
            with self.changed:
                self.live -= 1
                self.changed.notify_all()
            raise

    def _give_back(self, worker: _Worker) -> None:
        with self.changed:
            if not self.closed:
                self.idle.append(worker)
                self.changed.notify_all()
                return
        self._retire(worker)

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self.changed:
            self.live -= 1
            self.changed.notify_all()
        self._release_if_done()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            idle, self.idle = self.idle, []
            self.changed.notify_all()
        for worker in idle:
            self._retire(worker)
        self._release_if_done()

    def _release_if_done(self) -> None:
        with self.changed:
            if not self.closed or self.live or self.lease is None:
                return
            lease, self.lease = self.lease, None
        lease.close()


_pools: dict[str, _Pool] = {}
_pools_lock = threading.Lock()


def _signature(dump: Path) -> tuple:
    """The dump's and the catalogue's size, time and inode: the store holds both."""
    try:
        stat = dump.stat()
    except FileNotFoundError:
        return ()
    try:
        catalog = (dump.parent / store.CATALOG).stat()
        loaded = (catalog.st_size, catalog.st_mtime_ns, catalog.st_ino)
    except FileNotFoundError:
        loaded = ()
    return stat.st_size, stat.st_mtime_ns, stat.st_ino, *loaded


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

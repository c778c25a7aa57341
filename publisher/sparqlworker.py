"""A query worker process: holds the store open read-only and answers one query at a time over a pipe.

pyoxigraph cannot cancel a running query, so queries run here, in a process the caller can kill. The worker also
arms a kernel timer per query (SIGALRM with its default action ends the process without needing the GIL), so a
runaway query stops even if the process that started it has died.

Its heap is capped (RLIMIT_DATA): past the cap, an allocation fails and the process ends (Rust aborts) or the
answer says "memory" (Python's MemoryError), and the caller reports the query as too big.

Run as `python -m publisher.sparqlworker DB READ_FD WRITE_FD MEMORY_BYTES`; messages are `multiprocessing.connection`
frames: a JSON request in, a JSON header then a body out.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
from multiprocessing.connection import Connection

import pyoxigraph as ox

from .sparqlresults import TooManyResults, write_boolean, write_solutions, write_triples

GRACE_SECONDS = 2.0


def answer(store: ox.Store, request: dict) -> tuple[dict, bytes]:
    """Run one request: a header saying how it went, and the body in the requested media type."""
    try:
        # FROM <the dataset's graph>: the published data is the store's default graph
        default = ox.DefaultGraph() if request.get("from_dataset") else None
        result = store.query(request["query"], default_graph=default)
    except SyntaxError as error:
        return {"error": "syntax", "message": str(error)}, b""
    except (OSError, RuntimeError) as error:  # RocksDB: I/O errors and corruption
        return {"error": "store", "message": str(error)}, b""
    media_type, limit = request["media_type"], request["limit"]
    try:
        if isinstance(result, ox.QueryBoolean):
            kind, body = "ask", write_boolean(bool(result), media_type)
        elif isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            kind, body = "select", write_solutions(variables, result, media_type, limit)
        else:
            kind, body = "graph", write_triples(result, media_type, limit, request.get("prefixes") or {})
    except TooManyResults:
        return {"error": "too-large", "message": f"more than {limit} results"}, b""
    except MemoryError:
        return {"error": "memory", "message": "out of memory"}, b""
    except (OSError, RuntimeError) as error:  # RocksDB: I/O errors and corruption
        return {"error": "store", "message": str(error)}, b""
    except (ValueError, KeyError) as error:  # the caller's idea of the query's kind was wrong
        return {"error": "format", "message": str(error)}, b""
    return {"kind": kind, "media_type": media_type}, body


def serve(db: str, requests: Connection, replies: Connection) -> int:
    """Open the store, say so, then answer requests until the pipe closes."""
    try:
        store = ox.Store.read_only(db)
    except (OSError, RuntimeError) as error:  # RocksDB: I/O errors and corruption
        replies.send_bytes(json.dumps({"error": "store", "message": str(error)}).encode())
        return 1
    replies.send_bytes(json.dumps({"ready": True}).encode())
    while True:
        try:
            request = json.loads(requests.recv_bytes())
        except EOFError:
            return 0
        signal.setitimer(signal.ITIMER_REAL, float(request["timeout"]) + GRACE_SECONDS)
        header, body = answer(store, request)
        signal.setitimer(signal.ITIMER_REAL, 0)
        replies.send_bytes(json.dumps(header).encode())
        replies.send_bytes(body)


def main(argv: list[str]) -> int:
    """Entry point of the worker process."""
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the whole group; the parent decides
    db, read_fd, write_fd, memory = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    return serve(db, Connection(read_fd, writable=False), Connection(write_fd, readable=False))


if __name__ == "__main__":
    sys.exit(main(sys.argv))

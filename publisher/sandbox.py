"""Hostile input stays inside: no network, no file or process access and a time limit while it is parsed or validated.

A Python audit hook (installed once per process, active only inside `sandboxed()`) refuses every attempt
to connect, resolve a host name, open a URL, start a process, or open a file other than the interpreter's
and the project's own code and data. The refusal is raised inside whatever tried it, and remembered, so
a parser that swallows the exception still fails the file.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import site
import sys
import sysconfig
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from converters.reference import ROOT

from .errors import InputError

_NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
            "socket.sendto", "socket.sendmsg", "socket.bind", "urllib.Request", "http.client.connect",
            "ftplib.connect", "smtplib.connect", "poplib.connect", "imaplib.open", "nntplib.connect",
            "telnetlib.Telnet.open", "webbrowser.open"}
_PROCESS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
            "pty.spawn"}
_ADDRESSED = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"}  # (socket, address, ...)
_METADATA = re.compile(r"\.(dist|egg)-info/[^/]+$")  # installed packages' metadata, read by entry-point lookups
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

_attempts: ContextVar[list[str] | None] = ContextVar("sandbox_attempts", default=None)
_install_lock = threading.Lock()
_installed = False


class OutsideAccess(PermissionError):
    """Raised inside a parser or validator that tried to reach outside the process.

    A PermissionError, so that Python's own bookkeeping (writing a .pyc) shrugs it off as it would any
    unwritable cache."""


@cache
def _allowed_roots() -> tuple[str, ...]:
    """Folders whose files may be read while sandboxed: the interpreter, installed packages, our code and data."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             *(sysconfig.get_paths().get(key, "") for key in ("stdlib", "platstdlib", "purelib", "platlib")),
             *site.getsitepackages()}
    roots |= {str(ROOT / name) for name in ("converters", "publisher", "shapes", "ontology")}
    return tuple(sorted(os.path.join(os.path.abspath(root), "") for root in roots if root))


def _file_attempt(args: tuple) -> str | None:
    """What an `open` event does wrong, or None when it only reads the interpreter's or our own files."""
    path, mode, flags = (tuple(args) + (None, None, None))[:3]
    if isinstance(path, int):  # an already open descriptor
        return None
    name = os.path.abspath(os.fsdecode(path))
    writes = bool(mode and any(c in str(mode) for c in "wax+")) or bool(isinstance(flags, int)
                                                                       and flags & _WRITE_FLAGS)
    inside = name.startswith(_allowed_roots()) or _METADATA.search(name) is not None
    if inside and (not writes or f"{os.sep}__pycache__{os.sep}" in name):
        return None
    return f"{'write' if writes else 'read'} the file {name}"


def _describe(event: str, args: tuple) -> str | None:
    if event == "open":
        return _file_attempt(args)
    if event in _NETWORK:
        target = args[1] if event in _ADDRESSED and len(args) > 1 else (args[0] if args else "")
        return f"reach the network ({event} {target!r})"
    if event in _PROCESS:
        return f"start a process ({event})"
    return None


def _hook(event: str, args: tuple) -> None:
    attempts = _attempts.get()
    if attempts is None:
        return
    what = _describe(event, args)
    if what:
        attempts.append(what)
        raise OutsideAccess(f"refused while reading a contribution: {what}")


def install() -> None:
    """Install the audit hook once per process (audit hooks cannot be removed; it is idle outside sandboxed())."""
    global _installed
    with _install_lock:
        if not _installed:
            _allowed_roots()
            sys.addaudithook(_hook)
            _installed = True


class _Expired(BaseException):
    """The time limit's alarm; a BaseException so that no `except Exception` inside pySHACL can swallow it."""


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Interrupt the body after `seconds` (SIGALRM: enforced in the main thread, where the CLI and build run).
    Nests: an enclosing deadline keeps counting and fires when due."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise _Expired

    started = time.monotonic()
    outer, _interval = signal.getitimer(signal.ITIMER_REAL)
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer) if outer else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-6))


class _IllTypedLiterals(logging.Filter):
    """rdflib logs a traceback for every ill-typed literal ("abc"^^xsd:decimal); the shapes report those."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


@contextmanager
def sandboxed(source: str, seconds: float | None = None, what: str = "validation") -> Iterator[None]:
    """Run the body with no network, file or process access and within `seconds`; InputError naming `source`
    if the body tried to get out or ran out of time."""
    install()
    attempts: list[str] = []
    token = _attempts.set(attempts)
    quiet = _IllTypedLiterals()
    logger = logging.getLogger("rdflib.term")
    logger.addFilter(quiet)
    try:
        with _deadline(seconds):
            yield
    except _Expired:
        raise InputError(f"{source}: {what} took longer than {seconds:g} s",
                         "split the contribution into smaller files, or raise --time-limit") from None
    except Exception:
        if not attempts:
            raise
        # else whatever the refusal became inside the parser is reported below, as the refusal itself
    finally:
        _attempts.reset(token)
        logger.removeFilter(quiet)
    if attempts:
        raise InputError(f"{source}: refused: reading the file tried to {attempts[0]}",
                         "a contribution must be self-contained: inline what it refers to, or point at the "
                         "published IRIs")

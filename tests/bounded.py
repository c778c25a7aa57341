"""Converters on hostile input: the outcomes allowed, and a wall-clock bound that turns a hang into a failure."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from converters import convert
from converters.errors import PageError
from converters.rdf import to_graph
from converters.records import Project

# Far above what any page takes (milliseconds): reaching it means a hang or a blow-up, not a slow machine.
HANG_SECONDS = 20


class Hang(AssertionError):
    """The code under test ran past its bound."""


@contextmanager
def time_limit(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail with Hang if the block runs longer than `seconds` (SIGALRM, main thread only)."""
    def expire(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def outcome(data: bytes, path: str = "fuzz.txt") -> Project | PageError:
    """Convert and map a page: a Project (whose graph can be built) or a PageError with a one-line message.

    Any other exception, or running past HANG_SECONDS, fails the calling test.
    """
    with time_limit():
        try:
            project = convert(data, path)
        except PageError as error:
            text = str(error)
            assert error.message and text.startswith(f"{path}:"), text
            assert "\n" not in text and "\r" not in text, f"the message spans several lines: {text!r}"
            assert len(text) < 600, f"the message is {len(text)} characters long: {text[:200]!r}…"
            return error
        to_graph(project)
        return project

"""How the build's long-lived processes collect their garbage: full collections rarely.

Python makes a full collection after 10 collections of the middle generation (when what waits to be walked is
a quarter of what was walked last). A process that keeps bounded caches (the build's workers: rdflib terms,
validation results, JSON-LD texts of reference resources; a site writer: table rows, labels, descriptions of
linked resources; the dataset's writer: object texts) holds more and more objects that live long, and each full
collection walks all of them: a worker of a 100,000-page build made 80 full collections, their cost growing with
its caches, 36.5 s of the 378 s of its and the other worker's CPU (9.7 %); 1,000 pages in, a collection walked
about 30,000 objects, 20,000 pages in 170,000. Cyclic garbage of a page or a document dies young, and the young
generations are still collected often (below); what a process inherits is frozen (gc.freeze), not walked at all.

A worker also collects its young generation after WORKER_YOUNG allocations rather than 700: a page makes
thousands of objects, most of them dead by the page's end, which a collection every 700 allocations walked and
promoted while still alive. In four alternating pairs of 10,000-page builds the workers' CPU went from 29.7 s to
28.4 s on average (35.5 s to 34.6 s of wall time); their peak memory does not change.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

FULL_COLLECTION_EVERY = 100  # collections of the middle generation between two full ones, at least
WORKER_YOUNG = 10_000  # allocations (less deallocations) between two collections of the young generation in a
# worker (Python's default: 700, several times per page, each one promoting the page's live objects a generation)


def rare_thresholds() -> tuple[int, int, int]:
    """The collector's thresholds now, with full collections FULL_COLLECTION_EVERY middle ones apart at least."""
    young, middle, full = gc.get_threshold()
    return young, middle, max(full, FULL_COLLECTION_EVERY)


def collect_fully_rarely() -> None:
    """From now on, in this process, full collections after FULL_COLLECTION_EVERY middle ones at the soonest,
    and young ones after WORKER_YOUNG allocations; what it holds now is frozen. For a process forked to do one
    long job (a build worker, a dataset writer)."""
    gc.freeze()
    young, middle, full = rare_thresholds()
    gc.set_threshold(max(young, WORKER_YOUNG), middle, full)


@contextmanager
def rare_full_collections() -> Iterator[None]:
    """Full collections after FULL_COLLECTION_EVERY middle ones at the soonest while inside, then as before.
    The young threshold stays: with WORKER_YOUNG in the build's process while it writes the site, a
    100,000-page build peaked at 1,936 MB against 1,741 MB (its process 1,115 MB against 915 MB at the end)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(*rare_thresholds())
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextmanager
def frozen_as_it_comes() -> Iterator[Callable[[], None]]:
    """A function that freezes (gc.freeze) what this process holds now, for what it gathers and keeps to the end:
    no full collection walks it again (a build's pages' results: nine full collections walked them in a 100,000-page
    build, 3.5 s of its process's CPU while the workers wanted both cores). Unfrozen when the block ends, so that a
    process living on (a server, the tests) collects whatever cycles were frozen with it."""
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()

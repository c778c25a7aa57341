"""The build `serve` answers a request from: the output folder opened once per request (a snapshot), and what is
read once per build (its base, its pages, its shapes), kept for the last two builds."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph
from rdflib.namespace import VOID

from converters.namespaces import DEFAULT_BASE

from .errors import StoreError
from .pages import Pages
from .projecttable import page_file
from .serializations import Serialization
from .shapesdoc import SHAPES, ShapesDocument
from .site import CATALOG, DUMP, LANDING, SITE, SITE_LANGUAGE, make_pages, published_index
from .snapshot import Snapshot

_KEPT_BUILDS = 2
_MISSING_WAIT = 2.0  # seconds to wait for the folder when a build's fallback swap has it moved aside


class Vanished(Exception):
    """A build's files went away while a request read them: the build was replaced, ask the new one."""


class Generation:
    """What one build published, read once per build: the base its IRIs live under and, on first use, its pages."""

    def __init__(self, snapshot: Snapshot, lang: str) -> None:
        self.lang = lang
        self.base = _base_of(snapshot)
        self.has_site = snapshot.is_dir(SITE)
        self._pages: dict[str, Pages] = {}  # by language
        self._shapes: ShapesDocument | None = None
        self._lock, self._shapes_lock = threading.Lock(), threading.Lock()

    def pages(self, snapshot: Snapshot, lang: str | None = None) -> Pages:
        """The page renderer in `lang` (the served default when None) over this build's dump, catalogue and
        vocabulary, loaded on first use; the languages share the dump's index."""
        lang = lang or self.lang
        with self._lock:
            if lang not in self._pages:
                try:
                    loaded = next(iter(self._pages.values()), None)
                    if loaded:
                        pages = make_pages(snapshot.root, loaded.index, lang, terms=loaded.terms)
                    else:
                        pages = make_pages(snapshot.root, published_index(snapshot.root, self.base), lang)
                except OSError as error:
                    raise Vanished(str(error)) from error
                if snapshot.replaced():  # its files may have been deleted while they were read
                    raise Vanished("the build was replaced while its pages were loaded")
                self._pages[lang] = pages
            return self._pages[lang]


    def shapes(self, snapshot: Snapshot) -> ShapesDocument | None:
        """This build's shapes.ttl in the forms it is served in, read on first use; None if it has none."""
        with self._shapes_lock:
            if self._shapes is None:
                handle = snapshot.open(SHAPES)
                if handle is None:
                    return None
                with handle:
                    self._shapes = ShapesDocument.read(handle.read(), self.base)
            return self._shapes


class Published:
    """What one request is answered from: one build of the folder (a snapshot), its base, its pages on demand in
    the request's language (`lang`, the served default until the request's own is known)."""

    def __init__(self, output: Output, snapshot: Snapshot, generation: Generation) -> None:
        self.out = output.out  # SPARQL goes by the folder's name: its store follows the dump in place now
        self.lang, self.timeout, self.limit = output.lang, output.timeout, output.limit
        self.snapshot, self.generation, self.base = snapshot, generation, generation.base
        self.graph = self.base + "dataset"  # the graph the dataset is loaded into elsewhere: here, the default graph

    @property
    def pages(self) -> Pages:
        """This build's page renderer."""
        return self.generation.pages(self.snapshot, self.lang)

    def is_resource(self, path: str) -> bool:
        """Whether `path` names a published resource: build wrote its RDF forms (the site has every resource's,
        with or without its pages), or, without a site, the data describes it."""
        if path == LANDING:
            return False  # index.html is the landing page, served at /
        if self.generation.has_site:
            return self.snapshot.is_file(f"{SITE}/{path}.nt")
        return self.pages.index.exists(path)

    def built(self, path: str, fmt: Serialization) -> BinaryIO | None:
        """The file build wrote for this form of a resource, opened, when it can be served as it is."""
        if fmt.name == "html" and self.lang != SITE_LANGUAGE:
            return None  # pages in another language than the site's are rendered
        return self.snapshot.open(f"{SITE}/{path or LANDING}{fmt.extensions[0]}")

    def built_page(self, path: str, number: int) -> BinaryIO | None:
        """The file build wrote for a further page of a resource's project table, opened, when it can be served."""
        return self.snapshot.open(f"{SITE}/{page_file(path, number)}") if self.lang == SITE_LANGUAGE else None

    def file(self, relative: str) -> BinaryIO | None:
        """A file of the site, or one at the top of the output folder (a download), opened; never a hidden one,
        never one outside (the snapshot follows no symbolic link)."""
        if any(part.startswith(".") for part in relative.split("/")):
            return None
        found = self.snapshot.open(f"{SITE}/{relative}")
        if found is None and "/" not in relative:
            found = self.snapshot.open(relative)
        return found


class Output:
    """The folder `serve` serves, across builds: each request gets the build in place when it starts."""

    def __init__(self, out: Path, lang: str = SITE_LANGUAGE, timeout: float = 10.0, limit: int = 10_000) -> None:
        self.out = out.resolve()
        self.lang, self.timeout, self.limit = lang, timeout, limit
        self._generations: dict[tuple[int, int], Generation] = {}
        self._lock = threading.Lock()
        with self.published(wait=0):
            pass

    @contextmanager
    def published(self, wait: float = _MISSING_WAIT) -> Iterator[Published]:
        """The build in place now, held for the block (waiting up to `wait` seconds for a folder a build's
        fallback swap has moved aside)."""
        deadline = time.monotonic() + wait
        while True:
            snapshot = self._open(deadline)
            if snapshot.is_file(DUMP):
                break
            replaced = snapshot.replaced()  # opened just before a swap, and already being deleted
            snapshot.close()
            if not replaced:
                raise self._no_build()
        with snapshot:
            yield Published(self, snapshot, self._generation(snapshot))

    def _no_build(self) -> StoreError:
        return StoreError(f"{self.out} holds no published dataset ({DUMP} is missing)",
                          f"run `migration-lod build --out {self.out}` first")

    def _open(self, deadline: float) -> Snapshot:
        while True:
            try:
                return Snapshot(self.out)
            except (FileNotFoundError, NotADirectoryError):
                if time.monotonic() >= deadline:
                    raise self._no_build() from None
            time.sleep(0.02)

    def _generation(self, snapshot: Snapshot) -> Generation:
        with self._lock:
            found = self._generations.get(snapshot.key)
            if found is None:
                found = self._generations[snapshot.key] = Generation(snapshot, self.lang)
                for old in list(self._generations)[:-_KEPT_BUILDS]:
                    del self._generations[old]
            return found


def _base_of(snapshot: Snapshot) -> str:
    """The IRI space the catalogue declares (void:uriSpace); the default base when it says none."""
    catalog = snapshot.open(CATALOG)
    if catalog is None:
        return DEFAULT_BASE
    with catalog:
        graph = Graph().parse(data=catalog.read(), format="turtle")
    spaces = sorted(str(o) for o in graph.objects(None, VOID.uriSpace))
    return spaces[0] if spaces else DEFAULT_BASE

"""`migration-lod serve`: the published folder over HTTP, read-only: files, dereferenceable IRIs and SPARQL.

Each request is answered from one build: it opens the output folder once (publisher/snapshot.py) and reads every
file from there, so a build swapped in meanwhile never mixes into an answer, and the next request sees the new
build. What is read once per build (the base, the pages) is kept per build (Generation), the last two.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from rdflib import Graph
from rdflib.namespace import VOID

from converters.namespaces import DEFAULT_BASE

from . import delivery, negotiation, serializations, sparqlhttp
from .describe import canonical_path
from .errors import MigrationLodError, StoreError
from .pages import Pages, page_file, split_page
from .serializations import Serialization
from .site import CATALOG, DUMP, LANDING, SITE, SITE_LANGUAGE, make_pages, published_index, rdf_forms
from .snapshot import Snapshot
from .sparqlpage import SparqlAnswer, answer

log = logging.getLogger("migration_lod.serve")
WELL_KNOWN_VOID = "/.well-known/void"
SPARQL_PATH = "/sparql"
_TEXT = ("text/", "application/ld+json", "application/n-triples", "application/sparql-results+json",
         "application/sparql-results+xml", "application/rdf+xml")
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
        self._pages: Pages | None = None
        self._lock = threading.Lock()

    def pages(self, snapshot: Snapshot) -> Pages:
        """The page renderer over this build's dump, catalogue and vocabulary, loaded on first use."""
        with self._lock:
            if self._pages is None:
                try:
                    pages = make_pages(snapshot.root, published_index(snapshot.root, self.base), self.lang)
                except OSError as error:
                    raise Vanished(str(error)) from error
                if snapshot.replaced():  # its files may have been deleted while they were read
                    raise Vanished("the build was replaced while its pages were loaded")
                self._pages = pages
            return self._pages


class Published:
    """What one request is answered from: one build of the folder (a snapshot), its base, its pages on demand."""

    def __init__(self, output: Output, snapshot: Snapshot, generation: Generation) -> None:
        self.out = output.out  # SPARQL goes by the folder's name: its store follows the dump in place now
        self.lang, self.timeout, self.limit = output.lang, output.timeout, output.limit
        self.snapshot, self.generation, self.base = snapshot, generation, generation.base
        self.graph = self.base + "dataset"  # the graph the dataset is loaded into elsewhere: here, the default graph

    @property
    def pages(self) -> Pages:
        """This build's page renderer."""
        return self.generation.pages(self.snapshot)

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


def media_type_of(path: Path) -> str:
    """The media type a served file is sent with."""
    fmt = serializations.by_extension(path.name)
    if fmt:
        return fmt.media_type
    guessed, encoding = mimetypes.guess_type(path.name)
    if encoding == "gzip":
        return "application/gzip"
    return guessed or ("text/plain" if "." not in path.name else "application/octet-stream")


def split_form(relative: str) -> tuple[str, Serialization] | None:
    """"project/PO.0181.ttl" -> ("project/PO.0181", Turtle): a path with the suffix of one of a resource's forms."""
    for fmt in serializations.web_formats():
        suffix = fmt.extensions[0]
        if relative.endswith(suffix) and len(relative) > len(suffix):
            return relative[:-len(suffix)], fmt
    return None


@dataclass
class Reply:
    """An answer before it is sent: a body in memory or an open file. `settled` when it is right whatever
    happened to the folder since (one file, or pages of one build); an unsettled one (an error, a query page) is
    made again from the new build if the build was replaced meanwhile."""

    status: int
    media_type: str
    body: bytes | BinaryIO
    headers: dict[str, str] = field(default_factory=dict)
    settled: bool = True
    cached: bool = False  # a file or a resource's form: sent with validators, and 304 when the client has it


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD for files, resources and /sparql; POST for /sparql only; nothing that writes."""

    server_version = "migration-lod"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write, and small writes are not held back waiting for an ACK (with
    # keep-alive, Nagle's algorithm and delayed ACKs otherwise add 40 ms to every answer).
    wbufsize = 1 << 16
    disable_nagle_algorithm = True
    output: Output  # set on the subclass make_server creates
    published: Published  # the build this request is answered from

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._respond(self._get, send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(self._get, send_body=False)

    def do_POST(self) -> None:  # noqa: N802
        try:
            body = self._read_body()
        except sparqlhttp.ProtocolError as error:
            self.close_connection = True
            status, message = error.status, str(error)
            return self._respond(lambda: self._error(status, message), True)
        self._respond(lambda: self._post(body), True)

    def _post(self, body: bytes) -> Reply:
        path, query = self._target()
        if path != SPARQL_PATH:
            return self._error(405, "only /sparql takes POST", extra={"Allow": "GET, HEAD, OPTIONS"})
        accept = self.headers.get("Accept")
        try:
            request = sparqlhttp.from_post(self.headers.get("Content-Type"), body, self.published.graph, query)
        except MigrationLodError as error:
            return self._answer(answer(self.published, None, accept, error=error))
        return self._answer(answer(self.published, request, accept))

    def _refuse(self) -> None:
        self._respond(lambda: self._error(405, f"{self.command} is not allowed: this server is read-only",
                                          extra={"Allow": "GET, HEAD, POST, OPTIONS"}), True)

    do_PUT = do_DELETE = do_PATCH = do_TRACE = do_CONNECT = _refuse  # noqa: N815

    def do_OPTIONS(self) -> None:  # noqa: N802
        """A CORS preflight (or a plain OPTIONS): 204 with the methods and headers a script may use."""
        length = self.headers.get("Content-Length", "0")
        if length.isdigit() and int(length) <= sparqlhttp.MAX_BODY:
            self.rfile.read(int(length))  # a body has no meaning here; read, so the connection stays usable
        else:
            self.close_connection = True
        self.send_response(204)
        for name, value in delivery.PREFLIGHT.items():
            self.send_header(name, value)
        self.end_headers()

    def _respond(self, make: Callable[[], Reply], send_body: bool) -> None:
        """Make the reply from the build in place and send it; made again from the new build when the build was
        replaced while an unsettled reply was being made (at most twice)."""
        for attempt in range(3):
            with ExitStack() as held:
                try:
                    self.published = held.enter_context(self.output.published())
                except StoreError as error:  # the folder lost its build: say so, and keep serving
                    return self._send(Reply(503, "text/plain", f"{error}\n".encode()), send_body)
                try:
                    reply = make()
                except Vanished:
                    if attempt < 2 and self.published.snapshot.replaced():
                        continue
                    raise
                if reply.settled or attempt == 2 or not self.published.snapshot.replaced():
                    return self._send(reply, send_body)
                if not isinstance(reply.body, bytes):
                    reply.body.close()

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise sparqlhttp.ProtocolError(411, "a POST needs a Content-Length")
        if int(length) > sparqlhttp.MAX_BODY:
            raise sparqlhttp.ProtocolError(413, f"the request body is larger than {sparqlhttp.MAX_BODY} bytes")
        return self.rfile.read(int(length))

    def _target(self) -> tuple[str, str]:
        """The request's path and query string (a path starting "//" is a path, not a host)."""
        raw = self.path if self.path.startswith("/") else urlsplit(self.path).path or "/"
        path, _, query = raw.partition("#")[0].partition("?")
        return path, query

    def _get(self) -> Reply:
        path, query = self._target()
        if path == SPARQL_PATH:
            accept = self.headers.get("Accept")
            try:
                request = sparqlhttp.from_get(query, self.published.graph)
            except MigrationLodError as error:
                return self._answer(answer(self.published, None, accept, error=error))
            return self._answer(answer(self.published, request, accept))
        if path == WELL_KNOWN_VOID:
            catalog = self.published.snapshot.open(CATALOG)
            return self._file(catalog, CATALOG) if catalog else self._error(404, f"nothing is published at {path}")
        if path == "/":
            return self._negotiate("")
        if path.endswith("/") and path.startswith("/") and path != "/":
            return self._trailing_slash(path, query)
        relative = canonical_path(path[1:]) if path.startswith("/") else None
        if relative is None:
            return self._error(400, "this path is refused: it has empty, '.' or '..' segments, or an encoded '/'")
        paged = split_page(relative)
        if paged and (not paged[0] or self.published.is_resource(paged[0])):
            return self._page(*paged)
        form = split_form(relative)
        if form and self.published.is_resource(form[0]):
            return self._form(form[0], form[1], negotiated=False)
        if self.published.is_resource(relative):
            return self._negotiate(relative)
        found = self.published.file(relative)
        if found:
            return self._file(found, relative)
        return self._error(404, f"nothing is published at {path}")

    def _trailing_slash(self, path: str, query: str) -> Reply:
        """`/project/PO.0181/`: 301 to the resource without the slash when it exists; a folder such as
        `/project/` is no page (404 pointing to the landing page); empty or dot segments stay refused."""
        bare = path[:-1]
        relative = canonical_path(bare[1:])
        if relative is None:
            return self._error(400, "this path is refused: it has empty, '.' or '..' segments, or an encoded '/'")
        form = split_form(relative)
        if bare == SPARQL_PATH or self.published.is_resource(form[0] if form else relative):
            target = bare + (f"?{query}" if query else "")
            return Reply(301, "text/plain", f"moved permanently to {target}\n".encode(), {"Location": target},
                         settled=False)
        return self._error(404, f"nothing is published at {path}: the landing page (/) lists what is published "
                           "and links to every resource")

    def _negotiate(self, path: str) -> Reply:
        """A resource's IRI: the form the Accept header prefers, or 406 listing what is offered."""
        chosen = negotiation.choose_format(self.headers.get("Accept"))
        if chosen is None:
            offered = [f.media_type for f in serializations.web_formats()]
            headers = {"Vary": "Accept", **self._links(path)}
            return self._error(406, "none of the forms of this resource is acceptable; offered: "
                               + ", ".join(offered), offered=offered, extra=headers)
        return self._form(path, chosen, negotiated=True)

    def _form(self, path: str, fmt: Serialization, negotiated: bool) -> Reply:
        """One form of a resource ("" is the landing page, whose data is the dataset's description)."""
        if not path and fmt.name != "html":
            path = "dataset"
        extra = self._links(path)
        if negotiated:
            extra["Vary"] = "Accept"
            extra["Content-Location"] = f"/{path or LANDING}{fmt.extensions[0]}"
        built = self.published.built(path, fmt)
        if built:
            return Reply(200, fmt.media_type, built, extra, cached=True)
        pages = self.published.pages
        body = pages.render(path).encode("utf-8") if fmt.name == "html" else rdf_forms(pages.index, path)[fmt.name]
        return Reply(200, fmt.media_type, body, extra, cached=True)

    def _page(self, path: str, number: int) -> Reply:
        """A further page of a resource's project table ("" is the landing page's), as build wrote it or
        rendered; 404 past the last."""
        built = self.published.built_page(path, number)
        if built:
            return Reply(200, "text/html", built, self._links(path), cached=True)
        page = self.published.pages.render_pages(path, [number]).get(number)
        if page is None:
            return self._error(404, f"{path or 'the landing page'} has no page {number}")
        return Reply(200, "text/html", page.encode("utf-8"), self._links(path), cached=True)

    def _links(self, path: str) -> dict[str, str]:
        """A Link header naming every form of the resource and its IRI."""
        name = path or "dataset"
        links = [f'</{name}{f.extensions[0]}>; rel="alternate"; type="{f.media_type}"'
                 for f in serializations.web_formats()]
        iri = self.published.base + path
        return {"Link": ", ".join(links + [f'<{iri}>; rel="canonical"'])}

    def _answer(self, result: SparqlAnswer) -> Reply:
        return Reply(result.status, result.media_type, result.body, result.headers,
                     settled=result.media_type != "text/html")  # a query page also shows this build's labels

    def _file(self, handle: BinaryIO, name: str) -> Reply:
        return Reply(200, media_type_of(Path(name)), handle, cached=True)

    def _error(self, status: int, message: str, offered: list[str] | None = None,
               extra: dict[str, str] | None = None) -> Reply:
        """An error as a page for browsers and one plain line for everything else."""
        wants_html = negotiation.negotiate(self.headers.get("Accept"), ["text/plain", "text/html"]) == "text/html"
        if wants_html:
            here = self._here()  # the page's links are relative to where it is
            # no canonical link: an error is not the resource's page, nor a page to index under its address
            body = self.published.pages.page("error.html", here, HTTPStatus(status).phrase, status=status,
                                             message=message, offered=offered or [], canonical=None).encode("utf-8")
            return Reply(status, "text/html", body, extra or {}, settled=False)
        return Reply(status, "text/plain", (message + "\n").encode("utf-8"), extra or {}, settled=False)

    def _here(self) -> str:
        """The site path a page at the request's path has its links relative to ("project/-" for /project/)."""
        target = self._target()[0]
        here = canonical_path(target[1:])
        if here is None and target.endswith("/") and len(target) > 1:
            folder = canonical_path(target[1:-1])
            return f"{folder}/-" if folder else ""
        return here or ""

    def _send(self, reply: Reply, send_body: bool) -> None:
        if reply.cached and reply.status == 200 and self.command in ("GET", "HEAD"):
            found = delivery.validators(reply.body)
            reply.headers.update(found.headers())
            if delivery.not_modified(self.headers, found):
                if not isinstance(reply.body, bytes):
                    reply.body.close()
                return self._not_modified(reply.headers)
        if isinstance(reply.body, bytes):
            self._head(reply.status, reply.media_type, len(reply.body), reply.headers)
            if send_body:
                self.wfile.write(reply.body)
            return
        with reply.body as handle:
            self._head(reply.status, reply.media_type, os.fstat(handle.fileno()).st_size, reply.headers)
            if send_body:
                shutil.copyfileobj(handle, self.wfile)

    def _not_modified(self, headers: dict[str, str]) -> None:
        """304: the client's copy is the one it would get; the headers a 200 would have, no body."""
        self.send_response(304)
        for name, value in {**delivery.CORS, **headers}.items():
            self.send_header(name, value)
        self.end_headers()

    def _head(self, status: int, media_type: str, length: int, extra: dict[str, str] | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{media_type}; charset=utf-8" if media_type.startswith(_TEXT)
                         else media_type)
        self.send_header("Content-Length", str(length))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in {**delivery.CORS, **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000, lang: str = SITE_LANGUAGE,
                timeout: float = 10.0, limit: int = 10_000) -> ThreadingHTTPServer:
    """A threaded HTTP server over the published folder `out` (port 0 picks a free one); call serve_forever()."""
    output = Output(out, lang, timeout, limit)
    handler = type("PublishedHandler", (Handler,), {"output": output})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        raise MigrationLodError(f"cannot listen on {host}:{port}: {error.strerror or error}",
                                "pick another --port, or stop what is using it") from None
    server.daemon_threads = True
    return server

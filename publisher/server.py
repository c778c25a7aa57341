"""`migration-lod serve`: the published folder over HTTP, read-only: files, dereferenceable IRIs and SPARQL."""

from __future__ import annotations

import logging
import mimetypes
import shutil
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Graph
from rdflib.namespace import VOID

from converters.namespaces import DEFAULT_BASE

from . import negotiation, serializations, sparqlhttp
from .describe import canonical_path
from .errors import MigrationLodError, StoreError
from .pages import Pages
from .serializations import Serialization
from .site import CATALOG, DUMP, LANDING, SITE, SITE_LANGUAGE, make_pages, published_index, rdf_forms
from .sparqlpage import SparqlAnswer, answer

log = logging.getLogger("migration_lod.serve")
WELL_KNOWN_VOID = "/.well-known/void"
SPARQL_PATH = "/sparql"
_TEXT = ("text/", "application/ld+json", "application/n-triples", "application/sparql-results+json",
         "application/sparql-results+xml", "application/rdf+xml")


class Published:
    """What a server serves: an output folder, the base its IRIs live under, and pages rendered on demand."""

    def __init__(self, out: Path, lang: str = SITE_LANGUAGE, timeout: float = 10.0, limit: int = 10_000) -> None:
        if not (out / DUMP).is_file():
            raise StoreError(f"{out} holds no published dataset ({DUMP} is missing)",
                             f"run `migration-lod build --out {out}` first")
        self.out = out.resolve()
        self.site = self.out / SITE
        self.lang, self.timeout, self.limit = lang, timeout, limit
        self.base = _base_of(self.out / CATALOG)
        self._pages: Pages | None = None
        self._lock = threading.Lock()

    @property
    def pages(self) -> Pages:
        """The page renderer over the dump, catalogue and vocabulary, loaded on first use."""
        with self._lock:
            if self._pages is None:
                self._pages = make_pages(self.out, published_index(self.out, self.base), self.lang)
            return self._pages

    def is_resource(self, path: str) -> bool:
        """Whether `path` names a published resource: build wrote its page (the site has every resource's), or,
        without a site, the data describes it."""
        if path == LANDING:
            return False  # index.html is the landing page, served at /
        if self.site.is_dir():
            return (self.site / f"{path}.html").is_file()
        return self.pages.index.exists(path)

    def built(self, path: str, fmt: Serialization) -> Path | None:
        """The file build wrote for this form of a resource, when it can be served as it is."""
        if fmt.name == "html" and self.lang != SITE_LANGUAGE:
            return None  # pages in another language than the site's are rendered
        found = self.site / f"{path or LANDING}{fmt.extensions[0]}"
        return found if found.is_file() else None

    def file(self, relative: str) -> Path | None:
        """A file of the site, or one at the top of the output folder (a download), never outside them."""
        candidates = [self.site / relative] + ([self.out / relative] if "/" not in relative else [])
        for candidate in candidates:
            resolved = candidate.resolve()
            inside = resolved.is_relative_to(self.site) or resolved.parent == self.out
            if inside and resolved.is_file() and not resolved.name.startswith("."):
                return resolved
        return None


def _base_of(catalog: Path) -> str:
    """The IRI space the catalogue declares (void:uriSpace); the default base when it says none."""
    if not catalog.is_file():
        return DEFAULT_BASE
    spaces = sorted(str(o) for o in Graph().parse(catalog, format="turtle").objects(None, VOID.uriSpace))
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


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD for files, resources and /sparql; POST for /sparql only; nothing that writes."""

    server_version = "migration-lod"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write, and small writes are not held back waiting for an ACK (with
    # keep-alive, Nagle's algorithm and delayed ACKs otherwise add 40 ms to every answer).
    wbufsize = 1 << 16
    disable_nagle_algorithm = True
    published: Published  # set on the subclass make_server creates

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._get(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._get(send_body=False)

    def do_POST(self) -> None:  # noqa: N802
        path, query = self._target()
        try:
            body = self._read_body()
        except sparqlhttp.ProtocolError as error:
            self.close_connection = True
            return self._error(error.status, str(error))
        if path != SPARQL_PATH:
            return self._error(405, "only /sparql takes POST", extra={"Allow": "GET, HEAD"})
        try:
            request = sparqlhttp.from_post(self.headers.get("Content-Type"), body, query)
        except MigrationLodError as error:
            return self._answer(answer(self.published, None, self.headers.get("Accept"), error=error), True)
        self._answer(answer(self.published, request, self.headers.get("Accept")), True)

    def _refuse(self) -> None:
        self._error(405, f"{self.command} is not allowed: this server is read-only",
                    extra={"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse  # noqa: N815

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

    def _get(self, send_body: bool) -> None:
        path, query = self._target()
        if path == SPARQL_PATH:
            accept = self.headers.get("Accept")
            try:
                request = sparqlhttp.from_get(query)
            except MigrationLodError as error:
                return self._answer(answer(self.published, None, accept, error=error), send_body)
            return self._answer(answer(self.published, request, accept), send_body)
        if path == WELL_KNOWN_VOID:
            return self._file(self.published.out / CATALOG, send_body)
        if path == "/":
            return self._negotiate("", send_body)
        relative = canonical_path(path[1:]) if path.startswith("/") else None
        if relative is None:
            return self._error(400, "this path is refused: it has empty, '.' or '..' segments, or an encoded '/'",
                               send_body=send_body)
        form = split_form(relative)
        if form and self.published.is_resource(form[0]):
            return self._form(form[0], form[1], send_body, negotiated=False)
        if self.published.is_resource(relative):
            return self._negotiate(relative, send_body)
        found = self.published.file(relative)
        if found:
            return self._file(found, send_body)
        self._error(404, f"nothing is published at {path}", send_body=send_body)

    def _negotiate(self, path: str, send_body: bool) -> None:
        """A resource's IRI: the form the Accept header prefers, or 406 listing what is offered."""
        chosen = negotiation.choose_format(self.headers.get("Accept"))
        if chosen is None:
            offered = [f.media_type for f in serializations.web_formats()]
            headers = {"Vary": "Accept", **self._links(path)}
            return self._error(406, "none of the forms of this resource is acceptable; offered: "
                               + ", ".join(offered), offered=offered, send_body=send_body, extra=headers)
        self._form(path, chosen, send_body, negotiated=True)

    def _form(self, path: str, fmt: Serialization, send_body: bool, negotiated: bool) -> None:
        """One form of a resource ("" is the landing page, whose data is the dataset's description)."""
        if not path and fmt.name != "html":
            path = "dataset"
        extra = self._links(path)
        if negotiated:
            extra["Vary"] = "Accept"
            extra["Content-Location"] = f"/{path or LANDING}{fmt.extensions[0]}"
        built = self.published.built(path, fmt)
        if built:
            return self._file(built, send_body, extra)
        pages = self.published.pages
        body = pages.render(path).encode("utf-8") if fmt.name == "html" else rdf_forms(pages.index, path)[fmt.name]
        self._send(200, body, fmt.media_type, send_body, extra)

    def _links(self, path: str) -> dict[str, str]:
        """A Link header naming every form of the resource and its IRI."""
        name = path or "dataset"
        links = [f'</{name}{f.extensions[0]}>; rel="alternate"; type="{f.media_type}"'
                 for f in serializations.web_formats()]
        iri = self.published.base + path
        return {"Link": ", ".join(links + [f'<{iri}>; rel="canonical"'])}

    def _answer(self, result: SparqlAnswer, send_body: bool) -> None:
        self._send(result.status, result.body, result.media_type, send_body, result.headers)

    def _file(self, path: Path, send_body: bool, extra: dict[str, str] | None = None) -> None:
        self._head(200, media_type_of(path), path.stat().st_size, extra)
        if send_body:
            with path.open("rb") as handle:
                shutil.copyfileobj(handle, self.wfile)

    def _error(self, status: int, message: str, offered: list[str] | None = None, send_body: bool = True,
               extra: dict[str, str] | None = None) -> None:
        """An error as a page for browsers and one plain line for everything else."""
        wants_html = negotiation.negotiate(self.headers.get("Accept"), ["text/plain", "text/html"]) == "text/html"
        if wants_html:
            here = canonical_path(self._target()[0][1:]) or ""  # the page's links are relative to where it is
            body = self.published.pages.page("error.html", here, HTTPStatus(status).phrase, status=status,
                                             message=message, offered=offered or []).encode("utf-8")
            return self._send(status, body, "text/html", send_body, extra)
        self._send(status, (message + "\n").encode("utf-8"), "text/plain", send_body, extra)

    def _send(self, status: int, body: bytes, media_type: str, send_body: bool,
              extra: dict[str, str] | None = None) -> None:
        self._head(status, media_type, len(body), extra)
        if send_body:
            self.wfile.write(body)

    def _head(self, status: int, media_type: str, length: int, extra: dict[str, str] | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{media_type}; charset=utf-8" if media_type.startswith(_TEXT)
                         else media_type)
        self.send_header("Content-Length", str(length))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000, lang: str = SITE_LANGUAGE,
                timeout: float = 10.0, limit: int = 10_000) -> ThreadingHTTPServer:
    """A threaded HTTP server over the published folder `out` (port 0 picks a free one); call serve_forever()."""
    published = Published(out, lang, timeout, limit)
    handler = type("PublishedHandler", (Handler,), {"published": published})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        raise MigrationLodError(f"cannot listen on {host}:{port}: {error.strerror or error}",
                                "pick another --port, or stop what is using it") from None
    server.daemon_threads = True
    return server

"""`migration-lod serve`: the published folder over HTTP, read-only: files, dereferenceable IRIs and SPARQL.

Each request is answered from one build: it opens the output folder once (publisher/snapshot.py) and reads every
file from there, so a build swapped in meanwhile never mixes into an answer, and the next request sees the new
build. What is read once per build (the base, the pages) is kept per build (publisher/builds.py), the last two.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qs, urlsplit

from . import delivery, negotiation, serializations, sparqlhttp
from .builds import Output, Published, Vanished
from .describe import canonical_path
from .errors import MigrationLodError, StoreError
from .projecttable import split_page
from .serializations import Serialization
from .shapesdoc import SHAPES
from .site import CATALOG, LANDING, SITE_LANGUAGE, rdf_forms
from .sparqlpage import SparqlAnswer, answer

log = logging.getLogger("migration_lod.serve")
WELL_KNOWN_VOID = "/.well-known/void"
SPARQL_PATH = "/sparql"
LANGUAGES = ("en", "fr")  # the languages pages are rendered in (templates/messages.json)
_TEXT = ("text/", "application/ld+json", "application/n-triples", "application/sparql-results+json",
         "application/sparql-results+xml", "application/rdf+xml")


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
                self.published.lang = self._language()
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
        """The request's path and query string, as the request line has them (a path starting "//" is a path,
        not a host; http.server's self.path has its leading slashes merged already)."""
        words = self.requestline.split()
        sent = words[1] if len(words) >= 2 and words[1].startswith("/") else self.path
        raw = sent if sent.startswith("/") else urlsplit(sent).path or "/"
        path, _, query = raw.partition("#")[0].partition("?")
        return path, query

    def _language(self) -> str:
        """The language of the pages this request gets: `?lang=` when it names one of LANGUAGES (a link can
        carry it), else the one Accept-Language prefers, else `--lang`."""
        asked = parse_qs(self._target()[1]).get("lang", [])
        if asked and asked[-1] in LANGUAGES:
            return asked[-1]
        return negotiation.choose_language(self.headers.get("Accept-Language"), LANGUAGES, self.output.lang)

    def _in_language(self, headers: dict[str, str]) -> dict[str, str]:
        """A page's headers with its language, and Accept-Language among those it varies with."""
        vary = headers.get("Vary")
        return {**headers, "Content-Language": self.published.lang,
                "Vary": f"{vary}, Accept-Language" if vary else "Accept-Language"}

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
        if "//" in path:
            return self._merged_slashes(path, query)
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
        if form and form[0] == LANDING and form[1].name == "html":
            return self._form("", form[1], negotiated=False)  # the landing page, in the request's language
        if self.published.is_resource(relative):
            return self._negotiate(relative)
        if relative.split("/")[0] == "shapes":
            return self._shapes(relative)
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

    def _merged_slashes(self, path: str, query: str) -> Reply:
        """`//project/PO.0181`, `/project//PO.0181`: 301 to the path with each run of slashes made one, when
        something is published there (always a path on this host: it starts with one slash); 404 otherwise, and
        dot segments stay refused."""
        merged = re.sub("/{2,}", "/", path)
        if merged != "/" and merged.endswith("/"):
            return self._trailing_slash(merged, query)
        if merged != "/" and canonical_path(merged[1:]) is None:
            return self._error(400, "this path is refused: it has empty, '.' or '..' segments, or an encoded '/'")
        if not self._published_at(merged):
            return self._error(404, f"nothing is published at {merged}")
        target = merged + (f"?{query}" if query else "")
        return Reply(301, "text/plain", f"moved permanently to {target}\n".encode(), {"Location": target},
                     settled=False)

    def _published_at(self, path: str) -> bool:
        """Whether a GET of `path` (one slash between segments) finds something, as _get looks for it."""
        if path in ("/", SPARQL_PATH, WELL_KNOWN_VOID):
            return True
        relative = canonical_path(path[1:])
        if relative is None:
            return False
        paged, form = split_page(relative), split_form(relative)
        if (paged and (not paged[0] or self.published.is_resource(paged[0]))
                or form and self.published.is_resource(form[0]) or self.published.is_resource(relative)):
            return True
        if relative.split("/")[0] == "shapes":
            document = self.published.generation.shapes(self.published.snapshot)
            return document is not None and relative in document.paths
        found = self.published.file(relative)
        if found:
            found.close()
        return found is not None

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
        if fmt.name == "html":
            extra = self._in_language(extra)
        built = self.published.built(path, fmt)
        if built:
            return Reply(200, fmt.media_type, built, extra, cached=True)
        pages = self.published.pages
        body = pages.render(path).encode("utf-8") if fmt.name == "html" else rdf_forms(pages.index, path)[fmt.name]
        return Reply(200, fmt.media_type, body, extra, cached=True)

    def _shapes(self, path: str) -> Reply:
        """`/shapes` and the other IRIs of the shapes under the base: shapes.ttl, by content negotiation."""
        document = self.published.generation.shapes(self.published.snapshot)
        if document is None or path not in document.paths:
            return self._error(404, f"nothing is published at /{path}")
        headers = {"Vary": "Accept", "Link": f'</{SHAPES}>; rel="alternate"; type="text/turtle"'}
        chosen = document.choose(self.headers.get("Accept"))
        if chosen is None:
            offered = [media for media in document.forms if media != "text/plain"]
            return self._error(406, "none of the forms of the shapes is acceptable; offered: " + ", ".join(offered),
                               offered=offered, extra=headers)
        return Reply(200, chosen, document.forms[chosen], headers, cached=True)

    def _page(self, path: str, number: int) -> Reply:
        """A further page of a resource's project table ("" is the landing page's), as build wrote it or
        rendered; 404 past the last."""
        headers = self._in_language(self._links(path))
        built = self.published.built_page(path, number)
        if built:
            return Reply(200, "text/html", built, headers, cached=True)
        page = self.published.pages.render_pages(path, [number]).get(number)
        if page is None:
            return self._error(404, f"{path or 'the landing page'} has no page {number}")
        return Reply(200, "text/html", page.encode("utf-8"), headers, cached=True)

    def _links(self, path: str) -> dict[str, str]:
        """A Link header naming every form of the resource and its IRI."""
        name = path or "dataset"
        links = [f'</{name}{f.extensions[0]}>; rel="alternate"; type="{f.media_type}"'
                 for f in serializations.web_formats()]
        iri = self.published.base + path
        return {"Link": ", ".join(links + [f'<{iri}>; rel="canonical"'])}

    def _answer(self, result: SparqlAnswer) -> Reply:
        headers = self._in_language(result.headers) if result.media_type == "text/html" else result.headers
        return Reply(result.status, result.media_type, result.body, headers,
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
            return Reply(status, "text/html", body, self._in_language(extra or {}), settled=False)
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
            reply = self._conditional(reply)
            if reply is None:
                return
        if isinstance(reply.body, bytes):
            self._head(reply.status, reply.media_type, len(reply.body), reply.headers)
            if send_body:
                self.wfile.write(reply.body)
            return
        with reply.body as handle:
            self._head(reply.status, reply.media_type, os.fstat(handle.fileno()).st_size, reply.headers)
            if send_body:
                shutil.copyfileobj(handle, self.wfile)

    def _conditional(self, reply: Reply) -> Reply | None:
        """A file or a resource's form as this request asks for it: gzipped if the client takes it (text forms,
        whole answers only), with its validators, 304 (None: sent) when the client has it, 206 or 416 for a
        Range."""
        found = delivery.validators(reply.body)
        text = reply.media_type.startswith(_TEXT)
        ranged = self.headers.get("Range") is not None
        size = self._size(reply.body)
        if text:
            vary = reply.headers.get("Vary")
            reply.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        if (text and not ranged and size <= delivery.GZIP_MAX
                and delivery.accepts_gzip(self.headers.get("Accept-Encoding"))):
            reply.body = delivery.gzipped(found.etag, self._whole(reply.body))
            found = delivery.gzip_validators(found)
            reply.headers["Content-Encoding"] = "gzip"
        else:
            reply.headers["Accept-Ranges"] = "bytes"
        reply.headers.update(found.headers())
        if delivery.not_modified(self.headers, found):
            self._close(reply)
            self._not_modified(reply.headers)
            return None
        if not ranged or not delivery.range_applies(self.headers, found):
            return reply
        span = delivery.byte_range(self.headers["Range"], size)
        if span == delivery.UNSATISFIABLE:
            self._close(reply)
            return Reply(416, "text/plain", f"the range is outside the {size} bytes of this file\n".encode(),
                         {"Content-Range": f"bytes */{size}", **found.headers()})
        if span is None:
            return reply
        first, last = span
        reply.headers["Content-Range"] = f"bytes {first}-{last}/{size}"
        return replace(reply, status=206, body=self._part(reply.body, first, last))

    @staticmethod
    def _whole(body: bytes | BinaryIO) -> bytes:
        if isinstance(body, bytes):
            return body
        with body:
            return body.read()

    @staticmethod
    def _size(body: bytes | BinaryIO) -> int:
        return len(body) if isinstance(body, bytes) else os.fstat(body.fileno()).st_size

    @staticmethod
    def _part(body: bytes | BinaryIO, first: int, last: int) -> bytes:
        """Bytes first to last of an answer, read alone from its file (a range of a dump of gigabytes reads only
        itself)."""
        if isinstance(body, bytes):
            return body[first:last + 1]
        with body:
            body.seek(first)
            return body.read(last - first + 1)

    @staticmethod
    def _close(reply: Reply) -> None:
        if not isinstance(reply.body, bytes):
            reply.body.close()

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

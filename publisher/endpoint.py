"""Talking to other stores over HTTP: the SPARQL 1.1 Protocol for queries, the Graph Store Protocol for `load`."""

from __future__ import annotations

import base64
import gzip
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from converters import VERSION

from .errors import EndpointError, StoreError
from .sparql import SparqlResult
from .store import dump_path

USER_AGENT = f"migration-lod/{VERSION}"
BATCH_TRIPLES = 50_000


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """An opener that answers the server's challenge with digest or basic auth, whichever it asks for."""
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        handlers += [urllib.request.HTTPDigestAuthHandler(_passwords(url, user, password)),
                     urllib.request.HTTPBasicAuthHandler(_passwords(url, user, password))]
    return urllib.request.build_opener(*handlers)


def _passwords(url: str, user: str, password: str | None) -> urllib.request.HTTPPasswordMgrWithDefaultRealm:
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password or "")
    return passwords


class _Credentials:
    """Credentials sent with each request once the server's challenge is known. urllib's handlers send a request
    without them and answer the 401; but a server such as Virtuoso sends its 401 and closes the connection before
    reading a large body, so the sender of a batch of 50,000 triples gets a broken pipe, never the challenge. A
    HEAD request learns the challenge first; digest answers then count their uses of the nonce, as RFC 7616 asks."""

    def __init__(self, url: str, user: str, password: str | None) -> None:
        self.url, self.user, self.password = url, user, password or ""
        self.digest = urllib.request.HTTPDigestAuthHandler(_passwords(url, user, password))
        self.scheme: str | None = None
        self.challenge: dict[str, str] = {}

    def learn(self, timeout: float) -> None:
        """Ask with HEAD (no body) and keep the challenge of the 401, if the server answers with one."""
        request = urllib.request.Request(self.url, method="HEAD", headers={"User-Agent": USER_AGENT})
        try:
            urllib.request.build_opener().open(request, timeout=timeout).close()
        except urllib.error.HTTPError as error:
            for value in error.headers.get_all("WWW-Authenticate") or ():
                scheme, _, rest = value.partition(" ")
                if scheme.lower() == "digest":
                    self.scheme = "digest"
                    self.challenge = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
                    return
                if scheme.lower() == "basic":
                    self.scheme = "basic"
        except (urllib.error.URLError, OSError):
            pass  # the request that follows says why, in one line

    def sign(self, request: urllib.request.Request) -> None:
        """Put the Authorization header on `request`, when the challenge is known."""
        if self.scheme == "digest":
            answer = self.digest.get_authorization(request, self.challenge)
            if answer:
                request.add_unredirected_header("Authorization", f"Digest {answer}")
        elif self.scheme == "basic":
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            request.add_unredirected_header("Authorization", f"Basic {token}")


def _send(request: urllib.request.Request, opener: urllib.request.OpenerDirector, timeout: float,
          what: str) -> tuple[bytes, str]:
    """Send one request; the body and media type of a 2xx answer, or one clear error."""
    request.add_header("User-Agent", USER_AGENT)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        detail = " ".join(error.read(600).decode("utf-8", "replace").split())
        hint = ("check the user and password (--user, --password)" if error.code in (401, 403)
                else "check the URL and what the server says")
        raise EndpointError(f"{request.full_url}: {what} failed with HTTP {error.code} {error.reason}"
                            + (f": {detail}" if detail else ""), hint) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (BrokenPipeError, ConnectionResetError)):  # it answered before reading the body
            raise EndpointError(f"{request.full_url}: the server closed the connection before reading the request "
                                f"({reason})", "if it asks for a password, give --user and --password; else send "
                                "smaller requests (--batch)") from None
        raise EndpointError(f"{request.full_url}: cannot reach the endpoint ({reason})",
                            "check the URL and that the server is running") from None


def remote_query(endpoint: str, query: str, media_type: str, *, timeout: float = 60.0,
                 user: str | None = None, password: str | None = None) -> SparqlResult:
    """Send a query to any SPARQL 1.1 endpoint (POST, form-encoded; parameters in the URL are kept, such as
    default-graph-uri) and return its answer as the server gave it."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https"):
        raise EndpointError(f"{endpoint}: not an http(s) URL", "give the endpoint's URL, e.g. http://host/sparql")
    form = urllib.parse.parse_qsl(parts.query, keep_blank_values=True) + [("query", query)]
    url = urllib.parse.urlunsplit(parts._replace(query=""))
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode("ascii"), method="POST",
                                     headers={"Accept": media_type,
                                              "Content-Type": "application/x-www-form-urlencoded"})
    body, answered = _send(request, _opener(url, user, password), timeout, "the query")
    return SparqlResult(body, answered)


@dataclass(frozen=True)
class LoadResult:
    """What `load` sent: how many triples, in how many requests, into which graph."""

    endpoint: str
    graph: str | None
    triples: int
    requests: int


def _batches(dump: Path, size: int) -> Iterator[tuple[bytes, int]]:
    """The dump's lines in batches of `size` triples (N-Triples lines stand alone, so any cut is valid)."""
    lines: list[bytes] = []
    with gzip.open(dump, "rb") as data:
        for line in data:
            if line.strip() and not line.lstrip().startswith(b"#"):
                lines.append(line)
            if len(lines) >= size:
                yield b"".join(lines), len(lines)
                lines = []
    if lines:
        yield b"".join(lines), len(lines)


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL for a named graph (`?graph=IRI`) or the default graph (`?default`)."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https"):
        raise EndpointError(f"{endpoint}: not an http(s) URL",
                            "give the Graph Store endpoint's URL, e.g. http://host:8890/sparql-graph-crud-auth")
    extra = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return urllib.parse.urlunsplit(parts._replace(query="&".join(filter(None, [parts.query, extra]))))


def load(out: Path, endpoint: str, *, graph: str | None = None, user: str | None = None,
         password: str | None = None, append: bool = False, batch: int = BATCH_TRIPLES,
         timeout: float = 300.0) -> LoadResult:
    """Put the output's dump into a store with the SPARQL 1.1 Graph Store HTTP Protocol: PUT replaces the graph
    with the first batch (POST with `append`), POST adds the others."""
    dump = dump_path(out)
    if not dump.is_file():
        raise StoreError(f"{dump} not found", "run `migration-lod build` first, or give the output folder with --out")
    url = graph_store_url(endpoint, graph)
    opener = _opener(url, user, password)
    credentials = _Credentials(url, user, password) if user is not None else None
    if credentials:
        credentials.learn(timeout)
    triples = requests = 0
    for body, count in _batches(dump, batch):
        method = "POST" if append or requests else "PUT"
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": "application/n-triples"})
        if credentials:
            credentials.sign(request)
        _send(request, opener, timeout, f"{method} of {count} triples")
        triples += count
        requests += 1
    if not requests:  # an empty dump still empties the graph when replacing
        _send(urllib.request.Request(url, data=b"", method="POST" if append else "PUT",
                                     headers={"Content-Type": "application/n-triples"}), opener, timeout, "PUT")
        requests = 1
    return LoadResult(endpoint, graph, triples, requests)

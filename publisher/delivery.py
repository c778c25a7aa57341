"""How `serve` sends what it has: CORS headers, validators and 304 (RFC 9110 §13), byte ranges and gzip.

The data is public and read-only, so every answer may be read by a script of any origin (no credentials are
involved). A file's ETag is the SHA-256 of the bytes sent, so it is strong and per representation: each form of
a resource is its own file, and a gzipped answer gets its own tag.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from typing import BinaryIO

CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "Link, Content-Location, Vary, ETag, Content-Range, Accept-Ranges"}
PREFLIGHT = {"Access-Control-Allow-Origin": "*",
             "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
             "Access-Control-Allow-Headers": "Accept, Content-Type",
             "Access-Control-Max-Age": "86400",
             "Allow": "GET, HEAD, POST, OPTIONS"}
MAX_AGE = 3600  # seconds: output/ changes only when a build replaces it
# Bytes: a larger text file is sent as it is, not gzipped in memory for each client (the whole-dataset Turtle and
# JSON-LD of 100,000 projects weigh hundreds of megabytes; the dump has its own .nt.gz).
GZIP_MAX = 8 << 20
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Validators:
    """What identifies the bytes of one representation: a strong ETag and, for a file, when it was written."""

    etag: str
    last_modified: float | None = None

    def headers(self) -> dict[str, str]:
        """ETag, Last-Modified and Cache-Control for an answer carrying these bytes."""
        found = {"ETag": self.etag, "Cache-Control": f"public, max-age={MAX_AGE}"}
        if self.last_modified is not None:
            found["Last-Modified"] = formatdate(self.last_modified, usegmt=True)
        return found


class _Digests:
    """SHA-256 of files by identity (device, inode, size, mtime): a file build wrote is hashed once."""

    def __init__(self, size: int = 4096) -> None:
        self._found: OrderedDict[tuple, str] = OrderedDict()
        self._size, self._lock = size, threading.Lock()

    def of(self, handle: BinaryIO) -> str:
        status = os.fstat(handle.fileno())
        key = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
        with self._lock:
            if key in self._found:
                self._found.move_to_end(key)
                return self._found[key]
        digest = hashlib.sha256()
        position = handle.tell()
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
        handle.seek(position)
        with self._lock:
            self._found[key] = digest.hexdigest()
            while len(self._found) > self._size:
                self._found.popitem(last=False)
        return self._found.get(key, digest.hexdigest())


_digests = _Digests()


def validators(body: bytes | BinaryIO) -> Validators:
    """The validators of an answer's bytes: a file's hash and mtime, or the hash of bytes made in memory."""
    if isinstance(body, bytes):
        return Validators(f'"{hashlib.sha256(body).hexdigest()}"')
    return Validators(f'"{_digests.of(body)}"', os.fstat(body.fileno()).st_mtime)


def _tags(field: str) -> list[str]:
    return [tag.strip() for tag in field.split(",") if tag.strip()]


def _weak_match(tag: str, etag: str) -> bool:
    return tag.removeprefix("W/") == etag.removeprefix("W/")


def not_modified(headers, found: Validators) -> bool:
    """Whether a GET or HEAD with these request headers gets 304 (RFC 9110 §13.2.2): If-None-Match decides when
    it is sent (weak comparison, `*` matches); otherwise If-Modified-Since against Last-Modified."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        return any(tag == "*" or _weak_match(tag, found.etag) for tag in _tags(if_none_match))
    since = headers.get("If-Modified-Since")
    if since is None or found.last_modified is None or len(headers.get_all("If-Modified-Since")) > 1:
        return False
    try:
        date = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False  # not an HTTP-date: ignored
    if date.tzinfo is None:
        return False
    return int(found.last_modified) <= date.timestamp()


def accepts_gzip(field: str | None) -> bool:
    """Whether an Accept-Encoding header takes gzip (named or as `*`, with a q above 0)."""
    qualities: dict[str, float] = {}
    for item in (field or "").split(","):
        name, _, parameters = item.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.strip().partition("=")
            if key.lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name:
            qualities[name.lower()] = quality
    return qualities.get("gzip", qualities.get("x-gzip", qualities.get("*", 0.0))) > 0


class _Compressed:
    """gzip bodies by ETag, up to a total size: a dump is compressed once per build, not once per download."""

    def __init__(self, budget: int = 16 << 20) -> None:
        self._found: OrderedDict[str, bytes] = OrderedDict()
        self._budget, self._size, self._lock = budget, 0, threading.Lock()

    def of(self, etag: str, data: bytes) -> bytes:
        with self._lock:
            if etag in self._found:
                self._found.move_to_end(etag)
                return self._found[etag]
        packed = gzip.compress(data, compresslevel=6, mtime=0)  # no time in it: the same bytes for one ETag
        with self._lock:
            if etag not in self._found:
                self._found[etag] = packed
                self._size += len(packed)
                while self._size > self._budget and self._found:
                    self._size -= len(self._found.popitem(last=False)[1])
        return packed


gzipped = _Compressed().of


def gzip_validators(found: Validators) -> Validators:
    """The validators of the gzipped bytes: another representation, so another strong ETag."""
    return Validators(found.etag[:-1] + '-gzip"', found.last_modified)


UNSATISFIABLE = (-1, -1)


def byte_range(field: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a `Range: bytes=…` header asks for, UNSATISFIABLE when none of it exists, or None
    (send the whole) for anything else: another unit, several ranges, a malformed one."""
    unit, _, spec = field.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first.isdigit() or last.isdigit()) or first and not first.isdigit() \
            or last and not last.isdigit():
        return None
    if len(first) > 18 or len(last) > 18:
        return None  # past any file's size, and past what int() reads safely
    if not first:  # the last N bytes
        return (max(size - int(last), 0), size - 1) if int(last) and size else UNSATISFIABLE
    start, end = int(first), int(last) if last else None
    if end is not None and end < start:
        return None  # invalid: ignored
    return (start, min(size - 1 if end is None else end, size - 1)) if start < size else UNSATISFIABLE


def range_applies(headers, found: Validators) -> bool:
    """Whether a Range request's If-Range (if any) still names these bytes: a strong ETag equal to ours, or
    exactly our Last-Modified date."""
    condition = headers.get("If-Range")
    if condition is None:
        return True
    condition = condition.strip()
    if condition.startswith(('"', "W/")):
        return condition == found.etag
    return found.last_modified is not None and condition == formatdate(found.last_modified, usegmt=True)

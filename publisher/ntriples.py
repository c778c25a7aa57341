"""N-Triples lines as the build writes them: one triple a line, made by rdflib's N-Triples writer, sorted into
runs on disk and merged, then read back by the Turtle, JSON-LD and catalogue writers without an RDF library."""

from __future__ import annotations

import heapq
import io
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from rdflib import Literal

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPE = re.compile(r"\\(?:[tbnrf\"'\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def line(triple: tuple) -> str:
    """One triple (rdflib terms) as an N-Triples line, exactly as rdflib writes it (plugins.serializers.nt), each
    IRI's and blank node's form worked out once: rdflib checks every character of an IRI each time it writes it,
    and a chunk's records name the same few thousand IRIs tens of thousands of times."""
    subject, predicate, obj = triple
    first = _TERMS.get(subject) or _term(subject)
    second = _TERMS.get(predicate) or _term(predicate)
    if isinstance(obj, Literal):
        return f"{first} {second} {_literal(obj)} .\n"
    return f"{first} {second} {_TERMS.get(obj) or _term(obj)} .\n"


_TERMS: dict = {}  # IRIs and blank nodes (rdflib terms) -> their N-Triples form
_TERMS_KEPT = 1 << 16  # forms kept at most (emptied when full)


def _term(term) -> str:
    form = term.n3()  # raises for an IRI no N-Triples can hold, as _nt_row does
    if len(_TERMS) >= _TERMS_KEPT:
        _TERMS.clear()
    _TERMS[term] = form
    return form


def _literal(value: Literal) -> str:
    if value.language:
        return text(value, language=value.language)
    return text(value, datatype=value.datatype and str(value.datatype))


def iri(value: str) -> str:
    """An IRI as an N-Triples term."""
    return f"<{value}>"


def text(value: str, language: str | None = None, datatype: str | None = None) -> str:
    """A literal as an N-Triples term, escaped as rdflib escapes it."""
    quoted = '"' + value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    if language:
        return f"{quoted}@{language}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def lines(triples: Iterable[tuple]) -> list[str]:
    """Triples as sorted, distinct N-Triples lines."""
    return sorted({line(triple) for triple in triples})


def split(text: str) -> tuple[str, str, str]:
    """(subject, predicate, object) of a line, each in its N-Triples form: '<iri>', '_:b1', '"a"@fr'."""
    subject, predicate, rest = text.split(" ", 2)
    return subject, predicate, rest[:-3] if rest.endswith(" .\n") else rest.rstrip().removesuffix(" .")


def literal(term: str) -> tuple[str, str | None, str | None]:
    """(lexical form, language, datatype IRI or None for a plain string) of an N-Triples literal."""
    body, _, suffix = term[1:].rpartition('"')
    value = _ESCAPE.sub(_unescape, body) if "\\" in body else body
    if suffix.startswith("@"):
        return value, suffix[1:], None
    datatype = suffix[3:-1] if suffix.startswith("^^<") else None
    return value, None, None if datatype == XSD_STRING else datatype


def _unescape(match: re.Match) -> str:
    text = match.group()
    return chr(int(text[2:], 16)) if text[1] in "uU" else _ECHAR[text[1]]


def write_run(path: Path, run: Iterable[str]) -> None:
    """Write sorted distinct lines to a run file."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(run)


def merged(runs: list[Path], extra: Iterable[Iterable[str]] = ()) -> Iterator[str]:
    """The distinct lines of sorted run files (and sorted in-memory runs), in order: a k-way merge that holds
    one line per run."""
    with ExitStack() as stack:
        handles = [stack.enter_context(path.open(encoding="utf-8", newline="\n")) for path in runs]
        previous = None
        for text in heapq.merge(*handles, *extra):
            if text != previous:
                yield text
                previous = text


def merged_with(lines: Iterable[str], few: list[str]) -> Iterator[str]:
    """The distinct lines of sorted `lines` and a short sorted list `few`, in order: merged() of the two, with
    one comparison a line instead of a heap operation."""
    extra = iter(few)
    pending = next(extra, None)
    previous = None
    for text in lines:
        while pending is not None and pending <= text:
            if pending != previous:
                yield pending
                previous = pending
            pending = next(extra, None)
        if text != previous:
            yield text
            previous = text
    while pending is not None:
        if pending != previous:
            yield pending
            previous = pending
        pending = next(extra, None)


def copied(lines: Iterable[str], path: Path, batch: int = 4096) -> Iterator[str]:
    """`lines` as they come, written to a file as well (in batches): a pass that others read from the file
    (read_run, or followed while it is being written) rather than merge the runs again. The lines go to
    `path`.part, renamed `path` once the last is in."""
    part = _part(path)
    with part.open("w", encoding="utf-8", newline="\n") as handle:
        held: list[str] = []
        for text in lines:
            held.append(text)
            if len(held) >= batch:
                handle.writelines(held)
                held.clear()
            yield text
        handle.writelines(held)
    part.rename(path)


def followed(path: Path, pause: float = 0.005) -> Iterator[str]:
    """The lines that copied() writes to `path`, read as they come from another process: whole lines only, and
    a wait of `pause` seconds wherever the reader has caught up, until `path` is there (the last line in)."""
    part = _part(path)
    while True:
        try:
            handle = part.open("rb")
            break
        except FileNotFoundError:
            if path.exists():  # written whole before this came to it
                yield from read_run(path)
                return
            time.sleep(pause)
    with handle:
        held, last = b"", False
        while True:
            piece = handle.read(1 << 20)
            if piece:
                held += piece
                cut = held.rfind(b"\n") + 1
                if cut:  # only "\n" ends a line (str.splitlines would cut a literal at U+2028)
                    yield from io.StringIO(held[:cut].decode("utf-8"), newline="\n")
                    held = held[cut:]
            elif last:
                break
            elif path.exists():
                last = True  # renamed once written whole: one more read to the end
            else:
                time.sleep(pause)
    if held:
        raise ValueError(f"{path}: the copy ends inside a line")


def read_run(path: Path) -> Iterator[str]:
    """The lines of a run file (write_run, copied), one at a time."""
    with path.open(encoding="utf-8", newline="\n") as handle:
        yield from handle


def _part(path: Path) -> Path:
    return path.with_name(path.name + ".part")

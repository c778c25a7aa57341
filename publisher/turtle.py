"""Turtle written straight from sorted N-Triples lines: in one pass, in constant memory, the same bytes for
the same lines. Each subject is one block (rdf:type first, as `a`), objects of a predicate are joined with
commas, IRIs in a bound namespace become prefixed names, and numbers and booleans are written bare."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from typing import TextIO

from . import ntriples

# What a prefixed name's local part may be here: a safe subset of Turtle's PN_LOCAL (no escapes needed).
_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")
_BARE = {
    "http://www.w3.org/2001/XMLSchema#integer": re.compile(r"[+-]?[0-9]+"),
    "http://www.w3.org/2001/XMLSchema#decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    "http://www.w3.org/2001/XMLSchema#boolean": re.compile(r"true|false"),
}


class Writer:
    """Writes Turtle to a text handle with a fixed prefix table (prefix -> namespace IRI)."""

    def __init__(self, handle: TextIO, prefixes: dict[str, str], header: bool = True) -> None:
        self.handle = handle
        self.namespaces = {namespace: prefix for prefix, namespace in sorted(prefixes.items())}
        self.used: set[str] = set()  # the prefixes written so far
        # IRIs as written, with the prefix each uses: shared by every writer with the same prefixes (a site's
        # documents each have one, and name the same classes, properties and resources)
        self._iris = _IRIS.setdefault(tuple(sorted(prefixes.items())), {})
        self._literal = lru_cache(maxsize=1 << 16)(self._term)  # its own: a literal's datatype marks a prefix used
        if header:
            handle.write(prologue(prefixes))

    def term(self, text: str) -> str:
        """An N-Triples term as written in Turtle."""
        if text[0] != "<":  # a typed literal may be written bare, or with a prefixed datatype; others as they are
            return self._literal(text) if text[-1] == ">" else text
        found = self._iris.get(text)
        if found is None:
            if len(self._iris) >= KEPT:
                self._iris.clear()
            found = self._iris[text] = _prefixed(text[1:-1], self.namespaces)
        if found[1] is not None:
            self.used.add(found[1])
        return found[0]

    def write(self, lines: Iterable[str]) -> int:
        """Write the triples of sorted N-Triples lines (a subject's lines together); returns how many."""
        count = 0
        for subject, group in groupby(map(ntriples.split, lines), key=lambda triple: triple[0]):
            pairs = [(predicate, obj) for _, predicate, obj in group]
            self.block(subject, pairs)
            count += len(pairs)
        return count

    def block(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        """Write one subject's (predicate, object) pairs, in N-Triples form and order."""
        term = self.term
        pairs = sorted(pairs, key=lambda pair: pair[0] != ntriples.RDF_TYPE)  # stable: `a` first
        parts = []
        for predicate, objects in groupby(pairs, key=lambda pair: pair[0]):
            verb = "a" if predicate == ntriples.RDF_TYPE else term(predicate)
            parts.append(f"{verb} " + ",\n        ".join(term(obj) for _, obj in objects))
        self.handle.write(f"\n{term(subject)} " + " ;\n    ".join(parts) + " .\n")

    def _term(self, text: str) -> str:
        if text.startswith("<"):
            return self._iri(text[1:-1])
        if not text.startswith('"'):
            return text  # a blank node label reads the same in Turtle
        quote = text.rfind('"')
        suffix = text[quote + 1:]
        if suffix.startswith("^^<"):
            datatype = suffix[3:-1]
            bare = _BARE.get(datatype)
            if bare and bare.fullmatch(text[1:quote]):
                return text[1:quote]
            return text[:quote + 1] + "^^" + self._iri(datatype)
        return text

    def _iri(self, iri: str) -> str:
        written, prefix = _prefixed(iri, self.namespaces)
        if prefix is not None:
            self.used.add(prefix)
        return written


KEPT = 1 << 16  # IRIs kept as written, per prefix table (emptied when full)
_IRIS: dict[tuple, dict[str, tuple[str, str | None]]] = {}


def _prefixed(iri: str, namespaces: dict[str, str]) -> tuple[str, str | None]:
    """An IRI as a prefixed name when it can be one, else in <>; and the prefix it uses."""
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    prefix = namespaces.get(iri[:cut])
    if prefix is not None and _LOCAL.fullmatch(iri[cut:]):
        return f"{prefix}:{iri[cut:]}", prefix
    return f"<{iri}>", None


def prologue(prefixes: dict[str, str]) -> str:
    """The @prefix lines of a prefix table, sorted."""
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(prefixes.items()))


def document(blocks: Iterable[tuple[str, list[tuple[str, str]]]], prefixes: dict[str, str]) -> str:
    """A small Turtle document of (subject, [(predicate, object)…]) blocks in N-Triples form, declaring only the
    prefixes it uses."""
    body = io.StringIO()
    writer = Writer(body, prefixes, header=False)
    for subject, pairs in blocks:
        writer.block(subject, pairs)
    return prologue({prefix: prefixes[prefix] for prefix in writer.used}) + body.getvalue()


def write(handle: TextIO, lines: Iterable[str], prefixes: dict[str, str]) -> int:
    """Write a Turtle document of sorted N-Triples lines; returns the number of triples."""
    return Writer(handle, prefixes).write(lines)

"""Turtle written straight from sorted N-Triples lines: in one pass, in constant memory, the same bytes for
the same lines. Each subject is one block (rdf:type first, as `a`), objects of a predicate are joined with
commas, IRIs in a bound namespace become prefixed names, and numbers and booleans are written bare."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
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
        self.used: set[str] = set()  # the prefixes written so far
        # IRIs and typed literals as written, with the prefix each uses: shared by every writer with the same
        # prefixes (a site's documents each have one, and name the same classes, properties and resources)
        self.namespaces, self._terms = _shared(tuple(sorted(prefixes.items())))
        if header:
            handle.write(prologue(prefixes))

    def term(self, text: str) -> str:
        """An N-Triples term as written in Turtle."""
        if text[0] != "<" and text[-1] != ">":  # a blank node, or a literal with no datatype: as it is
            return text
        found = self._terms.get(text)
        if found is None:
            if len(self._terms) >= KEPT:
                self._terms.clear()
            found = self._terms[text] = self._term(text)
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
        self.handle.write(self.text(subject, pairs))

    def text(self, subject: str, pairs: list[tuple[str, str]]) -> str:
        """One subject's block as `block` writes it (noting the prefixes it uses in `used`)."""
        term = self.term
        pairs = sorted(pairs, key=lambda pair: pair[0] != ntriples.RDF_TYPE)  # stable: `a` first
        parts = []
        for predicate, objects in groupby(pairs, key=lambda pair: pair[0]):
            verb = "a" if predicate == ntriples.RDF_TYPE else term(predicate)
            parts.append(f"{verb} " + ",\n        ".join(term(obj) for _, obj in objects))
        return f"\n{term(subject)} " + " ;\n    ".join(parts) + " .\n"

    def _term(self, text: str) -> tuple[str, str | None]:
        """An IRI or a typed literal as written, and the prefix that takes (a literal's, of its datatype)."""
        if text[0] == "<":
            return _prefixed(text[1:-1], self.namespaces)
        quote = text.rfind('"')
        datatype = text[quote + 4:-1]  # "…"^^<datatype>
        bare = _BARE.get(datatype)
        if bare and bare.fullmatch(text[1:quote]):
            return text[1:quote], None
        written, prefix = _prefixed(datatype, self.namespaces)
        return text[:quote + 1] + "^^" + written, prefix


KEPT = 1 << 16  # terms kept as written, per prefix table (emptied when full)
_SHARED: dict[tuple, tuple[dict[str, str], dict[str, tuple[str, str | None]]]] = {}


def _shared(prefixes: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], dict[str, tuple[str, str | None]]]:
    """The namespace -> prefix table of sorted prefix items, and the terms written with it so far."""
    found = _SHARED.get(prefixes)
    if found is None:
        found = _SHARED[prefixes] = ({namespace: prefix for prefix, namespace in prefixes}, {})
    return found


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

"""A page's own documents (its project's, its source's) written into the site by the worker that read the page,
in the parallel stage, rather than by the site writer after the merge. The site writer then writes the documents
that many pages share (organisations, countries, concepts) and any a worker could not know in full.

A worker knows a page's own triples, the other pages of its chunk and the reference data. It cannot know whether
another file adds to one of its documents (a second page of the same project, a contribution) or labels to a
resource its documents link to (an organisation other pages name too). So for each chunk it notes how many lines
each document it wrote has, and the labels it read of each linked resource; once the data is merged, Prewritten
checks both against it, and the site writer writes again each document that differs, the same bytes it would have
written from the start. A document of a page that was not published in the end is removed.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import PROV

from converters.reference import ONTOLOGY, reference

from . import jsonld, ntriples, sitestream
from .describe import canonical_path, path_of

DERIVED_FROM = ntriples.iri(str(PROV.wasDerivedFrom))
FORMS = ("ttl", "jsonld", "nt")  # the extensions of a document's files (site._Forms.of)


@dataclass
class Written:
    """What a worker wrote of a chunk, as files (the parent holds their names only: at 100,000 pages the label
    lines alone were a few hundred megabytes): its documents ("IRI<TAB>lines<TAB>links": -1 lines when another
    worker wrote the same document, and the numbers of the IRIs it links to in `labels`), their files' SHA-256
    ("SHA-256  path in the site"), and the label lines it read of each IRI they link to, in their numbers' order
    ("IRI<TAB>how many lines" and those N-Triples lines)."""

    records: str
    sums: str
    labels: str


class _Brief:
    """What site._Forms reads of the data, as far as a worker knows it: the labels of the reference data and of
    the subjects of its chunk's pages (the brief of sitestream.Facts holds more, but forms read only labels)."""

    def __init__(self, base: str, pages: list[list[str]]) -> None:
        self.base = base
        labels = dict(_reference_labels(base))
        for lines in pages:
            for line in lines:
                subject, predicate, obj = ntriples.split(line)
                if predicate in sitestream.LABEL_TERMS and obj[0] == '"' and subject[0] == "<":
                    labels[subject[1:-1]] = (*labels.get(subject[1:-1], ()), predicate, obj)
        self.brief = labels


def warm(base: str) -> None:
    """Read what every worker reads, once, before they are forked."""
    _reference_labels(base)


@cache
def _reference_labels(base: str) -> dict[str, tuple[str, ...]]:
    """The labels of the reference data and of the vocabulary (published beside the data: site._beside)."""
    found: dict[str, tuple[str, ...]] = {}
    vocabulary = Graph().parse(ONTOLOGY / "migration.ttl", format="turtle")
    for subject, pairs in sitestream.subjects(sorted({*ntriples.lines(reference(base).graph),
                                                      *ntriples.lines(vocabulary)})):
        if subject[0] == "<":
            flat = [x for predicate, obj in pairs if predicate in sitestream.LABEL_TERMS and obj[0] == '"'
                    for x in (predicate, obj)]
            if flat:
                found[subject[1:-1]] = tuple(flat)
    return found


def write(pages: list[tuple[str, list[str]]], base: str, site: Path, previous: Path | None, runs: Path,
          number: int) -> Written:
    """Write into `site` the own documents of a chunk's publishable pages, each given as (its record's IRI, its
    sorted N-Triples lines); `previous`: the site being replaced (see site._Writer._linked). The notes go to
    files in `runs`, named after the chunk's `number`."""
    from .site import LANDING, _Writer  # the site module imports this one

    written = Written(str(runs / f"documents-{number:06d}.tsv"), str(runs / f"sums-{number:06d}"),
                      str(runs / f"labels-{number:06d}.nt"))
    assumed: dict[str, tuple[str, ...]] = {}
    forms = _forms()(_Brief(base, [lines for _, lines in pages]), assumed)
    numbers: dict[str, str] = {}  # each linked IRI's number in written.labels, as text
    forms.kept = []
    writer = _Writer(site, None, None, None, previous)  # type: ignore[arg-type]
    with open(written.records, "w", encoding="utf-8", newline="\n") as records, open(written.sums, "wb") as sums:
        writer.sums = sums
        for iri, lines in pages:
            for document, own in own_documents(iri, lines):
                path = path_of(document, base)
                if not path or canonical_path(path) != path or path == LANDING:
                    continue  # no file names it
                count = len(own)
                try:
                    for extension, content in forms.of(sitestream.blocks(own)).items():
                        writer._write(f"{path}.{extension}", content)
                except Exception:  # another worker writing it at the same time, say: noted as one to write
                    count = -1  # again (or remove), so the site writer does it, and says what is wrong if anything
                links = ",".join([numbers.get(node) or numbers.setdefault(node, str(len(numbers)))
                                  for node in sorted(forms.links)])
                records.write(f"{document}\t{count}\t{links}\n")
    with open(written.labels, "w", encoding="utf-8", newline="\n") as labels:
        for iri in numbers:
            labels.write(f"{iri}\t{len(assumed[iri])}\n{''.join(assumed[iri])}")
    forms.kept.sort(key=_first)
    with pieces_file(runs / f"run-{number:06d}.nt").open("w", encoding="utf-8", newline="\n") as handle:
        for subject, count, ttl, node in forms.kept:
            text = jsonld.flat(node)
            handle.write(f"{subject}\t{count}\t{len(ttl)}\t{len(text)}\n{ttl}{text}")
    return written


def pieces_file(run: Path) -> Path:
    """Where the pieces of a run's subjects are (see pieces)."""
    return run.with_suffix(".pieces")


def pieces(runs: list[Path], stale: frozenset[str] = frozenset()) -> Iterator[Piece]:
    """The pieces the workers wrote of the runs `runs`, in their subjects' order (the order of the data's
    lines): each subject of a page's own documents, how many lines it has, and its Turtle block and JSON-LD
    node object as the dataset's files have them (export.write_files uses them where the data has the subject
    with as many lines: then the very same ones). None of the documents `stale` (IRIs), whose lines changed
    since (publisher.organisations: an organisation they name was renamed), though not their number."""
    readers = [_pieces(path) for path in map(pieces_file, runs) if path.is_file()]
    merged = heapq.merge(*readers, key=_first)
    if not stale:
        return merged
    return (piece for piece in merged if piece[0].strip("<>").partition("#")[0] not in stale)


Piece = tuple[str, int, str, str]


def _pieces(path: Path) -> Iterator[Piece]:
    with path.open(encoding="utf-8", newline="\n") as handle:
        while head := handle.readline():
            subject, count, ttl, node = head.split("\t")
            yield subject, int(count), handle.read(int(ttl)), handle.read(int(node))


def _first(piece: tuple) -> str:
    return piece[0]


@cache
def _forms() -> type:
    """site._Forms for a worker, whose brief changes from chunk to chunk: the pieces of linked IRIs' labels are
    kept by the labels' lines, for every chunk of the process (a chunk's own _Forms keeps them by IRI)."""
    from .site import _Forms, label_lines

    kept: dict[tuple[str, ...], tuple] = {}

    class Forms(_Forms):
        def _labels(self, term: str) -> tuple | None:
            lines = self.assumed[term] = label_lines(self.facts.brief.get(term[1:-1], ()), term)
            if not lines:
                return None
            piece = kept.get(lines)
            if piece is None:
                if len(kept) >= LABELS_KEPT:
                    kept.clear()
                piece = kept[lines] = self._piece(term, [ntriples.split(line)[1:] for line in lines], "".join(lines))
            return piece

    return Forms


LABELS_KEPT = 1 << 14  # pieces of labels kept per worker (emptied when full)


def own_documents(iri: str, lines: list[str]) -> Iterator[tuple[str, list[str]]]:
    """(document IRI, its lines) of a page's own documents: its record's, and those of the sources it was derived
    from; `lines` sorted, and so are each document's."""
    record = f"<{iri}> "
    wanted: dict[str, list[str]] = {iri: []}
    for line in lines:
        if line.startswith(record):
            _, predicate, obj = ntriples.split(line)
            if predicate == DERIVED_FROM and obj[0] == "<":
                wanted.setdefault(obj[1:-1].partition("#")[0], [])
    for line in lines:
        if line[0] == "<":
            found = wanted.get(line[1:line.index(">")].partition("#")[0])
            if found is not None:
                found.append(line)
    return ((document, own) for document, own in wanted.items() if own)


class Prewritten:
    """The documents the workers wrote (Written of each chunk), checked against the merged data: `count` is told
    every subject of the data and how many lines it has, then `settle` says which documents stand as written."""

    def __init__(self, written: list[Written]) -> None:
        self.written = written
        # hash() of each document -> its lines as written (-1: written twice, or by two workers). Hashes, not
        # IRIs: 200,000 documents at 100,000 pages
        self.expected: dict[int, int] = {}
        for notes in written:
            for document, count, _ in _records(notes):
                key = hash(document)
                self.expected[key] = -1 if key in self.expected else count
        self.found: dict[int, int] = {}
        self.removed: set[str] = set()  # the files settle removed (paths in the site)

    def count(self, subject: str, pairs: list) -> None:
        """Count a subject's lines in the merged data (sitestream.gather's `each`)."""
        if subject[0] == "<":
            key = hash(subject[1:-1].partition("#")[0])
            if key in self.expected:
                self.found[key] = self.found.get(key, 0) + len(pairs)

    def settle(self, facts: sitestream.Facts, site: Path) -> frozenset[int]:
        """The hash() of the documents whose files stand as the workers wrote them; the files of documents the
        data no longer has are removed."""
        from .site import label_lines

        final: dict[int, int] = {}  # hash() of each linked IRI -> hash() of its label lines in the data: the
        # lines themselves, 100,000 pages' worth of organisations, would stay in the process the writers fork

        def changed(iri: str, assumed: tuple[str, ...]) -> bool:
            key = hash(iri)
            lines = final.get(key)
            if lines is None:
                lines = final[key] = hash(label_lines(facts.brief.get(iri[1:-1], ()), iri))
            return lines != hash(assumed)

        done, gone = set(), []
        for notes in self.written:
            relabelled = {str(n) for n, (iri, lines) in enumerate(_labels(notes)) if changed(iri, lines)}
            for document, _, links in _records(notes, links=True):
                key = hash(document)
                count = self.found.get(key, 0)
                if not count:
                    gone.append(document)
                elif count == self.expected[key] and not (relabelled and relabelled.intersection(links.split(","))):
                    done.add(key)
        for document in gone:
            path = path_of(document, facts.base)
            for extension in FORMS:
                (site / f"{path}.{extension}").unlink(missing_ok=True)
                self.removed.add(f"{path}.{extension}")
        self.expected, self.found = {}, {}  # not needed any more: out of the writers' way
        return frozenset(done)

    def digests(self, digests: dict[str, str]) -> None:
        """Put the SHA-256 of the files the workers wrote, and settle kept, into `digests` (by path under the
        output): once the site is written, as its writers' own (400,000 files at 100,000 pages)."""
        from .site import SITE

        for notes in self.written:
            with open(notes.sums, "rb") as sums:
                for line in sums:
                    digest, _, relative = line.decode("utf-8").rstrip("\n").partition("  ")
                    if relative not in self.removed:
                        digests[f"{SITE}/{relative}"] = digest


def _labels(notes: Written) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(linked IRI, the label lines the worker read of it) of a chunk's notes, in their numbers' order."""
    with open(notes.labels, encoding="utf-8", newline="\n") as labels:
        while head := labels.readline():
            iri, _, count = head.rstrip("\n").partition("\t")
            yield iri, tuple(labels.readline() for _ in range(int(count)))


def _records(notes: Written, links: bool = False) -> Iterator[tuple[str, int, str]]:
    """(document IRI, its lines, the numbers of what it links to if `links`, else "") of a chunk's notes."""
    with open(notes.records, encoding="utf-8", newline="\n") as records:
        for line in records:
            document, count, linked = line.rstrip("\n").split("\t")
            yield document, int(count), linked if links else ""

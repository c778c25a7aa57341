"""The static site under output/site/: every resource's page and RDF forms, the landing page, the vocabulary.

`write_site` streams: one pass over the sorted N-Triples lines gathers what pages read of other resources
(publisher.sitestream), then `jobs` processes each take their share of the documents in a pass of their own and
render each from its own triples and that brief. `serve` renders from one index of the whole graph instead
(`published_index`); both give the same files.
"""

from __future__ import annotations

import copy
import errno
import gc
import gzip
import hashlib
import io
import multiprocessing
import os
import shutil
import stat
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rdflib import Graph

from converters.namespaces import new_graph, prefixes
from converters.reference import ONTOLOGY

from . import export, jsonld, ntriples, sitestream, turtle
from .collecting import rare_full_collections
from .describe import Index, build_index, canonical_path, path_of
from .pages import Pages, read_queries
from .projecttable import PAGE_ROWS, page_file
from .templating import STYLESHEET, TEMPLATES
from .views import Terms

if TYPE_CHECKING:
    from .pagedocs import Prewritten

SITE = "site"
SITE_LANGUAGE = "en"
LANDING = "index"  # site/index.html; no resource may take that name
DUMP, CHECKSUMS = export.DUMP, export.CHECKSUMS
CATALOG, VOCABULARY = "catalog.ttl", "vocabulary.ttl"  # as build.py names them (it imports this module)
QUERIES = ONTOLOGY / "queries"
BLOCK = 32  # documents a writer process takes together (Claims), so neighbours in the data stay together


def published_index(out: Path, base: str, data: Graph | None = None) -> Index:
    """The data (from `data`, else the dump in `out`), the catalogue and the vocabulary, indexed for pages."""
    if data is None:
        data = new_graph(base)
        with gzip.open(out / DUMP, "rt", encoding="utf-8") as handle:
            data.parse(data=handle.read(), format="nt")
    return build_index([data, *_beside(out)], base)


def _beside(out: Path, catalog: Graph | None = None) -> list[Graph]:
    """The catalogue (`catalog`, else the one published beside the data) and the vocabulary."""
    if catalog is None:
        catalog = Graph().parse(out / CATALOG, format="turtle") if (out / CATALOG).is_file() else Graph()
    published = out / VOCABULARY
    vocabulary = Graph().parse(published if published.is_file() else ONTOLOGY / "migration.ttl", format="turtle")
    return [catalog, vocabulary]


@dataclass
class Pending:
    """The catalogue while the dataset's files it describes are still being written (their sizes and checksums
    unknown): the site is written from `catalog` (the catalogue without them: what other documents read of it is
    the same), but for the catalogue's `documents`, rendered once `finish()` has written the files and
    out/catalog.ttl. `lines`: the data's own lines of those documents, if any (sorted); `ready()`: True once
    `finish()` would not wait."""

    catalog: Graph
    documents: set[str]
    lines: list[str]
    finish: Callable[[], None]
    ready: Callable[[], bool] = lambda: True


def other_files(out: Path) -> list[tuple[str, int]]:
    """The files beside the dump that the landing page lists with their sizes (not the checksums, written last)."""
    return sorted((p.name, p.stat().st_size) for p in out.iterdir() if p.is_file() and p.name != CHECKSUMS)


def make_pages(out: Path, index: Index, lang: str = SITE_LANGUAGE, rows: int = PAGE_ROWS,
               terms: Terms | None = None) -> Pages:
    """The page renderer for a published folder: its example queries and files come along."""
    return Pages(index, lang, read_queries(QUERIES), other_files(out), rows, terms)


def rdf_forms(index: Index, path: str) -> dict[str, bytes]:
    """A resource's description as Turtle, JSON-LD (with just the context it needs) and sorted N-Triples."""
    return forms_of_lines(ntriples.lines(index.description(path)), index.base)


def forms_of_lines(lines: list[str], base: str) -> dict[str, bytes]:
    """A description's sorted, distinct N-Triples lines as Turtle and JSON-LD (one block, one node object per
    subject, in IRI order: the resource before its parts) and as the lines themselves."""
    blocks = [(subject, pairs) for subject, pairs in sitestream.subjects(lines)]
    blocks.sort(key=lambda block: block[0].strip("<>"))
    return {
        "ttl": turtle.document(blocks, prefixes(base)).encode("utf-8"),
        "jsonld": (_documents().text(blocks) + "\n").encode("utf-8"),
        "nt": "".join(lines).encode("utf-8"),
    }


@cache
def _documents() -> jsonld.Document:
    return jsonld.Document(jsonld.context())


LINKED = 1 << 11  # linked resources' labels kept written, per process, the ones used last (a few MB)


class _Forms:
    """Documents' RDF forms as forms_of_lines makes them from their descriptions' lines, from a document's own
    blocks and the labels of what they link to: those are read from the brief and written once per process in
    each form (a country, a concept or an organisation is named by thousands of documents; two blocks in three
    of a site's descriptions are such labels)."""

    def __init__(self, facts: sitestream.Facts, assumed: dict[str, tuple[str, ...]] | None = None) -> None:
        self.facts, self.prefixes = facts, prefixes(facts.base)
        self.assumed = assumed  # where a worker's _labels notes the label lines it read (see pagedocs._forms)
        self.links: set[str] = set()  # the IRIs the last document linked to
        self.kept: list[tuple[str, int, str, str]] | None = None  # if a list, each own block's piece goes there:
        # (subject, its pairs, its Turtle block, its node object) for the dataset's files (see pagedocs)
        self.turtle = turtle.Writer(io.StringIO(), self.prefixes, header=False)
        self.jsonld = _documents()
        # Least recently used out first: the countries and concepts stay, the long tail of organisations passes
        self.linked: OrderedDict[str, tuple | None] = OrderedDict()

    def of(self, own: list[sitestream.Block]) -> dict[str, bytes]:
        """The forms of a document of its own blocks (sitestream.blocks)."""
        pieces = [self._piece(subject, pairs, lines) for subject, pairs, lines in own]
        if self.kept is not None:
            self.kept += [(piece[0], len(pairs), piece[2], piece[4])
                          for piece, (_, pairs, _) in zip(pieces, own, strict=True)]
        subjects = {subject for subject, _, _ in own}
        linked = self.linked
        self.links = {obj for _, pairs, _ in own for _, obj in pairs if obj[0] == "<"} - subjects
        for node in self.links:
            piece = linked.get(node, False)
            if piece is False:
                if len(linked) >= LINKED:
                    linked.popitem(last=False)
                piece = linked[node] = self._labels(node)
            else:
                linked.move_to_end(node)
            if piece is not None:
                pieces.append(piece)
        pieces.sort(key=_first)  # the lines' order
        lines = "".join([piece[1] for piece in pieces])
        pieces.sort(key=_iri)  # the blocks'
        used = set().union(*[piece[3] for piece in pieces])
        ttl = turtle.prologue({prefix: self.prefixes[prefix] for prefix in used}) + "".join(
            [piece[2] for piece in pieces])
        document = self.jsonld.assemble([piece[4] for piece in pieces], set().union(*[piece[5] for piece in pieces]))
        return {"ttl": ttl.encode("utf-8"), "jsonld": (document + "\n").encode("utf-8"), "nt": lines.encode("utf-8")}

    def _piece(self, subject: str, pairs: list[tuple[str, str]], lines: str) -> tuple:
        """(subject, its lines, its Turtle block, the prefixes that uses, its node object, what that uses of the
        context) of one block."""
        self.turtle.used = set()
        ttl = self.turtle.text(subject, pairs)
        node, names = self.jsonld.node(subject, pairs)
        return (subject, lines, ttl, tuple(self.turtle.used), node, tuple(names))  # (tuples: a third of a set)

    def _labels(self, term: str) -> tuple | None:
        """The piece of a linked IRI's labels (literals of a label property), if it has any."""
        lines = label_lines(self.facts.brief.get(term[1:-1], ()), term)
        if not lines:
            return None
        return self._piece(term, [ntriples.split(line)[1:] for line in lines], "".join(lines))


def label_lines(flat: Sequence[str], term: str) -> tuple[str, ...]:
    """The N-Triples lines, sorted, of a linked IRI's labels (literals of a label property) in its brief."""
    return tuple(sorted({f"{term} {predicate} {obj} .\n" for predicate, obj in zip(flat[0::2], flat[1::2], strict=True)
                         if predicate in sitestream.LABEL_TERMS and obj[0] == '"'}))


def _first(piece: tuple) -> str:
    return piece[0]


def _iri(piece: tuple) -> str:
    return piece[0].strip("<>")


def write_site(out: Path, lines: Callable[[], Iterable[str]], base: str, jobs: int = 1,
               rows: int = PAGE_ROWS, digests: dict[str, str] | None = None,
               gathered: sitestream.Facts | None = None, previous: Path | None = None, html: bool = True,
               pending: Pending | None = None, prewritten: Prewritten | None = None) -> int:
    """Write out/site/ from the sorted, distinct N-Triples lines of the published data (`lines()` gives them
    afresh at each call), out/catalog.ttl and the vocabulary, in `jobs` processes; returns the number of files
    written, and puts the SHA-256 of each file it renders into `digests` (by its path under `out`), so the
    checksums need not read them again. `gathered`: what sitestream.gather made of those lines before the
    catalogue was written (a build makes it while the dataset's files are written), if it has been called.
    `previous`: the site of the output this one replaces, if any; a file it holds with the very same bytes is
    linked into the new site rather than written again (see _Writer._write). Without `html`, each resource's
    RDF forms and the stylesheet only, no page (`serve` renders them when asked). `pending`: the catalogue is
    not written yet (see Pending). `prewritten`: the documents the build's workers wrote into out/site/ already
    (publisher.pagedocs); those the data has as they were written are not written again, only their pages.
    Memory holds a brief of each resource, never the whole dataset."""
    beside = sorted({line for graph in _beside(out, pending and pending.catalog) for line in ntriples.lines(graph)})
    late = pending.documents if pending else set()

    def merged() -> Iterable[str]:
        return ntriples.merged_with(lines(), beside)

    facts = gathered if gathered is not None and _added(gathered, beside) else None
    if facts is None:
        facts = sitestream.gather(merged(), base, prewritten.count if prewritten else None)
    unnamed = facts.unnamed_parts() if html else ()  # only pages summarise the parts they link to
    facts.finish(sitestream.subjects(line for line in merged() if line[1:line.index(">")] in unnamed)
                 if unnamed else ())
    pages = None
    if html:
        terms = Terms(Index(export.graph_from_lines(facts.term_lines, base), base))
        pages = make_pages(out, sitestream.LocalIndex(facts, base + "dataset", []), SITE_LANGUAGE, rows, terms)
    site = out / SITE
    site.mkdir(exist_ok=prewritten is not None)
    shutil.copyfile(TEMPLATES / STYLESHEET, site / STYLESHEET)
    done = prewritten.settle(facts, site) if prewritten else frozenset()  # their RDF forms are written
    chosen = [document for path, document in facts.documents.items()
              if canonical_path(path) == path and path != LANDING and document not in late  # others name no file
              and (html or hash(document) not in done)]
    order = {document: number for number, document in enumerate(facts.keys)}
    chosen.sort(key=order.__getitem__)
    jobs = max(1, min(jobs, -(-len(chosen) // BLOCK)))
    landing = str(pages.dataset_iri) if pages else None
    home = pages is not None and landing not in late  # the landing page is written with the site, not late
    writer = _Writer(site, facts, pages, merged, previous if previous is not None and previous.is_dir() else None,
                     done)
    # Each writer notes the SHA-256 of its files in a file of its own (unnamed: nothing to leave behind), not in
    # memory: 400,000 files each at 100,000 pages.
    sums = [tempfile.TemporaryFile() for _ in range(jobs)]
    try:
        if jobs == 1 or not export.can_fork():
            if pages:
                pages.prepare(pages.prepared(pages.projects))
            written = [writer.share(dict.fromkeys(chosen), home, sums[0], fallback=home and landing not in chosen)]
            if pending:
                pending.finish()
                written.append(_late(out, pending, writer, pages, landing, sums))
        else:
            gc.freeze()  # the brief is only read from now on: no collection in a child copies its pages
            if pages:
                _prepare(pages, jobs)
                gc.freeze()  # the prepared rows too
            claims = Claims([chosen[start:start + BLOCK] for start in range(0, len(chosen), BLOCK)])
            children = []
            try:
                # The last writer is this process rather than one more fork: a forked writer comes to copy most
                # pages of this process (each object it reads has its count of references written), so each
                # fork fewer is one copy fewer (about 250 MB at 100,000 pages). It writes the catalogue's
                # documents as soon as the process writing the dataset's files is done, between two of its
                # documents, while the others go on: blocks go to whichever writer comes to them first.
                children = [export.Child(writer.share, claims, home, sums[number])
                            for number in range(jobs - 1)]
                late: list[int] = []

                def catalogue(wait: bool = False) -> None:
                    """The catalogue's documents, once the process writing the dataset's files is done."""
                    if pending and not late and (wait or pending.ready()):
                        pending.finish()
                        late.append(_late(out, pending, writer, pages, landing, sums))

                catalogue()
                here = writer.share(claims, home, sums[jobs - 1], fallback=home and landing not in chosen,
                                    meanwhile=catalogue)
                catalogue(wait=True)
                written = [child.result() for child in children] + [here] + late
            finally:
                for child in children:
                    child.stop()
                gc.unfreeze()
        if digests is not None:
            if prewritten:
                prewritten.digests(digests)  # the writers' come after: a document written again is theirs
            for handle in sums:
                handle.seek(0)
                for line in handle:
                    digest, _, relative = line.decode("utf-8").rstrip("\n").partition("  ")
                    digests[f"{SITE}/{relative}"] = digest
    finally:
        for handle in sums:
            handle.close()
    return sum(written) + 1


def _late(out: Path, pending: Pending, writer: _Writer, pages: Pages | None, landing: str | None,
          sums: list) -> int:
    """Write the catalogue's documents (and the landing page, when it is the dataset's), once `pending.finish()`
    has written the catalogue; returns the number of files written (their sums in a new file of `sums`)."""
    beside = sorted({line for graph in _beside(out) for line in ntriples.lines(graph)})
    writer = copy.copy(writer)  # the one given goes on with the data's other documents
    writer.lines = lambda: ntriples.merged_with(iter(pending.lines), beside)
    if pages:
        writer.pages = copy.copy(pages)
        writer.pages.files = other_files(out)  # the dataset's files are there now
    sums.append(tempfile.TemporaryFile())
    landing_here = pages is not None and landing in pending.documents
    return writer.share(dict.fromkeys(sorted(pending.documents)), landing_here, sums[-1], fallback=landing_here)


def _prepare(pages: Pages, jobs: int) -> None:
    """Make every project's row facts and label for the writers (Pages.prepare), the projects shared among
    `jobs` processes: once each, rather than again in each writer."""
    projects = pages.projects
    step = max(1, -(-len(projects) // jobs))
    packed = sitestream.Packed()
    for part in export.forked(pages.prepared, [(projects[start:start + step],)
                                               for start in range(0, len(projects), step)]):
        packed.extend(part)
    pages.prepare(packed)


def _added(facts: sitestream.Facts, beside: list[str]) -> bool:
    """Add the catalogue's and the vocabulary's subjects (sorted lines) to the facts of the data, as one pass
    over all of them would have; False, leaving the facts as they were, if the data describes one of them too
    (then their triples would have to be merged: the caller gathers everything again)."""
    found = [(subject, pairs) for subject, pairs in sitestream.subjects(beside) if subject[0] == "<"]
    if any(subject[1:-1] in facts.brief for subject, _ in found):
        return False
    for subject, pairs in found:
        facts.add(subject, pairs)
    return True


class Claims:
    """The blocks of documents (BLOCK each, in the data's order) that writer processes forked after it share,
    each block taken by the first writer to come to it: `document in claims` is True in the one writer that
    took the document's block. A writer reads the data in order and takes the next block no writer has taken
    yet when it comes to a document past the blocks it has seen, so the writers keep pace with one another
    whatever their documents cost (a country's table of thousands of projects, the catalogue's documents one
    of them writes first), and each block is written once."""

    def __init__(self, blocks: list[list[str]]) -> None:
        self.block = {document: number for number, block in enumerate(blocks) for document in block}
        self.taken = multiprocessing.get_context("fork").Value("q", 0)  # the next block no writer has taken
        self.mine: set[int] = set()
        self.seen = -1  # the last block this writer took

    def __contains__(self, document: object) -> bool:
        number = self.block.get(document)
        if number is None:
            return False
        while self.seen < number:  # a writer only ever takes blocks it has not passed
            with self.taken.get_lock():
                self.seen = self.taken.value
                self.taken.value += 1
            self.mine.add(self.seen)
        return number in self.mine


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC  # never into an existing file: it may be a link
_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | _CLOEXEC
_NO_LINKS = {errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}  # a file system without them


class _Writer:
    """Renders documents into the site: each with its pages and RDF forms, and the landing page with the
    dataset's document."""

    def __init__(self, site: Path, facts: sitestream.Facts, pages: Pages | None,
                 lines: Callable[[], Iterable[str]], previous: Path | None = None,
                 done: frozenset[int] | set[int] = frozenset()) -> None:
        self.site, self.facts, self.pages, self.lines, self.previous = site, facts, pages, lines, previous
        self.done = done  # hash() of the documents whose RDF forms are in the site already
        self.folders: set[str] = set()
        self.sums: BinaryIO | None = None
        self.written = 0

    def share(self, wanted: Container[str], landing: bool, sums: BinaryIO, fallback: bool = False,
              meanwhile: Callable[[], None] | None = None) -> int:
        """Write the documents in `wanted` (a dict, or Claims), the landing page with the dataset's document
        when `landing`, and the landing page of no document when `fallback` and it met none; returns how many
        files it wrote, and puts a line "SHA-256  path in the site" for each into `sums`. Without pages
        (self.pages None), only the documents' RDF forms. `meanwhile()` is called before each document."""
        with rare_full_collections():
            return self._share(wanted, landing, sums, fallback, meanwhile)

    def _share(self, wanted: Container[str], landing: bool, sums: BinaryIO, fallback: bool,
               meanwhile: Callable[[], None] | None) -> int:
        self.sums, self.written = sums, 0
        home = str(self.pages.dataset_iri) if self.pages else None
        forms = _Forms(self.facts)
        for document, own in sitestream.documents(self.lines(), wanted):
            if meanwhile is not None:
                meanwhile()
            path = path_of(document, self.facts.base)
            blocks = sitestream.blocks(own)
            if hash(document) not in self.done:
                for extension, content in forms.of(blocks).items():
                    self._write(f"{path}.{extension}", content)
            if self.pages is None:
                continue
            pages = self.pages.with_index(sitestream.LocalIndex(self.facts, document, blocks))
            self._pages(pages, path)
            if landing and document == home:
                self._pages(pages, "")
                fallback = False
        if fallback:  # the data has no dataset document of its own
            self._pages(self.pages.with_index(sitestream.LocalIndex(self.facts, home, [])), "")
        sums.flush()  # a forked writer leaves without flushing its files
        return self.written

    def _pages(self, pages: Pages, path: str) -> None:
        for number, html in pages.pages_of(path):
            self._write(page_file(path, number), html.encode("utf-8"))

    def _write(self, relative: str, content: bytes) -> None:
        """One file of the site, made with as few system calls as it takes (a site has tens of thousands), or
        linked from the previous site when that holds the same bytes under the same name."""
        folder = relative.rpartition("/")[0]
        if folder not in self.folders:
            (self.site / folder).mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        target = f"{self.site}/{relative}"
        if self.previous is None or not self._linked(relative, content, target):
            try:
                handle = os.open(target, _CREATE, 0o666)
            except FileExistsError:  # written before in this build, perhaps as a link to the previous site's file
                os.unlink(target)
                handle = os.open(target, _CREATE, 0o666)
            try:
                view = memoryview(content)
                while view:
                    view = view[os.write(handle, view):]
            finally:
                os.close(handle)
        self.sums.write(f"{hashlib.sha256(content).hexdigest()}  {relative}\n".encode())
        self.written += 1

    def _linked(self, relative: str, content: bytes, target: str) -> bool:
        """Link `target` to the previous site's file of that name if it is a plain file holding exactly
        `content`; False, doing nothing, otherwise. A republished site then makes new files only for what
        changed: an unchanged file keeps its time (a mirror, rsync or an HTTP cache sees it unchanged), and
        removing the previous output frees no inode of it (ext4 without a journal, as on the machine of
        bench/results, looks past every recently freed inode for each file it creates)."""
        old = f"{self.previous}/{relative}"
        try:
            handle = os.open(old, _READ)
        except OSError:
            return False
        try:
            found = os.fstat(handle)
            if not stat.S_ISREG(found.st_mode) or found.st_size != len(content):
                return False
            if os.read(handle, len(content) + 1) != content:
                return False
        finally:
            os.close(handle)
        try:
            os.link(old, target, follow_symlinks=False)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno in _NO_LINKS:
                self.previous = None  # links cannot be made here: write every file
            return False
        return True

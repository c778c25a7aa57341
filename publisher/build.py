"""The build: convert and validate every page, then publish output/ in one step (DESIGN sections 2 and 6).

Pages are read, mapped and validated in worker processes, a chunk at a time; each chunk's publishable triples
go to a sorted run file beside the output, and the whole-dataset files are written from a merge of the runs
(publisher.export). Memory grows with the number of pages' findings, not with their triples.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from converters.namespaces import DEFAULT_BASE
from converters.reference import ONTOLOGY, reference

from . import contributions, export, ntriples, organisations, pagedocs, serializations, sitestream
from .catalog import catalog_graph, documents
from .collecting import collect_fully_rarely, frozen_as_it_comes
from .errors import BuildError
from .outputdir import locked, replace_directory
from .pagedocs import Prewritten
from .pipeline import (
    STAGES,
    Chunk,
    ChunkResult,
    PageResult,
    lines_of,
    process_chunk,
    process_page,
    settle_concept_labels,
    settle_shared_projects,
    warm,
)
from .report import Finding, Report, shown, write_turtle
from .site import SITE, Pending, write_site
from .statistics import SAME_NAMES_KEPT, Statistics
from .validation import shape_files, validate_graph

__all__ = ["BuildResult", "PageResult", "build", "process_page"]

REPORT = "validation-report.ttl"
CATALOG = "catalog.ttl"
VOCABULARY = "vocabulary.ttl"
SHAPES = "shapes.ttl"
CONTEXT = "context.jsonld"
CHUNK = 400  # pages per worker task, at most: one run file and one validation batch (batches.BATCH) each


@dataclass
class BuildResult:
    """A finished build: what was published, what was skipped and why, and the validation report."""

    out: Path
    pages: int
    published: list[str]
    skipped: list[str]
    notices: list[str]
    report: Report
    triples: int
    contributed: list[str] = field(default_factory=list)  # contributions merged
    contributions: int = 0  # contributions offered
    seconds: dict[str, float] = field(default_factory=dict)  # per stage: worker seconds, and the write's


def build(seeds: Path, out: Path, base: str = DEFAULT_BASE, jobs: int | None = None, keep_going: bool = False,
          progress: Callable[[int], None] | None = None, site: bool = True, html: bool = True) -> BuildResult:
    """Build `out` from the pages and contributed RDF files in `seeds`; BuildError (output untouched) if any
    fails, unless keep_going. Without `site`, out/site/ is not written (the dataset's files are the same);
    without `html`, it holds each resource's RDF forms and no HTML page (the same forms)."""
    if not seeds.is_dir():
        raise BuildError(f"{seeds} is not a folder" if seeds.exists() else f"{seeds} does not exist", [],
                         "give --seeds the folder that holds the project pages")
    pages, offered, left_out = seed_files(seeds)
    if not pages and not offered:
        raise BuildError(f"no pages (*.txt) in {seeds}", [], "put the project pages in that folder")
    jobs = jobs or os.cpu_count() or 1
    with locked(out), _runs_folder(out) as runs, frozen_as_it_comes() as freeze:
        seconds = dict.fromkeys(STAGES, 0.0)
        results, written = [], []
        staged = Path(runs) / SITE if site else None  # the pages' own documents, written by the workers
        previous = out / SITE if (out / SITE).is_dir() else None
        for chunk in _run(pages, base, jobs, Path(runs), progress, staged, previous):
            results += chunk.results
            written += [chunk.written] if chunk.written else []
            for stage, spent in chunk.seconds.items():
                seconds[stage] += spent
            freeze()  # the pages' results live until the build ends
        settle_shared_projects(results, base)
        results += contributions.check_all(offered, base, results)
        relabelled = settle_concept_labels(results)  # after the contributions, whose labels count too
        merged = organisations.settle(results, base, jobs)
        reference_report = validate_graph(reference(base).graph)
        problems = [r.error for r in results if r.error]
        problems += [_violation_line(f, r.field_lines)
                     for r in results + [PageResult("ontology/", report=reference_report)]
                     for f in r.report.findings if f.severity == "Violation"]
        failed = [r for r in results if not r.publishable]
        if problems and (not keep_going or not reference_report.conforms):
            raise BuildError(f"{len(failed)} of {len(results)} file(s) failed; {out} was left as it was", problems,
                             f"fix the {_kinds(failed)}, or publish the good ones with --keep-going")
        good = [r for r in results if r.publishable]
        if not good:
            raise BuildError(f"none of the {len(results)} file(s) could be published; {out} was left as it was",
                             problems)
        report = Report()
        for result in good:
            report.extend(result.report)
            result.field_lines = _NONE  # read for the problems' lines only: 38 MB at 100,000 pages, which the
            # site's writers would inherit
        report.extend(reference_report)
        triples = []
        start = time.perf_counter()
        prewritten = Prewritten(written) if staged else None

        def write(tmp: Path) -> None:
            if prewritten:
                staged.rename(tmp / SITE)
            triples.append(_write(tmp, good, report, base, jobs, seconds, site, previous=previous, html=html,
                                  prewritten=prewritten, stale=merged.records, scratch=Path(runs)))

        replace_directory(out, write)
        seconds["publish"] = time.perf_counter() - start
    return BuildResult(out, len(pages), [r.iri for r in good if r.iri], [_skipped_line(r) for r in failed],
                       left_out + [n for r in good for n in r.notices] + relabelled + merged.notices
                       + _two_names(triples[0]), report,
                       triples[0].triples,
                       [r.path for r in good if isinstance(r, contributions.Contribution)], len(offered), seconds)


def _two_names(stats: Statistics) -> list[str]:
    """A notice for each resource the files give two names in one language (pipeline.one_label_per_language), at
    most SAME_NAMES_KEPT: two organisations that share an acronym (the IRI is made from it, so that pages naming
    one organisation name one resource) are one resource then, which no page's validation can see."""
    return [f"<{iri}>: one {'organisation' if '/organisation/' in iri else 'resource'}, named "
            f"{' and '.join(repr(n) for n in names)}{f' in language {language}' if language else ''}: {names[0]!r} "
            "is kept as its skos:prefLabel, the others are its skos:altLabel; "
            + ("if these are two organisations sharing an acronym, give one of them another (its IRI is made from "
               "it); if one, write its name the same way on every page" if "/organisation/" in iri else
               "write its name the same way in every file")
            for iri, language, names in stats.two_names[:SAME_NAMES_KEPT]]


_NONE: dict[str, int] = {}  # no field lines (shared, never changed)


def seed_files(seeds: Path) -> tuple[list[Path], list[Path], list[str]]:
    """The pages (*.txt, in any case: "PAGE.TXT") and contributions (RDF files) of a seeds folder, and a note for
    each other file or folder in it, which the build leaves out (hidden ones, such as .DS_Store, without a word)."""
    entries = _entries(seeds)  # no stat() of each file, no Path compared: 0.7 s for 100,000, not 2 s
    pages, offered, left_out = [], contributions.files(seeds, entries), []
    contributed = {path.name for path in offered}  # a 100,000-page folder asks once a page
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in contributed:
            continue
        path = seeds / name
        if name.lower().endswith(".txt") and entry.is_file():
            pages.append(path)
        elif entry.is_dir():
            left_out.append(f"{path}/: a folder, left out: the build reads the files directly in {seeds}")
        else:
            left_out.append(f"{path}: neither a page (.txt) nor an RDF file ({', '.join(_RDF_EXTENSIONS)}): left out")
    return pages, offered, left_out


_RDF_EXTENSIONS = [extension for f in serializations.FORMATS for extension in f.extensions]


def _entries(folder: Path) -> list[os.DirEntry]:
    """The entries of a folder sorted by name (as its paths sort), each knowing its kind without a stat() but
    for a link (os.scandir)."""
    with os.scandir(folder) as found:
        return sorted(found, key=lambda entry: entry.name)


@contextmanager
def _runs_folder(out: Path) -> Iterator[str]:
    """A temporary folder beside `out` for the run files (locked() has removed any a killed build left)."""
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.runs-", dir=out.parent) as folder:
        yield folder


def _run(pages: list[Path], base: str, jobs: int, runs: Path, progress: Callable[[int], None] | None,
         site: Path | None = None, previous: Path | None = None) -> Iterator[ChunkResult]:
    """The chunks' results in page order, from `jobs` worker processes (forked once the caches are warm), which
    write the pages' own documents into `site` if given (publisher.pagedocs)."""
    if site:
        site.mkdir()
    chunks = [Chunk(number, tuple(str(p) for p in part), base, str(runs), site and str(site),
                    previous and str(previous))
              for number, part in enumerate(chunked(pages, jobs))]
    warm(base)
    if jobs <= 1 or len(chunks) <= 1:
        done: Iterator[ChunkResult] = map(process_chunk, chunks)
        pool = None
    else:
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        # A worker's collections need not walk what it inherits (gazetteer, reference data, shapes): it lives on,
        # its caches growing, which a full collection walks whole (see publisher.collecting).
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=collect_fully_rarely)
        done = pool.map(process_chunk, chunks)
    interner = _Interner()
    try:
        for chunk, result in zip(chunks, done, strict=True):
            for page in result.results:
                page.report.findings = [interner.finding(f) for f in page.report.findings]
            yield result
            if progress:
                progress(len(chunk.paths))
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def chunked(pages: list, jobs: int) -> list[list]:
    """The pages in chunks for `jobs` workers, in order: CHUNK pages at most, and a quarter as many in the
    chunks of the last `jobs` full chunks' pages, so that the workers finish together (the one that drew the
    last full chunk of 400 pages went on alone for a second of a 10,000-page build's 16)."""
    size = max(1, min(CHUNK, -(-len(pages) // (jobs * 4))))
    tail = max(0, len(pages) // size - jobs) * size if jobs > 1 else len(pages)  # where the small chunks start
    small = max(1, size // 4)
    return ([pages[start:start + size] for start in range(0, tail, size)]
            + [pages[start:start + small] for start in range(tail, len(pages), small)])


class _Interner:
    """One copy of each message, code, shape and field among all findings (100,000 pages bring 200,000)."""

    def __init__(self) -> None:
        self.seen: dict = {}

    def finding(self, finding: Finding) -> Finding:
        keep = self.seen.setdefault
        return replace(finding, code=keep(finding.code, finding.code), field=keep(finding.field, finding.field),
                       severity=keep(finding.severity, finding.severity), shape=keep(finding.shape, finding.shape),
                       messages=keep(finding.messages, finding.messages))


def _kinds(failed: list) -> str:
    """"pages", "contributions" or "pages or contributions": what failed, for the hint of a failed build."""
    kinds = {"contributions" if isinstance(r, contributions.Contribution) else "pages" for r in failed}
    return " or ".join(sorted(kinds, reverse=True)) or "pages"


def _skipped_line(result) -> str:
    """Why a file was skipped, in one line: its error, or its first violation (and how many more there are)."""
    if result.error:
        return result.error
    violations = [_violation_line(f, result.field_lines) for f in result.report.sorted() if f.severity == "Violation"]
    if not violations:
        return result.path
    more = len(violations) - 1
    return violations[0] + (f" (and {more} more violation(s): a build without --keep-going lists them all)"
                            if more else "")


def _violation_line(finding, lines: dict[str, int] | None = None) -> str:
    """One line for a violation: the file, and its line when known (a page's value, an RDF file's statement)."""
    line = finding.line or (lines.get(finding.field) if lines and finding.field else None)
    where = f"{finding.file}{f':{line}' if line else ''}: " if finding.file else ""
    field_name = f" {finding.field}" if finding.field else ""
    return f"{where}{shown(finding.resource)}{field_name}: {finding.code}: {finding.message('en')}"


def published_lines(results: list[PageResult], base: str = DEFAULT_BASE, settled: dict | None = None
                    ) -> Iterator[str]:
    """The sorted, distinct N-Triples of the reference data and of the published results (pipeline.lines_of)."""
    return lines_of(results, [export.ntriples_lines(reference(base).graph)], settled)


def _write(tmp: Path, results: list[PageResult], report: Report, base: str, jobs: int = 1,
           seconds: dict[str, float] | None = None, site: bool = True, previous: Path | None = None,
           html: bool = True, prewritten: Prewritten | None = None, stale: frozenset[str] = frozenset(),
           scratch: Path | None = None) -> Statistics:
    """Write every published file into `tmp` (`jobs` processes at most); returns the data's statistics. The
    seconds until the dataset's files and the catalogue were written, and the seconds after, go to `seconds`
    ("dataset", "site"). `previous`: the site being replaced, whose unchanged files are linked; `html`: whether
    the site has its HTML pages (see build). With the site and processes to spare, a forked process writes the
    dataset's files while this one gathers what the site reads of the data and the site is written (all but
    the catalogue's own document, which gives the files' sizes and checksums: it comes last). `stale`: the
    records whose pieces the workers made no longer hold (see pagedocs.pieces). `scratch`: a folder for a copy of
    the merged lines this process's pass makes, which the process writing the dataset's files reads as it comes
    and the site's writers once it is whole, rather than merge the runs again (a third of the CPU)."""
    seconds = {} if seconds is None else seconds
    start = time.perf_counter()
    sources = [Path(r.path).name for r in results]
    digests: dict[str, str] = {}  # the site's files, hashed as they are written
    settled: dict = {}  # the resources given one label per language (lines_of), told once written

    def lines() -> Iterator[str]:
        return published_lines(results, base, settled)

    def pieces() -> Iterator[pagedocs.Piece]:
        return pagedocs.pieces(sorted({Path(r.run) for r in results if getattr(r, "run", None)}), stale)

    def validation_report() -> None:
        with (tmp / REPORT).open("w", encoding="utf-8", newline="\n") as handle:
            write_turtle(handle, report, base + "validation-report")

    def small_files() -> None:
        shutil.copyfile(ONTOLOGY / "migration.ttl", tmp / VOCABULARY)
        shutil.copyfile(ONTOLOGY / "context.jsonld", tmp / CONTEXT)
        (tmp / SHAPES).write_text("".join(p.read_text(encoding="utf-8") + "\n" for p in shape_files()),
                                  encoding="utf-8")

    def catalog(stats: Statistics, known: dict[str, str] | None = None) -> None:
        export.write_turtle(tmp / CATALOG, catalog_graph(tmp, stats, base, sources, digests=known))
        digests.update(known or {})
        seconds["dataset"] = time.perf_counter() - start

    def dataset_files() -> dict[str, str]:
        """The validation report and the dataset's files (their statistics are counted by _gathered), hashed here
        while the site is written rather than twice in the build's process (the catalogue's checksums, then
        SHA256SUMS once the site is done): 170 MB at 10,000 pages."""
        validation_report()  # 10,000 pages' findings: 0.7 s this process need not wait for
        # the lines as this process's parent merges them (it is ahead: its pass does less with each line)
        export.write_files(tmp, partial(ntriples.followed, copy) if copy else lines, base, pieces, counted=False)
        return {name: export.sha256(tmp / name) for name in (REPORT, export.DUMP, export.TURTLE, export.JSONLD)}

    if site and jobs > 1 and export.can_fork():
        copy = scratch / "merged.nt" if scratch else None
        files = export.Child(dataset_files)
        try:
            small_files()  # here: the site reads the vocabulary published beside the data
            facts, stats, own = _gathered(ntriples.copied(lines(), copy) if copy else lines(), base,
                                          documents(base), prewritten)
            again = partial(ntriples.read_run, copy) if copy else lines
            pending = Pending(catalog_graph(tmp, stats, base, sources, written=False), documents(base), own,
                              lambda: catalog(stats, files.result()), files.ready)
            write_site(tmp, again, base, jobs, digests=digests, gathered=facts, previous=previous, html=html,
                       pending=pending, prewritten=prewritten)
        finally:
            files.stop()
    else:
        gathered = []  # what the site reads of the data, gathered while the dataset's files are written

        def meanwhile() -> None:
            validation_report()
            small_files()
            if site:
                gathered.append(sitestream.gather(lines(), base, prewritten.count if prewritten else None))

        stats = export.write_dataset(tmp, lines, base, jobs, meanwhile, pieces)
        catalog(stats)
        if site:
            write_site(tmp, lines, base, jobs, digests=digests, gathered=gathered[0], previous=previous, html=html,
                       prewritten=prewritten)
    seconds["site"] = time.perf_counter() - start - seconds["dataset"]
    export.write_checksums(tmp, digests)
    stats.two_names = [(subject[1:-1], language, names) for (subject, language), names in sorted(settled.items())]
    return stats


def _gathered(lines: Iterable[str], base: str, late: set[str], prewritten: Prewritten | None = None
              ) -> tuple[sitestream.Facts, Statistics, list[str]]:
    """In one pass over the data's lines: what the site reads of them (sitestream.gather), their statistics, and
    the lines of the `late` documents (and each subject's lines counted for `prewritten`)."""
    stats, own = Statistics(), []

    def each(subject: str, pairs: list[tuple[str, str]]) -> None:
        stats.add(subject, pairs)
        if prewritten:
            prewritten.count(subject, pairs)
        if subject[1:-1].partition("#")[0] in late:
            own.extend(f"{subject} {predicate} {obj} .\n" for predicate, obj in pairs)

    facts = sitestream.gather(lines, base, each)
    return facts, stats, own

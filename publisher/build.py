"""The build: convert and validate every page, then publish output/ in one step (DESIGN sections 2 and 6)."""

from __future__ import annotations

import os
import shutil
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from converters import convert_file
from converters.errors import PageError
from converters.namespaces import DEFAULT_BASE
from converters.rdf import to_graph
from converters.reference import ONTOLOGY, reference

from . import contributions, export
from .catalog import catalog_graph
from .errors import BuildError
from .outputdir import locked, replace_directory
from .report import Report, render_turtle
from .site import write_site
from .validation import shape_files, validate_graph, with_references

REPORT = "validation-report.ttl"
CATALOG = "catalog.ttl"
VOCABULARY = "vocabulary.ttl"
SHAPES = "shapes.ttl"
CONTEXT = "context.jsonld"


@dataclass
class PageResult:
    """What became of one page: its triples and findings, or the one error that stopped it."""

    path: str
    iri: str | None = None
    lines: list[str] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # a traceback, for --debug, when the error is a bug of ours
    notices: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)

    @property
    def publishable(self) -> bool:
        return self.error is None and self.report.conforms


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


def process_page(path: str, base: str = DEFAULT_BASE) -> PageResult:
    """Convert, map and validate one page; never raises, so one page cannot stop the others."""
    try:
        project = convert_file(Path(path))
        mapped = to_graph(project, base)
        report = validate_graph(with_references(mapped.graph, reference(base).graph), file=path)
        return PageResult(path, str(mapped.iri), export.ntriples_lines(mapped.graph),
                          notices=[f"{path}: {notice}" for notice in mapped.notices], report=report)
    except PageError as error:
        return PageResult(path, error=str(error))
    except Exception as error:  # a bug of ours: keep the other pages going and say so plainly
        return PageResult(path, error=f"{path}: internal error ({type(error).__name__}: {error}); "
                                      "please report it with the page (--debug shows the traceback)",
                          detail=traceback.format_exc())


def _process(args: tuple[str, str]) -> PageResult:
    return process_page(*args)


def _run(pages: list[Path], base: str, jobs: int, progress: Callable[[int], None] | None) -> Iterator[PageResult]:
    work = [(str(page), base) for page in pages]
    if jobs <= 1 or len(work) <= 1:
        for item in work:
            yield _process(item)
            if progress:
                progress(1)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_process, work, chunksize=max(1, len(work) // (jobs * 8))):
            yield result
            if progress:
                progress(1)


def build(seeds: Path, out: Path, base: str = DEFAULT_BASE, jobs: int | None = None, keep_going: bool = False,
          progress: Callable[[int], None] | None = None) -> BuildResult:
    """Build `out` from the pages and contributed RDF files in `seeds`; BuildError (output untouched) if any
    fails, unless keep_going."""
    pages = sorted(seeds.glob("*.txt"))
    offered = contributions.files(seeds) if seeds.is_dir() else []
    if not pages and not offered:
        raise BuildError(f"no pages (*.txt) in {seeds}", [], "put the project pages in that folder")
    with locked(out):
        results = list(_run(pages, base, jobs or os.cpu_count() or 1, progress))
        results += contributions.check_all(offered, base, results)
        reference_report = validate_graph(reference(base).graph)
        problems = [r.error for r in results if r.error]
        problems += [_violation_line(f) for r in results + [PageResult("ontology/", report=reference_report)]
                     for f in r.report.findings if f.severity == "Violation"]
        failed = [r for r in results if not r.publishable]
        if problems and (not keep_going or not reference_report.conforms):
            raise BuildError(f"{len(failed)} of {len(results)} file(s) failed; {out} was left as it was", problems,
                             "fix the pages, or publish the good ones with --keep-going")
        good = [r for r in results if r.publishable]
        if not good:
            raise BuildError(f"none of the {len(results)} file(s) could be published; {out} was left as it was",
                             problems)
        report = Report()
        for result in good:
            report.extend(result.report)
        report.extend(reference_report)
        triples = []
        replace_directory(out, lambda tmp: triples.append(_write(tmp, good, report, base)))
    return BuildResult(out, len(pages), [r.iri for r in good if r.iri], [r.error or r.path for r in failed],
                       [n for r in good for n in r.notices], report, triples[0],
                       [r.path for r in good if isinstance(r, contributions.Contribution)], len(offered))


def _violation_line(finding) -> str:
    where = f"{finding.file}: " if finding.file else ""
    field_name = f" {finding.field}" if finding.field else ""
    return f"{where}<{finding.resource}>{field_name}: {finding.code}: {finding.message('en')}"


def _write(tmp: Path, results: list[PageResult], report: Report, base: str) -> int:
    """Write every published file into `tmp`; returns the number of triples."""
    lines = set(export.ntriples_lines(reference(base).graph))
    for result in results:
        lines.update(result.lines)
    ordered = sorted(lines)
    export.write_dump(tmp / export.DUMP, ordered)
    graph = export.graph_from_lines(ordered, base)
    export.write_turtle(tmp / export.TURTLE, graph)
    export.write_jsonld(tmp / export.JSONLD, graph)
    (tmp / REPORT).write_text(render_turtle(report, base + "validation-report"), encoding="utf-8")
    shutil.copyfile(ONTOLOGY / "migration.ttl", tmp / VOCABULARY)
    shutil.copyfile(ONTOLOGY / "context.jsonld", tmp / CONTEXT)
    (tmp / SHAPES).write_text("".join(p.read_text(encoding="utf-8") + "\n" for p in shape_files()),
                              encoding="utf-8")
    sources = [Path(r.path).name for r in results]
    (tmp / CATALOG).write_bytes(catalog_graph(tmp, graph, base, sources).serialize(format="turtle",
                                                                                   encoding="utf-8"))
    write_site(tmp, graph, base)
    export.write_checksums(tmp)
    return len(graph)

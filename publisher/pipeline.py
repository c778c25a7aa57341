"""The work on pages, done in worker processes: read, map and validate a chunk of pages, and write the N-Triples
of its publishable records to a sorted run file, so the parent never holds the triples of every page."""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV

from converters import convert_file
from converters.countries import split_countries
from converters.errors import PageError
from converters.namespaces import DEFAULT_BASE
from converters.rdf import Mapped, mapper, to_graph
from converters.reference import reference
from converters.subdivisions import subdivision
from converters.textnorm import excerpt

from . import ntriples, pagedocs
from .batches import validate_in_batches
from .organisations import ALT_LABEL, PREF_LABEL, note_names
from .report import Report, turtle_literal
from .validation import compiled, engine

STAGES = ("parse", "map", "validate", "write")


@dataclass
class PageResult:
    """What became of one page: its findings, or the one error that stopped it. Its triples are in the run
    file `run` (those of every publishable page of its chunk), or in `lines` when there is no run file."""

    path: str
    iri: str | None = None
    lines: list[str] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # a traceback, for --debug, when the error is a bug of ours
    notices: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    run: str | None = None
    field_lines: dict[str, int] = field(default_factory=dict)  # property IRI -> the page line of its value
    concepts: list[str] = field(default_factory=list)  # the skos:prefLabel line of each concept its record minted

    @property
    def publishable(self) -> bool:
        return self.error is None and self.report.conforms


@dataclass(frozen=True)
class Chunk:
    """Pages for one worker task, and where to write their run."""

    number: int
    paths: tuple[str, ...]
    base: str = DEFAULT_BASE
    runs: str | None = None  # the folder for run files; None keeps the lines on each PageResult
    site: str | None = None  # where the pages' own documents go (publisher.pagedocs), if they are written here
    previous: str | None = None  # the site the build replaces, if any (its unchanged files are linked)


@dataclass
class ChunkResult:
    """The pages of a chunk, in order, and the seconds each stage took."""

    results: list[PageResult]
    seconds: dict[str, float]
    written: pagedocs.Written | None = None  # the pages' own documents, when the chunk has a site


def warm(base: str = DEFAULT_BASE) -> None:
    """Read everything a worker needs once (gazetteer, reference data, shapes), so forked workers share it."""
    split_countries("France")
    subdivision("Tunis", "TN")
    if compiled() is None:  # pySHACL validates: gather its shapes now
        engine().shapes.shapes  # noqa: B018 (reading the property gathers the shapes)
    reference(base)
    mapper(base)
    pagedocs.warm(base)


def process_chunk(chunk: Chunk) -> ChunkResult:
    """Convert, map and validate a chunk of pages; never raises, so one page cannot stop the others."""
    seconds = dict.fromkeys(STAGES, 0.0)
    results: list[PageResult] = []
    mapped: list[tuple[PageResult, Mapped]] = []
    for path in chunk.paths:
        result = PageResult(path)
        results.append(result)
        try:
            start = time.process_time()
            project = convert_file(Path(path))
            middle = time.process_time()
            record = to_graph(project, chunk.base)
            seconds["parse"] += middle - start
            seconds["map"] += time.process_time() - middle
        except PageError as error:
            result.error = str(error)
            continue
        except Exception as error:  # a bug of ours: keep the other pages going and say so plainly
            _internal(result, error)
            continue
        result.iri = str(record.iri)
        result.field_lines = record.lines
        result.notices = record.said(path)
        mapped.append((result, record))
    start = time.process_time()
    try:
        reports = validate_in_batches([record.triples for _, record in mapped], [r.path for r, _ in mapped],
                                      reference(chunk.base).graph)
    except Exception as error:  # a bug of ours in validation: every page of the chunk says so
        for result, _ in mapped:
            _internal(result, error)
        reports = [Report() for _ in mapped]
    seconds["validate"] = time.process_time() - start
    start = time.process_time()
    lines: set[str] = set()
    own: list[tuple[str, list[str]]] = []  # each publishable page's record IRI and sorted lines
    named: list[tuple[str, set[str]]] = []  # each publishable page's path and lines, for the organisations' names
    for (result, record), report in zip(mapped, reports, strict=True):
        result.report = report
        if result.publishable:
            page_lines = {ntriples.line(triple) for triple in record.triples}
            result.concepts = [ntriples.line(triple) for triple in record.minted]
            if chunk.runs is None:
                result.lines = sorted(page_lines)
            elif chunk.site is not None:
                own.append((str(record.iri), sorted(page_lines)))
            named.append((result.path, page_lines))
            lines |= page_lines
    if chunk.runs is not None and lines:
        run = Path(chunk.runs) / f"run-{chunk.number:06d}.nt"
        ntriples.write_run(run, sorted(lines))
        note_names(run, named, chunk.base)
        for result, _ in mapped:
            result.run = str(run) if result.publishable else None
    written = None
    if own and chunk.runs is not None and chunk.site is not None:
        written = pagedocs.write(own, chunk.base, Path(chunk.site), chunk.previous and Path(chunk.previous),
                                 Path(chunk.runs), chunk.number)
    seconds["write"] = time.process_time() - start
    return ChunkResult(results, seconds, written)


def settle_shared_projects(results: list[PageResult], base: str = DEFAULT_BASE) -> None:
    """Pages that describe one project (its code: a French and an English page of it) are published as one
    record, validated as one: where together they break a rule of the shapes (two budgets, two start dates),
    each page after the first that breaks it fails, naming the first, and its triples leave the run files."""
    by_iri: dict[str, list[PageResult]] = {}
    for result in results:
        if result.publishable and result.iri:
            by_iri.setdefault(result.iri, []).append(result)
    failed: list[PageResult] = []
    for group in (group for group in by_iri.values() if len(group) > 1):
        kept = set(to_graph(convert_file(Path(group[0].path)), base).triples)
        for result in group[1:]:
            own = to_graph(convert_file(Path(result.path)), base).triples
            if differing := _disagreement(kept, own, result.iri):
                result.error = _disagreeing(result, group[0], *differing)
                failed.append(result)
                continue
            together = kept | own
            report = validate_in_batches([together], [result.path], reference(base).graph)[0]
            broken = next((f for f in report.sorted() if f.severity == "Violation"), None)
            if broken is None:
                kept = together
                continue
            line = result.field_lines.get(broken.field) if broken.field else None
            result.error = (f"{result.path}{f':{line}' if line else ''}: project {result.iri} is also described by "
                            f"{group[0].path}, and the two break a rule together ({broken.code}: "
                            f"{broken.message('en')}); make the pages agree, or give each project its own code")
            failed.append(result)
    for run in sorted({result.run for result in failed if result.run}):
        _rewrite_run(Path(run), [r.path for r in results if r.run == run and r.publishable], base)


_PAGE_OWN = frozenset({str(PROV.wasDerivedFrom)})  # facts of a record that each page gives its own of


def _disagreement(first: set, other: set, iri: str) -> tuple[str, set, set, list[str]] | None:
    """The first field (property IRI) of the record `iri` and its parts to which two pages' triples give other
    values, each page some (per language for texts: a French and an English title agree), the two values, and
    the other fields they differ on; the record's own fields come first."""

    def facts(triples: set) -> dict[tuple, set]:
        found: dict[tuple, set] = {}
        for subject, predicate, obj in triples:
            if (str(subject) == iri or str(subject).startswith(f"{iri}#")) and str(predicate) not in _PAGE_OWN:
                found.setdefault((str(subject), str(predicate), getattr(obj, "language", None)), set()).add(obj)
        return found

    theirs, ours = facts(first), facts(other)
    differing = [key for key in sorted(theirs.keys() & ours.keys(), key=lambda k: (k[0] != iri, k[0], k[1], k[2] or ""))
                 if theirs[key] != ours[key]]
    if not differing:
        return None
    key = differing[0]
    return key[1], theirs[key], ours[key], [p for p in dict.fromkeys(k[1] for k in differing[1:]) if p != key[1]]


def _disagreeing(result: PageResult, first: PageResult, field_iri: str, theirs: set, ours: set, more: list[str]
                 ) -> str:
    """The error of a page that gives a project another value than a page before it does."""
    from .labels import field_labels

    def values(terms: set) -> str:
        return ", ".join(sorted(_value(term) for term in terms))

    def name(iri: str) -> str:
        return field_labels().get(iri, f"<{iri}>")

    line, their_line = result.field_lines.get(field_iri), first.field_lines.get(field_iri)
    others = f" (they differ on {', '.join(map(name, more))} too)" if more else ""
    return (f"{result.path}{f':{line}' if line else ''}: project {result.iri} is also described by {first.path}, "
            f"which gives it another {name(field_iri)}: {values(theirs)} there"
            f"{f' (line {their_line})' if their_line else ''}, {values(ours)} here{others}; make the pages agree "
            "(one page for each project), or give each project its own code")


def _value(term) -> str:
    """A value as an error line shows it: <IRI>, "text"@fr, or a number's or a date's lexical form."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if term.datatype is None or str(term.datatype).endswith("#string"):  # a text, cut short, as Turtle writes it
        return turtle_literal(Literal(excerpt(term, 60), lang=term.language, datatype=term.datatype))
    return str(term)


def settle_concept_labels(results: list) -> list[str]:
    """A new concept's IRI is made from a slug of its label, so pages spelling a label two ways ("Interrégional",
    "Interregional") mint one concept with two skos:prefLabel in one language, which SKOS forbids and no page's
    validation can see. Each such concept keeps one per language and the other spellings become its skos:altLabel
    (search still finds them), in the publishable results' run files and lines; returns a notice for each.

    The label kept is the one the most files give, then the one with the most letters outside ASCII (accents: the
    French written properly), then the one with the fewest capitals ("Mixte", not "MIXTE"), then the first in
    code point order: it depends on which files are published, never on how pages were shared among workers.
    A contribution's skos:prefLabel of a concept a page minted counts as one more file giving it."""
    good = [result for result in results if result.publishable]
    minted = {line for result in good for line in getattr(result, "concepts", ())}  # a contribution has none
    if not minted:
        return []
    subjects = tuple({line[:line.index(" ") + 1] for line in minted})
    given: dict[str, int] = {}  # each prefLabel line of a minted concept -> how many files give it
    for result in good:
        lines = result.concepts if hasattr(result, "concepts") else [  # a contribution's: read from its lines
            line for line in result.lines if line.startswith(subjects) and ntriples.split(line)[1] == PREF_LABEL]
        for line in set(lines):
            given[line] = given.get(line, 0) + 1
    spellings: dict[tuple[str, str | None], list[str]] = {}  # (concept, language) -> its prefLabel lines
    for line in sorted(given):
        subject, _, obj = ntriples.split(line)
        spellings.setdefault((subject, ntriples.literal(obj)[1]), []).append(line)
    replaced: dict[str, str] = {}  # each prefLabel line that goes -> the altLabel line that takes its place
    notices = []
    for (subject, language), lines in spellings.items():
        if len(lines) > 1:
            lines.sort(key=lambda line: _preferred(ntriples.literal(ntriples.split(line)[2])[0], given[line]))
            replaced.update((line, line.replace(f" {PREF_LABEL} ", f" {ALT_LABEL} ", 1)) for line in lines[1:])
            notices.append(_two_labels(subject, language, [(line, given[line]) for line in lines]))
    if replaced:
        _relabel(good, replaced)
    return notices


def _preferred(label: str, files: int) -> tuple:
    """The sort key of a spelling, the one to keep first (see settle_concept_labels)."""
    return (-files, -sum(1 for c in label if c.isalpha() and not c.isascii()), sum(1 for c in label if c.isupper()),
            label)


def _two_labels(subject: str, language: str | None, spellings: list[tuple[str, int]]) -> str:
    """The notice on a concept the files label several ways in one language, the one kept first."""
    shown = [f'"{ntriples.literal(ntriples.split(line)[2])[0]}" ({files} file{"s" if files > 1 else ""})'
             for line, files in spellings]
    return (f"{subject}: one concept, labelled {' and '.join(shown)}{f' in language {language}' if language else ''}: "
            f"{shown[0].rpartition(' (')[0]} is kept as its skos:prefLabel, the others are its skos:altLabel; "
            "write it the same way on every page")


def _relabel(results: list, replaced: dict[str, str]) -> None:
    """Put each altLabel line of `replaced` in place of its prefLabel line, in the run files and the lines of
    `results` (run files stay sorted and distinct)."""
    runs: dict[str, set[str]] = {}
    for result in results:
        gone = [line for line in getattr(result, "concepts", ()) if line in replaced]
        run = getattr(result, "run", None)  # a contribution's lines are its own
        if run and gone:
            runs.setdefault(run, set()).update(gone)
        elif result.lines and not run and not replaced.keys().isdisjoint(result.lines):
            result.lines = list(_replaced(result.lines, replaced, set(result.lines).intersection(replaced)))
    for run, gone in runs.items():
        path, temporary = Path(run), Path(run).with_suffix(".relabelled")
        with path.open(encoding="utf-8", newline="\n") as handle:
            ntriples.write_run(temporary, _replaced(handle, replaced, gone))
        os.replace(temporary, path)


def _replaced(lines: Iterable[str], replaced: dict[str, str], gone: set[str]) -> Iterator[str]:
    """Sorted distinct `lines` without those of `gone`, with the lines `replaced` gives for them in their place."""
    return ntriples.merged_with((line for line in lines if line not in gone), sorted({replaced[line] for line in gone}))


def _rewrite_run(run: Path, paths: list[str], base: str) -> None:
    """The run file of a chunk again, from its pages that are still publishable (none: no run file); the pieces
    of its pages' documents go (a page left out has some: see pagedocs.pieces)."""
    pagedocs.pieces_file(run).unlink(missing_ok=True)
    if paths:
        process_chunk(Chunk(int(run.stem.rsplit("-", 1)[1]), tuple(paths), base, str(run.parent)))
    else:
        run.unlink()


def lines_of(results: list, extra: Iterable[Iterable[str]] = (), settled: dict | None = None) -> Iterator[str]:
    """The sorted, distinct N-Triples of the publishable results: their run files and the lines they carry
    (contributions carry theirs), merged with any other sorted runs of lines, one skos:prefLabel per resource
    and language (one_label_per_language, which notes in `settled` what it changed)."""
    publishable = [r for r in results if r.publishable]
    runs = sorted({Path(r.run) for r in publishable if getattr(r, "run", None)})  # contributions have none
    own = sorted({line for r in publishable for line in r.lines})
    return one_label_per_language(ntriples.merged(runs, [*extra, own]), settled)


_PREF = f" {PREF_LABEL} "


def one_label_per_language(lines: Iterable[str], settled: dict | None = None) -> Iterator[str]:
    """Sorted, distinct N-Triples lines as they come, but for a resource the pages name two ways in one language
    (an organisation's IRI is made from its acronym or its name, so "Cies Tunisie" and "CIES Tunisie", or two
    organisations sharing an acronym, are one resource): it keeps one skos:prefLabel in that language, SKOS's
    rule, chosen as settle_concept_labels chooses (the most accented, the fewest capitals, then code-point
    order), and the others become its skos:altLabel. Each change goes to `settled`, (subject, language) -> the
    labels, the kept one first. One subject's lines are held at a time."""
    group: list[str] = []
    current, named = "", 0
    for line in lines:
        if current and line.startswith(current):
            group.append(line)
            named += _PREF in line
            continue
        yield from _one_label(group, settled) if named > 1 else group
        current, group, named = line[:line.index(" ") + 1], [line], _PREF in line
    yield from _one_label(group, settled) if named > 1 else group


def _one_label(group: list[str], settled: dict | None) -> list[str]:
    by_language: dict[str | None, list[tuple[str, str]]] = {}
    for line in group:
        subject, predicate, obj = ntriples.split(line)
        if predicate == PREF_LABEL:
            by_language.setdefault(ntriples.literal(obj)[1], []).append((ntriples.literal(obj)[0], line))
    replaced: dict[str, str] = {}
    for language, labels in by_language.items():
        if len(labels) > 1:
            labels.sort(key=lambda pair: _preferred(pair[0], 0))
            replaced.update((line, line.replace(_PREF, f" {ALT_LABEL} ", 1)) for _, line in labels[1:])
            if settled is not None:
                settled[(group[0][:group[0].index(" ")], language)] = tuple(text for text, _ in labels)
    return sorted({replaced.get(line, line) for line in group}) if replaced else group


def process_page(path: str, base: str = DEFAULT_BASE) -> PageResult:
    """Convert, map and validate one page, its lines kept on the result; never raises."""
    return process_chunk(Chunk(0, (path,), base)).results[0]


def _internal(result: PageResult, error: Exception) -> None:
    result.error = (f"{result.path}: internal error ({type(error).__name__}: {error}); please report it with "
                    "the page (--debug shows the traceback)")
    result.detail = traceback.format_exc()

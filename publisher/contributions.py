"""Contributed RDF files: read safely, validated against the shapes and what is published, merged with provenance.

A contribution is one RDF file (Turtle, JSON-LD, N-Triples, N-Quads or RDF/XML). It is checked whole, the
way `validate` and `build` both see it: parsed by publisher.safeparse, given its provenance (each project
prov:wasDerivedFrom <{base}source/{file stem}>, a prov:Entity with the file's SHA-256), validated with the
shapes together with the reference and published resources it points at, and checked for what SHACL cannot
say (publisher.checks). It is merged whole or not at all.
"""

from __future__ import annotations

import hashlib
import os
import re
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH

from converters.iris import Iris
from converters.namespaces import MP, MPS

from . import export, serializations, sourcelines
from .checks import contribution_checks
from .checks_more import literals_for_resources
from .errors import InputError
from .hints import with_hints
from .pipeline import lines_of
from .published import Known
from .report import Finding, Report, node_text, turtle_literal
from .safeparse import DEFAULT_LIMITS, Limits, format_for, parse, read
from .sandbox import sandboxed
from .validation import compiled, shapes_graph, validate_with_references


@dataclass
class Contribution:
    """What became of one contributed file: its triples (with provenance) and findings, or the error that
    stopped it. Shaped like the build's PageResult, so the build publishes or skips it the same way."""

    path: str
    iri: str | None = None  # the build's pages have one project IRI; a contribution has `projects`
    lines: list[str] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None
    notices: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    projects: list[str] = field(default_factory=list)
    graph: Graph | None = None
    field_lines: dict[str, int] = field(default_factory=dict)  # as a page's; an RDF file's are on its findings

    @property
    def publishable(self) -> bool:
        return self.error is None and self.report.conforms


def files(seeds: Path, entries: Iterable[os.DirEntry]) -> list[Path]:
    """The contributions among the entries of the seeds folder (os.scandir's, in order): every file with an RDF
    extension (serializations.FORMATS)."""
    return [seeds / e.name for e in entries if serializations.by_extension(e.name) and e.is_file()]


def add_provenance(graph: Graph, source: URIRef, name: str, sha256: str) -> None:
    """Make every project of `graph` prov:wasDerivedFrom `source` (besides any source it already names), and
    `source` a prov:Entity labelled with the file name and its SHA-256. In place: check() calls it on the graph
    it has just parsed, which no one else holds (a copy costs seconds on a 1,000-project contribution)."""
    for project in set(graph.subjects(RDF.type, MP.Project)):
        graph.add((project, PROV.wasDerivedFrom, source))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, RDFS.label, Literal(name)))
    graph.add((source, MP.sha256, Literal(sha256)))


def check(path: Path, known: Known, limits: Limits = DEFAULT_LIMITS, input_format: str | None = None,
          data: bytes | None = None) -> Contribution:
    """Read, validate and check one contributed file; InputError when it cannot be read at all."""
    name = str(path)
    fmt = format_for(name, input_format)
    data = read(path, limits) if data is None else data
    notices: list[str] = []
    with sandboxed(name, limits.seconds):
        own = parse(data, fmt, name, known.base, limits, meanwhile=compiled, notes=notices)  # shapes compile meanwhile
        resources = len({s for s in own.subjects(RDF.type, None) if isinstance(s, URIRef)})
        label = "stdin" if name == "-" else path.name
        source = Iris(known.base).source(label)
        add_provenance(own, source, label, hashlib.sha256(data).hexdigest())
        report = validate_with_references(own, known, file=name)
    described = {node_text(s) for s in own.subjects()}  # findings on reference resources it points at are not its own
    findings, literals = literals_for_resources(own, name)  # the shapes' findings on such a literal say less
    findings += [f for f in report.findings if f.resource in described or f.resource.startswith("_:")
                 or (f.resource not in literals and not known.describes(URIRef(f.resource)))]
    findings += contribution_checks(own, known, source, name, limits.max_literal)
    findings = with_hints(findings, known)  # "Did you mean <country/TN>?" where one resource is meant
    findings = [_code_named(f, known.base) if f.code == "missing-code" else f for f in findings]
    if findings:  # each pointed at its line of the file
        where = sourcelines.read(data, fmt, known.base, {str(s) for s in own.subjects() if isinstance(s, URIRef)})
        findings = [replace(f, line=where.line(f.resource, f.field, f.value) or _blank_line(f.resource, own, where),
                            value_turtle=_as_written(f, own)) for f in findings]
        findings = _blanks_named(findings, own)
    report.findings = sorted(set(findings))
    report.resources = resources
    projects = sorted(str(p) for p in own.subjects(RDF.type, MP.Project))
    return Contribution(name, report=report, projects=projects, graph=own, notices=notices)


def _blank_line(resource: str, graph: Graph, where: sourcelines.SourceLines) -> int:
    """The line where a blank node's description begins, found by its literal values; 0 for an IRI."""
    if not resource.startswith("_:"):
        return 0
    return where.blank_line([str(o) for o in graph.objects(BNode(resource[2:])) if isinstance(o, Literal)])


MISSING_CODE = {
    "en": 'The project has no code, and its IRI ends in "{code}": add dct:identifier "{code}" if that is its code.',
    "fr": "Le projet n'a pas de code, et son IRI se termine par « {code} » : ajoutez dct:identifier \"{code}\" si "
          "c'est son code.",
}
# The messages that take the place of a shape's when the file says more than the shape sees, by finding code.
REWORDED = {"missing-code": MISSING_CODE}


def _code_named(finding: Finding, base: str) -> Finding:
    """missing-code on <project/CT.1003> names the code its IRI ends in, when a project code may be that (the shape
    mps:Project-identifier-pattern's pattern)."""
    code = finding.resource.removeprefix(f"{base}project/")
    pattern = shapes_graph().value(MPS["Project-identifier-pattern"], SH.pattern)
    if code == finding.resource or pattern is None or not re.search(str(pattern), code):
        return finding
    return replace(finding, messages=tuple((language, MISSING_CODE.get(language, MISSING_CODE["en"]).format(code=code))
                                           for language, _ in finding.messages))


def _node(resource: str) -> URIRef | BNode:
    return BNode(resource[2:]) if resource.startswith("_:") else URIRef(resource)


def _as_written(finding: Finding, graph: Graph) -> str | None:
    """The finding's value as Turtle writes it, when it is a literal the file gives its resource (its field's, or
    any property's when the finding names none): "250000.00" (a string) and 250000.00 (a decimal) differ there."""
    if finding.value is None or finding.value_is_iri:
        return None
    predicate = URIRef(finding.field) if finding.field else None
    found = sorted(o for o in graph.objects(_node(finding.resource), predicate)
                   if isinstance(o, Literal) and str(o) == finding.value)
    return turtle_literal(found[0]) if found else None


def _blanks_named(findings: list[Finding], graph: Graph) -> list[Finding]:
    """The findings with each blank node named _:b1, _:b2… in the order its description begins in the file (its
    line, then what it says): the parser's random ids differ from one run to the next."""
    blanks = {name for f in findings for name in (f.resource, f.value) if name and name.startswith("_:")}
    if not blanks:
        return findings
    starts = {blank: min((f.line for f in findings if f.resource == blank and f.line), default=0) for blank in blanks}

    def said(blank: str) -> list[str]:
        return sorted(f"{p.n3()} {'[]' if isinstance(o, BNode) else o.n3()}" for p, o in graph.predicate_objects(
            BNode(blank[2:])))

    order = sorted(blanks, key=lambda blank: (starts[blank] or float("inf"), said(blank)))
    names = {blank: f"_:b{number}" for number, blank in enumerate(order, start=1)}
    return [replace(f, resource=names.get(f.resource, f.resource),
                    value=names.get(f.value, f.value) if f.value else f.value) for f in findings]


@dataclass
class Validation:
    """The outcome of validating files: one report for all, and the files that could not be read."""

    report: Report
    contributions: list[Contribution]
    unreadable: list[str]


def validate(paths: list[Path], known: Known, limits: Limits = DEFAULT_LIMITS, input_format: str | None = None,
             ) -> Validation:
    """Validate each file as one contribution, in order, as the build would: a file that conforms is then
    published for the files after it (its codes are taken)."""
    report, done, unreadable = Report(), [], []
    for number, path in enumerate(paths, start=1):
        try:
            contribution = check(path, known, limits, input_format)
        except InputError as error:
            unreadable.append(str(error))
            continue
        report.extend(contribution.report)
        done.append(contribution)
        if contribution.publishable and contribution.graph is not None and number < len(paths):
            known.add(contribution.graph, str(path))
    return Validation(report, done, unreadable)


def check_all(paths: list[Path], base: str, pages: list) -> list[Contribution]:
    """The build's step: check every contribution against the reference data and the publishable `pages`
    (and the contributions accepted before it); never raises, so one file cannot stop the others."""
    if not paths:
        return []
    known = Known.read(None, base)
    known.add_lines(lines_of(pages))  # the pages' triples are in the workers' run files
    taken = {Path(page.path).stem: page.path for page in pages}
    results = []
    for path in paths:
        result = _check_for_build(path, known, taken.get(path.stem))
        taken.setdefault(path.stem, str(path))
        if result.publishable and result.graph is not None:
            known.add(result.graph, str(path))
            result.lines = export.ntriples_lines(result.graph)
        results.append(result)
    return results


def _check_for_build(path: Path, known: Known, same_stem: str | None) -> Contribution:
    if same_stem:
        return Contribution(str(path), error=f"{path}: has the same name as {same_stem}, so both would be the "
                                             f"source {Iris(known.base).source(path.name)}; rename one of them")
    try:
        return check(path, known)
    except InputError as error:
        return Contribution(str(path), error=str(error))
    except Exception as error:  # a bug of ours: report it for this file and keep the build going
        return Contribution(str(path), error=f"{path}: internal error ({type(error).__name__}: {error}); please "
                                             "report it with the file (--debug shows the traceback)",
                            detail=traceback.format_exc())


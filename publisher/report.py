"""Validation findings as data: one Report, rendered as text, JSON or a SHACL report in Turtle."""

from __future__ import annotations

import io
import json
import re
import urllib.parse
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from rdflib import BNode, Literal
from rdflib.namespace import SH, XSD

from converters.iris import Iris
from converters.namespaces import MPS, prefixes

from . import ntriples, turtle
from .errortext import translate

SEVERITIES = ("Violation", "Warning", "Info")
_TYPE = ntriples.RDF_TYPE
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
CHECK_COMPONENT = MPS.ContributionCheckConstraintComponent  # shapes/checks.ttl


def node_text(term: object) -> str:
    """A focus node or value as a Finding holds it: a blank node as "_:id" (its id alone read as an IRI)."""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def shown(resource: str) -> str:
    """A Finding's resource as a report line names it: <IRI>, or _:id for a blank node."""
    return resource if resource.startswith("_:") else f"<{resource}>"


def _focus(resource: str, report_iri: str, file: str | None = None) -> str:
    """The focus node in the Turtle report, which has no blank nodes: a blank node of the data as its RDF 1.1
    Skolem IRI under the report's base (/.well-known/genid/{file name}-{id}: a contribution's blank nodes are named
    b1, b2… in each file, so the file's name keeps two files' apart)."""
    if resource.startswith("_:"):
        name = urllib.parse.quote(f"{Path(file).name}-" if file else "", safe="") + resource[2:]
        return ntriples.iri(f"{report_iri.rsplit('/', 1)[0]}/.well-known/genid/{name}")
    return ntriples.iri(resource)


_NUMBERS = {XSD.integer: re.compile(r"[+-]?[0-9]+"), XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
            XSD.double: re.compile(r"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
            XSD.boolean: re.compile(r"true|false")}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def turtle_literal(literal: Literal) -> str:
    """A literal as Turtle writes it: "text", "texte"@fr, 250000.00 for an xsd:decimal (a number whose lexical
    form Turtle reads as one), "2023"^^xsd:gYear, "1 000"^^xsd:decimal (not a number as written)."""
    quoted = '"' + str(literal).translate(_ESCAPES) + '"'
    if literal.language:
        return f"{quoted}@{literal.language}"
    datatype = literal.datatype
    if datatype is None or datatype == XSD.string:
        return quoted
    number = _NUMBERS.get(datatype)
    if number is not None and number.fullmatch(str(literal)):
        return str(literal)
    namespace, _, local = str(datatype).rpartition("#")
    prefix = next((p for p, iri in prefixes().items() if iri == namespace + "#" and local.isidentifier()), None)
    return f"{quoted}^^{prefix}:{local}" if prefix else f"{quoted}^^<{datatype}>"


@dataclass(frozen=True, order=True)
class Finding:
    """One thing a shape found: which resource, which field, what value, and what to do about it."""

    resource: str
    severity: str
    code: str
    field: str | None
    value: str | None
    messages: tuple[tuple[str, str], ...]  # (language, message) pairs
    shape: str | None = None
    file: str | None = None
    value_is_iri: bool = False
    line: int = 0  # the line of `file` the finding points at (publisher.sourcelines); 0 when not known
    # The constraint component that fired (sh:sourceConstraintComponent), for a shape's finding; not part of what
    # the finding is: one shape failing two of its components on one value is one finding, as it was.
    component: str | None = field(default=None, compare=False)
    # The value as Turtle writes it ("250000.00" for a string, 250000.00 for a decimal, "2023"^^xsd:gYear) when it
    # is a literal of the file (contributions.check); the text report shows it, JSON gives it beside `value`.
    value_turtle: str | None = field(default=None, compare=False)

    def message(self, language: str = "en") -> str:
        """The message in `language`, else in English, else any."""
        by_language = dict(self.messages)
        return by_language.get(language) or by_language.get("en") or next(iter(by_language.values()), "")


_WHERE = re.compile(r":(\d+):(\d+): ")


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read at all (syntax, encoding, size, hostile content): where and why."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    @classmethod
    def of(cls, error: str, files: list[str]) -> Unreadable:
        """The error line of a file that failed ("file:line:column: what; how", or "file: what; how"), taken
        apart; `files` are the names given, the longest one the line starts with being its file."""
        named = [name for name in files if error.startswith(name + ":")]
        if not named:
            return cls("", error)
        file = max(named, key=len)
        rest = error[len(file):]
        where = _WHERE.match(rest)
        if where:
            return cls(file, rest[where.end():], int(where.group(1)), int(where.group(2)))
        return cls(file, rest.removeprefix(":").strip())

    def message_in(self, language: str = "en") -> str:
        return translate(self.message, language)

    def text(self, language: str = "en") -> str:
        """The error line after "error: ": "file:line:column: what; how to fix", in `language`."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.message_in(language)}" if where else self.message_in(language)

    def as_json(self, language: str = "en") -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "message": self.message_in(language),
                "messages": {code: self.message_in(code) for code in ("en", "fr")}}


@dataclass
class Report:
    """All findings of a validation run, with the counts a summary line needs, and the files that could not be
    read (a report with one does not conform: none of its statements were checked)."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    resources: int = 0
    unreadable: list[Unreadable] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when every file was read and nothing is a Violation (warnings and infos allowed)."""
        return not self.unreadable and not any(f.severity == "Violation" for f in self.findings)

    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    def extend(self, other: Report) -> None:
        self.findings.extend(other.findings)
        self.files += other.files
        self.resources += other.resources
        self.unreadable.extend(other.unreadable)

    def summary(self, language: str = "en") -> str:
        """"2 file(s) (1 unreadable), 3 resource(s): 1 violation(s), 0 warning(s), 0 info(s)", in `language`."""
        words = _SUMMARY.get(language, _SUMMARY["en"])
        counts = self.counts()
        unreadable = words["unreadable"].format(len(self.unreadable)) if self.unreadable else ""
        return words["line"].format(files=self.files + len(self.unreadable), unreadable=unreadable,
                                    resources=self.resources, violations=counts["Violation"],
                                    warnings=counts["Warning"], infos=counts["Info"])

    def sorted(self) -> list[Finding]:
        return sorted(set(self.findings), key=lambda f: (f.file or "", f.resource, SEVERITIES.index(f.severity),
                                                         f.code, f.field or "", f.value or ""))


_LINE = {"en": "line {}: ", "fr": "ligne {} : "}
_START = {"en": " (line {})", "fr": " (ligne {})"}  # French puts a space before the colon, as the messages do
_SUMMARY = {
    "en": {"line": "{files} file(s){unreadable}, {resources} resource(s): {violations} violation(s), "
                   "{warnings} warning(s), {infos} info(s)", "unreadable": " ({} unreadable)"},
    "fr": {"line": "{files} fichier(s){unreadable}, {resources} ressource(s) : {violations} violation(s), "
                   "{warnings} avertissement(s), {infos} info(s)", "unreadable": " ({} illisible(s))"},
}
SEVERITY_NAMES = {"fr": {"Violation": "Violation", "Warning": "Avertissement", "Info": "Info"}}


def severity_name(severity: str, language: str = "en") -> str:
    """A severity as a report line shows it: sh:Violation's local name in English, its translation otherwise."""
    return SEVERITY_NAMES.get(language, {}).get(severity, severity)


def render_text(report: Report, language: str = "en", labels: dict[str, str] | None = None) -> str:
    """A linter-like listing grouped by resource, then the summary line; `labels` names fields by shape or
    property IRI."""
    labels = labels or {}
    lines: list[str] = []
    current = None
    findings = report.sorted()
    starts: dict[tuple, int] = {}  # a blank node's first line, shown beside its name: "_:b1 (line 8)"
    for finding in findings:
        if finding.resource.startswith("_:") and finding.line:
            key = (finding.file, finding.resource)
            starts[key] = min(starts.get(key, finding.line), finding.line)
    for finding in findings:
        if (finding.file, finding.resource) != current:
            current = (finding.file, finding.resource)
            where = f"{finding.file}: " if finding.file else ""
            start = _START.get(language, _START["en"]).format(starts[current]) if current in starts else ""
            lines.append(f"{where}{shown(finding.resource)}{start}")
        field_name = labels.get(finding.shape or "") or labels.get(finding.field or "", finding.field or "")
        value = f" = {finding.value_turtle or finding.value}" if finding.value is not None else ""
        subject = f"{field_name}{value}: " if field_name or value else ""
        line = _LINE.get(language, _LINE["en"]).format(finding.line) if finding.line else ""
        severity = severity_name(finding.severity, language)
        lines.append(f"  {severity:<9} {finding.code:<24} {line}{subject}{finding.message(language)}")
    lines.append(report.summary(language))
    return "\n".join(lines) + "\n"


def render_json(report: Report, language: str = "en") -> str:
    """The same findings as JSON: {"conforms", the counts, "findings": [...], "errors": [...]}; "errors" lists the
    files that could not be read (file, line, column, message and messages), "files" counts them with the others."""
    findings = []
    for finding in report.sorted():
        item = asdict(finding)
        item["messages"] = dict(finding.messages)
        item["message"] = finding.message(language)
        item["line"] = finding.line or None
        findings.append(item)
    counts = report.counts()
    errors = [unreadable.as_json(language) for unreadable in report.unreadable]
    document = {"conforms": report.conforms, "files": report.files + len(errors), "unreadable": len(errors),
                "resources": report.resources, "violations": counts["Violation"], "warnings": counts["Warning"],
                "infos": counts["Info"], "findings": findings, "errors": errors}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_turtle(report: Report, report_iri: str) -> str:
    """A SHACL validation report with a hash IRI per result (no blank nodes, stable order)."""
    buffer = io.StringIO()
    write_turtle(buffer, report, report_iri)
    return buffer.getvalue()


def write_turtle(handle: TextIO, report: Report, report_iri: str) -> None:
    """Write render_turtle's report to a text handle, one result at a time (reports can be large). A file that
    could not be read is a Violation result too, with mps:code "unreadable", its focus node the source IRI the
    build gives the file (<source/NAME>) and its line and column as mps:line and mps:column."""
    writer = turtle.Writer(handle, prefixes())
    iri, text = ntriples.iri, ntriples.text
    checks = check_shapes()
    findings = report.sorted()
    count = len(findings) + len(report.unreadable)
    results = [iri(f"{report_iri}#result-{number}") for number in range(1, count + 1)]
    conforms = text(str(report.conforms).lower(), None, XSD_BOOLEAN)
    head = [(_TYPE, iri(SH.ValidationReport)), (iri(SH.conforms), conforms)]
    writer.block(iri(report_iri), head + [(iri(SH.result), result) for result in results])
    for result, finding in zip(results[:len(findings)], findings, strict=True):
        focus = _focus(finding.resource, report_iri, finding.file)
        pairs = [(_TYPE, iri(SH.ValidationResult)), (iri(SH.focusNode), focus),
                 (iri(SH.resultSeverity), iri(SH[finding.severity])), (iri(MPS.code), text(finding.code))]
        if finding.field:
            pairs.append((iri(SH.resultPath), iri(finding.field)))
        if finding.value is not None:
            pairs.append((iri(SH.value), iri(finding.value) if finding.value_is_iri else text(finding.value)))
        shape, component = finding.shape, finding.component
        if not shape and finding.code in checks:  # a check done in Python, declared in shapes/checks.ttl
            shape, component = checks[finding.code], str(CHECK_COMPONENT)
        if shape:
            pairs.append((iri(SH.sourceShape), iri(shape)))
        if component:
            pairs.append((iri(SH.sourceConstraintComponent), iri(component)))
        pairs += [(iri(SH.resultMessage), text(message, language)) for language, message in finding.messages]
        writer.block(result, pairs)
    sources = Iris(report_iri.rsplit("/", 1)[0] + "/")
    for result, unreadable in zip(results[len(findings):], report.unreadable, strict=True):
        writer.block(result, _unreadable_pairs(unreadable, sources, checks))


def check_shapes() -> dict[str, str]:
    """The shape of each check done outside SHACL (shapes/checks.ttl), by finding code."""
    from .validation import shapes_graph  # validation imports this module

    return {str(code): str(shape) for shape, code in shapes_graph().subject_objects(MPS.check)}


def _unreadable_pairs(unreadable: Unreadable, sources: Iris, checks: dict[str, str]) -> list[tuple[str, str]]:
    iri, text = ntriples.iri, ntriples.text
    name = "stdin" if unreadable.file in ("-", "") else unreadable.file
    pairs = [(_TYPE, iri(SH.ValidationResult)), (iri(SH.focusNode), iri(sources.source(name))),
             (iri(SH.resultSeverity), iri(SH.Violation)), (iri(MPS.code), text("unreadable")),
             (iri(SH.value), text(unreadable.file)), (iri(SH.sourceShape), iri(checks["unreadable"])),
             (iri(SH.sourceConstraintComponent), iri(CHECK_COMPONENT))]
    if unreadable.line:
        pairs += [(iri(MPS.line), text(str(unreadable.line), None, XSD_INTEGER)),
                  (iri(MPS.column), text(str(unreadable.column), None, XSD_INTEGER))]
    return pairs + [(iri(SH.resultMessage), text(unreadable.message_in(language), language))
                    for language in ("en", "fr")]

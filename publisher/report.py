"""Validation findings as data: one Report, rendered as text, JSON or a SHACL report in Turtle."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TextIO

from rdflib import BNode
from rdflib.namespace import SH

from converters.namespaces import MPS, prefixes

from . import ntriples, turtle

SEVERITIES = ("Violation", "Warning", "Info")
_TYPE = ntriples.RDF_TYPE
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def node_text(term: object) -> str:
    """A focus node or value as a Finding holds it: a blank node as "_:id" (its id alone read as an IRI)."""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def shown(resource: str) -> str:
    """A Finding's resource as a report line names it: <IRI>, or _:id for a blank node."""
    return resource if resource.startswith("_:") else f"<{resource}>"


def _focus(resource: str, report_iri: str) -> str:
    """The focus node in the Turtle report, which has no blank nodes: a blank node of the data as its RDF 1.1
    Skolem IRI under the report's base (/.well-known/genid/id)."""
    if resource.startswith("_:"):
        return ntriples.iri(f"{report_iri.rsplit('/', 1)[0]}/.well-known/genid/{resource[2:]}")
    return ntriples.iri(resource)


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

    def message(self, language: str = "en") -> str:
        """The message in `language`, else in English, else any."""
        by_language = dict(self.messages)
        return by_language.get(language) or by_language.get("en") or next(iter(by_language.values()), "")


@dataclass
class Report:
    """All findings of a validation run, with the counts a summary line needs."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    resources: int = 0

    @property
    def conforms(self) -> bool:
        """True when nothing is a Violation (warnings and infos allowed)."""
        return not any(f.severity == "Violation" for f in self.findings)

    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    def extend(self, other: Report) -> None:
        self.findings.extend(other.findings)
        self.files += other.files
        self.resources += other.resources

    def summary(self) -> str:
        counts = self.counts()
        return (f"{self.files} file(s), {self.resources} resource(s): {counts['Violation']} violation(s), "
                f"{counts['Warning']} warning(s), {counts['Info']} info(s)")

    def sorted(self) -> list[Finding]:
        return sorted(set(self.findings), key=lambda f: (f.file or "", f.resource, SEVERITIES.index(f.severity),
                                                         f.code, f.field or "", f.value or ""))


_LINE = {"en": "line {}: ", "fr": "ligne {} : "}  # French puts a space before the colon, as the messages do


def render_text(report: Report, language: str = "en", labels: dict[str, str] | None = None) -> str:
    """A linter-like listing grouped by resource, then the summary line; `labels` names fields by shape or
    property IRI."""
    labels = labels or {}
    lines: list[str] = []
    current = None
    for finding in report.sorted():
        if (finding.file, finding.resource) != current:
            current = (finding.file, finding.resource)
            where = f"{finding.file}: " if finding.file else ""
            lines.append(f"{where}{shown(finding.resource)}")
        field_name = labels.get(finding.shape or "") or labels.get(finding.field or "", finding.field or "")
        value = f" = {finding.value}" if finding.value is not None else ""
        subject = f"{field_name}{value}: " if field_name or value else ""
        line = _LINE.get(language, _LINE["en"]).format(finding.line) if finding.line else ""
        lines.append(f"  {finding.severity:<9} {finding.code:<24} {line}{subject}{finding.message(language)}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def render_json(report: Report, language: str = "en") -> str:
    """The same findings as JSON: {"conforms", "summary", "findings": [...]}."""
    findings = []
    for finding in report.sorted():
        item = asdict(finding)
        item["messages"] = dict(finding.messages)
        item["message"] = finding.message(language)
        item["line"] = finding.line or None
        findings.append(item)
    counts = report.counts()
    document = {"conforms": report.conforms, "files": report.files, "resources": report.resources,
                "violations": counts["Violation"], "warnings": counts["Warning"], "infos": counts["Info"],
                "findings": findings}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_turtle(report: Report, report_iri: str) -> str:
    """A SHACL validation report with a hash IRI per result (no blank nodes, stable order)."""
    buffer = io.StringIO()
    write_turtle(buffer, report, report_iri)
    return buffer.getvalue()


def write_turtle(handle: TextIO, report: Report, report_iri: str) -> None:
    """Write render_turtle's report to a text handle, one result at a time (reports can be large)."""
    writer = turtle.Writer(handle, prefixes())
    iri, text = ntriples.iri, ntriples.text
    findings = report.sorted()
    results = [iri(f"{report_iri}#result-{number}") for number in range(1, len(findings) + 1)]
    conforms = text(str(report.conforms).lower(), None, XSD_BOOLEAN)
    head = [(_TYPE, iri(SH.ValidationReport)), (iri(SH.conforms), conforms)]
    writer.block(iri(report_iri), head + [(iri(SH.result), result) for result in results])
    for result, finding in zip(results, findings, strict=True):
        pairs = [(_TYPE, iri(SH.ValidationResult)), (iri(SH.focusNode), _focus(finding.resource, report_iri)),
                 (iri(SH.resultSeverity), iri(SH[finding.severity])), (iri(MPS.code), text(finding.code))]
        if finding.field:
            pairs.append((iri(SH.resultPath), iri(finding.field)))
        if finding.value is not None:
            pairs.append((iri(SH.value), iri(finding.value) if finding.value_is_iri else text(finding.value)))
        if finding.shape:
            pairs.append((iri(SH.sourceShape), iri(finding.shape)))
        pairs += [(iri(SH.resultMessage), text(message, language)) for language, message in finding.messages]
        writer.block(result, pairs)

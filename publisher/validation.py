"""SHACL validation, one record at a time, turned into Findings: by the compiled engine (publisher.compiled) when
it compiles the shapes, else by pySHACL (publisher.shacl); both give pySHACL's findings."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from converters.namespaces import MPS, bind, new_graph
from converters.reference import ROOT

from .compiled import Engine, Unsupported
from .data import Data, ReferenceIndex, no_cycle_collection
from .report import Finding, Report, node_text
from .shacl import Shacl, ShapesSource

SHAPES = ROOT / "shapes"


def shape_files() -> list[Path]:
    """The SHACL shape files, one per area."""
    return sorted(SHAPES.glob("*.ttl"))


@cache
def shapes_graph() -> Graph:
    """All shapes in one graph, parsed once per process (and read-only from then on)."""
    graph = bind(ShapesSource(bind_namespaces="none"))
    for path in shape_files():
        graph.parse(path, format="turtle")
    return graph


@cache
def engine() -> Shacl:
    """The process's pySHACL engine over shapes/ (read once)."""
    return Shacl(shapes_graph())


@cache
def compiled() -> Engine | None:
    """The process's compiled engine over shapes/, or None when the shapes use something it does not compile
    (pySHACL then validates)."""
    try:
        return Engine(shapes_graph())
    except Unsupported:
        return None


@cache
def _codes() -> dict[URIRef, str]:
    return {shape: str(code) for shape, code in shapes_graph().subject_objects(MPS.code)}


def with_references(graph: Graph, reference: Graph) -> Graph:
    """The record plus the description of every reference resource it points at (countries, concepts,
    organisations), so sh:class and the reference shapes see what they check."""
    data = new_graph()
    data += graph
    for target in set(graph.objects()):
        if isinstance(target, URIRef):
            for predicate, value in reference.predicate_objects(target):
                data.add((target, predicate, value))
    return data


def validate_with_references(graph: Graph, reference: Graph, file: str | None = None) -> Report:
    """validate_graph(with_references(graph, reference), file), without copying `graph`: the reference
    descriptions it lacks are added to it for the validation and taken out again (a contribution of 1,000
    projects is 45,000 triples to copy, its references a few hundred)."""
    fast = compiled()
    if fast is not None:
        with no_cycle_collection():
            data = Data.of(graph, reference=ReferenceIndex(reference, whole=False))
            data.prefixes = graph  # pySHACL ran on `graph` itself
            return Report(fast.findings(data, file), files=1 if file else 0, resources=data.resources())
    added = [(target, predicate, value) for target in {o for o in graph.objects() if isinstance(o, URIRef)}
             for predicate, value in reference.predicate_objects(target) if (target, predicate, value) not in graph]
    graph.addN((s, p, o, graph) for s, p, o in added)
    try:
        return validate_graph(graph, file)
    finally:
        for triple in added:
            graph.remove(triple)


def validate_graph(data: Graph, file: str | None = None) -> Report:
    """Validate one data graph against the shapes; the findings name `file` when given."""
    fast = compiled()
    if fast is not None:
        with no_cycle_collection():
            indexed = Data.of(data, source=data)
            return Report(fast.findings(indexed, file), files=1 if file else 0, resources=indexed.resources())
    results = engine().validate(data)
    report = Report(files=1 if file else 0)
    report.resources = len({s for s in data.subjects(RDF.type, None) if isinstance(s, URIRef)})
    for result in results.subjects(RDF.type, SH.ValidationResult):
        report.findings.append(finding(results, result, file))
    return report


def validate_against(shapes: Graph, data: Graph, file: str | None = None) -> Report:
    """Validate `data` against another shapes graph: compiled when the engine compiles it, else by pySHACL
    (publisher.shacl); the findings are pySHACL's either way (codes and message languages as `finding` reads
    them)."""
    report = Report(files=1 if file else 0)
    report.resources = len({s for s in data.subjects(RDF.type, None) if isinstance(s, URIRef)})
    try:
        fast = Engine(shapes, codes_from=shapes_graph())
    except Unsupported:
        results = Shacl(shapes).validate(data)
        report.findings = [finding(results, r, file) for r in results.subjects(RDF.type, SH.ValidationResult)]
        return report
    report.findings = fast.findings(Data.of(data, source=data), file)
    return report


def findings_by_focus(results: Graph, file: str | None) -> dict[str, list[Finding]]:
    """The findings of a pySHACL report graph by focus node."""
    found: dict[str, list[Finding]] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        item = finding(results, result, file)
        found.setdefault(item.resource, []).append(item)
    return found


@cache
def _templates(shape: URIRef) -> list[tuple[str, re.Pattern]]:
    """(language, pattern) for each sh:message of a shape, its {?var} and {$var} slots matching anything."""
    templates = []
    for message in shapes_graph().objects(shape, SH.message):
        pattern = ".*?".join(re.escape(piece) for piece in re.split(r"\{[?$]\w+\}", str(message)))
        templates.append((message.language or "en", re.compile(pattern, re.DOTALL)))
    return templates


def _messages(shape, found: list[Literal]) -> tuple[tuple[str, str], ...]:
    """Each message with its language; pySHACL drops the tags of templated SPARQL messages, so those are
    told apart by the shape's templates they match."""
    pairs = set()
    for message in found:
        language = message.language
        if language is None and isinstance(shape, URIRef):
            language = next((lang for lang, pattern in _templates(shape) if pattern.fullmatch(str(message))), None)
        pairs.add((language or "en", str(message)))
    return tuple(sorted(pairs))


def finding(results: Graph, result, file: str | None) -> Finding:
    """One pySHACL validation result as a Finding naming `file`."""
    shape = results.value(result, SH.sourceShape)
    severity = results.value(result, SH.resultSeverity)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    messages = _messages(shape, [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)])
    code = _codes().get(shape, "shape-" + str(shape).rsplit("#", 1)[-1].lower() if shape else "unknown")
    return Finding(
        resource=node_text(results.value(result, SH.focusNode)),
        severity=str(severity).rsplit("#", 1)[-1],
        code=code,
        field=str(path) if isinstance(path, URIRef) else None,
        value=None if value is None else node_text(value),
        messages=messages,
        shape=str(shape) if isinstance(shape, URIRef) else None,
        file=file,
        value_is_iri=isinstance(value, URIRef),
        component=str(results.value(result, SH.sourceConstraintComponent) or "") or None,
    )


"""Validating many records in few pySHACL runs, each record getting exactly the findings it gets alone.

A record is validated with the reference resources it points at (validation.with_references). Most of a
pySHACL run is spent per focus node, but much of it per run and per shape, and every record points at the
same countries and concepts: so records share a run when none can change what the shapes see of another.
They cannot when every resource two records both name is described the same way by both, meaning
- the same triples about it (its types, values and links), and the same reference description or none;
- the same triples pointing at it with a predicate that makes it a focus node (sh:targetObjectsOf);
the shapes follow paths forwards only (a test checks shapes/ has no sh:inversePath), so what a record's
resources reach in the shared graph is then what they reach alone. A finding on a resource goes to every record
whose data graph holds it, as it would alone; a record that would clash with every open batch starts another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from .data import Data, no_cycle_collection, reference_index
from .report import Finding, Report
from .validation import compiled, engine, findings_by_focus, shapes_graph

BATCH = 400  # records per pySHACL run: the per-run costs are then small, the graph still is (50 MB)
OPEN = 4  # batches filled at once, so a record that clashes with one can go to another


@dataclass
class _Record:
    """One record as a batch sees it."""

    index: int
    graph: Iterable[tuple]  # its triples
    file: str
    references: set  # the reference resources it points at, whose descriptions come along
    holds: set  # every subject of its data graph (own subjects and those reference resources)
    resources: int  # typed IRIs among them: the Report's count
    descriptions: dict  # every node it names -> what it says about it


@dataclass
class _Batch:
    records: list[_Record] = field(default_factory=list)
    descriptions: dict = field(default_factory=dict)

    def fits(self, record: _Record) -> bool:
        known = self.descriptions
        return all(known.get(node, said) == said for node, said in record.descriptions.items())

    def add(self, record: _Record) -> None:
        self.records.append(record)
        self.descriptions.update(record.descriptions)


@dataclass
class _ReferenceIndex:
    """The reference graph as node -> its triples, and the nodes that have a type."""

    triples: dict
    typed: set


@cache
def _targets_by_incoming() -> frozenset:
    """Predicates whose objects the shapes target (sh:targetObjectsOf)."""
    return frozenset(shapes_graph().objects(None, SH.targetObjectsOf))


_indexes: dict[int, tuple[Graph, _ReferenceIndex]] = {}


def _index(reference: Graph) -> _ReferenceIndex:
    """The index of a reference graph, built once per graph (which must not change afterwards)."""
    kept = _indexes.get(id(reference))
    if kept is None or kept[0] is not reference:
        triples: dict = {}
        for subject, predicate, value in reference:
            triples.setdefault(subject, []).append((predicate, value))
        typed = {s for s in reference.subjects(RDF.type, None)}
        kept = _indexes[id(reference)] = (reference, _ReferenceIndex(triples, typed))
    return kept[1]


def _record(index: int, graph: Iterable[tuple], file: str, reference: _ReferenceIndex) -> _Record:
    incoming_targets = _targets_by_incoming()
    outgoing: dict = {}
    incoming: dict = {}
    nodes: set = set()
    objects: set = set()
    for subject, predicate, value in graph:
        outgoing.setdefault(subject, []).append((predicate, value))
        nodes.add(subject)
        if not isinstance(value, Literal):
            nodes.add(value)
            objects.add(value)
            if predicate in incoming_targets:
                incoming.setdefault(value, []).append((subject, predicate))
    references = {o for o in objects if isinstance(o, URIRef) and o in reference.triples}
    holds = set(outgoing) | references
    typed = sum(1 for s in holds if isinstance(s, URIRef) and (
        s in reference.typed and s in references or any(p == RDF.type for p, _ in outgoing.get(s, ()))))
    descriptions = {node: (frozenset(outgoing.get(node, ())), frozenset(incoming.get(node, ())), node in references)
                    for node in nodes}
    return _Record(index, graph, file, references, holds, typed, descriptions)


def validate_in_batches(records: Sequence[Iterable[tuple]], files: list[str], reference: Graph) -> list[Report]:
    """One Report per record (its triples: an rdflib graph or a set), in order, each as
    validate_graph(with_references(record, reference), file) gives it, with its findings sorted: each record
    alone by the compiled engine, or, when it does not compile the shapes, in shared pySHACL runs."""
    fast = compiled()
    if fast is not None:
        return validate_each(fast, records, files, reference)
    index = _index(reference)
    reports: list[Report | None] = [None] * len(records)
    batches: list[_Batch] = []
    for number, (graph, file) in enumerate(zip(records, files, strict=True)):
        record = _record(number, graph, file, index)
        batch = next((b for b in batches if b.fits(record)), None)
        if batch is None:
            if len(batches) == OPEN:
                _run(batches.pop(0), index, reports)
            batch = _Batch()
            batches.append(batch)
        batch.add(record)
        if len(batch.records) == BATCH:
            batches.remove(batch)
            _run(batch, index, reports)
    for batch in batches:
        _run(batch, index, reports)
    return reports


def validate_each(fast, records: Sequence[Iterable[tuple]], files: list[str], reference: Graph) -> list[Report]:
    """validate_in_batches with the compiled engine: each record with the reference descriptions it points at,
    the SPARQL rows its values need answered for all records at once."""
    index = reference_index(reference)
    with no_cycle_collection():
        datas = [Data.with_references(graph, index) for graph in records]
        fast.prefetch(datas)
        return [Report(sorted(fast.findings(data, file), key=_order), files=1, resources=data.resources())
                for data, file in zip(datas, files, strict=True)]


def _order(finding: Finding) -> tuple:
    """Finding's own order, with a missing field or value first (sorting the Findings themselves fails when one
    has a value and another, otherwise the same, has none: an end date given twice and badly typed)."""
    return (finding.resource, finding.severity, finding.code, finding.field is not None, finding.field or "",
            finding.value is not None, finding.value or "", finding.messages, finding.shape or "", finding.file or "",
            finding.value_is_iri)


def _run(batch: _Batch, reference: _ReferenceIndex, reports: list) -> None:
    data = Graph(bind_namespaces="none")
    add = data.add
    described: set = set()
    for record in batch.records:
        for triple in record.graph:
            add(triple)
        for node in record.references - described:
            for predicate, value in reference.triples[node]:
                add((node, predicate, value))
        described |= record.references
    found = findings_by_focus(engine().validate(data), None)
    owners: dict[str, list[_Record]] = {}
    for record in batch.records:
        for node in record.holds:
            owners.setdefault(str(node), []).append(record)
    mine: dict[int, list[Finding]] = {record.index: [] for record in batch.records}
    for focus, findings in found.items():
        for record in owners.get(focus, batch.records):  # a focus node no record holds: every record's, alone
            mine[record.index] += [replace(f, file=record.file) for f in findings]
    for record in batch.records:
        reports[record.index] = Report(sorted(mine[record.index], key=_order), files=1, resources=record.resources)

"""What the static site needs of the whole dataset, gathered in one pass over the sorted N-Triples lines, and each
document's own view of it (a LocalIndex), so every page renders without the dataset in one graph.

The first pass keeps, for every subject, only what other documents' pages read of it (its labels, types,
identifiers, the facts of a project's table row, a part's links), and who links to each document. The second
pass groups the lines by document again and renders each one from its own triples and that brief.
"""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from converters.namespaces import DCT, MP, SCHEMA

from . import ntriples
from .describe import LABELS, Index, Pair, path_of, sorted_pairs
from .terms import interned

# What pages read of a resource they link to or list: labels and names, types, a project's row and chart facts.
BRIEF = frozenset(ntriples.iri(str(p)) for p in (
    *LABELS, RDF.type, SKOS.altLabel, DCT.identifier, SKOS.notation, OWL.sameAs, SKOS.exactMatch, MP.startDate,
    MP.endDate, MP.budget, MP.status, MP.beneficiaryCountry, MP.region, SCHEMA.value, SCHEMA.currency,
    MP.organisation, MP.role))
LABEL_TERMS = frozenset(ntriples.iri(str(p)) for p in LABELS)
NAMED_BY = frozenset(ntriples.iri(str(p)) for p in (*LABELS, SKOS.notation))  # a part's summary needs no more
RDFS_LABEL, TYPE = ntriples.iri(str(RDFS.label)), ntriples.RDF_TYPE
DESCRIPTION = ntriples.iri(str(DCT.description))
CONVERTED = 1 << 16  # nodes whose brief is kept converted, by predicate, per process (emptied when full)
LITERALS, SHORT = 1 << 14, 80  # short literals kept made, per process (emptied when full): dates, amounts, labels
_LITERALS: dict[str, Literal] = {}


class Packed(Mapping):
    """Tuples of strings by key, held in one buffer: what forked writers read without copying it. Reading a tuple
    of shared strings writes the reference count of each, and copy-on-write then copies every page they sit on
    (two site writers copied 270 MB each of a 100,000-page dataset's brief that way); here a read touches one
    small int. `coded` (0 or 1): that item of each pair is one of a few strings (a predicate), kept as its number.
    `named`: each record starts with its key, so that a slot number stands for the key elsewhere (`name`).
    Values hold no empty string and no line break (N-Triples terms)."""

    def __init__(self, coded: int | None = None, named: bool = False) -> None:
        self.slots: dict[str, int] = {}
        self.offsets = array("Q", [0])
        self.buffer = bytearray()
        self.coded, self.named = coded, named
        self.numbers: dict[str, str] = {}  # a coded string -> its number, as text
        self.names: dict[str, str] = {}  # and back

    @property
    def next_slot(self) -> int:
        """The slot the next record put will have."""
        return len(self.offsets) - 1

    def put(self, key: str, values: Sequence[str]) -> int:
        """Keep `values` under `key` (in place of what it held: that stays in the buffer, its slot still named);
        returns the slot."""
        if self.coded is not None and values:
            values = list(values)
            values[self.coded::2] = [self.number(value) for value in values[self.coded::2]]
        return self._keep(key, "\n".join([key, *values] if self.named else values).encode("utf-8"))

    def seal(self, records: Mapping[str, bytearray]) -> None:
        """Keep records made elsewhere: each item followed by a line break, coded items as their `number`."""
        for key, record in records.items():
            self._keep(key, memoryview(record)[:-1])

    def _keep(self, key: str, record) -> int:
        slot = self.slots[key] = self.next_slot
        self.buffer += record
        self.offsets.append(len(self.buffer))
        return slot

    def extend(self, other: Packed) -> None:
        """Keep every record of `other`, made apart (not coded: its numbers are not this one's)."""
        if self.coded is not None or other.coded is not None or self.named != other.named:
            raise ValueError("only uncoded records of the same kind are joined")
        buffer, offsets = memoryview(other.buffer), other.offsets
        for key, slot in other.slots.items():
            self._keep(key, buffer[offsets[slot]:offsets[slot + 1]])

    def number(self, name: str) -> str:
        """The number that stands for a coded string, as text."""
        number = self.numbers.get(name)
        if number is None:
            number = self.numbers[name] = str(len(self.numbers))
            self.names[number] = name
        return number

    def name(self, slot: int) -> str:
        """The key of the record in `slot` (when `named`)."""
        start, end = self.offsets[slot], self.offsets[slot + 1]
        cut = self.buffer.find(b"\n", start, end)
        return self.buffer[start:end if cut < 0 else cut].decode("utf-8")

    def __getitem__(self, key: str) -> tuple[str, ...]:
        slot = self.slots[key]
        start, end = self.offsets[slot], self.offsets[slot + 1]
        if self.named:  # the values follow the key's line, if any
            cut = self.buffer.find(b"\n", start, end)
            start = end if cut < 0 else cut + 1
        if start == end:
            return ()
        values = self.buffer[start:end].decode("utf-8").split("\n")
        if self.coded is not None:
            names = self.names
            values[self.coded::2] = [names[number] for number in values[self.coded::2]]
        return tuple(values)

    def count(self, key: str) -> int:
        """How many values `key` holds (none when it is not here)."""
        slot = self.slots.get(key)
        if slot is None:
            return 0
        start, end = self.offsets[slot], self.offsets[slot + 1]
        return self.buffer.count(b"\n", start, end) + (0 if self.named or end == start else 1)

    def __contains__(self, key: object) -> bool:
        return key in self.slots

    def __iter__(self) -> Iterator[str]:
        return iter(self.slots)

    def __len__(self) -> int:
        return len(self.slots)


@dataclass(eq=False)  # hashed by identity: the caches below key on it
class Facts:
    """The whole-dataset facts pages read, as N-Triples terms: a brief of every subject (flat predicate, object,
    predicate, object…), who links to each document (flat subject, predicate…), the subjects of each type, the
    documents by path, and the vocabulary's own labels of its terms. All packed (see Packed): the brief as it is
    gathered, the referrers and the subjects of each type once `finish` has them all, each subject there as the
    number of its brief's slot (`referrers_of`, `typed_of` give them back as IRIs)."""

    base: str
    brief: Packed = field(default_factory=lambda: Packed(coded=0, named=True))
    referrers: Packed = field(default_factory=lambda: Packed(coded=1))  # subject slot, predicate, …
    typed: Packed = field(default_factory=Packed)  # subject slot, …
    documents: dict[str, str] = field(default_factory=dict)  # path -> document IRI
    keys: list[str] = field(default_factory=list)  # every document IRI, in the order the second pass meets them
    term_lines: list[str] = field(default_factory=list)  # rdfs:label of the vocabulary's terms (for Terms)
    foreign_parts: set[str] = field(default_factory=set)  # hash IRIs another document links to
    converted: dict[URIRef, dict[URIRef, list]] = field(default_factory=dict, repr=False)  # see LocalIndex.values
    memo: dict = field(default_factory=dict, repr=False)  # Index.memo of every document's view
    # The node whose brief LocalIndex.values read last, and that brief: a page asks for several predicates of a
    # node in a row (a project's row six), and the brief is decoded once for them.
    last_read: tuple[URIRef | None, tuple[str, ...]] = field(default=(None, ()), repr=False)
    links: dict[str, bytearray] = field(default_factory=lambda: defaultdict(bytearray), repr=False)  # till finish
    types: dict[str, bytearray] = field(default_factory=lambda: defaultdict(bytearray), repr=False)  # till finish

    def add(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        """Take in one subject's (predicate, object) pairs, in N-Triples form."""
        iri = subject[1:-1]
        document, sep, _ = iri.partition("#")
        slot = f"{self.brief.next_slot}\n".encode()
        kept = []
        for predicate, obj in pairs:
            if predicate in BRIEF or (sep and obj[0] == "<" and predicate != TYPE):
                kept += (predicate, obj)
            if obj[0] == "<":
                target = obj[1:-1]
                linked, hashed, _ = target.partition("#")
                if predicate == TYPE:
                    self.types[target] += slot
                elif linked != document:
                    if hashed:
                        self.foreign_parts.add(target)
                    else:
                        self.links[target] += slot + f"{self.referrers.number(predicate)}\n".encode()
            if predicate == RDFS_LABEL and iri.startswith(str(MP)):
                self.term_lines.append(f"{subject} {predicate} {obj} .\n")
        self.brief.put(iri, kept)
        path = path_of(document, self.base)
        if path and path not in self.documents:
            self.documents[path] = document
            self.keys.append(document)

    def finish(self, describe: Iterable[tuple[str, list[tuple[str, str]]]] = ()) -> None:
        """Order the documents as the second pass meets them, add the descriptions that summarise parts other
        documents link to (`describe`: those parts' subjects and pairs, see `unnamed_parts`), and pack the
        referrers and the subjects of each type."""
        self.keys.sort(key=lambda document: f"<{document}>")
        for subject, pairs in describe:
            iri = subject[1:-1]
            self.brief.put(iri, self.brief[iri] + tuple(x for p, o in pairs if p == DESCRIPTION for x in (p, o)))
        self.referrers.seal(self.links)
        self.typed.seal(self.types)
        self.links, self.types = {}, {}
        self.foreign_parts = set()  # only unnamed_parts reads them

    def referrers_of(self, document: str) -> list[str] | None:
        """Who links to a document: subject, predicate, subject… (None when none does)."""
        flat = self.referrers.get(document)
        if flat is None:
            return None
        found = list(flat)
        name = self.brief.name
        found[0::2] = [name(int(slot)) for slot in flat[0::2]]
        return found

    def typed_of(self, rdf_type: str) -> list[str]:
        """The subjects of a type."""
        name = self.brief.name
        return [name(int(slot)) for slot in self.typed.get(rdf_type, ())]

    def unnamed_parts(self) -> set[str]:
        """Hash IRIs linked from another document whose summary would need their description (no label,
        notation, amount or participation): rare, so their descriptions are looked up in one more pass."""
        needy = set()
        for part in self.foreign_parts:
            brief = self.brief.get(part, ())
            predicates = brief[0::2]
            types = {o for p, o in zip(brief[0::2], brief[1::2], strict=True) if p == TYPE}
            if part in self.brief and not NAMED_BY & set(predicates) and not types & {
                    ntriples.iri(str(SCHEMA.MonetaryAmount)), ntriples.iri(str(MP.Participation))}:
                needy.add(part)
        return needy


def gather(lines: Iterable[str], base: str,
           each: Callable[[str, list[tuple[str, str]]], object] | None = None) -> Facts:
    """The first pass: the facts of sorted N-Triples lines; `each` is called with every subject and its pairs."""
    facts = Facts(base)
    for subject, pairs in subjects(lines):
        if each is not None:
            each(subject, pairs)
        if subject[0] == "<":
            facts.add(subject, pairs)
    return facts


def subjects(lines: Iterable[str]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(subject, [(predicate, object)…]) of sorted N-Triples lines, all in N-Triples form."""
    for subject, group in groupby(map(ntriples.split, lines), key=_first):
        yield subject, [(predicate, obj) for _, predicate, obj in group]


def _first(triple: tuple[str, str, str]) -> str:
    return triple[0]


Block = tuple[str, list[tuple[str, str]], str]  # a subject, its (predicate, object) pairs, and its lines


def blocks(own: list[str]) -> list[Block]:
    """The blocks of a document's lines (from `documents`): a block for each subject."""
    found = []
    for subject, group in groupby(own, key=_subject):
        lines = list(group)
        found.append((subject, [ntriples.split(line)[1:] for line in lines], "".join(lines)))
    return found


def _subject(line: str) -> str:
    return line[:line.index(">") + 1]


def documents(lines: Iterable[str], wanted: Mapping[str, object] | None = None) -> Iterator[tuple[str, list[str]]]:
    """(document IRI, its lines) of sorted N-Triples lines, in the order of "<document>" (Facts.keys): the parts
    "<X#a>" sort before "<X-2>", which sorts before "<X>", so each document waits until the lines have passed
    it. Only the documents in `wanted` when given; blank-node subjects belong to none."""
    pending: dict[str, list[str]] = {}
    waiting: list[str] = []  # "<document>" of each pending document, a heap
    last, target = None, None  # the subject of the line before, and where its lines go (None: not wanted)
    for line in lines:
        if line[0] != "<":
            continue
        term = line[:line.index(">") + 1]
        if term == last:  # a subject's lines come together, and its document is still pending
            if target is not None:
                target.append(line)
            continue
        last = term
        while waiting and waiting[0] < term:
            key = heapq.heappop(waiting)
            yield key[1:-1], pending.pop(key)
        document = term[1:-1].partition("#")[0]
        if wanted is not None and document not in wanted:
            target = None
            continue
        key = f"<{document}>"
        target = pending.get(key)
        if target is None:
            target = pending[key] = []
            heapq.heappush(waiting, key)
        target.append(line)
    while waiting:
        key = heapq.heappop(waiting)
        yield key[1:-1], pending.pop(key)


def term(text: str) -> URIRef | Literal | BNode:
    """An N-Triples term as rdflib makes it when it parses the line."""
    if text[0] == "<":
        return _iri(text)
    if text[0] == "_":
        return BNode(text[2:])
    found = _LITERALS.get(text)
    if found is None:
        value, language, _ = ntriples.literal(text)
        suffix = text[text.rfind('"') + 1:]
        found = Literal(value, lang=language, datatype=interned(suffix[3:-1]) if suffix.startswith("^^") else None)
        if len(text) <= SHORT:  # a description is long, and met once
            if len(_LITERALS) >= LITERALS:
                _LITERALS.clear()
            _LITERALS[text] = found
    return found


def _iri(text: str) -> URIRef:
    return interned(text[1:-1])  # the same countries, concepts and predicates on every page: made once


def pairs_of(flat: Iterable[str]) -> list[Pair]:
    """Flat predicate, object… terms as sorted rdflib pairs."""
    items = list(flat)
    return sorted_pairs((term(p), term(o)) for p, o in zip(items[0::2], items[1::2], strict=True))


class LocalIndex(Index):
    """One document's view of the dataset: its own triples in full, and the brief of everything else."""

    def __init__(self, facts: Facts, document: str, own: Iterable[Block]) -> None:
        super().__init__(None, facts.base)
        self.facts, self.document, self.memo = facts, document, facts.memo
        self.own = {interned(s[1:-1]): sorted_pairs([(term(p), term(o)) for p, o in pairs]) for s, pairs, _ in own}

    @property
    def by_subject(self) -> Mapping[URIRef, list[Pair]]:
        return self.own

    @property
    def by_object(self) -> Mapping[URIRef, list[tuple[URIRef, URIRef]]]:
        return _Referrers(self.facts)

    @property
    def parts_of(self) -> dict[str, list[URIRef]]:
        return {self.document: sorted(s for s in self.own if str(s).partition("#")[2])}

    @property
    def documents(self) -> Mapping[str, URIRef]:
        return _Documents(self.facts)

    def iri(self, path: str) -> URIRef:
        found = self.facts.documents.get(path)
        return interned(found) if found else URIRef(self.base + path)

    def exists(self, path: str) -> bool:
        return path in self.facts.documents

    def typed(self, rdf_type: URIRef) -> list[URIRef]:
        return _typed(self.facts, str(rdf_type))

    def pairs(self, node: URIRef) -> list[Pair]:
        found = self.own.get(node)
        # a node the page does not own: its pairs are not kept (they are asked for the parts of the documents
        # linking to the page, each met about once: 8,192 kept at 100,000 pages were hit 164 times in 329,245)
        return found if found is not None else pairs_of(self.facts.brief.get(str(node), ()))

    def linked(self, node: URIRef) -> list[str]:
        if node in self.own:
            return super().linked(node)
        # read from the brief's text: a hub page (a concept, a country) asks it of thousands of parts linking to
        # it, and rdflib terms made and sorted for all their pairs took most of the page. Sorted as their pairs
        # are (predicate, then object: IRIs sort by their text among any objects)
        flat = self.facts.brief.get(str(node), ())
        return [o for _, o in sorted((p[1:-1], o[1:-1]) for p, o in zip(flat[0::2], flat[1::2], strict=True)
                                     if o[0] == "<" and p != TYPE)]

    def labels(self, node: URIRef) -> list[tuple[URIRef, Literal]]:
        if node in self.own:
            return super().labels(node)
        # read from the brief in one pass, not a predicate at a time: a page names thousands of nodes it does
        # not own (the dataset's page, each of its sources), each once
        flat = self.facts.brief.get(str(node), ())
        return pairs_of(x for p, o in zip(flat[0::2], flat[1::2], strict=True)
                        if p in LABEL_TERMS and o[0] == '"' for x in (p, o))

    def values(self, node: URIRef, predicate: URIRef) -> list[URIRef | Literal]:
        if node in self.own:
            return super().values(node, predicate)
        converted = self.facts.converted  # shared by every page of the process, apart from the index
        grouped = converted.get(node)
        if grouped is None:
            if len(converted) >= CONVERTED:
                converted.clear()
            grouped = converted[node] = {}
        found = grouped.get(predicate)
        if found is None:  # each predicate's objects made when first asked for (a row asks for few of them),
            # from the packed brief read again: an entry holds no more than what was asked of it
            facts = self.facts
            last, flat = facts.last_read
            if last is not node:
                flat = facts.brief.get(str(node), ())
                facts.last_read = (node, flat)
            found = grouped[predicate] = _objects(flat, predicate)
        return found


_NONE: list = []


def _objects(flat: tuple[str, ...], predicate: URIRef) -> list[URIRef | Literal]:
    """A brief's objects of one predicate, in the order of the node's sorted pairs."""
    text = ntriples.iri(predicate)
    found = [term(obj) for p, obj in zip(flat[0::2], flat[1::2], strict=True) if p == text]
    if len(found) > 1:
        return [o for _, o in sorted_pairs((predicate, o) for o in found)]
    return found or _NONE


@lru_cache(maxsize=64)
def _typed(facts: Facts, rdf_type: str) -> list[URIRef]:
    return sorted(interned(s) for s in facts.typed_of(rdf_type))


class _Referrers(Mapping):
    """Who links to each document, as rdflib pairs, sorted (Index.by_object for documents)."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts

    def __getitem__(self, node: URIRef) -> list[tuple[URIRef, URIRef]]:
        flat = self.facts.referrers_of(str(node))
        if flat is None:
            raise KeyError(node)
        # sorted as the IRIs' texts, which is rdflib's order of IRIs, without its comparisons made in Python
        pairs = sorted(zip(flat[0::2], [p[1:-1] for p in flat[1::2]], strict=True))
        return [(interned(s), interned(p)) for s, p in pairs]

    def __iter__(self) -> Iterator[URIRef]:
        return (URIRef(o) for o in self.facts.referrers)

    def __len__(self) -> int:
        return len(self.facts.referrers)


class _Documents(Mapping):
    """Every document by path (Index.documents), without a copy of the whole table per page."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts

    def __getitem__(self, path: str) -> URIRef:
        return interned(self.facts.documents[path])

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.facts.documents))

    def __len__(self) -> int:
        return len(self.facts.documents)

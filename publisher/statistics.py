"""The VoID counts of a dataset (triples, subjects, entities, properties, classes, projects, links), gathered
one subject at a time from its sorted N-Triples, so counting never needs the dataset in memory."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, SKOS

from converters.namespaces import MP, WD

from . import ntriples

WIKIDATA = URIRef("http://www.wikidata.org/")
EU_AUTHORITY = URIRef("http://publications.europa.eu/resource/authority/country")
# The linksets the catalogue counts: name, link predicate, the target dataset and the IRIs it starts with.
LINKSETS = (("wikidata-links", OWL.sameAs, WIKIDATA, str(WD)),
            ("eu-country-links", SKOS.exactMatch, EU_AUTHORITY, str(EU_AUTHORITY) + "/"))
_LINKS = {str(predicate): (name, prefix) for name, predicate, _target, prefix in LINKSETS}
_TYPE = str(RDF.type)
_PROJECT = str(MP.Project)
SAME_NAMES_KEPT = 20  # resources with two names in one language, told at most (the first in IRI order)


@dataclass
class Statistics:
    """The VoID counts of a dataset, gathered one subject at a time from its sorted N-Triples."""

    triples: int = 0
    subjects: int = 0  # distinct IRI subjects
    entities: int = 0  # IRI subjects with a type
    projects: int = 0
    example: str | None = None  # the first project IRI in code-point order
    properties: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    links: Counter = field(default_factory=Counter)
    # resources the files name two ways in one language, (IRI, language, the names: the one kept first), set by
    # build._write from pipeline.one_label_per_language
    two_names: list[tuple[str, str | None, tuple[str, ...]]] = field(default_factory=list)

    def add(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        """Count one subject's triples, each (predicate, object) in N-Triples form."""
        self.triples += len(pairs)
        iri = subject.startswith("<")
        self.subjects += iri
        typed = False
        for predicate, obj in pairs:
            predicate = predicate[1:-1]
            self.properties.add(predicate)
            if predicate == _TYPE:
                typed = True
                if obj.startswith("<"):
                    self.classes.add(obj[1:-1])
                    if obj[1:-1] == _PROJECT:
                        self.projects += 1
                        if iri and (self.example is None or subject[1:-1] < self.example):
                            self.example = subject[1:-1]
            elif predicate in _LINKS:
                name, prefix = _LINKS[predicate]
                value = obj[1:-1] if obj.startswith("<") else ntriples.literal(obj)[0] if obj.startswith('"') else obj
                self.links[name] += value.startswith(prefix)
        self.entities += iri and typed

    @classmethod
    def of_lines(cls, lines: Iterable[str]) -> Statistics:
        """The statistics of sorted, distinct N-Triples lines."""
        stats = cls()
        for subject, group in groupby(map(ntriples.split, lines), key=lambda triple: triple[0]):
            stats.add(subject, [(p, o) for _, p, o in group])
        return stats



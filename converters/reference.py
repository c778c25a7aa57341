"""Reference data the records point at: concept schemes, known organisations and every ISO country."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from .country_names import all_countries
from .iris import Iris
from .namespaces import DEFAULT_BASE, EU_COUNTRY, MP, WD, new_graph
from .textnorm import fold

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"


def reference_files() -> list[Path]:
    """The Turtle files of reference data under ontology/: concept schemes and organisations."""
    return sorted((ONTOLOGY / "concepts").glob("*.ttl")) + [ONTOLOGY / "organisations.ttl"]


@cache
def _reference_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in reference_files())


def _rebased(graph: Graph, base: str) -> Graph:
    """The reference data with its IRIs moved from the default base to `base`."""
    if base == DEFAULT_BASE:
        return graph
    moved = new_graph(base)
    for triple in graph:
        moved.add(tuple(URIRef(base + t[len(DEFAULT_BASE):]) if isinstance(t, URIRef) and
                        str(t).startswith(DEFAULT_BASE) else t for t in triple))
    return moved


def country_graph(base: str = DEFAULT_BASE) -> Graph:
    """Every ISO 3166-1 country (and user-assigned place) as a mp:Country with labels, codes and links to
    Wikidata and the EU NAL."""
    iris = Iris(base)
    graph = new_graph(base)
    for country in all_countries().values():
        node = iris.country(country.alpha2)
        graph.add((node, RDF.type, MP.Country))
        for lang, label in country.labels.items():
            graph.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
        graph.add((node, MP.iso3166Alpha2, Literal(country.alpha2)))
        graph.add((node, MP.iso3166Alpha3, Literal(country.alpha3)))
        if country.numeric:
            graph.add((node, MP.m49Code, Literal(country.numeric)))
        for lang, note in (country.note or {}).items():
            graph.add((node, SKOS.scopeNote, Literal(note, lang=lang)))
        graph.add((node, SKOS.exactMatch, EU_COUNTRY[country.alpha3]))
        if country.wikidata:
            graph.add((node, OWL.sameAs, WD[country.wikidata]))
    return graph


# Words a concept's label may have or leave out without naming another concept ("Amérique latine et les
# Caraïbes", "Latin America & the Caribbean"), folded
_LINKING = frozenset({"et", "and", "y", "e", "the", "les", "le", "la", "l", "de", "du", "des", "d", "of", "el"})
_WORDS = re.compile(r"[a-z0-9]+")
_LIST = re.compile(r"\s*[;/|,]\s*|\s+[-\u2013\u2014]\s+")  # between the parts of a list of labels
# French feminine endings and their masculine ("nationale", "achevée", "active", "régionaux" once plural is gone)
_ENDINGS = (("aux", "al"), ("ale", "al"), ("ee", "e"), ("ive", "if"), ("elle", "el"), ("enne", "en"))


def _word_key(word: str) -> str:
    """A label word without its plural and feminine endings: "Nationales" and "national", "changements" and
    "changement", "Achevée" and "achevé" are one key (the same on both sides, so English words only meet
    themselves)."""
    if len(word) <= 3:
        return word
    if word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending, masculine in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[:-len(ending)] + masculine
    return word


def concept_key(label: str) -> str:
    """The key a concept's label is matched by: its folded words in any order, in the singular and masculine,
    "&" as "and", without linking words and punctuation. "Latin America & the Caribbean" and "Latin America and
    the Caribbean", "Couverture : Nationale" and "National", "Santé et migration" and "Migration et santé" are
    one key."""
    words = _WORDS.findall(fold(label).replace("&", " and "))
    return " ".join(sorted(_word_key(word) for word in words if word not in _LINKING)) or fold(label)


@dataclass
class Reference:
    """The reference graph under one base and label indexes into it."""

    base: str
    graph: Graph
    concepts: dict[str, dict[str, URIRef]] = field(default_factory=dict)
    organisations: dict[str, URIRef] = field(default_factory=dict)

    def concept(self, scheme: str, label: str) -> URIRef | None:
        """The concept of `scheme` whose label, alternative label or notation is `label`, if any; or the one
        concept each part of a list names ("Actif / Active"; "Afrique; Asie et Pacifique" names two: none)."""
        index = self.concepts.get(scheme, {})
        found = index.get(concept_key(label))
        if found is None and len(parts := _LIST.split(label)) > 1:
            named = {index.get(concept_key(part)) for part in parts if part.strip()}
            found = named.pop() if len(named) == 1 else None
        return found

    def organisation(self, *labels: str) -> URIRef | None:
        """The known organisation any of these names or acronyms designates, if any."""
        return next((found for label in labels if (found := self.organisations.get(fold(label))) is not None), None)

    def label(self, organisation: URIRef) -> str:
        """A known organisation's name as notes give it: its French preferred label, or any other."""
        labels = sorted(self.graph.objects(organisation, SKOS.prefLabel), key=lambda label: label.language != "fr")
        return str(labels[0]) if labels else str(organisation)

    def programme_names(self, key: str) -> frozenset[str]:
        """The folded names and acronyms of the funding programme `key` ("iom-development-fund"), in every
        language the reference data gives them."""
        programme = Iris(self.base).programme(key)
        return frozenset(fold(str(label)) for predicate in (SKOS.prefLabel, SKOS.altLabel)
                         for label in self.graph.objects(programme, predicate))


@cache
def reference(base: str = DEFAULT_BASE) -> Reference:
    """The reference data under `base`, parsed once per process."""
    graph = new_graph(base)
    graph.parse(data=_reference_text(), format="turtle")
    graph = _rebased(graph, base)
    graph += country_graph(base)
    ref = Reference(base, graph)
    schemes = {scheme: str(scheme).rstrip("/").rsplit("/", 1)[-1]
               for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme)}
    # Preferred labels win over alternative ones, which win over notations, whatever the file order.
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
        for concept, scheme in sorted(graph.subject_objects(SKOS.inScheme)):
            index = ref.concepts.setdefault(schemes.get(scheme, str(scheme).rsplit("/", 1)[-1]), {})
            for label in sorted(graph.objects(concept, predicate)):
                index.setdefault(concept_key(str(label)), concept)
        for organisation in sorted(graph.subjects(RDF.type, MP.Organisation)):
            for label in sorted(graph.objects(organisation, predicate)):
                ref.organisations.setdefault(fold(str(label)), organisation)
    _index_matched_labels(ref, schemes)
    return ref


def _index_matched_labels(ref: Reference, schemes: dict) -> None:
    """A concept is also named by the labels of the concept of another scheme it matches (skos:exactMatch or
    closeMatch: a status by its IATI ActivityStatus names, "Planification", "Closed"…), after every label of the
    scheme's own concepts, and only where one concept of the scheme matches it."""
    graph = ref.graph
    for scheme, name in schemes.items():
        matching: dict[URIRef, set[URIRef]] = {}
        for concept in graph.subjects(SKOS.inScheme, scheme):
            for predicate in (SKOS.exactMatch, SKOS.closeMatch):
                for other in graph.objects(concept, predicate):
                    matching.setdefault(other, set()).add(concept)
        index = ref.concepts.setdefault(name, {})
        for other, concepts in sorted(matching.items()):
            if len(concepts) == 1:
                for predicate in (SKOS.prefLabel, SKOS.altLabel):
                    for label in sorted(graph.objects(other, predicate)):
                        index.setdefault(concept_key(str(label)), next(iter(concepts)))


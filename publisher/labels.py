"""Names of the fields findings are about, in English or French, for people reading a validation report."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH, SKOS

from converters.namespaces import new_graph
from converters.reference import ONTOLOGY

from .validation import shapes_graph


@cache
def _vocabulary() -> Graph:
    graph = new_graph()
    graph.parse(ONTOLOGY / "migration.ttl", format="turtle")
    return graph


def _in(language: str, literals) -> str | None:
    found = {lit.language: str(lit) for lit in literals}
    return found.get(language) or found.get("en")


# Properties whose shapes name them after the kind of resource ("country name", "concept label"): a finding that
# names no shape (a check in Python) gets the property's own label, SKOS's rdfs:label and its French translation.
_OWN_LABELS = {SKOS.prefLabel: {"en": "preferred label", "fr": "libellé préférentiel"}}


@cache
def field_labels(language: str = "en") -> dict[str, str]:
    """Names for report fields, as "label (prefix:name)", in `language` (English when missing).

    Keyed by property IRI: the vocabulary's rdfs:label, else the shortest sh:name of a property shape on
    that path. Keyed by shape IRI too, for findings that name their shape: the vocabulary's label, else the
    shortest sh:name among the property shapes of the same node shape on that path, so skos:prefLabel reads
    "country name" on a country and "organisation name" on an organisation."""
    vocabulary, shapes = _vocabulary(), shapes_graph()
    namespaces = shapes.namespace_manager
    vocabulary_names = {prop: _in(language, vocabulary.objects(prop, RDFS.label))
                        for prop in set(vocabulary.subjects(RDFS.label, None)) if isinstance(prop, URIRef)}
    shape_names = {shape: (path, _in(language, shapes.objects(shape, SH.name)))
                   for shape, path in shapes.subject_objects(SH.path) if isinstance(path, URIRef)}

    def shortest(candidates) -> str | None:
        names = [name for shape in candidates for path_, name in [shape_names[shape]] if name]
        return min(names, key=len) if names else None

    labels: dict[str, str] = {}
    for path in {path for path, _ in shape_names.values()} | set(vocabulary_names):
        name = (vocabulary_names.get(path) or _OWN_LABELS.get(path, {}).get(language)
                or shortest(s for s, (p, _) in shape_names.items() if p == path))
        labels[str(path)] = f"{name} ({path.n3(namespaces)})"
    for node, shape in shapes.subject_objects(SH.property):
        if shape in shape_names:
            path = shape_names[shape][0]
            siblings = [s for s in shapes.objects(node, SH.property) if shape_names.get(s, (None,))[0] == path]
            name = vocabulary_names.get(path) or shortest(siblings)
            labels[str(shape)] = f"{name} ({path.n3(namespaces)})"
    return labels

"""More checks on a contribution that SHACL cannot say (publisher.checks has the first): a literal where the
vocabulary expects a resource. Each gives Findings with a stable code (README, Finding codes)."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, SKOS

from converters.reference import ONTOLOGY

from .report import Finding

MESSAGES: dict[str, dict[str, str]] = {
    "literal-not-resource": {
        "en": "{property} takes a resource (an IRI{range}), not the literal {literal}: write <…> pointing at that "
              "resource, described in this file or published (e.g. mp:budget <project/CODE#budget>, a "
              "schema:MonetaryAmount with schema:value and schema:currency).",
        "fr": "{property} prend une ressource (une IRI{range}), pas le littéral {literal} : écrivez <…> pointant "
              "vers cette ressource, décrite dans ce fichier ou publiée (p. ex. mp:budget <project/CODE#budget>, "
              "un schema:MonetaryAmount avec schema:value et schema:currency).",
    },
}
CODES = {key: key for key in MESSAGES}
# Properties outside the vocabulary whose value is always a resource.
LINKS = frozenset({RDF.type, SKOS.inScheme, SKOS.broader, SKOS.narrower, PROV.wasDerivedFrom})


def finding(key: str, resource: str, file: str, field: URIRef | None = None, value: str | None = None,
            severity: str = "Violation", value_is_iri: bool = False, **slots: str) -> Finding:
    """A Finding with the messages of `key` (MESSAGES) in each language, `slots` filled in."""
    messages = tuple(sorted((lang, text.format(**slots)) for lang, text in MESSAGES[key].items()))
    return Finding(resource=resource, severity=severity, code=CODES[key], field=field and str(field), value=value,
                   messages=messages, file=file, value_is_iri=value_is_iri)


@cache
def vocabulary() -> Graph:
    """The vocabulary (ontology/migration.ttl), read once."""
    return Graph().parse(ONTOLOGY / "migration.ttl", format="turtle")


@cache
def object_properties() -> frozenset[URIRef]:
    """The properties whose value is a resource: the vocabulary's owl:ObjectProperty, and LINKS."""
    return frozenset(vocabulary().subjects(RDF.type, OWL.ObjectProperty)) | LINKS


def short(term: URIRef) -> str:
    """A term as a contributor writes it (mp:budget, schema:value), else <IRI>."""
    try:
        prefix, _, name = vocabulary().namespace_manager.compute_qname(str(term), generate=False)
    except (KeyError, ValueError):
        return f"<{term}>"
    return f"{prefix}:{name}"


def literals_for_resources(graph: Graph, file: str) -> tuple[list[Finding], set[str]]:
    """A literal given to a property whose value is a resource; and those literals' texts (the shapes then take
    the literal for the resource and say it lacks what a budget or participation has: not what went wrong)."""
    findings, texts = [], set()
    properties = object_properties()
    for subject, predicate, value in graph:
        if isinstance(value, Literal) and predicate in properties:
            kind = vocabulary().value(predicate, URIRef("http://www.w3.org/2000/01/rdf-schema#range"))
            findings.append(finding("literal-not-resource", str(subject), file, predicate, str(value),
                                    property=short(predicate), literal=value.n3(),
                                    range=f", here a {short(kind)}" if isinstance(kind, URIRef) else ""))
            texts.add(str(value))
    return findings, texts

"""More checks on a contribution that SHACL cannot say (publisher.checks has the first): a literal where the
vocabulary expects a resource, a resource of the wrong kind for its IRI, an IRI under the base that contributions
do not describe. Each gives Findings with a stable code (README, Finding codes)."""

from __future__ import annotations

import difflib
import json
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, SKOS

from converters.namespaces import MP
from converters.reference import ONTOLOGY

from .published import Known
from .report import Finding, node_text

MESSAGES: dict[str, dict[str, str]] = {
    "literal-not-resource": {
        "en": "{property} takes a resource (an IRI{range}), not the literal {literal}: write <…> pointing at that "
              "resource, described in this file or published (e.g. mp:budget <project/CODE#budget>, a "
              "schema:MonetaryAmount with schema:value and schema:currency).",
        "fr": "{property} prend une ressource (une IRI{range}), pas le littéral {literal} : écrivez <…> pointant "
              "vers cette ressource, décrite dans ce fichier ou publiée (p. ex. mp:budget <project/CODE#budget>, "
              "un schema:MonetaryAmount avec schema:value et schema:currency).",
    },
    "not-a-project": {
        "en": "The resource is named under project/, where only projects and their parts (#budget…) are published, "
              "but is not a mp:Project: type it `a mp:Project` (schema:Project and other classes may stand beside "
              "it), or name it elsewhere.",
        "fr": "La ressource est nommée sous project/, où ne sont publiés que des projets et leurs parties "
              "(#budget…), mais n'est pas un mp:Project : typez-la `a mp:Project` (schema:Project et d'autres "
              "classes peuvent s'y ajouter), ou nommez-la ailleurs.",
    },
    "not-a-project-iri": {
        "en": "A mp:Project is named project/ followed by its code, and this resource is not: name the project "
              "<project/CODE>, or remove `a mp:Project` from what is not a project.",
        "fr": "Un mp:Project est nommé project/ suivi de son code, et cette ressource ne l'est pas : nommez le "
              "projet <project/CODE>, ou retirez `a mp:Project` de ce qui n'est pas un projet.",
    },
    "reserved-iri": {
        "en": "A contribution may not describe <{iri}>: under the base it describes projects (project/CODE and "
              "their parts), organisations, places, subdivisions, concepts and programmes; the dataset, the "
              "vocabulary and the sources are made by the build. Remove these statements.",
        "fr": "Une contribution ne peut pas décrire <{iri}> : sous la base, elle décrit des projets (project/CODE "
              "et leurs parties), des organisations, des lieux, des subdivisions, des concepts et des programmes ; "
              "le jeu de données, le vocabulaire et les sources sont faits par la construction. Retirez ces "
              "déclarations.",
    },
    "foreign-source": {
        "en": "prov:wasDerivedFrom names <{iri}>, which is not this file's source: the build adds the file's own "
              "(<{own}>), and claiming another record's provenance is false. Remove the statement; a source "
              "outside the base (the web page the project comes from) may stay.",
        "fr": "prov:wasDerivedFrom nomme <{iri}>, qui n'est pas la source de ce fichier : la construction ajoute "
              "la sienne (<{own}>), et se réclamer de la provenance d'une autre fiche est faux. Retirez la "
              "déclaration ; une source hors de la base (la page web dont vient le projet) peut rester.",
    },
    "wrong-scheme": {
        "en": "{property} takes a concept of the scheme <{scheme}>, and <{concept}> is in {schemes} only: point "
              "it at a concept of that scheme (e.g. <{scheme}/…>), or mint the new concept in it (skos:inScheme "
              "<{scheme}>).",
        "fr": "{property} prend un concept du schéma <{scheme}>, et <{concept}> n'est que dans {schemes} : "
              "faites-la pointer vers un concept de ce schéma (p. ex. <{scheme}/…>), ou créez le nouveau concept "
              "dans celui-ci (skos:inScheme <{scheme}>).",
    },
    "literal-too-long": {
        "en": "The value is {length} characters long, more than the {limit} one value may have: shorten it (a "
              "description is a few paragraphs; link to a longer document), or raise --max-literal.",
        "fr": "La valeur fait {length} caractères, plus que les {limit} permis pour une valeur : raccourcissez-la "
              "(une description tient en quelques paragraphes ; liez un document plus long), ou relevez "
              "--max-literal.",
    },
    "unknown-term": {
        "en": "<{term}> is named in the vocabulary's namespace (or directly under the base) but the vocabulary "
              "does not define it{suggestion}: use a term of ontology/migration.ttl (a JSON-LD file needs "
              "\"@context\": \"https://w3id.org/migration-lod/context.jsonld\" for its keys to become them).",
        "fr": "<{term}> est nommé dans l'espace de noms du vocabulaire (ou directement sous la base), mais le "
              "vocabulaire ne le définit pas{suggestion_fr} : employez un terme de ontology/migration.ttl (un fichier "
              "JSON-LD a besoin de \"@context\": \"https://w3id.org/migration-lod/context.jsonld\" pour que ses "
              "clés en deviennent).",
    },
}
CODES = {key: key for key in MESSAGES} | {"not-a-project-iri": "not-a-project"}
SEVERITIES = {"unknown-term": "Warning"}  # the others are Violations
# The first segment of the IRIs under the base that a contribution may describe (converters.iris mints them);
# project/ holds only projects and their parts.
DESCRIBED = frozenset({"organisation", "place", "subdivision", "country", "concept", "programme"})
# Properties outside the vocabulary whose value is always a resource.
LINKS = frozenset({RDF.type, SKOS.inScheme, SKOS.broader, SKOS.narrower, PROV.wasDerivedFrom})


def finding(key: str, resource: str, file: str, field: URIRef | None = None, value: str | None = None,
            value_is_iri: bool = False, severity: str = "Violation", **slots: str) -> Finding:
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


def kinds(graph: Graph, subjects: set, known: Known, source: URIRef, file: str) -> list[Finding]:
    """Every resource described under the base is of the kind its IRI says: under project/ a mp:Project (or a
    published one's, or a part #…), a mp:Project under project/ only, nothing outside the namespaces contributions
    describe (<dataset>, another file's source/, the vocabulary) but the contribution's own source."""
    base, findings = known.base, []
    for subject in sorted(s for s in subjects if isinstance(s, URIRef) and str(s).startswith(base) and s != source):
        rest = str(subject)[len(base):]
        first = rest.split("#", 1)[0].split("/", 1)[0]
        typed = (subject, RDF.type, MP.Project) in graph
        if first == "project" and "/" in rest:
            if "#" not in rest and not typed and known.project(subject) is None:
                findings.append(finding("not-a-project", str(subject), file))
        elif first in DESCRIBED:
            if typed:
                findings.append(finding("not-a-project-iri", str(subject), file, RDF.type, str(MP.Project), True))
        else:
            findings.append(finding("reserved-iri", str(subject), file, iri=str(subject)))
    return findings


def foreign_sources(graph: Graph, base: str, source: URIRef, file: str) -> list[Finding]:
    """prov:wasDerivedFrom an IRI under the base other than the file's own source (a page's, another file's)."""
    return [finding("foreign-source", str(subject), file, PROV.wasDerivedFrom, str(value), True, iri=str(value),
                    own=str(source))
            for subject, value in sorted(graph.subject_objects(PROV.wasDerivedFrom))
            if isinstance(value, URIRef) and str(value).startswith(base) and value != source]


def long_literals(graph: Graph, terms: set, limit: int, file: str) -> list[Finding]:
    """A literal longer than `limit` characters (`terms`: every term of the graph; only when one is too long is the
    graph read for where): a 15 MB description would make every published file a hundred times larger."""
    long = {term for term in terms if isinstance(term, Literal) and len(term) > limit}
    if not long:
        return []
    return [finding("literal-too-long", str(subject), file, predicate, value[:40] + "…" * (len(value) > 40),
                    length=f"{len(value):,}", limit=f"{limit:,}")
            for subject, predicate, value in sorted(graph) if value in long]


@cache
def defined_terms() -> dict[str, URIRef]:
    """The vocabulary's classes and properties by local name (Project, budget, iso3166Alpha2…)."""
    return {str(term)[len(str(MP)):]: term for term in vocabulary().subjects()
            if isinstance(term, URIRef) and str(term).startswith(str(MP)) and str(term) != str(MP)}


def unknown_terms(graph: Graph, terms: set, base: str, file: str) -> list[Finding]:
    """Properties and classes named in the vocabulary's namespace, or directly under the base (JSON-LD without
    its context makes <{base}Project>), that the vocabulary does not define: a Warning, once per term, on its
    first use (`terms`: the graph's predicates and objects; only when one is unknown is the graph read)."""
    defined = set(defined_terms().values())
    unknown = {t for t in terms if isinstance(t, URIRef) and t not in defined and _ours(str(t), base)}
    if not unknown:
        return []
    first: dict[URIRef, tuple] = {}
    for subject, predicate, value in sorted(graph):
        if predicate in unknown:
            first.setdefault(predicate, (subject, predicate, None))
        if predicate == RDF.type and value in unknown:
            first.setdefault(value, (subject, RDF.type, str(value)))
    return [finding("unknown-term", node_text(subject), file, field, value, value is not None, "Warning",
                    term=str(term), **_suggestion(str(term), base))
            for term, (subject, field, value) in sorted(first.items())]


def _ours(iri: str, base: str) -> bool:
    return iri.startswith(str(MP)) or (iri.startswith(base) and "/" not in iri[len(base):] and "#" not in iri)


@cache
def _spellings() -> dict[str, str]:
    """What a term may have meant, by its lower-cased name: the vocabulary's terms (mp:Name) and the published
    JSON-LD context's keys (MonetaryAmount: schema:MonetaryAmount, title: dct:title)."""
    found = {name.lower(): f"mp:{name}" for name in defined_terms()}
    context = json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    for key, value in context.items():
        iri = value.get("@id") if isinstance(value, dict) else value
        if isinstance(iri, str) and ":" in iri and not iri.endswith(("/", "#")):
            found.setdefault(key.lower(), iri)
    return found


def _suggestion(iri: str, base: str) -> dict[str, str]:
    name = iri[len(str(MP)):] if iri.startswith(str(MP)) else iri[len(base):]
    spellings = _spellings()
    close = difflib.get_close_matches(name.lower(), spellings, n=1, cutoff=0.5)
    if not close:
        return {"suggestion": "", "suggestion_fr": ""}
    return {"suggestion": f" (did you mean {spellings[close[0]]}?)",
            "suggestion_fr": f" (vouliez-vous dire {spellings[close[0]]} ?)"}


# The scheme of the concepts each property takes (the folder under {base}concept/), and the IATI codelist whose
# codes stand for them where a contribution gives those.
SCHEMES = {"status": ("status", "iati-activity-status"), "projectType": ("project-type",),
           "geographicScope": ("scope", "iati-activity-scope"), "region": ("region",),
           "innovationElement": ("innovation",), "role": ("role", "iati-organisation-role")}


def wrong_schemes(graph: Graph, known: Known, file: str) -> list[Finding]:
    """A status, type, scope, region, innovation element or role pointing at a concept of another scheme (a new
    status minted in the scope scheme, or a region given as a status): the shapes see only that it is a concept."""
    findings = []
    held: dict[URIRef, set] = {}  # each concept's schemes, asked once (a store is asked per IRI)
    for name, folders in SCHEMES.items():
        predicate = MP[name]
        expected = {URIRef(f"{known.base}concept/{folder}") for folder in folders}
        for subject, concept in sorted(graph.subject_objects(predicate)):
            if not isinstance(concept, URIRef):
                continue
            if concept not in held:
                held[concept] = set(graph.objects(concept, SKOS.inScheme)) | {
                    value for key, value in known.predicate_objects(concept) if key == SKOS.inScheme}
            schemes = held[concept]
            if schemes and not schemes & expected:
                findings.append(finding("wrong-scheme", str(subject), file, predicate, str(concept), True,
                                        property=short(predicate), scheme=f"{known.base}concept/{folders[0]}",
                                        concept=str(concept),
                                        schemes=", ".join(f"<{scheme}>" for scheme in sorted(schemes))))
    return findings

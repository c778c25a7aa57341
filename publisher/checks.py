"""Checks on a contribution that SHACL cannot say: code clashes with published projects, changes to the reference
data, a second preferred label in one language, IRIs outside the dataset's base, IRIs with a scheme that is not for
the web (javascript:, data:, file:...), blank nodes. Each gives Findings with a stable code, like the shapes'
(README, Finding codes)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from converters.namespaces import DCT, MP

from . import checks_more
from .published import Known, PublishedProject
from .report import Finding
from .safeparse import DEFAULT_LIMITS

# Finding code of each message below (a code may have several messages, each saying what exactly clashed).
CODES = {"code-clash": "code-clash", "code-clash-iri": "code-clash", "code-clash-here": "code-clash",
         "reference-changed": "reference-changed", "label-clash": "label-clash", "label-clash-here": "label-clash",
         "label-clash-earlier": "label-clash",
         "iri-outside-base": "iri-outside-base", "bad-iri-scheme": "bad-iri-scheme", "blank-node": "blank-node"}
# The schemes a published IRI may have: web addresses and names, never scripts, inline data or local files.
SCHEMES = ("http", "https", "urn", "mailto", "tel")
MESSAGES: dict[str, dict[str, str]] = {
    "code-clash": {
        "en": 'The project code "{code}" is already published for <{other}> ({sources}): give this project a code '
              "of its own, or correct the published project at its source.",
        "fr": "Le code de projet « {code} » est déjà publié pour <{other}> ({sources}) : donnez à ce projet un code "
              "qui lui est propre, ou corrigez le projet publié dans sa source.",
    },
    "code-clash-iri": {
        "en": "The project <{other}> is already published ({sources}): a contribution may not add to it or to its "
              "parts (#budget, #participation-1…); describe a new project under an IRI of its own, project/ "
              "followed by its code, or correct the published project at its source.",
        "fr": "Le projet <{other}> est déjà publié ({sources}) : une contribution ne peut rien y ajouter, ni à ses "
              "parties (#budget, #participation-1…) ; décrivez un nouveau projet sous une IRI qui lui est propre, "
              "project/ suivi de son code, ou corrigez le projet publié dans sa source.",
    },
    "code-clash-here": {
        "en": 'The project code "{code}" is also given to <{other}> in this contribution: give each project a code '
              "of its own.",
        "fr": "Le code de projet « {code} » est aussi donné à <{other}> dans cette contribution : donnez à chaque "
              "projet un code qui lui est propre.",
    },
    "reference-changed": {
        "en": "The resource is reference data (a country, a concept of the vocabulary or a reference organisation), "
              "which contributions link to but cannot change: remove this statement and link to "
              "the resource as published; a correction of the reference data goes to the vocabulary's maintainers.",
        "fr": "La ressource fait partie des données de référence (un pays, un concept du vocabulaire ou une "
              "organisation de référence), vers lesquelles une contribution peut pointer mais qu'elle ne peut pas "
              "modifier : retirez cette déclaration et liez la ressource telle qu'elle est publiée ; "
              "une correction des données de référence s'adresse aux responsables du vocabulaire.",
    },
    "label-clash": {
        "en": "The resource is already published with the preferred label {published}: it has one skos:prefLabel "
              "per language (SKOS). Link to it without naming it, use that label, or give yours as skos:altLabel.",
        "fr": "La ressource est déjà publiée avec le libellé préféré {published} : elle n'a qu'un skos:prefLabel par "
              "langue (SKOS). Liez-la sans la nommer, reprenez ce libellé, ou donnez le vôtre en skos:altLabel.",
    },
    "label-clash-earlier": {
        "en": "The resource is already published with the preferred label {published} by {other}, a contribution "
              "accepted before this file (files validated or built together are published together): it has one "
              "skos:prefLabel per language (SKOS). Use that label, or give yours as skos:altLabel.",
        "fr": "La ressource est déjà publiée avec le libellé préféré {published} par {other}, une contribution "
              "acceptée avant ce fichier (les fichiers validés ou publiés ensemble sont publiés ensemble) : elle n'a "
              "qu'un skos:prefLabel par langue (SKOS). Reprenez ce libellé, ou donnez le vôtre en skos:altLabel.",
    },
    "label-clash-here": {
        "en": "This contribution gives the resource {count} preferred labels in one language ({labels}): SKOS allows "
              "one per language. Keep one as skos:prefLabel and give the others as skos:altLabel.",
        "fr": "Cette contribution donne à la ressource {count} libellés préférés dans une même langue ({labels}) : "
              "SKOS n'en permet qu'un par langue. Gardez-en un en skos:prefLabel et donnez les autres en "
              "skos:altLabel.",
    },
    "iri-outside-base": {
        "en": "The resource's IRI is not under the dataset's base {base}: name what you describe {base}project/CODE, "
              "{base}organisation/NAME, etc. (relative IRIs such as <project/CODE> resolve against the base); "
              "outside IRIs may only be linked to.",
        "fr": "L'IRI de la ressource n'est pas sous la base du jeu de données {base} : nommez ce que vous décrivez "
              "{base}project/CODE, {base}organisation/NOM, etc. (les IRI relatives comme <project/CODE> se "
              "résolvent sur la base) ; les IRI extérieures ne peuvent qu'être liées.",
    },
    "bad-iri-scheme": {
        "en": "The IRI <{iri}> has the scheme \"{scheme}:\", which is not published (only http, https, urn, mailto "
              "and tel): link to the resource's web address, e.g. <https://…>.",
        "fr": "L'IRI <{iri}> a le schéma « {scheme}: », qui n'est pas publié (seuls http, https, urn, mailto et tel "
              "le sont) : liez à l'adresse web de la ressource, p. ex. <https://…>.",
    },
    "blank-node": {
        "en": "A node without an IRI (a blank node) cannot be published: give it an IRI under the base, e.g. "
              "<project/CODE#budget> for a project's budget or <project/CODE#participation-1> for a participation.",
        "fr": "Un nœud sans IRI (nœud anonyme) ne peut pas être publié : donnez-lui une IRI sous la base, p. ex. "
              "<project/CODE#budget> pour le budget d'un projet ou <project/CODE#participation-1> pour une "
              "participation.",
    },
}
CODES.update(checks_more.CODES)  # one table of every check's codes and messages (README, Finding codes)
MESSAGES.update(checks_more.MESSAGES)
SEVERITIES = checks_more.SEVERITIES  # a code not here is a Violation


def _finding(key: str, resource: str, file: str, field: URIRef | None = None, value: str | None = None,
             **slots: str) -> Finding:
    messages = tuple(sorted((lang, text.format(**slots)) for lang, text in MESSAGES[key].items()))
    return Finding(resource=resource, severity="Violation", code=CODES[key], field=field and str(field), value=value,
                   messages=messages, file=file)


def contribution_checks(graph: Graph, known: Known, source: URIRef, file: str,
                        max_literal: int = DEFAULT_LIMITS.max_literal) -> list[Finding]:
    """The findings of every check here on one contribution (`source` is its provenance IRI; `max_literal` the
    characters one value may have)."""
    subjects, others = _terms(graph)
    every = subjects | others
    return (_clashes(graph, subjects, known, source, file) + _reference_changed(graph, subjects, known, file)
            + _label_clashes(graph, known, file) + _outside_base(subjects, known.base, file)
            + _bad_schemes(graph, every, file) + _blank_nodes(graph, every, file)
            + checks_more.kinds(graph, subjects, known, source, file)
            + checks_more.foreign_sources(graph, known.base, source, file)
            + checks_more.long_literals(graph, others, max_literal, file)
            + checks_more.unknown_terms(graph, others, known.base, file)
            + checks_more.wrong_schemes(graph, known, file))


def _terms(graph: Graph) -> tuple[set, set]:
    """The distinct subjects of the graph, and its distinct predicates and objects: one pass over 45,000 triples
    (a 1,000-project contribution), so that each check looks at each term once."""
    subjects, others = set(), set()
    add_subject, add_other = subjects.add, others.add
    for subject, predicate, value in graph:
        add_subject(subject)
        add_other(predicate)
        add_other(value)
    return subjects, others


def _sources(known: Known, project: URIRef) -> str:
    published = known.project(project)
    sources = sorted(str(s) for s in published.sources) if published else []
    return ", ".join(f"<{s}>" for s in sources) or "no source"


def _clashes(graph: Graph, subjects: set, known: Known, source: URIRef, file: str) -> list[Finding]:
    """A project's code or IRI already published from another source, or given twice in the contribution; a
    published project's description or parts added to."""
    findings = []
    here: dict[str, URIRef] = {}
    for project in sorted(graph.subjects(RDF.type, MP.Project)):
        published = known.project(project)
        theirs = [project] if published and source not in published.sources else []
        for code in sorted(str(c) for c in graph.objects(project, DCT.identifier)):
            for other in sorted(known.coded(code)):
                if source not in known.project(other).sources:
                    findings.append(_finding("code-clash", str(project), file, DCT.identifier, code, code=code,
                                             other=str(other), sources=_sources(known, other)))
                    theirs = [p for p in theirs if p != other]
            if code in here:
                findings.append(_finding("code-clash-here", str(project), file, DCT.identifier, code, code=code,
                                         other=str(here[code])))
            here.setdefault(code, project)
        findings += [_finding("code-clash-iri", str(project), file, other=str(p), sources=_sources(known, p))
                     for p in theirs]
    return findings + _published_parts(graph, subjects, known, source, file)


def _published_parts(graph: Graph, subjects: set, known: Known, source: URIRef, file: str) -> list[Finding]:
    """Statements about a project published from another source, or about one of its parts (<…#budget>), that
    do not type it as a project (those are _clashes'): the build would merge them into that project."""
    owners: dict[str, PublishedProject | None] = {}
    findings = []
    for subject in sorted(s for s in subjects if isinstance(s, URIRef)):
        if (subject, RDF.type, MP.Project) in graph:
            continue
        owner = str(subject).split("#", 1)[0]
        if owner not in owners:
            owners[owner] = known.project(URIRef(owner))
        published = owners[owner]
        if published is not None and source not in published.sources:
            findings.append(_finding("code-clash-iri", str(subject), file, other=owner,
                                     sources=_sources(known, URIRef(owner))))
    return findings


def _reference_changed(graph: Graph, subjects: set, known: Known, file: str) -> list[Finding]:
    """Statements about reference data (countries, the vocabulary's concepts and schemes, the reference
    organisations) that the reference data does not make: restating it is fine, adding to it is not (a second
    French label of a status would break every page that shows it)."""
    ours = [s for s in subjects if (s, None, None) in known.reference]
    return [_finding("reference-changed", str(s), file, p, str(o))
            for s in sorted(ours) for p, o in sorted(graph.predicate_objects(s)) if (s, p, o) not in known.reference]


def _label_clashes(graph: Graph, known: Known, file: str) -> list[Finding]:
    """A resource with two skos:prefLabel in one language, both in the contribution or one of them published.
    Concepts a page minted or that are published are left to the build, which keeps one label per language of a
    page's concept (pipeline.settle_concept_labels), but not of a contribution's: a concept (or any resource) a
    contribution accepted before this one described first is checked against its labels, naming that file;
    reference data is _reference_changed's."""
    findings = []
    for subject in sorted({s for s in graph.subjects(SKOS.prefLabel, None) if isinstance(s, URIRef)}):
        if (subject, None, None) in known.reference:
            continue
        given = _by_language(graph.objects(subject, SKOS.prefLabel))
        for labels in given.values():
            if len(labels) > 1:
                findings.append(_finding("label-clash-here", str(subject), file, SKOS.prefLabel, str(labels[1]),
                                         count=str(len(labels)), labels=", ".join(map(_shown, labels))))
        if not known.describes(subject):
            continue
        pairs = list(known.predicate_objects(subject))
        earlier = known.contributed.get(subject)
        if not earlier and ((RDF.type, SKOS.Concept) in pairs or (subject, RDF.type, SKOS.Concept) in graph):
            continue
        published = _by_language(o for p, o in pairs if p == SKOS.prefLabel)
        key, slots = ("label-clash-earlier", {"other": earlier}) if earlier else ("label-clash", {})
        for language, labels in given.items():
            theirs = published.get(language, [])
            findings += [_finding(key, str(subject), file, SKOS.prefLabel, str(label),
                                  published=" ".join(map(_shown, theirs)), **slots)
                         for label in labels if theirs and label not in theirs]
    return findings


def _by_language(labels) -> dict[str | None, list]:
    found: dict[str | None, list] = {}
    for label in sorted(labels):
        if isinstance(label, Literal):
            found.setdefault(label.language and label.language.lower(), []).append(label)
    return found


def _shown(term) -> str:
    """A term as a contributor wrote it in Turtle (short enough for a message)."""
    return term.n3()


def _outside_base(subjects: set, base: str, file: str) -> list[Finding]:
    """Every described resource is named under the base (links to outside IRIs are fine)."""
    outside = {s for s in subjects if isinstance(s, URIRef) and not str(s).startswith(base)}
    return [_finding("iri-outside-base", str(s), file, base=base) for s in sorted(outside)]


def _scheme(iri: str) -> str:
    scheme, colon, _ = iri.partition(":")
    return scheme.lower() if colon else ""


def _bad_schemes(graph: Graph, terms: set, file: str) -> list[Finding]:
    """Every IRI of the contribution, as subject, property or value, is one the pages may link to (`terms`: every
    term of the graph; only when one of them is not is the graph read for where it is used)."""
    bad = {term for term in terms if isinstance(term, URIRef) and _scheme(str(term)) not in SCHEMES}
    if not bad:
        return []
    findings = set()
    for subject, predicate, value in graph:
        for term, field in ((subject, None), (predicate, None), (value, predicate)):
            if term in bad:
                resource = str(subject) if term is not subject else str(term)
                findings.add(_finding("bad-iri-scheme", resource, file, field, str(term), iri=str(term),
                                      scheme=_scheme(str(term))))
    return sorted(findings)


def _blank_nodes(graph: Graph, terms: set, file: str) -> list[Finding]:
    """One finding per blank node, on the resource and property that lead to it when there is one (`terms`:
    every term of the graph)."""
    blanks = {term for term in terms if isinstance(term, BNode)}
    findings = []
    for blank in sorted(blanks):
        referrer = next(((s, p) for s, p in graph.subject_predicates(blank) if isinstance(s, URIRef)), None)
        resource, field = (str(referrer[0]), referrer[1]) if referrer else (f"_:{blank}", None)
        findings.append(_finding("blank-node", resource, file, field))
    return findings

"""Checks on a contribution that SHACL cannot say: code clashes with published projects, IRIs outside the
dataset's base, IRIs with a scheme that is not for the web (javascript:, data:, file:...), blank nodes. Each
gives Findings with a stable code, like the shapes' (README, Finding codes)."""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from converters.namespaces import DCT, MP

from .published import Known
from .report import Finding

# Finding code of each message below (a code may have several messages, each saying what exactly clashed).
CODES = {"code-clash": "code-clash", "code-clash-iri": "code-clash", "code-clash-here": "code-clash",
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
        "en": "The project <{other}> is already published ({sources}): describe a new project under an IRI of its "
              "own, project/ followed by its code, or correct the published project at its source.",
        "fr": "Le projet <{other}> est déjà publié ({sources}) : décrivez un nouveau projet sous une IRI qui lui "
              "est propre, project/ suivi de son code, ou corrigez le projet publié dans sa source.",
    },
    "code-clash-here": {
        "en": 'The project code "{code}" is also given to <{other}> in this contribution: give each project a code '
              "of its own.",
        "fr": "Le code de projet « {code} » est aussi donné à <{other}> dans cette contribution : donnez à chaque "
              "projet un code qui lui est propre.",
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


def _finding(key: str, resource: str, file: str, field: URIRef | None = None, value: str | None = None,
             **slots: str) -> Finding:
    messages = tuple(sorted((lang, text.format(**slots)) for lang, text in MESSAGES[key].items()))
    return Finding(resource=resource, severity="Violation", code=CODES[key], field=field and str(field), value=value,
                   messages=messages, file=file)


def contribution_checks(graph: Graph, known: Known, source: URIRef, file: str) -> list[Finding]:
    """The findings of every check here on one contribution (`source` is its provenance IRI)."""
    subjects, others = _terms(graph)
    every = subjects | others
    return (_clashes(graph, known, source, file) + _outside_base(subjects, known.base, file)
            + _bad_schemes(graph, every, file) + _blank_nodes(graph, every, file))


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


def _clashes(graph: Graph, known: Known, source: URIRef, file: str) -> list[Finding]:
    """A project's code or IRI already published from another source, or given twice in the contribution."""
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
    return findings


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

"""A "did you mean" for a contribution's reference that points at nothing known: the published resource the
contributor most likely meant, when one is sure. http for https, a trailing slash, a country code in lower case or
under countries/, a Wikidata or EU authority IRI the reference data links to, a DBpedia page, or a name, code or
label written as text ("TN", "Tunisie", "Actif") each name one resource; the finding's message then ends with it."""

from __future__ import annotations

import urllib.parse
from dataclasses import replace
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from converters.textnorm import fold

from .published import Known
from .report import Finding

# The findings whose value is a reference to a published resource, and the folder of the base it lives in.
FOLDERS = {"unknown-country": "country/", "unknown-concept": "concept/", "unknown-organisation": "organisation/",
           "literal-not-resource": ""}
HINT = {"en": " Did you mean <{meant}>?", "fr": " Vouliez-vous dire <{meant}> ?"}
_LINKS = (OWL.sameAs, SKOS.exactMatch)
_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.notation)


def with_hints(findings: list[Finding], known: Known) -> list[Finding]:
    """The findings, each on a reference to nothing known ending with the resource it most likely meant."""
    hinted = []
    for finding in findings:
        folder = FOLDERS.get(finding.code)
        meant = meant_by(finding.value, known, folder) if finding.value and folder is not None else None
        if meant:
            finding = replace(finding, messages=tuple((language, text + HINT.get(language, HINT["en"]).format(
                meant=meant)) for language, text in finding.messages))
        hinted.append(finding)
    return hinted


def meant_by(value: str, known: Known, folder: str = "") -> str | None:
    """The one published IRI under `base + folder` that `value` (an IRI or a text) most likely means, or None."""
    base = known.base
    candidates = _iri_forms(value, base) if "://" in value else _text_forms(value, base, folder)
    found = [iri for iri in dict.fromkeys(candidates)
             if iri != value and iri.startswith(base + folder) and known.describes(URIRef(iri))]
    if not found:
        found = [str(s) for s in _reference_index(known.reference, base).get(_key(value), ())
                 if str(s).startswith(base + folder)]
    return found[0] if len(found) == 1 else None


def _iri_forms(value: str, base: str) -> list[str]:
    """What an IRI under (or near) the base was likely meant to be: https, no trailing slash, the folder in the
    singular, a code in capitals."""
    forms = []
    iri = value.rstrip("/")
    if iri.startswith("http://") and ("https://" + iri[len("http://"):]).startswith(base):
        iri = "https://" + iri[len("http://"):]
    forms.append(iri)
    if iri.startswith(base):
        folder, _, rest = iri[len(base):].partition("/")
        singular = folder[:-3] + "y" if folder.endswith("ies") else folder.rstrip("s")
        for name in (folder, singular):
            forms += [f"{base}{name}/{rest}", f"{base}{name}/{rest.upper()}"]
    return forms


def _text_forms(value: str, base: str, folder: str) -> list[str]:
    """A code written as text: "TN" as <country/TN>."""
    code = value.strip()
    return [f"{base}country/{code.upper()}"] if folder in ("country/", "") and code.isalpha() and len(code) == 2 \
        else []


def _key(value: str) -> str:
    """How a value is looked up among the reference data's links and labels: a link's IRI in one form, a DBpedia
    or Wikipedia page by its title, a text folded."""
    if "://" not in value:
        return fold(value)
    parts = urllib.parse.urlsplit(value)
    host, path = parts.netloc.lower(), urllib.parse.unquote(parts.path)
    if host.endswith("wikidata.org"):
        return "wikidata:" + path.rstrip("/").rsplit("/", 1)[-1]
    if host.endswith(("dbpedia.org", "wikipedia.org")):
        return fold(path.rstrip("/").rsplit("/", 1)[-1].replace("_", " "))
    return value.rstrip("/").replace("http://", "https://", 1)


@cache
def _reference_index(reference: Graph, base: str) -> dict[str, tuple[URIRef, ...]]:
    """Each key (_key) of the reference data's outside links and labels -> the resources that have it."""
    index: dict[str, set[URIRef]] = {}
    for predicate in (*_LINKS, *_LABELS):
        for subject, value in reference.subject_objects(predicate):
            if isinstance(subject, URIRef) and str(subject).startswith(base):
                keys = {_key(str(value))} if isinstance(value, URIRef) else {fold(str(value))} if isinstance(
                    value, Literal) else set()
                for key in keys:
                    index.setdefault(key, set()).add(subject)
    return {key: tuple(sorted(subjects)) for key, subjects in index.items()}

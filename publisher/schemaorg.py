"""The schema.org description each page embeds for search engines, and its safe embedding in a <script>."""

from __future__ import annotations

from markupsafe import Markup
from rdflib import Literal, URIRef

from converters.namespaces import VOCAB_IRI

from . import jsonld
from .describe import Index
from .terms import DCAT, DCT, MP, OWL, SCHEMA, SKOS

_FUNDING_ROLES = ("funder", "co-funder")
LISTED = 100  # source pages named in the landing page's description at most (all are in its RDF)
KEPT = 1 << 16  # descriptions of linked resources kept made (emptied when full)


def script(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json">: "<", ">" and "&" escaped so no "</script>" or "<!--" in
    the data can end the element early (the JSON means the same)."""
    text = jsonld.dumps(data)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _texts(index: Index, node: URIRef, predicate: URIRef) -> list[str]:
    return sorted(str(o) for o in index.values(node, predicate) if isinstance(o, Literal))


def _one(values: list[str]) -> str | list[str] | None:
    return None if not values else values[0] if len(values) == 1 else values


def _name(index: Index, node: URIRef) -> str | None:
    """One name, English first (schema.org readers expect one), else French, else any."""
    for predicate in (SKOS.prefLabel, DCT.title, DCT.identifier):
        found = [o for o in index.values(node, predicate) if isinstance(o, Literal)]
        for lang in ("en", "fr", None):
            for label in sorted(found):
                if label.language == lang or lang is None:
                    return str(label)
    return None


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def _thing(index: Index, node: URIRef, kind: str) -> dict:
    same = sorted(str(o) for o in index.values(node, OWL.sameAs) + index.values(node, SKOS.exactMatch))
    name = _name(index, node)
    others = sorted({str(o) for o in index.values(node, SKOS.prefLabel) + index.values(node, SKOS.altLabel)} - {name})
    return _clean({"@type": kind, "@id": str(node), "name": name, "alternateName": _one(others),
                   "sameAs": _one(same)})


def _linked(index: Index, node: URIRef, kind: str) -> dict:
    """_thing of a resource a page links to, made once for all the pages (not to be changed)."""
    key = ("schema.org", node, kind)
    found = index.memo.get(key)
    if found is None:
        if len(index.memo) >= KEPT:
            index.memo.clear()
        found = index.memo[key] = jsonld.Shared(_thing(index, node, kind))  # its JSON text written once too
    return found


def describe(index: Index, path: str) -> dict:
    """A schema.org node for the resource at `path` (Project, Organization, Country, Place, DefinedTerm…)."""
    iri = index.iri(path) if path else URIRef(index.base)
    types = set(index.types(iri))
    if not path or DCAT.Dataset in types:
        return dataset(index)
    if str(iri) == VOCAB_IRI:
        return _clean({"@context": "https://schema.org", "@type": "DefinedTermSet", "@id": VOCAB_IRI,
                       "name": _one(_texts(index, iri, DCT.title)),
                       "description": _one(_texts(index, iri, DCT.description))})
    if MP.Project in types:
        data = _project(index, iri)
    elif MP.Country in types:
        data = _thing(index, iri, "Country")
        data["identifier"] = _one(_texts(index, iri, MP.iso3166Alpha2))
    elif MP.Organisation in types or MP.FundingProgramme in types:
        data = _thing(index, iri, "Organization")
    elif MP.Subdivision in types or MP.Place in types:
        data = _thing(index, iri, "AdministrativeArea" if MP.Subdivision in types else "Place")
        data["containedInPlace"] = _one([str(o) for o in index.values(iri, SCHEMA.containedInPlace)])
    elif SKOS.ConceptScheme in types:
        data = _thing(index, iri, "DefinedTermSet")
    elif SKOS.Concept in types:
        data = _thing(index, iri, "DefinedTerm")
        data["termCode"] = _one(_texts(index, iri, SKOS.notation))
        data["inDefinedTermSet"] = _one([str(o) for o in index.values(iri, SKOS.inScheme)])
    else:
        data = _thing(index, iri, "Thing")
    return {"@context": "https://schema.org", **_clean(data)}


def _project(index: Index, iri: URIRef) -> dict:
    """schema:Project (an Organization in schema.org) with its funders, partners, places and budget."""
    funders, members = [], []
    for part in index.values(iri, MP.participation):
        roles = {str(r).rstrip("/").rsplit("/", 1)[-1] for r in index.values(part, MP.role)}
        for organisation in index.values(part, MP.organisation):
            thing = _linked(index, organisation, "Organization")
            (funders if roles & set(_FUNDING_ROLES) else members).append(thing)
    for programme in index.values(iri, MP.fundingProgramme):
        funders.append(_linked(index, programme, "Organization"))
    countries = [_linked(index, c, "Country") for c in index.values(iri, MP.beneficiaryCountry)]
    areas = [_linked(index, a, "Place") for a in index.values(iri, MP.interventionArea)]
    budget = None
    for part in index.values(iri, MP.budget):
        budget = _clean({"@type": "MonetaryAmount", "value": _one(_texts(index, part, SCHEMA.value)),
                         "currency": _one(_texts(index, part, SCHEMA.currency))})
    key = lambda thing: thing["@id"]  # noqa: E731
    return _clean({
        "@type": "Project", "@id": str(iri),
        "name": _one(_texts(index, iri, DCT.title)) or _one(_texts(index, iri, DCT.identifier)),
        "description": _one(_texts(index, iri, DCT.description)),
        "identifier": _one(_texts(index, iri, DCT.identifier)),
        "funder": sorted(funders, key=key), "member": sorted(members, key=key),
        "areaServed": sorted(countries + areas, key=key),
        "foundingDate": _one(_texts(index, iri, MP.startDate)),
        "dissolutionDate": _one(_texts(index, iri, MP.endDate)),
        "funding": budget and _clean({"@type": "MonetaryGrant", "amount": budget,
                                      "funder": sorted(funders, key=key)}),
    })


def dataset(index: Index) -> dict:
    """schema:Dataset for the landing page: name, licence and the downloads of the catalogue."""
    iri = next(iter(index.typed(DCAT.Dataset)), URIRef(index.base))
    downloads = []
    for distribution in sorted(index.values(iri, DCAT.distribution)):
        media = [str(m).rsplit("media-types/", 1)[-1] for m in index.values(distribution, DCAT.mediaType)]
        downloads.append(_clean({"@type": "DataDownload", "name": _one(_texts(index, distribution, DCT.title)),
                                 "contentUrl": _one([str(u) for u in index.values(distribution, DCAT.downloadURL)]),
                                 "encodingFormat": _one(media),
                                 "contentSize": _one(_texts(index, distribution, DCAT.byteSize))}))
    return _clean({"@context": "https://schema.org", "@type": "Dataset", "@id": str(iri),
                   "name": _one(_texts(index, iri, DCT.title)),
                   "description": _one(_texts(index, iri, DCT.description)),
                   "license": _one([str(o) for o in index.values(iri, DCT.license)]),
                   "version": _one(_texts(index, iri, URIRef(str(DCAT) + "version"))),
                   "url": str(index.base), "distribution": downloads,
                   "isBasedOn": _one([str(o) for o in index.values(iri, DCT.source)][:LISTED])})

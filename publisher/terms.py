"""The namespaces pages and site writers read, each term made once: rdflib's namespaces make a new URIRef (and
check it) at every attribute access, and a site of 10,000 projects does hundreds of thousands of those."""

from __future__ import annotations

from rdflib import URIRef
from rdflib import namespace as rdflib_namespaces

from converters import namespaces

INTERNED = 1 << 17  # IRIs kept as one URIRef each (emptied when full: identity is only a shortcut)
_INTERNED: dict[str, URIRef] = {}


def interned(iri: str) -> URIRef:
    """One URIRef for each IRI: dictionaries, sets and sorts compare equal terms by identity first, and rdflib's
    own comparison is slow Python."""
    found = _INTERNED.get(iri)
    if found is None:
        if len(_INTERNED) >= INTERNED:
            _INTERNED.clear()
        found = _INTERNED[iri] = URIRef(iri)
    return found


DCAT, OWL, RDF, RDFS, SKOS, VOID, XSD = (namespaces.made_once(getattr(rdflib_namespaces, name), interned)
                                         for name in ("DCAT", "OWL", "RDF", "RDFS", "SKOS", "VOID", "XSD"))
DCT, MP, SCHEMA = (namespaces.made_once(getattr(namespaces, name), interned) for name in ("DCT", "MP", "SCHEMA"))

"""The namespaces pages and site writers read, each term made once: rdflib's namespaces make a new URIRef (and
check it) at every attribute access, and a site of 10,000 projects does hundreds of thousands of those."""

from __future__ import annotations

from rdflib import URIRef
from rdflib import namespace as rdflib_namespaces

from converters import namespaces

INTERNED = 1 << 18  # IRIs kept as one URIRef each (emptied when full: identity is only a shortcut)
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


class FixedNamespace:
    """A namespace whose terms, once asked for, are plain attributes; str() is its IRI, as for rdflib's."""

    def __init__(self, namespace: str) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # no term of these namespaces; probes (copy, pytest, mock) look for such names
            raise AttributeError(name)
        term = interned(str(getattr(self._namespace, name)))
        setattr(self, name, term)
        return term

    def __str__(self) -> str:
        return str(self._namespace)


DCAT, OWL, RDF, RDFS, SKOS, VOID, XSD = (FixedNamespace(getattr(rdflib_namespaces, name)) for name in
                                         ("DCAT", "OWL", "RDF", "RDFS", "SKOS", "VOID", "XSD"))
DCT, MP, SCHEMA = (FixedNamespace(getattr(namespaces, name)) for name in ("DCT", "MP", "SCHEMA"))

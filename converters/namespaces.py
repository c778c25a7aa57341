"""Every namespace the project writes, bound once; the only place their IRIs are spelled."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD


class _Terms(Namespace):
    """A Namespace that makes each of its terms once (with `_make`, URIRef unless made_once says otherwise):
    rdflib makes a new URIRef on every attribute access, and the mapping and the pages ask for the same few
    terms for every record. No term starts with "_": such names (probes by copy, pytest, mock) are refused."""

    _make: Callable[[str], URIRef] = URIRef

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self.__dict__[name] = self._make(str(super().__getattr__(name)))
        return term

    @property
    def title(self) -> URIRef:  # rdflib's Namespace.title, a property, would make a new term at every access
        found = self.__dict__.get("title")
        if found is None:
            found = self.__dict__["title"] = self._make(str(self) + "title")
        return found


def made_once(namespace: Namespace | type, make: Callable[[str], URIRef] = URIRef) -> Namespace:
    """The namespace (an rdflib Namespace or DefinedNamespace) as one that makes each of its terms once, by
    `make` (e.g. an interning function)."""
    terms = _Terms(str(namespace))
    terms._make = make
    return terms


MP = _Terms("https://w3id.org/migration-lod/vocab#")
MPS = Namespace("https://w3id.org/migration-lod/shapes#")
SCHEMA = _Terms("https://schema.org/")
EURIO = Namespace("http://data.europa.eu/s66#")
ORG = Namespace("http://www.w3.org/ns/org#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
WD = Namespace("http://www.wikidata.org/entity/")
EU_COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
DCT = DCTERMS
VOCAB_IRI = "https://w3id.org/migration-lod/vocab"
DEFAULT_BASE = "https://w3id.org/migration-lod/"
CONTEXT_IRI = "https://w3id.org/migration-lod/context.jsonld"

PREFIXES = {
    "mp": MP, "mps": MPS, "dct": DCT, "skos": SKOS, "schema": SCHEMA, "prov": PROV, "owl": OWL,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "foaf": FOAF, "dcat": DCAT, "void": VOID, "sh": SH,
    "spdx": SPDX, "wd": WD, "eurio": EURIO, "org": ORG, "eucountry": EU_COUNTRY,
}


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The project's prefixes and the data's own IRI spaces under `base`: prefix -> namespace IRI."""
    found = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    for prefix in ("project", "organisation", "country", "subdivision", "place", "concept", "source"):
        found[prefix] = f"{base}{prefix}/"
    return found


def bind(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind the project's prefixes (and the data's own IRI spaces under `base`) on a graph."""
    for prefix, namespace in prefixes(base).items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    """An empty rdflib graph with the project's prefixes and no others."""
    return bind(Graph(store="SimpleMemory", bind_namespaces="none"), base)

"""The dataset's description: DCAT 3 catalogue record and VoID statistics, linksets included."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDF, VOID, XSD

from converters.iris import Iris
from converters.namespaces import DCT, MP, SPDX, VOCAB_IRI, new_graph

from .export import sha256
from .statistics import LINKSETS, Statistics

DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3; rdflib's DCAT namespace predates it
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE = URIRef("http://publications.europa.eu/resource/authority/language/FRA")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")


@dataclass(frozen=True)
class Distribution:
    """One downloadable file: its name, media type and EU file-type code."""

    name: str
    media_type: str
    file_type: str
    title: str


DISTRIBUTIONS = (
    Distribution("migration-projects.ttl", "text/turtle", "RDF_TURTLE", "Turtle"),
    Distribution("migration-projects.jsonld", "application/ld+json", "JSON_LD", "JSON-LD"),
    Distribution("migration-projects.nt.gz", "application/n-triples", "RDF_N_TRIPLES",
                 "N-Triples, sorted, gzip (SPARQL-ready dump)"),
)


def documents(base: str) -> set[str]:
    """The documents the catalogue's subjects are in: the dataset's (its distributions and partitions are its
    parts)."""
    return {str(Iris(base).dataset())}


def build_date() -> datetime | None:
    """The build's timestamp from SOURCE_DATE_EPOCH, or None: output bytes never depend on the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else None


def catalog_graph(out: Path, stats: Statistics, base: str, sources: Iterable[str], written: bool = True,
                  digests: Mapping[str, str] | None = None) -> Graph:
    """DCAT + VoID for the files already written in `out`, with the counts of `stats`. Not `written` (they are
    being written): the same graph but each file's size and SHA-256, which it cannot know yet. `digests`: the
    SHA-256 of files by name, known already (not read again)."""
    iris = Iris(base)
    dataset = iris.dataset()
    graph = new_graph(base)
    add = graph.add
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, DCT.title, Literal("Migration-governance projects", lang="en")))
    add((dataset, DCT.title, Literal("Projets de gouvernance des migrations", lang="fr")))
    add((dataset, DCT.description, Literal(
        "Projects funded or run for migration governance (IOM Development Fund, IOM innovation initiatives, "
        "NGO projects), converted from their public pages into linked data and validated with SHACL.", lang="en")))
    add((dataset, DCT.description, Literal(
        "Projets de gouvernance des migrations (Fonds de l'OIM pour le développement, initiatives d'innovation "
        "de l'OIM, projets d'ONG), convertis de leurs pages publiques en données liées et validés avec SHACL.",
        lang="fr")))
    add((dataset, DCT.license, LICENCE))
    add((dataset, DCT.language, LANGUAGE))
    add((dataset, DCAT_VERSION, Literal(version("migration-lod"))))
    add((dataset, DCT.conformsTo, URIRef(VOCAB_IRI)))
    add((dataset, DCAT.landingPage, URIRef(iris.base)))
    add((dataset, DCT.rights, Literal(
        "Facts taken from the public pages of the IOM Development Fund, IOM innovation initiatives and the "
        "Euromed network; each project links to its source with prov:wasDerivedFrom.", lang="en")))
    if when := build_date():
        add((dataset, DCT.modified, Literal(when.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)))
    for source in sorted(sources):
        add((dataset, DCT.source, iris.source(source)))
    for dist in DISTRIBUTIONS:
        _distribution(graph, dataset, out / dist.name, dist, iris.base, written, (digests or {}).get(dist.name))
    _endpoint(graph, dataset, iris.base)
    _statistics(graph, dataset, stats, iris)
    return graph


def _distribution(graph: Graph, dataset: URIRef, path: Path, dist: Distribution, base: str, written: bool,
                  digest: str | None = None) -> None:
    node = URIRef(f"{dataset}#{dist.file_type.lower().replace('_', '-')}")
    checksum = URIRef(f"{node}-sha256")
    graph.add((dataset, DCAT.distribution, node))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCT.title, Literal(dist.title, lang="en")))
    graph.add((node, DCAT.downloadURL, URIRef(base + dist.name)))
    graph.add((node, DCAT.mediaType, URIRef("http://www.iana.org/assignments/media-types/" + dist.media_type)))
    graph.add((node, DCT.format, URIRef(FILE_TYPE + dist.file_type)))
    graph.add((node, DCT.license, LICENCE))
    if written:
        graph.add((node, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
    graph.add((node, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    if written:
        graph.add((checksum, SPDX.checksumValue, Literal(digest or sha256(path), datatype=XSD.hexBinary)))
    if dist.name.endswith(".nt.gz"):
        graph.add((dataset, VOID.dataDump, URIRef(base + dist.name)))


def _endpoint(graph: Graph, dataset: URIRef, base: str) -> None:
    """The SPARQL endpoint `serve` answers at {base}sparql, as VoID and DCAT 3 declare one, so harvesters
    reading the catalogue find it."""
    endpoint = URIRef(base + "sparql")
    service = URIRef(f"{dataset}#sparql-endpoint")
    graph.add((dataset, VOID.sparqlEndpoint, endpoint))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCT.title, Literal("SPARQL endpoint", lang="en")))
    graph.add((service, DCT.title, Literal("Point d'accès SPARQL", lang="fr")))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.servesDataset, dataset))
    graph.add((service, DCT.conformsTo, SPARQL_PROTOCOL))
    graph.add((service, DCT.license, LICENCE))


def _statistics(graph: Graph, dataset: URIRef, stats: Statistics, iris: Iris) -> None:
    """VoID counts, vocabularies, an example resource and the linksets to Wikidata and the EU NAL."""
    graph.add((dataset, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    graph.add((dataset, VOID.distinctSubjects, Literal(stats.subjects, datatype=XSD.integer)))
    graph.add((dataset, VOID.properties, Literal(len(stats.properties), datatype=XSD.integer)))
    graph.add((dataset, VOID.classes, Literal(len(stats.classes), datatype=XSD.integer)))
    graph.add((dataset, VOID.uriSpace, Literal(iris.base)))
    partition = URIRef(f"{dataset}#projects")
    graph.add((dataset, VOID.classPartition, partition))
    graph.add((partition, VOID["class"], MP.Project))
    graph.add((partition, VOID.entities, Literal(stats.projects, datatype=XSD.integer)))
    if stats.example:
        graph.add((dataset, VOID.exampleResource, URIRef(stats.example)))
    vocabularies = sorted({_namespace(p) for p in stats.properties} | {_namespace(o) for o in stats.classes})
    for vocabulary in vocabularies:
        graph.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for name, predicate, target, _prefix in LINKSETS:
        linkset = URIRef(f"{dataset}#{name}")
        graph.add((dataset, VOID.subset, linkset))
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, VOID.linkPredicate, predicate))
        graph.add((linkset, VOID.subjectsTarget, dataset))
        graph.add((linkset, VOID.objectsTarget, target))
        graph.add((linkset, VOID.triples, Literal(stats.links[name], datatype=XSD.integer)))


def _namespace(iri) -> str:
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[:cut + 1]

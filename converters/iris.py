"""Minting the dataset's IRIs: the one place that knows how a resource is named (DESIGN section 3)."""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import URIRef

from .records import Country, Place, Project, Subdivision
from .textnorm import slug

# What quote() leaves as it is: a part made only of these (most are) needs no quoting.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")


class Iris:
    """IRIs of the data under one base, e.g. Iris("https://w3id.org/migration-lod/")."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self._countries: dict[str, URIRef] = {}  # every record names a few of the same 250

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(part if _UNRESERVED.fullmatch(part) else quote(part, safe="-._~")
                                           for part in parts))

    def project(self, project: Project) -> URIRef:
        """project/{code}: the project ID or page code, else the Prima ID, else a slug of the title."""
        key = project.code or project.prima_id or slug(project.title or "")
        return self._iri("project", key)

    def part(self, project_iri: URIRef, name: str) -> URIRef:
        """A hash IRI for a part of a project: …/project/AB.0123#budget."""
        return URIRef(f"{project_iri}#{name}")

    def organisation(self, name: str) -> URIRef:
        return self._iri("organisation", slug(name))

    def country(self, alpha2: str) -> URIRef:
        iri = self._countries.get(alpha2)
        if iri is None:
            iri = self._countries[alpha2] = self._iri("country", alpha2)
        return iri

    def subdivision(self, subdivision: Subdivision) -> URIRef:
        return self._iri("subdivision", subdivision.code)

    def place(self, place: Place) -> URIRef:
        return self._iri("place", place.country, slug(place.name))

    def area(self, area: Place | Subdivision | Country) -> URIRef:
        """The IRI of an intervention area, whichever kind it is."""
        if isinstance(area, Country):
            return self.country(area.code)
        return self.subdivision(area) if isinstance(area, Subdivision) else self.place(area)

    def scheme(self, scheme: str) -> URIRef:
        return self._iri("concept", scheme)

    def concept(self, scheme: str, label: str) -> URIRef:
        return self._iri("concept", scheme, slug(label))

    def programme(self, key: str) -> URIRef:
        return self._iri("programme", key)

    def source(self, path: str) -> URIRef:
        stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return self._iri("source", stem)

    def dataset(self) -> URIRef:
        return URIRef(self.base + "dataset")

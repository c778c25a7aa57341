"""The fund IDF pages belong to: its names and its funder's, as a page prints them by its title (reference data)."""

from __future__ import annotations

from functools import lru_cache

from rdflib import URIRef

from .iris import Iris
from .namespaces import SCHEMA
from .pagelines import Line
from .reference import reference
from .textnorm import collapse, fold
from .values import REMARK

FUNDING_PROGRAMME = "iom-development-fund"


def _publisher_name(text: str) -> bool:
    """True for a name of the fund whose pages these are, or of the organisation that funds it and publishes its
    pages, from the reference data (ontology/organisations.ttl)."""
    key = fold(text).strip(" .")
    if key in _programme_names():
        return True
    found = reference().organisation(key)
    return found is not None and found == _publisher()


@lru_cache(maxsize=1)
def _publisher() -> URIRef | None:
    """The organisation that funds the fund (schema:funder), the IOM, in the reference data."""
    ref = reference()
    return ref.graph.value(Iris(ref.base).programme(FUNDING_PROGRAMME), SCHEMA.funder)


def _programme_line(line: Line) -> bool:
    """True for a line that is the name of the fund whose pages these are and nothing else, as the site prints it
    above a title ("Fonds de l'OIM pour le développement", "IOM Development Fund (IDF)"); a title that names
    the fund says more."""
    name = fold(REMARK.sub(" ", line.text)).strip(" :|-\u2013")
    names = _programme_names()
    return collapse(name) in names and all(fold(remark.strip("() ")) in names for remark in REMARK.findall(line.text))


@lru_cache(maxsize=1)
def _programme_names() -> frozenset[str]:
    """The folded names of the fund, from the reference data (ontology/organisations.ttl)."""
    return reference().programme_names(FUNDING_PROGRAMME)

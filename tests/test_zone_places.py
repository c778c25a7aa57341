"""Intervention zones of NGO pages that name towns and areas other than ISO 3166-2 subdivisions: provinces by a
shorter or other spelling, areas of a country or a subdivision, and the generic words around them."""

from __future__ import annotations

import pytest

from converters import convert
from converters.records import Place
from tests.conftest import seed

NGO = seed("002").read_text(encoding="utf-8")
ZONE = "Zone d’intervention : Municipalités de Raoued et La Marsa"


def _zone_alone(zone: str) -> str:
    """The seed with `zone` for its zone, and neither partners nor beneficiary regions that locate anything."""
    assert ZONE in NGO
    page = NGO.replace(ZONE, f"Zone d’intervention : {zone}", 1)
    page = page.replace(" (Gouvernorat de l’Ariana)", "", 1).replace(" (Gouvernorat de Tunis)", "", 1)
    return page.replace("Régions bénéficiaires\n\nAriana et 2 autre(s) régions\n", "")


def _areas(zone: str) -> list:
    project = convert(_zone_alone(zone).encode(), "ngo.txt")
    return [(area.name, area.country, area.subdivision and area.subdivision.code) if isinstance(area, Place)
            else area.code for area in project.intervention_areas]


@pytest.mark.parametrize("zone, areas", [
    # Taroudant and Inezgane were places in MA-09 while Agadir and Tiznit were provinces
    ("Région Souss-Massa (Agadir, Inezgane, Tiznit, Taroudant)", ["MA-AGD", "MA-INE", "MA-TIZ", "MA-TAR"]),
])
def test_provinces_by_their_usual_names(zone, areas):
    assert _areas(zone) == areas

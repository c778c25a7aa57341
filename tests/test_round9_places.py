"""Places, subdivisions and countries found by the ninth round of unseen pages: pycountry's Western Sahara remarks
in subdivision labels, Morocco's former regions, overseas territories under their sovereign in brackets, the
Moroccan administration's spellings, the UN's inverted listing forms and a region given as a country list (each
case failed or misread before its fix)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from converters import convert
from converters.rdf import to_graph
from tests.test_zone_places import _zone_alone

SUBDIVISION = "https://w3id.org/migration-lod/subdivision/"

# --- B8: a subdivision's label is its name, without pycountry's remarks ---------------------------------------------


@pytest.mark.parametrize("zone, code, label", [
    # they were "Guelmim-Oued Noun (EH-partial)", "Laâyoune-Sakia El Hamra (EH-partial)", "Dakhla-Oued Ed-Dahab (EH)"
    ("Guelmim-Oued Noun", "MA-10", "Guelmim-Oued Noun"),
    ("Laâyoune-Sakia El Hamra", "MA-11", "Laâyoune-Sakia El Hamra"),
    ("Dakhla-Oued Ed-Dahab", "MA-12", "Dakhla-Oued Ed-Dahab"),
    ("Province de Tan-Tan", "MA-TNT", "Tan-Tan"),
    ("Souss-Massa", "MA-09", "Souss-Massa"),
])
def test_a_subdivision_label_carries_no_remark_of_pycountry(zone, code, label):
    graph = to_graph(convert(_zone_alone(zone).encode(), "ngo.txt")).graph
    # untagged: pycountry gives ISO 3166-2's name without saying which of the country's languages it is in
    assert set(graph.objects(URIRef(SUBDIVISION + code), SKOS.prefLabel)) == {Literal(label)}

"""Places, subdivisions and countries found by the ninth round of unseen pages: pycountry's Western Sahara remarks
in subdivision labels, Morocco's former regions, overseas territories under their sovereign in brackets, the
Moroccan administration's spellings, the UN's inverted listing forms and a region given as a country list (each
case failed or misread before its fix)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from converters import convert
from converters.countries import split_countries
from converters.errors import PageError
from converters.rdf import to_graph
from tests.conftest import refused_as
from tests.test_zone_places import _areas, _zone_alone

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


# --- A3, B14: a former region is refused, naming the regions of today -----------------------------------------------


@pytest.mark.parametrize("zone, today", [
    # it was MA-09 Souss-Massa, whose area is only part of it
    ("Région de Souss-Massa-Drâa", "Souss-Massa (MA-09) and Drâa-Tafilalet (MA-08)"),
    ("Souss Massa Draa", "Souss-Massa (MA-09) and Drâa-Tafilalet (MA-08)"),
    # it was "cannot tell which country … is in", with a Tunisian example
    ("Région de Tanger-Tétouan", "Tanger-Tétouan-Al Hoceïma (MA-01)"),
    ("Doukkala-Abda", "Casablanca-Settat (MA-06) and Marrakech-Safi (MA-07)"),
    ("Rabat et Tadla-Azilal", "Béni Mellal-Khénifra (MA-05)"),
])
def test_a_former_region_is_refused_naming_the_regions_of_today(zone, today):
    error = refused_as(_zone_alone(zone), "ngo.txt")
    assert "is a former region of Morocco, no region of ISO 3166-2 today; its area is in " + today in error.message
    assert error.hint.startswith("write the region")


def test_a_region_of_today_named_like_a_former_one_is_read():
    assert _areas("Tanger-Tétouan-Al Hoceïma et Souss-Massa") == ["MA-01", "MA-09"]


# --- A2: a territory with its own ISO 3166-1 code under its sovereign in brackets is that territory ----------------


@pytest.mark.parametrize("zone, areas", [
    # they were FR (Mayotte lost), and FR and GP (Martinique lost)
    ("Mayotte (France)", ["YT"]), ("Guadeloupe et Martinique (France)", ["GP", "MQ"]),
    ("La Réunion (France)", ["RE"]), ("Nouvelle-Calédonie (France)", ["NC"]),
    ("Polynésie française (France)", ["PF"]), ("Porto Rico (États-Unis)", ["PR"]), ("Aruba (Pays-Bas)", ["AW"]),
])
def test_a_territory_under_its_sovereign_is_the_territory(zone, areas):
    assert _areas(zone) == areas


def test_the_sovereign_in_brackets_is_a_remark_noted():
    project = convert(_zone_alone("Mayotte (France)").encode(), "ngo.txt")
    assert any('"(France)" names the country "Mayotte" is a territory of' in note for _, note in project.notes)


def test_two_countries_neither_a_territory_of_the_other_are_refused():
    # it was GB, Gibraltar lost: ISO 3166-2:GB does not list Gibraltar
    error = refused_as(_zone_alone("Gibraltar (Royaume-Uni)"), "ngo.txt")
    assert error.message == ('zone "Gibraltar (Royaume-Uni)" names two countries, each with its own ISO 3166-1 code, '
                             "and ISO 3166-2 lists neither as a territory of the other")


# --- B7: a particle written joined or apart is one name --------------------------------------------------------------


@pytest.mark.parametrize("zone, areas", [
    # it was a place "dakhla-oued-eddahab" of Morocco, noted as no region ISO 3166-2 locates
    ("Drâa-Tafilalet et Dakhla-Oued Eddahab", ["MA-08", "MA-12"]),
    ("Rabat-Salé-Kénitra et Dakhla Oued Ed Dahab", ["MA-04", "MA-12"]),
    ("Rabat et Province d'Oued Eddahab", ["MA-RAB", "MA-OUD"]),
])
def test_a_name_is_found_whether_its_particle_is_joined_or_apart(zone, areas):
    assert _areas(zone) == areas


# --- B11: the UN's inverted listing form "X (Îles)" for every country whose name starts with its islands -----------


@pytest.mark.parametrize("text, codes", [
    # "Marshall (Îles)" was an unknown country while "Salomon (Îles)" was read
    ("Micronésie (États fédérés de) Salomon (Îles) Marshall (Îles)", ["FM", "SB", "MH"]),
    ("Marshall (Îles), Cook (Îles)", ["MH", "CK"]), ("Féroé (Îles)", ["FO"]),
    ("Mariannes du Nord (Îles)", ["MP"]), ("Bouvet (Île)", ["BV"]), ("Marshall (Islas)", ["MH"]),
])
def test_a_country_is_read_in_the_uns_inverted_form_with_its_islands_in_brackets(text, codes):
    assert split_countries(text) == codes


# --- B10: a region or a group of countries in a country list is quoted whole and said to be one ---------------------


@pytest.mark.parametrize("text, quoted", [
    # it was 'unknown country "Afrique"'
    ("Afrique de l’Ouest (15 pays de la CEDEAO)", "Afrique de l’Ouest (15 pays de la CEDEAO)"),
    ("Sénégal, Afrique de l’Ouest (15 pays de la CEDEAO), Mali", "Afrique de l’Ouest (15 pays de la CEDEAO)"),
    ("pays du Sahel", "pays du Sahel"), ("Amérique centrale", "Amérique centrale"), ("West Africa", "West Africa"),
])
def test_a_region_or_group_is_quoted_whole_and_said_to_be_one(text, quoted):
    with pytest.raises(PageError) as raised:
        split_countries(text, 7)
    assert raised.value.message == f'"{quoted}" names a region or a group of countries, no country'
    assert raised.value.hint.startswith("list its countries by name")


@pytest.mark.parametrize("text, unknown", [("Mali, Narnia et Niger", "Narnia"), ("Narnia (Europe)", "Narnia (Europe)")])
def test_an_unknown_name_is_still_unknown(text, unknown):
    with pytest.raises(PageError) as raised:
        split_countries(text, 7)
    assert raised.value.message == f'unknown country "{unknown}"'


def test_a_country_that_starts_like_a_region_is_read():
    assert split_countries("Afrique du Sud, Namibie") == ["ZA", "NA"]


@pytest.mark.parametrize("zone, areas", [
    # the group's country was lost for the places within a compass-named area: refused, "names no country"
    ("Cameroun : Nord (Garoua)", [("Garoua", "CM", "CM-NO")]),
    ("Liban : Mohafazat du Nord (Tripoli)", [("Tripoli", "LB", "LB-AS")]),
])
def test_the_country_a_group_names_first_locates_the_places_within_its_areas(zone, areas):
    assert _areas(zone) == areas

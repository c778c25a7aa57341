"""Places, subdivisions and countries found by the eighth round of unseen pages: a point of the compass, a name of
places in several countries, Lebanon's French names, the UN's name of Palestine, ISO codes in a country list, the
prime as an apostrophe and English names of subdivisions (each case failed or misread before its fix)."""

from __future__ import annotations

import pytest

from converters.countries import split_countries
from converters.errors import PageError
from tests.conftest import refused_as
from tests.test_zone_places import _areas, _zone_alone

# --- a point of the compass tells no country --------------------------------------------------------------------


@pytest.mark.parametrize("zone, areas", [
    # Tripoli was a place of Bahrain's Northern Governorate (BH-17), "Nord" its Arabic name's translation
    ("Mohafazat du Nord (Tripoli), Caza du Akkar et Beyrouth",
     [("Tripoli", "LB", "LB-AS"), ("Caza du Akkar", "LB", "LB-AK"), "LB-BA"]),
    ("Beyrouth et Mohafazat du Nord", ["LB-BA", "LB-AS"]),
    ("Gouvernorat du Sud, Beyrouth", ["LB-JA", "LB-BA"]),
    ("Liban : Mohafazat du Nord", ["LB-AS"]),
])
def test_a_point_of_the_compass_is_read_in_the_country_of_the_pages_other_names(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone", ["Mohafazat du Nord", "Gouvernorat du Nord (Tripoli)", "Northern"])
def test_a_point_of_the_compass_alone_is_refused(zone):
    # it was Bahrain's BH-17 (or one of eight "Northern" regions), a country the page does not name
    error = refused_as(_zone_alone(zone), "ngo.txt")
    assert "names a point of the compass" in error.message
    assert "Liban : Mohafazat du Nord" in error.hint


# --- a name of places in several countries, told apart by the page's other names ----------------------------------

@pytest.mark.parametrize("zone, areas", [
    # Tripoli was Libya's LY-TB, the page published in two countries with a note
    ("Tripoli et Akkar", [("Tripoli", "LB", "LB-AS"), "LB-AK"]),
    ("Tripoli et Benghazi", ["LY-TB", "LY-BA"]),
    ("Libye : Tripoli", ["LY-TB"]), ("Liban : Tripoli", [("Tripoli", "LB", "LB-AS")]),
    # Saïda is Algeria's DZ-20 and a town of Lebanon's south
    ("Oran et Saïda", ["DZ-31", "DZ-20"]), ("Beyrouth et Saïda", ["LB-BA", ("Saïda", "LB", "LB-JA")]),
])
def test_a_name_of_several_countries_is_the_one_the_other_names_point_to(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, region, elsewhere", [("Tripoli", "LY", "LB"), ("Saïda", "DZ", "LB")])
def test_a_name_of_several_countries_alone_is_refused(zone, region, elsewhere):
    error = refused_as(_zone_alone(zone), "ngo.txt")
    assert error.message == (f'cannot tell which country "{zone}" is in: it is a region of {region} '
                             f'({"LY-TB" if region == "LY" else "DZ-20"}) and a town or area of {elsewhere}, and the '
                             "page's other names tell neither")
    assert error.hint == f'write the country before the zone, e.g. "Liban : {zone}"'


# --- Lebanon's French names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("zone, areas", [
    # "Tyr" was refused: 'cannot tell which country "Tyr" is in'
    ("Liban-Nord, Saïda et Tyr", ["LB-AS", ("Saïda", "LB", "LB-JA"), ("Tyr", "LB", "LB-JA")]),
    # ISO 3166-2's French names, and the English ones
    ("Aakkâr, Béqaa et Nabatîyé", ["LB-AK", "LB-BI", "LB-NA"]),
    ("Beirut, Mount Lebanon, North Lebanon and South Lebanon", ["LB-BA", "LB-JL", "LB-AS", "LB-JA"]),
    # the chief towns of the governorates and districts, in their governorate
    ("Zahlé, Baalbek et Jounieh", [("Zahlé", "LB", "LB-BI"), ("Baalbek", "LB", "LB-BH"), ("Jounieh", "LB", "LB-JL")]),
    ("Sidon and Tyre", [("Sidon", "LB", "LB-JA"), ("Tyre", "LB", "LB-JA")]),
])
def test_lebanons_governorates_and_towns_by_their_french_and_english_names(zone, areas):
    assert _areas(zone) == areas


# --- the UN's French name of Palestine ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, codes", [
    # 'unknown country "Territoires palestiniens occupés"' in the IDF's and innovation's country lists
    ("Territoires palestiniens occupés", ["PS"]), ("Territoire palestinien occupé", ["PS"]),
    ("Jordanie, Liban et Territoires palestiniens occupés", ["JO", "LB", "PS"]),
    ("les Territoires palestiniens occupés", ["PS"]), ("TPO", ["PS"]), ("Occupied Palestinian Territories", ["PS"]),
])
def test_the_occupied_palestinian_territory_is_palestine_in_a_country_list(text, codes):
    assert split_countries(text) == codes


@pytest.mark.parametrize("zone, areas", [
    # 'cannot tell which country "Territoires palestiniens occupés" is in'
    ("Territoires palestiniens occupés (Cisjordanie)", [("Cisjordanie", "PS", None)]),
    ("Territoires palestiniens occupés", ["PS"]),
])
def test_the_occupied_palestinian_territory_is_palestine_in_a_zone(zone, areas):
    assert _areas(zone) == areas


# --- ISO 3166-1 alpha-2 codes in a country list -------------------------------------------------------------------

@pytest.mark.parametrize("text, codes", [
    # 'unknown country "MA"': a list of codes alone, in capitals, is the countries
    ("MA, TN, DZ", ["MA", "TN", "DZ"]), ("MA / TN et DZ", ["MA", "TN", "DZ"]), ("NE", ["NE"]), ("XK, RS", ["XK", "RS"]),
    # a name in capitals is still a name
    ("UK", ["GB"]), ("RDC", ["CD"]),
])
def test_a_list_of_iso_codes_alone_is_read_as_the_countries(text, codes):
    assert split_countries(text) == codes


@pytest.mark.parametrize("text, message, hint", [
    ("Maroc, TN", '"TN" is an ISO 3166 code among names of countries, and codes are read only in a list of codes '
     "alone", "write the country's name, e.g. Tunisie"),
    ("MA, XX", '"XX" in the list of ISO 3166 codes "MA, XX" is the code of no country',
     "write each country's name, or its ISO 3166-1 alpha-2 code (MA, TN, DZ)"),
])
def test_a_code_among_names_or_of_no_country_is_refused_saying_so(text, message, hint):
    with pytest.raises(PageError) as raised:
        split_countries(text, 7)
    assert (raised.value.message, raised.value.hint, raised.value.line) == (message, hint, 7)


# --- a prime for the apostrophe ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, codes", [
    # 'unknown country "Côte d′Ivoire"' with U+2032, where ’ ʼ ` ´ were read
    ("Côte d\u2032Ivoire", ["CI"]), ("Sénégal, Côte d\u2032Ivoire et Mali", ["SN", "CI", "ML"]),
])
def test_a_prime_is_an_apostrophe(text, codes):
    assert split_countries(text) == codes


# --- English names of subdivisions ------------------------------------------------------------------------------

@pytest.mark.parametrize("zone, areas", [
    # "Algiers" was a new place of Algeria
    ("Algiers and Oran", ["DZ-16", "DZ-31"]), ("Tangier, Marrakesh and Fez", ["MA-TNG", "MA-MAR", "MA-FES"]),
    ("Aleppo, Damascus and Latakia", ["SY-HL", "SY-DI", "SY-LA"]), ("Basra and Najaf", ["IQ-BA", "IQ-NA"]),
])
def test_english_names_of_subdivisions(zone, areas):
    assert _areas(zone) == areas


# --- English lists: a plural kind after the last name of a list, "the" before a name ------------------------------

@pytest.mark.parametrize("zone, areas", [
    # "Giza Governorates" was a new place of Egypt, "the Bekaa" a new place of Lebanon ("the-bekaa")
    ("Cairo and Giza Governorates, Upper Egypt (Assiut, Sohag)", ["EG-C", "EG-GZ", "EG-AST", "EG-SHG"]),
    ("Beirut, Mount Lebanon and the Bekaa", ["LB-BA", "LB-JL", "LB-BI"]),
])
def test_english_lists_name_their_subdivisions(zone, areas):
    assert _areas(zone) == areas

"""NGO zones and contact lines found by the seventh round of unseen pages: "ainsi que", "notamment", "y compris" and
"etc." in a zone, kinds of area below a governorate, parts of a country named by their compass point, and
social-media accounts in a contact line (each case failed or misread before its fix)."""

from __future__ import annotations

import pytest

from converters import convert
from converters.textnorm import excerpt
from tests.conftest import line_of, refused_as
from tests.test_ngo_variants import NGO, ZONE, _area, _page, _read
from tests.test_zone_places import _areas, _zone_alone


def _notes(zone: str) -> list[str]:
    project = convert(_zone_alone(zone).encode(), "ngo.txt")
    return [note for _, note in project.notes]


# --- "ainsi que" and "etc." ------------------------------------------------------------------------------------

@pytest.mark.parametrize("zone, areas", [
    # "Maroc ainsi que Mauritanie" was one place of Tunisia, "Médenine ainsi que Gabès" another
    ("Tunisie, Maroc ainsi que Mauritanie", ["TN", "MA", "MR"]),
    ("Sfax, Médenine ainsi que Gabès", ["TN-61", "TN-82", "TN-81"]),
    ("Sfax, Gabès ainsi qu’Ariana", ["TN-61", "TN-81", "TN-12"]),
    # a country with its article was a place of that name in the page's country ("le Maroc", in Tunisia)
    ("Tunisie, le Maroc et l’Algérie", ["TN", "MA", "DZ"]),
    ("Tunisie, Maroc ainsi que la Mauritanie", ["TN", "MA", "MR"]),
    # "etc" was a place of Tunisia
    ("Tunis, Sfax, Sousse, etc.", ["TN-11", "TN-61", "TN-51"]), ("Tunis, Sfax, Sousse…", ["TN-11", "TN-61", "TN-51"]),
])
def test_ainsi_que_parts_the_names_of_a_zone_and_etc_names_none(zone, areas):
    assert _areas(zone) == areas


# --- an area, and some of the areas within it -------------------------------------------------------------------

@pytest.mark.parametrize("zone, areas", [
    # a place "notamment les délégations de Sbeïtla", and Fériana in no governorate
    ("Gouvernorat de Kasserine, notamment les délégations de Sbeïtla et Fériana",
     ["TN-42", ("Sbeïtla", "TN", "TN-42"), ("Fériana", "TN", "TN-42")]),
    # a place "notamment Sfax" next to Médenine: the country, as the page says it, and its governorates
    ("Tunisie, notamment Sfax et Médenine", ["TN", "TN-61", "TN-82"]),
    ("Région de l’Oriental, notamment Oujda et Nador", ["MA-02", "MA-OUJ", "MA-NAD"]),
    # a place "y compris l'île de Djerba"
    ("Gouvernorat de Médenine, y compris l’île de Djerba", ["TN-82", ("Djerba", "TN", "TN-82")]),
    # refused: 'cannot tell which country "Tataouine – délégation de Remada" is in'
    ("Gouvernorat de Tataouine – délégation de Remada", ["TN-83", ("Remada", "TN", "TN-83")]),
    ("Gouvernorat de Jendouba – délégation d’Aïn Draham", ["TN-32", ("Aïn Draham", "TN", "TN-32")]),
    # the same in brackets: Sbeïtla was lost, the brackets in lower case read as a remark
    ("Gouvernorat de Kasserine (notamment Sbeïtla)", ["TN-42", ("Sbeïtla", "TN", "TN-42")]),
    ("Gouvernorat de Tataouine (délégation de Remada)", ["TN-83", ("Remada", "TN", "TN-83")]),
    ("Gouvernorats d’Amman et de Mafraq (camp de Zaatari)", ["JO-AM", "JO-MA", ("Zaatari", "JO", "JO-MA")]),
    # the whole country the page's other names are in
    ("Tout le territoire national, notamment Sfax et Médenine", ["TN", "TN-61", "TN-82"]),
    ("notamment Sfax et Médenine", ["TN-61", "TN-82"]),
])
def test_an_area_and_some_of_those_within_it_are_all_areas_of_the_zone(zone, areas):
    assert _areas(zone) == areas


def test_areas_after_notamment_in_several_areas_are_located_as_any_name():
    # within none of them: "Zarzis" is in Médenine, which the zone does not say
    assert _areas("Tunisie : Sfax et Médenine, notamment Zarzis") == ["TN-61", "TN-82", ("Zarzis", "TN", None)]


def test_generic_words_still_stand_alone_in_brackets():
    # no place "quartiers périphériques" within Casablanca
    assert _areas("Casablanca (quartiers périphériques)") == ["MA-CAS"]


# --- parts of a country by their compass point --------------------------------------------------------------------

@pytest.mark.parametrize("zone, areas, remark, on", [
    # Gafsa was lost to a place "Sud-Ouest" within it
    ("Kébili, Tozeur et Gafsa (Sud-Ouest)", ["TN-73", "TN-72", "TN-71"], "(Sud-Ouest)", "Kébili, Tozeur et Gafsa"),
    ("Gafsa (Sud-Ouest)", ["TN-71"], "(Sud-Ouest)", "Gafsa"),
    ("Kébili, Tozeur et Gafsa (Sud tunisien) ; Tunis", ["TN-73", "TN-72", "TN-71", "TN-11"], "(Sud tunisien)",
     "Kébili, Tozeur et Gafsa"),
    # refused: 'cannot tell which country "Le Sud-Est tunisien" is in'
    ("Le Sud-Est tunisien (Médenine, Tataouine)", ["TN-82", "TN-83"], "Le Sud-Est tunisien", "Médenine, Tataouine"),
    # "Sud-Est" is Haiti's HT-SE, in no country of the names it holds
    ("Sud-Est (Médenine, Tataouine)", ["TN-82", "TN-83"], "Sud-Est", "Médenine, Tataouine"),
    ("Le Nord-Ouest du pays (Jendouba, Béja, Le Kef)", ["TN-32", "TN-31", "TN-33"], "Le Nord-Ouest du pays",
     "Jendouba, Béja, Le Kef"),
])
def test_a_part_of_the_country_by_its_compass_point_is_a_remark(zone, areas, remark, on):
    assert _areas(zone) == areas
    assert f'zone "{zone}": "{remark}" names a part of the country, no area; read as a remark on "{on}", left out' in (
        _notes(zone))


def test_a_compass_point_that_is_a_region_of_the_country_of_its_names_is_no_remark():
    # Burkina Faso's Sud-Ouest (BF-13) holds Poni and Bougouriba
    assert not [note for note in _notes("Poni et Bougouriba (Sud-Ouest)") if "part of the country" in note]


# --- "et sa région" ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("zone, areas", [
    ("Tunis et sa région", ["TN-11"]),
    ("Gouvernorat de Médenine (Zarzis et sa région)", [("Zarzis", "TN", "TN-82")]),
])
def test_sa_region_names_no_place_of_its_own(zone, areas):
    assert _areas(zone) == areas


def test_a_town_and_its_region_is_still_refused_where_nothing_tells_its_country():
    # as "Zarzis" alone: the page's partner "Municipalité de Zarzis" locates nothing
    error = refused_as(_zone_alone("Zarzis et sa région"), "ngo.txt")
    assert error.message.startswith('cannot tell which country "Zarzis" is in')
    page = _page(ZONE, "Zone d’intervention : Zarzis et sa région")  # the seed's partners are in Tunisia
    assert [_area(area) for area in _read(page).intervention_areas] == [("Zarzis", "TN", None)]


# --- social-media accounts in a contact line ----------------------------------------------------------------------

@pytest.mark.parametrize("written, address, telephone, email, left", [
    # the address was "Facebook : BeityTunisie"
    ("+216 71 000 111 / info@beity.tn / www.beity.tn / Facebook : BeityTunisie", None, "+216 71 000 111",
     "info@beity.tn", ['website "www.beity.tn"', 'social-media account "Facebook : BeityTunisie"']),
    ("12 rue de Rome, Tunis – Twitter/X : @beity_tn – info@beity.tn", "12 rue de Rome, Tunis", None, "info@beity.tn",
     ['social-media account "Twitter/X : @beity_tn"']),
    ("Instagram : @beity ; LinkedIn : Association Beity ; Tel : +216 71 000 000", None, "+216 71 000 000", None,
     ['social-media account "Instagram : @beity"', 'social-media account "LinkedIn : Association Beity"']),
    ("12 rue de Rome, Tunis – facebook.com/BeityTunisie – info@beity.tn (@beity)", "12 rue de Rome, Tunis", None,
     "info@beity.tn", ['social-media account "facebook.com/BeityTunisie"', 'social-media account "@beity"']),
])
def test_a_social_media_account_is_left_out_of_the_contact_point_with_a_note(written, address, telephone, email,
                                                                            left):
    line = next(line for line in NGO.split("\n") if line.startswith("Contact"))
    page = _page(line, f"Contact : {written}")
    project = _read(page)
    found = project.contact
    assert (found.address, found.telephone, found.email) == (address, telephone, email)
    notes = [note for number, note in project.notes if number == line_of(page, "Contact :")]
    assert notes == [f'contact "{excerpt(written, 60)}": {part} left out of the record'
                     " (a contact point holds one address, telephone, fax and e-mail address)" for part in left]

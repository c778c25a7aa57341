"""Intervention zones of NGO pages that name towns and areas other than ISO 3166-2 subdivisions: provinces by a
shorter or other spelling, areas of a country or a subdivision, and the generic words around them."""

from __future__ import annotations

import pytest

from converters import convert
from converters.records import Place
from tests.conftest import refused_as, seed

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


@pytest.mark.parametrize("zone, areas", [
    # areas that are no ISO 3166-2 subdivision were refused: "cannot tell which country … is in"
    ("Bande de Gaza", [("Bande de Gaza", "PS", None)]), ("Cisjordanie", [("Cisjordanie", "PS", None)]),
    ("Cisjordanie et Bande de Gaza", [("Cisjordanie", "PS", None), ("Bande de Gaza", "PS", None)]),
    ("Jérusalem-Est", [("Jérusalem-Est", "PS", "PS-JEM")]), ("Grand Tunis", [("Grand Tunis", "TN", None)]),
    ("Grand Casablanca", [("Grand Casablanca", "MA", "MA-06")]),
    # (the former region Souss-Massa-Drâa is refused: tests/test_round9_places.py)
])
def test_an_area_that_is_no_subdivision_is_a_place_of_its_country_or_region(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, areas", [
    # "sa banlieue" became a place of its own name
    ("Beyrouth et sa banlieue", ["LB-BA"]), ("Tunis et ses environs", ["TN-11"]),
    ("Gouvernorat de Tunis et sa banlieue", ["TN-11"]),
    # "camps de la Békaa" was refused as a place no region locates
    ("camps de la Békaa", ["LB-BI"]), ("Zones rurales de Sfax et de Gabès", ["TN-61", "TN-81"]),
])
def test_generic_words_are_no_place_of_their_own(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, areas", [
    # "Chatila (Beyrouth)" was read as Beyrouth within a country "Chatila", refused
    ("Chatila (Beyrouth), camps de la Békaa", [("Chatila", "LB", "LB-BA"), "LB-BI"]),
    ("Bourj el-Barajneh (Mont-Liban)", [("Bourj el-Barajneh", "LB", "LB-JL")]),
])
def test_a_place_with_its_region_in_brackets_is_in_that_region(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, areas", [
    ("Égypte (Le Caire, Gizeh)", ["EG-C", "EG-GZ"]), ("Tunisie (Sfax)", ["TN-61"]),
    ("Gouvernorat de Médenine (Zarzis)", [("Zarzis", "TN", "TN-82")]),
])
def test_a_country_or_region_with_names_in_brackets_still_holds_them(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, areas", [
    # a subdivision with the region it lies in, in brackets, was the region (MA-08, MA-01)
    ("Tinghir (Drâa-Tafilalet), Errachidia", ["MA-TIN", "MA-ERR"]),
    ("Tétouan (Tanger-Tétouan-Al Hoceïma)", ["MA-TET"]),
    # and the region with its subdivisions in brackets is still read as it was
    ("Drâa-Tafilalet (Tinghir, Zagora)", ["MA-TIN", "MA-ZAG"]),
])
def test_a_subdivision_with_its_region_in_brackets_is_the_subdivision(zone, areas):
    assert _areas(zone) == areas


def test_a_remark_in_brackets_naming_the_country_is_no_area():
    # "Tanger (Maroc du Nord)" was a place "Maroc du Nord" of Morocco, and Tanger was lost
    zone = "Casablanca (quartiers périphériques), Tanger (Maroc du Nord)"
    project = convert(_zone_alone(zone).encode(), "ngo.txt")
    assert [area.code for area in project.intervention_areas] == ["MA-CAS", "MA-TNG"]
    assert [note for _, note in project.notes if "Maroc du Nord" in note] == [
        f'zone "{zone}": "(Maroc du Nord)" is no area; read as a remark on "Tanger", left out']


@pytest.mark.parametrize("zone, areas", [
    # ISO names them in Spanish ("Canarias"): a place "Îles Canaries" of Spain
    ("Îles Canaries (Espagne)", ["ES-CN"]), ("Îles Baléares (Espagne)", ["ES-IB"]),
    # islands that are no subdivision, in the one they lie in (a place of Tunisia in none)
    ("Îles Kerkennah (Tunisie)", [("Îles Kerkennah", "TN", "TN-61")]), ("Djerba", [("Djerba", "TN", "TN-82")]),
])
def test_islands_by_their_french_names(zone, areas):
    assert _areas(zone) == areas


def test_a_zone_no_name_of_which_is_located_is_quoted_whole():
    # the error quoted "zones frontalières entre la République tunisienne", a fragment cut at "et"
    zone = "zones frontalières entre la République tunisienne et l’État de Libye"
    error = refused_as(_zone_alone(zone), "ngo.txt")
    assert error.message.startswith(f'cannot tell which country "{zone}" is in: it is no country or ISO 3166-2 '
                                    'region, nor a list of them ("zones frontalières entre la République tunisienne" '
                                    "is none)")


@pytest.mark.parametrize("zone, areas", [
    # the Arab governorate by its name in French: "Mohafazats du Mont-Liban" was a place of Lebanon
    ("Mohafazats du Mont-Liban, de la Békaa et du Akkar", ["LB-JL", "LB-BI", "LB-AK"]),
    ("Mohafazat du Mont-Liban, Mohafazat de la Békaa", ["LB-JL", "LB-BI"]),
    # Spain's kinds in Spanish: "Comunidad Autónoma de Andalucía (Huelva)" was a place of that name in Huelva
    ("Comunidad Autónoma de Andalucía (Huelva), Comunitat Valenciana et Ciudad Autónoma de Ceuta",
     ["ES-H", "ES-VC", "ES-CE"]),
    ("Communauté valencienne, Catalogne (Espagne)", ["ES-VC", "ES-CT"]),
    # a region of ISO's "Administrative region" type, not the prefecture of its name (GN-KD): a place of Guinea
    ("Région de Kindia, Région de Labé (Guinée)", ["GN-D", "GN-L"]),
    # English and French names pycountry lacks
    ("Alexandria, Qalyubia et Sharqia (Égypte)", ["EG-ALX", "EG-KB", "EG-SHR"]),
    ("Greater Cairo", [("Greater Cairo", "EG", None)]),
    ("Mourzouk (Libye)", ["LY-MQ"]),
    ("Égée du Nord, Attique, Macédoine-Centrale et Épire", ["GR-K", "GR-I", "GR-B", "GR-D"]),
])
def test_subdivisions_by_their_kind_and_usual_names(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, areas", [
    # a place with a kind of region in brackets was a place of the country alone
    ("Lampedusa (province d’Agrigente), Pozzallo (province de Raguse) et Augusta (Syracuse)",
     [("Lampedusa", "IT", "IT-AG"), ("Pozzallo", "IT", "IT-RG"), ("Augusta", "IT", "IT-SR")]),
    ("Nouadhibou et Ndiago (wilaya du Trarza)", ["MR-08", ("Ndiago", "MR", "MR-06")]),
])
def test_a_place_with_its_region_and_kind_in_brackets_is_in_that_region(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, areas", [
    # Lebanon's districts are no ISO 3166-2 subdivision: a place of their name, in the governorate their name is
    ("Liban : Caza du Akkar, Caza de Zahlé", [("Caza du Akkar", "LB", "LB-AK"), ("Caza de Zahlé", "LB", None)]),
])
def test_a_district_below_iso_subdivisions_is_a_place(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, areas, remark", [
    # the historical region was a place "Fezzan" in LY-SB, and Sebha itself was lost
    ("Tripoli, Misrata, Sebha (Fezzan) et Koufra", ["LY-TB", "LY-MI", "LY-SB", "LY-KF"], ("Fezzan", "Sebha")),
    # "North" (CM-NO) and "South Aegean" (GR-L) were areas within a place "Kos"
    ("Grèce : Lesvos et Kos (North and South Aegean)", [("Lesvos", "GR", None), ("Kos", "GR", None)],
     ("North and South Aegean", "Kos")),
])
def test_brackets_naming_the_regions_around_a_name_are_a_remark(zone, areas, remark):
    project = convert(_zone_alone(zone).encode(), "ngo.txt")
    assert _areas(zone) == areas
    assert f'zone "{zone}": "({remark[0]})" names no area within "{remark[1]}"; read as a remark on it, left out' in [
        note for _, note in project.notes]


@pytest.mark.parametrize("zone, areas", [
    # and a historical region with the subdivisions it holds in brackets still holds them
    ("Fezzan (Sebha, Mourzouk, Ghat)", ["LY-SB", "LY-MQ", "LY-GT"]),
    ("Gouvernorat de Sfax (Sfax, Sakiet Ezzit)", ["TN-61", ("Sakiet Ezzit", "TN", "TN-61")]),
])
def test_a_region_with_what_it_holds_in_brackets_still_holds_it(zone, areas):
    assert _areas(zone) == areas


@pytest.mark.parametrize("zone, areas", [
    # the kind of the names in brackets, in lower case, left them unread: a place "Haute-Égypte" alone
    ("Haute-Égypte (gouvernorats de Minya, Assiout, Sohag, Louxor et Assouan)",
     ["EG-MN", "EG-AST", "EG-SHG", "EG-LX", "EG-ASN"]),
    ("Égypte (gouvernorats de Minya et d’Assiout)", ["EG-MN", "EG-AST"]),
])
def test_names_in_brackets_after_their_kind_are_read(zone, areas):
    assert _areas(zone) == areas


def _regions(regions: str, zone: str = "Guinée : Kindia") -> list[str]:
    page = _zone_alone(zone).replace("\nSupporté par", f"Régions bénéficiaires\n\n{regions}\n\nSupporté par", 1)
    return [region.code for region in convert(page.encode(), "ngo.txt").beneficiary_regions]


def test_the_advice_on_an_ambiguous_region_works():
    # the advice was "add the country", which in brackets gave 'unknown region "Kindia (Guinée)"', and told apart
    # no region of one country from its prefecture (GN-D, GN-KD)
    error = refused_as(_zone_alone("Guinée : Kindia").replace(
        "\nSupporté par", "Régions bénéficiaires\n\nKindia\n\nSupporté par", 1), "ngo.txt")
    assert error.message == 'region "Kindia" is ambiguous (GN-D, GN-KD)'
    assert error.hint == ('write the kind of region before it, e.g. "Région de Kindia" (GN-D) or "Préfecture de '
                          'Kindia" (GN-KD)')
    assert _regions("Région de Kindia et Préfecture de Labé (Guinée)") == ["GN-D", "GN-LA"]
    assert _regions("Ariana (Tunisie)", "Tunisie : Ariana") == ["TN-12"]


@pytest.mark.parametrize("zone, areas", [
    # a region whose own name begins with its kind was the province of the name after it (ES-MU)
    ("Región de Murcia (España)", ["ES-MC"]), ("Région de Murcie (Espagne)", ["ES-MC"]),
    ("Province de Murcie (Espagne)", ["ES-MU"]),
])
def test_a_region_named_with_its_kind_is_that_region(zone, areas):
    assert _areas(zone) == areas

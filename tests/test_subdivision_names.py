"""Subdivisions of the Arab Mediterranean countries by their French names and by romanised names without marks."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from converters.countries import lookup
from converters.errors import PageError
from converters.subdivisions import known_area, subdivision, subdivisions_named

NAMES_FILE = Path(__file__).parent.parent / "converters" / "data" / "subdivisions-fr.csv"
AREAS_FILE = NAMES_FILE.with_name("areas-fr.csv")


def _rows(path: Path = NAMES_FILE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows()
# a name the file gives several subdivisions of one country names them all: Nouakchott, the city's three wilayas
SHARED = {key for key, count in Counter((row["code"][:2], row["name"]) for row in ROWS).items() if count > 1}


@pytest.mark.parametrize("name, code", [
    ("Le Caire", "EG-C"), ("Caire", "EG-C"), ("Assouan", "EG-ASN"), ("Gizeh", "EG-GZ"), ("Louxor", "EG-LX"),
    ("Port-Saïd", "EG-PTS"), ("Port Said", "EG-PTS"),
    ("Beyrouth", "LB-BA"), ("Mont-Liban", "LB-JL"), ("Békaa", "LB-BI"), ("Akkar", "LB-AK"), ("Liban-Nord", "LB-AS"),
    ("Liban-Sud", "LB-JA"), ("Nabatieh", "LB-NA"), ("Baalbek-Hermel", "LB-BH"),
    ("Amman", "JO-AM"), ("Zarqa", "JO-AZ"), ("Irbid", "JO-IR"), ("Mafraq", "JO-MA"), ("Aqaba", "JO-AQ"),
    ("Tripoli", "LY-TB"), ("Benghazi", "LY-BA"), ("Misrata", "LY-MI"), ("Sebha", "LY-SB"),
    ("Alep", "SY-HL"), ("Lattaquié", "SY-LA"), ("Bethléem", "PS-BTH"), ("Naplouse", "PS-NBS"), ("Bagdad", "IQ-BG"),
    ("Nouakchott Nord", "MR-14"), ("Nouakchott-Sud", "MR-15"),
    ("Tanger", "MA-TNG"), ("Oujda", "MA-OUJ"), ("Agadir", "MA-AGD"),
])
def test_a_subdivision_found_by_its_french_name(name, code):
    assert subdivision(name).code == code


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row['code']} {row['name']}")
def test_every_name_of_the_file_is_a_subdivision_pycountry_has_and_finds_it(row):
    code, name = row["code"], row["name"]
    assert pycountry.subdivisions.get(code=code) is not None
    if (code[:2], name) in SHARED:
        with pytest.raises(PageError, match=rf"ambiguous \(.*{code}"):
            subdivision(name, country=code[:2])
    else:
        assert subdivision(name, country=code[:2]).code == code


def test_alexandrie_is_in_egypt_as_well_as_in_italy():
    """Alessandria's French name is Alexandrie too: an Egyptian page's places once all ended up in Italy."""
    with pytest.raises(PageError, match=r"ambiguous \(EG-ALX, IT-AL\)"):
        subdivision("Alexandrie")
    assert subdivision("Alexandrie", country="EG").code == "EG-ALX"
    assert subdivision("Alexandrie", country="IT").code == "IT-AL"
    assert subdivision("Alexandrie", kind="Governorate").code == "EG-ALX"


def test_nouakchott_alone_names_the_three_wilayas_of_the_city():
    with pytest.raises(PageError, match=r"ambiguous \(MR-13, MR-14, MR-15\)"):
        subdivision("Nouakchott", country="MR")


@pytest.mark.parametrize("name, code", [
    ("Akkar", "LB-AK"), ("Maan", "JO-MN"), ("Ma’an", "JO-MN"), ("Ma\u02bfan", "JO-MN"), ("Al Biqa", "LB-BI"),
    ("Al Asimah", "JO-AM"), ("Al Aqabah", "JO-AQ"), ("Az Zarqa", "JO-AZ"), ("Balabak-Al Hirmil", "LB-BH"),
    ("Bur Said", "EG-PTS"), ("Shamal Sina", "EG-SIN"), ("Dara", "SY-DR"), ("Msila", "DZ-28"),
    ("‘Akkār", "LB-AK"), ("Al ‘A\u0305şimah", "JO-AM"),  # pycountry's own spellings still
])
def test_a_romanised_name_found_without_its_ayn_and_hamza_marks(name, code):
    assert subdivision(name, country=code[:2]).code == code


@pytest.mark.parametrize("name, code", [
    ("Tizi-Ouzou", "DZ-15"), ("Sidi-Bel-Abbès", "DZ-22"), ("Béni-Mellal", "MA-BEM"), ("Deir el-Balah", "PS-DEB"),
])
def test_a_name_written_with_hyphens_for_the_spaces_of_its_iso_name(name, code):
    assert subdivision(name).code == code


@pytest.mark.parametrize("name, code", [
    ("Sfax", "TN-61"), ("l'Ariana", "TN-12"), ("Le Kef", "TN-33"), ("Oran", "DZ-31"), ("Alger", "DZ-16"),
    ("l'Oriental", "MA-02"), ("Casablanca Settat", "MA-06"), ("Marrakech", "MA-MAR"), ("Damas", "SY-DI"),
    ("Jérusalem", "PS-JEM"), ("M'sila", "DZ-28"), ("Sofia", "BG-23"), ("Guelmim-Oued Noun", "MA-10"),
])
def test_names_found_before_find_the_same_subdivision(name, code):
    assert subdivision(name).code == code


def test_an_unknown_name_is_still_unknown():
    with pytest.raises(PageError, match='unknown region "Atlantide"'):
        subdivision("Atlantide")


@pytest.mark.parametrize("name, code", [
    # ISO and pages romanise with and without doubled consonants: "Taroudant" became a place, not the province
    ("Taroudant", "MA-TAR"), ("Kaserine", "TN-42"), ("Anaba", "DZ-23"),
])
def test_a_name_written_with_one_consonant_for_a_doubled_one(name, code):
    assert subdivision(name, country=code[:2]).code == code


@pytest.mark.parametrize("name, code", [
    # the first town of a compound ISO name: "Inezgane" became a place, not the prefecture "Inezgane-Ait Melloul"
    ("Inezgane", "MA-INE"), ("Chtouka", "MA-CHT"), ("Skhirate", "MA-SKH"),
])
def test_the_first_town_of_a_compound_name_is_its_subdivision(name, code):
    assert subdivision(name).code == code


@pytest.mark.parametrize("name", ["Es", "Tan", "Mont", "Alpes"])
def test_a_short_shared_or_unofficial_head_of_a_compound_name_is_no_name(name):
    # "Es-Semara", "Tan-Tan"; "Mont-Liban" is the file's name, not ISO's; "Alpes-Maritimes", "Alpes-de-Haute-Provence"
    with pytest.raises(PageError, match=f'unknown region "{name}"'):
        subdivision(name)


@pytest.mark.parametrize("row", _rows(AREAS_FILE), ids=lambda row: row["name"])
def test_every_area_of_the_file_is_in_its_country_and_no_country_or_subdivision_name(row):
    # a name a country or a subdivision of its country has would never be looked up as an area ("Tripoli", a town of
    # Lebanon, is also Libya's LY-TB: the zone reader tells them apart by the page's other names)
    assert lookup(row["name"]) is None
    assert not any(found.country == row["country"] for found in subdivisions_named(row["name"]))
    country, within = known_area(row["name"])
    assert country == row["country"] and pycountry.countries.get(alpha_2=country) is not None
    assert (within.code if within else "") == row["subdivision"]
    assert not within or within.country == country


@pytest.mark.parametrize("name, found", [
    ("la Bande de Gaza", ("PS", None)), ("Jérusalem Est", ("PS", "PS-JEM")), ("Atlantide", None),
])
def test_an_area_by_its_name_with_article_or_spaces(name, found):
    got = known_area(name)
    assert (got and (got[0], got[1] and got[1].code)) == found

"""Round 9's leftovers: currency words for several currencies ("F CFA", "dirhams") read as the one the page's
countries use (B16), and an allocation year given as a span of years (O1)."""

from __future__ import annotations

import pytest

from converters.errors import PageError
from tests.conftest import page_with as _page
from tests.conftest import read_page as _read
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")
NGO = seed("002").read_text(encoding="utf-8")
INNOVATION_BUDGET = "MONTANT DU FINANCEMENT:400 000 dollars É.-U. |"
INNOVATION_COUNTRIES = INNOVATION.splitlines()[44]


def _notes(project) -> str:
    return "\n".join(note for _, note in project.notes)


def _innovation(mission: str, amount: str, countries: str) -> str:
    page = _page(INNOVATION, "MISSION: Argentine |", f"MISSION: {mission} |")
    page = _page(page, INNOVATION_BUDGET, f"MONTANT DU FINANCEMENT: {amount} |")
    return _page(page, INNOVATION_COUNTRIES, f"PAYS BÉNÉFICIAIRES: {countries} |")


# B16: the page's countries tell which currency the words mean, with a note; none or several: refused as before.

@pytest.mark.parametrize(("mission", "amount", "countries", "code", "users"), [
    ("OIM Sénégal", "150 000 000 F CFA", "Sénégal", "XOF", "country SN"),
    ("OIM Cameroun", "150.000.000 FCFA", "Cameroun, Gabon, Guinée équatoriale", "XAF", "countries CM, GA, GQ"),
    ("OIM Maroc", "10 millions de dirhams", "Maroc", "MAD", "country MA"),
    ("OIM Niger", "50 000 000 francs CFA", "Niger, Mali", "XOF", "countries ML, NE"),
    ("OIM Égypte", "5 000 000 livres", "Égypte", "EGP", "country EG"),
    ("OIM Sénégal", "150 000 000 F CFA", "Sénégal, Guinée, Gambie", "XOF", "country SN"),  # GNF, GMD: no CFA
])
def test_innovation_currency_words_are_the_page_s_countries_currency(mission, amount, countries, code, users):
    project = _read(_innovation(mission, amount, countries))
    assert project.budget.currency == code
    assert f"read as {code}, the currency of the page's {users}" in _notes(project)


@pytest.mark.parametrize(("mission", "countries"), [
    ("OIM Sénégal", "Sénégal, Cameroun"),  # a regional project over both CFA zones
    ("OIM Argentine", "Argentine"),  # neither
])
def test_innovation_currency_words_the_countries_do_not_settle_are_refused(mission, countries):
    with pytest.raises(PageError, match="may be more than one; give its ISO 4217 code: XOF .* or XAF"):
        _read(_innovation(mission, "150 000 000 FCFA", countries))


def test_idf_currency_words_are_the_beneficiary_country_s_currency():
    page = _page(IDF, "  • Budget Amount (USD)\n    300000.00", "  • Budget Amount\n    150 000 000 F CFA")
    page = _page(page, "remplissant les conditions requises\n    Argentine", "remplissant les conditions requises\n"
                 "    Côte d'Ivoire")
    project = _read(page)
    assert (project.budget.amount, project.budget.currency) == (150000000, "XOF")
    assert "the currency of the page's country CI" in _notes(project)


def test_ngo_currency_words_are_the_currency_of_the_country_of_its_areas():
    page = _page(NGO, "Zone d’intervention : Municipalités de Raoued et La Marsa",
                 "Zone d’intervention : Municipalités de Raoued et La Marsa\n\nBudget : 500 000 dinars")
    project = _read(page)
    assert (project.budget.amount, project.budget.currency) == (500000, "TND")
    assert "the currency of the page's country TN" in _notes(project)


def test_phased_currency_words_are_the_page_s_countries_currency():
    project = _read(_innovation("OIM Sénégal", "Phase 1 : 100 000 000 FCFA ; Phase 2 : 50 000 000 FCFA", "Sénégal"))
    assert (project.budget.amount, project.budget.currency) == (150000000, "XOF")


# O1: an allocation year given as a span of years is refused, the line saying the allocation year is one year (the
# funding's; the seed's IDF project was allocated in 2021 and starts in 2022, so the first year is no safe guess).

@pytest.mark.parametrize("value", ["2021-2023", "2021 – 2023", "2021/22"])
def test_an_innovation_allocation_year_span_is_refused_saying_what_to_write(value):
    page = _page(INNOVATION, "ANNÉE: 2021 |", f"ANNÉE: {value} |")
    with pytest.raises(PageError, match="is a span of years; the allocation year is the one year .* give that year "
                                        "alone, e.g. 2021"):
        _read(page)


# Round 7's m03: "et sa région", "and its region" name no place (as "sa banlieue" does); the names before them are
# read as any name of a zone is.

NGO_ZONE = "Zone d’intervention : Municipalités de Raoued et La Marsa"


@pytest.mark.parametrize(("zone", "codes"), [
    ("Sfax et sa région", {"TN-61"}), ("Sfax et ses régions", {"TN-61"}), ("Sfax and its region", {"TN-61"}),
    ("Sfax and its surroundings", {"TN-61"}), ("Sousse, Monastir and their surroundings", {"TN-51", "TN-52"}),
])
def test_a_zone_s_back_reference_names_no_place(zone, codes):
    project = _read(_page(NGO, NGO_ZONE, f"Zone d’intervention : {zone}"))
    assert {area.code for area in project.intervention_areas} == codes
    assert "is no region the page or ISO 3166-2 locates" not in _notes(project)


# C5: a table with a header in a description keeps what the header says, each row's cells named by it, as the NGO
# family's lists do.

TABLE = "| Indicateur | Cible |\n|---|---|\n| Migrants formés | 500 |\n| Ateliers | 12 |"
NAMED = "Indicateur : Migrants formés ; Cible : 500\nIndicateur : Ateliers ; Cible : 12"
IDF_DESCRIPTION_END = "fournira du matériel de bureau à ces institutions locales de la migration."


def test_a_table_in_an_innovation_description_keeps_its_header():
    about = INNOVATION.split("À propos du projet\n", 1)[1].split("\n", 1)[0]
    project = _read(_page(INNOVATION, about, f"{about}\n{TABLE}"))
    assert f"{about}\n{NAMED}\n" in project.description


def test_a_table_in_an_idf_description_keeps_its_header():
    project = _read(_page(IDF, IDF_DESCRIPTION_END, f"{IDF_DESCRIPTION_END}\n{TABLE}"))
    assert project.description.endswith(f"{IDF_DESCRIPTION_END}\n{NAMED}")


def test_a_table_with_no_header_in_a_description_stays_as_it_was():
    project = _read(_page(IDF, IDF_DESCRIPTION_END, f"{IDF_DESCRIPTION_END}\n| Migrants formés | 500 |"))
    assert project.description.endswith(f"{IDF_DESCRIPTION_END}\nMigrants formés: 500")

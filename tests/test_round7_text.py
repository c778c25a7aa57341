"""Round 7: text a reader does not see (soft hyphens) or that was garbled in saving (UTF-8 read as Windows-1252),
"y compris" and a remark in a country list, and money as Tunisian pages and approximations write it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from converters import MOJIBAKE
from converters.countries import split_countries
from converters.errors import PageError
from converters.records import Money
from converters.textnorm import repaired_mojibake
from converters.values import parse_money
from tests.bounded import time_limit
from tests.conftest import line_of, seed
from tests.conftest import page_with as _page
from tests.conftest import read_page as _read

IDF = seed("000").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")
NGO = seed("002").read_text(encoding="utf-8")
IDF_COUNTRIES = "    Argentine\n"
INNOVATION_COUNTRIES = next(line for line in INNOVATION.split("\n") if line.startswith("PAYS BÉNÉFICIAIRES"))
NGO_ZONE = "Zone d’intervention : Municipalités de Raoued et La Marsa"
NGO_CONTACT = "Contact : "


# Each byte as Windows reads it in Windows-1252: the five bytes that code page leaves undefined as the control
# characters of their numbers (as Latin-1 reads them).
_WINDOWS_1252 = [bytes([byte]).decode("cp1252", "ignore") or chr(byte) for byte in range(256)]


def garbled(text: str) -> str:
    """The text as an editor that read its UTF-8 as Windows-1252 saves it again: "é" as "Ã©", "’" as "â€™"."""
    return "".join(_WINDOWS_1252[byte] for byte in text.encode("utf-8"))


# B3: a soft hyphen (U+00AD, HTML's "&shy;", a PDF's) is invisible, and no family reads it as a character.

@pytest.mark.parametrize("hyphen", ["\u00ad", "&shy;"])
def test_a_soft_hyphen_inside_a_country_s_name_changes_nothing_on_an_idf_page(hyphen):
    # "Répu\u00adblique centrafricaine" was an unknown country, quoted looking perfectly right
    names = f"    Répu{hyphen}blique centrafricaine, Came{hyphen}roun, Tchad\n"
    project = _read(_page(IDF, IDF_COUNTRIES, names))
    assert project.eligible_countries == ["CF", "CM", "TD"]


def test_a_soft_hyphen_changes_nothing_on_an_innovation_or_an_ngo_page():
    innovation = _page(INNOVATION, INNOVATION_COUNTRIES, "PAYS BÉNÉFICIAIRES: Répu\u00adblique centrafricaine, "
                                                         "Came\u00adroun |")
    assert _read(innovation).beneficiary_countries == ["CF", "CM"]
    plain = _read(NGO)
    ngo = _read(_page(NGO, NGO_ZONE, "Zone d’intervention : Municipalités de Ra\u00adoued et La Mar\u00adsa"))
    assert ngo.intervention_areas == plain.intervention_areas and ngo.participations == plain.participations


def test_a_soft_hyphen_where_a_line_breaks_is_the_hyphen_that_joins_the_word_again():
    # a PDF copy keeps the hyphenation point where the line broke: "ren\u00ad" over "forcer" is "renforcer"
    page = _page(IDF, "Les gouvernements locaux jouent", "Les gouvernements locaux ren\u00ad\nforcent et jouent")
    assert "locaux renforcent et jouent" in _read(page).description


# B4: UTF-8 text read as Windows-1252 and saved again (mojibake) is repaired where the repair is exact, noted once.

@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_a_page_garbled_as_windows_1252_reads_as_its_clean_twin_with_one_note(name):
    text = seed(name).read_text(encoding="utf-8")
    plain = _read(text)
    project = _read(garbled(text))
    first = next(number for number, line in enumerate(text.split("\n"), start=1) if not line.isascii())
    assert replace(project, source=plain.source) == plain
    assert project.notes[0] == (first, MOJIBAKE)
    assert project.notes[1:] == plain.notes


def test_a_page_garbled_in_one_line_is_repaired_there_and_the_note_names_that_line():
    # e07: a page copied together from two sources, one line of it garbled
    names = "    le Cambodge, la République démocratique populaire lao, le Myanmar et le Viet Nam\n"
    page = _page(IDF, IDF_COUNTRIES, garbled(names))
    project = _read(page)
    assert project.eligible_countries == ["KH", "LA", "MM", "VN"]
    assert (line_of(page, "    le Cambodge"), MOJIBAKE) in project.notes
    assert sum(note == MOJIBAKE for _, note in project.notes) == 1


def test_a_garbled_label_no_longer_hides_its_field():
    # c07: the bulleted label "Ã‰tat(s) membre(s) bÃ©nÃ©ficiaires …", unknown and last, became the description
    label = "  • Etat(s) membre(s) beneficiaires remplissant les conditions requises\n"
    page = _page(IDF, label, garbled("  • État(s) membre(s) bénéficiaires remplissant les conditions requises\n"))
    project = _read(page)
    assert project.eligible_countries == ["AR"] and project.description == _read(IDF).description


def test_a_page_garbled_twice_or_whose_no_break_spaces_became_spaces_is_repaired():
    text = "Zone d’intervention : Gouvernorat de Gabès, à Médenine"
    assert repaired_mojibake(garbled(garbled(text))) == (text, 1)
    # "à" is "Ã" and a no-break space: a copy that made it a plain space leaves "Ã ", read as "à " in such a line
    assert repaired_mojibake(garbled(text).replace("\u00a0", " ")) == (text, 1)


@pytest.mark.parametrize("text", [
    "« Je suis là\u00a0», dit-elle.",  # "à", a no-break space and "»" are the bytes of no character a page has
    "SÃO TOMÉ-ET-PRÍNCIPE, IRMÃ , AÇÃO",  # Portuguese capitals
    "ÂGE, Château, Ça, Œuvre, Ærø, Ø 25 mm",
    "Prix : 25 €, N° 3, 50 %, © OIM — “citation” … • point",
])
def test_text_that_is_no_mojibake_is_kept_as_it_is_even_on_a_garbled_page(text):
    assert repaired_mojibake(text) == (text, 0)
    assert repaired_mojibake(f"{text}\nGab{garbled('è')}s") == (f"{text}\nGabès", 2)


def test_a_letter_and_a_sign_that_garbled_text_may_hold_are_repaired_only_on_a_garbled_page():
    assert repaired_mojibake("Index Ä–Ö") == ("Index Ä–Ö", 0)  # a range of an index: "Ä–" is "Ė" as UTF-8
    assert repaired_mojibake(garbled("Gaziantep et Şanlıurfa (Türkiye)")) == ("Gaziantep et Şanlıurfa (Türkiye)", 1)


# B2: "y compris" in a country list reads as "ainsi que"; a remark after the countries is said to be one.

def test_y_compris_in_a_country_list_adds_the_countries_after_it():
    # "y" was taken for the Spanish "and": unknown country "compris"
    page = _page(IDF, IDF_COUNTRIES, "    Eswatini, Lesotho, Malawi, Mozambique, y compris le Zimbabwe et la Zambie\n")
    assert _read(page).eligible_countries == ["SZ", "LS", "MW", "MZ", "ZW", "ZM"]
    page = _page(INNOVATION, INNOVATION_COUNTRIES, "PAYS BÉNÉFICIAIRES: Sénégal, Mali, Niger, y compris le Burkina "
                                                   "Faso |")
    assert _read(page).beneficiary_countries == ["SN", "ML", "NE", "BF"]
    assert split_countries("Trinidad y Tabago, Mexique") == ["TT", "MX"]


def test_a_remark_after_the_countries_is_refused_as_a_remark_quoted_whole_where_no_notes_are_kept():
    # the pages keep notes (tests/test_round7_idf.py): a caller without any is told what the words are
    with pytest.raises(PageError) as raised:
        split_countries("Brésil, Argentine, Chili, notamment la région frontalière de Roraima", 24)
    assert raised.value.line == 24
    assert raised.value.message == ('"notamment la région frontalière de Roraima" is a remark on the countries, '
                                    "no country")


def test_a_remark_after_the_countries_is_left_out_with_a_note_where_notes_are_kept():
    notes: list[tuple[int, str]] = []
    text = "Brésil, Argentine, Chili, notamment la région frontalière de Roraima"
    assert split_countries(text, 24, notes) == ["BR", "AR", "CL"]
    assert notes == [(24, '"notamment la région frontalière de Roraima" after the countries is a remark on them, no '
                          "country: left out of the record")]
    assert split_countries("Kenya, Ouganda, notamment le Soudan du Sud", 3, notes) == ["KE", "UG", "SS"]
    with pytest.raises(PageError, match='unknown country "Narnia"'):  # a name after the word is still a name
        split_countries("Mali, notamment le Niger, Narnia", 3, notes)


# B9 and C: money as pages write it.

@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("1,2 MDT", "1200000", "TND"),  # millions de dinars tunisiens
    ("1,2 MD", "1200000", "TND"),
    ("3 MUSD", "3000000", "USD"),
    ("2,5 MEUR", "2500000", "EUR"),
    ("1,2 M€", "1200000", "EUR"),
    ("près de 300 000 euros", "300000", "EUR"),  # a bound before the figures reads as "environ" does
    ("plus de 300 000 euros", "300000", "EUR"),
    ("presque 300 000 €", "300000", "EUR"),
    ("Près d’1,2 million de dollars", "1200000", "USD"),
    ("env. 300 000 €", "300000", "EUR"),
])
def test_millions_as_tunisian_pages_write_them_and_approximate_amounts(text, amount, currency):
    assert parse_money(text) == Money(Decimal(amount), currency)


def test_an_ngo_budget_in_millions_of_dinars():
    page = _page(NGO, NGO_CONTACT, "Budget : 1,2 MDT\n\n" + NGO_CONTACT)
    assert _read(page).budget == Money(Decimal(1200000), "TND")


@pytest.mark.parametrize(("text", "message"), [
    # the words were glued from both sides of the figures: unknown currency "grosso modo euros"
    ("grosso modo 300 000 euros", '"grosso modo" before its figures is no part of an amount'),
    ("USD 300 000 foo", '"foo" after its figures is no part of an amount'),
])
def test_a_word_on_one_side_of_an_amount_is_quoted_alone(text, message):
    with pytest.raises(PageError) as raised:
        parse_money(text, None, 7)
    assert message in raised.value.message


def test_the_share_an_amount_singles_out_is_noted_as_left_out_in_brackets_or_not():
    # b08: the "dont …" part was dropped silently
    notes: list[tuple[int | None, str]] = []
    text = "1 200 000 USD, dont 200 000 USD de cofinancement du gouvernement"
    assert parse_money(text, None, 19, notes) == Money(Decimal(1200000), "USD")
    assert notes == [(19, f'amount "{text}": "dont 200 000 USD de cofinancement du gouvernement" left out, the '
                          "whole amount read as the project's budget")]
    # in brackets it is noted too (round 9 B12: the share is left out of the record all the same)
    assert parse_money("250 000 USD (dont 50 000 USD de cofinancement)", None, 19, notes).amount == 250000
    assert notes[1:] == [(19, 'amount "250 000 USD (dont 50 000 USD de cofinancement)": "dont 50 000 USD de '
                              "cofinancement\" left out, the whole amount read as the project's budget")]


def test_an_ngo_budget_with_a_share_of_it_notes_the_share():
    page = _page(NGO, NGO_CONTACT, "Budget : 1 500 000 €, dont 1 200 000 € de l’UE\n\n" + NGO_CONTACT)
    project = _read(page)
    assert project.budget == Money(Decimal(1500000), "EUR")
    assert (line_of(page, "Budget"), 'amount "1 500 000 €, dont 1 200 000 € de l’UE": "dont 1 200 000 € de l’UE" '
                                     "left out, the whole amount read as the project's budget") in project.notes


def test_a_long_tail_after_an_amount_is_not_searched_for_a_currency_word_by_word():
    # the fuzzers' grown page: every head of the words after "75 000.00" was tried as a currency's name, a minute
    # for a budget value of 120 kB
    value = "75 000.00" + "Bolivie : Projet de test" * 5000
    with time_limit(), pytest.raises(PageError, match='unknown currency "bolivie : projet de test'):
        parse_money(value, None, 8)


@pytest.mark.parametrize("word", ["surtout", "principalement", "particulièrement", "notably"])
def test_the_words_that_part_a_list_are_one_list_for_countries_zones_and_organisations(word):
    # each reader had its own list: "Mali, Niger, surtout le Burkina Faso" was unknown country "surtout le Burkina Faso"
    import re

    from converters import ngo_organisation_lists, ngo_zones

    assert split_countries(f"Mali, Niger, {word} le Burkina Faso") == ["ML", "NE", "BF"]
    assert re.match(ngo_zones._INCLUDING, f"{word} Sfax", re.IGNORECASE)
    assert re.fullmatch(ngo_organisation_lists._APART, word, re.IGNORECASE)

"""Country lists, subdivisions, money, dates and durations as pages write them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from converters.countries import split_countries
from converters.country_names import country
from converters.errors import PageError
from converters.records import Money, PartialDate
from converters.subdivisions import subdivision
from converters.textnorm import _fold_slowly, fold, folded_words
from converters.values import parse_date, parse_duration_months, parse_money, parse_period


@pytest.mark.parametrize("text, codes", [
    ("ChiliUruguay", ["CL", "UY"]),
    ("Argentine Bolivie (État plurinational de) Colombie Équateur Paraguay Pérou Guyana",
     ["AR", "BO", "CO", "EC", "PY", "PE", "GY"]),
    ("Argentine, Bolivie (État Plurinational De), Brésil", ["AR", "BO", "BR"]),
    ("El Salvador Honduras Mexique Guatemala", ["SV", "HN", "MX", "GT"]),
    ("Chili et Uruguay", ["CL", "UY"]), ("Chili; Uruguay", ["CL", "UY"]), ("chili\nuruguay", ["CL", "UY"]),
    ("Bosnia and Herzegovina and Chile", ["BA", "CL"]),
    ("Niger Nigeria", ["NE", "NG"]), ("Guinée équatoriale Guinée-Bissau Guinée", ["GQ", "GW", "GN"]),
    ("Congo (République démocratique du), Congo", ["CD", "CG"]),  # the UN's French order, then the Republic
    ("Argentina, Bolivia", ["AR", "BO"]), ("PEROU", ["PE"]),
    # ISO's inverted names in their reading order ("Salomon, Îles", "Congo, The Democratic Republic of the")
    ("Îles Salomon, Iles Salomon et Îles Marshall", ["SB", "MH"]),
    ("Democratic Republic of the Congo, State of Palestine", ["CD", "PS"]), ("République de Corée", ["KR"]),
    # the UN's own spellings, and a qualifier left out: "Holy See (Vatican City State)"
    ("Saint-Kitts-et-Nevis Saint-Vincent-et-les Grenadines Trinité-et-Tobago", ["KN", "VC", "TT"]),
    ("Holy See; Saint-Siège", ["VA"]), ("Territoire palestinien occupé", ["PS"]),
    # former and everyday English names
    ("Swaziland, Ivory Coast, Cape Verde, Burma, East Timor, Brunei", ["SZ", "CI", "CV", "MM", "TL", "BN"]),
    ("The Gambia and the Bahamas", ["GM", "BS"]),
    # hyphens and apostrophes left out, and more everyday names (each was "unknown country")
    ("Trinité et Tobago et Jamaïque", ["TT", "JM"]), ("Cote d Ivoire, Sao Tomé et Principe", ["CI", "ST"]),
    ("Congo (RDC), Centrafrique", ["CD", "CF"]), ("UK, Congo-Brazzaville", ["GB", "CG"]),
    # a list ended by a full stop, as a sentence is ("unknown country "Chili."")
    ("Argentine; Chili.", ["AR", "CL"]), ("Tchad, RCA et Cameroun.", ["TD", "CF", "CM"]),
])
def test_country_lists_split_by_longest_match(text, codes):
    assert split_countries(text) == codes


@pytest.mark.parametrize("text, name", [("Somaliland", "Somaliland"),
                                        ("Éthiopie, Somaliland et Djibouti", "Somaliland")])
def test_a_place_without_an_iso_code_is_an_error_saying_so(text, name):
    # it was an "unknown country", and the advice, to write its ISO name, could not be followed
    message = (f'"{name}" has no ISO 3166 code, and the dataset names each country by its code; leave it out of '
               "the list and name it in the description")
    with pytest.raises(PageError, match=re.escape(message)):
        split_countries(text, line=7)


@pytest.mark.parametrize("text, codes", [
    ("Kosovo", ["XK"]), ("Serbie, Kosovo* et Albanie", ["RS", "XK", "AL"]),
    ("Albanie, Kosovo (RCSNU 1244), Monténégro", ["AL", "XK", "ME"]), ("Kosovo (UNSCR 1244/99)", ["XK"]),
])
def test_kosovo_is_named_by_the_code_the_european_union_assigns_it(text, codes):
    assert split_countries(text) == codes
    kosovo = country("XK")
    assert (kosovo.alpha3, kosovo.wikidata, kosovo.numeric, kosovo.labels["fr"]) == ("XKX", "Q1246", None, "Kosovo")
    assert "UNSCR 1244/1999" in kosovo.note["en"] and "1244/1999" in kosovo.note["fr"]


@pytest.mark.parametrize("text, unknown", [("Argentine Narnia Chili", "Narnia"), ("Chili, Atlantide", "Atlantide")])
def test_unknown_country_is_an_error_naming_it(text, unknown):
    with pytest.raises(PageError, match=f'unknown country "{unknown}"'):
        split_countries(text, line=7)


def test_country_labels_and_codes():
    bolivia = country("BO")
    assert bolivia.labels["fr"] == "Bolivie (État plurinational de)" and bolivia.alpha3 == "BOL"
    assert country("SV").wikidata == "Q792" and country("AR").numeric == "032"


@pytest.mark.parametrize("name, code", [
    ("Guelmim-Oued Noun", "MA-10"),  # ISO's name has a qualifier: "Guelmim-Oued Noun (EH-partial)"
    ("Casablanca Settat", "MA-06"), ("Béni Mellal Khénifra", "MA-05"),  # without the hyphen
    ("Sofia", "BG-23"),  # a qualifier's name that another subdivision has itself stays that one's
])
def test_a_subdivision_named_without_its_qualifier_or_hyphen(name, code):
    assert subdivision(name, country=code[:2]).code == code


def test_subdivisions_resolve_through_pycountry():
    assert subdivision("l'Ariana", kind="Governorate").code == "TN-12"
    assert subdivision("Tunis", country="TN").code == "TN-11"
    with pytest.raises(PageError, match='unknown region "Atlantide"'):
        subdivision("Atlantide")


@pytest.mark.parametrize("text, amount, currency", [
    ("300000.00", "300000.00", "USD"), ("400 000 dollars É.-U.", "400000", "USD"),
    ("1 250 000,00", "1250000.00", "USD"), ("1\u00a0250\u00a0000,00 EUR", "1250000.00", "EUR"),
    ("1\u202f250\u202f000,00", "1250000.00", "USD"), ("1,250,000.00", "1250000.00", "USD"),
    ("USD 300,000", "300000", "USD"), ("12,5", "12.5", "USD"),
    # scale words: the mark before one is a decimal mark ("1,250 million" is not 1,250 millions)
    ("1,5 million de dollars", "1500000", "USD"), ("2 millions d'euros", "2000000", "EUR"),
    ("USD 1.25 million", "1250000", "USD"), ("1,250 million USD", "1250000", "USD"), ("1.5M EUR", "1500000", "EUR"),
    ("400k USD", "400000", "USD"), ("1 milliard", "1000000000", "USD"),
    ("400 000 $ US", "400000", "USD"),
    # a remark in brackets after the amount is not its currency
    ("400 000 USD (dont 50 000 USD de cofinancement)", "400000", "USD"), ("400 000 (EUR)", "400000", "EUR"),
    # an approximate amount is the amount the page gives ("unknown currency" before)
    ("environ 400 000 USD", "400000", "USD"), ("400 000 USD environ", "400000", "USD"),
    ("approx. EUR 1.2 million", "1200000", "EUR"),
    # any currency's ISO 4217 code, in capitals ("unknown currency" but for a few)
    ("300 000 XOF", "300000", "XOF"), ("JOD 1 000 000", "1000000", "JOD"), ("500 000 MAD", "500000", "MAD"),
])
def test_money_becomes_an_exact_decimal_with_a_currency(text, amount, currency):
    money = parse_money(text, "USD")
    assert money.amount == Decimal(amount) and money.currency == currency


@pytest.mark.parametrize("text, message", [
    ("trois cents", "is not a number"), ("300 kilos", "unknown currency"), ("trois cent mille", "is not a number"),
    ("300 mille dollars", "unknown currency"), ("9 999 999 milliards", "more digits"),
    ("300 000 USD (environ) EUR", "unknown currency"),
    ("300 000 all", "unknown currency"),  # a code in lower case is a word: "all" is no Albanian lek (ALL)
    ("300 000 XAU", "unknown currency"),  # gold has a code, and is no currency
    # words for more than one currency name the codes they may mean
    ("25 000 000 francs CFA", "may be more than one; give its ISO 4217 code: XOF (franc CFA d'Afrique de l'Ouest) "
                              "or XAF (franc CFA d'Afrique centrale)"),
    ("1 milliard de FCFA", "may be more than one; give its ISO 4217 code: XOF"),
    ("500 000 dirhams", "may be more than one; give its ISO 4217 code: MAD (dirham marocain) or AED"),
    ("300 000 francs", "may be more than one; give its ISO 4217 code: CHF (franc suisse), XOF"),
])
def test_bad_money_is_an_error(text, message):
    with pytest.raises(PageError, match=re.escape(message)):
        parse_money(text, "USD")


@pytest.mark.parametrize("text, amount", [
    ("2021 : 300 000 USD", "300000"), ("2021: 300 000", "300000"), ("2021-2022 : 1,5 million USD", "1500000"),
])
def test_a_year_before_an_amount_with_a_colon_is_not_the_amount(text, amount):
    # "2021 : 300 000 USD" was 2,021 USD: the figures after the first number were dropped without a word
    assert parse_money(text, "USD") == Money(Decimal(amount), "USD")


@pytest.mark.parametrize("text", ["2021 - 300 000 USD", "2021 : 300 000 USD ; 2022 : 250 000 USD",
                                  "300 000 USD 50 000 EUR"])
def test_an_amount_with_more_figures_after_it_is_refused(text):
    with pytest.raises(PageError, match="gives more than one number"):
        parse_money(text, "USD")


@pytest.mark.parametrize("text, date", [
    ("2022", PartialDate(2022)), ("Jun 2020", PartialDate(2020, 6)), ("juin 2020", PartialDate(2020, 6)),
    ("2020-06-15", PartialDate(2020, 6, 15)), ("15/06/2020", PartialDate(2020, 6, 15)),
    ("1er juin 2020", PartialDate(2020, 6, 1)), ("06/2020", PartialDate(2020, 6)), ("6.2020", PartialDate(2020, 6)),
    ("March 15, 2021", PartialDate(2021, 3, 15)), ("2021/03/15", PartialDate(2021, 3, 15)),
    # a part of a year is within that year, and no more precise than it
    ("fin 2023", PartialDate(2023)), ("mi-2022", PartialDate(2022)), ("Début 2022", PartialDate(2022)),
    ("T1 2022", PartialDate(2022)), ("2e trimestre 2022", PartialDate(2022)), ("late 2021", PartialDate(2021)),
    # each of these was "not a date"
    ("premier semestre 2023", PartialDate(2023)), ("S1 2023", PartialDate(2023)), ("été 2022", PartialDate(2022)),
    ("deuxième trimestre 2021", PartialDate(2021)), ("printemps 2022", PartialDate(2022)),
    ("fin de 2023", PartialDate(2023)), ("09-2022", PartialDate(2022, 9)), ("15-06-2020", PartialDate(2020, 6, 15)),
    ("30 septembre, 2022", PartialDate(2022, 9, 30)),
    ("2022-01-15T00:00:00", PartialDate(2022, 1, 15)), ("2022-01-15 09:30", PartialDate(2022, 1, 15)),
    ("2022-01-15T09:30:00.000Z", PartialDate(2022, 1, 15)),  # a day as a database export writes it
    ("Jan-2022", PartialDate(2022, 1)), ("15-Jan-2022", PartialDate(2022, 1, 15)), ("janv.-2022", PartialDate(2022, 1)),
])
def test_dates_as_precise_as_written(text, date):
    assert parse_date(text) == date


def test_bad_dates_and_durations():
    with pytest.raises(PageError, match="does not exist"):
        parse_date("2020-02-30")
    with pytest.raises(PageError, match="does not exist"):
        parse_date("13/2020")
    with pytest.raises(PageError, match="is not a date"):
        parse_date("bientôt")
    with pytest.raises(PageError, match="is not a date"):
        parse_date("15 March, 2021 2021")
    with pytest.raises(PageError, match="has no date"):
        parse_period("à préciser")
    with pytest.raises(PageError, match="gives the month first; write the day first, 15/1/2022, or as 2022-01-15"):
        parse_date("1/15/2022")  # it "did not exist", with no word of why
    for short, four in [("Dec-24", "Dec-2024"), ("déc. 24", "déc. 2024"), ("12/24", "12/2024")]:
        with pytest.raises(PageError, match=f"gives its year in two figures; write the year in four: {four}$"):
            parse_date(short)  # December 2024, or the 24th? it was "not a date", without saying why
    with pytest.raises(PageError, match="is not a number of months"):
        parse_duration_months("deux ans")
    with pytest.raises(PageError, match="is not a number of months"):
        parse_duration_months("2,3 ans")  # 27.6 months


@pytest.mark.parametrize("text, dates", [
    ("Jun 2020 Jun 2020", [PartialDate(2020, 6), PartialDate(2020, 6)]),
    ("09-2022 - 12-2023", [PartialDate(2022, 9), PartialDate(2023, 12)]),  # was read as years
    ("S1 2023 - S2 2024", [PartialDate(2023), PartialDate(2024)]),
    ("janvier 2021 – mars 2022", [PartialDate(2021, 1), PartialDate(2022, 3)]),
    ("Du 1er mars 2020 au 28 février 2022", [PartialDate(2020, 3, 1), PartialDate(2022, 2, 28)]),
    ("01/2020 - 12/2021", [PartialDate(2020, 1), PartialDate(2021, 12)]),
    ("15.03.2020 – 14.03.2022", [PartialDate(2020, 3, 15), PartialDate(2022, 3, 14)]),
    ("2020-2022", [PartialDate(2020), PartialDate(2022)]), ("depuis 2019", [PartialDate(2019)]),
    ("Jun-2020 - Jun-2022", [PartialDate(2020, 6), PartialDate(2022, 6)]),
])
def test_a_period_is_its_dates_as_precise_as_written(text, dates):
    assert parse_period(text) == dates


@pytest.mark.parametrize("text, months", [
    ("24 mois", 24), ("2 ans", 24), ("18 months", 18), ("1 an et 6 mois", 18), ("1 year and 6 months", 18),
    ("1,5 an", 18), ("2.5 years", 30), ("36 mois (prolongé de 6 mois)", 36),
])
def test_durations_in_months(text, months):
    assert parse_duration_months(text) == months


@settings(max_examples=3000, deadline=None)
@given(st.text() | st.text(alphabet=st.characters(max_codepoint=0x2fff)))
@example("<A>").via("a tag the oracle once removed, as clean() does: fold() is given cleaned text")
@example("&gt;").via("a character reference, likewise")
def test_fold_a_character_at_a_time_is_fold_on_the_whole_text(text):
    assert fold(text) == _fold_slowly(text)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=64, max_size=300) | st.text(alphabet=st.characters(max_codepoint=0x2fff), min_size=64)
       | st.lists(st.sampled_from(["é", "É", "ϒ", "Υ", "ǅ", "ﬁ", "`", "\t", "\r\n", " ", "a", "Z", "œ", "\u0301"]),
                  min_size=64).map("".join))
def test_fold_of_a_long_text_is_fold_on_the_whole_text(text):
    # Long texts are folded a distinct character at a time, not a character at a time: the same, in any order.
    assert fold(text) == _fold_slowly(text)


@settings(max_examples=300, deadline=None)
@given(st.text() | st.text(alphabet=st.characters(max_codepoint=0x2fff), min_size=64))
def test_folded_words_are_the_letter_runs_of_the_folded_text(text):
    assert folded_words(text) == re.findall(r"[a-z]+", fold(text))


def test_fold_matches_names_as_people_write_them():
    assert fold("  Bolivie (État\u00a0plurinational de) ") == "bolivie (etat plurinational de)"
    assert fold("Côte d\u2019Ivoire") == fold("COTE D'IVOIRE") == "cote d'ivoire"
    assert fold("Œuvre\u2013sociale\r\n\u200bÆ") == "oeuvre-sociale ae"
    assert fold("0\u00b40") == "0 0"  # an acute accent alone is a space and the accent


def test_the_pages_namespaces_make_each_term_once_dct_title_too():
    """rdflib's Namespace.title is a property making a new URIRef at every access: publisher.terms' DCT keeps one,
    the interned one, as it does for every other term (dictionaries then match it by identity)."""
    from publisher.terms import DCT, MP, interned

    assert DCT.title is DCT.title is interned("http://purl.org/dc/terms/title")
    assert DCT.description is DCT.description is interned("http://purl.org/dc/terms/description")
    assert MP.title is MP.title and str(MP.title) == "https://w3id.org/migration-lod/vocab#title"

"""IDF and innovation pages of the seventh round of unseen pages: a field the converter does not know given last,
budget labels in other currencies, periods and durations that give dates, a site's name after the title, English
ordinal days. One test per finding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from converters import convert
from converters.datefields import Period, read_period
from converters.errors import PageError
from converters.records import Money, PartialDate
from converters.values import parse_date
from tests.conftest import line_of, refused_as, seed

IDF = seed("000").read_text(encoding="utf-8")  # bulleted labels over indented values
IDF_DASHES = seed("001").read_text(encoding="utf-8")  # "-", label, value lines after the site's menu
INNOVATION = seed("003").read_text(encoding="utf-8")
TITLE = IDF.split("\n", 1)[0]
COUNTRIES = "  • Etat(s) membre(s) beneficiaires remplissant les conditions requises\n    Argentine\n"
DESCRIPTION_START = "Avec 2,3 millions"


def variant(old: str, new: str, page: str = IDF) -> str:
    """The page with its first `old` replaced by `new`."""
    changed = page.replace(old, new, 1)
    assert changed != page, old
    return changed


def read(page: str, name: str = "000.txt"):
    return convert(page.encode(), name)


def notes(project) -> list[tuple[int, str]]:
    return [(line, note) for line, note in project.notes if "new concept" not in note]


# ----- A6: a bulleted field the converter does not know, given last, is a field, not the description's start

def test_an_unknown_field_given_last_is_left_out_with_a_note_and_the_description_starts_after_it():
    # was the start of the description, "Partenaires de mise en œuvre\nService de l'immigration…", with no note
    page = variant(COUNTRIES, COUNTRIES + "  • Partenaires\n    Direction nationale de la migration\n")
    project = read(page)
    assert project.description.startswith(DESCRIPTION_START)
    assert notes(project) == [(line_of(page, "  • Partenaires"), '"Partenaires: Direction nationale de la migration" '
                               "is no field the iom-idf converter reads: left out of the record")]
    assert project.eligible_countries == ["AR"]


def test_unknown_fields_given_last_in_the_dashed_layout_are_left_out_with_a_note():
    last = "-\nEtat(s) membre(s) beneficiaires remplissant les conditions requises\n"
    assert last in IDF_DASHES
    start = IDF_DASHES.index(last) + len(last)
    value_end = IDF_DASHES.index("\n", start) + 1
    page = IDF_DASHES[:value_end] + "-\nPartenaires\nDirection nationale de la migration\n" + IDF_DASHES[value_end:]
    project = read(page, "001.txt")
    reference = read(IDF_DASHES, "001.txt")
    assert project.description == reference.description
    assert (line_of(page, "Partenaires"), '"Partenaires: Direction nationale de la migration" is no field the iom-idf '
            "converter reads: left out of the record") in project.notes


def test_a_mis_encoded_label_given_last_is_repaired_and_read():
    # c07: the countries' label as UTF-8 read as Windows-1252; the label and its value began the description (then,
    # before the page's mojibake was repaired as it is decoded, the label was left out with a note saying so)
    mojibake = "Ã‰tat(s) membre(s) bÃ©nÃ©ficiaires remplissant les conditions requises"
    page = variant(COUNTRIES, f"  • {mojibake}\n    Argentine\n")
    project = read(page)
    assert project.description.startswith(DESCRIPTION_START)
    assert project.eligible_countries == ["AR"]
    assert notes(project) == [(line_of(page, "  • Ã‰tat"), "the page looks like UTF-8 read as Windows-1252 "
                                                          "(mojibake): repaired; save it as UTF-8")]


@pytest.mark.parametrize("text", [
    # a heading of the description over its first paragraph, indented: running text, no field's value
    "  • Contexte\n    Le projet aidera les gouvernements locaux à créer ou à renforcer un service institutionnel "
    "chargé de la politique de migration.\n",
    # a list of the description at the margin, not indented under a label
    "  • Former les fonctionnaires\n  • Créer un service\n",
])
def test_text_after_the_fields_laid_out_as_no_field_is_still_the_description(text):
    page = variant(COUNTRIES, COUNTRIES + text)
    project = read(page)
    assert project.description.startswith(text.split("\n")[0].strip(" •"))
    assert notes(project) == []


# ----- B1: budget labels in another currency than the site's

@pytest.mark.parametrize("label, written, amount, currency", [
    ("Budget (EUR)", "1.250.000", "1250000", "EUR"), ("Budget total (EUR)", "250 000", "250000", "EUR"),
    ("Budget Amount (EUR)", "300000.00", "300000.00", "EUR"), ("Budget Amount (CHF)", "300000.00", "300000.00", "CHF"),
    ("Montant (EUR)", "300 000", "300000", "EUR"), ("Budget (€)", "300 000", "300000", "EUR"),
])
def test_a_budget_label_in_another_currency_reads_the_amount_in_it(label, written, amount, currency):
    # was "is no field the iom-idf converter reads": the project had no budget
    page = variant("  • Budget Amount (USD)\n    300000.00\n", f"  • {label}\n    {written}\n")
    project = read(page)
    assert project.budget == Money(Decimal(amount), currency)
    assert notes(project) == []


def test_a_budget_whose_value_names_another_currency_than_its_label_is_still_refused():
    page = variant("  • Budget Amount (USD)\n    300000.00\n", "  • Budget (EUR)\n    150 000 USD\n")
    error = refused_as(page, "000.txt")
    assert error.message == 'field "Budget (EUR)" names EUR in its label and USD in its value "150 000 USD"'


def test_a_label_with_a_bracket_that_names_no_currency_is_no_budget():
    page = variant("  • Budget Amount (USD)\n", "  • Budget (phase 1)\n")
    project = read(page)
    assert project.budget is None
    assert any("Budget (phase 1)" in note for _, note in project.notes)


# ----- B5: a period or a duration on an IDF page gives its dates and length

DATES = "  • Date de début\n    2022\n  • Date de fin\n    2024\n"


@pytest.mark.parametrize("label, written, start, end, months", [
    ("Période de mise en œuvre", "mars 2022 – février 2024", "2022-03", "2024-02", None),
    ("Période", "mars 2022 – février 2024", "2022-03", "2024-02", None),
    ("Implementation period", "March 2022 - February 2024", "2022-03", "2024-02", None),
    ("Durée", "24 mois à compter du 1er avril 2021", "2021-04-01", None, 24),
    ("Durée", "24 mois", None, None, 24),
    ("Duration", "18 months (January 2022 to June 2023)", "2022-01", "2023-06", 18),
    ("Durée du projet", "36 mois (2021-2024)", "2021", "2024", 36),
])
def test_a_period_or_a_duration_field_gives_dates_and_a_length(label, written, start, end, months):
    # each was "is no field the iom-idf converter reads": the dates and length were lost
    page = variant(DATES, f"  • {label}\n    {written}\n")
    project = read(page)
    assert (project.start and project.start.iso(), project.end and project.end.iso()) == (start, end)
    assert project.duration_months == months
    assert notes(project) == []
    if start:
        assert project.lines["start"] == line_of(page, f"    {written}")


def test_a_duration_with_a_start_date_field_gives_both():
    # b19: "Date de début: mars 2022" and "Durée: 24 mois"; the duration was lost
    page = variant(DATES, "  • Date de début\n    mars 2022\n  • Durée\n    24 mois\n")
    project = read(page)
    assert (project.start, project.end, project.duration_months) == (PartialDate(2022, 3), None, 24)


def test_the_dates_of_a_duration_that_agree_with_the_date_fields_make_one_date_the_more_precise():
    page = variant(DATES, DATES + "  • Durée\n    24 mois à compter du 1er mars 2022\n")
    project = read(page)
    assert (project.start, project.end, project.duration_months) == (PartialDate(2022, 3, 1), PartialDate(2024), 24)
    assert project.lines["start"] == line_of(page, "    24 mois")


def test_the_dates_of_a_period_that_differ_from_the_date_fields_are_refused_naming_both_lines():
    page = variant(DATES, DATES + "  • Période\n    mars 2021 – février 2023\n")
    error = refused_as(page, "000.txt")
    assert error.line == line_of(page, "    mars 2021")
    assert error.message == (f'field "Période" gives the start date 2021-03, and line {line_of(page, "    2022")} '
                             "gives 2022")


def test_a_duration_and_a_period_that_give_two_lengths_are_refused():
    page = variant(DATES, "  • Durée\n    24 mois\n  • Période\n    18 mois (de mars 2022 à août 2023)\n")
    error = refused_as(page, "000.txt")
    assert error.message == f'field "Période" gives a duration of 18 months, and line {line_of(page, "    24")} one ' \
                            "of 24 months"


def test_a_duration_that_is_no_length_is_refused_saying_what_to_write():
    page = variant(DATES, "  • Durée\n    deux ans\n")
    error = refused_as(page, "000.txt")
    assert (error.line, error.message) == (line_of(page, "    deux"), 'duration "deux ans" is not a number of months '
                                                                          "or years")


def test_a_duration_is_not_a_field_that_tells_an_idf_page():
    # an agency's fact sheet gives its project ID, budget and duration: the labels IDF pages give too
    page = ("UNHCR Tunisia – Project Fact Sheet\n\nProject ID: TUN-2021-004\nBudget: USD 1,200,000\n"
            "Duration: January 2021 – December 2023\n\nObjectives\n- Improve access to registration\n")
    with pytest.raises(PageError, match="no converter recognises this page"):
        read(page, "x.txt")


# ----- B6 and section C: innovation DURÉE rows that give dates

@pytest.mark.parametrize("written, start, end, months", [
    ("24 mois à compter de mars 2022", "2022-03", None, 24),  # i06: was refused
    ("18 mois (de janvier 2022 à juin 2023)", "2022-01", "2023-06", 18),  # j06: the dates were left out
    ("36 mois (2021-2024)", "2021", "2024", 36),
])
def test_an_innovation_duration_row_with_dates_gives_them(written, start, end, months):
    page = variant("DURÉE: 24 mois |", f"DURÉE: {written} |", INNOVATION)
    project = read(page, "003.txt")
    assert (project.start and project.start.iso(), project.end and project.end.iso()) == (start, end)
    assert project.duration_months == months
    assert project.notes == []


def test_an_innovation_duration_row_whose_start_differs_from_the_start_row_is_refused():
    page = variant("DURÉE: 24 mois |", "DURÉE: 24 mois à compter de mars 2022 |\nDATE DE DÉBUT: 2021 |", INNOVATION)
    error = refused_as(page, "003.txt")
    assert error.line == line_of(page, "DURÉE")
    assert error.message == (f'field "DURÉE" gives the start date 2022-03, and line {line_of(page, "DATE DE DÉBUT")} '
                             "gives 2021")


# ----- the shared reading of durations and periods (datefields.read_period)

@pytest.mark.parametrize("written, period", [
    ("24 mois", Period(24)), ("2 ans et demi", Period(30)), ("1 an et 6 mois", Period(18)),
    ("24 mois à compter de mars 2022", Period(24, PartialDate(2022, 3))),
    ("36 mois à partir de mars 2020", Period(36, PartialDate(2020, 3))),
    ("24 months from March 2022", Period(24, PartialDate(2022, 3))),
    ("18 mois, de juillet 2021 à décembre 2022", Period(18, PartialDate(2021, 7), PartialDate(2022, 12))),
    ("mars 2022 – février 2024", Period(None, PartialDate(2022, 3), PartialDate(2024, 2))),
    ("Du 1er janvier 2021 au 31 décembre 2022", Period(None, PartialDate(2021, 1, 1), PartialDate(2022, 12, 31))),
    ("jusqu'en juin 2023", Period(None, None, PartialDate(2023, 6))),
    ("2019-21", Period(None, PartialDate(2019), PartialDate(2021))),
])
def test_read_period_reads_a_length_its_dates_or_both(written, period):
    found = []
    assert read_period("duration", written, 1, found) == period
    assert found == []


@pytest.mark.parametrize("written, period, note", [
    ("24 mois (prolongé jusqu'en juin 2024)", Period(24),
     'duration "24 mois (prolongé jusqu\'en juin 2024)" is read as 24 months: the remark on it is left out of the '
     "record"),
    ("mars 2022 – à ce jour", Period(None, PartialDate(2022, 3)),
     'period "mars 2022 – à ce jour" says the project is still running: no end date in the record'),
])
def test_read_period_leaves_out_what_gives_no_date_with_a_note(written, period, note):
    found = []
    assert read_period("period", written, 7, found) == period
    assert found == [(7, note)]


def test_read_period_refuses_a_length_followed_by_no_date():
    with pytest.raises(PageError, match=r'gives a length, 24 months, then "environ", which is no date'):
        read_period("duration", "24 mois environ", 1, [])


# ----- B10: the site's name after the title, as a copied browser title adds it

@pytest.mark.parametrize("suffix", [" | Organisation internationale pour les migrations", " | IOM", " | OIM",
                                    " | Fonds de l'OIM pour le développement | OIM"])
def test_the_name_of_the_site_after_the_title_is_left_out_with_a_note(suffix):
    page = variant(TITLE, TITLE + suffix)
    project = read(page)
    assert project.title == TITLE.replace("\u00a0", " ")
    assert notes(project) == [(1, f'"{suffix.strip()}" at the end of the title is the name of the site it was '
                                  "copied from: left out of the title")]


def test_another_name_after_the_title_stays_in_it():
    page = variant(TITLE, TITLE + " | Direction nationale de la migration")
    assert read(page).title.endswith(" | Direction nationale de la migration")


# ----- section C: English days with an ordinal suffix

@pytest.mark.parametrize("written, date", [("March 1st, 2022", PartialDate(2022, 3, 1)),
                                           ("March 2nd 2022", PartialDate(2022, 3, 2)),
                                           ("23rd March 2022", PartialDate(2022, 3, 23))])
def test_an_english_day_with_an_ordinal_suffix_is_a_date(written, date):
    # g03: 'date "March 1st, 2022" is not a date'
    assert parse_date(written) == date
    page = variant(DATES, f"  • Date de début\n    {written}\n  • Date de fin\n    2024\n")
    assert read(page).start == date


# ----- remarks after the countries and the amount reach the page's notes (round 7: b15, b08)

def test_a_remark_after_the_countries_is_left_out_with_a_note_on_idf_and_innovation_pages():
    # the list was refused: unknown country "notamment la région frontalière de Roraima"
    remark = "notamment la région frontalière de Roraima"
    page = variant("    Argentine\nAvec", f"    Argentine, Brésil, {remark}\nAvec")
    project = read(page)
    assert project.eligible_countries == ["AR", "BR"]
    assert (line_of(page, f"    Argentine, Brésil, {remark}"), f'"{remark}" after the countries is a remark on '
            "them, no country: left out of the record") in notes(project)
    page = variant("Uruguay |", f"Uruguay, {remark} |", INNOVATION)
    project = read(page, "003.txt")
    assert "UY" in project.other_countries and any(remark in note for _, note in notes(project))


def test_a_part_of_the_amount_after_dont_is_noted_on_idf_and_innovation_pages():
    # it was left out without a word
    page = variant("    300000.00\n", "    300000.00 USD, dont 50 000 USD du gouvernement\n")
    project = read(page)
    assert project.budget == Money(Decimal("300000.00"), "USD")
    assert any("dont 50 000 USD du gouvernement" in note for _, note in notes(project))
    page = variant("400 000 dollars É.-U. |", "400 000 dollars É.-U., dont 100 000 de l'État |", INNOVATION)
    assert any("dont 100 000" in note for _, note in notes(read(page, "003.txt")))

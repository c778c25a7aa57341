"""IDF and innovation pages of the eighth round of unseen pages: a second page under a short first one, a duration
the dates contradict, empty fields, a remark after a code, weekdays before dates, a revised budget. One test per
finding."""

from __future__ import annotations

import pytest

from tests.conftest import line_of, refused_as, seed
from tests.test_round7_idf import read, variant

IDF = seed("000").read_text(encoding="utf-8")  # bulleted labels over indented values
INNOVATION = seed("003").read_text(encoding="utf-8")
DESCRIPTION = ("Le projet vise à renforcer les capacités des autorités nationales en matière de gouvernance des "
               "migrations, par l’élaboration d’une stratégie nationale et la formation de fonctionnaires.")


def short_page(title: str, fields: dict[str, str]) -> str:
    """An IDF page of a title, bulleted fields and the seed's description."""
    bullets = "".join(f"  • {label}\n    {value}\n" for label, value in fields.items())
    return f"{title}\n\n{bullets}{DESCRIPTION}\n"


# ----- A1: a second page under a short first page is refused where it starts, not merged into the first

@pytest.mark.parametrize("first", [
    {"Projet ID": "PO.0901", "Budget Amount (USD)": "100000.00"},
    {"Prima ID": "XX10P0001", "Projet ID": "PO.0901"},
    {"Projet ID": "PO.0901", "Etat(s) membre(s) beneficiaires remplissant les conditions requises": "Bénin"},
])
def test_a_second_page_under_a_short_first_page_is_refused_where_it_starts(first):
    # the second page's fields the first did not give were read as the first page's (its dates, status, countries)
    second = short_page("Togo : Un autre projet", {
        "Date de début": "2022", "Date de fin": "2024", "Statut du projet": "Actif", **dict.fromkeys(first, "PO.0902"),
        "Couverture": "National", "Etat(s) membre(s) beneficiaires remplissant les conditions requises": "Togo"})
    page = short_page("Bénin : Appui à la politique migratoire", first) + "\n" + second
    error = refused_as(page, "000.txt")
    start = line_of(page, "Togo : Un autre projet")
    assert error.line == start
    assert error.message.startswith(f'a second project page starts on line {start} ("Togo : Un autre projet")')


def test_a_short_page_whose_description_gives_a_field_late_is_still_one_page():
    page = short_page("Bénin : Appui", {"Projet ID": "PO.0901", "Budget Amount (USD)": "100000.00"})
    page += "  • Prima ID\n    BJ10P0001\n"
    project = read(page)
    assert project.code == "PO.0901" and project.prima_id == "BJ10P0001"


# ----- A5: a length the start and end dates contradict is refused, naming both lines; a year or a month allows any
# of its days

def dated(duration: str, start: str, end: str) -> str:
    """The innovation seed with its DURÉE row and date rows after its CODE row."""
    page = INNOVATION.replace("DURÉE: 24 mois |", f"DURÉE: {duration} |", 1)
    return variant("CODE: IS.0077 |", f"CODE: IS.0077 |\nDATE DE DÉBUT: {start} |\nDATE DE FIN: {end} |", page)


@pytest.mark.parametrize(("duration", "start", "end", "spans"), [
    ("12 mois", "1er janvier 2022", "30 juin 2023", "(2022-01-01 – 2023-06-30) span 18 months"),
    ("12 mois", "2022", "2025", "(2022 – 2025) span 24 to 48 months"),
    ("36 mois", "mars 2022", "février 2023", "(2022-03 – 2023-02) span 10 to 12 months"),
])
def test_an_innovation_duration_the_dates_contradict_is_refused(duration, start, end, spans):
    page = dated(duration, start, end)
    error = refused_as(page, "003.txt")
    assert error.line == line_of(page, "DURÉE")
    assert error.message == (f'row "DURÉE: {duration}" gives a duration of {duration.split()[0]} months, and the start '
                             f"date on line {line_of(page, 'DATE DE DÉBUT')} and the end date on line "
                             f"{line_of(page, 'DATE DE FIN')} {spans}")


@pytest.mark.parametrize(("duration", "start", "end"), [
    ("18 mois", "1er janvier 2022", "30 juin 2023"),
    ("24 mois", "2022", "2025"),  # 31 décembre 2022 – 1er janvier 2025: 24 months and two days
    ("24 mois", "1er mars 2022", "1er mars 2024"),  # the last day counted or not
    ("24 mois", "mars 2022", "février 2024"),
    ("12 mois", "2022", "2022"),
])
def test_an_innovation_duration_the_dates_allow_is_read(duration, start, end):
    project = read(dated(duration, start, end), "003.txt")
    assert project.duration_months == int(duration.split()[0])


def test_an_idf_duration_the_date_fields_contradict_is_refused():
    page = variant("    2022\n  • Date de fin\n    2024\n", "    1er janvier 2022\n  • Date de fin\n    30 juin 2023\n")
    page = variant("  • Statut du projet\n", "  • Durée\n    12 mois\n  • Statut du projet\n", page)
    error = refused_as(page, "000.txt")
    assert error.line == line_of(page, "    12 mois")
    assert error.message.startswith('field "Durée" gives a duration of 12 months, and the start date on line 4 and '
                                    "the end date on line 6 (2022-01-01 – 2023-06-30) span 18 months")


# ----- B6: an empty field among the others is left out with a note; one at the very end still says the page may be
# cut short

@pytest.mark.parametrize(("old", "new", "label"), [
    ("  • Type de projet\n    Activités de politique migratoire\n", "  • Type de projet\n", "Type de projet"),
    ("  • Couverture\n    National\n", "  • Couverture\n\n", "Couverture"),
    ("  • Prima ID\n    AR10P0514\n", "  • Prima ID\n", "Prima ID"),
])
def test_an_empty_idf_field_among_the_others_is_left_out_with_a_note(old, new, label):
    page = variant(old, new)
    project = read(page)
    assert (line_of(page, f"  • {label}"), f'field "{label}" is empty: left out of the record') in project.notes
    assert project.code == "PO.0181" and project.eligible_countries == ["AR"]


def test_an_empty_idf_field_at_the_end_of_the_page_still_says_it_may_be_cut_short():
    error = refused_as(IDF[:IDF.index("    Argentine")], "000.txt")
    assert "has no value" in error.message and "cut short" in error.hint


def test_an_empty_innovation_row_among_the_others_is_left_out_with_a_note():
    page = variant("DURÉE: 24 mois |", "DURÉE:  |", INNOVATION)
    project = read(page, "003.txt")
    assert (line_of(page, "DURÉE"), 'field "DURÉE" is empty: left out of the record') in project.notes
    assert project.duration_months is None and project.code == "IS.0077"


def test_an_empty_last_innovation_row_is_still_refused():
    error = refused_as(variant("CODE: IS.0077 |", "CODE: |", INNOVATION), "003.txt")
    assert error.message == 'row "CODE: |" has no value'


# ----- B9: a remark after a project code is left out with a note, in both families; the code names the IRI

@pytest.mark.parametrize(("old", "new", "name", "code"), [
    ("CODE: IS.0077 |", "CODE: IS.0077 (Phase II) |", "003.txt", "IS.0077"),
    ("CODE: IS.0077 |", "CODE: IS.0077 – phase 2 |", "003.txt", "IS.0077"),
    ("    PO.0181\n", "    PO.0181 (Phase II)\n", "000.txt", "PO.0181"),
])
def test_a_remark_after_a_code_is_left_out_with_a_note(old, new, name, code):
    page = variant(old, new, INNOVATION if name == "003.txt" else IDF)
    project = read(page, name)
    value = new.strip(" |\n")
    assert project.code == code
    assert (line_of(page, new.rstrip("\n")), f'project code "{value.removeprefix("CODE: ")}" is read as "{code}": '
            "the remark on it is left out of the record") in project.notes


# ----- B7: a day's name before a date is read as the date, as the NGO family reads its periods

@pytest.mark.parametrize(("value", "iso"), [
    ("lundi 3 janvier 2022", "2022-01-03"),
    ("Lundi, 3 janvier 2022", "2022-01-03"),
    ("Monday, 3 January 2022", "2022-01-03"),
    ("depuis le lundi 3 janvier 2022", "2022-01-03"),
])
def test_a_date_with_its_day_name_is_read(value, iso):
    project = read(variant("  • Date de début\n    2022\n", f"  • Date de début\n    {value}\n"))
    assert project.start.iso() == iso


def test_both_dates_with_their_day_names_in_one_innovation_row_are_read():
    page = variant("CODE: IS.0077 |", "CODE: IS.0077 |\nDATE DE DÉBUT: du lundi 3 janvier 2022 au samedi 31 décembre "
                   "2022 |", variant("DURÉE: 24 mois |\n", "", INNOVATION))
    project = read(page, "003.txt")
    assert (project.start.iso(), project.end.iso()) == ("2022-01-03", "2022-12-31")


# ----- C4: two innovation pages in one file: refused where the second starts, as the other families refuse them

@pytest.mark.parametrize(("between", "start", "heading"), [
    ("\n", "Éléments d’innovation", None),
    ("\nMaroc : Une autre plateforme\n", "Maroc : Une autre plateforme", "Éléments d’innovation"),
])
def test_a_second_innovation_page_is_refused_where_it_starts(between, start, heading):
    second = INNOVATION[INNOVATION.index("Éléments d’innovation"):].replace("IS.0077", "IS.0078")
    page = INNOVATION.rstrip("\n") + "\n" + between + second
    error = refused_as(page, "003.txt")
    number = [n for n, text in enumerate(page.split("\n"), 1) if text.startswith(start)][-1 if heading is None else 0]
    assert error.line == number
    which = "" if heading is None else f' (line {number + 1}: "{heading}")'
    assert error.message == (f'a second project page starts on line {number} ("{start}"), after this page\'s table, '
                             f"giving its sections again{which}")


# ----- B8: a revised budget given as a field of its own is the budget; the first one is left out with a note

@pytest.mark.parametrize("label", ["Budget révisé (USD)", "Revised budget (USD)", "Budget révisé (EUR)"])
def test_a_revised_idf_budget_is_the_budget_and_the_first_is_noted(label):
    page = variant("  • Couverture\n", f"  • {label}\n    350000.00\n  • Couverture\n")
    project = read(page)
    currency = "EUR" if "EUR" in label else "USD"
    assert (str(project.budget.amount), project.budget.currency) == ("350000.00", currency)
    revised = line_of(page, "    350000.00")
    assert (line_of(page, "    300000.00"), f'field "Budget Amount (USD)" gives 300000.00 USD, and line {revised} the '
            f"revised budget, 350000.00 {currency}: the revised one is the budget, the first is left out of the "
            "record") in project.notes


@pytest.mark.parametrize("row", ["MONTANT RÉVISÉ: 450 000 dollars É.-U. |", "MONTANT RÉVISÉ (USD): 450 000 |"])
def test_a_revised_innovation_budget_is_the_budget_and_the_first_is_noted(row):
    page = variant("CODE: IS.0077 |", f"{row}\nCODE: IS.0077 |", INNOVATION)
    project = read(page, "003.txt")
    assert (project.budget.amount, project.budget.currency) == (450000, "USD")
    assert (line_of(page, "MONTANT DU FINANCEMENT"), 'field "MONTANT DU FINANCEMENT" gives 400000 USD, and line '
            f"{line_of(page, 'MONTANT RÉVISÉ')} the revised budget, 450000 USD: the revised one is the budget, the "
            "first is left out of the record") in project.notes


def test_a_revised_idf_budget_with_no_currency_is_refused_not_left_out():
    page = variant("  • Couverture\n", "  • Budget révisé\n    350000.00\n  • Couverture\n")
    error = refused_as(page, "000.txt")
    assert (error.line, error.message) == (line_of(page, "    350000.00"), 'amount "350000.00" gives no currency')


def test_a_duration_beside_dates_at_the_ends_of_the_calendar_is_read_or_refused_in_one_line():
    # a date's last day was found with the standard library's dates, which stop at 9999-12-31
    page = dated("24 mois", "2022", "31 décembre 9999")
    error = refused_as(page, "003.txt")
    assert error.line == line_of(page, "DURÉE") and "gives a duration of 24 months" in error.message

"""Round 10's NGO pages copied from PDF, Word and CMS exports: role lines of two columns flattened onto one, names
wrapped or bulleted in columns, budgets by phase, US dates and extensions in the period (each failed before its fix)."""

from __future__ import annotations

import pytest

from converters.records import Role
from tests.conftest import page_with, read_page, refused_as

PAGE = """Exprimer mon avis

PROJET TEST Retour vers les projets


Durée du projet:

Jan 2021 Déc 2023

Partager le projet sur

Objectif général

Promouvoir l’inclusion des migrants

Objectifs spécifiques

  • Renforcer les capacités des municipalités
  • Améliorer l’accès aux services

Plus de détails

Zone d’intervention : Gouvernorat de Sfax

Cofinancé par : L’Union Européenne

Réalisé par : Terre d’Asile Tunisie

Partenaires stratégiques : Association Amal

 Résultats attendus :

R1 Les capacités des municipalités sont renforcées.

R2 L’accès des migrants aux services est amélioré.

Régions bénéficiaires

Sfax
"""
ROLES = "Cofinancé par : L’Union Européenne\n\nRéalisé par : Terre d’Asile Tunisie\n\n" \
        "Partenaires stratégiques : Association Amal\n"


def _names(project) -> list[tuple[Role, str]]:
    return [(p.role, p.organisation.name) for p in project.participations]


def _notes(project) -> str:
    return "\n".join(note for _, note in project.notes)


# --- two role lines of a PDF's two columns, flattened onto one -------------------------------------------

@pytest.mark.parametrize("line", [
    "Cofinancé par : L’Union Européenne          Réalisé par : Terre d’Asile Tunisie",
    "Cofinancé par : L’Union Européenne Réalisé par : Terre d’Asile Tunisie",
])
def test_two_role_lines_on_one_line_are_two(line):
    project = read_page(page_with(PAGE, ROLES, line + "\n\nPartenaires stratégiques : Association Amal\n"))
    names = _names(project)
    assert (Role.IMPLEMENTER, "Terre d’Asile Tunisie") in names
    assert not any("Réalisé" in name for _, name in names)
    assert [role for role, _ in names] == [Role.CO_FUNDER, Role.IMPLEMENTER, Role.STRATEGIC_PARTNER]


def test_a_colon_in_a_contact_line_parts_nothing():
    page = page_with(PAGE, "Partenaires stratégiques : Association Amal\n",
                     "Partenaires stratégiques : Association Amal\n\nContact : 12 Rue X. Tél : +216 71 123 456\n")
    assert read_page(page).contact is not None


# --- partners bulleted in two columns -------------------------------------------------------------------

def test_bullets_inside_a_line_part_its_names():
    page = page_with(PAGE, "Partenaires stratégiques : Association Amal\n",
                     "Partenaires :\n• Association Amal              • Association Sanad\n"
                     "• Caritas Tunisie               • FTDES\n")
    partners = [name for role, name in _names(read_page(page)) if role is Role.PARTNER]
    assert partners == ["Association Amal", "Association Sanad", "Caritas Tunisie", "FTDES"]


# --- a name wrapped over two lines ----------------------------------------------------------------------

@pytest.mark.parametrize("lines", [
    "Partenaires stratégiques : Association Tunisienne de\nCoopération pour le Développement (ATCD), Union "
    "Tunisienne de Solidarité Sociale (UTSS)\n",
    "Partenaires stratégiques :\nAssociation Tunisienne pour\nle Développement (ATCD)\nUnion Tunisienne de Solidarité "
    "Sociale (UTSS)\n",
])
def test_a_name_wrapped_over_two_lines_is_one(lines):
    page = page_with(PAGE, "Partenaires stratégiques : Association Amal\n", lines)
    partners = [name for role, name in _names(read_page(page)) if role is Role.STRATEGIC_PARTNER]
    assert len(partners) == 2
    assert partners[0].startswith("Association Tunisienne") and partners[0].endswith("Développement")


def test_names_one_a_line_stay_apart():
    page = page_with(PAGE, "Partenaires stratégiques : Association Amal\n",
                     "Partenaires :\nAssociation Amal\nCaritas Tunisie\n")
    partners = [name for role, name in _names(read_page(page)) if role is Role.PARTNER]
    assert partners == ["Association Amal", "Caritas Tunisie"]


# --- B-14: a budget by phase ---------------------------------------------------------------------------------

def test_a_budget_by_phase_is_their_total_noted():
    page = page_with(PAGE, " Résultats attendus", "Budget : Phase I : 200 000 EUR ; Phase II : 150 000 EUR\n\n"
                                                  " Résultats attendus")
    project = read_page(page)
    assert (project.budget.amount, project.budget.currency) == (350000, "EUR")
    assert "total of its phases" in _notes(project)


# --- B-24: US dates in the period ----------------------------------------------------------------------------

@pytest.mark.parametrize(("period", "start", "end"), [
    ("03/15/2021 - 03/14/2023", "2021-03-15", "2023-03-14"),
    ("03/01/2021 - 12/31/2023", "2021-03-01", "2023-12-31"),  # one date tells the page's order: both read so
])
def test_dates_written_month_first_are_read_so_noted(period, start, end):
    project = read_page(page_with(PAGE, "Jan 2021 Déc 2023", period))
    assert (project.start.iso(), project.end.iso()) == (start, end)
    assert "month first" in _notes(project)


def test_dates_written_day_first_stay_so():
    project = read_page(page_with(PAGE, "Jan 2021 Déc 2023", "03/01/2021 - 31/12/2023"))
    assert (project.start.iso(), project.end.iso()) == ("2021-01-03", "2023-12-31")
    assert "month first" not in _notes(project)


def test_a_period_mixing_both_orders_is_refused_in_one_line():
    error = refused_as(page_with(PAGE, "Jan 2021 Déc 2023", "03/15/2021 - 14/03/2023"), "x.txt")
    assert error.line == 8 and "month first" in error.message and "day first" in error.message


# --- C-8: an extension line under the period -----------------------------------------------------------------

def test_an_extension_line_gives_the_end_noted():
    page = page_with(PAGE, "Jan 2021 Déc 2023\n", "Jan 2021 Déc 2023\n\nProlongation sans coût jusqu’au 31/12/2024\n")
    project = read_page(page)
    assert project.end.iso() == "2024-12-31"
    assert "extends the project" in _notes(project) and "2023-12" in _notes(project)


# --- ISO 3166-2 codes in brackets after a zone's names --------------------------------------------------

@pytest.mark.parametrize(("zone", "codes"), [
    ("Tunis (TN-11), Sfax (TN-61)", ["TN-11", "TN-61"]),
    ("Gouvernorats de Tunis (TN-11) et de Sfax (TN-61)", ["TN-11", "TN-61"]),
    ("Gouvernorat de Sfax (TN-61)", ["TN-61"]),
])
def test_a_subdivision_code_in_brackets_names_its_subdivision(zone, codes):
    project = read_page(page_with(PAGE, "Gouvernorat de Sfax\n", zone + "\n"))
    assert [area.code for area in project.intervention_areas] == codes
    assert "ISO 3166-2 codes" in _notes(project)


def test_a_code_naming_another_subdivision_is_refused_in_one_line():
    error = refused_as(page_with(PAGE, "Gouvernorat de Sfax\n", "Tunis (TN-61)\n"), "x.txt")
    assert "TN-61 is Sfax" in error.message and error.line == 23


# --- B-21: a zone's line wrapped over two --------------------------------------------------------------------

@pytest.mark.parametrize("zone", [
    "Gouvernorats de Tunis, de l’Ariana, de Ben Arous\net de la Manouba",
    "Gouvernorats de Tunis, de l’Ariana\n, de Ben Arous et de la Manouba",
])
def test_a_zone_line_wrapped_goes_on_on_the_next(zone):
    project = read_page(page_with(PAGE, "Gouvernorat de Sfax\n", zone + "\n"))
    assert [area.code for area in project.intervention_areas] == ["TN-11", "TN-12", "TN-13", "TN-14"]


def test_a_line_under_the_zone_that_does_not_go_on_is_no_area():
    page = page_with(PAGE, "Gouvernorat de Sfax\n", "Gouvernorat de Sfax\ndepuis 2020, avec les municipalités\n")
    assert [area.code for area in read_page(page).intervention_areas] == ["TN-61"]


# --- B-23: Word's bullets and sub-bullets, an image and its caption among the results ----------------------------

RESULTS = "R1 Les capacités des municipalités sont renforcées.\n\nR2 L’accès des migrants aux services est amélioré.\n"


@pytest.mark.parametrize("results", [
    "\uf0b7 Les capacités des municipalités sont renforcées\no 25 agents formés\no 2 guichets ouverts\n"
    "\u27a2 L’accès des migrants aux services est amélioré\n",
    "\uf0b7\tLes capacités des municipalités sont renforcées\n\to\t25 agents formés\n\to\t2 guichets ouverts\n"
    "\uf0b7\tL’accès des migrants aux services est amélioré\n",
])
def test_word_bullets_and_sub_bullets_are_numbered_results(results):
    project = read_page(page_with(PAGE, RESULTS, results))
    assert [(r.notation, r.text) for r in project.expected_results] == [
        ("R1", "Les capacités des municipalités sont renforcées (25 agents formés ; 2 guichets ouverts)"),
        ("R2", "L’accès des migrants aux services est amélioré")]


def test_an_image_and_its_caption_among_the_results_are_left_out_noted():
    page = page_with(PAGE, RESULTS, "R1 Les capacités des municipalités sont renforcées.\n\n"
                                    "![Atelier](https://example.org/a.jpg)\nPhoto : atelier de formation © CIES\n\n"
                                    "R2 L’accès des migrants aux services est amélioré.\n")
    project = read_page(page)
    assert [r.notation for r in project.expected_results] == ["R1", "R2"]
    # the shared line reader (copied_text) leaves the image and its caption out, with its one note; the list's own
    # check (ngo_lists, for an image the reader keeps) says "image or its caption"
    notes = _notes(project)
    assert "![Atelier]" in notes and ("image or its caption" in notes or "a web page's leftover" in notes)
    assert "Photo : atelier" not in " ".join(r.text for r in project.expected_results)


# --- A-10 (a): an association's name listing its themes after a comma -------------------------------------------

@pytest.mark.parametrize(("value", "names"), [
    ("Associação Lusofonia, Cultura e Cidadania", ["Associação Lusofonia, Cultura e Cidadania"]),
    ("Association Culture, Développement et Solidarité", ["Association Culture, Développement et Solidarité"]),
    ("Association Amal, Oxfam et Caritas", ["Association Amal", "Oxfam et Caritas"]),  # no themes: as before
    ("Association Amal, Caritas et FTDES", ["Association Amal", "Caritas", "FTDES"]),
])
def test_an_association_listing_its_themes_is_one_name(value, names):
    page = page_with(PAGE, "Réalisé par : Terre d’Asile Tunisie", "Réalisé par : " + value)
    assert [name for role, name in _names(read_page(page)) if role is Role.IMPLEMENTER] == names

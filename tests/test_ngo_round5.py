"""NGO pages found by the fifth round of unseen pages: files that are no one project's page, zones, contact lines and
amounts as these pages write them (each case failed or misread before its fix)."""

from __future__ import annotations

import pytest

from converters.errors import PageError
from converters.values import parse_money
from tests.conftest import line_of, refused_as, seed
from tests.test_ngo_variants import _page, _read

NGO = seed("002").read_text(encoding="utf-8")
TITLE = "I-MIGR Retour vers les projets"
FOOTER = "Supporté par"


# --- files that are no one project's page ----------------------------------------------------------------------

def test_two_project_pages_in_one_file_are_refused_at_the_second():
    # read as one project with the objectives, areas and partners of both (or refused by accident, "region … is
    # ambiguous", where the second's areas clashed with the first's)
    head, _, _ = NGO.partition(FOOTER)
    second = _page(TITLE, "Sfax Accueil Retour vers les projets")
    page = head + second
    error = refused_as(page, "two.txt")
    start = page.split("\n").index("Sfax Accueil Retour vers les projets") + 1
    assert error.line == start and error.hint == "give one page per file"
    assert error.message.startswith(f'a second project page starts on line {start} ("Sfax Accueil Retour vers les '
                                    f'projets"), after the one of line {line_of(page, TITLE)}')


def test_a_list_of_projects_is_refused():
    entries = "\n".join(f"{name} Retour vers les projets\nDurée du projet:\nJan 2020 Dec 2021\nObjectif général\n"
                        f"Aider les migrants\nZone d’intervention : Tunis\nRéalisé par : Association Amal\n"
                        for name in ("Sfax Accueil", "Voix de Femmes", "Passerelles"))
    page = "Exprimer mon avis\n\nNos projets\n\n" + entries
    error = refused_as(page, "list.txt")
    assert error.line == line_of(page, "Voix de Femmes") and "holds 3 project titles" in error.message


def test_a_news_article_is_no_project_page():
    # read as a project, its title "Lancement du projet … Retour vers les actualités"
    page = _page(TITLE, "Lancement du projet I-MIGR Retour vers les actualités")
    error = refused_as(page, "news.txt")
    assert error.line == line_of(page, "Lancement du projet")
    assert error.message.startswith('no converter recognises this page: its title links back to "actualités", not to '
                                    "the projects")


def test_a_job_offer_is_no_project_page():
    page = _page(TITLE, "Offre d’emploi – Chargé(e) de projet « I-MIGR » Retour vers les projets")
    error = refused_as(page, "job.txt")
    assert error.line == line_of(page, "Offre d’emploi")
    assert error.message.startswith("no converter recognises this page: its title is a job offer's")


def test_a_project_about_recruitment_is_a_project():
    assert _read(_page(TITLE, "Recrutement équitable des migrants Retour vers les projets")).title == (
        "Recrutement équitable des migrants")




# --- amounts -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, amount, currency", [
    ("45 000 € H.T.", 45000, "EUR"), ("45 000 € T.T.C.", 45000, "EUR"),  # unknown currency "€ h.t."
    ("1 200 000 MAD [≈ 110 000 €]", 1200000, "MAD"),  # "gives more than one number": a remark in square brackets
])
def test_amounts_with_taxes_in_dots_and_remarks_in_square_brackets(written, amount, currency):
    money = parse_money(written, None, 1)
    assert (money.amount, money.currency) == (amount, currency)


def test_the_years_a_budget_is_over_are_left_out_with_a_note():
    # "gives more than one number"
    line = next(line for line in NGO.split("\n") if line.startswith("Zone d’intervention"))
    page = _page(line, line + "\n\nBudget : 300 000 € sur 3 ans")
    project = _read(page)
    assert (project.budget.amount, project.budget.currency) == (300000, "EUR")
    assert (line_of(page, "Budget"), 'amount "300 000 € sur 3 ans": "sur 3 ans" left out, the amount read as the '
                                     "project's budget") in project.notes


@pytest.mark.parametrize("written, message", [
    # "unknown currency "usd par an"": an amount a year is no project's budget
    ("50 000 USD par an", 'amount "50 000 USD par an" is an amount a year, not the project\'s budget'),
    ("20 000 € par mois", "is an amount a month, not the project's budget"),
    # "unknown currency "€ maximum par projet"": the words after it are to blame, not the currency
    ("50 000 € maximum par projet", 'goes on after its currency: "maximum par projet" is no part of an amount'),
])
def test_amounts_that_are_no_budget_or_go_on_after_their_currency(written, message):
    with pytest.raises(PageError, match=message):
        parse_money(written, None, 1)


# --- contact lines -----------------------------------------------------------------------------------------------

CONTACT = next(line for line in NGO.split("\n") if line.startswith("Contact"))


@pytest.mark.parametrize("written, contact", [
    # no contact: the lines were "no field the euromed-ngo converter reads", the address dropped without a word
    ("Contact :\nAvenue Hassan II, n° 45, Rabat\nTél : +212 5 37 70 11 22\nEmail : amerm@menara.ma\n",
     ("Avenue Hassan II, n° 45, Rabat", "+212 5 37 70 11 22", None, "amerm@menara.ma")),
    # dropped without a word
    ("Contact\nasticude@gmail.com\n", (None, None, None, "asticude@gmail.com")),
    ("Contact\n\nasticude@gmail.com\n\nLes activités reprendront en septembre prochain dans tous les quartiers de "
     "la ville et des environs.\n", (None, None, None, "asticude@gmail.com")),
])
def test_a_contact_label_or_heading_with_its_parts_on_the_lines_under_it(written, contact):
    page = _page(CONTACT, written)
    project = _read(page)
    found = project.contact
    assert (found.address, found.telephone, found.fax, found.email) == contact
    assert not [note for number, note in project.notes if number > line_of(page, "Contact")
                and "no field" in note]
    assert project.lines["contact"] == line_of(page, "Contact")

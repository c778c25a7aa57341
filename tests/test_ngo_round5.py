"""NGO pages found by the fifth round of unseen pages: files that are no one project's page, zones, contact lines and
amounts as these pages write them (each case failed or misread before its fix)."""

from __future__ import annotations

from converters import convert
from tests.conftest import line_of, refused_as, seed

NGO = seed("002").read_text(encoding="utf-8")
TITLE = "I-MIGR Retour vers les projets"
FOOTER = "Supporté par"


def _page(old: str, new: str, page: str = NGO) -> str:
    assert old in page
    return page.replace(old, new, 1)


def _read(page: str):
    return convert(page.encode(), "ngo.txt")


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



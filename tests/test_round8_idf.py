"""IDF and innovation pages of the eighth round of unseen pages: a second page under a short first one, a duration
the dates contradict, empty fields, a remark after a code, weekdays before dates, a revised budget. One test per
finding."""

from __future__ import annotations

import pytest

from converters import convert
from tests.conftest import line_of, refused_as, seed

IDF = seed("000").read_text(encoding="utf-8")  # bulleted labels over indented values
INNOVATION = seed("003").read_text(encoding="utf-8")
DESCRIPTION = ("Le projet vise à renforcer les capacités des autorités nationales en matière de gouvernance des "
               "migrations, par l’élaboration d’une stratégie nationale et la formation de fonctionnaires.")


def variant(old: str, new: str, page: str = IDF) -> str:
    """The page with its first `old` replaced by `new`."""
    changed = page.replace(old, new, 1)
    assert changed != page, old
    return changed


def read(page: str, name: str = "000.txt"):
    return convert(page.encode(), name)


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

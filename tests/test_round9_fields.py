"""Round 9: separators, tables and footnotes in lists and descriptions, each text's own language, status wordings,
lower-case codes, the innovation page's title and status, qualified amounts, amounts in words and figures, one
budget per project, and the site's "Mise à jour le …" line."""

from __future__ import annotations

import pytest

from converters import convert
from converters.errors import PageError
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")
NGO = seed("002").read_text(encoding="utf-8")
NGO_LAST_ACTIVITY = "Un évènement de lancement et un de clôture sont prévus."
IDF_DESCRIPTION_END = "fournira du matériel de bureau à ces institutions locales de la migration."


def _page(page: str, old: str, new: str) -> str:
    assert old in page
    return page.replace(old, new, 1)


def _read(page: str, name: str = "x.txt"):
    return convert(page.encode("utf-8"), name)


def _notes(project) -> str:
    return "\n".join(note for _, note in project.notes)


# A4, C3, C5: a rule line, a table and a footnote are no list items, and a rule is no description text.

@pytest.mark.parametrize("rule", ["______________________________", "----------", "=====", "***", "* * *", "———"])
def test_a_rule_among_ngo_activities_is_no_activity(rule):
    plain = _read(NGO)
    project = _read(_page(NGO, NGO_LAST_ACTIVITY, f"{NGO_LAST_ACTIVITY}\n{rule}"))
    assert project.activities == plain.activities


def test_a_footnote_among_ngo_activities_is_no_activity_and_is_noted():
    plain = _read(NGO)
    project = _read(_page(NGO, NGO_LAST_ACTIVITY, f"{NGO_LAST_ACTIVITY} [1]\n[1] Adresse active jusqu’en 2025."))
    assert len(project.activities) == len(plain.activities)
    assert 'footnote "[1] Adresse active jusqu’en 2025." is none of the activities' in _notes(project)


def test_a_table_under_an_ngo_activity_is_that_activity_s_text():
    plain = _read(NGO)
    table = "| Activité | Mois |\n|---|---|\n| Étude | 1-6 |\n| Atelier | 7-9 |"
    project = _read(_page(NGO, NGO_LAST_ACTIVITY, f"{NGO_LAST_ACTIVITY}\n{table}"))
    assert len(project.activities) == len(plain.activities)
    assert project.activities[-1].text.endswith(
        "prévus. (Activité : Étude ; Mois : 1-6) (Activité : Atelier ; Mois : 7-9)")


@pytest.mark.parametrize("rule", ["----------------------------------------", "________________", "==========", "* * *"])
def test_a_rule_in_an_idf_description_is_left_out(rule):
    project = _read(_page(IDF, IDF_DESCRIPTION_END, f"{IDF_DESCRIPTION_END}\n{rule}\nUne phrase de plus."))
    assert project.description.endswith(f"{IDF_DESCRIPTION_END}\nUne phrase de plus.")


def test_a_short_dash_line_and_a_table_rule_stay_what_they_were():
    # "- 2 -" is a page number and "--" no rule (three characters at least)
    project = _read(_page(IDF, IDF_DESCRIPTION_END, f"{IDF_DESCRIPTION_END}\n-- fin"))
    assert project.description.endswith("\n-- fin")

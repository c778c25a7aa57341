"""Round 8: a label's colon on the value's line, Markdown headings, the NGO pages written in English, a revised
budget, an organisation's translation or Arabic name in brackets, and a zone given twice."""

from __future__ import annotations

import pytest

from converters import convert
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")
NGO = seed("002").read_text(encoding="utf-8")
NGO_IMPLEMENTER = "Réalisé par : Le Centre d’Information et d’Education au Développement – CIES Onlus"


def _page(page: str, old: str, new: str) -> str:
    assert old in page
    return page.replace(old, new, 1)


def _read(page: str, name: str = "x.txt"):
    return convert(page.encode("utf-8"), name)


def _names(project) -> list[str]:
    return [participation.organisation.name for participation in project.participations]


# B5: a label alone on its line, then its value on the next line after a colon (": Europe du Sud-Est…").

@pytest.mark.parametrize("colon", [": ", ":", " : ", ":\t"])
def test_a_colon_before_an_idf_value_on_the_next_line_is_no_part_of_it(colon):
    page = _page(IDF, "  • IDF Region\n    Amérique latine et Caraïbes", f"  • IDF Region\n{colon}Europe du Sud-Est")
    assert _read(page).region == "Europe du Sud-Est"


@pytest.mark.parametrize("colon", [": ", ":", " : "])
def test_a_colon_before_an_ngo_role_s_names_on_the_next_line_is_no_part_of_them(colon):
    page = _page(NGO, NGO_IMPLEMENTER, f"Réalisé par\n{colon}Médecins du Monde Belgique")
    assert "Médecins du Monde Belgique" in _names(_read(page))


def test_a_line_starting_with_a_colon_after_text_is_kept_as_it_is():
    # not after a label: the colon is the text's (a description line)
    page = _page(IDF, "Avec 2,3 millions", ": Avec 2,3 millions")
    assert _read(page).description.startswith(": Avec 2,3 millions")

"""Pages saved from a Markdown copy, in every family: emphasis around labels and values, and pipe tables, read as the
plain page they render (each case failed or misread before its fix)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from converters import convert
from converters.pagelines import page_lines
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")  # bulleted labels over indented values
NGO = seed("002").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")


def read(page: str, name: str):
    return convert(page.encode(), name)


def same_record(page: str, original: str, name: str) -> None:
    expected, project = read(original, name), read(page, name)
    assert replace(project, source=expected.source) == expected
    assert project.notes == expected.notes


def idf_inline(page: str, mark: str) -> str:
    """The bulleted IDF page with each "  • Label" over "    value" written "**Label :** value" on one line."""
    return re.sub(r"^  • (.+)\n    (.+)$", rf"{mark}\1 :{mark} \2", page, flags=re.MULTILINE)


@pytest.mark.parametrize("mark", ["**", "__"])
@pytest.mark.parametrize("heading", ["", "# "], ids=["title", "markdown-heading"])
def test_an_idf_page_with_bold_labels_is_read_as_without(mark, heading):
    # "no converter recognises this page": "**Projet ID :** PO.0181" was no label
    page = heading + idf_inline(IDF, mark)
    assert "**Projet ID :** PO.0181" in idf_inline(IDF, "**")
    same_record(page, idf_inline(IDF, ""), "000.txt")


def test_an_ngo_page_with_bold_labels_is_read_as_without():
    # the zone, the implementer, the partners were left out, each noted as '"*Zone d’intervention :** …"'
    page = re.sub(r"^((?:Zone d’intervention|Cofinancé par|Réalisé par|Partenaires stratégiques|Autres partenaires)"
                  r"\s*:)", r"**\1**", NGO, flags=re.MULTILINE)
    assert page.count("**") == 10
    same_record(page, NGO, "002.txt")


def test_an_innovation_page_with_bold_row_keys_and_values_is_read_as_without():
    page = INNOVATION.replace("MISSION: Argentine |", "**MISSION:** *Argentine* |", 1)
    assert page != INNOVATION
    same_record(page, INNOVATION, "003.txt")


@pytest.mark.parametrize("written, text, bulleted", [
    ("* **Budget :** 300 000 USD", "Budget : 300 000 USD", True),  # a bullet before the emphasis
    ("***Statut :*** Actif", "Statut : Actif", False),
    ("**a** et **b**", "a et b", False),
    ("* item de 5* étoiles", "item de 5* étoiles", True),  # a star that marks nothing stays
    ("2 * 3 * 4", "2 * 3 * 4", False),
    ("fichier__nom__x", "fichier__nom__x", False),  # underscores inside a word mark nothing
])
def test_markdown_emphasis_is_no_part_of_a_line(written, text, bulleted):
    line = page_lines(written)[0]
    assert (line.text, line.bulleted) == (text, bulleted)


def markdown_table(page: str, header: str) -> str:
    """The innovation page with its "KEY: value |" table written as a Markdown table under `header`."""
    head, _, table = page.partition("INFORMATIONS SUR LE PROJET |\n---|\n")
    rows = [row.rstrip(" |").partition(":") for row in table.strip("\n").split("\n")]
    return head + header + "".join(f"| {key.strip()} | {value.strip()} |\n" for key, _, value in rows)


@pytest.mark.parametrize("header", [
    "| INFORMATIONS SUR LE PROJET | |\n|---|---|\n",  # the table's heading as its header row
    "| INFORMATIONS SUR LE PROJET |\n|---|\n",
    "INFORMATIONS SUR LE PROJET\n\n| Champ | Valeur |\n|:---|---:|\n",  # a header row of column names
], ids=["heading-header", "heading-one-column", "column-names"])
def test_an_innovation_page_with_a_markdown_table_is_read_as_without(header):
    # 'row "MISSION: Argentine" is under no INFORMATIONS SUR LE PROJET heading': the header row over "|---|---|" was
    # taken for column names and left out, though it was the table's heading
    page = markdown_table(INNOVATION, header)
    assert "| MISSION | Argentine |\n| ANNÉE | 2021 |" in page
    same_record(page, INNOVATION, "003.txt")

"""NGO pages' list sections: the objectives' and activities' items, a table's rows under an item, footnotes
left out, and the expected results labelled R1, R2… as the page labels them or numbers them."""

from __future__ import annotations

import re

from .errors import PageError
from .pagelines import Line
from .records import Activity, ExpectedResult
from .textnorm import clean, excerpt

_RESULT = re.compile(r"^(?:R\s?|r[ée]sultat\s+(?:n[°o]\s*)?)(?P<number>\d+)\s*[:.)\-]?\s*(?P<text>.+)$",
                     re.IGNORECASE)  # "R1 …", "Résultat 1 : …"
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})\s*[.)]\s+(?P<text>\S.*)$")  # an item of a numbered list: "1. …", "2) …"

_FOOTNOTE = re.compile(r"\[(?P<number>\d{1,3})\]\s*\S")  # "[1] Adresse active jusqu’en 2025.": a footnote
_ITEM_NAMES = {"general": "general objectives", "specific": "specific objectives", "results": "expected results",
               "activities": "activities"}


def table_rows(text: str) -> dict[int, list[str]]:
    """The page's rows of a table written with pipes, by line number: their cells ("| Étude | 1-6 |")."""
    return {number: [cell.strip() for cell in raw.strip().strip("|").split("|")]
            for number, raw in enumerate(clean(text, tabs=True).split("\n"), start=1) if raw.lstrip()[:1] == "|"}


def _header(rows: dict[int, list[str]], number: int) -> list[str] | None:
    """The cells of the header row of the table this row is in: the row over its rule ("|---|---|"), if any."""
    while number - 1 in rows:
        number -= 1
        if not "".join(rows[number]).strip("-: ") and number - 1 in rows:
            return rows[number - 1]
    return None


def list_lines(section: str, lines: list[Line], rows: dict[int, list[str]], notes: list) -> list[Line]:
    """A list's lines that are items: a table's row under an item goes into that item's text, its cells named by
    the table's header row ("Étude", "1-6" under "Activité", "Mois": "(Activité : Étude ; Mois : 1-6)"; the
    header and its rule are blank lines already), and a
    footnote ("[1] …") is no item: left out, with a note."""
    items: list[Line] = []
    for line in lines:
        names = _header(rows, line.number) if line.number in rows else None
        if names is not None and len(names) > 1:  # a row of a table with a header: a list written as a table
            cells = rows[line.number]  # of one column, or with no header, is a list's items, read as before
            named = len(names) == len(cells)
            row = " ; ".join(f"{name} : {cell}" if named and name else cell
                             for name, cell in zip(names if named else cells, cells, strict=True) if cell)
            if items and row:
                last = items[-1]
                items[-1] = Line.of(last.number, f"{last.text} ({row})", last.indent, last.bulleted)
            elif row:
                notes.append((line.number, f'table row "{excerpt(row, 60)}" before any of the {_ITEM_NAMES[section]} '
                                           "left out: a table's rows belong to the item above them"))
            continue
        if _FOOTNOTE.match(line.text):
            notes.append((line.number, f'footnote "{excerpt(line.text, 60)}" is none of the {_ITEM_NAMES[section]}: '
                                       "left out (a footnote belongs with the page's text, not in a list)"))
            continue
        items.append(line)
    return items


def items(lines: list[Line]) -> list[str]:
    """A list's items, a numbered list's without their numbers ("1. Former …" is "Former …", as "• Former …" is)."""
    numbered = bool(lines) and all(_NUMBERED.match(line.text) for line in lines)
    return [_item(_NUMBERED.sub(r"\g<text>", line.text) if numbered else line.text) for line in lines]


def _item(text: str) -> str:
    return text.rstrip(" ;.").strip() + ("." if text.rstrip(" ;").endswith(".") else "")


def results(lines: list[Line]) -> list[ExpectedResult]:
    """The expected results, labelled R1, R2… as the page labels them, or in their order when the page lists
    them with bullets and no labels at all."""
    if lines and all(line.bulleted and not _RESULT.match(line.text) for line in lines):
        return [ExpectedResult(f"R{number}", line.text.strip()) for number, line in enumerate(lines, start=1)]
    if lines and all(_NUMBERED.match(line.text) for line in lines):  # "1. …", "2) …": numbered as the page does
        return [ExpectedResult(f"R{int(match['number'])}", match["text"].strip())
                for line in lines if (match := _NUMBERED.match(line.text))]
    return [_result(line) for line in lines]


def _result(line: Line) -> ExpectedResult:
    match = _RESULT.match(line.text)
    if not match:
        raise PageError(f'expected result "{excerpt(line.text, 40)}" has no label such as R1',
                        "start each expected result with R1, R2, …", line=line.number)
    return ExpectedResult(f"R{int(match['number'])}", match["text"].strip())


def activity(text: str) -> Activity:
    """An activity, its title before " : " when it has one ("Formation : …")."""
    title, sep, body = text.partition(" : ")
    return Activity(body.strip(), title.strip()) if sep and len(title) < 200 else Activity(text)

"""NGO pages' list sections: the objectives' and activities' items, a table's rows under an item, footnotes
left out, and the expected results labelled R1, R2… as the page labels them or numbers them."""

from __future__ import annotations

import re

from .errors import PageError
from .pagelines import Line, named_row
from .records import Activity, ExpectedResult
from .textnorm import excerpt

_RESULT = re.compile(r"^(?:R\s?|r[ée]sultat\s+(?:n[°o]\s*)?)(?P<number>\d+)\s*[:.)\-]?\s*(?P<text>.+)$",
                     re.IGNORECASE)  # "R1 …", "Résultat 1 : …"
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})\s*[.)]\s+(?P<text>\S.*)$")  # an item of a numbered list: "1. …", "2) …"

_FOOTNOTE = re.compile(r"\[(?P<number>\d{1,3})\]\s*\S")  # "[1] Adresse active jusqu’en 2025.": a footnote
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")  # "![Atelier](https://…/a.jpg)": an image a CMS export left in place
# The caption under an image: "Photo : atelier …", "Crédit photo : …", "© CIES", "Légende : …"
_CAPTION = re.compile(r"(?:photo|cr[ée]dit|l[ée]gende|image|source|caption)s?\b|©", re.IGNORECASE)
# A sub-item's mark as Word pastes it ("o 25 agents formés" under "\uf0b7 Les capacités … renforcées"), alone or
# where a PDF's line joined it to its item's
_SUB_ITEM = re.compile(r"^o\s+(?=\S)")
_JOINED_SUB_ITEM = re.compile(r"\s+o\s+(?=\S)")
_ITEM_NAMES = {"general": "general objectives", "specific": "specific objectives", "results": "expected results",
               "activities": "activities"}


def list_lines(section: str, lines: list[Line], rows: dict[int, list[str]], notes: list) -> list[Line]:
    """A list's lines that are items: a table's row under an item goes into that item's text, its cells named by
    the table's header row ("Étude", "1-6" under "Activité", "Mois": "(Activité : Étude ; Mois : 1-6)"; the
    header and its rule are blank lines already), and a
    footnote ("[1] …") is no item: left out, with a note."""
    items: list[Line] = []
    image = None  # the number of the last image's line: the caption under it is no item either
    for line in lines:
        if _IMAGE.fullmatch(line.text) or image is not None and is_caption(image, line):
            image = line.number
            notes.append((line.number, f'"{excerpt(line.text, 60)}" is an image or its caption, none of the '
                                       f"{_ITEM_NAMES[section]}: left out"))
            continue
        row = named_row(rows, line.number)  # a row of a table with a header: a list written as a table of one
        if row is not None:  # column, or with no header, is a list's items, read as before
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


def is_caption(image: Line | int, line: Line) -> bool:
    """True for the line right under an image's (the line or its number) that is its caption ("Photo : … © CIES":
    no copyright of the site's, which would end the list it is in)."""
    number = image if isinstance(image, int) else image.number if _IMAGE.fullmatch(image.text) else None
    return number is not None and line.number == number + 1 and bool(_CAPTION.match(line.text))


def items(lines: list[Line]) -> list[str]:
    """A list's items, a numbered list's without their numbers ("1. Former …" is "Former …", as "• Former …" is)."""
    numbered = bool(lines) and all(_NUMBERED.match(line.text) for line in lines)
    return [_item(_NUMBERED.sub(r"\g<text>", line.text) if numbered else line.text) for line in lines]


def _item(text: str) -> str:
    return text.rstrip(" ;.").strip() + ("." if text.rstrip(" ;").endswith(".") else "")


def results(lines: list[Line]) -> list[ExpectedResult]:
    """The expected results, labelled R1, R2… as the page labels them, or in their order when the page lists
    them with bullets and no labels at all."""
    lines = _with_sub_items(lines)
    if lines and all(line.bulleted and not _RESULT.match(line.text) for line in lines):
        return [ExpectedResult(f"R{number}", line.text.strip()) for number, line in enumerate(lines, start=1)]
    if lines and all(_NUMBERED.match(line.text) for line in lines):  # "1. …", "2) …": numbered as the page does
        return [ExpectedResult(f"R{int(match['number'])}", match["text"].strip())
                for line in lines if (match := _NUMBERED.match(line.text))]
    return [_result(line) for line in lines]


def _with_sub_items(lines: list[Line]) -> list[Line]:
    """The bulleted items, each with the sub-items Word marks "o" under it (or bullets further in than it) in
    brackets ("Les capacités … sont renforcées (25 agents formés ; 2 guichets ouverts)"); the lines as they are
    where there is none."""
    def sub_item(line: Line, above: Line | None) -> bool:
        return (not line.bulleted and bool(_SUB_ITEM.match(line.text))
                or line.bulleted and above is not None and above.bulleted and line.indent > above.indent)

    if not any(sub_item(line, above) for above, line in zip([None, *lines], lines, strict=False)):
        return lines
    items: list[tuple[Line, list[str]]] = []
    for line in lines:
        if items and sub_item(line, items[-1][0]):  # "o⇥25 agents formés", further in than its item
            items[-1][1].append(_SUB_ITEM.sub("", line.text) if not line.bulleted else line.text)
        else:
            head, *subs = _JOINED_SUB_ITEM.split(line.text) if line.bulleted else [line.text]
            items.append((Line.of(line.number, head, line.indent, line.bulleted), subs))
    return [Line.of(line.number, f"{line.text} ({' ; '.join(subs)})", line.indent, line.bulleted) if subs else line
            for line, subs in items]


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

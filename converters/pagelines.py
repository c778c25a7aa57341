"""Reading a page as numbered lines, the common ground of the page parsers."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .copied_text import LINE_BREAK, PART_MARKS, cms_leftover, document_headers, html_breaks, without_markdown_links
from .copied_text import PAGE_NUMBER as _PAGE_NUMBER
from .errors import PageError
from .textnorm import clean, collapse, excerpt, fold, spaced_plainly
from .values import parse_money

# List marks that start a line: bullets, and a dash or en dash standing alone or before a space. A character of
# the private use area's symbol-font page (U+F020 to U+F0FF) is one too: Word pastes its list bullets as the
# Symbol or Wingdings code it drew them with ("\uf0b7" for "•", "\uf0a7" for "▪"), which is never a page's text.
_BULLET = re.compile(r"^(?:[•·▪◦‣●○■□►▸➢*\uf020-\uf0ff]|[-\u2013](?=\s|$))\s*")
# Word's list marks pasted as plain text: the letter or sign a symbol font drew as a bullet ("o" for "◦", "§" for
# "▪", "Ø" for "➢", "v" for "❖", "ü" for "✓", "q" for "❑"), then a tab, or on an indented line two spaces or
# more. Never one space: "o Chile" or "§ 2" may be text.
_WORD_MARKS = "o§Øvüq"
_WORD_MARK = re.compile(r"[ \t]*[o§Øvüq](?:\t| {2,})")
# Markdown emphasis, as a page saved from a Markdown copy keeps it around a label or a value ("**Projet ID :**
# MD.0140", "*Actif*", "__Budget__"): a run of one to three stars or two or three underscores, closed by the same
# run, around text that neither starts nor ends with a space; never a bullet ("* item") nor inside a word.
_EMPHASIS = re.compile(r"(?<![\w*])(?P<mark>\*{1,3}|_{2,3})(?=[^\s*_])(?P<text>.+?)(?<=[^\s*_])(?P=mark)(?![\w*])")

# A Markdown (ATX) heading, as a page saved from a Markdown copy keeps it: one to six "#", a space, the heading's
# text, and the closing "#" Markdown allows after it ("## Résultats attendus ##"); never "#1" nor "#hashtag".
_HEADING = re.compile(r"#{1,6}[ \t]+(?P<text>.*?\S)(?:[ \t]+#+)?[ \t]*")
# A rule drawn with characters: a line of three or more "-", "_", "=", "*" (or box-drawing lines), spaces between
# them allowed ("* * *"). It separates parts of the page and is no text: a blank line.
_RULE = re.compile(r"(?:[-_=*~\u2013\u2014\u2500\u2501\u2550][ \t]*){3,}")


class Line(NamedTuple):
    """One line of a page: its 1-based number, its text (no bullet, spaces collapsed), its indent, and its
    label_key (a named tuple: a page has tens of lines, and a frozen dataclass takes twice as long to make)."""

    number: int
    text: str
    indent: int
    bulleted: bool
    label: str | None  # label_key(text), worked out once: every page family compares every line with its labels

    @classmethod
    def of(cls, number: int, text: str, indent: int = 0, bulleted: bool = False) -> Line:
        """The line of this text, with its label key."""
        return cls(number, text, indent, bulleted, label_key(text))

    @property
    def blank(self) -> bool:
        """True for an empty line or a lone separator such as "-"."""
        return not self.text


def page_lines(text: str) -> list[Line]:
    """The page's lines, cleaned: CRLF, BOM, no-break spaces, runs of blanks and bullets no longer matter."""
    return list(_page_lines(text))


def page_notes(text: str) -> list[tuple[int, str]]:
    """The notes on what page_lines(text) left out of the page's text: a PDF's running headers and footers, a CMS's
    leftovers ("Lire la suite", images), the addresses of Markdown links."""
    return list(_page_reading(text)[1])


def _page_lines(text: str) -> tuple[Line, ...]:
    return _page_reading(text)[0]


@lru_cache(maxsize=1)  # detection and parsing read the same page several times in a row
def _page_reading(text: str) -> tuple[tuple[Line, ...], tuple[tuple[int, str], ...]]:
    lines = []
    if "<" in text:
        text = html_breaks(text)
    text = clean(text, tabs=True)
    plain = spaced_plainly(text)
    notes: list[tuple[int, str]] = []
    if "](" in text:
        text = without_markdown_links(text, notes)
    rows: dict[int, list[str]] = {}  # the lines that are rows of a table written with pipes, by number: their cells
    numbered = enumerate(text.split("\n"), start=1)
    if LINE_BREAK in text:  # lines HTML broke inside a line of the page: each part numbered as that line
        numbered = ((number, part) for number, whole in numbered for part in whole.split(LINE_BREAK))
    for number, raw in numbered:
        if not raw:
            lines.append(Line.of(number, ""))
            continue
        if "*" in raw or "__" in raw:  # most lines have neither: `in` says so far sooner than `re`
            raw = _EMPHASIS.sub(_emphasised, raw)
        # collapse() splits a line into words and joins them again: a line already spaced singly is kept as it is
        stripped = raw if plain and "  " not in raw and raw[0] != " " and raw[-1] != " " else collapse(raw)
        if stripped[:1] in "-_=*~\u2013\u2014\u2500\u2501\u2550" and _RULE.fullmatch(stripped):
            lines.append(Line.of(number, ""))  # "________", "-----", "* * *": a rule, no text
            continue
        if stripped[:1] == "#" and (heading := _HEADING.fullmatch(stripped)):  # "## Objectif général": a heading
            stripped = heading["text"]  # a reader of the rendered page saw without its marks
        bullet = _BULLET.match(stripped) or _word_mark(raw, stripped) or _sub_item(stripped, lines)
        body = stripped[1:].strip() if bullet else stripped  # every list mark is one character
        if not plain and "\t" in raw:
            body = _tab_separated(raw, body)
        if body.startswith("|"):
            rows[number] = [cell.strip() for cell in body.strip("|").split("|")]
            body = _cells(body)
            if not body and lines and lines[-1].number in rows:  # "|---|---|" under a header row: no field, but
                header = lines[-1]  # a heading over the table's rows ("| INFORMATIONS SUR LE PROJET | |")
                lines[-1] = Line.of(header.number, _caption(rows[header.number]), header.indent, header.bulleted)
        if body[:1] == ":" and _previous_label(lines):  # "Réalisé par", then ": Médecins du Monde":
            body = body[1:].lstrip()  # the value of the label alone on its line, its colon put on the wrong line
        lines.append(Line.of(number, body, len(raw) - len(raw.lstrip()), bool(bullet)))
    copied = "-" in text or "age" in text  # a copy of a PDF: its page furniture and words broken over two lines
    if copied or any(mark in text for mark in _FURNITURE_MARKS):  # or of a CMS page: its leftovers
        lines = _without_furniture(lines, notes)
    return tuple(_joined(lines) if copied else lines), tuple(notes)


_FURNITURE_MARKS = ("\u2013", "iche", "heet", "uite", "avoir", "harger", "ead more", "earn more", "hoto", "mage", "dit")


# Page furniture of a PDF copied as text: "Page 2 sur 3", "Page 13", "- 2 -" (copied_text.PAGE_NUMBER), and a running
# header or footer, a line that comes back with only its page number changed ("Fiche de projet⇥1", then "Fiche de
# projet⇥2"), or as copied_text.document_headers finds them.
# A running header's text before its page number: three words at least, the number at most 999 ("mars 2012" and
# "mars 2013" are dates, and "Phase 1", "Phase 2" headings)
_NUMBERED_LINE = re.compile(r"(?P<head>\D\S*(?:\s+\S+){2,}?)\s+\d{1,3}")
_PAGE_LINES = 5  # lines at least between two of a running header's (a page has more; a list's items follow on)
# A word broken at a line's end ("ren-" over "forcer"): a letter then a hyphen, the next line in lower case.
_BROKEN_WORD = re.compile(r"[^\W\d_]{2}-$")
_KEPT_HYPHEN = re.compile(r"[dl]['\u2019]")  # "main-" over "d’œuvre": a compound word's hyphen
_ITEM_END = re.compile(r"[.;:!?…]$")


def _without_furniture(lines: list[Line], notes: list[tuple[int, str]]) -> list[Line]:
    """The lines but for the page furniture a PDF copy brings along (its lines keep their numbers), and the leftovers
    of a CMS page; one note for the running headers, footers and leftovers left out (a page number alone goes
    silently)."""
    heads: dict[str, list[Line]] = {}
    for line in lines:
        if line.text[-1:].isdigit() and not line.bulleted and (match := _NUMBERED_LINE.fullmatch(line.text)):
            heads.setdefault(match["head"], []).append(line)
    running = {line.text for found in heads.values() if len({line.text for line in found}) == len(found) > 1
               and all(b.number - a.number >= _PAGE_LINES for a, b in zip(found, found[1:], strict=False))
               for line in found}
    texts = "\n".join(line.text for line in lines)  # most pages have no line of parts (PART_MARKS): no header
    if any(mark in texts for mark in PART_MARKS):
        running |= document_headers(lines, TAB_LABELS)
    # _furniture() is False for a line neither bulleted nor ending in a figure: most lines, not called for them
    kept: list[Line] = []
    dropped: list[tuple[int, str]] = []  # the lines left out (or their ends): their numbers and texts
    for line in lines:
        if line.text in running or (line.bulleted or line.text[-1:].isdigit()) and _furniture(line, running):
            if line.text in running:
                dropped.append((line.number, line.text))
            continue
        if leftover := cms_leftover(line.text):
            dropped.append((line.number, leftover))
            if leftover == line.text:
                continue
            line = Line.of(line.number, line.text[:-len(leftover)].rstrip(), line.indent, line.bulleted)
        kept.append(line)
    if dropped:
        more = f" and {len(dropped) - 1} more line(s)" if len(dropped) > 1 else ""
        notes.append((dropped[0][0], f'"{excerpt(dropped[0][1], 60)}"{more} left out: a running header or '
                                         "footer of the document, a page number, or a web page's leftover (a link, "
                                         "an image), no text of the project"))
    return kept


def _furniture(line: Line, running: set[str]) -> bool:
    """True for a running header's line, or a page number ("- 2 -" reads as the bullet "-" before "2 -")."""
    if line.bulleted:
        return bool(_PAGE_NUMBER.fullmatch(f"- {line.text}"))
    return line.text[-1:].isdigit() and (line.text in running or bool(_PAGE_NUMBER.fullmatch(line.text)))


def _joined(lines: list[Line]) -> list[Line]:
    """The lines, a word broken over two of them made whole again ("ren-" over "forcer" is "renforcer", "main-" over
    "d’œuvre" is "main-d’œuvre"), and a list item's line that goes on in lower case on the next, without a bullet
    and no further in, joined to it, neither being a field's label nor the next a field (a PDF breaks the lines of
    a list item where its column ends)."""
    joined: list[Line] = []
    end = 0  # the number of the last line joined[-1] is made of
    for line in lines:
        last = joined[-1] if joined else None
        if last is None or not line.text[:1].islower() or line.bulleted or line.number != end + 1:
            joined.append(line)
        elif _BROKEN_WORD.search(last.text):
            text = last.text + line.text if _KEPT_HYPHEN.match(line.text) else last.text[:-1] + line.text
            joined[-1] = Line.of(last.number, text, last.indent, last.bulleted)
        elif last.bulleted and line.indent <= last.indent and not _ITEM_END.search(last.text) \
                and not (line.text[:1] in _WORD_MARKS and line.text[1:2] == " ") \
                and ":" not in line.text and last.label not in TAB_LABELS and line.label not in TAB_LABELS:
            joined[-1] = Line.of(last.number, f"{last.text} {line.text}", last.indent, last.bulleted)
        else:
            joined.append(line)
        end = line.number
    return joined


def _previous_label(lines: list[Line]) -> str | None:
    """The field label of the last line with text before this one, if it is one of a page family's (alone on its
    line, so its value follows); None otherwise."""
    last = next((line for line in reversed(lines) if line.text), None)
    return last.label if last is not None and last.label in TAB_LABELS else None


def _word_mark(raw: str, stripped: str) -> bool:
    """True when the line starts with a list mark as Word pastes it as text: "o⇥Caritas", "§⇥R1 …", "  o   …"."""
    if stripped[:1] not in _WORD_MARKS or not stripped[:1] or stripped[1:2] != " ":
        return False
    match = _WORD_MARK.match(raw)
    return bool(match) and ("\t" in match[0] or raw[0] in " \t")


def _sub_item(stripped: str, lines: list[Line]) -> bool:
    """True for a line under a list item that starts with Word's sub-item mark "o" pasted with one space, then a
    capital ("➢ Diversité, genre et inclusion" over "o Cohésion sociale …", as a PDF or Word copy gives it): an item
    of the list (elsewhere "o Chile" may be text)."""
    return stripped[:2] == "o " and stripped[2:3].isupper() and bool(lines) and lines[-1].bulleted


def _emphasised(match: re.Match) -> str:
    """The text a Markdown emphasis marks, without its marks (a reader of the rendered page never saw them)."""
    return match["text"]


# Field labels of every page family, folded (converters/__init__.py gathers them): one before a tab is followed
# by its value, as a table copied from a web page gives it ("Date de début⇥2022").
TAB_LABELS: set[str] = set()


def _tab_separated(raw: str, body: str) -> str:
    """ "Date de début⇥2022" -> "Date de début: 2022", as every family reads a label and its value on one line,
    when what comes before the first tab is a field label and what comes after it goes on with no label: the
    whole line is not one ("Budget⇥Amount (USD)"), nor is the tail one's end ("Partenaires⇥stratégiques : …",
    "Pays⇥bénéficiaires": a value starts with a capital or a figure)."""
    inner = raw.strip()
    if _BULLET.match(inner) or _word_mark(inner, collapse(inner)):
        inner = inner[1:].lstrip()
    head, _, tail = inner.partition("\t")
    head, tail = collapse(head), collapse(tail)
    if (not tail or head.endswith(":") or ":" in tail or tail[0].islower() or label_key(head) not in TAB_LABELS
            or label_key(body) in TAB_LABELS):
        return body
    return f"{head}: {tail}"


def _caption(cells: list[str]) -> str:
    """The text of a table's header row: its one cell with text, which heads the table ("| INFORMATIONS SUR LE
    PROJET | |"); none for a row of column names ("| Champ | Valeur |"), which is no field of the page."""
    written = [cell for cell in cells if cell]
    return written[0] if len(written) == 1 else ""


def _cells(body: str) -> str:
    """A row of a table written with pipes, as Markdown and some copies of web pages give it: "| Date de début |
    2022 |" -> "Date de début: 2022" (every family reads a label and its value on one line), "| Argentine |" ->
    "Argentine", and a rule "|---|---|" -> "" (a blank line)."""
    cells = [cell.strip() for cell in body.strip("|").split("|")]
    if not body.strip("|-: "):
        return ""
    if len(cells) == 1:
        return cells[0]
    head, tail = cells if len(cells) == 2 else ("", "")
    if not head or not tail or head.endswith(":") or label_key(head) is None:
        return body
    return f"{head}: {tail}"


def label_key(text: str) -> str | None:
    """The folded form of a field label, without its trailing colon: "Date de début :" -> "date de debut";
    None for a text that cannot be a label, told without folding it: one with a colon before a letter or digit
    (no label has a colon inside: a line "Label: value"), or one longer than any label (a description line)."""
    return _short_label_key(text) if len(text) <= _LABEL_CACHE_LENGTH else _label_key(text)


# No label, heading or menu entry of a page family is longer than this or holds a colon, folded (a test checks).
LABEL_LENGTH = 100
_LABEL_CACHE_LENGTH = 4000  # a description line is read by each family's detect() and parse(); a huge one is not kept
_INNER_COLON = re.compile(r":[^A-Za-z0-9]*[A-Za-z0-9]")  # folding keeps both the colon and the letter or digit


def _label_key(text: str) -> str | None:
    if ":" in text and _INNER_COLON.search(text) or len(text) > LABEL_LENGTH and _longer_than_a_label(text):
        return None
    return fold(text).rstrip(" :")


_short_label_key = lru_cache(maxsize=4096)(_label_key)  # every page family compares every line with its labels


def _longer_than_a_label(text: str) -> bool:
    """True when label_key(text) is surely longer than LABEL_LENGTH: it keeps every ASCII letter and digit of the
    text (lowered), and counting those in a head of the text takes two passes in C, where folding takes many."""
    head = text[:4 * LABEL_LENGTH].encode("utf-8", "surrogatepass")
    return len(head.translate(None, _NOT_ALPHANUMERIC)) > LABEL_LENGTH


_NOT_ALPHANUMERIC = bytes(byte for byte in range(256) if not chr(byte).isascii() or not chr(byte).isalnum())


def paragraphs(lines: list[Line], rows: dict[int, list[str]] | None = None) -> str | None:
    """The non-empty lines as paragraphs, one per line (web pages copy one paragraph a line), or None; a row of a
    table with a header (`rows`, from table_rows) with its cells named, "Indicateur : Migrants formés ; Cible :
    500", as a plain text keeps what the header said."""
    written = (named_row(rows, line.number) or line.text if rows and line.number in rows else line.text
               for line in lines)
    text = "\n".join(line for line in written if line)
    return text or None


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


def named_row(rows: dict[int, list[str]], number: int) -> str | None:
    """The row on line `number` of a table whose header names two columns or more, its cells named by it
    ("Étude", "1-6" under "Activité", "Mois": "Activité : Étude ; Mois : 1-6"; its cells alone when it has another
    number of them); None for a line that is no such row (the header and its rule are blank lines already)."""
    names = _header(rows, number) if number in rows else None
    if names is None or len(names) < 2:
        return None
    cells = rows[number]
    named = len(names) == len(cells)
    return " ; ".join(f"{name} : {cell}" if named and name else cell
                      for name, cell in zip(names if named else cells, cells, strict=True) if cell)


_NUMBERED = re.compile(r"^(\d{1,2})\s*[.)]\s+(?P<text>.+)$")


def numbered_items(lines: list[Line]) -> list[str]:
    """Items of numbered lists ("1. …", "2) …") that a line ending with a colon introduces."""
    items: list[str] = []
    introduced = False
    for line in lines:
        if not line.text:
            continue
        match = _NUMBERED.match(line.text)
        if match and introduced:
            items.append(match["text"].rstrip(" ;"))
        else:
            introduced = line.text.endswith(":")
    return items


# The currency a field label names at its end: "Budget Amount (USD)", "MONTANT (EN USD)", "Budget (€)",
# "MONTANT DU FINANCEMENT – USD"
_LABEL_CURRENCY = re.compile(r"\(\s*(?:en\s+|in\s+)?(?P<code>[a-z]{3}|us\$|[€$£])\s*\)\s*$"
                             r"|[-\u2013]\s*(?P<dashed>[a-z]{3})\s*$", re.IGNORECASE)


def label_currency(label: str) -> str | None:
    """The ISO 4217 code of the currency a field label names at its end ("Budget (EUR)", "MONTANT (EN USD)",
    "Budget (€)", "MONTANT DU FINANCEMENT – USD"); None for none: "– OIM" names no currency, it qualifies the
    label."""
    match = _LABEL_CURRENCY.search(label)
    if match is None:
        return None
    try:
        return parse_money(f"0 {match['code'] or match['dashed']}").currency
    except PageError:
        return None

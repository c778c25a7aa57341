"""The title of an IDF page: the head of the paragraph before the fields, without what the site prints around it."""

from __future__ import annotations

import re

from .idf_fields import _PROSE_WORDS, _SENTENCE_END, _after_dash, _previous
from .idf_programme import _programme_line, _publisher_name
from .navigation import is_site_text
from .pagelines import Line

# A label before the title on its line: "Titre du projet : …"
_TITLE_LABEL = re.compile(r"^(?:titre|intitul[ée]|nom|(?:project )?title)(?: du projet)?\s*:\s*(?=\S)", re.IGNORECASE)
# A Markdown heading's mark, which a page saved from a Markdown copy keeps before its title: "# Bénin : …"
_HEADING_MARK = re.compile(r"^#{1,6}\s+(?=\S)")
# A breadcrumb trail ("Accueil > Projets > …"): the site's, above the title, never part of it
_BREADCRUMB = re.compile(r"\s[>›]\s")
# How a line that a title goes on from can end: a comma, a colon, a dash, or a word that cannot end a title
_OPEN_END = re.compile(r"(?:[,:\-\u2013]|\b(?:de|des|du|d['’]|la|le|les|l['’]|et|à|au|aux|en|pour|dans|sur|par|avec|"
                       r"of|the|and|in|for|to|on|by|with|a|an))$")  # in lower case: "Phase A" ends a title
# What a note under a title holds and a title's second line does not: a colon, a date
_NOTE_LINE = re.compile(r":|\b\d{1,2}(?:er)?\s+[^\W\d]+\.?\s+\d{4}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b")


def _title(lines: list[Line], first: int, others: list[tuple[int, str]]) -> tuple[list[Line], list[Line]]:
    """The title's lines (a title wrapped over two lines has two) and the lines of description before the fields.

    The title is the head of the paragraph before the fields: a line under it that does not go on with it
    ("Publié le 12 mars 2023") is no part of it and goes to `others`. A paragraph of running text there is the
    start of the description, and the title the paragraph before it: a page may give a sentence of summary
    between its title and its fields.
    """
    at = _title_line(lines, first, others)
    lead: list[Line] = []
    if at is None:
        return [], lead
    start = _paragraph_start(lines, at)
    while _running_text(lines[start:at + 1]) and (before := _previous(lines, start)) is not None \
            and _in_title(lines[before]):
        lead = lines[start:at + 1] + lead
        at, start = before, _paragraph_start(lines, before)
    end = start + 1
    while end <= at and _goes_on(lines[end - 1].text, lines[end].text):
        end += 1
    others.extend((line.number, line.text) for line in lines[end:at + 1])
    return lines[start:end], lead


def _title_text(title_lines: list[Line]) -> str | None:
    """The title as one line, without a label or a heading mark before it; None for none."""
    title = title_text(title_lines)
    return _TITLE_LABEL.sub("", _HEADING_MARK.sub("", title)) or None


def title_text(title_lines: list[Line]) -> str:
    """The lines of a title wrapped over several as one: "… en Guinée-" over "Bissau" is "… en Guinée-Bissau" (a
    hyphen at a line's end before a capital is the name's own; before a lower case letter pagelines has joined the
    word already)."""
    title = title_lines[0].text if title_lines else ""
    for line in title_lines[1:]:
        title += line.text if _HYPHEN_END.search(title) and line.text[:1].isalpha() else f" {line.text}"
    return title


_HYPHEN_END = re.compile(r"[^\W\d_]-$")


def wrapped_title(line: Line, following: Line) -> bool:
    """True when `following` is the second line of a title `line` starts, wrapped over two lines (neither a list
    item, nor the site's text)."""
    return not (line.bulleted or following.bulleted or is_site_text(line) or _BREADCRUMB.search(line.text)) \
        and following.number == line.number + 1 and _goes_on(line.text, following.text)


def _without_site_name(title: str | None) -> tuple[str | None, str | None]:
    """The title without the names after it, parted by " | ", of the organisation that publishes the pages or
    of its fund ("… | Organisation internationale pour les migrations", "… | OIM", "… | IOM Development Fund"),
    as a browser's page title adds them and a copy of it keeps; and those names (None for none)."""
    if not title or " | " not in title:
        return title, None
    head, names = title, []
    while " | " in head and _publisher_name((parts := head.rsplit(" | ", 1))[1]):
        head, names = parts[0].rstrip(), [parts[1].strip(), *names]
    return (head, " | ".join(names)) if names and head else (title, None)


def _title_line(lines: list[Line], first: int, others: list[tuple[int, str]]) -> int | None:
    """The index of the last line of the title: the line before the first field the family knows, past the fields
    before it that no label of ours names ("• Date prévue" and its value: a title is no field's value), which go
    to `others`. The site's menu ("- 2030 AGENDA" before the title) is no field; a bulleted first line of the
    page set apart from the fields by a blank line is the title ("• Burundi : appui …")."""
    index = first
    while (at := _previous(lines, index)) is not None:
        line = lines[at]
        if line.bulleted and _previous(lines, at) is None and lines[at + 1].blank and not is_site_text(line):
            return at
        if line.bulleted and len(line.text.split()) < _PROSE_WORDS and not is_site_text(line):
            others.append((line.number, line.text))  # "• Date prévue: 2022", "• Date prévue 2022"
            index = at
            continue
        label = _previous(lines, at)
        if label is not None and _field_pair(lines, label, at) and not is_site_text(lines[label]):
            others.append((lines[label].number, f"{lines[label].text}: {line.text}"))
            index = label
            continue
        if is_site_text(line):  # "Partager", "Facebook Twitter LinkedIn E-mail" between the title and the fields
            index = at
            continue
        return None if line.bulleted or _programme_line(line) else at
    return None


def _paragraph_start(lines: list[Line], at: int) -> int:
    """The index of the first line of the paragraph lines[at] ends, as far up as a title may reach."""
    while at > 0 and _in_title(lines[at - 1]):
        at -= 1
    return at


def _in_title(line: Line) -> bool:
    """True for a line a title may be made of: text, not a list item, not the site's menu or breadcrumb trail, nor
    the name of the programme the site prints above the title."""
    return not line.blank and not line.bulleted and not is_site_text(line) and not _BREADCRUMB.search(line.text) \
        and not _programme_line(line)


def _goes_on(line: str, following: str) -> bool:
    """True when `following` continues `line`, as a title wrapped over two lines does: it starts in lower case, or
    `line` ends where no title ends ("… et de la protection des"); never a line of a date or with a colon, a note
    on the page ("dernière mise à jour : 12 mars 2023", "Publié le 12 mars 2023")."""
    if _NOTE_LINE.search(following):
        return False
    return following[:1].islower() or bool(_OPEN_END.search(line))


def _running_text(lines: list[Line]) -> bool:
    """True for lines of running text: a sentence that ends as one and is longer than a title."""
    return bool(lines) and bool(_SENTENCE_END.search(lines[-1].text)) and \
        sum(len(line.text.split()) for line in lines) >= _PROSE_WORDS


def _field_pair(lines: list[Line], label: int, value: int) -> bool:
    """True when lines[label] and lines[value] are laid out as a label and its value: "  • Label" over a value
    indented further, or "-", "Label", "value" lines."""
    name, text = lines[label], lines[value]
    if name.bulleted:
        return ":" not in name.text and not text.bulleted and text.indent > name.indent
    return value == label + 1 and _after_dash(lines, label)

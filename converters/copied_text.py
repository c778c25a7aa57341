"""What a copy of a PDF or a web page brings along that is no text of the project: a document's running headers and
footers, a CMS's leftovers ("Lire la suite", images), Markdown links' addresses, HTML line breaks inside a line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .textnorm import excerpt, fold

if TYPE_CHECKING:
    from .pagelines import Line

# A page number alone on its line: "Page 2 sur 3", "Page 13", "p. 4", "- 2 -"
PAGE_NUMBER = re.compile(r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:sur|of|de|/)\s*\d{1,4})?|[-\u2013]\s*\d{1,4}\s*[-\u2013]",
                         re.IGNORECASE)
# A document's running header: parts parted by dashes or bars, the last naming the kind of document ("OIM – Fonds
# pour le développement – Fiche projet"), or a line a page number ends ("… – Page 1/2", "… – Page 2 sur 3")
PART_MARKS = (" - ", " \u2013 ", " \u2014 ", " | ")
_PARTED = re.compile(r"\s+[-\u2013\u2014|]\s+")
_DOCUMENT_KIND = re.compile(r"(?:fiche (?:de |du )?projet|fiche descriptive|fiche synthetique|project (?:fact ?)?sheet|"
                            r"fact ?sheet|project profile|project brief)$")
_PAGE_END = re.compile(r"(?P<head>.*?\S)\s*[-\u2013\u2014|]\s*(?:page|p\.)\s*\d{1,4}(?:\s*(?:sur|of|de|/)\s*\d{1,4})?",
                       re.IGNORECASE)


def document_headers(lines: list[Line], labels: set[str]) -> set[str]:
    """The texts of the lines that are a document's running header or footer: a line a page number ends after a
    dash ("Réseau Euromed – Fiche projet – Page 2 sur 3"), its head wherever it stands alone, a line of parts
    parted by dashes whose last names the kind of document ("OIM – Innovation – Fiche projet"), and a line of parts
    that comes back on the page, next to a page number once at least; none a field's label (`labels`)."""
    found: set[str] = set()
    seen: dict[str, list[int]] = {}  # the parted lines' texts, and where each stands among the lines with text
    written = [line for line in lines if line.text]
    for at, line in enumerate(written):
        if line.bulleted or line.label in labels or not any(mark in line.text for mark in PART_MARKS):
            continue
        if line.text[-1:].isdigit() and (match := _PAGE_END.fullmatch(line.text)):
            found |= {line.text, match["head"]}
        elif len(parts := _PARTED.split(line.text)) > 1 and _DOCUMENT_KIND.search(fold(parts[-1])):
            found.add(line.text)
        else:
            seen.setdefault(line.text, []).append(at)
    # a parted line that comes back, once at least next to a page number ("Projet X – Rapport" over "Page 2")
    found.update(text for text, places in seen.items() if len(places) > 1 and any(
        PAGE_NUMBER.fullmatch(written[near].text) for at in places for near in (at - 1, at + 1)
        if 0 <= near < len(written)))
    return found


# What a CMS prints under a text or after it, which is no text of the project: links to the rest of the text or to
# a file, an image's caption (a credit "©" ends it)
_LEFTOVER = re.compile(r"(?:^|(?<=[\s.…]))(?:(?P<alone>en savoir plus|voir plus|learn more)|lire la suite|read more|"
                       r"t[ée]l[ée]charger la fiche(?:\s*\([^()]*\))?|download (?:the )?(?:fact ?sheet|project sheet)"
                       r"(?:\s*\([^()]*\))?)\s*[.…>»→]*$", re.IGNORECASE)
_CAPTION = re.compile(r"(?:photo|image|cr[ée]dit(?: photo)?|photo credit)\s*:.*(?:©|\(c\)).*", re.IGNORECASE)
_LEFTOVER_WORDS = ("suite", "plus", "more", "fiche", "sheet")  # every leftover's last word but a bracket's
_TAIL = 60  # characters at a line's end that hold any leftover's last word, and its bracket ("(PDF, 230 Ko)")


def _credited(text: str) -> bool:
    """True for a text with a credit's sign, as a photo's caption ends (most lines have none)."""
    return "©" in text or "(c)" in text or "(C)" in text


_AFTER_SENTENCE = re.compile(r"[.!?…]\s+$")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


def cms_leftover(text: str) -> str:
    """The part of a line's end that a CMS leaves of its page ("Lire la suite", "Télécharger la fiche (PDF, 230
    Ko)", "![Atelier](https://…)", "Photo : … © OIM 2022"): the whole line or its tail ("… Lire la suite"); "" for
    none ("en savoir plus" ends a sentence too: only alone on its line or after a sentence's end)."""
    if not text:
        return ""
    if text[:2] == "![" and _IMAGE.fullmatch(text) or _credited(text) and _CAPTION.fullmatch(text):
        return text
    tail = text[-_TAIL:].lower()  # most lines end with none of the leftovers' words: `in` says so far sooner
    if not any(word in tail for word in _LEFTOVER_WORDS):
        return ""
    match = _LEFTOVER.search(text)
    if match is None or match["alone"] and match.start() and not _AFTER_SENTENCE.search(text, 0, match.start()):
        return ""
    return text[match.start():]


# A Markdown link, as a copy of a Markdown page keeps it: its text read, its address left out ("[CIES
# Onlus](https://www.cies.it)" is "CIES Onlus"); an image ("![…](…)") is left to cms_leftover()
_MARKDOWN_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]+)\]\((?:https?://|www\.|mailto:|/)[^()\s]*\)")


def without_markdown_links(text: str, notes: list[tuple[int, str]]) -> str:
    """The text with each Markdown link's text in place of the link, and a note on the first line with one."""
    match = _MARKDOWN_LINK.search(text)
    if match is None:
        return text
    notes.append((text.count("\n", 0, match.start()) + 1,
                  f'"{excerpt(match[0], 60)}": a Markdown link, read as its text "{match["text"]}", its address '
                  "left out"))
    return _MARKDOWN_LINK.sub(lambda m: m["text"], text)


# A line break HTML writes inside a line of the page ("<strong>Date de début</strong><br>2022"): the page's two
# lines, numbered as the line they stand on.
LINE_BREAK = "\x1f"
_HTML_BREAK = re.compile(r"(?<=\S)[ \t]*(?:<br\s*/?>|</(?:p|li|div)>[ \t]*<(?:p|li|div)(?:\s[^<>\n]*)?>)"
                         r"(?=[ \t]*(?:<[^<>\n]*>[ \t]*)*[^\s<])", re.IGNORECASE)


def html_breaks(text: str) -> str:
    """The text with a line break of HTML between two texts on one line made LINE_BREAK (a break at a line's end is
    the line's own)."""
    if LINE_BREAK in text:
        text = text.replace(LINE_BREAK, " ")
    return _HTML_BREAK.sub(LINE_BREAK, text) if "<" in text else text

"""Reading a page as numbered lines, the common ground of the page parsers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .textnorm import clean, fold

_BULLET = re.compile(r"^(?:[•·▪◦*]|-(?=\s|$))\s*")


@dataclass(frozen=True)
class Line:
    """One line of a page: its 1-based number, its text without bullet or outer spaces, and its indent."""

    number: int
    text: str
    indent: int
    bulleted: bool

    @property
    def key(self) -> str:
        """The folded text, for comparing with labels and headings."""
        return fold(self.text)

    @property
    def blank(self) -> bool:
        """True for an empty line or a lone separator such as "-"."""
        return not self.text


def page_lines(text: str) -> list[Line]:
    """The page's lines, cleaned: CRLF, BOM, no-break spaces and bullets no longer matter."""
    return list(_page_lines(text))


@lru_cache(maxsize=4)
def _page_lines(text: str) -> tuple[Line, ...]:
    """Cached: detection asks every page family, then the parser asks again, for the lines of the same page."""
    lines = []
    for number, raw in enumerate(clean(text).split("\n"), start=1):
        stripped = raw.strip()
        bullet = _BULLET.match(stripped)
        body = stripped[bullet.end():].strip() if bullet else stripped
        lines.append(Line(number, body, len(raw) - len(raw.lstrip()), bool(bullet)))
    return tuple(lines)


@lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """The folded form of a field label, without its trailing colon: "Date de début :" -> "date de debut".

    Cached: every page family's detect() and then its parser ask for the key of the same lines."""
    return fold(text).rstrip(" :")


def paragraphs(lines: list[Line]) -> str | None:
    """The non-empty lines as paragraphs, one per line (web pages copy one paragraph a line), or None."""
    text = "\n".join(line.text for line in lines if line.text)
    return text or None


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

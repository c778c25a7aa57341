"""Text normalisation shared by the page parsers: clean copied web text, fold for matching, slugs."""

from __future__ import annotations

import re
import unicodedata

# Characters that people copying web pages bring along and that a reader sees as a plain space.
_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Curly apostrophes and typographic dashes, made plain; a regex, since str.translate is slow on non-ASCII text.
_PLAIN = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-", "\u2014": "-", "\u2011": "-",
          "\u2010": "-"}
_TYPOGRAPHIC = re.compile("[" + "".join(_PLAIN) + "]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# The combining marks of Latin letters (U+034F, the grapheme joiner, is not one); others are looked up one by one.
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def clean(text: str) -> str:
    """Page text with one kind of line ending, no BOM or zero-width marks, and plain spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    return _SPACES.sub(" ", text)


def collapse(text: str) -> str:
    """Runs of whitespace made one space, ends trimmed."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """A matching key: lower case, no accents, straight apostrophes and hyphens, single spaces."""
    text = _TYPOGRAPHIC.sub(lambda match: _PLAIN[match.group()], clean(text))
    text = _strip_marks(unicodedata.normalize("NFKD", text.casefold()))
    text = text.replace("œ", "oe").replace("æ", "ae")
    return collapse(text)


def _strip_marks(text: str) -> str:
    """The text without its combining marks (accents once NFKD has split them off their letters)."""
    text = _LATIN_MARKS.sub("", text)
    if text.isascii():
        return text
    marks = {char for char in _NON_ASCII.findall(text) if unicodedata.combining(char)}
    return text.translate({ord(char): None for char in marks}) if marks else text


def slug(text: str) -> str:
    """A lower-case ASCII slug for IRIs: "Union Tunisienne de Solidarité" -> union-tunisienne-de-solidarite."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def strip_article(text: str) -> str:
    """A French name without its leading article: "L'Union Européenne" -> "Union Européenne"."""
    return re.sub(r"^(?:l['\u2019]\s*|le\s+|la\s+|les\s+)", "", text.strip(), flags=re.IGNORECASE)

"""Text normalisation shared by the page parsers: clean copied web text, fold for matching, slugs."""

from __future__ import annotations

import html
import re
import unicodedata

# Characters that people copying web pages bring along and that a reader sees as a plain space.
_SPACE_CHARACTERS = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200b))) + "\u202f\u205f\u3000"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-"})
_ZERO_WIDTH_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff"
# Line breaks other than LF that editors and web pages use: CRLF, CR, NEL, VT, FF, Unicode separators.
_BREAK_CHARACTERS = "\r\x0b\x0c\x85\u2028\u2029"
# clean()'s steps in order: the characters a step changes, and how.
_CLEANING = ((_BREAK_CHARACTERS, re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]"), "\n"),
             (_ZERO_WIDTH_CHARACTERS, re.compile(f"[{_ZERO_WIDTH_CHARACTERS}]"), ""),
             (_SPACE_CHARACTERS, re.compile(f"[{_SPACE_CHARACTERS}]"), " "))
_CLEANING_TABS = (*_CLEANING[:-1], (_SPACE_CHARACTERS[1:], re.compile(f"[{_SPACE_CHARACTERS[1:]}]"), " "))
# Whitespace other than the space and the newline (no character past U+3000 is whitespace; a test checks).
_OTHER_SPACES = tuple(char for char in map(chr, range(0x3001)) if char.isspace() and char not in " \n")


# What a page copied from a web page's source (or a CMS export) may keep of its markup, which a reader of the page
# never saw: character references ("&nbsp;", "&amp;", "&#233;") and the tags of text ("<br>", "<strong>", "</p>")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_TAG = re.compile(r"</?(?:a|b|i|u|em|strong|span|p|div|br|ul|ol|li|h[1-6]|font|small|sup|sub|td|tr|th|table|tbody)"
                  r"(?:\s[^<>\n]{0,500}?)?\s*/?>", re.IGNORECASE)


def _reference(match: re.Match) -> str:
    char = html.unescape(match[0])
    return " " if char.isspace() else char  # "&#10;" is no line of the page: its lines keep their numbers


def clean(text: str, tabs: bool = False) -> str:
    """Page text with one kind of line ending, no BOM, zero-width marks or HTML markup, and plain spaces; with
    `tabs`, its tabs kept (they may part a label from its value: pagelines reads them)."""
    if "<" in text:  # tags first: "&lt;br&gt;" is what the reader saw, "<br>"
        text = _TAG.sub(" ", text)  # a space, not a line break: the page's lines keep their numbers
    if "&" in text:
        text = _ENTITY.sub(_reference, text)
    return _cleaned_characters(text, tabs)


def _cleaned_characters(text: str, tabs: bool = False) -> str:
    """clean() but for the markup: the steps that change one character at a time."""
    text = unicodedata.normalize("NFC", text)
    for characters, pattern, replacement in _CLEANING_TABS if tabs else _CLEANING:
        if any(char in text for char in characters):  # most pages have none: `in` says so far sooner than `re`
            text = pattern.sub(replacement, text)
    return text


def spaced_plainly(text: str) -> bool:
    """True when the only whitespace characters of the text are spaces and newlines (as clean() leaves most pages)."""
    return not any(space in text for space in _OTHER_SPACES)


def collapse(text: str) -> str:
    """Runs of whitespace made one space, ends trimmed."""
    return " ".join(text.split())


def excerpt(text: str, limit: int = 80) -> str:
    """Text to quote in a message: on one line, and cut with "…" past `limit` characters."""
    text = collapse(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def fold(text: str) -> str:
    """A matching key: lower case, no accents, straight apostrophes and hyphens, single spaces."""
    return collapse(_folded(text))


def folded_words(text: str) -> list[str]:
    """The words of fold(text) for counting them: its runs of the letters a to z, in order."""
    return _folded(text).encode("utf-8", "surrogatepass").translate(_LETTERS).decode("ascii").split()


def _folded(text: str) -> str:
    """Each character of the text folded as _FOLDED folds it, but for which whitespace (collapse() makes any of it
    one space). str.translate costs about 60 ns a character, and a description has thousands: in a long text the
    ASCII letters are lowered in one pass (what _FOLDED does to them), then each other character the text holds
    (a few accented letters and quotes) is replaced by its folded form, everywhere at once."""
    if text.isascii():
        return text.replace("`", "'").lower()
    if len(text) < _SHORT:
        return text.translate(_FOLDED)
    data = text.encode("utf-8", "surrogatepass")
    others = set(data.translate(None, _PLAIN).decode("utf-8", "surrogatepass"))  # in C passes, unlike set(text)
    if not _FOLDED.replaceable(others):
        return text.translate(_FOLDED)  # a later replace could change what an earlier one wrote
    text = data.lower().decode("utf-8", "surrogatepass").replace("`", "'")
    for char in others:
        text = text.replace(char, _FOLDED[ord(char)])
    return text


def _fold_slowly(text: str) -> str:
    """fold() spelled out step by step on a whole text: what _FOLDED does a character at a time."""
    return collapse(_unaccented(text))


def _unaccented(text: str) -> str:
    # not clean(): fold() is given cleaned text, and a tag or a character reference is more than one character
    text = _cleaned_characters(text).translate(_APOSTROPHES).translate(_DASHES)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text.replace("œ", "oe").replace("æ", "ae")


class _Folding(dict):
    """Each character's folded form, worked out the first time str.translate meets it. Every step of
    _fold_slowly maps one character to a string independently of its neighbours (NFC then NFKD only reorders
    combining marks, which are dropped), so folding character by character gives the same text, without a
    Python step per character of a long description."""

    def __init__(self) -> None:
        super().__init__()
        self._replaceable: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = self[code] = _unaccented(chr(code))
        return folded

    def replaceable(self, chars: set[str]) -> bool:
        """True when no character's folded form holds a character that folding changes again (a few do: "ϒ" ->
        "Υ" -> "υ"), so that folding them by one replace each gives the same text in any order."""
        if chars <= self._replaceable:
            return True
        for char in chars - self._replaceable:
            if any(c > "\x7f" and self[ord(c)] != c for c in self[ord(char)]):
                return False
            self._replaceable.add(char)
        return True


_FOLDED = _Folding()
_PLAIN = bytes(range(32, 127)) + b"\n"  # bytes.translate deletes these: what is left is every other character
_SHORT = 64  # below this length str.translate is the faster way
_LETTERS = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))  # a to z kept, any other byte a space


def slug(text: str) -> str:
    """A lower-case ASCII slug for IRIs: "Union Tunisienne de Solidarité" -> union-tunisienne-de-solidarite."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def strip_article(text: str) -> str:
    """A French name without its leading article: "L'Union Européenne" -> "Union Européenne"."""
    return _ARTICLE.sub("", text.strip())


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(?:l['\u2019]\s*|le\s+|la\s+|les\s+)", re.IGNORECASE)

"""Text normalisation shared by the page parsers: clean copied web text, fold for matching, slugs."""

from __future__ import annotations

import html
import re
import unicodedata

# Characters that people copying web pages bring along and that a reader sees as a plain space.
_SPACE_CHARACTERS = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200b))) + "\u202f\u205f\u3000"
# "Côte d′Ivoire": a prime (U+2032) typed for the apostrophe, as "ʼ" and "`" are
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2032": "'"})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-"})
# Invisible marks: zero-width spaces and joiners, a BOM in mid-text, and the soft hyphen (U+00AD, HTML's "&shy;", a
# PDF's): a hyphenation point, unseen but where a line breaks ("Répu\u00adblique" reads "République").
_ZERO_WIDTH_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
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
    """Page text with one kind of line ending, no BOM, zero-width marks, soft hyphens (but for a word's at a line's
    end: its hyphen) or HTML markup, and plain spaces; with `tabs`, its tabs kept (they may part a label from its
    value: pagelines reads them)."""
    if "<" in text:  # tags first: "&lt;br&gt;" is what the reader saw, "<br>"
        text = _TAG.sub(" ", text)  # a space, not a line break: the page's lines keep their numbers
    if "&" in text:
        text = _ENTITY.sub(_reference, text)
    if "\u00ad" in text:  # a soft hyphen where a line breaks is the hyphen a reader saw ("ren-" over "forcer")
        text = _BREAKING_SOFT_HYPHEN.sub("-", text)
    return _cleaned_characters(text, tabs)


_BREAKING_SOFT_HYPHEN = re.compile(f"(?<=[^\\W\\d_])\u00ad(?=[ \t\u00a0]*(?:[{_BREAK_CHARACTERS}]|\n))")


# A PDF's ligatures ("déﬁnition", "ﬂuidité"), which a reader sees as their letters; and the non-breaking hyphen
# (U+2011) a word processor writes in "Timor‑Leste" or a code "PO‑0605", which a reader sees as a hyphen (the other
# dashes and quotes stay as typed: fold() reads them as their plain forms)
_LIGATURES = "".join(map(chr, range(0xFB00, 0xFB07)))
_PLAIN_FORMS = str.maketrans({**{char: unicodedata.normalize("NFKC", char) for char in _LIGATURES}, "\u2011": "-"})


def _cleaned_characters(text: str, tabs: bool = False) -> str:
    """clean() but for the markup: the steps that change one character at a time."""
    text = unicodedata.normalize("NFC", text)
    if "\u2011" in text or any(char in text for char in _LIGATURES):
        text = text.translate(_PLAIN_FORMS)
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
    if len(text) > _FOLD_KEPT_LENGTH:
        return collapse(_folded(text))
    found = _FOLDS.get(text)
    if found is None:
        if len(_FOLDS) >= _FOLDS_KEPT:
            _FOLDS.clear()
        found = _FOLDS[text] = collapse(_folded(text))
    return found


# Short texts folded, kept: labels, headings, units and names come back on every page (three calls in four fold a
# text folded before), descriptions seldom
_FOLD_KEPT_LENGTH = 200
_FOLDS_KEPT = 1 << 14
_FOLDS: dict[str, str] = {}


# Words that say the names after them are a part of the list before them, or of the area before them: "…, y compris
# le Zimbabwe", "Gouvernorat de Kasserine, notamment Sbeïtla", "plusieurs associations, notamment A": country
# lists, zones and organisation lines part names at them (countries.py, ngo_zones.py, ngo_organisations.py)
INCLUDING = ("y compris", "notamment", "en particulier", "particulièrement", "surtout", "principalement", "incluant",
             "including", "in particular", "notably", "especially")


def phrases(words: tuple[str, ...]) -> str:
    """A pattern matching any of the phrases `words`, as written or folded (fold() takes accents away), with any
    spaces between their words: "particulièrement|particulierement|y\\s+compris|…"."""
    return "|".join(phrase.replace(" ", r"\s+") for phrase in dict.fromkeys(w for word in words
                                                                          for w in (word, fold(word))))


def outside_brackets(text: str, separator: re.Pattern) -> list[str]:
    """The parts of a text between its separators, those inside brackets aside."""
    kept: list[str] = []

    def hide(match: re.Match) -> str:
        kept.append(match.group())
        return f"\0{len(kept) - 1}\0"

    hidden = re.sub(r"\([^()]*\)", hide, text)
    return [re.sub(r"\0(\d+)\0", lambda m: kept[int(m[1])], part) for part in separator.split(hidden) if part.strip()]


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


# Mojibake: UTF-8 text read as Windows-1252 and saved again ("é" became "Ã©", "’" "â€™", "•" "â€¢", "à" "Ã" and a
# no-break space). Each byte of a character's UTF-8 sequence became the character Windows-1252 gives that byte, or
# for the five bytes it leaves undefined, and as Latin-1 reads bytes 0x80 to 0x9F, the control of that number.
_EIGHT_BIT = {**{chr(byte): byte for byte in range(0x80, 0x100)},
              **{bytes([byte]).decode("cp1252", "ignore") or chr(byte): byte for byte in range(0x80, 0x100)}}
_FOLLOWING = "".join(re.escape(char) for char, byte in _EIGHT_BIT.items() if byte < 0xC0)  # a sequence's 2nd-4th
# The garbled runs, only of the characters a French page holds: Latin-1's and Latin Extended-A's letters and signs
# ("Â«", "Ã©", "Å“", "Åž"), punctuation and symbols ("â€™", "â‚¬", "â„¢"), a BOM ("ï»¿"), an emoji. Never two or
# three characters a page may hold as they are: "là »" is no garbled character, nor any run of another lead.
_MOJIBAKE = re.compile(f"[ÂÃÄÅ][{_FOLLOWING}]|â[{_FOLLOWING}]{{2}}|ï»¿|ð[{_FOLLOWING}]{{3}}")
# The runs that tell a garbled page, which no text holds: "Ã©", "Â«", "â€™", "Å“" (œ). A run of "Ä" or "Å" and a
# sign ("Ä–Ö", a range of an index) is repaired only on a page they tell.
_TELLING = re.compile(f"Ã[{_FOLLOWING}]|Â[\u00a0-\u00bf]|â[{_FOLLOWING}]{{2}}|Å[\u201c\u2019]|ï»¿|ð[{_FOLLOWING}]{{3}}")
# In a line with garbled runs, "Ã" or "Â" before a plain space is one whose no-break space (byte 0xA0) a copy made
# a plain one: "Ã " is "à" ("lÃ  renforcer"), "Â " a space (a Latin-1 "Â" there would be garbled too, "Ã‚").
_SPACED = re.compile(r"(?<![A-ZÀ-ÖØ-Þ])([ÃÂ]) ")
_BREAK = re.compile(r"\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")


def _repaired_run(match: re.Match) -> str:
    run = match[0]
    try:
        char = bytes(_EIGHT_BIT[c] for c in run).decode("utf-8")
    except UnicodeDecodeError:
        return run
    return run if run[0] == "Â" and char < "\u00a0" else char  # "Â€" would be a control


def _may_be_garbled(text: str) -> bool:
    """False for most pages, which hold none of the characters telling runs start with or hold ("Ã", "Â", "Å", "ð",
    a BOM's "ï»¿"), nor "â€", the run of every garbled quote, dash and bullet: a few scans with `in` say so far
    sooner than `re` (a garbled page whose only garbled characters are rarer signs, "â‚¬" or "â–ª", is left as it
    is; a French page has accented letters)."""
    return ("Ã" in text or "Â" in text or "Å" in text or "ð" in text or text.startswith("ï»¿")
            or "€" in text and "â€" in text)


def repaired_mojibake(text: str) -> tuple[str, int]:
    """The text with its mojibake repaired run by run (only where the run's bytes are exactly UTF-8; a run garbled
    twice, "ÃƒÂ©", is repaired twice), and the number of its first line repaired, 0 when none is."""
    if not _may_be_garbled(text) or not _TELLING.search(text):
        return text, 0
    lines = text.split("\n")
    first = None
    for index, line in enumerate(lines):
        repaired = line
        for _ in range(3):
            once = _MOJIBAKE.sub(_repaired_run, repaired)
            if once == repaired:
                break
            repaired = once
        if repaired != line:
            lines[index] = _SPACED.sub(lambda m: "à" if m[1] == "Ã" else " ", repaired)
            first = index if first is None else first
    if first is None:
        return text, 0
    start = sum(len(line) + 1 for line in lines[:first])  # where the first line repaired starts in the text
    return "\n".join(lines), len(_BREAK.findall(text, 0, start)) + 1  # numbered as page_lines numbers lines

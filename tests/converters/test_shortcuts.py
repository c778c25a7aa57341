"""The converters' shortcuts give what the plain way of reading gives: each is checked against the plain way
(spelled out here) on random text, and the facts each relies on are checked on the labels themselves."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from converters import euromed_ngo, iom_idf, iom_innovation, navigation
from converters.countries import _gazetteer, _gazetteer_names_at
from converters.navigation import _SOCIAL, _SOCIAL_LINKS, is_site_text
from converters.pagelines import _BULLET, LABEL_LENGTH, Line, label_key, page_lines
from converters.textnorm import clean, collapse, fold, spaced_plainly

# Labels, headings and menu entries that label_key() output is compared with, folded.
LABEL_SETS = {"iom-idf labels": iom_idf.LABELS, "iom-innovation headings": iom_innovation.HEADINGS,
              "euromed-ngo sections": euromed_ngo.SECTIONS, "euromed-ngo labels": euromed_ngo.LABELLED,
              "menu": navigation.MENU, "footer": navigation.FOOTER}
# Characters that make the shortcuts take their other branch: colons, odd spaces, combining marks, long text.
_TRICKY = st.sampled_from(list("aZ9 :;|-•·/é\u0301\u00a0\t\u3000\u1680\x1c\u200b\u00ad\u2028\r\nϒǅﬁ©()") +
                          ["facebook", "twitter", "e-mail", "copyright", "Qui sommes nous", "Date de début",
                           "x" * 150, "é" * 120])
tricky_text = st.lists(_TRICKY, max_size=40).map("".join) | st.text(max_size=300)


def test_no_label_is_longer_than_label_length_or_holds_a_colon():
    for name, labels in LABEL_SETS.items():
        for label in labels:
            assert len(label) <= LABEL_LENGTH and ":" not in label, (name, label)


@settings(max_examples=500, deadline=None)
@given(tricky_text)
def test_label_key_is_none_only_for_a_text_that_cannot_be_a_label(text):
    key = label_key(text)
    if key is None:
        folded = fold(text).rstrip(" :")
        assert len(folded) > LABEL_LENGTH or ":" in folded
    else:
        assert key == fold(text).rstrip(" :")


def _plain_clean(text: str) -> str:
    # a soft hyphen after a letter where the line breaks is the hyphen the reader saw; any other is unseen
    text = re.sub(r"(?<=[^\W\d_])\u00ad(?=[ \t\u00a0]*[\r\n\x0b\x0c\x85\u2028\u2029])", "-", text)
    text = unicodedata.normalize("NFC", text)
    # a PDF's ligatures are their letters, and a non-breaking hyphen a hyphen
    text = re.sub("[\ufb00-\ufb06]", lambda m: unicodedata.normalize("NFKC", m[0]), text).replace("\u2011", "-")
    text = re.sub(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]", "\n", text)
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    return re.sub(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)


@settings(max_examples=500, deadline=None)
@given(tricky_text)
def test_clean_runs_the_substitutions_it_needs(text):
    assert clean(text) == _plain_clean(text)


def test_no_character_past_u3000_is_whitespace():
    # spaced_plainly() looks only for the whitespace below U+3001
    assert not any(chr(code).isspace() for code in range(0x3001, sys.maxunicode + 1))


@settings(max_examples=500, deadline=None)
@given(tricky_text)
def test_lines_keep_what_collapse_gives(text):
    assert spaced_plainly(text) == all(char in " \n" for char in text if char.isspace())
    for line, raw, tabbed in zip(page_lines(text), clean(text).split("\n"), clean(text, tabs=True).split("\n"),
                                 strict=True):
        stripped = collapse(raw)
        bullet = _BULLET.match(stripped)
        body = stripped[bullet.end():].strip() if bullet else stripped
        if body.startswith("|"):  # a row of a table written with pipes: its cells (test_regressions)
            assert line.text == "" or all(cell.strip() in body for cell in line.text.split(": ", 1))
        elif "\t" in tabbed:  # a tab may part a label from its value: "Date de début: 2022" (test_regressions)
            assert line.text == body or line.text.replace(": ", " ", 1) == body
        else:
            assert line.text == body
        assert line.label == label_key(line.text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(_SOCIAL) + ["facebooks", "x-", "mail", "a"]), max_size=5),
       st.lists(st.sampled_from([" ", " | ", "/", "·", " • ", "\u1680", "", "  "]), min_size=6, max_size=6))
def test_a_line_of_social_links_as_the_words_split_tell(words, separators):
    key = separators[0] + "".join(word + separator for word, separator in zip(words, separators[1:], strict=False))
    split = [word for word in re.split(r"\s*[|·•/]\s*|\s+", key) if word]
    assert bool(_SOCIAL_LINKS.fullmatch(key)) == (len(split) > 1 and all(word in _SOCIAL for word in split))


def test_site_text_is_found_on_long_lines():
    long = "Ce projet a pour objectif principal de faire le point sur la situation des migrants de retour " * 2
    assert is_site_text(Line.of(1, long + "© 2024 OIM"))
    assert is_site_text(Line.of(1, "Facebook | Twitter | LinkedIn"))
    assert not is_site_text(Line.of(1, long))


NAMES = sorted(_gazetteer())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(NAMES) | st.sampled_from([" ", ", ", " et ", "x", "guinee", "-"]), max_size=4))
def test_country_names_at_a_position_are_every_name_there(parts):
    folded = "".join(parts)
    codes = _gazetteer()
    for start in range(len(folded)):
        expected = sorted(((start + len(name), codes[name]) for name in NAMES if folded.startswith(name, start)),
                          reverse=True)
        assert _gazetteer_names_at(folded, start) == expected  # the gazetteer's; _names_at adds forms of state

"""A small language guess for page text, so literals get the page's own language tag."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .textnorm import folded_words

# Frequent short words that tell the three languages of the pages apart.
_STOPWORDS = {
    "fr": {"le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "dans", "sur", "par",
           "aux", "au", "ce", "qui", "sont", "avec", "en", "l", "d", "a"},
    "en": {"the", "of", "and", "to", "in", "is", "for", "on", "with", "by", "this", "that", "are", "a",
           "an", "be", "from", "as"},
    "es": {"el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "para", "con", "una", "un",
           "es", "se", "al", "su"},
    "pt": {"o", "os", "as", "do", "da", "dos", "das", "e", "em", "no", "na", "nos", "nas", "para", "com", "um", "uma",
           "que", "por", "ao", "aos", "pelo", "pela"},
}


def guess_language(text: str, default: str = "fr") -> str:
    """ISO 639-1 code of the language among fr, en, es, pt whose common words the text uses most."""
    return language_of([text], default)


def language_of(texts: Iterable[str | None], default: str = "fr") -> str:
    """guess_language of the texts joined: their common words counted together (each text's count is kept for
    text_language, which asks again about a title or description of the page)."""
    scores = {lang: 0 for lang in _STOPWORDS}
    words = False
    for text in filter(None, texts):
        counted = _scores(text)
        words = words or counted is not _NO_WORDS
        for lang, count in counted.items():
            scores[lang] += count
    if not words:
        return default
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] else default


_NO_WORDS: dict[str, int] = dict.fromkeys(_STOPWORDS, 0)


@lru_cache(maxsize=64)  # a page's texts are counted when it is read and again when it is mapped, right after
def _scores(text: str) -> dict[str, int]:
    """How many of each language's common words the text holds."""
    words = folded_words(text)
    if not words:
        return _NO_WORDS
    counts = Counter(words)
    # keys() & stop looks up the few stopwords among the words, not every word among the stopwords
    return {lang: sum(counts[word] for word in counts.keys() & stop) for lang, stop in _STOPWORDS.items()}


_OWN_WORDS = 3  # common words a text needs at least to be said to be in another language than its page's


def text_language(text: str, page_language: str) -> str:
    """The language of one text of a page (an English description under a French title is English): the page's,
    unless the text's own common words clearly say another (three at least, over twice the page language's), or
    its spellings do (`spelled_language`: a Spanish title under French labels)."""
    scores = _scores(text)
    best = max(scores, key=lambda lang: (scores[lang], lang == page_language))
    own = scores.get(page_language, 0)
    if scores[best] >= _OWN_WORDS and scores[best] > 2 * own:
        return best
    return spelled_language(text, page_language)


# Spellings no French (nor English) text has, each telling one language: "ñ", "¿", "¡", a word ending in "ción" or
# "ciones" are Spanish; "ã" and "õ" (so "ão", "ões", "ção", "ções") Portuguese.
_SPELLINGS = {"es": re.compile(r"ñ|ción$|ciones$|^[¿¡]"), "pt": re.compile(r"[ãõ]")}
_SPELT = re.compile(r"[ñÑ¿¡ãõÃÕ]|[cC][iI][óÓ][nN]")  # a letter or ending of _SPELLINGS, in either case
_WORD = re.compile(r"[¿¡]?[^\W\d_]+")
# A language's spelt and common words a text needs at least, unless half its words are spelt so: "Centre São Paulo"
# stays French, "Associação Lusofonia" is Portuguese.
_SPELLED_WORDS = 2


def spelled_language(text: str, page_language: str) -> str:
    """The language of a short text (a title, a name), which has few common words, told by its spellings: Spanish
    or Portuguese when the text has words spelt as only that language spells them, and those with the language's
    common words are more than the page language's common words, and two at least or half the text's words
    ("Migración laboral en Centroamérica" is Spanish, "Associação Lusofonia, Cultura e Cidadania" Portuguese, but
    "la Fundación X a financé des formations pour les jeunes" stays French: one foreign word among many French
    ones); else the page's language (unsure: both languages' spellings, or one such word among others)."""
    if not _SPELT.search(text):  # most texts: no such letter at all
        return page_language
    words = _WORD.findall(text.lower())
    spelled = {lang: sum(1 for word in words if pattern.search(word)) for lang, pattern in _SPELLINGS.items()}
    found = [lang for lang, count in spelled.items() if count]
    if len(found) != 1 or found[0] == page_language:
        return page_language
    lang = found[0]
    scores = _scores(text)
    evidence = spelled[lang] + scores[lang]
    enough = evidence >= _SPELLED_WORDS or 2 * spelled[lang] >= len(words)
    return lang if enough and evidence > scores.get(page_language, 0) else page_language


def label_language(label: str, page_language: str) -> str:
    """The language of a short label (a status, a type): the one language whose common words it uses alone ("On
    hold" is English, "En phase de clôture" French), else the page's (a label of two words says little more)."""
    words = set(folded_words(label))
    found = [lang for lang, stop in _STOPWORDS.items() if words & stop]
    return found[0] if len(found) == 1 else page_language

"""A small language guess for page text, so literals get the page's own language tag."""

from __future__ import annotations

from collections import Counter

from .textnorm import folded_words

# Frequent short words that tell the three languages of the pages apart.
_STOPWORDS = {
    "fr": {"le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "dans", "sur", "par",
           "aux", "au", "ce", "qui", "sont", "avec", "en", "l", "d", "a"},
    "en": {"the", "of", "and", "to", "in", "is", "for", "on", "with", "by", "this", "that", "are", "a",
           "an", "be", "from", "as"},
    "es": {"el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "para", "con", "una", "un",
           "es", "se", "al", "su"},
}


def guess_language(text: str, default: str = "fr") -> str:
    """ISO 639-1 code of the language among fr, en, es whose common words the text uses most."""
    words = folded_words(text)
    if not words:
        return default
    counts = Counter(words)
    # keys() & stop looks up the few stopwords among the words, not every word among the stopwords
    scores = {lang: sum(counts[word] for word in counts.keys() & stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] else default

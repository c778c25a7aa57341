"""Typed values from page text: money, years, month-years, dates and durations."""

from __future__ import annotations

import csv
import datetime
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pycountry

from .country_currencies import page_currency
from .errors import PageError
from .records import Money, PartialDate
from .textnorm import excerpt, fold

# Currency words as pages write them, folded; the value is the ISO 4217 code.
_CURRENCIES = {
    "usd": "USD", "us$": "USD", "$": "USD", "dollars e.-u.": "USD", "dollars e-u": "USD",
    "dollars des etats-unis": "USD", "dollars americains": "USD", "us dollars": "USD",
    "dollars": "USD", "dollar": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR", "€": "EUR",
    "chf": "CHF", "francs suisses": "CHF", "gbp": "GBP", "£": "GBP", "livres sterling": "GBP",
    "tnd": "TND", "dinars tunisiens": "TND", "$ us": "USD", "dollars us": "USD", "$ e.-u.": "USD",
    "dt": "TND", "dinar tunisien": "TND", "da": "DZD", "dinars algeriens": "DZD", "dinar algerien": "DZD",
    "mad": "MAD", "dirhams marocains": "MAD", "dirham marocain": "MAD", "dzd": "DZD",
    "\u20ba": "TRY", "tl": "TRY", "livres turques": "TRY", "livre turque": "TRY", "livres egyptiennes": "EGP",
    "livre egyptienne": "EGP", "livres libanaises": "LBP", "livre libanaise": "LBP", "dinars jordaniens": "JOD",
    "dinar jordanien": "JOD", "dinars libyens": "LYD", "dinar libyen": "LYD",
}
# Scale words after the figures, folded, and what they multiply by ("de" after them: "2 millions de dollars")
_SCALES = {"million": Decimal(10) ** 6, "millions": Decimal(10) ** 6, "mio": Decimal(10) ** 6,
           "m": Decimal(10) ** 6, "milliard": Decimal(10) ** 9, "milliards": Decimal(10) ** 9,
           "billion": Decimal(10) ** 9, "billions": Decimal(10) ** 9, "k": Decimal(10) ** 3}
_SCALE = re.compile(r"\s*(?P<word>millions?|milliards?|billions?|mio|m|k)\b\.?(?:\s+d(?:e\s+|'\s*))?")
REMARK = re.compile(r"\([^)]*\)")  # a remark in brackets: "2021 (2e cycle)"
# Words that make an amount approximate, as the page gives it; and before the figures, a bound, read as the amount
# as "environ" is: "près de 300 000 euros", "plus de 1,2 million de dollars", "presque 300 000 €"
_ABOUT = re.compile(r"\b(?:environ|env\.|approximativement|approx\.?|about|around|circa|ca\.|quelque)(?=\s|$)"
                    r"|\b(?:(?:un peu )?(?:pr[eè]s|plus|moins) d(?:e\s+|['\u2019]\s*)|presque\s+|approximately\s+"
                    r"|nearly\s+|almost\s+|roughly\s+|(?:more|less) than\s+)(?=\D{0,5}\d)", re.IGNORECASE)
# Words that make an amount a ceiling, before or after it or in brackets: "max. 300 000", "300 000 USD (max.)",
# "jusqu'à 300 000 €", "up to USD 300,000", "plafonné à 300 000 €": the amount, read with a note
_CEILING = re.compile(r"(?<![\w.])(?:max(?:imum)?\.?|au maximum|jusqu['\u2019]\s*(?:à|a)|up to|at most|au plus"
                      r"|plafon(?:d|né|ne)(?:\s+(?:de|à|a|à hauteur de))?)(?=[\s)\]]|$)", re.IGNORECASE)
# A funder's share, "UE : 1 000 000 EUR", among others parted by ";" or a line break: a name (no figure) and a colon
_SHARES = re.compile(r"(?:^|[;\n])\s*"
                     r"(?!(?:phase|tranche|ann[ée]e|year|lot|composante|component|montant|total|budget|co[uû]t|cost)\b)[^\W\d]"
                     r"[^:;\d\n]{0,80}?\s*:\s*\D{0,5}\d", re.IGNORECASE)
# An amount in words with its figures in brackets: "trois cent mille dollars (300 000 USD)"; the words, folded,
# name a number ("deux cent cinquante mille", "three hundred thousand")
_IN_WORDS = re.compile(r"\s*(?P<words>[^\d()\[\]]+?)\s*[(\[](?P<figures>[^()\[\]]*\d[^()\[\]]*)[)\]]\s*")
_SPELT_NUMBER = re.compile(r"\b(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
                          r"|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|milles?|millions?"
                          r"|milliards?|et|de|d'|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty"
                          r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|and)\b|-")
_NUMBER_WORDS = re.compile(r"\b(?:cents?|milles?|millions?|milliards?|hundred|thousand|million|billion)\b")
# Millions written as a capital M before the currency, as Tunisian pages write millions of dinars: "1,2 MDT", "1,2
# MD" (M DT), "3 MUSD", "2 MEUR" (an "M" apart, "1,2 M DT", "€1,5 M", "1,2 M€", is a scale word already)
_MILLIONS_OF = re.compile(r"(?<=[\d\s])M(?P<code>USD|EUR|CHF|GBP|TND|DT|D|DZD|DA|MAD|DH|US\$)(?![A-Za-z$])")
# What may come before a year of allocation, folded: a fiscal year ("FY2021", "AF 2021", "Exercice 2021")
_FISCAL = re.compile(r"^(?:fy|af|exercice(?: budgetaire| financier)?|annee(?: fiscale)?|fiscal year)\s*[:-]?\s*")
def _currency_key(words: str) -> str:
    """Folded currency words as they are looked up, their letters and signs: "dollars e.-u." -> "dollarseu"."""
    return re.sub(r"[^a-z$€£\u20ba]", "", words)


# Every ISO 4217 code of a currency (not of a metal, a fund unit or a test) is its own word
_NOT_CURRENCIES = {"XAG", "XAU", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XTS", "XXX"}
_CURRENCY_KEYS = {**{entry.alpha_3.lower(): entry.alpha_3 for entry in pycountry.currencies
                     if entry.alpha_3 not in _NOT_CURRENCIES},
                  **{_currency_key(word): code for word, code in _CURRENCIES.items()}}
_NAMED_CODES = set(_CURRENCIES.values())


def _former_codes() -> dict[str, dict[str, str]]:
    """ISO 4217's former codes of currencies replaced by a new unit (its list 3), which pages of projects from
    before the change still give: "MRO" -> the ouguiya's MRU since 2018, 1 MRU for 10 MRO."""
    with (Path(__file__).parent / "data" / "currencies-former.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


# A former code stays the amount's currency: an amount of MRO is no amount of MRU (it is ten times fewer)
_FORMER_CODES = _former_codes()
_CURRENCY_KEYS.update({code.lower(): code for code in _FORMER_CODES})
_LONGEST_KEY = max(map(len, _CURRENCY_KEYS))
# Words for more than one currency, keyed as _CURRENCY_KEYS are, and the codes they may mean
_CFA = ("XOF", "XAF")
_AMBIGUOUS = {**dict.fromkeys(("cfa", "fcfa", "francscfa", "franccfa"), _CFA),
              **dict.fromkeys(("dirham", "dirhams", "dh"), ("MAD", "AED")),
              **dict.fromkeys(("franc", "francs"), ("CHF", *_CFA)),
              **dict.fromkeys(("livre", "livres"), ("GBP", "EGP", "LBP", "TRY")),
              **dict.fromkeys(("dinar", "dinars"), ("TND", "DZD", "LYD", "JOD"))}
# Whether taxes are in the amount: "250 000 € TTC", "€ HT", "€ H.T."
_TAXES = re.compile(r"\b(?:ttc|htva|ht|h\.\s?t|t\.\s?t\.\s?c|hors taxes?|toutes taxes comprises)\b\.?", re.IGNORECASE)
# A remark on an amount in round or square brackets: "1 200 000 MAD [≈ 110 000 €]"
_REMARKS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# The time an amount is for, after it, folded: "sur 3 ans" (the project's budget over its years, a remark); "par
# an" (an amount a year, no project's budget)
_SPAN = re.compile(r"\b(?:sur|over)\s+(?:une?\s+periode\s+de\s+)?(?:\d+(?:[.,]5)?|un|une|deux|trois|quatre|cinq)\s+"
                   r"(?:ans?|annees?|mois|years?|months?)\b")
_PER_UNITS = (("an", "year"), ("ye", "year"), ("mo", "month"), ("me", "month"), ("tr", "quarter"), ("qu", "quarter"))
_PER = re.compile(r"\b(?:par|per|a)\s+(?P<unit>an|annee|year|mois|month|trimestre|quarter)\b"
                  r"|\b(?P<adjective>annuel(?:le)?s?|mensuel(?:le)?s?|annually|yearly|monthly)\b")
_OF_WHICH = re.compile(r"\b(?:dont|of which|including)\b.*$")  # folded: "… dont 1 200 000 € de l'ue"
_OF_WHICH_WRITTEN = re.compile(r"\b(?:dont|of which|including)\b.*$", re.IGNORECASE)  # as the page writes it
# The year an amount is given for, before it with a colon: "2021 : 250 000 USD", "2021-2022 : 250 000 USD"
_YEAR_LABEL = re.compile(r"^\s*(?:19|20)\d\d(?:\s*[-\u2013/]\s*(?:19|20)?\d\d)?\s*:\s*(?=\S)")
_MAX_DIGITS, _MAX_DECIMALS = 15, 4  # beyond a quadrillion, or past ten-thousandths, it is a typing slip
_NUMBER = re.compile(r"\d[\d\s.,'\u2019]*")  # "CHF 1'250'000", "CHF 250’000"
_MONTHS = {
    "jan": 1, "janv": 1, "janvier": 1, "january": 1, "feb": 2, "fev": 2, "fevr": 2, "fevrier": 2,
    "february": 2, "mar": 3, "mars": 3, "march": 3, "apr": 4, "avr": 4, "avril": 4, "april": 4,
    "may": 5, "mai": 5, "jun": 6, "juin": 6, "june": 6, "jul": 7, "juil": 7, "juillet": 7,
    "july": 7, "aug": 8, "aou": 8, "aout": 8, "august": 8, "sep": 9, "sept": 9, "septembre": 9,
    "september": 9, "oct": 10, "octobre": 10, "october": 10, "nov": 11, "novembre": 11,
    "november": 11, "dec": 12, "decembre": 12, "december": 12,
}
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A date within a span of text, folded: each of parse_date's forms, the fullest first
_DATES = re.compile(rf"(?:\d{{1,2}}(?:er)?[\s-]+)?\b(?:{_MONTH_WORDS})\b\.?[\s-]+(?:\d{{1,2}},\s+)?\d{{4}}"
                    r"|\b\d{4}[-/]\d{1,2}(?:[-/]\d{1,2})?(?!\d)|\b(?:\d{1,2}[/.-])?\d{1,2}[/.-]\d{4}\b|\b\d{4}\b")
# A part of a year: "début 2022", "mi-2022", "fin 2023", "T1 2022", "2e trimestre 2022", "Q3 2021", "late 2021"
_WITHIN_YEAR = re.compile(r"(?:debut|fin|mi|milieu|courant|early|mid|late|end of|beginning of|[tqsh][1-4]"
                          r"|(?:[1-4](?:er|ere|e|eme|st|nd|rd|th)|premier|second|deuxieme|troisieme|quatrieme|first"
                          r"|third|fourth)\s+(?:trimestre|semestre|quarter|half)"
                          r"|printemps|ete|automne|hiver|spring|summer|autumn|fall|winter)(?:\s+d[e'])?[\s-]+(?P<year>\d{4})")
# The time after a day, folded: "t00:00:00", " 00:00", "t09:30:00.000z", "t00:00:00+01:00"
_TIME = re.compile(r"(?<=\d{4}-\d{2}-\d{2})(?:t|\s+)\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?$")
# A month and a year of two figures, folded: "dec-24", "dec. 24", "12/24"
_SHORT_YEAR = re.compile(rf"(?:{_MONTH_WORDS}|\d{{1,2}})\.?[\s/.-]+\d{{2}}")
_DURATION = re.compile(r"(?:(?P<years>\d+(?:[.,]5|[.,]25|[.,]75)?)\s*(?:ans?|annees?|years?))?"
                       r"(?:\s*(?:et|and|,)?\s*(?P<months>\d+)\s*(?:mois|months?))?")
# What a page writes in a field that has no value (yet), folded, without its end dots
_NO_VALUES = frozenset({
    "", "-", "--", "\u2013", "\u2014", "?", "\u2026", "n/a", "na", "n.a", "n/d", "nd", "n.d", "s.o", "sans objet",
    "non disponible", "non communique", "non renseigne", "non applicable", "non defini", "non precise", "inconnu",
    "a determiner", "a confirmer", "a preciser", "aucun", "aucune", "neant", "tbd", "tbc", "to be determined",
    "to be confirmed", "not available", "not applicable", "unknown", "none", "nil",
    "a definir",
})


def no_value(text: str) -> bool:
    """True for a value saying there is none: "N/A", "Non communiqué", "À déterminer", "—"."""
    return len(text) < 40 and fold(text).strip(" .") in _NO_VALUES


def parse_money(text: str, currency: str | None = None, line: int | None = None,
                notes: list[tuple[int | None, str]] | None = None, countries: frozenset[str] | None = None) -> Money:
    """ "250 000 dollars É.-U." -> Money(250000, USD), "1,5 million de dollars" -> Money(1500000, USD); `currency`
    is the default the field label gives. The time a budget is over ("250 000 € sur 3 ans") is left out, with a
    note in `notes`; an amount a year ("50 000 USD par an") is no project's budget. Words for several currencies
    ("F CFA") are the one `countries` (the page's) use, with a note; AmbiguousCurrency when they use none or
    several, or are not known yet (None). Notes are added only for an amount read."""
    said: list[tuple[int | None, str]] = []
    money = _money(text, currency, line, said, countries)
    if notes is not None:
        notes.extend(said)
    return money


def _money(text: str, currency: str | None, line: int | None, notes: list[tuple[int | None, str]],
           countries: frozenset[str] | None) -> Money:
    """parse_money(), its notes in `notes`."""
    if (spelt := _IN_WORDS.fullmatch(text)) and _NUMBER_WORDS.search(fold(spelt["words"])):
        # "trois cent mille dollars (300 000 USD)": the figures, in the words' currency if they name none
        named = _currency(_SPELT_NUMBER.sub(" ", fold(spelt["words"])), None, text)
        money = parse_money(spelt["figures"], named or currency, line, notes, countries)
        if named is not None and money.currency != named:
            raise PageError(f'amount "{excerpt(text)}" names {named} in words and {money.currency} in figures',
                            "give the amount in the one currency the project has", line=line)
        notes.append((line, f'amount "{excerpt(text)}": the figures in brackets read, the amount in words '
                            f'("{excerpt(spelt["words"].strip(), 50)}") left out'))
        return money
    match = _NUMBER.search(text)
    if not match:
        raise PageError(f'amount "{excerpt(text)}" is not a number',
                        "write the amount in figures, e.g. 250000.00 or 250 000 USD", line=line)
    # "environ 250 000 USD": the amount as the page gives it; "2021 : 250 000 USD": the amount, not its year
    qualifier = _qualifier(text)  # said in a note: the page gives no exact amount
    plain = _YEAR_LABEL.sub("", _TAXES.sub(" ", _CEILING.sub(" ", _ABOUT.sub(" ", text))))  # "250 000 € TTC"
    if "M" in plain:  # "1,2 MDT": 1,2 M DT
        plain = _MILLIONS_OF.sub(lambda m: f"M {'DT' if m['code'] == 'D' else m['code']}", plain)
    match = _NUMBER.search(plain)
    words = fold(plain[:match.start()] + " " + plain[match.end():])
    scale = _SCALE.match(fold(plain[match.end():]))
    if scale:  # "1,5 million": the mark before a scale word is a decimal one, whatever follows it
        words = fold(plain[:match.start()]) + " " + fold(plain[match.end():])[scale.end():]
        amount = _decimal(match.group().strip(), text, line, decimal=True) * _SCALES[scale["word"]]
        amount = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()
        if amount.adjusted() >= _MAX_DIGITS:
            raise PageError(f'amount "{excerpt(text)}" has more digits than an amount has',
                            f"check it: at most {_MAX_DIGITS} figures before the decimal mark", line=line)
    else:
        amount = _decimal(match.group().strip(), text, line)
    if plain[:match.start()].endswith(("-", "\u2212")):  # a minus sign on the figures: "-50 000 USD"
        raise PageError(f'amount "{excerpt(text)}" is negative', "write the amount the project has, e.g. 250000.00",
                        line=line)
    outside = _REMARKS.sub(" ", words)
    if per := _PER.search(outside):
        unit = next(unit for start, unit in _PER_UNITS if (per["unit"] or per["adjective"]).startswith(start))
        raise PageError(f'amount "{excerpt(text)}" is an amount a {unit}, not the project\'s budget',
                        "give the project's whole budget, e.g. 150 000 USD", line=line)
    if span := _SPAN.search(outside):  # "sur 3 ans": the budget over the project's years
        words = words.replace(span.group(), " ", 1)
        written = re.search(r"\s+".join(map(re.escape, span.group().split())), fold(text))
        # the words as the page writes them, where folding left their length
        said = text[written.start():written.end()] if written and len(fold(text)) == len(text) else span.group()
        notes.append((line, f'amount "{excerpt(text)}": "{said}" left out, the amount read as the '
                            "project's budget"))
    code = _currency(words, currency, text)
    # without a remark in brackets after the amount, "250 000 USD (dont 50 000 USD de cofinancement)", or after
    # "dont", "1 500 000 € dont 1 200 000 € de l'UE" (of which)
    plain_words = _OF_WHICH.sub(" ", _REMARKS.sub(" ", words))
    if re.search(r"\d", plain_words) and len(_SHARES.findall(text)) > 1:  # "UE : 1 000 000 EUR ; Suisse : …"
        raise PageError(f'amount "{excerpt(text)}" gives an amount for each funder; a project has one budget',
                        "write the total in one currency, e.g. 1 250 000 EUR, and each funder's share in the "
                        "description", line=line)
    if re.search(r"\d", plain_words):  # "2021 - 250 000 USD", "250 000 USD ; 2022 : 120 000 USD": which is it?
        raise PageError(f'amount "{excerpt(text)}" gives more than one number',
                        "give one amount, e.g. 250 000 USD (a remark goes in brackets after it)", line=line)
    if code is None:
        code = _currency(plain_words, currency, text)
    if code is None:  # "150 000 000 FCFA (XOF)": a code in brackets says which of the words' currencies it is
        code = _bracketed_code(words, text)
    if code is None and not _currency_key(plain_words):
        raise PageError(f'amount "{excerpt(text)}" gives no currency',
                        "add its ISO 4217 code, e.g. 250 000 EUR", line=line)
    if code is None and (choices := _AMBIGUOUS.get(_currency_key(_REMARKS.sub(" ", words)))):
        code = page_currency(words.strip(), choices, countries, text, line, notes)
    if code is None and (after := _words_after_currency(text[match.end():] if text[match.start():match.end()]
                                                         == plain[match.start():match.end()] else "", currency)):
        raise PageError(f'amount "{excerpt(text)}" goes on after its currency: "{excerpt(after)}" is no part of an '
                        "amount", "give the amount alone, e.g. 50 000 EUR (a remark goes in brackets after it)",
                        line=line)
    if code is None and (stray := _stray_words(plain, match, currency, text)):
        raise PageError(f'amount "{excerpt(text)}": "{excerpt(stray[1])}" {stray[0]} its figures is no part of an '
                        "amount", "give the amount alone, e.g. 50 000 EUR (a remark goes in brackets after it)",
                        line=line)
    if code is None:  # the words, not a remark in brackets after them: "180 000 000 XYZ (≈ 450 000 €)"
        raise PageError(f'unknown currency "{excerpt(plain_words.strip() or words.strip())}" in "{excerpt(text)}"',
                        "give the currency as an ISO 4217 code, e.g. USD or EUR", line=line)
    if part := _OF_WHICH_WRITTEN.search(text):
        # what "dont" singles out of the amount (a co-funder's share) is left out, in brackets or not: said, so
        # that the page's author knows ("(dont 20 % de cofinancement)": the words in the brackets)
        said = part[0].split(")")[0] if _bracketed(text, part.start()) else part[0]
        notes.append((line, f'amount "{excerpt(text)}": "{excerpt(said.strip())}" left out, the whole amount '
                            "read as the project's budget"))
    if qualifier is not None:
        notes.append((line, _qualifier_note(text, qualifier[0].strip(), amount, code)))
    if former := _FORMER_CODES.get(code):
        notes.append((line, f'amount "{excerpt(text)}": {code} is the former ISO 4217 code of the currency that is '
                            f'{former["successor"]} since {former["until"]} (1 {former["successor"]} = '
                            f'{former["rate"]} {code}); the amount is kept in {code}, as the page gives it'))
    return Money(amount, code)


_ALONE_IN_BRACKETS = re.compile(r"[(\[]\s*(?P<word>[^()\[\]]*?)\s*[)\]]")


def _qualifier(text: str) -> re.Match | None:
    """The word that qualifies the amount ("environ", "max."), outside brackets or alone in them ("(max.)"); one in
    a remark, "(environ 270 000 USD)", qualifies the remark's amount."""
    alone = {(match.start("word"), match["word"]) for match in _ALONE_IN_BRACKETS.finditer(text)}
    for pattern in (_ABOUT, _CEILING):
        for match in pattern.finditer(text):
            if not _bracketed(text, match.start()) or (match.start(), match[0].strip()) in alone:
                return match
    return None


def _qualifier_note(text: str, word: str, amount: Decimal, code: str) -> str:
    """The note for an amount the page qualifies: a ceiling ("max."), a lower bound ("plus de") or about ("environ")."""
    folded = fold(word)
    kind = ("a ceiling" if _CEILING.fullmatch(word) or folded.startswith(("moins", "less"))
            else "a lower bound" if folded.startswith(("plus", "more", "un peu plus")) else "an approximate amount")
    return (f'amount "{excerpt(text)}" read as {amount} {code}: the page gives {kind} ("{excerpt(word, 30)}"), '
            "published as the project's budget")


# A remark in brackets after an amount that gives the amount as revised: "300 000 EUR (révisé à 350 000 EUR)",
# "(porté à 350 000 EUR)", "(revised to EUR 350,000)"
_REVISION = re.compile(r"^(?P<first>[^()]*\d[^()]*?)\s*\(\s*(?:montant\s+|budget\s+)?"
                       r"(?:r[ée]vis[ée]e?s?|port[ée]e?s?|revu[es]*|ramen[ée]e?s?|augment[ée]e?s?|r[ée]duite?s?|revised|increased|reduced|amended)\s+"
                       r"(?:à|a|to)\s+(?P<revised>[^()]*\d[^()]*?)\s*\)\s*$", re.IGNORECASE)


def revised_money(text: str, currency: str | None = None, line: int | None = None,
                  notes: list[tuple[int | None, str]] | None = None, countries: frozenset[str] | None = None) -> Money:
    """parse_money(), and for an amount with its revision in brackets after it ("300 000 EUR (révisé à 350 000
    EUR)"), the amount as revised (in the first's currency if it names none), with a note in `notes` that the
    first is left out."""
    match = _REVISION.match(text)
    if match is None:
        return parse_money(text, currency, line, notes, countries)
    first = parse_money(match["first"], currency, line, countries=countries)
    revised = parse_money(match["revised"], first.currency, line, notes, countries)
    if notes is not None:
        notes.append((line, f'amount "{excerpt(text)}": the revised amount read as the project\'s budget, the first '
                            f'("{excerpt(match["first"])}") left out'))
    return revised


def _words_after_currency(tail: str, default: str | None) -> str | None:
    """The words after an amount's currency ("€ maximum par projet" -> "maximum par projet"), or None when its
    first words name no currency, nothing follows them or they name one too ("USD (environ) EUR": which is it?)."""
    words = tail.split()
    most, letters = 0, 0  # the most words a currency's name may be: past them, more letters than any name has
    while most < len(words) - 1:  # (not every head of a long tail, "75 000.00Bolivie : Projet de test…")
        letters += len(_currency_key(fold(words[most])))
        if letters > _LONGEST_KEY:
            break
        most += 1
    for count in range(most, 0, -1):
        head = fold(" ".join(words[:count]))
        if _currency_key(head) and _currency(head, default, tail):
            after = words[count:]
            return None if any(_CURRENCY_KEYS.get(_currency_key(fold(word))) for word in after) else " ".join(after)
    return None


def _bracketed(text: str, position: int) -> bool:
    """True when the position of the text is inside round or square brackets."""
    before = text[:position]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _stray_words(plain: str, figures: re.Match, default: str | None, text: str) -> tuple[str, str] | None:
    """("before", the words) for words before an amount's figures when the words after them name its currency
    alone ("grosso modo 300 000 euros"), ("after", …) the other way round ("USD 300 000 foo"); else None. The
    error quotes them alone, not glued to the currency on the other side."""
    before, after = plain[:figures.start()].strip(), plain[figures.end():].strip()
    if scale := _SCALE.match(fold(after)):  # "1,2 million de …": the words after the scale
        after = fold(after)[scale.end():].strip()
    sides = (("before", before, fold(after)), ("after", after, fold(before)))
    for where, words, other in sides:
        other = _REMARKS.sub(" ", other)
        if _currency_key(fold(_REMARKS.sub(" ", words))) and _currency_key(other) and _currency(other, default, text):
            return where, words
    return None


def _bracketed_code(words: str, text: str) -> str | None:
    """The currency code in brackets after words that name it or may name it ("FCFA (XOF)", "dinars (TND)"), or
    None."""
    outside = _currency_key(_REMARKS.sub(" ", words))
    for remark in _REMARKS.findall(words):
        code = _currency(remark[1:-1], None, text)
        if code and (_CURRENCY_KEYS.get(outside) == code or code in _AMBIGUOUS.get(outside, ())):
            return code
    return None


def _currency(words: str, default: str | None, text: str) -> str | None:
    """The code the words name ("dollars e.-u." -> USD), or `default` when there are none. A code no word of
    _CURRENCIES spells counts in capitals only ("250 000 JOD"; "250 000 all" is no Albanian lek)."""
    key = _currency_key(words)
    if not key:
        return default
    code = _CURRENCY_KEYS.get(key)
    return code if code in _NAMED_CODES or code and code in text else None


def _decimal(figures: str, text: str, line: int | None, decimal: bool = False) -> Decimal:
    """Figures with French or English separators -> exact Decimal: 1 250 000,00 and 1,250,000.00 alike; with
    `decimal`, a single mark is the decimal one (1,250 million)."""
    figures = re.sub(r"[\s'\u2019]", "", figures).rstrip(".,")
    marks = [c for c in figures if c in ",."]
    integer, fraction = figures, ""
    if marks:
        head, _, tail = figures.rpartition(marks[-1])
        if len(set(marks)) == 2:
            is_decimal = True  # 1.250.000,00 or 1,250,000.00: the last mark is the decimal one
        elif len(marks) > 1:
            is_decimal = False  # 1.250.000: the same mark repeated groups thousands
            if any(len(group) != 3 for group in re.split(r"[.,]", figures)[1:]):  # "250000.00.00"
                raise PageError(f'amount "{excerpt(text)}" is not a number as written',
                                "write it with one decimal mark, e.g. 250000.00 or 250 000,00", line=line)
        else:
            is_decimal = decimal or len(tail) != 3  # 250000.00 is decimal; 250,000 groups thousands
        if is_decimal:
            integer, fraction = head, tail
    integer = integer.replace(",", "").replace(".", "")
    if len(integer.lstrip("0")) > _MAX_DIGITS or len(fraction) > _MAX_DECIMALS:
        raise PageError(f'amount "{excerpt(text)}" has more digits than an amount has',
                        f"check it: at most {_MAX_DIGITS} figures before the decimal mark and {_MAX_DECIMALS} after",
                        line=line)
    try:
        return Decimal(f"{integer}.{fraction}" if fraction else integer)
    except InvalidOperation:
        raise PageError(f'amount "{excerpt(text)}" is not a number',
                        "write the amount in figures, e.g. 250000.00", line=line) from None


def parse_year(text: str, line: int | None = None) -> int:
    """ "2021", "FY2021", "Exercice 2021", "2021 (2e cycle)" -> 2021; anything else is an error, and a span of years
    ("2021-2023") one saying that the allocation year is one year, which its first need not be."""
    value = excerpt(text)
    bare = _FISCAL.sub("", REMARK.sub("", fold(value)).strip(" ."))
    if re.fullmatch(r"(?:19|20)\d\d\s*[-\u2013/]\s*(?:19|20)?\d\d", bare):  # "2021-2023": the project's years?
        raise PageError(f'year "{value}" is a span of years; the allocation year is the one year the funding was '
                        "allocated in, which need not be the first", "give that year alone, e.g. 2021 (the project's "
                        "years go in its dates or duration)", line=line)
    if not re.fullmatch(r"\d{4}", bare):
        raise PageError(f'year "{value}" is not a four-digit year', "write it as e.g. 2021", line=line)
    return _no_year_zero(int(bare), value, line)


def _no_year_zero(year: int, text: str, line: int | None) -> int:
    """The year, which must not be 0: no calendar has it, and "0000" is what an empty date field shows."""
    if year == 0:
        raise PageError(f'year "{excerpt(text)}" does not exist (there is no year 0)', "write the year, e.g. 2021",
                        line=line)
    return year


def parse_date(text: str, line: int | None = None) -> PartialDate:
    """A date as precise as written: "2022", "Jun 2020", "juin 2020", "Jan-2020", "2020-06-15", "15/06/2020",
    "06/2020", "March 15, 2021", "March 1st, 2022", "15-Jan-2020"."""
    value = _TIME.sub("", fold(text).strip(" ."))  # "2022-01-15T00:00:00", as a database export writes a day
    if re.fullmatch(r"\d{4}", value):
        return PartialDate(_no_year_zero(int(value), text, line))
    if match := _WITHIN_YEAR.fullmatch(value):  # "fin 2023", "T1 2022": within that year, as precise as that
        return PartialDate(int(match["year"]))
    if match := re.fullmatch(r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?", value):
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None, text, line)
    if match := re.fullmatch(r"(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})", value):  # day first, as French pages write
        day, month, year = match.groups()
        if day and int(month) > 12 >= int(day) > 0:  # "1/15/2022": the month first, as US pages write a day
            raise PageError(f'date "{excerpt(text)}" gives the month first', f"write the day first, "
                            f"{month}/{day}/{year}, or as {year}-{int(day):02}-{int(month):02}", line=line)
        return _checked(int(year), int(month), int(day) if day else None, text, line)
    if match := re.fullmatch(r"(?:(\d{1,2})(?:er|st|nd|rd|th)?[\s-]+)?([a-z]+)\.?,?[\s-]+"
                             r"(?:(\d{1,2})(?:(?:st|nd|rd|th),?|,)\s+)?(\d{4})", value):
        day, month_word, english_day, year = match.groups()  # "15 mars 2021", "March 1st, 2022", "15-Jan-2021"
        month = _MONTHS.get(month_word)
        if month and not (day and english_day):
            written = day or english_day
            return _checked(int(year), month, int(written) if written else None, text, line)
    if _SHORT_YEAR.fullmatch(value):  # "Dec-24", "déc. 24": December 2024, or the 24th?
        written = excerpt(text).strip(" .")
        raise PageError(f'date "{written}" gives its year in two figures',
                        f"write the year in four: {written[:-2]}20{written[-2:]}", line=line)
    raise PageError(f'date "{excerpt(text)}" is not a date',
                    "write a year (2022), a month and year (juin 2022) or a day (2022-06-15)", line=line)


def parse_period(text: str, line: int | None = None) -> list[PartialDate]:
    """Every date in a span, in order and as precise as written: "Jun 2020 Jun 2020", "janvier 2021 - mars 2022",
    "Du 1er mars 2020 au 28 février 2022", "01/2020 - 12/2021", "2020-2022"."""
    folded = _MONTH_SPAN.sub(lambda match: f"{match['first']} {match['year']}", fold(text))  # "janvier a decembre
    if (short := _SHORT_RANGE.fullmatch(folded.strip(" ."))) and short["end"] >= short["year"][2:]:  # 2022"
        # "2019-21": 2019 to 2021 (21 is no month)
        return [PartialDate(int(short["year"])), PartialDate(int(short["year"][:2] + short["end"]))]
    found = [parse_date(match.group(), line) for match in _DATES.finditer(folded)]
    if not found:
        raise PageError(f'period "{excerpt(text)}" has no date',
                        'write it as "juin 2020 - juin 2022"', line=line)
    return found


# A month without its year before a month of one, folded: "janvier a decembre 2022", "mars-decembre 2022", "du 1er
# mars au 30 juin 2022": the year written once is the first month's too, and is added to it
_MONTH_SPAN = re.compile(rf"\b(?P<first>(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTH_WORDS}))\b\.?"
                         rf"(?=\s*(?:a|au|jusqu'a|to|-|\u2013|/)\s*(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTH_WORDS})\b\.?\s+(?P<year>\d{{4}}))")
# A span of years whose end gives its last two figures, which no month has: "2019-21", "2019/21"
_SHORT_RANGE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*[-\u2013/]\s*(?P<end>1[3-9]|[2-9]\d)")


def parse_duration_months(text: str, line: int | None = None) -> int:
    """ "24 mois" -> 24, "2 ans" -> 24, "1 an et 6 mois" -> 18, "1,5 an" -> 18; a remark in brackets after it is
    left out ("36 mois (prolongé)")."""
    value = REMARK.sub(" ", fold(text)).strip(" .")
    parts = _DURATION.fullmatch(value)
    months = None
    if parts and (parts["years"] or parts["months"]):
        years = Decimal(parts["years"].replace(",", ".")) if parts["years"] else Decimal(0)
        total = years * 12 + int(parts["months"] or 0)
        if total == total.to_integral_value() and total > 0:
            months = int(total)
    if months is None:
        raise PageError(f'duration "{excerpt(text)}" is not a number of months or years',
                        "write it as e.g. 24 mois", line=line)
    return months


def _checked(year: int, month: int, day: int | None, text: str, line: int | None) -> PartialDate:
    _no_year_zero(year, text, line)
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        raise PageError(f'date "{excerpt(text)}" does not exist', "check the day and month", line=line) from None
    return PartialDate(year, month, day)

"""Typed values from page text: money, years, month-years, dates and durations."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from .errors import PageError
from .records import Money, PartialDate
from .textnorm import excerpt, fold

# Currency words as pages write them, folded; the value is the ISO 4217 code.
_CURRENCIES = {
    "usd": "USD", "us$": "USD", "$": "USD", "dollars e.-u.": "USD", "dollars e-u": "USD",
    "dollars des etats-unis": "USD", "dollars americains": "USD", "us dollars": "USD",
    "dollars": "USD", "dollar": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR", "€": "EUR",
    "chf": "CHF", "francs suisses": "CHF", "gbp": "GBP", "£": "GBP", "livres sterling": "GBP",
    "tnd": "TND", "dinars tunisiens": "TND",
}
_CURRENCY_KEYS = {re.sub(r"[^a-z$€£]", "", word): code for word, code in _CURRENCIES.items()}
_MAX_DIGITS, _MAX_DECIMALS = 15, 4  # beyond a quadrillion, or past ten-thousandths, it is a typing slip
_NUMBER = re.compile(r"\d[\d\s.,']*")
_MONTHS = {
    "jan": 1, "janv": 1, "janvier": 1, "january": 1, "feb": 2, "fev": 2, "fevr": 2, "fevrier": 2,
    "february": 2, "mar": 3, "mars": 3, "march": 3, "apr": 4, "avr": 4, "avril": 4, "april": 4,
    "may": 5, "mai": 5, "jun": 6, "juin": 6, "june": 6, "jul": 7, "juil": 7, "juillet": 7,
    "july": 7, "aug": 8, "aou": 8, "aout": 8, "august": 8, "sep": 9, "sept": 9, "septembre": 9,
    "september": 9, "oct": 10, "octobre": 10, "october": 10, "nov": 11, "novembre": 11,
    "november": 11, "dec": 12, "decembre": 12, "december": 12,
}
_MONTH_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{4})")
_DURATION = re.compile(r"(\d+)\s*(mois|months?|ans?|annees?|years?)")


def parse_money(text: str, currency: str | None = None, line: int | None = None) -> Money:
    """ "400 000 dollars É.-U." -> Money(400000, USD); `currency` is the default the field label gives."""
    match = _NUMBER.search(text)
    words = fold(_NUMBER.sub(" ", text, count=1)) if match else ""
    if not match:
        raise PageError(f'amount "{excerpt(text)}" is not a number',
                        "write the amount in figures, e.g. 300000.00 or 400 000 USD", line=line)
    amount = _decimal(match.group().strip(), text, line)
    key = re.sub(r"[^a-z$€£]", "", words)
    code = _CURRENCY_KEYS.get(key) if key else currency
    if code is None:
        raise PageError(f'unknown currency "{excerpt(words)}" in "{excerpt(text)}"',
                        "give the currency as an ISO 4217 code, e.g. USD or EUR", line=line)
    return Money(amount, code)


def _decimal(figures: str, text: str, line: int | None) -> Decimal:
    """Figures with French or English separators -> exact Decimal: 1 250 000,00 and 1,250,000.00 alike."""
    figures = re.sub(r"[\s']", "", figures).rstrip(".,")
    marks = [c for c in figures if c in ",."]
    integer, fraction = figures, ""
    if marks:
        head, _, tail = figures.rpartition(marks[-1])
        if len(set(marks)) == 2:
            is_decimal = True  # 1.250.000,00 or 1,250,000.00: the last mark is the decimal one
        elif len(marks) > 1:
            is_decimal = False  # 1.250.000: the same mark repeated groups thousands
        else:
            is_decimal = len(tail) != 3  # 300000.00 is decimal; 400,000 groups thousands
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
                        "write the amount in figures, e.g. 300000.00", line=line) from None


def parse_year(text: str, line: int | None = None) -> int:
    """ "2021" -> 2021; anything else is an error."""
    value = excerpt(text)
    if not re.fullmatch(r"\d{4}", value):
        raise PageError(f'year "{value}" is not a four-digit year', "write it as e.g. 2021", line=line)
    return int(value)


def parse_date(text: str, line: int | None = None) -> PartialDate:
    """A date as precise as written: "2022", "Jun 2020", "juin 2020", "2020-06-15", "15/06/2020", "06/2020"."""
    value = fold(text).strip(" .")
    if re.fullmatch(r"\d{4}", value):
        return PartialDate(int(value))
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", value):
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None, text, line)
    if match := re.fullmatch(r"(?:(\d{1,2})[/.])?(\d{1,2})[/.](\d{4})", value):  # day first, as French pages write
        day, month, year = match.groups()
        return _checked(int(year), int(month), int(day) if day else None, text, line)
    if match := re.fullmatch(r"(?:(\d{1,2})(?:er)?\s+)?([a-z]+)\.?\s+(\d{4})", value):
        day, month_word, year = match.groups()
        month = _MONTHS.get(month_word)
        if month:
            return _checked(int(year), month, int(day) if day else None, text, line)
    raise PageError(f'date "{excerpt(text)}" is not a date',
                    "write a year (2022), a month and year (juin 2022) or a day (2022-06-15)", line=line)


def parse_month_years(text: str, line: int | None = None) -> list[PartialDate]:
    """Every "Mon YYYY" in a span such as "Jun 2020 Jun 2020" or "janvier 2021 - mars 2022", in order."""
    found = [_checked(int(year), _MONTHS[word], None, text, line)
             for word, year in _MONTH_YEAR.findall(fold(text)) if word in _MONTHS]
    if not found:
        raise PageError(f'period "{excerpt(text)}" has no month and year',
                        'write it as "juin 2020 - juin 2022"', line=line)
    return found


def parse_duration_months(text: str, line: int | None = None) -> int:
    """ "24 mois" -> 24, "2 ans" -> 24."""
    match = _DURATION.fullmatch(fold(text).strip(" ."))
    if not match:
        raise PageError(f'duration "{excerpt(text)}" is not a number of months or years',
                        "write it as e.g. 24 mois", line=line)
    number, unit = int(match.group(1)), match.group(2)
    return number if unit.startswith(("mois", "month")) else number * 12


def _checked(year: int, month: int, day: int | None, text: str, line: int | None) -> PartialDate:
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        raise PageError(f'date "{excerpt(text)}" does not exist', "check the day and month", line=line) from None
    return PartialDate(year, month, day)

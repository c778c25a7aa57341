"""Budgets a page gives phase by phase ("Phase I : 250 000 USD ; Phase II : 150 000 USD"): the project's budget is
their total when each part is a phase's amount in one currency; anything else is refused, asking for the total. Dates
and durations given phase by phase likewise ("Phase I : 2019 ; Phase II : 2021", "Phase I : 12 mois ; Phase II :
18 mois"): the first start, the last end, the total length. And a budget revised since, which a page gives as a
field of its own ("Budget révisé (USD)", "MONTANT RÉVISÉ")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from .errors import PageError
from .records import Money, PartialDate
from .textnorm import collapse, excerpt
from .values import parse_date, parse_duration_months, parse_money, parse_period

# A phase named before its amount or in brackets after it: "Phase I :", "(phase 2)", "Phase II –", its years in
# brackets or not: "Phase I (2019-2020) :"
_PHASE = re.compile(r"^\s*phase\s+(?P<lead>[IVX]+|\d+)\s*(?:\([^()]{1,30}\)\s*)?[:\u2013-]\s*|"
                    r"\(\s*phase\s+(?P<tail>[IVX]+|\d+)\s*\)",
                    re.IGNORECASE)
# What parts the phases' amounts: "… ; …", "… + …", "… et …", "… and …" (never a comma: "250,000" is one amount)
_PARTS = re.compile(r"\s*;\s*|\s+\+\s+|\s+(?:et|and)\s+")
_TOTAL = "give the project's total budget in one currency, e.g. 250 000 USD (the phases go in the description)"


def phased_budget(value: str, currency: str | None, line: int | None, notes: list[tuple[int | None, str]],
                  countries: frozenset[str] | None = None) -> Money | None:
    """The total of a budget given phase by phase, with a note naming the phases; None for a value that names no
    two phases (parse_money() reads it, words for several currencies as `countries` use them); PageError for phases
    that cannot be added up."""
    parts = [part for part in _PARTS.split(collapse(value)) if part.strip()]
    phases = [found for part in parts if (found := _PHASE.search(part))]
    if len(phases) < 2:
        return None
    if len(phases) < len(parts):
        raise PageError(f'budget "{excerpt(value)}" gives the amounts of phases beside other amounts', _TOTAL,
                        line=line)
    amounts = []
    said: list[tuple[int | None, str]] = []  # what the phases' amounts say, kept once countries are given
    for part, phase in zip(parts, phases, strict=True):
        try:
            amounts.append(parse_money(part[:phase.start()] + " " + part[phase.end():], currency, line, said,
                                       countries))
        except PageError as error:  # an AmbiguousCurrency one stays one: read again once the countries are known
            raise type(error)(f'budget "{excerpt(value)}": {error.message}', _TOTAL, line=line) from None
    if len({amount.currency for amount in amounts}) > 1:
        raise PageError(f'budget "{excerpt(value)}" gives its phases\' amounts in more than one currency', _TOTAL,
                        line=line)
    total = Money(sum(amount.amount for amount in amounts), amounts[0].currency)
    if countries is not None:  # read again for "F CFA" (refused without them): the currency they tell is said
        notes.extend(said)
    listed = ", ".join(f"phase {(phase['lead'] or phase['tail']).upper()}: {amount.amount}"
                       for phase, amount in zip(phases, amounts, strict=True))
    notes.append((line, f'budget "{excerpt(value)}" is read as the total of its phases, {total.amount} '
                        f"{total.currency} ({listed})"))
    return total


def revised_note(original: Money, label: str, revised: Money, line: int) -> str:
    """The note for the budget a field `label` gives, `original`, left out for the revised one on `line`: the
    project's budget is the amount it has now."""
    return (f'field "{excerpt(label)}" gives {original.amount} {original.currency}, and line {line} the revised '
            f"budget, {revised.amount} {revised.currency}: the revised one is the budget, the first is left out of "
            "the record")


def _phased(value: str) -> list[tuple[str, str]] | None:
    """(phase, its text) for each part of a value given phase by phase ("Phase I : 2019 ; Phase II : 2021"); None
    for a value that names no two phases, or gives a part no phase names."""
    parts = [part for part in _PARTS.split(collapse(value)) if part.strip()]
    phases = [found for part in parts if (found := _PHASE.search(part))]
    if len(phases) < 2 or len(phases) < len(parts):
        return None
    return [((phase["lead"] or phase["tail"]).upper(), f"{part[:phase.start()]} {part[phase.end():]}".strip())
            for part, phase in zip(parts, phases, strict=True)]


_T = TypeVar("_T")


def _each_phase(value: str, read: Callable[[str], _T]) -> list[tuple[str, _T]] | None:
    """(phase, what `read` makes of its text) for each part of a value given phase by phase; None for a value not
    given so, or a part `read` refuses (PageError): the value is then read as a whole, as if it had no phases."""
    parts = _phased(value)
    if parts is None:
        return None
    try:
        return [(phase, read(text)) for phase, text in parts]
    except PageError:
        return None


def phased_date(field: str, value: str, line: int | None, notes: list[tuple[int | None, str]]) -> PartialDate | None:
    """The date a start or end date field (`field`) given phase by phase stands for: the first phase's start, the
    last phase's end, with a note naming the phases; None for a value not given so, or whose parts are no dates."""
    dates = _each_phase(value, lambda text: parse_date(text, line))
    if dates is None:
        return None
    order = (min if field == "start" else max)
    date = order((date for _, date in dates), key=_order)
    listed = ", ".join(f"phase {phase}: {when.iso()}" for phase, when in dates)
    what = "the start of its first phase" if field == "start" else "the end of its last phase"
    notes.append((line, f'{"start" if field == "start" else "end"} date "{excerpt(value)}" is read as {date.iso()}, '
                        f"{what} ({listed})"))
    return date


def is_phase(text: str) -> bool:
    """True for a text that starts with a phase's name before its value ("Phase II : 2021-2023")."""
    found = _PHASE.match(text)
    return found is not None and found["lead"] is not None


def phased_period(value: str, line: int | None,
                  notes: list[tuple[int | None, str]]) -> tuple[PartialDate, PartialDate] | None:
    """(start, end) of a period given phase by phase ("Phase I : 2019-2020 ; Phase II : 2021-2023"): the phases
    joined, from the first phase's start to the last phase's end, with a note naming them; None for a value not
    given so, or whose parts are no dates."""
    spans = _each_phase(value, lambda text: parse_period(text, line))
    if spans is None:
        return None
    dates = [date for _, found in spans for date in found]
    start = min(dates, key=_order)
    end = max(dates, key=_order)
    listed = ", ".join(f"phase {phase}: {' – '.join(date.iso() for date in found)}" for phase, found in spans)
    notes.append((line, f'period "{excerpt(value)}" is read as {start.iso()} – {end.iso()}, its phases joined: from '
                        f"the start of the first to the end of the last ({listed})"))
    return start, end


def _order(date: PartialDate) -> tuple[int, int, int]:
    return date.year, date.month or 0, date.day or 0


def phased_months(value: str, line: int | None, notes: list[tuple[int | None, str]]) -> int | None:
    """The length of a duration given phase by phase ("Phase I : 12 mois ; Phase II : 18 mois"): their total, with a
    note naming the phases; None for a value not given so, or whose parts are no lengths."""
    lengths = _each_phase(value, lambda text: parse_duration_months(text, line))
    if lengths is None:
        return None
    total = sum(months for _, months in lengths)
    listed = ", ".join(f"phase {phase}: {months} months" for phase, months in lengths)
    notes.append((line, f'duration "{excerpt(value)}" is read as the total of its phases, {total} months ({listed})'))
    return total

"""Budgets a page gives phase by phase ("Phase I : 250 000 USD ; Phase II : 150 000 USD"): the project's budget is
their total when each part is a phase's amount in one currency; anything else is refused, asking for the total. And
a budget revised since, which a page gives as a field of its own ("Budget révisé (USD)", "MONTANT RÉVISÉ")."""

from __future__ import annotations

import re

from .errors import PageError
from .records import Money
from .textnorm import collapse, excerpt
from .values import parse_money

# A phase named before its amount or in brackets after it: "Phase I :", "(phase 2)", "Phase II –"
_PHASE = re.compile(r"^\s*phase\s+(?P<lead>[IVX]+|\d+)\s*[:\u2013-]\s*|\(\s*phase\s+(?P<tail>[IVX]+|\d+)\s*\)",
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

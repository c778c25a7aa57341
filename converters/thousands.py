"""Amounts a budget label says are given in thousands ("Budget total (en milliers d’USD)" over "1 250")."""

from __future__ import annotations

import re
from decimal import Decimal

from .errors import PageError
from .records import Money
from .textnorm import excerpt, fold
from .values import parse_money

# A label's last bracket saying its amounts are in thousands, folded: "(en milliers d'usd)", "(milliers d'euros)",
# "(usd, en milliers)", "(in thousands of usd)", "(k usd)", "('000 usd)"; the currency it names, if any, around it
_THOUSANDS = re.compile(r"\s*\((?P<inner>[^()]*?(?:\b(?:en |in )?(?:milliers|thousands)\b|\bk\b|'000)[^()]*)\)$")
_UNIT = re.compile(r"(?:\b(?:en |in )?(?:milliers|thousands)(?: d'| de | of )?|\bk\b|'000)")


def in_thousands(label: str) -> tuple[str, str | None] | None:
    """(the label's folded head, the ISO 4217 code its bracket names or None) for a label whose bracket says its
    amounts are in thousands; None for any other label."""
    folded = fold(label).strip()
    found = _THOUSANDS.search(folded)
    if found is None:
        return None
    rest = _UNIT.sub(" ", found["inner"]).strip(" ,")
    code = None
    if rest:
        try:
            code = parse_money(f"0 {rest}").currency
        except PageError:
            return None  # "(en milliers de bénéficiaires)": no amount in thousands of a currency
    return folded[:found.start()].strip(), code


def thousands_budget(money: Money, label: str, line: int | None, notes: list[tuple[int | None, str]]) -> Money:
    """The amount of a budget whose label says it is given in thousands: a thousand times it, with a note."""
    total = Money(money.amount * Decimal(1000), money.currency)
    notes.append((line, f'the label "{excerpt(label)}" gives the budget in thousands: {money.amount} is read as '
                        f"{total.amount} {total.currency}"))
    return total

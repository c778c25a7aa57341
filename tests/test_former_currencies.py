"""Amounts in a currency's former ISO 4217 code, and the words an unknown currency's error quotes."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pycountry
import pytest

from converters.errors import PageError
from converters.records import Money
from converters.values import parse_money

FORMER = Path(__file__).parent.parent / "converters" / "data" / "currencies-former.csv"


def test_an_amount_in_a_former_code_keeps_it_with_a_note():
    # "180.000.000 MRO" was refused as an unknown currency: MRO was the ouguiya's code until 2018, and an amount
    # of MRO is ten times one of MRU, so it stays in MRO
    notes: list = []
    assert parse_money("180.000.000 MRO (≈ 450 000 €)", None, 20, notes) == Money(Decimal(180000000), "MRO")
    assert notes == [(20, 'amount "180.000.000 MRO (≈ 450 000 €)": MRO is the former ISO 4217 code of the currency '
                          "that is MRU since 2018 (1 MRU = 10 MRO); the amount is kept in MRO, as the page gives it")]


def test_an_unknown_currency_is_quoted_without_the_remark_after_it():
    # the error quoted "mro (≈ 450 000 €)", as if the remark were part of the currency
    with pytest.raises(PageError) as raised:
        parse_money("180.000.000 XYZ (≈ 450 000 €)")
    assert raised.value.message == 'unknown currency "xyz" in "180.000.000 XYZ (≈ 450 000 €)"'


@pytest.mark.parametrize("row", list(csv.DictReader(FORMER.open(encoding="utf-8", newline=""))),
                         ids=lambda row: row["code"])
def test_every_former_code_is_no_current_one_and_its_successor_is(row):
    assert pycountry.currencies.get(alpha_3=row["code"]) is None
    assert pycountry.currencies.get(alpha_3=row["successor"]) is not None

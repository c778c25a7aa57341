"""The currency a page's countries use, for a currency word that names several ("F CFA": XOF or XAF): read from
data/currency-countries.csv (ISO 3166-1 alpha-2 -> ISO 4217)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from .errors import AmbiguousCurrency
from .records import Country, Project
from .textnorm import excerpt


def _currencies() -> dict[str, str]:
    """Each country's currency, by ISO 3166-1 alpha-2 code; the file's comment lines ("# …") left out."""
    with (Path(__file__).parent / "data" / "currency-countries.csv").open(encoding="utf-8", newline="") as handle:
        return {row["country"]: row["currency"]
                for row in csv.DictReader(line for line in handle if not line.startswith("#"))}


_CURRENCY_OF = _currencies()
# The names of the currencies a word may mean, which the error on one lists
NAMES = {"XOF": "franc CFA d'Afrique de l'Ouest", "XAF": "franc CFA d'Afrique centrale",
         "MAD": "dirham marocain", "AED": "dirham des Émirats", "CHF": "franc suisse",
         "GBP": "livre sterling", "EGP": "livre égyptienne", "LBP": "livre libanaise", "TRY": "livre turque",
         "TND": "dinar tunisien", "DZD": "dinar algérien", "LYD": "dinar libyen", "JOD": "dinar jordanien"}


def currencies_of(countries: Iterable[str]) -> dict[str, list[str]]:
    """The currencies the countries use, each with the countries that use it (sorted): {"XOF": ["SN"]}."""
    used: dict[str, list[str]] = {}
    for country in sorted(set(countries)):
        if country in _CURRENCY_OF:
            used.setdefault(_CURRENCY_OF[country], []).append(country)
    return used


def page_countries(project: Project, *more: str | None) -> frozenset[str]:
    """The countries a project's page names as its own: its missions', beneficiary (eligible or other) countries,
    the countries of its areas and regions, and `more` (an NGO page's country, which its partners locate)."""
    areas = [area.code if isinstance(area, Country) else area.country for area in project.intervention_areas]
    return frozenset(country for country in (*project.mission_countries, *project.beneficiary_countries,
                                             *project.eligible_countries, *project.other_countries, *areas,
                                             *(region.country for region in project.beneficiary_regions), *more)
                     if country)


def page_currency(words: str, choices: tuple[str, ...], countries: frozenset[str] | None, text: str,
                  line: int | None, notes: list[tuple[int | None, str]]) -> str:
    """The one of `choices` (the codes words such as "F CFA" may mean) the page's countries use, with a note;
    AmbiguousCurrency, listing the codes, when they use none of them or several."""
    used = {code: users for code, users in currencies_of(countries or ()).items() if code in choices}
    if countries is None or len(used) != 1:
        raise AmbiguousCurrency(f'currency "{excerpt(words)}" in "{excerpt(text)}" may be more than one',
                                f"give its ISO 4217 code: {_either([f'{code} ({NAMES[code]})' for code in choices])}",
                                line=line)
    (code, users), = used.items()
    notes.append((line, f'amount "{excerpt(text)}": currency "{excerpt(words)}" may name {_either(list(choices))}; '
                        f"read as {code}, the currency of the page's {'country' if len(users) == 1 else 'countries'} "
                        f"{', '.join(users)}"))
    return code


def _either(items: list[str]) -> str:
    """ "A, B or C"."""
    return f"{', '.join(items[:-1])} or {items[-1]}"

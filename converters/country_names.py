"""Country names: ISO 3166-1 countries with their labels, and a gazetteer of every spelling pages use, built on
pycountry's ISO 3166 data and translations."""

from __future__ import annotations

import csv
import gettext
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from .textnorm import fold

LANGUAGES = ("en", "fr", "es")
# The languages a page may name a country in: the labels' and Portuguese ("Moçambique", "Guiné-Bissau", "Cabo
# Verde"), which pycountry's catalogue of ISO 3166 translates too; its names take no key another country's has
_READ_LANGUAGES = (*LANGUAGES, "pt")

# UN-style and everyday names that ISO 3166 and its translations do not spell this way.
ALIASES = {
    "BO": ("Bolivie (État plurinational de)", "Bolivia (Estado Plurinacional de)", "Bolivia"),
    "SV": ("El Salvador",),
    "VE": ("Venezuela (République bolivarienne du)", "Venezuela (República Bolivariana de)", "Venezuela"),
    "KR": ("République de Corée", "Corée du Sud", "South Korea", "Republic of Korea"),
    "KP": ("République populaire démocratique de Corée", "Corée du Nord", "North Korea"),
    "MD": ("République de Moldova", "Moldavie", "Republic of Moldova"),
    "LA": ("République démocratique populaire lao", "Laos", "Lao PDR", "RDP lao"),
    "IR": ("Iran (République islamique d')", "Iran"),
    "SY": ("République arabe syrienne", "Syrie", "Syria"),
    "TZ": ("République-Unie de Tanzanie", "Tanzanie", "Tanzania"),
    "RU": ("Fédération de Russie", "Russie", "Russia"),
    "US": ("États-Unis d'Amérique", "United States of America", "USA"),
    "GB": ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "Royaume-Uni", "UK"),
    "TR": ("Türkiye", "Turquie", "Turkey"),
    "CZ": ("Tchéquie", "Czechia"),
    "MK": ("Macédoine du Nord", "North Macedonia", "Macédoine",
           "ex-République yougoslave de Macédoine", "former Yugoslav Republic of Macedonia"),  # the UN's until 2019
    "VN": ("Viet Nam", "Vietnam"),
    "CD": ("République démocratique du Congo", "Congo (République démocratique du)", "RDC", "RD Congo", "Congo (RDC)",
           "Congo-Kinshasa", "DR Congo", "DRC", "Congo RDC"),
    "CG": ("Congo-Brazzaville",),
    "CF": ("Centrafrique", "RCA"),
    "FM": ("Micronésie (États fédérés de)",),
    # the UN's French and English names where ISO 3166 and pycountry's catalogues spell them otherwise
    "KN": ("Saint-Kitts-et-Nevis",),
    "VC": ("Saint-Vincent-et-les Grenadines",),
    "VA": ("Saint-Siège", "Holy See"),
    "PS": ("État de Palestine", "Palestine", "Territoire palestinien occupé", "Territoires palestiniens occupés", "TPO",
           "Occupied Palestinian Territory", "Occupied Palestinian Territories"),
    "TT": ("Trinidad y Tabago",),
    # former and everyday English names still found in project pages
    "SZ": ("Swaziland",),
    "CI": ("Côte d'Ivoire", "Ivory Coast"),
    "CV": ("Cabo Verde", "Cap-Vert", "Cape Verde"),
    "BN": ("Brunei",),
    "TL": ("East Timor",),
    "MM": ("Burma",),
    "GM": ("The Gambia",),
    "BS": ("The Bahamas",),
    "NL": ("The Netherlands",),
    "TN": ("République tunisienne",),  # the UN's formal names that pycountry spells otherwise
    "GR": ("République hellénique",),
    "AR": ("République argentine",),
    "TW": ("République de Chine", "Republic of China"),  # not "République" + "Chine" (see _forms)
    # everyday French names, and former ones still found in project pages
    "KG": ("Kirghizstan", "Kirghizie"),
    "SS": ("Sud-Soudan",),
    "BY": ("Biélorussie",),
    "KZ": ("Kazakstan",),
    "TM": ("Turkménie",),
    "GN": ("Guinée-Conakry",),
    "ST": ("Saint-Thomas-et-Prince",),
}

# Places the IOM and the EU fund projects in that ISO 3166-1 has no code for, under the user-assigned code the
# European Union gives them (ISO 3166-1 leaves codes beginning with X to its users and will never assign one):
# alpha-2, alpha-3 (the EU's country authority), labels, other names, and the note their page carries.
USER_ASSIGNED = {
    "XK": ("XKX", {"en": "Kosovo", "fr": "Kosovo", "es": "Kosovo"},
           ("Kosovo*", "Kosovo (UNSCR 1244)", "Kosovo (RCSNU 1244)", "Kosovo (UNSCR 1244/99)",
            "Kosovo (RCSNU 1244/99)", "Kosovo (conformément à la résolution 1244 (1999) du Conseil de sécurité)",
            "Kosovo (in accordance with Security Council resolution 1244 (1999))"),
           {"en": "XK is a user-assigned code, not an ISO 3166 code; this designation is without prejudice to "
                  "positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo "
                  "declaration of independence.",
            "fr": "XK est un code attribué par l'utilisateur, non un code ISO 3166 ; cette désignation est sans "
                  "préjudice des positions sur le statut et est conforme à la résolution 1244/1999 du Conseil de "
                  "sécurité des Nations unies ainsi qu'à l'avis de la CIJ sur la déclaration d'indépendance du "
                  "Kosovo."}),
}

# An article a name may begin with, which countries._SEPARATORS takes as it does between names: "l'etat de palestine" is
# also indexed as "etat de palestine".
_LEADING_ARTICLE = re.compile(r"^(?:l'|(?:le|la|les|the) )")
_DATA = Path(__file__).parent / "data" / "country-wikidata.csv"


@dataclass(frozen=True)
class Country:
    """ISO 3166-1 facts about one country, with its labels in English, French and Spanish (a place under a
    user-assigned code has no M49 code, and a note saying what its code is)."""

    alpha2: str
    alpha3: str
    numeric: str | None
    labels: dict[str, str]
    wikidata: str | None
    note: dict[str, str] | None = None


def _catalog(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


# The tail of an inverted ISO name that reads before its head: "Salomon, Îles" is the "Îles Salomon",
# "Congo, The Democratic Republic of the" the "Democratic Republic of the Congo".
_LEADS = re.compile(r"(?:\b(?:de|du|des|de la|d'|d\u2019|of|of the|del|de los)|^(?:[IÎ]les?|Islas|Islands))$",
                    re.IGNORECASE)
# A name that starts with the word for islands, which the UN's French and Spanish lists put in brackets after the
# rest: "Îles Marshall" is listed "Marshall (Îles)", as "Salomon, Îles" is; "Islas Marshall" "Marshall (Islas)".
_ISLANDS_FIRST = re.compile(r"(?P<lead>[IÎ]les?|Islas?)\s+(?P<rest>\S.*)")
_THE = re.compile(r"^the\s+", re.IGNORECASE)


# "Saint" and "Sainte" at the head of a name, and how pages shorten them (the key keeps the abbreviation's dot).
_SAINT = re.compile(r"^saint(e?) ")
_SAINT_SHORT = (r"st\1 ", r"st\1. ")


def _natural(name: str) -> str | None:
    """ "Salomon, Îles" -> "Îles Salomon", "Palestine, State of" -> "State of Palestine"; None when the name is
    not inverted so."""
    head, sep, tail = name.partition(", ")
    if not sep or not _LEADS.search(tail):
        return None
    joined = f"{tail}{head}" if tail[-1] in "'\u2019" else f"{tail} {head}"
    return _THE.sub("", joined)


def _un_style(name: str) -> str:
    """ "Bolivie, état plurinational de" -> "Bolivie (État plurinational de)"."""
    head, sep, tail = name.partition(", ")
    if not sep:
        return name
    return f"{head} ({tail[:1].upper()}{tail[1:]})"


@cache
def _wikidata() -> dict[str, str]:
    with _DATA.open(encoding="utf-8", newline="") as handle:
        return {row["alpha2"]: row["wikidata"] for row in csv.DictReader(handle)}


@cache
def all_countries() -> dict[str, Country]:
    """Every ISO 3166-1 country by alpha-2 code, and the places of USER_ASSIGNED."""
    catalogs = {lang: _catalog("iso3166-1", lang) for lang in LANGUAGES}
    wikidata = _wikidata()
    countries = {}
    for entry in pycountry.countries:
        name = getattr(entry, "common_name", None) or entry.name
        labels = {lang: _un_style(catalogs[lang].gettext(entry.name)) for lang in LANGUAGES}
        labels["en"] = name
        countries[entry.alpha_2] = Country(entry.alpha_2, entry.alpha_3, entry.numeric, labels,
                                           wikidata.get(entry.alpha_2))
    for code, (alpha3, labels, _names, note) in USER_ASSIGNED.items():
        countries[code] = Country(code, alpha3, None, dict(labels), wikidata.get(code), dict(note))
    return countries


def country(alpha2: str) -> Country:
    """The country with this alpha-2 code; KeyError if ISO 3166-1 has none."""
    return all_countries()[alpha2]


def _key(text: str) -> str:
    """The matching key of a name or list: folded, with hyphens as spaces (pages write "Guinée-Équatoriale" and
    "Guinée équatoriale", "Côte-d'Ivoire" and "Côte d'Ivoire"). As long as fold(text), so that a position in one
    is the same in the other."""
    return fold(text).replace("-", " ")


@cache
def _gazetteer() -> dict[str, str]:
    """Key (see _key) -> alpha-2, for every name, translation, UN-style form and alias."""
    catalogs = [_catalog("iso3166-1", lang) for lang in _READ_LANGUAGES]
    names: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}

    def add(name: str, code: str) -> None:
        key = _key(name)  # and as pages also write it: "Cote d Ivoire", "St-Kitts-et-Nevis", "Ste Lucie"
        for variant in {key, key.replace("'", " "), *(_SAINT.sub(short, key) for short in _SAINT_SHORT)}:
            names.setdefault(variant, set()).add(code)
            if article := _LEADING_ARTICLE.match(variant):
                names.setdefault(variant[article.end():], set()).add(code)
        head, sep, _ = name.partition(", ")
        if sep:
            heads.setdefault(_key(head), set()).add(code)
            names.setdefault(_key(_un_style(name)), set()).add(code)
            natural = _natural(name)
            if natural:
                names.setdefault(_key(natural), set()).add(code)
        if islands := _ISLANDS_FIRST.match(name):  # "Îles Marshall" as the UN lists it, "Marshall (Îles)"
            names.setdefault(_key(f"{islands['rest']} ({islands['lead']})"), set()).add(code)
        qualified, paren, _ = name.partition(" (")
        if paren and not sep:  # "Holy See (Vatican City State)": the head alone, when no other country has it
            heads.setdefault(_key(qualified), set()).add(code)

    for entry in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(entry, attr, None)
            if value:
                add(value, entry.alpha_2)
                for catalog in catalogs:
                    add(catalog.gettext(value), entry.alpha_2)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            add(alias, code)
    for code, (_alpha3, labels, others, _note) in USER_ASSIGNED.items():
        for name in (*labels.values(), *others):
            add(name, code)
    table = {name: next(iter(codes)) for name, codes in names.items() if len(codes) == 1}
    for head, codes in heads.items():
        if len(codes) == 1 and head not in names:
            table[head] = next(iter(codes))
    return table

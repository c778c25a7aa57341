"""Country and subdivision names: a gazetteer built on pycountry's ISO 3166 data and translations."""

from __future__ import annotations

import csv
import gettext
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from .errors import PageError
from .records import Subdivision
from .textnorm import INCLUDING, excerpt, fold, phrases, strip_article

LANGUAGES = ("en", "fr", "es")

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
    "PS": ("État de Palestine", "Palestine", "Territoire palestinien occupé", "Occupied Palestinian Territory"),
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

# Words that say the names after them are the list's too, or a part of it: "…, y compris le Zimbabwe", "…,
# notamment le Niger" (as "ainsi que" does), or, before what is no country, a remark on the list (see _remark).
_INCLUDING = phrases(INCLUDING)
# Words and marks that may stand between names in a list, matched in a key (see _key): "Chili." ends a list too;
# articles ("le Niger, la Mauritanie", "the Philippines"), "ainsi que", "etc." and a numbered list's "1." and "2)";
# "y compris" before the Spanish "y" ("Trinidad y Tabago"), which would leave "compris" a name.
_SEPARATORS = re.compile(r"(?:[\s,;/|&·•+]|[-.](?=\s|$)|\bl'|\b\d{1,2}[.)]"
                         rf"|\b(?:{_INCLUDING}|et|and|y|e|le|la|les|the|ainsi que|as well as|etc)\b)+")
_INCLUDING_WORDS = re.compile(rf"(?:^|(?<=[\s,;(]))(?:{_INCLUDING})\b")
# An article a name may begin with, which _SEPARATORS takes as it does between names: "l'etat de palestine" is
# also indexed as "etat de palestine".
_LEADING_ARTICLE = re.compile(r"^(?:l'|(?:le|la|les|the) )")
# A remark in brackets after a name, holding at most one level of brackets: "Guatemala (pays chef de file)".
_REMARK = re.compile(r" ?\((?:[^()]|\([^()]*\))*\)")
_DATA = Path(__file__).parent / "data" / "country-wikidata.csv"
_NO_ISO_CODE = ("somaliland", "chypre du nord", "northern cyprus")  # places pages name as countries, folded
MAX_LIST = 5000  # characters: the names of every country of the world, comma-separated, take fewer


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
    catalogs = [_catalog("iso3166-1", lang) for lang in LANGUAGES]
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


@cache
def _names_by_head() -> dict[str, list[tuple[int, dict[str, str]]]]:
    """The gazetteer by the first two characters of a name (none is shorter), then by length, longest first:
    a position of a list is then compared with the lengths of a few names, not of all 1,200."""
    by_head: dict[str, dict[int, dict[str, str]]] = {}
    for name, code in _gazetteer().items():
        by_head.setdefault(name[:_HEAD], {}).setdefault(len(name), {})[name] = code
    return {head: sorted(by_length.items(), reverse=True) for head, by_length in by_head.items()}


_HEAD = 2


@cache
def _heads_of_longer_names() -> frozenset[str]:
    """The names that begin a longer name: "congo" ("congo (rdc)"), "guinee" ("guinee bissau"), "soudan"
    ("soudan du sud"). A remark in brackets after one of them may be a qualifier that names another country
    ("Congo (Kinshasa)", "Guinée (Bissau)"), so it is not dropped, and the list is refused rather than misread."""
    table = _gazetteer()
    return frozenset(prefix for name in table for index, char in enumerate(name)
                     if char in " ,(" and (prefix := name[:index].rstrip(" ,")) in table)


# The article between a form of state and a country's name: "République de l'Équateur", "Royaume des Tonga",
# "République d'Haïti" (and "d Haiti", as the gazetteer also writes names), "Kingdom of the Netherlands".
_FORM_ARTICLE = r"(?:de la |de l'|de l |de los |de las |del |de |du |des |d'|d |of the |of |the |la |le |les |l'|el )"
_TRAILING_ARTICLE = re.compile(rf"(?:^|(?<= )){_FORM_ARTICLE}+$")  # "d'el " of "République d'El Salvador"
# Forms of state that official names do not put before a short name, but pages do: "Îles Fidji", "Île Maurice".
_OTHER_FORMS = ("iles", "ile", "islas")


@cache
def _forms() -> re.Pattern[str]:
    """The forms of state that ISO 3166's official names put before a country's short name, in English, French and
    Spanish ("république", "royaume", "état", "republic", "sultanat", "république fédérale"…), with the article
    that may follow: a page may name any country so, with another article than its official name's ("République
    de Maurice" for "République de l'Île Maurice") or a form its official name has not ("État de Libye")."""
    catalogs = [_catalog("iso3166-1", lang) for lang in LANGUAGES]
    table = _gazetteer()
    short_names: dict[str, set[str]] = {}
    for name, code in table.items():
        short_names.setdefault(code, set()).add(name)
    forms = set(_OTHER_FORMS)
    for entry in pycountry.countries:
        if not (official := getattr(entry, "official_name", None)):
            continue
        for key in {_key(catalog.gettext(official)) for catalog in catalogs}:
            for short in short_names.get(entry.alpha_2, ()):
                head = key[:-len(short)]
                if key.endswith(short) and head.endswith((" ", "'")):
                    forms.add(_LEADING_ARTICLE.sub("", _TRAILING_ARTICLE.sub("", head)).strip())
    # not a head that is a name itself ("États-Unis" of "États-Unis du Mexique") or holds a remark ("Taïwan,
    # province de" Chine)
    forms = {form for form in forms if form and form not in table and not set(form) & set(",()")}
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives}) {_FORM_ARTICLE}?")


def lookup(name: str) -> str | None:
    """The alpha-2 code of one country name in any of the known spellings, or None."""
    return _gazetteer().get(_key(name))


def split_countries(text: str, line: int | None = None,
                    notes: list[tuple[int | None, str]] | None = None) -> list[str]:
    """Alpha-2 codes of a list of country names, however it is separated (even not at all).

    Names are matched longest first against the gazetteer, case- and accent-insensitively;
    a name that matches nothing raises PageError naming it. A remark that ends the list, "…, notamment la région
    frontalière de Roraima", is left out with a note in `notes` (without `notes`, PageError saying it is one).
    """
    if len(text) > MAX_LIST:
        raise PageError(f"a country list of {len(text)} characters is longer than the names of every country "
                        "together", "check that the line holds only the list of countries", line=line)
    folded = fold(text)
    codes, failure = _segment(folded.replace("-", " "))  # _key(text), without folding it twice
    if codes is None and (remark := _remark(text, folded, failure)):
        codes, words = remark
        if notes is None:
            raise PageError(f'"{excerpt(words)}" is a remark on the countries, no country',
                            "leave it out of the country list (the description may say it)", line=line)
        notes.append((line, f'"{excerpt(words)}" after the countries is a remark on them, no country: left out of '
                            "the record"))
        return list(dict.fromkeys(codes))
    if codes is None and fold(unknown := _unknown_words(text, folded, failure)).startswith(_NO_ISO_CODE):
        raise PageError(f'"{excerpt(unknown)}" has no ISO 3166 code, and the dataset names each country by its code',
                        "leave it out of the list and name it in the description", line=line)
    if codes is None:
        raise PageError(f'unknown country "{excerpt(_unknown_words(text, folded, failure))}"',
                        "write the country's name as ISO 3166 or the UN spell it"
                        " (e.g. Argentine, Bolivie (État plurinational de))", line=line)
    return list(dict.fromkeys(codes))


def _remark(text: str, folded: str, failure: int) -> tuple[list[str], str] | None:
    """(the countries, the remark's words) of a list that ends with a remark: "notamment", "y compris"… before
    words no country starts, "Brésil, Argentine, Chili, notamment la région frontalière de Roraima"; else None."""
    for match in reversed(list(_INCLUDING_WORDS.finditer(folded, 0, failure))):
        if _SEPARATORS.match(folded.replace("-", " "), match.start()).end() < failure:
            continue  # a name starts between the word and the failure: "…, notamment le Niger, Narnia"
        head, _ = _segment(folded[:match.start()].replace("-", " "))
        if not head:
            return None
        words = text.split()
        return head, " ".join(words[len(folded[:match.start()].split()):])
    return None


def check_apart(eligible: list[str], other: list[str], line: int | None = None) -> None:
    """Raise PageError when a country is both an eligible member state and another benefiting country: the two
    lists of a page are apart, and the published data relies on it (mp:otherBeneficiary alone answers which
    countries benefit without meeting the eligibility conditions)."""
    both = [code for code in eligible if code in other]
    if both:
        names = ", ".join(country(code).labels.get("fr") or code for code in both)
        raise PageError(f"{names} listed both as eligible member state and as other benefiting country",
                        "keep each country in the one list the project means", line=line)


def is_country_list(text: str) -> bool:
    """True when the whole text is a list of country names (as split_countries reads it)."""
    return len(text) <= MAX_LIST and _segment(_key(text))[0] is not None


def _segment(key: str) -> tuple[list[str] | None, int]:
    """Longest-match segmentation of a list's key (see _key) into names and separators, backtracking when the rest
    fails.

    Returns (codes, 0), or (None, the furthest position where no name starts). Iterative, and each
    position is expanded once, so time grows with the length times the number of name lengths.
    """
    dead: set[int] = set()
    path: list[tuple[int, str, list[tuple[int, str]]]] = []  # (start, code chosen, the other choices left)
    position, furthest = 0, 0
    while True:
        gap = _SEPARATORS.match(key, position)
        start = gap.end() if gap else position
        if start >= len(key):
            return [code for _, code, _ in path], 0
        choices = [] if start in dead else _names_at(key, start)
        while not choices:
            dead.add(start)
            furthest = max(furthest, start)
            if not path:
                return None, furthest
            start, _, choices = path.pop()
        end, code = choices.pop(0)
        path.append((start, code, choices))
        position = end


def _names_at(key: str, start: int) -> list[tuple[int, str]]:
    """(end, code) of every name that starts at `start`, longest first: the gazetteer's, and a short name after a
    form of state ("République de Maurice", "État de Libye", "Îles Fidji"), where no gazetteer name ends there too
    ("République démocratique du Congo" is the DRC, not a republic of the Congo)."""
    found = _gazetteer_names_at(key, start)
    if form := _forms().match(key, start):
        ends = {end for end, _ in found}
        for end, code in _gazetteer_names_at(key, form.end()):
            # "République démocratique de Congo" is no republic of the Congo: the DRC's name with another article
            if end not in ends and code in _without_articles().get(_articles_dropped(key[start:end]), {code}):
                found.append((end, code))
        found.sort(key=lambda name: -name[0])  # stable: of names ending at one place, the gazetteer's first
    return found


def _articles_dropped(key: str) -> str:
    """A key without its articles: "republique democratique de congo" -> "republique democratique congo"."""
    return " ".join(_ARTICLES.sub(" ", f" {key} ").split())


_ARTICLES = re.compile(r"(?<= )(?:(?:de|du|des|la|le|les|of|the|del|el|los|las) |[dl]')")


@cache
def _without_articles() -> dict[str, set[str]]:
    """The gazetteer's names without their articles -> the countries they name."""
    names: dict[str, set[str]] = {}
    for name, code in _gazetteer().items():
        names.setdefault(_articles_dropped(name), set()).add(code)
    return names


def _gazetteer_names_at(key: str, start: int) -> list[tuple[int, str]]:
    """(end, code) of every gazetteer name that starts at `start`, longest first; a name's end is past the remark
    in brackets that follows it ("Guatemala (pays chef de file)"), unless the name begins a longer one."""
    found = []
    for length, names in _names_by_head().get(key[start:start + _HEAD], ()):
        end = start + length
        if (code := names.get(name := key[start:end])) is None:
            continue
        remark = key.startswith(("(", " ("), end) and name not in _heads_of_longer_names() and _REMARK.match(key, end)
        found.append((remark.end() if remark else end, code))
    return found


def _unknown_words(text: str, folded: str, start: int) -> str:
    """The original words of the name that fails at `start`: up to the end of its item of the list (a comma, a
    semicolon, a line break) or to the next name that does match, whichever comes first, and a name goes on past
    an article or "de" ("République de Ruritanie", not "République de"); a few words at most."""
    words = list(re.finditer(r"\S+", text))
    before = len(folded[:start].split())
    index = before if start == 0 or folded[start - 1] == " " else before - 1
    for stop in range(index + 1, min(len(words), index + 6) + 1):
        name = text[words[index].start():words[stop - 1].end()]
        if stop == len(words) or name.endswith((",", ";")) or "\n" in text[words[stop - 1].end():words[stop].start()]:
            return name.strip(",;")
        if not _OPEN_END.search(fold(name)) and is_country_list(text[words[stop].start():]):
            return name
    return words[index][0].strip(",;") if index < len(words) else ""


# The end of words that a country's name does not end with: an article, "de", "of".
_OPEN_END = re.compile(r"(?:^|[ '])(?:de|du|des|d'|l'|la|le|les|of|the|del|el)$")


@cache
def _subdivision_names() -> dict[str, list[str]]:
    """ISO 3166-2 code -> the usual French and English names that pycountry lacks ("Le Caire" for EG-C, "Tanger"
    for MA-TNG, "Alexandria" for EG-ALX, "Catalogne" for ES-CT, "Attique" for GR-I):
    its catalogues give the Arab Mediterranean countries only romanised Arabic names. A name given to several
    subdivisions names all of them, and stays ambiguous ("Nouakchott" is the three wilayas of the city)."""
    names: dict[str, list[str]] = {}
    with _SUBDIVISION_NAMES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names.setdefault(row["code"], []).append(row["name"])
    return names


@cache
def _subdivision_index() -> dict[str, list[Subdivision]]:
    """Folded name -> subdivisions, from pycountry's names, their translations and _subdivision_names(); then,
    where no subdivision has that name itself, the names without qualifier or hyphens, then without ayn and
    hamza marks or doubled consonants ("Akkar" for "‘Akkār", "Taroudant" for "Taroudannt"), and last the first
    town of a compound ISO name that only one subdivision has ("Inezgane" of "Inezgane-Ait Melloul"; not of the
    names given by the catalogues or the file: "Mont" of "Mont-Liban"), so that no name found before finds
    something else."""
    catalogs = [_catalog("iso3166-2", lang) for lang in LANGUAGES]
    extra = _subdivision_names()
    index: dict[str, list[Subdivision]] = {}
    variants: dict[str, list[Subdivision]] = {}
    unmarked: dict[str, list[Subdivision]] = {}
    heads: dict[str, list[Subdivision]] = {}
    for entry in pycountry.subdivisions:
        names = {entry.name, *(catalog.gettext(entry.name) for catalog in catalogs), *extra.get(entry.code, ())}
        for name in names:
            key = fold(strip_article(name))
            index.setdefault(key, []).append(Subdivision(entry.code, entry.name))
            bare = _QUALIFIER.sub("", key)  # "Guelmim-Oued Noun (EH-partial)" is also "Guelmim-Oued Noun"
            spaced = bare.replace("-", " ")  # and "Casablanca Settat"
            for variant in {bare, spaced, *_other_forms(key)} - {key}:
                variants.setdefault(variant, []).append(Subdivision(entry.code, entry.name))
            if (loose := _loose(bare)) not in {key, bare, spaced}:
                unmarked.setdefault(loose, []).append(Subdivision(entry.code, entry.name))
            if name == entry.name and (head := _COMPOUND_HEAD.match(bare)):
                heads.setdefault(_loose(head[1]), []).append(Subdivision(entry.code, entry.name))
    unique_heads = {head: found for head, found in heads.items() if len({sub.code for sub in found}) == 1}
    for tier in (variants, unmarked, unique_heads):  # where no subdivision has that name itself ("Sofia")
        for variant, found in tier.items():
            index.setdefault(variant, found)
    return index


def _other_forms(key: str) -> set[str]:
    """The forms of a folded ISO name that reads inverted or with a second language's name in square brackets:
    "valenciana, comunidad" -> "comunidad valenciana", "catalunya [cataluna]" -> "catalunya", "cataluna"."""
    if bracketed := _SECOND_NAME.fullmatch(key):
        return {bracketed[1], bracketed[2]}
    head, sep, tail = key.partition(", ")
    return {f"{tail} {head}"} if sep and "," not in tail else set()


_SECOND_NAME = re.compile(r"([^\[\]]+?) \[([^\[\]]+)\]")


def _loose(key: str) -> str:
    """A folded name without the marks that romanise the Arabic ayn and hamza, with spaces for hyphens and single
    consonants for doubled ones, as romanisations differ: "al 'asimah" -> "al asimah", "b'albak-al hirmil" ->
    "balbak al hirmil", "taroudannt" -> "taroudant"."""
    return _DOUBLED_CONSONANT.sub(r"\1", _AYN_HAMZA.sub("", key).replace("-", " "))


_QUALIFIER = re.compile(r"\s*\([^()]*\)$")
_DOUBLED_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1")
# The first town of a compound name, of four letters or more: "inezgane" of "inezgane-ait melloul", "agadir" of
# "agadir-ida-ou-tanane"; not "es" of "es-semara", "tan" of "tan-tan", "al" of "al-hoceima".
_COMPOUND_HEAD = re.compile(r"([^-]{4,})-")
# fold() makes ‘ ’ and ʼ a straight apostrophe and drops combining marks (the overline of "Al ‘A̅şimah"); these
# modifier letters it keeps.
_AYN_HAMZA = re.compile("['\u02bf\u02be\u02bb]")
_SUBDIVISION_NAMES = Path(__file__).parent / "data" / "subdivisions-fr.csv"


@cache
def _areas() -> dict[str, tuple[str, Subdivision | None]]:
    """Folded name -> (country, subdivision or None) of the areas that are no ISO 3166-2 subdivision but lie in one
    country, or one subdivision ("Bande de Gaza", "Grand Tunis", "Grand Casablanca"), from the data file."""
    areas = {}
    with _AREAS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["subdivision"]
            within = Subdivision(code, pycountry.subdivisions.get(code=code).name) if code else None
            key = fold(strip_article(row["name"]))
            for variant in {key, key.replace("-", " ")}:
                areas[variant] = (row["country"], within)
    return areas


_AREAS = Path(__file__).parent / "data" / "areas-fr.csv"


def known_area(name: str) -> tuple[str, Subdivision | None] | None:
    """The country and, where the area lies in one, the subdivision of an area that is no ISO 3166-2 subdivision
    ("Cisjordanie" -> PS; "Grand Casablanca" -> MA, MA-06), or None for a name the data does not know."""
    key = fold(strip_article(name))
    return _areas().get(key) or _areas().get(key.replace("-", " "))


def lies_in(code: str, region: str) -> bool:
    """True when the ISO 3166-2 subdivision `code` lies in the subdivision `region` (MA-TIN in MA-08), by the
    parents ISO gives."""
    entry = pycountry.subdivisions.get(code=code)
    while entry is not None and entry.parent_code:
        if entry.parent_code == region:
            return True
        entry = pycountry.subdivisions.get(code=entry.parent_code)
    return False


def is_subdivision_name(name: str) -> bool:
    """True when one or more ISO 3166-2 subdivisions are called `name`, as subdivision() reads it."""
    index, key = _subdivision_index(), fold(strip_article(name))
    return bool(index.get(key) or index.get(_loose(key)))


def subdivisions_named(name: str) -> list[Subdivision]:
    """Every ISO 3166-2 subdivision called `name`, in any country, as subdivision() reads it."""
    index, key = _subdivision_index(), fold(strip_article(name))
    return list({found.code: found for found in index.get(key) or index.get(_loose(key), [])}.values())


def subdivision(name: str, country: str | None = None, kind: str | None = None,
                line: int | None = None) -> Subdivision:
    """The ISO 3166-2 subdivision called `name` ("l'Ariana" -> TN-12), narrowed by country or kind."""
    index, key = _subdivision_index(), fold(strip_article(name))
    candidates = index.get(key) or index.get(_loose(key), [])  # "Ma‘ān", "Tizi-Ouzou" as "Maan", "Tizi Ouzou"
    if country:
        candidates = [c for c in candidates if c.country == country]
    if kind and len(candidates) > 1:
        typed = [c for c in candidates if _of_kind(pycountry.subdivisions.get(code=c.code).type, kind)]
        candidates = typed or candidates
    unique = {c.code: c for c in candidates}
    if len(unique) == 1:
        return next(iter(unique.values()))
    if not unique:
        raise PageError(f'unknown region "{excerpt(name)}"', "name an ISO 3166-2 subdivision, e.g. Ariana or Tunis",
                        line=line)
    raise PageError(f'region "{excerpt(name)}" is ambiguous ({", ".join(sorted(unique))})',
                    _ambiguity_hint(name, sorted(unique.values(), key=lambda found: found.code)), line=line)


# The French word pages name a kind of subdivision by, by the last word of ISO's type ("Administrative region").
_KIND_WORDS = {"region": "Région", "prefecture": "Préfecture", "governorate": "Gouvernorat", "province": "Province",
               "department": "Département", "district": "District", "state": "État", "county": "County"}


def _ambiguity_hint(name: str, found: list[Subdivision]) -> str:
    """What tells apart the subdivisions called `name`, as the pages' readers take it: the country in brackets
    after the name ("Béja (Tunisie)") where they are in several, and the kind before it ("Région de Kindia",
    "Préfecture de Kindia") where ISO gives them types of different words."""
    ways = []
    if len(countries := list(dict.fromkeys(sub.country for sub in found))) > 1:
        ways.append(f'the country in brackets after it, e.g. "{name} ({country(countries[0]).labels["fr"]})"')
    words = {sub.code: _KIND_WORDS.get(fold(pycountry.subdivisions.get(code=sub.code).type).split()[-1])
             for sub in found}
    if all(words.values()) and len(set(words.values())) == len(words):
        ways.append("the kind of region before it, e.g. " + " or ".join(f'"{word} de {name}" ({code})'
                                                                         for code, word in words.items()))
    return f"write {' or '.join(ways)}" if ways else "add the country or the kind of region, e.g. Gouvernorat de Tunis"


def _of_kind(type_: str, kind: str) -> bool:
    """True when ISO's type of a subdivision is the kind a page names it by, or that kind qualified: "Région de
    Kindia" is the "Administrative region" GN-D, not the prefecture GN-KD."""
    type_, kind = fold(type_), fold(kind)
    return type_ == kind or type_.startswith(f"{kind} ") or type_.endswith(f" {kind}")

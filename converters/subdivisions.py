"""ISO 3166-2 subdivisions by their names and translations, and the areas within a country that are none."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pycountry

from .country_names import LANGUAGES, _catalog, country
from .errors import PageError
from .records import Subdivision
from .textnorm import excerpt, fold, strip_article


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
    hamza marks or doubled consonants ("Akkar" for "‘Akkār", "Taroudant" for "Taroudannt"), then the first
    town of a compound ISO name that only one subdivision has ("Inezgane" of "Inezgane-Ait Melloul"; not of the
    names given by the catalogues or the file: "Mont" of "Mont-Liban"), and last the name with its words joined that
    only one subdivision has ("Oued Eddahab" for "Oued Ed-Dahab"), so that no name found before finds something
    else."""
    catalogs = [_catalog("iso3166-2", lang) for lang in LANGUAGES]
    extra = _subdivision_names()
    index: dict[str, list[Subdivision]] = {}
    variants: dict[str, list[Subdivision]] = {}
    unmarked: dict[str, list[Subdivision]] = {}
    heads: dict[str, list[Subdivision]] = {}
    joined: dict[str, list[Subdivision]] = {}
    for entry in pycountry.subdivisions:
        found = Subdivision(entry.code, published_name(entry.code))
        names = {entry.name, *(catalog.gettext(entry.name) for catalog in catalogs), *extra.get(entry.code, ())}
        for name in names:
            key = fold(strip_article(name))
            index.setdefault(key, []).append(found)
            bare = _QUALIFIER.sub("", key)  # "Guelmim-Oued Noun (EH-partial)" is also "Guelmim-Oued Noun"
            spaced = bare.replace("-", " ")  # and "Casablanca Settat"
            for variant in {bare, spaced, *_other_forms(key)} - {key}:
                variants.setdefault(variant, []).append(found)
            if (loose := _loose(bare)) not in {key, bare, spaced}:
                unmarked.setdefault(loose, []).append(found)
            joined.setdefault(_joined(bare), []).append(found)
            if name == entry.name and (head := _COMPOUND_HEAD.match(bare)):
                heads.setdefault(_loose(head[1]), []).append(found)
    unique_heads = {head: found for head, found in heads.items() if len({sub.code for sub in found}) == 1}
    unique_joined = {key: found for key, found in joined.items() if len({sub.code for sub in found}) == 1}
    for tier in (variants, unmarked, unique_heads, unique_joined):  # where no subdivision has that name ("Sofia")
        for variant, found in tier.items():
            index.setdefault(variant, found)
    return index


def published_name(code: str) -> str:
    """The ISO 3166-2 name of a subdivision as published, without the remark pycountry (Debian's iso-codes) adds to
    the Moroccan subdivisions lying wholly or partly in Western Sahara: "Guelmim-Oued Noun (EH-partial)" ->
    "Guelmim-Oued Noun". The remark is no part of the name ISO 3166-2:MA gives, and the territory is disputed.
    The name stays without a language tag: ISO 3166-2 gives each country's names in its own languages or their
    romanisations, and pycountry keeps one name without saying which language it is in."""
    return _REMARK.sub("", pycountry.subdivisions.get(code=code).name)


_REMARK = re.compile(r"\s*\(EH(?:-partial)?\)$")


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


def _joined(key: str) -> str:
    """A folded name as _loose() gives it, without the spaces between its words, so that a particle written joined
    or apart is one name: "dakhla-oued ed-dahab" and "dakhla oued eddahab" -> "dakhlaouededahab"."""
    return _DOUBLED_CONSONANT.sub(r"\1", _loose(key).replace(" ", ""))


def _named(key: str) -> list[Subdivision]:
    """The subdivisions the index gives a folded name, as written, by its loose form, or with its words joined."""
    index = _subdivision_index()
    return index.get(key) or index.get(_loose(key)) or index.get(_joined(key), [])


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
            within = Subdivision(code, published_name(code)) if code else None
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


class FormerRegion(PageError):
    """A name of a region a country had before its regions were redrawn, whose area is no region of today."""


@cache
def _former_regions() -> dict[str, list[str]]:
    """Folded name -> the ISO 3166-2 regions of today its area lies in, of the regions a country no longer has
    (Morocco's sixteen of 1997-2015, redrawn as twelve by the decree of 2015), from the data file."""
    former: dict[str, list[str]] = {}
    with _FORMER.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            former[_loose(fold(row["name"]))] = row["successors"].split()
    return former


_FORMER = Path(__file__).parent / "data" / "subdivisions-former.csv"


def refuse_former_region(name: str, line: int | None = None) -> None:
    """Raise FormerRegion for the name of a former region ("Souss-Massa-Drâa", "Région de Tanger-Tétouan"),
    naming the regions of today to write: its area is none of them, and publishing one would be false."""
    key = fold(strip_article(name))
    if area := ADMIN_AREA_WORD.match(key):
        key = key[area.end():]
    successors = _former_regions().get(_loose(key))
    if successors is None:
        return
    country_name = country(successors[0].split("-")[0]).labels["en"]
    today = [f"{published_name(code)} ({code})" for code in successors]
    listed = today[0] if len(today) == 1 else f'{", ".join(today[:-1])} and {today[-1]}'
    raise FormerRegion(f'"{excerpt(name)}" is a former region of {country_name}, no region of ISO 3166-2 today; its '
                       f"area is in {listed}",
                       f'write the region{"s" if len(today) > 1 else ""} of today, e.g. "'
                       + " et ".join(published_name(code) for code in successors) + '"', line=line)


ADMIN_AREA_WORD = re.compile(r"regions? (?:de |du |d')")


@cache
def _territories() -> dict[str, frozenset[str]]:
    """ISO 3166-1 alpha-2 of a territory -> the countries it is a territory of, from ISO 3166-2: the subdivisions of
    an overseas, outlying or constituent kind whose name is a country's (FR-976 Mayotte is YT, FR-974 La Réunion
    RE, NL-AW Aruba AW, US-PR Puerto Rico PR); not a province called like a country (BE-WLX Luxembourg)."""
    from .countries import lookup  # countries reads subdivisions' names

    territories: dict[str, set[str]] = {}
    for entry in pycountry.subdivisions:
        if not _TERRITORY_KIND.search(entry.type):
            continue
        name = published_name(entry.code)
        for form in (name, strip_article(name), _QUALIFIER.sub("", name), name.replace("(", "").replace(")", "")):
            if (code := lookup(form)) and code != entry.country_code:
                territories.setdefault(code, set()).add(entry.country_code)
                break
    return {code: frozenset(sovereigns) for code, sovereigns in territories.items()}


_TERRITORY_KIND = re.compile(r"^(?:Overseas|Outlying area$|Country$|Special municipality$)")


def is_territory_of(territory: str, sovereign: str) -> bool:
    """True when the country `territory` (ISO 3166-1 alpha-2, "YT") is a territory of `sovereign` ("FR") by
    ISO 3166-2, which lists it among the sovereign's subdivisions."""
    return sovereign in _territories().get(territory, ())


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
    return bool(_named(fold(strip_article(name))))


def subdivisions_named(name: str) -> list[Subdivision]:
    """Every ISO 3166-2 subdivision called `name`, in any country, as subdivision() reads it."""
    return list({found.code: found for found in _named(fold(strip_article(name)))}.values())


def subdivision(name: str, country: str | None = None, kind: str | None = None,
                line: int | None = None) -> Subdivision:
    """The ISO 3166-2 subdivision called `name` ("l'Ariana" -> TN-12), narrowed by country or kind."""
    candidates = _named(fold(strip_article(name)))  # "Ma‘ān", "Tizi-Ouzou", "Oued Eddahab" as "Maan", "Tizi Ouzou"
    if not candidates:
        refuse_former_region(name, line)
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

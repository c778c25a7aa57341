"""One name of an NGO page's intervention zone: its kind of area (written before it, or after it in English),
the words parting a list of names, a point of the compass, and the countries a name may be of."""

from __future__ import annotations

import re

from .countries import lookup
from .subdivisions import known_area, subdivisions_named
from .textnorm import fold, strip_article

# French words for kinds of subdivision -> the type pycountry gives them.
# "Mohafazat" (muhafazah) is the Arab governorate ("Mohafazat du Mont-Liban"); "Comunidad Autónoma de" and
# "Ciudad Autónoma de" are Spain's kinds, in Spanish.
KINDS = {"gouvernorat": "Governorate", "governorate": "Governorate", "mohafazat": "Governorate",
         "muhafazat": "Governorate", "province": "Province", "region": "Region", "departement": "Department",
         "wilaya": "Province", "prefecture": "Prefecture", "district": "District", "county": "County",
         "etat": "State", "state": "State", "comunidad autonoma": "Autonomous community",
         "communaute autonome": "Autonomous community", "ciudad autonoma": "Autonomous city",
         "caza": "District", "qada": "District"}
_OF = r"(?:de la |de l'|du |des |de |d'|of the |of )?"  # "of": "Governorate of Sfax", in English
ADMIN_AREA = re.compile(rf"^(?P<kind>{'|'.join(KINDS)})s?\s+{_OF}(?P<name>.+)$")  # "gouvernorat de sfax", folded
_ADMIN_AREAS = re.compile(rf"^(?P<kind>{'|'.join(KINDS)})s\s+{_OF}")  # "gouvernorats de …": one kind for a list
# English writes the kind after the names ("Sfax Governorate", "Sfax and Medenine Governorates", "the Sfax region",
# "Raoued Municipality"): read as the French order ("Governorate of Sfax"), which the rules above and below read.
# The kinds are KINDS' words as English writes them (unaccented), and a municipality.
_ENGLISH_KINDS = rf"(?:{'|'.join(KINDS)})s?|counties|municipalit(?:y|ies)"
_KIND_AFTER = re.compile(rf"^(?:the\s+)?(?P<names>[^()]+?)\s+(?P<kind>{_ENGLISH_KINDS})(?P<rest>\s*\([^()]*\))?$",
                         re.IGNORECASE)
_THE_KIND = re.compile(rf"^the\s+(?=(?:{_ENGLISH_KINDS})\s+of\s)", re.IGNORECASE)  # "the Governorate of Sfax"
MUNICIPALITY = re.compile(r"^(?:(?:communes?|municipalit[ée]s?)(?:\s+(?:urbaines?|rurales?))?"
                           r"|villes?|mairies?|municipalit(?:y|ies)|cit(?:y|ies))\s+(?:du |des |de |d['\u2019]|of )?",
                           re.IGNORECASE)
# The names of a group: "ainsi que" and "as well as" part them as "et" does ("Sfax, Médenine ainsi que Gabès")
_NAMES = re.compile(r"\s*,?\s+(?:ainsi\s+qu(?:e\s+|['\u2019]\s*)|as\s+well\s+as\s+)|\s*,\s*|\s+et\s+|\s+and\s+"
                    r"|\s*/\s*")
# A part of a country named by its compass point, folded: "Sud-Ouest", "Le Sud-Est tunisien", "Nord-Ouest du pays"
_COMPASS = re.compile(r"(?:(?:le|la|l') ?)?(?:(?:grand|extreme)[- ])?(?:nord|sud|est|ouest|centre)"
                      r"(?:[- ](?:nord|sud|est|ouest))?"
                      r"(?: (?:du pays|du \S+|de la \S+|de l'\S+|[a-z]+(?:ien|ienne|ain|aine|ais|aise|in|ine)s?))?")
# A name that is no more than a point of the compass, folded, its kind of area and article gone ("Mohafazat du Nord",
# "Northern", "Sud-Est"): regions of many countries are called so, and it tells none of them apart.
_POINT = r"(?:nord|sud|est|ouest|(?:north|south|east|west)(?:ern)?)"
_BARE_COMPASS = re.compile(rf"(?:(?:du|de la|de l'|le|la|l'|the) ?)?(?:{_POINT}|centre|central)(?:[- ]{_POINT})?")


def _country_code(name: str) -> str | None:
    """The country a name of a zone is, with its article or without: "la Mauritanie" as "Mauritanie"."""
    return lookup(name) or lookup(strip_article(name))


def _french_order(text: str, plural: bool) -> str:
    """ "Sfax Governorate" -> "Governorate of Sfax", "Sfax and Medenine Governorates" -> "Governorates of Sfax and
    Medenine" (with `plural`: a list's kind, after its last name; else one name's), "the Sfax region" -> "region of
    Sfax"; a name an area is called whole ("Northern Province") and any other text stay as written."""
    text = _THE_KIND.sub("", text.strip())
    after = _KIND_AFTER.match(text)
    if not after or fold(after["kind"]).endswith(("ies", "s")) != plural or _NAMES.search(after["names"]) and (
            not plural) or _is_area_name(text) or known_area(text):
        return text
    return f'{after["kind"]} of {after["names"]}{after["rest"] or ""}'


def area_name(inner: str) -> str:
    """ "Gouvernorat de l'Ariana" -> "l'Ariana", "Comunidad Autónoma de Andalucía" -> "Andalucía" (the article
    goes in the subdivision lookup)."""
    area = ADMIN_AREA.match(fold(inner.strip()))
    words = len(area["kind"].split()) if area else 1  # the kind's words (fold keeps the words of the text)
    return re.sub(rf"^(?:\S+\s+){{{words}}}(?:de\s+|du\s+|des\s+|d['\u2019]|of\s+(?:the\s+)?)?", "", inner.strip(),
                  flags=re.IGNORECASE)


def _is_compass(name: str) -> bool:
    """True for a name that is only a point of the compass, with its kind of area or not: "Nord", "Mohafazat du
    Nord", "Northern", "Gouvernorat du Sud-Est"."""
    if ADMIN_AREA.match(fold(name)):
        name = area_name(name)
    return _BARE_COMPASS.fullmatch(fold(name).strip(" .")) is not None


def _compass_remark(words: str, names: list[str]) -> bool:
    """True for words naming a part of a country by its compass point ("Sud-Ouest", "Le Sud-Est tunisien") that is
    no subdivision of the country of the areas `names` next to them, when they name some: a remark, no area
    ("Nord" is Cameroon's CM-NO, and Garoua's region)."""
    if not _COMPASS.fullmatch(fold(words).strip()):
        return False
    own = {found.country for found in subdivisions_named(words)}
    theirs = {country for name in names for country in _countries_named(name)}
    return not own or bool(theirs) and not own & theirs


def _countries_named(name: str) -> set[str]:
    """The countries a name of an area may be in: a country's own, its subdivisions' or its areas'."""
    if ADMIN_AREA.match(fold(name)):
        name = area_name(name)
    known = known_area(name)
    return ({found.country for found in subdivisions_named(name)} | {code for code in [_country_code(name)] if code}
            | ({known[0]} if known else set()))


def _is_area_name(name: str) -> bool:
    """True when a country or some ISO 3166-2 subdivisions are called `name` ("Province d'Agrigente" too)."""
    if ADMIN_AREA.match(fold(name)):
        name = area_name(name)
    return _country_code(name) is not None or bool(subdivisions_named(name))

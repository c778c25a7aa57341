"""Intervention zones and beneficiary regions of NGO pages: names of places, subdivisions and countries, located
by what the page says elsewhere."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from .countries import split_countries
from .country_names import country as country_record
from .errors import PageError
from .ngo_zone_names import (
    _ADMIN_AREAS,
    _NAMES,
    ADMIN_AREA,
    KINDS,
    MUNICIPALITY,
    _compass_remark,
    _country_code,
    _french_order,
    _is_area_name,
    _is_compass,
    area_name,
)
from .pagelines import Line
from .records import Country, Participation, Place, Project, Subdivision
from .subdivisions import is_territory_of, known_area, lies_in, refuse_former_region, subdivision, subdivisions_named
from .textnorm import INCLUDING, collapse, excerpt, fold, outside_brackets, phrases, strip_article

# Kinds of area below the subdivisions ISO 3166-2 has for their country: Lebanon's districts ("Caza du Akkar",
# "Caza de Zahlé") under its governorates. Such an area is a place of that name, in the subdivision its name is.
_DISTRICTS = frozenset({"caza", "qada"})
# What links a name of a list to the list's kind ("Gouvernorats de Tunis et de l'Ariana"), lower case only
# A zone that is the whole of a country, folded: "Tout le territoire national", "National", "À l'échelle nationale",
# "Tunisie (ensemble du territoire)", "Tunisie - niveau national", "Toute la Tunisie"
_WHOLE = (r"(?:(?:sur\s+)?(?:tout(?:e|es)?|(?:l')?ensemble)\s+(?:(?:du|de\s+la|de\s+l'|le|la|l')\s*)?"
          r"(?:territoire|pays)(?:\s+nationale?)?|(?:au\s+|a\s+l'|a\s+)?(?:niveau|echelle)\s+nationale?|nationale?|territoire\s+national"
          r"|nationwide|countrywide|(?:the\s+)?whole\s+country)")
_WHOLE_COUNTRY = re.compile(rf"{_WHOLE}|(?P<country>[^()]+?)\s*(?:\(\s*{_WHOLE}\s*\)|[-:,]\s*{_WHOLE})"
                            r"|(?:tout(?:e|es)?|(?:l')?ensemble)\s+(?:(?:du|de\s+la|de\s+l'|le|la|l'|des)\s*)?(?P<all>.+)")
_GROUPS = re.compile(r"\s*;\s*")  # the groups of a zone (see _zone_names)
# What a zone writes between an area and some of the areas within it, which it names too: "Gouvernorat de
# Kasserine, notamment les délégations de Sbeïtla et Fériana", "Gouvernorat de Médenine, y compris l'île de Djerba",
# "Gouvernorat de Tataouine – délégation de Remada" (a spaced dash before a kind of area below the one before it).
_INCLUDING = rf"(?:(?:et\s+)?(?:plus\s+)?(?:{phrases(INCLUDING)}))\s+(?:(?:dans|à|a|en|in)\s+)?"
_BELOW = (r"(?:les\s+|la\s+|l['\u2019])?(?:d[ée]l[ée]gations?|communes?|municipalit[ée]s?|villes?|quartiers?|camps?"
          r"|villages?|localit[ée]s?|[îi]les?|secteurs?|imadas?)\s+(?:du\s|des\s|de\s|d['\u2019])")
_BELOW_FIRST = re.compile(_BELOW, re.IGNORECASE)  # "Gouvernorat de Tataouine (délégation de Remada)"
_PART_OF = re.compile(rf"\s*(?:,|\s[-\u2013\u2014])?\s+{_INCLUDING}|\s+[-\u2013\u2014]\s+(?={_BELOW})", re.IGNORECASE)
_INCLUDING_FIRST = re.compile(rf"^{_INCLUDING}", re.IGNORECASE)  # "notamment Sfax et Médenine", "(notamment …)"
_ET_CETERA = frozenset({"etc", "et cetera", ""})  # the end of a list that says it goes on, folded, its dots stripped
_WITHIN = re.compile(r"^(?P<country>[^:()]+?)\s*:\s*(?P<names>\S.*)$")  # "Maroc : Rabat, Casablanca"
_INNER = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inner>[^()]+)\)$")  # "Égypte (Le Caire, Gizeh)"
# A name of a zone that refers back to the one before it, folded: "sa banlieue", "ses environs", "leur région", "its
# region", "their surroundings".
_BACK_REFERENCE = re.compile(r"(?:sa|son|ses|leurs?|its|their) ")
# Generic words before the area they are in, which are no name of a place: "camps de la Békaa", "quartiers de
# Tunis", "zones rurales de Sfax", "banlieue de Beyrouth".
# Tunisia's délégations, below its governorates, and islands are named so too: "délégation de Remada" is Remada,
# "l'île de Djerba" Djerba.
_GENERIC_AREA = re.compile(r"^(?:(?:les|des|la|l['\u2019]) ?)?(?:camps?(?: de r[ée]fugi[ée]s)?|quartiers?|villages?"
                           r"|localit[ée]s?|d[ée]l[ée]gations?|[îi]les?"
                           r"|banlieues?|environs|p[ée]riph[ée]rie|alentours|zones? (?:rurales?|urbaines?))"
                           r" (?=(?:de la |de l['\u2019]|du |des |de |d['\u2019]))", re.IGNORECASE)
_PARTICLE = re.compile(r"^(?:de la |de l['\u2019]|du |des |de |d['\u2019]|the )")  # "and the Bekaa", in English
_REGIONS = re.compile(r"^(?P<names>.+?)(?:\s+et\s+(?P<more>\d+)\s+autres?(?:\(s\))?\s+r[eé]gions?)?$",
                      re.IGNORECASE)


def known_places(participations: list[Participation]) -> dict[str, Place]:
    """Places the page locates itself, e.g. "Municipalité de Raoued (Gouvernorat de l'Ariana)"."""
    return {_place_key(place.name): place for participation in participations
            if (place := participation.organisation.place)}


def _place_key(name: str) -> str:
    """How a place is looked up: "Le Bardo" is the place a partner names "Municipalité du Bardo"."""
    return fold(strip_article(name))


def country_of(places: dict[str, Place]) -> str | None:
    countries = {place.country for place in places.values()}
    return countries.pop() if len(countries) == 1 else None


def country_named(zones: list[tuple[str, int]], regions: list[Line], places: dict[str, Place]) -> str | None:
    """The one country of every area the zones and beneficiary regions name that can be told apart without the
    page's country ("Médenine et Zarzis": Médenine is a governorate of Tunisia), or None for none or several.
    For a page whose partners locate no place; a name of no known region is then a place of that country."""
    named = [(zoned.within, None, False, line) if _located_by(zoned.within) else
             (zoned.name, zoned.kind, zoned.municipal, line) for value, line in zones for zoned in _zone_names(value)]
    named += [(name, None, False, line.number) for line in regions for name in _region_names(line)[0]]
    found = _countries_of(named, places)
    return found.pop() if len(found) == 1 else None


def _located_by(within: str | None) -> bool:
    """True when the area a name is named within tells its country: "Maroc" does, "Tout le territoire national"
    (in "…, notamment Sfax") does not."""
    return within is not None and not _WHOLE_COUNTRY.fullmatch(fold(within).strip(" ."))


def _countries_of(named: list[tuple[str, str | None, bool, int]], places: dict[str, Place]) -> set[str]:
    """The countries of the (name, kind, municipal, line) areas that can be told apart without the page's
    country; a name unknown, or of regions in several countries ("Béja": TN-31, PT-02), tells nothing."""
    found: set[str] = set()
    for name, kind, municipal, line in named:
        if _is_compass(name):  # "Mohafazat du Nord" on a Lebanese page: Bahrain's Northern Governorate says nothing
            continue
        try:
            area = _area(name, places, None, kind, municipal, line)
        except PageError:  # "Tripoli" in "Tripoli et Akkar" too: a region of Libya and a town of Lebanon
            continue
        found.add(area.code if isinstance(area, Country) else area.country)
    return found


def _town_elsewhere(name: str, area: Place | Subdivision | Country, kind: str | None) -> str | None:
    """The country of the town or area the data knows by `name` when it is not the country of the subdivision
    `area` read for it: "Tripoli" is Libya's LY-TB and a town of Lebanon ("Saïda": DZ-20, and a town of Lebanon),
    which none of the two tells apart; else None."""
    if kind or isinstance(area, Country) or not (known := known_area(name)) or known[0] == area.country:
        return None
    return known[0]


class _Zoned(NamedTuple):
    """One name a zone lists, as _zone_names reads it."""

    name: str
    kind: str | None  # the kind of region the zone names it by ("Gouvernorats de …")
    municipal: bool  # whether the zone names municipalities
    within: str | None  # the area it is named within: "Égypte (Le Caire, Gizeh)", "Maroc : Rabat, Casablanca"
    group: int = 0  # the group of the zone it is in, its index (groups are parted by ";")
    remark: str | None = None  # the note on words next to the name that name no area: "Tanger (Maroc du Nord)"


def _zone_names(value: str) -> list[_Zoned]:
    """The names a zone lists: groups parted by ";" (each maybe "Country : names"), names by commas, "et", "ainsi
    que" and "/", none of them inside brackets; "X (a, b)" names a and b within X, "X (zones frontalières)" names
    X, "a, b et c (Country)" names a, b and c within that country (those after another such name only), and
    "X, notamment a et b" names X, and a and b within it."""
    zoned: list[_Zoned] = []
    for index, group in enumerate(outside_brackets(collapse(value), _GROUPS)):
        within = None
        if (head := _WITHIN.match(group)) and _country_code(head["country"]):
            within, group = head["country"], head["names"]
        first, *parts = outside_brackets(_INCLUDING_FIRST.sub("", group), _PART_OF)
        named = _group_names(first, index, within)
        around = named[0].name if len(named) == 1 else within  # "Tunisie, notamment Sfax": Sfax is in Tunisia
        zoned += named + [found for part in parts for found in _group_names(part, index, around)]
    return zoned


def _group_names(group: str, index: int, within: str | None) -> list[_Zoned]:
    """The names of one group of a zone, or of a part of one after "notamment", named within `within`."""
    zoned: list[_Zoned] = []
    group = _french_order(group, plural=True)  # "Sfax and Medenine Governorates"
    municipal = MUNICIPALITY.match(group) is not None
    kind = None
    if plural := _ADMIN_AREAS.match(fold(group)):  # one kind for every name ("é", "’" fold to one character)
        group, kind = group[plural.end():], KINDS[plural["kind"]]
    unplaced = 0  # the first of the group's names no country in brackets has placed yet
    names = outside_brackets(MUNICIPALITY.sub("", group), _NAMES)
    for number, name in enumerate(names):
        if _BACK_REFERENCE.match(fold(name)) or fold(name).strip(" .\u2026") in _ET_CETERA:
            continue  # "Beyrouth et sa banlieue", "Zarzis et sa région": no place "sa banlieue"; "Tunis, Sfax, etc."
        name = _french_order(name, plural=False)  # "Sfax Governorate"
        name = _french_order(name, plural=True)  # "Cairo and Giza Governorates, …": the kind after the last name
        named_so = MUNICIPALITY.match(name.strip())  # "Ville de Kairouan, Ville de Sousse"
        name = _PARTICLE.sub("", _GENERIC_AREA.sub("", MUNICIPALITY.sub("", name.strip(" .\u2026"))))
        inner = _INNER.match(name)
        town = municipal or bool(named_so)
        if inner and (_INCLUDING_FIRST.match(inner["inner"]) or _BELOW_FIRST.match(inner["inner"])):
            # "Gouvernorat de Kasserine (notamment Sbeïtla et Fériana)", "Mafraq (camp de Zaatari)": the area, and
            # the names within it
            zoned.append(_Zoned(inner["head"], kind, town, within, index))
            zoned += _group_names(_INCLUDING_FIRST.sub("", inner["inner"]), index, inner["head"])
            unplaced = len(zoned)
        elif inner and _compass_remark(inner["inner"], [item.name for item in zoned] + [inner["head"]]):
            # "Kébili, Tozeur et Gafsa (Sud-Ouest)": a part of the country, said of the list (or of the name)
            on = group[:group.rindex("(")].strip() if number == len(names) - 1 and len(names) > 1 else inner["head"]
            zoned.append(_Zoned(inner["head"], kind, town, within, index, f'"({excerpt(inner["inner"])})" names a '
                                f'part of the country, no area; read as a remark on "{excerpt(on)}", left out'))
        elif inner and _territory_under(inner["head"], inner["inner"]):
            # "Mayotte (France)": the territory with its own ISO 3166-1 code, not the whole of its sovereign
            zoned.append(_Zoned(inner["head"], kind, town, within, index, f'"({excerpt(inner["inner"])})" names the '
                                f'country "{excerpt(inner["head"])}" is a territory of; read as a remark on it, '
                                "left out"))
            unplaced = len(zoned)
        elif inner and inner["inner"][:1].isupper() and _country_after(inner["head"], inner["inner"]):
            # "Sfax et Médenine (Tunisie)": both in Tunisia
            zoned.append(_Zoned(inner["head"], kind, town, within, index))
            zoned[unplaced:] = [item._replace(within=item.within or inner["inner"]) for item in zoned[unplaced:]]
            unplaced = len(zoned)
        elif inner and (_is_inside(inner["head"], inner["inner"])  # "Chatila (Beyrouth)": Chatila, in Beyrouth
                        or _in_region(inner["head"], inner["inner"])):  # "Tinghir (Drâa-Tafilalet)": Tinghir
            zoned.append(_Zoned(inner["head"], kind, town, inner["inner"], index))
            unplaced = len(zoned)
        elif inner and (country_named := _country_remark(inner["head"], inner["inner"])):
            zoned.append(_Zoned(inner["head"], kind, town, country_named, index,  # "Tanger (Maroc du Nord)"
                                f'"({excerpt(inner["inner"])})" is no area; read as a remark on '
                                f'"{excerpt(inner["head"])}", left out'))
            unplaced = len(zoned)
        elif inner and _names_around(inner["head"], inner["inner"]):
            zoned.append(_Zoned(inner["head"], kind, town, within, index,  # "Sebha (Fezzan)": Sebha, in the Fezzan
                                f'"({excerpt(inner["inner"])})" names no area within "{excerpt(inner["head"])}"; '
                                "read as a remark on it, left out"))
            unplaced = len(zoned)
        elif inner and (inner["inner"][:1].isupper() or _ADMIN_AREAS.match(fold(inner["inner"]))) and (
                not _WHOLE_COUNTRY.fullmatch(fold(inner["inner"]))):  # "Haute-Égypte (gouvernorats de …)" too
            held = _zone_names(inner["inner"])
            if held and _compass_remark(inner["head"], [item.name for item in held]):
                # "Le Sud-Est tunisien (Médenine, Tataouine)": the names, wherever they are
                zoned += [item._replace(within=item.within or within, group=index) for item in held]
                zoned[-len(held)] = zoned[-len(held)]._replace(remark=(
                    f'"{excerpt(inner["head"])}" names a part of the country, no area; read as a remark on '
                    f'"{excerpt(inner["inner"])}", left out'))
            else:
                zoned += [item._replace(within=inner["head"], group=index) for item in held]
            unplaced = len(zoned)
        elif name:
            zoned.append(_Zoned(inner["head"] if inner else name, kind, town, within, index))
    return zoned


def _territory_under(head: str, inner: str) -> bool:
    """True for "X (Y)" naming the territory X, with its own ISO 3166-1 code, under its sovereign Y ("Mayotte
    (France)", "Porto Rico (États-Unis)"), as ISO 3166-2 lists X among Y's subdivisions."""
    territory, sovereign = _country_code(head), _country_code(inner)
    return bool(territory and sovereign and is_territory_of(territory, sovereign))


def _country_after(head: str, inner: str) -> bool:
    """True for a name with its country in brackets after it ("Gaza (Palestine)"), not a country with names in
    brackets ("Italie (Lampedusa)", "Égypte (Le Caire, Gizeh)")."""
    return bool(_country_code(inner)) and not _country_code(head)


def _is_inside(head: str, inner: str) -> bool:
    """True for "X (Y)" naming the place X in the country or region Y ("Chatila (Beyrouth)"), not the areas Y
    within X ("Égypte (Le Caire, Gizeh)"): Y is one name of a country or region and X none."""
    return (_NAMES.search(inner) is None and _is_area_name(inner) and not _is_area_name(head)
            and known_area(head) is None)


def _in_region(head: str, inner: str) -> bool:
    """True for "X (Y)" naming the subdivision X that lies in the region Y ("Tinghir (Drâa-Tafilalet)",
    "Tétouan (Tanger-Tétouan-Al Hoceïma)"), not the areas Y within X."""
    if _NAMES.search(inner) or _country_code(head) or _country_code(inner):
        return False
    try:
        region = subdivision(inner)
        return lies_in(subdivision(head, region.country).code, region.code)
    except PageError:
        return False


def _country_remark(head: str, inner: str) -> str | None:
    """The country that "X (Y)" names in its brackets with other words, when they are a remark on X and no area:
    "Tanger (Maroc du Nord)" -> "Maroc" (Y is no region, and X is a region of that country); else None."""
    if not inner[:1].isupper() or _country_code(head) or _is_area_name(inner) or known_area(inner):
        return None
    words = inner.split()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            named = " ".join(words[start:start + size])
            if (code := _country_code(named)) and _region_of(head, code, None):
                return named
    return None


def _names_around(head: str, inner: str) -> bool:
    """True for "X (Y)" whose brackets name no area within X but one it lies in, or a remark: the subdivision X in
    a historical region that is none ("Sebha (Fezzan)"), or a place X with a phrase naming regions no one country
    has together ("Kos (North and South Aegean)": "North" is CM-NO, "South Aegean" GR-L), none a country."""
    if not inner[:1].isupper() or _country_code(head) or _country_code(inner):
        return False
    if named := subdivisions_named(head):
        area = known_area(inner)
        return area is not None and area[1] is None and any(found.country == area[0] for found in named)
    names = outside_brackets(inner, _NAMES)
    if len(names) < 2 or known_area(head) or any(_country_code(name) for name in names):
        return False
    countries = [{found.country for found in subdivisions_named(name)} for name in names]
    return len([found for found in countries if found]) > 1 and not set.intersection(*filter(None, countries))


def zone(value: str, places: dict[str, Place], country: str | None, line: int,
          notes: list[tuple[int, str]]) -> list[Place | Subdivision | Country]:
    """ "Municipalités de Raoued et La Marsa", "Gouvernorats de Sfax et de Médenine", "Tunisie et Maroc" -> the
    places, subdivisions or countries, located by what the page says elsewhere. Where the page does not say which
    country, a name of regions of several countries is the one in the country its group's other names point to
    ("Tunis et Béja": the Béja of Tunisia, not of Portugal); a group whose names point to several is noted."""
    if whole := _whole_countries(collapse(value), country, line):
        return whole
    names = _zone_names(value)
    groups = {} if country else _group_countries(value, names, places, line, notes)
    # the country a group names before its areas ("Cameroun : Nord (Garoua)"), for the names within its areas
    stated = {index: code for index, group in enumerate(outside_brackets(collapse(value), _GROUPS))
              if (head := _WITHIN.match(group)) and (code := _country_code(head["country"]))}
    areas: list[Place | Subdivision | Country] = []
    for zoned in names:
        if zoned.remark:
            notes.append((line, f'zone "{excerpt(value)}": {zoned.remark}'))
        if whole := _whole_countries(zoned.name, country, line):  # "Tout le territoire national, notamment Sfax"
            areas += whole
        elif zoned.within is None:
            group = groups.get(zoned.group)
            located = group if group and _region_of(zoned.name, group, zoned.kind) else country
            try:
                areas.append(_area(zoned.name, places, located, zoned.kind, zoned.municipal, line))
            except PageError as error:
                raise _in_phrase(error, zoned, value) from None
        else:
            areas.append(_area_within(zoned, places, country or stated.get(zoned.group), line))
    return areas


def _area_within(zoned: _Zoned, places: dict[str, Place], country: str | None,
                 line: int) -> Place | Subdivision | Country:
    """A name a zone names within an area: "Gouvernorat de Médenine (Zarzis)", "Tunisie, notamment Sfax"."""
    whole = _whole_countries(zoned.within, country, line)
    around = whole[0] if len(whole) == 1 else _area(zoned.within, places, country, None, False, line)
    inside = around.code if isinstance(around, Country) else around.country
    area = _area(zoned.name, places, inside, zoned.kind, zoned.municipal, line)
    if isinstance(around, Country) and isinstance(area, Country) and area != around:
        # "Gibraltar (Royaume-Uni)": a country in another that ISO 3166-2 does not list as its territory
        raise PageError(f'zone "{excerpt(zoned.within)} ({excerpt(zoned.name)})" names two countries, each with its '
                        "own ISO 3166-1 code, and ISO 3166-2 lists neither as a territory of the other",
                        f'write the one meant: "{excerpt(zoned.within)}" alone, or a region of '
                        f'"{excerpt(zoned.name)}" by its kind and name, e.g. "Province de …"', line=line)
    if isinstance(area, Place) and area.subdivision is None and isinstance(around, Subdivision):
        area = replace(area, subdivision=around)  # "Gouvernorat de Médenine (Zarzis, …)": in Médenine
    return area


def _in_phrase(error: PageError, zoned: _Zoned, value: str) -> PageError:
    """The error about a name of a zone quoting the whole group the page wrote, where the zone parted a phrase,
    no name, into several ("zones frontalières entre la République tunisienne et l'État de Libye": its first part
    alone was quoted, as if the page had written it)."""
    groups = outside_brackets(collapse(value), _GROUPS)
    group = groups[zoned.group] if zoned.group < len(groups) else value
    if (not error.message.startswith("cannot tell which country") or len(outside_brackets(group, _NAMES)) < 2
            or not zoned.name[:1].islower()):  # a name of a list ("Casablanca, Rabat et Zaio") is quoted alone
        return error
    return PageError(f'cannot tell which country "{excerpt(group)}" is in: it is no country or ISO 3166-2 region, nor '
                     f'a list of them ("{excerpt(zoned.name, 60)}" is none), and the page locates no place of that '
                     "name", error.hint, line=error.line)


def _group_countries(value: str, names: list[_Zoned], places: dict[str, Place], line: int,
                     notes: list[tuple[int, str]]) -> dict[int, str]:
    """The one country each group of a zone points to by its names that can be told apart without the page's
    country, by group; a group of names of regions of several countries, none a country, is noted."""
    countries: dict[int, str] = {}
    for group in dict.fromkeys(zoned.group for zoned in names):
        members = [zoned for zoned in names if zoned.group == group and zoned.within is None]
        found = _countries_of([(zoned.name, zoned.kind, zoned.municipal, line) for zoned in members], places)
        if len(found) == 1:
            countries[group] = found.pop()
        elif len(found) > 1 and not any(_country_code(zoned.name) for zoned in members):
            notes.append((line, f'zone "{excerpt(value)}" names regions of {len(found)} countries '
                                f'({", ".join(sorted(found))}), read as such: nothing on the page says which '
                                "country is the project's. If the names are towns of one country, write it before "
                                'them ("<pays> : <noms>")'))
    return countries


def _region_of(name: str, country: str, kind: str | None) -> bool:
    """True when `name` is a region of `country`, as _area reads it. A name of no region is not placed by its
    group: "Casablanca, Rabat et Zaio" on a page naming Tunisia's regions too leaves Zaio's country untold."""
    if area := ADMIN_AREA.match(fold(name)):  # "Gouvernorat de Béja"
        name, kind = area_name(name), KINDS[area["kind"]]
    try:
        subdivision(name, country, kind=kind)
    except PageError:
        return not kind and (known := known_area(name)) is not None and known[0] == country  # "Tripoli": Lebanon's
    return True


def _whole_countries(value: str, country: str | None, line: int) -> list[Country]:
    """The countries a zone names whole ("Tout le territoire national": the page's country; "Toute la Tunisie",
    "Tunisie et Maroc (ensemble du territoire)"), or none for a zone that names no whole country."""
    whole = _WHOLE_COUNTRY.fullmatch(fold(value).strip(" ."))
    if not whole:
        return []
    if named := whole["country"] or whole["all"]:
        try:
            return [Country(code) for code in split_countries(named, line)]
        except PageError:  # "Toute la région de Sfax": the zone's own names
            return []
    if country is None:
        raise PageError(f'zone "{excerpt(value)}" is a whole country, and the page does not say which',
                        "name the country, e.g. Zone d'intervention : Tunisie", line=line)
    return [Country(country)]


def _area(name: str, places: dict[str, Place], country: str | None, kind: str | None, municipal: bool,
          line: int) -> Place | Subdivision | Country:
    """One name of an intervention zone: a place the page located, a subdivision (of the page's country when
    it has one), a whole country, or else a place of the page's country."""
    if country is None and _is_compass(name):
        raise PageError(f'cannot tell which country "{excerpt(name)}" is in: it names a point of the compass, as '
                        "regions of several countries are called, and the page names no country",
                        'write the country before the zone, e.g. "Liban : Mohafazat du Nord"', line=line)
    refuse_former_region(name, line)  # "Souss-Massa-Drâa" is no region of today, nor a place of one
    if area := ADMIN_AREA.match(fold(name)):  # "Gouvernorat de Sfax": the governorate itself
        if area["kind"] in _DISTRICTS:
            return _district(name, country, line)
        whole = [found for found in subdivisions_named(name) if country in (None, found.country)]
        if len(whole) == 1:  # "Región de Murcia" is ES-MC's own name, not the province of Murcia (ES-MU)
            return whole[0]
        name, kind = area_name(name), KINDS[area["kind"]]
    if not kind and _place_key(name) in places:  # "Gouvernorats de Gabès et …" name no town of Gabès
        return places[_place_key(name)]
    named = None if kind or municipal else _country_code(name)  # a country ("Maroc") is no place of the page's country
    if named and named != country:
        return Country(named)
    try:
        found = subdivision(name, country, kind=kind, line=line)
    except PageError:
        if named:
            return Country(named)
        if not kind and (known := known_area(name)) and country in (None, known[0]):  # "Bande de Gaza"
            return Place(name, *known)
        if country is None:
            raise PageError(f'cannot tell which country "{excerpt(name)}" is in: it is no country or ISO 3166-2 '
                            "region, and the page locates no place of that name",
                            'check its spelling, or name the region it lies in as the partners do, e.g. '
                            '"Municipalité de X (Gouvernorat de Y)" or "Tunisie (X, Y)"', line=line) from None
        return Place(name, country)
    if country is None and (elsewhere := _town_elsewhere(name, found, kind)):
        raise PageError(f'cannot tell which country "{excerpt(name)}" is in: it is a region of {found.country} '
                        f"({found.code}) and a town or area of {elsewhere}, and the page's other names tell neither",
                        f'write the country before the zone, e.g. "{country_record(elsewhere).labels["fr"]} : '
                        f'{excerpt(name)}"', line=line)
    # "Ville de Kairouan": the town, in the governorate of its name
    return Place(name, found.country, found) if municipal and not kind else found


def _district(name: str, country: str | None, line: int) -> Place:
    """ "Caza du Akkar": a place of that name, in the subdivision its name is (LB-AK) or else the page's country."""
    try:
        found = subdivision(area_name(name), country, line=line)
    except PageError:
        if country is None:
            raise PageError(f'cannot tell which country "{excerpt(name)}" is in: its name is no ISO 3166-2 region',
                            "name the country, e.g. Zone d'intervention : Liban : Caza de Zahlé", line=line) from None
        return Place(name, country)
    return Place(name, found.country, found)


def regions(project: Project, line: Line, country: str | None) -> None:
    names, more = _region_names(line)
    project.beneficiary_regions.extend(_region(name, country, line.number) for name in names)
    if more:
        project.beneficiary_region_count = len(names) + more


def _region(name: str, country: str | None, line: int) -> Subdivision:
    """One beneficiary region, as the error on an ambiguous one advises naming it: with its kind ("Région de
    Kindia"), or its country in brackets ("Kindia (Guinée)")."""
    kind = None
    if (inner := _INNER.match(name)) and (code := _country_code(inner["inner"])):
        name, country = inner["head"], code
    if area := ADMIN_AREA.match(fold(name)):
        name, kind = area_name(name), KINDS[area["kind"]]
    return subdivision(name, country, kind=kind, line=line)


def _region_names(line: Line) -> tuple[list[str], int]:
    """The regions a line of "Régions bénéficiaires" names, and how many more it says there are."""
    match = _REGIONS.match(line.text)
    names = [n for n in re.split(r"\s*,\s*|\s+et\s+", match["names"]) if n.strip()]
    return names, int(match["more"] or 0)

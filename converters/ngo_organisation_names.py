"""One name of a role line's list on NGO pages: what follows it as a remark (what a funder funds by, its
country), whether it names an organisation at all, and the organisation it gives (acronyms, initials, place)."""

from __future__ import annotations

import re

from .countries import lookup
from .errors import PageError
from .language import guess_language
from .ngo_zone_names import ADMIN_AREA, KINDS, MUNICIPALITY, area_name
from .records import Organisation, Participation, Place, Role, Subdivision
from .reference import reference
from .subdivisions import subdivision
from .textnorm import collapse, excerpt, fold, strip_article

_THROUGH = re.compile(r"\s+(?:par le biais d(?:u|e la|e l['\u2019]|es|e)|par l['\u2019]interm[ée]diaire "
                      r"d(?:u|e la|e l['\u2019]|es|e)|via)\s+", re.IGNORECASE)
# What a funder funds by, after its name: a remark, no part of it ("Union européenne dans le cadre du programme
# ProGreS Migration", "… au titre du Fonds fiduciaire d'urgence (FFU)", "… via le programme X")
_FRAMEWORK = re.compile(r"\s+(?:dans\s+le\s+cadre|au\s+titre)\s+(?:d[eu]s?\b|d['\u2019]).*$"
                        r"|\s+(?:via|[aà]\s+travers|par\s+le\s+biais\s+d(?:u|e\s+la|e\s+l['\u2019]|es|e))\s+"
                        r"(?:(?:le|la|les|l['\u2019]|son|sa|ses)\s*)?"
                        r"(?:programmes?|projets?|fonds|initiatives?|instruments?|facilit[ée]s?|m[ée]canismes?)\b.*$",
                        re.IGNORECASE)
# The same after a spaced dash or in brackets ending the name: "Union européenne – Fonds fiduciaire d'urgence pour
# l'Afrique (FFU)", "Union européenne (Fonds fiduciaire régional … « Fonds Madad »)"; see _remark_after
_FUND_WORDS = r"(?:programmes?|projets?|fonds|fund|initiatives?|instruments?|facilit[ée]s?|m[ée]canismes?)\b"
_FUND_AFTER = re.compile(rf"\s+[-\u2013\u2014]\s+(?P<dashed>(?:(?:le|la|les|l['\u2019])\s*)?{_FUND_WORDS}.*)$"
                         rf"|\s*(?P<bracketed>\((?:(?:le|la|les|l['\u2019])\s*)?{_FUND_WORDS}[^()]*(?:\([^()]*\)[^()]*)*\))"
                         r"\s*$", re.IGNORECASE)
# A country after a comma, after a name's brackets: where the organisation is, a remark ("Direction du
# développement et de la coopération (DDC), Suisse"; see ngo_organisation_lists)
_COUNTRY_AFTER = re.compile(r"(?<=\)),\s*(?P<country>[^,()]+)$")
# "X pour le compte de Y": Y the funder, X the body that manages its funds (as "Y par le biais de X")
_ON_BEHALF = re.compile(r"\s+(?:pour\s+le\s+compte\s+d(?:u|e\s+la|e\s+l['\u2019]|es|e)|on\s+behalf\s+of(?:\s+the)?)\s*"
                        r"(?=\S)", re.IGNORECASE)
MEANS = (_FRAMEWORK, _THROUGH, _ON_BEHALF)  # what a funder funds by, through or for, after its name
_THE = re.compile(r"^\s*the\s+")  # English's article in lower case (strip_article drops the French ones)
# Words naming a kind of organisation, folded, that start a name: "et" before such a name parts two (see
# ngo_organisation_lists)
KINDS_OF_ORGANISATION = frozenset({
    "association", "fondation", "foundation", "ambassade", "embassy", "agence", "agency", "union", "organisation",
    "organization", "office", "universite", "university", "reseau", "network", "federation", "confederation",
    "comite", "committee", "croix-rouge", "croissant-rouge", "commission", "institut", "institute", "centre",
    "center", "observatoire", "municipalite", "commune", "ligue", "collectif", "plateforme", "syndicat", "banque",
    "bank", "fonds", "fund", "conseil", "council", "ministere", "ministry", "direction", "secretariat",
})
# A directorate-general of the organisation before it, in brackets: "Commission européenne (DG ECHO)"
_DIRECTORATE = re.compile(r"(?:DG|[Dd]irection\s+g[ée]n[ée]rale|Directorate[- ]General)\b")
PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")
# A branch of the organisation named before it, after a comma and in lower case: "…, section de Sfax", "…,
# délégation Tunisie", "…, comité local de Sfax" (see ngo_organisation_lists)
_BRANCH_WORDS = (r"(?:sous-)?section|d[ée]l[ée]gation|comit[ée]|bureau|antenne|branche|mission|repr[ée]sentation"
                 r"|chapitre|cellule|coordination|division|succursale|filiale")
BRANCH = re.compile(rf"(?:{_BRANCH_WORDS})\b")
_BRANCH_AFTER = re.compile(rf",\s*(?P<branch>(?:{_BRANCH_WORDS})\b[^()]*)$")
_ACRONYM_MARKS = frozenset("&.'\u2019-+")  # what an acronym may hold besides letters and figures ("M&D", "ATP+")
_DASH_NAME = re.compile(r"^(?P<alias>\S+)\s+[-\u2013\u2014]\s+(?P<name>[A-Z\u00c0-\u00dd].+)$")  # "OIM – Organisation"
_WEBSITE = re.compile(r"\s+(?:[-\u2013\u2014:]\s+)?(?:https?://|www\.)\S+$", re.IGNORECASE)  # after a name
_SHARE = re.compile(r"\d[\d\s.,]*%")  # a share of the funding in brackets: "(80 %)"
_DASH_ALIAS = re.compile(r"\s+[-\u2013\u2014]\s+(?P<alias>[^-\u2013\u2014]{2,40})$")
_WORD_STARTS = re.compile(r"(?:^|(?<=[\s'\u2019-]))\w")  # the first letter of each word of a name


def name_participations(part: str, role: Role, line: int, notes: list[tuple[int, str]]) -> list[Participation]:
    """The participations one name of a role line's list gives: the organisation, and one it funds through or on
    whose behalf it acts."""
    part = _remark_after(part, line, notes)
    named: list[tuple[str, Role]] = []
    if (behalf := _ON_BEHALF.search(part)) and role in (Role.FUNDER, Role.CO_FUNDER):  # "GIZ pour le compte du
        named.append((part[behalf.end():], role))  # BMZ": the BMZ funds, the GIZ manages its funds
        part = part[:behalf.start()]
        role_of_first = Role.EXTENDING
    else:
        if behalf:  # "Association X pour le compte de Y" as an implementer: on whose behalf, noted
            part = _remark_after(part, line, notes, behalf.start())
        role_of_first = role
    first, *through = _THROUGH.split(part)
    named += [(first, role_of_first), *((name, Role.EXTENDING) for name in through)]
    participations = []
    for name, named_role in named:
        name = _THE.sub("", name.rstrip(" ,"))  # "Union européenne, via Expertise France", "… and the DRC"
        if why := _no_organisation(name):
            notes.append((line, f'"{excerpt(name, 60)}" is no organisation\'s name ({why}): left out of the record'))
        else:
            participations.append(Participation(organisation(name, line, notes), named_role))
    return participations


def _remark_after(part: str, line: int, notes: list[tuple[int, str]], at: int | None = None) -> str:
    """`part` without what follows an organisation's name as a remark on it, noted: what it funds by ("… dans le
    cadre du programme X", "… – Fonds X", "… (Fonds X)", unless the name after a dash is the one an acronym before
    it stands for: "PNUD – Programme des Nations unies pour le développement"), the country it is in after its
    brackets ("(DDC), Suisse"), or what starts at `at`."""
    if at is None:
        found = _FRAMEWORK.search(part) or _FUND_AFTER.search(part)
        if found and found.re is _FUND_AFTER and found["dashed"]:
            before = part[:found.start()].strip()
            if is_acronym(before) and initials_of(before, found["dashed"]):
                found = None
        if (country := _COUNTRY_AFTER.search(part)) and lookup(country["country"]):
            found = country
        if not found:
            return part
        at = found.start()
    remark = excerpt(part[at:].strip(" ,-\u2013\u2014"))
    part = part[:at].rstrip(" ,")
    notes.append((line, f'organisation "{excerpt(strip_article(collapse(part)), 60)}": "{remark}" after it is a '
                        "remark on it, left out of the record"))
    return part


def _no_organisation(name: str) -> str | None:
    """Why `name` is no organisation's name, or None: it starts with a figure ("3 universités"), or in lower case
    once its article is dropped ("les autorités de la wilaya", "une dizaine d'associations locales"), its first
    word holding no capital ("e-Joussour" is a name) and no word naming a kind of organisation ("aditus
    foundation" is one)."""
    bare = strip_article(collapse(name))
    if bare[:1].isdigit():
        return "it starts with a figure"
    words = bare.split()
    if (bare[:1].islower() and not any(c.isupper() for c in words[0])
            and not any(fold(word).strip(",.()") in KINDS_OF_ORGANISATION for word in words)):
        return "it starts in lower case"
    return None


def organisation(text: str, line: int, notes: list[tuple[int, str]] | None = None) -> Organisation:
    """The organisation a name of a role line gives: its acronyms, where it is, a remark or a part of it in
    brackets left out ("Commission européenne (DG ECHO)": the Commission, its directorate-general noted)."""
    name, aliases, place = strip_article(_WEBSITE.sub("", collapse(text))), [], None  # "X (ATFD) – www.atfd.tn"
    others: list[tuple[str, str]] = []
    branch = None  # "Association X (AX), section de Sfax": read as "Association X (AX)", then the branch after it
    if found := _BRANCH_AFTER.search(name):
        name, branch = name[:found.start()].strip(), found["branch"].strip()
    if name.count("(") != name.count(")"):
        raise PageError(f'organisation "{excerpt(text)}" opens a parenthesis it does not close',
                        "close it, e.g. Association X (AX); the page may be cut short", line=line)
    if match := PARENTHESIS.search(name):
        inner, outer = match.group(1).strip(), name[:match.start()].strip()
        if area := ADMIN_AREA.match(fold(inner)):
            sub = subdivision(area_name(inner), kind=KINDS[area["kind"]], line=line)
            name = outer  # where it is; a municipality is a place there ("Association Amal (Gouvernorat de Gabès)"
            if MUNICIPALITY.match(outer):  # is none)
                place = Place(_town(outer), sub.country, sub)
        elif MUNICIPALITY.match(outer) and (sub := _region_named(inner, line)):  # "Municipalité de Zarzis
            name, place = outer, Place(_town(outer), sub.country, sub)  # (Médenine)"
        elif _DIRECTORATE.match(inner):  # a part of the organisation, no name of it: its IRI is the organisation's
            name = outer
            if notes is not None:
                notes.append((line, f'organisation "{excerpt(outer, 60)}": "({excerpt(inner, 60)})" after it names '
                                    "a part of it, left out of the record"))
        elif is_acronym(inner) and (known := reference().organisation(outer)) and (
                reference().organisation(inner) != known) and not initials_of(inner, outer):  # "Union européenne
            name = outer  # (FFU)": a known organisation, and no acronym of it: what it funds through, a remark
            if notes is not None:
                notes.append((line, f'organisation "{excerpt(outer, 60)}": "({excerpt(inner, 60)})" after it is a '
                                    "remark on it, left out of the record"))
        elif is_acronym(inner):  # "Association Tunisienne de Développement (ATD)"
            name = outer
            aliases.append(inner)
        elif " " not in inner and inner[:1].isupper() and initials_of(inner, outer) and not lookup(inner):  # "Tdh"
            name = outer  # the initials of its words in mixed case ("Terre des hommes Lausanne (Tdh)"), no country
            aliases.append(inner)
        elif acronyms := _acronyms(inner):  # "(DFID, Royaume-Uni)", "(ASAM/SGDD)"
            name = outer
            aliases.extend(acronyms)
        elif is_acronym(outer) and len(inner.split()) > 1:  # "FTDES (Forum Tunisien pour les Droits …)"
            name = inner
            aliases.append(outer)
        elif inner[:1].islower() or _SHARE.match(inner):  # a remark on the organisation: "Union européenne (chef
            name = outer  # de file du consortium)", "Union européenne (80 %)"
        elif other := _other_name(inner):  # "Jamaïyat Al-Amal (Association de l’Espoir)", "… (جمعية الغيث)":
            name = outer  # the name in another language or script, named by what it is before
            others.append(other)
        # else what belongs to the name: "Caritas (Maroc)", "Terre des Hommes (Suisse)", "Amal (Djerba)"
    if (match := _DASH_NAME.match(name)) and is_acronym(match["alias"]) and len(match["name"].split()) > 1:
        name = match["name"]  # "OIM – Organisation internationale pour les migrations"
        aliases.append(match["alias"])
    elif (match := _DASH_ALIAS.search(name)) and is_acronym(match["alias"].split()[0]):  # "… – COSPE Onlus"
        aliases.append(match["alias"].strip())
        name = name[:match.start()].strip()
    if not name:
        raise PageError(f'organisation "{excerpt(text)}" has no name', "write the organisation's name", line=line)
    if notes is not None and _DIRECTORATE.match(name) and (known := reference().organisation(name)):  # "DG NEAR"
        notes.append((line, f'organisation "{excerpt(name, 60)}" names a part of "{reference().label(known)}": '
                            "read as it, the part left out of the record"))
    return Organisation(f"{name}, {branch}" if branch else name, tuple(aliases), place, tuple(others))


_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def _other_name(inner: str) -> tuple[str, str] | None:
    """(name, language) for words in brackets after a name that give it in another language: in Arabic script
    ("جمعية الغيث", @ar), or a name of several words a word naming a kind of organisation starts or ends
    ("Association de l’Espoir", "Hope Foundation"), in the language its words are; None for anything else (a
    place, a country, a remark: "Caritas (Maroc)")."""
    if _ARABIC.search(inner):
        return (inner, "ar") if not re.search(r"[A-Za-z]", inner) else None
    words = fold(inner).split()
    if len(words) < 2 or not inner[:1].isupper() or lookup(inner):
        return None
    if words[0] in KINDS_OF_ORGANISATION or words[-1] in KINDS_OF_ORGANISATION:
        return inner, guess_language(inner)
    return None


def _acronyms(inner: str) -> list[str]:
    """The acronyms words in brackets after a name give, with a remark after a comma ("DFID, Royaume-Uni") or
    two of them with a slash ("ASAM/SGDD"), or none."""
    head = inner.split(",", 1)[0].strip()
    if "," in inner and is_acronym(head):
        return [head]
    acronyms = [part.strip() for part in inner.split("/")]
    return acronyms if len(acronyms) > 1 and all(is_acronym(part) for part in acronyms) else []


def _town(organisation: str) -> str:
    """The town a municipality is named after: "Municipalité de Raoued" -> "Raoued", "Municipalité de l'Ariana"
    -> "L'Ariana" (its article, in lower case after "de", is the town's own)."""
    town = MUNICIPALITY.sub("", organisation).strip()
    return town[:1].upper() + town[1:]


def _region_named(name: str, line: int) -> Subdivision | None:
    """The one subdivision called `name` ("Médenine", "Oriental"), or None."""
    try:
        return subdivision(name, line=line)
    except PageError:
        return None


def is_acronym(text: str) -> bool:
    """True for what an organisation's acronym looks like: one word starting with a capital and holding two or
    more, and no more small letters ("ATD", "M&D", "LAÉ", "MdM"; "Pays-Bas", "Mont-Liban" are no acronyms), or
    such a word and one more ("COSPE Onlus")."""
    words = text.split()
    if not 0 < len(words) <= 2:
        return False
    first = words[0]
    capitals = sum(c.isupper() for c in first)
    return (first[0].isupper() and capitals >= 2 and capitals >= sum(c.islower() for c in first)
            and all(c.isalnum() or c in _ACRONYM_MARKS for c in first))


def initials_of(acronym: str, name: str) -> bool:
    """True when the letters of `acronym` are initials of the words of `name`, in order, from its first word on
    (some words skipped): "OIM" of "Organisation internationale pour les migrations", "Tdh" of "Terre des hommes
    Lausanne"."""
    letters = [fold(c) for c in acronym if c.isalnum()]
    initials = [fold(c) for c in _WORD_STARTS.findall(name.strip())]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    found = iter(initials)
    return all(letter in found for letter in letters)

"""Organisation names in the role lines of NGO pages: lists split into names, acronyms, remarks and branches,
kinds of organisation, and one participation per organisation."""

from __future__ import annotations

import re
from dataclasses import replace

from .countries import lookup, subdivision
from .errors import PageError
from .ngo_zones import ADMIN_AREA, KINDS, MUNICIPALITY, _outside_brackets, area_name
from .records import Organisation, Participation, Place, Role, Subdivision
from .reference import reference
from .textnorm import INCLUDING, collapse, excerpt, fold, phrases, slug, strip_article

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
# développement et de la coopération (DDC), Suisse"; see _rejoined)
_COUNTRY_AFTER = re.compile(r"(?<=\)),\s*(?P<country>[^,()]+)$")
# "X pour le compte de Y": Y the funder, X the body that manages its funds (as "Y par le biais de X")
_ON_BEHALF = re.compile(r"\s+(?:pour\s+le\s+compte\s+d(?:u|e\s+la|e\s+l['\u2019]|es|e)|on\s+behalf\s+of(?:\s+the)?)\s*"
                        r"(?=\S)", re.IGNORECASE)
# Words before a name that part it from the one before wherever they are (no name holds them), after a comma or
# not: "A ainsi que B", "plusieurs associations, notamment A", "A, y compris ses services sociaux"; they start the
# part after them, and go (see _LEADING)
_APART_WORDS = ("ainsi que", "as well as", *INCLUDING, "such as")
_APART = phrases(_APART_WORDS)
_APART_KEYS = tuple({max(w.split(), key=len) for words in _APART_WORDS for w in (words, fold(words))})  # found in a
# line that has one of them
# What parts names, and brackets: "A (DG ECHO) / B", "A | B"; and "A ainsi que B" (slower: asked of a line that may
# have such words only)
_MEANS = (_FRAMEWORK, _THROUGH, _ON_BEHALF)  # what a funder funds by, through or for, after its name
_LIST_MARKS = re.compile(r"[(),;|]|\s/\s")
_LIST_MARKS_APART = re.compile(rf"[(),;|]|\s/\s|\s+(?=(?:{_APART})\s)", re.IGNORECASE)
# What starts a part of a list and is no name's: "…, et la GIZ", "…, ainsi que le CRT", "…, notamment ATP+"
_LEADING = re.compile(rf"^\s*(?:(?-i:et|and)|&|{_APART})\s+", re.IGNORECASE)
_THE = re.compile(r"^\s*the\s+")  # English's article in lower case (strip_article drops the French ones)
_AND_GOES_ON = re.compile(r"et\s+(?=(?:de|du|des)\s|d['\u2019])")  # "…, de l'Insertion sociale, et de la Famille"
# "et" ("&", English "and") between two names where none goes on over it (see _split_list); before a kind of
# organisation, see _kind_pair
_NAMES_AND = re.compile(r"(?<=\))\s+(?:et|&|and)\s+(?=\S)"
                        r"|\s+(?:et|&|and)\s+(?:(?:la|le|les|the)\s+|l['\u2019])?(?=[A-Z][A-Z0-9&-]+\s*\.?\s*$)")
_LIST_AND = re.compile(r"\s+(?:et|&|and)\s+")
# Words naming a kind of organisation, folded, that start a name: "et" before such a name parts two (see _kind_pair)
_KINDS_OF_ORGANISATION = frozenset({
    "association", "fondation", "foundation", "ambassade", "embassy", "agence", "agency", "union", "organisation",
    "organization", "office", "universite", "university", "reseau", "network", "federation", "confederation",
    "comite", "committee", "croix-rouge", "croissant-rouge", "commission", "institut", "institute", "centre",
    "center", "observatoire", "municipalite", "commune", "ligue", "collectif", "plateforme", "syndicat", "banque",
    "bank", "fonds", "fund", "conseil", "council", "ministere", "ministry", "direction", "secretariat",
})
_OFFICES = frozenset({"ministere", "ministry", "direction", "secretariat"})  # whose name goes on with a portfolio
_ETC = re.compile(r"^\s*(?:etc\.*|\.\.\.|\u2026)\s*$", re.IGNORECASE)  # "A, B, etc.": no organisation
_NUMBERED = re.compile(r"^\d{1,2}\s*[.)]\s+(?=\S)")  # "1. Université Mohammed V de Rabat"
# A directorate-general of the organisation before it, in brackets: "Commission européenne (DG ECHO)"
_DIRECTORATE = re.compile(r"(?:DG|[Dd]irection\s+g[ée]n[ée]rale|Directorate[- ]General)\b")
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")
_AND = re.compile(r"\s+(?:et|and)\s+")
_GOES_ON = re.compile(r"(?:de|du|des)\s|d['\u2019]")  # lower case only: see _rejoined
_ARTICLE_GOES_ON = re.compile(r"(?:le|la|les)\s+|l['\u2019]")
# A branch of the organisation named before it, after a comma and in lower case: "…, section de Sfax", "…,
# délégation Tunisie", "…, comité local de Sfax" (see _rejoined)
_BRANCH_WORDS = (r"(?:sous-)?section|d[ée]l[ée]gation|comit[ée]|bureau|antenne|branche|mission|repr[ée]sentation"
                 r"|chapitre|cellule|coordination|division|succursale|filiale")
_BRANCH = re.compile(rf"(?:{_BRANCH_WORDS})\b")
_BRANCH_AFTER = re.compile(rf",\s*(?P<branch>(?:{_BRANCH_WORDS})\b[^()]*)$")
_ACRONYM_MARKS = frozenset("&.'\u2019-+")  # what an acronym may hold besides letters and figures ("M&D", "ATP+")
_DASH_NAME = re.compile(r"^(?P<alias>\S+)\s+[-\u2013\u2014]\s+(?P<name>[A-Z\u00c0-\u00dd].+)$")  # "OIM – Organisation"
_WEBSITE = re.compile(r"\s+(?:[-\u2013\u2014:]\s+)?(?:https?://|www\.)\S+$", re.IGNORECASE)  # after a name
_SHARE = re.compile(r"\d[\d\s.,]*%")  # a share of the funding in brackets: "(80 %)"
_DASH_ALIAS = re.compile(r"\s+[-\u2013\u2014]\s+(?P<alias>[^-\u2013\u2014]{2,40})$")
_SPACED_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_WORD_STARTS = re.compile(r"(?:^|(?<=[\s'\u2019-]))\w")  # the first letter of each word of a name


def _split_list(value: str) -> list[str]:
    """Names parted by commas, ";", "|", " / " or words no name holds ("ainsi que", "notamment", "y compris"),
    keeping those inside parentheses, without a last "etc." or such a word or "et" before one; "et"
    (or "&") parts two names where it cannot be inside one: after a closing parenthesis ("Agence française de
    développement (AFD) et GIZ") or before an acronym that ends the list ("…, OIM et HCR"), next to an
    organisation the reference data knows ("L'Union européenne et la Coopération suisse"), or before a name of a
    kind of organisation as _kind_pair tells them ("Ambassade de France et Fondation de France").
    Elsewhere it stays: "Ministère des Affaires sociales et de la Solidarité", "Association pour le Leadership et
    le Développement en Afrique" are one name each. A numbered line ("1. Université X") is one name, and a list
    of towns after "Municipalités de" one municipality each (see _municipalities)."""
    if numbered := _NUMBERED.match(value):  # one organisation a line, commas and all
        return [collapse(value[numbered.end():]).rstrip(".")]
    parts, depth, start = [], 0, 0
    lower = value.lower()
    for mark in (_LIST_MARKS_APART if any(key in lower for key in _APART_KEYS) else _LIST_MARKS).finditer(value):
        if mark[0] in "()":
            depth += 1 if mark[0] == "(" else -1
        elif depth == 0:
            parts.append(value[start:mark.start()])
            start = mark.end()
    parts.append(value[start:])
    parts = _municipalities([_LEADING.sub("", part) for part in _rejoined(parts) if not _ETC.match(part)])
    names = [name for part in parts for piece in _dashed(part) for each in _NAMES_AND.split(piece)
             for known in _known_pair(each) for name in _kind_pair(known)]
    return [collapse(name).rstrip(".") for name in names if collapse(name)]


def _dashed(part: str) -> list[str]:
    """A part of a list holding two spaced dashes or more, outside brackets, as the names they part ("FTDES –
    Médecins du Monde Belgique – Croissant-Rouge tunisien"), an acronym kept with the name after it whose
    initials it is ("OIM – Organisation internationale pour les migrations – HCR"); with one dash, as it is: a
    name and its acronym, its alias or a remark ("… – COSPE Onlus"), no telling two names apart there."""
    dashes, depth = [], 0
    for mark in re.finditer(r"[()]|" + _SPACED_DASH.pattern, part):
        if mark[0] in "()":
            depth += 1 if mark[0] == "(" else -1
        elif depth == 0:
            dashes.append(mark)
    if len(dashes) < 2:
        return [part]
    bounds = [0, *(i for dash in dashes for i in (dash.start(), dash.end())), len(part)]
    pieces = [part[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]
    names: list[str] = []
    for piece in pieces:
        if names and _is_acronym(names[-1].strip()) and _initials_of(names[-1].strip(), piece):
            names[-1] += " \u2013 " + piece.strip()
        else:
            names.append(piece)
    return names


# Several municipalities after one plural kind: "Municipalités de Monastir, Ksar Hellal et Moknine", "les
# municipalités de Zarzis et de Ben Guerdane" (in lower case too, a list of organisations)
_TOWNS = re.compile(r"(?P<kind>municipalit[ée]s|communes|mairies|municipalities)\s+"
                    r"(?P<of>(?:du|des|de|of)\s+|d['\u2019])(?=\S)", re.IGNORECASE)
_OF_TOWN = re.compile(r"(?:du|des|de|of)\s+|d['\u2019]")  # a town's own "de" after the first: "… et de Ben Guerdane"


def _municipalities(parts: list[str]) -> list[str]:
    """The parts of a list with each list of towns after a plural kind as one municipality a town: "Municipalités
    de Monastir", "Ksar Hellal et Moknine" -> "Municipalité de Monastir", "Municipalité de Ksar Hellal",
    "Municipalité de Moknine". The list goes on over commas to its name after "et", through names of towns only
    (no acronym, no name of a kind of organisation: in "…, Croissant-Rouge tunisien et GIZ" there is none, and no
    other list: each part is looked at once or twice, however many lists the line holds)."""
    names: list[str] = []
    at = 0
    while at < len(parts):
        head, at = strip_article(parts[at].strip()), at + 1
        if not (plural := _TOWNS.match(head)):
            names.append(parts[at - 1])
            continue
        towns = [head[plural.end():]]
        end = at
        while not _LIST_AND.search(towns[0]) and end < len(parts) and _town_like(parts[end]):
            if _LIST_AND.search(parts[end]):  # the list's last name
                towns, at = towns + parts[at:end + 1], end + 1
                break
            end += 1
        kind = plural["kind"][:1].upper() + re.sub("ies$", "y", plural["kind"][1:])
        kind = kind if kind.endswith("y") else kind[:-1]  # "Municipalité", "Commune", "Municipality"
        of = "of " if kind.endswith("y") else "de "  # before a town's name that has none
        pieces = [piece.strip() for town in towns for piece in _LIST_AND.split(town)]
        for number, piece in enumerate(pieces):
            if not _town_like(piece):  # "Communes de Sfax et Association X": the rest is no town
                names += pieces[number:]
                break
            names.append(f"{kind} {plural['of'] if number == 0 else '' if _OF_TOWN.match(piece) else of}{piece}")
    return names


def _town_like(name: str) -> bool:
    """True for what may be a town's name in a list of municipalities: no acronym, no kind of organisation, no
    other list of them."""
    name = strip_article(name.strip())
    name = name[found.end():] if (found := _OF_TOWN.match(name)) else name
    return bool(name) and not _kind(name) and not _is_acronym(name.split(" ", 1)[0]) and not _TOWNS.match(name)


def _initials_of(acronym: str, name: str) -> bool:
    """True when the letters of `acronym` are initials of the words of `name`, in order, from its first word on
    (some words skipped): "OIM" of "Organisation internationale pour les migrations", "Tdh" of "Terre des hommes
    Lausanne"."""
    letters = [fold(c) for c in acronym if c.isalnum()]
    initials = [fold(c) for c in _WORD_STARTS.findall(name.strip())]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    found = iter(initials)
    return all(letter in found for letter in letters)


def _kind_pair(name: str) -> list[str]:
    """A name that is two joined by "et" or "&": where the name after it starts with a word naming a kind of
    organisation and has more words ("Fondation Abbé Pierre et Fondation de France", "…, Ambassade de France au
    Maroc et la Fondation de France"), unless an acronym after it is the first name's ("Association X et Union
    pour Y (AXU)"), and in a ministry's or a directorate's name unless another of them follows ("Ministère de
    l'Emploi et Insertion Professionnelle" is one; its portfolio follows). Before any other word "et" is inside
    one name ("Association Femmes et Développement Durable", "Musées & Sociétés en Méditerranée"): no telling
    there, "Oxfam Intermón et Terre des Hommes" stays one."""
    for match in _LIST_AND.finditer(name):
        first, second = name[:match.start()].strip(), name[match.end():]
        second = second[article.end():] if (article := _ARTICLE_GOES_ON.match(second)) else second
        acronym = _PARENTHESIS.search(second)
        initial = acronym[1][:1] if acronym and _is_acronym(acronym[1]) else None
        kind, head = _kind(second), _kind(strip_article(first))
        if (kind and second[:1].isupper() and len(_PARENTHESIS.sub("", second).split()) > 1
                and not (initial and initial == first[:1] != second[:1])
                and (head not in _OFFICES or kind in _OFFICES)):
            return [first, *_kind_pair(second)]
    return [name]


def _kind(name: str) -> str | None:
    """The kind of organisation the first word of `name` names, folded ("fondation"), or None."""
    word = fold(name.split(" ", 1)[0]).strip(",.")
    return word if word in _KINDS_OF_ORGANISATION else None


def _rejoined(parts: list[str]) -> list[str]:
    """Comma-separated parts with those that go on with the name before them joined back to it: a part that
    starts with "de", "du", "des" or "d'" ("Ministère de la Solidarité, de l'Insertion sociale et de la
    Famille"), or with an article after a name that lists what it is for, the list ending with "et"
    ("Association … pour la Culture, le Développement et la Solidarité (ABCDS)"; but "Fondation pour le Progrès,
    l'Agence française de développement (AFD)" and "…, la GIZ" are two); no organisation's name starts so. A
    branch in lower case ("Médecins du Monde, délégation Tunisie") is the name's too: the branch's own name, and
    so is what a funder funds by ("Union européenne, via le Fonds …": a remark, see _remark_after)."""
    joined: list[str] = []
    portfolio = 0  # parts still to join to a ministry's name before them (see _portfolio)
    for at, part in enumerate(parts):
        head = part.lstrip()
        article = _ARTICLE_GOES_ON.match(head)
        if joined and not portfolio:
            portfolio = _portfolio(joined[-1], parts[at:])
        if joined and (_GOES_ON.match(head) or _AND_GOES_ON.match(head) or _BRANCH.match(head) or portfolio
                       or head[:1].islower() and any(means.match(" " + head) for means in _MEANS)
                       or article and " pour " in joined[-1] and " et " in head
                       and not _is_acronym(head[article.end():].split(" ", 1)[0])  # "…, la GIZ": one more
                       or joined[-1].rstrip().endswith(")") and lookup(head)):  # "(DDC), Suisse": its country
            joined[-1] += "," + part
            portfolio = max(portfolio - 1, 0)
        else:
            joined.append(part)
    return joined


# A ministry named in another language than French, whose portfolios a comma parts, the last after "y", "e",
# "and" or "und": "Ministerio de Inclusión, Seguridad Social y Migraciones" (French ones go on with "de", "des"…)
_MINISTRY = re.compile(r"(?:ministerio|ministero|ministry|ministerium|ministerie)\b", re.IGNORECASE)
_FOREIGN_KINDS = ("fundaci", "fondazion", "stiftung", "asociaci", "associazion", "verein", "federaci", "confederaci",
                  "cruz", "croce", "rotes", "caritas", "ayuntamiento", "comune", "universi", "agencia", "agenzia")
_LAST_PORTFOLIO = re.compile(r"\s(?:y|e|and|und|en)\s")


def _portfolio(name: str, after: list[str]) -> int:
    """How many of the parts `after` a name are its portfolios: for a ministry's name in another language, those
    up to the first that holds "y" (or "and"…), each starting with a capital and none with a word naming a kind
    of organisation or an acronym ("Ministry of Labour, Social Affairs and Family": two); 0 for any other name."""
    if not _MINISTRY.match(strip_article(name.strip())):
        return 0
    for count, part in enumerate(after, start=1):
        head = part.strip()
        first = fold(head.split(" ", 1)[0])
        if (not head[:1].isupper() or _kind(head) or first.startswith(_FOREIGN_KINDS)
                or _is_acronym(head.split(" ", 1)[0]) or "(" in head):
            return 0
        if _LAST_PORTFOLIO.search(head):
            return count
    return 0


def _known_pair(name: str) -> list[str]:
    """A name that is two names joined by "et" where one of them is an organisation the reference data knows
    ("L'Union européenne et la Coopération suisse"), as those two; any other, as it is."""
    for match in _AND.finditer(name):
        first, second = name[:match.start()], name[match.end():]
        if any(reference().organisation(_bare(side)) for side in (first, second)):
            return [first, second]
    return [name]


def _bare(name: str) -> str:
    """A name as the reference data labels organisations: no leading article, no acronym in parentheses."""
    return _PARENTHESIS.sub("", strip_article(collapse(name)))


# "X en partenariat avec Y et Z", a comma before it or not: X of the line's role, Y and Z its partners
_WITH = re.compile(r",?\s+(?:en\s+(?:partenariat|collaboration|consortium|coop[ée]ration|association)"
                   r"|in\s+(?:partnership|collaboration|consortium|cooperation))\s+(?:avec|with)\s+", re.IGNORECASE)
# A role line written as a sentence: "Le projet est mis en œuvre par X …", "Implemented jointly by X": X is named
_DONE_BY = re.compile(r"^(?:(?:le|ce)\s+projet\s+(?:est\s+)?|the\s+project\s+is\s+)?"
                      r"(?:mis\s+en\s+(?:\u0153|oe)uvre|r[ée]alis[ée]|port[ée]|coordonn[ée]|ex[ée]cut[ée]|pilot[ée]"
                      r"|men[ée]|implemented|carried\s+out|led|coordinated|run)\s+(?:conjointement\s+|jointly\s+)?"
                      r"(?:par|by)\s+", re.IGNORECASE)


def participations(value: str, role: Role, line: int, notes: list[tuple[int, str]]) -> list[Participation]:
    """Organisations named in one role line; "X par le biais de Y" makes Y the managing (extending) body, and "X en
    partenariat avec Y" (or "en collaboration", "en consortium avec") Y a partner. What names no organisation
    ("une dizaine d'associations locales", "3 universités") is left out, noted."""
    text = _DONE_BY.sub("", value.strip(), count=1)
    lower = text.lower()
    head, *others = _outside_brackets(text, _WITH) if "avec" in lower or "with" in lower else [text]
    participations = []
    for listed, listed_role in ((head, role), *((other, Role.PARTNER) for other in others)):
        for part in _split_list(listed):
            participations += _named(part, listed_role, line, notes)
    return participations


def _named(part: str, role: Role, line: int, notes: list[tuple[int, str]]) -> list[Participation]:
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
            if _is_acronym(before) and _initials_of(before, found["dashed"]):
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


def one_a_body(participations: list[Participation]) -> list[Participation]:
    """One participation for each organisation of a role where the page names it twice, in one role line or
    two ("Acted; Agency for Technical Cooperation and Development (ACTED)"): names that make one IRI, its acronym
    or its name as rdf.py mints it, or one organisation the reference data knows. The first place keeps it, with
    what the other names say (a name no label of it folds to is one more alternative label)."""
    kept: dict[tuple[Role, str], int] = {}
    merged: list[Participation] = []
    for participation in participations:
        body = participation.organisation
        known = reference().organisation(body.name, *body.alt_labels)
        key = (participation.role, str(known) if known else slug((body.alt_labels or (body.name,))[0]))
        if key not in kept:
            kept[key] = len(merged)
            merged.append(participation)
            continue
        first = merged[kept[key]].organisation
        main, other = (body, first) if body.alt_labels and not first.alt_labels else (first, body)
        labels = {fold(label) for label in (main.name, *main.alt_labels)}
        aliases = main.alt_labels + tuple(label for label in dict.fromkeys((other.name, *other.alt_labels))
                                          if fold(label) not in labels)
        organisation = replace(main, alt_labels=aliases, place=main.place or other.place)
        merged[kept[key]] = replace(merged[kept[key]], organisation=organisation)
    return merged


def without_countries(lines: list[tuple[int, list[Participation]]],
                      notes: list[tuple[int, str]]) -> list[Participation]:
    """The participations of a page's role lines, given as (line, its participations), a country in brackets after
    a name left out where it says where the organisation is (noted): after a name that names that country already
    ("Terre d'Asile Tunisie (Tunisie)", "Caritas Italiana (Italie)"), and after an acronym on a page that gives
    two organisations or more a country so ("CIES Onlus (Italie)", "ARCI (Italie)": an acronym is one
    organisation's). Elsewhere it stays in the name: "Caritas (Maroc)", "Médecins du Monde (Belgique)" name one
    member of a family, each its own organisation, and a ministry's country tells two countries' ministries
    apart; and so it does where the page gives one name two countries ("MdM (Belgique)", "MdM (France)")."""
    found = [(line, participation, _country_bracket(participation.organisation.name))
             for line, participations in lines for participation in participations]
    brackets = [bracket for _, _, bracket in found if bracket]
    countries: dict[str, set[str]] = {}  # the name before the bracket, folded -> the countries the page gives it
    for name, _, code in brackets:
        countries.setdefault(fold(name), set()).add(code)
    several = len({(fold(name), code) for name, _, code in brackets}) > 1
    kept = []
    for line, participation, bracket in found:
        if bracket and len(countries[fold(bracket[0])]) == 1 and (
                _names_country(*bracket) or several and _is_acronym(bracket[0])):
            name, country, _ = bracket
            notes.append((line, f'organisation "{excerpt(name, 60)}": "({country})" after it is the country it is in, '
                                "left out of the record"))
            participation = replace(participation, organisation=organisation(name, line, notes))  # "X (AX) (Maroc)"
        kept.append(participation)
    return kept


def _country_bracket(name: str) -> tuple[str, str, str] | None:
    """(the name before it, the country as written, its alpha-2 code) for a name that ends with a country in
    brackets ("CIES Onlus (Italie)"), else None."""
    if (match := _PARENTHESIS.search(name)) and (code := lookup(match[1])):
        return name[:match.start()].strip(), match[1].strip(), code
    return None


def _names_country(name: str, country: str, code: str) -> bool:
    """True when `name` names the country `country` (of code `code`) already: by a name of it ("Terre d'Asile
    Tunisie", "Terre des Hommes Pays-Bas") or, for a country of one word, by a word starting as it does, its
    first four letters at least ("Caritas Italiana" for Italie, "Croissant-Rouge tunisien" for Tunisie)."""
    words = name.split()
    if any(lookup(" ".join(words[start:end])) == code
           for start in range(len(words)) for end in range(start + 1, min(start + 4, len(words)) + 1)):
        return True
    folded = fold(country)
    return folded.isalpha() and len(folded) >= 4 and any(
        fold(word).startswith(folded[:4]) for part in words for word in part.split("-"))


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
            and not any(fold(word).strip(",.()") in _KINDS_OF_ORGANISATION for word in words)):
        return "it starts in lower case"
    return None


def organisation(text: str, line: int, notes: list[tuple[int, str]] | None = None) -> Organisation:
    """The organisation a name of a role line gives: its acronyms, where it is, a remark or a part of it in
    brackets left out ("Commission européenne (DG ECHO)": the Commission, its directorate-general noted)."""
    name, aliases, place = strip_article(_WEBSITE.sub("", collapse(text))), [], None  # "X (ATFD) – www.atfd.tn"
    branch = None  # "Association X (AX), section de Sfax": read as "Association X (AX)", then the branch after it
    if found := _BRANCH_AFTER.search(name):
        name, branch = name[:found.start()].strip(), found["branch"].strip()
    if name.count("(") != name.count(")"):
        raise PageError(f'organisation "{excerpt(text)}" opens a parenthesis it does not close',
                        "close it, e.g. Association X (AX); the page may be cut short", line=line)
    if match := _PARENTHESIS.search(name):
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
        elif _is_acronym(inner):  # "Association Tunisienne de Développement (ATD)"
            name = outer
            aliases.append(inner)
        elif " " not in inner and inner[:1].isupper() and _initials_of(inner, outer) and not lookup(inner):  # "Tdh"
            name = outer  # the initials of its words in mixed case ("Terre des hommes Lausanne (Tdh)"), no country
            aliases.append(inner)
        elif acronyms := _acronyms(inner):  # "(DFID, Royaume-Uni)", "(ASAM/SGDD)"
            name = outer
            aliases.extend(acronyms)
        elif _is_acronym(outer) and len(inner.split()) > 1:  # "FTDES (Forum Tunisien pour les Droits …)"
            name = inner
            aliases.append(outer)
        elif inner[:1].islower() or _SHARE.match(inner):  # a remark on the organisation: "Union européenne (chef
            name = outer  # de file du consortium)", "Union européenne (80 %)"
        # else what belongs to the name: "Caritas (Maroc)", "Terre des Hommes (Suisse)", "Amal (Djerba)"
    if (match := _DASH_NAME.match(name)) and _is_acronym(match["alias"]) and len(match["name"].split()) > 1:
        name = match["name"]  # "OIM – Organisation internationale pour les migrations"
        aliases.append(match["alias"])
    elif (match := _DASH_ALIAS.search(name)) and _is_acronym(match["alias"].split()[0]):  # "… – COSPE Onlus"
        aliases.append(match["alias"].strip())
        name = name[:match.start()].strip()
    if not name:
        raise PageError(f'organisation "{excerpt(text)}" has no name', "write the organisation's name", line=line)
    return Organisation(f"{name}, {branch}" if branch else name, tuple(aliases), place)


def _acronyms(inner: str) -> list[str]:
    """The acronyms words in brackets after a name give, with a remark after a comma ("DFID, Royaume-Uni") or
    two of them with a slash ("ASAM/SGDD"), or none."""
    head = inner.split(",", 1)[0].strip()
    if "," in inner and _is_acronym(head):
        return [head]
    acronyms = [part.strip() for part in inner.split("/")]
    return acronyms if len(acronyms) > 1 and all(_is_acronym(part) for part in acronyms) else []


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


def _is_acronym(text: str) -> bool:
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

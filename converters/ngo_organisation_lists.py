"""A role line's list of organisations on NGO pages parted into names: separators and words no name holds,
"et" between two names or inside one, spaced dashes, a ministry's portfolios, and one municipality a town after
"Municipalités de"."""

from __future__ import annotations

import re

from .countries import lookup
from .ngo_organisation_names import BRANCH, KINDS_OF_ORGANISATION, MEANS, PARENTHESIS, initials_of, is_acronym
from .reference import reference
from .textnorm import INCLUDING, collapse, fold, phrases, strip_article

# Words before a name that part it from the one before wherever they are (no name holds them), after a comma or
# not: "A ainsi que B", "plusieurs associations, notamment A", "A, y compris ses services sociaux"; they start the
# part after them, and go (see _LEADING)
_APART_WORDS = ("ainsi que", "as well as", *INCLUDING, "such as")
_APART = phrases(_APART_WORDS)
_APART_KEYS = tuple({max(w.split(), key=len) for words in _APART_WORDS for w in (words, fold(words))})  # found in a
# line that has one of them
# What parts names, and brackets: "A (DG ECHO) / B", "A | B"; and "A ainsi que B" (slower: asked of a line that may
# have such words only)
# bullets inside a line part names too: "• Association Amal        • Association Sanad", a PDF's two columns on one line
_LIST_MARKS = re.compile(r"[(),;|]|\s/\s|\s[•▪●■◦‣►▸➢]\s")
_LIST_MARKS_APART = re.compile(rf"[(),;|]|\s/\s|\s[•▪●■◦‣►▸➢]\s|\s+(?=(?:{_APART})\s)", re.IGNORECASE)
# What starts a part of a list and is no name's: "…, et la GIZ", "…, ainsi que le CRT", "…, notamment ATP+"
_LEADING = re.compile(rf"^\s*(?:(?-i:et|and)|&|{_APART})\s+", re.IGNORECASE)
_AND_GOES_ON = re.compile(r"et\s+(?=(?:de|du|des)\s|d['\u2019])")  # "…, de l'Insertion sociale, et de la Famille"
# "et" ("&", English "and") between two names where none goes on over it (see split_list); before a kind of
# organisation, see _kind_pair
_NAMES_AND = re.compile(r"(?<=\))\s+(?:et|&|and)\s+(?=\S)"
                        r"|\s+(?:et|&|and)\s+(?:(?:la|le|les|the)\s+|l['\u2019])?(?=[A-Z][A-Z0-9&-]+\s*\.?\s*$)")
_LIST_AND = re.compile(r"\s+(?:et|&|and)\s+")
_OFFICES = frozenset({"ministere", "ministry", "direction", "secretariat"})  # whose name goes on with a portfolio
_ETC = re.compile(r"^\s*(?:etc\.*|\.\.\.|\u2026)\s*$", re.IGNORECASE)  # "A, B, etc.": no organisation
_NUMBERED = re.compile(r"^\d{1,2}\s*[.)]\s+(?=\S)")  # "1. Université Mohammed V de Rabat"
_AND = re.compile(r"\s+(?:et|and)\s+")
_GOES_ON = re.compile(r"(?:de|du|des)\s|d['\u2019]")  # lower case only: see _rejoined
_ARTICLE_GOES_ON = re.compile(r"(?:le|la|les)\s+|l['\u2019]")
_SPACED_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")


def split_list(value: str) -> list[str]:
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
        if names and is_acronym(names[-1].strip()) and initials_of(names[-1].strip(), piece):
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
    return bool(name) and not _kind(name) and not is_acronym(name.split(" ", 1)[0]) and not _TOWNS.match(name)


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
        acronym = PARENTHESIS.search(second)
        initial = acronym[1][:1] if acronym and is_acronym(acronym[1]) else None
        kind, head = _kind(second), _kind(strip_article(first))
        if (kind and second[:1].isupper() and len(PARENTHESIS.sub("", second).split()) > 1
                and not (initial and initial == first[:1] != second[:1])
                and (head not in _OFFICES or kind in _OFFICES)):
            return [first, *_kind_pair(second)]
    return [name]


def _kind(name: str) -> str | None:
    """The kind of organisation the first word of `name` names, folded ("fondation"), or None."""
    word = fold(name.split(" ", 1)[0]).strip(",.")
    return word if word in KINDS_OF_ORGANISATION else None


def _rejoined(parts: list[str]) -> list[str]:
    """Comma-separated parts with those that go on with the name before them joined back to it: a part that
    starts with "de", "du", "des" or "d'" ("Ministère de la Solidarité, de l'Insertion sociale et de la
    Famille"), or with an article after a name that lists what it is for, the list ending with "et"
    ("Association … pour la Culture, le Développement et la Solidarité (ABCDS)"; but "Fondation pour le Progrès,
    l'Agence française de développement (AFD)" and "…, la GIZ" are two); no organisation's name starts so. A
    branch in lower case ("Médecins du Monde, délégation Tunisie") is the name's too: the branch's own name, and
    so is what a funder funds by ("Union européenne, via le Fonds …": a remark, see ngo_organisation_names)."""
    joined: list[str] = []
    portfolio = 0  # parts still to join to a ministry's name before them (see _portfolio)
    for at, part in enumerate(parts):
        head = part.lstrip()
        article = _ARTICLE_GOES_ON.match(head)
        if joined and not portfolio:
            portfolio = _portfolio(joined[-1], parts[at:])
        if joined and (_GOES_ON.match(head) or _AND_GOES_ON.match(head) or BRANCH.match(head) or portfolio
                       or head[:1].islower() and any(means.match(" " + head) for means in MEANS)
                       or article and " pour " in joined[-1] and " et " in head
                       and not is_acronym(head[article.end():].split(" ", 1)[0])  # "…, la GIZ": one more
                       or joined[-1].rstrip().endswith(")") and lookup(head)  # "(DDC), Suisse": its country
                       or _themes(joined[-1], head)):
            joined[-1] += "," + part
            portfolio = max(portfolio - 1, 0)
        else:
            joined.append(part)
    return joined


# The last of the themes an association's name lists: "Cultura e Cidadania" in "Associação Lusofonia, Cultura e
# Cidadania", "Développement et Solidarité" in "Association Culture, Développement et Solidarité"
_THEMES = re.compile(r"^(?P<first>[A-Z\u00c0-\u00de][\w'\u2019-]+)\s+(?:e|et|y|and|&)\s+"
                     r"(?P<last>[A-Z\u00c0-\u00de][\w'\u2019-]+)\s*\.?$")
_THEMES_WORDS = 3  # words at most in the name before them (its kind and one or two themes)
# How the names of themes end, folded, in the languages the pages write (abstract nouns: "Cidadania", "Cultura",
# "Solidarité", "Développement", "Education"); an organisation's own name rarely does ("Oxfam et Caritas")
_THEME_ENDINGS = ("ite", "idade", "idad", "ity", "tion", "cao", "cion", "zione", "ment", "mento", "miento", "ure",
                  "ura", "ance", "ancia", "ence", "encia", "isme", "ismo", "ism", "nia", "rie", "ria", "age", "agem")


def _themes(name: str, part: str) -> bool:
    """True for a part after a comma that goes on with the short name of an association before it, listing its
    themes ("Associação Lusofonia", "Cultura e Cidadania"): two words joined by "et" ("e", "y", "and"), both
    ending as names of themes do and neither an acronym, a kind of organisation, a country or an organisation the
    reference data knows, after a name of a few words starting with a kind of organisation and with no acronym
    ("Association Amal, Oxfam et Caritas" are three)."""
    words = name.split()
    if not (found := _THEMES.match(part)) or len(words) > _THEMES_WORDS or "(" in name or not words:
        return False
    if not (_kind(name) or fold(words[0]).startswith(("associa", *_FOREIGN_KINDS))) or is_acronym(words[-1]):
        return False
    return not any(is_acronym(word) or _kind(word) or lookup(word) or reference().organisation(word)
                   or not fold(word).endswith(_THEME_ENDINGS) for word in (found["first"], found["last"]))


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
                or is_acronym(head.split(" ", 1)[0]) or "(" in head):
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
    return PARENTHESIS.sub("", strip_article(collapse(name)))


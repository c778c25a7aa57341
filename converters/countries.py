"""Country lists: the alpha-2 codes of one country name or a list of them, however a page separates them."""

from __future__ import annotations

import re
from functools import cache

import pycountry

from .country_names import _LEADING_ARTICLE, LANGUAGES, _catalog, _gazetteer, _key, all_countries, country
from .errors import PageError
from .textnorm import INCLUDING, excerpt, fold, phrases

# Words that say the names after them are the list's too, or a part of it: "…, y compris le Zimbabwe", "…,
# notamment le Niger" (as "ainsi que" does), or, before what is no country, a remark on the list (see _remark).
_INCLUDING = phrases(INCLUDING)
# Words and marks that may stand between names in a list, matched in a key (see _key): "Chili." ends a list too;
# articles ("le Niger, la Mauritanie", "the Philippines"), "ainsi que", "etc." and a numbered list's "1." and "2)";
# "y compris" before the Spanish "y" ("Trinidad y Tabago"), which would leave "compris" a name.
_SEPARATORS = re.compile(r"(?:[\s,;/|&·•+]|[-.](?=\s|$)|\bl'|\b\d{1,2}[.)]"
                         rf"|\b(?:{_INCLUDING}|et|and|y|e|le|la|les|the|ainsi que|as well as|etc)\b)+")
_INCLUDING_WORDS = re.compile(rf"(?:^|(?<=[\s,;(]))(?:{_INCLUDING})\b")
# A remark in brackets after a name, holding at most one level of brackets: "Guatemala (pays chef de file)".
_REMARK = re.compile(r" ?\((?:[^()]|\([^()]*\))*\)")
_NO_ISO_CODE = ("somaliland", "chypre du nord", "northern cyprus")  # places pages name as countries, folded
MAX_LIST = 5000  # characters: the names of every country of the world, comma-separated, take fewer
# A list of ISO 3166-1 alpha-2 codes and nothing else, in capitals ("MA, TN, DZ", "MA / TN et DZ"): read as the
# countries they are when each is one; a code among names is not, since a word in capitals may be no code ("UE").
_CODE = r"[A-Z]{2}"
_CODE_LIST = re.compile(rf"{_CODE}(?:(?:\s*[,;/]\s*|\s+(?:et|and)\s+){_CODE})*")


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
    if codes := _codes(text, line):
        return codes
    if notes is not None:
        text = _without_groups(_without_open_end(text, line, notes), line, notes)
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
    if codes is None and re.fullmatch(_CODE, unknown := _unknown_words(text, folded, failure)) and (
            unknown in all_countries()):
        raise PageError(f'"{unknown}" is an ISO 3166 code among names of countries, and codes are read only in a list '
                        "of codes alone", f'write the country\'s name, e.g. {country(unknown).labels["fr"]}', line=line)
    if codes is None and _REGION.match(fold(unknown := _unknown_words(text, folded, failure))):
        raise PageError(f'"{excerpt(unknown)}" names a region or a group of countries, no country',
                        "list its countries by name (e.g. Sénégal, Mali, Niger): the dataset names each country by "
                        "its ISO 3166 code, and does not expand a region or group into its countries", line=line)
    if codes is None:
        raise PageError(f'unknown country "{excerpt(_unknown_words(text, folded, failure))}"',
                        "write the country's name as ISO 3166 or the UN spell it"
                        " (e.g. Argentine, Bolivie (État plurinational de))", line=line)
    return list(dict.fromkeys(codes))


# The words that end a list left open, after its last name: "…, Djibouti et d’autres", "… and others"
_OPEN_LIST = re.compile(r"(?:\s*,)?\s+(?:et|and)\s+(?:bien\s+)?(?:d['\u2019]\s?autres|autres|others?|many others|"
                        r"other countries|more)(?:\s+(?:pays|encore|countries))?\s*[.…]?\s*$", re.IGNORECASE)
# A region's name heading the countries after it in a list: "Afrique : Maroc, Tunisie ; Asie : Népal"
_GROUP_HEAD = re.compile(r"(?:^|(?<=[;|]))\s*(?P<head>[^:;,|()]{2,40}?)\s*:\s*(?=\S)")


def _without_open_end(text: str, line: int | None, notes: list[tuple[int | None, str]]) -> str:
    """The list without the words that leave it open ("et d’autres"), noted: only the countries it names are read."""
    found = _OPEN_LIST.search(text)
    if found is None or not text[:found.start()].strip():
        return text
    notes.append((line, f'the country list ends "{excerpt(found[0].strip(" ,"))}": only the countries it names are '
                        "read; the others are left out of the record"))
    return text[:found.start()]


def _without_groups(text: str, line: int | None, notes: list[tuple[int | None, str]]) -> str:
    """The list without the names of regions heading its countries ("Afrique : Maroc, Tunisie ; Asie : Népal"),
    noted: the countries are read, the grouping is left out."""
    heads = [found for found in _GROUP_HEAD.finditer(text)
             if _region_name(fold(found["head"])) and lookup(found["head"]) is None]
    if not heads:
        return text
    for found in reversed(heads):
        text = f"{text[:found.start()]} {text[found.end():]}"
    named = ", ".join(f'"{found["head"].strip()}"' for found in heads)
    notes.append((line, f"the countries are grouped under {named}: the countries are read, the grouping is left out "
                        "of the record"))
    return text


def _region_name(folded: str) -> bool:
    """True for a region's name, in the singular or the plural ("Amériques")."""
    return bool(_REGION.match(folded) or folded.endswith("s") and _REGION.match(folded[:-1]))


def _codes(text: str, line: int | None) -> list[str] | None:
    """The countries of a list of ISO 3166-1 alpha-2 codes alone, in capitals ("MA, TN, DZ"), or None for any other
    text; a code of no country in such a list is an error naming it."""
    if not _CODE_LIST.fullmatch(text := text.strip().rstrip(".")):
        return None
    codes = re.findall(_CODE, text)
    if unknown := [code for code in codes if code not in all_countries()]:
        if len(codes) == 1 or any(lookup(code) for code in unknown):  # "UK", "UK, FR": a name in capitals
            return None
        raise PageError(f'"{unknown[0]}" in the list of ISO 3166 codes "{excerpt(text)}" is the code of no country',
                        "write each country's name, or its ISO 3166-1 alpha-2 code (MA, TN, DZ)", line=line)
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
    for stop in range(index + 1, min(len(words), index + 12) + 1):
        name = text[words[index].start():words[stop - 1].end()]
        if stop == len(words) or name.endswith((",", ";")) or "\n" in text[words[stop - 1].end():words[stop].start()]:
            return name.strip(",;")
        if name.count("(") > name.count(")"):  # "Afrique de l’Ouest (15 pays de la CEDEAO)": to its bracket's end
            continue
        if stop - index >= 6:
            break
        if not _OPEN_END.search(fold(name)) and is_country_list(text[words[stop].start():]):
            return name
    return words[index][0].strip(",;") if index < len(words) else ""


# The words a region or a group of countries starts with, in French and English: "Afrique de l'Ouest (15 pays de la
# CEDEAO)", "Amérique centrale", "pays du Sahel", "West Africa", "ECOWAS countries"; what no country's name starts with.
_REGION = re.compile(r"(?:(?:l'|la |le |les )?(?:afrique|amerique|asie|europe|oceanie|moyen orient|proche orient|"
                     r"maghreb|machrek|sahel|caraibes|balkans|pacifique|corne de l'afrique|pays (?:du|de|des|d')|"
                     r"region|sous region|cedeao|ecowas|uemoa|cemac|ceeac|sadc|igad|asean|caricom)"
                     r"|(?:the )?(?:west|east|north|south|central|southern|northern|western|eastern) "
                     r"(?:africa|america|asia|europe)|(?:africa|asia|europe|oceania|latin america|middle east|"
                     r"caribbean|sahel|balkans|pacific)|countries of)\b")


# The end of words that a country's name does not end with: an article, "de", "of".
_OPEN_END = re.compile(r"(?:^|[ '])(?:de|du|des|d'|l'|la|le|les|of|the|del|el)$")

"""Organisations in the role lines of NGO pages: a line read as a sentence or a list, one participation per
organisation, and a page's participations reconciled (one per body, a country in brackets left out)."""

from __future__ import annotations

import re
from dataclasses import replace

from .countries import lookup
from .ngo_organisation_lists import split_list
from .ngo_organisation_names import PARENTHESIS, is_acronym, name_participations, organisation
from .records import Participation, Role
from .reference import reference
from .textnorm import excerpt, fold, outside_brackets, slug

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
    head, *others = outside_brackets(text, _WITH) if "avec" in lower or "with" in lower else [text]
    participations = []
    for listed, listed_role in ((head, role), *((other, Role.PARTNER) for other in others)):
        for part in split_list(listed):
            participations += name_participations(part, listed_role, line, notes)
    return participations


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
                _names_country(*bracket) or several and is_acronym(bracket[0])):
            name, country, _ = bracket
            notes.append((line, f'organisation "{excerpt(name, 60)}": "({country})" after it is the country it is in, '
                                "left out of the record"))
            participation = replace(participation, organisation=organisation(name, line, notes))  # "X (AX) (Maroc)"
        kept.append(participation)
    return kept


def _country_bracket(name: str) -> tuple[str, str, str] | None:
    """(the name before it, the country as written, its alpha-2 code) for a name that ends with a country in
    brackets ("CIES Onlus (Italie)"), else None."""
    if (match := PARENTHESIS.search(name)) and (code := lookup(match[1])):
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


"""NGO project pages of the Euromed network: headed lists, "Label : value" lines, partners by role."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from .countries import is_subdivision_name, known_area, lies_in, lookup, split_countries, subdivision
from .errors import PageError
from .language import guess_language
from .navigation import is_site_text, without_footer
from .pagelines import Line, label_key, page_lines
from .records import (
    Activity,
    Contact,
    Country,
    ExpectedResult,
    Organisation,
    Participation,
    Place,
    Project,
    Role,
    Source,
    Subdivision,
    no_value_note,
    unread,
)
from .reference import reference
from .textnorm import collapse, excerpt, fold, slug, strip_article
from .values import no_value, parse_duration_months, parse_money, parse_period

NAME = "euromed-ngo"
RECOGNISED_BY = ("three of the network's headings and labels (Objectif général, Résultats attendus, Réalisé par :, "
                 "Zone d'intervention :…), one a heading or the link Retour vers les projets")

# Headings that open a list section, folded -> section name.
SECTIONS = {
    "duree du projet": "period", "objectif general": "general", "objectifs generaux": "general",
    "objectifs specifiques": "specific", "objectif specifique": "specific",
    "resultats attendus": "results", "les principales activites": "activities",
    "principales activites": "activities", "activites": "activities",
    "regions beneficiaires": "regions",
}
# "Label : value" lines, folded label -> field or role.
LABELLED = {
    "zone d'intervention": "zone", "zones d'intervention": "zone", "contact": "contact",
    **dict.fromkeys(("duree du projet", "periode", "periode du projet", "periode de mise en oeuvre",
                     "periode d'execution", "dates du projet", "calendrier"), "period"),
    **dict.fromkeys(("titre", "titre du projet", "intitule", "intitule du projet", "nom du projet"), "title"),
    "finance par": Role.FUNDER, "cofinance par": Role.CO_FUNDER, "co-finance par": Role.CO_FUNDER,
    "realise par": Role.IMPLEMENTER, "mis en oeuvre par": Role.IMPLEMENTER,
    "partenaires strategiques": Role.STRATEGIC_PARTNER, "partenaire strategique": Role.STRATEGIC_PARTNER,
    "autres partenaires": Role.PARTNER, "partenaires": Role.PARTNER,
    # other wordings of the same roles that NGO pages use
    **dict.fromkeys(("bailleur", "bailleurs", "bailleur(s)", "bailleur de fonds", "bailleurs de fonds",
                     "bailleur(s) de fonds", "partenaire financier", "partenaires financiers", "soutenu par",
                     "avec le soutien de", "avec le soutien financier de", "financement", "financeur",
                     "financeurs", "finance avec le soutien de"), Role.FUNDER),
    **dict.fromkeys(("porte par", "porteur", "porteur du projet", "porteur de projet", "chef de file",
                     "partenaire chef de file", "chef de file du projet", "coordonne par", "organisation porteuse",
                     "association porteuse", "partenaire de mise en oeuvre", "partenaires de mise en oeuvre",
                     "partenaire(s) de mise en oeuvre"), Role.IMPLEMENTER),
    **dict.fromkeys(("partenaire", "partenaire(s)", "partenaire technique", "partenaires techniques",
                     "partenaire(s) technique(s)", "en partenariat avec", "organisations partenaires",
                     "organisation(s) partenaire(s)", "partenaires associes", "partenaire local",
                     "partenaires locaux", "partenaire(s) local(aux)", "partenaires techniques et financiers",
                     "partenaire technique et financier", "ptf"), Role.PARTNER),
}
# Other "Label : value" lines these pages may have, read as the record's fields but no mark of the network's
# pages (the other families write budgets too), folded label -> field.
_OTHER_FIELDS = {
    "budget": "budget", "budget total": "budget", "budget du projet": "budget", "cout total": "budget",
    "cout du projet": "budget", "cout total du projet": "budget", "montant": "budget", "montant total": "budget",
    "montant du projet": "budget", "montant du financement": "budget",
}
FIELD_LABELS = frozenset(LABELLED) | frozenset(_OTHER_FIELDS)  # labels a value follows (see iom_idf)
_LABEL = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<value>\S.*)$")
_ROLE_ORDER = list(Role)
# Starting with the words (not with spaces) lets the regex engine skip ahead to them on a long line.
_BACK_LINK = re.compile(r"retour vers les projets\s*$", re.IGNORECASE)
# The link back to another list of the site's pages than the projects' (a news article's): "Retour vers les
# actualités"; and the titles of its pages that are no project's, folded (a job offer's, written as a project page).
_OTHER_LINK = re.compile(r"retour vers (?:les |la |le |l['\u2019])?(?P<to>\w+)\s*$", re.IGNORECASE)
_NOT_A_PROJECT = re.compile(r"(?:offres? d'emploi|offres? de stage|avis de recrutement|vacance de poste"
                            r"|postes? a pourvoir)\b")
_THROUGH = re.compile(r"\s+(?:par le biais d(?:u|e la|e l'|es|e)|par l'intermediaire d(?:u|e la|e l'|es|e)|via)\s+",
                      re.IGNORECASE)
# What a funder funds by, after its name: a remark, no part of it ("Union européenne dans le cadre du programme
# ProGreS Migration", "… au titre du Fonds fiduciaire d'urgence (FFU)", "… via le programme X")
_FRAMEWORK = re.compile(r"\s+(?:dans\s+le\s+cadre|au\s+titre)\s+(?:d[eu]s?\b|d['\u2019]).*$"
                        r"|\s+(?:via|[aà]\s+travers|par\s+le\s+biais\s+d(?:u|e\s+la|e\s+l['\u2019]|es|e))\s+"
                        r"(?:(?:le|la|les|l['\u2019]|son|sa|ses)\s*)?"
                        r"(?:programmes?|projets?|fonds|initiatives?|instruments?|facilit[ée]s?|m[ée]canismes?)\b.*$",
                        re.IGNORECASE)
_LIST_MARKS = re.compile(r"[(),;|]|\s/\s")  # what parts names, and brackets: "A (DG ECHO) / B", "A | B"
# "et" or "&" between two names where none goes on over it (see _split_list); before a kind of organisation, see
# _kind_pair
_NAMES_AND = re.compile(r"(?<=\))\s+(?:et|&)\s+(?=\S)"
                        r"|\s+(?:et|&)\s+(?:(?:la|le|les)\s+|l['\u2019])?(?=[A-Z][A-Z0-9&-]+\s*\.?\s*$)")
_LIST_AND = re.compile(r"\s+(?:et|&)\s+")
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
_AND = re.compile(r"\s+et\s+")
_GOES_ON = re.compile(r"(?:de|du|des)\s|d['\u2019]")  # lower case only: see _rejoined
_ARTICLE_GOES_ON = re.compile(r"(?:le|la|les)\s+|l['\u2019]")
# A branch of the organisation named before it, after a comma and in lower case: "…, section de Sfax", "…,
# délégation Tunisie", "…, comité local de Sfax" (see _rejoined)
_BRANCH_WORDS = (r"(?:sous-)?section|d[ée]l[ée]gation|comit[ée]|bureau|antenne|branche|mission|repr[ée]sentation"
                 r"|chapitre|cellule|coordination|division|succursale|filiale")
_BRANCH = re.compile(rf"(?:{_BRANCH_WORDS})\b")
_BRANCH_AFTER = re.compile(rf",\s*(?P<branch>(?:{_BRANCH_WORDS})\b[^()]*)$")
_ACRONYM_MARKS = frozenset("&.'\u2019-")  # what an acronym may hold besides letters and figures ("M&D")
_DASH_NAME = re.compile(r"^(?P<alias>\S+)\s+[-\u2013\u2014]\s+(?P<name>[A-Z\u00c0-\u00dd].+)$")  # "OIM – Organisation"
_WEBSITE = re.compile(r"\s+(?:[-\u2013\u2014:]\s+)?(?:https?://|www\.)\S+$", re.IGNORECASE)  # after a name
_SHARE = re.compile(r"\d[\d\s.,]*%")  # a share of the funding in brackets: "(80 %)"
_DASH_ALIAS = re.compile(r"\s+[-\u2013\u2014]\s+(?P<alias>[^-\u2013\u2014]{2,40})$")
# French words for kinds of subdivision -> the type pycountry gives them.
_KINDS = {"gouvernorat": "Governorate", "governorate": "Governorate", "province": "Province",
          "region": "Region", "departement": "Department", "wilaya": "Province", "prefecture": "Prefecture",
          "district": "District", "county": "County", "etat": "State", "state": "State"}
_OF = r"(?:de la |de l'|du |des |de |d')?"
_ADMIN_AREA = re.compile(rf"^(?P<kind>{'|'.join(_KINDS)})s?\s+{_OF}(?P<name>.+)$")  # "gouvernorat de sfax", folded
_ADMIN_AREAS = re.compile(rf"^(?P<kind>{'|'.join(_KINDS)})s\s+{_OF}")  # "gouvernorats de …": one kind for a list
# What links a name of a list to the list's kind ("Gouvernorats de Tunis et de l'Ariana"), lower case only
# A zone that is the whole of a country, folded: "Tout le territoire national", "National", "À l'échelle nationale",
# "Tunisie (ensemble du territoire)", "Tunisie - niveau national", "Toute la Tunisie"
_WHOLE = (r"(?:(?:sur\s+)?(?:tout(?:e|es)?|(?:l')?ensemble)\s+(?:(?:du|de\s+la|de\s+l'|le|la|l')\s*)?"
          r"(?:territoire|pays)(?:\s+nationale?)?|(?:au\s+|a\s+l'|a\s+)?(?:niveau|echelle)\s+nationale?|nationale?|territoire\s+national"
          r"|nationwide|countrywide|(?:the\s+)?whole\s+country)")
_WHOLE_COUNTRY = re.compile(rf"{_WHOLE}|(?P<country>[^()]+?)\s*(?:\(\s*{_WHOLE}\s*\)|[-:,]\s*{_WHOLE})"
                            r"|(?:tout(?:e|es)?|(?:l')?ensemble)\s+(?:(?:du|de\s+la|de\s+l'|le|la|l'|des)\s*)?(?P<all>.+)")
_GROUPS = re.compile(r"\s*;\s*")  # the groups of a zone (see _zone_names)
_NAMES = re.compile(r"\s*,\s*|\s+et\s+|\s+and\s+|\s*/\s*")  # the names of a group
_WITHIN = re.compile(r"^(?P<country>[^:()]+?)\s*:\s*(?P<names>\S.*)$")  # "Maroc : Rabat, Casablanca"
_INNER = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inner>[^()]+)\)$")  # "Égypte (Le Caire, Gizeh)"
# A name of a zone that refers back to the one before it, folded: "sa banlieue", "ses environs", "leur région".
_BACK_REFERENCE = re.compile(r"(?:sa|son|ses|leurs?) ")
# Generic words before the area they are in, which are no name of a place: "camps de la Békaa", "quartiers de
# Tunis", "zones rurales de Sfax", "banlieue de Beyrouth".
_GENERIC_AREA = re.compile(r"^(?:(?:les|des) )?(?:camps?(?: de r[ée]fugi[ée]s)?|quartiers?|villages?|localit[ée]s?"
                           r"|banlieues?|environs|p[ée]riph[ée]rie|alentours|zones? (?:rurales?|urbaines?))"
                           r" (?=(?:de la |de l['\u2019]|du |des |de |d['\u2019]))", re.IGNORECASE)
_PARTICLE = re.compile(r"^(?:de la |de l['\u2019]|du |des |de |d['\u2019])")
_MUNICIPALITY = re.compile(r"^(?:(?:communes?|municipalit[ée]s?)(?:\s+(?:urbaines?|rurales?))?"
                           r"|villes?|mairies?|municipalit(?:y|ies)|cit(?:y|ies))\s+(?:du |des |de |d['\u2019]|of )?",
                           re.IGNORECASE)
# A length before the dates of a period, folded: "36 mois a partir de mars 2020", "18 mois, de juillet 2021 a …"
_LEADING_DURATION = re.compile(r"(?P<duration>\d+(?:[.,]5)?\s*(?:mois|ans?|annees?)(?:\s+et\s+(?:\d+\s+mois|demi))?)"
                               r"\s*(?:[,:;(\u2013-]\s*|(?:a partir|a compter)\s+(?:de|du|d')\s*)?(?=.*\d{4})")
_RESULT = re.compile(r"^(?:R\s?|r[ée]sultat\s+(?:n[°o]\s*)?)(?P<number>\d+)\s*[:.)\-]?\s*(?P<text>.+)$",
                     re.IGNORECASE)  # "R1 …", "Résultat 1 : …"
_REGIONS = re.compile(r"^(?P<names>.+?)(?:\s+et\s+(?P<more>\d+)\s+autres?(?:\(s\))?\s+r[eé]gions?)?$",
                      re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\b(?P<label>t[ée]l(?:[ée]phone)?\.?(?:\s*/\s*fax)?|fax)\s*:?\s*"
                    r"(?P<number>(?:\(\+?\d{1,4}\)\s*|\+)?\d[\d\s().-]{5,}\d)",
                    re.IGNORECASE)


_WEBSITE_IN = re.compile(r"(?:https?://|www\.)[^\s,;]+[^\s,;.)\]]", re.IGNORECASE)
# What parts a contact line's address, its unlabelled telephone and a person (e-mail addresses, websites and
# labelled numbers taken out and left as "\0")
_CONTACT_PARTS = re.compile(r"\0|\s+[-\u2013\u2014]\s+|\s*[;|]\s*|\s+/\s+")
_AROUND = " .,:;-\u2013\u2014"  # what a part of a contact line is stripped of
_BARE_PHONE = re.compile(r"(?:\(\+\d{1,4}\)|\+)?[\d\s().-]+")  # "+216 71 …", "(+216) 73 …"
# A part of a contact line that is only the label of a part taken out, folded: "Email :", "(site :"
_PART_LABEL = re.compile(r"[(\[]?\s*(?:e-?mail|courriel|mail|site(?: web| internet)?|web|website|internet|tel|"
                         r"telephone|fax|adresse|address)?\s*:?\s*[)\]]?")
_PHONE_DIGITS = 8  # figures at least in a telephone number without a label ("1000 Tunis" is a postcode)
_ADDRESS_LABEL = re.compile(r"^(?:adresse|address)\s*:\s*", re.IGNORECASE)
# A person, folded: a title before a name ("Mme Leila Ben Ali") or a position after one ("…, coordinatrice")
_PERSON = re.compile(r"^(?:(?:m|mme|mlle|mr|mrs|ms|dr|pr)\.?|madame|monsieur|docteur)\s"
                     r"|,\s*(?:coordinat(?:eur|rice|or)|directeur|directrice|director|responsable|chargee?|presidente?"
                     r"|chef|manager|officer)\b")


def detect(text: str) -> bool:
    """True for a page with three kinds of the network's marks at least, one of them a section heading or the
    "back to the projects" link: its headings, and its "Label : value" lines (each role, the zone, the contact).
    A project with a general objective and its partners but no other list is one of the network's pages too. The
    site's other pages, written with the same headings and labels, are none (see not_a_project)."""
    lines = page_lines(text)
    if _other_page(lines):
        return False
    found: set[object] = {SECTIONS[key] for line in lines if (key := line.label) in SECTIONS}
    if len(found) >= 3:  # most of the network's pages, told in one pass
        return True
    if any(_back_link(line.text) for line in lines):
        found.add("back link")
    if not found:  # the other families' pages
        return False
    found.update(labelled[0] for line in lines if ":" in line.text and (labelled := _labelled(line)))
    return len(found) >= 3


def not_a_project(text: str) -> PageError | None:
    """Why a page of the network's site written as its project pages are is none (no converter recognises it): a
    news article ("… Retour vers les actualités"), a job offer ("Offre d'emploi – Chargé(e) de projet …")."""
    found = _other_page(page_lines(text))
    if found is None:
        return None
    line, what = found
    return PageError(f'no converter recognises this page: its title {what} ("{excerpt(line.text, 60)}"); it is '
                     "no project page",
                     "give the page of a project (its title ends with the link Retour vers les projets)",
                     line=line.number)


def _other_page(lines: list[Line]) -> tuple[Line, str] | None:
    """The line that tells the page is another of the site's pages, and what it says; None for a project's."""
    for line in lines:
        end = line.text[-40:]
        if "etour vers" in end or "ETOUR VERS" in end:
            if (link := _OTHER_LINK.search(end)) and not _back_link(line.text):
                return line, f'links back to "{link["to"]}", not to the projects'
            if _back_link(line.text) and _NOT_A_PROJECT.match(fold(line.text)):
                return line, "is a job offer's"
    return None


def _check_one_page(lines: list[Line]) -> None:
    """PageError when the page has two titles with the "back to the projects" link: two project pages (or a list
    of projects) in one file would be read as one project, with the objectives, areas and partners of all."""
    titles = [line for line in lines if _back_link(line.text)]
    if len(titles) > 1:
        second = titles[1]
        raise PageError(f'a second project page starts on line {second.number} ("{excerpt(second.text, 50)}"), '
                        f"after the one of line {titles[0].number}: the file holds {len(titles)} project titles",
                        "give one page per file", line=second.number)


def parse(text: str, source: Source) -> Project:
    """Read one NGO page into a Project."""
    _check_one_page(page_lines(text))
    lines = without_footer(page_lines(text), lambda line: line.label in SECTIONS or bool(_labelled(line)))
    title = _title(lines)
    sections, labelled = _read(lines)
    project = Project(source=source, language="fr", title=title)
    # Participations are numbered by role (funders first), so the order of the role lines does not matter.
    for role, value, line in sorted(labelled.get("roles", []), key=lambda entry: _ROLE_ORDER.index(entry[0])):
        project.participations.extend(_participations(value, role, line, project.notes))
    project.participations = _one_a_body(project.participations)
    places = _known_places(project.participations)
    _period(project, sections.get("period", []))
    for value, line in labelled.get("budget", []):
        project.budget = parse_money(value, None, line, project.notes)
        project.lines["budget"] = line
    project.notes.extend((line, unread(f'"{excerpt(text, 60)}"', NAME)) for text, line in labelled.get("unread", []))
    project.notes.extend((line, no_value_note(label, value)) for label, value, line in labelled.get("empty", []))
    project.general_objectives = [_item(line.text) for line in sections.get("general", [])]
    project.specific_objectives = [_item(line.text) for line in sections.get("specific", [])]
    project.expected_results = _results(sections.get("results", []))
    project.activities = [_activity(line.text) for line in sections.get("activities", [])]
    country = _country_of(places)
    zones, regions = labelled.get("zone", []), sections.get("regions", [])
    inferred = country is None  # the partners locate nothing: the page's country is the one of its areas, if any
    if inferred:
        country = _country_named(zones, regions, places)
    for value, line in zones:
        areas = _zone(value, places, country, line, project.notes)
        project.intervention_areas.extend(areas)
        project.notes.extend((line, f'"{excerpt(area.name)}" is no region the page or ISO 3166-2 locates: taken as a '
                                    f"place of {area.country}, the country of the page's other areas")
                             for area in areas if inferred and isinstance(area, Place) and area.subdivision is None)
    for line in regions:
        _regions(project, line, country)
    for value, line in labelled.get("contact", []):
        project.contact, left = _contact(value)
        project.notes.extend((line, f'contact "{excerpt(value, 60)}": {part} left out of the record (a contact point '
                                    "holds one address, telephone, fax and e-mail address)") for part in left)
    texts = [title or "", *project.general_objectives, *project.specific_objectives]
    project.language = guess_language(" ".join(texts))
    first = {"participations": min((line for _, _, line in labelled.get("roles", [])), default=None),
             "intervention_areas": next((line for _, line in labelled.get("zone", [])), None),
             "contact": next((line for _, line in labelled.get("contact", [])), None)}
    for field, section in (("start", "period"), ("end", "period"), ("duration_months", "period"),
                           ("beneficiary_regions", "regions")):
        first[field] = sections[section][0].number if sections.get(section) else None
    project.lines.update((field, line) for field, line in first.items() if line is not None)
    return project


def _back_link(text: str) -> bool:
    """True for a line ending with the "back to the projects" link. Searched in the line's end only, and only when
    it ends like the link: a case-blind search through a description's kilobytes took ~17 µs a line."""
    end = text.rstrip()[-len("retour vers les projets"):]
    return end[-1:] in ("s", "S") and bool(_BACK_LINK.search(end))


def _title(lines: list[Line]) -> str | None:
    """The line carrying the "back to the projects" link names the project; else the first non-navigation line."""
    for line in lines:
        if _back_link(line.text) and (title := _BACK_LINK.sub("", line.text).strip()):
            return title
    for line in lines:
        if (labelled := _labelled(line)) and labelled[0] == "title":  # "Titre du projet : …"
            return labelled[1]
    for line in lines:
        key = line.label
        if key in SECTIONS or key in LABELLED or _labelled(line):
            return None
        if line.text and not is_site_text(line):
            return line.text
    return None


def _labelled(line: Line) -> tuple[object, str] | None:
    label, sep, value = line.text.partition(":")
    target = LABELLED.get(label_key(label)) if sep else None
    return (target, value.strip()) if target and value.strip() else None


def _read(lines: list[Line]) -> tuple[dict[str, list[Line]], dict[str, list]]:
    """Sections (heading -> lines) and labelled values (field -> [(value, line)], roles -> [(role, value, line)])."""
    sections: dict[str, list[Line]] = {}
    labelled: dict[str, list] = {}
    # "Partenaires :" with one organisation a line under it, or "Partenaires : X" with more on the lines right
    # under it (then the role line's entry, which they follow)
    role_lists: list[tuple[Role, list[Line], tuple | None]] = []
    unread: list[Line] = []  # a heading of what the family does not read ending a list of names, and its lines
    contact_lists: list[tuple[int, list[Line]]] = []  # "Contact :" alone or a "Contact" heading, and its lines
    current = None
    for line in lines:
        key = line.label
        if line.blank and (role_lists and current is role_lists[-1][1] and role_lists[-1][2] or current is unread):
            current = None  # a blank line ends the names going on from a role line
        in_contact = bool(contact_lists) and current is contact_lists[-1][1]
        if in_contact and (line.blank and current or len(line.text.split()) > _NAME_WORDS):
            current = None  # a blank line after its lines, or a sentence, ends a contact's lines
        among_activities = current is not None and current is sections.get("activities")
        match = _LABEL.match(line.text) if among_activities else None
        if match and _field_among_activities(match):
            field = _OTHER_FIELDS.get(label_key(match["label"]) or "")  # "Budget : 250 000 €" among activities:
            if field:  # the budget, and the activities go on
                labelled.setdefault(field, []).append((match["value"].strip(), line.number))
                continue
        elif match and label_key(match["label"]) not in SECTIONS:  # "Financement : octroi de 20 subventions …":
            current.append(line)  # an activity; "Régions bénéficiaires : Ariana" opens its own list
            continue
        organisations = current is not None and any(current is items for _, items, _ in role_lists)
        if current is not None and line.text and _ends_list(current, line, sections.get("period"), organisations):
            current = None
            if organisations and key in _UNREAD_HEADINGS:  # "Partenaires : X", "GADEM", then "Bénéficiaires" and
                current = unread  # what it says: no partners, noted
                unread.append(line)
                continue
        if isinstance(role := LABELLED.get(key or ""), Role):  # "Partenaires :" alone: its list follows
            current = []
            role_lists.append((role, current, None))
            continue
        if LABELLED.get(key or "") == "contact":  # "Contact :" alone, or a "Contact" heading: its parts follow
            current = []
            contact_lists.append((line.number, current))
            continue
        if key in SECTIONS:
            current = sections.setdefault(SECTIONS[key], [])
            continue
        if key is None and (inline := _inline_heading(line)):  # "Objectif général : Promouvoir …"
            heading, first = inline
            current = sections.setdefault(heading, [])
            current.append(first)
            continue
        if _back_link(line.text) or is_site_text(line):  # the site's own links close a section
            current = None
            continue
        if found := _labelled(line):
            target, value = found
            if no_value(value):  # "Cofinancé par : N/A": no organisation of that name
                labelled.setdefault("empty", []).append((line.text.partition(":")[0].strip(), value, line.number))
                continue
            current = sections.setdefault("period", []) if target == "period" else None
            if target == "period":
                current.append(Line.of(line.number, value, line.indent))
            elif isinstance(target, Role):
                entry = (target, value, line.number)
                labelled.setdefault("roles", []).append(entry)
                current = []  # "Partenaires : Réseau Euromed France (REF)", then one more a line, no blank between
                role_lists.append((target, current, entry))
            else:
                labelled.setdefault(target, []).append((value, line.number))
            continue
        if current is not None and line.text:
            current.append(line)
        elif current is None and (match := _LABEL.match(line.text)):  # a field outside any list
            field = _OTHER_FIELDS.get(label_key(match["label"]) or "")
            if field and no_value(match["value"]):
                labelled.setdefault("empty", []).append((match["label"].strip(), match["value"].strip(), line.number))
            elif field:
                labelled.setdefault(field, []).append((match["value"].strip(), line.number))
            else:
                labelled.setdefault("unread", []).append((line.text, line.number))
    if unread:
        labelled.setdefault("unread", []).extend((line.text, line.number) for line in unread)
    for number, items in contact_lists:  # one contact line, its parts told apart as a line's are
        if items:
            labelled.setdefault("contact", []).append((" \u2013 ".join(item.text for item in items), number))
    roles = labelled.setdefault("roles", [])
    for role, items, after in role_lists:
        at = roles.index(after) + 1 if after else len(roles)
        roles[at:at] = [(role, item.text, item.number) for item in items]
    return sections, labelled


def _field_among_activities(match: re.Match) -> bool:
    """True for a "Label : value" line among the activities that is a field, not an activity "Title : text": a
    budget of a few words ("Budget : 250 000 €"), or another label the family reads whose value is not a phrase
    of text ("Zone d'intervention : Municipalités de …", but "Financement : octroi de vingt subventions …")."""
    key, value = label_key(match["label"]) or "", match["value"].strip()
    if key in _OTHER_FIELDS:
        return len(value.split()) <= _AMOUNT_WORDS
    return key in LABELLED and not (value[:1].islower() and len(value.split()) > _NAMED_WORDS
                                    and not _YEAR.search(value))


_AMOUNT_WORDS = 6  # words at most in a budget among the activities ("1 250 000 €"; an activity's text has more)
_NAMED_WORDS = 3  # words at most in a field's value that starts in lower case ("contact@…"; "octroi de …" is text)
_YEAR = re.compile(r"\b\d{4}\b")  # a period's value has one ("janvier 2019 - décembre 2021")
# Headings of what these pages may say that the family reads into no field, folded: one under a role line's names
# ends them ("Partenaires : Caritas Maroc", "GADEM", "Bénéficiaires", "500 migrants …")
_UNREAD_HEADINGS = frozenset({
    "beneficiaires", "beneficiaires directs", "beneficiaires indirects", "beneficiaires du projet", "public cible",
    "publics cibles", "public(s) cible(s)", "groupe cible", "groupes cibles", "population cible", "cibles",
    "contexte", "contexte du projet", "description", "description du projet", "presentation",
    "presentation du projet", "justification", "thematique", "thematiques", "themes", "documents", "liens",
    "en savoir plus", "a propos", "actualites",
})
_NAME_WORDS = 15  # words at most in an organisation's name, acronym and place included
_SENTENCE_WORDS = 5  # a line of more words that ends with a full stop is a sentence


def _ends_list(items: list[Line], line: Line, period: list[Line] | None, organisations: bool) -> bool:
    """True when a line closes the open list rather than being one of its items: a "Label : value" line of a
    field these pages have ("Budget : …"), any label after the period (which holds one value), a label that is
    no list item after items that are ("• Objectif…" then "Pays : Maroc"; an activity "Title : text" among
    activities stays one), and after a list of `organisations` ("Partenaires :" then "• …"), a line that is
    not one of them."""
    after_bullets = bool(items) and all(item.bulleted for item in items) and not line.bulleted
    match = _LABEL.match(line.text)
    words = len(line.text.split())
    if organisations and (words > _NAME_WORDS or words > _SENTENCE_WORDS and line.text.endswith(".")
                          or line.label in _UNREAD_HEADINGS):
        return True  # "Les partenaires locaux seront identifiés lors du démarrage.": text, no organisation
    if match is None:
        return organisations and after_bullets
    return label_key(match["label"]) in _OTHER_FIELDS or items is period or after_bullets or organisations


def _inline_heading(line: Line) -> tuple[str, Line] | None:
    """(section, its first line) for a heading with its first item on its line: "Objectif général : Promouvoir …",
    "Résultats attendus : R1 : …" (the period's label is read as a label, with its value)."""
    head, colon, rest = line.text.partition(":")
    section = SECTIONS.get(label_key(head) or "") if colon and rest.strip() else None
    if section is None or section == "period":
        return None
    return section, Line.of(line.number, rest.strip(), line.indent, line.bulleted)


def _item(text: str) -> str:
    return text.rstrip(" ;.").strip() + ("." if text.rstrip(" ;").endswith(".") else "")


def _period(project: Project, lines: list[Line]) -> None:
    if not lines:
        return
    text = " ".join(line.text for line in lines)
    if no_value(text):  # "Durée du projet:" then "À préciser"
        project.notes.append((lines[0].number, no_value_note("Durée du projet", text)))
        return
    if lead := _LEADING_DURATION.match(fold(text)):  # "36 mois à partir de mars 2020", "18 mois, de … à …"
        length = re.sub(r"^(\d+)\s*(ans?|annees?)\s+et\s+demi$", r"\1,5 \2", lead["duration"])  # "2 ans et demi"
        project.duration_months = parse_duration_months(length, lines[0].number)
        text = text[lead.end():]
    try:
        dates = parse_period(text, lines[0].number)
    except PageError as no_date:  # "Durée du projet : 36 mois" may be what the heading says, a duration
        project.duration_months = _months(text, lines[0].number, no_date)
        return
    project.start = dates[0]
    if len(dates) > 1:
        project.end = dates[-1]


def _months(text: str, line: int, otherwise: PageError) -> int:
    """The duration `text` gives in months; `otherwise` when it gives none."""
    try:
        return parse_duration_months(text, line)
    except PageError:
        raise otherwise from None


def _results(lines: list[Line]) -> list[ExpectedResult]:
    """The expected results, labelled R1, R2… as the page labels them, or in their order when the page lists
    them with bullets and no labels at all."""
    if lines and all(line.bulleted and not _RESULT.match(line.text) for line in lines):
        return [ExpectedResult(f"R{number}", line.text.strip()) for number, line in enumerate(lines, start=1)]
    return [_result(line) for line in lines]


def _result(line: Line) -> ExpectedResult:
    match = _RESULT.match(line.text)
    if not match:
        raise PageError(f'expected result "{excerpt(line.text, 40)}" has no label such as R1',
                        "start each expected result with R1, R2, …", line=line.number)
    return ExpectedResult(f"R{int(match['number'])}", match["text"].strip())


def _activity(text: str) -> Activity:
    title, sep, body = text.partition(" : ")
    return Activity(body.strip(), title.strip()) if sep and len(title) < 200 else Activity(text)


def _split_list(value: str) -> list[str]:
    """Names parted by commas, ";", "|" or " / ", keeping those inside parentheses, without a last "etc."; "et"
    (or "&") parts two names where it cannot be inside one: after a closing parenthesis ("Agence française de
    développement (AFD) et GIZ") or before an acronym that ends the list ("…, OIM et HCR"), next to an
    organisation the reference data knows ("L'Union européenne et la Coopération suisse"), or before a name of a
    kind of organisation as _kind_pair tells them ("Ambassade de France et Fondation de France").
    Elsewhere it stays: "Ministère des Affaires sociales et de la Solidarité", "Association pour le Leadership et
    le Développement en Afrique" are one name each. A numbered line ("1. Université X") is one name."""
    if numbered := _NUMBERED.match(value):  # one organisation a line, commas and all
        return [collapse(value[numbered.end():]).rstrip(".")]
    parts, depth, start = [], 0, 0
    for mark in _LIST_MARKS.finditer(value):
        if mark[0] in "()":
            depth += 1 if mark[0] == "(" else -1
        elif depth == 0:
            parts.append(value[start:mark.start()])
            start = mark.end()
    parts.append(value[start:])
    parts = [part for part in _rejoined(parts) if not _ETC.match(part)]
    names = [name for part in parts for each in _NAMES_AND.split(part) for known in _known_pair(each)
             for name in _kind_pair(known)]
    return [collapse(name).rstrip(".") for name in names if collapse(name)]


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
    branch in lower case ("Médecins du Monde, délégation Tunisie") is the name's too: the branch's own name."""
    joined: list[str] = []
    for part in parts:
        head = part.lstrip()
        article = _ARTICLE_GOES_ON.match(head)
        if joined and (_GOES_ON.match(head) or _BRANCH.match(head)
                       or article and " pour " in joined[-1] and " et " in head
                       and not _is_acronym(head[article.end():].split(" ", 1)[0])):  # "…, la GIZ": one more
            joined[-1] += "," + part
        else:
            joined.append(part)
    return joined


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


def _participations(value: str, role: Role, line: int, notes: list[tuple[int, str]]) -> list[Participation]:
    """Organisations named in one role line; "X par le biais de Y" makes Y the managing (extending) body. What
    names no organisation ("une dizaine d'associations locales", "3 universités") is left out, noted."""
    participations = []
    for part in _split_list(value):
        if framework := _FRAMEWORK.search(part):  # "… dans le cadre du programme X": the funder is the first
            part, remark = part[:framework.start()], excerpt(framework.group().strip())
            notes.append((line, f'organisation "{excerpt(strip_article(collapse(part)), 60)}": "{remark}" after it '
                                "is a remark on it, left out of the record"))
        first, *through = _THROUGH.split(part)
        for name, named_role in ((first, role), *((name, Role.EXTENDING) for name in through)):
            if why := _no_organisation(name):
                notes.append((line, f'"{excerpt(name, 60)}" is no organisation\'s name ({why}): left out of the '
                                    "record"))
            else:
                participations.append(Participation(_organisation(name, line, notes), named_role))
    return participations


def _one_a_body(participations: list[Participation]) -> list[Participation]:
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


def _organisation(text: str, line: int, notes: list[tuple[int, str]] | None = None) -> Organisation:
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
        if area := _ADMIN_AREA.match(fold(inner)):
            sub = subdivision(_area_name(inner), kind=_KINDS[area["kind"]], line=line)
            name = outer  # where it is; a municipality is a place there ("Association Amal (Gouvernorat de Gabès)"
            if _MUNICIPALITY.match(outer):  # is none)
                place = Place(_town(outer), sub.country, sub)
        elif _MUNICIPALITY.match(outer) and (sub := _region_named(inner, line)):  # "Municipalité de Zarzis
            name, place = outer, Place(_town(outer), sub.country, sub)  # (Médenine)"
        elif _DIRECTORATE.match(inner):  # a part of the organisation, no name of it: its IRI is the organisation's
            name = outer
            if notes is not None:
                notes.append((line, f'organisation "{excerpt(outer, 60)}": "({excerpt(inner, 60)})" after it names '
                                    "a part of it, left out of the record"))
        elif _is_acronym(inner):  # "Union Tunisienne de Solidarité Sociale (UTSS)"
            name = outer
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
    elif (match := _DASH_ALIAS.search(name)) and _is_acronym(match["alias"].split()[0]):  # "… – CIES Onlus"
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
    town = _MUNICIPALITY.sub("", organisation).strip()
    return town[:1].upper() + town[1:]


def _region_named(name: str, line: int) -> Subdivision | None:
    """The one subdivision called `name` ("Médenine", "Oriental"), or None."""
    try:
        return subdivision(name, line=line)
    except PageError:
        return None


def _is_acronym(text: str) -> bool:
    """True for what an organisation's acronym looks like: one word starting with a capital and holding two or
    more, and no more small letters ("UTSS", "M&D", "LAÉ", "MdM"; "Pays-Bas", "Mont-Liban" are no acronyms), or
    such a word and one more ("CIES Onlus")."""
    words = text.split()
    if not 0 < len(words) <= 2:
        return False
    first = words[0]
    capitals = sum(c.isupper() for c in first)
    return (first[0].isupper() and capitals >= 2 and capitals >= sum(c.islower() for c in first)
            and all(c.isalnum() or c in _ACRONYM_MARKS for c in first))


def _area_name(inner: str) -> str:
    """ "Gouvernorat de l'Ariana" -> "l'Ariana" (the article goes in the subdivision lookup)."""
    return re.sub(r"^\S+\s+(?:de\s+|du\s+|des\s+|d['\u2019])?", "", inner.strip(), flags=re.IGNORECASE)


def _known_places(participations: list[Participation]) -> dict[str, Place]:
    """Places the page locates itself, e.g. "Municipalité de Raoued (Gouvernorat de l'Ariana)"."""
    return {_place_key(place.name): place for participation in participations
            if (place := participation.organisation.place)}


def _place_key(name: str) -> str:
    """How a place is looked up: "Le Bardo" is the place a partner names "Municipalité du Bardo"."""
    return fold(strip_article(name))


def _country_of(places: dict[str, Place]) -> str | None:
    countries = {place.country for place in places.values()}
    return countries.pop() if len(countries) == 1 else None


def _country_named(zones: list[tuple[str, int]], regions: list[Line], places: dict[str, Place]) -> str | None:
    """The one country of every area the zones and beneficiary regions name that can be told apart without the
    page's country ("Médenine et Zarzis": Médenine is a governorate of Tunisia), or None for none or several.
    For a page whose partners locate no place; a name of no known region is then a place of that country."""
    named = [(zoned.within or zoned.name, None if zoned.within else zoned.kind,
              False if zoned.within else zoned.municipal, line)
             for value, line in zones for zoned in _zone_names(value)]
    named += [(name, None, False, line.number) for line in regions for name in _region_names(line)[0]]
    found = _countries_of(named, places)
    return found.pop() if len(found) == 1 else None


def _countries_of(named: list[tuple[str, str | None, bool, int]], places: dict[str, Place]) -> set[str]:
    """The countries of the (name, kind, municipal, line) areas that can be told apart without the page's
    country; a name unknown, or of regions in several countries ("Béja": TN-31, PT-02), tells nothing."""
    found: set[str] = set()
    for name, kind, municipal, line in named:
        try:
            area = _area(name, places, None, kind, municipal, line)
        except PageError:
            continue
        found.add(area.code if isinstance(area, Country) else area.country)
    return found


class _Zoned(NamedTuple):
    """One name a zone lists, as _zone_names reads it."""

    name: str
    kind: str | None  # the kind of region the zone names it by ("Gouvernorats de …")
    municipal: bool  # whether the zone names municipalities
    within: str | None  # the area it is named within: "Égypte (Le Caire, Gizeh)", "Maroc : Rabat, Casablanca"
    group: int = 0  # the group of the zone it is in, its index (groups are parted by ";")
    remark: str | None = None  # what the name's brackets say that is no area: "Tanger (Maroc du Nord)"


def _zone_names(value: str) -> list[_Zoned]:
    """The names a zone lists: groups parted by ";" (each maybe "Country : names"), names by commas, "et" and "/",
    none of them inside brackets; "X (a, b)" names a and b within X, "X (zones frontalières)" names X, and
    "a, b et c (Country)" names a, b and c within that country (those after another such name only)."""
    zoned: list[_Zoned] = []
    for index, group in enumerate(_outside_brackets(collapse(value), _GROUPS)):
        within = None
        if (head := _WITHIN.match(group)) and lookup(head["country"]):
            within, group = head["country"], head["names"]
        municipal = _MUNICIPALITY.match(group) is not None
        kind = None
        if plural := _ADMIN_AREAS.match(fold(group)):  # one kind for every name ("é", "’" fold to one character)
            group, kind = group[plural.end():], _KINDS[plural["kind"]]
        unplaced = len(zoned)  # the first of the group's names no country in brackets has placed yet
        for name in _outside_brackets(_MUNICIPALITY.sub("", group), _NAMES):
            if _BACK_REFERENCE.match(fold(name)):  # "Beyrouth et sa banlieue": Beyrouth, no place "sa banlieue"
                continue
            named_so = _MUNICIPALITY.match(name.strip())  # "Ville de Kairouan, Ville de Sousse"
            name = _PARTICLE.sub("", _GENERIC_AREA.sub("", _MUNICIPALITY.sub("", name.strip(" ."))))
            inner = _INNER.match(name)
            if inner and inner["inner"][:1].isupper() and _country_after(inner["head"], inner["inner"]):
                # "Sfax et Médenine (Tunisie)": both in Tunisia
                zoned.append(_Zoned(inner["head"], kind, municipal or bool(named_so), within, index))
                zoned[unplaced:] = [item._replace(within=item.within or inner["inner"]) for item in zoned[unplaced:]]
                unplaced = len(zoned)
            elif inner and (_is_inside(inner["head"], inner["inner"])  # "Chatila (Beyrouth)": Chatila, in Beyrouth
                            or _in_region(inner["head"], inner["inner"])):  # "Tinghir (Drâa-Tafilalet)": Tinghir
                zoned.append(_Zoned(inner["head"], kind, municipal or bool(named_so), inner["inner"], index))
                unplaced = len(zoned)
            elif inner and (country_named := _country_remark(inner["head"], inner["inner"])):
                zoned.append(_Zoned(inner["head"], kind, municipal or bool(named_so), country_named, index,
                                    inner["inner"]))  # "Tanger (Maroc du Nord)": Tanger, in Morocco
                unplaced = len(zoned)
            elif inner and inner["inner"][:1].isupper() and not _WHOLE_COUNTRY.fullmatch(fold(inner["inner"])):
                zoned += [item._replace(within=inner["head"], group=index) for item in _zone_names(inner["inner"])]
                unplaced = len(zoned)
            elif name:
                zoned.append(_Zoned(inner["head"] if inner else name, kind, municipal or bool(named_so), within,
                                    index))
    return zoned


def _country_after(head: str, inner: str) -> bool:
    """True for a name with its country in brackets after it ("Gaza (Palestine)"), not a country with names in
    brackets ("Italie (Lampedusa)", "Égypte (Le Caire, Gizeh)")."""
    return bool(lookup(inner)) and not lookup(head)


def _is_inside(head: str, inner: str) -> bool:
    """True for "X (Y)" naming the place X in the country or region Y ("Chatila (Beyrouth)"), not the areas Y
    within X ("Égypte (Le Caire, Gizeh)"): Y is one name of a country or region and X none."""
    return (_NAMES.search(inner) is None and _is_area_name(inner) and not _is_area_name(head)
            and known_area(head) is None)


def _in_region(head: str, inner: str) -> bool:
    """True for "X (Y)" naming the subdivision X that lies in the region Y ("Tinghir (Drâa-Tafilalet)",
    "Tétouan (Tanger-Tétouan-Al Hoceïma)"), not the areas Y within X."""
    if _NAMES.search(inner) or lookup(head) or lookup(inner):
        return False
    try:
        region = subdivision(inner)
        return lies_in(subdivision(head, region.country).code, region.code)
    except PageError:
        return False


def _country_remark(head: str, inner: str) -> str | None:
    """The country that "X (Y)" names in its brackets with other words, when they are a remark on X and no area:
    "Tanger (Maroc du Nord)" -> "Maroc" (Y is no region, and X is a region of that country); else None."""
    if not inner[:1].isupper() or lookup(head) or _is_area_name(inner) or known_area(inner):
        return None
    words = inner.split()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            named = " ".join(words[start:start + size])
            if (code := lookup(named)) and _region_of(head, code, None):
                return named
    return None


def _is_area_name(name: str) -> bool:
    """True when a country or some ISO 3166-2 subdivisions are called `name`."""
    return lookup(name) is not None or is_subdivision_name(name)


def _outside_brackets(text: str, separator: re.Pattern) -> list[str]:
    """The parts of a text between its separators, those inside brackets aside."""
    kept: list[str] = []

    def hide(match: re.Match) -> str:
        kept.append(match.group())
        return f"\0{len(kept) - 1}\0"

    hidden = re.sub(r"\([^()]*\)", hide, text)
    return [re.sub(r"\0(\d+)\0", lambda m: kept[int(m[1])], part) for part in separator.split(hidden) if part.strip()]


def _zone(value: str, places: dict[str, Place], country: str | None, line: int,
          notes: list[tuple[int, str]]) -> list[Place | Subdivision | Country]:
    """ "Municipalités de Raoued et La Marsa", "Gouvernorats de Sfax et de Médenine", "Tunisie et Maroc" -> the
    places, subdivisions or countries, located by what the page says elsewhere. Where the page does not say which
    country, a name of regions of several countries is the one in the country its group's other names point to
    ("Tunis et Béja": the Béja of Tunisia, not of Portugal); a group whose names point to several is noted."""
    if whole := _whole_countries(collapse(value), country, line):
        return whole
    names = _zone_names(value)
    groups = {} if country else _group_countries(value, names, places, line, notes)
    areas: list[Place | Subdivision | Country] = []
    for zoned in names:
        if zoned.remark:
            notes.append((line, f'zone "{excerpt(value)}": "({excerpt(zoned.remark)})" is no area; read as a remark on '
                                f'"{excerpt(zoned.name)}", left out'))
        if zoned.within is None:
            group = groups.get(zoned.group)
            located = group if group and _region_of(zoned.name, group, zoned.kind) else country
            try:
                areas.append(_area(zoned.name, places, located, zoned.kind, zoned.municipal, line))
            except PageError as error:
                raise _in_phrase(error, zoned, value) from None
            continue
        around = _area(zoned.within, places, country, None, False, line)
        inside = around.code if isinstance(around, Country) else around.country
        area = _area(zoned.name, places, inside, zoned.kind, zoned.municipal, line)
        if isinstance(area, Place) and area.subdivision is None and isinstance(around, Subdivision):
            area = replace(area, subdivision=around)  # "Gouvernorat de Médenine (Zarzis, …)": in Médenine
        areas.append(area)
    return areas


def _in_phrase(error: PageError, zoned: _Zoned, value: str) -> PageError:
    """The error about a name of a zone quoting the whole group the page wrote, where the zone parted a phrase,
    no name, into several ("zones frontalières entre la République tunisienne et l'État de Libye": its first part
    alone was quoted, as if the page had written it)."""
    groups = _outside_brackets(collapse(value), _GROUPS)
    group = groups[zoned.group] if zoned.group < len(groups) else value
    if (not error.message.startswith("cannot tell which country") or len(_outside_brackets(group, _NAMES)) < 2
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
        elif len(found) > 1 and not any(lookup(zoned.name) for zoned in members):
            notes.append((line, f'zone "{excerpt(value)}" names regions of {len(found)} countries '
                                f'({", ".join(sorted(found))}), read as such: nothing on the page says which '
                                "country is the project's. If the names are towns of one country, write it before "
                                'them ("<pays> : <noms>")'))
    return countries


def _region_of(name: str, country: str, kind: str | None) -> bool:
    """True when `name` is a region of `country`, as _area reads it. A name of no region is not placed by its
    group: "Casablanca, Rabat et Zaio" on a page naming Tunisia's regions too leaves Zaio's country untold."""
    if area := _ADMIN_AREA.match(fold(name)):  # "Gouvernorat de Béja"
        name, kind = _area_name(name), _KINDS[area["kind"]]
    try:
        subdivision(name, country, kind=kind)
    except PageError:
        return False
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
    if area := _ADMIN_AREA.match(fold(name)):  # "Gouvernorat de Sfax": the governorate itself
        name, kind = _area_name(name), _KINDS[area["kind"]]
    if not kind and _place_key(name) in places:  # "Gouvernorats de Gabès et …" name no town of Gabès
        return places[_place_key(name)]
    named = None if kind or municipal else lookup(name)  # a country ("Maroc") is no place of the page's country
    if named and named != country:
        return Country(named)
    try:
        found = subdivision(name, country, kind=kind, line=line)
        # "Ville de Kairouan": the town, in the governorate of its name
        return Place(name, found.country, found) if municipal and not kind else found
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


def _regions(project: Project, line: Line, country: str | None) -> None:
    names, more = _region_names(line)
    project.beneficiary_regions.extend(subdivision(name, country, line=line.number) for name in names)
    if more:
        project.beneficiary_region_count = len(names) + more


def _region_names(line: Line) -> tuple[list[str], int]:
    """The regions a line of "Régions bénéficiaires" names, and how many more it says there are."""
    match = _REGIONS.match(line.text)
    names = [n for n in re.split(r"\s*,\s*|\s+et\s+", match["names"]) if n.strip()]
    return names, int(match["more"] or 0)


def _contact(value: str) -> tuple[Contact, list[str]]:
    """The contact point a "Contact :" line gives, and what it gives that a contact point does not hold (a second
    e-mail address, a website, a person). Its parts are told apart by what they are, in any order, the telephone
    labelled or not: "12 rue de Marseille, 1000 Tunis – +216 71 123 456 – info@atfd.tn – www.atfd.tn"."""
    emails = _EMAIL.findall(value)
    websites = _WEBSITE_IN.findall(value)
    phones = list(_PHONE.finditer(value))
    rest = value
    for found in (_EMAIL, _WEBSITE_IN, _PHONE):  # each in its place, the same length: parts are read from `value`
        rest = found.sub(lambda match: "\0" * len(match.group()), rest)
    numbers: dict[str, list[str]] = {"tel": [], "fax": []}
    for phone in phones:
        label = fold(phone["label"])
        for kind in ("tel", "fax"):
            if kind in label:
                numbers[kind].append(phone["number"].strip(" ."))
    address: list[tuple[int, int]] = []  # the spans of its parts; those only a dash or ";" apart are one
    left: list[str] = []
    start, apart = 0, False  # where the part starts; whether more than a separator parts it from the address
    for separator in [*_CONTACT_PARTS.finditer(rest), None]:
        end = separator.start() if separator else len(rest)
        part = value[start:end].strip(_AROUND)
        if _BARE_PHONE.fullmatch(part) and sum(c.isdigit() for c in part) >= _PHONE_DIGITS:
            numbers["tel"].append(part)  # "– +216 71 123 456 –": a telephone without its label
            apart = True
        elif part and _PART_LABEL.fullmatch(fold(part)):
            apart = True  # "Email :" once its address is taken out, "(site :" and ")" around a website
        elif _PERSON.search(fold(part)):
            left.append(f'the person "{excerpt(part, 40)}"')
            apart = True
        elif part:
            address[-1:] = [(address[-1][0], end)] if address and not apart else [*address[-1:], (start, end)]
            apart = False
        apart = apart or separator is not None and "\0" in separator.group()
        start = separator.end() if separator else end
    left += [f'e-mail address "{email}"' for email in emails[1:]] + [f'website "{site}"' for site in websites]
    left += [f'{kind} number "{number}"' for kind, found in (("telephone", numbers["tel"]), ("fax", numbers["fax"]))
             for number in found[1:]]
    written = " \u2013 ".join(_ADDRESS_LABEL.sub("", value[first:last].strip(_AROUND)) for first, last in address)
    contact = Contact(address=written or None, telephone=next(iter(numbers["tel"]), None),
                      fax=next(iter(numbers["fax"]), None), email=next(iter(emails), None))
    return contact, left

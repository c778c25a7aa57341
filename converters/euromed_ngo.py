"""NGO project pages of the Euromed network: headed lists, "Label : value" lines, partners by role."""

from __future__ import annotations

import re

from . import ngo_budget, ngo_contact, ngo_lists, ngo_organisations, ngo_period, ngo_roles, ngo_zone_codes, ngo_zones
from .country_currencies import page_countries
from .errors import AmbiguousCurrency, PageError
from .language import language_of
from .navigation import is_site_text, without_footer
from .pagelines import Line, label_key, page_lines, table_rows
from .phases import is_phase
from .records import Place, Project, Role, Source, no_value_note, unread
from .textnorm import excerpt, fold
from .values import no_value

NAME = "euromed-ngo"
RECOGNISED_BY = ("three of the network's headings and labels (Objectif général, Résultats attendus, Réalisé par :…, "
                 "or in English), one a heading or the link Retour vers les projets (Back to projects)")

# Headings that open a list section, folded -> section name.
SECTIONS = {
    "duree du projet": "period", "objectif general": "general", "objectifs generaux": "general",
    "objectifs specifiques": "specific", "objectif specifique": "specific",
    "resultats attendus": "results", "les principales activites": "activities",
    "principales activites": "activities", "activites": "activities",
    "regions beneficiaires": "regions",
}
# The same headings on the network's pages in English. Any agency's English fact sheet writes them too ("Expected
# results", an IDF page's "Project duration"): they are marks of the network's pages only on a page with its link
# back to the projects ("TAMKEEN Back to projects").
_ENGLISH_SECTIONS = {
    "project duration": "period", "general objective": "general", "general objectives": "general",
    "overall objective": "general", "specific objectives": "specific", "specific objective": "specific",
    "expected results": "results", "main activities": "activities", "beneficiary regions": "regions",
}
SECTIONS.update(_ENGLISH_SECTIONS)
# "Label : value" lines, folded label -> field or role.
LABELLED = {
    "zone d'intervention": "zone", "zones d'intervention": "zone",
    **dict.fromkeys(("contact", "personne de contact", "personne a contacter", "contact person", "personne contact",
                     "point focal", "personne ressource"), "contact"),
    **dict.fromkeys(("duree du projet", "periode", "periode du projet", "periode de mise en oeuvre",
                     "periode d'execution", "dates du projet", "calendrier"), "period"),
    **dict.fromkeys(("titre", "titre du projet", "intitule", "intitule du projet", "nom du projet"), "title"),
    # the same labels on the network's pages in English
    **dict.fromkeys(("area of intervention", "areas of intervention", "intervention area", "intervention areas",
                     "zone of intervention", "intervention zone", "project area", "project areas"), "zone"),
    "focal point": "contact",
    **ngo_roles.ROLE_LABELS,
}
# A label naming the project's beneficiary body, folded ("Bénéficiaire principal", "Main beneficiary"): no role
# of IATI's OrganisationRole is one (read as a partner it would say what the page does not), so it is left out, noted
_BENEFICIARY = re.compile(r"^(?:beneficiaires?\s+(?:principa(?:l|le|les|ux)|institutionnel(?:le)?s?)"
                         r"|(?:main|principal|institutional)\s+beneficiar(?:y|ies))$")
FIELD_LABELS = frozenset(LABELLED) | frozenset(ngo_budget.FIELDS)  # labels a value follows (see iom_idf)
_LABEL = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<value>\S.*)$")
_ROLE_ORDER = list(Role)
# Starting with the words (not with spaces) lets the regex engine skip ahead to them on a long line.
_BACK_LINK = re.compile(r"(?:retour vers les projets|back to (?:the )?projects)\s*$", re.IGNORECASE)
# The link back to another list of the site's pages than the projects' (a news article's): "Retour vers les
# actualités"; and the titles of its pages that are no project's, folded (a job offer's, written as a project page).
_OTHER_LINK = re.compile(r"retour vers (?:les |la |le |l['\u2019])?(?P<to>\w+)\s*$", re.IGNORECASE)
_NOT_A_PROJECT = re.compile(r"(?:offres? d'emploi|offres? de stage|avis de recrutement|vacance de poste"
                            r"|postes? a pourvoir)\b")


def detect(text: str) -> bool:
    """True for a page with three kinds of the network's marks at least, one of them a section heading or the
    "back to the projects" link: its headings, and its "Label : value" lines (each role, the zone, the contact).
    A project with a general objective and its partners but no other list is one of the network's pages too. The
    site's other pages, written with the same headings and labels, are none (see not_a_project)."""
    lines = page_lines(text)
    if _other_page(lines):
        return False
    found: set[object] = {SECTIONS[key] for line in lines
                          if (key := line.label) in SECTIONS and key not in _ENGLISH_SECTIONS}
    if len(found) >= 3:  # most of the network's pages, told in one pass
        return True
    if any(_back_link(line.text) for line in lines):
        found.add("back link")
        found.update(_ENGLISH_SECTIONS[key] for line in lines if (key := line.label) in _ENGLISH_SECTIONS)
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
    read = [(line, ngo_organisations.participations(value, role, line, project.notes))
            for role, value, line in sorted(labelled.get("roles", []), key=lambda entry: _ROLE_ORDER.index(entry[0]))]
    project.participations = ngo_organisations.one_a_body(ngo_organisations.without_countries(read, project.notes))
    places = ngo_zones.known_places(project.participations)
    ngo_period.period(project, sections.get("period", []))
    kept = len(project.notes)
    try:
        ngo_budget.budget(project, labelled)
    except AmbiguousCurrency:  # "F CFA": read again once the page's countries are known, from its areas
        del project.notes[kept:]
        project.budget = None
        ambiguous = True
    else:
        ambiguous = False
    project.notes.extend((line, unread(f'"{excerpt(text, 60)}"', NAME)) for text, line in labelled.get("unread", []))
    project.notes.extend((line, f'"{excerpt(text, 60)}" names the project\'s beneficiary, a part no role of the role '
                                "scheme (IATI's OrganisationRole) stands for: left out of the record")
                         for text, line in labelled.get("beneficiary", []))
    project.notes.extend((line, no_value_note(label, value)) for label, value, line in labelled.get("empty", []))
    rows = table_rows(text) if "|" in text else {}
    for section in ("general", "specific", "results", "activities"):
        if section in sections:
            sections[section] = ngo_lists.list_lines(section, sections[section], rows, project.notes)
    project.general_objectives = ngo_lists.items(sections.get("general", []))
    project.specific_objectives = ngo_lists.items(sections.get("specific", []))
    project.expected_results = ngo_lists.results(sections.get("results", []))
    project.activities = [ngo_lists.activity(line.text) for line in sections.get("activities", [])]
    country = ngo_zones.country_of(places)
    zones = [(ngo_zone_codes.without_codes(value, line, project.notes), line)  # "Tunis (TN-11)": Tunis, checked
             for value, line in labelled.get("zone", [])]
    regions = sections.get("regions", [])
    inferred = country is None  # the partners locate nothing: the page's country is the one of its areas, if any
    if inferred:
        country = ngo_zones.country_named(zones, regions, places)
    for (first, first_line), (value, line) in zip(zones, zones[1:], strict=False):  # two zone lines: both read, as
        if fold(value) != fold(first):  # two role lines are (the page may give its areas over two lines), noted
            project.notes.append((line, f'zone "{excerpt(value, 60)}" given again, after "{excerpt(first, 60)}" on '
                                        f"line {first_line}: the areas of both read as the project's"))
    for value, line in zones:
        areas = ngo_zones.zone(value, places, country, line, project.notes)
        project.intervention_areas.extend(areas)
        project.notes.extend((line, f'"{excerpt(area.name)}" is no region the page or ISO 3166-2 locates: taken as a '
                                    f"place of {area.country}, the country of the page's other areas")
                             for area in areas if inferred and isinstance(area, Place) and area.subdivision is None)
    for line in regions:
        ngo_zones.regions(project, line, country)
    if ambiguous:
        ngo_budget.budget(project, labelled, page_countries(project, country))
    for value, line in labelled.get("contact", []):
        project.contact, left = ngo_contact.contact(value)
        project.notes.extend((line, f'contact "{excerpt(value, 60)}": {part} left out of the record (a contact point '
                                    "holds one address, telephone, fax and e-mail address)") for part in left)
    texts = [title or "", *project.general_objectives, *project.specific_objectives]
    project.language = language_of(texts)
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
    return ngo_roles.labelled(line, LABELLED)


def _read(lines: list[Line]) -> tuple[dict[str, list[Line]], dict[str, list]]:
    """Sections (heading -> lines) and labelled values (field -> [(value, line)], roles -> [(role, value, line)])."""
    sections: dict[str, list[Line]] = {}
    labelled: dict[str, list] = {}
    role_lists = ngo_roles.RoleLists()
    unread: list[Line] = []  # a heading of what the family does not read ending a list of names, and its lines
    contact_lists: list[tuple[int, list[Line]]] = []  # "Contact :" alone or a "Contact" heading, and its lines
    current = None
    zone_at = None  # the last zone line's number, while the line under it may go on with its value
    for line in ngo_roles.unflattened(lines, LABELLED):
        key = line.label
        if zone_at is not None and line.number == zone_at + 1 and _goes_on(line.text):  # "Zone d'intervention :
            value, number = labelled["zone"][-1]  # Gouvernorats de Tunis, de l'Ariana", then "et de la Manouba"
            labelled["zone"][-1] = (f"{value} {line.text}", number)
            zone_at = line.number
            continue
        zone_at = None
        if line.blank and (role_lists.after_named(current) or current is unread):
            current = None  # a blank line ends the names going on from a role line
        in_contact = bool(contact_lists) and current is contact_lists[-1][1]
        labelled_contact = in_contact and current and current[0].number == contact_lists[-1][0]
        if labelled_contact and line.text and not _CONTACT_PART.search(line.text):  # "Personne de contact : Mme
            # X", then its telephone and e-mail lines, and no more
            current = None
            in_contact = False
        if in_contact and (line.blank and current or len(line.text.split()) > _NAME_WORDS):
            current = None  # a blank line after its lines, or a sentence, ends a contact's lines
        among_activities = current is not None and current is sections.get("activities")
        match = _LABEL.match(line.text) if among_activities else None
        if match and _field_among_activities(match):
            if ngo_budget.field(match["label"]):  # "Budget : 250 000 €" among activities: the budget, and the
                # activities go on
                ngo_budget.store(labelled, match["label"], match["value"].strip(), line.number)
                continue
        elif match and label_key(match["label"]) not in SECTIONS:  # "Financement : octroi de 20 subventions …":
            current.append(line)  # an activity; "Régions bénéficiaires : Ariana" opens its own list
            continue
        organisations = role_lists.holds(current)
        if current is not None and line.text and _ends_list(current, line, sections.get("period"), organisations):
            current = None
            if organisations and key in _UNREAD_HEADINGS:  # "Partenaires : X", "GADEM", then "Bénéficiaires" and
                current = unread  # what it says: no partners, noted
                unread.append(line)
                continue
        if isinstance(role := LABELLED.get(key or ""), Role):  # "Partenaires :" alone: its list follows
            current = role_lists.open(role)
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
        if current and ngo_lists.is_caption(current[-1], line):  # "Photo : … © CIES" under an image: no footer
            current.append(line)
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
            elif target == "contact":  # "Contact : Mme X", and its "Tél. :" and "E-mail :" lines right under it
                current = [Line.of(line.number, value, line.indent)]
                contact_lists.append((line.number, current))
            elif isinstance(target, Role):
                entry = (target, value, line.number)
                labelled.setdefault("roles", []).append(entry)
                # "Partenaires : Réseau Euromed France (REF)", then one more a line, no blank between
                current = role_lists.open(target, entry)
            else:
                labelled.setdefault(target, []).append((value, line.number))
                zone_at = line.number if target == "zone" else None
            continue
        if current is not None and line.text:
            current.append(line)
        elif current is None and (match := _LABEL.match(line.text)):  # a field outside any list
            field = ngo_budget.field(match["label"])
            if field and no_value(match["value"]):
                labelled.setdefault("empty", []).append((match["label"].strip(), match["value"].strip(), line.number))
            elif field:
                ngo_budget.store(labelled, match["label"], match["value"].strip(), line.number)
            elif _BENEFICIARY.match(label_key(match["label"]) or ""):  # "Bénéficiaire principal : Ministère X"
                labelled.setdefault("beneficiary", []).append((line.text, line.number))
            else:
                labelled.setdefault("unread", []).append((line.text, line.number))
    if unread:
        labelled.setdefault("unread", []).extend((line.text, line.number) for line in unread)
    for number, items in contact_lists:  # one contact line, its parts told apart as a line's are
        if items:
            labelled.setdefault("contact", []).append((" \u2013 ".join(item.text for item in items), number))
    role_lists.merge(labelled.setdefault("roles", []))
    return sections, labelled


# How a zone's line wrapped by a PDF goes on, on the next: "et de la Manouba", "de Ben Arous", "and Sfax"
_GOES_ON = re.compile(r"^(?:(?:et|and|ainsi que|de|du|des)\s+|d['\u2019]|,\s*)\S")


def _goes_on(text: str) -> bool:
    """True for a line that goes on with a list of names the line above it began (see _GOES_ON): no sentence."""
    return bool(_GOES_ON.match(text)) and len(text.split()) <= _NAME_WORDS and ":" not in text


def _field_among_activities(match: re.Match) -> bool:
    """True for a "Label : value" line among the activities that is a field, not an activity "Title : text": a
    budget of a few words ("Budget : 250 000 €"), or another label the family reads whose value is not a phrase
    of text ("Zone d'intervention : Municipalités de …", but "Financement : octroi de vingt subventions …")."""
    key, value = label_key(match["label"]) or "", match["value"].strip()
    if ngo_budget.field(match["label"]):
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
# A line that goes on with a "Contact : …" line's value: a telephone, fax, e-mail address, address or website
_CONTACT_PART = re.compile(r"^\W*(?:t[ée]l[ée]?(?:phone)?|phone|portable|mobile|gsm|fax|e-?mail|courriel|mail|adresse"
                           r"|address|site(?: web| internet)?|web)\b[^:]{0,20}:|@", re.IGNORECASE)
_NAME_WORDS = 15  # words at most in an organisation's name, acronym and place included
_SENTENCE_WORDS = 5  # a line of more words that ends with a full stop is a sentence


def _ends_list(items: list[Line], line: Line, period: list[Line] | None, organisations: bool) -> bool:
    """True when a line closes the open list rather than being one of its items: a "Label : value" line of a
    field these pages have ("Budget : …"), any label after the period (which holds one value, or its phases'), a
    label that is
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
    if items is period and is_phase(line.text) and all(is_phase(item.text) for item in items):
        return False  # "Durée du projet :", then "Phase I : 2019-2020 ; Phase II : 2021-2023": the period's value
    return ngo_budget.field(match["label"]) is not None or items is period or after_bullets or organisations


def _inline_heading(line: Line) -> tuple[str, Line] | None:
    """(section, its first line) for a heading with its first item on its line: "Objectif général : Promouvoir …",
    "Résultats attendus : R1 : …" (the period's label is read as a label, with its value)."""
    head, colon, rest = line.text.partition(":")
    section = SECTIONS.get(label_key(head) or "") if colon and rest.strip() else None
    if section is None or section == "period":
        return None
    return section, Line.of(line.number, rest.strip(), line.indent, line.bulleted)

"""IOM innovation pages: headed sections and an "INFORMATIONS SUR LE PROJET" table of KEY: value rows."""

from __future__ import annotations

import re

from .countries import check_apart, split_countries
from .errors import PageError
from .language import guess_language
from .navigation import without_footer
from .pagelines import Line, label_key, page_lines, paragraphs
from .records import Project, Source, no_value_note, unread
from .textnorm import excerpt, fold
from .values import REMARK, no_value, parse_date, parse_duration_months, parse_money, parse_year

NAME = "iom-innovation"

# Section headings, folded -> section name. Text before the first heading is the site's navigation.
HEADINGS = {
    "elements d'innovation": "elements", "innovation elements": "elements",
    "a propos du projet": "about", "about the project": "about",
    "en quoi ce projet est-il innovant ?": "innovative", "en quoi ce projet est-il innovant": "innovative",
    "what makes this project innovative?": "innovative",
    "informations sur le projet": "table", "project information": "table",
}
# Table row keys, folded -> record field.
ROWS = {
    "mission": "mission", "annee": "allocation_year", "year": "allocation_year",
    "montant du financement": "budget", "funding amount": "budget", "budget": "budget",
    "budget total": "budget", "montant": "budget", "montant total": "budget", "cout total": "budget",
    "pays beneficiaires": "countries", "beneficiary countries": "countries", "pays beneficiaire": "countries",
    "beneficiary country": "countries", "pays": "countries", "countries": "countries",
    "duree": "duration", "duration": "duration", "code": "code", "project code": "code",
    "date de debut": "start", "start date": "start", "date de fin": "end", "end date": "end",
    "titre": "title", "titre du projet": "title", "intitule du projet": "title", "project title": "title",
    "title": "title",
}
FIELD_LABELS = frozenset(ROWS)  # labels a value follows (converters/__init__.py gathers every family's)
# The record's fields a row gives, where they are not named as the row's field.
_ROW_FIELDS = {"mission": ("mission_countries",), "duration": ("duration_months",),
               "countries": ("beneficiary_countries", "eligible_countries", "other_countries")}
# Inside the beneficiaries row: sub-lists headed "États membres (ne) remplissant…:" / "Member States (not) meeting…:".
_SUBLIST = re.compile(r"(?P<label>(?:(?:non[-\s]?|not\s+|in)?[ée]ligibles?\s+)?"
                      r"(?:[ée]tats?\s+membres?|member\s+states?)\b[^:;]{0,120}):", re.IGNORECASE)
_ELIGIBILITY = re.compile(r"remplissant|meeting|eligible")
_NOT_ELIGIBLE = re.compile(r"ne remplissant pas|not meeting|non[- ]?eligible|not eligible|ineligible")
# A row key may carry a qualifier after a dash or in parentheses: "PAYS BÉNÉFICIAIRES – …", "MONTANT (USD)".
_QUALIFIED = re.compile(r"^(?P<key>.+?)\s*[-(]")
_CURRENCY = re.compile(r"\(([A-Za-z]{3})\)")
# What a MISSION row may write before its country, folded: "OIM", "IOM", "Mission de l'OIM en", "Bureau de pays de
# l'OIM au", "IOM Mission in", "IOM Country Office for"
_MISSION_HEAD = re.compile(r"(?:(?:la\s+)?mission|bureau(?:\s+de\s+pays)?|(?:country\s+)?office)?\s*(?:de\s+l'|of\s+)?"
                           r"(?:oim|iom)\b(?:\s+(?:mission|country\s+office|office))?"
                           r"\s*(?:(?:en|au|aux|a|in|du|de|for|pour\s+l[ae])\s+|d'|pour\s+l')?[-:,]?\s*")
# A MISSION that is an office of a region, or of no place: "Bureau régional pour l'Amérique du Sud", "Siège"
_OFFICE = re.compile(r"\bregion(?:al|ale|aux)?\b|\bbureau\b|\boffice\b|\bsiege\b|\bheadquarters\b")


def detect(text: str) -> bool:
    """True for a page with the project-information table and at least two of its rows."""
    lines = page_lines(text)
    if not any(_heading(line) == "table" for line in lines):
        return False
    return sum(1 for line in lines if _row(line)[0]) >= 2


def parse(text: str, source: Source) -> Project:
    """Read one innovation page into a Project (it has no title: none is invented)."""
    sections = _sections(without_footer(page_lines(text), lambda line: bool(_heading(line) or _row(line)[0])))
    about = paragraphs(sections.get("about", []))
    innovative = paragraphs(sections.get("innovative", []))
    language = guess_language(" ".join(filter(None, [about, innovative])))
    project = Project(source=source, language=language, description=about,
                      innovation_description=innovative,
                      innovation_elements=[line.text for line in sections.get("elements", []) if line.text])
    rows = [(line, *_row(line)) for line in sections.get("table", [])]
    for line, field, value in rows:
        if field is None:  # a row of the table this family does not read
            project.notes.append((line.number, unread(f'row "{excerpt(line.text.strip("| "), 60)}"', NAME)))
            continue
        if not value:
            raise PageError(f'row "{excerpt(line.text)}" has no value', "give the value after the colon",
                            line=line.number)
        if no_value(value):  # "MONTANT DU FINANCEMENT: N/A": left out, as when the table has no such row
            project.notes.append((line.number, no_value_note(line.text.strip("| ").partition(":")[0].strip(), value)))
            continue
        _assign(project, field, value, line)
        project.lines.update(dict.fromkeys(_ROW_FIELDS.get(field, (field,)), line.number))
    return project


def _heading(line: Line) -> str | None:
    text = line.text.rstrip("| ")
    return HEADINGS.get(line.label if text == line.text else label_key(text))


def _row(line: Line) -> tuple[str | None, str | None]:
    """(field, value) of a "KEY: value |" table row, or (None, None)."""
    key, sep, value = line.text.strip("| ").partition(":")
    if not sep:
        return None, None
    folded = fold(key)
    qualified = _QUALIFIED.match(folded)
    field = ROWS.get(folded) or (ROWS.get(qualified["key"]) if qualified else None)
    return field, value.strip(" |")


def _unknown_row(line: Line) -> bool:
    """True for a row of the table whose key is none of ROWS ("PARTENAIRES: … |"): a cell closed by "|", or a key
    in capitals as the table writes them, before a colon."""
    key, sep, value = line.text.strip("| ").partition(":")
    key = key.strip()
    return bool(sep and value.strip(" |") and 1 < len(key) <= 60
                and (line.text.rstrip().endswith("|") or (key.isupper() and any(c.isalpha() for c in key))))


def _sections(lines: list[Line]) -> dict[str, list[Line]]:
    """Lines by section; the table ends at its first line that is not a row, so text after it is left out."""
    sections: dict[str, list[Line]] = {}
    current = None
    for line in lines:
        heading = _heading(line)
        if heading:
            current = sections.setdefault(heading, [])
        elif current is not None and line.text.strip("-|: "):  # not a rule such as "---|"
            if current is sections.get("table") and not _row(line)[0] and not _unknown_row(line):
                current = None
                continue
            current.append(line)
    if "table" not in sections:
        raise PageError("no INFORMATIONS SUR LE PROJET table", "the page must end with its project table")
    return sections


def _assign(project: Project, field: str, value: str, line: Line) -> None:
    if field == "mission":
        project.mission_countries = _mission(project, value, line.number)
    elif field == "allocation_year":
        project.allocation_year = parse_year(value, line.number)
    elif field == "budget":  # "MONTANT DU FINANCEMENT (USD): 400 000": the key may name the currency
        currency = _CURRENCY.search(line.text.partition(":")[0])
        project.budget = parse_money(value, currency[1].upper() if currency else None, line.number)
    elif field in ("start", "end"):
        setattr(project, field, parse_date(value, line.number))
    elif field == "duration":
        project.duration_months = parse_duration_months(value, line.number)
    elif field in ("code", "title"):
        setattr(project, field, value)
    elif field == "countries":
        _beneficiaries(project, line)


def _mission(project: Project, value: str, line: int) -> list[str]:
    """The mission's country: "Argentine", and as the IOM names its missions, "OIM Argentine", "Mission de l'OIM
    au Maroc", "Argentine (Buenos Aires)". A regional office is no one country's: left out with a note."""
    try:
        return split_countries(value, line)
    except PageError as error:
        folded = fold(REMARK.sub(" ", value)).strip()
        try:
            head = _MISSION_HEAD.match(folded)
            return split_countries(folded[head.end():] if head else folded, line)
        except PageError:
            if _OFFICE.search(folded):
                project.notes.append((line, f'row "MISSION: {excerpt(value, 60)}" names an office of no one country: '
                                            "left out of the record"))
                return []
            raise error from None


def _beneficiaries(project: Project, line: Line) -> None:
    """ "PAYS BÉNÉFICIAIRES – Eligible…: A, B; Not eligible…: C" -> eligible and other countries; a row without
    those sub-lists ("Pays bénéficiaires : A, B") names countries that benefit, and says nothing of eligibility."""
    matches = [m for m in _SUBLIST.finditer(line.text) if _ELIGIBILITY.search(fold(m["label"]))]
    if not matches:
        _, _, value = line.text.partition(":")
        project.beneficiary_countries = split_countries(value.strip(" |"), line.number)
        return
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(line.text)
        names = line.text[match.end():end].strip(" ,;|")
        codes = split_countries(names, line.number) if names and not no_value(names) else []  # "…: Aucun"
        if _NOT_ELIGIBLE.search(fold(match["label"])):
            project.other_countries = codes
        else:
            project.eligible_countries = codes
    check_apart(project.eligible_countries, project.other_countries, line.number)

"""IOM Development Fund project pages: a title, labelled fields (bullets or "-" lines), then free text."""

from __future__ import annotations

import re
from functools import lru_cache

from .countries import check_apart, is_country_list, split_countries
from .errors import PageError
from .language import guess_language
from .navigation import is_site_text, without_footer
from .pagelines import Line, label_key, numbered_items, page_lines, paragraphs
from .records import Activity, Project, Source, no_value_note, unread
from .textnorm import excerpt
from .values import no_value, parse_date, parse_money, parse_year

NAME = "iom-idf"
FUNDING_PROGRAMME = "iom-development-fund"

# Field labels as the site writes them (French, English or mixed), folded -> record field.
LABELS = {
    "date de debut": "start", "start date": "start", "date de debut du projet": "start", "date de demarrage": "start",
    "date de fin": "end", "end date": "end", "date de fin du projet": "end", "date d'achevement": "end",
    "date de cloture": "end",
    "statut du projet": "status", "project status": "status", "statut": "status", "etat du projet": "status",
    "type de projet": "project_type", "project type": "project_type",
    "budget amount (usd)": "budget", "budget (usd)": "budget", "montant du budget (usd)": "budget",
    "budget amount": "budget", "budget": "budget", "budget total (usd)": "budget", "budget total": "budget",
    "montant (usd)": "budget",
    "couverture": "scope", "coverage": "scope", "couverture geographique": "scope", "geographic coverage": "scope",
    "annee": "allocation_year", "year": "allocation_year", "annee d'allocation": "allocation_year",
    "allocation year": "allocation_year",
    "idf region": "region", "region idf": "region", "region du fdi": "region",
    "other countries benefiting at time of allocation": "other_countries",
    "autres pays beneficiaires au moment de l'allocation": "other_countries",
    "prima id": "prima_id", "id prima": "prima_id",
    "projet id": "code", "project id": "code", "id du projet": "code", "code du projet": "code",
    "project code": "code",
    "etat(s) membre(s) beneficiaires remplissant les conditions requises": "eligible_countries",
    "etats membres beneficiaires remplissant les conditions requises": "eligible_countries",
    "eligible member states": "eligible_countries",
    "beneficiary member state(s) meeting the eligibility requirements": "eligible_countries",
    "pays beneficiaires": "beneficiary_countries", "beneficiary countries": "beneficiary_countries",
}
FIELD_LABELS = frozenset(LABELS)  # labels a value follows (converters/__init__.py gathers every family's)
# Labels that only this family uses: one of them must be present for the page to be ours.
_DISTINCTIVE = {"idf region", "prima id", "projet id", "project id", "budget amount (usd)"}
_COUNTRY_FIELDS = {"eligible_countries", "other_countries", "beneficiary_countries"}
# Other wordings of the two beneficiary lists' labels, folded: which countries, and whether eligible or not
_ELIGIBLE_KEY, _OTHER_KEY = "eligible member states", "other countries benefiting at time of allocation"
_BENEFICIARY_KEY = "beneficiary countries"  # benefiting, the label not saying whether eligible
_LIST_LABEL_LENGTH = 90
_LIST_HINT = re.compile(r"benefi|eligib|conditions requises")
_SENTENCE = re.compile(r"[.;!?]\s|[.;!?]$")
_STATES = re.compile(r"\betats?\b|\bmember states?\b|\bpays\b|\bcountr(?:y|ies)\b|\bstates?\b")
_BENEFICIARY = re.compile(r"^(?:(?:pays|etats?(?:\(s\))? membres?(?:\(s\))?) beneficiaires?(?:\(s\))?"
                          r"|(?:beneficiary|benefiting) (?:countr(?:y|ies)|member states?(?:\(s\))?)(?:\(ies\))?)$")
_ELIGIBLE = re.compile(r"eligib|remplissant les conditions|meeting the eligibility")
_INELIGIBLE = re.compile(r"\bne remplissant pas\b|\bnon[- ]eligib|\bnot eligib|\bineligib|\bnon qualifi")
_OTHER = re.compile(r"\b(?:other|autres?)\b.*\b(?:countr(?:y|ies)|pays|etats?|states?)\b.*\bbenefi"
                    r"|\b(?:other|autres?)\b.*\bbenefi.*\b(?:countr(?:y|ies)|pays|etats?|states?)\b")
# A line of this many words or more is running text: no field label or value is that long but a country list,
# which a label starts
_PROSE_WORDS = 15
# A label before the title on its line: "Titre du projet : …"
_TITLE_LABEL = re.compile(r"^(?:titre|intitul[ée]|nom|(?:project )?title)(?: du projet)?\s*:\s*(?=\S)", re.IGNORECASE)
_INLINE = re.compile(r"^(?P<label>[^:]{3,80}?)\s*:\s*(?P<value>.+)$")


def detect(text: str) -> bool:
    """True for a page with at least three IDF field labels, one of them distinctive."""
    keys = {key for key, _ in _labels(text) if key}
    return len({LABELS[k] for k in keys}) >= 3 and bool(keys & _DISTINCTIVE)


def parse(text: str, source: Source) -> Project:
    """Read one IDF page into a Project; PageError (with the line) for anything it cannot read."""
    lines = page_lines(text)
    others: list[tuple[int, str]] = []  # fields no label of ours names
    fields, first, last = _scan_fields(lines, _labels(text), others)
    title_line = _title_line(lines, first, others)
    title = _TITLE_LABEL.sub("", title_line.text) if title_line else None
    text_lines = without_footer(lines[last + 1:])  # the description: after the last field, before the footer
    description = paragraphs(text_lines)
    language = guess_language(" ".join(filter(None, [title, description])))
    project = Project(source=source, language=language, title=title, description=description,
                      funding_programme=FUNDING_PROGRAMME,
                      activities=[Activity(item) for item in numbered_items(text_lines)])
    for field, (value, number, label) in fields.items():
        if no_value(value):  # "N/A": the field is left out, as when the page does not give it
            project.notes.append((number, no_value_note(label, value)))
            continue
        _assign(project, field, value, number, label)
        project.lines[field] = number
    if title_line and title:
        project.lines["title"] = title_line.number
    project.notes.extend((line, unread(f'"{excerpt(text, 60)}"', NAME)) for line, text in sorted(others))
    return project


def _title_line(lines: list[Line], first: int, others: list[tuple[int, str]]) -> Line | None:
    """The title: the line before the first field the family knows, past the fields before it that no label of
    ours names ("• Date prévue" and its value: a title is no field's value), which go to `others`. The site's
    menu ("- 2030 AGENDA" before the title) is no field."""
    index = first
    while (at := _previous(lines, index)) is not None:
        line = lines[at]
        if line.bulleted and len(line.text.split()) < _PROSE_WORDS and not is_site_text(line):
            others.append((line.number, line.text))  # "• Date prévue: 2022", "• Date prévue 2022"
            index = at
            continue
        label = _previous(lines, at)
        if label is not None and _field_pair(lines, label, at) and not is_site_text(lines[label]):
            others.append((lines[label].number, f"{lines[label].text}: {line.text}"))
            index = label
            continue
        return None if line.bulleted else line
    return None


def _previous(lines: list[Line], index: int) -> int | None:
    """The index of the last line with text before `index`, if any."""
    return next((at for at in range(index - 1, -1, -1) if not lines[at].blank), None)


def _field_pair(lines: list[Line], label: int, value: int) -> bool:
    """True when lines[label] and lines[value] are laid out as a label and its value: "  • Label" over a value
    indented further, or "-", "Label", "value" lines."""
    name, text = lines[label], lines[value]
    if name.bulleted:
        return ":" not in name.text and not text.bulleted and text.indent > name.indent
    return value == label + 1 and label > 0 and lines[label - 1].bulleted and lines[label - 1].blank


@lru_cache(maxsize=1)  # detect() and parse() read the same page in a row
def _labels(text: str) -> tuple[tuple[str | None, str | None], ...]:
    """_label_of each line of the page."""
    return tuple(_label_of(line) for line in page_lines(text))


def _label_of(line: Line) -> tuple[str | None, str | None]:
    """(label key, inline value) when the line is a field label, else (None, None)."""
    key = _known(line.label)
    if key:
        return key, None
    match = _INLINE.match(line.text) if ":" in line.text else None  # most lines have none: `in` says so sooner
    key = _known(label_key(match["label"])) if match else None
    if key:
        return key, match["value"].strip()
    return None, None


def _known(key: str | None) -> str | None:
    """The LABELS key a folded label stands for: itself, or for a wording of the beneficiary lists the site has
    not used yet ("Eligible Beneficiary Member State(s)", "Autres pays bénéficiaires"), the list it names."""
    if key in LABELS:
        return key
    if key is None or len(key) > _LIST_LABEL_LENGTH or not _LIST_HINT.search(key) or _SENTENCE.search(key):
        return None
    if _INELIGIBLE.search(key) or _OTHER.search(key):
        return _OTHER_KEY
    if _STATES.search(key):
        return _ELIGIBLE_KEY if _ELIGIBLE.search(key) else _BENEFICIARY_KEY if _BENEFICIARY.search(key) else None
    return None


def _scan_fields(lines: list[Line], labels: tuple,
                 others: list[tuple[int, str]] | None = None) -> tuple[dict[str, tuple[str, int, str]], int, int]:
    """Fields by name -> (value, line number, label), the index of the first label, the last value line. Lines
    among the fields that no label reads (a field this family does not know) go to `others` as (line, text)."""
    fields: dict[str, tuple[str, int, str]] = {}
    first = last = None
    index = 0
    skipped: list[Line] = []  # since the last field's value
    prose = False  # a line of running text has come since the first field: the description may have begun
    while index < len(lines):
        key, inline = labels[index]
        if key is not None and inline is not None and not lines[index].bulleted and (prose or LABELS[key] in fields):
            key = None  # "Budget : le projet dispose de …" in the description is a sentence, not a field
        if key is None:
            if first is not None and not lines[index].blank:
                skipped.append(lines[index])
                prose = prose or len(lines[index].text.split()) >= _PROSE_WORDS
            index += 1
            continue
        if skipped and others is not None:
            rest = " ".join(line.text for line in skipped[1:])
            others.append((skipped[0].number, f"{skipped[0].text}: {rest}" if rest else skipped[0].text))
        skipped = []
        label_line = lines[index]
        first = index if first is None else first
        field = LABELS[key]
        if field in fields:
            raise PageError(f'field "{excerpt(label_line.text)}" appears twice (lines {fields[field][1]} and '
                            f"{label_line.number})", "keep one of them", line=label_line.number)
        values, index = _value_lines(lines, labels, index, field, inline)
        if not values:
            raise PageError(f'field "{excerpt(label_line.text)}" has no value', "the page may be cut short: "
                            "give the value on the line after the label", line=label_line.number)
        fields[field] = (" ".join(line.text for line in values), values[0].number, label_line.text)
        last = index - 1
    if first is None:
        raise PageError("no project fields found", "an IDF page lists fields such as Projet ID")
    return fields, first, last


def _value_lines(lines: list[Line], labels: tuple, index: int, field: str,
                 inline: str | None) -> tuple[list[Line], int]:
    """The lines holding a field's value and the index just after them.

    A value is one line; a country list goes on over following lines that are country lists too.
    The lines after the last field are the description, so nothing else is taken.
    """
    label_line = lines[index]
    if inline is not None:
        values, index = [Line.of(label_line.number, inline, label_line.indent)], index + 1
    else:
        index += 1
        while index < len(lines) and lines[index].blank:
            index += 1
        if index == len(lines) or labels[index][0]:
            return [], index
        values, index = [lines[index]], index + 1
    while field in _COUNTRY_FIELDS and index < len(lines):
        following = index
        while following < len(lines) and lines[following].blank:
            following += 1
        if following == len(lines) or labels[following][0] or not is_country_list(lines[following].text):
            break
        values.append(lines[following])
        index = following + 1
    return values, index


def _assign(project: Project, field: str, value: str, line: int, label: str) -> None:
    """Store one field's value on the project, typed."""
    if field in ("start", "end"):
        setattr(project, field, parse_date(value, line))
    elif field == "allocation_year":
        project.allocation_year = parse_year(value, line)
    elif field == "budget":
        currency = re.search(r"\(([A-Za-z]{3})\)", label)
        project.budget = parse_money(value, currency[1].upper() if currency else None, line)
    elif field in _COUNTRY_FIELDS:
        setattr(project, field, split_countries(value, line))
        check_apart(project.eligible_countries, project.other_countries, line)
    else:
        setattr(project, field, value)

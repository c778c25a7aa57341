"""IOM Development Fund project pages: a title, labelled fields (bullets or "-" lines), then free text."""

from __future__ import annotations

import re

from .countries import check_apart, split_countries
from .country_currencies import page_countries
from .datefields import (
    add_period_dates,
    check_duration,
    extension_end,
    read_date,
    read_period,
    remark_note,
    without_code_remark,
    without_date_remark,
)
from .errors import AmbiguousCurrency, PageError
from .idf_fields import _Field, _field_block
from .idf_labels import _COUNTRY_FIELDS, _DISTINCTIVE, _OWN, LABELS, _labels, idf_lines
from .idf_page_checks import _check_not_cut_in_fields, _check_not_cut_short, _check_one_page
from .idf_programme import FUNDING_PROGRAMME
from .idf_status import status_wording
from .idf_title import _title, _title_text, _without_site_name
from .label_twins import foreign_label
from .language import language_of
from .navigation import without_footer
from .pagelines import label_currency, numbered_items, paragraphs, table_rows
from .phases import phased_budget, revised_note
from .records import Activity, Project, Source, no_value_note, unread
from .textnorm import excerpt
from .thousands import in_thousands, thousands_budget
from .values import no_value, parse_money, parse_year

NAME = "iom-idf"
RECOGNISED_BY = ("two field labels, one only its pages use (Projet ID, Prima ID, IDF Region, Budget Amount (USD)), "
                 "or three, one of them Project ID")
FIELD_LABELS = frozenset(LABELS)  # labels a value follows (converters/__init__.py gathers every family's)
_DATE_FIELDS = {"start": "end", "end": "start"}  # each date field, and the other
_PERIOD_FIELDS = ("duration", "period")  # a length, dates, or both: "24 mois à compter de mars 2022"
# Fields that any agency's fact sheet gives ("Duration: January 2021 – December 2023"), which the site's pages may
# give too: they do not tell its pages
_GENERIC_FIELDS = frozenset((*_PERIOD_FIELDS, "extension"))
# The site's date of its page, last in the description: "Mise à jour le 3 mars 2024", "Last updated: 3 March 2024"
_UPDATED = re.compile(r"(?:(?:derni[èe]re )?mise? à jour|(?:last )?updated)(?: le| on)?\s*:?\s+[^.;]{0,30}\d{4}\.?",
                      re.IGNORECASE)
_REMARKED = frozenset({"status", "scope"})  # fields of a concept, read without a remark on their value


def detect(text: str) -> bool:
    """True for a page with the labels of three IDF fields at least, one of them distinctive, or of two, one of them
    a label only this family's pages use (a short page gives its project ID and its countries only); a duration or
    a period, which any agency's fact sheet gives, is not one of them."""
    keys = {key for key, _ in _labels(text) if key}
    fields = {LABELS[k] for k in keys} - _GENERIC_FIELDS
    if len(fields) >= 3:
        return bool(keys & _DISTINCTIVE)
    return len(fields) == 2 and bool(keys & _OWN)


def parse(text: str, source: Source) -> Project:
    """Read one IDF page into a Project; PageError (with the line) for anything it cannot read."""
    lines = list(idf_lines(text))
    others: list[tuple[int, str]] = []  # fields no label of ours names, lines by the title that are no part of it
    labels = _labels(text)
    block = _field_block(lines, labels, others)
    _check_one_page(lines, labels, block)
    title_lines, lead = _title(lines, block.first, others)
    title, site = _without_site_name(_title_text(title_lines))
    after = [line for at, line in enumerate(lines[block.end:], start=block.end) if at not in block.late]
    text_lines = lead + without_footer(after)
    _check_not_cut_short(text_lines)  # the description: after the fields, before the footer
    _check_not_cut_in_fields(block, text_lines)
    updated = next((line for line in reversed(text_lines) if line.text), None)
    if updated is not None and _UPDATED.fullmatch(updated.text):  # "Mise à jour le 3 mars 2024": the site's
        text_lines = [line for line in text_lines if line is not updated]
    description = paragraphs(text_lines, table_rows(text) if "|" in text else None)  # a table's rows named
    language = language_of([title, description])
    project = Project(source=source, language=language, title=title, description=description,
                      funding_programme=FUNDING_PROGRAMME,
                      activities=[Activity(item) for item in numbered_items(text_lines)])
    if updated is not None and _UPDATED.fullmatch(updated.text):
        project.notes.append((updated.number, f'"{excerpt(updated.text)}" is the site\'s date of its page, not the '
                                              "project's: left out of the description"))
    given = {name: field for name, field in block.fields.items() if not no_value(field.value)}
    ambiguous: list[_Field] = []  # a budget in words for several currencies ("F CFA"): read once the countries are
    for name, field in block.fields.items():
        if name not in given:  # "N/A": the field is left out, as when the page does not give it
            project.notes.append((field.line, no_value_note(field.label, field.value)))
        elif name in _DATE_FIELDS:  # a date field may give no date ("à ce jour"), or both dates ("2021/2023")
            other = given.get(_DATE_FIELDS[name])
            dates = read_date(name, field.value, field.line, other and other.label_line, project.notes)
            for date_name, date in dates.items():
                setattr(project, date_name, date)
                if date is not None:
                    project.lines[date_name] = field.line
        elif name not in _PERIOD_FIELDS and name not in ("revised_budget", "extension"):
            try:
                _assign(project, name, field)
            except AmbiguousCurrency:  # known (mission and beneficiary fields may come after it)
                ambiguous.append(field)
            project.lines[name] = field.line
    for field in ambiguous:
        _assign(project, "budget", field, page_countries(project))
    if "revised_budget" in given:  # the amount the project has now, wherever the fields give it
        _revised(project, given["revised_budget"], given.get("budget"))
    if "extension" in given:  # "Prolongation sans coût" over "jusqu'au 30 juin 2023": the later end date
        extension = given["extension"]
        extension_end(project, extension.value, f'field "{excerpt(extension.label.partition(":")[0].strip())}"',
                      extension.line)
    if "status" in given:  # "Prolongation sans coût jusqu'au 31/12/2024": an active status, and the later end date
        extension_end(project, given["status"].value, f'status "{excerpt(given["status"].value)}"',
                      given["status"].line)
    for name in _PERIOD_FIELDS:  # after the date fields, which the dates of a period must agree with
        if name in given:
            _period(project, name, given[name])
    if "duration_months" in project.lines:  # and its length with the dates, wherever they are given
        line = project.lines["duration_months"]
        label = next(field.label for field in given.values() if field.line == line)
        check_duration(project, f'field "{excerpt(label.partition(":")[0].strip())}"', line)
    if title:
        project.lines["title"] = title_lines[0].number
    if site:
        project.notes.append((title_lines[0].number, f'"| {excerpt(site, 60)}" at the end of the title is the name of '
                                                     "the site it was copied from: left out of the title"))
    for line, text in sorted(others):  # "Fecha de finalización" over "2024": refused, not published without it
        if (error := foreign_label(text.partition(":")[0], NAME, line)) is not None:
            raise error
    project.notes.extend((line, unread(f'"{excerpt(text, 60)}"', NAME)) for line, text in sorted(others))
    return project


def _assign(project: Project, name: str, field: _Field, countries: frozenset[str] | None = None) -> None:
    """Store one field's value on the project, typed; a budget in words for several currencies ("F CFA") is the
    one `countries` use (AmbiguousCurrency without them)."""
    value, line = field.value, field.line
    if name == "allocation_year":
        project.allocation_year = parse_year(value, line)
    elif name == "budget":
        label = field.label.partition(":")[0].strip()
        thousands = in_thousands(label)  # "Budget total (en milliers d’USD)" over "1 250"
        code = label_currency(label) or (thousands[1] if thousands else None)
        project.budget = (phased_budget(value, code, line, project.notes, countries)
                          or parse_money(value, code, line, project.notes, countries))
        if thousands:
            project.budget = thousands_budget(project.budget, label, line, project.notes)
        if code and project.budget.currency != code:  # which of the two is right cannot be told
            raise PageError(f'field "{excerpt(field.label.partition(":")[0].strip())}" names {code} in its label and '
                            f'{project.budget.currency} in its value "{excerpt(value)}"',
                            "give the amount in the one currency the project has", line=line)
    elif name in _COUNTRY_FIELDS:
        setattr(project, name, split_countries(value, line, project.notes))
        check_apart(project.eligible_countries, project.other_countries, line)
    elif name == "code":
        project.code = without_code_remark(value, line, project.notes)
    elif name == "status":
        project.status = status_wording(_without_remark(project, name, value, line), line, project.notes)
    elif name in _REMARKED:
        setattr(project, name, _without_remark(project, name, value, line))
    else:
        setattr(project, name, value)


def _revised(project: Project, field: _Field, original: _Field | None) -> None:
    """Store a revised budget ("Budget révisé (USD)") as the project's budget, the first one the page gives left out
    with a note: the published budget is the one the project has now."""
    first = project.budget
    try:
        _assign(project, "budget", field)
    except AmbiguousCurrency:
        _assign(project, "budget", field, page_countries(project))
    project.lines["budget"] = field.line
    if first is not None and original is not None:
        project.notes.append((original.line, revised_note(first, original.label.partition(":")[0].strip(),
                                                          project.budget, field.line)))


def _period(project: Project, name: str, field: _Field) -> None:
    """Store what a duration or period field gives: a length, dates, or both (see datefields.read_period)."""
    period = read_period(name, field.value, field.line, project.notes)
    label = field.label.partition(":")[0].strip()
    if period.months is not None:
        if project.duration_months not in (None, period.months):
            raise PageError(f'field "{excerpt(label)}" gives a duration of {period.months} months, and line '
                            f"{project.lines['duration_months']} one of {project.duration_months} months",
                            "give the duration once", line=field.line)
        project.duration_months = period.months
        project.lines["duration_months"] = field.line
    add_period_dates(project, period, label, field.line)


def _without_remark(project: Project, what: str, value: str, line: int) -> str:
    """The concept a value names, without a remark on it ("Actif (prolongé)", "En cours – prolongé", "Regional
    (Afrique de l'Ouest)", "En cours depuis 2021", "Actif à ce jour"), which goes to the project's notes: the remark
    is no status or scope, and would be made a concept of its own."""
    head = without_date_remark(value)
    if head and head != value.strip():
        project.notes.append((line, remark_note(what, value, head)))
        return head
    return value

"""IOM innovation pages: headed sections and an "INFORMATIONS SUR LE PROJET" table of KEY: value rows."""

from __future__ import annotations

import re

from . import innovation_countries
from .countries import is_country_list
from .country_currencies import page_countries
from .datefields import (
    Period,
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
from .idf_status import status_wording
from .idf_title import title_text, wrapped_title
from .label_twins import foreign_heading, foreign_label
from .language import language_of
from .navigation import is_site_text, without_footer
from .pagelines import TAB_LABELS, Line, label_currency, label_key, page_lines, paragraphs, table_rows
from .phases import phased_budget, revised_note
from .records import Money, Project, Source, no_value_note, unread
from .textnorm import excerpt, fold
from .thousands import in_thousands, thousands_budget
from .values import no_value, parse_money, parse_year
from .wrapped import breaks_off

NAME = "iom-innovation"
RECOGNISED_BY = ("two rows of the project table (MISSION: …, CODE: …) and its heading INFORMATIONS SUR LE PROJET, "
                 "or Éléments d'innovation")

# Section headings as the site writes them, folded -> section name. Text before the first heading is the site's
# navigation, and the project's title when it gives one.
HEADINGS = {
    "elements d'innovation": "elements", "innovation elements": "elements",
    "a propos du projet": "about", "about the project": "about",
    "en quoi ce projet est-il innovant ?": "innovative", "what makes this project innovative?": "innovative",
    "informations sur le projet": "table", "project information": "table",
}
# The same headings reworded by other copies of the pages, folded, without a closing "?": "Élément d'innovation",
# "À propos de ce projet", "Pourquoi le projet est-il innovant", "INFORMATIONS DU PROJET", "PROJECT DETAILS"
_REWORDED = re.compile(
    r"(?P<elements>elements? (?:d'|de l')innovation|elements? innovants?|innovation elements?)"
    r"|(?P<about>a propos (?:du|de ce) projet|description du projet|about (?:the|this) project|project description)"
    r"|(?P<innovative>(?:en quoi|pourquoi) (?:ce|le) projet est-il innovant|caractere innovant (?:du|de ce) projet"
    r"|what makes (?:the|this) project innovative|why is (?:the|this) project innovative)"
    r"|(?P<table>informations? (?:sur le|du|relatives? au) projet|project (?:information|details))")
# Headings only this family's pages have: with table rows, they tell its page even when the table's heading is
# missing, so that parse() says what is wrong with it.
_OWN_SECTIONS = ("elements", "innovative")
# Table row keys, folded -> record field.
ROWS = {
    "mission": "mission", "annee": "allocation_year", "year": "allocation_year",
    "annee d'allocation": "allocation_year", "allocation year": "allocation_year",
    "montant du financement": "budget", "funding amount": "budget", "budget": "budget",
    "budget total": "budget", "montant": "budget", "montant total": "budget", "cout total": "budget",
    **dict.fromkeys(("montant revise", "montant du financement revise", "budget revise", "budget total revise",
                     "revised amount", "revised funding amount", "revised budget"), "revised_budget"),
    "pays beneficiaires": "countries", "beneficiary countries": "countries", "pays beneficiaire": "countries",
    "beneficiary country": "countries", "pays": "countries", "countries": "countries",
    "duree": "duration", "duration": "duration", "code": "code", "project code": "code", "code du projet": "code",
    "date de debut": "start", "start date": "start", "date de fin": "end", "end date": "end",
    "titre": "title", "titre du projet": "title", "intitule du projet": "title", "project title": "title",
    "title": "title",
    "statut": "status", "statut du projet": "status", "status": "status", "project status": "status",
}
FIELD_LABELS = frozenset(ROWS)  # labels a value follows (converters/__init__.py gathers every family's)
_DATE_ROWS = {"start": "end", "end": "start"}  # each date row, and the other
# The record's fields a row gives, where they are not named as the row's field.
_ROW_FIELDS = {"mission": ("mission_countries",), "duration": ("duration_months",),
               "countries": ("beneficiary_countries", "eligible_countries", "other_countries")}
# A row key may carry a qualifier after a dash or in parentheses: "PAYS BÉNÉFICIAIRES – …", "MONTANT (USD)".
_QUALIFIED = re.compile(r"^(?P<key>.+?)\s*[-(]")


def detect(text: str) -> bool:
    """True for a page with at least two rows of the project table, and its table heading or a heading only this
    family writes (the page is then ours even without the table heading, and parse() says what it lacks)."""
    lines = page_lines(text)
    if not any(_heading(line) in ("table", *_OWN_SECTIONS) for line in lines):
        return False
    return sum(1 for line in lines if _row(line)[0]) >= 2


def parse(text: str, source: Source) -> Project:
    """Read one innovation page into a Project; its title only when the page gives one (none is invented)."""
    sections = _sections(without_footer(page_lines(text), lambda line: bool(_heading(line) or _row(line)[0])))
    for line in sections.get("elements", []) + sections.get("about", []):  # "Sobre o projeto": refused
        if len(line.text) <= _HEADING_LENGTH and (error := foreign_heading(line.text, NAME, line.number)):
            raise error
    rows = table_rows(text) if "|" in text else None  # a table's rows in the texts, their cells named
    about = paragraphs(sections.get("about", []), rows)
    innovative = paragraphs(sections.get("innovative", []), rows)
    title_line = _title_line(sections.get("navigation", []))
    title = title_line.text if title_line else None
    language = language_of([title, about, innovative])
    project = Project(source=source, language=language, title=title, description=about,
                      innovation_description=innovative, innovation_elements=_elements(sections.get("elements", [])))
    given: dict[str, Line] = {}  # the row (or title line) each field was first read from
    if title_line:
        given["title"] = title_line
        project.lines["title"] = title_line.number
    table = _table(sections["table"])
    dated = {field: line.number for line in reversed(table)  # the line of each date row's first value
             if (field := _row(line)[0]) in _DATE_ROWS and not no_value(_row(line)[1])}
    periods: list[tuple[Period, Line]] = []  # the dates a DURÉE row gives, set once the date rows are read
    ambiguous: list[Line] = []  # a budget in words for several currencies ("F CFA"): read once the countries are
    for line in table:
        field, value = _row(line)
        if field is None and (error := foreign_label(line.text.strip("| ").partition(":")[0], NAME, line.number)):
            raise error  # "PRESUPUESTO: 300 000 USD": refused, not published without it
        if field is None:  # a row of the table this family does not read
            project.notes.append((line.number, unread(f'row "{excerpt(line.text.strip("| "), 60)}"', NAME)))
            continue
        if not value and line is table[-1]:  # the table's last row: the page may be cut short there
            raise PageError(f'row "{excerpt(line.text)}" has no value', "give the value after the colon",
                            line=line.number)
        if no_value(value) or not value:  # "MONTANT DU FINANCEMENT: N/A", or an empty cell with rows after it: left
            # out, as when the table has no such row
            project.notes.append((line.number, no_value_note(line.text.strip("| ").partition(":")[0].strip(), value)))
            continue
        if field == "revised_budget":  # read after the table's rows, as the budget it replaces
            if field in given and value != _row(given[field])[1]:
                raise _clash(line, field, given[field])
            given.setdefault(field, line)
            continue
        names = _ROW_FIELDS.get(field, (field,))
        before = [getattr(project, name) for name in names]
        if field in _DATE_ROWS:  # a date row may give no date ("à ce jour"), or both dates ("2021/2023")
            other = dated.get(_DATE_ROWS[field])
            for name, date in read_date(field, value, line.number, other, project.notes).items():
                setattr(project, name, date)
                if date is not None:
                    project.lines[name] = line.number
        else:
            try:
                _assign(project, field, value, line, periods)
            except AmbiguousCurrency:  # known (PAYS BÉNÉFICIAIRES often comes after it)
                ambiguous.append(line)
        if field in given:
            if [getattr(project, name) for name in names] != before:
                raise _clash(line, field, given[field])
            continue
        given[field] = line
        project.lines.update(dict.fromkeys(names, line.number))
    for line in ambiguous:
        money = _budget(_row(line)[1], line, project.notes, page_countries(project))
        if project.budget not in (None, money):  # another budget row, read already
            other = next(row for row in table if _row(row)[0] == "budget" and row not in ambiguous)
            first, again = sorted((line, other), key=lambda row: row.number)
            raise _clash(again, "budget", first)
        project.budget = money
    for period, line in periods:
        add_period_dates(project, period, line.text.strip("| ").partition(":")[0].strip(), line.number)
    if "status" in given:  # "STATUT: Prolongation sans coût jusqu'au 31/12/2024": the later end date
        extension_end(project, _row(given["status"])[1], f'status "{excerpt(_row(given["status"])[1])}"',
                      given["status"].number)
    if "revised_budget" in given:  # the amount the project has now, the first budget left out
        _revised(project, given["revised_budget"], given.get("budget"))
    if "duration" in given:  # after the date rows and the dates the DURÉE row gives
        row = given["duration"]
        check_duration(project, f'row "{excerpt(row.text.strip("| "), 60)}"', row.number)
    return project


def _heading(line: Line) -> str | None:
    text = line.text.rstrip("| ")
    return _section(line.label if text == line.text else label_key(text))


def _section(key: str | None) -> str | None:
    """The section a heading's folded key names, in the site's wording or reworded; None for any other key."""
    if key is None or len(key) > _HEADING_LENGTH:
        return None
    if key in HEADINGS:
        return HEADINGS[key]
    match = _REWORDED.fullmatch(key.rstrip(" ?"))
    return match.lastgroup if match else None


_HEADING_LENGTH = 60  # folded, no heading is longer: a longer key is no heading, and is not tried against _REWORDED


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


def _labelled(line: Line) -> bool:
    """True for a "Key : value" line whose key could be a row's ("Partenaires : …"), in any case."""
    key, sep, value = line.text.partition(":")
    key = key.strip()
    return bool(sep and value.strip(" |") and 1 < len(key) <= 60 and key[0].isalpha())


def _sections(lines: list[Line]) -> dict[str, list[Line]]:
    """Lines by section, the lines before the first heading in "navigation"; an elements heading with its list on
    its line ("Éléments d'innovation : A ; B") starts the section with that list."""
    sections: dict[str, list[Line]] = {}
    current = sections.setdefault("navigation", [])
    for line in lines:
        heading, inline = _heading(line), None
        if not heading:
            heading, inline = _inline_elements(line)
        if heading in sections and any(_row(row)[0] for row in sections.get("table", [])):
            raise _second_page(sections["table"] if current is sections.get("table") else [], line)
        if heading:
            current = sections.setdefault(heading, [])
            if inline:
                current.append(inline)
        elif line.text.strip("-|: "):  # not a rule such as "---|"
            current.append(line)
    if "table" not in sections:
        row = next((line for line in lines if _row(line)[0]), None)
        if row is None:
            raise PageError("no INFORMATIONS SUR LE PROJET table", "the page must end with its project table")
        raise PageError(f'row "{excerpt(row.text.strip("| "), 60)}" is under no INFORMATIONS SUR LE PROJET heading',
                        "put that heading on the line above the project table", line=row.number)
    return sections


def _second_page(table: list[Line], heading: Line) -> PageError:
    """The error for a heading of a section the page gave already, after its table's rows: a second project's page
    pasted under this one, which starts at its heading or at the lines after the table before it (its title)."""
    last = max((at for at, line in enumerate(table) if _row(line)[0]), default=len(table) - 1)
    start = table[last + 1] if last + 1 < len(table) else heading
    which = "" if start is heading else f' (line {heading.number}: "{excerpt(heading.text, 50)}")'
    return PageError(f'a second project page starts on line {start.number} ("{excerpt(start.text, 50)}"), after '
                     f"this page's table, giving its sections again{which}", "give one page per file",
                     line=start.number)


def _inline_elements(line: Line) -> tuple[str | None, Line | None]:
    """ "Éléments d'innovation : A ; B" -> ("elements", the line "A ; B"): the heading with its list on its line
    (not a row of the table, closed by "|": that one is a row the family does not read)."""
    head, sep, rest = line.text.partition(":")
    key = label_key(head) if sep and rest.strip() and not line.text.endswith("|") else None
    if _section(key) != "elements":
        return None, None
    return "elements", Line.of(line.number, rest.strip(), line.indent, line.bulleted)


def _table(lines: list[Line]) -> list[Line]:
    """The table's rows, a row whose value goes on over the next lines joined into one; the table ends at its
    first line that is no row, so text after it is left out. A "Key : value" line of no key the family knows is a
    row when the table has no pipes and a row it knows follows; in a table of pipes, only when it is written as
    the table writes its rows (see _unknown_row)."""
    rows: list[list[Line]] = []  # each row's lines: its own, then those its value goes on over
    pending: list[Line] = []  # "Key : value" lines of a table without pipes, kept when a row we know follows
    piped = False  # whether a row closes its cell with "|"
    for line in lines:
        if _row(line)[0]:
            rows += [[row] for row in pending]
            pending = []
            rows.append([line])
            piped = piped or line.text.endswith("|")
        elif rows and not pending and _continues(rows[-1], line):
            rows[-1].append(line)
        elif _unknown_row(line):
            rows += [[row] for row in pending]
            pending = []
            rows.append([line])
        elif _labelled(line) and not piped:
            pending.append(line)
        elif _PAGE_MARK.search(line.text):  # a PDF's running header or footer between two rows: no part of the table
            continue
        else:
            break
    return [row[0] if len(row) == 1 else Line.of(row[0].number, " ".join(line.text for line in row))
            for row in rows]


def _continues(row: list[Line], line: Line) -> bool:
    """True when `line` goes on with the value of `row` (its lines so far): the row ends with a list separator
    ("Mali, Niger,"), the line is a sub-list of the beneficiaries ("États membres ne remplissant pas…: …"), or the
    row's cell is not closed and the line, with no key of its own, closes it ("Tchad |"), or the line goes on
    with "et" or "and" ("et Tchad"), or the row breaks off where a PDF copy wrapped it (see wrapped.breaks_off)."""
    if innovation_countries.SUBLIST.match(line.text) and _row(row[0])[0] == "countries":
        return True
    end = row[-1].text
    if _row(row[0])[0] == "countries" and not end.endswith("|") and ":" not in line.text \
            and is_country_list(line.text.rstrip(" |")):  # "…: Sénégal   Mali" over "Gambie   Niger": two columns
        return True
    if end.count("(") > end.count(")"):  # "Bolivie (État" over "Plurinational De), …": a PDF copy wrapped the row
        return True
    if _unknown_row(line):
        return False
    if _AND_MORE.match(line.text) and ":" not in line.text:  # "Pays bénéficiaires : Niger, Mali" then "et Tchad"
        return True
    if breaks_off(end.rstrip(" |")) and ":" not in line.text:  # "… Corne de" over "l’Afrique |"
        return True
    return end.endswith((",", ";")) or not end.endswith("|") and line.text.endswith("|") and ":" not in line.text


# A line of a PDF's page furniture: it ends with its page's number ("OIM – Innovation – Fiche projet – Page 1 sur 2")
_PAGE_MARK = re.compile(r"(?:^|\s)(?:page|p\.)\s*\d{1,4}(?:\s*(?:sur|of|de|/)\s*\d{1,4})?$", re.IGNORECASE)
_AND_MORE = re.compile(r"(?:et|and|&)\s+\S", re.IGNORECASE)


def _clash(line: Line, field: str, first: Line) -> PageError:
    what = {"allocation_year": "year", "start": "start date", "end": "end date", "revised_budget": "revised budget",
            "countries": "beneficiary countries"}.get(field, field)
    return PageError(f'row "{excerpt(line.text.strip("| "), 60)}" gives the {what} again, with another value than '
                     f'line {first.number} ("{excerpt(first.text.strip("| "), 60)}")',
                     "keep one value per field: remove the row that is wrong", line=line.number)


def _elements(lines: list[Line]) -> list[str]:
    """The innovation elements: short names, one a line or several on a line parted by ";" or "·". A line ending
    with a colon introduces the list, and so does a first line that says so without one (see _introduces); a
    longer line is running text, which an element never is (a section whose heading is not known falls under this
    one): PageError."""
    elements = []
    written = [line for line in lines if line.text]
    for at, line in enumerate(written):
        if line.text.endswith(":") or (at == 0 and _introduces(line, written[1:2])):
            continue
        for item in _ELEMENT_SEPARATOR.split(line.text):
            item = item.strip(" .,;")
            if no_value(item):  # "N/A": no element
                continue
            if len(item.split()) > _ELEMENT_WORDS:
                raise PageError(f'"{excerpt(item, 60)}" under the innovation elements is running text, not an '
                                "element's name", "give each element as a short name on its own line, and put the "
                                "heading of its section above running text (e.g. À propos du projet)",
                                line=line.number)
            if item:
                elements.append(item)
    return elements


# Elements parted by ";", "·", "•", or Word's sub-bullet "o" as a PDF or Word copy gives it, before a capital
# ("Diversité, genre et inclusion" over "o Cohésion sociale …", joined as one list item's wrapped line)
_ELEMENT_SEPARATOR = re.compile(r"\s*[;·•]\s*|(?:^|\s+)o\s+(?=[A-ZÀ-ÖØ-Þ])")
# Words that announce a list, folded: "… les éléments suivants", "… ci-dessous", "the following …"
_ANNOUNCES = re.compile(r"\b(?:suivant(?:e|s|es)?|ci[- ]dessous|ci[- ]apres|comme suit|the following|below"
                        r"|as follows)\b")
# How a sentence starts and an element's name does not, folded: with its subject ("Le projet …", "Il …")
_SUBJECT = re.compile(r"^(?:le|la|les|l'|ce|cet|cette|ces|il|elle|ils|elles|nous|on|notre|nos|son|sa|ses|leur|leurs"
                      r"|the|this|these|it|its|we|our)\b")


def _introduces(line: Line, following: list[Line]) -> bool:
    """True for a first line under the elements heading that introduces them without a colon: one that announces
    a list ("Le projet s'appuie sur les éléments suivants"), or a sentence ("Ce projet innove sur trois points")
    over bulleted elements, which an element's name under a lost bullet is not."""
    if _ELEMENT_SEPARATOR.search(line.text) or line.bulleted:
        return False
    folded = fold(line.text)
    return bool(_ANNOUNCES.search(folded)) or bool(following) and following[0].bulleted and bool(_SUBJECT.match(folded))
_ELEMENT_WORDS = 12  # the site's elements have a few words; a line of more is a sentence


def _title_line(navigation: list[Line]) -> Line | None:
    """The project's title: a line of its own just before the first heading, first on the page or after the site's
    menu (its entries, bulleted lines, or its text). A sentence, a bulleted line or a "Key: value" line whose key is
    a field's label is no title; "Bangladesh : Solutions numériques …", a country before the title, is one."""
    lines = [line for line in navigation if line.text]
    if not lines:
        return None
    last = lines[-1]
    if len(lines) > 1 and wrapped_title(lines[-2], last):  # a title wrapped over two lines, as a PDF copy gives it
        last = Line.of(lines[-2].number, title_text(lines[-2:]), lines[-2].indent)
        lines = [*lines[:-2], last]
    if last.bulleted or is_site_text(last) or _field_line(last) or _SENTENCE_END.search(last.text):
        return None
    before = lines[-2] if len(lines) > 1 else None
    if len(last.text.split()) > _TITLE_WORDS or (before is not None and not (before.bulleted or is_site_text(before))):
        return None
    return last


def _field_line(line: Line) -> bool:
    """True for a "Key : value" line whose key is a field label of a page family ("Partenaires : …"), or is
    written in lower case: a country or place before a title's colon is a name."""
    if not _labelled(line):
        return False
    key = line.text.partition(":")[0].strip()
    return not key[0].isupper() or label_key(key) in TAB_LABELS or fold(key) in ROWS


_TITLE_WORDS = 30  # a project's name is long at times, a paragraph is longer
_SENTENCE_END = re.compile(r"[.!?;:]$")


def _assign(project: Project, field: str, value: str, line: Line, dated: list[tuple[Period, Line]]) -> None:
    """Store one row's value on the project, typed; a duration's dates go to `dated`."""
    if field == "mission":
        project.mission_countries = innovation_countries.mission(project, value, line.number)
    elif field == "allocation_year":
        project.allocation_year = parse_year(value, line.number)
    elif field == "budget":
        project.budget = _budget(value, line, project.notes)
    elif field == "duration":  # "24 mois", "24 mois à compter de mars 2022": its dates are set after the table's
        period = read_period("duration", value, line.number, project.notes)
        project.duration_months = period.months
        if period.start or period.end:
            dated.append((period, line))
    elif field == "code":
        project.code = without_code_remark(value, line.number, project.notes)
    elif field == "title":
        project.title = value
    elif field == "status":  # read as the IDF reads its status: its head, an extended or closing project's active
        head = without_date_remark(value) or value
        if head != value.strip():
            project.notes.append((line.number, remark_note("status", value, head)))
        project.status = status_wording(head, line.number, project.notes)
    elif field == "countries":
        innovation_countries.beneficiaries(project, line)


def _revised(project: Project, row: Line, original: Line | None) -> None:
    """Store a revised budget ("MONTANT RÉVISÉ: CHF 300’000") as the project's budget, the first one the table
    gives left out with a note: the published budget is the one the project has now."""
    first = project.budget
    try:
        project.budget = _budget(_row(row)[1], row, project.notes)
    except AmbiguousCurrency:
        project.budget = _budget(_row(row)[1], row, project.notes, page_countries(project))
    project.lines["budget"] = row.number
    if first is not None and original is not None:
        label = original.text.strip("| ").partition(":")[0].strip()
        project.notes.append((original.number, revised_note(first, label, project.budget, row.number)))


def _budget(value: str, line: Line, notes: list[tuple[int | None, str]], countries: frozenset[str] | None = None
            ) -> Money:
    """The amount of a budget row, whose key may name the currency ("MONTANT DU FINANCEMENT (USD): 250 000"); a
    value naming another currency than its key is an error: which one is right cannot be told. Words for several
    currencies ("F CFA") are the one `countries` use (AmbiguousCurrency without them)."""
    key = line.text.partition(":")[0].strip()
    thousands = in_thousands(key)  # "MONTANT DU FINANCEMENT (en milliers d’USD): 1 250"
    code = label_currency(key) or (thousands[1] if thousands else None)
    money = (phased_budget(value, code, line.number, notes, countries)
             or parse_money(value, code, line.number, notes, countries))
    if thousands:
        money = thousands_budget(money, key, line.number, notes)
    if code and money.currency != code:
        raise PageError(f'row "{excerpt(line.text.strip("| "), 60)}" names {code} in its key and {money.currency} '
                        "in its value", "give the amount in the one currency the project has", line=line.number)
    return money

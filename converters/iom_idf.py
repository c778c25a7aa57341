"""IOM Development Fund project pages: a title, labelled fields (bullets or "-" lines), then free text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rdflib import URIRef

from .countries import check_apart, is_country_list, split_countries
from .datefields import add_period_dates, read_date, read_period, remark_note, without_date_remark
from .errors import PageError
from .iris import Iris
from .language import guess_language
from .namespaces import SCHEMA
from .navigation import is_site_text, without_footer
from .pagelines import Line, label_currency, label_key, numbered_items, page_lines, paragraphs
from .phases import phased_budget
from .records import Activity, Project, Source, no_value_note, unread
from .reference import reference
from .textnorm import collapse, excerpt, fold
from .values import REMARK, no_value, parse_money, parse_year

NAME = "iom-idf"
RECOGNISED_BY = ("two field labels, one only its pages use (Projet ID, Prima ID, IDF Region, Budget Amount (USD)), "
                 "or three, one of them Project ID")
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
    **dict.fromkeys(("duree", "duree du projet", "duration", "project duration"), "duration"),
    **dict.fromkeys(("periode", "periode du projet", "periode de mise en oeuvre", "periode d'execution",
                     "implementation period", "project period"), "period"),
}
FIELD_LABELS = frozenset(LABELS)  # labels a value follows (converters/__init__.py gathers every family's)
# Labels that only this family uses: one of them must be present for the page to be ours.
_DISTINCTIVE = {"idf region", "prima id", "projet id", "project id", "budget amount (usd)"}
# A page of two fields is ours by a label no other site writes: not "Project ID", which an English fact sheet of
# any agency gives with its budget ("Project ID: TUN-2021-004", "Budget: USD 1,200,000"), nor the eligible member
# states', which the innovation fund's pages give too; the site's mixed "Projet ID" is its own
_OWN = (_DISTINCTIVE - {"project id"}) | {"region idf", "region du fdi", "id prima"}
_COUNTRY_FIELDS = {"eligible_countries", "other_countries", "beneficiary_countries"}
_DATE_FIELDS = {"start": "end", "end": "start"}  # each date field, and the other
_PERIOD_FIELDS = ("duration", "period")  # a length, dates, or both: "24 mois à compter de mars 2022"
# Fields that any agency's fact sheet gives ("Duration: January 2021 – December 2023"), which the site's pages may
# give too: they do not tell its pages
_GENERIC_FIELDS = frozenset(_PERIOD_FIELDS)
_REMARKED = frozenset({"status", "scope"})  # fields of a concept, read without a remark on their value
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
# A Markdown heading's mark, which a page saved from a Markdown copy keeps before its title: "# Bénin : …"
_HEADING_MARK = re.compile(r"^#{1,6}\s+(?=\S)")
# A breadcrumb trail ("Accueil > Projets > …"): the site's, above the title, never part of it
_BREADCRUMB = re.compile(r"\s[>›]\s")
# How a line that a title goes on from can end: a comma, a colon, a dash, or a word that cannot end a title
_OPEN_END = re.compile(r"(?:[,:\-\u2013]|\b(?:de|des|du|d['’]|la|le|les|l['’]|et|à|au|aux|en|pour|dans|sur|par|avec|"
                       r"of|the|and|in|for|to|on|by|with|a|an))$")  # in lower case: "Phase A" ends a title
# What a note under a title holds and a title's second line does not: a colon, a date
_NOTE_LINE = re.compile(r":|\b\d{1,2}(?:er)?\s+[^\W\d]+\.?\s+\d{4}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b")
# Running text ends like a sentence
_SENTENCE_END = re.compile(r"[.!?…]$")
_INLINE = re.compile(r"^(?P<label>[^:]{3,80}?)\s*:\s*(?P<value>.+)$")


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
    lines = page_lines(text)
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
    description = paragraphs(text_lines)
    language = guess_language(" ".join(filter(None, [title, description])))
    project = Project(source=source, language=language, title=title, description=description,
                      funding_programme=FUNDING_PROGRAMME,
                      activities=[Activity(item) for item in numbered_items(text_lines)])
    given = {name: field for name, field in block.fields.items() if not no_value(field.value)}
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
        elif name not in _PERIOD_FIELDS:
            _assign(project, name, field)
            project.lines[name] = field.line
    for name in _PERIOD_FIELDS:  # after the date fields, which the dates of a period must agree with
        if name in given:
            _period(project, name, given[name])
    if title:
        project.lines["title"] = title_lines[0].number
    if site:
        project.notes.append((title_lines[0].number, f'"| {excerpt(site, 60)}" at the end of the title is the name of '
                                                     "the site it was copied from: left out of the title"))
    project.notes.extend((line, _unread(text)) for line, text in sorted(others))
    return project


def _unread(text: str) -> str:
    """The note for a field no label of ours names (`text`: its label and value), saying so when its label is
    mis-encoded: UTF-8 text read as Windows-1252 ("Ã‰tat(s) membre(s) bÃ©nÃ©ficiaires"), which no label matches."""
    note = unread(f'"{excerpt(text, 60)}"', NAME)
    label = text.partition(":")[0]
    if "Ã" not in label and "â€" not in label:  # the marks of é, É, ’, •… so read
        return note
    try:
        repaired = label.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return note
    return (f'{note}; its label looks mis-encoded (UTF-8 text read as Windows-1252): write it again as '
            f'"{excerpt(repaired, 60)}"')


class _Field(NamedTuple):
    """A field as the page gives it: its value, the line the value starts on, its label and the label's line."""

    value: str
    line: int
    label: str
    label_line: int


class _Block(NamedTuple):
    """The page's fields by name, the index of the first label line, the index where the description begins, and
    the indexes of the lines of fields given after the description began (no part of it)."""

    fields: dict[str, _Field]
    first: int
    end: int
    late: frozenset[int]


# ----- the title: the head of the paragraph before the fields

def _title(lines: list[Line], first: int, others: list[tuple[int, str]]) -> tuple[list[Line], list[Line]]:
    """The title's lines (a title wrapped over two lines has two) and the lines of description before the fields.

    The title is the head of the paragraph before the fields: a line under it that does not go on with it
    ("Publié le 12 mars 2023") is no part of it and goes to `others`. A paragraph of running text there is the
    start of the description, and the title the paragraph before it: a page may give a sentence of summary
    between its title and its fields.
    """
    at = _title_line(lines, first, others)
    lead: list[Line] = []
    if at is None:
        return [], lead
    start = _paragraph_start(lines, at)
    while _running_text(lines[start:at + 1]) and (before := _previous(lines, start)) is not None \
            and _in_title(lines[before]):
        lead = lines[start:at + 1] + lead
        at, start = before, _paragraph_start(lines, before)
    end = start + 1
    while end <= at and _goes_on(lines[end - 1].text, lines[end].text):
        end += 1
    others.extend((line.number, line.text) for line in lines[end:at + 1])
    return lines[start:end], lead


def _title_text(title_lines: list[Line]) -> str | None:
    """The title as one line, without a label or a heading mark before it; None for none."""
    title = " ".join(line.text for line in title_lines)
    return _TITLE_LABEL.sub("", _HEADING_MARK.sub("", title)) or None


def _without_site_name(title: str | None) -> tuple[str | None, str | None]:
    """The title without the names after it, parted by " | ", of the organisation that publishes the pages or
    of its fund ("… | Organisation internationale pour les migrations", "… | OIM", "… | IOM Development Fund"),
    as a browser's page title adds them and a copy of it keeps; and those names (None for none)."""
    if not title or " | " not in title:
        return title, None
    head, names = title, []
    while " | " in head and _publisher_name((parts := head.rsplit(" | ", 1))[1]):
        head, names = parts[0].rstrip(), [parts[1].strip(), *names]
    return (head, " | ".join(names)) if names and head else (title, None)


def _publisher_name(text: str) -> bool:
    """True for a name of the fund whose pages these are, or of the organisation that funds it and publishes its
    pages, from the reference data (ontology/organisations.ttl)."""
    key = fold(text).strip(" .")
    if key in _programme_names():
        return True
    found = reference().organisation(key)
    return found is not None and found == _publisher()


@lru_cache(maxsize=1)
def _publisher() -> URIRef | None:
    """The organisation that funds the fund (schema:funder), the IOM, in the reference data."""
    ref = reference()
    return ref.graph.value(Iris(ref.base).programme(FUNDING_PROGRAMME), SCHEMA.funder)


def _title_line(lines: list[Line], first: int, others: list[tuple[int, str]]) -> int | None:
    """The index of the last line of the title: the line before the first field the family knows, past the fields
    before it that no label of ours names ("• Date prévue" and its value: a title is no field's value), which go
    to `others`. The site's menu ("- 2030 AGENDA" before the title) is no field; a bulleted first line of the
    page set apart from the fields by a blank line is the title ("• Burundi : appui …")."""
    index = first
    while (at := _previous(lines, index)) is not None:
        line = lines[at]
        if line.bulleted and _previous(lines, at) is None and lines[at + 1].blank and not is_site_text(line):
            return at
        if line.bulleted and len(line.text.split()) < _PROSE_WORDS and not is_site_text(line):
            others.append((line.number, line.text))  # "• Date prévue: 2022", "• Date prévue 2022"
            index = at
            continue
        label = _previous(lines, at)
        if label is not None and _field_pair(lines, label, at) and not is_site_text(lines[label]):
            others.append((lines[label].number, f"{lines[label].text}: {line.text}"))
            index = label
            continue
        if is_site_text(line):  # "Partager", "Facebook Twitter LinkedIn E-mail" between the title and the fields
            index = at
            continue
        return None if line.bulleted or _programme_line(line) else at
    return None


def _paragraph_start(lines: list[Line], at: int) -> int:
    """The index of the first line of the paragraph lines[at] ends, as far up as a title may reach."""
    while at > 0 and _in_title(lines[at - 1]):
        at -= 1
    return at


def _in_title(line: Line) -> bool:
    """True for a line a title may be made of: text, not a list item, not the site's menu or breadcrumb trail, nor
    the name of the programme the site prints above the title."""
    return not line.blank and not line.bulleted and not is_site_text(line) and not _BREADCRUMB.search(line.text) \
        and not _programme_line(line)


def _programme_line(line: Line) -> bool:
    """True for a line that is the name of the fund whose pages these are and nothing else, as the site prints it
    above a title ("Fonds de l'OIM pour le développement", "IOM Development Fund (IDF)"); a title that names
    the fund says more."""
    name = fold(REMARK.sub(" ", line.text)).strip(" :|-\u2013")
    names = _programme_names()
    return collapse(name) in names and all(fold(remark.strip("() ")) in names for remark in REMARK.findall(line.text))


@lru_cache(maxsize=1)
def _programme_names() -> frozenset[str]:
    """The folded names of the fund, from the reference data (ontology/organisations.ttl)."""
    return reference().programme_names(FUNDING_PROGRAMME)


def _goes_on(line: str, following: str) -> bool:
    """True when `following` continues `line`, as a title wrapped over two lines does: it starts in lower case, or
    `line` ends where no title ends ("… et de la protection des"); never a line of a date or with a colon, a note
    on the page ("dernière mise à jour : 12 mars 2023", "Publié le 12 mars 2023")."""
    if _NOTE_LINE.search(following):
        return False
    return following[:1].islower() or bool(_OPEN_END.search(line))


def _running_text(lines: list[Line]) -> bool:
    """True for lines of running text: a sentence that ends as one and is longer than a title."""
    return bool(lines) and bool(_SENTENCE_END.search(lines[-1].text)) and \
        sum(len(line.text.split()) for line in lines) >= _PROSE_WORDS


def _previous(lines: list[Line], index: int) -> int | None:
    """The index of the last line with text before `index`, if any."""
    return next((at for at in range(index - 1, -1, -1) if not lines[at].blank), None)


def _field_pair(lines: list[Line], label: int, value: int) -> bool:
    """True when lines[label] and lines[value] are laid out as a label and its value: "  • Label" over a value
    indented further, or "-", "Label", "value" lines."""
    name, text = lines[label], lines[value]
    if name.bulleted:
        return ":" not in name.text and not text.bulleted and text.indent > name.indent
    return value == label + 1 and _after_dash(lines, label)


def _after_dash(lines: list[Line], index: int) -> bool:
    """True when lines[index] follows a "-" line, as labels do in the site's second layout."""
    return index > 0 and lines[index - 1].blank and lines[index - 1].bulleted


# ----- the field block

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
    """The LABELS key a folded label stands for: itself; for a budget label in another currency than the site's
    ("Budget (EUR)", "Budget total (EUR)", "Budget Amount (CHF)"), the budget's; or for a wording of the
    beneficiary lists the site has not used yet ("Eligible Beneficiary Member State(s)", "Autres pays
    bénéficiaires"), the list it names."""
    if key in LABELS:
        return key
    if key is not None and key.endswith(")") and (budget := _budget_key(key)):
        return budget
    if key is None or len(key) > _LIST_LABEL_LENGTH or not _LIST_HINT.search(key) or _SENTENCE.search(key):
        return None
    if _INELIGIBLE.search(key) or _OTHER.search(key):
        return _OTHER_KEY
    if _STATES.search(key):
        return _ELIGIBLE_KEY if _ELIGIBLE.search(key) else _BENEFICIARY_KEY if _BENEFICIARY.search(key) else None
    return None


def _budget_key(key: str) -> str | None:
    """The LABELS key of a folded budget label that names a currency: a budget label ("budget total", or one the site
    writes with "(usd)", "montant") with a currency in brackets after it ("budget total (eur)"); None for another."""
    head = _CURRENCY_BRACKET.sub("", key)
    if head == key or label_currency(key) is None:
        return None
    return next((known for known in (head, f"{head} (usd)") if LABELS.get(known) == "budget"), None)


_CURRENCY_BRACKET = re.compile(r"\s*\([^()]{1,12}\)$")


def _field_block(lines: list[Line], labels: tuple, others: list[tuple[int, str]]) -> _Block:
    """The page's fields (see _scan_fields). The page's first line may read "Label : value" and be the title
    ("Budget : intégrer la migration …"): it is when the fields under it give that field too."""
    top = next((at for at, line in enumerate(lines) if not line.blank), None)
    if top is not None and labels[top][1] is not None and not lines[top].bulleted:
        titled = labels[:top] + ((None, None),) + labels[top + 1:]
        found: list[tuple[int, str]] = []
        try:
            block = _scan_fields(lines, titled, found)
        except PageError:
            block = None
        if block is not None and LABELS[labels[top][0]] in block.fields:
            others.extend(found)
            return block
    return _scan_fields(lines, labels, others)


def _scan_fields(lines: list[Line], labels: tuple, others: list[tuple[int, str]]) -> _Block:
    """The field block, from the first label line of the page to where the description begins.

    Lines among the fields that no label reads are a field this family does not know, laid out as the fields
    are (they go to `others` as (line, text) when a field follows them), or the start of the description. It
    starts at running text, or at a line laid out as no field ("Contexte" under bulleted fields): from there a
    line that reads "Label : value" is text ("Budget : 50 000 USD de cofinancement …"). Only a field the page has
    not given yet, marked as a field (bulleted, or after a "-" line), may still follow: after a line laid out as
    no field the block goes on with it; after running text it is a late field, no part of the description.
    """
    fields: dict[str, _Field] = {}
    first = end = previous = begun = None
    run: list[int] = []  # lines since the last field's value that no label reads
    broken = False  # a line of the run is laid out as no field
    late: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        key, inline = labels[index]
        if key is not None and not _is_field(lines, index, LABELS[key], inline, fields, begun is not None or broken):
            key = None
        if key is None:
            if first is not None and begun is None and not line.blank:
                if _long(line) and not _value_of_unknown(lines, index, run):
                    begun = run[0] if run else index
                elif not broken:
                    broken = _out_of_layout(lines, index, previous)
                run.append(index)
            index += 1
            continue
        if run and begun is None:
            rest = " ".join(lines[at].text for at in run[1:])
            others.append((lines[run[0]].number, f"{lines[run[0]].text}: {rest}" if rest else lines[run[0]].text))
        run, broken = [], False
        first = index if first is None else first
        field = LABELS[key]
        values, after = _value_lines(lines, labels, index, field, inline)
        if field in fields and (not values or " ".join(value.text for value in values) != fields[field].value):
            raise PageError(f'field "{excerpt(line.text)}" appears twice (lines {fields[field].label_line} and '
                            f"{line.number})", "keep one of them", line=line.number)
        if not values:
            raise PageError(f'field "{excerpt(line.text)}" has no value', "the page may be cut short: "
                            "give the value on the line after the label", line=line.number)
        if field not in fields:  # given again with the same value, as some pages repeat the project ID: read once
            fields[field] = _Field(" ".join(value.text for value in values), values[0].number, line.text, line.number)
        if begun is None:
            end, previous = after, index
        else:
            late.update(range(index, after))
        index = after
    if first is None:
        raise PageError("no project fields found", "an IDF page lists fields such as Projet ID")
    start = _past_unknown_fields(lines, labels, end if begun is None else begun, others)
    return _Block(fields, first, start, frozenset(late))


def _past_unknown_fields(lines: list[Line], labels: tuple, start: int, others: list[tuple[int, str]]) -> int:
    """Where the description begins: at `start`, or past the fields there that no label of ours names, laid out as
    the site lays out its fields (see _unknown_field), which go to `others` as (line, text). Such a field given
    last is a field as it is among the others ("• Partenaires de mise en œuvre" over "    Service de
    l'immigration du Ghana (GIS)"), not the start of the description."""
    at = start
    while (label := next((i for i in range(at, len(lines)) if not lines[i].blank), None)) is not None \
            and (values := _unknown_field(lines, labels, label)):
        others.append((lines[label].number, f"{lines[label].text}: {' '.join(lines[i].text for i in values)}"))
        at = start = values[-1] + 1
    return start


def _unknown_field(lines: list[Line], labels: tuple, label: int) -> list[int]:
    """The indexes of the value lines of a field no label of ours names at lines[label], laid out as the site lays
    out a field: a short bulleted label over its value, indented further, or a label after a "-" line over its
    value on the next line; none for anything else, and for running text under a label (a heading of the
    description: "• Contexte" over its first paragraph)."""
    name = lines[label]
    if labels[label][0] is not None or ":" in name.text or _long(name):
        return []
    if name.bulleted:
        first = next((i for i in range(label + 1, len(lines)) if not lines[i].blank), len(lines))
        values = []
        for at in range(first, len(lines)):
            line = lines[at]
            if line.blank or line.bulleted or line.indent <= name.indent or labels[at][0] is not None:
                break
            values.append(at)
    elif _after_dash(lines, label) and label + 1 < len(lines) and not lines[label + 1].blank \
            and not lines[label + 1].bulleted and labels[label + 1][0] is None:
        values = [label + 1]
    else:
        return []
    if any(_long(lines[at]) and _SENTENCE_END.search(lines[at].text) for at in values):
        return []
    return values


def _is_field(lines: list[Line], index: int, field: str, inline: str | None, fields: dict[str, _Field],
              described: bool) -> bool:
    """Whether the label line lines[index] is that field, or text that starts like it. Once the description may
    have begun, only a field not given yet and marked as one (bulleted, or after a "-" line) is; before, an
    unmarked "Label : value" line for a field already given is a sentence ("Budget : le projet dispose de …")."""
    if inline is not None and _sentence(inline):  # "Budget : le projet est cofinancé par … à hauteur de …."
        return False
    marked = lines[index].bulleted or _after_dash(lines, index)
    if described:
        return marked and field not in fields
    return marked or inline is None or field not in fields


def _sentence(value: str) -> bool:
    """True for a value that is a sentence, as no field's is: it starts in lower case, runs on, ends with a stop."""
    return value[:1].islower() and len(value.split()) >= _SENTENCE_WORDS and bool(_SENTENCE_END.search(value))


_SENTENCE_WORDS = 6


def _long(line: Line) -> bool:
    """True for a line of running text: no label is that long, nor any value but a country list."""
    return len(line.text.split()) >= _PROSE_WORDS


def _value_of_unknown(lines: list[Line], index: int, run: list[int]) -> bool:
    """True when lines[index] is the value of the field no label names on the line before it ("• Objectif" over
    a sentence): a field of its own, marked as one, and short as labels are."""
    if not run or run[-1] != _previous(lines, index):
        return False
    label = run[-1]
    return (lines[label].bulleted or _after_dash(lines, label)) and not _long(lines[label])


def _out_of_layout(lines: list[Line], index: int, label: int) -> bool:
    """True when lines[index], after the field whose label is lines[label], is laid out as no field: not marked as
    a field of its own (bulleted, or after a "-" line) nor as the value of such a field (indented under a bulleted
    label, on the line after a label that follows a "-" line). Under labels on lines of their own that carry
    no mark ("Label: value", or a tab between) any line may be a field no label names."""
    line, name = lines[index], lines[label]
    if line.bulleted or _after_dash(lines, index):
        return False
    if name.bulleted:
        return line.indent <= name.indent
    if _after_dash(lines, label):
        return not _after_dash(lines, index - 1)
    return False


def _value_lines(lines: list[Line], labels: tuple, index: int, field: str,
                 inline: str | None) -> tuple[list[Line], int]:
    """The lines holding a field's value and the index just after them.

    A value is one line; a country list goes on over following lines that are country lists too, laid out as
    its first: a value indented under its bulleted label goes on only on indented lines ("Soudan du Sud" at the
    margin under "    Kenya, Ouganda" is a heading of the description).
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
    indented = inline is None and label_line.bulleted and values[0].indent > label_line.indent
    while field in _COUNTRY_FIELDS and index < len(lines):
        following = index
        while following < len(lines) and lines[following].blank:
            following += 1
        if following == len(lines) or labels[following][0] or (indented and not lines[following].indent) \
                or not is_country_list(lines[following].text):
            break
        values.append(lines[following])
        index = following + 1
    return values, index


def _check_one_page(lines: list[Line], labels: tuple, block: _Block) -> None:
    """PageError when the text after the fields gives them again, three or more and one only this family has
    ("Projet ID"), as the page of another project pasted under this one does; it starts at its title, or at its
    own fields this page lacks, just before. Such a page lays its fields out as the site does (bulleted labels over
    their values, or "-" lines) or as this page does: "Label : value" lines in the description that quote another
    phase's fields ("Projet ID : PO.0500", "Date de fin : 2020") under bulleted fields are text, and so is a line
    of the description that starts like a field."""
    given = [at for at in range(block.end, len(lines))
             if labels[at][0] and at not in block.late and LABELS[labels[at][0]] in block.fields]
    if len({LABELS[labels[at][0]] for at in given}) < 3:
        return  # most pages: their text gives no three of their fields again, whatever the layout
    layouts = {_layout(lines, labels, at) for at in range(block.first, block.end) if labels[at][0]}
    again = [at for at in given if _layout(lines, labels, at) in layouts | {(True, False)}]
    keys = {labels[at][0] for at in again}
    if len({LABELS[key] for key in keys}) < 3 or not keys & _DISTINCTIVE:
        return
    first = again[0]
    while (before := _previous(lines, first)) is not None and before in block.late:
        first = before
    at = _title_line(lines, first, [])
    at = first if at is None else at
    while at > block.end and _in_title(lines[at - 1]) and _goes_on(lines[at - 1].text, lines[at].text):
        at -= 1  # a title wrapped over two lines (not the paragraph before: the first page's text may touch it)
    start = lines[at]
    raise PageError(f'a second project page starts on line {start.number} ("{excerpt(start.text, 50)}"), giving '
                    f"this page's fields again ({excerpt(', '.join(lines[at].text for at in again), 50)})",
                    "give one page per file", line=start.number)


def _layout(lines: list[Line], labels: tuple, at: int) -> tuple[bool, bool]:
    """How the label line lines[at] is laid out: whether marked as a field (bulleted, or after a "-" line), and
    whether its value is on it ("Label : value")."""
    return lines[at].bulleted or _after_dash(lines, at), labels[at][1] is not None


def _check_not_cut_short(after: list[Line]) -> None:
    """PageError when the one line after the fields is the start of a field label ("• Etat(s) membre(s) benef"):
    the page was cut short there, and that line is no description."""
    written = [line for line in after if not line.blank]
    if len(written) != 1 or not written[0].label:
        return
    key = written[0].label
    if any(label.startswith(key) and label != key for label in LABELS):
        raise PageError(f'the page seems cut short at "{excerpt(written[0].text)}", the start of a field label',
                        "give the whole page: that field and its value", line=written[0].number)


# The fields that name a project and where it runs, which the site gives last: a page that has none of them and
# stops on a value was cut before them
_LAST_FIELDS = frozenset({"code", "prima_id"}) | _COUNTRY_FIELDS


def _check_not_cut_in_fields(block: _Block, after: list[Line]) -> None:
    """PageError when the page stops on a field's value, with no description after it, and gives neither its
    project ID, its Prima ID nor its countries, the fields the site gives last: the page was cut short among its
    fields, and the last value read may be cut too ("Budget Amount (USD)" over "300")."""
    if any(not line.blank for line in after) or block.fields.keys() & _LAST_FIELDS or not block.fields:
        return
    last = max(block.fields.values(), key=lambda field: field.line)
    raise PageError(f'the page may be cut short: it stops on the value of "{excerpt(last.label)}" '
                    f'("{excerpt(last.value)}") with no description, and gives no project ID, Prima ID or countries',
                    "give the whole page; a page of a few fields gives its project ID (Projet ID) at least",
                    line=last.line)


def _assign(project: Project, name: str, field: _Field) -> None:
    """Store one field's value on the project, typed."""
    value, line = field.value, field.line
    if name == "allocation_year":
        project.allocation_year = parse_year(value, line)
    elif name == "budget":
        code = label_currency(field.label.partition(":")[0].strip())
        project.budget = (phased_budget(value, code, line, project.notes)
                          or parse_money(value, code, line, project.notes))
        if code and project.budget.currency != code:  # which of the two is right cannot be told
            raise PageError(f'field "{excerpt(field.label.partition(":")[0].strip())}" names {code} in its label and '
                            f'{project.budget.currency} in its value "{excerpt(value)}"',
                            "give the amount in the one currency the project has", line=line)
    elif name in _COUNTRY_FIELDS:
        setattr(project, name, split_countries(value, line, project.notes))
        check_apart(project.eligible_countries, project.other_countries, line)
    elif name in _REMARKED:
        setattr(project, name, _without_remark(project, name, value, line))
    else:
        setattr(project, name, value)


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

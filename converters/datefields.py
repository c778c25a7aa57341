"""Date fields as project pages fill them beyond a plain date: a remark on the date, a word before it, an end not
reached yet, and both dates of the project in one field; and fields of a duration or a period, which give a
length, dates, or both ("24 mois à compter de mars 2022")."""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import PageError
from .phases import phased_date, phased_months
from .records import PartialDate, Project
from .textnorm import collapse, excerpt, fold
from .values import REMARK, parse_date, parse_duration_months, parse_period

_WHAT = {"start": "start date", "end": "end date"}
# A remark after a dash: "2023 – prolongé", "En cours – prolongé" (a lower-case word: "Actif – Active" names a
# status twice, "2021 - 2023" is a span), or a phase the project is in: "Actif – Phase II"
_DASH_REMARK = re.compile(r"\s+[-\u2013\u2014]\s+(?=[a-zà-ÿ]|Phase\b|PHASE\b)")
# What an end date says when the project has not ended, folded: "à ce jour", "en cours", "to date"
_ONGOING = re.compile(r"(?:jusqu'(?:a|au) |a |au |to |until )?(?:ce jour|aujourd'hui|present|le present|date"
                      r"|maintenant|now)|en cours|ongoing|actuellement|currently")
_STILL_RUNNING = '"à ce jour" if the project is still running'
# Words before a date, folded, that say the field's date and nothing more: "depuis 2020", "jusqu'en 2023"
_LEADS = {"start": re.compile(r"^(?:(?:depuis|des)(?: le)?|a partir d(?:e |u |')|a compter d(?:e |u |')|since|from"
                              r"|starting(?: from| in)?)\s*(?=\S)"),
          "end": re.compile(r"^(?:jusqu'(?:au|en|a) ?|jusque |until|till)\s*(?=\S)")}
# What parts the two dates of a span, folded: "2021/2023", "2021 - 2023", "de mars 2021 à juin 2023"
_SPAN_OPENING = re.compile(r"^(?:de|du|from|between)\s+")
_SPAN_SEPARATOR = re.compile(r"\s*[-/]\s*|\s+(?:a|au|to|until|and|et|jusqu'(?:a|au|en))\s+")


def without_remark(value: str) -> str:
    """The value without a remark in brackets or after a dash ("Actif (prolongé)", "En cours – prolongé" -> the
    status); the value itself when it has none."""
    return collapse(_DASH_REMARK.split(REMARK.sub(" ", value), maxsplit=1)[0])


def without_date_remark(value: str) -> str:
    """without_remark(), and without a phrase of time after the words that name a concept ("En cours depuis 2021",
    "Actif à ce jour", "Achevé en juin 2023" -> the status): the words before the first such phrase that runs to
    the end of the value."""
    head = without_remark(value)
    words = head.split(" ")
    for at in range(max(1, len(words) - _LONGEST_PHRASE), len(words)):  # a phrase of time is a few words
        if _time_phrase(fold(" ".join(words[at:])).strip(" .")) and any(char.isalpha() for char in words[at - 1]):
            return " ".join(words[:at])
    return head


_LONGEST_PHRASE = 10  # words: "en cours depuis le 1er septembre 2021" has six

# A word that puts a date in time after a status ("Achevé en 2023", "Terminé le 30 juin 2023", "Closed in 2022")
_AT = re.compile(r"^(?:en|le|au|in|on|as of|since)\s+(?=\S)")


def _time_phrase(folded: str) -> bool:
    """True for a phrase that says when, folded: "depuis 2021", "à ce jour", "jusqu'en 2024", "en juin 2023"."""
    if _ONGOING.fullmatch(folded):
        return True
    return any((lead := pattern.match(folded)) and _date(folded[lead.end():]) is not None
               for pattern in (*_LEADS.values(), _AT))


def without_code_remark(value: str, line: int, notes: list[tuple[int, str]]) -> str:
    """A project code without a remark on it in brackets or after a dash ("IS.0418 (Phase II)", "PO.0322 – phase
    2"), which goes to `notes`: the remark is no part of the code, which names the project's IRI; its leading letters
    in capitals, as codes are published ("po.0181" is "PO.0181", noted: one code in two cases would make two
    projects).
    A value that is no code with its remark either is the value (the build says what is wrong with it)."""
    value = value.strip()
    if _CODE.fullmatch(value):
        return _in_capitals(value, line, notes)
    head = without_remark(value)
    if head != value and _CODE.fullmatch(head):
        notes.append((line, remark_note("project code", value, head)))
        return _in_capitals(head, line, notes)
    return value


def _in_capitals(code: str, line: int, notes: list[tuple[int, str]]) -> str:
    """The code with its letters before the first figure in capitals ("po.0181" is "PO.0181", "is.0077-2"
    "IS.0077-2"), with a note when they were not; a letter after the figures is the code's own ("IS.0423b")."""
    match = _CODE_PREFIX.match(code)
    if match is None or not any(char.islower() for char in match[0]):
        return code
    capitals = match[0].upper() + code[match.end():]
    notes.append((line, f'project code "{code}" is read as "{capitals}": project codes are written in capitals, '
                        "and one code in two cases would name two projects"))
    return capitals


_CODE_PREFIX = re.compile(r"[A-Za-z]+(?=[._-]?\d)")  # the letters that start a code, "PO" of "PO.0181"


# A project code as the published data allows it (shapes/project.ttl): letters, digits, ".", "-", "_"
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def remark_note(what: str, value: str, head: str) -> str:
    """The note for a value read without its remark."""
    return f'{what} "{excerpt(value)}" is read as "{head}": the remark on it is left out of the record'


def read_date(field: str, value: str, line: int, other: int | None,
              notes: list[tuple[int, str]]) -> dict[str, PartialDate | None]:
    """The dates a start or end date field (`field`) gives, by field: its date ("2021"), read without a remark
    ("2023 (prolongé)") or a word before it ("depuis 2020"); no end date for one not reached yet ("à ce jour");
    both dates for a span ("2021/2023") when the page gives no other date field (`other` is the line of that field,
    or None). What is left out goes to `notes`; PageError for anything else."""
    try:
        date = parse_date(value, line)
    except PageError as error:
        refused = error
    else:
        if date.month is None and (part := _YEAR_PART.search(fold(value))):  # "S1 2022", "Q3 2023"
            notes.append((line, f'{_WHAT[field]} "{excerpt(value)}" is read as its year, {date.iso()}: the '
                                f'{"semester" if part["half"] else "quarter"} is left out of the record'))
        return {field: date}
    if (phased := phased_date(field, value, line, notes)) is not None:  # "Phase I : 2019 ; Phase II : 2021"
        return {field: phased}
    text = _WEEKDAY.sub("", collapse(value))  # "lundi 3 janvier 2022": the day's name says no more than its date
    if text != collapse(value) and (date := _date(text)) is not None:
        return {field: date}
    dates = _worded(field, text, line, other, notes)  # first whole: "2020 - à ce jour" is a span, not a remark
    if dates is None and (head := without_remark(text)) and head != text:
        dates = _worded(field, head, line, other, notes)
        if dates is not None and field == "end" and dates["end"] is not None \
                and (extended := _extended(text)) is not None and _order(extended[0]) > _order(dates["end"]):
            (later, reason), first = extended, dates["end"].iso()
            notes.append((line, f'{_WHAT[field]} "{excerpt(value)}" is read as "{later.iso()}", {reason}: the first '
                                f"end date, {first}, is left out of the record"))
            dates = {"end": later}
        elif dates is not None:
            notes.append((line, remark_note(_WHAT[field], value, head)))
    if dates is None:  # parse_date's error, which an end in words ("bientôt") may have meant to be no date yet
        words = field == "end" and not any(char.isdigit() for char in value)
        raise PageError(refused.message, f"{refused.hint}, or {_STILL_RUNNING}" if words else refused.hint,
                        line=line)
    return dates


# A semester or a quarter of a year, folded: "S1 2022", "H2 2021", "Q3 2023", "T2 2022", "2e trimestre 2022"
_YEAR_PART = re.compile(r"\b(?:(?P<half>[sh][12]\b|(?:\w+\s+)?(?:semestre|half))|[qt][1-4]\b"
                        r"|(?:\w+\s+)?(?:trimestre|quarter))")


def _worded(field: str, text: str, line: int, other: int | None,
            notes: list[tuple[int, str]]) -> dict[str, PartialDate | None] | None:
    """read_date() of a value without its remark, or None when it is none of the forms read_date() reads."""
    folded = fold(text).strip(" .")
    if (date := _date(folded)) is not None:  # the remark gone: "2023 (prolongé)"
        return {field: date}
    if field == "end" and _ONGOING.fullmatch(folded):
        notes.append((line, _ongoing_note(field, text)))
        return {"end": None}
    if (lead := _LEADS[field].match(folded)) and (date := _date(folded[lead.end():])):
        return {field: date}
    span = _span(folded)
    if span is None:
        return None
    if other is not None:
        alone = span[0] if field == "start" else span[1]
        what = _WHAT["end" if field == "start" else "start"]
        raise PageError(f'{_WHAT[field]} "{excerpt(text)}" gives the {what} too, and the page gives the {what} '
                        f"on line {other}",
                        f"write the {_WHAT[field]} alone, e.g. {alone.iso() if alone else 'à ce jour'}", line=line)
    if span[1] is None:
        notes.append((line, _ongoing_note(field, text)))
    return {"start": span[0], "end": span[1]}


# A remark that extends the end date to another: "(prolongé jusqu'en juin 2024)", "– extended to June 2024", a no-cost
# extension, "(prolongation sans coût jusqu'au 31/12/2024)", "(no-cost extension to June 2024)", or
# says a later phase runs to it: "(Phase II : jusqu'en décembre 2023)", "(phase 2 until December 2023)"
_EXTENDED = re.compile(r"(?:\b(?:prolonge|etendu|reporte|extended|postponed|prolongation|(?:no[- ]cost )?extension)"
                       r"e?s?(?:\s+\(?sans (?:frais|couts?)(?: supplementaires?)?\)?|\s+at no(?: additional)? cost)?\s+"
                       r"|\bphase\s+(?P<phase>[ivx]+|\d+)\s*:?\s*)"
                       r"(?:jusqu'(?:au|en|a) ?|jusque |au |a |until |till |to )(?P<date>[^)]+)")


def _extended(remark: str) -> tuple[PartialDate, str] | None:
    """The date a remark on an end date says the project was extended to, or a later phase of it runs to, and what
    the note says it is; None for none."""
    found = _EXTENDED.search(fold(remark))
    if not found or (date := _date(found["date"].strip(" ."))) is None:
        return None
    phase = found["phase"]
    return date, f"the date its phase {phase.upper()} runs to" if phase else "the date the project was extended to"


def extended_to(value: str) -> PartialDate | None:
    """The date a no-cost extension's wording extends the project to ("Prolongation sans coût jusqu'au 31/12/2024",
    "jusqu'au 30 juin 2023" under a "Prolongation sans coût" label, "No-cost extension to June 2024"); None for
    none."""
    folded = fold(value).strip(" .")
    if (found := _extended(value)) is not None:
        return found[0]
    lead = _LEADS["end"].match(folded) or _TO.match(folded)
    return _date(folded[lead.end():] if lead else folded)


_TO = re.compile(r"^(?:au|to|a)\s+(?=\d|[a-z]+ \d)")


def extension_end(project: Project, value: str, what: str, line: int) -> None:
    """Read a no-cost extension (a "Prolongation sans coût" field over "jusqu'au 30 juin 2023", a status
    "Prolongation sans coût jusqu'au 31/12/2024"; `what` names it in the notes): the project's end date is the later
    date, with a note; PageError for a field of an extension that gives no date."""
    later = extended_to(value)
    if later is None:
        if what.startswith("field"):
            raise PageError(f'{what} gives no date: "{excerpt(value)}"',
                            "write the date the project was extended to, e.g. jusqu'au 30/06/2023", line=line)
        return
    first = project.end
    if first is not None and _order(later) <= _order(first):
        project.notes.append((line, f"{what} gives {later.iso()}, not after the end date {first.iso()}: left out of "
                                    "the record"))
        return
    was = f"the end date {first.iso()} is left out of the record" if first else "the page gives no other end date"
    project.notes.append((line, f"{what} extends the project to {later.iso()}: that is its end date; {was}"))
    project.end = later
    project.lines["end"] = line


def _order(date: PartialDate) -> tuple[int, int, int]:
    return date.year, date.month or 0, date.day or 0


def _span(folded: str) -> tuple[PartialDate, PartialDate | None] | None:
    """The start and end of "2021/2023", "janvier 2021 - mars 2022", "de 2021 à 2023", "2020 - à ce jour" (no end
    yet), parted where both sides read as dates; None for no such span."""
    folded = _SPAN_OPENING.sub("", folded)
    for separator in _SPAN_SEPARATOR.finditer(folded):
        if separator.start() > _LONGEST_DATE:  # no start is a date past here: a long text stops the search at once
            return None
        start, end = folded[:separator.start()], folded[separator.end():]
        if len(end) > _LONGEST_DATE + len(" (prolonge jusqu'en decembre 2023)"):  # nor this end
            continue
        if (first := _date(start)) is None:
            continue
        if _ONGOING.fullmatch(end):
            return first, None
        if (last := _date(end)) is not None:
            return first, last
    return None


_LONGEST_DATE = 60  # characters: the longest date parse_date reads is far shorter ("deuxième trimestre 2021")


# The name of a day before its date, as a period's text reads ("du lundi 3 janvier 2022 au samedi 31 décembre
# 2022", "Monday, 3 January 2022"), which the date says without it
_WEEKDAY = re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday"
                      r"|friday|saturday|sunday)\b,?\s+(?=\d|le\s+\d)", re.IGNORECASE)


def _date(text: str) -> PartialDate | None:
    """The date `text` is, a day's name before it or not; None for none."""
    try:
        return parse_date(_WEEKDAY.sub("", text))
    except PageError:
        return None


def _ongoing_note(field: str, value: str) -> str:
    return f'{_WHAT[field]} "{excerpt(value)}" says the project is still running: no end date in the record'


# ----- durations and periods: a length, its dates, or both in one field ("24 mois à compter de mars 2022")

class Period(NamedTuple):
    """What a duration or period field gives: its length in months, its start and its end; None for what it does
    not give."""

    months: int | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None


# A length at the start of a duration or period, folded: "24 mois", "2 ans", "1 an et 6 mois", "2 ans et demi"
_LENGTH = re.compile(r"(?P<length>\d+(?:[.,]\d+)?\s*(?:mois|months?|ans?|annees?|years?)"
                     r"(?:\s*(?:et|and|,)?\s*\d+\s*(?:mois|months?)|\s+et\s+demi)?)(?!\w)")
_HALF = re.compile(r"^(\d+)\s*(ans?|annees?)\s+et\s+demi$")  # "2 ans et demi": 2,5 ans
# What parts a length from its dates, folded: "18 mois, de juillet 2021 à …", "24 mois : 2022-2024"
_LENGTH_SEPARATOR = re.compile(r"^[,:;\-]\s*")
# A remark that extends a length, folded: "(prolongé à 24 mois)" to a length, "(prolongé de 6 mois)" by one
_LONGER = re.compile(r"\b(?:prolonge|etendu|extended)e?s?\s+(?:(?P<to>a|au|to|jusqu'a)|(?P<by>de|by))\s+"
                     r"(?P<length>[^)]+)")


def read_period(what: str, value: str, line: int, notes: list[tuple[int, str]]) -> Period:
    """The length and dates a duration or period field (`what`: "duration" or "period") gives: "24 mois", "2 ans
    et demi", "mars 2022 – février 2024", a length and its start, "24 mois à compter de mars 2022", or its span,
    "18 mois (de janvier 2022 à juin 2023)", "36 mois (2021-2024)". A remark on a length is left out with a note,
    but one that extends it ("18 mois (prolongé à 24 mois)") gives the length it was extended to; a span whose end
    is not reached yet ("mars 2022 – à ce jour") gives no end, with a note. PageError for anything else."""
    if (months := phased_months(value, line, notes)) is not None:  # "Phase I : 12 mois ; Phase II : 18 mois"
        return Period(months)
    folded = fold(value).strip(" .")
    length = _LENGTH.match(folded)
    if length is None:
        if (dates := _period_dates(folded, value, line, notes, what)) is None:
            raise _no_period(what, value, line)
        return Period(None, *dates)
    months = parse_duration_months(_HALF.sub(r"\1,5 \2", length["length"]), line)
    rest = folded[length.end():].strip()
    if not rest:
        return Period(months)
    if REMARK.fullmatch(rest):  # "18 mois (de janvier 2022 à juin 2023)", "24 mois (prolongé à 30 mois)"
        dates = _period_dates(rest[1:-1].strip(), value, line, notes, what, every_date=False)
        return Period(months, *dates) if dates else Period(_remarked(months, rest, value, line, notes))
    if (dates := _period_dates(_LENGTH_SEPARATOR.sub("", rest), value, line, notes, what)) is None:
        raise PageError(f'{what} "{excerpt(value)}" gives a length, {months} months, then "{excerpt(rest, 40)}", '
                        "which is no date", 'write the length alone ("24 mois") or with its start '
                        '("24 mois à compter de mars 2022")', line=line)
    return Period(months, *dates)


def _no_period(what: str, value: str, line: int) -> PageError:
    if what == "duration":
        return PageError(f'duration "{excerpt(value)}" is not a number of months or years',
                         'write it as e.g. 24 mois, or "24 mois à compter de mars 2022"', line=line)
    return PageError(f'{what} "{excerpt(value)}" has no date, nor a length', 'write it as e.g. "mars 2022 – février '
                     '2024", or a length: "24 mois"', line=line)


def _period_dates(folded: str, value: str, line: int, notes: list[tuple[int, str]], what: str,
                  every_date: bool = True) -> tuple[PartialDate | None, PartialDate | None] | None:
    """(start, end) of a period's dates, folded: a span ("mars 2022 - fevrier 2024", "de 2021 a 2023"), one end
    of it after a word that says which ("a compter du 1er avril 2021", "jusqu'en 2024"), or, with `every_date`,
    its dates wherever they are, the first and the last ("jun 2020 jun 2020", "2019-21"); None for no date."""
    span = _span(folded)
    if span is None and (lead := _LEADS["start"].match(folded)):
        rest = folded[lead.end():]
        if (date := _date(rest)) is not None:
            return date, None  # "à compter de mars 2022", "depuis 2022": a start, which says nothing of an end
        span = _span(rest)  # "à partir de mars 2022 jusqu'en février 2024", "depuis janvier 2022 – en cours"
    elif span is None and (lead := _LEADS["end"].match(folded)) and (date := _date(folded[lead.end():])):
        return None, date
    if span is not None:
        if span[1] is None:
            notes.append((line, f'{what} "{excerpt(value)}" says the project is still running: no end date in the '
                                "record"))
        return span
    if not every_date:
        return None
    try:
        dates = parse_period(folded, line)
    except PageError:
        return None
    return dates[0], dates[-1] if len(dates) > 1 else None


def _remarked(months: int, remark: str, value: str, line: int, notes: list[tuple[int, str]]) -> int:
    """The length a remark on a length of `months` leaves: the length it was extended to ("(prolongé à 30 mois)",
    "(prolongé de 6 mois)"), or `months`, the remark left out; either with a note."""
    extended = _LONGER.search(remark)
    total = None
    if extended:
        try:
            more = parse_duration_months(extended["length"].strip(" ."))
        except PageError:
            more = None
        total = more if not more or extended["to"] else months + more
    if total is None or total <= months:
        notes.append((line, f'duration "{excerpt(value)}" is read as {months} months: the remark on it is left out '
                            "of the record"))
        return months
    notes.append((line, f'duration "{excerpt(value)}" is read as {total} months, the length the project was '
                        f"extended to: the first length, {months} months, is left out of the record"))
    return total


def add_period_dates(project: Project, period: Period, field: str, line: int) -> None:
    """Set on the project the dates a duration or period field gives (`field`, its label, on `line`). A date field
    of the page gives them first: one that says the same, or the same more precisely ("1er mars 2022" and "mars
    2022"), makes one date, the more precise; one that says another date is an error, naming both lines."""
    for name, date in (("start", period.start), ("end", period.end)):
        given = getattr(project, name)
        if date is None or given == date or given is not None and _within(date, given):
            continue
        if given is not None and not _within(given, date):
            raise PageError(f'field "{excerpt(field)}" gives the {_WHAT[name]} {date.iso()}, and line '
                            f"{project.lines[name]} gives {given.iso()}", f"give the {_WHAT[name]} once, or the "
                            "same date in both fields", line=line)
        setattr(project, name, date)
        project.lines[name] = line


def _within(coarse: PartialDate, fine: PartialDate) -> bool:
    """True when `fine` is `coarse` or a date within it (2022-03-01 within 2022-03, 2022-03 within 2022)."""
    return coarse.year == fine.year and (coarse.month is None or coarse.month == fine.month and (
        coarse.day is None or coarse.day == fine.day))


def check_duration(project: Project, given: str, line: int) -> None:
    """PageError when the project's length in months, which `given` (the field, quoted, on `line`) gives, is not
    what its start and end dates span, naming both lines. Dates of a year or a month allow any of their days: only
    a length that no start and end they allow make, by more than a month (a length is rounded: "24 mois" for 1er
    mars 2022 – 1er mars 2024), is refused ("24 mois" for 2022 – 2025 is not: 31 décembre 2022 – 1er janvier 2025)."""
    months, start, end = project.duration_months, project.start, project.end
    if months is None or start is None or end is None:
        return
    shortest = _months_between(_last_day(start), _first_day(end))
    longest = _months_between(_first_day(start), _last_day(end))
    if shortest < 0 or shortest - _LENGTH_ROUNDING <= months <= longest + _LENGTH_ROUNDING:
        return  # an end before the start is another error, which the dates give alone
    spans = f"{shortest:.0f} months" if longest - shortest < 1 else f"{shortest:.0f} to {longest:.0f} months"
    raise PageError(f"{given} gives a duration of {months} months, and the start date on line "
                    f"{project.lines['start']} and the end date on line {project.lines['end']} ({start.iso()} – "
                    f"{end.iso()}) span {spans}", "give the duration the dates span, or the dates it runs between",
                    line=line)


_LENGTH_ROUNDING = 1  # month: a length a page gives is rounded, and may count the last day or not


def _first_day(date: PartialDate) -> tuple[int, int, int]:
    return date.year, date.month or 1, date.day or 1


def _last_day(date: PartialDate) -> tuple[int, int, int]:
    """The last day a date allows, as (year, month, day); a month's taken as 31 days long, which allows a little more
    than it has, never less (and any year, as no calendar does)."""
    return date.year, date.month or 12, date.day or 31


def _months_between(start: tuple[int, int, int], end: tuple[int, int, int]) -> float:
    """The months from the day `start` to the day `end`, both counted, a day a thirtieth of a month: about 12 for
    2022-01-01 – 2022-12-31."""
    return (end[0] - start[0]) * 12 + end[1] - start[1] + (end[2] + 1 - start[2]) / 30

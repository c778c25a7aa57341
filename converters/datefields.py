"""Date fields as project pages fill them beyond a plain date: a remark on the date, a word before it, an end not
reached yet, and both dates of the project in one field."""

from __future__ import annotations

import re

from .errors import PageError
from .records import PartialDate
from .textnorm import collapse, excerpt, fold
from .values import REMARK, parse_date

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
    for at in range(1, len(words)):
        if _time_phrase(fold(" ".join(words[at:])).strip(" .")) and any(char.isalpha() for char in words[at - 1]):
            return " ".join(words[:at])
    return head


# A word that puts a date in time after a status ("Achevé en 2023", "Terminé le 30 juin 2023", "Closed in 2022")
_AT = re.compile(r"^(?:en|le|au|in|on|as of|since)\s+(?=\S)")


def _time_phrase(folded: str) -> bool:
    """True for a phrase that says when, folded: "depuis 2021", "à ce jour", "jusqu'en 2024", "en juin 2023"."""
    if _ONGOING.fullmatch(folded):
        return True
    return any((lead := pattern.match(folded)) and _date(folded[lead.end():]) is not None
               for pattern in (*_LEADS.values(), _AT))


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
        return {field: parse_date(value, line)}
    except PageError as error:
        refused = error
    text = collapse(value)
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


# A remark that extends the end date to another: "(prolongé jusqu'en juin 2024)", "– extended to June 2024", or
# says a later phase runs to it: "(Phase II : jusqu'en décembre 2023)", "(phase 2 until December 2023)"
_EXTENDED = re.compile(r"(?:\b(?:prolonge|etendu|reporte|extended|postponed)e?s?\s+"
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


def _order(date: PartialDate) -> tuple[int, int, int]:
    return date.year, date.month or 0, date.day or 0


def _span(folded: str) -> tuple[PartialDate, PartialDate | None] | None:
    """The start and end of "2021/2023", "janvier 2021 - mars 2022", "de 2021 à 2023", "2020 - à ce jour" (no end
    yet), parted where both sides read as dates; None for no such span."""
    folded = _SPAN_OPENING.sub("", folded)
    for separator in _SPAN_SEPARATOR.finditer(folded):
        start, end = folded[:separator.start()], folded[separator.end():]
        if (first := _date(start)) is None:
            continue
        if _ONGOING.fullmatch(end):
            return first, None
        if (last := _date(end)) is not None:
            return first, last
    return None


def _date(text: str) -> PartialDate | None:
    try:
        return parse_date(text)
    except PageError:
        return None


def _ongoing_note(field: str, value: str) -> str:
    return f'{_WHAT[field]} "{excerpt(value)}" says the project is still running: no end date in the record'

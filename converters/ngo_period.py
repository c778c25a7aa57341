"""The period of an NGO page ("Durée du projet" and its lines): its dates as US pages write them, month first, a
line that extends it ("Prolongation sans coût jusqu'au 31/12/2024"), and its phases ("Phase I : 2019-2020 ; Phase
II : 2021-2023", on one line or one a line)."""

from __future__ import annotations

import re

from .datefields import read_period
from .errors import PageError
from .pagelines import Line
from .phases import is_phase, phased_period
from .records import Project, no_value_note
from .textnorm import excerpt, fold
from .values import no_value

# A date of figures, day or month first: "15/03/2021", "03/15/2021", "3-15-2021"
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})\b")
# A line of the period that extends it, folded: "Prolongation sans coût jusqu'au …", "Extension jusqu'en …"
_EXTENSION = re.compile(r"^(?:prolongation|prolonge|extension|extended|no-cost extension|report)\b")


def period(project: Project, lines: list[Line]) -> None:
    """The project's length, start and end from its period's lines, as datefields.read_period reads them, or as
    phases.phased_period joins its phases; dates written month first read so where one of them tells it (a month
    over 12 second, "03/15/2021"), noted."""
    if not lines:
        return
    phases = len(lines) > 1 and all(is_phase(line.text) for line in lines)  # "Phase I : 2019-2020", "Phase II : …"
    text = (" ; " if phases else " ").join(line.text for line in lines)
    number = lines[0].number
    if no_value(text):  # "Durée du projet:" then "À préciser"
        project.notes.append((number, no_value_note("Durée du projet", text)))
        return
    text = _day_first(text, number, project.notes)
    if (span := phased_period(text, number, project.notes)) is not None:  # "Phase I : 2019-2020 ; Phase II : …"
        project.start, project.end = span
        return
    # "Jun 2020 Jun 2020", "36 mois", "36 mois à partir de mars 2020", "18 mois, de … à …" (datefields.read_period)
    read = read_period("period", text, number, project.notes)
    project.duration_months, project.start, project.end = read
    extension = next((line for line in lines[1:] if _EXTENSION.match(fold(line.text))), None)
    if extension is None or read.end is None:
        return
    before = " ".join(line.text for line in lines if line is not extension)
    try:
        first = read_period("period", _day_first(before, number, []), number, []).end
    except PageError:
        return
    if first is not None and first != read.end:
        project.notes.append((extension.number, f'"{excerpt(extension.text, 60)}" extends the project: its end '
                                                f"date, {read.end.iso()}, is the record's; the end line {number} gave "
                                                f"before, {first.iso()}, is left out"))


def _day_first(text: str, line: int, notes: list[tuple[int, str]]) -> str:
    """`text` with its dates of figures written day first (as ISO dates) where one of them gives the month first
    ("03/15/2021 - 03/14/2023": a US page's), noted; as it is where none does. PageError for a text that writes
    one date month first and another day first."""
    dates = list(_NUMERIC_DATE.finditer(text))
    month_first = [date for date in dates if int(date["b"]) > 12 >= int(date["a"]) > 0]
    if not month_first:
        return text
    if day_first := next((date for date in dates if int(date["a"]) > 12 >= int(date["b"]) > 0), None):
        raise PageError(f'period "{excerpt(text)}" writes "{month_first[0][0]}" month first and "{day_first[0]}" '
                        "day first", f"write every date day first, e.g. {month_first[0]['b']}/{month_first[0]['a']}/"
                        f"{month_first[0]['year']}", line=line)
    notes.append((line, f'period "{excerpt(text)}" writes its dates month first, as "{month_first[0][0]}" tells: '
                        "read so"))
    return _NUMERIC_DATE.sub(lambda date: f"{date['year']}-{int(date['a']):02}-{int(date['b']):02}", text)

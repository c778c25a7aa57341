"""The field block of an IDF page: its labelled fields, from the first label to where the description begins."""

from __future__ import annotations

import re
from typing import NamedTuple

from .countries import is_country_list
from .errors import PageError
from .idf_labels import _COUNTRY_FIELDS, LABELS
from .pagelines import Line
from .textnorm import excerpt
from .wrapped import breaks_off

# A line of this many words or more is running text: no field label or value is that long but a country list,
# which a label starts
_PROSE_WORDS = 15
# Running text ends like a sentence
_SENTENCE_END = re.compile(r"[.!?…]$")


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
        if not values and not _before_field(lines, index, after):
            raise PageError(f'field "{excerpt(line.text)}" has no value', "the page may be cut short: "
                            "give the value on the line after the label", line=line.number)
        if not values:  # an empty cell of the page's table, another field under it: no value, as "N/A" gives none
            values = [Line.of(line.number, "", line.indent)]
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

    A value is one line, and the next when it breaks off (see wrapped.breaks_off); a country list goes on over
    following lines that are country lists too, laid out as its first: a value indented under its bulleted label
    goes on only on indented lines ("Soudan du Sud" at the margin under "    Kenya, Ouganda" is a heading of the
    description).
    The lines after the last field are the description, so nothing else is taken.
    """
    label_line = lines[index]
    if inline is not None:
        values, index = [Line.of(label_line.number, inline, label_line.indent)], index + 1
    else:
        index += 1
        while index < len(lines) and lines[index].blank:
            index += 1
        if index == len(lines) or labels[index][0] and not _status_extension(field, labels[index]):
            return [], index
        values, index = [lines[index]], index + 1
    while breaks_off(values[-1].text) and index < len(lines) and lines[index].text and not lines[index].bulleted \
            and not labels[index][0]:  # "Afrique de l’Est et Corne de" over "l’Afrique": a PDF copy wrapped it
        values.append(lines[index])
        index += 1
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


def _status_extension(field: str, label: tuple[str | None, str | None]) -> bool:
    """True for a status whose value reads as the label of a no-cost extension ("Prolongation sans coût"): the value,
    an extended project's status."""
    return field == "status" and label[1] is None and LABELS[label[0]] == "extension"


def _before_field(lines: list[Line], label: int, after: int) -> bool:
    """True when the label lines[label], which no value follows, is followed by another field's label laid out as it
    is (bulleted under bulleted, after a "-" line under one, unmarked under unmarked): an empty field among the
    others, not a page cut short after its last label."""
    if after >= len(lines):
        return False
    marked = lines[label].bulleted or _after_dash(lines, label)
    return marked == (lines[after].bulleted or _after_dash(lines, after))


def _previous(lines: list[Line], index: int) -> int | None:
    """The index of the last line with text before `index`, if any."""
    return next((at for at in range(index - 1, -1, -1) if not lines[at].blank), None)


def _after_dash(lines: list[Line], index: int) -> bool:
    """True when lines[index] follows a "-" line, as labels do in the site's second layout."""
    return index > 0 and lines[index - 1].blank and lines[index - 1].bulleted

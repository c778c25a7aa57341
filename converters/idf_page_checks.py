"""Texts that are not one whole IDF page: a second project's page pasted under the first, a page cut short."""

from __future__ import annotations

from .errors import PageError
from .idf_fields import _after_dash, _Block, _previous, _value_lines
from .idf_labels import _COUNTRY_FIELDS, _DISTINCTIVE, LABELS
from .idf_title import _goes_on, _in_title, _title_line
from .pagelines import Line
from .textnorm import excerpt


def _check_one_page(lines: list[Line], labels: tuple, block: _Block) -> None:
    """PageError when the text after the fields gives them again, three or more and one only this family has
    ("Projet ID"), as the page of another project pasted under this one does; it starts at its title, or at its
    own fields this page lacks, just before. Such a page lays its fields out as the site does (bulleted labels over
    their values, or "-" lines) or as this page does: "Label : value" lines in the description that quote another
    phase's fields ("Projet ID : PO.0500", "Date de fin : 2020") under bulleted fields are text, and so is a line
    of the description that starts like a field."""
    given = [at for at in range(block.end, len(lines))
             if labels[at][0] and at not in block.late and LABELS[labels[at][0]] in block.fields]
    if not given or len({LABELS[labels[at][0]] for at in given}) < 3 and not block.late:
        return  # most pages: their text gives no three of their fields again, whatever the layout
    layouts = {_layout(lines, labels, at) for at in range(block.first, block.end) if labels[at][0]}
    again = [at for at in given if _layout(lines, labels, at) in layouts | {(True, False)}]
    keys = {labels[at][0] for at in again}
    if len({LABELS[key] for key in keys}) < 3 or not keys & _DISTINCTIVE:
        again = [at for at in again if _among_late(lines, labels, block, at)]
        keys = {labels[at][0] for at in again} | {labels[at][0] for at in block.late if labels[at][0]}
        if not again or len({LABELS[key] for key in keys}) < 3 or not keys & _DISTINCTIVE:
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


def _among_late(lines: list[Line], labels: tuple, block: _Block, at: int) -> bool:
    """True when the label line lines[at], a field the page gave already, is among fields given after the
    description began (the line before it, or the one after its value, is one of theirs): a second page's fields,
    which the first page, when short, did not give, and its fields again ("• Date de début" … "• Projet ID")."""
    before = _previous(lines, at)
    if before is not None and before in block.late:
        return True
    _, after = _value_lines(lines, labels, at, LABELS[labels[at][0]], labels[at][1])
    following = next((index for index in range(after, len(lines)) if not lines[index].blank), None)
    return following in block.late


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

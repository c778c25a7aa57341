"""Project tables: a project's row and the facts it is made from (prepared once before the pages that list
it), and the page files a long table is cut into."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple
from urllib.parse import quote

from markupsafe import Markup
from rdflib import URIRef

from .sitestream import Packed
from .terms import interned
from .views import Value, html_text, value_html

PAGE_ROWS = 100  # rows of a project table on one page; further rows go to page files "{path},2.html"…
PAGE_MARK = ","  # between a resource's path and a page number: never in a minted path, which percent-encodes it


@dataclass(frozen=True)
class ProjectRow:
    """A project as one line of a table."""

    name: Value
    code: str
    status: tuple[Value, ...]
    period: str
    budget: str
    countries: int

    @cached_property
    def cells(self) -> Markup:
        """Its <tr> and cells up to the relation or the count of countries, as the project table writes them:
        made once however many pages list the project."""
        status = "".join(f'<span class="badge">{value_html(s)}</span>' for s in self.status)
        return Markup(f'<tr>\n<td>{value_html(self.name)}</td>\n<td class="mono">{html_text(self.code)}</td>\n'
                      f'<td>{status}</td>\n<td class="nowrap">{html_text(self.period)}</td>\n'
                      f'<td class="num">{html_text(self.budget)}</td>\n')


class RowFacts(NamedTuple):
    """What a project's row says whatever page lists it: its code, statuses (to be named as links from the
    page), period, budget and how many countries benefit."""

    code: str
    statuses: tuple[URIRef, ...]
    period: str
    budget: str
    countries: int


class TableRow(NamedTuple):
    """A project's row as a table writes it: its <tr> and cells up to the relation or the count of countries
    (ProjectRow.cells), and that count."""

    cells: Markup
    countries: int


@dataclass(frozen=True)
class Pager:
    """Where one page of a long project table is among the others: links to the previous and next pages."""

    number: int
    count: int
    previous: str | None
    next: str | None


def page_file(path: str, number: int) -> str:
    """The site's file for page `number` of a resource's page ("" is the landing page, index.html)."""
    stem = path or "index"
    return f"{stem}.html" if number == 1 else f"{stem}{PAGE_MARK}{number}.html"


def split_page(relative: str) -> tuple[str, int] | None:
    """"country/AR,2.html" (or its percent-encoded form) -> ("country/AR", 2); None for any other path."""
    stem = relative.removesuffix(".html")
    for mark in (PAGE_MARK, quote(PAGE_MARK)):
        path, sep, number = stem.rpartition(mark)
        if sep and stem != relative and number.isdigit() and not number.startswith("0") and int(number) > 1:
            return ("" if path == "index" else path), int(number)
    return None


class Prepared:
    """Projects' row facts and labels, made before the pages that list them (Pages.prepare), each project's as
    one JSON text in a sitestream.Packed: processes forked afterwards read them without copying them."""

    def __init__(self, packed: Packed) -> None:
        self.packed = packed
        self._last: tuple[str, list | None] = ("", None)  # a row reads its project's facts, then its label

    def put(self, project: URIRef, facts: RowFacts, label: tuple[str, str | None]) -> None:
        record = [facts.code, [str(s) for s in facts.statuses], facts.period, facts.budget, facts.countries, *label]
        self.packed.put(str(project), [json.dumps(record, ensure_ascii=False)])
        self._last = ("", None)  # the record read last may be the one just replaced

    def _record(self, project: URIRef) -> list | None:
        key = str(project)
        if self._last[0] == key:
            return self._last[1]
        found = self.packed.get(key)
        record = None if found is None else json.loads(found[0])
        self._last = (key, record)
        return record

    def row_facts(self, project: URIRef) -> RowFacts | None:
        record = self._record(project)
        if record is None:
            return None
        code, statuses, period, budget, countries, _, _ = record
        return RowFacts(code, tuple(interned(s) for s in statuses), period, budget, countries)

    def label(self, node: URIRef) -> tuple[str, str | None] | None:
        """The label of a project (View.label), None for any other node."""
        record = self._record(node)
        return None if record is None else (record[5], record[6])

"""Budget totals and the inline SVG bar charts that show them, drawn on the server (no script, no network)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from markupsafe import Markup
from rdflib import URIRef

from converters.textnorm import fold

from .describe import Index
from .terms import MP, SCHEMA

WIDTH, VALUE_WIDTH, ROW, LABEL_CHARS = 520, 120, 38, 64


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts, how much, and where its label links."""

    label: str
    value: Decimal
    href: str | None = None
    lang: str | None = None


def budgets(index: Index) -> list[tuple[URIRef, Decimal, str]]:
    """Every project's budget as (project, amount, currency), in project order."""
    found = []
    for project in index.typed(MP.Project):
        for part in index.values(project, MP.budget):
            amounts, currencies = index.values(part, SCHEMA.value), index.values(part, SCHEMA.currency)
            try:
                amount = Decimal(str(amounts[0]))
            except (IndexError, InvalidOperation):
                continue
            found.append((project, amount, str(currencies[0]) if currencies else ""))
    return found


def totals(index: Index, predicate: URIRef, found: list[tuple[URIRef, Decimal, str]] | None = None,
           ) -> dict[str, dict[URIRef | None, Decimal]]:
    """Budget summed per value of `predicate` (a region, a country…), per currency; a project counts in full
    for each value it has, and under None when it has none. `found`: budgets(index), if made already."""
    summed: dict[str, dict[URIRef | None, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for project, amount, currency in budgets(index) if found is None else found:
        keys = index.values(project, predicate) or [None]
        for key in keys:
            summed[currency][key] += amount
    return {currency: dict(by_key) for currency, by_key in sorted(summed.items())}


def _amount(value: Decimal, lang: str) -> str:
    shown = f"{value:,.0f}"
    return shown.replace(",", "\u202f") if lang == "fr" else shown


def bar_chart(title: str, bars: list[Bar], unit: str, lang: str, chart_id: str, more: str = "+{n}",
              limit: int = 25) -> Markup:
    """A horizontal bar chart as inline SVG, the `limit` largest first, each bar under its label (a link when it
    can be); `more` (with {n}) says how many bars were left out."""
    ordered = sorted(bars, key=lambda bar: (-bar.value, fold(bar.label)))
    left_out, ordered = len(ordered[limit:]), ordered[:limit]
    top = max((bar.value for bar in ordered), default=Decimal(0)) or Decimal(1)
    span = WIDTH - VALUE_WIDTH
    rows = []
    for number, bar in enumerate(ordered):
        y = number * ROW
        length = max(1, int(span * bar.value / top))
        label = bar.label if len(bar.label) <= LABEL_CHARS else bar.label[:LABEL_CHARS - 1] + "…"
        lang_attr = Markup(' xml:lang="{}"').format(bar.lang) if bar.lang else ""
        text = Markup('<text x="0" y="{y}" class="chart-label"{lang}>{label}<title>{full}</title></text>').format(
            y=y + 13, lang=lang_attr, label=label, full=bar.label)
        if bar.href:
            text = Markup('<a href="{href}">{text}</a>').format(href=bar.href, text=text)
        rows.append(Markup(
            '{text}<rect x="0" y="{y}" width="{w}" height="14" class="chart-bar"/>'
            '<text x="{vx}" y="{ty}" class="chart-value">{value} {unit}</text>').format(
            text=text, y=y + 18, w=length, vx=length + 6, ty=y + 30, value=_amount(bar.value, lang), unit=unit))
    if left_out:
        rows.append(Markup('<text x="0" y="{y}" class="chart-value">{text}</text>').format(
            y=ROW * len(ordered) + 13, text=more.format(n=left_out)))
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-labelledby="{id}"><title id="{id}">{title}</title>{rows}</svg>').format(
        w=WIDTH, h=ROW * (len(ordered) + bool(left_out)), id=chart_id, title=title, rows=Markup("").join(rows))

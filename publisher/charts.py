"""Budget totals and the inline SVG bar charts that show them, drawn on the server (no script, no network)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from markupsafe import Markup, escape
from rdflib import URIRef

from converters.namespaces import MP, SCHEMA
from converters.textnorm import fold

from .describe import Index

WIDTH, LABEL_WIDTH, VALUE_WIDTH, ROW = 520, 170, 110, 24


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
    for project in sorted(s for s in index.by_subject if MP.Project in index.types(s)):
        for part in index.values(project, MP.budget):
            amounts, currencies = index.values(part, SCHEMA.value), index.values(part, SCHEMA.currency)
            try:
                amount = Decimal(str(amounts[0]))
            except (IndexError, InvalidOperation):
                continue
            found.append((project, amount, str(currencies[0]) if currencies else ""))
    return found


def totals(index: Index, predicate: URIRef) -> dict[str, dict[URIRef | None, Decimal]]:
    """Budget summed per value of `predicate` (a region, a country…), per currency; a project counts in full
    for each value it has, and under None when it has none."""
    summed: dict[str, dict[URIRef | None, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for project, amount, currency in budgets(index):
        keys = index.values(project, predicate) or [None]
        for key in keys:
            summed[currency][key] += amount
    return {currency: dict(by_key) for currency, by_key in sorted(summed.items())}


def _amount(value: Decimal, lang: str) -> str:
    shown = f"{value:,.0f}"
    return shown.replace(",", "\u202f") if lang == "fr" else shown


def bar_chart(title: str, bars: list[Bar], unit: str, lang: str, chart_id: str) -> Markup:
    """A horizontal bar chart as inline SVG, largest first, with each label a link when it has one."""
    ordered = sorted(bars, key=lambda bar: (-bar.value, fold(bar.label)))
    top = max((bar.value for bar in ordered), default=Decimal(0)) or Decimal(1)
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW * len(ordered) + 8
    rows = []
    for number, bar in enumerate(ordered):
        y = 4 + number * ROW
        length = max(1, int(span * bar.value / top))
        label = bar.label if len(bar.label) <= 30 else bar.label[:29] + "…"
        lang_attr = Markup(f' xml:lang="{escape(bar.lang)}"') if bar.lang else ""
        text = Markup('<text x="{x}" y="{y}" class="chart-label"{lang}>{label}<title>{full}</title></text>').format(
            x=LABEL_WIDTH - 8, y=y + 16, lang=lang_attr, label=label, full=bar.label)
        if bar.href:
            text = Markup('<a href="{href}">{text}</a>').format(href=bar.href, text=text)
        rows.append(Markup(
            '{text}<rect x="{x}" y="{y}" width="{w}" height="{h}" class="chart-bar"/>'
            '<text x="{vx}" y="{ty}" class="chart-value">{value} {unit}</text>').format(
            text=text, x=LABEL_WIDTH, y=y + 3, w=length, h=ROW - 8, vx=LABEL_WIDTH + length + 6, ty=y + 16,
            value=_amount(bar.value, lang), unit=unit))
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-labelledby="{id}"><title id="{id}">{title}</title>{rows}</svg>').format(
        w=WIDTH, h=height, id=chart_id, title=title, rows=Markup("").join(rows))

"""Graph nodes as people read them: labels in the page's language, values formatted, links relative to the page."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path

from markupsafe import Markup, escape
from rdflib import Graph, Literal, URIRef

from converters.namespaces import PREFIXES
from converters.textnorm import fold

from .describe import Index, path_of
from .terms import DCT, MP, RDF, RDFS, SCHEMA, SKOS, XSD, interned

LABELS_FILE = Path(__file__).parent / "templates" / "labels.ttl"
# The facts of a project in the order people look for them; other properties follow, by label.
FACT_ORDER = (RDF.type, DCT.identifier, MP.primaId, MP.status, MP.projectType, MP.geographicScope, MP.region,
              MP.startDate, MP.endDate, MP.durationMonths, MP.allocationYear, MP.budget, MP.fundingProgramme,
              MP.eligibleBeneficiary, MP.otherBeneficiary, MP.beneficiaryCountry, MP.missionCountry,
              MP.interventionArea, MP.beneficiaryRegion, MP.beneficiaryRegionCount, MP.innovationElement,
              SKOS.prefLabel, SKOS.altLabel, SKOS.notation, DCT.title, DCT.description)
_FACT_RANK = {p: i for i, p in enumerate(FACT_ORDER)}


@dataclass(frozen=True, slots=True)
class Value:
    """One value as shown: its text, where it links, and its language when that is not the page's."""

    text: str
    href: str | None = None
    lang: str | None = None
    note: str | None = None
    external: bool = False
    mono: bool = False
    title: str | None = None


def _replaced(text: str) -> str:
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace(
        '"', "&#34;")


try:  # markupsafe's own escaping in C, to a plain string (5x the replacements above; a site has millions)
    from markupsafe._speedups import _escape_inner as _escaped
except ImportError:  # markupsafe built without its C speedups, or a version that names it otherwise
    _escaped = _replaced


def html_text(text: str) -> str:
    """markupsafe.escape(text) as a plain string, without making a Markup of each piece of a page."""
    if type(text) is not str:
        return str(escape(text))
    return _escaped(text)


def value_html(value: Value) -> Markup:
    """One value as HTML: a link when it has somewhere to go, marked with its language when it is not the page's
    (the templates' `text`; Markup.format is too slow for the thousands a page has)."""
    lang = f' lang="{html_text(value.lang)}"' if value.lang else ""
    if value.href:
        title = f' title="{html_text(value.title)}"' if value.title else ""
        external = ' class="external" rel="external"' if value.external else ""
        return Markup(f'<a href="{html_text(value.href)}"{lang}{title}{external}>{html_text(value.text)}</a>')
    if value.lang or value.mono:
        mono = ' class="mono"' if value.mono else ""
        return Markup(f"<span{lang}{mono}>{html_text(value.text)}</span>")
    return Markup(html_text(value.text))


@dataclass(frozen=True, slots=True)
class Fact:
    """A property of a resource with its label, where it is defined, and its values."""

    predicate: str
    label: str
    href: str | None
    values: tuple[Value, ...]


def facts_html(facts: list[Fact]) -> Markup:
    """A table of facts (the templates' `facts_table`): a row for each property, its label linking to where
    it is defined, and its value, or a list of its values."""
    if not facts:
        return Markup("")
    rows = ['<table class="facts">\n']
    for fact in facts:
        attributes = f'title="{html_text(fact.predicate)}">{html_text(fact.label)}'
        heading = f'<a href="{html_text(fact.href)}" {attributes}</a>' if fact.href else f"<span {attributes}</span>"
        if len(fact.values) == 1:
            shown = value_html(fact.values[0])
        else:
            shown = '<ul class="values">' + "".join([f"<li>{value_html(v)}</li>" for v in fact.values]) + "</ul>\n"
        rows.append(f'<tr><th scope="row">{heading}</th>\n<td>{shown}</td></tr>\n')
    rows.append("</table>\n")
    return Markup("".join(rows))


def paragraphs_html(items: list[Value]) -> Markup:
    """Texts as HTML (the templates' `paragraphs_html`): a <div> for each, marked with its language, and a <p>
    for each of its non-blank lines."""
    parts = []
    for item in items:
        lang = f' lang="{html_text(item.lang)}"' if item.lang else ""
        lines = "".join([f"<p>{html_text(line)}</p>" for line in item.text.split("\n") if line.strip()])
        parts.append(f'<div class="text"{lang}>\n{lines}</div>\n')
    return Markup("".join(parts))


def card_html(card: dict) -> Markup:
    """A part of a resource as a card (the templates' `card_html`; see pages.Pages._parts): its heading, anchor
    and types, its titles, texts and facts."""
    badges = "".join([f' <span class="badge">{value_html(t)}</span>' for t in card["types"]])
    titles = "".join([f'<p class="card-title">{value_html(v)}</p>' for v in card["titles"]])
    anchor, kind = html_text(card["id"]), html_text(card["kind"])
    return Markup(f'<div class="card {kind}" id="{anchor}">\n<h3>{html_text(card["heading"])} <a class="anchor" '
                  f'href="#{anchor}">#{anchor}</a>{badges}</h3>\n{titles}{paragraphs_html(card["descriptions"])}\n'
                  f'{facts_html(card["facts"])}\n</div>')


@dataclass(frozen=True, slots=True)
class Referrer:
    """A resource that links to the one shown, with the properties it links by."""

    value: Value
    properties: tuple[str, ...]
    iri: URIRef


def format_number(text: str, lang: str) -> str:
    """Digits grouped the way the page's language writes them: 300,000.00 (en) or 300 000,00 (fr)."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    shown = f"{number:,.2f}" if number.as_tuple().exponent < 0 else f"{number:,}"
    if lang == "fr":
        shown = shown.replace(",", "\u202f").replace(".", ",")
    return shown


_LONGEST_FIRST = sorted(((prefix, str(namespace)) for prefix, namespace in PREFIXES.items()),
                        key=lambda item: -len(item[1]))


def curie(iri: str) -> str:
    """The shortest prefixed name for an IRI, or the IRI itself."""
    for prefix, namespace in _LONGEST_FIRST:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def relative(target: str, directory: str) -> str:
    """posixpath.relpath for the site's own paths, which have no empty, "." or ".." segments, without its
    calls to the file system."""
    if directory == ".":
        return target or "."
    here, there = directory.split("/"), target.split("/")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


class Terms:
    """Display labels of properties and classes: the vocabulary's own, and labels.ttl for reused terms."""

    def __init__(self, index: Index) -> None:
        extra = Graph().parse(LABELS_FILE, format="turtle")
        self._labels: dict[str, dict[str, str]] = {}
        pairs = [(s, o) for s, o in extra.subject_objects(RDFS.label)]
        pairs += [(s, o) for s, items in index.by_subject.items() if str(s).startswith(str(MP))
                  for p, o in items if p == RDFS.label]
        for subject, label in sorted(pairs):
            if isinstance(label, Literal):
                self._labels.setdefault(str(subject), {}).setdefault(label.language or "", str(label))
        self._shown: dict[tuple[str, str], str] = {}  # label() by (IRI, language): every fact of every page asks

    def get(self, iri: str, lang: str) -> str | None:
        """The term's label in `lang` (else English, else untagged), capitalised, or None."""
        found = self._labels.get(iri, {})
        text = found.get(lang) or found.get("en") or found.get("")
        return text[:1].upper() + text[1:] if text else None

    def label(self, iri: str, lang: str) -> str:
        """The term's label, or its prefixed name when it has none."""
        key = (iri, lang)  # the terms of a vocabulary are few; IRIs shown as types, not always
        return _kept(self._shown, key, self._label, key)

    def _label(self, key: tuple[str, str]) -> str:
        iri, lang = key
        return self.get(iri, lang) or curie(iri)


# How the values of some properties, and literals of some datatypes, are shown.
_SHOWN = {RDF.type: "type", SCHEMA.email: "email", DCT.identifier: "mono", SKOS.notation: "mono", MP.sha256: "mono"}
_TYPED = {XSD.hexBinary: "mono", XSD.decimal: "number"}
KEPT = 1 << 16  # labels, and names by folder, kept made by a Known (emptied when full)


class Known:
    """What views of one dataset in one language make alike on every page, kept for all of them: each node's
    label, and its name as a link from each folder of pages (but from the pages of its own document)."""

    def __init__(self) -> None:
        self.labels: dict[URIRef, tuple[str, str | None]] = {}
        self.names: dict[tuple[URIRef, str], Value] = {}
        self.hrefs: dict[tuple[str, str], tuple[str | None, bool]] = {}  # View.href of another document's IRI
        # Labels made beforehand, read before `labels` (see Pages.prepare): the node's label, or None
        self.preset: Callable[[URIRef], tuple[str, str | None] | None] | None = None


def _kept(table: dict, key: object, make: Callable, argument: object):
    """table[key], made by make(argument) if it is not there yet; the table emptied when it holds KEPT."""
    found = table.get(key)
    if found is None:
        if len(table) >= KEPT:
            table.clear()
        found = table[key] = make(argument)
    return found


def _value_order(value: Value) -> tuple[str, str, str]:
    """Values of one property in reading order: by their folded text, then text and language."""
    return fold(value.text), value.text, value.lang or ""


class View:
    """Turns nodes of the index into values and facts for the page at `path` in language `lang`."""

    def __init__(self, index: Index, terms: Terms, lang: str, path: str, document: URIRef | None = None,
                 limit: int | None = None, more: str = "+{n}", known: Known | None = None) -> None:
        self.index, self.terms, self.lang, self.path = index, terms, lang, path
        self.limit, self.more = limit, more  # values shown of one property at most, and what says how many not
        self.document = document or (index.iri(path) if path else URIRef(index.base))
        self._here = str(self.document)
        self._known = known or Known()
        self._labels = self._known.labels
        self._local: dict[str, str] = {}
        self._names: dict[URIRef, Value] = {}
        self._order = {lang: rank for rank, lang in enumerate(dict.fromkeys([lang, "en", "fr", ""]))}

    @cached_property
    def directory(self) -> str:
        """The folder of the page's file, which its links start from ("." at the top)."""
        return posixpath.dirname(self.path) or "."

    def local(self, target: str) -> str:
        """A link from this page to the file `target` of the site (e.g. "country/AR.html", "style.css")."""
        found = self._local.get(target)
        if found is None:
            found = self._local[target] = relative(target, self.directory)
        return found

    def href(self, iri: str) -> tuple[str | None, bool]:
        """Where a link to `iri` goes from this page, and whether it leaves the site: the same from every page
        of a folder, but those of its own document (made once per folder: each fact links its property)."""
        if iri.partition("#")[0] == self._here:
            return self._href(iri)
        return _kept(self._known.hrefs, (iri, self.directory), self._href, iri)

    def _href(self, iri: str) -> tuple[str | None, bool]:
        path = path_of(iri, self.index.base)
        if path is None:
            return (iri if iri.startswith(("http://", "https://")) else None), True
        document, sep, fragment = iri.partition("#")
        if document == self._here:
            return (f"#{fragment}" if sep else "#top"), False
        if path and not self.index.exists(path):
            return iri, True  # under the base but no resource of the data (a download, say): the IRI itself
        target = self.local(f"{path}.html" if path else "index.html")
        return (f"{target}#{fragment}" if sep else target), False

    def label(self, node: URIRef) -> tuple[str, str | None]:
        """The node's best label for this page and its language; ("", None) when it has none."""
        found = self._labels.get(node)
        if found is None and self._known.preset is not None:
            found = self._known.preset(node)
        if found is None:
            order = self._order
            ranked = min(self.index.labels(node), default=None,
                         key=lambda pair: ((pair[0] != SKOS.prefLabel) + (pair[0] == RDFS.label),
                                           order.get(pair[1].language or "", 4), str(pair[1])))
            if len(self._labels) >= KEPT:
                self._labels.clear()
            found = self._labels[node] = ("", None) if ranked is None else (str(ranked[1]), ranked[1].language)
        return found

    def name(self, node: URIRef) -> Value:
        """A link to a node, named by its label, its identifier or, failing both, its prefixed name."""
        found = self._names.get(node)
        if found is None:
            if str(node).partition("#")[0] == self._here:  # "#top" or "#part": this page's own
                found = self._names[node] = self._name(node)
                return found
            found = self._names[node] = _kept(self._known.names, (node, self.directory), self._name, node)
        return found

    def _name(self, node: URIRef) -> Value:
        text, lang = self.label(node)
        if not text:
            identifier = self.index.values(node, DCT.identifier) or self.index.values(node, SKOS.notation)
            text = str(identifier[0]) if identifier else self._fallback(node)
        href, external = self.href(str(node))
        return Value(text, href, self.lang_attr(lang), external=external)

    def _fallback(self, node: URIRef) -> str:
        path = path_of(str(node), self.index.base)
        if path is not None and "#" in str(node):
            return self.summary(node)
        if path:
            return path.rsplit("/", 1)[-1]
        return self.terms.label(str(node), self.lang)

    def lang_attr(self, lang: str | None) -> str | None:
        return lang if lang and lang != self.lang else None

    def summary(self, part: URIRef) -> str:
        """A one-line name for a hash part: its amount, organisation and role, title or text."""
        types = set(self.index.types(part))
        if SCHEMA.MonetaryAmount in types:
            amount = [format_number(str(a), self.lang) for a in self.index.values(part, SCHEMA.value)[:1]]
            return " ".join(amount + [str(c) for c in self.index.values(part, SCHEMA.currency)[:1]])
        if MP.Participation in types:
            organisations = [self.label(o)[0] for o in self.index.values(part, MP.organisation)]
            roles = [self.label(r)[0] for r in self.index.values(part, MP.role)]
            return f"{', '.join(organisations)} ({', '.join(roles)})" if roles else ", ".join(organisations)
        for predicate in (DCT.title, SKOS.notation, DCT.description):
            found = self.index.values(part, predicate)
            if found:
                text = str(found[0])
                return text if len(text) <= 90 else text[:87].rstrip() + "…"
        return "#" + str(part).partition("#")[2]

    def value(self, obj: URIRef | Literal, predicate: URIRef | None = None) -> Value:
        """One object as shown on the page."""
        shown = _SHOWN.get(predicate)  # looked up, not compared: rdflib compares terms in Python
        if isinstance(obj, URIRef):
            if shown == "type":
                href, external = self.href(str(obj))
                return Value(self.terms.label(str(obj), self.lang), href, external=external)
            return self.name(obj)
        text = str(obj)
        typed = _TYPED.get(obj.datatype)
        if typed == "number":
            text = format_number(text, self.lang)
        if shown == "email":
            return Value(text, f"mailto:{text}", external=True)
        return Value(text, lang=self.lang_attr(obj.language), mono=shown == "mono" or typed == "mono")

    def facts(self, node: URIRef, skip: tuple[URIRef, ...] = (), drop: frozenset | set = frozenset()) -> list[Fact]:
        """Every property of `node` with its values, in reading order, but for the properties in `skip` and the
        (property, value) pairs in `drop` (which the page shows elsewhere)."""
        grouped: dict[URIRef, list] = {}
        skipped = frozenset(skip)
        for predicate, obj in self.index.pairs(node):
            if predicate not in skipped and (not drop or (predicate, obj) not in drop):
                grouped.setdefault(predicate, []).append(obj)
        rank = _FACT_RANK
        ordered = sorted(grouped, key=lambda p: (rank.get(p, len(rank)), self.terms.label(str(p), self.lang)))
        facts = []
        for predicate in ordered:
            values = [self.value(o, predicate) for o in grouped[predicate]]
            if len(values) > 1:  # (most properties have one value: no text of it folded for nothing)
                values.sort(key=_value_order)
            if self.limit is not None and len(values) > self.limit:
                left = format_number(str(len(values) - self.limit), self.lang)
                values = values[:self.limit] + [Value(self.more.format(n=left))]
            href, _ = self.href(str(predicate))
            facts.append(Fact(str(predicate), self.terms.label(str(predicate), self.lang), href, tuple(values)))
        return facts

    def referrers(self, node: URIRef) -> list[Referrer]:
        """The documents linking to `node`, each once, with the properties they link by (a part counts for its
        document: a participation naming an organisation is its project)."""
        found: dict[str, set[str]] = {}
        node_text, here = str(node), str(self.document)  # compared as text: rdflib compares terms in Python
        for subject, predicate in self.index.by_object.get(node, []):
            subject_text = str(subject)
            document = subject_text.partition("#")[0]
            if document == node_text or document == here:
                continue
            label = self.terms.label(str(predicate), self.lang)
            if document != subject_text:
                others = [self.label(interned(o))[0] for o in self.index.linked(subject) if o != node_text]
                label = ", ".join(o for o in others if o) or label
            found.setdefault(document, set()).add(label)
        referrers = [Referrer(self.name(doc), tuple(sorted(labels)), doc)
                     for doc, labels in ((interned(text), labels) for text, labels in found.items())]
        return sorted(referrers, key=lambda r: (fold(r.value.text), str(r.iri)))

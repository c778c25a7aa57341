"""HTML pages for people: one Jinja2 template per page type (most specific first), rendered from the graph."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from rdflib import Literal, URIRef

from converters.namespaces import VOCAB_IRI
from converters.textnorm import fold

from . import charts, schemaorg
from .describe import VOCABULARY_PATH, Index
from .projecttable import PAGE_ROWS, Pager, Prepared, ProjectRow, RowFacts, TableRow, page_file
from .serializations import web_formats
from .sitestream import Packed
from .templating import STYLESHEET, environment, messages, resource_template
from .terms import DCAT, DCT, MP, OWL, RDF, RDFS, SCHEMA, SKOS, VOID
from .views import Known, Referrer, Terms, Value, View, format_number

PROJECT_PARTS = (MP.participation, MP.generalObjective, MP.specificObjective, MP.expectedResult, MP.activity,
                 SCHEMA.contactPoint, MP.budget)
# The heading of a kind of resource's project table (messages.json), on every page of it.
TABLE_HEADINGS = {"concept": "concept_projects", "organisation": "organisation_projects", "place": "place_projects"}
ROWS_KEPT = 1 << 17  # project rows kept made, per process (emptied when full)
ROW_FACTS_KEPT = 1 << 14  # projects whose row's facts are kept, per process (emptied when full)
# The template of each kind of resource, by rdf:type; resource.html serves the others.
KINDS = ((MP.Project, "project"), (MP.Country, "country"), (MP.Organisation, "organisation"),
         (MP.FundingProgramme, "organisation"), (SKOS.ConceptScheme, "scheme"), (SKOS.Concept, "concept"),
         (MP.Subdivision, "place"), (MP.Place, "place"), (DCAT.Dataset, "dataset"))


@dataclass(frozen=True)
class Query:
    """An example query of ontology/queries/: its file name, the question it asks, more about it, and its text."""

    name: str
    question: str
    note: str
    text: str


def read_queries(folder: Path) -> list[Query]:
    """The example queries, each described by its leading comment lines (the question first)."""
    queries = []
    for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("#").strip())
        described = " ".join(c for c in comments if c) or path.stem
        question, mark, note = described.partition("? ")
        queries.append(Query(path.stem, question + mark.strip(), note.strip(), text))
    return queries


@dataclass(frozen=True)
class Download:
    """A file of the dataset with its size."""

    title: str
    href: str
    media_type: str
    size: str


class _Shared:
    """What every index of one dataset gives alike, made once for all the pages rendered from them: its
    projects, and their rows by project and folder (see Pages.table_row)."""

    def __init__(self) -> None:
        self.projects: list[URIRef] | None = None
        self.project_set: frozenset[URIRef] | None = None
        self.rows: dict[tuple[URIRef, str], tuple[TableRow, tuple[str, ...]]] = {}
        self.documents: dict[str, str] = {}  # one copy of each document a row links to but its project
        self.row_facts: dict[URIRef, RowFacts] = {}  # see Pages._row_facts
        self.prepared: Prepared | None = None  # every project's row facts and label, when made beforehand
        self.known = Known()  # labels and names (views.Known)


class Pages:
    """Renders the pages of one published dataset in one language."""

    def __init__(self, index: Index, lang: str = "en", queries: list[Query] | None = None,
                 files: list[tuple[str, int]] | None = None, rows: int = PAGE_ROWS, terms: Terms | None = None) -> None:
        self.index, self.lang, self.queries, self.files, self.rows = index, lang, queries or [], files or [], rows
        self.terms = terms or Terms(index)
        self.t = messages(lang)
        self._ordered: list[URIRef] | None = None
        self._totals: dict[URIRef, dict] | None = None  # the charts' sums, made once (see _charts)
        self._benefiting: list[URIRef] | None = None
        self._shared = _Shared()

    def with_index(self, index: Index) -> Pages:
        """The same renderer (language, queries, files, terms) over another index of the same dataset, sharing
        what every index of it gives alike."""
        pages = Pages(index, self.lang, self.queries, self.files, self.rows, self.terms)
        pages._shared = self._shared
        return pages

    @cached_property
    def dataset_iri(self) -> URIRef:
        found = self.index.typed(DCAT.Dataset)
        return found[0] if found else URIRef(self.index.base + "dataset")

    @property
    def projects(self) -> list[URIRef]:
        shared = self._shared
        if shared.projects is None:
            shared.projects = self.index.typed(MP.Project)
        return shared.projects

    @property
    def _project_set(self) -> frozenset[URIRef]:
        shared = self._shared
        if shared.project_set is None:
            shared.project_set = frozenset(self.projects)
        return shared.project_set

    def _view(self, path: str, document: URIRef | None = None) -> View:
        """A view of the index for the page at `path`: long lists of values cut at `rows`, saying how many more."""
        return View(self.index, self.terms, self.lang, path, document, self.rows, self.t["more_values"],
                    self._shared.known)

    def kind(self, iri: URIRef) -> str:
        types = set(self.index.types(iri))
        return next((kind for rdf_type, kind in KINDS if rdf_type in types), "resource")

    def render(self, path: str, page: int = 1) -> str:
        """The page of the resource at `path` ("" is the landing page); `page` of its project table (KeyError
        past the last)."""
        return self.render_pages(path, [page])[page]

    def render_pages(self, path: str, numbers: list[int] | None = None) -> dict[int, str]:
        """Pages `numbers` (every page when None) of the resource at `path`, by number."""
        return dict(self.pages_of(path, numbers))

    def pages_of(self, path: str, numbers: list[int] | None = None) -> Iterator[tuple[int, str]]:
        """Pages `numbers` (every page when None) of the resource at `path`, one at a time: the first holds
        everything and up to `rows` projects of its table; each further one, the next rows in the site's frame."""
        if not path:
            yield from self.landing("", numbers)
            return
        if path == VOCABULARY_PATH or str(self.index.iri(path)) == VOCAB_IRI:
            if numbers is None or 1 in numbers:
                yield 1, self.vocabulary(path)
            return
        iri = self.index.iri(path)
        kind = self.kind(iri)
        if kind == "dataset":
            yield from self.landing(path, numbers)
            return
        view = self._view(path)
        context = self._base(view, path, view.name(iri))
        referrers = view.referrers(iri)
        # A project's parts have sections of their own (its budget stays among the facts, as an amount).
        skip = (DCT.title, DCT.description, RDF.type) + (PROJECT_PARTS[:-1] if kind == "project" else ())
        context.update(kind=kind, iri=str(iri), facts=view.facts(iri, skip=skip),
                       types=[view.value(t, RDF.type) for t in self.index.types(iri)],
                       summary=self._summary(view, iri) if kind == "project" else [],
                       titles=self._texts(view, iri, DCT.title), descriptions=self._texts(view, iri, DCT.description),
                       parts=self._parts(view, iri, self.index.parts(iri)),
                       referrers=self._cut([r for r in referrers if r.iri not in self._project_set]),
                       participations=self._participations(view, iri),
                       participation_type=view.value(MP.Participation, RDF.type))
        template = resource_template(kind)
        projects = [r for r in referrers if r.iri in self._project_set]
        yield from self._paged(view, template, context, projects, numbers,
                               lambda r: (self.table_row(view, r.iri), r.properties),
                               TABLE_HEADINGS.get(kind, "projects"))

    def _paged(self, view: View, template, context: dict, items: list, numbers: list[int] | None,
               row: Callable, heading: str, relation: bool = True) -> Iterator[tuple[int, str]]:
        """`template` with the first `rows` of `items` (made into rows by `row`), then table-page.html with each
        further `rows` of them under `heading`, each page with links to the previous and the next."""
        count = max(1, -(-len(items) // self.rows))
        further = environment().get_template("table-page.html")
        for number in range(1, count + 1) if numbers is None else [n for n in numbers if 1 <= n <= count]:
            def link(other: int) -> str | None:
                return f"{view.local(page_file(view.path, other))}#projects" if 1 <= other <= count else None

            chosen = items[(number - 1) * self.rows:number * self.rows]
            pager = Pager(number, count, link(number - 1), link(number + 1)) if count > 1 else None
            extra = {"projects": [row(item) for item in chosen], "project_count": len(items), "pager": pager,
                     "heading": heading, "relation": relation, "first": link(1)}
            yield number, (template if number == 1 else further).render({**context, **extra})

    def _cut(self, referrers: list[Referrer]) -> list[Referrer]:
        """The first `rows` referrers, and a line saying how many more there are."""
        if len(referrers) <= self.rows:
            return referrers
        left = format_number(str(len(referrers) - self.rows), self.lang)
        return referrers[:self.rows] + [Referrer(Value(self.t["more_values"].format(n=left)), (), URIRef(""))]

    def _summary(self, view: View, iri: URIRef) -> list[tuple[str, list[Value]]]:
        """The project's key facts at a glance: status, period, budget, beneficiary countries."""
        row = self.project_row(view, iri)
        countries = sorted((view.name(c) for c in self.index.values(iri, MP.beneficiaryCountry)),
                           key=lambda v: fold(v.text))
        pairs = [(self.t["col_status"], list(row.status)), (self.t["col_period"], [Value(row.period)]),
                 (self.t["col_budget"], [Value(row.budget)]), (self.t["summary_countries"], countries)]
        return [(label, values) for label, values in pairs if values and values[0].text]

    def _texts(self, view: View, iri: URIRef, predicate: URIRef) -> list[Value]:
        return [view.value(o, predicate) for o in sorted(self.index.values(iri, predicate))]

    def _base(self, view: View, path: str, title: Value, json_ld: dict | None = None) -> dict:
        """What base.html needs: the words, links home and to the stylesheet, RDF forms, schema.org JSON-LD."""
        stem = (path or "dataset").rsplit("/", 1)[-1]  # the landing page's RDF is the dataset's description
        alternates = [(f.media_type, f.name, stem + f.extensions[0]) for f in web_formats() if f.name != "html"]
        dataset_name, dataset_lang = view.label(self.dataset_iri)
        return {"t": self.t, "lang": self.lang, "title": title, "path": path,
                "home": view.local("index.html"), "stylesheet": view.local(STYLESHEET),
                "sparql": view.local("sparql"), "vocabulary": view.local(f"{VOCABULARY_PATH}.html"),
                "site_name": Value(dataset_name or "migration-lod", lang=view.lang_attr(dataset_lang)),
                "alternates": alternates, "canonical": str(self.index.iri(path)) if path else self.index.base,
                "json_ld": schemaorg.script(json_ld or schemaorg.describe(self.index, path))}

    def _parts(self, view: View, iri: URIRef, parts: list[URIRef]) -> list[dict]:
        """The hash parts of a resource as cards, ordered by the property that links them, then position."""
        among = frozenset(parts)
        linked_by: dict[URIRef, URIRef] = {o: p for p, o in self.index.pairs(iri) if o in among}
        order = {p: i for i, p in enumerate(PROJECT_PARTS)}

        def key(part: URIRef) -> tuple:
            position = [int(v) for v in self.index.values(part, MP.position) if str(v).isdigit()]
            notation = [str(v) for v in self.index.values(part, SKOS.notation)]
            return (order.get(linked_by.get(part), len(order)), position or [0], notation, str(part))

        cards = []
        for part in sorted(parts, key=key):
            predicate = linked_by.get(part)
            heading = self.terms.label(str(predicate), self.lang) if predicate else view.summary(part)
            number = [str(v) for v in self.index.values(part, SKOS.notation) or self.index.values(part, MP.position)]
            heading = " ".join([heading, *number[:1]])
            cards.append({"id": str(part).partition("#")[2], "heading": heading, "kind": self.kind_of_part(part),
                          "types": [view.value(t, RDF.type) for t in self.index.types(part)],
                          "summary": view.summary(part), "titles": self._texts(view, part, DCT.title),
                          "descriptions": self._texts(view, part, DCT.description),
                          "facts": view.facts(part, skip=(DCT.title, DCT.description, RDF.type, MP.position,
                                                          SKOS.notation))})
        return cards

    def kind_of_part(self, part: URIRef) -> str:
        types = self.index.types(part)
        return str(types[0]).rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower() if types else "part"

    def _participations(self, view: View, iri: URIRef) -> list[tuple[tuple[Value, ...], tuple[Value, ...], str]]:
        rows = []
        for part in sorted(self.index.values(iri, MP.participation)):
            organisations = tuple(view.name(o) for o in self.index.values(part, MP.organisation))
            roles = tuple(view.name(r) for r in self.index.values(part, MP.role))
            rows.append((organisations, roles, str(part).partition("#")[2]))
        return sorted(rows, key=lambda row: [fold(v.text) for v in row[1] + row[0]])

    def project_row(self, view: View, project: URIRef) -> ProjectRow:
        """A project as a row of a table, with each part of it apart (see table_row)."""
        facts = self._row_facts(view, project)
        return ProjectRow(view.name(project), facts.code, tuple(view.name(s) for s in facts.statuses), facts.period,
                          facts.budget, facts.countries)

    def prepared(self, projects: Iterable[URIRef]) -> Packed:
        """The row facts and labels of `projects`, made now, packed (see prepare)."""
        view = self._view("")
        made = Prepared(Packed())
        for project in projects:
            made.put(project, self._row_facts(view, project), view.label(project))
        return made.packed

    def prepare(self, packed: Packed) -> None:
        """Read every project's row facts and label in `packed` (made by `prepared`) from now on, here and in
        the renderers with_index makes of this one, rather than make them on the pages that list the project. A
        site's writers, forked after, read them there without copying them; each would otherwise make them again
        whenever its caches overflow (one of two writers of 100,000 projects made 467,009 rows, 0.13 ms each)."""
        shared = self._shared
        shared.row_facts, shared.known.labels = {}, {}  # what making them here kept is in `packed` too
        shared.prepared = Prepared(packed)
        shared.known.preset = shared.prepared.label

    def _row_facts(self, view: View, project: URIRef) -> RowFacts:
        """What a project's row says on every page (all but its links): prepared beforehand (see prepare), else
        made once per process for as many projects as ROW_FACTS_KEPT: a project is listed on the pages of its
        countries, concepts, programme…"""
        kept = self._shared.row_facts
        found = kept.get(project)
        if found is None and self._shared.prepared is not None:
            found = self._shared.prepared.row_facts(project)
        if found is None:
            values = self.index.values
            dates = [str(v) for v in values(project, MP.startDate)[:1] + values(project, MP.endDate)[:1]]
            budget = [view.summary(b) for b in values(project, MP.budget)]
            codes = [str(c) for c in values(project, DCT.identifier)]
            found = RowFacts(codes[0] if codes else "", tuple(values(project, MP.status)),
                             "\u202f–\u202f".join(dict.fromkeys(dates)), budget[0] if budget else "",
                             len(values(project, MP.beneficiaryCountry)))
            if len(kept) >= ROW_FACTS_KEPT:
                kept.clear()
            kept[project] = found
        return found

    def table_row(self, view: View, project: URIRef) -> TableRow:
        """A project's row as a table writes it. The row depends on the page only through the folder its links
        start from, and the document it is (a link to that reads "#top"): made once per folder, and again on
        the pages of the documents it links to. Kept as its HTML (half the memory of its parts), so that every
        row of a folder's pages fits, 100,000 projects too."""
        key = (project, view.directory)
        rows = self._shared.rows
        found = rows.get(key)
        here = str(view.document)
        own = view.document == project
        if found is not None and not own and here not in found[1]:
            return found[0]
        row = self.project_row(view, project)
        made = TableRow(row.cells, row.countries)
        documents = self._shared.documents  # the documents of its statuses, each text kept once
        linked = tuple(documents.setdefault(d, d) for d in
                       {str(s).partition("#")[0] for s in self.index.values(project, MP.status)})
        if not own and here not in linked:
            if len(rows) >= ROWS_KEPT:
                rows.clear()
            rows[key] = (made, linked)
        return made

    def landing(self, path: str, numbers: list[int] | None = None) -> Iterator[tuple[int, str]]:
        """The landing page: what the dataset is, its counts, licence, downloads, charts and example queries
        (pages `numbers` of its project table, every page when None)."""
        iri = self.dataset_iri
        view = self._view(path, document=iri)  # the landing page is the dataset's
        context = self._base(view, path, view.name(iri))
        if self._ordered is None:  # the same for the landing page and the dataset's page: sorted once
            self._ordered = sorted(self.projects, key=lambda p: fold(view.name(p).text))
        ordered = self._ordered
        if self._benefiting is None:
            self._benefiting = sorted({c for p in self.projects for c in self.index.values(p, MP.beneficiaryCountry)})
        benefiting = self._benefiting
        counts = [(self.t["count_projects"], len(self.projects)),
                  (self.t["count_organisations"], len(self._typed(MP.Organisation))),
                  (self.t["count_countries"], len(benefiting)),
                  (self.t["count_triples"], format_number(str(self._first(iri, VOID.triples) or 0), self.lang))]
        description = self._localized(iri, DCT.description)
        context.update(
            iri=str(iri), descriptions=[view.value(description)] if description else [], counts=counts,
            licence=[view.value(o) for o in self.index.values(iri, DCT.license)],
            downloads=self._downloads(view, iri), queries=self.queries, files=self._files(view),
            query_links={q.name: f"{context['sparql']}?query={quote(q.text)}" for q in self.queries},
            charts=self._charts(view), schemes=[view.name(s) for s in self._typed(SKOS.ConceptScheme)],
            countries=[view.name(c) for c in benefiting], facts=view.facts(iri),
            parts=self._parts(view, iri, self.index.parts(iri)))
        yield from self._paged(view, environment().get_template("index.html"), context, ordered, numbers,
                               lambda project: self.table_row(view, project), "projects", relation=False)

    def _typed(self, rdf_type: URIRef) -> list[URIRef]:
        return self.index.typed(rdf_type)

    def _first(self, node: URIRef, predicate: URIRef):
        found = self.index.values(node, predicate)
        return found[0] if found else None

    def _downloads(self, view: View, iri: URIRef) -> list[Download]:
        found = []
        for distribution in sorted(self.index.values(iri, DCAT.distribution)):
            url = str(self._first(distribution, DCAT.downloadURL) or "")
            media = str(self._first(distribution, DCAT.mediaType) or "").rsplit("media-types/", 1)[-1]
            size = self._first(distribution, DCAT.byteSize)
            title, _ = view.label(distribution)
            found.append(Download(title, context_root(view) + url.rsplit("/", 1)[-1], media,
                                  _size(int(size), self.lang) if size is not None else ""))
        return sorted(found, key=lambda d: d.title)

    def _files(self, view: View) -> list[Download]:
        """The other files of the output folder (vocabulary, shapes, context, report, catalogue) with sizes."""
        keys = {"vocabulary": "file_vocabulary", "shapes": "file_shapes", "context": "file_context",
                "validation-report": "file_report", "catalog": "file_catalog"}
        distributions = {str(u).rsplit("/", 1)[-1] for d in self.index.values(self.dataset_iri, DCAT.distribution)
                         for u in self.index.values(d, DCAT.downloadURL)}
        return [Download(self.t[keys.get(name.split(".", 1)[0], "file_other")], context_root(view) + name, "",
                         _size(size, self.lang)) for name, size in sorted(self.files) if name not in distributions]

    def _charts(self, view: View) -> list[dict]:
        if self._totals is None:  # the landing page's and the dataset's: every project's budget read once
            budgets = charts.budgets(self.index)
            self._totals = {p: charts.totals(self.index, p, budgets) for p in (MP.region, MP.beneficiaryCountry)}
        found = []
        for key, predicate, unknown in (("region", MP.region, self.t["no_region"]),
                                        ("country", MP.beneficiaryCountry, self.t["no_country"])):
            for currency, sums in self._totals[predicate].items():
                bars = []
                for node, amount in sums.items():
                    value = view.name(node) if node is not None else Value(unknown)
                    bars.append(charts.Bar(value.text, amount, value.href, value.lang))
                title = self.t[f"chart_{key}"].format(currency=currency)
                found.append({"title": title, "note": self.t[f"chart_{key}_note"],
                              "svg": charts.bar_chart(title, bars, currency, self.lang, f"chart-{key}-{currency}",
                                                      self.t["chart_more"])})
        return found

    def vocabulary(self, path: str) -> str:
        """The vocabulary's page: its classes and properties with labels, comments, domains and ranges."""
        view = self._view(path)
        iri = URIRef(VOCAB_IRI)
        title, description = self._localized(iri, DCT.title), self._localized(iri, DCT.description)
        context = self._base(view, path, Value(str(title or "migration-lod vocabulary")))
        terms = self.index.parts(iri)
        sections = []
        for key, types in (("classes", (OWL.Class, RDFS.Class)),
                           ("properties", (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property))):
            chosen = [s for s in terms if set(self.index.types(s)) & set(types)]
            cards = []
            for term in sorted(chosen, key=lambda s: str(s).casefold()):
                label, comment = self._localized(term, RDFS.label), self._localized(term, RDFS.comment)
                shown = {(RDFS.label, label), (RDFS.comment, comment)}  # in the heading and the paragraph
                cards.append({"id": str(term).partition("#")[2], "iri": str(term),
                              "label": str(label or self.terms.label(str(term), self.lang)),
                              "comment": str(comment or ""), "facts": view.facts(term, drop=shown)})
            sections.append((self.t[f"vocab_{key}"], cards))
        context.update(iri=VOCAB_IRI, description=str(description or ""), sections=sections,
                       facts=view.facts(iri, drop={(DCT.title, title), (DCT.description, description)}))
        return environment().get_template("vocabulary.html").render(context)

    def _localized(self, node: URIRef, predicate: URIRef) -> Literal | None:
        """The node's text for `predicate` in the page's language, else English, else untagged, else any."""
        texts = {o.language or "": o for o in sorted(self.index.values(node, predicate)) if isinstance(o, Literal)}
        return texts.get(self.lang) or texts.get("en") or texts.get("") or next(iter(texts.values()), None)

    def page(self, template: str, path: str, title: str, **extra) -> str:
        """Any other page (the SPARQL form, an error page) in the site's frame."""
        view = self._view(path)
        context = self._base(view, path, Value(title), {"@context": "https://schema.org", "@type": "WebPage",
                                                        "name": title})
        context["alternates"] = []
        context.update(extra)
        return environment().get_template(template).render(context)


def context_root(view: View) -> str:
    """From a page of the site to the folder holding the downloads (the site's parent)."""
    return "../" * (view.path.count("/") + 1)


def _size(size: int, lang: str) -> str:
    for unit, factor in (("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= factor:
            shown = f"{size / factor:.1f}"
            return f"{shown.replace('.', ',') if lang == 'fr' else shown} {unit if lang == 'en' else unit[0] + 'o'}"
    return f"{size} {'bytes' if lang == 'en' else 'octets'}"

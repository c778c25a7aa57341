"""The static site (output/site/): every resource's page and RDF forms, complete, linked and safe."""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from jinja2 import UndefinedError
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from converters.namespaces import DCT, DEFAULT_BASE, MP, SKOS, new_graph
from publisher import templating
from publisher.describe import Index, build_index, canonical_path
from publisher.pages import Pages
from publisher.site import SITE, published_index
from publisher.views import format_number
from tests.conftest import ROOT

OUT = ROOT / "output"
SITE_DIR = OUT / SITE


class Page(HTMLParser):
    """What the tests look at in a page: links, ids, text, JSON-LD scripts and alternate links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.alternates: dict[str, str] = {}
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.h1: list[str] = []
        self.lang = None
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "link" and attributes.get("rel") == "alternate":
            self.alternates[attributes["type"]] = attributes["href"]
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.links.append(attributes["href"])
        self._in.append(tag)

    def handle_endtag(self, tag):
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data):
        if "script" in self._in:
            self.scripts.append(data)
        else:
            self.text.append(data)
            if "h1" in self._in:
                self.h1.append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def index() -> Index:
    return published_index(OUT, DEFAULT_BASE)


@pytest.fixture(scope="module")
def resources(index) -> list[str]:
    return index.resources


@pytest.fixture(scope="module")
def parsed() -> dict[str, Page]:
    return {p.relative_to(SITE_DIR).as_posix(): Page(p.read_text(encoding="utf-8"))
            for p in sorted(SITE_DIR.rglob("*.html"))}


def test_every_resource_has_its_four_files(resources):
    assert len(resources) > 300 and {"project/PO.0181", "country/AR", "dataset", "vocab"} <= set(resources)
    missing = [f"{path}.{ext}" for path in resources for ext in ("html", "ttl", "jsonld", "nt")
               if not (SITE_DIR / f"{path}.{ext}").is_file()]
    assert not missing
    assert (SITE_DIR / "index.html").is_file()


def test_site_holds_nothing_but_resources_the_landing_page_and_one_stylesheet(resources):
    expected = {f"{path}.{ext}" for path in resources for ext in ("html", "ttl", "jsonld", "nt")}
    expected |= {"index.html", "style.css"}
    found = {p.relative_to(SITE_DIR).as_posix() for p in SITE_DIR.rglob("*") if p.is_file()}
    assert found == expected


def test_site_stays_small():
    sizes = {p.relative_to(SITE_DIR).as_posix(): p.stat().st_size for p in SITE_DIR.rglob("*") if p.is_file()}
    assert sum(sizes.values()) < 4_000_000, "the site grew past 4 MB: look for copied assets"
    assert max(sizes.values()) < 120_000, max(sizes, key=sizes.get)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's own JSON-LD parser
@pytest.mark.parametrize("ext, fmt", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_every_rdf_form_is_the_resource_description(index, resources, ext, fmt):
    for path in resources:
        graph = Graph().parse(SITE_DIR / f"{path}.{ext}", format=fmt)
        assert isomorphic(graph, index.description(path)), f"{path}.{ext}"


def test_a_description_has_the_resource_its_parts_and_the_labels_of_what_it_links_to(index):
    graph = index.description("project/PO.0181")
    project = URIRef(DEFAULT_BASE + "project/PO.0181")
    budget = URIRef(DEFAULT_BASE + "project/PO.0181#budget")
    argentina = URIRef(DEFAULT_BASE + "country/AR")
    assert (project, MP.budget, budget) in graph
    assert (budget, URIRef("https://schema.org/value"), Literal("300000.00", datatype=XSD.decimal)) in graph
    assert (argentina, SKOS.prefLabel, Literal("Argentine", lang="fr")) in graph
    assert not set(graph.triples((argentina, MP.iso3166Alpha2, None))), "only labels of what it links to"
    assert {s for s in graph.subjects() if str(s).startswith(str(project))} == {project, budget}


def test_the_per_resource_json_ld_carries_only_the_context_it_needs():
    document = json.loads((SITE_DIR / "country/AR.jsonld").read_text(encoding="utf-8"))
    full = json.loads((ROOT / "ontology/context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert set(document["@context"]) < set(full)
    assert "prefLabel" in document["@context"] and "budget" not in document["@context"]


def _target(page_path: str, href: str) -> tuple[Path | None, str]:
    """The file a relative link of a site page points at, and its fragment."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, ""
    directory = posixpath.dirname(page_path)
    joined = posixpath.normpath(posixpath.join(directory, unquote(parts.path))) if parts.path else page_path
    return (SITE_DIR / joined).resolve(), parts.fragment


def test_every_link_of_every_page_leads_somewhere(parsed):
    broken = []
    for page_path, page in parsed.items():
        for href in page.links + list(page.alternates.values()):
            if href.startswith(("mailto:", "http://", "https://")):
                continue
            target, fragment = _target(page_path, href)
            if target.name == "sparql" and target.parent == SITE_DIR:
                continue  # the endpoint exists only under `serve`
            if target.parent == OUT.resolve():  # a download beside the site
                ok = target.is_file()
            else:
                ok = target.is_file() and target.is_relative_to(SITE_DIR.resolve())
            if ok and fragment and target.suffix == ".html":
                key = target.relative_to(SITE_DIR.resolve()).as_posix()
                ok = fragment in parsed[key].ids or fragment == "top"
            if not ok:
                broken.append(f"{page_path}: {href}")
    assert not broken, broken[:20]


def test_every_page_embeds_schema_org_and_links_its_rdf_forms(parsed, resources):
    kinds = {}
    for path in resources + [""]:
        name = f"{path}.html" if path else "index.html"
        page = parsed[name]
        assert len(page.scripts) == 1, name
        data = json.loads(page.scripts[0])
        assert data["@context"] == "https://schema.org" and data["@type"], name
        kinds[path] = data["@type"]
        assert set(page.alternates) == {"text/turtle", "application/ld+json", "application/n-triples"}, name
        assert page.lang == "en" and page.h1, name
    assert kinds["project/PO.0181"] == "Project"
    assert kinds["organisation/iom"] == "Organization"
    assert kinds["country/AR"] == "Country"
    assert kinds[""] == kinds["dataset"] == "Dataset"
    assert kinds["concept/status/active"] == "DefinedTerm"


def _shown(value: Literal) -> list[str]:
    text = " ".join(str(value).split())
    return [text, format_number(text, "en")] if value.datatype == XSD.decimal else [text]


def test_every_fact_of_every_resource_is_on_its_page(index, parsed, resources):
    missing = []
    for path in resources:
        page = parsed[f"{path}.html"]
        text = page.all_text
        targets = {_target(f"{path}.html", link) for link in page.links if not link.startswith("http")}
        for node in [index.iri(path), *index.parts(index.iri(path))]:
            for predicate, value in index.pairs(node):
                if isinstance(value, Literal):
                    ok = any(shown in text for shown in _shown(value))
                elif str(value).startswith(DEFAULT_BASE) and "#" not in str(value):
                    local = canonical_path(str(value)[len(DEFAULT_BASE):]) or "index"
                    ok = value == index.iri(path) or str(value) in page.links or (
                        (SITE_DIR / f"{local}.html").resolve(), "") in targets
                elif str(value).startswith(str(index.iri(path)) + "#"):
                    ok = str(value).partition("#")[2] in page.ids  # a part of the page itself: it has its anchor
                else:
                    local = canonical_path(str(value).partition("#")[0][len(DEFAULT_BASE):]) or ""
                    ok = str(value) in page.links or ((SITE_DIR / f"{local}.html").resolve(),
                                                      str(value).partition("#")[2]) in targets
                if not ok:
                    missing.append(f"{path}: {predicate} {value}"[:160])
    assert not missing, missing[:20]


def test_a_country_page_lists_its_projects(parsed):
    page = parsed["country/AR.html"]
    assert "Argentina" in page.h1
    assert {"../project/PO.0181.html", "../project/PO.0201.html", "../project/IS.0077.html"} <= set(page.links)
    assert "No project of this dataset benefits this country." in parsed["country/FR.html"].all_text


def test_an_organisation_page_lists_its_projects_with_roles(parsed):
    page = parsed["organisation/icmpd.html"]
    assert "../project/i-migr.html" in page.links and "Managing organisation" in page.all_text


def test_the_project_page_uses_the_most_specific_template(parsed):
    project = parsed["project/i-migr.html"]
    assert "participations" in project.ids and {"objective-1", "result-R1", "activity-1", "contact"} <= project.ids
    source = parsed["source/000_8ccaec28a4e5c675.html"]
    assert "participations" not in source.ids and "../project/PO.0181.html" in source.links


def test_the_landing_page_has_counts_licence_downloads_queries_and_charts(parsed):
    page = parsed["index.html"]
    text = page.all_text
    assert "5 projects" in text and "3,258 triples" in text
    assert "https://creativecommons.org/licenses/by/4.0/" in page.links
    assert {"../migration-projects.ttl", "../migration-projects.jsonld", "../migration-projects.nt.gz"} <= set(
        page.links)
    catalog = Graph().parse(OUT / "catalog.ttl")
    sizes = [int(o) for o in catalog.objects(None, URIRef("http://www.w3.org/ns/dcat#byteSize"))]
    assert all(f"{size / 1024:.1f} kB" in text for size in sizes)
    queries = sorted((ROOT / "ontology/queries").glob("*.rq"))
    assert queries and all(f"{q.stem}.rq" in text for q in queries)
    html = (SITE_DIR / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and html.count('class="chart-bar"') == 2 + 14
    assert "Latin America and the Caribbean" in html and "855,000 USD" in html


def test_the_vocabulary_page_anchors_every_term(parsed, index):
    page = parsed["vocab.html"]
    terms = {str(s).partition("#")[2] for s in index.parts(URIRef("https://w3id.org/migration-lod/vocab"))}
    assert len(terms) > 40 and terms <= page.ids


def _tiny_index(title: str, description: str, links: tuple[str, ...] = ()) -> Index:
    graph = new_graph(DEFAULT_BASE)
    project = URIRef(DEFAULT_BASE + "project/X.1")
    graph.add((project, RDF.type, MP.Project))
    graph.add((project, DCT.title, Literal(title, lang="fr")))
    graph.add((project, DCT.description, Literal(description, lang="fr")))
    graph.add((project, DCT.identifier, Literal("X.1")))
    for iri in links:  # as values and as properties
        graph.add((project, DCT.source, URIRef(iri)))
        graph.add((project, URIRef(iri), Literal("x")))
    return build_index([graph, Graph().parse(ROOT / "ontology/migration.ttl")], DEFAULT_BASE)


def test_titles_with_html_show_as_text_and_cannot_close_the_json_ld_script():
    title = '<script>alert("x")</script> & <b>bold</b>'
    html = Pages(_tiny_index(title, "ends </script><!-- here")).render("project/X.1")
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    page = Page(html)
    assert title in "".join(page.h1)
    assert len(page.scripts) == 1 and "</script>" not in page.scripts[0] and "<!--" not in page.scripts[0]
    assert json.loads(page.scripts[0])["name"] == title
    assert json.loads(page.scripts[0])["description"] == "ends </script><!-- here"


def test_a_description_is_a_paragraph_per_line_escaped_and_marked_with_its_language():
    html = Pages(_tiny_index("t", 'First <b>line</b> & "more"\n\n   \nSecond line')).render("project/X.1")
    assert ('<div class="text" lang="fr">\n<p>First &lt;b&gt;line&lt;/b&gt; &amp; &#34;more&#34;</p>'
            "<p>Second line</p></div>\n") in html


UNSAFE_IRIS = ("javascript:alert(1)", "JaVaScRiPt:alert(2)", "vbscript:msgbox(4)", "file:///etc/passwd",
               "data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==")


def test_iris_that_are_not_web_addresses_are_shown_as_text_never_as_links():
    """validate refuses them (bad-iri-scheme); should one reach the data anyway, no page makes it clickable."""
    html = Pages(_tiny_index("t", "d", UNSAFE_IRIS)).render("project/X.1")
    page = Page(html)
    schemes = {urlsplit(link.strip()).scheme.lower() for link in page.links}
    assert schemes <= {"", "http", "https"}, schemes
    for iri in UNSAFE_IRIS:
        assert iri in page.all_text  # shown, as text
        assert f'href="{iri}' not in html


@pytest.mark.parametrize("text", ["plain", "", "a & b", "<b>\"x\" 'y'</b>", "&amp; already", "é → ü", "\u2028<"])
def test_html_text_escapes_as_markupsafe_does_in_c_and_without_it(text):
    from markupsafe import Markup, escape

    from publisher import views

    assert views.html_text(text) == views._replaced(text) == str(escape(text))
    assert type(views.html_text(text)) is str  # a plain string, not a Markup
    assert views.html_text(Markup("<b>kept</b>")) == "<b>kept</b>"


def test_the_pages_words_are_attributes_too_so_templates_read_them_without_an_exception():
    words = templating.messages("en")
    assert words.footer == words["footer"] and isinstance(words, dict)
    assert "footer" in vars(words)  # found by getattr at once: Jinja tries an attribute before an item
    assert templating.environment().from_string("{{ t.nav_sparql }}").render(t=words) == words["nav_sparql"]
    with pytest.raises(ValueError, match="items"):
        templating.Words({"items": "Items", "footer": "f"})


def test_links_made_once_per_folder_are_the_ones_each_page_would_make(index):
    """View.href keeps another document's link by folder, for every page of the folder; a page's own document
    (its parts, itself) links within the page: "#budget", "#top", never the kept "PO.0181.html#budget"."""
    from publisher.views import Known, Terms, View

    known, terms = Known(), Terms(index)
    one, other = (View(index, terms, "en", path, known=known) for path in ("project/PO.0181", "project/IS.0077"))
    budget = str(index.iri("project/PO.0181")) + "#budget"
    assert one.href(budget) == ("#budget", False) and one.href(budget[:-7]) == ("#top", False)
    assert other.href(budget) == ("PO.0181.html#budget", False) == other._href(budget)
    assert one.href(budget) == ("#budget", False)  # after `other` kept its link for the folder
    country = View(index, terms, "en", "country/AR", known=known)
    assert country.href(budget) == ("../project/PO.0181.html#budget", False) == country._href(budget)
    assert terms.label(str(MP.budget), "en") == terms.label(str(MP.budget), "en") == "Budget"
    assert terms.label("http://example.org/unlabelled", "en") == "http://example.org/unlabelled"


def test_templates_are_strict_and_autoescaped():
    environment = templating.environment()
    assert environment.autoescape is True
    with pytest.raises(UndefinedError):
        environment.from_string("{{ no_such_value.text }}").render()


def test_pages_speak_french_with_french_labels(index):
    html = Pages(index, "fr").render("project/PO.0181")
    page = Page(html)
    assert page.lang == "fr"
    assert "Statut" in page.all_text and "Actif" in page.all_text and "Argentine" in page.all_text
    assert "300\u202f000,00 USD" in html
    english = Page(Pages(index, "en").render("project/PO.0181"))
    assert "Status" in english.all_text and "Active" in english.all_text


def test_the_site_reads_the_files_build_writes():
    from publisher import build, site

    assert (site.CATALOG, site.VOCABULARY) == (build.CATALOG, build.VOCABULARY)


@pytest.mark.parametrize("path", ["project/i-migr", "project/PO.0181", "country/AR", "dataset", "vocab"])
def test_pyld_reads_each_json_ld_file_on_its_own(path):
    from pyld import jsonld as pyld

    def no_network(url, options=None):
        raise AssertionError(f"pyld tried to fetch {url}")

    document = json.loads((SITE_DIR / f"{path}.jsonld").read_text(encoding="utf-8"))
    nquads = pyld.to_rdf(document, {"format": "application/n-quads", "documentLoader": no_network})
    assert isomorphic(Graph().parse(data=nquads, format="nt"), Graph().parse(SITE_DIR / f"{path}.nt", format="nt"))

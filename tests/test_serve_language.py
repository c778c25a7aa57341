"""`serve` and the pages' language: Accept-Language (q-values), `?lang=`, `--lang` as the default, and the
headers and validators that keep caches right."""

from __future__ import annotations

import pytest

from publisher import sparql
from publisher.negotiation import choose_language
from tests.test_serve import copied_output, serving

HTML = "text/html"
FRENCH_BROWSER = "fr-FR,fr;q=0.9,en;q=0.8"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    yield copied_output(tmp_path_factory, "serve-language")
    sparql.shutdown()


@pytest.fixture(scope="module")
def served(out):
    with serving(out, timeout=5.0) as client:
        yield client


@pytest.fixture(scope="module")
def served_fr(out):
    with serving(out, timeout=5.0, lang="fr") as client:
        yield client


def page(client, path: str, language: str | None = None, **headers: str):
    sent = {"Accept": HTML, **({"Accept-Language": language} if language else {}), **headers}
    return client.request("GET", path, sent)


def html_lang(answer) -> str:
    return answer.text.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(("header", "default", "chosen"), [
    (FRENCH_BROWSER, "en", "fr"), ("en-GB,en;q=0.9,fr;q=0.8", "fr", "en"), ("fr", "en", "fr"), ("FR-ca", "en", "fr"),
    ("de", "en", "en"), ("de", "fr", "fr"), (None, "fr", "fr"), ("", "en", "en"), ("*", "fr", "fr"),
    ("fr;q=0, *", "en", "en"), ("fr;q=0, *", "fr", "en"), ("en;q=0.2, *;q=0.5", "en", "fr"),
    ("fr-CA;q=0, fr;q=0.8, en;q=0.5", "en", "fr"), ("en;q=0.5, fr;q=0.5", "fr", "en"), ("de, fr;q=0.1", "en", "fr"),
    ("fr;q=2, en", "fr", "en"), ("fr;q=x", "en", "en"), ("fr;q=0.001", "en", "fr"), ("en;q=0, fr;q=0", "en", "en"),
])
def test_the_language_is_chosen_by_q_values(header, default, chosen):
    assert choose_language(header, ("en", "fr"), default) == chosen


@pytest.mark.parametrize("path", ["/project/PO.0181", "/project/PO.0181.html", "/", "/index.html", "/vocab",
                                  "/country/AR"])
def test_a_french_browser_gets_the_french_page(served, path):
    answer = page(served, path, FRENCH_BROWSER)
    assert answer.status == 200 and answer.type == HTML
    assert html_lang(answer) == "fr" and answer.headers["Content-Language"] == "fr"
    vary = [name.strip() for name in answer.headers["Vary"].split(",")]
    assert "Accept-Language" in vary
    english = page(served, path)
    assert html_lang(english) == "en" and english.headers["Content-Language"] == "en"


def test_the_negotiated_resource_still_varies_with_accept(served):
    vary = [name.strip() for name in page(served, "/project/PO.0181", FRENCH_BROWSER).headers["Vary"].split(",")]
    assert {"Accept", "Accept-Language"} <= set(vary)


def test_lang_in_the_link_overrides_the_header(served, served_fr):
    assert html_lang(page(served, "/project/PO.0181?lang=fr", "en")) == "fr"
    assert html_lang(page(served_fr, "/project/PO.0181.html?lang=en", FRENCH_BROWSER)) == "en"
    assert html_lang(page(served, "/project/PO.0181?lang=de", FRENCH_BROWSER)) == "fr"  # not offered: ignored


def test_serve_lang_stays_the_default_when_the_header_names_neither(served, served_fr):
    assert html_lang(page(served_fr, "/project/PO.0181", "de-DE,de;q=0.9")) == "fr"
    assert html_lang(page(served_fr, "/project/PO.0181")) == "fr"
    assert html_lang(page(served_fr, "/project/PO.0181", "en")) == "en"
    assert html_lang(page(served, "/project/PO.0181", "de")) == "en"


def test_each_language_has_its_own_etag_and_304(served):
    french = page(served, "/project/PO.0181", FRENCH_BROWSER)
    english = page(served, "/project/PO.0181", "en")
    assert french.headers["ETag"] != english.headers["ETag"]
    again = page(served, "/project/PO.0181", FRENCH_BROWSER, **{"If-None-Match": french.headers["ETag"]})
    assert again.status == 304 and again.headers["Content-Language"] == "fr"
    switched = page(served, "/project/PO.0181", "en", **{"If-None-Match": french.headers["ETag"]})
    assert switched.status == 200 and html_lang(switched) == "en"
    zipped = page(served, "/project/PO.0181", FRENCH_BROWSER, **{"Accept-Encoding": "gzip"})
    zipped_en = page(served, "/project/PO.0181", "en", **{"Accept-Encoding": "gzip"})
    assert zipped.headers["ETag"] != zipped_en.headers["ETag"]


def test_further_table_pages_error_pages_and_the_query_page_follow_the_language(served):
    table = page(served, "/index,2.html", FRENCH_BROWSER)
    if table.status == 200:  # the seeds may fit on one page
        assert html_lang(table) == "fr" and table.headers["Content-Language"] == "fr"
    missing = page(served, "/project/NOPE.0000", FRENCH_BROWSER)
    assert missing.status == 404 and html_lang(missing) == "fr" and missing.headers["Content-Language"] == "fr"
    query = page(served, "/sparql", FRENCH_BROWSER)
    assert query.status == 200 and html_lang(query) == "fr" and "Accept-Language" in query.headers["Vary"]


@pytest.mark.parametrize(("path", "accept"), [("/project/PO.0181", "text/turtle"),
                                              ("/project/PO.0181.jsonld", None), ("/catalog.ttl", None)])
def test_rdf_is_the_same_in_every_language(served, path, accept):
    headers = {"Accept": accept} if accept else {}
    english = served.request("GET", path, {**headers, "Accept-Language": "en"})
    french = served.request("GET", path, {**headers, "Accept-Language": FRENCH_BROWSER})
    assert english.body == french.body and english.headers["ETag"] == french.headers["ETag"]
    assert "Content-Language" not in french.headers and "Accept-Language" not in french.headers.get("Vary", "")

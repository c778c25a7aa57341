"""Content negotiation: one pure function, checked against a matrix of Accept headers."""

from __future__ import annotations

import pytest

from publisher.negotiation import choose_format, negotiate, parse_accept
from publisher.serializations import FORMATS, HTML, web_formats

CHROME = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
          "application/signed-exchange;v=b3;q=0.7")
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RAPPER = "application/rdf+xml, text/turtle;q=0.9, application/n-triples;q=0.8, */*;q=0.1"
COMPACTED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'
EXPANDED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"'


@pytest.mark.parametrize("accept, expected", [
    # no preference: the first offered form (Turtle)
    (None, "ttl"),
    ("", "ttl"),
    ("*/*", "ttl"),
    # exact types
    ("text/turtle", "ttl"),
    ("application/ld+json", "jsonld"),
    ("application/n-triples", "nt"),
    ("text/html", "html"),
    ("TEXT/HTML", "html"),
    # q-values pick the highest weight, whatever the order
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "jsonld"),
    ("application/n-triples;q=0.2, text/html;q=0.3, text/turtle;q=0.1", "html"),
    ("text/turtle;q=0.001, application/ld+json;q=0", "ttl"),
    ("text/turtle; q=1.0, application/ld+json; q=1", "ttl"),
    # q=0 means "not this", even when a wildcard would allow it
    ("text/turtle;q=0, */*", "jsonld"),
    ("text/html;q=0, text/*", "ttl"),
    ("text/*, text/turtle;q=0", "html"),
    ("*/*;q=0", None),
    # wildcards: text/* covers Turtle and HTML only
    ("text/*", "ttl"),
    ("application/*", "jsonld"),
    ("application/*;q=0.5, text/html", "html"),
    ("text/*;q=0.3, application/n-triples;q=0.4", "nt"),
    # specificity: the most specific matching range gives an offer its weight
    ("text/*;q=0.9, text/turtle;q=0.1, text/html;q=0.2", "html"),
    ("*/*;q=1, text/*;q=0.2, application/ld+json;q=0.5", "nt"),
    # parameters: charset is always UTF-8 here; other parameters must match the offer
    ("text/turtle;charset=utf-8", "ttl"),
    ("text/turtle; charset=\"UTF-8\"; q=0.8, text/html;q=0.7", "ttl"),
    ("text/html;level=1, text/turtle;q=0.5", "ttl"),
    (COMPACTED, "jsonld"),
    (f"{EXPANDED}, text/turtle;q=0.5", "ttl"),
    ('application/ld+json;profile="a,b";q=0.9, application/n-triples;q=0.8', "nt"),
    # what real clients send
    (CHROME, "html"),
    (FIREFOX, "html"),
    (RAPPER, "ttl"),
    ("application/ld+json, application/json", "jsonld"),
    # nothing we have
    ("image/png", None),
    ("application/rdf+xml", None),
    ("text/plain, application/json", None),
    # malformed entries are skipped; a header with nothing usable is as if absent
    ("text/turtle;q=2, application/ld+json;q=0.5", "jsonld"),
    ("text/turtle;q=abc, application/n-triples", "nt"),
    ("garbage, text/html", "html"),
    ("*/turtle, text/html;q=0.1", "html"),
    ("garbage", "ttl"),
    (",,,", "ttl"),
])
def test_accept_matrix(accept, expected):
    chosen = choose_format(accept)
    assert (chosen.name if chosen else None) == expected


def test_the_offers_come_from_the_one_table_of_formats():
    offered = [f.media_type for f in web_formats()]
    assert offered == [f.media_type for f in FORMATS if f.writable] + [HTML.media_type]
    assert HTML not in FORMATS  # pages are offered, never parsed as RDF


def test_negotiate_is_generic_and_ties_go_to_the_first_offer():
    results = ["application/sparql-results+json", "text/csv", "text/html"]
    assert negotiate("text/csv, application/sparql-results+json", results) == "application/sparql-results+json"
    assert negotiate("text/csv;q=0.9, application/*;q=0.5", results) == "text/csv"
    assert negotiate("text/plain", results) is None


def test_quoted_commas_do_not_split_entries():
    ranges = parse_accept('application/ld+json;profile="x,y";q=0.4, text/html')
    assert [(r.type, r.subtype, r.parameters, r.q) for r in ranges] == [
        ("application", "ld+json", (("profile", "x,y"),), 0.4), ("text", "html", (), 1.0)]

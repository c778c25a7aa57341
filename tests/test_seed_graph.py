"""The published graph says what each seed page says, in the vocabulary, with the reference data linked."""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from tests.conftest import ROOT

BASE = "https://w3id.org/migration-lod/"
PREFIXES = f"""
PREFIX mp: <https://w3id.org/migration-lod/vocab#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX project: <{BASE}project/>
PREFIX country: <{BASE}country/>
"""


@cache
def graph() -> Graph:
    return Graph().parse(ROOT / "output" / "migration-projects.ttl", format="turtle")


def rows(query: str) -> list[tuple]:
    return [tuple(row) for row in graph().query(PREFIXES + query)]


def values(query: str) -> set[str]:
    return {str(row[0]) for row in rows(query)}


def test_five_projects():
    assert values("SELECT ?p { ?p a mp:Project }") == {
        f"{BASE}project/{key}" for key in ("PO.0181", "PO.0201", "RT.1296", "IS.0077", "i-migr")}


def test_po0201_countries_by_eligibility():
    eligible = values("SELECT ?c { project:PO.0201 mp:eligibleBeneficiary ?c }")
    other = values("SELECT ?c { project:PO.0201 mp:otherBeneficiary ?c }")
    assert len(eligible) == 7 and other == {f"{BASE}country/CL", f"{BASE}country/UY"}
    assert values("SELECT ?c { project:PO.0201 mp:beneficiaryCountry ?c }") == eligible | other


def test_typed_values():
    g = graph()
    po0181 = URIRef(f"{BASE}project/PO.0181")
    mp = "https://w3id.org/migration-lod/vocab#"
    assert g.value(po0181, URIRef(mp + "startDate")) == Literal("2022", datatype=XSD.gYear)
    assert g.value(po0181, URIRef(mp + "allocationYear")) == Literal("2021", datatype=XSD.gYear)
    budget = g.value(po0181, URIRef(mp + "budget"))
    assert str(budget) == f"{BASE}project/PO.0181#budget"
    assert g.value(budget, URIRef("https://schema.org/value")) == Literal("300000.00", datatype=XSD.decimal)
    assert str(g.value(budget, URIRef("https://schema.org/currency"))) == "USD"
    is0077 = URIRef(f"{BASE}project/IS.0077")
    assert g.value(is0077, URIRef(mp + "durationMonths")) == Literal(24)
    assert g.value(g.value(is0077, URIRef(mp + "budget")), URIRef("https://schema.org/value")) == \
        Literal("400000.00", datatype=XSD.decimal)
    imigr = URIRef(f"{BASE}project/i-migr")
    assert g.value(imigr, URIRef(mp + "startDate")) == Literal("2020-06", datatype=XSD.gYearMonth)


def test_rt1296_has_no_start_date_and_is0077_no_title():
    assert not rows("SELECT ?d { project:RT.1296 mp:startDate ?d }")
    assert not rows("SELECT ?t { project:IS.0077 dct:title ?t }")
    assert values("SELECT ?t { project:PO.0181 dct:title ?t FILTER(lang(?t) = 'fr') }")


def test_concepts_match_iati_codes():
    assert graph().query(PREFIXES + """ASK { project:PO.0181 mp:status ?s . ?s skos:closeMatch ?iati .
        ?iati skos:notation "2" ; skos:inScheme <https://w3id.org/migration-lod/concept/iati-activity-status> }
        """).askAnswer
    for project, code in (("PO.0181", "4"), ("PO.0201", "2")):
        assert graph().query(PREFIXES + f"""ASK {{ project:{project} mp:geographicScope ?s .
                             ?s skos:exactMatch ?iati . ?iati skos:notation "{code}" }}""").askAnswer
    assert values("SELECT ?r { project:PO.0181 mp:region ?r }") == {f"{BASE}concept/region/latin-america-caribbean"}
    assert values("SELECT ?s { project:RT.1296 mp:status ?s }") == {f"{BASE}concept/status/completed"}
    assert len(values("SELECT ?e { project:IS.0077 mp:innovationElement ?e . ?e skos:inScheme ?s }")) == 3


def test_imigr_has_ten_organisations_in_five_roles():
    found = rows("""SELECT ?org ?role { project:i-migr mp:participation ?p .
                    ?p mp:organisation ?org ; mp:role ?role }""")
    assert len({org for org, _ in found}) == 10
    assert len({role for _, role in found}) == 5
    assert (URIRef(f"{BASE}organisation/european-union"), URIRef(f"{BASE}concept/role/co-funder")) in found
    assert (URIRef(f"{BASE}organisation/icmpd"), URIRef(f"{BASE}concept/role/extending")) in found
    assert values("SELECT ?w { <https://w3id.org/migration-lod/organisation/european-union> owl:sameAs ?w }") == \
        {"http://www.wikidata.org/entity/Q458"}


def test_imigr_places_and_regions():
    assert values("SELECT ?a { project:i-migr mp:interventionArea ?a }") == {
        f"{BASE}place/TN/raoued", f"{BASE}place/TN/la-marsa"}
    assert values("SELECT ?s { <https://w3id.org/migration-lod/place/TN/raoued> schema:containedInPlace ?s }") == \
        {f"{BASE}subdivision/TN-12"}
    assert values("SELECT ?c { <https://w3id.org/migration-lod/subdivision/TN-11> schema:containedInPlace ?c }") == \
        {f"{BASE}country/TN"}
    assert values("SELECT ?n { project:i-migr mp:beneficiaryRegionCount ?n }") == {"3"}
    assert len(rows("SELECT ?o { project:i-migr mp:specificObjective ?o }")) == 3
    assert len(rows("SELECT ?r { project:i-migr mp:expectedResult ?r }")) == 3
    assert len(rows("SELECT ?a { project:i-migr mp:activity ?a }")) == 6
    assert values("SELECT ?e { project:i-migr schema:contactPoint/schema:email ?e }") == {"ciestunisie@cies.it"}


@pytest.mark.parametrize("alpha2, qid", [("AR", "Q414"), ("BO", "Q750"), ("BR", "Q155"), ("CL", "Q298"),
                                         ("CO", "Q739"), ("EC", "Q736"), ("PY", "Q733"), ("PE", "Q419"),
                                         ("UY", "Q77"), ("GY", "Q734"), ("SV", "Q792"), ("GT", "Q774"),
                                         ("HN", "Q783"), ("MX", "Q96"), ("TN", "Q948")])
def test_countries_link_to_wikidata_and_the_eu_authority(alpha2, qid):
    country = f"<{BASE}country/{alpha2}>"
    assert values(f"SELECT ?w {{ {country} owl:sameAs ?w }}") == {f"http://www.wikidata.org/entity/{qid}"}
    eu = values(f"SELECT ?e {{ {country} skos:exactMatch ?e }}")
    assert len(eu) == 1 and eu.pop().startswith("http://publications.europa.eu/resource/authority/country/")
    assert values(f"SELECT ?l {{ {country} skos:prefLabel ?l FILTER(lang(?l) = 'fr') }}")


def test_which_projects_benefit_argentina():
    assert values("SELECT ?p { ?p mp:beneficiaryCountry country:AR }") == {
        f"{BASE}project/{key}" for key in ("PO.0181", "PO.0201", "IS.0077")}


def test_every_project_links_to_its_source_with_checksum():
    found = rows("SELECT ?p ?sha { ?p a mp:Project ; prov:wasDerivedFrom ?s . ?s mp:sha256 ?sha ; mp:converter ?c }")
    assert len(found) == 5 and all(len(str(sha)) == 64 for _, sha in found)

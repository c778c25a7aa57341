"""A generated contribution of N projects, and how long `validate` takes on it (`python -m bench.contribution`)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

HEADER = """@base <{base}> .
@prefix mp: <https://w3id.org/migration-lod/vocab#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<organisation/bench-ngo> a mp:Organisation ; skos:prefLabel "Bench NGO"@en .
"""

PROJECT = """
<project/{code}> a mp:Project ;
    dct:identifier "{code}" ;
    dct:title "Projet de référence {number}"@fr , "Benchmark project {number}"@en ;
    dct:description "Un projet généré pour mesurer la validation."@fr ;
    mp:startDate "{start}"^^xsd:gYear ;
    mp:endDate "{end}-06"^^xsd:gYearMonth ;
    mp:durationMonths {months} ;
    mp:status <concept/status/active> ;
    mp:projectType <concept/project-type/migration-policy> ;
    mp:geographicScope <concept/scope/national> ;
    mp:region <concept/region/latin-america-caribbean> ;
    mp:eligibleBeneficiary <country/{country}> ;
    mp:beneficiaryCountry <country/{country}> ;
    mp:budget <project/{code}#budget> ;
    mp:participation <project/{code}#participation-1> , <project/{code}#participation-2> ;
    mp:generalObjective <project/{code}#objective-1> ;
    mp:expectedResult <project/{code}#result-R1> ;
    mp:activity <project/{code}#activity-1> ;
    schema:contactPoint <project/{code}#contact> .
<project/{code}#budget> a schema:MonetaryAmount ; schema:value "{amount}.00"^^xsd:decimal ; schema:currency "USD" .
<project/{code}#participation-1> a mp:Participation ; mp:organisation <organisation/iom> ;
    mp:role <concept/role/implementer> .
<project/{code}#participation-2> a mp:Participation ; mp:organisation <organisation/bench-ngo> ;
    mp:role <concept/role/partner> .
<project/{code}#objective-1> a mp:Objective ; dct:description "Renforcer la gouvernance locale."@fr ; mp:position 1 .
<project/{code}#result-R1> a mp:ExpectedResult ; skos:notation "R1" ;
    dct:description "Les municipalités ont un plan d'action."@fr .
<project/{code}#activity-1> a mp:Activity ; dct:title "Formation"@fr ;
    dct:description "Former les fonctionnaires."@fr ; mp:position 1 .
<project/{code}#contact> a schema:ContactPoint ; schema:email "contact{number}@example.org" .
"""

COUNTRIES = ("AR", "BO", "BR", "CL", "CO", "EC", "PY", "PE", "UY", "MX", "TN")


def generate(count: int, base: str = "https://w3id.org/migration-lod/") -> str:
    """A valid Turtle contribution of `count` projects (about 45 triples each)."""
    parts = [HEADER.format(base=base)]
    for number in range(1, count + 1):
        parts.append(PROJECT.format(code=f"BENCH-{number:05d}", number=number, start=2000 + number % 20,
                                    end=2001 + number % 20 + number % 3, months=12 + number % 24,
                                    country=COUNTRIES[number % len(COUNTRIES)], amount=10000 + number * 7))
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=1000, help="projects in the generated contribution")
    parser.add_argument("--published", type=Path, default=Path("output/migration-projects.nt.gz"))
    args = parser.parse_args()
    from publisher.contributions import check
    from publisher.published import Known
    from publisher.safeparse import Limits

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench-contribution.ttl"
        path.write_text(generate(args.projects), encoding="utf-8")
        size = path.stat().st_size
        started = time.perf_counter()
        known = Known.read(args.published)
        loaded = time.perf_counter()
        result = check(path, known, Limits(seconds=3600))
        done = time.perf_counter()
    print(f"validate: {args.projects} projects, {size} bytes: published data {loaded - started:.2f} s, "
          f"parse + validate + checks {done - loaded:.2f} s ({result.report.summary()})")


if __name__ == "__main__":
    main()

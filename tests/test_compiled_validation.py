"""The compiled SHACL engine (publisher.compiled) gives plain pySHACL's findings: on the seeds' records, a generated
corpus with broken pages, the contribution fixtures, hypothesis-made mutations of records, and small hand-written
shapes for each component it compiles; a shapes graph it does not compile goes to pySHACL. pySHACL runs plainly
(`pyshacl.validate`, none of publisher.shacl's shortcuts) in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from bench.corpus import generate
from converters import convert_file
from converters.errors import MigrationLodError, PageError
from converters.namespaces import MP, SCHEMA, SKOS
from converters.rdf import to_graph
from converters.reference import reference
from publisher.batches import validate_in_batches
from publisher.compiled import Engine, Unsupported
from publisher.safeparse import format_for, parse, read
from publisher.validation import SHAPES, compiled, validate_against, validate_with_references, with_references
from tests.conftest import ROOT, SEEDS

CONTRIBUTIONS = Path(__file__).parent / "contributions"
# Run by a fresh interpreter: plain pySHACL with the given shapes files on each N-Triples file, as Findings.
PLAIN = """
import json, sys
from dataclasses import asdict
import pyshacl
from rdflib import BNode, Graph
from rdflib.namespace import RDF, SH
from publisher.validation import finding

def blank(found, results, r):
    if isinstance(results.value(r, SH.focusNode), BNode):
        found["resource"] = "_:b"
    if isinstance(results.value(r, SH.value), BNode):
        found["value"] = "_:b"
    return found
shapes_files, data_files = json.loads(sys.argv[1])
shapes = Graph()
for path in shapes_files:
    shapes.parse(path, format="turtle")
found = []
for path in data_files:
    data = Graph().parse(path, format="nt")
    _c, results, _t = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True,
                                       allow_infos=True, advanced=False, do_owl_imports=False)
    found.append([blank(asdict(finding(results, r, None)), results, r)
                  for r in results.subjects(RDF.type, SH.ValidationResult)])
print(json.dumps(found))
"""
SHAPE_FILES = [str(path) for path in sorted(SHAPES.glob("*.ttl"))]


def write_graphs(graphs: list[Graph], folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, graph in enumerate(graphs):
        path = folder / f"data-{number}.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        paths.append(str(path))
    return paths


def plain_pyshacl(paths: list[str], shapes: list[str] = SHAPE_FILES) -> list[Counter]:
    """Plain pySHACL's findings for each N-Triples file, as multisets."""
    done = subprocess.run([sys.executable, "-c", PLAIN, json.dumps([shapes, paths])], capture_output=True, text=True,
                          cwd=ROOT, timeout=900, check=True)
    return [Counter(_comparable(f) for f in found) for found in json.loads(done.stdout)]


def _comparable(finding: dict) -> tuple:
    """A finding as a sortable tuple, without its file; a blank-node shape's code (its node's id) as "shape-_:b"."""
    finding = dict(finding, file=None, messages=tuple(tuple(pair) for pair in finding["messages"]))
    if finding["shape"] is None and finding["code"].startswith("shape-"):
        finding["code"] = "shape-_:b"
    return tuple(sorted(finding.items()))


def mine(findings, graph: Graph | None = None) -> Counter:
    """The findings as multisets, blank nodes of `graph` named "_:b" (their ids differ from run to run)."""
    blanks = {f"_:{n}" for triple in graph or () for n in triple if isinstance(n, BNode)}  # as Findings name them
    return Counter(_comparable(dict(asdict(f), resource="_:b" if f.resource in blanks else f.resource,
                                    value="_:b" if f.value in blanks else f.value)) for f in findings)


def records_of(pages: list[Path]) -> list[tuple[set, str]]:
    found = []
    for page in pages:
        try:
            found.append((to_graph(convert_file(page)).triples, str(page)))
        except PageError:
            continue
    return found


def graph_of(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def test_the_shapes_compile():
    assert compiled() is not None, "shapes/ uses something publisher.compiled does not compile"


def test_records_of_the_seeds_and_a_generated_corpus_get_plain_pyshacl_findings(tmp_path):
    """The seeds and 200 generated pages, one in twenty broken (their records where they still map: today none
    does, each is a PageError)."""
    corpus = generate(tmp_path / "corpus", 200, seed=11, broken_rate=0.05)
    records = records_of(sorted(SEEDS.glob("*.txt")) + corpus.pages)
    assert corpus.broken and len(records) >= 205 - len(corpus.broken)
    ref = reference().graph
    reports = validate_in_batches([triples for triples, _ in records], [file for _, file in records], ref)
    data = [with_references(graph_of(triples), ref) for triples, _ in records]
    expected = plain_pyshacl(write_graphs(data, tmp_path / "nt"))
    for (_triples, file), report, graph, wanted in zip(records, reports, data, expected, strict=True):
        assert mine(report.findings) == wanted, file
        assert all(f.file == file for f in report.findings)
        assert report.resources == len({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)})
    assert sum(len(r.findings) for r in reports) > 100  # the corpus does exercise the shapes


def _contribution_graphs() -> list[tuple[str, Graph]]:
    """Each example contribution `validate` reads (the hostile ones it refuses are left out)."""
    found = []
    for path in sorted(CONTRIBUTIONS.rglob("*")):
        try:
            found.append((str(path), parse(read(path), format_for(str(path)), str(path))))
        except MigrationLodError:
            continue
    return found


def test_the_contribution_fixtures_get_plain_pyshacl_findings(tmp_path):
    """Every example contribution rdflib can read (valid, broken, hostile), validated as `validate` does."""
    ref = reference().graph
    graphs = _contribution_graphs()
    assert len(graphs) > 40
    data = [with_references(graph, ref) for _, graph in graphs]
    expected = plain_pyshacl(write_graphs(data, tmp_path))
    for (name, graph), wanted in zip(graphs, expected, strict=True):
        before = set(graph)
        assert mine(validate_with_references(graph, ref, name).findings, graph) == wanted, name
        assert set(graph) == before


# --- mutations ---------------------------------------------------------------------------------------------

COUNTRY = URIRef("https://w3id.org/migration-lod/country/AR")
CONCEPT = URIRef("https://w3id.org/migration-lod/concept/status/active")
CLASSES = [MP.Project, MP.Objective, MP.Activity, MP.Country, SKOS.Concept, SCHEMA.MonetaryAmount, MP.Participation]
DATATYPES = [XSD.string, XSD.integer, XSD.decimal, XSD.gYear, XSD.gYearMonth, XSD.date, XSD.boolean, None]
LINKS = [MP.status, MP.beneficiaryCountry, MP.generalObjective, MP.activity, MP.budget, MP.participation,
         MP.organisation, MP.role, SCHEMA.contactPoint, MP.region]
TEXTS = ["", "2020", "2019-13", "20x1", "-5", "0", "1.50", "AR10P0514", "abc@example.org", "+33 1 23", "XXX", "USD",
         "Ünïcödé", "2021-06-15", "PO.0181", "a b"]


def mutation(draw, base: list[tuple]) -> list[tuple]:
    """One record changed the ways real data goes wrong: a triple dropped or duplicated onto another node,
    a type changed, a literal's datatype, language or text changed, a link to the wrong kind of thing, dates
    out of order."""
    triples = list(base)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["drop", "duplicate", "retype", "datatype", "language", "text", "link",
                                     "dates"]))
        index = draw(st.integers(0, len(triples) - 1))
        s, p, o = triples[index]
        if kind == "drop" and len(triples) > 1:
            triples.pop(index)
        elif kind == "duplicate":
            other = triples[draw(st.integers(0, len(triples) - 1))][0]
            triples.append((other, p, o))
        elif kind == "retype":
            triples.append((s, RDF.type, draw(st.sampled_from(CLASSES))))
        elif kind in ("datatype", "text", "language") and isinstance(o, Literal):
            text = draw(st.sampled_from(TEXTS)) if kind == "text" else str(o)
            if kind == "language":
                triples[index] = (s, p, Literal(text, lang=draw(st.sampled_from(["fr", "en", "FR", "es-AR"]))))
            else:
                triples[index] = (s, p, Literal(text, datatype=draw(st.sampled_from(DATATYPES))))
        elif kind == "link":
            target = draw(st.sampled_from([COUNTRY, CONCEPT, BNode("x"), Literal("AR"), URIRef(str(s) + "#nowhere")]))
            triples.append((s, draw(st.sampled_from(LINKS)), target))
        elif kind == "dates":
            start, end = draw(st.sampled_from(TEXTS[1:4] + ["2021", "2020-06", "2019-06-30"])), draw(
                st.sampled_from(["2019", "2020-05", "2020-06-14", "2018"]))
            dtype = draw(st.sampled_from([XSD.gYear, XSD.gYearMonth, XSD.date]))
            triples.append((s, MP.startDate, Literal(start, datatype=dtype)))
            triples.append((s, MP.endDate, Literal(end, datatype=draw(st.sampled_from([XSD.gYear, XSD.date])))))
    return triples


def test_mutated_records_get_plain_pyshacl_findings(tmp_path):
    """Hypothesis changes the seeds' records; every mutant is then validated by both engines."""
    bases = [sorted(triples) for triples, _ in records_of(sorted(SEEDS.glob("*.txt")))]
    mutants: list[list[tuple]] = []

    @settings(max_examples=100, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def collect(data) -> None:
        base = bases[data.draw(st.integers(0, len(bases) - 1))]
        mutants.append(mutation(data.draw, base))

    collect()
    ref = reference().graph
    reports = validate_in_batches([set(m) for m in mutants], [f"m{n}" for n in range(len(mutants))], ref)
    expected = plain_pyshacl(write_graphs([with_references(graph_of(m), ref) for m in mutants], tmp_path))
    for number, (report, wanted) in enumerate(zip(reports, expected, strict=True)):
        assert mine(report.findings, graph_of(mutants[number])) == wanted, f"mutant {number}: {sorted(mutants[number])}"
    assert len({f.code for r in reports for f in r.findings}) > 15  # the mutations reach many shapes


# --- each component, on hand-written shapes ---------------------------------------------------------------------

PREFIXES = """@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# One shape (or two) per component and target kind; some with messages in two languages, some with none (pySHACL's
# generic text; not for sh:in, whose text lists a set in an order that changes from run to run), every severity,
# deactivated shapes and a deactivated SPARQL constraint; SPARQL constraints answered each way compiled_sparql has
# (a star pattern by sparql_star, one with REGEX by rdflib on stand-ins, two hops once per data graph, one
# reading $this in its filter once per focus node).
COMPONENT_SHAPES = PREFIXES + """
ex:prefixes owl:imports sh: ; sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
ex:Class a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property ex:Class-p .
ex:Class-p a sh:PropertyShape ; sh:path ex:link ; sh:class ex:Thing ;
    sh:message "not a thing"@en , "pas une chose"@fr .
ex:TwoClasses a sh:PropertyShape ; sh:targetSubjectsOf ex:link ; sh:path ex:link ; sh:class ex:Thing, ex:Other .
ex:Datatype a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property
    [ sh:path ex:count ; sh:datatype xsd:integer ] , [ sh:path ex:label ; sh:datatype rdf:langString ] ,
    [ sh:path ex:text ; sh:datatype xsd:string ] , [ sh:path ex:when ; sh:datatype xsd:date ] ,
    [ sh:path ex:any ; sh:datatype rdfs:Literal ] , [ sh:path ex:decimal ; sh:datatype xsd:decimal ] ,
    [ sh:path ex:flag ; sh:datatype xsd:boolean ] , [ sh:path ex:year ; sh:datatype xsd:gYear ] .
ex:NodeKind a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property
    [ sh:path ex:link ; sh:nodeKind sh:IRI ] , [ sh:path ex:label ; sh:nodeKind sh:BlankNodeOrIRI ] ,
    [ sh:path ex:child ; sh:nodeKind sh:BlankNode ] , [ sh:path ex:text ; sh:nodeKind sh:IRIOrLiteral ] .
ex:Counts a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:label ; sh:minCount 1 ; sh:maxCount 1 ;
    sh:severity sh:Warning ; sh:message "one label"@en .
ex:Zero a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:nothing ; sh:minCount 0 ; sh:maxCount 0 .
ex:Pattern a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:text ; sh:pattern "^ab+c$" ; sh:flags "i" ;
    sh:severity sh:Info .
ex:Ranges a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property
    [ sh:path ex:count ; sh:minInclusive 1 ; sh:maxExclusive 10 ] ,
    [ sh:path ex:count ; sh:minExclusive 0 ; sh:maxInclusive 9 ] ,
    [ sh:path ex:when ; sh:minInclusive "2020-01-01"^^xsd:date ] ,
    [ sh:path ex:text ; sh:maxInclusive "m" ] .
ex:Lengths a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:text ; sh:minLength 2 ; sh:maxLength 4 .
ex:In a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:colour ; sh:in ( "red" "green" ex:blue 3 ) ;
    sh:message "not a colour"@en .
ex:HasValue a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:colour ; sh:hasValue "red" .
ex:Languages a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:label ; sh:languageIn ( "en" "fr" ) ;
    sh:uniqueLang true .
ex:NotUnique a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:label ; sh:uniqueLang false .
ex:Pairs a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property
    [ sh:path ex:start ; sh:lessThan ex:end ] , [ sh:path ex:start ; sh:lessThanOrEquals ex:end ] ,
    [ sh:path ex:label ; sh:equals ex:name ] , [ sh:path ex:label ; sh:disjoint ex:text ] .
ex:NodeEquals a sh:NodeShape ; sh:targetNode ex:a ; sh:equals ex:self ; sh:disjoint ex:link .
ex:Logic a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property
    [ sh:path ex:value ; sh:or ( [ sh:datatype xsd:integer ] [ sh:datatype xsd:string ] ) ] ,
    [ sh:path ex:value ; sh:and ( [ sh:nodeKind sh:Literal ] [ sh:minLength 1 ] ) ] ,
    [ sh:path ex:value ; sh:not [ sh:hasValue "forbidden" ] ] ,
    [ sh:path ex:value ; sh:xone ( [ sh:datatype xsd:integer ] [ sh:minInclusive 5 ] ) ] .
ex:Nested a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:child ; sh:node ex:Child ] .
ex:Child a sh:NodeShape ; sh:property [ sh:path ex:label ; sh:minCount 1 ; sh:message "a child needs a label"@en ] .
ex:SoftChild a sh:NodeShape ; sh:severity sh:Warning ; sh:property ex:SoftChild-p .
ex:SoftChild-p a sh:PropertyShape ; sh:path ex:label ; sh:minCount 1 ; sh:severity sh:Warning .
ex:NodeSoft a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:child ; sh:node ex:SoftChild .
ex:OrSoft a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:child ; sh:or ( ex:SoftChild ex:Child ) .
ex:AndSoft a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:child ; sh:and ( ex:SoftChild ex:Child ) .
ex:Paths a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property
    [ sh:path [ sh:alternativePath ( ex:label ex:name ) ] ; sh:minCount 2 ] ,
    [ sh:path [ sh:inversePath ex:link ] ; sh:maxCount 1 ] ,
    [ sh:path ( ex:child ex:label ) ; sh:minCount 1 ; sh:datatype rdf:langString ] .
ex:Targets a sh:NodeShape ; sh:targetNode ex:ghost , ex:a ; sh:targetObjectsOf ex:child ; sh:class ex:Thing ;
    sh:severity ex:CustomSeverity .
ex:Implicit a rdfs:Class , sh:NodeShape ; sh:property [ sh:path ex:label ; sh:minCount 1 ] .
ex:Off a sh:NodeShape ; sh:targetClass ex:Thing ; sh:deactivated true ; sh:property [ sh:path ex:x ; sh:minCount 1 ] .
ex:OffInside a sh:PropertyShape ; sh:path ex:label ; sh:minCount 5 ; sh:deactivated true .
ex:UsesOff a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property ex:OffInside ; sh:node ex:OffNode .
ex:OffNode a sh:NodeShape ; sh:deactivated true ; sh:class ex:Nothing .
ex:Sparql a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:message "{$this} ends {?end} before it starts {?start}"@en , "{$this} : fin {?end} avant {?start}"@fr ;
    sh:sparql [ sh:prefixes ex:prefixes ; sh:select \"\"\"
        SELECT $this ?start ?end WHERE { $this ex:start ?start ; ex:end ?end . FILTER (?end < ?start) }\"\"\" ] ,
      [ sh:deactivated true ; sh:select "SELECT $this WHERE { $this ?p ?o }" ] .
ex:SparqlPath a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:count ;
    sh:sparql [ sh:prefixes ex:prefixes ; sh:message "{?value} is too big" ; sh:select \"\"\"
        SELECT $this ?value WHERE {
            $this $PATH ?value . FILTER (isNumeric(?value) && ?value > 10) }\"\"\" ] .
ex:SparqlFailure a sh:NodeShape ; sh:targetNode ex:a ;
    sh:sparql [ sh:prefixes ex:prefixes ; sh:select \"\"\"
        SELECT $this ?failure WHERE { $this ex:link ?x . BIND (true AS ?failure) }\"\"\" ] .
ex:SparqlTwoHops a sh:NodeShape ; sh:targetClass ex:Thing ; sh:message "{$this} has a child labelled {?l}" ;
    sh:sparql [ sh:prefixes ex:prefixes ; sh:select "SELECT $this ?c ?l WHERE { $this ex:child ?c . ?c ex:label ?l }"
    ] .
ex:SparqlEach a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql [ sh:prefixes ex:prefixes ; sh:select \"\"\"
    SELECT $this ?value WHERE { $this ex:link ?value . OPTIONAL { ?value ex:link ?back }
                                FILTER (!BOUND(?back) || ?back != $this) }\"\"\" ] .
ex:SparqlRegex a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:text ; sh:message "{?value} starts with a" ;
    sh:sparql [ sh:prefixes ex:prefixes ;
        sh:select "SELECT $this ?value WHERE { $this ex:text ?value . FILTER (REGEX(STR(?value), '^a', 'i')) }" ] .
ex:SparqlRows a sh:NodeShape ; sh:targetSubjectsOf ex:child ;
    sh:sparql [ sh:prefixes ex:prefixes ; sh:select \"\"\"
        SELECT ?this ?path ?value WHERE { ?this ex:child ?value . BIND (ex:child AS ?path) }\"\"\" ] .
"""
COMPONENT_DATA = PREFIXES + """
ex:Sub rdfs:subClassOf ex:Thing .
ex:Deeper rdfs:subClassOf ex:Sub .
ex:a a ex:Thing ; ex:self ex:a , ex:b ; ex:link ex:b , ex:c , "literal" ; ex:count 3 , "x"^^xsd:integer , 12 , 0 ;
    ex:label "Hello"@en , "Bonjour"@fr , "Hi"@EN , "Hola"@es-ES ; ex:name "Hello"@en ;
    ex:text "ABBC" , "abc"^^xsd:string , "a" , "Hello"@en , "zzzzz" ;
    ex:when "2019-12-31"^^xsd:date , "2021-02-30"^^xsd:date ; ex:any 1 , "x" ; ex:decimal 1.5 , 2 ;
    ex:flag true , "maybe"^^xsd:boolean ; ex:year "2020"^^xsd:gYear , "20x1"^^xsd:gYear ;
    ex:colour "red" , ex:blue , "blue" , 3.0 ; ex:start 5 , "2020" ; ex:end 4 , 5 , "2021" ;
    ex:value 3 , "forbidden" , 7 , "" , 2.5 ; ex:child ex:c , [ ex:label "anon"@en ] , ex:d .
ex:b a ex:Sub ; ex:label "B"@en ; ex:link ex:a ; ex:colour "green" ; ex:start 2 ; ex:end 2 .
ex:c a ex:Deeper , ex:Other ; ex:text "abbbc" ; ex:child ex:b .
ex:d ex:label "D" .
ex:e a ex:Implicit .
"""
# Shapes using what the engine does not compile: pySHACL must validate them.
UNSUPPORTED = {
    "closed": "ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:closed true ; sh:ignoredProperties ( rdf:type ) ;"
              " sh:property [ sh:path ex:label ] .",
    "qualified": "ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:link ;"
                 " sh:qualifiedValueShape [ sh:class ex:Sub ] ; sh:qualifiedMinCount 2 ] .",
    "zero-or-more": "ex:S a sh:PropertyShape ; sh:targetClass ex:Thing ;"
                    " sh:path [ sh:zeroOrMorePath ex:link ] ; sh:maxCount 2 .",
}


def compare_on_shapes(shapes_text: str, data_text: str, folder: Path) -> list:
    """validate_against on the shapes against plain pySHACL with them; the findings, for more checks."""
    folder.mkdir(parents=True, exist_ok=True)
    shapes_path = folder / "shapes.ttl"
    shapes_path.write_text(shapes_text, encoding="utf-8")
    data_path = write_graphs([Graph().parse(data=data_text, format="turtle")], folder)[0]
    data = Graph().parse(data_path, format="nt")
    shapes = Graph().parse(shapes_path, format="turtle")
    found = validate_against(shapes, data).findings
    got, wanted = mine(found, data), plain_pyshacl([data_path], [str(shapes_path)])[0]
    assert got == wanted, (sorted((got - wanted).elements()), sorted((wanted - got).elements()))
    return found


def test_each_component_on_hand_written_shapes_gives_plain_pyshacl_findings(tmp_path):
    Engine(Graph().parse(data=COMPONENT_SHAPES, format="turtle"))  # compiles, so the engine is what is compared
    found = compare_on_shapes(COMPONENT_SHAPES, COMPONENT_DATA, tmp_path)
    named = {f.shape.rsplit("/", 1)[-1] for f in found if f.shape}
    assert {"Class-p", "TwoClasses", "Counts", "Pattern", "Lengths", "In", "HasValue", "Languages", "NodeEquals",
            "NodeSoft", "AndSoft", "Targets", "Sparql", "SparqlPath", "SparqlFailure", "SparqlTwoHops", "SparqlEach",
            "SparqlRegex",
            "SparqlRows"} <= named
    assert not {"Off", "OffInside", "OffNode", "NotUnique", "Zero", "OrSoft"} & named  # OrSoft: a Warning conforms
    assert len(found) > 60 and {f.severity for f in found} >= {"Violation", "Warning", "Info",
                                                                "http://example.org/CustomSeverity"}
    # without rdfs:subClassOf in the data, the engine finds every shape's focus nodes in one pass
    flat = COMPONENT_DATA.replace("ex:Sub rdfs:subClassOf ex:Thing .", "").replace("a ex:Sub ;", "a ex:Thing ;")
    assert "subClassOf" not in flat.replace("ex:Deeper rdfs:subClassOf ex:Sub .", "")
    assert len(compare_on_shapes(COMPONENT_SHAPES, flat.replace("ex:Deeper rdfs:subClassOf ex:Sub .", ""),
                                 tmp_path / "flat")) > 60


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_shapes_the_engine_does_not_compile_are_validated_by_pyshacl(name, tmp_path):
    shapes_text = PREFIXES + UNSUPPORTED[name]
    try:
        Engine(Graph().parse(data=shapes_text, format="turtle"))
    except Unsupported:
        pass
    else:
        raise AssertionError(f"{name} should not compile")
    assert compare_on_shapes(shapes_text, COMPONENT_DATA, tmp_path)


# --- star queries answered without rdflib's plumbing -----------------------------------------------------------

STAR_QUERIES = [
    # an xsd-cast and a plain language/arithmetic mix, beside the shapes' own end-before-start query
    """PREFIX ex: <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    SELECT $this ?a ?b ?c WHERE { $this ex:a ?a ; ex:b ?b .
      BIND (COALESCE(xsd:integer(?a), STRLEN(STR(?b))) AS ?c)
      FILTER (!BOUND(?c) || ?c + 1 > 2 || LANG(?b) = "fr" || CONTAINS(UCASE(STR(?a)), "X")) }""",
    """PREFIX ex: <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    SELECT $this ?a ?d WHERE { $this ex:a ?a ; ex:b ?b .
      BIND (CONCAT(STR(?a), "-", LCASE(STR(?b))) AS ?d)
      FILTER (isLiteral(?a) && (STRSTARTS(?d, "2") || isIRI(?b) || ABS(xsd:decimal(?a)) >= 1.5)) }""",
]
STAR_VALUES = [Literal("2020", datatype=XSD.gYear), Literal("2020-06", datatype=XSD.gYearMonth),
               Literal("2020-06-15", datatype=XSD.date), Literal("20x1", datatype=XSD.gYear), Literal("2021"),
               Literal("x", lang="fr"), Literal("-1.5", datatype=XSD.decimal), Literal("7", datatype=XSD.integer),
               Literal("abc", datatype=XSD.integer), URIRef("http://example.org/iri"), BNode("b"), Literal(""),
               Literal("2019", datatype=XSD.gYear), Literal("2021-01-01", datatype=XSD.date)]


@pytest.mark.parametrize("number", range(len(STAR_QUERIES) + 1))
def test_star_queries_give_rdflibs_rows(number):
    """sparql_star answers a star query on each pair of value sets with the rows rdflib gives it."""
    from rdflib.plugins.sparql import prepareQuery

    from publisher.shacl import _star
    from publisher.sparql_star import StarQuery

    if number == len(STAR_QUERIES):
        check = next(c for c in compiled().sparql if c.star)
        text, pairs = check.text, check.star
    else:
        text = STAR_QUERIES[number]
        pairs = _star(text)
    query = prepareQuery(text)
    evaluator = StarQuery(query.algebra, pairs)
    this = URIRef("http://example.org/this")
    sets = [frozenset({v}) for v in STAR_VALUES] + [frozenset(STAR_VALUES[:3]), frozenset(STAR_VALUES[4:7])]
    rows = 0
    for first in sets:
        for second in sets:
            graph = Graph()
            for (predicate, _), values in zip(pairs, (first, second), strict=True):
                for value in values:
                    graph.add((this, predicate, value))
            expected = sorted(sorted(row.asdict().items()) for row in graph.query(query))
            assert sorted(sorted(row.items()) for row in evaluator.rows(this, (first, second))) == expected
            rows += len(expected)
    assert 0 < rows < len(sets) ** 2 * 9  # some pairs pass the filters, not all


@pytest.mark.parametrize("engine", ["compiled", "pySHACL"])
def test_a_finding_without_a_value_beside_the_same_with_one_sorts(engine, monkeypatch):
    """Two end dates, one badly typed: mps:Project-endDate-format finds too many (no value) and a bad one (its
    value), otherwise the same Finding; sorting the Findings themselves raised TypeError (None < str), and the
    page's validation failed as a bug of ours."""
    from publisher import batches

    if engine == "pySHACL":
        monkeypatch.setattr(batches, "compiled", lambda: None)
    project = URIRef("https://w3id.org/migration-lod/project/X.0001")
    record = {(project, RDF.type, MP.Project), (project, MP.endDate, Literal("2024", datatype=XSD.gYear)),
              (project, MP.endDate, Literal("x"))}
    report = validate_in_batches([record], ["x.txt"], reference().graph)[0]
    dates = [f for f in report.findings if f.shape.endswith("Project-endDate-format")]
    assert [f.value for f in dates] == [None, "x"]

"""Record -> RDF: maps a Project onto the migration-project vocabulary (DESIGN section 4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property, lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespaces

from .iris import Iris
from .language import label_language, spelled_language, text_language
from .namespaces import DEFAULT_BASE, MP, SCHEMA, made_once, new_graph
from .records import Country, Organisation, PartialDate, Place, Project, Subdivision
from .reference import Reference, reference

# rdflib's namespaces make a term anew on every attribute access, and the mapping asks for the same few for
# every record: these make each once.
DCT, PROV, RDF, RDFS, SKOS, XSD = (made_once(getattr(rdflib_namespaces, name))
                                   for name in ("DCTERMS", "PROV", "RDF", "RDFS", "SKOS", "XSD"))
_DATE_TYPES = {1: XSD.gYear, 2: XSD.gYearMonth, 3: XSD.date}
# Record fields naming a concept -> (property, scheme).
_CONCEPT_FIELDS = {
    "status": (MP.status, "status"),
    "project_type": (MP.projectType, "project-type"),
    "scope": (MP.geographicScope, "scope"),
    "region": (MP.region, "region"),
}


# The properties a record's field is written with (the project's, or its part's: a finding on the budget's amount
# is one on the page's budget line), by field name.
FIELD_PROPERTIES = {
    "title": (str(DCT.title),), "description": (str(DCT.description),), "code": (str(DCT.identifier),),
    "prima_id": (str(MP.primaId),), "start": (str(MP.startDate),), "end": (str(MP.endDate),),
    "allocation_year": (str(MP.allocationYear),), "duration_months": (str(MP.durationMonths),),
    "status": (str(MP.status),), "project_type": (str(MP.projectType),), "scope": (str(MP.geographicScope),),
    "region": (str(MP.region),), "budget": (str(MP.budget), str(SCHEMA.value), str(SCHEMA.currency)),
    "eligible_countries": (str(MP.eligibleBeneficiary), str(MP.beneficiaryCountry)),
    "other_countries": (str(MP.otherBeneficiary),), "beneficiary_countries": (str(MP.beneficiaryCountry),),
    "mission_countries": (str(MP.missionCountry),), "intervention_areas": (str(MP.interventionArea),),
    "beneficiary_regions": (str(MP.beneficiaryRegion),), "participations": (str(MP.participation),),
    "contact": (str(SCHEMA.contactPoint),),
}


@dataclass
class Mapped:
    """A record's triples and what the mapping has to say about it (new concepts, for instance)."""

    iri: URIRef
    base: str
    triples: set[tuple] = field(default_factory=set)
    notices: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # property IRI -> the page line its value was read from
    page_notes: list[tuple[int, str]] = field(default_factory=list)  # the converter's Project.notes
    minted: list[tuple] = field(default_factory=list)  # the skos:prefLabel triple of each new concept

    def said(self, path: object) -> list[str]:
        """What the record's notes and notices say to the author of the page at `path`: the page's line first
        where there is one ("seeds/x.txt:33: …")."""
        return [f"{path}:{line}: {note}" for line, note in self.page_notes] + [
            f"{path}: {notice}" for notice in self.notices]

    @cached_property
    def graph(self) -> Graph:
        """The triples as an rdflib graph with the project's prefixes (built on first use: the build streams
        the triples and never needs it)."""
        graph = new_graph(self.base)
        graph.addN((s, p, o, graph) for s, p, o in self.triples)
        return graph


@lru_cache(maxsize=4096)  # dates repeat from record to record, and a literal is immutable
def date_literal(date: PartialDate) -> Literal:
    """ "2022"^^xsd:gYear, "2020-06"^^xsd:gYearMonth or "2020-06-15"^^xsd:date, as precise as the page."""
    precision = 1 + (date.month is not None) + (date.day is not None)
    return Literal(date.iso(), datatype=_DATE_TYPES[precision])


def money_literal(amount: Decimal) -> Literal:
    """An xsd:decimal with at least two decimals, as amounts are written: 250000 -> "250000.00"."""
    if amount.as_tuple().exponent > -2:
        amount = amount.quantize(Decimal("0.01"))
    return Literal(str(amount), datatype=XSD.decimal)


def _string(value: str, lang: str | None = None) -> Literal:
    """A string literal, made without rdflib's normalising, which looks for the value's Python type among a dozen
    (the costliest part of making one) to leave a string as it is."""
    return Literal(value, lang=lang, normalize=False)


@lru_cache(maxsize=1024, typed=True)
def _integer(value: int) -> Literal:
    """An xsd:integer literal, made once: positions and counts are the same few numbers on every record."""
    return Literal(value)


class Mapper:
    """Maps records to graphs under one base IRI, resolving labels against the reference data."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.iris = Iris(base)
        self.reference: Reference = reference(self.iris.base)

    def to_graph(self, project: Project) -> Mapped:
        """The RDF of one project: its own resources and parts, never the caller's graph."""
        iri = self.iris.project(project)
        mapped = Mapped(iri, self.iris.base)
        _ProjectWriter(self, project, mapped).write()
        for name, line in project.lines.items():
            mapped.lines.update(dict.fromkeys(FIELD_PROPERTIES.get(name, ()), line))
        mapped.page_notes = list(project.notes)
        return mapped


class _ProjectWriter:
    """Writes one project's triples; split out so each group of fields reads on its own."""

    def __init__(self, mapper: Mapper, project: Project, mapped: Mapped) -> None:
        self.iris, self.reference = mapper.iris, mapper.reference
        # self.graph is a set of triples: it has the add() of a graph, without a graph's cost per triple.
        self.project, self.mapped, self.graph, self.node = project, mapped, mapped.triples, mapped.iri

    def text(self, value: str) -> Literal:
        return _string(value, self.project.language)

    def own_text(self, value: str) -> Literal:
        """A text of its own (a title, a description): tagged with its own language where its words clearly say
        it is not the page's (an English description under a French title), `language.text_language`."""
        return _string(value, text_language(value, self.project.language))

    def add(self, predicate: URIRef, value) -> None:
        if value is not None:
            self.graph.add((self.node, predicate, value))

    def write(self) -> None:
        # A value is tested against None, not for truth: `0 and …` hands the graph the number 0, no RDF term (a year
        # or a count of 0 is the record's checks' business, not a missing value); an empty text says nothing.
        p, add = self.project, self.add
        add(RDF.type, MP.Project)
        add(DCT.title, self.own_text(p.title) if p.title else None)
        add(DCT.description, self.own_text(p.description) if p.description else None)
        add(DCT.identifier, _string(p.code) if p.code else None)
        add(MP.primaId, _string(p.prima_id) if p.prima_id else None)
        add(MP.startDate, None if p.start is None else date_literal(p.start))
        add(MP.endDate, None if p.end is None else date_literal(p.end))
        add(MP.allocationYear, None if p.allocation_year is None else date_literal(PartialDate(p.allocation_year)))
        add(MP.durationMonths, None if p.duration_months is None else _integer(p.duration_months))
        add(MP.innovationDescription, self.own_text(p.innovation_description) if p.innovation_description else None)
        count = p.beneficiary_region_count
        add(MP.beneficiaryRegionCount, None if count is None else _integer(count))
        if p.funding_programme:
            add(MP.fundingProgramme, self.iris.programme(p.funding_programme))
        for name, (predicate, scheme) in _CONCEPT_FIELDS.items():
            label = getattr(p, name)
            add(predicate, self.concept(scheme, label) if label else None)
        for label in p.innovation_elements:
            add(MP.innovationElement, self.concept("innovation", label))
        self.budget()
        self.countries()
        self.areas()
        self.participations()
        self.parts()
        self.contact()
        self.source()

    def concept(self, scheme: str, label: str) -> URIRef:
        """The scheme's concept for a label; a label no concept carries becomes a new concept, with a notice."""
        found = self.reference.concept(scheme, label)
        if found is not None:
            return found
        concept = self.iris.concept(scheme, label)
        self.graph.add((concept, RDF.type, SKOS.Concept))
        named = (concept, SKOS.prefLabel, _string(label, label_language(label, self.project.language)))
        self.graph.add(named)
        self.mapped.minted.append(named)  # pages may spell it otherwise: pipeline.settle_concept_labels
        self.graph.add((concept, SKOS.inScheme, self.iris.scheme(scheme)))
        self.mapped.notices.append(f'new concept "{label}" in scheme {scheme}: <{concept}>')
        return concept

    def budget(self) -> None:
        if self.project.budget is None:
            return
        node = self.iris.part(self.node, "budget")
        self.add(MP.budget, node)
        self.graph.add((node, RDF.type, SCHEMA.MonetaryAmount))
        self.graph.add((node, SCHEMA.value, money_literal(self.project.budget.amount)))
        self.graph.add((node, SCHEMA.currency, _string(self.project.budget.currency)))

    def countries(self) -> None:
        # mp:beneficiaryCountry is written beside its sub-properties so plain SPARQL needs no reasoner.
        for predicate, codes in ((MP.eligibleBeneficiary, self.project.eligible_countries),
                                 (MP.otherBeneficiary, self.project.other_countries),
                                 (MP.beneficiaryCountry, self.project.beneficiary_countries)):
            for code in codes:
                country = self.iris.country(code)
                self.add(predicate, country)
                self.add(MP.beneficiaryCountry, country)
        for code in self.project.mission_countries:
            self.add(MP.missionCountry, self.iris.country(code))

    def areas(self) -> None:
        for area in self.project.intervention_areas:
            self.add(MP.interventionArea, self.area(area))
        for region in self.project.beneficiary_regions:
            self.add(MP.beneficiaryRegion, self.area(region))

    def area(self, area: Place | Subdivision | Country) -> URIRef:
        """Describe a place or subdivision (and what contains it) and return its IRI; a country is described by
        the reference data."""
        node = self.iris.area(area)
        if isinstance(area, Country):
            return node
        if isinstance(area, Subdivision):
            self.graph.add((node, RDF.type, MP.Subdivision))
            self.graph.add((node, SKOS.prefLabel, _string(area.name)))
            self.graph.add((node, MP.subdivisionCode, _string(area.code)))
            self.graph.add((node, SCHEMA.containedInPlace, self.iris.country(area.country)))
            return node
        self.graph.add((node, RDF.type, MP.Place))
        self.graph.add((node, SKOS.prefLabel, self.text(area.name)))
        parent = self.area(area.subdivision) if area.subdivision else self.iris.country(area.country)
        self.graph.add((node, SCHEMA.containedInPlace, parent))
        return node

    def participations(self) -> None:
        for number, participation in enumerate(self.project.participations, start=1):
            node = self.iris.part(self.node, f"participation-{number}")
            self.add(MP.participation, node)
            self.graph.add((node, RDF.type, MP.Participation))
            self.graph.add((node, MP.organisation, self.organisation(participation.organisation)))
            self.graph.add((node, MP.role, self.concept("role", participation.role.value)))

    def organisation(self, organisation: Organisation) -> URIRef:
        """A known organisation's IRI, or a new one described from the page (acronym first in its IRI)."""
        known = self.reference.organisation(organisation.name, *organisation.alt_labels)
        if known is not None:
            return known
        node = self.iris.organisation((organisation.alt_labels or (organisation.name,))[0])
        self.graph.add((node, RDF.type, MP.Organisation))
        # a name in Spanish or Portuguese on a French page is tagged in its language ("Associação …"@pt)
        name = organisation.name
        self.graph.add((node, SKOS.prefLabel, _string(name, spelled_language(name, self.project.language))))
        for alias in organisation.alt_labels:
            self.graph.add((node, SKOS.altLabel, _string(alias)))
        for other, lang in organisation.other_names:
            self.graph.add((node, SKOS.altLabel, _string(other, lang)))
        if organisation.place:
            self.graph.add((node, SCHEMA.location, self.area(organisation.place)))
        return node

    def parts(self) -> None:
        p = self.project
        objectives = [(MP.generalObjective, text) for text in p.general_objectives]
        objectives += [(MP.specificObjective, text) for text in p.specific_objectives]
        for number, (predicate, text) in enumerate(objectives, start=1):
            node = self.part(predicate, f"objective-{number}", MP.Objective, text)
            self.graph.add((node, MP.position, _integer(number)))
        for result in p.expected_results:
            node = self.part(MP.expectedResult, f"result-{result.notation}", MP.ExpectedResult, result.text)
            self.graph.add((node, SKOS.notation, _string(result.notation)))
        for number, activity in enumerate(p.activities, start=1):
            node = self.part(MP.activity, f"activity-{number}", MP.Activity, activity.text)
            self.graph.add((node, MP.position, _integer(number)))
            if activity.title:
                self.graph.add((node, DCT.title, self.text(activity.title)))

    def part(self, predicate: URIRef, name: str, kind: URIRef, text: str) -> URIRef:
        node = self.iris.part(self.node, name)
        self.add(predicate, node)
        self.graph.add((node, RDF.type, kind))
        self.graph.add((node, DCT.description, self.text(text)))
        return node

    def contact(self) -> None:
        contact = self.project.contact
        if contact is None:
            return
        node = self.iris.part(self.node, "contact")
        self.add(SCHEMA.contactPoint, node)
        self.graph.add((node, RDF.type, SCHEMA.ContactPoint))
        for predicate, value in ((SCHEMA.address, contact.address), (SCHEMA.telephone, contact.telephone),
                                 (SCHEMA.faxNumber, contact.fax), (SCHEMA.email, contact.email)):
            if value:
                self.graph.add((node, predicate, _string(value)))

    def source(self) -> None:
        source = self.project.source
        node = self.iris.source(source.path)
        self.add(PROV.wasDerivedFrom, node)
        self.graph.add((node, RDF.type, PROV.Entity))
        self.graph.add((node, RDFS.label, _string(source.path.rsplit("/", 1)[-1])))
        self.graph.add((node, MP.sha256, _string(source.sha256)))
        self.graph.add((node, MP.converter, _string(source.converter)))


@cache
def mapper(base: str = DEFAULT_BASE) -> Mapper:
    """One Mapper per base and process: the reference data is read once."""
    return Mapper(base)


def to_graph(project: Project, base: str = DEFAULT_BASE) -> Mapped:
    """The RDF of one project under `base` (see Mapper.to_graph)."""
    return mapper(base).to_graph(project)

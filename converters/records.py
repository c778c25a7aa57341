"""The source-neutral middle of the pipeline: plain dataclasses a parser fills and rdf.py maps."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the page gives it: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """ISO 8601 form: 2022, 2020-06 or 2020-06-15."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class Money:
    """An exact amount in an ISO 4217 currency."""

    amount: Decimal
    currency: str


class Role(Enum):
    """The part an organisation plays in a project; values are concept slugs of the role scheme."""

    FUNDER = "funder"
    CO_FUNDER = "co-funder"
    EXTENDING = "extending"
    IMPLEMENTER = "implementer"
    STRATEGIC_PARTNER = "strategic-partner"
    PARTNER = "partner"


@dataclass(frozen=True)
class Subdivision:
    """An ISO 3166-2 subdivision, e.g. TN-12."""

    code: str
    name: str

    @property
    def country(self) -> str:
        """ISO 3166-1 alpha-2 of the country the subdivision belongs to."""
        return self.code.split("-", 1)[0]


@dataclass(frozen=True)
class Country:
    """A whole country named where a place could be ("Zone d'intervention : Tunisie, Maroc"), by ISO 3166-1
    alpha-2 code."""

    code: str


@dataclass(frozen=True)
class Place:
    """A named place (municipality, town) inside a subdivision or, failing that, a country."""

    name: str
    country: str
    subdivision: Subdivision | None = None


@dataclass(frozen=True)
class Organisation:
    """An organisation as the page names it; alt_labels hold acronyms and other names."""

    name: str
    alt_labels: tuple[str, ...] = ()
    place: Place | None = None
    other_names: tuple[tuple[str, str], ...] = ()  # (name, language): a translation, the name in Arabic script


@dataclass(frozen=True)
class Participation:
    """An organisation taking part in the project in one role."""

    organisation: Organisation
    role: Role


@dataclass(frozen=True)
class ExpectedResult:
    """An expected result, with the page's own label such as R1."""

    notation: str
    text: str


@dataclass(frozen=True)
class Activity:
    """An activity or component of the project, in page order."""

    text: str
    title: str | None = None


@dataclass(frozen=True)
class Contact:
    """A project's contact point."""

    address: str | None = None
    telephone: str | None = None
    fax: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a record came from: the seed file, its checksum and the converter that read it."""

    path: str
    sha256: str
    converter: str


def no_value_note(label: str, value: str) -> str:
    """The note for a field whose value says there is none ("N/A"), or that is empty."""
    if not value:
        return f'field "{label}" is empty: left out of the record'
    return f'field "{label}" reads "{value}", no value: left out of the record'


def unread(what: str, converter: str) -> str:
    """The note for something a page says that `converter` reads into no field of the record."""
    return f"{what} is no field the {converter} converter reads: left out of the record"


@dataclass
class Project:
    """Everything a page says about one project; what the page does not say stays None or empty."""

    source: Source
    language: str
    title: str | None = None
    description: str | None = None
    code: str | None = None
    prima_id: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    allocation_year: int | None = None
    duration_months: int | None = None
    status: str | None = None
    project_type: str | None = None
    scope: str | None = None
    region: str | None = None
    budget: Money | None = None
    beneficiary_countries: list[str] = field(default_factory=list)  # benefiting, the page not saying if eligible
    eligible_countries: list[str] = field(default_factory=list)
    other_countries: list[str] = field(default_factory=list)
    mission_countries: list[str] = field(default_factory=list)
    intervention_areas: list[Place | Subdivision | Country] = field(default_factory=list)
    beneficiary_regions: list[Subdivision] = field(default_factory=list)
    beneficiary_region_count: int | None = None
    participations: list[Participation] = field(default_factory=list)
    funding_programme: str | None = None
    general_objectives: list[str] = field(default_factory=list)
    specific_objectives: list[str] = field(default_factory=list)
    expected_results: list[ExpectedResult] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    innovation_elements: list[str] = field(default_factory=list)
    innovation_description: str | None = None
    contact: Contact | None = None
    # The page line each field was read from, by field name: what a finding on the field points the page's
    # author to (not part of the record's facts).
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # What the converter read on the page but left out of the record, as (page line, why): said to the page's
    # author, who may expect it published (not part of the record's facts either).
    notes: list[tuple[int, str]] = field(default_factory=list, compare=False, repr=False)

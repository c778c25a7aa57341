"""An NGO page's period given phase by phase ("Phase I : 2019-2020 ; Phase II : 2021-2023", round 10: B-12) and its
budget under a label in thousands ("Budget (en milliers d’euros) : 1 250", B-15): each was left out before its fix."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal

from converters.namespaces import MP
from converters.rdf import to_graph
from converters.records import PartialDate
from tests.conftest import page_with, read_page, refused_as
from tests.test_round10_ngo import PAGE

PERIOD = "Durée du projet:\n\nJan 2021 Déc 2023\n"


def _notes(project) -> str:
    return "\n".join(note for _, note in project.notes)


# --- B-12: a period given phase by phase -----------------------------------------------------------------------

@pytest.mark.parametrize(("period", "start", "end"), [
    ("Durée du projet:\n\nPhase I : 2019-2020 ; Phase II : 2021-2023\n", PartialDate(2019), PartialDate(2023)),
    ("Durée du projet : Phase I : 2019-2020 ; Phase II : 2021-2023\n", PartialDate(2019), PartialDate(2023)),
    ("Durée du projet:\n\nPhase I : 2019-2020\nPhase II : 2021-2023\n", PartialDate(2019), PartialDate(2023)),
    ("Durée du projet:\n\nPhase I : 2019-2020\n\nPhase II : 2021-2023\n", PartialDate(2019), PartialDate(2023)),
    ("Durée du projet:\n\nPhase 1 : mars 2019 - juin 2020 ; Phase 2 : juillet 2020 - décembre 2022\n",
     PartialDate(2019, 3), PartialDate(2022, 12)),
    ("Période : Phase I : 2019-2020 + Phase II : 2021-2023\n", PartialDate(2019), PartialDate(2023)),
])
def test_a_period_by_phase_runs_from_the_first_phase_to_the_last(period, start, end):
    project = read_page(page_with(PAGE, PERIOD, period))
    assert (project.start, project.end) == (start, end)
    assert "its phases joined" in _notes(project)
    assert "no field" not in _notes(project)


def test_a_length_by_phase_is_their_total():
    project = read_page(page_with(PAGE, PERIOD, "Durée du projet:\n\nPhase I : 12 mois ; Phase II : 18 mois\n"))
    assert project.duration_months == 30
    assert "total of its phases" in _notes(project)


def test_a_phase_line_after_a_period_of_dates_is_no_part_of_it():
    project = read_page(page_with(PAGE, PERIOD, PERIOD + "\nPhase II : extension aux communes voisines\n"))
    assert (project.start, project.end) == (PartialDate(2021, 1), PartialDate(2023, 12))
    assert '"Phase II : extension aux communes voisines" is no field' in _notes(project)


def test_a_period_by_phase_is_published():
    from rdflib.namespace import XSD  # imported here: pytest warns about a module's XSD, which names any attribute

    mapped = to_graph(read_page(page_with(PAGE, PERIOD, "Durée du projet:\n\nPhase I : 2019-2020 ; Phase II : "
                                                        "2021-2023\n")))
    assert (mapped.iri, MP.startDate, Literal("2019", datatype=XSD.gYear)) in mapped.graph
    assert (mapped.iri, MP.endDate, Literal("2023", datatype=XSD.gYear)) in mapped.graph


# --- B-15: a budget under a label in thousands -----------------------------------------------------------------

@pytest.mark.parametrize(("line", "amount", "currency"), [
    ("Budget (en milliers d’euros) : 1 250", "1250000", "EUR"),
    ("Budget total (en milliers d'USD) : 1 250", "1250000", "USD"),
    ("Montant (EUR, en milliers) : 2 500", "2500000", "EUR"),
    ("Budget (en milliers) : 1 250 EUR", "1250000", "EUR"),
    ("Coût total (in thousands of USD) : 800", "800000", "USD"),
])
def test_a_budget_in_thousands_is_a_thousand_times_its_figure(line, amount, currency):
    project = read_page(page_with(PAGE, " Résultats attendus", f"{line}\n\n Résultats attendus"))
    assert (project.budget.amount, project.budget.currency) == (Decimal(amount), currency)
    assert "gives the budget in thousands" in _notes(project)
    assert "no field" not in _notes(project)


def test_a_revised_budget_in_thousands_is_the_budget():
    project = read_page(page_with(PAGE, " Résultats attendus", "Budget : 1 000 000 EUR\n\nBudget révisé (en milliers "
                                                               "d’euros) : 1 400\n\n Résultats attendus"))
    assert (project.budget.amount, project.budget.currency) == (Decimal(1400000), "EUR")


def test_a_count_in_thousands_is_no_budget():
    project = read_page(page_with(PAGE, " Résultats attendus", "Budget (en milliers de bénéficiaires) : 12\n\n"
                                                               " Résultats attendus"))
    assert project.budget is None
    assert "is no field" in _notes(project)


def test_a_budget_in_thousands_of_no_currency_is_refused_in_one_line():
    error = refused_as(page_with(PAGE, " Résultats attendus", "Budget (en milliers) : 1 250\n\n Résultats attendus"),
                       "x.txt")
    assert "currency" in error.message and "\n" not in str(error)

"""Round 8: a label's colon on the value's line, Markdown headings, the NGO pages written in English, a revised
budget, an organisation's translation or Arabic name in brackets, and a zone given twice."""

from __future__ import annotations

import pytest

from converters.errors import PageError
from converters.iris import slug
from converters.rdf import to_graph
from publisher import ntriples
from tests.conftest import page_with as _page
from tests.conftest import read_page as _read
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")
NGO = seed("002").read_text(encoding="utf-8")
NGO_IMPLEMENTER = "Réalisé par : Le Centre d’Information et d’Education au Développement – CIES Onlus"


def _names(project) -> list[str]:
    return [participation.organisation.name for participation in project.participations]


# B5: a label alone on its line, then its value on the next line after a colon (": Europe du Sud-Est…").

@pytest.mark.parametrize("colon", [": ", ":", " : ", ":\t"])
def test_a_colon_before_an_idf_value_on_the_next_line_is_no_part_of_it(colon):
    page = _page(IDF, "  • IDF Region\n    Amérique latine et Caraïbes", f"  • IDF Region\n{colon}Europe du Sud-Est")
    assert _read(page).region == "Europe du Sud-Est"


@pytest.mark.parametrize("colon", [": ", ":", " : "])
def test_a_colon_before_an_ngo_role_s_names_on_the_next_line_is_no_part_of_them(colon):
    page = _page(NGO, NGO_IMPLEMENTER, f"Réalisé par\n{colon}Médecins du Monde Belgique")
    assert "Médecins du Monde Belgique" in _names(_read(page))


def test_a_line_starting_with_a_colon_after_text_is_kept_as_it_is():
    # not after a label: the colon is the text's (a description line)
    page = _page(IDF, "Avec 2,3 millions", ": Avec 2,3 millions")
    assert _read(page).description.startswith(": Avec 2,3 millions")


# B4: Markdown (ATX) headings over the sections: the heading a reader saw, read as every family reads it.

@pytest.mark.parametrize("mark", ["# ", "## ", "### ", "##\t"])
def test_a_markdown_heading_over_an_innovation_section_is_its_heading(mark):
    plain = _read(INNOVATION)
    page = INNOVATION
    for heading in ("Éléments d’innovation", "À propos du projet", "En quoi ce projet est-il innovant ?"):
        page = _page(page, f"\n{heading}\n", f"\n{mark}{heading}\n")
    project = _read(page)
    assert project.innovation_elements == plain.innovation_elements and project.innovation_elements
    assert project.description == plain.description and project.innovation_description


@pytest.mark.parametrize("mark", ["# ", "## "])
def test_markdown_headings_on_an_ngo_page_and_its_title(mark):
    plain = _read(NGO)
    page = _page(NGO, "I-MIGR Retour vers les projets", f"{mark}I-MIGR Retour vers les projets")
    for heading in ("Objectif général", "Objectifs spécifiques", "Résultats attendus\u00a0:"):
        page = _page(page, f"\n{heading}\n", f"\n{mark}{heading}\n")
    project = _read(page)
    assert project.title == "I-MIGR"
    assert project.general_objectives == plain.general_objectives
    assert project.specific_objectives == plain.specific_objectives
    assert project.expected_results == plain.expected_results


def test_a_closing_markdown_mark_is_no_part_of_the_heading():
    page = _page(NGO, "\nObjectif général\n", "\n## Objectif général ##\n")
    assert _read(page).general_objectives == _read(NGO).general_objectives


@pytest.mark.parametrize("number", [". ", ") "])
def test_numbered_expected_results_and_objectives_of_an_ngo_page(number):
    results = "Résultats attendus :\n\n1{n}Les migrants créent leur activité.\n\n2{n}Un réseau est constitué.\n"
    page = NGO.split("Résultats attendus\u00a0:")[0] + results.format(n=number)
    page = _page(page, "  • Améliorer et développer", f"1{number}Améliorer et développer")
    page = _page(page, "  • Promouvoir un discours", f"2{number}Promouvoir un discours")
    page = _page(page, "  • Améliorer la gestion", f"3{number}Améliorer la gestion")
    project = _read(page)
    assert [(r.notation, r.text) for r in project.expected_results] == [
        ("R1", "Les migrants créent leur activité."), ("R2", "Un réseau est constitué.")]
    assert project.specific_objectives == _read(NGO).specific_objectives



# B3: the network's pages written in English: its headings and labels in English, and its link "Back to projects".

ENGLISH_NGO = """Give my opinion

SAFE Back to projects


Project duration:

Mar 2021 Feb 2024

General objective

Improve the protection of migrant workers

Specific objectives

  • Provide legal aid to migrant workers;
  • Train labour inspectors

More details

Area of intervention: Gouvernorat de Sfax

Funded by: European Union

Implemented by: Association Alpha

Partners: Beta Foundation (BF)

Expected results:

R1 Migrant workers receive legal aid.

R2 Labour inspectors are trained.
"""


def test_an_ngo_page_in_english_is_read():
    project = _read(ENGLISH_NGO)
    assert project.source.converter.startswith("euromed-ngo")
    assert project.title == "SAFE" and project.language == "en"
    assert project.general_objectives == ["Improve the protection of migrant workers"]
    assert project.specific_objectives == ["Provide legal aid to migrant workers", "Train labour inspectors"]
    assert [result.notation for result in project.expected_results] == ["R1", "R2"]
    assert {"Association Alpha", "Beta Foundation"} <= set(_names(project))
    assert [area.code for area in project.intervention_areas] == ["TN-61"]
    assert (project.start.iso(), project.end.iso()) == ("2021-03", "2024-02")


def test_an_ngo_page_in_english_with_one_heading_and_its_labels_is_read():
    page = ENGLISH_NGO.split("Specific objectives")[0] + ENGLISH_NGO.split("More details")[1].split("Expected")[0]
    assert _read(page).source.converter.startswith("euromed-ngo")


def test_english_headings_and_labels_without_the_link_back_to_the_projects_are_no_ngo_page():
    # any agency's English fact sheet writes "Expected results", "Implementing partner:" and "Contact:"
    page = ("Fact sheet\n\nProject title: Asylum systems\nImplementing partner: Council for Refugees\n\n"
            "Objectives\n- Improve registration\n\nExpected results\n- 5,000 registered\n\nContact: x@example.org\n")
    with pytest.raises(PageError, match="no converter recognises this page"):
        _read(page)


# A4 and B8 (NGO): a budget as revised, in brackets after the first or on its own line, is the budget, noted.

NGO_BUDGET_AT = "Contact : 10 Rue Ali Bach Hamba"


@pytest.mark.parametrize(("budget", "amount"), [
    ("Budget : 300 000 EUR (révisé à 350 000 EUR)", "350000"),
    ("Budget : 300 000 EUR (revu à 280 000)", "280000"),
    ("Budget : 300 000 € (porté à 350 000 €)", "350000"),
    ("Budget: EUR 300,000 (revised to EUR 350,000)", "350000"),
    ("Budget : 300 000 EUR\nBudget révisé : 350 000 EUR", "350000"),
    ("Budget révisé : 350 000 EUR\nBudget : 300 000 EUR", "350000"),
    ("Montant révisé : 350 000", "350000"),
])
def test_a_revised_budget_is_the_budget_with_a_note(budget, amount):
    page = _page(NGO, NGO_BUDGET_AT, f"{budget}\n\n{NGO_BUDGET_AT}")
    if "Montant révisé" in budget:
        page = _page(page, NGO_BUDGET_AT, f"Budget : 300 000 EUR\n\n{NGO_BUDGET_AT}")
    project = _read(page)
    assert (str(int(project.budget.amount)), project.budget.currency) == (amount, "EUR")
    assert any("left out" in note and "300" in note for _, note in project.notes)


def test_a_budget_with_a_remark_that_is_no_revision_is_read_as_before():
    page = _page(NGO, NGO_BUDGET_AT, f"Budget : 300 000 EUR (dont 50 000 EUR de l’UE)\n\n{NGO_BUDGET_AT}")
    assert int(_read(page).budget.amount) == 300000


# C6: an organisation's name in another language or script in brackets after it is an altLabel, not its name.

@pytest.mark.parametrize(("written", "name", "other"), [
    ("Jamaïyat Al-Amal (Association de l’Espoir)", "Jamaïyat Al-Amal", ("Association de l’Espoir", "fr")),
    ("Jamaïyat El Ghaith (جمعية الغيث)", "Jamaïyat El Ghaith", ("جمعية الغيث", "ar")),
    ("Al-Amal Society (Foundation of the Hope)", "Al-Amal Society", ("Foundation of the Hope", "en")),
])
def test_a_translation_or_arabic_script_in_brackets_is_another_name(written, name, other):
    project = _read(_page(NGO, NGO_IMPLEMENTER, f"Réalisé par : {written}"))
    found = next(p.organisation for p in project.participations if p.organisation.name == name)
    assert found.other_names == (other,) and found.alt_labels == ()
    graph = "".join(ntriples.line(triple) for triple in to_graph(project).triples)
    assert f'"{other[0]}"@{other[1]}' in graph and "/organisation/" + slug(name) in graph


@pytest.mark.parametrize("written", ["Caritas (Maroc)", "Terre des Hommes (Suisse)", "Association Amal (Djerba)",
                                     "Association Tunisienne de Développement (ATD)"])
def test_a_place_or_an_acronym_in_brackets_is_read_as_before(written):
    project = _read(_page(NGO, NGO_IMPLEMENTER, f"Réalisé par : {written}"))
    assert all(p.organisation.other_names == () for p in project.participations)


# C5: a zone given twice with different values: both read, noted (as two role lines are both read).

def test_a_zone_given_twice_with_two_values_is_noted():
    page = _page(NGO, NGO_IMPLEMENTER, f"{NGO_IMPLEMENTER}\n\nZone d’intervention : Gouvernorat de Sousse")
    project = _read(page)
    assert {"TN-51"} <= {getattr(area, "code", None) for area in project.intervention_areas}
    assert any("given again" in note and "Sousse" in note for _, note in project.notes)


def test_a_zone_given_twice_with_one_value_is_no_note():
    page = _page(NGO, NGO_IMPLEMENTER, f"{NGO_IMPLEMENTER}\n\nZone d’intervention : Municipalités de Raoued et "
                                       "La Marsa")
    assert not any("given again" in note for _, note in _read(page).notes)

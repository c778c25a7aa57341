"""Round 10: values and labels a PDF copy wrapped, Word's "o" sub-bullets, no-cost extensions, phases in dates and
durations, amounts in thousands, countries grouped under regions, open lists, Portuguese country names."""

from __future__ import annotations

import pytest

from converters.errors import PageError
from tests.conftest import page_with as _page
from tests.conftest import read_page as _read
from tests.conftest import refused_as as _refused
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")
IDF_REGION = "  • IDF Region\n    Amérique latine et Caraïbes\n"
IDF_COUNTRIES = "  • Etat(s) membre(s) beneficiaires remplissant les conditions requises\n    Argentine\n"
INNOVATION_ELEMENTS = "- Cohésion sociale et participation des communautés\n- Diversité, genre et inclusion\n"
INNOVATION_COUNTRIES = ("PAYS BÉNÉFICIAIRES – États Membres Remplissant Les Conditions Requises: Argentine, Bolivie "
                        "(État Plurinational De), Brésil, Colombie, Équateur, Paraguay, Pérou; États Membres Ne "
                        "Remplissant Pas Les Conditions Requises: Chili, Uruguay |")


def _notes(project) -> str:
    return "\n".join(note for _, note in project.notes)


def _codes(countries) -> set[str]:
    return {country.code if hasattr(country, "code") else country for country in countries}


# A-4, B-2, B-22: a value or label a PDF copy wrapped onto the next line goes on there.

@pytest.mark.parametrize(("wrapped", "region"), [
    ("  • IDF Region\n    Afrique de l’Est et Corne de\n    l’Afrique\n", "Afrique de l’Est et Corne de l’Afrique"),
    ("  • IDF Region\n    Amérique latine et\n    Caraïbes\n", "Amérique latine et Caraïbes"),
])
def test_a_wrapped_idf_value_goes_on_on_the_next_line(wrapped, region):
    project = _read(_page(IDF, IDF_REGION, wrapped))
    assert project.region == region
    assert "is no field" not in _notes(project)


@pytest.mark.parametrize("wrapped", [
    "  • Etat(s) membre(s) beneficiaires remplissant les\n    conditions requises\n    Kenya Ouganda\n",
    "  • Etat(s) membre(s) beneficiaires remplissant les\n  conditions requises\n    Kenya Ouganda\n",
])
def test_a_wrapped_idf_label_is_read_whole(wrapped):
    project = _read(_page(IDF, IDF_COUNTRIES, wrapped))
    assert _codes(project.eligible_countries) == {"KE", "UG"}
    assert not project.description.startswith("Kenya")


def test_a_country_wrapped_inside_its_brackets_is_read_whole_idf():
    countries = "    Argentine Bolivie (État\n    plurinational de) Colombie Équateur\n    Paraguay Pérou\n"
    project = _read(_page(IDF, "    Argentine\n", countries))
    assert _codes(project.eligible_countries) == {"AR", "BO", "CO", "EC", "PY", "PE"}


def test_a_country_wrapped_inside_its_brackets_is_read_whole_innovation():
    wrapped = INNOVATION_COUNTRIES.replace("Bolivie (État Plurinational De), Brésil",
                                           "Bolivie (État\nPlurinational De), Brésil")
    project = _read(_page(INNOVATION, INNOVATION_COUNTRIES, wrapped))
    assert {"BO", "BR", "PE"} <= _codes(project.eligible_countries)
    assert _codes(project.other_countries) == {"CL", "UY"}


# Word's "o" sub-bullet, as a PDF or Word copy gives it ("o " and a space), is a bullet.

@pytest.mark.parametrize("elements", [
    "➢ Cohésion sociale et participation des communautés\no Diversité, genre et inclusion\n",
    "- Cohésion sociale et participation des communautés\no Diversité, genre et inclusion\n",
    "Cohésion sociale et participation des communautés\no Diversité, genre et inclusion\n",
])
def test_a_word_sub_bullet_is_an_innovation_element_of_its_own(elements):
    project = _read(_page(INNOVATION, INNOVATION_ELEMENTS, elements))
    assert project.innovation_elements[-2:] == ["Cohésion sociale et participation des communautés",
                                                "Diversité, genre et inclusion"]

"""The innovation converter on pages laid out otherwise than the seed: headings reworded, elements on one line,
rows wrapped or given twice, a title line. One test per finding on pages the converter had never seen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from converters import convert
from converters.errors import PageError
from converters.namespaces import MP
from converters.rdf import to_graph
from converters.records import Money
from tests.conftest import line_of, refused_as, seed

INNOVATION = seed("003").read_text(encoding="utf-8")
SEED = convert(INNOVATION.encode(), "003.txt")
ELEMENTS_HEADING = "Éléments d’innovation"
ELEMENT_LINES = "\n".join(f"- {element}" for element in SEED.innovation_elements)
COUNTRIES_ROW = next(line for line in INNOVATION.split("\n") if line.startswith("PAYS BÉNÉFICIAIRES"))


def variant(old: str, new: str) -> str:
    """The seed page with its first `old` replaced by `new`."""
    page = INNOVATION.replace(old, new, 1)
    assert page != INNOVATION, old
    return page


def read(page: str):
    return convert(page.encode(), "003.txt")


def refused(page: str) -> PageError:
    return refused_as(page, "003.txt")


# ----- 1. headings reworded

@pytest.mark.parametrize("heading", ["À propos de ce projet", "Description du projet", "About this project",
                                     "About the project", "A PROPOS DU PROJET", "À propos du projet :"])
def test_a_reworded_about_heading_heads_the_description(heading):
    # The heading and the paragraph under it became innovation elements, and the description was lost.
    project = read(variant("À propos du projet", heading))
    assert project.description == SEED.description
    assert project.innovation_elements == SEED.innovation_elements


@pytest.mark.parametrize("heading", ["En quoi ce projet est-il innovant?", "En quoi le projet est-il innovant ?",
                                     "Pourquoi ce projet est-il innovant ?", "What makes this project innovative",
                                     "What makes this project innovative?", "What makes this project innovative ?",
                                     "Caractère innovant du projet"])
def test_a_reworded_innovative_heading_heads_the_innovation_description(heading):
    # The paragraph went on the description, and mp:innovationDescription was lost.
    project = read(variant("En quoi ce projet est-il innovant ?", heading))
    assert project.innovation_description == SEED.innovation_description
    assert project.description == SEED.description


# ----- 2. innovation elements

@pytest.mark.parametrize("heading", ["Élément d’innovation", "Éléments de l’innovation", "Éléments innovants",
                                     "Innovation elements:"])
def test_a_reworded_elements_heading_heads_the_elements(heading):
    # Under an unknown heading the elements were part of the site's menu: none was read.
    assert read(variant(ELEMENTS_HEADING, heading)).innovation_elements == SEED.innovation_elements


@pytest.mark.parametrize("layout", [
    "{heading} : {elements}".format(heading=ELEMENTS_HEADING, elements=" ; ".join(SEED.innovation_elements)),
    "{heading}\n{elements}".format(heading=ELEMENTS_HEADING, elements=" · ".join(SEED.innovation_elements)),
    "{heading}:\n{elements}".format(heading=ELEMENTS_HEADING, elements="; ".join(SEED.innovation_elements)),
])
def test_elements_on_one_line_are_each_an_element(layout):
    # "Éléments d’innovation : A ; B" read nothing; "A · B" under the heading was one element.
    page = variant(f"{ELEMENTS_HEADING}\n{ELEMENT_LINES}", layout)
    assert read(page).innovation_elements == SEED.innovation_elements


def test_a_line_introducing_the_elements_is_no_element():
    page = variant(f"{ELEMENTS_HEADING}\n", f"{ELEMENTS_HEADING}\nLe projet combine les éléments suivants :\n")
    assert read(page).innovation_elements == SEED.innovation_elements


@pytest.mark.parametrize("introduction", ["Le projet s’appuie sur les éléments suivants",
                                          "Les éléments d’innovation sont présentés ci-dessous.",
                                          "Ce projet innove sur trois points", "It builds on the following"])
def test_a_line_introducing_the_elements_without_a_colon_is_no_element(introduction):
    # The sentence was the first element (and the build noted a new innovation-element concept).
    page = variant(f"{ELEMENTS_HEADING}\n", f"{ELEMENTS_HEADING}\n{introduction}\n")
    assert read(page).innovation_elements == SEED.innovation_elements


def test_a_name_without_its_bullet_over_bulleted_elements_is_an_element():
    page = variant(f"{ELEMENTS_HEADING}\n", f"{ELEMENTS_HEADING}\nPartenariats avec le secteur privé\n")
    assert read(page).innovation_elements == ["Partenariats avec le secteur privé", *SEED.innovation_elements]


def test_punctuation_closing_an_element_is_not_part_of_it():
    page = variant(f"{ELEMENTS_HEADING}\n{ELEMENT_LINES}",
                   f"{ELEMENTS_HEADING}\n" + ";\n".join(f"- {element}" for element in SEED.innovation_elements) + ".")
    assert read(page).innovation_elements == SEED.innovation_elements


def test_running_text_under_the_elements_is_refused_at_its_line():
    # An unknown heading left its paragraph under the elements: each sentence became an element concept.
    sentence = "Le projet vise à renforcer l’intégration socioéconomique des migrants grâce à des outils numériques."
    page = variant(f"{ELEMENT_LINES}\n", f"{ELEMENT_LINES}\nPrésentation\n{sentence}\n")
    error = refused(page)
    assert error.line == line_of(page, sentence)
    assert "running text, not an element's name" in error.message and "short name" in error.hint


def test_an_element_of_a_few_words_is_no_running_text():
    name = "Participation des migrants à la conception des services publics"
    page = variant(f"{ELEMENT_LINES}\n", f"{ELEMENT_LINES}\n- {name}\n")
    assert read(page).innovation_elements == [*SEED.innovation_elements, name]


# ----- 3. the project table

@pytest.mark.parametrize("old, new", [
    ("Brésil, ", "Brésil,\n"),  # the row ends with a list separator
    (": Chili, Uruguay |", ": Chili,\nUruguay |"),
    ("Chili, Uruguay |", "Chili\nUruguay |"),  # the cell is closed on the next line
    ("Pérou; États Membres Ne", "Pérou\nÉtats Membres Ne"),  # the next line is a sub-list of the countries
])
def test_a_row_wrapped_over_two_lines_is_read_whole(old, new):
    # The second line ended the table: the countries after it, DURÉE and CODE were lost.
    project = read(variant(old, new))
    assert project.eligible_countries == SEED.eligible_countries
    assert project.other_countries == SEED.other_countries
    assert project.duration_months == SEED.duration_months and project.code == SEED.code


def _without_pipes(page: str) -> str:
    table = page.index("INFORMATIONS SUR LE PROJET")
    rows = [line.rstrip(" |") for line in page[table:].split("\n") if line != "---|"]
    return page[:table] + "\n".join(rows)


def test_an_unknown_row_of_a_table_without_pipes_is_said_and_the_rows_after_it_read():
    # It ended the table: every row after it was lost, the code among them.
    page = _without_pipes(INNOVATION).replace("MISSION: Argentine", "MISSION: Argentine\nPartenaires : Université "
                                                                    "de Buenos Aires", 1)
    project = read(page)
    assert project.code == SEED.code and project.duration_months == SEED.duration_months
    assert project.notes == [(line_of(page, "Partenaires"), 'row "Partenaires : Université de Buenos Aires" is no '
                                                            "field the iom-innovation converter reads: left out of "
                                                            "the record")]


def test_text_after_a_table_without_pipes_is_not_read():
    page = _without_pipes(INNOVATION) + "\nCode de conduite: https://www.iom.int/code\nVoir aussi\n"
    project = read(page)
    assert project.code == SEED.code and not project.notes


@pytest.mark.parametrize("old, new, field", [
    ("CODE: IS.0077", "Code du projet : IS.0077", "code"),
    ("ANNÉE: 2021", "Année d’allocation : 2021", "allocation_year"),
])
def test_the_keys_other_families_use_are_read(old, new, field):
    # "Code du projet" was a row no field reads: the page had no code, and was refused.
    project = read(variant(old, new))
    assert getattr(project, field) == getattr(SEED, field) and not project.notes


@pytest.mark.parametrize("heading", ["Information sur le projet |", "INFORMATIONS DU PROJET |", "PROJECT DETAILS |",
                                     "Informations relatives au projet :"])
def test_a_reworded_table_heading_heads_the_table(heading):
    # "no converter recognises this page"
    project = read(variant("INFORMATIONS SUR LE PROJET |", heading))
    assert project.code == SEED.code and project.budget == SEED.budget


def test_a_table_without_its_heading_is_said_at_its_first_row():
    # The page was recognised by no converter; its own headings tell it now, and the converter says what it lacks.
    page = variant("INFORMATIONS SUR LE PROJET |\n", "")
    error = refused(page)
    assert error.line == line_of(page, "MISSION: Argentine")
    assert "under no INFORMATIONS SUR LE PROJET heading" in error.message


# ----- 4. a field given twice

@pytest.mark.parametrize("old, new, second", [
    ("CODE: IS.0077 |", "CODE: IS.0077 |\nCODE: IS.0177 |", "CODE: IS.0177"),
    ("DURÉE: 24 mois |", "DURÉE: 24 mois |\nBUDGET TOTAL: 650 000 dollars É.-U. |", "BUDGET TOTAL"),
    ("ANNÉE: 2021 |", "ANNÉE: 2021 |\nYEAR: 2022 |", "YEAR"),
])
def test_a_field_given_twice_with_two_values_is_refused_at_the_second(old, new, second):
    # The last row silently won.
    page = variant(old, new)
    error = refused(page)
    assert error.line == line_of(page, second)
    assert "again, with another value than line" in error.message and "one value per field" in error.hint


def test_a_field_given_twice_with_one_value_is_read_once():
    page = variant("DURÉE: 24 mois |", "DURÉE: 24 mois |\nBUDGET TOTAL: 400 000 USD |")
    project = read(page)
    assert project.budget == SEED.budget and project.lines["budget"] == line_of(page, "MONTANT DU FINANCEMENT")


# ----- 5. a title line

TITLE = "Boîte à outils pour l’intégration socioéconomique en Amérique du Sud"


@pytest.mark.parametrize("page", [
    variant("- 2030 AGENDA\n", f"- 2030 AGENDA\n{TITLE}\n"),  # after the site's menu
    f"{TITLE}\n\n{INNOVATION[INNOVATION.index(ELEMENTS_HEADING):]}",  # the page's first line
])
def test_a_title_line_before_the_first_heading_is_the_title(page):
    # It was left out as part of the site's menu.
    project = read(page)
    assert project.title == TITLE and project.lines["title"] == line_of(page, TITLE)
    assert project.description == SEED.description


@pytest.mark.parametrize("line", ["Ce projet a été financé par le Fonds.", "Titre : Boîte à outils",
                                  "- Boîte à outils"])
def test_a_sentence_or_a_row_before_the_first_heading_is_no_title(line):
    assert read(variant("- 2030 AGENDA\n", f"- 2030 AGENDA\n{line}\n")).title is None


def test_a_title_line_and_a_title_row_that_differ_are_refused():
    page = variant("- 2030 AGENDA\n", f"- 2030 AGENDA\n{TITLE}\n").replace(
        "MISSION: Argentine |", "TITRE DU PROJET: Boîte à outils |\nMISSION: Argentine |", 1)
    assert refused(page).line == line_of(page, "TITRE DU PROJET")


# ----- other findings on the tester's pages that the converter itself reads

@pytest.mark.parametrize("key", ["MONTANT DU FINANCEMENT – USD", "MONTANT DU FINANCEMENT (EN USD)",
                                 "MONTANT DU FINANCEMENT (usd)"])
def test_the_currency_a_budget_key_names_is_the_amounts(key):
    # "– USD" and "(EN USD)" were not read: the amount had "no currency".
    page = variant("MONTANT DU FINANCEMENT:400 000 dollars É.-U.", f"{key}: 400 000")
    assert read(page).budget == Money(Decimal("400000"), "USD")


def test_a_budget_whose_key_and_value_name_two_currencies_is_refused():
    # The value's currency silently won.
    page = variant("MONTANT DU FINANCEMENT:400 000 dollars É.-U.", "MONTANT DU FINANCEMENT (USD): 400 000 EUR")
    error = refused(page)
    assert error.line == line_of(page, "MONTANT") and "names USD in its key and EUR in its value" in error.message


def test_a_dash_in_a_budget_key_before_no_currency_is_no_currency():
    page = variant("MONTANT DU FINANCEMENT:400 000 dollars É.-U.", "MONTANT DU FINANCEMENT – OIM: 400 000 USD")
    assert read(page).budget == Money(Decimal("400000"), "USD")


def test_a_mission_named_with_the_article_is_its_country():
    # "IOM Mission in the Philippines": unknown country "IOM Mission in the"
    assert read(variant("MISSION: Argentine", "MISSION: IOM Mission in the Philippines")).mission_countries == ["PH"]



def test_a_last_row_that_goes_on_with_and_is_read_whole():
    # "Pays bénéficiaires : Niger, Mali" then "et Tchad" at the end of a table without pipes: Tchad was lost
    page = _without_pipes(INNOVATION)
    row = next(line for line in page.split("\n") if line.startswith("PAYS BÉNÉFICIAIRES"))
    page = page.replace(row, "PAYS BÉNÉFICIAIRES: Niger, Mali\net Tchad", 1)
    assert read(page).beneficiary_countries == ["NE", "ML", "TD"] or \
        sorted(read(page).beneficiary_countries) == ["ML", "NE", "TD"]


def test_an_element_that_says_there_is_none_is_no_element():
    page = variant(ELEMENT_LINES, ELEMENT_LINES + "\n- N/A")
    assert read(page).innovation_elements == SEED.innovation_elements


def test_a_year_before_the_amount_with_a_colon_is_not_the_amount():
    # "MONTANT : 2021 : 400 000 dollars É.-U." was a budget of 2,021 USD
    page = variant("MONTANT DU FINANCEMENT:400 000", "MONTANT : 2021 : 400 000")
    assert read(page).budget == Money(Decimal("400000"), "USD")


# ----- found by a fourth round of unseen pages

@pytest.mark.parametrize("rows, start, end, note", [
    ("DATE DE DÉBUT: depuis mars 2021 |\nDATE DE FIN: à ce jour |", "2021-03", None,
     'end date "à ce jour" says the project is still running: no end date in the record'),
    ("DATE DE DÉBUT: 2021/2023 |", "2021", "2023", None),
    ("DATE DE FIN: 2023 (prolongé) |", None, "2023",
     'end date "2023 (prolongé)" is read as "2023": the remark on it is left out of the record'),
])
def test_date_rows_are_read_as_the_idf_s_date_fields(rows, start, end, note):
    # each was 'date "…" is not a date'
    page = variant("CODE: IS.0077 |", f"CODE: IS.0077 |\n{rows}")
    project = read(page)
    assert (project.start and project.start.iso(), project.end and project.end.iso()) == (start, end)
    assert [text for _, text in project.notes] == ([note] if note else [])


def test_both_dates_in_a_row_of_a_table_with_the_other_date_row_are_refused():
    page = variant("CODE: IS.0077 |", "CODE: IS.0077 |\nDATE DE DÉBUT: 2021/2023 |\nDATE DE FIN: 2023 |")
    error = refused(page)
    assert error.line == line_of(page, "DATE DE DÉBUT") and "the page gives the end date on line" in error.message


# ----- found by a fifth round of unseen pages

@pytest.mark.parametrize("written, months", [("24 mois (prolongé à 30 mois)", 30), ("24 mois (prolongé de 6 mois)", 30),
                                             ("2 ans (extended by 6 months)", 30)])
def test_a_duration_extended_is_the_length_it_was_extended_to_with_a_note(written, months):
    # "18 mois (prolongé à 24 mois)" was 18 months, the extension left out without a word
    page = variant("DURÉE: 24 mois |", f"DURÉE: {written} |")
    project = read(page)
    assert project.duration_months == months
    assert project.notes == [(line_of(page, "DURÉE"), f'duration "{written}" is read as {months} months, the length '
                              "the project was extended to: the first length, 24 months, is left out of the record")]


@pytest.mark.parametrize("written", ["24 mois (prolongé)", "24 mois (phase pilote)", "24 mois (prolongé à 12 mois)"])
def test_a_remark_on_a_duration_is_left_out_with_a_note(written):
    page = variant("DURÉE: 24 mois |", f"DURÉE: {written} |")
    project = read(page)
    assert project.duration_months == 24
    assert project.notes == [(line_of(page, "DURÉE"), f'duration "{written}" is read as 24 months: the remark on it '
                                                       "is left out of the record")]


@pytest.mark.parametrize("mission, countries", [
    # a country office named by its city: "names an office of no one country", left out
    ("Bureau de pays à Amman (Jordanie)", ["JO"]), ("IOM Country Office in Amman (Jordan)", ["JO"]),
    # two missions: 'unknown country "OIM Niger / OIM"'
    ("OIM Niger / OIM Mali", ["NE", "ML"]), ("Mission de l'OIM au Niger ; Mission de l'OIM au Mali", ["NE", "ML"]),
    ("Bureau de pays à Niamey (Niger) / Bureau de pays à Bamako (Mali)", ["NE", "ML"]),
])
def test_a_country_office_by_its_city_or_several_missions_are_their_countries(mission, countries):
    project = read(variant("MISSION: Argentine", f"MISSION: {mission}"))
    assert project.mission_countries == countries and not project.notes


@pytest.mark.parametrize("mission", ["Bureau régional pour l’Afrique de l’Ouest (Sénégal)", "Siège (Suisse)"])
def test_an_office_of_a_region_or_the_headquarters_in_a_country_is_still_no_country_s(mission):
    page = variant("MISSION: Argentine", f"MISSION: {mission}")
    project = read(page)
    assert project.mission_countries == [] and "names an office of no one country" in project.notes[0][1]


def test_a_mission_of_several_with_one_unknown_is_refused_quoting_the_whole_value():
    error = refused(variant("MISSION: Argentine", "MISSION: OIM Niger / OIM Atlantide"))
    assert error.message == 'unknown country "OIM Atlantide" in the missions "OIM Niger / OIM Atlantide"'


@pytest.mark.parametrize("written", ["Mondial", "Global", "Monde entier", "Worldwide"])
def test_beneficiary_countries_that_are_the_world_are_the_global_region(written):
    # 'unknown country "Mondial"': the page was refused
    project = read(variant(COUNTRIES_ROW, f"PAYS BÉNÉFICIAIRES: {written} |"))
    assert project.beneficiary_countries == [] and project.region == written and not project.notes
    mapped = to_graph(project)
    assert [str(o) for o in mapped.graph.objects(mapped.iri, MP.region)] == \
        ["https://w3id.org/migration-lod/concept/region/global"] and not mapped.notices


def test_beneficiary_countries_that_are_the_world_with_a_remark_are_the_region_with_a_note():
    page = variant(COUNTRIES_ROW, "PAYS BÉNÉFICIAIRES: Mondial (14 pays) |")
    project = read(page)
    assert project.region == "Mondial" and project.notes == [
        (line_of(page, "PAYS BÉNÉFICIAIRES"),
         'beneficiary countries "Mondial (14 pays)" is read as "Mondial": the remark on it is left out of the record')]


def test_a_budget_given_phase_by_phase_is_their_total_with_a_note():
    # "gives more than one number": the page was refused
    row = "300 000 dollars É.-U. (phase 1) et 200 000 dollars É.-U. (phase 2)"
    page = variant("MONTANT DU FINANCEMENT:400 000 dollars É.-U.", f"MONTANT DU FINANCEMENT: {row}")
    project = read(page)
    assert project.budget == Money(Decimal("500000"), "USD")
    assert project.notes == [(line_of(page, "MONTANT DU FINANCEMENT"), f'budget "{row}" is read as the total of '
                                                                       "its phases, 500000 USD (phase 1: 300000, "
                                                                       "phase 2: 200000)")]

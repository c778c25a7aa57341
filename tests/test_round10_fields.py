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


# B-9, B-10, B-11: a no-cost extension ("prolongation sans coût jusqu'au …") gives the later end date, noted; it is
# never a status of its own.

IDF_END = "  • Date de fin\n    2024\n"
IDF_STATUS = "  • Statut du projet\n    Actif\n"


@pytest.mark.parametrize("end", ["2024 (prolongation sans coût jusqu’au 31/12/2025)",
                                 "2024 (prolongation sans coût jusqu'au 31 décembre 2025)",
                                 "2024 (no-cost extension to 31 December 2025)"])
def test_an_idf_end_date_a_no_cost_extension_extends_is_the_later_date(end):
    project = _read(_page(IDF, IDF_END, f"  • Date de fin\n    {end}\n"))
    assert project.end.iso() == "2025-12-31"
    assert "the first end date, 2024, is left out" in _notes(project)


@pytest.mark.parametrize(("label", "value", "end"), [
    ("Prolongation sans coût", "jusqu’au 30 juin 2025", "2025-06-30"),
    ("No-cost extension", "31/03/2025", "2025-03-31"),
])
def test_an_idf_field_of_a_no_cost_extension_gives_the_end_date(label, value, end):
    project = _read(_page(IDF, IDF_END, f"{IDF_END}  • {label}\n    {value}\n"))
    assert project.end.iso() == end
    assert f'field "{label}" extends the project to {end}' in _notes(project)
    assert "is no field" not in _notes(project)


def test_an_idf_field_of_a_no_cost_extension_with_no_date_is_refused():
    error = _refused(_page(IDF, IDF_END, f"{IDF_END}  • Prolongation sans coût\n    oui\n"), "x.txt")
    assert isinstance(error, PageError)
    assert 'field "Prolongation sans coût" gives no date' in error.message


@pytest.mark.parametrize("status", ["Prolongation sans coût jusqu’au 31/12/2025", "Prolongation sans coût",
                                    "No-cost extension until December 2025"])
def test_a_no_cost_extension_as_status_is_the_active_status(status):
    project = _read(_page(IDF, IDF_STATUS, f"  • Statut du projet\n    {status}\n"))
    assert project.status in ("Actif", "Active")
    if "2025" in status:
        assert project.end.iso().startswith("2025-12")


def test_a_no_cost_extension_as_innovation_status_is_active_with_its_end_date():
    project = _read(_page(INNOVATION, "CODE: IS.0077 |", "CODE: IS.0077 |\nSTATUT: Prolongation sans coût jusqu’au "
                                                         "31/12/2024 |"))
    assert project.status == "Actif"
    assert project.end.iso() == "2024-12-31"


# B-12, B-13: dates and durations given phase by phase, read as the budget by phase is (phases.py).

def test_idf_dates_given_phase_by_phase_are_the_first_start_and_the_last_end():
    page = _page(IDF, "  • Date de début\n    2022\n", "  • Date de début\n    Phase I : 2019 ; Phase II : 2021\n")
    page = _page(page, IDF_END, "  • Date de fin\n    Phase I : 2020 ; Phase II : 2023\n")
    project = _read(page)
    assert (project.start.iso(), project.end.iso()) == ("2019", "2023")
    assert "the start of its first phase (phase I: 2019, phase II: 2021)" in _notes(project)


def test_an_idf_budget_by_phase_may_give_each_phase_s_years():
    page = _page(IDF, "    300000.00\n", "    Phase I (2019-2020) : 200 000 ; Phase II (2021-2023) : 150 000\n")
    assert _read(page).budget.amount == 350000


@pytest.mark.parametrize(("duration", "months"), [("Phase I : 12 mois ; Phase II : 18 mois", 30),
                                                  ("Phase 1 : 1 an ; Phase 2 : 6 mois", 18)])
def test_an_innovation_duration_given_phase_by_phase_is_their_total(duration, months):
    project = _read(_page(INNOVATION, "DURÉE: 24 mois |", f"DURÉE: {duration} |"))
    assert project.duration_months == months
    assert f"is read as the total of its phases, {months} months" in _notes(project)


# B-15: a budget label that says its amounts are in thousands ("en milliers d’USD"): a thousand times the amount.

@pytest.mark.parametrize(("label", "value", "amount", "currency"), [
    ("Budget total (en milliers d’USD)", "1 250", 1250000, "USD"),
    ("Budget (en milliers d’euros)", "450", 450000, "EUR"),
    ("Budget (USD, en milliers)", "1 250,5", 1250500, "USD"),
    ("Budget total (en milliers)", "300 USD", 300000, "USD"),
])
def test_an_idf_budget_in_thousands_is_read_in_units(label, value, amount, currency):
    project = _read(_page(IDF, "  • Budget Amount (USD)\n    300000.00\n", f"  • {label}\n    {value}\n"))
    assert (project.budget.amount, project.budget.currency) == (amount, currency)
    assert "gives the budget in thousands" in _notes(project)


def test_an_innovation_amount_in_thousands_is_read_in_units():
    project = _read(_page(INNOVATION, "MONTANT DU FINANCEMENT:400 000 dollars É.-U. |",
                          "MONTANT DU FINANCEMENT (en milliers d’USD): 1 250 |"))
    assert (project.budget.amount, project.budget.currency) == (1250000, "USD")


# B-18, B-19: countries grouped under regions' names, and a list left open ("et d’autres").

@pytest.mark.parametrize(("countries", "codes", "note"), [
    ("Afrique : Maroc, Tunisie, Sénégal ; Asie : Népal, Bangladesh ; Amérique latine : Pérou",
     {"MA", "TN", "SN", "NP", "BD", "PE"}, 'grouped under "Afrique", "Asie", "Amérique latine"'),
    ("Amériques : Bolivie, Colombie ; Europe : Albanie", {"BO", "CO", "AL"}, 'grouped under "Amériques", "Europe"'),
    ("Éthiopie, Kenya, Somalie, Kenya, Djibouti et d’autres", {"ET", "KE", "SO", "DJ"}, 'ends "et d’autres"'),
    ("Kenya, Ouganda and others", {"KE", "UG"}, 'ends "and others"'),
])
def test_idf_countries_grouped_or_left_open_are_read_noted(countries, codes, note):
    project = _read(_page(IDF, "    Argentine\n", f"    {countries}\n"))
    assert _codes(project.eligible_countries) == codes
    assert note in _notes(project)


def test_innovation_countries_grouped_under_regions_are_read():
    grouped = ("PAYS BÉNÉFICIAIRES – États Membres Remplissant Les Conditions Requises: Afrique : Bénin, Mali ; "
               "Amériques : Pérou |")
    project = _read(_page(INNOVATION, INNOVATION_COUNTRIES, grouped))
    assert _codes(project.eligible_countries) == {"BJ", "ML", "PE"}


def test_a_country_named_before_a_colon_is_no_region():
    # "Afrique du Sud" is a country: its name before a colon is not dropped as a region's (the list stays refused)
    error = _refused(_page(IDF, "    Argentine\n", "    Afrique du Sud : Lesotho\n"), "x.txt")
    assert error.message.startswith("unknown country")


# B-16: Portuguese country names (pycountry's Portuguese catalogue of ISO 3166), in every family's lists.

@pytest.mark.parametrize(("countries", "codes"), [
    ("Moçambique Angola", {"MZ", "AO"}),
    ("Guiné-Bissau, São Tomé e Príncipe, Cabo Verde", {"GW", "ST", "CV"}),
    ("Guiné Equatorial ; Timor-Leste", {"GQ", "TL"}),
])
def test_portuguese_country_names_are_read(countries, codes):
    project = _read(_page(IDF, "    Argentine\n", f"    {countries}\n"))
    assert _codes(project.eligible_countries) == codes


# C-7: a semester or a quarter is read as its year, with a note (a first or last month would say more than the page).

@pytest.mark.parametrize(("start", "part"), [("S1 2022", "semester"), ("Q3 2022", "quarter"),
                                             ("2e trimestre 2022", "quarter"), ("H2 2022", "semester")])
def test_a_semester_or_quarter_is_read_as_its_year_noted(start, part):
    project = _read(_page(IDF, "  • Date de début\n    2022\n", f"  • Date de début\n    {start}\n"))
    assert project.start.iso() == "2022"
    assert f'start date "{start}" is read as its year, 2022: the {part} is left out' in _notes(project)


# B-17: a Spanish or Portuguese field label on a French page: refused naming it and its French twin, rather than
# published without that field.

@pytest.mark.parametrize(("old", "new", "french"), [
    (IDF_END, "  • Fecha de finalización\n    2024\n", "Date de fin"),
    ("  • Budget Amount (USD)\n", "  • Presupuesto (USD)\n", "Budget (USD)"),
    (IDF_COUNTRIES, "  • Países beneficiarios\n    Argentine\n", "Pays bénéficiaires"),
    (IDF_COUNTRIES, "  • Países beneficiários\n    Argentine\n", "Pays bénéficiaires"),
])
def test_a_spanish_or_portuguese_idf_label_is_refused_naming_its_french_twin(old, new, french):
    error = _refused(_page(IDF, old, new), "x.txt")
    assert "is in Spanish or Portuguese" in error.message
    assert error.hint == f'write it as "{french}"'


@pytest.mark.parametrize(("old", "new", "french"), [
    ("DURÉE: 24 mois |", "DURACIÓN: 24 meses |", "Durée"),
    ("MONTANT DU FINANCEMENT:400 000 dollars É.-U. |", "PRESUPUESTO: 400 000 USD |", "Budget (USD)"),
])
def test_a_spanish_innovation_row_is_refused_naming_its_french_twin(old, new, french):
    error = _refused(_page(INNOVATION, old, new), "x.txt")
    assert "is in Spanish or Portuguese" in error.message
    assert error.hint == f'write it as "{french}"'


# B-8: a PDF's running footer between two rows of the innovation table, and a country list in two columns.

@pytest.mark.parametrize("footer", ["OIM – Innovation – Fiche projet – Page 1 sur 2", "Page 1/2",
                                    "OIM – Innovation – Fiche projet – Page 1 sur 2\n\f"])
def test_a_running_footer_between_innovation_rows_is_no_end_of_the_table(footer):
    row = "MONTANT DU FINANCEMENT:400 000 dollars É.-U. |\n"
    project = _read(_page(INNOVATION, row, f"{row}{footer}\n"))
    assert project.code == "IS.0077"
    assert project.duration_months == 24


def test_an_innovation_country_row_in_two_columns_goes_on_over_its_lines():
    columns = ("PAYS BÉNÉFICIAIRES – États Membres Remplissant Les Conditions Requises: Sénégal          Mali\n"
               "Gambie           Niger\nGuinée           Mauritanie |")
    project = _read(_page(INNOVATION, INNOVATION_COUNTRIES, columns))
    assert _codes(project.eligible_countries) == {"SN", "ML", "GM", "NE", "GN", "MR"}
    assert project.code == "IS.0077"


# B-25: an IDF field table a PDF copy flattened, its columns parted by runs of spaces.

def test_an_idf_field_table_in_columns_is_read():
    page = ("Migration et développement au Honduras\n\n"
            "Date de début          2021          Date de fin          2023\n"
            "Statut du projet       Achevé        Couverture           National\n"
            "Budget Amount (USD)    150000.00     IDF Region           Amérique latine et Caraïbes\n"
            "Prima ID               HN10P0606     Projet ID            PO.0606\n"
            "Etat(s) membre(s) beneficiaires remplissant les conditions requises      Honduras\n"
            "Le projet vise à renforcer les capacités des autorités nationales.\n")
    project = _read(page)
    assert (project.code, project.prima_id, project.start.iso(), project.end.iso()) == ("PO.0606", "HN10P0606",
                                                                                     "2021", "2023")
    assert _codes(project.eligible_countries) == {"HN"}
    assert project.budget.amount == 150000
    assert project.description == "Le projet vise à renforcer les capacités des autorités nationales."



@pytest.mark.parametrize(("heading", "french"), [("Sobre o projeto", "À propos du projet"),
                                                 ("¿Por qué este proyecto es innovador?",
                                                  "En quoi ce projet est-il innovant ?")])
def test_a_spanish_or_portuguese_innovation_heading_is_refused(heading, french):
    # its text would be read as innovation elements, each a new concept
    page = _page(INNOVATION, "À propos du projet\n", f"{heading}\n")
    page = _page(page, "En quoi ce projet est-il innovant ?\n", f"{heading}\n") if "?" in heading else page
    error = _refused(page, "x.txt")
    assert "is in Spanish or Portuguese" in error.message
    assert error.hint == f'write it as "{french}"'

"""Round 9: separators, tables and footnotes in lists and descriptions, each text's own language, status wordings,
lower-case codes, the innovation page's title and status, qualified amounts, amounts in words and figures, one
budget per project, and the site's "Mise à jour le …" line."""

from __future__ import annotations

import pytest

from converters.errors import PageError
from converters.namespaces import DCT
from converters.rdf import to_graph
from tests.conftest import page_with as _page
from tests.conftest import read_page as _read
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")
NGO = seed("002").read_text(encoding="utf-8")
NGO_LAST_ACTIVITY = "Un évènement de lancement et un de clôture sont prévus."
IDF_DESCRIPTION_END = "fournira du matériel de bureau à ces institutions locales de la migration."


def _notes(project) -> str:
    return "\n".join(note for _, note in project.notes)


# A4, C3, C5: a rule line, a table and a footnote are no list items, and a rule is no description text.

@pytest.mark.parametrize("rule", ["______________________________", "----------", "=====", "***", "* * *", "———"])
def test_a_rule_among_ngo_activities_is_no_activity(rule):
    plain = _read(NGO)
    project = _read(_page(NGO, NGO_LAST_ACTIVITY, f"{NGO_LAST_ACTIVITY}\n{rule}"))
    assert project.activities == plain.activities


def test_a_footnote_among_ngo_activities_is_no_activity_and_is_noted():
    plain = _read(NGO)
    project = _read(_page(NGO, NGO_LAST_ACTIVITY, f"{NGO_LAST_ACTIVITY} [1]\n[1] Adresse active jusqu’en 2025."))
    assert len(project.activities) == len(plain.activities)
    assert 'footnote "[1] Adresse active jusqu’en 2025." is none of the activities' in _notes(project)


def test_a_table_under_an_ngo_activity_is_that_activity_s_text():
    plain = _read(NGO)
    table = "| Activité | Mois |\n|---|---|\n| Étude | 1-6 |\n| Atelier | 7-9 |"
    project = _read(_page(NGO, NGO_LAST_ACTIVITY, f"{NGO_LAST_ACTIVITY}\n{table}"))
    assert len(project.activities) == len(plain.activities)
    assert project.activities[-1].text.endswith(
        "prévus. (Activité : Étude ; Mois : 1-6) (Activité : Atelier ; Mois : 7-9)")


@pytest.mark.parametrize("rule", ["-" * 40, "________________", "==========", "* * *"])
def test_a_rule_in_an_idf_description_is_left_out(rule):
    project = _read(_page(IDF, IDF_DESCRIPTION_END, f"{IDF_DESCRIPTION_END}\n{rule}\nUne phrase de plus."))
    assert project.description.endswith(f"{IDF_DESCRIPTION_END}\nUne phrase de plus.")


def test_a_short_dash_line_and_a_table_rule_stay_what_they_were():
    # "- 2 -" is a page number and "--" no rule (three characters at least)
    project = _read(_page(IDF, IDF_DESCRIPTION_END, f"{IDF_DESCRIPTION_END}\n-- fin"))
    assert project.description.endswith("\n-- fin")


# A5: each text's language is its own: an English description under a French title is @en.

def _literal_languages(page: str) -> dict[str, str | None]:
    mapped = to_graph(_read(page))
    return {str(p).rsplit("/", 1)[-1]: o.language for s, p, o in mapped.triples
            if s == mapped.iri and p in (DCT.title, DCT.description)}


def test_an_english_description_under_a_french_title_is_english():
    start = IDF.index("Avec 2,3 millions")
    page = IDF[:start] + "The project supports safe labour migration from Myanmar to Thailand.\n"
    assert _literal_languages(page) == {"title": "fr", "description": "en"}


@pytest.mark.parametrize("description", [
    "Le projet renforce les capacités des autorités locales.",  # French: the page's
    "Projet pilote 2022.",  # too few common words to tell: the page's
    "Le projet (the project) soutient la migration de la main-d’œuvre.",  # a few English words: the page's
])
def test_a_french_or_undecided_description_keeps_the_page_s_language(description):
    start = IDF.index("Avec 2,3 millions")
    assert _literal_languages(IDF[:start] + description + "\n")["description"] == "fr"


# A6, B13: "On hold" is the suspended status; an extended or closing project is active, noted; a minted status's
# label carries the language its words are in.

STATUS = "  • Statut du projet\n    Actif"
CONCEPT = "https://w3id.org/migration-lod/concept/status/"


def _status(value: str):
    project = _read(_page(IDF, STATUS, f"  • Statut du projet\n    {value}"))
    mapped = to_graph(project)
    statuses = [o for s, p, o in mapped.triples if s == mapped.iri and str(p).endswith("#status")]
    return statuses, mapped, _notes(project)


@pytest.mark.parametrize("value", ["On hold", "ON HOLD", "on hold"])
def test_on_hold_is_the_suspended_status(value):
    assert [str(o) for o in _status(value)[0]] == [f"{CONCEPT}suspended"]


@pytest.mark.parametrize(("value", "why"), [
    ("Prolongé", "an extended project is still running"), ("Prolongée", "an extended project is still running"),
    ("Extended", "an extended project is still running"), ("En prolongation", "an extended project is still running"),
    ("En phase de clôture", "has not ended yet"), ("En cours de clôture", "has not ended yet"),
    ("Closing", "has not ended yet"), ("In closing phase", "has not ended yet"),
])
def test_an_extended_or_closing_project_is_active_with_a_note(value, why):
    statuses, mapped, notes = _status(value)
    assert [str(o) for o in statuses] == [f"{CONCEPT}active"]
    assert f'status "{value}" is read as "' in notes and why in notes
    assert not mapped.notices  # no new concept


def test_a_minted_english_status_is_labelled_in_english():
    statuses, mapped, _ = _status("On standby")
    labels = [o for s, p, o in mapped.triples if s == statuses[0] and str(p).endswith("prefLabel")]
    assert [(str(label), label.language) for label in labels] == [("On standby", "en")]


# B3: a code's leading letters in lower case are written in capitals, noted (one code, one project).

@pytest.mark.parametrize(("written", "read"), [("po.0181", "PO.0181"), ("Po.0181", "PO.0181"),
                                               ("po.0181-2", "PO.0181-2"), ("po.0181 (Phase II)", "PO.0181")])
def test_a_lower_case_idf_code_is_read_in_capitals(written, read):
    project = _read(_page(IDF, "    PO.0181", f"    {written}"))
    assert project.code == read
    assert f'is read as "{read}": project codes are written in capitals' in _notes(project)


def test_a_lower_case_innovation_code_is_read_in_capitals():
    project = _read(_page(INNOVATION, "CODE: IS.0077 |", "CODE: is.0077 |"))
    assert project.code == "IS.0077"
    assert 'project code "is.0077" is read as "IS.0077"' in _notes(project)


@pytest.mark.parametrize("code", ["PO.0181", "IS.0423b", "PO.0181-b"])
def test_a_code_in_capitals_or_with_a_letter_after_its_figures_is_kept(code):
    project = _read(_page(IDF, "    PO.0181", f"    {code}"))
    assert project.code == code and "codes are written in capitals" not in _notes(project)


# B2, C7: the innovation page's title line before its headings, "Pays : titre" too, and its STATUT row.

ELEMENTS = "Éléments d’innovation\n"
TITLE = "Bangladesh : Solutions numériques pour les travailleurs migrants"


def test_an_innovation_title_line_after_the_site_menu_is_the_title():
    assert _read(_page(INNOVATION, ELEMENTS, f"{TITLE}\n{ELEMENTS}")).title == TITLE


def test_an_innovation_title_line_first_on_the_page_is_the_title():
    start = INNOVATION.index(ELEMENTS)
    assert _read(f"{TITLE}\n{INNOVATION[start:]}").title == TITLE


@pytest.mark.parametrize("line", [
    "Partenaires : OIM et PNUD",  # a field's label before the colon
    "Le projet a été lancé en 2021.",  # a sentence
    "- Données et recherche",  # a menu entry
])
def test_a_field_a_sentence_or_a_menu_entry_before_the_headings_is_no_innovation_title(line):
    assert _read(_page(INNOVATION, ELEMENTS, f"{line}\n{ELEMENTS}")).title is None


@pytest.mark.parametrize(("row", "status", "noted"), [
    ("STATUT: Clôturé |", "Clôturé", None),
    ("STATUT DU PROJET: Achevé en 2023 |", "Achevé", "the remark on it is left out"),
    ("STATUS: On hold |", "On hold", None),
    ("STATUT: Prolongé |", "Actif", "an extended project is still running"),
])
def test_an_innovation_status_row_is_read_as_the_idf_reads_a_status(row, status, noted):
    project = _read(_page(INNOVATION, "CODE: IS.0077 |", f"{row}\nCODE: IS.0077 |"))
    assert project.status == status
    assert "no field the iom-innovation converter reads" not in _notes(project)
    assert noted is None or noted in _notes(project)


# B9, C1, C4, B12: an amount the page qualifies is the amount, with a note of what the page gives; a co-financing
# share in brackets is noted as one outside them is.

def _idf_budget(value: str):
    return _read(_page(IDF, "    300000.00", f"    {value}"))


def _innovation_budget(value: str):
    return _read(_page(INNOVATION, "MONTANT DU FINANCEMENT:400 000 dollars É.-U. |",
                       f"MONTANT DU FINANCEMENT: {value} |"))


@pytest.mark.parametrize(("value", "kind"), [
    ("max. 300 000", "a ceiling"), ("maximum 300 000", "a ceiling"), ("300 000 (max.)", "a ceiling"),
    ("jusqu’à 300 000", "a ceiling"), ("up to 300,000", "a ceiling"), ("300 000 maximum", "a ceiling"),
    ("environ 300 000", "an approximate amount"), ("approx. 300 000", "an approximate amount"),
    ("about 300,000", "an approximate amount"),
])
def test_a_qualified_idf_amount_is_the_amount_with_a_note(value, kind):
    project = _idf_budget(value)
    assert (project.budget.amount, project.budget.currency) == (300000, "USD")
    assert f"the page gives {kind}" in _notes(project)


@pytest.mark.parametrize(("value", "kind"), [
    ("300 000 USD (max.)", "a ceiling"), ("max. 300 000 USD", "a ceiling"),
    ("environ 300 000 dollars É.-U.", "an approximate amount"),
])
def test_a_qualified_innovation_amount_is_the_amount_with_a_note(value, kind):
    project = _innovation_budget(value)
    assert project.budget.amount == 300000 and f"the page gives {kind}" in _notes(project)


def test_a_qualifier_inside_a_remark_qualifies_the_remark_not_the_amount():
    project = _innovation_budget("250 000 EUR (environ 270 000 USD)")
    assert (project.budget.amount, project.budget.currency) == (250000, "EUR")
    assert "the page gives" not in _notes(project)


def test_an_idf_co_financing_share_in_brackets_is_noted():
    project = _idf_budget("500 000.00 (dont 20 % de cofinancement)")
    assert project.budget.amount == 500000
    assert '"dont 20 % de cofinancement" left out, the whole amount read' in _notes(project)


# B5: an amount in words with its figures in brackets is the figures, noted.

@pytest.mark.parametrize("value", ["trois cent mille dollars (300 000 USD)", "trois cent mille (300 000)",
                                   "three hundred thousand US dollars (USD 300,000)"])
def test_an_idf_amount_in_words_and_figures_is_the_figures(value):
    project = _idf_budget(value)
    assert (project.budget.amount, project.budget.currency) == (300000, "USD")
    assert "the figures in brackets read, the amount in words" in _notes(project)


def test_an_innovation_amount_in_words_and_figures_is_the_figures():
    project = _innovation_budget("deux cent cinquante mille dollars É.-U. (250 000 USD)")
    assert (project.budget.amount, project.budget.currency) == (250000, "USD")


def test_an_amount_whose_words_and_figures_name_two_currencies_is_refused():
    with pytest.raises(PageError, match="names EUR in words and USD in figures"):
        _innovation_budget("trois cent mille euros (300 000 USD)")


# B4: an amount for each funder is refused, saying a project has one budget and where the shares go.

@pytest.mark.parametrize("value", ["UE : 1 000 000 EUR ; Suisse : 250 000 CHF",
                                   "EU: EUR 1,000,000; Switzerland: CHF 250,000"])
def test_an_amount_for_each_funder_is_refused_saying_a_project_has_one_budget(value):
    with pytest.raises(PageError) as raised:
        _innovation_budget(value)
    assert "gives an amount for each funder; a project has one budget" in raised.value.message
    assert "each funder's share in the description" in raised.value.hint


# C2: the site's "Mise à jour le …" line last in an IDF description is left out, noted.

@pytest.mark.parametrize("line", ["Mise à jour le 3 mars 2024", "Dernière mise à jour : 12/01/2024",
                                  "Last updated: 3 March 2024"])
def test_the_site_s_update_line_is_no_part_of_the_idf_description(line):
    project = _read(_page(IDF, IDF_DESCRIPTION_END, f"{IDF_DESCRIPTION_END}\n{line}"))
    assert project.description.endswith(IDF_DESCRIPTION_END)
    assert f'"{line}" is the site\'s date of its page' in _notes(project)


def test_a_sentence_about_an_update_stays_in_the_description():
    text = "Mise à jour des procédures de retour volontaire prévue pour 2024."
    assert _read(_page(IDF, IDF_DESCRIPTION_END, f"{IDF_DESCRIPTION_END}\n{text}")).description.endswith(text)

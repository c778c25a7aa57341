"""Round 10: text copied out of PDF, Word and CMS pages: running headers and footers, titles wrapped or after a
header, ligatures and non-breaking hyphens, words hyphenated twice, HTML line breaks, CMS leftovers, Markdown
links."""

from __future__ import annotations

import pytest

from converters.iris import slug
from tests.conftest import page_with as _page
from tests.conftest import read_page as _read
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
INNOVATION = seed("003").read_text(encoding="utf-8")
NGO = seed("002").read_text(encoding="utf-8")
IDF_TITLE = IDF.split("\n", 1)[0]  # as the page writes it (a no-break space before its colon)
TITLE = _read(IDF).title
INNOVATION_TITLE_AT = "- 2030 AGENDA\n"
NGO_IMPLEMENTER = "Réalisé par : Le Centre d’Information et d’Education au Développement – CIES Onlus"
HEADER = "OIM – Fonds pour le développement – Fiche projet"


def _notes(project) -> str:
    return "\n".join(text for _, text in project.notes)


def _names(project) -> list[str]:
    return [participation.organisation.name for participation in project.participations]


# A-1, B-4: a document's running header above the title is no title.

@pytest.mark.parametrize("header", [HEADER, "OIM - Innovation - Fiche de projet",
                                    "IOM Development Fund – Project sheet"])
def test_a_running_header_above_an_idf_title_is_left_out_with_a_note(header):
    project = _read(f"{header}\n{IDF}")
    assert project.title == TITLE
    assert "running header" in _notes(project)


def test_an_idf_title_wrapped_under_a_header_that_comes_back_is_joined():
    head, rest = IDF.split("\n", 1)
    words = head.split()
    first, second = " ".join(words[:8]), " ".join(words[8:])
    page = _page(f"{HEADER}\n{first}\n{second}\n{rest}", "  • Couverture", f"Page 1 sur 2\n\n{HEADER}\n  • Couverture")
    project = _read(page)
    assert project.title == TITLE
    assert HEADER not in project.description


def test_a_running_header_above_an_innovation_title_is_left_out():
    title = "Brésil : Plateforme numérique pour l’intégration des migrants"
    page = f"OIM – Innovation – Fiche projet\n{title}\n" + INNOVATION.split(INNOVATION_TITLE_AT, 1)[1]
    assert _read(page).title == title


# B-3: an innovation title wrapped over two lines.

@pytest.mark.parametrize("first, second", [
    ("Brésil : Plateforme numérique pour l’intégration des migrants", "vénézuéliens dans le marché du travail"),
    ("Brésil : Plateforme numérique pour l’intégration des", "Migrants vénézuéliens"),
])
def test_an_innovation_title_wrapped_over_two_lines_is_one(first, second):
    page = _page(INNOVATION, INNOVATION_TITLE_AT, f"{INNOVATION_TITLE_AT}{first}\n{second}\n")
    assert _read(page).title == f"{first} {second}"


# B-6, B-7, C-5: a running header or footer with a page number, wherever it stands.

def test_a_running_header_with_a_page_number_inside_an_idf_country_list_is_left_out():
    page = _page(IDF, "    Argentine\n", f"    Argentine\n{HEADER} – Page 1/2\n    Chili\n    Pérou\n")
    project = _read(page + f"\n{HEADER} – Page 2/2\n")
    assert project.eligible_countries == ["AR", "CL", "PE"]
    assert "Page" not in project.description and "Fiche projet" not in project.description
    assert "running header" in _notes(project)


@pytest.mark.parametrize("footer", ["Réseau Euromed – Fiche projet – Page {} sur 3", "Projet I-MIGR | Page {}/3"])
def test_a_running_footer_among_the_ngo_results_is_left_out(footer):
    page = _page(NGO, "\nR2 ", f"\n{footer.format(2)}\n\nR2 ")
    page = _page(page, "\nR3 ", f"\n{footer.format(3)}\n\nR3 ")
    project = _read(page)
    assert [result.notation for result in project.expected_results] == ["R1", "R2", "R3"]
    assert not any("Page" in result.text for result in project.expected_results)


def test_a_repeated_header_and_its_page_number_end_no_innovation_text():
    page = _page(INNOVATION, "\nEn quoi ce projet",
                 "\nOIM – Innovation – Fiche projet\nPage 2 sur 3\nEn quoi ce projet")
    page = _page(page, "\nINFORMATIONS SUR LE PROJET", "\nOIM – Innovation – Fiche projet\nPage 3 sur 3\n"
                                                     "INFORMATIONS SUR LE PROJET")
    project = _read(page)
    assert "Fiche projet" not in project.description and "Fiche projet" not in project.innovation_description


def test_a_title_with_dashes_is_no_running_header():
    title = "Argentine – Intégration des migrants – Phase II"
    assert _read(_page(IDF, IDF_TITLE, title)).title == title


# C-2, C-3, B-26: ligatures and the non-breaking hyphen are their letters and a hyphen; curly quotes stay.

def test_ligatures_are_read_as_their_letters_in_text():
    page = _page(IDF, "Renforcement des capacités", "Renforcement de la déﬁnition et de la ﬂuidité des capacités")
    assert _read(page).title.startswith("Argentine : Renforcement de la définition et de la fluidité")


def test_a_ligature_in_an_ngo_organisation_name_is_its_letters():
    page = _page(NGO, NGO_IMPLEMENTER, "Réalisé par : Association ﬂamme de l’espoir")
    assert "Association flamme de l’espoir" in _names(_read(page))


def test_a_non_breaking_hyphen_is_a_hyphen_in_codes_and_titles():
    page = _page(_page(IDF, "PO.0181", "PO\u20110181"), IDF_TITLE, "Gestion des frontières à Timor\u2011Leste")
    project = _read(page)
    assert project.code == "PO-0181" and project.title == "Gestion des frontières à Timor-Leste"


def test_curly_quotes_in_a_title_stay_as_typed():
    title = "Argentine : “Villes inclusives”"
    assert _read(_page(IDF, IDF_TITLE, title)).title == title


# C-4: a hyphen before a capital at a line's end is the name's own; a word broken twice is joined twice.

def test_a_title_wrapped_after_a_compound_name_s_hyphen_keeps_it_without_a_space():
    page = _page(IDF, IDF_TITLE, "Renforcement des politiques de dévelop-\npement local en Guinée-\nBissau")
    assert _read(page).title == "Renforcement des politiques de développement local en Guinée-Bissau"


def test_two_words_broken_on_running_lines_are_both_joined():
    page = _page(IDF, "Avec 2,3 millions", "Le projet appuie le dévelop-\npement des capacités en matière de migra-\n"
                                         "tion et de développement. Avec 2,3 millions")
    assert _read(page).description.startswith("Le projet appuie le développement des capacités en matière de "
                                              "migration et de développement.")


# B-1: HTML line breaks between a label and its value.

@pytest.mark.parametrize("open_tag, close_tag", [("<li>", "</li>"), ("<p>", "</p>")])
def test_an_html_break_between_a_label_and_its_value_parts_them(open_tag, close_tag):
    fields = [("Date de début", "2022"), ("Date de fin", "2024"), ("Statut du projet", "Actif"),
              ("Budget Amount (USD)", "220000.00"), ("Prima ID", "EC10P0608"), ("Projet ID", "PO.0608"),
              ("Etat(s) membre(s) beneficiaires remplissant les conditions requises", "Équateur")]
    rows = "\n".join(f"{open_tag}<strong>{label}</strong><br>{value}{close_tag}" for label, value in fields)
    page = (f"<p><strong>Appui à la réintégration des migrants</strong></p>\n<ul>\n{rows}\n</ul>\n"
            "<p>Le projet vise à renforcer les capacités des autorités nationales.</p>\n")
    project = _read(page)
    assert (project.code, project.start.year, project.end.year, project.eligible_countries) == ("PO.0608", 2022, 2024,
                                                                                      ["EC"])
    assert project.title == "Appui à la réintégration des migrants"
    assert project.lines["code"] == 8


def test_an_html_break_at_a_line_s_end_changes_nothing():
    page = _page(NGO, NGO_IMPLEMENTER, "<strong>Réalisé par :</strong> Terre des Hommes<br>")
    assert "Terre des Hommes" in _names(_read(page))


# C-6: a CMS's leftovers are no text.

@pytest.mark.parametrize("leftover", ["Lire la suite", "En savoir plus", "Télécharger la fiche (PDF, 230 Ko)",
                                      "![Atelier à San José](https://example.org/img.jpg)",
                                      "Photo : atelier à San José © OIM 2022", "Read more"])
def test_a_cms_leftover_line_is_left_out_of_the_description_with_a_note(leftover):
    project = _read(IDF + f"\n{leftover}\n")
    assert leftover not in project.description and project.description.endswith("locales de la migration.")
    assert f'"{leftover[:20]}' in _notes(project)


def test_lire_la_suite_at_the_end_of_an_ngo_objective_is_left_out():
    old = "Promouvoir un système de gouvernance de la migration urbaine basé sur les droits"
    project = _read(_page(NGO, old, f"{old}… Lire la suite"))
    assert project.general_objectives == [f"{old}…"]


def test_en_savoir_plus_ending_a_sentence_stays():
    page = _page(IDF, "locales de la migration.", "locales de la migration. Les élus veulent en savoir plus")
    assert _read(page).description.endswith("Les élus veulent en savoir plus")


# B-5, A-8: a Markdown link is its text, in every field.

def test_a_markdown_link_in_an_ngo_role_line_is_its_text():
    page = _page(NGO, NGO_IMPLEMENTER, "Réalisé par : [CIES Onlus](https://www.cies.it)")
    project = _read(page)
    assert "CIES Onlus" in _names(project) and not any("[" in name for name in _names(project))
    assert slug("CIES Onlus") == "cies-onlus"
    assert "Markdown link" in _notes(project)


def test_markdown_links_in_an_idf_country_list_are_their_texts():
    page = _page(IDF, "    Argentine\n", "    [Costa Rica](https://costarica.iom.int) [Panama](https://panama.iom.int)\n")
    assert _read(page).eligible_countries == ["CR", "PA"]


def test_a_markdown_link_in_an_innovation_mission_is_its_text():
    page = _page(INNOVATION, "MISSION: Argentine", "MISSION: [Argentine](https://argentina.iom.int)")
    assert _read(page).mission_countries == ["AR"]


def test_a_parted_line_that_comes_back_next_to_a_page_number_is_a_running_header():
    header = "Ministère de l’Intérieur – Direction des migrations"
    page = _page(f"{header}\n{IDF}", "  • Couverture", f"Page 1 sur 2\n{header}\n  • Couverture")
    project = _read(page)
    assert project.title == TITLE and project.scope


def test_a_parted_line_given_twice_without_a_page_number_stays():
    title = "Argentine – Intégration des migrants"
    page = _page(IDF, IDF_TITLE, title) + f"\n{title}\n"
    project = _read(page)
    assert project.title == title and project.description.endswith(title)


@pytest.mark.parametrize("link", ["En savoir plus", "[En savoir plus](https://developmentfund.iom.int/fr/po0181)"])
def test_en_savoir_plus_after_the_description_s_last_sentence_is_left_out(link):
    project = _read(_page(IDF, "locales de la migration.", f"locales de la migration. {link}"))
    assert project.description.endswith("locales de la migration.")


# A-3 (found with the joins above): Word's "o" sub-item mark pasted with one space under a list item is a mark.

def test_a_word_sub_item_mark_with_one_space_under_an_innovation_element_is_a_bullet():
    page = _page(INNOVATION, "- Diversité, genre et inclusion\n",
                 "➢ Diversité, genre et inclusion\no Cohésion sociale et participation des communautés\n")
    assert _read(page).innovation_elements[-2:] == ["Diversité, genre et inclusion",
                                                    "Cohésion sociale et participation des communautés"]



def test_a_description_line_citing_a_page_stays():
    line = "Voir le rapport de l’OIM – État de la migration dans le monde, p. 45"
    assert _read(IDF + f"\n{line}\n").description.endswith(line)

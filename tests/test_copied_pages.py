"""Pages copied from Word, a browser or a PDF: the marks, site text and page furniture the copy brings along."""

from __future__ import annotations

from converters import convert
from converters.pagelines import page_lines
from converters.records import Role

B = "\uf0b7"  # the bullet Word pastes from its Symbol font

IDF = f"""Niger : Appui à la gouvernance des migrations

{B}\tDate de début : mars 2021
{B}\tDate de fin : février 2023
{B}\tStatut du projet : Achevé
{B}\tBudget Amount (USD) : 150 000,00
{B}\tPrima ID : NE10P0001
{B}\tProjet ID : RT.0001

Le projet vise à :
o\trenforcer les capacités de la direction des migrations ;
§\taccompagner 100 migrants de retour.
"""

NGO = f"""« Paroles libres » – Accès aux droits des migrants Retour vers les projets

Durée du projet:

Jan 2022 Dec 2024

Objectif général

Améliorer l’accès aux droits des personnes migrantes

Objectifs spécifiques

{B}\tRenforcer les capacités des associations ;
{B}\tDocumenter les violations des droits.

Réalisé par : Association des Juristes du Sud (AJS)

Partenaires :
o\tRéseau des Avocats du Nord (RAN)
o\tCroissant Solidaire

Résultats attendus :

§\tR1 50 avocats sont formés.
§\tR2 Un rapport annuel est publié.
"""

INNOVATION = f"""Éléments d’innovation
{B}\tParticipation des migrants et de la diaspora
{B}\tPartenariats
À propos du projet
Le projet relie des médecins de la diaspora et des hôpitaux.
INFORMATIONS SUR LE PROJET |
---|
MISSION: Guinée |
ANNÉE: 2022 |
CODE: IS.0001 |
"""


def _read(page: str):
    return convert(page.encode(), "copied.txt")


# --- Word's list marks ----------------------------------------------------------------------------------------

def test_word_list_marks_are_bullets():
    lines = page_lines(f"{B}\tUn\no\tDeux\n§\tTrois\n  o   Quatre\n{B}Cinq\n")
    assert [(line.text, line.bulleted) for line in lines[:5]] == [
        ("Un", True), ("Deux", True), ("Trois", True), ("Quatre", True), ("Cinq", True)]


def test_a_word_o_or_section_sign_with_one_space_is_text():
    lines = page_lines("o Chile\n§ 2 de l’article\nou bien\non dit\n")
    assert [(line.text, line.bulleted) for line in lines[:4]] == [
        ("o Chile", False), ("§ 2 de l’article", False), ("ou bien", False), ("on dit", False)]


def test_an_idf_page_with_word_bullets_is_read():
    project = _read(IDF)
    assert project.code == "RT.0001" and project.prima_id == "NE10P0001"
    assert project.title == "Niger : Appui à la gouvernance des migrations"
    assert "accompagner 100 migrants de retour." in project.description
    assert "§" not in project.description and "\to" not in project.description


def test_an_ngo_page_with_word_bullets_keeps_its_partners_objectives_and_results():
    project = _read(NGO)
    partners = [p.organisation.name for p in project.participations if p.role is Role.PARTNER]
    assert "Croissant Solidaire" in partners
    assert project.specific_objectives[0].startswith("Renforcer")
    assert [result.notation for result in project.expected_results] == ["R1", "R2"]


def test_innovation_elements_under_word_bullets_keep_no_bullet():
    project = _read(INNOVATION)
    assert project.innovation_elements and all(e[0].isalpha() for e in project.innovation_elements)


# --- browser copies: share lines, breadcrumbs, menus ------------------------------------------------------------

BROWSER_IDF = """Rechercher
Accueil › Fonds de l’OIM pour le développement › Projets › Niger
Niger : Appui aux communes de la région
Partager
Facebook Twitter LinkedIn E-mail
  • Date de début
    2022
  • Budget Amount (USD)
    100000.00
  • Prima ID
    NE10P0002
  • Projet ID
    CS.0002

Le projet soutient trois communes.
"""

BROWSER_NGO = """Réseau Solidaire
Accueil
Projets
Contact
Accueil > Projets > Liban
Exprimer mon avis

Bayti – Accès au logement Retour vers les projets

Durée du projet:

Mar 2022 Feb 2025

Objectif général

Améliorer l’accès au logement

Réalisé par : Association Maison Ouverte (AMO)
"""


def test_share_lines_between_the_title_and_the_fields_are_no_title():
    project = _read(BROWSER_IDF)
    assert project.title == "Niger : Appui aux communes de la région"
    assert project.description == "Le projet soutient trois communes."


def test_a_menu_contact_over_a_breadcrumb_is_no_contact():
    project = _read(BROWSER_NGO)
    assert project.title == "Bayti – Accès au logement"
    assert project.contact is None


def test_breadcrumbs_are_site_text():
    from converters.navigation import is_site_text

    def site(text: str) -> bool:
        return is_site_text(page_lines(text + "\n")[0])

    assert all(map(site, ["Accueil > Projets > Liban", "Accueil / Innovation / Projets / Maroc",
                          "Vous êtes ici : Accueil > Projets", "Home » Projects » Jordan"]))
    assert not any(map(site, ["Accueil et intégration des réfugiés", "Accueil / orientation des migrants"]))


# --- PDF copies: page furniture, broken words, wrapped list items ----------------------------------------------

HEADER = "Fonds de développement – Fiche de projet"
PDF_IDF = f"""{HEADER}                                   1
Togo : Renforcement de la gouvernance des migrations de main-
d’œuvre
  • Date de début
    2021
  • Budget Amount (USD)
    100000.00
  • Prima ID
    TG10P0003
  • Projet ID
    LM.0003
Ce projet vise à ren-
forcer les capacités du ministère.
{HEADER}                                   2
Il forme 60 inspecteurs.
Page 2 sur 2
"""

PDF_NGO = """Tamkine – Insertion des femmes migrantes Retour vers les projets
Durée du projet:
Sep 2021 Aug 2024
Objectif général
Contribuer à l’autonomisation des femmes
Objectifs spécifiques
  • Renforcer les compétences de 400 femmes dans
les villes du pays ;
  • Faciliter l’accès au financement
Réalisé par : Association Femmes Actives (AFA)
Page 13
Régions bénéficiaires
Casablanca-Settat
"""


def test_a_running_header_and_page_numbers_are_no_part_of_the_record():
    project = _read(PDF_IDF)
    assert project.title == "Togo : Renforcement de la gouvernance des migrations de main-d’œuvre"
    assert project.description == "Ce projet vise à renforcer les capacités du ministère.\nIl forme 60 inspecteurs."


def test_a_list_item_wrapped_over_two_lines_is_one_item():
    project = _read(PDF_NGO)
    assert project.specific_objectives == ["Renforcer les compétences de 400 femmes dans les villes du pays",
                                           "Faciliter l’accès au financement"]
    assert all("13" not in str(region) for region in project.beneficiary_regions)


def test_dates_and_numbered_headings_are_no_running_header():
    lines = page_lines("Phase de mise en œuvre 1\nmars 2012\nmars 2013\nPhase de mise en œuvre 2\n")
    assert [line.text for line in lines] == ["Phase de mise en œuvre 1", "mars 2012", "mars 2013",
                                             "Phase de mise en œuvre 2", ""]

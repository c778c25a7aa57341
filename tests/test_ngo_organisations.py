"""How NGO pages' role lines name organisations: where "et" parts two names, what is no organisation, remarks
after a name (each case misread before its fix)."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from converters.rdf import to_graph
from converters.records import Role
from tests.conftest import line_of, seed
from tests.test_ngo_variants import _read

NGO = seed("002").read_text(encoding="utf-8")
ROLES = "Autres partenaires\u00a0: "  # as the seed writes it
ORGANISATION = "https://w3id.org/migration-lod/organisation/"


def _with_roles(*lines: str) -> str:
    """The seed page with `lines` in the place of its "Autres partenaires" line."""
    line = next(line for line in NGO.split("\n") if line.startswith(ROLES))
    return NGO.replace(line, "\n".join(lines), 1)


def _names(project, role: Role) -> list[str]:
    return [p.organisation.name for p in project.participations if p.role is role]


@pytest.mark.parametrize("written, names", [
    # "et" inside a name of a list parted it in two ("Association Femmes", "Développement Durable")
    ("Caritas Tunisie, Association Femmes et Développement Durable, Ligue Tunisienne des Droits de l'Homme (LTDH)",
     ["Caritas Tunisie", "Association Femmes et Développement Durable", "Ligue Tunisienne des Droits de l'Homme"]),
    ("Association Jeunesse et Citoyenneté Active, Réseau Euromed France",
     ["Association Jeunesse et Citoyenneté Active", "Réseau Euromed France"]),
    ("Théâtre & Cité, Musées & Sociétés en Méditerranée", ["Théâtre & Cité", "Musées & Sociétés en Méditerranée"]),
    # a ministry's portfolio after "et" is its name's (they were four)
    ("Ministère des Affaires Étrangères et Coopération Africaine, Ministère de l'Emploi et Insertion Professionnelle",
     ["Ministère des Affaires Étrangères et Coopération Africaine",
      "Ministère de l'Emploi et Insertion Professionnelle"]),
    # "et" before a kind of organisation parts two, in a list or not (each was one)
    ("Fondation Abbé Pierre et Fondation de France", ["Fondation Abbé Pierre", "Fondation de France"]),
    ("Fondation Abbé Pierre & Fondation de France", ["Fondation Abbé Pierre", "Fondation de France"]),
    ("Caritas Maroc et la Fondation Orient-Occident", ["Caritas Maroc", "Fondation Orient-Occident"]),
    ("Ministère de l'Intérieur et Ministère de la Santé", ["Ministère de l'Intérieur", "Ministère de la Santé"]),
    ("Union européenne, Ambassade de France au Maroc et Fondation de France",
     ["Union européenne", "Ambassade de France au Maroc", "Fondation de France"]),
    # a kind of organisation alone after "et" is part of the name
    ("Association Études et Conseil", ["Association Études et Conseil"]),
])
def test_et_parts_two_names_before_a_kind_of_organisation_only(written, names):
    assert _names(_read(_with_roles(ROLES + written)), Role.PARTNER) == names


@pytest.mark.parametrize("written, names", [
    # a branch in lower case after a comma was another organisation ("section de Sfax", "délégation Tunisie")
    ("Association Tunisienne de la Santé de la Reproduction, section de Sfax",
     [("Association Tunisienne de la Santé de la Reproduction, section de Sfax", ())]),
    ("Médecins du Monde, délégation Tunisie, Croissant-Rouge tunisien, comité local de Sfax",
     [("Médecins du Monde, délégation Tunisie", ()), ("Croissant-Rouge tunisien, comité local de Sfax", ())]),
    # its acronym before the branch is the organisation's
    ("Association Tunisienne de la Santé de la Reproduction (ATSR), section de Sfax, Caritas Tunisie",
     [("Association Tunisienne de la Santé de la Reproduction, section de Sfax", ("ATSR",)), ("Caritas Tunisie", ())]),
])
def test_a_branch_after_a_comma_is_the_organisation_s(written, names):
    project = _read(_with_roles(ROLES + written))
    assert [(p.organisation.name, p.organisation.alt_labels) for p in project.participations
            if p.role is Role.PARTNER] == names


def test_phrases_naming_no_organisation_are_left_out_with_a_note():
    # each was an organisation: "une dizaine d'associations locales", "autorités de la wilaya et 3 universités"
    page = _with_roles("Partenaires : une dizaine d'associations locales, les autorités de la wilaya et 3 universités",
                       "Partenaires techniques : 12 communes rurales, Caritas Maroc, aditus foundation (Malte)",
                       "Partenaires locaux : e-Joussour")
    project = _read(page)
    assert _names(project, Role.PARTNER) == ["Caritas Maroc", "aditus foundation (Malte)", "e-Joussour"]
    line = line_of(page, "Partenaires :")
    assert (line, "\"une dizaine d'associations locales\" is no organisation's name (it starts in lower case): left "
                  "out of the record") in project.notes
    assert (line, "\"les autorités de la wilaya et 3 universités\" is no organisation's name (it starts in lower "
                  "case): left out of the record") in project.notes
    assert (line + 1, "\"12 communes rurales\" is no organisation's name (it starts with a figure): left out of the "
                      "record") in project.notes


def test_a_role_to_be_defined_is_no_organisation():
    # "à définir" was an organisation
    page = _with_roles(ROLES + "à définir")
    project = _read(page)
    assert _names(project, Role.PARTNER) == []
    assert (line_of(page, ROLES), 'field "Autres partenaires" reads "à définir", no value: left out of the record'
            ) in project.notes


def test_a_heading_under_a_role_line_s_names_ends_them_and_what_it_heads_is_noted():
    # "Bénéficiaires" and the line under it were two more partners
    page = _with_roles("Partenaires : Caritas Maroc", "GADEM", "Bénéficiaires",
                       "500 migrants subsahariens et 200 familles marocaines", "", ROLES + "Fondation X")
    project = _read(page)
    assert _names(project, Role.PARTNER) == ["Caritas Maroc", "GADEM", "Fondation X"]
    line = line_of(page, "Bénéficiaires")
    assert (line, '"Bénéficiaires" is no field the euromed-ngo converter reads: left out of the record'
            ) in project.notes
    assert (line + 1, '"500 migrants subsahariens et 200 familles marocaines" is no field the euromed-ngo converter '
                      "reads: left out of the record") in project.notes


def test_a_sentence_under_a_role_line_s_names_is_no_organisation():
    page = _with_roles("Partenaires : Croissant-Rouge tunisien (CRT)", "HCR Tunisie",
                       "Les partenaires seront élargis en deuxième année")
    project = _read(page)
    assert _names(project, Role.PARTNER) == ["Croissant-Rouge tunisien", "HCR Tunisie"]
    assert any(line == line_of(page, "Les partenaires") and "no organisation's name" in note
               for line, note in project.notes)


@pytest.mark.parametrize("written, framework", [
    # the programme was in the funder's name ("Union européenne dans le cadre du programme ProGreS Migration"), and
    # the fund's acronym its acronym (organisation/ffu)
    ("L'Union européenne dans le cadre du programme ProGreS Migration", "dans le cadre du programme ProGreS Migration"),
    ("Union européenne dans le cadre du Fonds fiduciaire d'urgence pour l'Afrique (FFU)",
     "dans le cadre du Fonds fiduciaire d'urgence pour l'Afrique (FFU)"),
    ("Union européenne au titre de l'Instrument européen de voisinage",
     "au titre de l'Instrument européen de voisinage"),
    ("Union européenne via le programme Erasmus+", "via le programme Erasmus+"),
    # the fund after a dash or in brackets was in the funder's name, its acronym the funder's (organisation/ffu)
    ("Union européenne – Fonds fiduciaire d’urgence pour l’Afrique (FFU)", "Fonds fiduciaire d’urgence pour l’Afrique "
                                                                          "(FFU)"),
    ("Union européenne (Fonds fiduciaire régional en réponse à la crise syrienne « Fonds Madad »)",
     "(Fonds fiduciaire régional en réponse à la crise syrienne « Fonds Madad »)"),
])
def test_a_programme_or_fund_a_funder_funds_by_is_a_remark(written, framework):
    page = _with_roles("Financé par : " + written, ROLES + "Fondation X")
    project = _read(page)
    funders = [p.organisation for p in project.participations if p.role is Role.FUNDER]
    assert [(o.name, o.alt_labels) for o in funders] == [("Union européenne", ())]
    assert (line_of(page, "Financé par"), f'organisation "Union européenne": "{framework}" after it is a remark on it, '
                                          "left out of the record") in project.notes


def test_a_body_a_funder_funds_through_is_still_the_managing_body():
    page = _with_roles("Financé par : Union européenne par le biais de l'Agence X (AX)", ROLES + "Fondation X")
    project = _read(page)
    assert [(p.organisation.name, p.role) for p in project.participations if p.organisation.name in
            ("Union européenne", "Agence X")] == [("Union européenne", Role.FUNDER), ("Agence X", Role.EXTENDING)]


@pytest.mark.parametrize("directorate", ["DG ECHO", "DG HOME", "Direction générale de la protection civile"])
def test_a_directorate_general_in_brackets_is_a_part_of_the_organisation_not_its_acronym(directorate):
    # the Commission's IRI was organisation/dg-echo, organisation/dg-home
    page = _with_roles(f"Financé par : Commission européenne ({directorate}), Fondation Open Society")
    project = _read(page)
    funders = [p.organisation for p in project.participations if p.role is Role.FUNDER]
    assert [(o.name, o.alt_labels) for o in funders] == [("Commission européenne", ()), ("Fondation Open Society", ())]
    assert (line_of(page, "Financé par"), f'organisation "Commission européenne": "({directorate})" after it names a '
                                          "part of it, left out of the record") in project.notes
    graph = to_graph(project)  # the Commission is a reference organisation (round 9): the page mints none
    assert URIRef(ORGANISATION + "european-commission") in {obj for _, _, obj in graph.triples}
    assert not any("dg-" in str(subject) for subject, _, _ in graph.triples)


@pytest.mark.parametrize("lines, partners", [
    # two participations of one organisation (organisation/acted, two preferred labels)
    (["Partenaires : CARE; Acted; Agency for Technical Cooperation and Development (ACTED)"],
     [("CARE", ()), ("Agency for Technical Cooperation and Development", ("ACTED",))]),
    # a name and an acronym the reference data knows as one organisation, on two lines of one role
    (["Partenaires : Union européenne", ROLES + "UE, Fondation X"],
     [("Union européenne", ("UE",)), ("Fondation X", ())]),
])
def test_names_of_one_organisation_in_one_role_are_one_participation(lines, partners):
    project = _read(_with_roles(*lines))
    assert [(p.organisation.name, p.organisation.alt_labels) for p in project.participations
            if p.role is Role.PARTNER] == partners


def test_one_organisation_in_two_roles_is_two_participations():
    project = _read(_with_roles("Financé par : Fondation X (FX)", ROLES + "FX"))
    assert [(p.organisation.name, p.role) for p in project.participations if "X" in p.organisation.name] == [
        ("Fondation X", Role.FUNDER), ("FX", Role.PARTNER)]


def test_a_period_to_be_defined_is_no_value_as_one_to_be_told_is():
    # "à définir" under "Durée du projet" was refused as no date, where "À préciser" is left out with a note
    page = NGO.replace("Jun 2020 Jun 2020", "à définir", 1)
    project = _read(page)
    assert (project.start, project.end) == (None, None)
    assert project.notes == [(line_of(page, "à définir"),
                              'field "Durée du projet" reads "à définir", no value: left out of the record')]


@pytest.mark.parametrize("written, partners", [
    # spaced dashes between several names: the first was one organisation (organisation/ftdes) labelled with the rest
    ("FTDES – Médecins du Monde Belgique – Croissant-Rouge tunisien – Municipalité de Sfax",
     [("FTDES", ()), ("Médecins du Monde Belgique", ()), ("Croissant-Rouge tunisien", ()),
      ("Municipalité de Sfax", ())]),
    # an acronym before the name it is the initials of stays with it
    ("OIM – Organisation internationale pour les migrations – HCR – Caritas Maroc",
     [("Organisation internationale pour les migrations", ("OIM",)), ("HCR", ()), ("Caritas Maroc", ())]),
    # one dash: a name and its acronym or alias, as before
    ("OIM – Organisation internationale pour les migrations", [("Organisation internationale pour les migrations",
                                                                 ("OIM",))]),
])
def test_spaced_dashes_between_several_names_part_them(written, partners):
    project = _read(_with_roles(ROLES + written))
    assert [(p.organisation.name, p.organisation.alt_labels) for p in project.participations
            if p.role is Role.PARTNER] == partners


def test_an_acronym_then_the_fund_it_stands_for_after_a_dash_is_one_name():
    project = _read(_with_roles("Financé par : FIDA – Fonds international de développement agricole"))
    assert [(p.organisation.name, p.organisation.alt_labels) for p in project.participations
            if p.role is Role.FUNDER] == [("Fonds international de développement agricole", ("FIDA",))]


def test_the_body_a_funder_is_acted_for_by_is_the_funder_the_other_the_managing_body():
    # "Coopération allemande (GIZ) pour le compte du BMZ" was one funder of that name
    project = _read(_with_roles("Financé par : Coopération allemande (GIZ) pour le compte du BMZ"))
    assert [(p.organisation.name, p.organisation.alt_labels, p.role) for p in project.participations
            if p.organisation.name in ("BMZ", "Coopération allemande")] == [("BMZ", (), Role.FUNDER),
                                                            ("Coopération allemande", ("GIZ",), Role.EXTENDING)]


def test_a_country_after_a_name_s_brackets_is_a_remark_not_a_funder():
    # "Suisse" was a second funder
    page = _with_roles("Financé par : Direction du développement et de la coopération (DDC), Suisse")
    project = _read(page)
    assert [(p.organisation.name, p.organisation.alt_labels) for p in project.participations
            if p.role is Role.FUNDER] == [("Direction du développement et de la coopération", ("DDC",))]
    note = 'organisation "Direction du développement et de la coopération (DDC)": "Suisse" after it is a remark on it, '
    assert (line_of(page, "Financé par"), note + "left out of the record") in project.notes


@pytest.mark.parametrize("written, names", [
    # a ministry's portfolios after a comma, in Spanish or English, were other organisations
    ("Ministerio de Inclusión, Seguridad Social y Migraciones", ["Ministerio de Inclusión, Seguridad Social y "
                                                                 "Migraciones"]),
    ("Ministry of Labour, Social Affairs and Family, Caritas Jordan",
     ["Ministry of Labour, Social Affairs and Family", "Caritas Jordan"]),
    ("Ministerio del Interior, Fundación Cepaim y Cruz Roja", ["Ministerio del Interior",
                                                               "Fundación Cepaim y Cruz Roja"]),
])
def test_a_ministry_s_portfolios_after_a_comma_are_its_name(written, names):
    assert _names(_read(_with_roles("Financé par : " + written)), Role.FUNDER) == names


@pytest.mark.parametrize("written, partner", [
    # an acronym in mixed case was kept in the name (organisation/terre-des-hommes-lausanne-tdh)
    ("Terre des hommes Lausanne (Tdh)", ("Terre des hommes Lausanne", ("Tdh",))),
    # a country in brackets is no acronym, its initials or not
    ("Caritas (Maroc)", ("Caritas (Maroc)", ())),
    ("Mouvement Associatif Libre International (Mali)", ("Mouvement Associatif Libre International (Mali)", ())),
])
def test_a_bracketed_word_of_the_name_s_initials_is_its_acronym(written, partner):
    project = _read(_with_roles(ROLES + written))
    assert [(p.organisation.name, p.organisation.alt_labels) for p in project.participations
            if p.role is Role.PARTNER] == [partner]


def _with_contact(*lines: str) -> str:
    """The seed page with `lines` in the place of its contact line."""
    line = next(line for line in NGO.split("\n") if line.startswith("Contact :"))
    return NGO.replace(line, "\n".join(lines), 1)


def test_a_contact_person_line_and_the_telephone_and_e_mail_lines_under_it_are_one_contact():
    # each line was noted "no field" and the project had no contact
    page = _with_contact("Personne de contact : Mme Leïla Ben Salah, chargée de programme",
                         "Tél. : +33 (0)4 91 00 00 00", "E-mail : l.bensalah@example.org", "")
    project = _read(page)
    contact = project.contact
    assert (contact.telephone, contact.email, contact.address) == ("+33 (0)4 91 00 00 00", "l.bensalah@example.org",
                                                                   None)
    line = line_of(page, "Personne de contact")
    assert [note for number, note in project.notes if line <= number <= line + 2] == [
        'contact "Mme Leïla Ben Salah, chargée de programme – Tél. : +33 (0)4…": the person "Mme Leïla Ben Salah, '
        'chargée de program…" left out of the record (a contact point holds one address, telephone, fax and e-mail '
        "address)"]


def test_a_line_that_is_no_contact_part_ends_a_contact_line_s_parts():
    page = _with_contact("Contact : info@example.org", "Caritas Maroc")
    project = _read(page)
    assert (project.contact.email, project.contact.address) == ("info@example.org", None)

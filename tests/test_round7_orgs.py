"""Round 7's NGO role lines: partners named in a sentence, "ainsi que" and "notamment" in lists, plural
municipalities, a fund after a comma, a partner's country in brackets and English labels (each misread before its
fix)."""

from __future__ import annotations

import pytest

from converters.errors import PageError
from tests.bounded import time_limit
from tests.conftest import line_of
from tests.test_ngo_organisations import NGO
from tests.test_ngo_variants import _read

# The seed's role lines, each replaced by the test's (so that no organisation of the seed's is on the page)
SEED_ROLES = ("Cofinancé par", "Réalisé par", "Partenaires stratégiques", "Autres partenaires")
SEED_ZONE = "Zone d’intervention : Municipalités de Raoued et La Marsa"


def _with_only(*lines: str, zone: str = "Zone d’intervention : Gouvernorat de Sousse") -> str:
    """The seed page with `lines` for its role lines and `zone` for its zone line."""
    kept = [line for line in NGO.replace(SEED_ZONE, zone, 1).split("\n") if not line.startswith(SEED_ROLES)]
    at = kept.index(zone) + 1
    return "\n".join([*kept[:at], "", *lines, *kept[at:]])


def _by_role(project) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(p.role.value, p.organisation.name, p.organisation.alt_labels) for p in project.participations]


def _unnamed(project) -> list[str]:
    return [note for _, note in project.notes if "no organisation's name" in note]


@pytest.mark.parametrize("written, participations", [
    # the implementer and the first partner were left out ("starts in lower case"), the last partner the implementer
    ("Réalisé par : Le projet est mis en œuvre par Terre d’Asile Tunisie en partenariat avec l’Association "
     "Tunisienne des Femmes Démocrates (ATFD) et Médecins du Monde Belgique.",
     [("implementer", "Terre d’Asile Tunisie", ()), ("partner", "Association Tunisienne des Femmes Démocrates",
                                                    ("ATFD",)), ("partner", "Médecins du Monde Belgique", ())]),
    # one organisation of both names, with the partner's acronym (organisation/atsr named "Médecins … avec l'…")
    ("Réalisé par : Médecins du Monde Belgique en collaboration avec l’Association Tunisienne de Santé Reproductive "
     "(ATSR)", [("implementer", "Médecins du Monde Belgique", ()),
                ("partner", "Association Tunisienne de Santé Reproductive", ("ATSR",))]),
    # after a comma: the partner was left out
    ("Réalisé par : Terre des Hommes Italie, en partenariat avec Terre d’Asile Tunisie",
     [("implementer", "Terre des Hommes Italie", ()), ("partner", "Terre d’Asile Tunisie", ())]),
    # the first of the consortium was left out, the last kept as an implementer
    ("Porté par : Oxfam Tunisie, en consortium avec l’Association Tunisienne des Femmes Démocrates (ATFD) et Beity",
     [("implementer", "Oxfam Tunisie", ()), ("partner", "Association Tunisienne des Femmes Démocrates", ("ATFD",)),
      ("partner", "Beity", ())]),
    # a funder's partner is a partner too; inside brackets it stays a remark on the name
    ("Financé par : Fondation X en coopération avec la Fondation Y (en partenariat avec Z)",
     [("funder", "Fondation X", ()), ("partner", "Fondation Y", ())]),
])
def test_partners_named_in_a_sentence_are_partners_and_the_first_keeps_the_line_s_role(written, participations):
    project = _read(_with_only(written))
    assert _by_role(project) == participations
    assert _unnamed(project) == []


@pytest.mark.parametrize("written, participations", [
    # one partner named "Ministère des Affaires Sociales (MAS) ainsi que l'Office …", with ONFP's acronym
    ("Partenaires : Ministère des Affaires Sociales (MAS) ainsi que l’Office National de la Famille et de la "
     "Population (ONFP)", [("partner", "Ministère des Affaires Sociales", ("MAS",)),
                           ("partner", "Office National de la Famille et de la Population", ("ONFP",))]),
    # one co-funder "Union européenne ainsi que la Principauté de Monaco", not the European Union
    ("Cofinancé par : Union européenne ainsi que la Principauté de Monaco",
     [("co-funder", "Union européenne", ()), ("co-funder", "Principauté de Monaco", ())]),
    # "ainsi que" where "et" would not part two names: no name holds it
    ("Partenaires : Oxfam Intermón ainsi que Terre des Hommes", [("partner", "Oxfam Intermón", ()),
                                                                 ("partner", "Terre des Hommes", ())]),
    # a partner "ainsi que le Croissant-Rouge tunisien"; the municipalities were left out as a phrase in lower case
    ("Partenaires : les municipalités de Zarzis et de Ben Guerdane, y compris leurs services sociaux, ainsi que le "
     "Croissant-Rouge tunisien", [("partner", "Municipalité de Zarzis", ()), ("partner", "Municipalité de Ben Guerdane",
                                                                            ()),
                                  ("partner", "Croissant-Rouge tunisien", ())]),
    # a partner "notamment Association … (ATP+)", its acronym in its name
    ("Partenaires : plusieurs associations locales, notamment Association Tunisienne de Prévention Positive (ATP+) "
     "et Beity", [("partner", "Association Tunisienne de Prévention Positive", ("ATP+",)), ("partner", "Beity", ())]),
    ("Partenaires : Caritas Maroc notamment GADEM", [("partner", "Caritas Maroc", ()), ("partner", "GADEM", ())]),
    # "et" after the list's last comma was left out with the name after it
    ("Partenaires : Fondation X (FX), Beity (BT), et Terre d’Asile Tunisie",
     [("partner", "Fondation X", ("FX",)), ("partner", "Beity", ("BT",)), ("partner", "Terre d’Asile Tunisie", ())]),
    # a ministry's last portfolio after a comma and "et" was left out
    ("Partenaires : Ministère de la Solidarité, de l’Insertion sociale, et de la Famille",
     [("partner", "Ministère de la Solidarité, de l’Insertion sociale, et de la Famille", ())]),
])
def test_ainsi_que_notamment_and_a_last_et_part_names(written, participations):
    assert _by_role(_read(_with_only(written))) == participations


def test_a_phrase_before_notamment_or_after_y_compris_is_no_organisation_and_is_noted():
    page = _with_only("Partenaires : plusieurs associations locales, notamment Beity, y compris ses antennes")
    project = _read(page)
    assert _by_role(project) == [("partner", "Beity", ())]
    line = line_of(page, "Partenaires :")
    assert [(line, note) for note in _unnamed(project)] == [
        (line, '"plusieurs associations locales" is no organisation\'s name (it starts in lower case): left out of '
               "the record"),
        (line, '"ses antennes" is no organisation\'s name (it starts in lower case): left out of the record')]


@pytest.mark.parametrize("written, names", [
    # "Municipalités de Monastir" and "Ksar Hellal et Moknine" were two partners
    ("Municipalités de Monastir, Ksar Hellal et Moknine",
     ["Municipalité de Monastir", "Municipalité de Ksar Hellal", "Municipalité de Moknine"]),
    ("Municipalités du Kef et de Jendouba, Croissant-Rouge tunisien et GIZ",
     ["Municipalité du Kef", "Municipalité de Jendouba", "Croissant-Rouge tunisien", "GIZ"]),
    # the list of towns ends at its name after "et"; an organisation after it is none
    ("Communes de Sfax, Sakiet Ezzit et Association X", ["Commune de Sfax", "Commune de Sakiet Ezzit",
                                                          "Association X"]),
    ("Municipalités de Monastir, Croissant-Rouge tunisien et GIZ",
     ["Municipalité de Monastir", "Croissant-Rouge tunisien", "GIZ"]),
])
def test_municipalities_after_one_plural_kind_are_one_partner_each(written, names):
    project = _read(_with_only("Partenaires : " + written))
    assert [p.organisation.name for p in project.participations] == names


def test_many_lists_of_municipalities_on_one_line_are_read_in_linear_time():
    # each list looked for its last name through every part after it, and looked at them all again: 5,000 lists on
    # a line took minutes
    parts = ", ".join(f"Municipalités de T{number}" for number in range(5000))
    with time_limit(), pytest.raises(PageError, match="5,001 participations, more than a project has"):
        _read(_with_only(f"Partenaires : {parts}, Association X et Y"))


@pytest.mark.parametrize("written, funders, remark", [
    # the fund was a second funder named "via le Fonds fiduciaire …", organisation/ffue
    ("Union européenne, via le Fonds fiduciaire d’urgence pour l’Afrique (FFUE)", [("funder", "Union européenne", ())],
     "via le Fonds fiduciaire d’urgence pour l’Afrique (FFUE)"),
    ("Union européenne, dans le cadre du programme ProGreS Migration", [("funder", "Union européenne", ())],
     "dans le cadre du programme ProGreS Migration"),
    # a body it funds through after a comma is the managing body, as without the comma
    ("Union européenne, par l’intermédiaire de l’Agence X (AX)", [("funder", "Union européenne", ()),
                                                                  ("extending", "Agence X", ("AX",))], None),
])
def test_what_a_funder_funds_through_after_a_comma_is_read_as_without_it(written, funders, remark):
    page = _with_only("Bailleurs de fonds : " + written, "Réalisé par : Beity")
    project = _read(page)
    assert _by_role(project)[:-1] == funders
    notes = [note for _, note in project.notes]
    assert notes == ([f'organisation "Union européenne": "{remark}" after it is a remark on it, left out of the '
                      "record"] if remark else [])


@pytest.mark.parametrize("lines, names", [
    # the country the name gives already: organisation/terre-d-asile-tunisie-tunisie and caritas-italiana-italie
    (["Partenaires : Terre d’Asile Tunisie (Tunisie), Caritas Italiana (Italie), Croissant-Rouge tunisien (Tunisie)"],
     ["Terre d’Asile Tunisie", "Caritas Italiana", "Croissant-Rouge tunisien"]),
    # acronyms on a page that gives its organisations their countries so: organisation/cies-onlus-italie, arci-italie
    (["Réalisé par : CIES Onlus (Italie)", "Partenaires : Terre d’Asile Tunisie (Tunisie), ARCI (Italie)"],
     ["CIES Onlus", "Terre d’Asile Tunisie", "ARCI"]),
    # an acronym and the country after it
    (["Partenaires : Association Tunisienne des Femmes Démocrates (ATFD) (Tunisie), ARCI (Italie)"],
     ["Association Tunisienne des Femmes Démocrates", "ARCI"]),
])
def test_a_partner_s_country_in_brackets_is_where_it_is(lines, names):
    page = _with_only(*lines)
    project = _read(page)
    assert [p.organisation.name for p in project.participations] == names
    dropped = [note for _, note in project.notes if "after it is the country it is in" in note]
    assert len(dropped) == len(names)
    assert dropped[0].startswith(f'organisation "{names[0]}')


@pytest.mark.parametrize("lines, names", [
    # one member of a family: its own organisation (the README's "Caritas (Maroc)")
    (["Partenaires : Caritas (Maroc), Médecins du Monde (Belgique), ARCI (Italie)"],
     ["Caritas (Maroc)", "Médecins du Monde (Belgique)", "ARCI"]),
    # an acronym given alone so: no page convention to go by
    (["Réalisé par : ARCI (Italie)", "Partenaires : Beity"], ["ARCI (Italie)", "Beity"]),
    # a ministry: two countries' are two
    (["Partenaires : Ministère de la Santé publique (Liban), Caritas Liban (Liban)"],
     ["Ministère de la Santé publique (Liban)", "Caritas Liban"]),
    # one name in two countries on the page: two organisations still
    (["Partenaires : MdM (Belgique), MdM (France)"], ["MdM (Belgique)", "MdM (France)"]),
])
def test_a_country_in_brackets_that_tells_organisations_apart_stays_in_the_name(lines, names):
    project = _read(_with_only(*lines))
    assert [p.organisation.name for p in project.participations] == names


def test_english_labels_are_read_as_their_french_twins():
    # each line was left out as "no field the euromed-ngo converter reads": no zone and no organisation
    page = _with_only("Implemented by: International Rescue Committee (IRC)",
                      "Co-funded by: European Union and the Government of Italy",
                      "Funded by: Fondation X in partnership with Fondation Y",
                      "Partners: Tunisian Red Crescent, Tunisian Association for Management and Social Stability "
                      "(TAMSS), IRC and the DRC", zone="Area of intervention: Gouvernorat de Sfax")
    project = _read(page)
    assert _by_role(project) == [
        ("funder", "Fondation X", ()), ("partner", "Fondation Y", ()), ("co-funder", "European Union", ()),
        ("co-funder", "Government of Italy", ()),
        ("implementer", "International Rescue Committee", ("IRC",)), ("partner", "Tunisian Red Crescent", ()),
        ("partner", "Tunisian Association for Management and Social Stability", ("TAMSS",)),
        ("partner", "IRC", ()), ("partner", "DRC", ())]
    assert [area.code for area in project.intervention_areas] == ["TN-61"]
    assert not [note for _, note in project.notes if "no field" in note]

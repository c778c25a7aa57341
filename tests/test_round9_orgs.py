"""Round 9's NGO organisations: UN agencies and donors as reference organisations (one IRI for their French and
English names and acronyms, "X et ONU Femmes" two of them), French role wordings ("Donateur", "Co-financement",
"Agence d'exécution", "Bénéficiaire principal"), a directorate-general alone and a fund's acronym in brackets (each
misread before its fix)."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from converters.namespaces import MP
from converters.rdf import to_graph
from tests.test_ngo_variants import _read
from tests.test_round7_orgs import _with_only

ORG = "https://w3id.org/migration-lod/organisation/"
ROLE = "https://w3id.org/migration-lod/concept/role/"
SDC = "swiss-agency-for-development-and-cooperation"


def _participations(*lines: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(role, organisation IRI's last part) of each participation in the RDF of the seed page with `lines` for its
    role lines, and the page's notes; an organisation the page's RDF describes (one minted from the page, no
    reference organisation) marked with "new:"."""
    project = _read(_with_only(*lines))
    graph = to_graph(project).graph
    found = []
    for node in sorted(graph.objects(None, MP.participation)):
        organisation = str(graph.value(node, MP.organisation))
        role = str(graph.value(node, MP.role))
        minted = "new:" if (graph.value(URIRef(organisation), SKOS.prefLabel) is not None) else ""
        found.append((role.removeprefix(ROLE), minted + organisation.removeprefix(ORG)))
    return sorted(found), [note for _, note in project.notes]


@pytest.mark.parametrize("written, organisations", [
    # one agency, three IRIs before (hcr/unhcr, oit/ilo/organisation-internationale-du-travail, ddc/sdc)
    ("Partenaires : Haut Commissariat des Nations unies pour les réfugiés (HCR)", ["unhcr"]),
    ("Partenaires : UNHCR", ["unhcr"]),
    ("Partenaires : Organisation internationale du Travail (OIT), ILO, OIT", ["ilo"]),
    ("Partenaires : Organisation internationale du Travail", ["ilo"]),
    ("Partenaires : International Labour Organization (ILO)", ["ilo"]),
    ("Partenaires : Coopération suisse (DDC)", [SDC]),
    ("Partenaires : Coopération suisse", [SDC]),
    ("Partenaires : Swiss Agency for Development and Cooperation (SDC)", [SDC]),
    ("Partenaires : Direction du développement et de la coopération (DDC)", [SDC]),
    # "SDC" alone is no label of it: Lebanon's Social Development Centres write it (organisation/sdc before)
    ("Partenaires : Centres de développement social (SDC)", ["new:sdc"]),
    ("Partenaires : Programme des Nations Unies pour le développement (PNUD)", ["undp"]),
    ("Partenaires : UNDP", ["undp"]),
    ("Partenaires : Fonds des Nations unies pour l’enfance (UNICEF)", ["unicef"]),
    ("Partenaires : World Food Programme (WFP)", ["wfp"]),
    ("Partenaires : Organisation mondiale de la santé (OMS)", ["who"]),
    ("Partenaires : UNFPA", ["unfpa"]),
    ("Partenaires : FAO", ["fao"]),
    ("Partenaires : ONUDC", ["unodc"]),
    ("Partenaires : Commission européenne", ["european-commission"]),
    ("Partenaires : GIZ", ["giz"]),
    ("Partenaires : Agence française de développement (AFD)", ["afd"]),
    ("Partenaires : AICS", ["aics"]),
    ("Partenaires : ENABEL", ["enabel"]),
    # two agencies fused into one (organisation/hcr-et-onu-femmes, organisation/onu-habitat-et-onu-femmes)
    ("Partenaires : OIM, HCR et ONU Femmes", ["iom", "un-women", "unhcr"]),
    ("Partenaires : ONU-Habitat et ONU Femmes", ["un-habitat", "un-women"]),
    ("Partners: UN Women and UN-Habitat", ["un-habitat", "un-women"]),
])
def test_un_agencies_and_donors_are_reference_organisations_whatever_name_or_acronym_is_written(written, organisations):
    found, _ = _participations(written)
    assert sorted(organisation for _, organisation in found) == organisations


def test_one_agency_given_in_french_and_english_in_one_role_is_one_participation():
    found, _ = _participations("Donor : Swiss Agency for Development and Cooperation (SDC)",
                               "Financé par : Direction du développement et de la coopération (DDC)")
    assert found == [("funder", SDC)]


@pytest.mark.parametrize("written, role", [
    ("Donateur : Fondation Drosos", "funder"),
    ("Donateurs : Fondation Drosos", "funder"),
    ("Co-financement : Fondation Drosos", "co-funder"),
    ("Cofinancement : Fondation Drosos", "co-funder"),
    ("Agence d’exécution : Fondation Drosos", "implementer"),
    ("Agence d'exécution : Fondation Drosos", "implementer"),
    ("Executing agency: Fondation Drosos", "implementer"),
])
def test_french_role_wordings_are_read_as_their_roles(written, role):
    found, _ = _participations(written)
    assert found == [(role, "new:fondation-drosos")]


@pytest.mark.parametrize("written", [
    "Bénéficiaire principal : Ministère de l’Intérieur (Maroc)",
    "Main beneficiary: Ministère de l’Intérieur (Maroc)",
])
def test_a_beneficiary_body_is_left_out_with_a_note_saying_no_role_stands_for_it(written):
    found, notes = _participations("Réalisé par : Fondation Drosos", written)
    assert found == [("implementer", "new:fondation-drosos")]
    assert any(note.startswith(f'"{written}" names the project\'s beneficiary') and "IATI" in note for note in notes)


@pytest.mark.parametrize("directorate", ["DG NEAR", "DG HOME", "DG INTPA", "DG ECHO"])
def test_a_directorate_general_alone_is_the_commission_with_the_directorate_noted(directorate):
    found, notes = _participations(f"Financé par : {directorate}")
    assert found == [("funder", "european-commission")]
    assert f'organisation "{directorate}" names a part of "Commission européenne": read as it, the part left out ' \
           "of the record" in notes


def test_the_commission_with_its_directorate_in_brackets_is_the_reference_commission():
    found, notes = _participations("Financé par : Commission européenne (DG ECHO)")
    assert found == [("funder", "european-commission")]
    assert any('"(DG ECHO)" after it names a part of it' in note for note in notes)


@pytest.mark.parametrize("written, remark", [
    ("Financé par : Union européenne (FFU)", "(FFU)"),
    ("Financé par : Union européenne – Fonds fiduciaire d’urgence pour l’Afrique",
     "Fonds fiduciaire d’urgence pour l’Afrique"),
])
def test_a_fund_after_a_known_funder_is_a_noted_remark_whether_named_or_an_acronym(written, remark):
    found, notes = _participations(written)
    assert found == [("funder", "european-union")]
    assert f'organisation "Union européenne": "{remark}" after it is a remark on it, left out of the record' in notes


@pytest.mark.parametrize("written, organisation", [
    ("Financé par : Union européenne (UE)", "european-union"),
    # its initials, though no label of it: the acronym is its own
    ("Financé par : Swiss Agency for Development and Cooperation (SDC)", SDC),
])
def test_a_known_organisation_s_own_acronym_in_brackets_is_no_remark(written, organisation):
    found, notes = _participations(written)
    assert found == [("funder", organisation)]
    assert not any("remark" in note for note in notes)

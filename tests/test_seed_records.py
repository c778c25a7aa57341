"""Every field each seed page states, read into its Record with the right value and type."""

from __future__ import annotations

from decimal import Decimal

import pytest

from converters import convert_file, detect
from converters.records import PartialDate, Role
from tests.conftest import SEEDS, seed


def record(prefix: str):
    return convert_file(seed(prefix))


@pytest.mark.parametrize("prefix, family", [("000", "iom-idf"), ("001", "iom-idf"), ("002", "euromed-ngo"),
                                            ("003", "iom-innovation"), ("004", "iom-idf")])
def test_each_seed_is_detected_by_exactly_its_family(prefix, family):
    assert detect(seed(prefix).read_text(encoding="utf-8")).NAME == family


def test_seeds_are_the_shared_pages_unchanged(root):
    shared = root.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for page in shared.glob("*.txt"):
        assert (SEEDS / page.name).read_bytes() == page.read_bytes()


def test_po0181_bullet_layout():
    p = record("000")
    assert p.title.startswith("Argentine : Renforcement des capacités")
    assert p.title.endswith("politique de développement local")
    assert p.code == "PO.0181" and p.prima_id == "AR10P0514"
    assert p.start == PartialDate(2022) and p.end == PartialDate(2024)
    assert p.status == "Actif" and p.project_type == "Activités de politique migratoire"
    assert p.budget.amount == Decimal("300000.00") and p.budget.currency == "USD"
    assert p.scope == "National" and p.allocation_year == 2021
    assert p.region == "Amérique latine et Caraïbes"
    assert p.eligible_countries == ["AR"] and p.other_countries == []
    assert p.description.startswith("Avec 2,3 millions de migrants internationaux")
    assert p.description.endswith("institutions locales de la migration.")
    assert p.language == "fr" and p.funding_programme == "iom-development-fund"


def test_po0201_dash_layout_with_navigation():
    p = record("001")
    assert p.title == "Élaboration d’un plan régional de gestion des migrations en Amérique du Sud"
    assert p.code == "PO.0201" and p.prima_id == "AR99P0518"
    assert (p.start, p.end) == (PartialDate(2023), PartialDate(2025))
    assert p.budget.amount == Decimal("400000.00")
    assert p.scope == "Regional" and p.allocation_year == 2022
    assert p.eligible_countries == ["AR", "BO", "CO", "EC", "PY", "PE", "GY"]
    assert p.other_countries == ["CL", "UY"]
    assert p.description.startswith("Ces vingt dernières années")
    assert p.description.endswith("(produit 2.1).")
    assert "Qui sommes nous" not in p.description and "2030 AGENDA" not in (p.description + p.title)
    assert p.description.count("\n") == 2  # three paragraphs


def test_rt1296_has_no_start_date_and_three_components():
    p = record("004")
    assert p.start is None and p.allocation_year is None
    assert p.end == PartialDate(2024)
    assert p.code == "RT.1296" and p.prima_id == "SV10P0001"
    assert p.status == "Achevé"
    assert p.project_type == "Aide au retour à l’intention des migrants et des gouvernements"
    assert p.budget.amount == Decimal("155000.00")
    assert p.eligible_countries == ["SV", "HN", "MX", "GT"]
    assert [a.text[:25] for a in p.activities] == ["Travail de recherche sur ", "Une analyse quantitative ",
                                                    "La diffusion des recomman"]


def test_is0077_innovation_page_has_no_title():
    p = record("003")
    assert p.title is None
    assert p.code == "IS.0077" and p.prima_id is None
    assert p.mission_countries == ["AR"] and p.allocation_year == 2021
    assert p.budget.amount == Decimal("400000") and p.budget.currency == "USD"
    assert p.eligible_countries == ["AR", "BO", "BR", "CO", "EC", "PY", "PE"]
    assert p.other_countries == ["CL", "UY"]
    assert p.duration_months == 24
    assert p.innovation_elements == ["Données, recherche et technologies",
                                     "Cohésion sociale et participation des communautés",
                                     "Diversité, genre et inclusion"]
    assert p.description.startswith("Compte tenu des défis socioéconomiques")
    assert p.description.endswith("collaborant à l’expérimentation.")
    assert p.innovation_description.startswith("Ce projet propose un paradigme innovant")
    assert "Qui sommes nous" not in p.description


def test_imigr_ngo_page():
    p = record("002")
    assert p.title == "I-MIGR" and p.code is None
    assert (p.start, p.end) == (PartialDate(2020, 6), PartialDate(2020, 6))
    assert p.general_objectives == ["Promouvoir un système de gouvernance de la migration urbaine basé sur les droits"]
    assert len(p.specific_objectives) == 3
    assert p.specific_objectives[1].startswith("Promouvoir un discours réel et juste")
    assert [r.notation for r in p.expected_results] == ["R1", "R2", "R3"]
    assert len(p.activities) == 6
    assert p.activities[4].title == "Journées Portes ouvertes"
    assert p.activities[5].title == "Communication et visibilité"
    roles = [pt.role for pt in p.participations]
    assert len(p.participations) == 10 and len(set(roles)) == 5
    by_role = {role: [pt.organisation for pt in p.participations if pt.role == role] for role in set(roles)}
    assert [o.name for o in by_role[Role.CO_FUNDER]] == ["Union Européenne"]
    assert [o.alt_labels for o in by_role[Role.EXTENDING]] == [("ICMPD",)]
    assert [o.alt_labels for o in by_role[Role.IMPLEMENTER]] == [("CIES Onlus",)]
    assert len(by_role[Role.STRATEGIC_PARTNER]) == 4 and len(by_role[Role.PARTNER]) == 3
    raoued = next(o for o in by_role[Role.STRATEGIC_PARTNER] if "Raoued" in o.name)
    assert raoued.place.subdivision.code == "TN-12"
    assert [o.alt_labels for o in by_role[Role.PARTNER]] == [("ALDA",), ("AESAT",), ("ATCD",)]
    assert [(a.name, a.subdivision.code) for a in p.intervention_areas] == [("Raoued", "TN-12"),
                                                                           ("La Marsa", "TN-11")]
    assert [r.code for r in p.beneficiary_regions] == ["TN-12"] and p.beneficiary_region_count == 3
    assert p.contact.email == "ciestunisie@cies.it"
    assert p.contact.telephone == p.contact.fax == "+216 71 749 608"
    assert p.contact.address == "10 Rue Ali Bach Hamba. La Marsa"
    assert p.language == "fr"


def test_source_records_file_checksum_and_converter():
    p = record("000")
    assert p.source.path.endswith("000_8ccaec28a4e5c675.txt")
    assert len(p.source.sha256) == 64 and p.source.converter.startswith("iom-idf ")

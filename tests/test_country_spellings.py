"""Country lists as IOM Development Fund pages write them: articles, other spellings, remarks and numbering."""

from __future__ import annotations

import re

import pytest

from converters.countries import lookup, split_countries
from converters.errors import PageError
from tests.bounded import outcome
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, codes", [
    # an article before a name was 'unknown country "le"'
    ("le Niger, le Tchad, la Mauritanie et le Mali", ["NE", "TD", "MR", "ML"]),
    ("le Salvador, le Guatemala et le Honduras", ["SV", "GT", "HN"]),
    ("La Gambie", ["GM"]), ("les Philippines", ["PH"]), ("the Philippines", ["PH"]), ("les Pays-Bas", ["NL"]),
    ("L'Angola et l'Afghanistan", ["AO", "AF"]), ("Gambia, The", ["GM"]),
    ("le Swaziland, la Birmanie, la Tchéquie et le Cap-Vert", ["SZ", "MM", "CZ", "CV"]),
])
def test_an_article_before_a_name_is_read_past(text, codes):
    assert split_countries(text) == codes


@pytest.mark.parametrize("text, codes", [
    # names that hold an article or a separator word themselves, read whole as before
    ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", ["GB"]), ("République démocratique du Congo", ["CD"]),
    ("Émirats arabes unis, États-Unis d'Amérique", ["AE", "US"]), ("El Salvador, Pays-Bas", ["SV", "NL"]),
    ("Saint-Vincent-et-les Grenadines", ["VC"]), ("L'État d'Érythrée, the State of Palestine", ["ER", "PS"]),
    ("Lesotho, Laos", ["LS", "LA"]),
])
def test_names_holding_an_article_are_still_read_whole(text, codes):
    assert split_countries(text) == codes


@pytest.mark.parametrize("text, codes", [
    ("Congo RDC", ["CD"]), ("Congo-RDC", ["CD"]), ("Congo (RDC)", ["CD"]), ("RD Congo", ["CD"]), ("RDC", ["CD"]),
    ("Congo", ["CG"]), ("Congo et RDC", ["CG", "CD"]),
    # a comma parts names everywhere else in a list, and "Cameroun, Congo, RDC, Gabon" names both Congos
    ("Congo, RDC", ["CG", "CD"]), ("Cameroun, Congo, RDC, Gabon", ["CM", "CG", "CD", "GA"]),
])
def test_congo_rdc_is_the_democratic_republic(text, codes):
    # "Congo RDC" was read as two countries, the Republic of the Congo and the DRC
    assert split_countries(text) == codes


@pytest.mark.parametrize("text, code", [
    ("Lao PDR", "LA"), ("RDP lao", "LA"), ("Guinée-Équatoriale", "GQ"), ("Côte-d'Ivoire", "CI"),
    ("Kirghizstan", "KG"), ("Sud-Soudan", "SS"), ("Biélorussie", "BY"), ("Macédoine", "MK"),
    ("ex-République yougoslave de Macédoine", "MK"), ("l'ex-République yougoslave de Macédoine", "MK"),
    ("Kosovo (conformément à la résolution 1244 (1999) du Conseil de sécurité)", "XK"),
])
def test_other_spellings_of_a_name(text, code):
    assert split_countries(text) == [code]
    assert lookup(text.removeprefix("l'")) == code


@pytest.mark.parametrize("text, codes", [
    ("Guatemala (pays chef de file)", ["GT"]), ("Guatemala (pays chef de file), Honduras", ["GT", "HN"]),
    ("Maroc ainsi que Tunisie", ["MA", "TN"]), ("Mali, Niger, etc.", ["ML", "NE"]),
    ("1. Cambodge 2. Viet Nam", ["KH", "VN"]), ("1. Cambodge\n2. Viet Nam", ["KH", "VN"]), ("1) Mali", ["ML"]),
    # a qualifier that is part of a UN name is no remark
    ("Bolivie (État plurinational de), Congo (RDC)", ["BO", "CD"]),
])
def test_remarks_connectors_and_numbering_are_read_past(text, codes):
    assert split_countries(text) == codes


@pytest.mark.parametrize("text, unknown", [("Congo (Kinshasa)", "(Kinshasa)"), ("Guinée (Bissau)", "(Bissau)"),
                                           ("Soudan (Sud)", "(Sud)")])
def test_brackets_after_a_name_that_begins_another_are_refused_not_dropped(text, unknown):
    # dropped as a remark, they would read the Republic of the Congo, Guinea and Sudan
    with pytest.raises(PageError, match=re.escape(f'unknown country "{unknown}"')):
        split_countries(text, line=7)


def test_a_numbered_list_of_eligible_countries_over_several_lines():
    page = IDF.replace("    Argentine\n", "    1. Cambodge\n    2. Viet Nam\n    3. le Laos\n")
    project = outcome(page.encode())
    assert not isinstance(project, PageError), project
    assert project.eligible_countries == ["KH", "VN", "LA"]

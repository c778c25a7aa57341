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


@pytest.mark.parametrize("text, codes", [
    # a form of state before a short name was refused as 'unknown country "République de"'
    ("République de Maurice", ["MU"]), ("République de Moldavie", ["MD"]),
    ("État de Libye, Niger, Tchad", ["LY", "NE", "TD"]),
    ("République d’Haïti, Îles Fidji, République du Rwanda", ["HT", "FJ", "RW"]),
    ("République-Unie de Tanzanie, République du Kenya, République de l’Ouganda", ["TZ", "KE", "UG"]),
    ("République de Türkiye", ["TR"]), ("République de l’Équateur", ["EC"]), ("République de Vanuatu", ["VU"]),
    ("Îles Tonga", ["TO"]), ("Île Maurice", ["MU"]), ("Royaume de Tonga", ["TO"]),
    ("Principauté de Liechtenstein", ["LI"]), ("State of Libya", ["LY"]), ("République d Haiti", ["HT"]),
    ("Republic of Moldavia, Reino de Marruecos", ["MD", "MA"]), ("République de Chine", ["TW"]),
])
def test_a_form_of_state_before_a_short_name(text, codes):
    assert split_countries(text) == codes


@pytest.mark.parametrize("text, code", [
    ("République démocratique du Congo", "CD"), ("Democratic Republic of the Congo", "CD"),
    ("République du Congo", "CG"), ("Republic of the Congo", "CG"), ("République populaire de Chine", "CN"),
    ("République de Corée", "KR"),
    ("Royaume des Pays-Bas", "NL"), ("Kingdom of the Netherlands", "NL"), ("République islamique de Mauritanie", "MR"),
    ("République de Guinée équatoriale", "GQ"), ("République de Guinée-Bissau", "GW"), ("République de Guinée", "GN"),
    ("République du Soudan du Sud", "SS"),
])
def test_names_that_begin_with_a_form_of_state_are_read_as_before(text, code):
    # a form before a name that begins a longer one reads the longer one; where a gazetteer name ends, that name
    # is read, not the form and the name after it
    assert split_countries(text) == [code]


def test_another_countrys_name_with_another_article_is_refused_not_read_as_the_form_and_its_name():
    # the DRC's name with "de" for "du": not the Republic of the Congo
    with pytest.raises(PageError, match='unknown country "République démocratique de Congo"'):
        split_countries("République démocratique de Congo")


@pytest.mark.parametrize("text, code", [
    ("Guinée-Conakry", "GN"), ("Kazakstan", "KZ"), ("Kirghizie", "KG"), ("Turkménie", "TM"),
    ("Saint-Thomas-et-Prince", "ST"), ("République tunisienne", "TN"), ("République hellénique", "GR"),
    ("St-Kitts-et-Nevis", "KN"), ("St. Kitts and Nevis", "KN"), ("Ste-Lucie", "LC"),
    ("St Vincent and the Grenadines", "VC"),
])
def test_everyday_and_former_names_and_saint_shortened(text, code):
    assert split_countries(text) == [code]
    assert lookup(text) == code


@pytest.mark.parametrize("text, unknown", [
    # the whole name the page wrote, not the words before the next known name, nor several names lumped together
    ("Ruritanie, Syldavie", "Ruritanie"), ("Ruritanie ; Syldavie, Maroc", "Ruritanie"),
    ("Ruritanie\nSyldavie", "Ruritanie"), ("Royaume de Ruritanie, Royaume de Syldavie", "Royaume de Ruritanie"),
])
def test_an_unknown_country_is_quoted_whole_and_alone(text, unknown):
    with pytest.raises(PageError, match=re.escape(f'unknown country "{unknown}"')):
        split_countries(text, line=3)


@pytest.mark.parametrize("names, codes", [
    ("République de Maurice", ["MU"]), ("Guinée-Conakry, Sierra Leone, Libéria", ["GN", "SL", "LR"]),
    ("Kazakstan, Kirghizie", ["KZ", "KG"]),
])
def test_long_and_former_names_on_an_idf_page(names, codes):
    project = outcome(IDF.replace("    Argentine\n", f"    {names}\n").encode())
    assert not isinstance(project, PageError), project
    assert project.eligible_countries == codes

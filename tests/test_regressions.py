"""One test per bug that the property tests, the fuzzers and hand-made hostile pages found in the converters."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest
from rdflib import Literal

from converters import MAX_ITEMS, MAX_PAGE_BYTES, convert, detect, euromed_ngo, ngo_organisations
from converters.countries import MAX_LIST, split_countries
from converters.errors import PageError
from converters.namespaces import MP
from converters.rdf import to_graph
from converters.records import Money, PartialDate, Role
from converters.textnorm import fold
from publisher.build import build
from publisher.errors import BuildError
from tests.bounded import outcome, time_limit
from tests.conftest import seed

IDF = seed("000").read_text(encoding="utf-8")
BUDGET_LINE = IDF.split("\n").index("    300000.00") + 1
INNOVATION = seed("003").read_text(encoding="utf-8")
EUROMED = seed("002").read_text(encoding="utf-8")


def refused(text: str, message: str) -> None:
    result = outcome(text.encode("utf-8"))
    assert isinstance(result, PageError), f"accepted: {result}"
    assert message in str(result), str(result)


def test_a_long_run_of_names_does_not_exhaust_the_stack():
    # Segmenting country lists recursed once per name: 1,240 names hit Python's recursion limit.
    with time_limit():
        assert split_countries("Iran" * 1240) == ["IR"]


def test_a_country_list_longer_than_every_name_together_is_refused():
    with pytest.raises(PageError, match="longer than the names of every country"):
        split_countries("Chili " * (MAX_LIST // 6 + 1))


def test_a_long_line_after_a_country_field_is_not_searched_word_by_word():
    # Telling whether the line after a country field continues the list built the error message for it,
    # trying every word as the end of an unknown name: quadratic, minutes for a 140 kB line.
    page = IDF.replace("    Argentine\n", "    Argentine\n" + "Chili x" * 20000 + "\n")
    result = outcome(page.encode())
    assert not isinstance(result, PageError) and result.eligible_countries == ["AR"]


def test_unknown_country_names_the_few_words_that_are_not_countries():
    with pytest.raises(PageError, match='unknown country "Narnia"'):
        split_countries("Chili " * 300 + "Narnia " + "Pérou " * 300)


def test_an_amount_with_more_figures_than_an_amount_has_is_an_error():
    # 500,000 figures reached rdflib's decimal quantize, which raised InvalidOperation.
    refused(IDF.replace("300000.00", "3" * 50000), "has more digits than an amount has")
    refused(IDF.replace("300000.00", "300 " * 10000), "has more digits than an amount has")


@pytest.mark.parametrize("page, old, new", [
    (INNOVATION, "DURÉE: 24 mois", "DURÉE: " + "24 " * 100000),
    (EUROMED, "Ariana et 2 autre(s) régions", "Ariana " * 50000),
    (IDF, "300000.00", "trois cent mille " * 10000),
])
def test_messages_quote_long_values_shortened_on_one_line(page, old, new):
    # Messages quoted the whole value: 600,000 characters on the terminal.
    result = outcome(page.replace(old, new).encode())
    assert isinstance(result, PageError) and "…" in str(result) and len(str(result)) < 400


def test_the_beneficiaries_row_is_read_in_linear_time():
    # The sub-list label pattern ([^:;]* before a colon) backtracked over the whole row at every "États membres".
    page = INNOVATION.replace("Chili, Uruguay", "Chili, Uruguay " + "États membres remplissant " * 15000)
    refused(page, "is longer than the names of every country")


def test_sub_lists_are_found_when_names_are_separated_by_spaces_only():
    # The label of the second sub-list swallowed the names before it when no ";" or "," separated them.
    page = INNOVATION.replace("Paraguay, Pérou; États Membres Ne", "Paraguay Pérou États Membres Ne")
    project = convert(page.encode(), "003.txt")
    assert project.eligible_countries == ["AR", "BO", "BR", "CO", "EC", "PY", "PE"]
    assert project.other_countries == ["CL", "UY"]


def test_text_after_the_table_does_not_become_a_row():
    # Any key that started with a row's name ("Code de conduite: …" after "CODE") was read as that row.
    page = INNOVATION + "\nCode de conduite: https://www.iom.int/code\nMission: mentions légales\n"
    project = convert(page.encode(), "003.txt")
    assert project.code == "IS.0077" and project.mission_countries == ["AR"]


def test_a_page_larger_than_any_project_page_is_refused_at_once():
    data = IDF.encode() + b"x" * MAX_PAGE_BYTES
    refused(data.decode(), "more than a project page")


def test_a_list_longer_than_any_project_has_is_refused_before_mapping():
    # 150,000 activities took minutes in rdflib; the page is refused before any triple is made.
    refused(IDF + "\nComposantes :\n" + "1. x\n" * (MAX_ITEMS + 1), "more than a project has")
    many = "".join(f"A{number}," for number in range(MAX_ITEMS + 1))  # one name again and again is one participation
    refused(EUROMED.replace("Cies Tunisie,", "Cies Tunisie," + many), "participations")


@pytest.mark.parametrize("name, page", [
    ("many blank lines", IDF + "\n" * 400_000),
    ("many separator lines", IDF.replace("    Argentine\n", "    Argentine\n" + "-\n" * 200_000)),
    ("many short lines", IDF + "\nabc def\n" * 40_000),
    ("many table rows", INNOVATION + "\nCODE: x |\n" * 30_000),
    ("many headings", INNOVATION + "\nÀ propos du projet\n" * 20_000),
    ("one long title", "x " * 200_000 + IDF),
    ("many colons", "Titre\n• Prima ID: x\n• Projet ID: y\n• IDF Region: z\n" + "a:" * 200_000),
])
def test_large_pages_finish(name, page):
    outcome(page.encode())


def test_a_footer_after_the_description_is_left_out():
    page = IDF + "\nPartager\nFacebook | X | LinkedIn\nNos bureaux\n© 2024 OIM\n"
    assert convert(page.encode(), "000.txt").description == convert(IDF.encode(), "000.txt").description


def test_a_short_line_of_the_record_before_a_footer_stays():
    page = IDF + "\nVoir le rapport final\nPartager\n"
    assert convert(page.encode(), "000.txt").description.endswith("\nVoir le rapport final")


def test_a_last_line_that_only_starts_like_a_footer_link_stays():
    # "Partager …" alone was taken for a share link and cut from the description.
    page = IDF + "\n- Partager les bonnes pratiques\n"
    assert convert(page.encode(), "000.txt").description.endswith("\nPartager les bonnes pratiques")
    footer = IDF + "\nPartager sur LinkedIn\nPolitique de confidentialité\n"  # before a site line it goes
    assert convert(footer.encode(), "000.txt").description == convert(IDF.encode(), "000.txt").description


def test_participations_are_numbered_by_role_whatever_the_order_of_the_role_lines():
    lines = EUROMED.split("\n")
    funder = next(i for i, line in enumerate(lines) if line.startswith("Cofinancé"))
    others = next(i for i, line in enumerate(lines) if line.startswith("Autres partenaires"))
    lines[funder], lines[others] = lines[others], lines[funder]
    swapped = convert("\n".join(lines).encode(), "002.txt")
    assert swapped.participations == convert(EUROMED.encode(), "002.txt").participations
    assert swapped.participations[0].role is Role.CO_FUNDER


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\x0c", "\r"])
def test_unicode_and_old_line_breaks_separate_lines(separator):
    graph = to_graph(convert(IDF.replace("\n", separator).encode(), "000.txt")).graph
    assert len(graph) == len(to_graph(convert(IDF.encode(), "000.txt")).graph)


def test_an_ngo_page_with_one_list_and_its_partners_is_an_ngo_page():
    # Detection asked for three of the network's list headings: a project with a general objective and its
    # partners (no specific objectives, results or activities) was "no converter recognises this page".
    page = ("Exprimer mon avis\n\nSUD-ACCUEIL Retour vers les projets\n\nObjectif général\n\nAccueillir mieux\n\n"
            "Réalisé par : Association X\n\nPartenaires stratégiques : Association Y\n")
    assert detect(page) is euromed_ngo
    assert detect(page.replace("Retour vers les projets", "RETOUR VERS LES PROJETS")) is euromed_ngo
    project = convert(page.encode(), "005.txt")
    assert project.title == "SUD-ACCUEIL"
    assert [p.role for p in project.participations] == [Role.IMPLEMENTER, Role.STRATEGIC_PARTNER]
    # Role lines alone (a description quoting its partners) are not the network's page: a heading or the
    # "back to the projects" link must be there too.
    with pytest.raises(PageError, match="no converter recognises"):
        detect("Un projet\n\nRéalisé par : A\n\nFinancé par : B\n\nPartenaires : C\n")


def test_an_ngo_zone_may_name_a_governorate():
    # "Zone d'intervention : Gouvernorat de Sfax" was looked up as a region called "Gouvernorat de Sfax".
    page = ("X Retour vers les projets\n\nObjectif général\n\nA\n\nObjectifs spécifiques\n\n- B\n\n"
            "Zone d’intervention : Gouvernorat de Sfax\n\nRéalisé par : Association X\n")
    assert [area.code for area in convert(page.encode(), "005.txt").intervention_areas] == ["TN-61"]


@pytest.mark.parametrize("written, status", [("Closed", "completed"), ("Ongoing", "active"), ("In progress", "active"),
                                             ("Pipeline", "planned")])
def test_english_statuses_are_the_known_concepts(written, status):
    # "Closed" made a new concept of the status scheme, beside "Completed" (and "Clôturé", which it names).
    page = IDF.replace("Actif", written)
    assert page != IDF
    statuses = {str(o) for s, p, o in to_graph(convert(page.encode(), "000.txt")).graph
                if str(p).endswith("#status")}
    assert statuses == {f"https://w3id.org/migration-lod/concept/status/{status}"}


def test_innovation_countries_without_eligibility_sub_lists_are_beneficiaries_only():
    # "Pays bénéficiaires : A, B" made A and B eligible member states, which the page does not say.
    innovation = seed("003").read_text(encoding="utf-8")
    row = next(line for line in innovation.splitlines() if line.startswith("PAYS BÉNÉFICIAIRES"))
    page = innovation.replace(row, "Pays bénéficiaires : Sénégal, Gambie |")
    graph = to_graph(convert(page.encode(), "003.txt")).graph
    by_predicate = {}
    for _, predicate, obj in graph:
        by_predicate.setdefault(str(predicate).rpartition("#")[2], set()).add(str(obj).rpartition("/")[2])
    assert by_predicate["beneficiaryCountry"] == {"SN", "GM"}
    assert "eligibleBeneficiary" not in by_predicate and "otherBeneficiary" not in by_predicate


def _countries_by_predicate(page: str) -> dict[str, set[str]]:
    by_predicate: dict[str, set[str]] = {}
    for _, predicate, obj in to_graph(convert(page.encode(), "000.txt")).graph:
        if "/country/" in str(obj):
            by_predicate.setdefault(str(predicate).rpartition("#")[2], set()).add(str(obj).rpartition("/")[2])
    return by_predicate


@pytest.mark.parametrize("label, other_label, eligible", [
    ("Eligible Beneficiary Member State(s)", "Other benefiting countries", "eligibleBeneficiary"),
    ("Benefiting Member State(s) Meeting Eligibility Criteria", "Autres pays bénéficiaires", "eligibleBeneficiary"),
    ("Pays bénéficiaires éligibles", "États membres bénéficiaires ne remplissant pas les conditions requises",
     "eligibleBeneficiary"),
    ("Beneficiary Countries", "Non-eligible beneficiary countries", "beneficiaryCountry"),
])
def test_other_wordings_of_the_beneficiary_labels_are_those_lists(label, other_label, eligible):
    # "Eligible Beneficiary Member State(s)" was no label: the list became the first line of the description.
    lines = IDF.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  • Etat(s) membre(s)"))
    lines[at] = f"  • {label}"
    lines[at + 2:at + 2] = [f"  • {other_label}", "    Chili, Uruguay"]
    by_predicate = _countries_by_predicate("\n".join(lines))
    assert by_predicate["otherBeneficiary"] == {"CL", "UY"}
    assert by_predicate["beneficiaryCountry"] == {"AR", "CL", "UY"}  # every benefiting country, stated
    if eligible == "beneficiaryCountry":  # the page does not say Argentina is eligible
        assert "eligibleBeneficiary" not in by_predicate
    else:
        assert by_predicate["eligibleBeneficiary"] == {"AR"}


def test_a_sentence_about_beneficiaries_is_not_a_label():
    page = IDF.replace("Avec 2,3 millions", "Les pays bénéficiaires éligibles sont nombreux.\nAvec 2,3 millions")
    assert page != IDF
    assert convert(page.encode(), "000.txt").description.startswith("Les pays bénéficiaires éligibles")


def test_a_violation_on_a_page_names_the_line_its_value_was_read_from(tmp_path):
    # "seeds/x.txt: <…/PO.0181> …#endDate: end-before-start: …" said which file, not where in it.
    (tmp_path / "seeds").mkdir()
    lines = IDF.split("\n")
    start = next(i for i, line in enumerate(lines) if line.endswith("Date de début")) + 1
    end = next(i for i, line in enumerate(lines) if line.endswith("Date de fin")) + 1  # its value's index
    lines[start] = lines[start].replace(lines[start].strip(), "2030")
    (tmp_path / "seeds" / "late.txt").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(tmp_path / "seeds", tmp_path / "out")
    found = [p for p in raised.value.problems if "end-before-start" in p]
    assert found and found[0].startswith(f"{tmp_path / 'seeds' / 'late.txt'}:{end + 1}: "), found


def test_keep_going_says_why_a_page_that_breaks_a_shape_was_skipped(tmp_path):
    # It printed "skipped: seeds/late.txt" and nothing else: a page that converts but breaks a shape has no error.
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "good.txt").write_text(IDF, encoding="utf-8")
    late = IDF.replace("Date de début\n    2022", "Date de début\n    2030")
    assert late != IDF
    (tmp_path / "seeds" / "late.txt").write_text(late.replace("PO.0181", "PO.0999"), encoding="utf-8")
    result = build(tmp_path / "seeds", tmp_path / "out", keep_going=True, jobs=1)
    [skipped] = result.skipped
    assert skipped.startswith(f"{tmp_path / 'seeds' / 'late.txt'}:6: ") and "end-before-start" in skipped


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_page_saved_as_utf16_or_utf32_with_its_byte_order_mark_reads_as_its_text(encoding):
    # A page saved as "Unicode" by a Windows editor was "byte 0xff is not UTF-8".
    data = IDF.encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = "\ufeff".encode(encoding) + data  # "utf-16-be" writes no mark of its own
    project = convert(data, "000.txt")
    assert project.title == convert(IDF.encode(), "000.txt").title and project.code == "PO.0181"


def test_a_byte_order_mark_on_text_of_another_encoding_is_one_clear_error():
    with pytest.raises(PageError, match="starts with a UTF-16 byte order mark but is not UTF-16 text"):
        convert(b"\xff\xfeA\x00\x00\xd8", "x.txt")


@pytest.mark.parametrize("written, scheme, concept", [
    ("Amérique latine & Caraïbes", "region", "latin-america-caribbean"),
    ("Latin America & the Caribbean", "region", "latin-america-caribbean"),
    ("Amérique Latine et les Caraïbes", "region", "latin-america-caribbean"),
    ("Migration de main d'oeuvre", "project-type", "labour-migration"),
])
def test_a_concept_label_written_with_other_linking_words_is_that_concept(written, scheme, concept):
    # "Amérique latine & Caraïbes" made a new region beside "Amérique latine et Caraïbes".
    field = {"region": "Amérique latine et Caraïbes", "project-type": "Activités de politique migratoire"}[scheme]
    page = IDF.replace(f"    {field}\n", f"    {written}\n")
    assert page != IDF
    mapped = to_graph(convert(page.encode(), "000.txt"))
    assert f"https://w3id.org/migration-lod/concept/{scheme}/{concept}" in {str(o) for o in mapped.graph.objects()}
    assert not mapped.notices


@pytest.mark.parametrize("written, scheme, concept", [
    ("Nationale", "scope", "national"),  # "Couverture" is feminine: pages agree the adjective with it
    ("Mondiale", "scope", "global"),
    ("Régionale", "scope", "regional"),
    ("Multi-pays", "scope", "multi-national"),
    ("Achevée", "status", "completed"),
    ("Planification", "status", "planned"),  # IATI ActivityStatus names, French and English
    ("Fermé", "status", "completed"),
    ("Pipeline/identification", "status", "planned"),
    ("Implementation", "status", "active"),
    ("Mise en œuvre", "status", "active"),
    ("Santé et migration", "project-type", "migration-health"),  # its words in another order
    ("Migration, environnement et changements climatiques", "project-type", "migration-environment-climate-change"),
    ("Lutte contre la traite des êtres humains", "project-type", "counter-trafficking"),
    ("Gestion des frontières", "project-type", "immigration-border-management"),
])
def test_a_concept_label_in_another_form_or_in_iati_words_is_that_concept(written, scheme, concept):
    # Each was a new concept beside the known one ("Nationale", "Planification", "Santé et migration"…).
    field = {"scope": "National", "status": "Actif", "project-type": "Activités de politique migratoire"}[scheme]
    page = IDF.replace(f"    {field}\n", f"    {written}\n", 1)
    assert page != IDF
    mapped = to_graph(convert(page.encode(), "000.txt"))
    assert f"https://w3id.org/migration-lod/concept/{scheme}/{concept}" in {str(o) for o in mapped.graph.objects()}
    assert not mapped.notices


def test_an_iati_label_two_concepts_match_names_neither():
    # Two roles match IATI's "Funding" organisation role: its name must not pick one of them.
    from converters.reference import reference
    ref = reference()
    assert ref.concept("status", "Closed") is not None and ref.concept("status", "Finalisation") is None
    assert ref.concept("role", "Funding") is None and ref.concept("role", "Financement") is None


def test_a_label_of_no_concept_still_makes_a_new_concept_with_a_notice():
    page = IDF.replace("    Amérique latine et Caraïbes\n", "    Amérique latine\n")
    assert [n.startswith('new concept "Amérique latine" in scheme region') for n in
            to_graph(convert(page.encode(), "000.txt")).notices] == [True]


@pytest.mark.parametrize("written, concept", [("Actif / Active", "status/active"), ("Actif - Active", "status/active"),
                                              ("Afrique / Africa", "region/africa")])
def test_a_label_written_twice_in_two_languages_is_its_concept(written, concept):
    old = {"status": "    Actif\n", "region": "    Amérique latine et Caraïbes\n"}[concept.split("/")[0]]
    mapped = to_graph(convert(IDF.replace(old, f"    {written}\n", 1).encode(), "000.txt"))
    assert f"https://w3id.org/migration-lod/concept/{concept}" in {str(o) for o in mapped.graph.objects()}
    assert not mapped.notices


@pytest.mark.parametrize("written", ["Afrique; Moyen-Orient et Afrique du Nord", "Afrique, Asie et Pacifique"])
def test_a_label_naming_two_concepts_is_neither(written):
    # "Afrique; Moyen-Orient et Afrique du Nord" has the words of "Moyen-Orient et Afrique du Nord" alone (with
    # "Afrique" twice): the project was published in that one region, without a word
    mapped = to_graph(convert(IDF.replace("    Amérique latine et Caraïbes\n", f"    {written}\n", 1).encode(),
                              "000.txt"))
    regions = {str(o) for o in mapped.graph.objects(mapped.iri, MP.region)}
    assert not regions & {"https://w3id.org/migration-lod/concept/region/middle-east-north-africa",
                          "https://w3id.org/migration-lod/concept/region/africa"}
    assert [n.startswith(f'new concept "{written}" in scheme region') for n in mapped.notices] == [True]


def test_no_two_concepts_of_a_scheme_share_a_label_key():
    # Labels are matched by concept_key: two concepts whose labels met there would make one of them unreachable.
    from rdflib.namespace import SKOS

    from converters.reference import concept_key, reference
    graph, owners = reference().graph, {}
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
            for label in graph.objects(concept, predicate):
                owners.setdefault((scheme, concept_key(str(label))), set()).add(concept)
    assert len(owners) > 100 and not {key: found for key, found in owners.items() if len(found) > 1}


NGO = seed("002").read_text(encoding="utf-8")


def test_an_ngo_budget_line_is_the_budget_and_an_unread_field_is_said(tmp_path):
    # "Budget : 250 000 EUR" and "Bénéficiaires : …" lines among the roles were dropped without a word.
    page = NGO.replace("Contact :", "Budget : 250 000 EUR\n\nBénéficiaires : 300 migrants\n\nContact :", 1)
    assert page != NGO
    project = convert(page.encode(), "002.txt")
    assert (project.budget.amount, project.budget.currency) == (250000, "EUR")
    at = page.split("\n").index("Bénéficiaires : 300 migrants") + 1
    assert project.notes == [(at, '"Bénéficiaires : 300 migrants" is no field the euromed-ngo converter reads: '
                                  "left out of the record")]
    assert not convert(NGO.encode(), "002.txt").notes  # the seed's own lines are all read
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "ngo.txt").write_text(page, encoding="utf-8")
    result = build(tmp_path / "seeds", tmp_path / "out", jobs=1)
    assert [n for n in result.notices if "Bénéficiaires" in n] == [
        f"{tmp_path / 'seeds' / 'ngo.txt'}:{at}: {project.notes[0][1]}"]


@pytest.mark.parametrize("written, names", [
    # "et" after a closing parenthesis, or before an acronym ending the list, parts two names: each was one
    ("Agence française de développement (AFD) et GIZ", [("Agence française de développement", ("AFD",)),
                                                        ("GIZ", ())]),
    ("Fondation X, Fondation Y et HCR", [("Fondation X", ()), ("Fondation Y", ()), ("HCR", ())]),
    ("Commune A (Gouvernorat de Sfax) et Commune B (Gouvernorat de Gabès)", [("Commune A", ()), ("Commune B", ())]),
    # or next to an organisation the reference data knows, article or acronym aside
    ("L'Union européenne et la Coopération suisse", [("Union européenne", ()), ("Coopération suisse", ())]),
    ("la Coopération suisse et l'OIM", [("Coopération suisse", ()), ("OIM", ())]),
    # elsewhere "et" is inside a name
    ("Ministère des Affaires sociales et de la Solidarité", [("Ministère des Affaires sociales et de la Solidarité",
                                                             ())]),
    ("Association pour le Leadership et le Développement en Afrique (ALDA)",
     [("Association pour le Leadership et le Développement en Afrique", ("ALDA",))]),
    ("Fondation Recherche et Développement SARL", [("Fondation Recherche et Développement SARL", ())]),
    ("Fonds de l'OIM pour le développement et la coopération", [("Fonds de l'OIM pour le développement et la "
                                                                  "coopération", ())]),
])
def test_an_ngo_role_line_parts_names_at_an_and_only_where_no_name_goes_on(written, names):
    line = next(line for line in NGO.split("\n") if line.startswith("Cofinancé par"))
    assert line in NGO
    project = convert(NGO.replace(line, f"Cofinancé par : {written}", 1).encode(), "002.txt")
    funders = [p.organisation for p in project.participations if p.role is Role.CO_FUNDER]
    assert [(o.name, o.alt_labels) for o in funders] == names


def test_a_budget_line_is_no_mark_of_an_ngo_page():
    # Budgets are written by every family: "Budget : …" must not make an other page look like the network's.
    page = "Projet X\n\nActivités\n\nFormation\n\nBudget : 100 000 EUR\n\nContact : a@b.org\n"
    with pytest.raises(PageError, match="no converter recognises this page"):
        convert(page.encode(), "x.txt")


@pytest.mark.parametrize("before", ["  • Couverture", "  • Etat(s) membre(s)"])
def test_an_idf_field_no_label_reads_is_said_not_dropped(before):
    # "• Partenaire de mise en œuvre" and its value, among the fields, were dropped without a word.
    page = IDF.replace(before, "  • Partenaire de mise en œuvre\n    Croix-Rouge argentine\n" + before, 1)
    assert page != IDF
    at = page.split("\n").index("  • Partenaire de mise en œuvre") + 1
    project = convert(page.encode(), "000.txt")
    assert project.notes == [(at, '"Partenaire de mise en œuvre: Croix-Rouge argentine" is no field the iom-idf '
                                  "converter reads: left out of the record")]
    assert project.scope == convert(IDF.encode(), "000.txt").scope  # the fields around it are still read
    assert all(not convert(seed(n).read_bytes(), f"{n}.txt").notes for n in ("000", "001", "004"))


@pytest.mark.parametrize("row", ["PARTENAIRES: Université de Buenos Aires |",
                                 "PARTENAIRES: Université de Buenos Aires"])
def test_an_innovation_row_no_field_reads_is_said_and_the_rows_after_it_read(row):
    # An unknown row ended the table: the CODE row after it was lost, and the page had "no project ID".
    page = INNOVATION.replace("DURÉE: 24 mois |", "DURÉE: 24 mois |\n" + row, 1)
    assert page != INNOVATION
    project = convert(page.encode(), "003.txt")
    at = page.split("\n").index(row) + 1
    assert project.code == "IS.0077" and project.duration_months == 24
    assert project.notes == [(at, 'row "PARTENAIRES: Université de Buenos Aires" is no field the iom-innovation '
                                  "converter reads: left out of the record")]
    assert not convert(INNOVATION.encode(), "003.txt").notes


@pytest.mark.parametrize("zone, areas", [
    # "Gouvernorats de …" named one place "gouvernorats-de-sfax"; "de l’Ariana" was a place of that name
    ("Gouvernorats de Sfax et Médenine", {"subdivision/TN-61", "subdivision/TN-82"}),
    ("Gouvernorats de Tunis et de l’Ariana", {"subdivision/TN-11", "subdivision/TN-12"}),
    ("Régions de Sfax et Gabès", {"subdivision/TN-61", "subdivision/TN-81"}),
    # countries were places of the page's country: "place/TN/maroc", "place/TN/algerie"
    ("Tunisie, Maroc et Algérie", {"country/TN", "country/MA", "country/DZ"}),
    ("Raoued et de La Marsa", {"place/TN/raoued", "place/TN/la-marsa"}),
    # the whole of a country was a place of that name: "place/TN/tout-le-territoire-national"
    ("Tout le territoire national", {"country/TN"}), ("National", {"country/TN"}),
    ("À l’échelle nationale", {"country/TN"}), ("L’ensemble du pays", {"country/TN"}),
    ("Tunisie (ensemble du territoire)", {"country/TN"}), ("Toute la Tunisie", {"country/TN"}),
    ("Tunisie et Maroc (ensemble du territoire)", {"country/TN", "country/MA"}),
    ("Maroc - niveau national", {"country/MA"}),
])
def test_an_ngo_intervention_zone_names_subdivisions_and_countries_as_such(zone, areas):
    page = NGO.replace("Municipalités de Raoued et La Marsa", zone, 1)
    assert page != NGO
    mapped = to_graph(convert(page.encode(), "002.txt"))
    found = {str(o).removeprefix("https://w3id.org/migration-lod/")
             for o in mapped.graph.objects(mapped.iri, MP.interventionArea)}
    assert found == areas and not mapped.notices


@pytest.mark.parametrize("page, old, new, label, value", [
    (IDF, "    300000.00\n", "    N/A\n", "Budget Amount (USD)", "N/A"),
    (IDF, "    Actif\n", "    Non communiqué\n", "Statut du projet", "Non communiqué"),
    (IDF, "    2022\n", "    À déterminer\n", "Date de début", "À déterminer"),
    (INNOVATION, "MONTANT DU FINANCEMENT:400 000 dollars É.-U.", "MONTANT DU FINANCEMENT: n.d.",
     "MONTANT DU FINANCEMENT", "n.d."),
    (NGO, "Cofinancé par\u00a0: L’Union Européenne par le biais du Centre international pour le développement des "
          "politiques migratoires (ICMPD)", "Cofinancé par : N/A", "Cofinancé par", "N/A"),
    (NGO, "Contact :", "Budget : non communiqué\n\nContact :", "Budget", "non communiqué"),
    (NGO, "Jun 2020 Jun 2020", "À préciser", "Durée du projet", "À préciser"),
])
def test_a_field_whose_value_says_there_is_none_is_left_out_with_a_note(page, old, new, label, value):
    # "N/A" was "not a number" (the page failed), "Non communiqué" a new status, "Cofinancé par : N/A" an
    # organisation called "N/A"
    changed = page.replace(old, new, 1)
    assert changed != page
    project, before = convert(changed.encode(), "x.txt"), convert(page.encode(), "x.txt")
    assert not before.notes
    at = next(number for number, text in enumerate(changed.split("\n"), start=1) if value in text)
    assert project.notes == [(at, f'field "{label}" reads "{value}", no value: left out of the record')]
    mapped = to_graph(project)
    literals = [o for o in mapped.graph.objects() if isinstance(o, Literal)]
    assert not mapped.notices and not [o for o in literals if fold(value) in fold(o)]


def test_an_innovation_sub_list_of_no_country_is_empty():
    page = INNOVATION.replace(": Chili, Uruguay |", ": Aucun |", 1)
    assert page != INNOVATION
    project = convert(page.encode(), "003.txt")
    assert project.other_countries == [] and "AR" in project.eligible_countries


@pytest.mark.parametrize("written", ["FY2021", "Exercice 2021", "2021 (2e cycle)", "AF 2021", "2021."])
def test_an_allocation_year_as_a_fiscal_year_or_with_a_remark_is_the_year(written):
    # each was 'year "…" is not a four-digit year', and the page failed
    page = IDF.replace("    2021\n", f"    {written}\n", 1)
    assert page != IDF
    assert convert(page.encode(), "000.txt").allocation_year == 2021


@pytest.mark.parametrize("sentence", [
    "Budget : le projet dispose de fonds limités.",  # a field the page gave: "appears twice", the page failed
    "Statut : les migrants en situation irrégulière sont souvent exclus des services.",
])
def test_a_description_line_that_starts_like_a_field_is_text(sentence):
    page = IDF.replace("\nAvec 2,3 millions", f"\n{sentence}\nAvec 2,3 millions", 1)
    assert page != IDF
    project = convert(page.encode(), "000.txt")
    assert project.description.startswith(sentence) and project.budget.amount == 300000
    assert project.status == "Actif" and not project.notes


def test_a_field_line_after_the_description_has_begun_is_text():
    # after running text, "Année : …" (a field the page did not give) is a sentence of the description
    page = IDF.replace("  • Année\n    2021\n", "", 1) + "\nAnnée : le projet a été approuvé en 2021 par le comité.\n"
    project = convert(page.encode(), "000.txt")
    assert project.allocation_year is None and project.description.endswith("approuvé en 2021 par le comité.")


def test_a_bulleted_field_after_the_description_is_still_a_field():
    page = IDF.replace("  • Année\n    2021\n", "", 1) + "\n• Année: 2021\n"
    assert convert(page.encode(), "000.txt").allocation_year == 2021


_COUNTRIES_ROW = next(line for line in INNOVATION.split("\n") if line.startswith("PAYS BÉNÉFICIAIRES"))


@pytest.mark.parametrize("old, new, field, value", [
    # the currency in the key's brackets was not read: 'unknown currency "" in "400 000"'
    ("MONTANT DU FINANCEMENT:400 000 dollars É.-U. |", "MONTANT DU FINANCEMENT (USD): 400 000 |",
     "budget", Money(Decimal("400000"), "USD")),
    # each of these rows was "no field the iom-innovation converter reads"
    ("MONTANT DU FINANCEMENT:400 000 dollars É.-U. |", "BUDGET TOTAL: 250 000 EUR |",
     "budget", Money(Decimal("250000"), "EUR")),
    (_COUNTRIES_ROW, "PAYS BÉNÉFICIAIRE: Argentine |", "beneficiary_countries", ["AR"]),
    (_COUNTRIES_ROW, "PAYS: Argentine, Chili |", "beneficiary_countries", ["AR", "CL"]),
    ("DURÉE: 24 mois |", "DATE DE DÉBUT: janvier 2021 |\nDURÉE: 24 mois |", "start", PartialDate(2021, 1)),
    ("DURÉE: 24 mois |", "DURÉE: 24 mois |\nDATE DE FIN: 31/12/2022 |", "end", PartialDate(2022, 12, 31)),
])
def test_other_rows_of_the_innovation_table_are_read(old, new, field, value):
    page = INNOVATION.replace(old, new, 1)
    assert page != INNOVATION
    project = convert(page.encode(), "003.txt")
    assert getattr(project, field) == value and not project.notes and project.code == "IS.0077"


@pytest.mark.parametrize("label, role", [
    ("Bailleurs de fonds", Role.FUNDER), ("Avec le soutien de", Role.FUNDER), ("Soutenu par", Role.FUNDER),
    ("Porté par", Role.IMPLEMENTER), ("Chef de file", Role.IMPLEMENTER),
    ("Partenaires de mise en œuvre", Role.IMPLEMENTER), ("Partenaires techniques", Role.PARTNER),
    ("Organisation(s) partenaire(s)", Role.PARTNER), ("En partenariat avec", Role.PARTNER),
])
def test_other_wordings_of_an_ngo_role_line_give_that_role(label, role):
    # each line was "no field the euromed-ngo converter reads": the organisation was left out
    page = NGO.replace("Contact :", f"{label} : Association Tunisienne de Test (ATT)\n\nContact :", 1)
    project = convert(page.encode(), "002.txt")
    assert [p.role for p in project.participations if p.organisation.name == "Association Tunisienne de Test"] == [role]
    assert not project.notes


@pytest.mark.parametrize("written, months", [("36 mois", 36), ("2 ans", 24), ("18 months", 18)])
def test_an_ngo_project_duration_that_is_a_duration_is_its_months(written, months):
    # "Durée du projet" then "36 mois" was 'period "36 mois" has no date', and the page failed
    page = NGO.replace("Jun 2020 Jun 2020", written, 1)
    assert page != NGO
    project = convert(page.encode(), "002.txt")
    assert (project.duration_months, project.start, project.end) == (months, None, None)
    with pytest.raises(PageError, match="has no date"):
        convert(NGO.replace("Jun 2020 Jun 2020", "bientôt", 1).encode(), "002.txt")


@pytest.mark.parametrize("label", ["Titre du projet : ", "Intitulé : ", "Title: "])
def test_a_label_before_an_idf_title_is_not_part_of_it(label):
    first = IDF.split("\n", 1)[0]
    title = first.split("\u00a0: ", 1)[1]  # "Argentine : Renforcement …" with a no-break space
    page = IDF.replace(first, label + title, 1)
    assert convert(page.encode(), "000.txt").title == title


def test_an_innovation_title_row_is_the_title():
    # the row was "no field the iom-innovation converter reads"
    page = INNOVATION.replace("MISSION: Argentine |", "TITRE DU PROJET: Boîte à outils |\nMISSION: Argentine |", 1)
    project = convert(page.encode(), "003.txt")
    assert project.title == "Boîte à outils" and not project.notes and project.mission_countries == ["AR"]
    assert convert(INNOVATION.encode(), "003.txt").title is None  # none is invented


ENGLISH_IDF = """Argentina: Strengthening the capacities of local governments to mainstream migration

  • Start Date
    2022
  • Project Status
    Active
  • Budget Amount (USD)
    {budget}
  • Prima ID
    AR10P0514
  • Project ID
    PO.0181
  • Beneficiary Member State(s) meeting the eligibility requirements
    Argentina
With 2.3 million international migrants, Argentina is the main country of destination in the region.
"""


def test_two_pages_of_one_project_that_agree_are_one_project_with_both_languages(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a-fr.txt").write_text(IDF, encoding="utf-8")
    (seeds / "b-en.txt").write_text(ENGLISH_IDF.format(budget="300,000.00"), encoding="utf-8")
    result = build(seeds, tmp_path / "out", jobs=2)
    assert result.published == ["https://w3id.org/migration-lod/project/PO.0181"] * 2 and not result.skipped
    dump = (tmp_path / "out" / "migration-projects.ttl").read_text(encoding="utf-8")
    assert '"Argentina: Strengthening' in dump and '"Argentine : Renforcement' in dump
    assert "schema:value 300000.00 ." in dump


def test_two_pages_of_one_project_that_disagree_fail_the_second_naming_the_first(tmp_path):
    # the two budgets were both published on one budget node, with no violation (each page was valid alone)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a-fr.txt").write_text(IDF, encoding="utf-8")
    (seeds / "b-en.txt").write_text(ENGLISH_IDF.format(budget="350,000.00"), encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(seeds, tmp_path / "out", jobs=1)
    at = ENGLISH_IDF.split("\n").index("    {budget}") + 1
    assert raised.value.problems == [
        f"{seeds / 'b-en.txt'}:{at}: project https://w3id.org/migration-lod/project/PO.0181 is also described by "
        f"{seeds / 'a-fr.txt'}, which gives it another amount (schema:value): 300000.00 there (line {BUDGET_LINE}), "
        "350000.00 here; make the pages agree (one page for each project), or give each project its own code"]
    result = build(seeds, tmp_path / "out", jobs=1, keep_going=True)
    assert len(result.skipped) == 1 and result.skipped[0].startswith(f"{seeds / 'b-en.txt'}:{at}: project")
    dump = (tmp_path / "out" / "migration-projects.ttl").read_text(encoding="utf-8")
    assert "schema:value 300000.00 ." in dump and "350000" not in dump and "Argentina: Strengthening" not in dump


@pytest.mark.parametrize("change, differing", [
    (("    National\n", "    Regional\n"),  # two scopes of one project
     "geographic scope (mp:geographicScope): <https://w3id.org/migration-lod/concept/scope/national> there (line 14), "
     "<https://w3id.org/migration-lod/concept/scope/regional> here"),
    (("Avec 2,3 millions", "Avec 2,4 millions"),  # two French descriptions
     'description (dct:description): "Avec 2,3 millions de migrants internationaux, l’Argentine e…"@fr there, '
     '"Avec 2,4 millions de migrants internationaux, l’Argentine e…"@fr here'),
    (("    Argentine\n", "    Argentine\n    Chili\n"),  # one more beneficiary country: no shape is broken
     "beneficiary country (mp:beneficiaryCountry): <https://w3id.org/migration-lod/country/AR> there (line 24), "
     "<https://w3id.org/migration-lod/country/AR>, <https://w3id.org/migration-lod/country/CL> here (they differ on "
     "eligible beneficiary member state (mp:eligibleBeneficiary) too)"),
])
def test_two_french_pages_of_one_project_that_disagree_fail_the_second_saying_on_what(tmp_path, change, differing):
    # both were published on the one project, with no finding: two mp:geographicScope, two dct:description@fr
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(IDF, encoding="utf-8")
    assert change[0] in IDF
    (seeds / "b.txt").write_text(IDF.replace(*change), encoding="utf-8")
    result = build(seeds, tmp_path / "out", jobs=1, keep_going=True)
    assert len(result.skipped) == 1 and result.skipped[0].startswith(f"{seeds / 'b.txt'}")
    assert f"is also described by {seeds / 'a.txt'}, which gives it another {differing}; make the pages" in (
        result.skipped[0])
    assert result.published == ["https://w3id.org/migration-lod/project/PO.0181"]


def test_a_failed_shared_page_leaves_the_run_of_its_chunk_with_its_other_pages(tmp_path):
    from publisher.pipeline import Chunk, process_chunk, settle_shared_projects
    pages = []
    for name, text in (("a-fr.txt", IDF), ("b-en.txt", ENGLISH_IDF.format(budget="350,000.00")), ("c.txt", NGO)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        pages.append(str(tmp_path / name))
    runs = tmp_path / "runs"
    runs.mkdir()
    first = process_chunk(Chunk(0, tuple(pages[:1]), runs=str(runs))).results
    second = process_chunk(Chunk(1, tuple(pages[1:]), runs=str(runs))).results
    assert "350000" in (runs / "run-000001.nt").read_text(encoding="utf-8")
    settle_shared_projects(first + second)
    assert [r.publishable for r in first + second] == [True, False, True]
    run = (runs / "run-000001.nt").read_text(encoding="utf-8")
    assert "350000" not in run and "i-migr" in run and "Argentina" not in run


def test_a_page_named_in_capitals_is_read_and_other_files_of_the_seeds_are_named(tmp_path):
    # "PAGE.TXT" was left out without a word, as were "notes.md" and a folder of pages
    seeds = tmp_path / "seeds"
    (seeds / "idf").mkdir(parents=True)
    (seeds / "PAGE.TXT").write_text(IDF, encoding="utf-8")
    (seeds / "notes.md").write_text("# notes", encoding="utf-8")
    (seeds / ".DS_Store").write_bytes(b"\0")
    result = build(seeds, tmp_path / "out", jobs=1)
    assert result.pages == 1 and result.published == ["https://w3id.org/migration-lod/project/PO.0181"]
    assert [n for n in result.notices if "left out" in n] == [
        f"{seeds / 'idf'}/: a folder, left out: the build reads the files directly in {seeds}",
        f"{seeds / 'notes.md'}: neither a page (.txt) nor an RDF file (.ttl, .jsonld, .json, .nt, .nq, .rdf, .owl, "
        ".xml): left out"]


def test_html_markup_a_page_kept_from_its_source_does_not_change_its_facts():
    # "Actif<br>" was a new status "actif-br", "&nbsp;" and "&rsquo;" were published as written
    page = (IDF.replace("Argentine\u00a0:", "Argentine&nbsp;:", 1)
            .replace("    Actif\n", "    <strong>Actif</strong><br>\n")
            .replace("l’Argentine", "l&rsquo;Argentine").replace("    300000.00\n", "    300000.00&#10;\n")
            .replace("  • Couverture\n", "  • <b>Couverture</b>\n"))
    assert page.count("&") == 3 and page.count("<") == 5
    marked, plain = convert(page.encode(), "000.txt"), convert(IDF.encode(), "000.txt")
    assert replace(marked, source=plain.source) == plain
    shown = convert(IDF.replace("Avec 2,3", "Avec &lt;br&gt; 2,3", 1).encode(), "000.txt")
    assert "Avec <br> 2,3" in shown.description  # escaped markup is what the reader saw


IDF_DASHES = seed("001").read_text(encoding="utf-8")  # the "-" layout, after the site's menu


@pytest.mark.parametrize("page, old, new", [
    (IDF, "  • Date de début\n    2022\n", "  • Date prévue\n    2022\n"),
    (IDF, "  • Date de début\n    2022\n", "  • Date prévue: 2022\n"),
    (IDF_DASHES, "\nDate de début\n2023\n", "\nDate prévue\n2023\n"),
])
def test_a_first_field_no_label_names_is_no_title(page, old, new):
    # the title was the unknown field's value ("2022"), and the page's title and that field were lost unsaid
    changed = page.replace(old, new, 1)
    assert changed != page
    project, plain = convert(changed.encode(), "x.txt"), convert(page.encode(), "x.txt")
    at = changed.split("\n").index(next(line for line in changed.split("\n") if "Date prévue" in line)) + 1
    assert project.title == plain.title and project.start is None
    assert project.notes == [(at, f'"Date prévue: {plain.start.year}" is no field the iom-idf converter reads: '
                                  "left out of the record")]


@pytest.mark.parametrize("old, new, field", [
    ("Date de début", "Date de démarrage", "start"), ("Date de fin", "Date d’achèvement", "end"),
    ("Budget Amount (USD)", "Budget total (USD)", "budget"), ("Couverture", "Couverture géographique", "scope"),
    ("Année", "Année d’allocation", "allocation_year"), ("Prima ID", "ID Prima", "prima_id"),
    ("Projet ID", "Code du projet", "code"), ("Statut du projet", "État du projet", "status"),
])
def test_other_wordings_of_idf_labels_are_those_fields(old, new, field):
    page = IDF.replace(f"  • {old}\n", f"  • {new}\n", 1)
    assert page != IDF
    project = convert(page.encode(), "000.txt")
    assert getattr(project, field) == getattr(convert(IDF.encode(), "000.txt"), field) is not None
    assert not project.notes


@pytest.mark.parametrize("text, code", [
    ("Commune d'Oujda (Préfecture d'Oujda-Angad)", "MA-OUJ"),  # the brackets were an alias, the place unknown
    ("Commune de Nador (Province de Nador)", "MA-NAD"),
    ("Municipalité de Raoued (Gouvernorat de l’Ariana)", "TN-12"),
])
def test_an_ngo_partner_located_in_a_prefecture_or_province_is_there(text, code):
    organisation = ngo_organisations.organisation(text, 1)
    assert organisation.place.subdivision.code == code and not organisation.alt_labels


@pytest.mark.parametrize("page, rows", [
    (IDF, [("  • Date de début\n    2022\n", "  • Date de début\t2022\n"),
           ("  • Budget Amount (USD)\n    300000.00\n", "  •\tBudget Amount (USD)\t\t300000.00\n")]),
    (INNOVATION, [("MISSION: ", "MISSION\t"), ("DURÉE: ", "DURÉE\t"), ("CODE: IS.0077 |", "CODE\tIS.0077")]),
    (NGO, [("Zone d’intervention : ", "Zone d’intervention\t"), ("Cofinancé par\u00a0: ", "Cofinancé par\t"),
           ("Réalisé par : ", "\tRéalisé par\t\t")]),
])
def test_a_label_and_its_value_parted_by_a_tab_are_that_field(page, rows):
    # as a table copied from a web page gives them: the IDF page lost its start date and title unsaid
    changed = page
    for old, new in rows:
        assert old in changed
        changed = changed.replace(old, new, 1)
    project, plain = convert(changed.encode(), "x.txt"), convert(page.encode(), "x.txt")
    assert replace(project, source=plain.source, lines=plain.lines) == plain


def test_a_tab_inside_a_label_or_a_sentence_is_a_space():
    tabbed = IDF.replace("  • Budget Amount (USD)\n", "  • Budget\tAmount (USD)\n", 1).replace(
        "Avec 2,3 millions", "Avec\t2,3 millions", 1)
    project, plain = convert(tabbed.encode(), "x.txt"), convert(IDF.encode(), "x.txt")
    assert replace(project, source=plain.source) == plain


def test_an_unknown_field_on_one_bulleted_line_before_the_first_is_left_out_with_a_note():
    # "• Date prévue 2022" (no colon) ended the walk back to the title: the title was lost, and the line unsaid
    changed = IDF.replace("  • Date de début\n    2022\n", "  • Date prévue 2022\n", 1)
    project, plain = convert(changed.encode(), "x.txt"), convert(IDF.encode(), "x.txt")
    assert project.title == plain.title and project.start is None
    assert project.notes == [(3, '"Date prévue 2022" is no field the iom-idf converter reads: left out of the record')]


def _unlocated(zone: str, regions: str | None = "Ariana et 2 autre(s) régions") -> str:
    """The NGO seed with `zone` as its intervention zone, its partners locating no place, and `regions` as its
    beneficiary regions (None: no such section)."""
    page = NGO.replace("Municipalités de Raoued et La Marsa", zone, 1)
    page = page.replace(" (Gouvernorat de l’Ariana)", "", 1).replace(" (Gouvernorat de Tunis)", "", 1)
    section = "Régions bénéficiaires\n\nAriana et 2 autre(s) régions\n"
    assert zone in page and section in page and "(Gouvernorat" not in page
    return page.replace(section, "" if regions is None else section.replace("Ariana et 2 autre(s) régions", regions))


def test_an_ngo_zone_of_a_whole_country_the_page_does_not_name_is_an_error():
    refused(_unlocated("Tout le territoire", regions=None),
            'zone "Tout le territoire" is a whole country, and the page does not say which; name the country')


def test_an_ngo_page_whose_partners_locate_nothing_has_the_country_of_its_areas():
    # "Médenine et Zarzis": the page failed, 'cannot tell which country "Zarzis" is in', where Médenine is a
    # governorate of Tunisia; "Tout le territoire" failed though the beneficiary regions are Tunisia's.
    lines = _unlocated("Médenine et Zarzis", regions=None).split("\n")
    at = next(number for number, line in enumerate(lines, start=1) if "Médenine et Zarzis" in line)
    project = convert("\n".join(lines).encode(), "x.txt")
    assert [(type(a).__name__, getattr(a, "code", None) or a.country) for a in project.intervention_areas] == [
        ("Subdivision", "TN-82"), ("Place", "TN")]
    assert project.intervention_areas[1].name == "Zarzis" and project.intervention_areas[1].subdivision is None
    assert (at, '"Zarzis" is no region the page or ISO 3166-2 locates: taken as a place of TN, the country of '
                "the page's other areas") in project.notes
    whole = convert(_unlocated("Tout le territoire").encode(), "x.txt")  # the regions: Ariana, Tunisia's
    assert [(type(a).__name__, a.code) for a in whole.intervention_areas] == [("Country", "TN")]
    alone = convert(_unlocated("Djerba", regions="Médenine et 1 autre(s) régions").encode(), "x.txt")
    assert [(a.name, a.country) for a in alone.intervention_areas] == [("Djerba", "TN")]
    assert [r.code for r in alone.beneficiary_regions] == ["TN-82"]


@pytest.mark.parametrize("zone, regions, unplaced", [
    ("Zarzis", None, "Zarzis"),  # nothing to tell its country by
    ("Casablanca, Rabat et Zaio", "Médenine et 1 autre(s) régions", "Zaio"),  # Morocco and Tunisia both named
])
def test_an_ngo_zone_name_of_no_one_country_the_page_names_is_still_an_error(zone, regions, unplaced):
    refused(_unlocated(zone, regions), f'cannot tell which country "{unplaced}" is in')


@pytest.mark.parametrize("mission, countries", [
    # the IOM names its missions so: each was 'unknown country "OIM"' (or "Mission", "IOM", "(Buenos Aires)")
    ("OIM Argentine", ["AR"]), ("Mission de l'OIM en Argentine", ["AR"]), ("IOM Mission in Argentina", ["AR"]),
    ("IOM Argentina", ["AR"]), ("Bureau de pays de l’OIM au Maroc", ["MA"]), ("OIM - Argentine", ["AR"]),
    ("Argentine (Buenos Aires)", ["AR"]),
])
def test_an_innovation_mission_named_as_the_iom_names_its_missions_is_its_country(mission, countries):
    page = INNOVATION.replace("MISSION: Argentine |", f"MISSION: {mission} |", 1)
    project = convert(page.encode(), "003.txt")
    assert project.mission_countries == countries and not project.notes


@pytest.mark.parametrize("mission", ["Bureau régional pour l’Amérique du Sud (Buenos Aires)",
                                     "Regional Office for South America", "Siège"])
def test_an_innovation_mission_that_is_a_regional_office_is_left_out_with_a_note(mission):
    # the page failed ('unknown country "Bureau"'): an office of a region is no one country's
    page = INNOVATION.replace("MISSION: Argentine |", f"MISSION: {mission} |", 1)
    at = page.split("\n").index(f"MISSION: {mission} |") + 1
    project = convert(page.encode(), "003.txt")
    assert project.mission_countries == [] and project.code == "IS.0077"
    assert project.notes == [(at, f'row "MISSION: {mission}" names an office of no one country: '
                                  "left out of the record")]


def test_an_innovation_mission_that_names_no_country_and_no_office_is_still_an_error():
    refused(INNOVATION.replace("MISSION: Argentine |", "MISSION: Argentinne |", 1), 'unknown country "Argentinne"')


def test_fields_in_a_table_written_with_pipes_are_those_fields():
    # "| Date de début | 2022 |" rows (Markdown, and some copies of web pages): the page was no family's
    rows = re.sub(r"  • (.+)\n    (.+)\n", r"| \1 | \2 |\n", IDF)
    assert rows.count("\n| ") == 11
    for page in (rows, rows.replace("\n| Date de début", "\n| Champ | Valeur |\n|---|:---|\n| Date de début", 1)):
        project, plain = convert(page.encode(), "x.txt"), convert(IDF.encode(), "x.txt")
        assert replace(project, source=plain.source, lines=project.lines) == plain
    ngo = EUROMED.replace("Zone d’intervention : ", "| Zone d’intervention | ", 1)
    innovation = INNOVATION.replace("MISSION: Argentine |", "| MISSION | Argentine |", 1)
    for page, plain in ((ngo, EUROMED), (innovation, INNOVATION)):
        assert page != plain
        project, expected = convert(page.encode(), "x.txt"), convert(plain.encode(), "x.txt")
        assert replace(project, source=expected.source, lines=expected.lines) == expected


def test_an_ngo_heading_with_its_first_item_on_its_line_opens_its_list():
    # "Objectif général : Promouvoir …" was "no field the euromed-ngo converter reads": the objective was lost
    page = EUROMED.replace("Objectif général\n\nPromouvoir", "Objectif général : Promouvoir", 1).replace(
        "Résultats attendus\u00a0:\n\nR1 Les", "Résultats attendus : R1 Les", 1).replace(
        "Objectifs spécifiques\n\n  • Améliorer et", "Objectifs spécifiques : Améliorer et", 1).replace(
        "Régions bénéficiaires\n\nAriana", "Régions bénéficiaires : Ariana", 1)
    assert page.count(" : ") >= EUROMED.count(" : ") + 4
    project, plain = convert(page.encode(), "x.txt"), convert(EUROMED.encode(), "x.txt")
    assert replace(project, source=plain.source, lines=plain.lines) == plain


@pytest.mark.parametrize("name", ["000", "002", "003"])
def test_a_page_saved_in_windows_1252_is_read_with_a_note(name):
    # "Année" as the byte 0xE9, as older Windows editors save French: the page was "byte 0xe9 is not UTF-8"
    text = seed(name).read_text(encoding="utf-8").replace("\u2009", " ").replace("\u202f", " ")
    plain = convert(text.encode("utf-8"), "x.txt")
    data = text.encode("cp1252")
    first = data[:next(i for i, byte in enumerate(data) if byte > 0x7F)].count(b"\n") + 1
    project = convert(data, "x.txt")
    assert replace(project, source=plain.source) == plain
    assert project.notes[0] == (first, "the page is not UTF-8: read as Windows-1252 (Latin-1) text; save it as UTF-8")


def test_a_page_mixing_utf8_and_8_bit_bytes_or_holding_bytes_no_text_has_is_still_an_error():
    with pytest.raises(PageError, match="byte 0xe9 is not UTF-8"):
        convert(IDF.encode("utf-8").replace("Année".encode(), "Année".encode("latin-1")), "x.txt")
    with pytest.raises(PageError, match="x.txt:1: byte 0xe9 is not UTF-8"):  # 0x81 is no Windows-1252 character
        convert("Année".encode("cp1252") + b"\x81" + IDF.encode("cp1252", "replace"), "x.txt")

"""Language tags of titles, descriptions and organisation names in Spanish or Portuguese on French pages: short
texts have few common words, so their spellings ("ñ", "ción", "ão", "ções") tell Spanish and Portuguese apart
from French, while a French text quoting one foreign name stays French (round 10: A-10)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from converters import convert
from converters.language import language_of, spelled_language, text_language
from converters.rdf import to_graph
from converters.reference import reference
from publisher.validation import validate_with_references
from tests.conftest import page_with, seed

IDF = seed("000").read_text(encoding="utf-8")
IDF_TITLE = IDF.split("\n", 1)[0]
NGO = seed("002").read_text(encoding="utf-8")
NGO_IMPLEMENTER = "Réalisé par : Le Centre d’Information et d’Education au Développement – CIES Onlus"
ORGANISATION = "https://w3id.org/migration-lod/organisation/"


def _mapped(page: str, name: str):
    return to_graph(convert(page.encode(), name))


def _tagged(mapped, subject: URIRef, predicate: URIRef) -> set[tuple[str, str | None]]:
    return {(str(o), o.language) for o in mapped.graph.objects(subject, predicate) if isinstance(o, Literal)}


def _violations(mapped) -> list[str]:
    report = validate_with_references(mapped.graph, reference().graph, "page.txt")
    return [f"{f.code}: {f.value}" for f in report.findings if f.severity == "Violation"]


# --- titles on an IDF page with French labels ------------------------------------------------------------------

@pytest.mark.parametrize("title, language", [
    ("Migración laboral en Centroamérica", "es"),  # round 10 i20's title, published @fr
    ("¿Migrar o quedarse? Juventud rural en Guatemala", "es"),
    ("Integração dos migrantes em Moçambique", "pt"),
    ("Apoio às comunidades de emigrantes e à reintegração", "pt"),
    # French titles quoting a foreign name or place stay French
    ("Appui à la Fundación Paz et aux municipalités partenaires", "fr"),
    ("Renforcer les services aux migrants de São Paulo", "fr"),
    ("Centre São Paulo", "fr"),  # one foreign spelling and no other word of the language: unsure, the page's
])
def test_a_title_is_tagged_in_the_language_its_spellings_say(title, language):
    mapped = _mapped(page_with(IDF, IDF_TITLE, title), "000.txt")
    assert _tagged(mapped, mapped.iri, DCTERMS.title) == {(title, language)}
    # the French description keeps the page's tag, and the record still validates with the new tag
    assert {lang for _, lang in _tagged(mapped, mapped.iri, DCTERMS.description)} == {"fr"}
    assert _violations(mapped) == []


# --- organisation names on an NGO page ------------------------------------------------------------------------

@pytest.mark.parametrize("name, iri, language", [
    # round 10 e12: a Portuguese name (one organisation though a comma is in its name), published @fr
    ("Associação Lusofonia, Cultura e Cidadania", "associacao-lusofonia-cultura-e-cidadania", "pt"),
    ("Conselho Português para os Refugiados e Migrações", "conselho-portugues-para-os-refugiados-e-migracoes", "pt"),
    ("Asociación Pro Derechos Humanos de Andalucía", "asociacion-pro-derechos-humanos-de-andalucia", "es"),
    ("Fundación Ayuda en Acción", "fundacion-ayuda-en-accion", "es"),
    ("Association des femmes pour la solidarité", "association-des-femmes-pour-la-solidarite", "fr"),
    ("Association São Tomé Solidarité", "association-sao-tome-solidarite", "fr"),  # one spelling among French words
])
def test_an_organisation_name_is_tagged_in_its_own_language(name, iri, language):
    mapped = _mapped(page_with(NGO, NGO_IMPLEMENTER, f"Réalisé par : {name}"), "ngo.txt")
    assert _tagged(mapped, URIRef(ORGANISATION + iri), SKOS.prefLabel) == {(name, language)}
    assert _violations(mapped) == []


# --- the guesses themselves ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, page, language", [
    # a French text quoting one foreign word: a small share of its words
    ("la Fundación Esperanza a financé des formations pour les jeunes de la ville", "fr", "fr"),
    ("Le projet est mené avec la Associação Lusófona dans les quartiers de la ville", "fr", "fr"),
    ("Migración laboral en Centroamérica", "en", "es"),  # on an English page too
    ("Migración laboral", "fr", "es"),  # half its words spelt so
    ("Associação Lusofonia", "fr", "pt"),
    ("São Paulo", "fr", "pt"),
    ("Programme São Tomé", "fr", "fr"),  # one such word among others: unsure
    ("Associação Lusofonia", "pt", "pt"),
    ("Migración y integração", "fr", "fr"),  # both languages' spellings: unsure
    ("Programa de cooperación", "es", "es"),
    ("Cooperação internacional", "es", "pt"),
    ("Migrants", "fr", "fr"),
    ("", "fr", "fr"),
])
def test_spelled_language(text, page, language):
    assert spelled_language(text, page) == language


@pytest.mark.parametrize("text, page, language", [
    # Portuguese common words are counted as the other languages' are
    ("O projeto apoia os migrantes e as suas famílias na integração em Portugal, com as autarquias", "fr", "pt"),
    ("El proyecto apoya a los migrantes y a sus familias en la integración con los municipios", "fr", "es"),
    ("Le projet appuie les migrants et leurs familles dans leur intégration avec les municipalités", "fr", "fr"),
    ("The project supports migrants and their families in the integration with the municipalities", "fr", "en"),
])
def test_text_language_knows_portuguese(text, page, language):
    assert text_language(text, page) == language


def test_a_page_in_portuguese_is_a_portuguese_page():
    assert language_of(["Integração laboral", "O projeto apoia os migrantes e as suas famílias em Portugal"]) == "pt"
    # a page in French naming Portuguese organisations stays French
    assert language_of(["Inclusion des migrants", "Le projet, avec a Associação dos Amigos, vise à renforcer les "
                        "capacités des municipalités et de la société civile."]) == "fr"

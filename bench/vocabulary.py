"""The words the synthetic corpus is made of: sentences, names and labels taken from the seed pages, the concept
schemes and the country gazetteer, kept only where the converters read them back as what they are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib.namespace import SKOS

from converters import convert_file
from converters.countries import split_countries
from converters.country_names import ALIASES, all_countries
from converters.errors import PageError
from converters.reference import reference
from converters.subdivisions import subdivision

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Names no gazetteer knows: the broken pages' "unknown country".
IMAGINARY_COUNTRIES = ("Syldavie", "Bordurie", "Narnia", "Atlantide", "Ruritanie", "Freedonia")
# Amounts written in words: the broken pages' budget.
AMOUNTS_IN_WORDS = ("trois cent mille", "deux cent cinquante mille", "un million", "quatre cent mille dollars")
# Title openings of the IDF pages, as the seeds word them.
TITLE_OPENINGS = (
    "Renforcement des capacités permettant aux gouvernements locaux d’intégrer la migration dans",
    "Élaboration d’un plan régional de gestion des migrations pour", "Etude sur le processus de réintégration des "
    "migrants dans", "Appui à la gouvernance des migrations de travail dans", "Renforcement de la coopération "
    "régionale en matière de", "Intégration de la migration dans", "Diagnostic des politiques de",
    "Amélioration de la collecte de données sur", "Mise en place d’un mécanisme national de",
)
TITLE_TOPICS = (
    "la politique de développement local", "la gestion des frontières", "la migration de main-d’œuvre",
    "la santé des migrants", "le retour et la réintégration", "la lutte contre la traite des personnes",
    "la mobilité climatique", "les zones urbaines", "la protection des travailleurs migrants",
    "la diaspora et le développement",
)
# NGO names: kind, qualifier and theme, as the Euromed pages name their partners.
ORGANISATION_KINDS = ("Association", "Union", "Centre", "Réseau", "Fondation", "Observatoire", "Collectif", "Ligue",
                      "Forum", "Institut")
ORGANISATION_QUALIFIERS = ("Tunisienne", "Méditerranéenne", "Africaine", "Maghrébine", "Citoyenne", "Nationale",
                           "Régionale", "Internationale", "Solidaire", "Jeunesse")
ORGANISATION_THEMES = ("de Solidarité Sociale", "pour le Développement", "des Droits des Migrants",
                       "de Coopération pour le Développement", "pour l’Inclusion", "des Étudiants Africains",
                       "pour le Leadership", "de la Société Civile", "pour l’Égalité", "des Femmes Migrantes",
                       "pour l’Emploi des Jeunes", "pour la Mobilité")
ACRONYM_WORDS = ("MIGR", "MED", "INCLU", "LAB", "CIT", "SOLI", "DIAL", "PONT", "ACCUEIL", "DROITS", "VILLE", "LIEN")
MUNICIPALITIES = (("Raoued", "Ariana"), ("La Marsa", "Tunis"), ("Sousse", "Sousse"), ("Monastir", "Monastir"),
                  ("Sfax", "Sfax"), ("Kairouan", "Kairouan"), ("Bizerte", "Bizerte"), ("Hammamet", "Nabeul"),
                  ("Gabès", "Gabès"), ("Houmt Souk", "Médenine"), ("Tozeur", "Tozeur"), ("Gafsa", "Gafsa"),
                  ("Mahdia", "Mahdia"), ("Ben Arous", "Ben Arous"), ("La Goulette", "Tunis"), ("Béja", "Béja"))
STREETS = ("Rue Ali Bach Hamba", "Avenue de la Plage", "Rue de Marseille", "Avenue Habib Bourguiba",
           "Rue de la Liberté", "Avenue de Carthage")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
NAVIGATION = ("-\nQui sommes nous\nStructure\n- Structure organisationnelle\n- Directrice générale\n-\n"
              "Notre travail\nCe que nous faisons\nPartenariats\n- Où travaillons-nous\n-\nAgir\n"
              "Travailler avec nous\nEngagez-vous\n- Données et recherche\n- 2030 AGENDA\n")


@dataclass(frozen=True)
class Vocabulary:
    """Everything a page is drawn from."""

    sentences: tuple[str, ...]
    activity_titles: tuple[str, ...]
    countries: tuple[tuple[str, str], ...]  # (alpha-2, a name the gazetteer reads back as it)
    labels: dict[str, tuple[str, ...]]  # concept scheme -> French labels the scheme carries
    governorates: dict[str, str]  # governorate -> how a partner line writes it ("de l’Ariana")
    municipalities: tuple[tuple[str, str], ...]  # (municipality, its governorate)
    organisations: tuple[tuple[str, str], ...]  # (name, acronym)


@cache
def vocabulary() -> Vocabulary:
    """The corpus vocabulary, read once per process."""
    records = [convert_file(page) for page in sorted(SEEDS.glob("*.txt"))]
    texts = []
    for record in records:
        texts += [record.description or "", record.innovation_description or "", *record.general_objectives,
                  *record.specific_objectives, *(result.text for result in record.expected_results),
                  *(activity.text for activity in record.activities)]
    sentences = sorted({s.strip() for text in texts for line in text.splitlines()
                        for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", line)
                        if 40 <= len(s.strip()) <= 400 and not re.search(r":\s*$|^\d+\.", s.strip())})
    titles = sorted({a.title for record in records for a in record.activities if a.title})
    governorates = _governorates()
    municipalities = tuple((name, where) for name, where in MUNICIPALITIES if where in governorates)
    return Vocabulary(tuple(sentences), tuple(titles), _countries(), _labels(), governorates, municipalities,
                      _organisations())


def _countries() -> tuple[tuple[str, str], ...]:
    names = []
    for code, country in sorted(all_countries().items()):
        candidates = [country.labels["fr"], *ALIASES.get(code, ())]
        names += [(code, name) for name in dict.fromkeys(candidates) if _reads_as(name, code)]
    return tuple(names)


def _reads_as(name: str, code: str) -> bool:
    try:
        return split_countries(name) == [code]
    except PageError:
        return False


def _labels() -> dict[str, tuple[str, ...]]:
    ref = reference()
    labels: dict[str, set[str]] = {}
    for scheme, index in ref.concepts.items():
        for concept in set(index.values()):
            for predicate in (SKOS.prefLabel, SKOS.altLabel):
                for label in ref.graph.objects(concept, predicate):
                    if label.language == "fr" and ref.concept(scheme, str(label)) == concept:
                        labels.setdefault(scheme, set()).add(str(label))
    return {scheme: tuple(sorted(values)) for scheme, values in labels.items()}


def _governorates() -> dict[str, str]:
    """Governorate -> how a partner line writes it ("de l’Ariana"), where both readings of it resolve."""
    found = {}
    for _municipality, name in MUNICIPALITIES:
        written = f"de l’{name}" if name[0] in "AEIOUÉ" else f"de {name}"
        try:
            subdivision(written.split(" ", 1)[1], kind="Governorate")
            subdivision(name, "TN")
        except PageError:
            continue
        found[name] = written
    return found


def _organisations() -> tuple[tuple[str, str], ...]:
    """Every kind x qualifier x theme, each with an acronym of its capitals; one name per acronym."""
    organisations: dict[str, str] = {}
    for kind in ORGANISATION_KINDS:
        for qualifier in ORGANISATION_QUALIFIERS:
            for theme in ORGANISATION_THEMES:
                name = f"{kind} {qualifier} {theme}"
                acronym = "".join(word[0] for word in name.replace("’", " ").split() if word[0].isupper())
                organisations.setdefault(acronym, name)
    return tuple((name, acronym) for acronym, name in sorted(organisations.items()))

"""Hypothesis strategies that lay a page out again in ways a reader would not notice.

Each page family is split here with the test's own knowledge of the seed and golden pages (their
labels, headings and country names), never with the converters' code, then put back together with
random choices: field order, bullets or "-" separators or inline labels, country-list separators,
case and accents, money grouping, navigation before and a site footer after, odd spaces, blank
lines, line endings, a byte-order mark, decomposed accents.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from hypothesis import strategies as st

from tests.conftest import ROOT, SEEDS

PAGES = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "converters" / "cases").glob("*/*/page.txt"))

# Country names exactly as the pages write them, longest first (for splitting a list back into names).
COUNTRY_NAMES = sorted({
    "Argentine", "Bolivie (État plurinational de)", "Bolivie (État Plurinational De)",
    "BOLIVIE (ÉTAT PLURINATIONAL DE)", "Colombie", "Équateur", "Paraguay", "Pérou", "Guyana", "Chili", "Uruguay",
    "El Salvador", "Honduras", "Mexique", "Guatemala", "Brésil", "Maroc", "Tunisie",
}, key=len, reverse=True)
LIST_SEPARATORS = [", ", "; ", " et ", " ", "", " - ", ",", " ;", " , "]
# The IOM site's menu as copied from a browser (seeds 001 and 003 start with it) and footers of the sites.
_SEED_001 = SEEDS.joinpath("001_d1ca3eb0415ae2bb.txt").read_text(encoding="utf-8").split("\n")
IOM_MENU = _SEED_001[:_SEED_001.index("- 2030 AGENDA") + 1]
# A footer holds a line the site writes on every page; links that only start like footer links may come
# before it, unknown links after it.
UNKNOWN_LINKS = ["Nos bureaux dans le monde", "Rapports annuels", "- Bureaux régionaux"]
FOOTER_LINKS = ["Abonnez-vous à la newsletter", "Partager sur LinkedIn", "Suivez-nous sur Facebook",
                "Retour en haut de la page"]
FOOTER_LINES = [
    "Partager", "Partager cette page", "Facebook", "Twitter", "LinkedIn", "Facebook | X | LinkedIn", "Imprimer",
    "Retour en haut", "Contactez-nous", "Carrières", "Achats", "Alerte à la fraude", "Conditions d'utilisation",
    "Politique de confidentialité", "Plan du site", "Mentions légales",
    "Share this page", "Print", "Back to top", "Contact us", "Careers", "Procurement", "Fraud alert",
    "Terms and Conditions", "Privacy policy", "Sitemap", "Suivez-nous",
    "© 2024 Organisation internationale pour les migrations (OIM)", "Copyright © IOM. Tous droits réservés.",
]
ODD_SPACES = ["\u00a0", "\u2009", "\u202f", "\u2007", "\t", "  ", " \t", "\u3000"]


def strip_accents(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                                                 if not unicodedata.combining(c)))


def split_names(text: str) -> list[str]:
    """A country list as the page writes it, split into the names above (the test's own splitter)."""
    names, rest = [], text.strip()
    while rest:
        name = next((n for n in COUNTRY_NAMES if rest.startswith(n)), None)
        assert name, f"the test does not know the country at {rest!r}"
        names.append(name)
        rest = re.sub(r"^(?:[\s,;]|et\s)+", "", rest[len(name):])
    return names


@st.composite
def country_list(draw, text: str, line_breaks: bool = True) -> str:
    """The same countries, each in a case or accent variant, with any separators (even none)."""
    separators = LIST_SEPARATORS + (["\n", ",\n"] if line_breaks else [])
    out = ""
    for index, name in enumerate(split_names(text)):
        variant = draw(st.sampled_from([name, name.upper(), name.lower(), name.title(), strip_accents(name),
                                        strip_accents(name).upper()]))
        out += (draw(st.sampled_from(separators)) if index else "") + variant
    return out


@st.composite
def money(draw, figures: str) -> str:
    """ "300000.00" grouped by thousands and written with a decimal comma or point, as people do."""
    match = re.fullmatch(r"([\d\s.,]*?)(?:[.,](\d{2}))?", figures)
    integer, fraction = re.sub(r"\D", "", match[1]), match[2] or ""
    group = draw(st.sampled_from(["", " ", "\u00a0", "\u202f", ",", "."]))
    decimal = draw(st.sampled_from([m for m in ".," if m != group]))
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    return group.join(groups) + (decimal + fraction if fraction else "")


def case_variant(text: str):
    """A label as written, in capitals, in lower case, or without its accents."""
    return st.sampled_from([text, text.upper(), text.lower(), strip_accents(text)])


# ----- the IOM Development Fund family: a title, labelled fields, then the description.

IDF_LABELS = sorted([
    "Date de début", "Date de fin", "Statut du projet", "Type de projet", "Budget Amount (USD)", "Couverture", "Année",
    "IDF Region", "Other Countries Benefiting at Time of Allocation", "Prima ID", "Projet ID",
    "Etat(s) membre(s) beneficiaires remplissant les conditions requises", "Project ID", "Start Date", "End Date",
    "Project Status", "Project Type", "Coverage", "Year",
], key=len, reverse=True)
IDF_COUNTRY_LABELS = {"Other Countries Benefiting at Time of Allocation",
                      "Etat(s) membre(s) beneficiaires remplissant les conditions requises"}


@dataclass
class IdfPage:
    """An IDF page in three parts: what comes before the first field (menu, title), the fields, the rest."""

    head: list[str]
    fields: list[tuple[str, str]]
    tail: list[str]


def read_idf(lines: list[str]) -> IdfPage:
    """Split a page by the labels it uses (bullet, "-" or inline layout alike)."""
    head, fields, index = [], [], 0
    while index < len(lines):
        body = re.sub(r"^\s*(?:[•-]\s*)?", "", lines[index]).rstrip()
        label = next((lab for lab in IDF_LABELS if body == lab or body.startswith(lab + ":")), None)
        if label is None:
            if fields:
                break
            head.append(lines[index])
            index += 1
            continue
        if body != label:
            fields.append((label, body[len(label) + 1:].strip()))
            index += 1
        else:
            fields.append((label, lines[index + 1].strip()))
            index += 2
        while index < len(lines) and lines[index].strip() == "-":
            index += 1
    while head and head[-1].strip() in ("", "-"):
        head.pop()
    return IdfPage(head, fields, lines[index:])


@st.composite
def idf_page(draw, page: IdfPage) -> str:
    """The fields in any order, each in any layout, label in any case, values rewritten."""
    out = list(page.head) + [""] * draw(st.integers(0, 1))
    for label, value in draw(st.permutations(page.fields)):
        label = draw(case_variant(label))
        if label.upper() in {lab.upper() for lab in IDF_COUNTRY_LABELS}:
            value = draw(country_list(value))
        elif label.upper().startswith("BUDGET"):
            value = draw(money(value))
        layout = draw(st.sampled_from(["bullet", "dash", "inline"]))
        if layout == "bullet":
            mark = draw(st.sampled_from(["•", "-", "*", "▪"]))
            out += [f"  {mark} {label}", *("    " + v for v in value.split("\n"))]
        elif layout == "dash":
            out += ["-", label, *value.split("\n")]
        else:
            mark = draw(st.sampled_from(["• ", "- ", ""]))
            out += [f"{mark}{label}{draw(st.sampled_from([': ', ' : ', ':', chr(0xa0) + ': ']))}{value}"]
    return "\n".join(out + [""] * draw(st.integers(0, 1)) + page.tail)


# ----- the IOM innovation family: headed sections and a table of KEY: value rows.

INNOVATION_HEADINGS = ("Éléments d’innovation", "À propos du projet", "En quoi ce projet est-il innovant ?",
                       "INFORMATIONS SUR LE PROJET")
_SUBLABELS = re.compile(r"(États Membres (?:Ne )?Remplissant (?:Pas )?Les Conditions Requises:)\s*")  # one group


def read_sections(lines: list[str], headings: tuple[str, ...]) -> tuple[list[str], list[list[str]]]:
    """The lines before the first heading, and each heading with the lines under it."""
    head, sections = [], []
    for line in lines:
        if line.strip(" |") in headings:
            sections.append([line])
        elif sections:
            sections[-1].append(line)
        else:
            head.append(line)
    return head, sections


@st.composite
def innovation_row(draw, row: str) -> str:
    """A table row with its key in any case, any colon spacing, with or without its pipe, values rewritten."""
    key, _, value = row.rstrip(" |").partition(":")
    if key.startswith("PAYS"):
        prefix, *parts = _SUBLABELS.split(row.rstrip(" |"))
        lists = [draw(case_variant(label)) + " " + draw(country_list(names.strip(" ;"), line_breaks=False))
                 for label, names in zip(parts[::2], parts[1::2], strict=True)]
        between = draw(st.sampled_from(["; ", " ; ", ", ", " "]))
        return draw(case_variant(prefix)) + between.join(lists) + draw(st.sampled_from([" |", "|", ""]))
    value = value.strip()
    if key == "MISSION":
        value = draw(country_list(value, line_breaks=False))
    elif key.startswith("MONTANT"):
        figures, _, words = value.partition(" dollars")
        value = draw(money(figures)) + " dollars" + words
    colon = draw(st.sampled_from([": ", ":", " : ", "\u00a0: "]))
    return f"{draw(case_variant(key))}{colon}{value}{draw(st.sampled_from([' |', '|', '']))}"


@st.composite
def innovation_page(draw, lines: list[str]) -> str:
    """The sections in any order, the table's rows in any order."""
    head, sections = read_sections(lines, INNOVATION_HEADINGS)
    out = list(head)
    for section in draw(st.permutations(sections)):
        if section[0].startswith("INFORMATIONS"):
            rows = [line for line in section[2:] if line.strip()]
            out += section[:2] + [draw(innovation_row(row)) for row in draw(st.permutations(rows))]
        else:
            out += section
    return "\n".join(out)


# ----- the Euromed NGO family: a title with a back link, then headed sections and "Label : value" lines.

_EUROMED_START = re.compile(r"^(Durée du projet|Objectif|Résultats attendus|Les principales activités|"
                            r"Régions bénéficiaires|Plus de détails|Partager le projet sur|Zone d|Cofinancé|Financé|"
                            r"Réalisé|Partenaires|Autres partenaires|Contact)")


@st.composite
def euromed_page(draw, lines: list[str]) -> str:
    """The sections and labelled lines in any order, bullets and label spacing changed."""
    back = next(i for i, line in enumerate(lines) if "Retour vers les projets" in line)
    footer = next((i for i, line in enumerate(lines) if line.startswith("Supporté par")), len(lines))
    blocks: list[list[str]] = []
    for line in lines[back + 1:footer]:
        if _EUROMED_START.match(line) or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    out = lines[:back + 1]
    for block in draw(st.permutations(blocks)):
        for line in block:
            if line.lstrip().startswith("•"):
                line = draw(st.sampled_from(["• ", "- ", "* ", "· ", "", "  ● "])) + line.lstrip()[1:].lstrip()
            elif _EUROMED_START.match(line) and re.search(r"\s:\s", line):
                label, _, value = re.split(r"(\s:\s)", line, maxsplit=1)
                line = draw(case_variant(label.rstrip())) + draw(st.sampled_from([" : ", "\u00a0: ", ": ", " :\t"])) \
                    + value
            elif _EUROMED_START.match(line):
                line = draw(case_variant(line))
            out.append(line)
    return "\n".join(out + lines[footer:])


# ----- what any page may go through.

@st.composite
def surface(draw, text: str, menu: list[str]) -> bytes:
    """Navigation before, a footer after, odd spaces, trailing blanks, blank lines, line endings, BOM, NFD."""
    lines = text.split("\n")
    if draw(st.booleans()):
        lines = menu + lines
    if draw(st.booleans()):
        footer = draw(st.lists(st.sampled_from(FOOTER_LINKS), max_size=2)) + [draw(st.sampled_from(FOOTER_LINES))]
        footer += draw(st.lists(st.sampled_from(FOOTER_LINES + FOOTER_LINKS + UNKNOWN_LINKS + IOM_MENU[1:5]),
                                max_size=5))
        lines += [""] * draw(st.integers(0, 2)) + [draw(st.sampled_from(["", "- "])) + f for f in footer]
    rng = random.Random(draw(st.integers(0, 2**32)))  # the many small choices, one per word and line
    spaces = draw(st.sampled_from([0, 0.05, 0.3]))
    out = []
    for line in lines:
        words = line.split(" ")
        line = words[0] + "".join((rng.choice(ODD_SPACES) if rng.random() < spaces else " ") + w for w in words[1:])
        if rng.random() < 0.1:
            line = rng.choice(["  ", "\t", "\u00a0"]) + line
        if rng.random() < 0.2:
            line += rng.choice([" ", "  ", "\t", "\u00a0", " \t "])
        if line.strip() == "" and rng.random() < 0.25:
            continue
        out.append(line)
        if rng.random() < 0.1:
            out.append(rng.choice(["", " ", "\t"]))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(out)
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text.encode("utf-8")


@st.composite
def variant(draw, family: str, text: str) -> bytes:
    """A page of `family` laid out again: the same facts for a reader."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if family == "iom-idf":
        body = draw(idf_page(read_idf(lines)))
    elif family == "iom-innovation":
        body = draw(innovation_page(lines))
    else:
        body = draw(euromed_page(lines))
    menu = ["Exprimer mon avis", "", "Accueil", "Projets"] if family == "euromed-ngo" else IOM_MENU
    return draw(surface(body, menu))

"""A synthetic corpus of project pages: the three families the converters read, in the layouts and spellings the
seed pages show, about 1 % of them broken on purpose, deterministic from a seed number.

    python -m bench.corpus --pages 1000 --seed 1 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import hashlib
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .vocabulary import (
    ACRONYM_WORDS,
    AMOUNTS_IN_WORDS,
    IMAGINARY_COUNTRIES,
    MONTHS_EN,
    MONTHS_FR,
    NAVIGATION,
    STREETS,
    TITLE_OPENINGS,
    TITLE_TOPICS,
    vocabulary,
)

FAMILIES = (("iom-idf", 0.6), ("iom-innovation", 0.2), ("euromed-ngo", 0.2))
BROKEN_KINDS = ("unknown-country", "budget-in-words", "truncated")
IDF_PREFIXES = ("PO", "RT", "LM", "CT", "MH", "IB", "MP", "DP", "TC", "CB", "LP", "PX", "BM", "EN", "MD", "RR")
INNOVATION_PREFIXES = ("IS", "IG", "IV", "IX", "IN", "IQ")
# IDF field labels: (French label, English label) in page order.
IDF_FIELDS = (
    ("start", "Date de début", "Start Date"), ("end", "Date de fin", "End Date"),
    ("status", "Statut du projet", "Project Status"), ("type", "Type de projet", "Project Type"),
    ("budget", "Budget Amount (USD)", "Budget Amount (USD)"), ("scope", "Couverture", "Coverage"),
    ("year", "Année", "Year"), ("region", "IDF Region", "IDF Region"),
    ("other", "Other Countries Benefiting at Time of Allocation", "Other Countries Benefiting at Time of Allocation"),
    ("prima", "Prima ID", "Prima ID"), ("code", "Projet ID", "Project ID"),
    ("eligible", "Etat(s) membre(s) beneficiaires remplissant les conditions requises", "Eligible Member States"),
)
# How often an optional field is on a page (the seeds leave out start date, year, budget, other countries…).
IDF_PRESENCE = {"start": 0.8, "end": 0.9, "status": 0.9, "type": 0.85, "budget": 0.9, "scope": 0.9, "year": 0.8,
                "region": 0.95, "other": 0.3, "prima": 0.9, "code": 0.95, "eligible": 0.97}


@dataclass
class Corpus:
    """A generated corpus: its folder, its pages and which of them are broken (file name -> kind)."""

    folder: Path
    pages: list[Path] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)
    families: Counter = field(default_factory=Counter)


def fingerprint() -> str:
    """A digest of everything the pages are drawn from (this generator, its words, the seeds and converters the
    words are read back with): a kept corpus whose fingerprint differs was made by other code."""
    root = Path(__file__).resolve().parent.parent
    files = [root / "bench" / "corpus.py", root / "bench" / "vocabulary.py", *sorted((root / "seeds").iterdir()),
             *sorted(p for p in (root / "converters").rglob("*") if p.is_file() and p.suffix != ".pyc")]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def generate(folder: Path, count: int, seed: int = 1, broken_rate: float = 0.01) -> Corpus:
    """Write `count` pages into `folder` (created); the same arguments always give the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = _PageWriter(random.Random(seed))
    corpus = Corpus(folder)
    every = round(1 / broken_rate) if broken_rate > 0 else 0
    for index in range(count):
        kind = BROKEN_KINDS[(index // every) % len(BROKEN_KINDS)] if every and index % every == every // 2 else None
        family, text = writer.page(kind)
        data = text.encode("utf-8")
        path = folder / f"{index:06d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        path.write_bytes(data)
        corpus.pages.append(path)
        corpus.families[family] += 1
        if kind:
            corpus.broken[path.name] = kind
    return corpus


class _PageWriter:
    """Draws pages one at a time; remembers the project keys used so every project IRI is unique."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary()
        self.used: set[str] = set()

    def page(self, broken: str | None) -> tuple[str, str]:
        names, weights = zip(*FAMILIES, strict=True)
        family = self.rng.choices(names, weights)[0]
        if broken and family == "euromed-ngo":
            family = "iom-idf"  # NGO pages have no budget or country list to break
        write = {"iom-idf": self.idf, "iom-innovation": self.innovation, "euromed-ngo": self.ngo}[family]
        return family, write(broken)

    # --- shared pieces -------------------------------------------------------------------------

    def unique(self, draw) -> str:
        """A key from `draw()` that no earlier page used (codes, Prima IDs and NGO acronyms name projects)."""
        while (key := draw()) in self.used:
            pass
        self.used.add(key)
        return key

    def code(self, prefixes: tuple[str, ...]) -> str:
        return self.unique(lambda: f"{self.rng.choice(prefixes)}.{self.rng.randrange(10000):04d}")

    def prima(self, country: str) -> str:
        return f"{country}{self.rng.randrange(10, 100)}P{self.rng.randrange(10000):04d}"

    def paragraphs(self, low: int, high: int) -> list[str]:
        sentences = self.words.sentences
        return [" ".join(self.rng.choices(sentences, k=self.rng.randint(2, 7)))
                for _ in range(self.rng.randint(low, high))]

    def countries(self, low: int, high: int, besides: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str]]:
        """Up to `high` countries (fewer when a draw repeats one), none of those in `besides`: a page lists a
        country as eligible or as another beneficiary, never as both."""
        chosen: dict[str, str] = {}
        taken = {code for code, _ in besides}
        for _ in range(self.rng.randint(low, high)):
            code, name = self.rng.choice(self.words.countries)
            if code not in taken:
                chosen.setdefault(code, name)
        return [(code, name.upper() if self.rng.random() < 0.05 else name) for code, name in chosen.items()]

    def country_list(self, names: list[str], lines: str | None = None) -> str:
        """Names as the pages list them: spaces, commas, "et", semicolons, nothing at all between them, or (given
        `lines`, the indent of a value) spaces over several lines."""
        style = self.rng.choice(("spaces", "commas", "commas-et", "semicolons", "none", "lines"))
        if style == "lines" and lines is not None and len(names) > 1:
            cut = self.rng.randint(1, len(names) - 1)
            return " ".join(names[:cut]) + "\n" + lines + " ".join(names[cut:])
        if style in ("spaces", "lines"):
            return " ".join(names)
        if style == "none":
            return "".join(names)
        if style == "semicolons":
            return "; ".join(names)
        if style == "commas-et" and len(names) > 1:
            return ", ".join(names[:-1]) + " et " + names[-1]
        return ", ".join(names)

    def label(self, scheme: str) -> str:
        return self.rng.choice(self.words.labels[scheme])

    def amount(self) -> str:
        value = self.rng.randrange(20, 2000) * 5000
        style = self.rng.choice(("plain", "spaced", "french"))
        if style == "plain":
            return f"{value}.00"
        spaced = f"{value:,}".replace(",", " ")
        return spaced + (",00" if style == "french" else ".00")

    def years(self) -> tuple[int, int]:
        start = self.rng.randint(2008, 2024)
        return start, start + self.rng.randint(1, 4)

    # --- IOM Development Fund ------------------------------------------------------------------

    def idf(self, broken: str | None) -> str:
        rng = self.rng
        eligible = self.countries(1, 12)
        start, end = self.years()
        fields = {name: rng.random() < IDF_PRESENCE[name] for name in IDF_PRESENCE}
        fields["prima"] = fields["prima"] or not fields["code"]
        if broken:
            fields.update(eligible=True, budget=True, prima=True)
        values = {
            "start": self.date(start), "end": self.date(end), "status": self.label("status"),
            "type": self.label("project-type"), "budget": self.amount(), "scope": rng.choice(("National", "Regional")),
            "year": str(start - rng.randint(0, 1)), "region": self.label("region"),
            "other": self.country_list([n for _, n in self.countries(1, 4, besides=eligible)]),
            "prima": self.prima(eligible[0][0]) if fields["code"] else self.unique(lambda: self.prima(eligible[0][0])),
            "code": self.code(IDF_PREFIXES) if fields["code"] else "",
        }
        fields["other"] = fields["other"] and bool(values["other"])
        layout = rng.choice(("bullets", "dashes", "inline"))
        indent = {"bullets": "    ", "dashes": ""}.get(layout)
        values["eligible"] = self.country_list([name for _, name in eligible], indent)
        if broken == "unknown-country":
            names = [name for _, name in eligible]
            names.insert(rng.randrange(len(names) + 1), rng.choice(IMAGINARY_COUNTRIES))
            values["eligible"] = ", ".join(names)
        if broken == "budget-in-words":
            values["budget"] = rng.choice(AMOUNTS_IN_WORDS)
        english = layout == "inline"
        title = rng.choice(TITLE_OPENINGS) + " " + rng.choice(TITLE_TOPICS)
        if layout == "bullets" and rng.random() < 0.7:
            title = f"{eligible[0][1]} : {title}"
        lines = [NAVIGATION + title] if layout == "dashes" else [title, ""]
        for name, french, english_label in IDF_FIELDS:
            if not fields[name]:
                continue
            label = english_label if english else french
            if broken == "truncated" and name == "prima":
                lines.append({"bullets": f"  • {label}", "dashes": f"-\n{label}", "inline": f"• {label}:"}[layout])
                return "\n".join(lines) + "\n"
            lines.append(f"• {label}: {values[name]}" if layout == "inline" else
                         f"  • {label}\n    {values[name]}" if layout == "bullets" else f"-\n{label}\n{values[name]}")
        description = self.paragraphs(1, 6)
        if rng.random() < 0.3:
            description.append("Les composantes du projet seront les suivantes :")
            description += [f"{n}. {s}" for n, s in enumerate(self.paragraphs(2, 5), start=1)]
        return "\n".join(lines + description) + "\n"

    def date(self, year: int) -> str:
        style = self.rng.random()
        if style < 0.7:
            return str(year)
        month = self.rng.randint(1, 12)
        if style < 0.85:
            return f"{MONTHS_FR[month - 1]} {year}"
        return f"{year}-{month:02d}-{self.rng.randint(1, 28):02d}"

    # --- IOM innovation ------------------------------------------------------------------------

    def innovation(self, broken: str | None) -> str:
        rng = self.rng
        lines = [NAVIGATION.rstrip("\n") if rng.random() < 0.5 else "Navigation\n- Accueil\n- Notre travail"]
        lines.append("Éléments d’innovation")
        elements = rng.sample(self.words.labels["innovation"], rng.randint(1, len(self.words.labels["innovation"])))
        lines += [f"- {element}" for element in elements]
        lines += ["À propos du projet", *self.paragraphs(1, 3), "En quoi ce projet est-il innovant ?",
                  *self.paragraphs(1, 2), "INFORMATIONS SUR LE PROJET |", "---|"]
        mission = rng.choice(self.words.countries)[1]
        if broken == "unknown-country":
            mission = rng.choice(IMAGINARY_COUNTRIES)
        rows = [f"MISSION: {mission} |"] if rng.random() < 0.9 or broken else []
        if rng.random() < 0.9:
            rows.append(f"ANNÉE: {rng.randint(2015, 2024)} |")
        if rng.random() < 0.9 or broken == "budget-in-words":
            words = rng.choice(AMOUNTS_IN_WORDS) if broken == "budget-in-words" else self.amount()[:-3]
            rows.append(f"MONTANT DU FINANCEMENT:{words} dollars É.-U. |")
        if rng.random() < 0.95:
            eligible = self.countries(1, 12)
            row = "PAYS BÉNÉFICIAIRES – États Membres Remplissant Les Conditions Requises: " + \
                ", ".join(name for _, name in eligible)
            if rng.random() < 0.3 and (others := self.countries(1, 3, besides=eligible)):
                row += "; États Membres Ne Remplissant Pas Les Conditions Requises: " + \
                    ", ".join(name for _, name in others)
            rows.append(row + " |")
        if rng.random() < 0.8:
            rows.append(f"DURÉE: {rng.choice((12, 18, 24, 36))} mois |")
        rows.append("CODE: |" if broken == "truncated" else f"CODE: {self.code(INNOVATION_PREFIXES)} |")
        return "\n".join(lines + rows) + "\n"

    # --- Euromed NGO ---------------------------------------------------------------------------

    def ngo(self, _broken: str | None) -> str:
        rng = self.rng
        acronym = self.unique(lambda: "-".join(rng.sample(ACRONYM_WORDS, rng.choice((1, 2, 2)))) +
                              ("" if rng.random() < 0.05 else f"-{rng.randrange(1, 1000)}"))
        start_year, end_year = self.years()
        months = MONTHS_EN if rng.random() < 0.5 else MONTHS_FR
        period = f"{rng.choice(months)} {start_year} {rng.choice(months)} {end_year}"
        places = rng.sample(self.words.municipalities, rng.randint(1, 3))
        partners = self.partners(places)
        lines = ["Exprimer mon avis", "", f"{acronym} Retour vers les projets", "", "", "Durée du projet:", "",
                 period, "", "Partager le projet sur", "", "Objectif général", "", self.objective(), "",
                 "Objectifs spécifiques", ""]
        lines += [f"  • {self.objective()} ;" for _ in range(rng.randint(1, 4))]
        lines += ["", "Plus de détails", "", "Zone d’intervention : Municipalités de " +
                  " et ".join(name for name, _ in places), ""]
        lines += [line for partner in partners for line in (partner, "")]
        lines += [self.contact(places[0][0]), "", "Résultats attendus :", ""]
        for number in range(1, rng.randint(2, 5)):
            lines += [f"R{number} {rng.choice(self.words.sentences)}", ""]
        lines += ["Les principales activités :", ""]
        for _ in range(rng.randint(1, 7)):
            lines += [f"{rng.choice(self.words.activity_titles)} : {' '.join(self.paragraphs(1, 1))}", ""]
        regions = [governorate for _, governorate in places]
        more = rng.randint(0, 3)
        lines += ["Régions bénéficiaires", "", ", ".join(dict.fromkeys(regions)) +
                  (f" et {more} autre(s) régions" if more else ""), "", "Supporté par", "", "Réseau Euromed Logo"]
        return "\n".join(lines) + "\n"

    def objective(self) -> str:
        return self.rng.choice(self.words.sentences).rstrip(" .;")

    def partners(self, places: list[tuple[str, str]]) -> list[str]:
        """The role lines: 2 to 15 organisations in all, the municipalities among the strategic partners."""
        rng = self.rng
        count = rng.randint(2, 15)
        named = [f"{name} ({acronym})" if rng.random() < 0.8 else name
                 for name, acronym in rng.sample(self.words.organisations, max(1, count - len(places)))]
        municipalities = [f"Municipalité de {name} (Gouvernorat {self.words.governorates[governorate]})"
                          for name, governorate in places]
        funder = rng.choice(("Financé par", "Cofinancé par"))
        via = " par le biais du Centre international pour le développement des politiques migratoires (ICMPD)"
        lines = [f"{funder} : L’Union Européenne{via if rng.random() < 0.5 else ''}",
                 f"Réalisé par : {named[0]}"]
        rest = named[1:]
        cut = rng.randint(0, len(rest))
        lines.append("Partenaires stratégiques : " + ", ".join(rest[:cut] + municipalities))
        if rest[cut:]:
            lines.append("Autres partenaires : " + ", ".join(rest[cut:]))
        return lines

    def contact(self, city: str) -> str:
        rng = self.rng
        phone = f"+216 7{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        parts = [f"Contact : {rng.randint(1, 120)} {rng.choice(STREETS)}. {city}"]
        if rng.random() < 0.8:
            parts.append(f"{rng.choice(('Tél.', 'Tel./Fax'))} : {phone}.")
        if rng.random() < 0.8:
            parts.append(f"contact{rng.randrange(1000)}@example.org")
        return " ".join(parts)


def main() -> None:
    """Write a corpus from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    corpus = generate(args.out, args.pages, args.seed)
    print(f"{len(corpus.pages)} pages in {corpus.folder} ({dict(corpus.families)}), {len(corpus.broken)} broken")


if __name__ == "__main__":
    main()

"""The budget of an NGO page: its "Budget : …" lines (as revised, given phase by phase, or in thousands: "Budget (en
milliers d’euros) : 1 250")."""

from __future__ import annotations

from .pagelines import label_key
from .phases import phased_budget
from .records import Project
from .textnorm import excerpt
from .thousands import in_thousands, thousands_budget
from .values import parse_money, revised_money

# The budget's labels on these pages, read as the record's fields but no mark of the network's pages (the other
# families write budgets too), folded label -> field.
FIELDS = {
    "budget": "budget", "budget total": "budget", "budget du projet": "budget", "cout total": "budget",
    "cout du projet": "budget", "cout total du projet": "budget", "montant": "budget", "montant total": "budget",
    "montant du projet": "budget", "montant du financement": "budget",
    # the budget as revised, read in place of the first
    **dict.fromkeys(("budget revise", "budget total revise", "montant revise", "cout total revise",
                     "budget rectifie", "revised budget", "revised total budget"), "revised_budget"),
}


def field(label: str) -> str | None:
    """The field of a label of FIELDS ("Budget"), or of one whose bracket says its amounts are in thousands
    ("Budget (en milliers d’euros)", see thousands.py); None for any other label."""
    key = label_key(label) or ""
    if key in FIELDS:
        return FIELDS[key]
    thousands = in_thousands(label) if key.endswith(")") else None
    return FIELDS.get(thousands[0]) if thousands else None


def store(labelled: dict[str, list], label: str, value: str, line: int) -> None:
    """Keep a field's value, (value, line), and the label of one given in thousands, (label, line)."""
    labelled.setdefault(field(label) or "", []).append((value, line))
    if in_thousands(label):
        labelled.setdefault("thousands", []).append((label, line))


def budget(project: Project, labelled: dict[str, list], countries: frozenset[str] | None = None) -> None:
    """Store the budget lines' amount, as revised when a line gives a revised one; words for several currencies
    ("F CFA") are the one `countries` use (AmbiguousCurrency without them)."""
    thousands = {line: label for label, line in labelled.get("thousands", [])}  # "Budget (en milliers d’euros)"
    for value, line in labelled.get("budget", []):
        code = _currency(thousands.get(line))
        # "Phase I : 200 000 EUR ; Phase II : 150 000 EUR": their total, noted; "300 000 EUR (révisé à 350 000 EUR)"
        project.budget = phased_budget(value, code, line, project.notes, countries) or revised_money(
            value, code, line, project.notes, countries)
        if line in thousands:
            project.budget = thousands_budget(project.budget, thousands[line], line, project.notes)
        project.lines["budget"] = line
    for value, line in labelled.get("revised_budget", []):  # "Budget révisé : 350 000 EUR": the budget as revised
        first = project.budget
        code = _currency(thousands.get(line))
        project.budget = parse_money(value, code or (first.currency if first else None), line, project.notes,
                                     countries)
        if line in thousands:
            project.budget = thousands_budget(project.budget, thousands[line], line, project.notes)
        project.lines["budget"] = line
        if first is not None:
            project.notes.append((line, f'budget "{excerpt(value)}", as revised, read as the project\'s budget; the '
                                        f"first, {first.amount} {first.currency}, left out"))


def _currency(label: str | None) -> str | None:
    """The currency a label given in thousands names ("Budget (en milliers d’euros)": EUR), if any."""
    found = in_thousands(label) if label else None
    return found[1] if found else None

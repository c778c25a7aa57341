"""The field labels IDF pages write, the record fields they stand for, and which lines of a page are labels."""

from __future__ import annotations

import re
from functools import lru_cache

from .pagelines import Line, label_currency, label_key, page_lines
from .textnorm import clean
from .thousands import in_thousands
from .wrapped import breaks_off

# Field labels as the site writes them (French, English or mixed), folded -> record field.
LABELS = {
    "date de debut": "start", "start date": "start", "date de debut du projet": "start", "date de demarrage": "start",
    "date de fin": "end", "end date": "end", "date de fin du projet": "end", "date d'achevement": "end",
    "date de cloture": "end",
    "statut du projet": "status", "project status": "status", "statut": "status", "etat du projet": "status",
    "type de projet": "project_type", "project type": "project_type",
    "budget amount (usd)": "budget", "budget (usd)": "budget", "montant du budget (usd)": "budget",
    "budget amount": "budget", "budget": "budget", "budget total (usd)": "budget", "budget total": "budget",
    "montant (usd)": "budget",
    **dict.fromkeys(("budget revise", "budget revise (usd)", "budget total revise", "budget total revise (usd)",
                     "montant revise", "montant revise (usd)", "revised budget", "revised budget (usd)",
                     "revised budget amount (usd)"), "revised_budget"),
    "couverture": "scope", "coverage": "scope", "couverture geographique": "scope", "geographic coverage": "scope",
    "annee": "allocation_year", "year": "allocation_year", "annee d'allocation": "allocation_year",
    "allocation year": "allocation_year",
    "idf region": "region", "region idf": "region", "region du fdi": "region",
    "other countries benefiting at time of allocation": "other_countries",
    "autres pays beneficiaires au moment de l'allocation": "other_countries",
    "prima id": "prima_id", "id prima": "prima_id",
    "projet id": "code", "project id": "code", "id du projet": "code", "code du projet": "code",
    "project code": "code",
    "etat(s) membre(s) beneficiaires remplissant les conditions requises": "eligible_countries",
    "etats membres beneficiaires remplissant les conditions requises": "eligible_countries",
    "eligible member states": "eligible_countries",
    "beneficiary member state(s) meeting the eligibility requirements": "eligible_countries",
    "pays beneficiaires": "beneficiary_countries", "beneficiary countries": "beneficiary_countries",
    **dict.fromkeys(("duree", "duree du projet", "duration", "project duration"), "duration"),
    **dict.fromkeys(("prolongation sans cout", "prolongation sans frais", "extension sans cout", "no-cost extension",
                     "no cost extension", "prolongation sans cout jusqu'au", "prolongation (sans cout)"), "extension"),
    **dict.fromkeys(("periode", "periode du projet", "periode de mise en oeuvre", "periode d'execution",
                     "implementation period", "project period"), "period"),
}
# Labels that only this family uses: one of them must be present for the page to be ours.
_DISTINCTIVE = {"idf region", "prima id", "projet id", "project id", "budget amount (usd)"}
# A page of two fields is ours by a label no other site writes: not "Project ID", which an English fact sheet of
# any agency gives with its budget ("Project ID: TUN-2021-004", "Budget: USD 1,200,000"), nor the eligible member
# states', which the innovation fund's pages give too; the site's mixed "Projet ID" is its own
_OWN = (_DISTINCTIVE - {"project id"}) | {"region idf", "region du fdi", "id prima"}
_COUNTRY_FIELDS = {"eligible_countries", "other_countries", "beneficiary_countries"}
# Other wordings of the two beneficiary lists' labels, folded: which countries, and whether eligible or not
_ELIGIBLE_KEY, _OTHER_KEY = "eligible member states", "other countries benefiting at time of allocation"
_BENEFICIARY_KEY = "beneficiary countries"  # benefiting, the label not saying whether eligible
_LIST_LABEL_LENGTH = 90
_LIST_HINT = re.compile(r"benefi|eligib|conditions requises")
_SENTENCE = re.compile(r"[.;!?]\s|[.;!?]$")
_STATES = re.compile(r"\betats?\b|\bmember states?\b|\bpays\b|\bcountr(?:y|ies)\b|\bstates?\b")
_BENEFICIARY = re.compile(r"^(?:(?:pays|etats?(?:\(s\))? membres?(?:\(s\))?) beneficiaires?(?:\(s\))?"
                          r"|(?:beneficiary|benefiting) (?:countr(?:y|ies)|member states?(?:\(s\))?)(?:\(ies\))?)$")
_ELIGIBLE = re.compile(r"eligib|remplissant les conditions|meeting the eligibility")
_INELIGIBLE = re.compile(r"\bne remplissant pas\b|\bnon[- ]eligib|\bnot eligib|\bineligib|\bnon qualifi")
_OTHER = re.compile(r"\b(?:other|autres?)\b.*\b(?:countr(?:y|ies)|pays|etats?|states?)\b.*\bbenefi"
                    r"|\b(?:other|autres?)\b.*\bbenefi.*\b(?:countr(?:y|ies)|pays|etats?|states?)\b")
_INLINE = re.compile(r"^(?P<label>[^:]{3,80}?)\s*:\s*(?P<value>.+)$")


@lru_cache(maxsize=1)  # detect() and parse() read the same page in a row
def _labels(text: str) -> tuple[tuple[str | None, str | None], ...]:
    """_label_of each line of the page (of idf_lines)."""
    return tuple(_label_of(line) for line in idf_lines(text))


@lru_cache(maxsize=1)
def idf_lines(text: str) -> tuple[Line, ...]:
    """The page's lines, a row of a PDF's field table parted into its fields (see _table_cells), a label a PDF copy
    wrapped over two lines ("Etat(s) membre(s) beneficiaires remplissant
    les" over "conditions requises") joined on its first, the second left blank (the lines keep their numbers)."""
    lines = _table_cells(text, page_lines(text))
    for at in range(len(lines) - 1):
        line, after = lines[at], lines[at + 1]
        if line.text and after.text and not after.bulleted and breaks_off(line.text) \
                and _label_of(line)[0] is None and _label_of(after)[0] is None:
            joined = Line.of(line.number, f"{line.text} {after.text}", line.indent, line.bulleted)
            if _label_of(joined)[0] is not None:
                lines[at], lines[at + 1] = joined, Line.of(after.number, "", after.indent)
    return tuple(lines)


def _label_of(line: Line) -> tuple[str | None, str | None]:
    """(label key, inline value) when the line is a field label, else (None, None)."""
    key = _known(line.label)
    if key:
        return key, None
    match = _INLINE.match(line.text) if ":" in line.text else None  # most lines have none: `in` says so sooner
    key = _known(label_key(match["label"])) if match else None
    if key:
        return key, match["value"].strip()
    return None, None


def _known(key: str | None) -> str | None:
    """The LABELS key a folded label stands for: itself; for a budget label in another currency than the site's
    ("Budget (EUR)", "Budget total (EUR)", "Budget Amount (CHF)"), the budget's; or for a wording of the
    beneficiary lists the site has not used yet ("Eligible Beneficiary Member State(s)", "Autres pays
    bénéficiaires"), the list it names."""
    if key in LABELS:
        return key
    if key is not None and key.endswith(")") and (budget := _budget_key(key) or _thousands_key(key)):
        return budget
    if key is None or len(key) > _LIST_LABEL_LENGTH or not _LIST_HINT.search(key) or _SENTENCE.search(key):
        return None
    if _INELIGIBLE.search(key) or _OTHER.search(key):
        return _OTHER_KEY
    if _STATES.search(key):
        return _ELIGIBLE_KEY if _ELIGIBLE.search(key) else _BENEFICIARY_KEY if _BENEFICIARY.search(key) else None
    return None


# What parts the cells of a PDF's table copied as text: two spaces or more, or a tab
_CELLS = re.compile(r"\s{2,}|\t")
_CELL_GAP = re.compile(r"\S(?: {2,}|\t)\S")


def _gapped(text: str) -> bool:
    """True when a line of the page has two cells: text, two spaces or more or a tab, text. Only a line with a tab,
    or two spaces inside its text, is searched (most pages have none but a list's indent: searching the whole page
    took a tenth of its reading)."""
    if "\t" not in text and "  " not in text:
        return False
    return any(_CELL_GAP.search(line) for line in text.split("\n") if "\t" in line or "  " in line.strip())


def _table_cells(text: str, lines: list[Line]) -> list[Line]:
    """The lines, a row of a PDF's field table copied as text ("Date de début          2021          Date de fin
    2023", its columns parted by runs of spaces) made one "Label : value" line per field, each with the row's number.
    Only a row whose cells are all labels as the site writes them, each followed by its value, is one; a line that
    is a label whole ("Budget  Amount (USD)") is none."""
    if not _gapped(text):
        return lines
    raw = clean(text, tabs=True).split("\n")
    parted: list[Line] = []
    for line in lines:
        cells = _CELLS.split(raw[line.number - 1].strip()) if line.text and line.label is not None \
            and line.label not in LABELS and ":" not in line.text and line.number <= len(raw) else []
        fields = _fields_of(cells)
        parted.extend(Line.of(line.number, f"{label} : {value}", line.indent) for label, value in fields) \
            if fields else parted.append(line)
    return parted


def _fields_of(cells: list[str]) -> list[tuple[str, str]]:
    """(label, value) pairs of a table row's cells: all of them, or none when a cell that should be a label is not."""
    if len(cells) < 2 or len(cells) % 2 or not _exact(cells[0]):
        return []
    pairs = list(zip(cells[::2], cells[1::2], strict=True))
    return pairs if all(_exact(label) for label, _ in pairs[1:]) else []


def _exact(cell: str) -> bool:
    """True for a cell that is a label as the site writes it (not only a wording _known reads as one): a label's
    words spaced out ("Etat(s) membre(s) … conditions  requises") are no two cells."""
    key = label_key(cell)
    return key in LABELS or key is not None and key.endswith(")") and bool(_budget_key(key))


def _budget_key(key: str) -> str | None:
    """The LABELS key of a folded budget label that names a currency: a budget label ("budget total", or one the site
    writes with "(usd)", "montant") with a currency in brackets after it ("budget total (eur)"); None for another."""
    head = _CURRENCY_BRACKET.sub("", key)
    if head == key or label_currency(key) is None:
        return None
    return next((known for known in (head, f"{head} (usd)") if LABELS.get(known) in _BUDGETS), None)


def _thousands_key(key: str) -> str | None:
    """The LABELS key of a folded budget label whose bracket says its amounts are in thousands ("budget total (en
    milliers d'usd)"); None for another."""
    found = in_thousands(key)
    return next((known for known in (found[0], f"{found[0]} (usd)") if LABELS.get(known) in _BUDGETS), None) \
        if found else None


_BUDGETS = ("budget", "revised_budget")


_CURRENCY_BRACKET = re.compile(r"\s*\([^()]{1,12}\)$")

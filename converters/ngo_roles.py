"""The role lines of an NGO page ("Réalisé par :", "Cofinancé par :", "Partenaires :"): their labels, the names
each gives on its line or one a line under it, names a PDF wrapped over two lines, and two labels a PDF flattened
onto one line."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .pagelines import Line, label_key
from .records import Role
from .textnorm import fold

# Role labels, folded label -> role.
ROLE_LABELS = {
    "finance par": Role.FUNDER, "cofinance par": Role.CO_FUNDER, "co-finance par": Role.CO_FUNDER,
    "realise par": Role.IMPLEMENTER, "mis en oeuvre par": Role.IMPLEMENTER,
    "partenaires strategiques": Role.STRATEGIC_PARTNER, "partenaire strategique": Role.STRATEGIC_PARTNER,
    "autres partenaires": Role.PARTNER, "partenaires": Role.PARTNER,
    # other wordings of the same roles that NGO pages use
    **dict.fromkeys(("bailleur", "bailleurs", "bailleur(s)", "bailleur de fonds", "bailleurs de fonds",
                     "bailleur(s) de fonds", "partenaire financier", "partenaires financiers", "soutenu par",
                     "avec le soutien de", "avec le soutien financier de", "financement", "financeur",
                     "financeurs", "finance avec le soutien de", "donateur", "donateurs", "donateur(s)"), Role.FUNDER),
    **dict.fromkeys(("co-financement", "cofinancement", "co-financeur", "cofinanceur", "co-financeurs",
                     "cofinanceurs"), Role.CO_FUNDER),
    **dict.fromkeys(("porte par", "porteur", "porteur du projet", "porteur de projet", "chef de file",
                     "partenaire chef de file", "chef de file du projet", "coordonne par", "organisation porteuse",
                     "association porteuse", "partenaire de mise en oeuvre", "partenaires de mise en oeuvre",
                     "partenaire(s) de mise en oeuvre", "agence d'execution", "agences d'execution",
                     "agence(s) d'execution", "agence de mise en oeuvre", "organisme d'execution"), Role.IMPLEMENTER),
    **dict.fromkeys(("partenaire", "partenaire(s)", "partenaire technique", "partenaires techniques",
                     "partenaire(s) technique(s)", "en partenariat avec", "organisations partenaires",
                     "organisation(s) partenaire(s)", "partenaires associes", "partenaire local",
                     "partenaires locaux", "partenaire(s) local(aux)", "partenaires techniques et financiers",
                     "partenaire technique et financier", "ptf"), Role.PARTNER),
    # the same labels on the network's pages in English
    **dict.fromkeys(("funded by", "financed by", "donor", "donors", "supported by", "with the support of",
                     "funding", "financial partner", "financial partners"), Role.FUNDER),
    **dict.fromkeys(("co-funded by", "cofunded by", "co-financed by", "cofinanced by", "co-funding", "co-funder",
                     "co-funders"), Role.CO_FUNDER),
    **dict.fromkeys(("implemented by", "implementing partner", "implementing partners", "lead partner",
                     "led by", "project holder", "coordinated by", "implementing agency", "executing agency"),
                    Role.IMPLEMENTER),
    **dict.fromkeys(("strategic partner", "strategic partners"), Role.STRATEGIC_PARTNER),
    **dict.fromkeys(("partner", "partners", "partner(s)", "other partners", "technical partner", "technical partners",
                     "local partner", "local partners", "partner organisations", "partner organizations",
                     "in partnership with"), Role.PARTNER),
}


class RoleLists:
    """The names under a page's role lines: "Partenaires :" with one organisation a line under it, or "Partenaires :
    X" with more on the lines right under it (then the role line's entry, (role, value, line), which they follow)."""

    def __init__(self) -> None:
        self.lists: list[tuple[Role, list[Line], tuple | None]] = []

    def open(self, role: Role, entry: tuple | None = None) -> list[Line]:
        """A new list of names under a role line (its `entry` when the line gives a name itself)."""
        items: list[Line] = []
        self.lists.append((role, items, entry))
        return items

    def holds(self, items: list[Line] | None) -> bool:
        """True when `items` is one of the role lines' lists."""
        return items is not None and any(items is listed for _, listed, _ in self.lists)

    def after_named(self, items: list[Line] | None) -> bool:
        """True when `items` is the last list, the names going on from a role line that gives one (a blank line
        ends them)."""
        return bool(self.lists) and items is self.lists[-1][1] and bool(self.lists[-1][2])

    def merge(self, roles: list[tuple[Role, str, int]]) -> None:
        """Put each list's names into `roles` (the role lines' entries), after the entry of its role line if any,
        a name a PDF wrapped over two lines joined (see unwrapped)."""
        for role, items, after in self.lists:
            at = roles.index(after) + 1 if after else len(roles)
            names = [(role, item.text, item.number) for item in items]
            if after:
                names.insert(0, after)
                del roles[at - 1]
                at -= 1
            roles[at:at] = unwrapped(names)


# The words a name cannot end with: a line ending so goes on, on the next ("Association Tunisienne de" over
# "Coopération pour le Développement (ATCD), …", a PDF's line broken inside a name), folded
_GOES_ON_WORDS = frozenset({"de", "du", "des", "d'", "pour", "et", "la", "le", "les", "l'", "en", "au", "aux", "sur",
                            "of", "for", "and", "the", "&"})


def unwrapped(names: list[tuple[Role, str, int]]) -> list[tuple[Role, str, int]]:
    """A role's lines, (role, value, line), one that ends with a word no name ends with joined to the next."""
    joined: list[tuple[Role, str, int]] = []
    for entry in names:
        if joined and fold(joined[-1][1]).rsplit(" ", 1)[-1] in _GOES_ON_WORDS:
            role, value, number = joined[-1]
            joined[-1] = (role, f"{value} {entry[1]}", number)
        else:
            joined.append(entry)
    return joined


# A label of this family's inside a line's value, a capital first: "Cofinancé par : L'Union Européenne      Réalisé par
# : Terre d'Asile Tunisie", two columns of a PDF copied onto one line (its runs of blanks collapsed)
_INNER_LABEL = re.compile(r"(?<=\s)(?=[A-Z\u00c0-\u00de][^:]{1,40}?\s*:\s*\S)")


def unflattened(lines: list[Line], labels: Mapping[str, object]) -> list[Line]:
    """The lines, one that holds two of this family's "Label : value" lines (`labels`: folded label -> field or
    role; a PDF's two columns flattened onto one: "Cofinancé par : X          Réalisé par : Y") as those two, on the
    same line number. Only a label the family reads opens the second ("Contact : 12 Rue X. Tél : …" stays one): no
    name or zone holds one followed by a colon."""
    kept = []
    for line in lines:
        if line.text.count(":") < 2 or not labelled(line, labels):
            kept.append(line)
            continue
        start = 0
        for mark in _INNER_LABEL.finditer(line.text, len(line.text.partition(":")[0]) + 1):
            label = line.text[mark.start():].partition(":")[0]
            if mark.start() > start and labels.get(label_key(label) or "") is not None:
                kept.append(Line.of(line.number, line.text[start:mark.start()].strip(), line.indent, line.bulleted))
                start = mark.start()
        kept.append(line if start == 0 else Line.of(line.number, line.text[start:], line.indent))
    return kept


def labelled(line: Line, labels: Mapping[str, object]) -> tuple[object, str] | None:
    """(field or role, value) of a "Label : value" line whose label is one of `labels`; None for any other line."""
    label, sep, value = line.text.partition(":")
    target = labels.get(label_key(label)) if sep else None
    return (target, value.strip()) if target and value.strip() else None

"""A project status as the pages word it beyond the status scheme's labels: "Prolongé" (an extended project, still
running) and "En phase de clôture" (closing, not closed yet) are read as the scheme's active status, with a note,
rather than made concepts of their own (each such page would widen the controlled vocabulary)."""

from __future__ import annotations

import re

from .textnorm import excerpt, fold

# Wordings of a status the scheme names otherwise, folded, in French and in English: the head of a status with a
# remark is read by datefields.without_date_remark first ("Terminé (prolongé)" is "Terminé").
# A no-cost extension's wording ("Prolongation sans coût jusqu'au 31/12/2024", "No-cost extension until June 2024")
# is an extended project's too: its date is read as the end date (datefields.extension_end)
_EXTENDED = {"fr": re.compile(r"(?:en )?prolong(?:e|ee|ation)(?: \(?sans (?:frais|couts?)\)?)?"
                              r"(?: (?:jusqu'(?:au|en|a) ?|jusque |au )\S.*)?"),
             "en": re.compile(r"(?:extended|(?:under |in )?(?:a )?(?:no[- ]cost )?extension)"
                              r"(?: at no(?: additional)? cost)?(?: (?:until|till|to) \S.*)?")}
# Closing: the scheme has no status for it (IATI's 3, "Finalisation", is not one of ours). It is read as active, not
# completed: the page says the project has not ended yet, and "completed" would say it has; the note says so.
_CLOSING = {"fr": re.compile(r"(?:en (?:phase|cours) de |phase de |en )cloture|cloture en cours"
                             r"|en (?:cours de )?finalisation"),
            "en": re.compile(r"closing(?: phase)?|in (?:the )?closing phase|being closed|finali[sz]ing")}
_ACTIVE = {"fr": "Actif", "en": "Active"}


def status_wording(value: str, line: int, notes: list[tuple[int, str]]) -> str:
    """The status a value names: the value itself, or the active status for an extended or closing project's
    wording, with a note saying why."""
    folded = fold(value).strip(" .")
    for patterns, why in ((_EXTENDED, "an extended project is still running (the extension is left out of the "
                                      "record)"),
                          (_CLOSING, "a project being closed has not ended yet, and the status scheme has no "
                                     "closing status (IATI's 3, Finalisation)")):
        for language, pattern in patterns.items():
            if pattern.fullmatch(folded):
                active = _ACTIVE[language]
                notes.append((line, f'status "{excerpt(value)}" is read as "{active}": {why}'))
                return active
    return value

"""One organisation, one IRI across pages. A page's organisation gets its IRI from its acronym when the page gives
one, else from its name (converters.rdf), so a page writing "Fondation Orient-Occident (FOO)" and another writing
"Fondation Orient-Occident" make two IRIs of one organisation, which no page's conversion can see. Once every
page is converted, the build makes them one: organisations that carry one name (the same skos:prefLabel text,
or one's skos:prefLabel the skos:altLabel of no other organisation but one) are published under one IRI, with
every name each page gave."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.namespace import SKOS

from converters.namespaces import DEFAULT_BASE
from converters.textnorm import slug

from . import export, ntriples

PREF_LABEL, ALT_LABEL = ntriples.iri(str(SKOS.prefLabel)), ntriples.iri(str(SKOS.altLabel))


def names_file(run: Path) -> Path:
    """Where a chunk's worker notes the names of the organisations its pages describe (see note_names)."""
    return run.with_suffix(".organisations")


def note_names(run: Path, pages: Iterable[tuple[str, Iterable[str]]], base: str) -> None:
    """Write, for each publishable page given as (its path, its N-Triples lines), the skos:prefLabel and
    skos:altLabel lines of the organisations it describes, each after the page's path and a tab."""
    prefix = f"<{base}organisation/"
    with names_file(run).open("w", encoding="utf-8", newline="\n") as handle:
        for path, lines in pages:
            handle.writelines(f"{path}\t{line}" for line in lines
                              if line.startswith(prefix) and (_PREF in line or _ALT in line))


_PREF, _ALT = f" {PREF_LABEL} ", f" {ALT_LABEL} "


@dataclass
class Settled:
    """What settle decided: each organisation IRI that goes -> the IRI it is published under (both as `<…>`
    terms), the records whose pages named one that goes, and a notice for each organisation made one."""

    renamed: dict[str, str] = field(default_factory=dict)
    records: frozenset[str] = frozenset()
    notices: list[str] = field(default_factory=list)


def settle(results: list, base: str = DEFAULT_BASE, jobs: int = 1) -> Settled:
    """Make each organisation that the publishable pages name under several IRIs one (see the module's text):
    rewrite the run files and the contributions' lines with the IRI kept. The IRI kept is the one made from an
    acronym (as a page that gives the acronym names it), then the one the most pages name, then the first in
    code point order: it depends on which pages are published, never on how they were shared among workers."""
    good = [r for r in results if r.publishable]
    paths = {r.path for r in good}
    runs = sorted({Path(r.run) for r in good if getattr(r, "run", None)})
    named: dict[str, set[str]] = {}  # each page path -> the organisation IRIs it describes
    labels: dict[str, dict[str, set[str]]] = {_PREF: {}, _ALT: {}}  # kind -> label text -> organisation IRIs
    acronyms: set[str] = set()  # organisation IRIs made from an acronym of theirs
    for path, line in _noted(runs, paths):
        subject, predicate, obj = ntriples.split(line)
        text, language, _ = ntriples.literal(obj)
        named.setdefault(path, set()).add(subject)
        labels[f" {predicate} "].setdefault(text, set()).add(subject)
        if predicate == ALT_LABEL and language is None and subject.endswith(f"/{slug(text)}>"):
            acronyms.add(subject)
    groups = _groups(labels)
    if not groups:
        return Settled()
    pages: dict[str, int] = {}
    for organisations in named.values():
        for organisation in organisations:
            pages[organisation] = pages.get(organisation, 0) + 1
    names: dict[str, list[str]] = {}  # each organisation IRI -> its prefLabels' texts
    for text, organisations in labels[_PREF].items():
        for organisation in organisations:
            names.setdefault(organisation, []).append(text)
    settled = Settled()
    for group in groups:
        kept, *others = sorted(group, key=lambda iri: (iri not in acronyms, -pages.get(iri, 0), iri))
        settled.renamed.update((other, kept) for other in others)
        settled.notices.append(_notice(kept, others, names))
    touched = [r for r in good if not named.get(r.path, set()).isdisjoint(settled.renamed)]
    settled.records = frozenset(r.iri for r in touched if r.iri)
    _rename(good, sorted({Path(r.run) for r in touched if getattr(r, "run", None)}), settled.renamed, base, jobs)
    return settled


def _noted(runs: list[Path], paths: set[str]) -> Iterator[tuple[str, str]]:
    """(page path, label line) of the organisations the publishable pages of the runs describe."""
    for run in runs:
        notes = names_file(run)
        if notes.is_file():
            with notes.open(encoding="utf-8", newline="\n") as handle:
                for entry in handle:
                    path, _, line = entry.partition("\t")
                    if path in paths:
                        yield path, line


def _groups(labels: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """The organisations that are one, in groups of two or more: those sharing a prefLabel's text, and one
    whose prefLabel is the altLabel of a single other (an acronym several organisations share joins none)."""
    parent: dict[str, str] = {}

    def root(iri: str) -> str:
        while parent.get(iri, iri) != iri:
            iri = parent[iri]
        return iri

    for text, organisations in labels[_PREF].items():
        alternative = labels[_ALT].get(text, set())
        joined = sorted(organisations | (alternative if len(alternative) == 1 else set()))
        for other in joined[1:]:
            first, second = root(joined[0]), root(other)
            if first != second:
                parent[max(first, second)] = min(first, second)
    found: dict[str, list[str]] = {}
    for iri in parent:
        found.setdefault(root(iri), [root(iri)])
    for iri in parent:
        if iri != root(iri):
            found[root(iri)].append(iri)
    return sorted(sorted(group) for group in found.values())


def _notice(kept: str, others: list[str], names: dict[str, list[str]]) -> str:
    shared = sorted({text for iri in (kept, *others) for text in names.get(iri, ())})
    return (f"{', '.join(others)} and {kept} are one organisation (named {' / '.join(map(repr, shared[:3]))}): "
            f"published as {kept}, with every name the pages give; give it its acronym on every page, or none")


def _rename(results: list, runs: list[Path], renamed: dict[str, str], base: str, jobs: int = 1) -> None:
    """Put the IRI kept in place of each that goes, in the run files (sorted and distinct again: in `jobs`
    processes, each a share of them) and the contributions' lines."""
    term = re.compile(rf"<{re.escape(base)}organisation/[^>]*>")
    if jobs > 1 and len(runs) > 1 and export.can_fork():
        shares = [runs[number::jobs] for number in range(jobs)]
        export.forked(_rename_runs, [(share, term, renamed) for share in shares if share])
    else:
        _rename_runs(runs, term, renamed)
    for result in results:
        if not getattr(result, "run", None) and result.lines:  # a contribution's lines are its own
            text = _renamed("".join(result.lines), term, renamed)
            if text is not None:
                result.lines = sorted({f"{line}\n" for line in text.split("\n")[:-1]})


def _rename_runs(runs: list[Path], term: re.Pattern, renamed: dict[str, str]) -> None:
    for run in runs:
        text = _renamed(run.read_text(encoding="utf-8"), term, renamed)
        if text is not None:
            run.write_text(text, encoding="utf-8", newline="\n")


def _renamed(text: str, term: re.Pattern, renamed: dict[str, str]) -> str | None:
    """The sorted distinct lines of `text` with the organisation IRIs of `renamed` replaced, as one text; None
    if it has none. The lines that change are found where `term` matches in the whole text (not searched for
    line by line), sorted again and put among the others, which are in order already, by bisection: no Python
    loop over the lines that stay (most of them). Lines end at "\n" only: a literal may hold U+2028 or U+0085,
    which str.splitlines takes for line ends."""
    ends: dict[int, int] = {}  # where each line holding an IRI that goes starts -> where it ends
    for match in term.finditer(text):
        if match[0] in renamed:
            start = text.rfind("\n", 0, match.start()) + 1
            if start not in ends:
                ends[start] = text.index("\n", match.end())  # every line ends with "\n"
    if not ends:
        return None
    pieces: list[str] = []
    changed: set[str] = set()
    done = 0
    for start in sorted(ends):
        pieces.append(text[done:start])
        changed.add(term.sub(lambda match: renamed.get(match[0], match[0]), text[start:ends[start]]))
        done = ends[start] + 1
    pieces.append(text[done:])
    lines = "".join(pieces).split("\n")[:-1]  # every line ends with "\n": nothing after the last
    merged: list[str] = []
    done = 0
    for line in sorted(changed):
        at = bisect.bisect_left(lines, line, done)
        merged += lines[done:at]
        if at == len(lines) or lines[at] != line:  # one that stays may read the same already
            merged.append(line)
        done = at
    merged += lines[done:]
    return "\n".join(merged) + "\n"

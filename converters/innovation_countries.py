"""The IOM innovation table's country rows: a MISSION row's countries as the IOM names its missions (an office
of no one country left out), and a PAYS BÉNÉFICIAIRES row's eligible and other countries, or the whole world."""

from __future__ import annotations

import re

from .countries import check_apart, split_countries
from .datefields import remark_note
from .errors import PageError
from .pagelines import Line
from .records import Project
from .textnorm import collapse, excerpt, fold
from .values import REMARK, no_value

# Inside the beneficiaries row: sub-lists headed "États membres (ne) remplissant…:" / "Member States (not) meeting…:".
SUBLIST = re.compile(r"(?P<label>(?:(?:non[-\s]?|not\s+|in)?[ée]ligibles?\s+)?"
                     r"(?:[ée]tats?\s+membres?|member\s+states?)\b[^:;]{0,120}):", re.IGNORECASE)
_ELIGIBILITY = re.compile(r"remplissant|meeting|eligible")
_NOT_ELIGIBLE = re.compile(r"ne remplissant pas|not meeting|non[- ]?eligible|not eligible|ineligible")
# What a MISSION row may write before its country, folded: "OIM", "IOM", "Mission de l'OIM en", "Bureau de pays de
# l'OIM au", "IOM Mission in", "IOM Mission in the" (Philippines), "IOM Country Office for"
_MISSION_HEAD = re.compile(r"(?:(?:la\s+)?mission|bureau(?:\s+de\s+pays)?|(?:country\s+)?office)?\s*(?:de\s+l'|of\s+)?"
                           r"(?:oim|iom)\b(?:\s+(?:mission|country\s+office|office))?"
                           r"\s*(?:(?:en|au|aux|a|in|du|de|for|pour\s+l[ae])\s+(?:the\s+)?|d'|pour\s+l')?[-:,]?\s*")
# A MISSION that is an office of a region, or of no place: "Bureau régional pour l'Amérique du Sud", "Siège"
_OFFICE = re.compile(r"\bregion(?:al|ale|aux)?\b|\bbureau\b|\boffice\b|\bsiege\b|\bheadquarters\b")
# A country's office named by its city, folded, the country in brackets after it: "Bureau de pays à Amman
# (Jordanie)", "IOM Country Office in Amman (Jordan)" (a regional office or the headquarters is no country's)
_CITY_OFFICE = re.compile(r"^(?:(?:oim|iom)\s+)?(?:bureau\s+de\s+pays|country\s+office|mission)\b")
_NO_COUNTRY_S = re.compile(r"\bregion(?:al|ale|aux)?\b|\bsiege\b|\bheadquarters\b")
# Beneficiary countries that are the whole world, folded: a global project, of the IDF's region "Global"/"Mondial"
_WORLD = re.compile(r"mondiale?|globale?|monde entier|worldwide")
# What parts the missions of a row that names several as the IOM names them: "OIM Niger / OIM Mali"
_MISSIONS = re.compile(r"\s*[/;]\s*|\s+(?:et|and|&)\s+")


def mission(project: Project, value: str, line: int) -> list[str]:
    """The mission's countries: "Argentine", and as the IOM names its missions, "OIM Argentine", "Mission de l'OIM
    au Maroc", "Argentine (Buenos Aires)", "Bureau de pays à Amman (Jordanie)", several: "OIM Niger / OIM Mali". A
    regional office is no one country's: left out with a note."""
    try:
        return _one_mission(value, line)
    except PageError as error:
        refused, missions = error, _MISSIONS.split(value.strip())
    if len(missions) > 1:
        try:
            return list(dict.fromkeys(code for mission in missions for code in _one_mission(mission, line)))
        except PageError as error:
            refused = error
    if _OFFICE.search(fold(REMARK.sub(" ", value))):
        project.notes.append((line, f'row "MISSION: {excerpt(value, 60)}" names an office of no one country: '
                                    "left out of the record"))
        return []
    if len(missions) > 1:  # the error quotes a part of the value, which reads as if the page had written it alone
        raise PageError(f'{refused.message} in the missions "{excerpt(value)}"', refused.hint, line=line)
    raise refused


def _one_mission(value: str, line: int) -> list[str]:
    """The countries of one mission as mission() reads it; PageError (the one the value gives alone) for none."""
    try:
        return split_countries(value, line)
    except PageError as error:
        refused = error
    folded = fold(REMARK.sub(" ", value)).strip()
    head = _MISSION_HEAD.match(folded)
    try:
        return split_countries(folded[head.end():] if head else folded, line)
    except PageError:
        pass
    brackets = REMARK.findall(value)
    if len(brackets) == 1 and _CITY_OFFICE.match(folded) and not _NO_COUNTRY_S.search(folded):
        try:
            codes = split_countries(brackets[0][1:-1], line)
        except PageError:
            raise refused from None
        if len(codes) == 1:
            return codes
    raise refused


def beneficiaries(project: Project, line: Line) -> None:
    """ "PAYS BÉNÉFICIAIRES – Eligible…: A, B; Not eligible…: C" -> eligible and other countries; a row without
    those sub-lists ("Pays bénéficiaires : A, B") names countries that benefit, and says nothing of eligibility."""
    matches = [m for m in SUBLIST.finditer(line.text) if _ELIGIBILITY.search(fold(m["label"]))]
    if not matches:
        _, _, value = line.text.partition(":")
        value = value.strip(" |")
        head = collapse(REMARK.sub(" ", value))
        if _WORLD.fullmatch(fold(head).strip(" .")):  # no country: the project's region is the world
            project.region = head
            if head != value:
                project.notes.append((line.number, remark_note("beneficiary countries", value, head)))
            return
        project.beneficiary_countries = split_countries(value, line.number, project.notes)
        return
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(line.text)
        names = line.text[match.end():end].strip(" ,;|")  # none after "…: Aucun"
        codes = split_countries(names, line.number, project.notes) if names and not no_value(names) else []
        if _NOT_ELIGIBLE.search(fold(match["label"])):
            project.other_countries = codes
        else:
            project.eligible_countries = codes
    check_apart(project.eligible_countries, project.other_countries, line.number)

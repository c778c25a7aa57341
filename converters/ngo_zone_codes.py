"""ISO 3166-2 codes in brackets after a zone's names on NGO pages ("Tunis (TN-11), Sfax (TN-61)"): each names the
subdivision the name before it names, checked, and goes; one that names another is refused."""

from __future__ import annotations

import re

import pycountry

from .errors import PageError
from .ngo_zone_names import ADMIN_AREA, area_name
from .subdivisions import published_name, subdivisions_named
from .textnorm import excerpt, fold

# A name, then a code of the ISO 3166-2 form in brackets: "Tunis (TN-11)", "Gouvernorat de Sfax (TN-61)"
_CODED = re.compile(r"(?P<name>[^,;()]+?)\s*\(\s*(?P<code>[A-Z]{2}-[A-Z0-9]{1,3})\s*\)")

# What comes before a name in a list of them: "Gouvernorats de Tunis (TN-11) et de Sfax (TN-61)"
_LINK = re.compile(r"^(?:(?:et|and|&|ainsi que)\s+)?(?:de la |de l['\u2019]|du |des |de |d['\u2019]|of )?",
                   re.IGNORECASE)


def without_codes(value: str, line: int, notes: list[tuple[int, str]]) -> str:
    """The zone `value` without the ISO 3166-2 codes in brackets after its names, each checked against the name
    before it (noted); PageError for a code that names another subdivision than its name does."""
    left: list[str] = []

    def checked(match: re.Match) -> str:
        code, name = match["code"], match["name"].strip()
        if pycountry.subdivisions.get(code=code) is None:
            return match[0]  # no subdivision's code: a remark the zone reader reads as such
        bare = _LINK.sub("", area_name(name) if ADMIN_AREA.match(fold(name)) else name)
        if code not in {found.code for found in subdivisions_named(bare)}:
            raise PageError(f'zone "{excerpt(value)}": {code} is {published_name(code)}, not "{excerpt(name, 40)}"',
                            "give each name the code of the subdivision it names, or leave the code out", line=line)
        left.append(code)
        return match[0][:len(match[0]) - len(match[0].lstrip())] + name
    read = _CODED.sub(checked, value)
    if left:
        notes.append((line, f'zone "{excerpt(value)}": the ISO 3166-2 codes in brackets ({", ".join(left)}) name the '
                            "subdivisions their names do: read by the names"))
    return read

"""Lines a PDF copy wrapped: a label or value that breaks off at a line's end and goes on on the next."""

from __future__ import annotations

import re

# A line that breaks off after a word no label or value ends with ("… remplissant les", "Corne de"), or inside
# brackets ("Bolivie (État"): a PDF copy wrapped it there, and the next line goes on with it
_DANGLING = re.compile(r"(?:^|\s)(?:de|du|des|et|ou|en|à|au|aux|la|le|les|pour|par|sur|dans|avec|of|the|and|or|for|"
                       r"in|on|to|with|[dl]['\u2019])$", re.IGNORECASE)
_DANGLING_TAIL = 6  # characters: a space and the longest of those words


def breaks_off(text: str) -> bool:
    """True for a line a PDF copy wrapped: it ends on a word such as "de" or "les", or with a bracket left open."""
    # the last six characters hold any such word and the space before it (searching the whole line took ten times
    # as long); from an index other than 0, "^" matches nowhere
    return bool(_DANGLING.search(text, max(0, len(text) - _DANGLING_TAIL))) or text.count("(") > text.count(")")

"""What a SPARQL query is, and whether it may run: refuse updates and SERVICE before any engine sees the query.

Both pyoxigraph and rdflib send SERVICE requests to any host, and pyoxigraph's HTTP client gets past Python's
audit hooks, so the only safe place to stop them is here, on the query text. The scanner follows the SPARQL 1.1
terminals (strings, IRIs, comments, variables, prefixed names with their backslash escapes), so a keyword inside
a string, an IRI or a comment is not a keyword, and one hidden any other way is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ForbiddenQuery, QuerySyntaxError

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
         "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_ECHAR = r"""\\[tbnrf\\"']"""

# One alternative per terminal, tried in this order at each position; the group name is the token's kind.
_TOKEN = re.compile("|".join([
    r"(?P<space>[ \t\r\n]+)",
    r"(?P<comment>#[^\r\n]*)",
    r"""(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)""",
    rf"""(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}}))*'''"""
    rf'''|"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}}))*"""'''
    rf"""|'(?:[^'\\\n\r]|{_ECHAR}|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*'"""
    rf'''|"(?:[^"\\\n\r]|{_ECHAR}|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*")''',
    rf"(?P<variable>[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
    rf"(?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)",
    rf"(?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)",
    r"(?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)",
    r"(?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)",
    rf"(?P<word>[{_CHARS_U}0-9]+)",
    r"(?P<other>.)",
]), re.DOTALL)


@dataclass(frozen=True)
class Token:
    """One terminal of the query text, with where it starts (1-based line and column)."""

    kind: str
    text: str
    line: int
    column: int


def tokens(query: str) -> list[Token]:
    """The query's terminals, whitespace and comments left out."""
    found: list[Token] = []
    line, line_start = 1, 0
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup or "other", match.group()
        if kind not in ("space", "comment"):
            found.append(Token(kind, text, line, match.start() - line_start + 1))
        newlines = text.count("\n")
        if newlines:
            line += newlines
            line_start = match.start() + text.rindex("\n") + 1
    return found


def _hides_service(token: Token) -> bool:
    """True when an engine could read SERVICE in this token: pyoxigraph reads `SERVICEx:y` as SERVICE then x:y."""
    if token.kind in ("word", "langtag", "bnode"):
        return "service" in token.text.lower()
    if token.kind == "pname":
        return "service" in token.text.partition(":")[0].lower()
    return False


def query_kind(query: str, *, allow_service: bool = False) -> str:
    """"select", "ask" or "graph" (CONSTRUCT, DESCRIBE); raises ForbiddenQuery for updates, and for SERVICE
    unless `allow_service` (a remote endpoint decides for itself)."""
    found = tokens(query)
    for token in found:
        if not allow_service and _hides_service(token):
            raise ForbiddenQuery(f"line {token.line}, column {token.column}: SERVICE is refused here",
                                 "this endpoint answers from its own data only; query the other endpoint directly")
    for token in found:
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        if keyword in UPDATE_KEYWORDS:
            raise ForbiddenQuery(f"line {token.line}, column {token.column}: {keyword} is an update and updates "
                                 "are refused", "the published data is read-only; ask with SELECT, ASK, CONSTRUCT "
                                 "or DESCRIBE")
        if keyword in QUERY_FORMS:
            return QUERY_FORMS[keyword]
    where = _after_prologue(found) or (found[-1] if found else Token("other", "", 1, 1))
    seen = f"found {where.text!r}" if where.text else "the query is empty"
    raise QuerySyntaxError(f"line {where.line}, column {where.column}: expected SELECT, ASK, CONSTRUCT or DESCRIBE, "
                           f"{seen}", "write one SPARQL 1.1 query", line=where.line, column=where.column)


def _after_prologue(found: list[Token]) -> Token | None:
    """The first token after the PREFIX and BASE declarations: where the query form should be."""
    i = 0
    while i < len(found):
        keyword = found[i].text.upper() if found[i].kind == "word" else ""
        if keyword == "BASE":
            i += 2
        elif keyword == "PREFIX":
            i += 3
        else:
            return found[i]
    return None

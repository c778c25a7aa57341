"""SPARQL JSON results as a table for people at a terminal: prefixed IRIs, plain literals, long cells cut."""

from __future__ import annotations

import json

from converters.namespaces import DEFAULT_BASE, PREFIXES

from .errors import EndpointError

MAX_CELL = 60
_XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {f"{_XSD}{name}" for name in ("integer", "decimal", "double", "float", "int", "long", "short",
                                        "nonNegativeInteger", "positiveInteger")}
_DATA_SPACES = ("project", "organisation", "country", "subdivision", "place", "concept", "programme", "source")


def display_prefixes(declared: dict[str, str], base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefixes used to shorten IRIs: the query's own first, then the project's vocabulary and data spaces."""
    known = {name: str(namespace) for name, namespace in PREFIXES.items()}
    known.update({space: f"{base}{space}/" for space in _DATA_SPACES})
    known.update(declared)
    return known


def _shorten(iri: str, prefixes: dict[str, str]) -> str:
    best = max((ns for ns in prefixes.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    local = iri[len(best):]
    if not local or any(c in local for c in " /#?<>\"{}|^`\\"):
        return f"<{iri}>"
    return f"{next(n for n, ns in prefixes.items() if ns == best)}:{local}"


def _cell(term: dict | None, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        text = _shorten(term["value"], prefixes)
    elif term["type"] == "bnode":
        text = f"_:{term['value']}"
    elif term["type"] == "triple":
        parts = term["value"]
        text = "<< " + " ".join(_cell(parts[k], prefixes) for k in ("subject", "predicate", "object")) + " >>"
    else:
        text = term["value"]
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def parse_json(body: bytes) -> dict:
    """SPARQL 1.1 JSON results, or a clear error when the body is something else."""
    try:
        results = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise EndpointError(f"the answer is not SPARQL JSON results ({error})",
                            "check that the URL is a SPARQL endpoint") from None
    if not isinstance(results, dict) or ("boolean" not in results and "results" not in results):
        raise EndpointError("the answer is JSON but not SPARQL results", "check that the URL is a SPARQL endpoint")
    return results


def render(body: bytes, declared: dict[str, str] | None = None) -> str:
    """A SELECT or ASK answer (SPARQL JSON) as an aligned text table with a row count."""
    results = parse_json(body)
    if "boolean" in results:
        return ("yes" if results["boolean"] else "no") + "\n"
    prefixes = display_prefixes(declared or {})
    variables = results.get("head", {}).get("vars", [])
    bindings = results["results"]["bindings"]
    rows = [[_cell(binding.get(v), prefixes) for v in variables] for binding in bindings]
    numeric = [bool(bindings) and all(b.get(v, {}).get("datatype") in NUMBERS for b in bindings if v in b)
               for v in variables]  # numbers are right-aligned
    widths = [max([len(v)] + [len(row[i]) for row in rows]) for i, v in enumerate(variables)]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(cells: list[str], header: bool = False) -> str:
        return "| " + " | ".join(c.rjust(w) if right and not header else c.ljust(w)
                                 for c, w, right in zip(cells, widths, numeric, strict=True)) + " |"

    out = [rule, line(variables, header=True), rule] + [line(row) for row in rows] + [rule]
    count = len(rows)
    out.append(f"{count} row{'s' if count != 1 else ''}")
    return "\n".join(out) + "\n"

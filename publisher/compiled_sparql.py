"""SPARQL-based constraints for the compiled engine (publisher.compiled): pySHACL's query, prefixes, bindings and
messages (taken from pySHACL's own SPARQLQueryHelper), run the cheapest way that gives each focus node its rows.

- A star pattern around $this (publisher.shacl._star: every triple is $this, a fixed predicate, a variable of
  its own; BINDs and FILTERs never read $this) gives a node rows that depend only on its values of those
  predicates: the rows are memoised by that set of values, and `prefetch` answers every set a batch of data
  graphs has not seen yet in one query on one stand-in node per set.
- Another query whose rows for a node are the rows with no node bound, kept where ?this is that node
  (publisher.shacl._answerable_at_once), runs once per data graph.
- Anything else runs once per focus node with $this bound, as pySHACL runs it.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef, Variable

from .data import Data, canonical
from .shacl import _answerable_at_once, _prepared, _star
from .sparql_star import NotEvaluable, StarQuery

_THIS = Variable("this")
_STAR_ROWS: dict = {}  # (query text, values) -> rows, each a dict of variable name -> term, ?this unbound
_STAR_LIMIT = 200_000
_STAND_IN = URIRef("urn:migration-lod:stand-in")


class SparqlCheck:
    """One sh:sparql constraint of one shape."""

    def __init__(self, shape, helper, component, result_class) -> None:
        self.shape = shape
        self.component = component
        self.result_class = result_class
        self.helper = helper
        binds, text = helper.pre_bind_variables(URIRef("urn:migration-lod:focus"))
        self.text = helper.apply_prefixes(text)
        self.bound = set(binds)  # 'this', and 'currentShape' when the text names it
        self.current_shape = binds.get("currentShape")
        self.extra = helper.messages or None  # the constraint's own sh:message, if any
        self.query = _prepared(self.text)
        star = _star(self.text) if self.bound == {"this"} else None
        self.star = tuple((canonical(p), v) for p, v in star) if star else None
        self.at_once = self.star is None and self.bound == {"this"} and _answerable_at_once(self.text)
        self.evaluator = None
        if self.star is not None:
            try:
                self.evaluator = StarQuery(self.query.algebra, self.star)
            except NotEvaluable:
                pass  # rdflib answers, on stand-in nodes

    # --- rows -------------------------------------------------------------------------------------------------

    def _key(self, data: Data, focus) -> tuple | None:
        values = tuple(frozenset(data.values(focus, predicate)) for predicate, _ in self.star)
        return values if all(values) else None

    def prefetch(self, datas: list[Data]) -> None:
        """Answer in one query every set of values these data graphs hold that no earlier query answered."""
        if self.star is None:
            return
        predicates = [p for p, _ in self.star]
        missing: dict = {}
        for data in datas:
            for values in data.out.values():
                if all(p in values for p in predicates):
                    key = tuple(frozenset(values[p]) for p in predicates)
                    if (self.text, key) not in _STAR_ROWS:
                        missing[key] = None
        if missing:
            self._answer(list(missing))

    def _answer(self, keys: list) -> None:
        """Each set of values' rows (?this bound to _STAND_IN), by the star evaluator or by rdflib on a graph of
        one stand-in node per set."""
        if len(_STAR_ROWS) + len(keys) > _STAR_LIMIT:
            _STAR_ROWS.clear()
        if self.evaluator is not None:
            for key in keys:
                _STAR_ROWS[(self.text, key)] = self.evaluator.rows(_STAND_IN, key)
            return
        small = Graph()
        stand_ins = {}
        for number, key in enumerate(keys):
            stand_in = stand_ins[key] = URIRef(f"urn:migration-lod:stand-in:{number}")
            for (predicate, _), objects in zip(self.star, key, strict=True):
                for value in objects:
                    small.add((stand_in, predicate, value))
        rows: dict = {}
        for row in small.query(self.query):
            found = row.asdict()
            rows.setdefault(found["this"], []).append({k: _STAND_IN if k == "this" else v for k, v in found.items()})
        for key, stand_in in stand_ins.items():
            _STAR_ROWS[(self.text, key)] = rows.get(stand_in, [])

    def rows(self, data: Data, focus) -> list[dict]:
        """The query's rows for this focus node, as dicts of variable name -> term."""
        if self.star is not None:
            key = self._key(data, focus)
            if key is None:
                return []
            found = _STAR_ROWS.get((self.text, key))
            if found is None:
                self._answer([key])
                found = _STAR_ROWS[(self.text, key)]
            return [{k: focus if v is _STAND_IN else v for k, v in row.items()} for row in found]
        if self.at_once:
            by_this = data.cache.get(self)
            if by_this is None:
                by_this = data.cache[self] = {}
                for row in data.graph().query(self.query):
                    by_this.setdefault(row["this"], []).append(row.asdict())
            return by_this.get(focus, [])
        binds = {"this": focus}
        if self.current_shape is not None:
            binds["currentShape"] = self.current_shape
        return [row.asdict() for row in data.graph().query(self.query, initBindings=binds)]

    # --- results ----------------------------------------------------------------------------------------------

    def run(self, data: Data, pairs: list) -> list:
        """The results of the constraint on each focus node (pySHACL's _evaluate_sparql_constraint)."""
        results = []
        own_value = not self.shape.is_property
        for focus, _values in pairs:
            for violation in _violations(self.rows(data, focus)):
                results.append(self._result(data, focus, focus if own_value else None, violation))
        return results

    def _result(self, data: Data, focus, result_value, violation: tuple):
        if violation[0] is True:
            bound = violation[1]
            node, value, path = focus, result_value, None
        else:
            this, path, value, variables = violation
            value = result_value if value is None else value
            bound = dict(variables)
            for name, term in (("this", this), ("path", path), ("value", value)):
                if term is not None:
                    bound[name] = term
            node = this or focus
        result = self.result_class(node, value, path, self.shape, component=self.component)
        result.messages = self._messages(data, node, value, bound)
        return result

    def _messages(self, data: Data, focus, value, bound: dict) -> list:
        """pySHACL's make_v_result messages: the constraint's sh:message (filled), else the shape's (filled), else
        pySHACL's generic text (filled)."""
        messages = list(self.shape.messages)
        found = []
        if self.extra:
            for message in self.extra:
                if message in messages:
                    continue
                found.append(Literal(_fill(str(message.value), bound)) if isinstance(message, Literal) else message)
        elif not messages:
            messages = self.generic(data, focus, value) or messages
        for message in messages:
            found.append(Literal(_fill(str(message.value), bound)) if isinstance(message, Literal) else message)
        return found

    def generic(self, data: Data, focus, value) -> list:
        """pySHACL's text for a SPARQL result with no message."""
        return self.component.make_generic_messages(data.graph(), focus, value)


def _fill(message: str, bound: dict) -> str:
    """pySHACL's _format_sparql_based_result_message: each {?var} or {$var} replaced by the term's text."""
    for name, term in bound.items():
        message = re.sub("{{[?$]{}}}".format(name), str(term), message)  # noqa: UP032 (pySHACL's own)
    return message


def _violations(rows: list[dict]) -> list[tuple]:
    """pySHACL's _validate_sparql_query on rows: one (True, vars) for the first ?failure, else (this, path,
    value, vars) for each row binding one of them, duplicates dropped."""
    violations: list = []
    failed = False
    for row in rows:
        variables = dict(row)
        if variables.pop("failure", None) is not None:
            if not failed:
                violations.append((True, variables))
                failed = True
            continue
        path = variables.pop("path", None)
        value = variables.pop("value", None)
        this = variables.pop("this", None)
        if (path is not None or value is not None or this is not None) and (this, path, value, variables) \
                not in violations:
            violations.append((this, path, value, variables))
    return violations

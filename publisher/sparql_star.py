"""rdflib's own evaluation of a star query (publisher.shacl._star) on one set of values, without its plumbing.

rdflib evaluates `SELECT ... WHERE { $this p1 ?a ; p2 ?b . BIND(...) FILTER(...) }` at about a millisecond per
row, nearly all of it in the machinery around its operators (contexts cloned, forgotten and merged, every
sub-expression reached through CompValue lookups), not in the operators. Here the basic graph pattern is the
product of the value sets, and each BIND and FILTER runs rdflib's own operator functions (Builtin_SUBSTR,
RelationalExpression, the xsd casts...) on rdflib's own algebra, the steps in rdflib's order with rdflib's rules:
an operator's SPARQLError is a value (Expr.eval), a BIND that fails leaves its variable unbound (evalExtend),
a FILTER that fails drops the row (_ebv), unbound variables raise NotBoundError (parserutils.value). Only
operators that never read the query context are allowed (checked in their source); any other query stays with
rdflib.
"""

from __future__ import annotations

import inspect
import itertools
from collections import OrderedDict

from pyparsing import ParseResults
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql import operators
from rdflib.plugins.sparql.operators import EBV
from rdflib.plugins.sparql.parserutils import CompValue, Expr
from rdflib.plugins.sparql.sparql import NotBoundError, SPARQLError

_ALLOWED = ("Builtin_SUBSTR", "Builtin_DATATYPE", "ConditionalAndExpression", "ConditionalOrExpression",
            "Builtin_IF", "Builtin_REPLACE", "Builtin_STR", "RelationalExpression", "Builtin_STRLEN",
            "Builtin_LANG", "Builtin_isIRI", "Builtin_isLITERAL", "Builtin_isBLANK", "Builtin_isNUMERIC",
            "Builtin_UCASE", "Builtin_LCASE", "Builtin_STRSTARTS", "Builtin_STRENDS", "Builtin_CONTAINS",
            "Builtin_sameTerm", "Builtin_BOUND", "UnaryNot", "UnaryMinus", "UnaryPlus", "AdditiveExpression",
            "MultiplicativeExpression", "Builtin_ABS", "Builtin_CONCAT", "Builtin_COALESCE", "Function")
_CASTS = {URIRef("http://www.w3.org/2001/XMLSchema#" + name)
          for name in ("string", "integer", "decimal", "float", "double", "boolean")}


def _reads_no_context(function) -> bool:
    """True when the operator's body never uses its `ctx` argument."""
    body = inspect.getsource(function).split(":", 1)[1]
    body = body[body.index("\n"):] if "\n" in body else body
    return "ctx" not in body


_SAFE = {getattr(operators, name) for name in _ALLOWED if hasattr(operators, name)}
_SAFE = {f for f in _SAFE if f is operators.Function or _reads_no_context(f)}
_CAST_SAFE = _reads_no_context(operators.default_cast)


class NotEvaluable(Exception):
    """The query uses something this evaluator does not run exactly as rdflib does."""


class _Node:
    """A CompValue as an operator reads it (expr.arg, expr.get(...)), its parameters evaluated on one row the way
    CompValue._value evaluates them with a context. rdflib evaluates a parameter again each time an operator
    reads it (RelationalExpression reads its operands up to three times); the operators allowed are pure, so a
    value is kept once computed (an error is raised again each time)."""

    __slots__ = ("_expr", "_row", "_known")

    def __init__(self, expr: Expr, row: dict) -> None:
        self._expr = expr
        self._row = row
        self._known: dict = {}

    def __getattr__(self, name: str):
        if name == "name":
            return self._expr.name
        known = self._known
        if name in known:
            return known[name]
        try:
            found = OrderedDict.__getitem__(self._expr, name)
        except KeyError:
            return None
        result = known[name] = _value(found, self._row)
        return result

    def __getitem__(self, name: str):
        return _value(OrderedDict.__getitem__(self._expr, name), self._row)

    def get(self, name: str, variables: bool = False, errors: bool = False):
        return _value(OrderedDict.get(self._expr, name, name), self._row, variables)


def _value(found, row: dict, variables: bool = False):
    """parserutils.value, the row standing for the context."""
    if isinstance(found, Expr):
        return _eval(found, row)
    if isinstance(found, CompValue):
        raise Exception(f"What do I do with this CompValue? {found}")
    if isinstance(found, list):
        return [_value(x, row, variables) for x in found]
    if isinstance(found, (BNode, Variable)):
        bound = row.get(found)
        if isinstance(bound, SPARQLError):
            raise bound
        if bound is not None:
            return bound
        if variables:
            return found
        raise NotBoundError
    if isinstance(found, ParseResults) and len(found) == 1:
        return _value(found[0], row, variables)
    return found


_VARIABLES: dict = {}  # id(expression) -> (the expression, kept so its id stays its own; the variables it reads)
_MEMO: dict = {}  # (id(expression), the values of its variables) -> its value
_MEMO_LIMIT = 200_000


def _variables(expr) -> set:
    if isinstance(expr, Variable):
        return {expr}
    if isinstance(expr, BNode):
        return {expr}  # parserutils.value looks blank nodes up like variables
    if isinstance(expr, CompValue):
        return set().union(*(_variables(v) for k, v in OrderedDict.items(expr) if k != "_vars"))
    if isinstance(expr, (list, tuple, ParseResults)):
        return set().union(*(_variables(v) for v in expr))
    return set()


def _eval(expr: Expr, row: dict):
    """Expr.eval: the operator's value, or the SPARQLError it raised. The allowed operators are functions of the
    values of the variables they read, so a value once computed for those values is kept."""
    known = _VARIABLES.get(id(expr))
    if known is None:
        known = _VARIABLES[id(expr)] = (expr, tuple(sorted(_variables(expr))))
    key = (id(expr), *[row.get(v) for v in known[1]])
    found = _MEMO.get(key, _MEMO)
    if found is not _MEMO:
        return found
    try:
        found = expr._evalfn.__func__(_Node(expr, row), None)
    except SPARQLError as error:
        found = error
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[key] = found
    return found


def _check(expr) -> None:
    """Raise NotEvaluable unless every operator in `expr` is one this evaluator runs as rdflib does."""
    if isinstance(expr, Expr):
        function = expr._evalfn.__func__ if expr._evalfn is not None else None
        if function not in _SAFE:
            raise NotEvaluable(expr.name)
        if function is operators.Function and (not _CAST_SAFE or OrderedDict.get(expr, "iri") not in _CASTS):
            raise NotEvaluable(f"function {OrderedDict.get(expr, 'iri')}")
    if isinstance(expr, CompValue):
        for key, value in OrderedDict.items(expr):
            if key != "_vars":
                _check(value)
    elif isinstance(expr, (list, tuple, ParseResults)):
        for value in expr:
            _check(value)


class StarQuery:
    """A prepared star query, run on the values of one focus node."""

    def __init__(self, algebra, pairs: tuple) -> None:
        steps = []
        node = algebra
        if node.name != "SelectQuery" or node.p.name != "Project":
            raise NotEvaluable(node.name)
        self.projected = list(node.p.PV)
        node = node.p.p
        while node.name != "BGP":
            if node.name == "Extend":
                _check(node.expr)
                steps.append(("extend", node.expr, node.var))
            elif node.name == "Filter":
                _check(node.expr)
                if getattr(node, "no_isolated_scope", False):
                    raise NotEvaluable("filter without isolated scope")
                steps.append(("filter", node.expr, None))
            else:
                raise NotEvaluable(node.name)
            node = node.p
        self.steps = list(reversed(steps))
        self.variables = [variable for _, variable in pairs]

    def rows(self, this, values: tuple) -> list[dict]:
        """The rows with ?this bound to `this` and each variable to one of its values, as ResultRow.asdict()."""
        found = []
        for combination in itertools.product(*values):
            row = dict(zip(self.variables, combination, strict=True))
            row[Variable("this")] = this
            if self._passes(row):
                found.append({str(v): row[v] for v in self.projected if row.get(v) is not None})
        return found

    def _passes(self, row: dict) -> bool:
        for kind, expr, variable in self.steps:
            if kind == "extend":
                try:
                    result = _bound(expr, row)
                    if isinstance(result, SPARQLError):
                        raise result
                    if result is not None:
                        row[variable] = result
                except SPARQLError:
                    pass
            elif not _ebv(expr, row):
                return False
        return True


def _bound(expr, row: dict):
    """evalutils._eval."""
    if isinstance(expr, (Literal, URIRef)):
        return expr
    if isinstance(expr, Expr):
        return _eval(expr, row)
    if isinstance(expr, Variable):
        if expr not in row:
            raise NotBoundError(f"Variable {expr} is not bound")
        return row[expr]
    raise Exception(f"Cannot eval thing: {expr} ({type(expr)})")


def _ebv(expr, row: dict) -> bool:
    """evalutils._ebv: the filter's effective boolean value, an error being false. (rdflib first tries EBV on the
    expression itself, which for an Expr always fails, after writing out its whole repr: skipped for an Expr.)"""
    if not isinstance(expr, Expr):
        try:
            return EBV(expr)
        except SPARQLError:
            pass
    if isinstance(expr, Expr):
        try:
            return EBV(_eval(expr, row))
        except SPARQLError:
            return False
    if isinstance(expr, Variable):
        try:
            return EBV(row[expr])
        except Exception:
            return False
    return None

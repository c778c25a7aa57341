"""pySHACL, made fast for many data graphs against one shapes graph; the results are pySHACL's own.

pySHACL 0.40 redoes, for every focus node or every run, work that depends only on the shapes:
- it parses the text of a SPARQL-based constraint again for every focus node (about 85 % of a record's
  validation with shapes/project.ttl's end-before-start constraint): here each text is prepared once, and
  its check for forbidden clauses is done once;
- it builds each shape's constraint components (the sh:in list of every currency code, say) again for every
  focus node, and finds them by scanning a list: here a shape builds each component once, found in a set;
- it validates a property shape once per value node: here once with all of them (as pySHACL does for a node
  shape's own focus nodes), unless a value node comes twice;
- it runs a SPARQL constraint once per focus node: here once for all of them when its algebra shows that each
  node then gets the very rows it would get alone (_answerable_at_once), and then, for a star pattern around
  $this, on one stand-in node per distinct set of values (_star: end-before-start sees a few hundred date
  pairs, not one per project);
- `pyshacl.validate()` reads the shapes graph again on every call, and asks it the same questions over and
  over: here one ShapesGraph serves a process, over a shapes graph that remembers its answers;
- it writes a text description of every result, which Shacl.validate does not read (skipped in its runs).
tests/test_fast_validation.py compares the findings with plain pySHACL's, run in a process without these.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

import pyshacl.shape
from pyshacl import Validator
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.constraints.constraint_component import ConstraintComponent
from pyshacl.constraints.core.shape_based_constraints import PropertyConstraintComponent
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.graph_abstraction import DataGraph
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph, URIRef, Variable
from rdflib.paths import Path
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import ResultRow

_OPTIONS = {"inference": "none", "abort_on_first": False, "allow_infos": True, "allow_warnings": True,
            "advanced": False, "inplace": True, "logger": logging.getLogger("pyshacl")}


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


_run_query = SPARQLBasedConstraint._validate_sparql_query


def _run_prepared(self, query, init_binds, target_graph):
    """pySHACL's own query step, given the query prepared once instead of its text (same bindings, same rows)."""
    return _run_query(self, _prepared(query) if isinstance(query, str) else query, init_binds, target_graph)


class _Parameters(list):
    """pySHACL's list of constraint parameters, with a set behind `in` (it is asked per predicate of a shape)."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item) -> bool:
        return item in self._members


class _OncePerShape:
    """Stands for a constraint component class in pySHACL's table: builds the component once per shape."""

    LIMIT = 20_000  # components kept; past it the table starts again (shapes graphs built and dropped)

    def __init__(self, component: type) -> None:
        self.component = component
        self.built: dict[int, tuple[object, object]] = {}

    def __call__(self, shape):
        key = id(shape)
        found = self.built.get(key)
        if found is None or found[0] is not shape:
            if len(self.built) >= self.LIMIT:
                self.built.clear()
            found = (shape, self.component(shape))  # the shape is kept so its id is never reused
            self.built[key] = found
        return found[1]


_check_query = SPARQLQueryHelper.check_invalid_sparql
_checked: set[tuple] = set()


def _check_once(self, sparql_text, valuenode=None, extravars=None):
    """pySHACL's check of a query text, which depends on nothing else; a text that fails is checked again."""
    key = (sparql_text, valuenode is not None, tuple(sorted(extravars or ())))
    if key not in _checked:
        _check_query(self, sparql_text, valuenode=valuenode, extravars=extravars)
        _checked.add(key)
    return True


_describe = ConstraintComponent.make_v_result_description
_describing = threading.local()


def _describe_if_read(self, *args, **kwargs):
    """pySHACL's text for one result, unless a Shacl run (which reads the report graph, not its text) asks."""
    return "" if getattr(_describing, "off", False) else _describe(self, *args, **kwargs)


def _evaluate_property_shape(self, executor, prop_shape, target_graph, focus_value_nodes, potentially_recursive,
                             _evaluation_path):
    """pySHACL's sh:property step with the value nodes given to the property shape at once instead of one by one
    (the per-call cost is most of it); where a value node comes twice, pySHACL's own step, which reports it twice."""
    values = [v for nodes in focus_value_nodes.values() for v in nodes]
    found = self.shape.get_other_shape(prop_shape)
    if (len(values) < 2 or len(set(values)) < len(values) or not found or not found.is_property_shape
            or (potentially_recursive and found in potentially_recursive)):
        return _evaluate_one_by_one(self, executor, prop_shape, target_graph, focus_value_nodes,
                                    potentially_recursive, _evaluation_path)
    conforms, reports = found.validate(executor, target_graph, focus=values, _evaluation_path=_evaluation_path[:])
    return not conforms, reports


_evaluate_one_by_one = PropertyConstraintComponent._evaluate_property_shape
_ALGEBRA = {"SelectQuery", "Project", "Filter", "Extend", "BGP"}
_THIS = Variable("this")


@lru_cache(maxsize=256)
def _answerable_at_once(text: str) -> bool:
    """True when the query's answers for each focus node are its answers with no node bound, kept where ?this
    is that node: a SELECT of ?this over a basic graph pattern with BINDs and FILTERs that never read $this
    (so binding it first or filtering on it afterwards gives the same rows, each computed the same way)."""
    def plain(node) -> bool:
        name = getattr(node, "name", None)
        if name not in _ALGEBRA or (name == "SelectQuery" and node.get("datasetClause")):
            return False
        if name == "BGP":
            return any(_THIS in triple for triple in node.triples)
        if name in ("Filter", "Extend") and _mentions_this(node.expr):
            return False
        if name == "Project" and _THIS not in node.PV:
            return False
        return plain(node.p)

    return plain(_prepared(text).algebra)


@lru_cache(maxsize=256)
def _star(text: str) -> tuple[tuple[URIRef, Variable], ...] | None:
    """For a query answerable at once whose basic graph pattern is a star around $this (every triple is $this, a
    fixed predicate, a variable of its own), its (predicate, variable) pairs; else None. Such a query gives two
    focus nodes with the same values of those predicates the same rows but for ?this."""
    if not _answerable_at_once(text):
        return None
    node = _prepared(text).algebra
    while node.name != "BGP":
        node = node.p
    pairs = tuple((p, o) for s, p, o in node.triples)
    variables = [o for _, o in pairs]
    if (all(s == _THIS for s, _, _ in node.triples) and all(isinstance(p, URIRef) for p, _ in pairs)
            and all(isinstance(v, Variable) and v != _THIS for v in variables) and len(set(variables)) == len(pairs)):
        return pairs
    return None


def _rows_of_star(text: str, pairs: tuple, target_graph, focus_nodes) -> dict:
    """Each focus node's rows for a star query (_star): the query runs on a small graph with one stand-in node per
    distinct set of values, and each node takes its stand-in's rows with ?this made the node itself."""
    small = Graph()
    stand_ins: dict[tuple, URIRef] = {}
    members: dict = {}
    for focus in focus_nodes:
        values = tuple(frozenset(target_graph.objects(focus, predicate)) for predicate, _ in pairs)
        if not all(values):
            continue  # a predicate without a value: the pattern does not match, no rows
        stand_in = stand_ins.get(values)
        if stand_in is None:
            stand_in = stand_ins[values] = URIRef(f"urn:migration-lod:stand-in:{len(stand_ins)}")
            for (predicate, _), objects in zip(pairs, values, strict=True):
                for value in objects:
                    small.add((stand_in, predicate, value))
        members[focus] = stand_in
    result = small.query(_prepared(text))
    labels = list(result.vars)
    by_stand_in: dict = {}
    for row in result:
        by_stand_in.setdefault(row["this"], []).append(row)
    return {focus: [ResultRow({**{Variable(k): v for k, v in row.asdict().items()}, _THIS: focus}, labels)
                    for row in by_stand_in.get(stand_in, ())] for focus, stand_in in members.items()}


def _mentions_this(expression) -> bool:
    if isinstance(expression, Variable):
        return expression == _THIS
    if isinstance(expression, dict):
        return any(_mentions_this(value) for key, value in expression.items() if key != "_vars")
    if isinstance(expression, (list, tuple)):
        return any(_mentions_this(value) for value in expression)
    return False


class _Rows:
    """The rows of one focus node, shaped like the rdflib result pySHACL reads."""

    def __init__(self, rows: list) -> None:
        self.bindings = rows

    def __len__(self) -> int:
        return len(self.bindings)

    def __iter__(self):
        return iter(self.bindings)


class _Answered:
    """The data graph, except that its query() hands each focus node the rows the query gave it at once."""

    def __init__(self, graph, rows: dict) -> None:
        self._graph = graph
        self._rows = rows

    def query(self, _query, initBindings=None, **_options):  # noqa: N803 (rdflib's name)
        return _Rows(self._rows.get(initBindings["this"], []))

    def __getattr__(self, name: str):
        return getattr(self._graph, name)


def _evaluate_sparql_at_once(self, sparql_constraint, target_graph, f_v_dict):
    """pySHACL's SPARQL-constraint step, its query run once for all focus nodes where that gives each node the
    same rows (_answerable_at_once), on one stand-in per distinct set of values where the pattern allows
    (_star); pySHACL then makes the results from those rows as it always does."""
    if len(f_v_dict) > 1:
        binds, text = sparql_constraint.pre_bind_variables(next(iter(f_v_dict)))
        text = sparql_constraint.apply_prefixes(text)
        if set(binds) == {"this"} and _answerable_at_once(text):
            pairs = _star(text)
            if pairs:
                rows = _rows_of_star(text, pairs, target_graph, f_v_dict)
            else:
                rows = {}
                for row in target_graph.query(_prepared(text)):
                    rows.setdefault(row["this"], []).append(row)
            target_graph = _Answered(target_graph, rows)
    return _evaluate_each(self, sparql_constraint, target_graph, f_v_dict)


_evaluate_each = SPARQLBasedConstraint._evaluate_sparql_constraint
_installed = False


def install() -> None:
    """Put the three shortcuts in place (once per process; later calls do nothing)."""
    global _installed
    if _installed:
        return
    SPARQLBasedConstraint._validate_sparql_query = _run_prepared
    SPARQLQueryHelper.check_invalid_sparql = _check_once
    ConstraintComponent.make_v_result_description = _describe_if_read
    PropertyConstraintComponent._evaluate_property_shape = _evaluate_property_shape
    SPARQLBasedConstraint._evaluate_sparql_constraint = _evaluate_sparql_at_once
    wrapped = {component: _OncePerShape(component) for component in set(CONSTRAINT_PARAMETERS_MAP.values())}
    table = {parameter: wrapped[component] for parameter, component in CONSTRAINT_PARAMETERS_MAP.items()}
    pyshacl.shape.CONSTRAINT_PARAMS = (_Parameters(ALL_CONSTRAINT_PARAMETERS), table)
    _installed = True


class ShapesSource(Graph):
    """A graph that remembers the triples each pattern matched: pySHACL asks the shapes graph the same few
    thousand questions for every focus node. Adding a triple it lacks forgets them all."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._answers: dict[tuple, list] = {}

    def triples(self, triple):  # noqa: D102 (rdflib's)
        if isinstance(triple[1], Path):
            return super().triples(triple)
        found = self._answers.get(triple)
        if found is None:
            found = self._answers[triple] = list(super().triples(triple))
        return iter(found)

    def add(self, triple):  # noqa: D102 (rdflib's)
        if triple not in self:
            self._answers.clear()
            super().add(triple)
        return self

    def addN(self, quads):  # noqa: D102,N802 (rdflib's)
        self._answers.clear()
        return super().addN(quads)

    def remove(self, triple):  # noqa: D102 (rdflib's)
        self._answers.clear()
        return super().remove(triple)

    def parse(self, *args, **kwargs):  # noqa: D102 (rdflib's)
        self._answers.clear()
        return super().parse(*args, **kwargs)


class Shacl:
    """One shapes graph, read once, validating any number of data graphs."""

    def __init__(self, shapes: Graph) -> None:
        install()
        self.graph = shapes
        self.shapes = ShapesGraph(shapes, False, _OPTIONS["logger"])

    def validate(self, data: Graph) -> Graph:
        """pySHACL's validation report graph for `data` (which is not changed)."""
        validator = Validator(DataGraph.from_rdflib(data), shacl_graph=self.graph, options=dict(_OPTIONS))
        validator.shacl_graph = self.shapes
        _describing.off = True
        try:
            _conforms, report, _text = validator.run()
        finally:
            _describing.off = False
        return report

"""A SHACL engine that compiles a shapes graph into Python checks over publisher.data.Data, giving pySHACL's results.

pySHACL spends milliseconds per record walking its shape objects, building each constraint component and an
rdflib graph to query; here a shapes graph is read once (through pySHACL's own ShapesGraph, so the same nodes
are shapes, with the same paths, severities and messages) into one closure per constraint, each a transcription
of the pySHACL 0.40 component it stands for: the same value nodes, the same results (one per value node, or per
focus node for the counts and sh:uniqueLang; sh:node's results with the nested ones under them), the same
conformance of nested shapes under allow_warnings/allow_infos, each component class run once per shape.
Messages are the shape's own, or pySHACL's generic text made by pySHACL's own component. SPARQL-based
constraints run through rdflib as pySHACL runs them, or cheaper where that gives the same rows (compiled_sparql).

Compiler raises Unsupported for anything it does not know (sh:closed, qualified value shapes, other paths,
custom constraint components, recursive shapes, a shape pySHACL cannot load): the caller then validates with
pySHACL (publisher.shacl), never skipping a constraint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.constraints.core.string_based_constraints import StringBasedConstraintBase
from pyshacl.constraints.core.value_constraints import DatatypeConstraintComponent
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.rdfutil.compare import compare_literal
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from .compiled_sparql import SparqlCheck
from .data import Data, canonical
from .report import Finding

ALLOWED = frozenset({SH.Info, SH.Warning})  # the severities allowed by the validation options (both allowed)
SUPPORTED = frozenset({
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minExclusive, SH.minInclusive,
    SH.maxExclusive, SH.maxInclusive, SH["not"], SH["and"], SH["or"], SH.xone, SH.minLength, SH.maxLength,
    SH.pattern, SH.languageIn, SH.uniqueLang, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
    SH.node, SH.property, SH.hasValue, SH["in"], SH.sparql})
_PATH_KINDS = {SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath}
_NONE: dict = {}
_TERM_LEVEL = frozenset({SH.datatype, SH.nodeKind, SH.minExclusive, SH.minInclusive, SH.maxExclusive,
                         SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern, SH.languageIn, SH["in"]})
_OWN_VALUES = frozenset({SH.minCount, SH.maxCount, SH.uniqueLang, SH.hasValue, SH.equals, SH.disjoint,
                         SH.lessThan, SH.lessThanOrEquals})
_PER_VALUE = frozenset({SH["class"], SH.datatype, SH.nodeKind, SH.minExclusive, SH.minInclusive, SH.maxExclusive,
                        SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern, SH.languageIn, SH["in"],
                        SH.uniqueLang, SH.maxCount, SH.node, SH.property, SH["not"], SH["and"], SH["or"],
                        SH.xone})  # components whose results come from the value nodes (none without them)
_NESTING = frozenset({SH.node, SH.property, SH["not"], SH["and"], SH["or"], SH.xone})
_to_string = StringBasedConstraintBase.value_node_to_string
_actual_datatype = DatatypeConstraintComponent._assert_actual_datatype


class Unsupported(Exception):
    """The shapes graph uses something this engine does not compile."""


class Result:
    """One validation result, with the results nested under it (sh:node's sh:detail)."""

    __slots__ = ("focus", "value", "path", "shape", "messages", "details", "component")

    def __init__(self, focus, value, path, shape: Shape, messages=None, details=(), component=None) -> None:
        self.focus = focus
        self.value = value
        self.path = path
        self.shape = shape
        self.messages = messages  # Literals, or None for the shape's own messages
        self.details = details
        self.component = component  # the pySHACL component, for its generic messages


Check = Callable[[Data, list], tuple[bool, list]]  # (data, [(focus, values)]) -> (conforms, results)


class Shape:
    """One compiled shape."""

    def __init__(self, node, is_property: bool, path, severity, messages: list, deactivated: bool) -> None:
        self.node = node
        self.is_property = is_property
        self.path = path  # the sh:path node, for results
        self.values: Callable | None = None  # (data, focus) -> its value nodes
        self.predicate = canonical(path) if is_property and isinstance(path, URIRef) else None  # read inline
        self.uses: list[tuple] = []  # (parameter, the shapes it names): what locality() looks at
        self.local = False  # its results on a node depend only on that node's own triples (Engine caches them)
        self.per_value = is_property  # every check finds nothing on a focus node without value nodes
        self.plain = True  # no sh:property: each check conforms exactly when it has no results, so validating
        # several focus nodes at once gives the results and conformance of validating each in turn
        self.severity = severity
        self.allowed = severity in ALLOWED
        self.messages = messages
        self.deactivated = deactivated
        self.checks: list[Check] = []
        self.targets: Callable | None = None  # data -> focus nodes, when it has targets
        self.finding: dict = {}  # what every Finding of this shape shares (Engine.prepare)

    def validate(self, data: Data, focus: Iterable) -> tuple[bool, list]:
        """pySHACL's Shape.validate: (conforms, results) for these focus nodes."""
        if self.deactivated:
            return True, []
        predicate = self.predicate
        if predicate is not None:
            out = data.out
            pairs = [(f, out.get(f, _NONE).get(predicate, ())) for f in focus]
        elif self.is_property:
            values = self.values
            pairs = [(f, values(data, f)) for f in focus]
        else:
            pairs = [(f, (f,)) for f in focus]
        if not pairs or (self.per_value and not any(values for _focus, values in pairs)):
            return True, []  # no focus node, or no value node for checks that look at each value node
        conforms = True
        results: list = []
        for check in self.checks:
            ok, found = check(data, pairs)
            if found:
                results.extend(found)
            if not ok and conforms and not self.allowed:  # pySHACL's filter_reports: only allowed severities
                conforms = all(r.shape.severity in ALLOWED for r in found)
        return conforms, results


def _result(shape: Shape, component) -> Callable:
    return lambda focus, value=None: Result(focus, value, None, shape, None, (), component)


def _literal_values(shape_graph: Graph, node, parameter) -> list:
    return list(shape_graph.objects(node, parameter))


class Compiler:
    """Reads a shapes graph into Shapes, raising Unsupported for what it cannot compile."""

    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self._reject_unknown_features()
        try:
            self.pyshacl = ShapesGraph(shapes, False)
            found = self.pyshacl.shapes
        except Exception as error:  # pySHACL cannot load it: let pySHACL say so
            raise Unsupported(f"pySHACL cannot load the shapes: {error}") from error
        self.py_shapes = {shape.node: shape for shape in found}
        self.sparql: list = []
        self.shapes: dict = {}
        for node, py_shape in self.py_shapes.items():
            self.shapes[node] = Shape(node, py_shape.is_property_shape, py_shape.path() if py_shape.is_property_shape
                                      else None, py_shape.severity, list(py_shape.message), py_shape.deactivated)
        self._reject_recursion()
        for shape in self.shapes.values():
            self._compile(shape)
        self.locality()

    def _reject_unknown_features(self) -> None:
        graph = self.graph
        if (None, RDF.type, SH.ConstraintComponent) in graph or (None, SH.parameter, None) in graph:
            raise Unsupported("custom constraint components")
        if (None, SH.shapesGraph, None) in graph:
            raise Unsupported("sh:shapesGraph")

    def _reject_recursion(self) -> None:
        links = (SH.node, SH.property, SH["not"], SH.qualifiedValueShape)
        lists = (SH["and"], SH["or"], SH.xone)

        def children(node) -> list:
            found = [o for p in links for o in self.graph.objects(node, p)]
            found += [item for p in lists for lst in self.graph.objects(node, p) for item in self.graph.items(lst)]
            return found

        state: dict = {}

        def visit(node) -> None:
            state[node] = 1
            for child in children(node):
                if state.get(child) == 1:
                    raise Unsupported(f"recursive shapes at {child}")
                if child not in state:
                    visit(child)
            state[node] = 2

        for node in self.shapes:
            if node not in state:
                visit(node)

    def _compile(self, shape: Shape) -> None:
        graph = self.graph
        py_shape = self.py_shapes[shape.node]
        if shape.is_property:
            shape.values = self._path(shape.path)
        done = set()  # pySHACL builds and runs each component class once per shape
        for parameter, _value in graph.predicate_objects(shape.node):
            if parameter not in ALL_CONSTRAINT_PARAMETERS or CONSTRAINT_PARAMETERS_MAP[parameter] in done:
                continue
            if parameter not in SUPPORTED:
                raise Unsupported(f"{parameter} on {shape.node}")
            done.add(CONSTRAINT_PARAMETERS_MAP[parameter])
            try:
                component = CONSTRAINT_PARAMETERS_MAP[parameter](py_shape)  # pySHACL's checks of the parameters
            except Exception as error:
                raise Unsupported(f"pySHACL rejects {parameter} on {shape.node}: {error}") from error
            shape.checks.append(self._check(shape, parameter, component))
            shape.uses.append((parameter, self._named(shape.node, parameter)))
            shape.plain = shape.plain and parameter != SH.property
            shape.per_value = shape.per_value and parameter in _PER_VALUE
        shape.targets = self._targets(shape, py_shape)

    def _named(self, node, parameter) -> list:
        """The shapes a shape-expecting parameter names."""
        if parameter in (SH.node, SH.property, SH["not"]):
            return [self.shapes.get(o) for o in self.graph.objects(node, parameter)]
        if parameter in (SH["and"], SH["or"], SH.xone):
            return [self.shapes.get(i) for lst in self.graph.objects(node, parameter) for i in self.graph.items(lst)]
        return []

    def locality(self) -> None:
        """Mark the shapes whose results on a node depend only on that node's own triples (and the terms
        themselves): a reference resource described the same way gets the same results from them every time."""
        for shape in self.shapes.values():
            shape.local = self._local(shape, {})

    def _forward(self, path) -> bool:
        if isinstance(path, URIRef):
            return True
        items = [i for lst in self.graph.objects(path, SH.alternativePath) for i in self.graph.items(lst)]
        return bool(items) and set(self.graph.predicates(path)) == {SH.alternativePath} and all(
            isinstance(i, URIRef) for i in items)

    def _local(self, shape: Shape | None, seen: dict, term: bool = False) -> bool:
        """True when `shape` reads only its focus node's own triples (with term=True: only the focus term)."""
        if shape is None or not shape.messages:  # pySHACL's generic text reads the data graph's prefixes
            return False
        key = (shape.node, term)
        if key not in seen:
            seen[key] = False
            seen[key] = self._local_uses(shape, seen, term)
        return seen[key]

    def _local_uses(self, shape: Shape, seen: dict, term: bool) -> bool:
        if shape.is_property and (term or not self._forward(shape.path)):
            return False
        for parameter, named in shape.uses:
            if parameter in _TERM_LEVEL or (parameter == SH.hasValue and not shape.is_property):
                continue
            if parameter in _OWN_VALUES and not term:
                continue
            if parameter == SH["class"] and not shape.is_property and not term:
                continue  # the focus node's own types
            if parameter == SH.sparql and not term and all(c.star is not None and (c.extra or shape.messages)
                                                          for c in self.sparql if c.shape is shape):
                continue
            if parameter in _NESTING and all(self._local(n, seen, term or shape.is_property) for n in named):
                continue
            return False
        return True

    # --- targets and paths -------------------------------------------------------------------------------

    def _targets(self, shape: Shape, py_shape) -> Callable | None:
        graph = self.graph
        nodes = list(graph.objects(shape.node, SH.targetNode))
        classes = {canonical(c) for c in set(graph.objects(shape.node, SH.targetClass))
                   | set(py_shape.implicit_class_targets())}
        subjects_of = [canonical(p) for p in graph.objects(shape.node, SH.targetSubjectsOf)]
        objects_of = [canonical(p) for p in graph.objects(shape.node, SH.targetObjectsOf)]
        if not (nodes or classes or subjects_of or objects_of):
            return None

        def targets(data: Data) -> set:
            found = set(nodes)
            for cls in classes:
                found |= data.instances(cls)
            for predicate in subjects_of:
                found |= data.subjects_of(predicate)
            for predicate in objects_of:
                found |= data.objects_of(predicate)
            return found

        return targets

    def _path(self, path, inverse: bool = False) -> Callable:
        """pySHACL's value_nodes_from_path, compiled: (data, focus) -> value nodes."""
        graph = self.graph
        if isinstance(path, URIRef):
            path = canonical(path)
            if inverse:
                return lambda data, focus: data.subjects(path, focus)
            return lambda data, focus: data.values(focus, path)
        if not isinstance(path, BNode):
            raise Unsupported(f"path {path}")
        if (path, RDF.first, None) in graph:
            items = list(graph.items(path))
            if len(items) < 2:
                raise Unsupported(f"sequence path {path} of fewer than two steps")
            steps = [self._path(item, inverse) for item in items]

            def sequence(data: Data, focus) -> set:
                nodes = {focus}
                for step in steps:
                    nodes = {v for node in nodes for v in step(data, node)}
                return nodes

            return sequence
        kinds = {p for p in graph.predicates(path) if p in _PATH_KINDS}
        if kinds == {SH.inversePath}:
            return self._path(graph.value(path, SH.inversePath), not inverse)
        if kinds == {SH.alternativePath}:
            items = list(graph.items(graph.value(path, SH.alternativePath)))
            if len(items) < 2:
                raise Unsupported(f"alternative path {path} of fewer than two paths")
            alternatives = [self._path(item, inverse) for item in items]
            return lambda data, focus: {v for alternative in alternatives for v in alternative(data, focus)}
        raise Unsupported(f"path {path}")

    # --- components ----------------------------------------------------------------------------------------

    def _check(self, shape: Shape, parameter, component) -> Check:
        name = "_" + str(parameter).rsplit("#", 1)[-1]
        make = getattr(self, name)
        return make(shape, component)

    def _class(self, shape: Shape, component) -> Check:
        rules = [canonical(c) for c in component.class_rules]
        result = _result(shape, component)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [result(f, v) for c in rules for f, values in pairs for v in values
                       if (type(v) is not URIRef and isinstance(v, Literal)) or not data.is_instance(v, c)]
            return not results, results

        return check

    def _datatype(self, shape: Shape, component) -> Check:
        rule = component.datatype_rule
        result = _result(shape, component)
        same = _same_term(rule)
        any_literal, any_typed = rule == RDFS.Literal, rule == RDFS.Datatype
        string, tagged = rule == XSD.string, rule == RDF.langString

        def matches(v) -> bool:  # pySHACL's DatatypeConstraintComponent.evaluate, for one value node
            if type(v) is not Literal and not isinstance(v, Literal):
                return False
            datatype = v.datatype
            if datatype is not None and same(datatype):
                return getattr(v, "ill_typed", None) is not True and _actual_datatype(None, v, rule)
            if any_literal:
                return True
            if any_typed and datatype:
                return True
            if string and datatype is None and v.language is None:
                return _actual_datatype(None, v, rule)
            if tagged and v.language:
                return isinstance(v.value, (str, bytes))
            return False

        return self._each_value(result, matches)

    @staticmethod
    def _each_value(result: Callable, passes: Callable) -> Check:
        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [result(f, v) for f, values in pairs for v in values if not passes(v)]
            return not results, results

        return check

    def _nodeKind(self, shape: Shape, component) -> Check:  # noqa: N802 (the parameter's name)
        rule = component.nodekind_rule
        kinds = {BNode: (SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI),
                 Literal: (SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral),
                 URIRef: (SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI)}

        def passes(v) -> bool:
            kind = BNode if isinstance(v, BNode) else Literal if isinstance(v, Literal) else URIRef
            return rule in kinds[kind]

        return self._each_value(_result(shape, component), passes)

    def _minCount(self, shape: Shape, component) -> Check:  # noqa: N802
        least = int(component.min_count.value)
        result = _result(shape, component)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [result(f) for f, values in pairs if len(values) < least] if least else []
            return not results, results

        return check

    def _maxCount(self, shape: Shape, component) -> Check:  # noqa: N802
        most = int(component.max_count.value)
        result = _result(shape, component)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [result(f) for f, values in pairs if len(values) > most]
            return not results, results

        return check

    def _range(self, shape: Shape, component, bounds: list, passes: Callable) -> Check:
        result = _result(shape, component)

        def compare(v, bound) -> bool:
            if not isinstance(v, Literal):
                return False
            if isinstance(bound.value, str) != isinstance(v.value, str):
                return False
            try:
                return passes(compare_literal(v, bound))
            except (TypeError, NotImplementedError):
                return False

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [result(f, v) for bound in bounds for f, values in pairs for v in values if not compare(v, bound)]
            return not results, results

        return check

    def _minExclusive(self, shape: Shape, component) -> Check:  # noqa: N802
        return self._range(shape, component, component.min_vals, lambda c: c > 0)

    def _minInclusive(self, shape: Shape, component) -> Check:  # noqa: N802
        return self._range(shape, component, component.min_vals, lambda c: c >= 0)

    def _maxExclusive(self, shape: Shape, component) -> Check:  # noqa: N802
        return self._range(shape, component, component.max_vals, lambda c: c < 0)

    def _maxInclusive(self, shape: Shape, component) -> Check:  # noqa: N802
        return self._range(shape, component, component.max_vals, lambda c: c <= 0)

    def _minLength(self, shape: Shape, component) -> Check:  # noqa: N802
        least = component.string_rules[0].value
        return self._each_value(_result(shape, component), lambda v: least == 0 or (
            not isinstance(v, BNode) and len(_to_string(v)) >= least))

    def _maxLength(self, shape: Shape, component) -> Check:  # noqa: N802
        most = component.string_rules[0].value
        return self._each_value(_result(shape, component),
                                lambda v: not isinstance(v, BNode) and len(_to_string(v)) <= most)

    def _pattern(self, shape: Shape, component) -> Check:
        matchers = [component.compiled_cache[rule] for rule in component.string_rules]
        result = _result(shape, component)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [result(f, v) for matcher in matchers for f, values in pairs for v in values
                       if isinstance(v, BNode) or not matcher.search(_to_string(v))]
            return not results, results

        return check

    def _languageIn(self, shape: Shape, component) -> Check:  # noqa: N802
        wanted = {str(item.value).lower() for item in self.graph.items(component.string_rules[0])}
        for item in self.graph.items(component.string_rules[0]):
            if not isinstance(item, Literal) or not isinstance(item.value, str):
                raise Unsupported("sh:languageIn with a value that is not a string")

        def passes(v) -> bool:
            if not isinstance(v, Literal) or not v.language:
                return False
            language = str(v.language).lower()
            return "*" in wanted or language in wanted or language.split("-")[0] in wanted

        return self._each_value(_result(shape, component), passes)

    def _uniqueLang(self, shape: Shape, component) -> Check:  # noqa: N802
        unique = next(iter(component.string_rules))
        result = _result(shape, component)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            if not unique:
                return True, []
            results = []
            for f, values in pairs:
                seen: set = set()
                twice: set = set()
                for v in values:
                    if isinstance(v, Literal) and v.language:
                        language = str(v.language).lower()
                        (twice if language in seen else seen).add(language)
                results += [result(f) for _ in twice]
            return not results, results

        return check

    def _in(self, shape: Shape, component) -> Check:
        members = component.in_vals
        return self._each_value(_result(shape, component), lambda v: v in members)

    def _hasValue(self, shape: Shape, component) -> Check:  # noqa: N802
        wanted = list(component.has_value_set)
        result = _result(shape, component)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [result(f) for hv in wanted for f, values in pairs if hv not in set(values)]
            return not results, results

        return check

    def _pair(self, shape: Shape, component, compare: Callable) -> Check:
        predicates = [canonical(p) for p in component.property_compare_set]
        if not all(isinstance(p, URIRef) for p in predicates):
            raise Unsupported(f"a property pair with a value that is not an IRI on {shape.node}")
        result = _result(shape, component)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results: list = []
            for predicate in predicates:
                for f, values in pairs:
                    results += [result(f, v) for v in compare(set(values), set(data.values(f, predicate)))]
            return not results, results

        return check

    def _equals(self, shape: Shape, component) -> Check:
        return self._pair(shape, component, lambda mine, other: [*(mine - other), *(other - mine)])

    def _disjoint(self, shape: Shape, component) -> Check:
        return self._pair(shape, component, lambda mine, other: list(mine & other))

    def _lessThan(self, shape: Shape, component) -> Check:  # noqa: N802
        return self._pair(shape, component, lambda mine, other: _not_ordered(mine, other, strict=True))

    def _lessThanOrEquals(self, shape: Shape, component) -> Check:  # noqa: N802
        return self._pair(shape, component, lambda mine, other: _not_ordered(mine, other, strict=False))

    def _shapes_of(self, nodes: Iterable) -> list[Shape]:
        found = []
        for node in nodes:
            if node not in self.shapes:
                raise Unsupported(f"{node} is not a shape")
            found.append(self.shapes[node])
        return found

    def _node(self, shape: Shape, component) -> Check:
        targets = self._shapes_of(component.node_shapes)
        if any(t.is_property for t in targets):
            raise Unsupported("sh:node pointing at a property shape")

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = []
            for target in targets:
                for f, values in pairs:
                    for v in values:
                        conforms, nested = target.validate(data, (v,))
                        if not conforms or nested:
                            results.append(Result(f, v, None, shape, None, nested, component))
            return not results, results

        return check

    def _property(self, shape: Shape, component) -> Check:
        targets = self._shapes_of(component.property_shapes)
        if not all(t.is_property for t in targets):
            raise Unsupported("sh:property pointing at a node shape")

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            conforms = True
            results: list = []
            every = [v for _focus, values in pairs for v in values]
            if not every:
                return True, results
            for target in targets:
                if target.plain:  # one run on every value node gives the runs on each, added up (Shape.plain)
                    ok, found = target.validate(data, every)
                    conforms = conforms and ok
                    results += found
                    continue
                for v in every:
                    ok, found = target.validate(data, (v,))
                    conforms = conforms and ok
                    results += found
            return conforms, results

        return check

    def _logical(self, shape: Shape, component, lists: list, fails: Callable, distinct: bool = True) -> Check:
        groups = []
        for lst in lists:
            members = list(self.graph.items(lst))
            if not members:
                raise Unsupported(f"empty list of shapes on {shape.node}")
            found = self._shapes_of(members)
            groups.append(list(dict.fromkeys(found)) if distinct else found)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = []
            for group in groups:
                if not group:
                    continue
                for f, values in pairs:
                    for v in values:
                        if fails([member.validate(data, (v,))[0] for member in group]):
                            results.append(Result(f, v, None, shape, None, (), component))
            return not results, results

        return check

    def _and(self, shape: Shape, component) -> Check:
        return self._logical(shape, component, component.and_list, lambda passed: not all(passed))

    def _or(self, shape: Shape, component) -> Check:
        return self._logical(shape, component, component.or_list, lambda passed: not any(passed))

    def _xone(self, shape: Shape, component) -> Check:
        return self._logical(shape, component, component.xone_nodes, lambda passed: sum(passed) != 1, False)

    def _not(self, shape: Shape, component) -> Check:
        targets = self._shapes_of(component.not_list)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [Result(f, v, None, shape, None, (), component) for target in targets for f, values in pairs
                       for v in values if target.validate(data, (v,))[0]]
            return not results, results

        return check

    def _sparql(self, shape: Shape, component: SPARQLBasedConstraint) -> Check:
        checks = [SparqlCheck(shape, helper, component, Result) for helper in component.sparql_constraints
                  if not helper.deactivated]
        self.sparql.extend(checks)

        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results: list = []
            for sparql in checks:
                results += sparql.run(data, pairs)
            return not results, results

        return check


def _same_term(term) -> Callable:
    """term.__eq__ (rdflib's: same type, same text) as a test of one other term, without rdflib's slow call."""
    kind, text = type(term), str(term)
    return lambda other: other is term or (type(other) is kind and str.__eq__(other, text))


def _not_ordered(mine: set, other: set, strict: bool) -> list:
    """pySHACL's _compare_lt/_compare_ltoe: the value nodes not below (or at most) every compared value, once per
    compared value they fail against."""
    found = []
    for value in mine:
        if isinstance(value, BNode):
            raise ValueError("Cannot use sh:lessThan to compare a BlankNode.")
        left, left_string = _comparable(value)
        for compare in other:
            if isinstance(compare, BNode):
                raise ValueError("Cannot use sh:lessThan to compare a BlankNode.")
            right, right_string = _comparable(compare)
            if left_string != right_string or not (left < right if strict else left <= right):
                found.append(value)
    return found


def _comparable(node) -> tuple:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


class Engine:
    """A compiled shapes graph: validate Data into Findings."""

    def __init__(self, shapes: Graph, codes_from: Graph | None = None) -> None:
        compiler = Compiler(shapes)
        self.shapes = compiler.shapes
        self.py_shapes = compiler.py_shapes
        self.sparql = compiler.sparql
        self.top = [s for s in self.shapes.values() if s.targets is not None and not s.deactivated]
        source = shapes if codes_from is None else codes_from
        self._codes = {shape: str(code) for shape, code in source.subject_objects(
            URIRef("https://w3id.org/migration-lod/shapes#code"))}
        self._templates: dict = {}
        self._source = source
        for shape in self.shapes.values():
            self._prepare(shape)

    def _prepare(self, shape: Shape) -> None:
        node = shape.node
        code = self._codes.get(node, "shape-" + str(node).rsplit("#", 1)[-1].lower() if node else "unknown")
        shape.finding = {
            "severity": str(shape.severity).rsplit("#", 1)[-1], "code": code,
            "shape": str(node) if isinstance(node, URIRef) else None,
            "messages": self.messages(shape, [m for m in shape.messages if isinstance(m, Literal)])
            if shape.messages else None}

    def templates(self, shape: Shape) -> list:
        """(language, pattern) of each sh:message of the shape, its slots matching anything."""
        found = self._templates.get(shape.node)
        if found is None:
            found = self._templates[shape.node] = [
                (m.language or "en", re.compile(".*?".join(re.escape(p) for p in re.split(r"\{[?$]\w+\}", str(m))),
                                                re.DOTALL)) for m in self._source.objects(shape.node, SH.message)]
        return found

    def messages(self, shape: Shape, found: list) -> tuple:
        """validation._messages: each message with its language, an untagged one told by the templates."""
        pairs = set()
        for message in found:
            language = message.language
            if language is None and isinstance(shape.node, URIRef):
                language = next((lang for lang, p in self.templates(shape) if p.fullmatch(str(message))), None)
            pairs.add((language or "en", str(message)))
        return tuple(sorted(pairs))

    def prefetch(self, datas: list[Data]) -> None:
        """Answer at once the SPARQL rows these data graphs will need (see compiled_sparql)."""
        for check in self.sparql:
            check.prefetch(datas)

    def results(self, data: Data) -> list[Result]:
        """Every result, nested ones included, as pySHACL's report graph holds them."""
        flat: list = []
        shared = data.shared if not data.subclass else None
        for shape in self.top:
            focus = shape.targets(data)
            if not focus:
                continue
            if shape.local and shared:
                cache = data.shared_cache
                for node in focus & shared:
                    key = (shape.node, node)
                    found = cache.get(key)
                    if found is None:
                        found = cache[key] = shape.validate(data, (node,))[1]
                    _flatten(found, flat)
                focus = focus - shared
            if focus:
                _flatten(shape.validate(data, focus)[1], flat)
        return flat

    def findings(self, data: Data, file: str | None = None) -> list[Finding]:
        """The Findings of validating `data` (unsorted, as validation.validate_graph lists them)."""
        return [self.finding(result, data, file) for result in self.results(data)]

    def finding(self, result: Result, data: Data, file: str | None) -> Finding:
        """One result as validation.finding makes it."""
        shape = result.shape
        shared = shape.finding
        path = result.path if result.path is not None else shape.path
        value = result.value
        if result.messages is not None:
            messages = self.messages(shape, [m for m in result.messages if isinstance(m, Literal)])
        elif shared["messages"] is not None:
            messages = shared["messages"]
        else:
            messages = self.messages(shape, self._generic(result, data))
        return Finding(resource=str(result.focus), severity=shared["severity"], code=shared["code"],
                       field=str(path) if isinstance(path, URIRef) else None,
                       value=None if value is None else str(value), messages=messages, shape=shared["shape"],
                       file=file, value_is_iri=isinstance(value, URIRef))

    def _generic(self, result: Result, data: Data) -> list:
        """pySHACL's own text for a result of a shape without sh:message, from pySHACL's component."""
        made = result.component.make_generic_messages(data.graph(), result.focus, result.value)
        return [m for m in made if isinstance(m, Literal)]


def _flatten(results: list, into: list) -> None:
    for result in results:
        into.append(result)
        if result.details:
            _flatten(result.details, into)

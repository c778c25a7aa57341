"""The constraint components of the compiled engine (publisher.compiled): each a transcription of the pySHACL 0.40
component it stands for, made into one closure per shape, (data, [(focus, value nodes)]) -> (conforms, results)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pyshacl.constraints.core.string_based_constraints import StringBasedConstraintBase
from pyshacl.constraints.core.value_constraints import DatatypeConstraintComponent
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from .compiled_shape import Check, Result, Shape, Unsupported, _result
from .compiled_sparql import SparqlCheck
from .data import Data, canonical

_to_string = StringBasedConstraintBase.value_node_to_string
_actual_datatype = DatatypeConstraintComponent._assert_actual_datatype


class Components:
    """The component checks, for Compiler (which has `graph`, `shapes` and `sparql`)."""

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

        actual: dict = {}  # pySHACL's _assert_actual_datatype only asks isinstance of the literal's Python value

        def of_type(v) -> bool:
            kind = type(v.value)
            found = actual.get(kind)
            if found is None:
                found = actual[kind] = bool(_actual_datatype(None, v, rule))
            return found

        def matches(v) -> bool:  # pySHACL's DatatypeConstraintComponent.evaluate, for one value node
            if type(v) is not Literal and not isinstance(v, Literal):
                return False
            datatype = v.datatype
            if datatype is not None and same(datatype):
                return getattr(v, "ill_typed", None) is not True and of_type(v)
            if any_literal:
                return True
            if any_typed and datatype:
                return True
            if string and datatype is None and v.language is None:
                return of_type(v)
            if tagged and v.language:
                return isinstance(v.value, (str, bytes))
            return False

        return self._each_value(result, matches)

    @staticmethod
    def _each_value(result: Callable, passes: Callable) -> Check:
        def check(data: Data, pairs: list) -> tuple[bool, list]:
            results = [result(f, v) for f, values in pairs for v in values if not passes(v)]
            return not results, results

        check.passes = passes  # a test of one value node alone (Shape.conforms_on)
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

        check.passes = lambda v: all(compare(v, bound) for bound in bounds)
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

        check.passes = lambda v: not isinstance(v, BNode) and all(m.search(_to_string(v)) for m in matchers)
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
                        if fails(member.conforms_on(data, v) for member in group):  # lazily: a member's
                            # validation has no effect but its conformance, so any() and all() may stop early
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
                       for v in values if target.conforms_on(data, v)]
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



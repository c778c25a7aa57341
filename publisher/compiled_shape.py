"""The compiled form of a shape (publisher.compiled): its checks, and pySHACL's Shape.validate over them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import URIRef
from rdflib.namespace import SH

from .data import Data, canonical

ALLOWED = frozenset({SH.Info, SH.Warning})  # the severities allowed by the validation options (both allowed)
_NONE: dict = {}


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
        self.term_tests: list | None = None  # a node shape whose checks all test one value node alone: those tests
        self.targets: Callable | None = None  # data -> focus nodes, when it has targets
        self.target_spec: tuple = ((), (), (), ())  # its sh:targetNode, classes, targetSubjectsOf, targetObjectsOf
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


    def conforms_on(self, data: Data, node) -> bool:
        """validate(data, (node,))[0], straight from the tests of a node shape that has only tests of the node
        alone (a deactivated shape, or one whose severity is allowed, conforms whatever they find)."""
        tests = self.term_tests
        if tests is None:
            return self.validate(data, (node,))[0]
        return self.deactivated or self.allowed or all(test(node) for test in tests)


def _result(shape: Shape, component) -> Callable:
    return lambda focus, value=None: Result(focus, value, None, shape, None, (), component)


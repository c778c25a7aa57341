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
from collections.abc import Callable

from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from .compiled_shape import Result, Shape, Unsupported
from .components import Components
from .data import TYPE, Data, canonical
from .report import Finding, node_text

__all__ = ["Engine", "Unsupported"]
SUPPORTED = frozenset({
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minExclusive, SH.minInclusive,
    SH.maxExclusive, SH.maxInclusive, SH["not"], SH["and"], SH["or"], SH.xone, SH.minLength, SH.maxLength,
    SH.pattern, SH.languageIn, SH.uniqueLang, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
    SH.node, SH.property, SH.hasValue, SH["in"], SH.sparql})
_PATH_KINDS = {SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath}
_TERM_LEVEL = frozenset({SH.datatype, SH.nodeKind, SH.minExclusive, SH.minInclusive, SH.maxExclusive,
                         SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern, SH.languageIn, SH["in"]})
_OWN_VALUES = frozenset({SH.minCount, SH.maxCount, SH.uniqueLang, SH.hasValue, SH.equals, SH.disjoint,
                         SH.lessThan, SH.lessThanOrEquals})
_PER_VALUE = frozenset({SH["class"], SH.datatype, SH.nodeKind, SH.minExclusive, SH.minInclusive, SH.maxExclusive,
                        SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern, SH.languageIn, SH["in"],
                        SH.uniqueLang, SH.maxCount, SH.node, SH.property, SH["not"], SH["and"], SH["or"],
                        SH.xone})  # components whose results come from the value nodes (none without them)
_NESTING = frozenset({SH.node, SH.property, SH["not"], SH["and"], SH["or"], SH.xone})


class Compiler(Components):
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
            if not shape.is_property and all(hasattr(check, "passes") for check in shape.checks):
                shape.term_tests = [check.passes for check in shape.checks]
        self.locality()

    def _reject_unknown_features(self) -> None:
        graph = self.graph
        for component in set(graph.subjects(RDF.type, SH.ConstraintComponent)) | set(graph.subjects(SH.parameter)):
            if not _only_declared(graph, component):
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
        shape.target_spec = (nodes, classes, subjects_of, objects_of)

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

class Engine:
    """A compiled shapes graph: validate Data into Findings."""

    def __init__(self, shapes: Graph, codes_from: Graph | None = None) -> None:
        compiler = Compiler(shapes)
        self.shapes = compiler.shapes
        self.py_shapes = compiler.py_shapes
        self.sparql = compiler.sparql
        self.top = [s for s in self.shapes.values() if s.targets is not None and not s.deactivated]
        self._index_targets()
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

    def _index_targets(self) -> None:
        self._by_class: dict = {}
        self._by_subject_of: dict = {}
        self._by_object_of: dict = {}
        for number, shape in enumerate(self.top):
            nodes, classes, subjects_of, objects_of = shape.target_spec
            for cls in classes:
                self._by_class.setdefault(cls, []).append(number)
            for predicate in subjects_of:
                self._by_subject_of.setdefault(predicate, []).append(number)
            for predicate in objects_of:
                self._by_object_of.setdefault(predicate, []).append(number)
        self._predicates = [(p, numbers, False) for p, numbers in self._by_subject_of.items()] + [
            (p, numbers, True) for p, numbers in self._by_object_of.items()]

    def focus_nodes(self, data: Data) -> list[set]:
        """Each top shape's focus nodes (Shape.targets), found in one pass over the data; with rdfs:subClassOf
        in the data, shape by shape."""
        if data.subclass:
            return [shape.targets(data) for shape in self.top]
        found = [set(shape.target_spec[0]) for shape in self.top]
        by_class, predicates = self._by_class, self._predicates
        for node, values in data.out.items():
            for cls in values.get(TYPE, ()):
                for number in by_class.get(cls, ()):
                    found[number].add(node)
            for predicate, numbers, objects in predicates:
                if predicate in values:
                    for number in numbers:
                        if objects:
                            found[number].update(values[predicate])
                        else:
                            found[number].add(node)
        return found

    def results(self, data: Data) -> list[Result]:
        """Every result, nested ones included, as pySHACL's report graph holds them."""
        flat: list = []
        shared = data.shared if not data.subclass else None
        for shape, focus in zip(self.top, self.focus_nodes(data), strict=True):
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
        return Finding(resource=node_text(result.focus), severity=shared["severity"], code=shared["code"],
                       field=str(path) if isinstance(path, URIRef) else None,
                       value=None if value is None else node_text(value), messages=messages, shape=shared["shape"],
                       file=file, value_is_iri=isinstance(value, URIRef), component=_component(result.component))

    def _generic(self, result: Result, data: Data) -> list:
        """pySHACL's own text for a result of a shape without sh:message, from pySHACL's component."""
        made = result.component.make_generic_messages(data.graph(), result.focus, result.value)
        return [m for m in made if isinstance(m, Literal)]


def _component(component) -> str | None:
    """The IRI of the pySHACL component behind a result (sh:sourceConstraintComponent)."""
    iri = getattr(component, "shacl_constraint_component", None)
    return str(iri) if iri is not None and str(iri) != "urn:notimplemented" else None


def _only_declared(graph, component) -> bool:
    """Whether a custom component only names checks done elsewhere (shapes/checks.ttl): it has no validator and
    every shape that gives one of its parameters is deactivated, so no SHACL engine runs it."""
    if any((component, p, None) in graph for p in (SH.validator, SH.nodeValidator, SH.propertyValidator)):
        return False
    paths = [graph.value(parameter, SH.path) for parameter in graph.objects(component, SH.parameter)]
    return all(graph.value(shape, SH.deactivated) == Literal(True)
               for path in paths for shape in graph.subjects(path, None))


def _flatten(results: list, into: list) -> None:
    for result in results:
        into.append(result)
        if result.details:
            _flatten(result.details, into)

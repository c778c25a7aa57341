"""The baseline: the straightforward pipeline the build replaced, with the same converters and the same shapes.

Every record goes into one rdflib graph with the reference data; pySHACL validates that whole graph, as it
comes (`pyshacl.validate`, none of publisher.shacl's shortcuts); rdflib writes the N-Triples, Turtle and
JSON-LD. One process. `python -m bench.baseline SEEDS OUT` prints a record after each stage.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyshacl
from rdflib import Graph

from converters import convert_file
from converters.errors import PageError
from converters.namespaces import DEFAULT_BASE, bind
from converters.rdf import to_graph
from converters.reference import ROOT, reference

from .measure import emit


def main(seeds: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    # rdflib's default store, as the straightforward pipeline has it (pySHACL needs a context-aware store; the
    # build's own graphs use SimpleMemory, which is not)
    graph = bind(Graph(bind_namespaces="none"), DEFAULT_BASE)
    seconds = {"parse": 0.0, "map": 0.0}
    skipped = 0
    for page in sorted(seeds.glob("*.txt")):
        started = time.perf_counter()
        try:
            project = convert_file(page)
        except PageError:
            skipped += 1
            continue
        middle = time.perf_counter()
        graph += to_graph(project).graph
        seconds["parse"] += middle - started
        seconds["map"] += time.perf_counter() - middle
    graph += reference().graph
    emit("map", seconds=seconds, triples=len(graph), skipped=skipped)
    started = time.perf_counter()
    shapes = Graph()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    conforms, _report, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True,
                                                allow_infos=True, advanced=False, do_owl_imports=False)
    emit("validate", seconds=time.perf_counter() - started, conforms=conforms)
    for name, fmt in (("dataset.nt", "nt"), ("dataset.ttl", "turtle"), ("dataset.jsonld", "json-ld")):
        started = time.perf_counter()
        graph.serialize(out / name, format=fmt, encoding="utf-8")
        emit(f"write-{fmt}", seconds=time.perf_counter() - started)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

"""Validation CPU per record on generated pages, and on one generated contribution: the compiled engine against
pySHACL (`python -m bench.validation --pages 1000 --projects 1000`). Both give the same findings
(tests/test_compiled_validation.py)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def main() -> None:
    """Map N generated pages, then time validate_in_batches on their records with each engine."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000, help="generated pages to validate")
    parser.add_argument("--projects", type=int, default=1000, help="projects in the generated contribution")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each engine; the best is kept")
    args = parser.parse_args()
    from unittest import mock

    from bench.contribution import generate as contribution
    from bench.corpus import generate
    from converters import convert_file
    from converters.errors import PageError
    from converters.rdf import to_graph
    from converters.reference import reference
    from publisher import batches, compiled_sparql, sparql_star, validation
    from publisher.data import reference_index
    from publisher.published import Known
    from publisher.safeparse import parse
    from publisher.validation import compiled, engine, validate_with_references

    with tempfile.TemporaryDirectory() as folder:
        corpus = generate(Path(folder), args.pages)
        records, files = [], []
        for page in corpus.pages:
            try:
                records.append(to_graph(convert_file(page)).triples)
                files.append(str(page))
            except PageError:
                continue
    ref = reference().graph
    compiled()
    engine().shapes.shapes  # noqa: B018 (both engines read their shapes before the clock starts)

    def best(run) -> float:
        times = []
        for _ in range(args.repeat):
            compiled_sparql._STAR_ROWS.clear()  # every run starts cold: SPARQL rows, sub-expressions, reference results
            sparql_star._MEMO.clear()
            reference_index(ref).results.clear()
            started = time.process_time()
            run()
            times.append(time.process_time() - started)
        return min(times)

    fast = best(lambda: batches.validate_in_batches(records, files, ref))
    with mock.patch.object(batches, "compiled", lambda: None):
        slow = best(lambda: batches.validate_in_batches(records, files, ref))
    count = len(records)
    print(f"{count} records: compiled engine {fast:.2f} s CPU ({fast / count * 1000:.3f} ms a record), "
          f"pySHACL shared runs {slow:.2f} s ({slow / count * 1000:.3f} ms a record), {slow / fast:.1f}x")
    known = Known.published(None)
    graph = parse(contribution(args.projects).encode("utf-8"), "ttl", "bench.ttl")
    fast = best(lambda: validate_with_references(graph, known.graph, "bench.ttl"))
    with mock.patch.object(validation, "compiled", lambda: None):
        slow = best(lambda: validate_with_references(graph, known.graph, "bench.ttl"))
    print(f"a contribution of {args.projects} projects ({len(graph)} triples): validate_with_references "
          f"compiled engine {fast:.2f} s CPU, pySHACL {slow:.2f} s, {slow / fast:.1f}x")


if __name__ == "__main__":
    main()

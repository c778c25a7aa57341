"""The example questions in ontology/queries/: one SPARQL file each, its leading `#` comment saying what it asks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from converters.reference import ONTOLOGY

QUERIES = ONTOLOGY / "queries"


@dataclass(frozen=True)
class ExampleQuery:
    """One example: its file name without `.rq`, the question (first comment line), notes (the other comment
    lines), and the SPARQL text."""

    name: str
    question: str
    notes: str
    text: str


def example_queries(folder: Path = QUERIES) -> list[ExampleQuery]:
    """Every example query, by file name."""
    examples = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comment = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comment.append(line.lstrip("#").strip())
        examples.append(ExampleQuery(path.stem, comment[0] if comment else "", " ".join(comment[1:]), text))
    return examples

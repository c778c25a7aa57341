"""Hostile files that aim at time and memory: bombs, huge values, millions of triples, deep nesting, bad IRIs.

Each is refused with one line (or handled) within its limits. Where memory is the point, `validate` and `build`
run in a real process that reports its peak resident memory (and its children's: the parser's process), so a
test fails if a file is read whole or parsed past the triple limit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher import parsechild, safeparse
from publisher.cli import main
from publisher.errors import InputError
from tests.conftest import ROOT, SEEDS

HOSTILE = Path(__file__).parent / "contributions" / "hostile"
BASE = "https://w3id.org/migration-lod/"
MB = 1 << 20
# Runs `migration-lod ARGS...` and prints, last on stderr, the peak resident memory of the process (VmHWM: ru_maxrss
# would count the memory of the process that started it) and the largest resident memory of its children (the
# contribution parser) sampled every 5 ms, in MB. A child counts once it runs the parser: between its start and its
# exec it shares the parent's memory, which a sample there read as the child's (106 MB once, in CI).
MEASURED = """
import os, sys, threading, time
from pathlib import Path
from publisher.cli import main

def kb(status, field):
    return int(status.split(field + ":")[1].split()[0]) if field + ":" in status else 0

children = [0]
def sample():
    me = str(os.getpid())
    while True:
        for proc in Path("/proc").iterdir():
            try:
                if (proc.name.isdigit() and (proc / "stat").read_text().rsplit(")", 1)[1].split()[1] == me
                        and b"publisher.parsechild" in (proc / "cmdline").read_bytes().split(b"\\0")):
                    children[0] = max(children[0], kb((proc / "status").read_text(), "VmRSS"))
            except (OSError, IndexError):
                pass
        time.sleep(0.005)

threading.Thread(target=sample, daemon=True).start()
try:
    main(sys.argv[1:], prog_name="migration-lod")
finally:
    own = kb(Path("/proc/self/status").read_text(), "VmHWM")
    print(f"PEAK {own // 1024} {children[0] // 1024}", file=sys.stderr)
"""


def measured(*args: str, timeout: float = 120) -> tuple[int, list[str], int, int]:
    """Exit code, error lines, peak MB of the process and of its children, for `migration-lod ARGS` run apart."""
    done = subprocess.run([sys.executable, "-c", MEASURED, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT)
    lines = done.stderr.splitlines()
    assert lines and lines[-1].startswith("PEAK "), done.stderr[-2000:]
    own, children = (int(n) for n in lines[-1].split()[1:])
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    return done.returncode, lines[:-1], own, children


def validate(*args: str):
    return CliRunner().invoke(main, ["validate", "--published", str(ROOT / "output" / "migration-projects.nt.gz"),
                                     *args])


def baseline_mb() -> int:
    """The peak memory of `validate` on the small valid contribution: what any run needs before the file counts."""
    _code, _lines, own, _children = measured("validate", str(Path(__file__).parent / "contributions" /
                                                             "valid-turtle.ttl"))
    return own


# -- files that write little and ask much ---------------------------------------------------------------------

def scoped_context_bomb(path: Path, terms: int = 8000, nodes: int = 8000) -> Path:
    """A JSON-LD file of 0.7 MB whose type-scoped context of `terms` terms is applied to each of `nodes` nodes:
    pyoxigraph works about K x N inside one call (some minutes here) before the first triple comes out."""
    context = {"@vocab": "http://example.org/",
               "T": {"@id": "http://example.org/T", "@context": {f"t{i}": f"http://example.org/t{i}"
                                                               for i in range(terms)}}}
    graph = [{"@id": f"project/n{i}", "@type": "T", "t1": "x"} for i in range(nodes)]
    path.write_text(json.dumps({"@context": context, "@graph": graph}), encoding="utf-8")
    return path


def _parser_processes(marker: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"publisher.parsechild" in argv and marker.encode() in argv:
            found.append(int(proc.name))
    return found


def test_a_json_ld_scoped_context_bomb_is_stopped_by_the_time_limit(tmp_path):
    bomb = scoped_context_bomb(tmp_path / "bomb.jsonld")
    base = f"https://w3id.org/bomb-{uuid.uuid4().hex}/"  # names this test's parser process
    code, lines, _own, _children = measured("validate", str(bomb), "--time-limit", "3", "--base", base,
                                            timeout=90)
    assert code == 2
    assert lines == [f"error: {bomb}: parsing took longer than 3 s; split the contribution into smaller files, or "
                     "raise --time-limit"]
    assert _parser_processes(base) == []  # killed, not left running


def _children() -> dict[int, str]:
    """This process's child processes and the state of each ("Z": exited, not yet waited for)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rpartition(")")[2].split()[:2]
        except OSError:
            continue
        if int(parent) == os.getpid():
            found[int(stat.parent.name)] = state
    return found


def test_the_callers_work_runs_while_the_parser_process_parses_and_a_failure_in_it_stops_the_parser():
    """`validate` compiles its shapes while the child parses: the child must have started when the work runs and
    go to its end without the caller reading it (files, not pipes: 1.3 MB of answer would fill a pipe and stop
    it), so the work here waits until the child has exited; if the work fails, the child is killed."""
    base = f"https://w3id.org/meanwhile-{uuid.uuid4().hex}/"  # names this test's parser processes
    data = "".join(f"<project/P{i}> <http://example.org/p> \"{i}\" .\n" for i in range(20_000)).encode()
    before, seen = set(_children()), []

    def wait_for_the_parser() -> None:
        for _ in range(6_000):  # at most about a minute; the parse takes well under a second
            new = {pid: state for pid, state in _children().items() if pid not in before}
            if len(new) == 1 and set(new.values()) == {"Z"}:
                seen.append(new)
                return
            assert len(new) <= 1
            threading.Event().wait(0.01)
        pytest.fail("the parser process did not finish while the caller's work ran")

    triples = parsechild.to_ntriples(data, "ttl", base, 100_000, 120, len(data), meanwhile=wait_for_the_parser)
    assert triples.count(b"\n") == 20_000 and triples.startswith(f"<{base}project/P0> ".encode())
    assert len(seen) == 1  # its one parser process ran to its end during the work

    def failing() -> None:
        raise RuntimeError("the caller's work failed")

    with pytest.raises(RuntimeError, match="the caller's work failed"):
        parsechild.to_ntriples(data, "ttl", base, 100_000, 30, len(data), meanwhile=failing)
    assert _parser_processes(base) == []


def test_the_published_context_repeated_on_every_node_is_refused_before_it_is_inlined(tmp_path):
    """Each reference to the published context would be replaced by its 4 kB: a 3 MB file would become 127 MB."""
    node = '{"@context":"https://w3id.org/migration-lod/context.jsonld","@id":"project/X%d","title":"t"}'
    path = tmp_path / "context-bomb.jsonld"
    path.write_text('{"@context":"https://w3id.org/migration-lod/context.jsonld","@graph":['
                    + ",".join(node % i for i in range(30_000)) + "]}", encoding="utf-8")
    result = validate(str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: refers to the published context 30,001 times: read in, that "
                                    "makes 127,")
    assert result.stderr.endswith(", more than 20971520; give the context once, in the top-level @context\n")


def test_the_rdf_xml_entity_bomb_is_refused_before_any_expansion():
    bomb = HOSTILE / "xml-nested-entities.rdf"
    assert b"<!ENTITY" in bomb.read_bytes()
    result = validate(str(bomb))
    assert result.exit_code == 2 and "with a <!DOCTYPE> declaration is refused" in result.stderr


@pytest.mark.parametrize("name, text, message", [
    ("deep.jsonld", '{"@id": "project/X", "http://example.org/p": ' + "[" * 300 + "1" + "]" * 300 + "}",
     ": JSON nested too deeply (more than 200 levels); flatten the document: describe each resource in @graph and "
     "refer to it by its @id"),
    ("deeper.jsonld", "[" * 100_000 + "]" * 100_000,
     ": JSON nested too deeply (more than 200 levels); flatten the document: describe each resource in @graph and "
     "refer to it by its @id"),
    ("deep.rdf", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://example.org/">'
     '<rdf:Description rdf:about="project/X">' + "<x:p><rdf:Description>" * 100_000
     + "</rdf:Description></x:p>" * 100_000 + "</rdf:Description></rdf:RDF>",
     ":1:2313: XML nested more than 200 levels deep; flatten the document: describe each resource at the top level "
     "and refer to it by its IRI"),
])
def test_json_ld_and_rdf_xml_nested_past_the_limit_are_refused(tmp_path, name, text, message):
    """RDF/XML nested 100,000 deep would keep pyoxigraph busy for most of an hour (quadratic in the depth); the
    201st element (column 2313) is refused."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = validate(str(path))
    assert (result.exit_code, result.stderr) == (2, f"error: {path}{message}\n")


def test_turtle_nested_deeply_is_read_and_its_blank_nodes_reported(tmp_path):
    """Turtle nests without a parser stack (pyoxigraph): 5,000 nested blank nodes are 5,000 blank-node findings."""
    path = tmp_path / "deep.ttl"
    path.write_text("<organisation/x> <http://example.org/p> " + "[ <http://example.org/p> " * 5000 + "1" + " ]" * 5000
                    + " .\n", encoding="utf-8")
    result = validate(str(path), "--format", "json")
    assert result.exit_code == 1
    assert {f["code"] for f in json.loads(result.output)["findings"]} == {"blank-node"}


# -- size -----------------------------------------------------------------------------------------------------

def test_a_literal_of_100_mb_is_refused_without_being_read_whole(tmp_path):
    path = tmp_path / "huge-literal.ttl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('<project/X> <http://purl.org/dc/terms/title> "')
        for _ in range(100):
            handle.write("a" * MB)
        handle.write('"@fr .\n')
    code, lines, own, children = measured("validate", str(path))
    assert code == 2
    assert lines == [f"error: {path}: more than 20971520 bytes; split the contribution into smaller files, or raise "
                     "--max-bytes"]
    assert own < baseline_mb() + 60 and children == 0  # 20 MB read, the other 80 never; nothing parsed


def test_millions_of_tiny_triples_stop_at_the_triple_limit_while_parsing(tmp_path):
    """3 million triples in 19 MB of Turtle, then a syntax error: the error is never reached, because the parse
    stops at triple 250,001; nothing comes back from the parser's process, and no rdflib graph is built: the
    process holds the file and its text (19 MB each), the parser streams."""
    path = tmp_path / "tiny-triples.ttl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("<project/X> <http://example.org/p> ")
        handle.write(",".join(str(n % 1_000_000) for n in range(3_000_000)))
        handle.write(" .\nthis is not Turtle\n")
    assert path.stat().st_size < 20 * MB
    code, lines, own, children = measured("validate", str(path))
    assert code == 2
    assert lines == [f"error: {path}: more than 250000 triples; split the contribution into smaller files, or raise "
                     "--max-triples"]
    assert own < baseline_mb() + 60 and children < 100


def test_json_ld_past_the_triple_limit_is_refused_before_any_rdflib_graph(tmp_path):
    path = tmp_path / "tiny-nodes.jsonld"
    nodes = [{"@id": f"project/n{i}", "http://example.org/p": i} for i in range(20_000)]
    path.write_text(json.dumps({"@graph": nodes}), encoding="utf-8")
    result = validate(str(path), "--max-triples", "10000")
    assert (result.exit_code, result.stderr) == (2, f"error: {path}: more than 10000 triples; split the "
                                                    "contribution into smaller files, or raise --max-triples\n")


def test_the_parser_process_is_stopped_at_its_memory_cap(tmp_path, monkeypatch):
    """A JSON-LD @graph is held whole by the parser: 60 MB of address space is not enough for 2 MB of tiny nodes."""
    monkeypatch.setattr(parsechild, "memory_limit", lambda max_bytes: 60 * MB)
    nodes = [{"@id": f"project/n{i}", "http://example.org/p": i} for i in range(60_000)]
    data = json.dumps({"@graph": nodes}).encode()
    with pytest.raises(InputError) as refused:
        safeparse.parse(data, "jsonld", "nodes.jsonld", BASE, safeparse.Limits(max_triples=1_000_000))
    assert str(refused.value) == ("nodes.jsonld: parsing needed more than 60 MB of memory; split the contribution "
                                  "into smaller files")


# -- IRIs ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, message", [
    ("space.ttl", '<project/X Y> <http://purl.org/dc/terms/title> "t" .',
     ":1:1: not valid Turtle: Invalid IRI code point ' '; fix the file at that place"),
    ("space.nt", f'<{BASE}project/X Y> <http://purl.org/dc/terms/title> "t" .',
     ":1:1: not valid N-Triples: Invalid IRI code point ' '; fix the file at that place"),
    ("space.jsonld", '{"@id": "project/X Y", "http://purl.org/dc/terms/title": "t"}',
     ':1:9: "project/X Y" is not an IRI (" " cannot be in one); percent-encode the character (a space is %20), or '
     "name the resource otherwise"),
    ("space-in-link.jsonld", '{"@id": "project/X",\n "http://purl.org/dc/terms/source": {"@id": "https://a.org/b c"}}',
     ':2:45: "https://a.org/b c" is not an IRI (" " cannot be in one); percent-encode the character (a space is '
     "%20), or name the resource otherwise"),
    ("space.rdf", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:d="http://purl.org/dc/terms/">'
     '<rdf:Description rdf:about="project/X Y"><d:title>t</d:title></rdf:Description></rdf:RDF>',
     ": not valid RDF/XML: error while parsing IRI 'project/X Y': Invalid IRI code point ' '; fix the file at that "
     "place"),
])
def test_iris_with_spaces_are_refused_in_every_format(tmp_path, name, text, message):
    """JSON-LD would otherwise drop such a node or link without a word (the JSON-LD algorithms ignore bad IRIs)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = validate(str(path))
    assert (result.exit_code, result.stderr) == (2, f"error: {path}{message}\n")


def test_javascript_and_other_non_web_iris_are_violations(tmp_path):
    path = tmp_path / "schemes.ttl"
    path.write_text((Path(__file__).parent / "contributions" / "valid-turtle.ttl").read_text(encoding="utf-8")
                    + "\n<project/CT.0001> <http://purl.org/dc/terms/source> <javascript:alert(1)> , "
                      "<data:text/html,x> , <file:///etc/passwd> , <https://example.org/fine> .\n", encoding="utf-8")
    result = validate(str(path), "--format", "json")
    assert result.exit_code == 1
    found = [(f["code"], f["value"]) for f in json.loads(result.output)["findings"]]
    assert found == [("bad-iri-scheme", "data:text/html,x"), ("bad-iri-scheme", "file:///etc/passwd"),
                     ("bad-iri-scheme", "javascript:alert(1)")]


def test_rdf_star_triple_terms_are_refused_with_the_file_name(tmp_path):
    path = tmp_path / "star.ttl"
    path.write_text("<project/X> <http://example.org/says> <<( <project/X> <http://example.org/p> 1 )>> .\n",
                    encoding="utf-8")
    result = validate(str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: triple terms (RDF-star) are not supported: ")
    assert result.stderr.endswith("; state the triple itself, or describe the statement with an IRI\n")


# -- the build ------------------------------------------------------------------------------------------------

REFUSED = ["remote-context.jsonld", "remote-context-import.jsonld", "scoped-remote-context.jsonld",
           "local-context.jsonld", "xml-nested-entities.rdf", "xml-external-entity.rdf", "binary.ttl", "empty.ttl",
           "latin1.ttl", "json-named-ttl.ttl", "syntax-error.ttl", "syntax-error.jsonld", "syntax-error.rdf",
           "deep-nesting.jsonld", "owl-imports.ttl"]


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_build_refuses_each_hostile_contribution_with_one_line_and_leaves_output_untouched(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for name in REFUSED:
        shutil.copyfile(HOSTILE / name, seeds / name)
    (seeds / "huge-literal.ttl").write_bytes(b'<project/X> <http://purl.org/dc/terms/title> "' + b"a" * (100 * MB)
                                             + b'" .\n')
    (seeds / "huge-page.txt").write_bytes(b"Titre\n" + b"a" * (100 * MB))
    (seeds / "space.jsonld").write_text('{"@id": "project/X Y", "http://purl.org/dc/terms/title": "t"}',
                                        encoding="utf-8")
    out = tmp_path / "output"
    shutil.copytree(ROOT / "output", out)
    before = tree(out)
    hostile = [*REFUSED, "huge-literal.ttl", "huge-page.txt", "space.jsonld"]
    code, lines, own, _children = measured("build", "--seeds", str(seeds), "--out", str(out), "--jobs", "1")
    assert code == 1
    for name in hostile:
        mine = [line for line in lines if line.startswith(f"error: {seeds / name}")]
        assert len(mine) == 1, (name, lines)
    assert f"error: {len(hostile)} of {5 + len(hostile)} file(s) failed; {out} was left as it was" in "\n".join(lines)
    assert tree(out) == before
    assert own < 400  # two files of 100 MB, neither read whole

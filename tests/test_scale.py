"""The generated corpus and the build at a couple of hundred pages: broken pages reported one line each, the rest
published with --keep-going, the same bytes whatever the number of workers, and every file agreeing with the
dump. Nothing here is timed: speed is measured by `make bench`."""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from bench.corpus import BROKEN_KINDS, generate
from converters import convert_file, detect
from converters.errors import PageError
from converters.rdf import to_graph
from publisher.cli import main

PAGES = 200
SPDX_VALUE = URIRef("http://spdx.org/rdf/terms#checksumValue")
MESSAGES = {"unknown-country": "unknown country", "budget-in-words": "is not a number",
            "truncated": "has no value"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("corpus"), PAGES, seed=3, broken_rate=0.015)


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("build") / "output"
    result = run("build", "--seeds", str(corpus.folder), "--out", str(out), "--keep-going", "--jobs", "2")
    return out, result


def test_the_same_seed_gives_the_same_pages_and_another_seed_others(tmp_path):
    first, again, other = (generate(tmp_path / name, 30, seed=seed) for name, seed in
                           (("a", 5), ("b", 5), ("c", 6)))
    assert tree(first.folder) == tree(again.folder)
    assert tree(first.folder) != tree(other.folder)


def test_the_corpus_has_every_family_layout_and_kind_of_broken_page(corpus):
    texts = [page.read_text(encoding="utf-8") for page in corpus.pages]
    families = Counter(detect(text).NAME for text in texts if detect_or_none(text))
    assert set(families) == {"iom-idf", "iom-innovation", "euromed-ngo"}
    assert any("\n  • Date de" in text or "\n  • Statut" in text for text in texts)  # bullets layout
    assert any("\n-\nStatut du projet\n" in text or "\n-\nPrima ID\n" in text for text in texts)  # dashes layout
    assert sorted(corpus.broken.values()) == sorted(BROKEN_KINDS)
    partners = [len(re.findall(r"\(([A-Z]{2,})\)", t)) for t in texts if "Retour vers les projets" in t]
    assert max(partners) >= 5


def detect_or_none(text: str):
    try:
        return detect(text)
    except PageError:
        return None


def test_every_good_page_converts_and_names_its_own_project(corpus):
    iris, countries, others = [], [], []
    for page in corpus.pages:
        if page.name in corpus.broken:
            with pytest.raises(PageError) as error:
                convert_file(page)
            assert MESSAGES[corpus.broken[page.name]] in str(error.value)
            continue
        project = convert_file(page)
        countries.append(len(project.eligible_countries))
        others.append(len(project.other_countries))
        # A page lists a country as eligible or as another beneficiary, never both (shape eligible-and-other).
        assert not set(project.eligible_countries) & set(project.other_countries), page.name
        iris.append(str(to_graph(project).iri))
    assert len(iris) == len(set(iris)) == PAGES - len(corpus.broken)
    assert min(c for c in countries if c) == 1 and max(countries) >= 8
    assert sum(1 for n in others if n) >= PAGES // 10 and max(others) >= 3


def test_broken_pages_fail_the_build_with_one_line_each(corpus, tmp_path):
    result = run("build", "--seeds", str(corpus.folder), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert result.exit_code == 1
    for name, kind in corpus.broken.items():
        lines = [line for line in result.output.splitlines() if name in line]
        assert len(lines) == 1 and lines[0].startswith(f"error: {corpus.folder / name}:")
        assert MESSAGES[kind] in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_keep_going_publishes_the_other_pages(built, corpus):
    out, result = built
    assert result.exit_code == 0, result.output
    good = PAGES - len(corpus.broken)
    assert f"published {good} of {PAGES} page(s)" in result.output
    assert result.output.count("skipped:") == len(corpus.broken)


def test_workers_and_chunks_do_not_change_a_byte(built, corpus, tmp_path):
    out, _ = built
    again = tmp_path / "again"
    assert run("build", "--seeds", str(corpus.folder), "--out", str(again), "--keep-going",
               "--jobs", "1").exit_code == 0
    assert tree(again) == tree(out)


def test_the_dump_is_sorted_and_every_file_says_the_same(built):
    out, _ = built
    with gzip.open(out / "migration-projects.nt.gz", "rt", encoding="utf-8", newline="\n") as handle:
        lines = handle.readlines()
    assert lines == sorted(set(lines))
    dump = Graph().parse(data="".join(lines), format="nt")
    assert isomorphic(Graph().parse(out / "migration-projects.ttl", format="turtle"), dump)
    store = ox.Store()
    store.load(path=out / "migration-projects.jsonld", format=ox.RdfFormat.JSON_LD)
    assert len(store) == len(dump)
    document = json.loads((out / "migration-projects.jsonld").read_text(encoding="utf-8"))
    assert len({node["@id"] for node in document["@graph"]}) == len(document["@graph"])
    catalog = (out / "catalog.ttl").read_text(encoding="utf-8")
    assert f"void:triples {len(dump)}" in catalog


def test_the_bench_asks_the_one_project_query_about_a_project_of_the_corpus(built, tmp_path):
    from bench.__main__ import QUERIES, bound_queries, one_project_title

    out, _ = built
    dump = out / "migration-projects.nt.gz"
    store = ox.Store()
    with gzip.open(dump, "rb") as data:
        store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
    title = one_project_title(dump)
    assert title and re.fullmatch(r"[A-Z0-9-]+", title)  # a generated NGO page's acronym
    named = list(store.query(f'SELECT ?p WHERE {{ ?p <http://purl.org/dc/terms/title> ?t ; '
                             f'<https://w3id.org/migration-lod/vocab#participation> [] FILTER(STR(?t) = "{title}") }}'))
    assert len({row["p"] for row in named}) == 1
    bound = bound_queries(QUERIES, title, tmp_path)
    changed = {path.name for path in bound if path.parent == tmp_path}
    assert changed == {"organisations-and-roles.rq"}  # the only query naming one project
    assert [path.name for path in bound] == [path.name for path in QUERIES]
    original = (Path(QUERIES[0]).parent / "organisations-and-roles.rq").read_text(encoding="utf-8")
    assert list(store.query(original)) == []  # the seeds' project is not in the corpus
    rows = list(store.query((tmp_path / "organisations-and-roles.rq").read_text(encoding="utf-8")))
    assert len(rows) >= 2  # 2 to 15 partners a page
    assert bound_queries(QUERIES, None, tmp_path / "none") == list(QUERIES)


def test_the_bench_keeps_the_median_build_with_the_floor_measured_after_it(monkeypatch, tmp_path):
    import bench.__main__ as bench_main
    from bench.measure import Outcome

    walls, floors, calls = iter([70.0, 95.0, 60.0]), iter([2.0, 1.5, 2.5]), []

    probes = iter([0.2, 0.3, 0.25])

    def step(args, **_):
        calls.append(args[1])
        if args[1] == "build":
            return Outcome(next(walls), 1, 1, [{"step": "build"}], cpu=100.0)
        if args[1] == "probe":
            return Outcome(1.0, 1, 1, [{"step": "probe", "seconds": next(probes)}])
        return Outcome(1.0, 1, 1, [{"step": "floor", "parse_and_write": next(floors)}])

    monkeypatch.setattr(bench_main, "step", step)
    found = bench_main._builds(tmp_path / "corpus", tmp_path / "out", 2, "site", 3)
    assert calls == ["probe", "build", "floor"] * 3  # the CPU probed before each build, each floor right after
    assert found["build"]["wall"] == 70.0 and found["floor"]["records"][0]["parse_and_write"] == 2.0
    assert [run["floor"] for run in found["runs"]] == [2.0, 1.5, 2.5]
    assert [run["probe"] for run in found["runs"]] == [0.2, 0.3, 0.25] and found["probe"] == 0.2
    assert bench_main.report.floor_seconds(found) == 2.0
    assert all(set(run["reclaim"]) == set(bench_main.reclaim_counters()) for run in found["runs"])
    assert all(value >= 0 for run in found["runs"] for value in run["reclaim"].values())
    assert "CPU probe before it 0.30 s" in bench_main.report._runs({"pages": 10, **found})
    hundred = {"runs": [{"wall": 900.0, "probe": 0.3}]}
    assert bench_main.report._probes(found, hundred) == "; CPU probe 0.30 s before it against 0.20 s (1.50× as long)"
    walls = iter([50.0])
    monkeypatch.setattr(bench_main, "step", lambda args, **_: Outcome(0.1, 1, 1, []) if args[1] == "probe"
                        else Outcome(next(walls), 1, 1, [], returncode=1))
    failed = bench_main._builds(tmp_path / "corpus", tmp_path / "out", 2, "site", 3)
    assert failed["build"]["returncode"] == 1 and len(failed["runs"]) == 1 and "floor" not in failed


def test_the_bench_reads_the_kernels_reclaim_counters(tmp_path):
    from bench.__main__ import RECLAIM, reclaim_counters

    vmstat = tmp_path / "vmstat"
    vmstat.write_text("nr_free_pages 12\npgscan_kswapd 29044\nkswapd_inodesteal 125339\npgscan_direct 0\n",
                      encoding="ascii")
    assert reclaim_counters(vmstat) == {"pgscan_kswapd": 29044, "kswapd_inodesteal": 125339, "pgscan_direct": 0}
    assert reclaim_counters(tmp_path / "none") == {}
    if Path("/proc/vmstat").is_file():
        assert set(reclaim_counters()) <= set(RECLAIM) and "pgscan_kswapd" in reclaim_counters()


def test_the_bench_builds_into_an_empty_folder_and_deletes_the_last_outputs_only_when_done(monkeypatch, tmp_path):
    """No build is timed right after a deletion of many files (on this machine's file system, without a journal,
    creating files then costs many times more): outputs are set aside, and deleted once all is measured."""
    import bench.__main__ as bench_main
    from bench.measure import Outcome

    out, trash = tmp_path / "out", tmp_path / bench_main.TRASH
    (out / "site").mkdir(parents=True)
    (out / "site" / "old.html").write_text("the last run's", encoding="utf-8")
    seen = []

    def step(args, **_):
        if args[1] == "build":
            seen.append((out.exists(), sorted(path.read_text(encoding="utf-8")
                                              for path in trash.glob("*/site/*.html"))))
            (out / "site").mkdir(parents=True)
            (out / "site" / "old.html").write_text(f"run {len(seen)}", encoding="utf-8")
            return Outcome(10.0, 1, 1, [{"step": "build"}], cpu=10.0)
        return Outcome(1.0, 1, 1, [{"step": "floor", "parse_and_write": 1.0}])

    monkeypatch.setattr(bench_main, "step", step)
    bench_main._builds(tmp_path / "corpus", out, 2, "site", 3)
    assert seen == [(False, ["the last run's"]), (False, ["run 1", "the last run's"]),
                    (False, ["run 1", "run 2", "the last run's"])]
    assert (out / "site" / "old.html").read_text(encoding="utf-8") == "run 3"  # the last run stays for the queries
    bench_main.set_aside(tmp_path / "nothing there")  # nothing to move: no error
    assert len(list(trash.iterdir())) == 3


def test_the_baseline_runs_every_stage_and_writes_the_same_triples_three_ways(tmp_path, capsys):
    from bench import baseline

    corpus = generate(tmp_path / "corpus", 12, seed=5, broken_rate=0.1)
    baseline.main(corpus.folder, tmp_path / "out")
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["step"] for r in records] == ["map", "validate", "write-nt", "write-turtle", "write-json-ld"]
    assert records[0]["skipped"] == len(corpus.broken) == 1
    dump = Graph().parse(tmp_path / "out" / "dataset.nt", format="nt")
    assert len(dump) == records[0]["triples"]
    assert isomorphic(Graph().parse(tmp_path / "out" / "dataset.ttl", format="turtle"), dump)
    assert isomorphic(Graph().parse(tmp_path / "out" / "dataset.jsonld", format="json-ld"), dump)


def test_the_whole_bench_runs_at_a_small_size_and_reports_every_table(tmp_path):
    """`python -m bench` end to end on 24 pages: every step a child process, as `make bench` runs them."""
    import subprocess
    import sys

    results = tmp_path / "results"
    done = subprocess.run([sys.executable, "-m", "bench", "--sizes", "24", "--work", str(tmp_path / "work"),
                           "--results", str(results), "--build-repeats", "2", "--contribution", "5", "--jobs", "2"],
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(next(results.glob("*-cores.json")).read_text(encoding="utf-8"))
    (entry,) = found["sizes"]
    assert entry["build"]["returncode"] == 0 and entry["baseline"]["returncode"] == 0
    assert len(entry["runs"]) == 2 and all(run["floor"] and run["probe"] > 0 for run in entry["runs"])
    exports = entry["exports"]  # the same corpus built without the HTML pages, as often
    assert exports["build"]["returncode"] == 0 and len(exports["runs"]) == 2
    assert all(run["floor"] and run["wall"] for run in exports["runs"])
    assert [r["step"] for r in entry["baseline"]["records"]] == ["map", "validate", "write-nt", "write-turtle",
                                                                 "write-json-ld"]
    queries = found["queries"]["24"]
    for engine in ("memory", "oxigraph", "rdflib"):
        assert queries[engine]["returncode"] == 0, engine
        answered = {r["query"] for r in queries[engine]["records"] if r.get("step") == "query"}
        assert answered == set(queries["queries"]), engine
    assert found["validate"]["seeds"]["returncode"] == 0 and found["validate"]["output-24"]["returncode"] == 0
    text = next(results.glob("*-cores.md")).read_text(encoding="utf-8")
    assert "| 24 |" in text and "| 24 (no HTML pages) |" in text and "failed" not in text
    assert "24 pages (no HTML pages) built 2 times" in text
    left = {path.name for path in (tmp_path / "work").iterdir()}
    assert {"corpus-24-seed1", "contribution-5.ttl"} <= left  # kept for the next run
    assert not left & {"output-24", "output-24-no-pages", "trash", ".migration-lod-store"}  # deleted at the end


def test_the_targets_at_10000_pages_are_judged_with_and_without_the_html_pages():
    from bench import report

    def built(wall: float, floor: float) -> dict:
        return {"build": {"wall": wall, "returncode": 0, "records": [{"step": "build"}]},
                "floor": {"records": [{"step": "floor", "parse_and_write": floor}]}, "runs": []}

    ten = {"pages": 10_000, "site": True, **built(70.0, 2.0), "exports": built(40.0, 2.0),
           "baseline": {"wall": 700.0, "timed_out": False, "returncode": 0}}
    rows = report.targets({"sizes": [ten], "queries": {}, "validate": {}})
    met = {row.split(" | ")[0].strip("| "): (row.split(" | ")[1], row.split(" | ")[2].strip(" |")) for row in rows[2:]}
    exports = "10,000 pages, every export (the dataset's files, each resource's RDF files)"
    both = "10,000 pages, every export and the HTML pages"
    assert met[f"{exports}: within 30× of the I/O floor"] == ("20× (40.0 s / 2.00 s)", "yes")
    assert met[f"{both}: within 30× of the I/O floor"] == ("35× (70.0 s / 2.00 s)", "no")
    assert met[f"{exports}: at least 5× faster than the baseline"] == ("17.5×", "yes")
    assert met[f"{both}: at least 5× faster than the baseline"] == ("10.0×", "yes")
    assert met[f"{exports}: well under 10 s"] == ("40.0 s", "no")
    alone = report.targets({"sizes": [{k: v for k, v in ten.items() if k != "exports"}], "queries": {},
                            "validate": {}})
    assert any(row.startswith("| 10,000 pages, end to end: within 30× of the I/O floor | 35×") for row in alone)


def test_the_bench_makes_a_kept_corpus_again_once_the_code_it_came_from_changes(tmp_path, monkeypatch, capsys):
    import bench.__main__ as bench_main

    folder = bench_main._corpus(tmp_path, 12, seed=1)
    first = tree(folder)
    assert "generating" in capsys.readouterr().out
    page = sorted(folder.glob("*.txt"))[0]
    page.write_text("made by an older generator", encoding="utf-8")
    assert bench_main._corpus(tmp_path, 12, seed=1) == folder and "generating" not in capsys.readouterr().out
    monkeypatch.setattr(bench_main, "fingerprint", lambda: "changed")
    bench_main._corpus(tmp_path, 12, seed=1)
    assert "generating" in capsys.readouterr().out
    assert {k: v for k, v in tree(folder).items() if k != ".complete"} == \
        {k: v for k, v in first.items() if k != ".complete"}


def test_the_last_chunks_are_small_so_the_workers_finish_together():
    """Every page in one chunk, in order, no chunk over CHUNK pages; the last `jobs` full chunks' pages go in
    chunks a quarter as big; one worker: no small chunks."""
    from publisher.build import CHUNK, chunked

    for pages, jobs in [(10_000, 2), (100_000, 2), (1_000, 4), (801, 2), (5, 2), (1, 2), (0, 2)]:
        chunks = chunked(list(range(pages)), jobs)
        assert [page for chunk in chunks for page in chunk] == list(range(pages))
        assert all(0 < len(chunk) <= CHUNK for chunk in chunks)
    sizes = [len(chunk) for chunk in chunked(list(range(10_000)), 2)]
    assert sizes == [CHUNK] * 23 + [CHUNK // 4] * 8
    assert {len(chunk) for chunk in chunked(list(range(10_000)), 1)} == {CHUNK}


def _noting_thresholds(function, notes: Path):
    """`function`, noting in `notes` the garbage collector's thresholds and frozen objects of the process it runs in."""
    import gc

    def noted(*args, **kwargs):
        with notes.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps([os.getpid(), gc.get_threshold(), gc.get_freeze_count()]) + "\n")
        return function(*args, **kwargs)

    return noted


def test_the_workers_and_the_dataset_writer_collect_fully_rarely(corpus, tmp_path, monkeypatch):
    """A build's worker processes and the process writing the dataset's files make a full garbage collection
    after FULL_COLLECTION_EVERY middle ones at the soonest (their caches grow; each full collection walked them
    all: 9.7 % of the workers' CPU at 100,000 pages) and a young one after WORKER_YOUNG allocations, and never
    walk what they inherit; the build's own process keeps its thresholds."""
    import gc

    from publisher import build, collecting, export, pipeline

    notes = tmp_path / "thresholds.jsonl"
    # A worker finds process_chunk by its name in publisher.pipeline, as forked (nothing is imported again).
    noted = _noting_thresholds(pipeline.process_chunk, notes)
    noted.__module__, noted.__qualname__ = "publisher.pipeline", "process_chunk"
    monkeypatch.setattr(pipeline, "process_chunk", noted)
    monkeypatch.setattr(build, "process_chunk", noted)
    monkeypatch.setattr(export, "write_files", _noting_thresholds(export.write_files, notes))
    before = gc.get_threshold()
    build.build(corpus.folder, tmp_path / "output", jobs=2, keep_going=True)
    seen = [json.loads(line) for line in notes.read_text(encoding="utf-8").splitlines()]
    processes = {pid for pid, _, _ in seen}
    assert len(processes) == 3 and os.getpid() not in processes  # two workers, one dataset writer
    rare = [max(before[0], collecting.WORKER_YOUNG), before[1], max(before[2], collecting.FULL_COLLECTION_EVERY)]
    assert all(thresholds == rare and frozen > 10_000 for _, thresholds, frozen in seen)
    assert gc.get_threshold() == before


def test_the_runs_are_merged_once_and_the_other_passes_read_the_copy(corpus, tmp_path, monkeypatch):
    """With the site and two processes, the workers' runs are merged once, by the pass gathering what the site
    reads, which copies the lines to a file beside the runs: the process writing the dataset's files reads the
    copy as it is written, the site's two writers once it is whole (each merge cost about three times a read),
    and the copy is gone with the runs. The files are the same as from merged lines
    (test_workers_and_chunks_do_not_change_a_byte)."""
    from publisher import build, ntriples

    notes = tmp_path / "merges.txt"

    def noting(kind, function):
        def noted(*args, **kwargs):
            with notes.open("a", encoding="utf-8") as handle:
                handle.write(f"{kind} {os.getpid()} {Path(args[0]).parent if kind != 'merge' else '-'}\n")
            yield from function(*args, **kwargs)
        return noted

    for kind, name in (("merge", "merged"), ("follow", "followed"), ("read", "read_run")):
        monkeypatch.setattr(ntriples, name, noting(kind, getattr(ntriples, name)))
    out = tmp_path / "output"
    build.build(corpus.folder, out, jobs=2, keep_going=True)
    seen = [line.split() for line in notes.read_text(encoding="utf-8").splitlines()]
    by_kind = {kind: [(pid, folder) for k, pid, folder in seen if k == kind] for kind in ("merge", "follow", "read")}
    assert [pid for pid, _ in by_kind["merge"]] == [str(os.getpid())]  # the gathering pass
    assert len(by_kind["follow"]) == 1 and by_kind["follow"][0][0] != str(os.getpid())  # the dataset's writer
    readers = {pid for pid, _ in by_kind["read"]}
    assert len(readers) == 2 and by_kind["follow"][0][0] not in readers  # the site's two writers
    folders = {folder for _, folder in by_kind["follow"] + by_kind["read"]}
    assert len(folders) == 1 and Path(next(iter(folders))).parent == tmp_path
    assert not Path(next(iter(folders))).exists()
    assert (out / "site" / "index.html").is_file()


def test_a_copy_of_lines_holds_them_all_once_they_have_passed(tmp_path):
    from publisher.ntriples import copied, read_run

    lines = [f"<urn:x:{n:05d}> <urn:p> \"é {n}\" .\n" for n in range(10_001)]
    copy = tmp_path / "copy.nt"
    assert list(copied(iter(lines), copy, batch=1000)) == lines
    assert list(read_run(copy)) == lines
    assert copy.read_text(encoding="utf-8") == "".join(lines)
    assert not (tmp_path / "copy.nt.part").exists()


def test_a_copy_is_read_whole_while_it_is_being_written(tmp_path):
    """followed() reads what copied() writes as it comes: whole lines only (a read of a megabyte ends anywhere,
    inside a line or a character), "\\n" the only end of a line (U+2028 is inside a literal), up to the last."""
    import threading
    import time

    from publisher.ntriples import copied, followed

    lines = [f"<urn:x:{n:06d}> <urn:p> \"é\u2028{n}\" .\n" for n in range(200_000)]  # 6 MB
    copy = tmp_path / "copy.nt"
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.extend(followed(copy, pause=0.001)))
    reader.start()

    def slowly():
        for number, line in enumerate(lines):
            if number % 40_000 == 0:
                time.sleep(0.05)  # the reader catches up and waits
            yield line

    assert list(copied(slowly(), copy, batch=999)) == lines
    reader.join(timeout=120)
    assert not reader.is_alive() and got == lines
    assert list(followed(copy)) == lines  # once it is whole
    assert not (tmp_path / "copy.nt.part").exists()


def test_the_dataset_files_are_hashed_once_by_the_process_writing_them(corpus, tmp_path, monkeypatch):
    """The dump, the Turtle, the JSON-LD and the validation report are read once to hash them, by the process
    that wrote them while the site is written; the catalogue's checksums and SHA256SUMS (which say the same)
    take those, rather than the build's process reading 170 MB twice once the site is done (10,000 pages)."""
    from publisher import build, catalog, export

    notes = tmp_path / "hashed.txt"
    hashed = export.sha256

    def noted(path):
        with notes.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {Path(path).name}\n")
        return hashed(path)

    monkeypatch.setattr(export, "sha256", noted)
    monkeypatch.setattr(catalog, "sha256", noted)
    out = tmp_path / "output"
    build.build(corpus.folder, out, jobs=2, keep_going=True)
    seen = Counter(tuple(line.split()) for line in notes.read_text(encoding="utf-8").splitlines())
    big = {export.DUMP, export.TURTLE, export.JSONLD, build.REPORT}
    by_name = Counter(name for _, name in seen.elements() if name in big)
    assert by_name == Counter(dict.fromkeys(big, 1))
    assert all(int(pid) != os.getpid() for pid, name in seen if name in big)
    sums = dict(reversed(line.split("  ")) for line in (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    assert all(sums[name] == hashed(out / name) for name in big)
    described = Graph().parse(out / "catalog.ttl")
    assert {str(o) for o in described.objects(None, SPDX_VALUE)} >= {sums[name] for name in big - {build.REPORT}}


def test_the_dump_is_gzip_any_reader_takes_and_smaller_than_zlibs_default(built, tmp_path):
    """zlib-ng at level 7 (publisher.export): a plain gzip file, read by the standard library and by gzip(1),
    with no name or time in its header, and smaller than zlib's default level makes of the same lines."""
    import shutil
    import subprocess

    dump = (built[0] / "migration-projects.nt.gz").read_bytes()
    lines = gzip.decompress(dump)
    assert dump[:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no flags, no time, unknown OS
    assert len(dump) < len(gzip.compress(lines, compresslevel=6, mtime=0))
    if shutil.which("gzip"):
        (tmp_path / "dump.nt.gz").write_bytes(dump)
        assert subprocess.run(["gzip", "-dc", str(tmp_path / "dump.nt.gz")], capture_output=True,
                              check=True).stdout == lines


def test_the_dataset_is_counted_once_by_the_pass_the_catalogue_takes_its_statistics_from(corpus, tmp_path,
                                                                                           monkeypatch):
    """With the site and two processes, the statistics (VoID counts) are counted in the build's own pass over
    the data, not again by the process writing the dataset's files; the catalogue says what the data holds."""
    from publisher import build, statistics

    notes = tmp_path / "counted.txt"
    add = statistics.Statistics.add

    def noted(self, subject, pairs):
        with notes.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return add(self, subject, pairs)

    monkeypatch.setattr(statistics.Statistics, "add", noted)
    out = tmp_path / "output"
    build.build(corpus.folder, out, jobs=2, keep_going=True)
    by_process = Counter(notes.read_text(encoding="utf-8").split())
    subjects = {line.split(" ", 1)[0] for line in gzip.open(out / "migration-projects.nt.gz", "rt", encoding="utf-8")}
    assert by_process == {str(os.getpid()): len(subjects)}
    described = Graph().parse(out / "catalog.ttl")
    triples = URIRef("http://rdfs.org/ns/void#triples")
    lines = sum(1 for _ in gzip.open(out / "migration-projects.nt.gz", "rt", encoding="utf-8"))
    assert lines in {int(o) for o in described.objects(None, triples)}


def test_the_bench_stops_at_once_when_the_disk_cannot_hold_its_outputs(monkeypatch, tmp_path, capsys):
    """The full bench keeps every output until the end (set_aside): about 26 GB with 100,000 pages and their
    site. Too little free space stops it before anything is measured, in one line saying how much it needs,
    not with "No space left on device" in the largest build half an hour later."""
    import shutil
    import sys
    from collections import namedtuple

    import bench.__main__ as bench_main

    full = ["bench", "--sizes", "1000,10000,100000", "--site-up-to", "100000", "--work", str(tmp_path / "work"),
            "--results", str(tmp_path / "results")]
    monkeypatch.setattr(sys, "argv", full)
    needed = bench_main.disk_needed(bench_main._options())
    assert 20e9 < needed < 35e9
    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(100e9, 90e9, 10e9))
    monkeypatch.setattr(bench_main, "_measure", lambda *args: pytest.fail("measured with too little disk"))
    with pytest.raises(SystemExit) as stopped:
        bench_main.main()
    message = str(stopped.value)
    assert message.startswith("bench: the runs need about") and "10 GB" in message and "--work" in message
    assert not (tmp_path / "results").exists()

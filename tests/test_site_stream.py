"""The streamed site writer against the whole-graph renderer `serve` uses, on a generated corpus: every file it
writes is the file the whole graph renders for that path, and long project tables are paged (every project on
exactly one page, the pages linked to each other). Nothing here is timed: `make bench` measures."""

from __future__ import annotations

import copy
import gzip
import posixpath
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.request import urlopen

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from bench.corpus import generate
from converters.namespaces import DEFAULT_BASE
from publisher.cli import main
from publisher.describe import canonical_path
from publisher.pages import Pages
from publisher.projecttable import PAGE_ROWS, page_file, split_page
from publisher.site import DUMP, LANDING, SITE, make_pages, published_index, rdf_forms, write_site
from tests.serving import serve
from tests.test_site import Page

ROWS = 7  # a short page, so that countries, organisations and concepts have tables of several pages


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    corpus = generate(tmp_path_factory.mktemp("corpus"), 200, seed=11)
    out = tmp_path_factory.mktemp("build") / "output"
    result = CliRunner().invoke(main, ["build", "--seeds", str(corpus.folder), "--out", str(out), "--keep-going",
                                       "--jobs", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def short(built, tmp_path_factory) -> Path:
    """The same build with its site written again, ROWS rows to a table page."""
    out = tmp_path_factory.mktemp("short") / "output"
    shutil.copytree(built, out, ignore=shutil.ignore_patterns(SITE))
    write_site(out, lambda: _dump_lines(out), DEFAULT_BASE, jobs=2, rows=ROWS)
    return out


def _dump_lines(out: Path):
    with gzip.open(out / DUMP, "rt", encoding="utf-8", newline="\n") as handle:
        yield from handle


def whole_graph_files(out: Path, rows: int) -> dict[str, bytes]:
    """Every file of the site as the whole-graph index renders it (what `serve` answers with)."""
    index = published_index(out, DEFAULT_BASE)
    pages = make_pages(out, index, rows=rows)
    files = {"style.css": (out / SITE / "style.css").read_bytes()}
    files.update({page_file("", n): html.encode("utf-8") for n, html in pages.render_pages("").items()})
    for path in index.resources:
        if canonical_path(path) != path or path == LANDING:
            continue
        files.update({f"{path}.{ext}": content for ext, content in rdf_forms(index, path).items()})
        files.update({page_file(path, n): html.encode("utf-8") for n, html in pages.render_pages(path).items()})
    return files


def site_files(out: Path) -> dict[str, bytes]:
    site = out / SITE
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("rows", [PAGE_ROWS, ROWS])
def test_every_file_is_what_the_whole_graph_renders(built, short, rows):
    out = built if rows == PAGE_ROWS else short
    written, expected = site_files(out), whole_graph_files(out, rows)
    assert sorted(written) == sorted(expected)
    differ = [name for name in expected if written[name] != expected[name]]
    assert not differ, f"{len(differ)} file(s) differ, first {differ[:5]}"
    kinds = Counter(name.rsplit(".", 1)[-1] for name in written)
    # how many depends on the names drawn (967 pages since the gazetteer gained aliases the corpus draws from)
    assert kinds["html"] > 900 and kinds["ttl"] == kinds["jsonld"] == kinds["nt"] > 800


def test_the_landing_page_is_paged_at_the_default_length(built):
    pages = sorted(name for name in site_files(built) if re.fullmatch(r"index(,\d+)?\.html", name))
    assert pages == ["index,2.html", "index.html"]  # 197 projects, 100 to a page


def _table(html: str) -> list[str]:
    """The projects a page's table lists: the links of the first cell of each row."""
    body = html.split('<section id="projects">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr>\n<td><a href="([^"]+)"', body)


def _pager(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="pager".*?</nav>', html, re.S)
    return dict(re.findall(r'<a rel="(prev|next)" href="([^"]+)"', nav.group())) if nav else {}


def test_each_project_is_on_exactly_one_page_of_a_paged_table(short):
    files = site_files(short)
    index = published_index(short, DEFAULT_BASE)
    paged = sorted({split_page(name)[0] for name in files if split_page(name)})
    assert len(paged) > 10 and "" in paged and any(p.startswith("country/") for p in paged)
    assert any(p.startswith("organisation/") or p.startswith("programme/") for p in paged)
    for path in paged:
        count = max(n for name in files if (found := split_page(name)) and found[0] == path
                    for n in [found[1]])
        listed = []
        for number in range(1, count + 1):
            html = files[page_file(path, number)].decode("utf-8")
            rows = _table(html)
            assert 0 < len(rows) <= ROWS and (len(rows) == ROWS or number == count), (path, number)
            folder = posixpath.dirname(page_file(path, number))
            listed += [posixpath.normpath(posixpath.join(folder, href)) for href in rows]
            assert f"Page {number} of {count}" in Page(html).all_text
        assert len(listed) == len(set(listed)), f"{path}: a project on two pages"
        expected = _projects_listed_by(index, path)
        assert set(listed) == expected, path
        counted = re.search(r'<section id="projects">\n<h2>[^<]*<span class="count">(\d+)</span>',
                            files[page_file(path, 1)].decode("utf-8"))
        assert int(counted.group(1)) == len(expected)


def _projects_listed_by(index, path: str) -> set[str]:
    """The project pages a resource's table should list: every project, or those linking to it."""
    projects = set(Pages(index).projects)
    if not path or path == "dataset":
        chosen = projects
    else:
        node = index.iri(path)
        chosen = {str(s).partition("#")[0] for s, _ in index.by_object.get(node, [])} & {str(p) for p in projects}
    return {f"{str(p)[len(DEFAULT_BASE):]}.html" for p in chosen}


def test_the_pages_of_a_table_link_to_each_other_in_order(short):
    files = site_files(short)
    starts = [name for name in files if not split_page(name) and name.endswith(".html")
              and page_file(name.removesuffix(".html"), 2) in files]
    assert starts
    for start in starts:
        seen, name, previous = [], start, None
        while name:
            html = files[name].decode("utf-8")
            links = _pager(html)
            assert (previous is None) == ("prev" not in links)
            if previous:
                assert _follow(name, links["prev"]) == previous
            seen.append(name)
            previous, name = name, _follow(name, links["next"]) if "next" in links else None
            assert name is None or name in files, name
        stem = start.removesuffix(".html")
        assert seen == [page_file(stem if stem != "index" else "", n) for n in range(1, len(seen) + 1)]


def _follow(name: str, href: str) -> str:
    target, _, fragment = href.partition("#")
    assert fragment == "projects"
    return posixpath.normpath(posixpath.join(posixpath.dirname(name), target))


def test_page_files_are_named_apart_from_every_resource():
    assert page_file("country/AR", 1) == "country/AR.html" and page_file("country/AR", 3) == "country/AR,3.html"
    assert page_file("", 2) == "index,2.html"
    assert split_page("country/AR,3.html") == split_page("country/AR%2C3.html") == ("country/AR", 3)
    assert split_page("index,2.html") == ("", 2)
    for name in ("country/AR.html", "country/AR,1.html", "country/AR,02.html", "country/AR,x.html",
                 "country/AR,3.ttl", "project/PO.0181.html"):
        assert split_page(name) is None, name
    assert canonical_path("country/AR,3") == "country/AR%2C3"  # a minted path never holds the mark itself


def test_serve_answers_every_page_of_a_table(short, tmp_path):
    files = site_files(short)
    name = next(n for n in sorted(files) if n.startswith("country/") and split_page(n))
    path, number = split_page(name)
    with serve(short, tmp_path / "serve.log") as (_, url):
        with urlopen(url + name) as answer:
            assert answer.read() == files[name]
        with urlopen(url + "index,2.html") as answer:
            assert answer.read() == files["index,2.html"]
        with pytest.raises(Exception, match="404"):
            urlopen(url + page_file(path, 99))
    with serve(short, tmp_path / "serve-fr.log", "--lang", "fr") as (_, url):  # rendered, 100 rows a page
        with urlopen(url + "index,2.html") as answer:
            assert "Page 2 sur 2" in answer.read().decode("utf-8")


def test_a_part_named_only_by_its_description_is_summarised_from_another_page(root, tmp_path):
    """A link from one resource to another's part that has no label, notation, amount or participation: its
    page names the part by its description, which the brief only gathers in an extra pass."""
    out = tmp_path / "output"
    shutil.copytree(root / "output", out, ignore=shutil.ignore_patterns(SITE))
    link = ("<https://w3id.org/migration-lod/organisation/aesat> <http://www.w3.org/2000/01/rdf-schema#seeAlso> "
            "<https://w3id.org/migration-lod/project/RT.1296#activity-2> .\n")
    with gzip.open(out / DUMP, "rt", encoding="utf-8", newline="\n") as handle:
        lines = sorted({*handle, link})
    with gzip.open(out / DUMP, "wt", encoding="utf-8", newline="\n") as handle:
        handle.writelines(lines)
    write_site(out, lambda: iter(lines), DEFAULT_BASE, jobs=1)
    page = (out / SITE / "organisation/aesat.html").read_bytes()
    index = published_index(out, DEFAULT_BASE)
    assert page == make_pages(out, index).render("organisation/aesat").encode("utf-8")
    assert "#activity-2" not in Page(page.decode("utf-8")).all_text  # named by its description instead


def test_writers_take_blocks_of_documents_as_they_come_to_them():
    """Each block of documents goes to the first writer that comes to it: a writer kept busy elsewhere (the
    catalogue's documents, a long table) takes the blocks the others have not reached, not a share dealt in
    advance; a document asked about before one of an earlier block (the data's order is the lines', not the
    documents') is still in one writer only."""
    from publisher.site import Claims

    blocks = [[f"d{block}-{n}" for n in range(3)] for block in range(6)]
    first = Claims(blocks)
    second = copy.copy(first)  # another writer: the same blocks and count of blocks taken, its own takings
    second.mine, second.seen = set(), -1
    assert all(document in first for block in blocks[:3] for document in block)  # it came first to blocks 0-2
    assert [document in second for block in blocks[:4] for document in block] == [False] * 9 + [True] * 3
    assert "d5-0" in first and "d4-0" in first  # asked out of order: blocks 4 and 5 went to `first` together
    assert "d4-1" not in second and "d5-1" not in second
    assert "elsewhere" not in first and "elsewhere" not in second  # a document of no block: not written here
    assert sorted(first.mine) == [0, 1, 2, 4, 5] and sorted(second.mine) == [3, 6]  # there is no block 6


def test_forked_writers_write_every_block_once():
    """Writers forked after Claims is made share its count: every block written, none twice."""
    from publisher.export import Child
    from publisher.site import Claims

    documents = [f"d{n:04d}" for n in range(500)]
    claims = Claims([documents[start:start + 10] for start in range(0, len(documents), 10)])

    def taken() -> list[str]:
        return [document for document in documents if document in claims]

    children = [Child(taken) for _ in range(2)]
    try:
        mine = taken()
        theirs = [child.result() for child in children]
    finally:
        for child in children:
            child.stop()
    assert sorted(mine + theirs[0] + theirs[1]) == documents


def test_packed_tuples_read_back_as_they_were_put():
    """The brief, the referrers and the subjects of each type are packed in one buffer: every tuple reads back
    as it was put, its coded items (predicates) too, whatever its characters; a key put again holds the new
    tuple; counts come without unpacking."""
    from publisher.sitestream import Packed

    packed = Packed(coded=0, named=True)
    said = {
        "https://example.org/a": ("<p1>", '"Bolivie (État plurinational de)"@fr', "<p2>", "<https://example.org/b>"),
        "https://example.org/b": (),
        "https://example.org/c": ("<p2>", '"ligne\\nsuivante – 😀 ’"', "<p1>", '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    }
    for key, values in said.items():
        packed.put(key, values)
    assert {key: packed[key] for key in packed} == said
    assert [packed.name(slot) for slot in range(3)] == list(said)  # a slot number stands for its key
    assert len(packed) == 3 and "https://example.org/b" in packed and "https://example.org/z" not in packed
    assert packed.get("https://example.org/z", ()) == ()
    assert [packed.count(key) for key in (*said, "https://example.org/z")] == [4, 0, 4, 0]
    assert packed.numbers == {"<p1>": "0", "<p2>": "1"}  # the predicates, each once
    assert packed.put("https://example.org/b", ("<p1>", "<x>")) == 3
    assert packed["https://example.org/b"] == ("<p1>", "<x>") and len(packed) == 3 and packed.name(1).endswith("/b")
    referrers = Packed(coded=1)
    referrers.seal({"<d>": bytearray(f"7\n{referrers.number('<p1>')}\n8\n{referrers.number('<p1>')}\n".encode()),
                    "<e>": bytearray(b"9\n")})
    assert referrers["<d>"] == ("7", "<p1>", "8", "<p1>") and referrers.names == {"0": "<p1>"}
    assert referrers["<e>"] == ("9",) and referrers.count("<d>") == 4 and referrers.count("<e>") == 1
    joined, other = Packed(), Packed()
    joined.put("k1", ("a", "b"))
    other.put("k2", ("c – ’",))
    other.put("k3", ())
    joined.extend(other)
    assert {key: joined[key] for key in joined} == {"k1": ("a", "b"), "k2": ("c – ’",), "k3": ()}
    with pytest.raises(ValueError):
        joined.extend(referrers)  # coded: its numbers are its own


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux's /proc/PID/smaps_rollup")
def test_a_forked_writer_reads_the_brief_without_copying_it():
    """A site writer is a forked process reading the parent's brief of every resource; read from tuples of
    strings, the reference counts it writes made copy-on-write copy nearly all of it into each writer (270 MB
    each at 100,000 pages). Packed, a child reading every brief copies a small part of it."""
    import gc
    import multiprocessing

    from publisher.sitestream import Facts

    facts = Facts("https://example.org/")
    for n in range(SUBJECTS):
        subject = f"<{_subject(n)}>"
        facts.add(subject, [("<http://www.w3.org/2000/01/rdf-schema#label>", f'"Projet numéro {n} {"x" * 40}"@fr'),
                            ("<http://purl.org/dc/terms/identifier>", f'"P-{n:06d}-{"y" * 30}"'),
                            ("<https://example.org/p>", f"<https://example.org/organisation/O{n % 997}>")])
    facts.finish()
    held = len(facts.brief.buffer)
    assert held > 15 * 2**20
    gc.freeze()
    try:
        receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
        child = multiprocessing.get_context("fork").Process(target=_read_every_brief, args=(facts, sender))
        child.start()
        copied = receiver.recv()
        child.join()
    finally:
        gc.unfreeze()
    assert copied < held / 3, (copied, held)  # 4.8 MB of 22 MB here; 41 MB from tuples of strings


SUBJECTS = 150_000


def _subject(n: int) -> str:
    return f"https://example.org/project/P{n:06d}#part"


def _read_every_brief(facts, sender) -> None:
    def dirty() -> int:
        with open("/proc/self/smaps_rollup") as rollup:
            return next(int(line.split()[1]) * 1024 for line in rollup if line.startswith("Private_Dirty:"))

    before = dirty()
    read = sum(len(facts.brief.get(_subject(n), ())) for n in range(SUBJECTS))  # by IRIs of its own, as pages do
    sender.send(dirty() - before if read else -1)


def test_the_caches_change_no_byte(built, tmp_path, monkeypatch):
    """Every cache a site writer keeps (table rows and their facts, names and labels by folder, converted briefs
    by predicate, short literals, interned IRIs, schema.org summaries, Turtle's IRIs, linked resources' labels in
    each RDF form) held to two entries, emptied or its oldest dropped, as they overflow at 100,000 pages: the
    site is the same, byte for byte."""
    from publisher import pages, schemaorg, site, sitestream, terms, turtle, views

    for module, name in [(views, "KEPT"), (schemaorg, "KEPT"), (turtle, "KEPT"), (terms, "INTERNED"), (site, "LINKED"),
                         (sitestream, "CONVERTED"), (sitestream, "LITERALS"), (pages, "ROWS_KEPT"),
                         (pages, "ROW_FACTS_KEPT")]:
        monkeypatch.setattr(module, name, 2)
    monkeypatch.setattr(terms, "_INTERNED", {})  # emptied here, and given back whole after: the terms made once
    # (publisher.terms' DCT, MP…) stay the interned ones for the tests after this one
    out = tmp_path / "output"
    shutil.copytree(built, out, ignore=shutil.ignore_patterns(SITE))
    write_site(out, lambda: _dump_lines(out), DEFAULT_BASE, jobs=1)
    written, expected = site_files(out), site_files(built)
    assert sorted(written) == sorted(expected)
    assert [name for name in expected if written[name] != expected[name]] == []


def test_a_writer_collects_its_old_objects_rarely_and_then_as_before(built, tmp_path):
    """While a site is written, full garbage collections come at most every FULL_COLLECTION_EVERY collections of
    the middle generation (a writer's long-lived objects are its bounded caches, walked whole by each full
    collection: 30 s of a 100,000-page build); the thresholds are given back after, an error or not."""
    import gc

    from publisher import collecting

    seen: list[tuple[int, int, int]] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(gc.get_threshold())

    before = gc.get_threshold()
    out = tmp_path / "output"
    shutil.copytree(built, out, ignore=shutil.ignore_patterns(SITE))
    gc.callbacks.append(note)
    try:
        write_site(out, lambda: _dump_lines(out), DEFAULT_BASE, jobs=1)
    finally:
        gc.callbacks.remove(note)
    # the collections while its documents were written (some come before, while the site's brief is gathered)
    assert [rare for _, _, rare in seen if rare != before[2]].count(collecting.FULL_COLLECTION_EVERY) > 10
    assert gc.get_threshold() == before
    with pytest.raises(LookupError), collecting.rare_full_collections():
        raise LookupError("stopped")
    assert gc.get_threshold() == before


def test_each_project_row_and_label_is_made_once_before_the_writers(built, tmp_path, monkeypatch):
    """The site makes every project's row facts and label once, before its writers: with every cache held to
    two entries (as they overflow at 100,000 pages), each project's label is still looked up once and its row's
    facts read once from the brief, and the site is the same."""
    from publisher import pages, sitestream, views
    from publisher.terms import MP

    for module, name in [(views, "KEPT"), (sitestream, "CONVERTED"), (pages, "ROWS_KEPT"), (pages, "ROW_FACTS_KEPT")]:
        monkeypatch.setattr(module, name, 2)
    labelled, dated = Counter(), Counter()
    labels, values = sitestream.LocalIndex.labels, sitestream.LocalIndex.values

    def counted_labels(self, node):
        labelled[node] += 1
        return labels(self, node)

    def counted_values(self, node, predicate):
        if predicate == MP.startDate and node not in self.own:  # a project's page reads its own triples
            dated[node] += 1
        return values(self, node, predicate)

    monkeypatch.setattr(sitestream.LocalIndex, "labels", counted_labels)
    monkeypatch.setattr(sitestream.LocalIndex, "values", counted_values)
    out = tmp_path / "output"
    shutil.copytree(built, out, ignore=shutil.ignore_patterns(SITE))
    write_site(out, lambda: _dump_lines(out), DEFAULT_BASE, jobs=1)
    projects = [node for node in labelled if "/project/" in node and "#" not in node]
    assert len(projects) > 150
    assert {labelled[p] for p in projects} == {1}
    assert {dated[p] for p in projects} == {1}
    written, expected = site_files(out), site_files(built)
    assert [name for name in expected if written.get(name) != expected[name]] == []


def test_rows_prepared_by_several_processes_are_the_ones_one_process_prepares(built):
    """The site's writers share the making of the projects' rows and labels (site._prepare): the same records,
    every project's, as one process makes."""
    from publisher import site as site_module

    index = published_index(built, DEFAULT_BASE)
    alone, shared = make_pages(built, index), make_pages(built, index)
    expected = alone.prepared(alone.projects)
    site_module._prepare(shared, 2)
    made = shared._shared.prepared.packed
    assert len(made) == len(alone.projects) > 150
    assert {key: made[key] for key in made} == {key: expected[key] for key in expected}


def test_the_labels_of_a_node_a_page_does_not_own_are_read_in_one_pass(built, monkeypatch):
    """A page names thousands of nodes it does not own (the dataset's page, every source page): each one's
    labels are read in one pass over its brief, not a label property at a time, and are the labels the whole
    graph has."""
    from publisher import sitestream

    facts = sitestream.gather(_dump_lines(built), DEFAULT_BASE)
    facts.finish()
    local, whole = sitestream.LocalIndex(facts, DEFAULT_BASE + "dataset", []), published_index(built, DEFAULT_BASE)
    asked = Counter()
    values = sitestream.LocalIndex.values

    def counted(self, node, predicate):
        asked[predicate] += 1
        return values(self, node, predicate)

    monkeypatch.setattr(sitestream.LocalIndex, "values", counted)
    nodes = [node for node in whole.by_subject if isinstance(node, URIRef) and str(node) in facts.brief]
    assert len(nodes) > 1000
    assert [local.labels(node) for node in nodes] == [whole.labels(node) for node in nodes]
    assert not asked


def test_prepared_rows_read_back_as_they_were_made():
    """A project's prepared row facts and label read back as they were made, whatever their text (a line
    break, an empty code, no language)."""
    from rdflib import URIRef

    from publisher.projecttable import Prepared, RowFacts
    from publisher.sitestream import Packed

    prepared = Prepared(Packed())
    first, second = URIRef("https://example.org/project/A"), URIRef("https://example.org/project/B")
    facts = RowFacts("", (URIRef("https://example.org/status#x"),), "2020\u202f–\u202f2021", "1,5 USD", 3)
    prepared.put(first, facts, ("Titre\nsur deux lignes – 😀", "fr"))
    prepared.put(second, RowFacts("C-1", (), "", "", 0), ("", None))
    assert prepared.row_facts(first) == facts and prepared.label(first) == ("Titre\nsur deux lignes – 😀", "fr")
    assert prepared.row_facts(second) == RowFacts("C-1", (), "", "", 0) and prepared.label(second) == ("", None)
    assert prepared.row_facts(URIRef("https://example.org/country/AR")) is None
    assert prepared.label(URIRef("https://example.org/country/AR")) is None


def test_a_row_reads_its_prepared_record_once(monkeypatch):
    """A project's row reads its facts, then its label: one read and one decode of its record, not two."""
    from rdflib import URIRef

    from publisher import projecttable
    from publisher.projecttable import Prepared, RowFacts
    from publisher.sitestream import Packed

    prepared = Prepared(Packed())
    first, second = URIRef("https://example.org/project/A"), URIRef("https://example.org/project/B")
    prepared.put(first, RowFacts("A-1", (), "", "", 1), ("A", "fr"))
    prepared.put(second, RowFacts("B-1", (), "", "", 2), ("B", None))
    decoded, loads = [], projecttable.json.loads
    monkeypatch.setattr(projecttable.json, "loads", lambda text: decoded.append(text) or loads(text))
    assert prepared.row_facts(first).code == "A-1" and prepared.label(first) == ("A", "fr")
    assert prepared.row_facts(second).code == "B-1" and prepared.label(second) == ("B", None)
    assert prepared.label(first) == ("A", "fr")  # another project read between: decoded again
    assert len(decoded) == 3
    prepared.put(first, RowFacts("A-2", (), "", "", 1), ("A bis", "fr"))  # made again: read afresh
    assert prepared.label(first) == ("A bis", "fr") and prepared.row_facts(first).code == "A-2"
    assert prepared.row_facts(URIRef("https://example.org/country/AR")) is None
    assert prepared.label(URIRef("https://example.org/country/AR")) is None


def test_the_catalogue_added_to_the_facts_of_the_data_is_one_pass_over_both(built):
    """A build gathers the site's facts of the data while the dataset's files are written, before the catalogue
    exists, and adds the catalogue's and the vocabulary's subjects after: the same facts as one pass over all
    the lines. When the data describes one of those subjects too, nothing is added and the site gathers
    everything again."""
    from publisher import ntriples, sitestream
    from publisher import site as site_module

    beside = sorted({line for graph in site_module._beside(built) for line in ntriples.lines(graph)})
    data = list(_dump_lines(built))
    whole = sitestream.gather(ntriples.merged_with(iter(data), beside), DEFAULT_BASE)
    parts = sitestream.gather(iter(data), DEFAULT_BASE)
    assert site_module._added(parts, beside)
    for facts in (whole, parts):
        facts.finish()
    assert dict(parts.brief) == dict(whole.brief) and len(whole.brief) > len(data) // 20

    def referrers(facts):
        return {k: sorted(zip(flat[0::2], flat[1::2], strict=True))
                for k in facts.referrers if (flat := facts.referrers_of(k))}

    assert referrers(parts) == referrers(whole) and len(whole.referrers) > 100
    assert {k: sorted(parts.typed_of(k)) for k in whole.typed} == {k: sorted(whole.typed_of(k)) for k in whole.typed}
    assert parts.documents == whole.documents and parts.keys == whole.keys
    assert sorted(parts.term_lines) == sorted(whole.term_lines) != []

    again = sitestream.gather(iter(data), DEFAULT_BASE)
    described = data[len(data) // 2].split(" ", 1)[0]  # a subject of the data, said again beside it
    size = len(again.brief)
    assert not site_module._added(again, sorted([*beside, f"{described} <http://example.org/p> \"x\" .\n"]))
    assert len(again.brief) == size

"""Pages' own documents (their project's, their source's) are written by the build's workers (publisher.pagedocs),
and the site writer writes again only those the merged data changed: every file is still what the whole graph
renders, a document two pages share is written whole, a page left out leaves no file, and the dataset's Turtle
and JSON-LD made from the workers' pieces are the ones made from the lines. Nothing here is timed."""

from __future__ import annotations

import gzip
import pickle
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from converters.namespaces import DEFAULT_BASE
from converters.reference import ONTOLOGY, reference
from publisher import export, ntriples, pagedocs, site, sitestream
from publisher.build import build
from publisher.pipeline import Chunk, process_chunk
from publisher.site import SITE
from tests.conftest import SEEDS
from tests.test_regressions import ENGLISH_IDF, IDF, NGO
from tests.test_site_stream import site_files, whole_graph_files

PROJECT = "project/PO.0181"  # described by a-fr.txt and b-en.txt, which agree, and by c-en.txt, which does not
PAGES = {"a-fr.txt": IDF, "b-en.txt": ENGLISH_IDF.format(budget="300,000.00"),
         "c-en.txt": ENGLISH_IDF.format(budget="350,000.00"), "d.txt": NGO}


def _seeds(folder: Path) -> Path:
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for page in sorted(SEEDS.glob("00[34]_*.txt")):
        shutil.copyfile(page, folder / page.name)
    return folder


def _sources(out: Path) -> dict[str, str]:
    """Each page's source document, by the page's name."""
    found = {}
    for path in (out / SITE / "source").glob("*.ttl"):
        label = next(line for line in path.read_text(encoding="utf-8").splitlines() if "rdfs:label" in line)
        found[label.split('"')[1]] = f"source/{path.stem}"
    return found


@pytest.fixture(scope="module", params=[1, 2], ids=["one-job", "two-jobs"])
def built(request, tmp_path_factory) -> tuple[Path, list[str]]:
    """A build of pages two of which share a project and one fails with them, and the documents whose RDF forms
    the site writer rendered (with one job, workers and site writer are this process)."""
    tmp = tmp_path_factory.mktemp("pages")
    rendered: list[str] = []
    original = site._Forms.of

    def of(self, own):
        if isinstance(self.facts, sitestream.Facts):  # the site writer's, not a worker's
            rendered.append(own[0][0][1:-1].partition("#")[0])
        return original(self, own)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site._Forms, "of", of)
        result = build(_seeds(tmp / "seeds"), tmp / "output", jobs=request.param, keep_going=True)
    assert len(result.skipped) == 1 and "c-en.txt" in result.skipped[0]
    return tmp / "output", rendered if request.param == 1 else []


def test_every_file_is_what_the_whole_graph_renders(built):
    out, _ = built
    written, expected = site_files(out), whole_graph_files(out, 100)
    assert sorted(written) == sorted(expected)
    assert [name for name in expected if written[name] != expected[name]] == []


def test_a_shared_project_is_written_whole_and_a_page_left_out_leaves_no_document(built):
    out, _ = built
    sources = _sources(out)
    assert sorted(sources) == ["003_88d629a918f351c9.txt", "004_87114393954c05f1.txt", "a-fr.txt", "b-en.txt",
                               "d.txt"]
    project = (out / SITE / f"{PROJECT}.nt").read_text(encoding="utf-8")
    assert all(f"<{DEFAULT_BASE}{sources[name]}>" in project for name in ("a-fr.txt", "b-en.txt"))
    assert '"Argentina: Strengthening' in project and "350000" not in project
    listed = [line.split("  ")[1] for line in (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()]
    files = sorted(f"site/{p.relative_to(out / SITE).as_posix()}" for p in (out / SITE / "source").iterdir())
    assert [name for name in listed if name.startswith("site/source/")] == files and len(files) == 5 * 4


@pytest.mark.parametrize("built", [1], indirect=True, ids=["one-job"])  # the site writer's own are counted
def test_the_workers_write_the_documents_the_data_has_as_they_wrote_them(built):
    out, rendered = built
    sources = _sources(out)
    by_site_writer = set(rendered)
    # the project of two pages: each worker wrote it from its page, so the site writer writes it whole
    assert DEFAULT_BASE + PROJECT in by_site_writer
    # the documents of one page, as it wrote them: not again
    own = [DEFAULT_BASE + sources[name] for name in sources] + [
        DEFAULT_BASE + p for p in ("project/IS.0077", "project/INNO-2023-A")]
    assert [document for document in own if document in by_site_writer] == []
    assert any(document.startswith(DEFAULT_BASE + "organisation/") for document in by_site_writer)


def test_the_dataset_files_from_the_pieces_are_those_from_the_lines(built, tmp_path):
    out, _ = built
    with gzip.open(out / export.DUMP, "rt", encoding="utf-8", newline="\n") as handle:
        lines = handle.readlines()
    export.write_files(tmp_path, lambda: iter(lines), DEFAULT_BASE)
    for name in (export.TURTLE, export.JSONLD):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def _chunk(tmp_path: Path) -> tuple[pagedocs.Written, list[str], Path]:
    """Two pages of a chunk, their documents written by process_chunk: its notes, the chunk's lines, the site."""
    pages = []
    for name in ("a-fr.txt", "d.txt"):
        (tmp_path / name).write_text(PAGES[name], encoding="utf-8")
        pages.append(str(tmp_path / name))
    (tmp_path / SITE).mkdir()
    chunk = process_chunk(Chunk(0, tuple(pages), DEFAULT_BASE, str(tmp_path), str(tmp_path / SITE)))
    lines = (tmp_path / "run-000000.nt").read_text(encoding="utf-8").splitlines(keepends=True)
    assert chunk.written is not None
    return chunk.written, lines, tmp_path / SITE


def _settled(written: pagedocs.Written, lines: list[str], folder: Path) -> tuple[set[str], dict[str, str]]:
    """The documents that stand as written (by path) against the data `lines`, and the digests noted."""
    prewritten = pagedocs.Prewritten([written])
    vocabulary = Graph().parse(ONTOLOGY / "migration.ttl", format="turtle")  # published beside the data
    data = {*lines, *ntriples.lines(reference(DEFAULT_BASE).graph), *ntriples.lines(vocabulary)}
    facts = sitestream.gather(sorted(data), DEFAULT_BASE, prewritten.count)
    done = prewritten.settle(facts, folder)
    digests: dict[str, str] = {}
    prewritten.digests(digests)
    documents = {document for document, _, _ in pagedocs._records(written)}
    return {document[len(DEFAULT_BASE):] for document in documents if hash(document) in done}, digests


NGO_PROJECT = "project/i-migr"


def test_settle_keeps_the_documents_the_data_has_as_written(tmp_path):
    written, lines, folder = _chunk(tmp_path)
    done, digests = _settled(written, lines, folder)
    assert PROJECT in done and NGO_PROJECT in done and len(done) == 4
    assert f"{SITE}/{PROJECT}.ttl" in digests and len(digests) == 12


def test_settle_has_a_document_another_file_adds_to_written_again(tmp_path):
    written, lines, folder = _chunk(tmp_path)
    added = f'<{DEFAULT_BASE}{NGO_PROJECT}> <http://purl.org/dc/terms/subject> "contributed" .\n'
    done, _ = _settled(written, [*lines, added], folder)
    assert NGO_PROJECT not in done and PROJECT in done


def test_settle_has_the_chunk_written_again_when_what_it_links_to_is_labelled_otherwise(tmp_path):
    written, lines, folder = _chunk(tmp_path)
    relabelled = f'<{DEFAULT_BASE}country/AR> <http://www.w3.org/2004/02/skos/core#prefLabel> "Argentinien"@de .\n'
    assert f"<{DEFAULT_BASE}country/AR>" in dict(pagedocs._labels(written))
    done, _ = _settled(written, [*lines, relabelled], folder)
    assert PROJECT not in done and NGO_PROJECT in done  # the NGO's project is not in Argentina


def test_settle_removes_the_documents_of_a_page_the_data_no_longer_has(tmp_path):
    written, lines, folder = _chunk(tmp_path)
    assert (folder / f"{NGO_PROJECT}.ttl").is_file()
    page = (f"<{DEFAULT_BASE}{NGO_PROJECT}", f"<{DEFAULT_BASE}source/d>")
    kept = [line for line in lines if not line.startswith(page)]
    done, digests = _settled(written, kept, folder)
    assert PROJECT in done and NGO_PROJECT not in done
    assert not (folder / f"{NGO_PROJECT}.ttl").exists() and not (folder / f"{NGO_PROJECT}.jsonld").exists()
    assert f"{SITE}/{NGO_PROJECT}.nt" not in digests and f"{SITE}/{PROJECT}.nt" in digests


def test_a_chunks_notes_reach_the_parent_as_the_names_of_their_files(tmp_path):
    # the parent holds every chunk's notes until the site is written: at 100,000 pages the label lines the
    # workers read, held in memory, took the build past 2 GiB
    written, _, _ = _chunk(tmp_path)
    assert all(isinstance(value, str) and Path(value).is_file() for value in vars(written).values())
    assert len(pickle.dumps(written)) < 400

"""The build: publishes every seed, rebuilds byte for byte, and fails cleanly on bad pages."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from tests.conftest import ROOT, SEEDS, seed

EXPECTED_FILES = {"migration-projects.ttl", "migration-projects.jsonld", "migration-projects.nt.gz", "catalog.ttl",
                  "validation-report.ttl", "SHA256SUMS", "vocabulary.ttl", "shapes.ttl", "context.jsonld"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "output"
    result = run("build", "--seeds", str(SEEDS), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    return out


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_writes_every_published_file(built):
    assert EXPECTED_FILES <= {p.name for p in built.iterdir()}


def test_rebuild_is_byte_identical(built, tmp_path):
    again = tmp_path / "again"
    assert run("build", "--seeds", str(SEEDS), "--out", str(again), "--jobs", "1").exit_code == 0
    assert tree(again) == tree(built)


def test_committed_output_is_what_the_build_makes(built):
    committed = ROOT / "output"
    assert tree(committed) == tree(built), "output/ is stale: run `make publish` and commit it"


def test_without_the_site_the_dataset_files_are_the_same(built, tmp_path):
    bare = tmp_path / "bare"
    assert run("build", "--seeds", str(SEEDS), "--out", str(bare), "--no-site").exit_code == 0
    files = tree(bare)
    assert not (bare / "site").exists() and EXPECTED_FILES == set(files)
    full = tree(built)
    assert {name: files[name] for name in files if name != "SHA256SUMS"} == {
        name: full[name] for name in files if name != "SHA256SUMS"}
    assert files["SHA256SUMS"].decode().splitlines() == [
        line for line in full["SHA256SUMS"].decode().splitlines() if "  site/" not in line]


def test_without_the_pages_the_site_holds_every_rdf_file_and_no_page(built, tmp_path):
    bare = tmp_path / "bare"
    assert run("build", "--seeds", str(SEEDS), "--out", str(bare), "--no-pages", "--jobs", "1").exit_code == 0
    files, full = tree(bare), tree(built)
    assert files == {name: full[name] for name in full if not name.endswith(".html") and name != "SHA256SUMS"} | {
        "SHA256SUMS": files["SHA256SUMS"]}
    assert files["SHA256SUMS"].decode().splitlines() == [
        line for line in full["SHA256SUMS"].decode().splitlines() if not line.endswith(".html")]


def test_checksums_cover_every_file(built):
    import hashlib

    lines = (built / "SHA256SUMS").read_text().splitlines()
    listed = {name: digest for digest, name in (line.split("  ", 1) for line in lines)}
    assert list(listed) == sorted(listed, key=lambda name: name.split("/"))  # as paths sort, folder by folder
    assert set(listed) == {p.relative_to(built).as_posix() for p in built.rglob("*")
                           if p.is_file() and p.name != "SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((built / name).read_bytes()).hexdigest() == digest


def broken_seeds(tmp_path: Path, replace: tuple[str, str] | None = None, cut_after: str | None = None) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    page = folder / seed("000").name
    text = page.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    if cut_after:
        text = text[:text.index(cut_after) + len(cut_after)]
    page.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind, change, message", [
    ("unknown country", {"replace": ("    Argentine\n", "    Narnia\n")}, 'unknown country "Narnia"'),
    ("budget in words", {"replace": ("300000.00", "trois cent mille")}, 'amount "trois cent mille" is not a number'),
    ("truncated field list", {"cut_after": "• Prima ID\n"}, 'field "Prima ID" has no value'),
    ("a country eligible and not", {"replace": ("    Argentine\n", "    Argentine\n  • Other Countries Benefiting at "
                                                "Time of Allocation\n    Chili Argentine\n")},
     "26: Argentine listed both as eligible member state and as other benefiting country; keep each country in "
     "the one list"),
])
def test_bad_page_fails_with_one_line_and_leaves_output_untouched(tmp_path, built, kind, change, message):
    seeds = broken_seeds(tmp_path, **change)
    out = tmp_path / "output"
    shutil.copytree(built, out)
    result = run("build", "--seeds", str(seeds), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if seed("000").name in line]
    assert len(errors) == 1, result.output
    assert message in errors[0] and f"{seed('000').name}:" in errors[0]
    assert "Traceback" not in result.output
    assert not filecmp.dircmp(out, built).diff_files and tree(out) == tree(built)


def test_an_innovation_page_naming_a_country_eligible_and_not_is_refused_at_its_line():
    from converters import convert
    from converters.errors import PageError

    page = seed("003")
    text = page.read_text(encoding="utf-8").replace("Pas Les Conditions Requises: Chili, Uruguay",
                                                    "Pas Les Conditions Requises: Chili, Paraguay, Uruguay")
    with pytest.raises(PageError, match="Paraguay listed both as eligible member state and as other benefiting "
                                        "country") as error:
        convert(text.encode("utf-8"), page.name)
    assert error.value.line == 45


def test_keep_going_publishes_the_good_pages(tmp_path):
    seeds = broken_seeds(tmp_path, replace=("    Argentine\n", "    Narnia\n"))
    out = tmp_path / "output"
    result = run("build", "--seeds", str(seeds), "--out", str(out), "--keep-going", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "published 4 of 5 page(s)" in result.output
    assert "skipped:" in result.output and 'unknown country "Narnia"' in result.output
    assert "PO.0181" not in (out / "migration-projects.ttl").read_text(encoding="utf-8")


def test_a_page_no_converter_knows_is_an_error_for_that_file_alone(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "zzz.txt").write_text("Bonjour.\nCeci n'est pas une page de projet.\n", encoding="utf-8")
    result = run("build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--keep-going", "--jobs", "1")
    assert result.exit_code == 0
    assert "zzz.txt: no converter recognises this page" in result.output


def test_invalid_utf8_names_the_line(tmp_path):
    page = tmp_path / "latin1.txt"
    page.write_bytes(seed("000").read_bytes().replace("Année".encode(), "Année".encode("latin-1")))
    result = CliRunner().invoke(main, ["convert", str(page)])
    assert result.exit_code == 2
    assert "latin1.txt:15: byte 0xe9 is not UTF-8" in result.output


def test_second_build_at_the_same_time_is_refused(tmp_path):
    from publisher.outputdir import locked

    out = tmp_path / "output"
    with locked(out):
        result = run("build", "--seeds", str(SEEDS), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 3 and "another build is writing" in result.output


def test_an_output_folder_under_a_file_or_missing_seeds_is_one_clear_line(tmp_path):
    # The first was "internal error (FileExistsError …)", exit 70; the second said "no pages in" a missing folder.
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = run("build", "--seeds", str(SEEDS), "--out", str(tmp_path / "file" / "out"), "--jobs", "1")
    assert result.exit_code == 1
    assert result.output == (f"error: cannot write the output folder {tmp_path / 'file' / 'out'}: "
                             f"{tmp_path / 'file'} is a file; give --out a folder that can be created and written\n")
    result = run("build", "--seeds", str(tmp_path / "nope"), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 1 and f"{tmp_path / 'nope'} does not exist" in result.output
    assert not (tmp_path / "out").exists()


def _site_files(out: Path) -> dict[str, os.stat_result]:
    return {p.relative_to(out).as_posix(): p.stat() for p in sorted((out / "site").rglob("*")) if p.is_file()}


def test_a_republished_site_links_its_unchanged_files_and_writes_only_what_changed(tmp_path):
    """Republishing makes new files only for what changed: the rest are the previous output's files, linked,
    with their times, and writing a changed file never touches the previous output's copy."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = tmp_path / "output"
    assert run("build", "--seeds", str(seeds), "--out", str(out), "--jobs", "2").exit_code == 0
    before = _site_files(out)
    changed_page = seeds / seed("000").name
    text = changed_page.read_text(encoding="utf-8")
    assert "Renforcement des capacités" in text.splitlines()[0]
    changed_page.write_text(text.replace("Renforcement des capacités", "Renforcement durable des capacités", 1),
                            encoding="utf-8")
    (project,) = [name for name in before if name.startswith("site/project/") and name.endswith(".nt")
                  and "Renforcement des capacités" in (out / name).read_text(encoding="utf-8")]
    kept = tmp_path / "kept.nt"
    os.link(out / project, kept)  # the previous output's file, whatever becomes of its folder
    old_bytes = kept.read_bytes()
    assert run("build", "--seeds", str(seeds), "--out", str(out), "--jobs", "2").exit_code == 0
    after = _site_files(out)
    assert kept.read_bytes() == old_bytes  # the new build wrote its own file, not into the old one
    assert (out / project).read_bytes() != old_bytes and after[project].st_ino != before[project].st_ino
    same = [name for name in after if name in before and after[name].st_ino == before[name].st_ino]
    assert "site/vocab.html" in same and "site/concept/status/completed.html" in same
    # an unchanged page's own documents, written by the workers (publisher.pagedocs), are linked too
    assert {"site/project/IS.0077.ttl", "site/project/IS.0077.jsonld", "site/project/IS.0077.nt"} <= set(same)
    assert "site/concept/status/active.html" not in same  # it lists the project, whose title changed
    assert all(after[name].st_mtime_ns == before[name].st_mtime_ns for name in same)
    assert len(same) > 0.9 * len(after)  # 1,326 of 1,346: only what shows the title or the page's checksum
    fresh = tmp_path / "fresh"
    assert run("build", "--seeds", str(seeds), "--out", str(fresh), "--jobs", "1").exit_code == 0
    assert tree(fresh) == tree(out)  # linked or written, the same bytes as a first publish


def test_a_file_written_twice_after_being_linked_leaves_the_previous_site_alone(tmp_path):
    from publisher.site import _Writer

    previous, site = tmp_path / "previous", tmp_path / "site"
    (previous / "project").mkdir(parents=True)
    (previous / "project" / "A.html").write_bytes(b"old")
    site.mkdir()
    writer = _Writer(site, None, None, None, previous)
    writer.sums = (tmp_path / "sums").open("wb")
    writer._write("project/A.html", b"old")
    assert (site / "project" / "A.html").stat().st_ino == (previous / "project" / "A.html").stat().st_ino
    writer._write("project/A.html", b"new")
    assert (previous / "project" / "A.html").read_bytes() == b"old"
    assert (site / "project" / "A.html").read_bytes() == b"new"
    writer._write("project/B.html", b"no previous file")
    assert (site / "project" / "B.html").read_bytes() == b"no previous file"


def test_where_links_cannot_be_made_every_file_is_written(tmp_path, monkeypatch):
    import errno

    from publisher import site as site_module

    previous, site = tmp_path / "previous", tmp_path / "site"
    previous.mkdir()
    site.mkdir()
    (previous / "a.html").write_bytes(b"same")
    (previous / "b.html").write_bytes(b"same")

    def refuse(*_, **__):
        raise OSError(errno.EPERM, "no links here")

    monkeypatch.setattr(site_module.os, "link", refuse)
    writer = site_module._Writer(site, None, None, None, previous)
    writer.sums = (tmp_path / "sums").open("wb")
    writer._write("a.html", b"same")
    assert writer.previous is None  # not tried again for the next file
    writer._write("b.html", b"same")
    assert (site / "a.html").read_bytes() == (site / "b.html").read_bytes() == b"same"
    assert (site / "a.html").stat().st_ino != (previous / "a.html").stat().st_ino


def test_the_seeds_folder_is_read_without_a_stat_of_each_file(tmp_path, monkeypatch):
    """A 100,000-page folder took 2 s to list (a stat() and Path comparisons for each file), 0.2 s read as
    directory entries: the same pages, contributions and notes, in the same order, and no stat() per file."""
    import pathlib

    from publisher.build import seed_files

    for name in ("b.txt", "A.TXT", "c.txt", "x.ttl", "notes.md", ".DS_Store", *(f"p{n:03d}.txt" for n in range(300))):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")
    stats = []
    real = pathlib.Path.stat
    monkeypatch.setattr(pathlib.Path, "stat", lambda self, **kw: stats.append(self) or real(self, **kw))
    pages, offered, left_out = seed_files(tmp_path)
    assert len(stats) < 5
    assert [p.name for p in pages] == ["A.TXT", "b.txt", "c.txt", "link.txt", *(f"p{n:03d}.txt" for n in range(300))]
    assert [p.name for p in offered] == ["x.ttl"] and all(p.parent == tmp_path for p in pages + offered)
    assert [line.split(":")[0] for line in left_out] == [f"{tmp_path}/notes.md", f"{tmp_path}/sub/"]


def test_the_pages_results_are_frozen_as_they_come_and_thawed_after_the_build(tmp_path):
    """The build's process keeps every page's result to the end: frozen as each chunk comes (no full collection
    walks them again), and unfrozen once the build is over, so a process living on collects as before."""
    import gc

    from publisher.build import build

    assert gc.get_freeze_count() == 0
    counts = []
    build(SEEDS, tmp_path / "out", jobs=1, site=False, progress=lambda _: counts.append(gc.get_freeze_count()))
    assert counts and all(count > 0 for count in counts)
    assert gc.get_freeze_count() == 0

"""The command line: every command has help with an example, is in the README, and imports."""

from __future__ import annotations

import tomllib

import pytest
from click.testing import CliRunner

from publisher.cli import main
from tests.conftest import ROOT, seed


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output
    assert f"migration-lod {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_entry_point_resolves():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, attribute = scripts["migration-lod"].partition(":")
    assert getattr(__import__(module, fromlist=[attribute]), attribute) is main


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:400]
    assert head.index("make publish") < head.index("make test")


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "nt"])
def test_convert_prints_a_page_in_each_format(fmt):
    from rdflib import Graph

    result = CliRunner().invoke(main, ["convert", str(seed("000")), "--format", fmt])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.output, format={"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}[fmt])
    assert len(graph) > 20


def test_debug_shows_the_traceback_and_plain_errors_do_not(tmp_path):
    page = tmp_path / "empty.txt"
    page.write_text("   \n", encoding="utf-8")
    plain = CliRunner().invoke(main, ["convert", str(page)])
    assert plain.exit_code == 2 and plain.output.count("\n") == 1 and "the page is empty" in plain.output
    debug = CliRunner().invoke(main, ["--debug", "convert", str(page)])
    assert debug.exit_code == 2 and "Traceback" in debug.output


def test_convert_prints_the_notes_a_build_would_on_standard_error(tmp_path):
    from rdflib import Graph

    page = tmp_path / "ngo.txt"
    page.write_text(seed("002").read_text(encoding="utf-8").replace("Contact :", "Bénéficiaires : 300 migrants\n\n"
                                                                    "Contact :", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(page)])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"note: {page}:") and "Bénéficiaires" in result.stderr
    assert len(Graph().parse(data=result.stdout, format="turtle")) > 20  # the RDF alone on standard output


def test_convert_prints_every_readable_page_and_an_error_line_for_each_other(tmp_path):
    from rdflib import Graph

    empty, cut = tmp_path / "empty.txt", tmp_path / "other.txt"
    empty.write_text("   \n", encoding="utf-8")
    cut.write_text("Une page qui n'est d'aucun site connu.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(empty), str(seed("000")), str(cut), str(seed("002"))])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2 and str(empty) in errors[0] and str(cut) in errors[1]
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len({str(s) for s in graph.subjects() if "/project/" in str(s) and "#" not in str(s)}) == 2

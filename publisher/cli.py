"""The migration-lod command line: thin verbs over the library; the only place that prints or exits."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from converters import VERSION, convert_file
from converters.namespaces import DEFAULT_BASE
from converters.rdf import to_graph

from . import serializations
from .build import build as run_build
from .errors import BuildError, MigrationLodError, exit_code


def _fail(error: Exception, debug: bool) -> None:
    """Print one clear line per problem (a traceback only with --debug) and exit with the error's code."""
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    if isinstance(error, BuildError):
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
    if isinstance(error, MigrationLodError):
        click.echo(f"error: {error}", err=True)
        sys.exit(exit_code(error))
    click.echo(f"error: internal error ({type(error).__name__}: {error}); please report it "
               "(--debug shows the traceback)", err=True)
    sys.exit(70)


def handles_errors(command: Callable) -> Callable:
    """Turn the library's exceptions into one-line messages and exit codes."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            _fail(error, debug)
    return wrapper


base_option = click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
                           help="Base IRI of the published resources.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="migration-lod")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """Publish migration-governance projects as linked open data.

    \b
    Example:
      migration-lod build --seeds seeds/ --out output/
    """


@main.command()
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), default=Path("seeds"),
              show_default=True, help="Folder of source pages (*.txt).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder to publish into (replaced in one step).")
@base_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--keep-going", is_flag=True, help="Publish the good pages and list the skipped ones.")
@handles_errors
def build(seeds: Path, out: Path, base: str, jobs: int | None, keep_going: bool) -> None:
    """Convert, validate and publish every page of SEEDS into OUT.

    Exit 0 when published, 1 when a page fails (OUT is then left as it was), 3 when another build
    holds OUT.

    \b
    Example:
      migration-lod build --seeds seeds/ --out output/ --jobs 2
    """
    bar = None
    total = len(list(seeds.glob("*.txt"))) if seeds.is_dir() else 0
    if sys.stderr.isatty() and total > 20:
        bar = click.progressbar(length=total, label="Converting and validating", file=sys.stderr)
        bar.__enter__()
    try:
        result = run_build(seeds, out, base=base, jobs=jobs, keep_going=keep_going,
                           progress=bar.update if bar else None)
    finally:
        if bar:
            bar.__exit__(None, None, None)
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    for skipped in result.skipped:
        click.echo(f"skipped: {skipped}", err=True)
    click.echo(f"published {len(result.published)} of {result.pages} page(s), {result.triples} triples, "
               f"to {result.out}/ ({result.report.summary()})")


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(serializations.names()), default="ttl",
              show_default=True, help="RDF serialisation to print.")
@base_option
@handles_errors
def convert(pages: tuple[Path, ...], fmt: str, base: str) -> None:
    """Print the RDF of one or more PAGES (no validation; see build).

    Exit 0 on success, 2 when a page cannot be read.

    \b
    Example:
      migration-lod convert seeds/000_8ccaec28a4e5c675.txt --format jsonld
    """
    graphs = [to_graph(convert_file(page), base).graph for page in pages]
    union = graphs[0]
    for graph in graphs[1:]:
        union += graph
    click.echo(serializations.serialize(union, fmt), nl=False)

"""The migration-lod command line: thin verbs over the library; the only place that prints or exits."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from converters import VERSION, convert_file
from converters.errors import PageError
from converters.namespaces import DEFAULT_BASE
from converters.rdf import to_graph

from . import endpoint as remote
from . import resulttable, serializations, sparql, sparqlresults
from .errors import BuildError, MigrationLodError, NotAcceptable, QuerySyntaxError, exit_code
from .querycheck import query_kind
from .safeparse import DEFAULT_LIMITS, Limits


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
              show_default=True, help="Folder of source pages (*.txt) and contributed RDF files (*.ttl, *.jsonld...).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder to publish into (replaced in one step).")
@base_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--keep-going", is_flag=True, help="Publish the good pages and list the skipped ones.")
@click.option("--site/--no-site", default=True, show_default=True,
              help="Write site/ (a page and three RDF files per resource); without it only the dataset's files.")
@click.option("--pages/--no-pages", "html", default=True, show_default=True,
              help="Write the HTML pages in site/; without them its RDF files only (`serve` renders the pages).")
@handles_errors
def build(seeds: Path, out: Path, base: str, jobs: int | None, keep_going: bool, site: bool, html: bool) -> None:
    """Convert, validate and publish every page and contribution of SEEDS into OUT.

    Contributions (RDF files in SEEDS) are checked as `validate` checks them and merged whole, each project
    prov:wasDerivedFrom its file. Exit 0 when published, 1 when a page or contribution fails (OUT is then
    left as it was) or SEEDS or OUT cannot be used, 3 when another build holds OUT.

    \b
    Example:
      migration-lod build --seeds seeds/ --out output/ --jobs 2
    """
    from .build import build as run_build  # pySHACL takes most of a second to import: only build needs it
    from .build import seed_files

    bar = None
    # the folder is listed again for the bar only where one is shown (0.7 s for 100,000 pages; build lists it too)
    total = len(seed_files(seeds)[0]) if sys.stderr.isatty() and seeds.is_dir() else 0
    if total > 20:
        bar = click.progressbar(length=total, label="Converting and validating", file=sys.stderr)
        bar.__enter__()
    try:
        result = run_build(seeds, out, base=base, jobs=jobs, keep_going=keep_going,
                           progress=bar.update if bar else None, site=site, html=html)
    finally:
        if bar:
            bar.__exit__(None, None, None)
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    for skipped in result.skipped:
        click.echo(f"skipped: {skipped}", err=True)
    merged = f" and {len(result.contributed)} of {result.contributions} contribution(s)" if result.contributions else ""
    click.echo(f"published {len(result.published)} of {result.pages} page(s){merged}, {result.triples} triples, "
               f"to {result.out}/ ({result.report.summary()})")


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(serializations.names()), default="ttl",
              show_default=True, help="RDF serialisation to print.")
@base_option
@handles_errors
def convert(pages: tuple[Path, ...], fmt: str, base: str) -> None:
    """Print the RDF of one or more PAGES (no validation; see build). Each page converts on its own: a page that
    cannot be read gets its error line, and the RDF of the others is printed all the same.

    Exit 0 on success, 2 when a page cannot be read.

    \b
    Example:
      migration-lod convert seeds/000_8ccaec28a4e5c675.txt --format jsonld
    """
    debug = click.get_current_context().find_root().params.get("debug", False)
    mapped, unreadable = [], 0
    for page in pages:
        try:
            mapped.append((page, to_graph(convert_file(page), base)))
        except PageError as error:
            if debug:
                traceback.print_exception(error, file=sys.stderr)
            click.echo(f"error: {error}", err=True)
            unreadable += 1
    for page, record in mapped:  # what a build would say of the page, on standard error
        for said in record.said(page):
            click.echo(f"note: {said}", err=True)
    if mapped:
        union = mapped[0][1].graph
        for _, record in mapped[1:]:
            union += record.graph
        click.echo(serializations.serialize(union, fmt), nl=False)
    if unreadable:
        sys.exit(2)


def out_option(purpose: str) -> Callable:
    """The --out option of commands that read the published dump."""
    return click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
                        show_default=True, help=f"The published output folder whose dump is {purpose}.")
QUERY_FORMATS = ["table"] + sorted({f.name for f in sparqlresults.FORMATS})


def _read_query(sparql_text: str | None, query_file: click.File | None) -> tuple[str, str | None]:
    """The query text and the file it came from (None for an argument); `-` reads stdin."""
    if query_file is not None and sparql_text is not None:
        raise click.UsageError("give the query as an argument or with -f FILE, not both")
    if query_file is not None:
        return query_file.read(), getattr(query_file, "name", None)
    if sparql_text is None:
        raise click.UsageError("give a query: migration-lod query 'SELECT ...', -f FILE, or - for stdin")
    if sparql_text == "-":
        return sys.stdin.read(), "<stdin>"
    return sparql_text, None


def _media_type(kind: str, fmt: str | None) -> tuple[str, str]:
    """The --format to print and the media type to ask for; a table is drawn from SPARQL JSON."""
    if fmt is None:
        fmt = "table" if kind != "graph" and sys.stdout.isatty() else ("ttl" if kind == "graph" else "csv")
    if fmt == "table" and kind != "graph":
        return fmt, "application/sparql-results+json"
    chosen = sparqlresults.by_name(kind, fmt)
    if chosen is None:
        names = (["table"] if kind != "graph" else []) + [f.name for f in sparqlresults.formats_for(kind)]
        what = "CONSTRUCT or DESCRIBE" if kind == "graph" else kind.upper()
        raise NotAcceptable(f"--format {fmt} cannot show a {what} answer", sparql.result_formats(kind),
                            f"use --format {'|'.join(names)}")
    return fmt, chosen.media_type


@main.command()
@click.argument("sparql_text", metavar="[SPARQL | -]", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), metavar="FILE",
              help="Read the query from FILE (- for stdin).")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
              help="table (default on a terminal), csv (default in a pipe), tsv, json, xml; CONSTRUCT and DESCRIBE: "
                   "ttl (default), nt, jsonld, xml.")
@out_option("queried")
@click.option("--endpoint", metavar="URL", help="Send the query to this SPARQL 1.1 endpoint instead.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds the query may run before it is stopped.")
@click.option("--max-results", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Most rows or triples an answer may have (embedded store).")
@handles_errors
def query(sparql_text: str | None, query_file, fmt: str | None, out: Path, endpoint: str | None, timeout: float,
          max_results: int) -> None:
    """Run a SPARQL query over the published dump (or --endpoint URL) and print the answer.

    The dump is loaded once into an embedded store beside OUT and reloaded when it changes. Updates and SERVICE
    are refused. Exit 0 answered, 1 no dump (build first), 2 the query has an error (line and column given) or
    the format does not fit it, 4 stopped by --timeout, --max-results or the workers' memory limit, 5 the
    endpoint failed.

    \b
    Examples:
      migration-lod query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      migration-lod query -f ontology/queries/budget-by-region.rq --format csv
      echo 'ASK { ?s ?p ?o }' | migration-lod query - --endpoint http://localhost:8890/sparql
    """
    text, source = _read_query(sparql_text, query_file)
    try:
        kind = query_kind(text, allow_service=endpoint is not None)
        fmt, media_type = _media_type(kind, fmt)
        if endpoint:
            result = remote.remote_query(endpoint, text, media_type, timeout=timeout)
        else:
            result = sparql.execute(text, out, media_type=media_type, timeout=timeout, limit=max_results)
    except QuerySyntaxError as error:
        if source:
            raise QuerySyntaxError(f"{source}: {error.message}", error.hint, line=error.line,
                                   column=error.column) from error
        raise
    if fmt == "table":
        click.echo(resulttable.render(result.body, sparql.declared_prefixes(text)), nl=False)
    else:
        sys.stdout.buffer.write(result.body)
        sys.stdout.buffer.flush()


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's SPARQL 1.1 Graph Store endpoint, e.g. http://localhost:8890/sparql-graph-crud-auth.")
@click.option("--graph", metavar="IRI", help="Named graph to replace (default: the store's default graph).")
@out_option("loaded")
@click.option("--user", help="User name, sent with digest or basic auth as the server asks.")
@click.option("--password", help="Password for --user (or set MIGRATION_LOD_PASSWORD).",
              envvar="MIGRATION_LOD_PASSWORD")
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@click.option("--batch", type=click.IntRange(min=1), default=remote.BATCH_TRIPLES, show_default=True,
              help="Triples per request; the first replaces the graph, the others add to it.")
@handles_errors
def load(endpoint: str, graph: str | None, out: Path, user: str | None, password: str | None, append: bool,
         batch: int) -> None:
    """Put the dump of OUT into another store with the SPARQL 1.1 Graph Store HTTP Protocol.

    Exit 0 loaded, 1 no dump (build first), 5 the endpoint failed (e.g. HTTP 401: check --user/--password).

    \b
    Example:
      migration-lod load --endpoint http://localhost:8890/sparql-graph-crud-auth \\
          --graph https://w3id.org/migration-lod/dataset --user dba --password secret
    """
    done = remote.load(out, endpoint, graph=graph, user=user, password=password, append=append, batch=batch)
    where = f"graph <{done.graph}>" if done.graph else "the default graph"
    click.echo(f"loaded {done.triples} triples into {where} of {done.endpoint} in {done.requests} request(s)")


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text",
              show_default=True, help="Report as a listing, as the SHACL validation report, or as JSON.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="Language of the messages and field names.")
@click.option("--input-format", type=click.Choice(serializations.names(writable_only=False)), default=None,
              help="Read FILES as this format instead of going by their extension (needed for -).")
@base_option
@click.option("--published", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("output") / "migration-projects.nt.gz", show_default=True,
              help="Published dump whose projects' codes must not clash and whose resources may be pointed at "
                   "(skipped when missing).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_bytes, show_default=True,
              help="Refuse a file larger than this.")
@click.option("--max-triples", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_triples, show_default=True,
              help="Refuse a file with more triples than this.")
@click.option("--max-literal", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_literal, show_default=True,
              help="A violation for a value (literal) longer than this many characters.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_LIMITS.seconds,
              show_default=True, metavar="SECONDS", help="Give up on a file that takes longer to check.")
@handles_errors
def validate(files: tuple[Path, ...], fmt: str, lang: str, input_format: str | None, base: str, published: Path,
             max_bytes: int, max_triples: int, max_literal: int, time_limit: float) -> None:
    """Check contributed RDF FILES against the shapes and the published data, like a linter.

    Each file is one contribution (Turtle, JSON-LD, N-Triples, N-Quads or RDF/XML, by extension): it may
    point at published countries, concepts and organisations or describe its own; its project codes must
    not clash with published projects; remote JSON-LD contexts, XML entities and oversized files are refused.

    Exit 0 when no file has a violation (warnings allowed), 1 when one has, 2 when a file cannot be read
    (the error gives file, line and column).

    \b
    Example:
      migration-lod validate my-projects.ttl --lang fr
    """
    from . import contributions
    from .errortext import ERROR, NOTE, translate
    from .labels import field_labels
    from .published import Known
    from .report import Unreadable, render_json, render_text, render_turtle

    limits = Limits(max_bytes=max_bytes, max_triples=max_triples, seconds=time_limit, max_literal=max_literal)
    known = Known.read(published, base)
    outcome = contributions.validate(list(files), known, limits, input_format)
    names = [str(path) for path in files]
    for contribution in outcome.contributions:
        for notice in contribution.notices:
            where, said = notice.split(": ", 1)
            click.echo(f"{NOTE[lang]}{where}: {translate(said, lang)}", err=True)
    for problem in outcome.unreadable:
        unreadable = Unreadable.of(problem, names)
        click.echo(f"{ERROR[lang]}{unreadable.text(lang)}", err=True)
        outcome.report.unreadable.append(unreadable)
    if fmt == "json":
        click.echo(render_json(outcome.report, lang), nl=False)
    elif fmt == "turtle":
        click.echo(render_turtle(outcome.report, base + "validation-report"), nl=False)
    else:
        click.echo(render_text(outcome.report, lang, field_labels(lang)), nl=False)
    sys.exit(2 if outcome.unreadable else 0 if outcome.report.conforms else 1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@out_option("served, with its site/ and downloads")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="Language of the pages; other than the site's, pages are rendered instead of read from site/.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a SPARQL query may run before it is stopped.")
@click.option("--max-results", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most rows or triples a SPARQL answer may have.")
@handles_errors
def serve(host: str, port: int, out: Path, lang: str, timeout: float, max_results: int) -> None:
    """Serve OUT read-only over HTTP: pages, RDF by content negotiation, downloads and a SPARQL endpoint.

    Every IRI under the base dereferences at its path (/project/PO.0181 gives Turtle, JSON-LD, N-Triples or a
    page as the Accept header asks; .ttl, .jsonld, .nt and .html give a form directly); /sparql speaks the SPARQL
    1.1 Protocol (updates and SERVICE refused); /.well-known/void is the catalogue. Stop it with Ctrl-C.
    Exit 0 when stopped, 1 when OUT holds no build or the port cannot be opened.

    \b
    Example:
      migration-lod serve --port 8000 --out output/
    """
    from .server import make_server  # the web stack loads only when serving

    server = make_server(out, host, port, lang=lang, timeout=timeout, limit=max_results)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    address, bound = server.server_address[:2]
    click.echo(f"serving {out}/ at http://{address}:{bound}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sparql.shutdown()

"""The publisher's errors and the exit code each one means (the CLI maps them in one place)."""

from __future__ import annotations

from converters.errors import MigrationLodError, PageError

__all__ = ["MigrationLodError", "PageError", "BuildError", "InputError", "BusyError", "QuerySyntaxError",
           "ForbiddenQuery", "NotAcceptable", "QueryTimeout", "ResultTooLarge", "StoreError", "EndpointError",
           "exit_code"]


class BuildError(MigrationLodError):
    """A build that published nothing: every problem found is listed, one line each."""

    def __init__(self, message: str, problems: list[str], hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.problems = problems


class InputError(MigrationLodError):
    """A file that cannot be read at all (syntax, encoding, size): exit code 2."""


class BusyError(MigrationLodError):
    """Another build holds the output directory's lock."""


class QuerySyntaxError(MigrationLodError):
    """A SPARQL query that does not parse; the message gives the line and column."""

    def __init__(self, message: str, hint: str | None = None, *, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message, hint)
        self.line = line
        self.column = column


class ForbiddenQuery(MigrationLodError):
    """A query refused before it runs: an update, LOAD, SERVICE and the like."""


class NotAcceptable(MigrationLodError):
    """A result format the query cannot give; `offered` lists the media types it can."""

    def __init__(self, message: str, offered: list[str], hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.offered = offered


class QueryTimeout(MigrationLodError):
    """A query stopped because it ran past its time limit."""


class ResultTooLarge(MigrationLodError):
    """A query whose result has more rows or triples than the limit allows."""


class StoreError(MigrationLodError):
    """The embedded SPARQL store cannot be built or opened (e.g. no dump in the output folder)."""


class EndpointError(MigrationLodError):
    """A remote SPARQL or Graph Store endpoint that cannot be reached or answers with an error."""


def exit_code(error: MigrationLodError) -> int:
    """1 failed build, invalid data or no store; 2 unreadable input or a query that cannot run; 3 output busy;
    4 a query stopped by its time or size limit; 5 a remote endpoint failed."""
    if isinstance(error, (InputError, PageError, QuerySyntaxError, ForbiddenQuery, NotAcceptable)):
        return 2
    if isinstance(error, BusyError):
        return 3
    if isinstance(error, (QueryTimeout, ResultTooLarge)):
        return 4
    if isinstance(error, EndpointError):
        return 5
    return 1

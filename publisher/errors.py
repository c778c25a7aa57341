"""The publisher's errors and the exit code each one means (the CLI maps them in one place)."""

from __future__ import annotations

from converters.errors import MigrationLodError, PageError

__all__ = ["MigrationLodError", "PageError", "BuildError", "InputError", "BusyError", "exit_code"]


class BuildError(MigrationLodError):
    """A build that published nothing: every problem found is listed, one line each."""

    def __init__(self, message: str, problems: list[str], hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.problems = problems


class InputError(MigrationLodError):
    """A file that cannot be read at all (syntax, encoding, size): exit code 2."""


class BusyError(MigrationLodError):
    """Another build holds the output directory's lock."""


def exit_code(error: MigrationLodError) -> int:
    """1 for a failed build or invalid data, 2 for unreadable input, 3 when the output is busy."""
    if isinstance(error, (InputError, PageError)):
        return 2
    if isinstance(error, BusyError):
        return 3
    return 1

"""Errors raised while reading pages; every one carries a message and a hint for the user."""

from __future__ import annotations


class MigrationLodError(Exception):
    """Root of every error the project raises on purpose: a message plus a hint saying what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class PageError(MigrationLodError):
    """A page that cannot be read as a project: names the file and line where it went wrong."""

    def __init__(self, message: str, hint: str | None = None, *, path: str | None = None,
                 line: int | None = None) -> None:
        super().__init__(message, hint)
        self.path = path
        self.line = line

    def located(self, path: str) -> PageError:
        """The same error, naming the file it came from."""
        return PageError(self.message, self.hint, path=path, line=self.line)

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        elif self.line:
            where = f"line {self.line}: "
        return where + super().__str__()


class AmbiguousCurrency(PageError):
    """Currency words that name more than one currency ("F CFA", "dirhams") on a page whose countries (not known
    yet, or using none or several of them) do not tell which: a family reads the amount again once they are known."""

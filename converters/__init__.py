"""Page converters: detect a page's family by its content and read it into a Project record."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import fields
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from . import euromed_ngo, iom_idf, iom_innovation, pagelines
from .errors import PageError
from .pagelines import page_notes
from .records import Project, Source
from .textnorm import repaired_mojibake

# The page families, each a module with NAME, RECOGNISED_BY (what detect() looks for, said to a user), detect(text)
# -> bool and parse(text, source) -> Project; and, if it tells a page of its site that is no project's (a news
# article), not_a_project(text) -> PageError | None, the error saying why.
FORMATS: tuple[ModuleType, ...] = (iom_idf, iom_innovation, euromed_ngo)
pagelines.TAB_LABELS.update(*(fmt.FIELD_LABELS for fmt in FORMATS))
VERSION = version("migration-lod")
# A project page is a few kilobytes and lists tens of items; far beyond that it is the wrong file.
MAX_PAGE_BYTES = 500_000
MAX_ITEMS = 500


def detect(text: str) -> ModuleType:
    """The one converter whose detect() accepts the page; PageError if none or several do."""
    matches = [fmt for fmt in FORMATS if fmt.detect(text)]
    if len(matches) == 1:
        return matches[0]
    if not matches:  # why it is no project's page if a family tells it, else what each family's page is recognised by
        for fmt in FORMATS:
            if (why := getattr(fmt, "not_a_project", None)) and (error := why(text)):
                raise error
        raise PageError("no converter recognises this page",
                        "it must be one of: " + "; ".join(f"{fmt.NAME}: {fmt.RECOGNISED_BY}" for fmt in FORMATS)
                        + " (see README, Converters)")
    raise PageError(f"page matches several converters ({', '.join(fmt.NAME for fmt in matches)})",
                    "report this page as a bug")


# Byte order marks other than UTF-8's, longest first (UTF-32's little-endian mark starts with UTF-16's)
_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
          (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes) -> str:
    """UTF-8 text of a page (a BOM is allowed), or UTF-16 or UTF-32 when its byte order mark says so (as
    Windows editors save "Unicode" text); PageError naming the line of the first bad byte."""
    for mark, encoding in _MARKS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(encoding)
            except UnicodeDecodeError:
                raise PageError(f"the page starts with a {encoding[:6].upper()} byte order mark but is not "
                                f"{encoding[:6].upper()} text", "save the page as UTF-8 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise PageError(f"byte 0x{data[error.start]:02x} is not UTF-8", "save the page as UTF-8 text",
                        line=line) from None


MOJIBAKE = "the page looks like UTF-8 read as Windows-1252 (mojibake): repaired; save it as UTF-8"


def decode_page(data: bytes) -> tuple[str, tuple[int, str] | None]:
    """decode(), and for a page wholly in 8-bit text, as older Windows editors save French ("Année" as the byte
    0xE9), its Windows-1252 reading, with a note: (the line of its first 8-bit byte, what was done). A page with
    UTF-8 sequences in it as well is mixed and stays an error: which reading is right cannot be told. A UTF-8 page
    whose text was once read as Windows-1252 and saved again ("Année" as "AnnÃ©e") is repaired, with a note naming
    its first line repaired."""
    try:
        text = decode(data)
    except PageError as error:
        if any(data.startswith(mark) for mark, _ in _MARKS) or _UTF8_SEQUENCE.search(data):
            raise
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined: no text of that kind either
            raise error from None
        return text, (error.line or 1, "the page is not UTF-8: read as Windows-1252 (Latin-1) text; save it as "
                                       "UTF-8")
    text, line = repaired_mojibake(text)
    return text, (line, MOJIBAKE) if line else None


# A character of two to four bytes as UTF-8 writes it: found in a page, the page is not wholly 8-bit text.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _too_big(size: int) -> PageError:
    return PageError(f"the page is {size:,} bytes, more than a project page ({MAX_PAGE_BYTES:,} at most)",
                     "check that it is the right file, or split it into one page per project")


def convert(data: bytes, path: str) -> Project:
    """Read one page's bytes into a Project; every failure is a PageError naming `path`."""
    try:
        if len(data) > MAX_PAGE_BYTES:
            raise _too_big(len(data))
        text, read_as = decode_page(data)
        if not text.strip():
            raise PageError("the page is empty", "give the project's page text")
        converter = detect(text)
        source = Source(path, hashlib.sha256(data).hexdigest(), f"{converter.NAME} {VERSION}")
        project = converter.parse(text, source)
        project.notes.extend(page_notes(text))  # what the page's lines leave out: running headers, links' addresses
        if read_as:
            project.notes.insert(0, read_as)
        _check_size(project)
        if not (project.code or project.prima_id or project.title):
            raise PageError("the page gives no project ID, code, Prima ID or title to name the project by",
                            "add at least one of them")
        return project
    except PageError as error:
        raise error.located(path) from None


_FIELDS = tuple(field.name for field in fields(Project))


def _check_size(project: Project) -> None:
    """PageError when a list of the project (activities, partners, areas…) is longer than any project's."""
    for name in _FIELDS:
        items = getattr(project, name)
        if isinstance(items, list) and len(items) > MAX_ITEMS:
            raise PageError(f"the page gives {len(items):,} {name.replace('_', ' ')}, more than a project has "
                            f"({MAX_ITEMS} at most)", "check that the file holds one project's page")


def convert_file(path: Path) -> Project:
    """Read and convert one page file, never reading more than one byte past the size limit."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        # Ask for the file's size (and a byte more, to see it end), not for the limit: a buffer of the limit for
        # every page (half a megabyte, given back at once) takes longer than reading the page.
        wanted = min(size, MAX_PAGE_BYTES) + 1
        data = handle.read(wanted)
        if len(data) == wanted < MAX_PAGE_BYTES + 1:  # the file has grown, or has no size (a pipe): read on
            data += handle.read(MAX_PAGE_BYTES + 1 - wanted)
    if len(data) > MAX_PAGE_BYTES:
        raise _too_big(max(size, len(data))).located(str(path))
    return convert(data, str(path))

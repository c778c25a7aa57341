"""Shared fixtures: the repository's folders and the seed pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def seed(prefix: str) -> Path:
    """The seed page whose file name starts with `prefix` (e.g. "000")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def line_of(page: str, text: str) -> int:
    """The number of the first line of `page` that starts with `text`."""
    return next(number for number, line in enumerate(page.split("\n"), start=1) if line.startswith(text))


def page_with(page: str, old: str, new: str) -> str:
    """`page` with its first `old` (which it must hold) replaced by `new`."""
    assert old in page, old
    return page.replace(old, new, 1)


def read_page(page: str, name: str = "x.txt"):
    """The project `page` (saved as the file `name`) converts to."""
    from converters import convert

    return convert(page.encode("utf-8"), name)


def refused_as(page: str, name: str):
    """The PageError converting `page` (saved as the file `name`) gives."""
    from converters import convert
    from converters.errors import PageError

    with pytest.raises(PageError) as raised:
        convert(page.encode(), name)
    return raised.value


# Hypothesis: a fixed, reproducible number of examples in `make test`; `make fuzz` runs many more at random.
settings.register_profile("default", max_examples=30, deadline=None, derandomize=True)
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "1000")), deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

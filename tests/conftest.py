"""Shared fixtures: the repository's folders and the seed pages."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def seed(prefix: str) -> Path:
    """The seed page whose file name starts with `prefix` (e.g. "000")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))

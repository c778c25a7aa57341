"""Replacing the output directory all at once, under a lock, so readers never see half a build."""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BusyError

_RENAME_EXCHANGE = 2


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock beside `out` for the whole build; a second build fails at once."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(f"another build is writing {out}", "wait for it to finish, then build again") from None
        yield


def replace_directory(out: Path, write: Callable[[Path], None]) -> None:
    """Write a new tree with `write(tmp)`, then swap it for `out` in one step; on failure `out` is untouched."""
    tmp = out.parent / f".{out.name}.new-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    for leftover in out.parent.glob(f".{out.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from a build killed before its swap
    tmp.mkdir()
    try:
        write(tmp)
        _fsync_tree(tmp)
        if out.exists() and _exchange(tmp, out):
            shutil.rmtree(tmp)  # tmp now holds the previous output
            return
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories with renameat2(RENAME_EXCHANGE); False where the OS cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())

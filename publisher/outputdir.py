"""Replacing the output directory all at once, under a lock, so readers never see half a build.

A build writes the new tree beside the output (`.output.new-PID`), then swaps the two in one
renameat2(RENAME_EXCHANGE) call. Where the OS cannot exchange, it moves the output aside
(`.output.old-PID`) and the new tree in: a build killed between those two renames leaves the
previous output aside, and the next build puts it back (recover) before doing anything else.

The previous output, once swapped out, is renamed `.output.removing-PID-N` and deleted by a detached process, so
the build returns as soon as the new output is in place: freeing a 10,000-page output's 88,000 files took 15-20 s
here (ext4 mounted with `discard`), a quarter of the build. A remover that dies leaves the tree to the next build,
which hands it to a new remover.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import itertools
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from .errors import BuildError, BusyError

_RENAME_EXCHANGE = 2
# Test hook: a comma-separated list of stages at which the build stops itself (SIGSTOP), so a test
# can kill it there with SIGKILL. Stages: written, swapped, moved-aside, replaced.
STOP_AT = "MIGRATION_LOD_TEST_STOP_AT"


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock beside `out` for the whole build; a second build fails at once.

    Holding the lock, first recover what a build killed earlier left behind (see recover).
    """
    lock_path = out.parent / f".{out.name}.lock"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        opened = lock_path.open("a+")
    except OSError as error:  # a folder of the path is a file, or cannot be made or written
        blocking = next((folder for folder in out.parents if folder.exists() and not folder.is_dir()), None)
        reason = f"{blocking} is a file" if blocking else f"{error.strerror} ({error.filename})"
        raise BuildError(f"cannot write the output folder {out}: {reason}", [],
                         "give --out a folder that can be created and written") from None
    with opened as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(f"another build is writing {out}", "wait for it to finish, then build again") from None
        recover(out)
        yield


def recover(out: Path) -> None:
    """Undo what a killed build left: put a previous output moved aside back in place, remove half-written trees.

    Call it only under the lock (locked() does).
    """
    aside = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda path: path.stat().st_mtime)
    if aside and not out.exists():
        aside.pop().rename(out)  # killed between the two renames of the fallback swap
        _fsync_dir(out.parent)
    scratch = [*out.parent.glob(f".{out.name}.new-*"), *out.parent.glob(f".{out.name}.runs-*")]
    for leftover in [*aside, *scratch]:
        shutil.rmtree(leftover, ignore_errors=True)
    for tree in out.parent.glob(f".{out.name}.{_REMOVING}-*"):  # a remover died, or is still at work: no matter
        _remove_later(tree)


def replace_directory(out: Path, write: Callable[[Path], None]) -> None:
    """Write a new tree with `write(tmp)`, then swap it for `out` in one step; on failure `out` is untouched."""
    tmp = out.parent / f".{out.name}.new-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    tmp.mkdir()
    try:
        with _flushing(tmp):
            write(tmp)
        _fsync_tree(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _stop_if_asked("written")
    try:
        if out.exists() and _exchange(tmp, out):
            _fsync_dir(out.parent)
            _stop_if_asked("swapped")
        else:
            if out.exists():
                out.rename(old)
                _stop_if_asked("moved-aside")
            tmp.rename(out)
            _fsync_dir(out.parent)
            _stop_if_asked("replaced")
    except BaseException:
        if old.exists() and not out.exists():
            old.rename(out)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for previous in (tmp, old):  # after the exchange, tmp holds the previous output
        if previous.exists():
            removing = out.parent / f".{out.name}.{_REMOVING}-{os.getpid()}-{next(_removals)}"
            previous.rename(removing)
            _remove_later(removing)


_REMOVING = "removing"
_removals = itertools.count()  # one process may build the same output again before the last removal is done
_REMOVER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _remove_later(tree: Path) -> None:
    """Delete `tree` in a detached process (its own session: a Ctrl-C to the build does not stop it); delete it
    here where no process can be started."""
    try:
        remover = subprocess.Popen([sys.executable, "-I", "-c", _REMOVER, str(tree)], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(tree, ignore_errors=True)
        return
    # Reaped by a thread, so a long-lived caller (serve, a test run) keeps no zombie; a finishing CLI leaves it
    # running on its own.
    threading.Thread(target=remover.wait, name="remover", daemon=True).start()


@cache  # ctypes.util.find_library runs ldconfig
def _libc_function(name: str):
    """A function of the C library, or None where there is no such library or function."""
    libc_name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(libc_name, use_errno=True), name, None) if libc_name else None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories with renameat2(RENAME_EXCHANGE); False where the OS cannot."""
    renameat2 = _libc_function("renameat2")
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _fsync_tree(root: Path) -> None:
    """Make every file and folder under `root` durable before it is swapped in. One syncfs(2) of its filesystem
    (sync(2) where there is none) does it in one go: an fsync per file cost 2.7 ms each here, 35 s for the
    13,000 files of a 1,000-page site, where the file system can write them all back together."""
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if _syncfs(descriptor) != 0:
            os.sync()
    finally:
        os.close(descriptor)
    _fsync_dir(root)


FLUSH_EVERY = 1.0  # seconds between two write-backs of the tree being written (_flushing)


@contextmanager
def _flushing(root: Path) -> Iterator[None]:
    """While the tree under `root` is being written, have its file system write back what is written so far
    every FLUSH_EVERY seconds, in a thread that only waits on the disk (the GIL released): the sync before the
    swap (_fsync_tree) then finds little left to write. A 10,000-page output is over 1 GB, which took about a
    second to write back at the end, every core idle; written back along the way, the disk works while the
    build computes."""
    if _libc_function("syncfs") is None:
        yield
        return
    stop = threading.Event()
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)

    def flush() -> None:
        while not stop.wait(FLUSH_EVERY):
            _syncfs(descriptor)

    thread = threading.Thread(target=flush, name="write-back", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        os.close(descriptor)


def _syncfs(descriptor: int) -> int:
    """syncfs(2) on the file system of an open file; -1 where the C library has none."""
    syncfs = _libc_function("syncfs")
    return syncfs(descriptor) if syncfs is not None else -1


def _fsync_dir(path: Path) -> None:
    """Make a directory's entries (renames included) durable."""
    descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _stop_if_asked(stage: str) -> None:
    if stage in os.environ.get(STOP_AT, "").split(","):
        os.kill(os.getpid(), signal.SIGSTOP)

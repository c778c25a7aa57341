"""The output folder as one request sees it: opened once, so a build swapped in meanwhile changes nothing it reads.

`build` exchanges the new tree for `output/` in one rename (publisher/outputdir.py) and then deletes the previous
tree. A request that looked files up by path could read some from one build and some from the next, or find a
file gone half-way. A Snapshot holds the folder open (a directory descriptor): every lookup starts from that
directory, whatever the name `output/` points to by then, and a file once opened stays readable even after the
build deletes it. When the old tree loses a file before the request opens it, `replaced()` tells the server to
answer from a new snapshot instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

_PROC_FD = Path("/proc/self/fd")
_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class Snapshot:
    """One build of the output folder, held open until close()."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        status = os.fstat(self.fd)
        self.key = (status.st_dev, status.st_ino)
        # A path to the opened folder for code that wants paths (rdflib, gzip): Linux's /proc names the
        # descriptor's directory wherever it has been moved.
        self.root = _PROC_FD / str(self.fd) if _PROC_FD.is_dir() else out

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the folder."""
        os.close(self.fd)

    def replaced(self) -> bool:
        """Whether the output folder's name now leads to another build (or to nothing)."""
        try:
            status = os.stat(self.out)
        except OSError:
            return True
        return (status.st_dev, status.st_ino) != self.key

    def open(self, relative: str) -> BinaryIO | None:
        """The regular file at `relative` ("site/country/AR.ttl"), or None. Each segment is opened from the one
        before without following symbolic links, so nothing outside the folder can be reached."""
        parts = relative.split("/")
        if any(part in ("", ".", "..") for part in parts):
            return None
        directory = self.fd
        try:
            for part in parts[:-1]:
                inner = os.open(part, _DIRECTORY, dir_fd=directory)
                if directory != self.fd:
                    os.close(directory)
                directory = inner
            descriptor = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
                                 dir_fd=directory)
        except OSError:  # missing, a symbolic link, not a directory...
            return None
        finally:
            if directory != self.fd:
                os.close(directory)
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            return None
        return os.fdopen(descriptor, "rb")

    def is_file(self, relative: str) -> bool:
        """Whether `relative` is a regular file of this build (found as open() would find it)."""
        found = self.open(relative)
        if found is None:
            return False
        found.close()
        return True

    def is_dir(self, relative: str) -> bool:
        """Whether `relative` (one segment) is a directory of this build."""
        try:
            os.close(os.open(relative, _DIRECTORY, dir_fd=self.fd))
        except OSError:
            return False
        return True

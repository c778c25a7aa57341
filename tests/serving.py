"""`migration-lod` as a real process: a command line for it, and `serve` started on a free loopback port."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def command() -> list[str]:
    """The installed `migration-lod` script beside this interpreter (or on PATH)."""
    script = Path(sys.executable).with_name("migration-lod")
    return [str(script)] if script.exists() else [shutil.which("migration-lod") or "migration-lod"]


@contextmanager
def serve(out: Path, log: Path, *options: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """`migration-lod serve` over `out` on a free port of 127.0.0.1: the process and its base URL (log in `log`);
    stopped with SIGTERM when the block ends."""
    with log.open("w") as handle:
        process = subprocess.Popen([*command(), "serve", "--host", "127.0.0.1", "--port", "0", "--out", str(out),
                                    *options], stdout=handle, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not (found := re.search(r"at (http://127\.0\.0\.1:\d+/)", log.read_text())):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.05)
        yield process, found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=20)

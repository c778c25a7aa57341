"""Builds killed with SIGKILL at any moment, and two builds at once, in real processes.

Each build runs `migration-lod build` in its own process group. A build told to stop at a stage
(MIGRATION_LOD_TEST_STOP_AT, see publisher/outputdir.py) sends itself SIGSTOP there; the test
looks at the folders while it is stopped, then kills the whole group with SIGKILL. The previous
output must be there, byte for byte, until the swap; the new one after it; and the next build
must succeed and leave nothing behind.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from publisher.build import build
from publisher.outputdir import STOP_AT
from tests.conftest import seed

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")

NO_EXCHANGE = "import publisher.outputdir as o; o._exchange = lambda a, b: False; "  # the fallback swap


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    """Trees a build leaves beside the output while it swaps (its scratch folder of sorted runs aside), once the
    previous outputs handed to a detached remover are gone."""
    removing = f".{out.name}.removing-"
    deadline = time.monotonic() + 120
    while any(p.name.startswith(removing) for p in out.parent.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")
                  and p.suffix != ".lock" and not p.name.startswith(f".{out.name}.runs-"))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    """Seeds of two pages, the output of one of them (the previous one) and of both (the new one)."""
    root = tmp_path_factory.mktemp("interrupted")
    (root / "seeds").mkdir()
    (root / "one").mkdir()
    for prefix in ("003", "004"):
        shutil.copy(seed(prefix), root / "seeds")
    shutil.copy(seed("003"), root / "one")
    build(root / "one", root / "previous", jobs=1)
    started = time.monotonic()
    build(root / "seeds", root / "new", jobs=1)
    return {"seeds": root / "seeds", "previous": tree(root / "previous"), "new": tree(root / "new"),
            "previous_dir": root / "previous", "seconds": time.monotonic() - started}


@pytest.fixture
def out(tmp_path, outputs) -> Path:
    """An output folder holding the previous output."""
    shutil.copytree(outputs["previous_dir"], tmp_path / "output")
    return tmp_path / "output"


def start(seeds: Path, out: Path, stop_at: str = "", prelude: str = "", jobs: int = 1) -> subprocess.Popen:
    code = prelude + "from publisher.cli import main; main()"
    env = {**os.environ, STOP_AT: stop_at}
    return subprocess.Popen([sys.executable, "-c", code, "build", "--seeds", str(seeds), "--out", str(out),
                             "--jobs", str(jobs)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, text=True)


def wait_stopped(process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the build has stopped itself at its stage (state T in /proc)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the build ended (exit {process.returncode}) before its stage: {process.stderr.read()}")
        with open(f"/proc/{process.pid}/stat") as handle:
            if handle.read().rsplit(")", 1)[1].split()[0] == "T":
                return
        time.sleep(0.02)
    kill(process)
    pytest.fail("the build never reached its stage")


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the build and its worker processes (its own process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=60)


def finish(seeds: Path, out: Path, outputs: dict) -> None:
    """The next build succeeds, publishes the new output and leaves nothing behind."""
    process = start(seeds, out)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert tree(out) == outputs["new"]
    assert leftovers(out) == [] and not list(out.parent.glob(f".{out.name}.runs-*"))


def stop_and_kill(seeds: Path, out: Path, stage: str, prelude: str = "") -> tuple[dict | None, list[str]]:
    """Run a build to `stage`, note the output (None if missing) and the leftovers there, then SIGKILL it."""
    process = start(seeds, out, stage, prelude)
    wait_stopped(process)
    seen = (tree(out) if out.exists() else None), leftovers(out)
    kill(process)
    return seen


def test_killed_before_and_after_the_swap(outputs, out):
    seeds = outputs["seeds"]
    state, left = stop_and_kill(seeds, out, "written")
    assert state == outputs["previous"] and len(left) == 1 and left[0].startswith(".output.new-")
    state, left = stop_and_kill(seeds, out, "written")  # the next build removed the half-written tree first
    assert state == outputs["previous"] and len(left) == 1
    state, left = stop_and_kill(seeds, out, "swapped")
    assert state == outputs["new"] and len(left) == 1  # the swapped-out previous output, removed next time
    assert tree(out.parent / left[0]) == outputs["previous"]
    finish(seeds, out, outputs)


def test_killed_between_the_two_renames_of_the_fallback_swap(outputs, out):
    seeds = outputs["seeds"]
    state, left = stop_and_kill(seeds, out, "moved-aside", NO_EXCHANGE)
    assert state is None and len(left) == 2  # the hole: the previous output waits aside, beside the new one
    aside = next(name for name in left if name.startswith(".output.old-"))
    assert tree(out.parent / aside) == outputs["previous"]
    state, left = stop_and_kill(seeds, out, "written", NO_EXCHANGE)  # the next build puts it back first
    assert state == outputs["previous"] and len(left) == 1 and left[0].startswith(".output.new-")
    state, left = stop_and_kill(seeds, out, "replaced", NO_EXCHANGE)
    assert state == outputs["new"] and len(left) == 1 and left[0].startswith(".output.old-")
    finish(seeds, out, outputs)


def test_killed_at_random_moments(outputs, out):
    seeds, chance = outputs["seeds"], random.Random(6)
    for _ in range(3):
        process = start(seeds, out, jobs=2)
        time.sleep(chance.uniform(0.3, 1.2 * outputs["seconds"] + 1))
        kill(process)
        assert tree(out) in (outputs["previous"], outputs["new"])
    finish(seeds, out, outputs)


def test_two_builds_at_once_do_not_interleave(outputs, out):
    first = start(outputs["seeds"], out, "written")
    wait_stopped(first)
    second = start(outputs["seeds"], out)
    _, stderr = second.communicate(timeout=300)
    assert second.returncode == 3
    assert stderr.strip() == f"error: another build is writing {out}; wait for it to finish, then build again"
    assert tree(out) == outputs["previous"] and len(leftovers(out)) == 1  # the first build's tree, untouched
    os.killpg(first.pid, signal.SIGCONT)
    _, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert tree(out) == outputs["new"] and leftovers(out) == []


def test_the_previous_output_is_removed_after_the_build_returns(outputs, out):
    """The swapped-out tree goes to a detached remover; one a dead remover left is handed to a new one."""
    dead = out.parent / f".{out.name}.removing-1-0"
    (dead / "site").mkdir(parents=True)
    (dead / "site" / "page.html").write_text("left by a remover that was killed")
    build(outputs["seeds"], out, jobs=1)
    assert tree(out) == outputs["new"] and leftovers(out) == [] and not dead.exists()
    build(outputs["seeds"], out, jobs=1)  # a rebuild: the same new output, and nothing left once removed
    assert tree(out) == outputs["new"] and leftovers(out) == []


def test_the_new_tree_is_written_back_while_it_is_written(tmp_path, monkeypatch):
    """The file system writes back the new tree while it is being written, not all at once before the swap:
    a write that waits for a write-back of its tree gets one (the wait has a deadline, never a timing)."""
    import threading

    from publisher import outputdir

    if outputdir._libc_function("syncfs") is None:
        pytest.skip("no syncfs(2) in this C library")
    written_back = threading.Event()
    syncfs = outputdir._syncfs

    def noting(descriptor: int) -> int:
        written_back.set()
        return syncfs(descriptor)

    monkeypatch.setattr(outputdir, "FLUSH_EVERY", 0.01)
    monkeypatch.setattr(outputdir, "_syncfs", noting)

    def write(tmp: Path) -> None:
        (tmp / "file").write_text("new", encoding="utf-8")
        assert written_back.wait(60), "no write-back while the tree was being written"

    outputdir.replace_directory(tmp_path / "out", write)
    assert (tmp_path / "out" / "file").read_text(encoding="utf-8") == "new"
    assert not any(thread.name == "write-back" for thread in threading.enumerate())  # stopped with the write

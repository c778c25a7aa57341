"""Running one bench step in a child process: its wall time, the peak memory of its whole process tree
(workers included), what it reported, and a time limit after which it is stopped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE = 0.05  # seconds between the first two looks at the process tree's memory…
SAMPLE_MAX = 1.0  # …growing to this: reading a large process's page tables (PSS) slows it down while it is read
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Outcome:
    """What a step did: wall seconds, peak memory (bytes) of its process tree (summed proportional set sizes,
    so pages shared by forked processes count once) and peak RSS of its largest process, the JSON records it
    printed (one a line), and whether it ran past its limit."""

    wall: float
    tree_rss: int
    max_rss: int
    records: list[dict] = field(default_factory=list)
    timed_out: bool = False
    returncode: int = 0
    errors: str = ""
    cpu: float = 0.0  # user + system seconds of the whole tree (processes it waited for)

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.returncode == 0

    def record(self, step: str) -> dict | None:
        """The last record the step printed with {"step": step}."""
        return next((r for r in reversed(self.records) if r.get("step") == step), None)


def step(args: list[str], limit: float | None = None, cwd: Path | None = None, quiet_limit: float | None = None
         ) -> Outcome:
    """Run `python -m <args>` (a bench step) and measure it."""
    return run([sys.executable, "-m", *args], limit, cwd, quiet_limit)


def run(command: list[str], limit: float | None = None, cwd: Path | None = None,
        quiet_limit: float | None = None) -> Outcome:
    """Run a command in its own session and measure it. Its whole tree is killed past `limit` seconds, or
    when it has printed no record for `quiet_limit` seconds (a step that takes too long)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    records: list[dict] = []
    errors: list[str] = []
    readers = [threading.Thread(target=_read_records, args=(process.stdout, records), daemon=True),
               threading.Thread(target=_read_tail, args=(process.stderr, errors), daemon=True)]
    for reader in readers:
        reader.start()
    peak = 0
    timed_out = False
    seen, last = 0, started
    pause = SAMPLE
    ended: dict = {}
    reaper = threading.Thread(target=_reap, args=(process.pid, ended), daemon=True)
    reaper.start()
    # The end is taken when the process ends, not at the next sample: samples grow up to SAMPLE_MAX apart
    while True:
        reaper.join(pause)
        if not reaper.is_alive():
            break
        peak = max(peak, _tree_rss(process.pid))
        now = time.perf_counter()
        if len(records) != seen:
            seen, last = len(records), now
        if (limit is not None and now - started > limit) or (quiet_limit is not None and now - last > quiet_limit):
            if not timed_out:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
        pause = min(SAMPLE_MAX, pause * 1.25)
    status, usage = ended["status"], ended["usage"]
    wall = ended["at"] - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: subprocess must not wait for it again
    for reader in readers:
        reader.join(timeout=5)
    children = usage.ru_maxrss * 1024  # the largest process of the tree (Linux gives kilobytes)
    return Outcome(wall, max(peak, children), children, records, timed_out,
                   os.waitstatus_to_exitcode(status), "".join(errors)[-4000:], usage.ru_utime + usage.ru_stime)


def _reap(pid: int, ended: dict) -> None:
    """Wait for the process to end; note when, its status and its tree's resource usage."""
    _, status, usage = os.wait4(pid, 0)
    ended.update(at=time.perf_counter(), status=status, usage=usage)


def _read_records(stream, records: list[dict]) -> None:
    for line in stream:
        if line.startswith("{"):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue


def _read_tail(stream, errors: list[str]) -> None:
    for line in stream:
        errors.append(line)
        del errors[:-50]


def _tree_rss(root: int) -> int:
    """The memory (bytes) of a process and all its descendants, from /proc: each one's proportional set size
    (its private pages, plus its share of the pages forked processes still share), else its resident size."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            sizes[int(entry.name)] = int(fields[21]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    if len(tree) == 1:  # nothing shared with a child: the resident size, without walking the page tables
        return sizes.get(root, 0)
    return sum(_proportional(pid, sizes.get(pid, 0)) for pid in tree)


def _proportional(pid: int, resident: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return resident


def emit(step_name: str, **values) -> None:
    """Print one record for the parent (a step's side of the protocol)."""
    print(json.dumps({"step": step_name, **values}), flush=True)

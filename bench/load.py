"""Load on `migration-lod serve`: concurrent clients on loopback mixing pages, RDF and SPARQL, some pathological.

A real `serve` process on a free port of 127.0.0.1 serves a copy of an output folder (the committed `output/` by
default). Honest clients ask for pages, RDF forms of resources, downloads and the example queries of
`ontology/queries/`; attackers send runaway queries without pause (a cartesian product, a huge OFFSET over one,
a zero-or-more path over every property in both directions, an ORDER BY over a cartesian product). The run is
bounded: it stops after `duration` seconds or `max_requests` requests, whichever comes first. Meanwhile the
resident memory of the server and of its SPARQL worker processes is sampled.

`run()` returns a LoadReport (requests per second, latency percentiles per kind, statuses, peak memory, and the
problems found: a failed honest request, a runaway not stopped, the server gone); `python -m bench.load` runs it
at full size and prints it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
RUNAWAYS = {
    "cartesian product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "huge offset": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } OFFSET 1000000000000 LIMIT 1",
    "deep path": "SELECT (COUNT(*) AS ?n) WHERE { ?s (!<urn:x:p>|^!<urn:x:p>)* ?o }",
    "sorted product": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1",
}
# What browsing clients ask for: kind and weight.
BROWSING = (("page", 5), ("rdf", 4), ("download", 1))
RDF_TYPES = ("text/turtle", "application/ld+json", "application/n-triples")
SPARQL_JSON = "application/sparql-results+json"


@dataclass
class Sample:
    """One request: its kind, what it asked, how it went and how long it took."""

    kind: str
    target: str
    status: int
    seconds: float
    detail: str = ""


@dataclass
class LoadReport:
    """What a load run measured, and the problems it found (none when the server held)."""

    clients: int
    attackers: int
    queriers: int
    seconds: float
    timeout: float
    samples: list[Sample]
    peak_server_mb: float
    peak_total_mb: float
    peak_workers: int
    problems: list[str] = field(default_factory=list)

    def kinds(self) -> list[str]:
        """The kinds of request made (page, rdf, download, sparql, runaway)."""
        return sorted({s.kind for s in self.samples})

    def latencies(self, kind: str) -> list[float]:
        """The seconds each request of a kind took, sorted."""
        return sorted(s.seconds for s in self.samples if s.kind == kind)

    def percentile(self, kind: str, fraction: float) -> float:
        """The latency below which `fraction` of a kind's requests fell (nearest rank)."""
        values = self.latencies(kind)
        return values[min(len(values) - 1, int(fraction * len(values)))] if values else 0.0

    def rate(self, kind: str | None = None) -> float:
        """Requests per second, of one kind or of all."""
        count = sum(1 for s in self.samples if kind is None or s.kind == kind)
        return count / self.seconds if self.seconds else 0.0

    def statuses(self, kind: str) -> dict[int, int]:
        """How many requests of a kind got each HTTP status (0: no answer)."""
        found: dict[int, int] = {}
        for sample in self.samples:
            if sample.kind == kind:
                found[sample.status] = found.get(sample.status, 0) + 1
        return dict(sorted(found.items()))

    def text(self) -> str:
        """The report as the bench prints it."""
        lines = [f"load: {self.clients} clients ({self.attackers} sending runaway queries, {self.queriers} honest "
                 f"queries, {self.clients - self.attackers - self.queriers} browsing) for {self.seconds:.1f} s on "
                 f"127.0.0.1, SPARQL time limit {self.timeout:g} s",
                 f"{len(self.samples)} requests, {self.rate():.1f} requests/s",
                 f"{'kind':<10} {'requests':>8} {'req/s':>8} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9}  statuses"]
        for kind in self.kinds():
            statuses = ", ".join(f"{status or 'failed'}: {count}" for status, count in self.statuses(kind).items())
            lines.append(f"{kind:<10} {len(self.latencies(kind)):>8} {self.rate(kind):>8.1f} "
                         f"{self.percentile(kind, 0.50) * 1000:>9.1f} {self.percentile(kind, 0.95) * 1000:>9.1f} "
                         f"{self.percentile(kind, 0.99) * 1000:>9.1f}  {statuses}")
        lines.append(f"peak resident memory: server {self.peak_server_mb:.0f} MB, server and SPARQL workers together "
                     f"{self.peak_total_mb:.0f} MB, at most {self.peak_workers} workers at once")
        lines += [f"problem: {problem}" for problem in self.problems] or ["problems: none"]
        return "\n".join(lines)


def _command() -> list[str]:
    script = Path(sys.executable).with_name("migration-lod")
    return [str(script)] if script.exists() else [sys.executable, "-m", "publisher.cli"]


@contextmanager
def _serving(out: Path, timeout: float, log: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """`migration-lod serve` over `out` on a free loopback port, stopped when the block ends."""
    with log.open("w") as handle:
        process = subprocess.Popen([*_command(), "serve", "--host", "127.0.0.1", "--port", "0", "--out", str(out),
                                    "--timeout", f"{timeout:g}"], stdout=handle, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not (found := re.search(r"at http://127\.0\.0\.1:(\d+)/", log.read_text())):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"serve did not start: {log.read_text()[-2000:]}")
            time.sleep(0.05)
        yield process, int(found.group(1))
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _Memory(threading.Thread):
    """Samples the resident memory of a process and its children every 50 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop = pid, threading.Event()
        self.server = self.total = 0.0
        self.workers = 0

    def run(self) -> None:
        while not self.stop.wait(0.05):
            sizes = _tree_rss(self.pid)
            if sizes:
                self.server = max(self.server, sizes[0])
                self.total = max(self.total, sum(sizes))
                self.workers = max(self.workers, len(sizes) - 1)


def _tree_rss(pid: int) -> list[float]:
    """Resident MB of `pid` (first) and of each of its child processes."""
    def rss(proc: Path) -> float:
        return int((proc / "status").read_text().split("VmRSS:")[1].split()[0]) / 1024

    try:
        sizes = [rss(Path(f"/proc/{pid}"))]
    except (OSError, IndexError):
        return []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "stat").read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                sizes.append(rss(proc))
        except (OSError, IndexError):
            continue
    return sizes


def _targets(out: Path) -> dict[str, list[tuple[str, str | None]]]:
    """What honest clients ask for: (path, Accept) by kind, from the published folder."""
    site = out / "site"
    resources = sorted(p.relative_to(site).as_posix()[:-5] for p in site.rglob("*.html")
                       if p.name != "index.html") if site.is_dir() else ["dataset"]
    queries = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
    return {
        "page": [("/", "text/html")] + [(f"/{r}", "text/html") for r in resources],
        "rdf": [(f"/{r}", accept) for r in resources for accept in RDF_TYPES],
        "download": [(f"/{p.name}", None) for p in sorted(out.iterdir()) if p.is_file() and p.name != "SHA256SUMS"],
        "sparql": [(f"/sparql?query={quote(q.read_text(encoding='utf-8'))}", SPARQL_JSON) for q in queries],
    }


def _client(port: int, pick, stop: threading.Event, end: float, budget: list[int], lock: threading.Lock,
            samples: list[Sample], timeout: float) -> None:
    """Send requests one after the other on a kept-alive connection until the run ends."""
    connection = None
    while not stop.is_set() and time.monotonic() < end:
        with lock:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        kind, path, accept = pick()
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout * 3 + 30)
        started = time.monotonic()
        try:
            connection.request("GET", path, headers={"Accept": accept} if accept else {})
            response = connection.getresponse()
            body = response.read()
            status, detail = response.status, body[:200].decode("utf-8", "replace") if response.status != 200 else ""
        except (OSError, http.client.HTTPException) as error:
            status, detail = 0, repr(error)
            connection.close()
            connection = None
        samples.append(Sample(kind, path[:120], status, time.monotonic() - started, detail))
    if connection is not None:
        connection.close()


def run(out: Path | None = None, clients: int = 8, attackers: int = 2, queriers: int = 2, duration: float = 30.0,
        max_requests: int = 100_000, timeout: float = 2.0, seed: int = 6) -> LoadReport:
    """Serve a copy of `out` (default: the committed output/) and put it under load; the report of the run."""
    source = Path(out) if out else ROOT / "output"
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="migration-lod-load-") as tmp:
        served = Path(tmp) / "output"
        shutil.copytree(source, served)
        targets = _targets(served)
        kinds = [kind for kind, weight in BROWSING for _ in range(weight)]
        runaways = sorted(RUNAWAYS.items())
        lock, samples, stop = threading.Lock(), [], threading.Event()
        budget = [max_requests]

        def browse():
            kind = rng.choice(kinds)
            path, accept = rng.choice(targets[kind])
            return kind, path, accept

        def ask():
            path, accept = rng.choice(targets["sparql"])
            return "sparql", path, accept

        def attack():
            _name, query = rng.choice(runaways)
            return "runaway", f"/sparql?query={quote(query)}", SPARQL_JSON

        with _serving(served, timeout, Path(tmp) / "serve.log") as (process, port):
            _warm_up(port, targets)
            memory = _Memory(process.pid)
            memory.start()
            started = time.monotonic()
            end = started + duration
            roles = [attack] * attackers + [ask] * queriers
            roles += [browse] * (clients - len(roles))
            threads = [threading.Thread(target=_client, args=(port, role, stop, end, budget, lock, samples, timeout))
                       for role in roles]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=duration + timeout * 3 + 60)
            stop.set()
            elapsed = time.monotonic() - started
            memory.stop.set()
            memory.join()
            problems = _problems(samples, process, port, timeout)
    return LoadReport(clients, attackers, queriers, elapsed, timeout, samples, memory.server, memory.total,
                      memory.workers, problems)


def _warm_up(port: int, targets: dict) -> None:
    """One query first, so the store is built before the clock starts."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("GET", targets["sparql"][0][0], headers={"Accept": SPARQL_JSON})
    connection.getresponse().read()
    connection.close()


def _problems(samples: list[Sample], process: subprocess.Popen, port: int, timeout: float) -> list[str]:
    """Honest requests that failed, runaways that were not stopped by the time limit, a server that is gone."""
    problems = []
    failed = [s for s in samples if s.kind != "runaway" and s.status != 200]
    if failed:
        problems.append(f"{len(failed)} honest request(s) failed, e.g. {failed[0]}")
    unstopped = [s for s in samples if s.kind == "runaway" and not (s.status == 503 and _stopped(s.detail))]
    if unstopped:
        problems.append(f"{len(unstopped)} runaway query(ies) not stopped by a limit, e.g. {unstopped[0]}")
    if process.poll() is not None:
        problems.append(f"the server stopped (exit code {process.returncode})")
    else:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/", headers={"Accept": "text/html"})
            if connection.getresponse().status != 200:
                problems.append("the server no longer answers its landing page")
            connection.close()
        except OSError as error:
            problems.append(f"the server no longer answers: {error}")
    return problems


def _stopped(detail: str) -> bool:
    return "ran past its time limit" in detail or "of memory and was stopped" in detail


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.load`: the full-size run, printed; exit 1 when it found a problem."""
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="published folder to serve (default: output/)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--attackers", type=int, default=2, help="clients sending runaway queries")
    parser.add_argument("--queriers", type=int, default=2, help="clients sending the example queries")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds")
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=2.0, help="the server's SPARQL time limit, seconds")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    options = parser.parse_args(argv)
    report = run(options.out, options.clients, options.attackers, options.queriers, options.duration,
                 options.max_requests, options.timeout)
    if options.json:
        print(json.dumps(summary(report), indent=1))
    else:
        print(report.text())
    return 1 if report.problems else 0


def summary(report: LoadReport) -> dict:
    """The report's numbers as plain data (for the bench runner's results)."""
    return {
        "clients": report.clients, "attackers": report.attackers, "queriers": report.queriers,
        "seconds": round(report.seconds, 2),
        "requests": len(report.samples), "requests_per_second": round(report.rate(), 1),
        "kinds": {kind: {"requests": len(report.latencies(kind)), "requests_per_second": round(report.rate(kind), 1),
                         **{f"p{int(f * 100)}_ms": round(report.percentile(kind, f) * 1000, 1)
                            for f in (0.50, 0.95, 0.99)},
                         "statuses": report.statuses(kind)} for kind in report.kinds()},
        "peak_server_mb": round(report.peak_server_mb), "peak_total_mb": round(report.peak_total_mb),
        "peak_workers": report.peak_workers, "problems": report.problems,
    }


if __name__ == "__main__":
    sys.exit(main())

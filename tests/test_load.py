"""A small load on `serve` (the full one is `python -m bench.load`, run by `make bench`): it stays up, honest
requests and queries are answered while runaway queries are stopped by their limits, and memory stays bounded."""

from __future__ import annotations

from bench import load
from publisher import sparql


def test_serve_holds_under_a_small_mixed_load_with_a_runaway_query_attacker():
    report = load.run(clients=4, attackers=1, queriers=1, duration=4.0, timeout=1.0)
    assert report.problems == [], report.text()
    assert set(report.kinds()) == {"page", "rdf", "download", "sparql", "runaway"}, report.text()
    assert all(s.status == 200 for s in report.samples if s.kind != "runaway")
    runaways = [s for s in report.samples if s.kind == "runaway"]
    assert all(s.status == 503 and ("ran past its time limit of 1 s" in s.detail or "of memory and was stopped"
                                    in s.detail) for s in runaways), report.text()
    assert report.peak_workers <= sparql.WORKERS
    # the server and at most WORKERS workers, each with its heap capped
    assert report.peak_total_mb < report.peak_server_mb + sparql.WORKERS * (sparql.WORKER_MEMORY / 2**20 + 200)
    assert "requests/s" in report.text() and "p99 ms" in report.text()

"""`serve` keeps answering while `build` replaces the output, and switches to the new build at once.

Real processes: two `migration-lod serve` on free loopback ports over a copy of the committed output (build A,
from all the seeds), one serving the built English pages, one rendering French pages from the data; client
threads ask for pages, RDF forms, downloads and SPARQL answers, while `migration-lod build` replaces the output
twice: from the seeds but one (build B, where project RT.1296 does not exist), then from all of them again (A).
Every answer must be whole and exactly A's or B's; none may fail (only RT.1296 may be missing, and only in B);
each client sees the builds in the order they were made; and a request made after a build has finished gets
that build (a server that kept the pages of the build it started with would fail here).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from publisher.site import make_pages, published_index
from tests.conftest import ROOT, SEEDS
from tests.serving import command, serve

BASE = "https://w3id.org/migration-lod/"
GONE = "RT.1296"  # its page is seed 004, left out of build B
PROJECTS = ("SELECT ?p WHERE { ?p a <https://w3id.org/migration-lod/vocab#Project> } ORDER BY ?p")
# (name, path, Accept, the file of output/ it must be, or "fr:PATH" for the French page rendered for PATH)
ENGLISH = [
    ("landing page", "/", "text/html", "site/index.html"),
    ("project page", "/project/PO.0181", "text/html", "site/project/PO.0181.html"),
    ("gone project", f"/project/{GONE}.ttl", None, f"site/project/{GONE}.ttl"),
    ("country", "/country/AR", "text/turtle", "site/country/AR.ttl"),
    ("dump", "/migration-projects.nt.gz", None, "migration-projects.nt.gz"),
    ("catalog", "/.well-known/void", None, "catalog.ttl"),
    ("sparql json", "/sparql?query=" + quote(PROJECTS), "application/sparql-results+json", None),
    ("sparql page", "/sparql?query=" + quote(PROJECTS), "text/html", None),
]
FRENCH = [
    ("landing page fr", "/", "text/html", "fr:"),
    ("gone project fr", f"/project/{GONE}", "text/html", f"fr:project/{GONE}"),
    ("country fr", "/country/AR", "text/html", "fr:country/AR"),
]


@dataclass
class Answer:
    client: int
    name: str
    started: float
    ended: float
    status: int
    digest: str
    projects: tuple[str, ...] | None = None  # SPARQL answers: the projects listed
    error: str | None = None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def client(number: int, url: str, requests: list[tuple], stop: threading.Event, answers: list[Answer]) -> None:
    """Ask every request in turn, a few milliseconds apart, until told to stop; a new connection every 20."""
    parts = urlsplit(url)
    connection, sent = None, 0
    while not stop.is_set():
        for name, path, accept, _file in requests:
            time.sleep(0.005)
            if connection is None or sent % 20 == 0:
                if connection is not None:
                    connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            started = time.monotonic()
            try:
                connection.request("GET", path, headers={"Accept": accept} if accept else {})
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                answers.append(Answer(number, name, started, time.monotonic(), 0, "", error=repr(error)))
                connection, sent = None, 0
                continue
            sent += 1
            projects = None
            if name == "sparql json" and response.status == 200:
                projects = tuple(row["p"]["value"].rsplit("/", 1)[-1]
                                 for row in json.loads(body)["results"]["bindings"])
            elif name == "sparql page" and response.status == 200:
                projects = tuple(code for code in ("IS.0077", "PO.0181", "PO.0201", GONE, "i-migr")
                                 if f"project:{code}<" in body.decode("utf-8"))
            answers.append(Answer(number, name, started, time.monotonic(), response.status, digest(body), projects))


def build(seeds: Path, out: Path) -> tuple[float, float]:
    started = time.monotonic()
    done = subprocess.run([*command(), "build", "--seeds", str(seeds), "--out", str(out)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return started, time.monotonic()


def expected(root: Path) -> dict[str, str | None]:
    """What each request must get from the build in `root`: a file's digest, or a French page's (None: none)."""
    pages = make_pages(root, published_index(root, BASE), "fr")
    found = {}
    for name, _path, _accept, file in ENGLISH + FRENCH:
        if file and file.startswith("fr:"):
            path = file[3:]
            found[name] = digest(pages.render(path).encode()) if not path or pages.index.exists(path) else None
        elif file:
            found[name] = digest((root / file).read_bytes()) if (root / file).is_file() else None
    return found


def version(answer: Answer, builds: dict[str, dict[str, str | None]], projects: dict[str, tuple]) -> set[str]:
    """The builds the answer is exactly one of (both when they agree); empty when it is neither."""
    if answer.projects is not None:
        return {b for b, listed in projects.items() if listed == answer.projects}
    matches = set()
    for b, files in builds.items():
        wanted = files.get(answer.name, "")
        if (wanted is None and answer.status == 404) or (answer.status == 200 and answer.digest == wanted):
            matches.add(b)
    return matches


def test_serve_answers_whole_builds_while_build_replaces_the_output(tmp_path):
    out = tmp_path / "output"
    shutil.copytree(ROOT / "output", out)
    seeds_a = tmp_path / "seeds-a"
    shutil.copytree(SEEDS, seeds_a)
    seeds_b = tmp_path / "seeds-b"
    shutil.copytree(SEEDS, seeds_b, ignore=shutil.ignore_patterns("004_*"))
    answers: list[Answer] = []
    stop = threading.Event()
    with serve(out, tmp_path / "serve.log") as (english, url), \
            serve(out, tmp_path / "serve-fr.log", "--lang", "fr") as (french, url_fr):
        clients = [threading.Thread(target=client, args=(n, *target, stop, answers))
                   for n, target in enumerate([(url, ENGLISH), (url, ENGLISH), (url_fr, FRENCH), (url_fr, FRENCH)])]
        for thread in clients:
            thread.start()
        time.sleep(0.5)
        first = build(seeds_b, out)
        reference_b = tmp_path / "reference-b"
        shutil.copytree(out, reference_b)
        time.sleep(0.5)
        second = build(seeds_a, out)
        time.sleep(0.5)
        stop.set()
        for thread in clients:
            thread.join(timeout=120)
        assert english.poll() is None and french.poll() is None  # still serving

    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == \
        {p.relative_to(ROOT / "output"): p.read_bytes() for p in (ROOT / "output").rglob("*") if p.is_file()}
    builds = {"A": expected(ROOT / "output"), "B": expected(reference_b)}
    assert builds["B"]["gone project"] is None and builds["A"]["gone project"] is not None
    assert builds["A"]["landing page"] != builds["B"]["landing page"]
    assert builds["A"]["dump"] != builds["B"]["dump"]
    assert builds["B"]["gone project fr"] is None and builds["A"]["landing page fr"] != builds["B"]["landing page fr"]
    listed = {"A": ("IS.0077", "PO.0181", "PO.0201", GONE, "i-migr"), "B": ("IS.0077", "PO.0181", "PO.0201", "i-migr")}

    assert len(answers) > 200
    failed = [a for a in answers if a.error or not version(a, builds, listed)]
    assert not failed, failed[:10]
    for number in range(4):
        seen = [version(a, builds, listed) for a in answers if a.client == number]
        switches = [v for v in seen if len(v) == 1]
        changes = sum(1 for before, after in zip(switches, switches[1:], strict=False) if before != after)
        assert changes <= 2, [sorted(v) for v in switches]  # A, then B, then A: never back and forth
    for (_started, ended), now in ((first, "B"), (second, "A")):
        after = [a for a in answers if a.started > ended and (now == "A" or a.ended < second[0])]
        assert after and all(now in version(a, builds, listed) for a in after), now


def test_a_request_during_the_fallback_swap_waits_for_the_new_folder(tmp_path):
    """Where directories cannot be exchanged, the build moves the output aside, then the new one in: a request in
    between waits for it instead of failing."""
    from publisher.server import make_server

    out = tmp_path / "output"
    shutil.copytree(ROOT / "output", out)
    server = make_server(out, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out.rename(tmp_path / ".output.old-1")
        threading.Timer(0.3, lambda: (tmp_path / ".output.old-1").rename(out)).start()
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
        connection.request("GET", "/catalog.ttl")
        answer = connection.getresponse()
        assert (answer.status, answer.read()) == (200, (ROOT / "output" / "catalog.ttl").read_bytes())
        out.rename(tmp_path / ".output.old-2")  # and a folder that does not come back: one line, 503
        connection.request("GET", "/catalog.ttl")
        answer = connection.getresponse()
        assert answer.status == 503 and b"holds no published dataset" in answer.read()
    finally:
        server.shutdown()
        server.server_close()

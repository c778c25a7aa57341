"""The bench's results as text: one line per step while it runs, Markdown tables at the end."""

from __future__ import annotations

MB = 1 << 20
STAGES = ("parse", "map", "validate", "write")


def machine_line(machine: dict) -> str:
    """Where the numbers come from."""
    return (f"{machine['cores']} cores ({machine['jobs']} build workers), {machine['system']}, Python "
            f"{machine['python']}, rdflib {machine['rdflib']}, pySHACL {machine['pyshacl']}, pyoxigraph "
            f"{machine['pyoxigraph']}; load average {machine['load'][0]} at the start; {machine['date']}")


def size_line(entry: dict) -> str:
    """A one-line summary of one corpus size."""
    ours, base = _ours(entry), _baseline(entry)
    return (f"{entry['pages']} pages: build {ours['wall']} s ({ours['pages/s']} pages/s, peak memory {ours['rss']}), "
            f"floor {ours['floor']} s, baseline {base['total']}, speed-up {_ratio(entry)}")


def render(results: dict) -> str:
    """All results as Markdown."""
    limits = ", ".join(f"{entry['pages']:,} pages {entry['baseline'].get('limit', results['limit']):.0f} s"
                       for entry in results["sizes"])
    lines = [f"Machine: {machine_line(results['machine'])}.", f"Corpus seed {results['seed']}; a build baseline is "
             f"stopped past its limit ({limits}), a query baseline past {results['limit']:.0f} s.", "",
             "### Build", "",
             "| pages | build (s) | CPU (s) | pages/s | triples/s | peak memory | parse / map / validate / write "
             "(worker CPU s) | publish: dataset files + site = total (s) | I/O floor (s) | × floor | baseline (s) "
             "| baseline CPU (s) "
             "| baseline stages (s) | speed-up (wall / CPU) |",
             "|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|"]
    builds = [variant for entry in results["sizes"] for variant in _variants(entry)]
    for entry in builds:
        ours, base = _ours(entry), _baseline(entry)
        name = f"{entry['pages']:,}{_which(entry)}"
        lines.append(f"| {name} | {ours['wall']} | {_cpu(entry['build'])} | {ours['pages/s']} | "
                     f"{ours['triples/s']} | {ours['rss']} | {ours['stages']} | {ours['publish']} | {ours['floor']} | "
                     f"{ours['× floor']} | {base['total']} | {_cpu(entry['baseline'])} | {base['stages']} | "
                     f"{_ratio(entry)} / {_ratio(entry, 'cpu')} |")
    repeated = [line for line in map(_runs, builds) if line]
    if repeated:
        lines += ["", *repeated]
    for size, found in results["queries"].items():
        lines += ["", f"### Example queries on the {int(size):,}-page store", ""]
        if found.get("title"):
            lines += [f"The one-project query asks about a project of the corpus (titled “{found['title']}”), not "
                      "the seeds' “I-MIGR”.", ""]
        lines += _queries(found)
    if results["validate"]:
        lines += ["", "### validate", ""] + _validate(results["validate"])
    lines += ["", "### The issue's targets (2 cores), as measured above", ""] + targets(results)
    return "\n".join(lines) + "\n"


SELECTIVE = ("projects-benefiting-a-country", "organisations-and-roles")  # one country, one project


def targets(results: dict) -> list[str]:
    """Each target of the scale issue, what this run measured for it, and whether it holds."""
    rows = []
    sizes = {entry["pages"]: entry for entry in results["sizes"]}

    def add(target: str, measured: str, met: bool | None) -> None:
        rows.append(f"| {target} | {measured} | {'–' if met is None else 'yes' if met else 'no'} |")

    ten = sizes.get(10_000)
    exports = next(iter(_variants(ten)[1:]), None) if ten else None
    for found, what in ((exports, "every export (the dataset's files, each resource's RDF files)"),
                        (ten, "every export and the HTML pages" if exports else "end to end")):
        if not found or found["build"]["returncode"] != 0:
            continue
        wall, base = found["build"]["wall"], found["baseline"]
        ratio = base["wall"] / wall
        add(f"10,000 pages, {what}: at least 5× faster than the baseline",
            f"{'≥ ' if base['timed_out'] else ''}{ratio:.1f}×",
            (ratio >= 5 or None) if base["timed_out"] else ratio >= 5 if base["returncode"] == 0 else None)
        floor = floor_seconds(found)
        if floor:
            add(f"10,000 pages, {what}: within 30× of the I/O floor", f"{wall / floor:.0f}× ({wall:.1f} s / "
                f"{floor:.2f} s{_of_runs(found)})", wall / floor <= 30)
        add(f"10,000 pages, {what}: well under 10 s", f"{wall:.1f} s", wall < 10)
    hundred = sizes.get(100_000)
    if hundred and hundred["build"]["returncode"] == 0:
        rss = hundred["build"]["tree_rss"]
        bare = "" if hundred.get("site", True) else " (built without the site)"
        add("100,000 pages: peak RSS under 2 GiB", f"{rss / MB:,.0f} MB{bare}", rss < 2 * 1024 * MB)
        if ten and ten["build"]["returncode"] == 0:
            same = hundred.get("site", True) == ten.get("site", True)
            rate = (100_000 / _without_site(hundred, same)) / (10_000 / _without_site(ten, same))
            add("100,000 pages: as many pages/s as 10,000 (linear)", f"{rate:.2f}× the 10,000-page rate"
                f"{'' if same else ' (both without the time of the site)'}{_probes(ten, hundred)}", rate >= 0.9)
    largest = max((int(size) for size in results["queries"]), default=None)
    if largest:
        records = results["queries"][str(largest)].get("memory", {}).get("records", [])
        for record in (r for r in records if r.get("step") == "query"):
            limit = 0.1 if record["query"] in SELECTIVE else 2.0
            add(f"{largest:,}-project store (pyoxigraph): {record['query']} under {limit:g} s",
                f"{record['seconds']:.3f} s", record["seconds"] < limit)
    for name, outcome in results.get("validate", {}).items():
        if isinstance(outcome, dict):
            add(f"`validate` of a {results['validate']['projects']:,}-project contribution under 5 s "
                f"(against {name})", f"{outcome['wall']:.1f} s", outcome["wall"] < 5 and outcome["returncode"] == 0)
    return ["| target | measured | met |", "|---|---|---|", *rows]


def _variants(entry: dict) -> list[dict]:
    """The builds of one size: the build (with its site, or without one past --site-up-to), and the build
    without the HTML pages when there is one, each as an entry of its own (the same size and baseline)."""
    if "exports" not in entry:
        return [entry]
    return [entry, {**entry, **entry["exports"], "site": "no-pages"}]


def _which(entry: dict) -> str:
    """Which build of a size this is, when not the one with its whole site."""
    site = entry.get("site", True)
    return "" if site is True else " (no site)" if site is False else " (no HTML pages)"


def floor_seconds(found: dict) -> float | None:
    """The I/O floor measured after a build (the median of its repeats), if it was."""
    record = next((r for r in found.get("floor", {}).get("records", []) if r.get("step") == "floor"), None)
    return record["parse_and_write"] if record else None


def _probes(ten: dict, hundred: dict) -> str:
    """The CPU probe before the 100,000-page build against the one before the 10,000-page build kept."""
    kept = next((run for run in ten.get("runs", []) if run["wall"] == ten["build"]["wall"]), {})
    before, after = kept.get("probe"), next(iter(hundred.get("runs", [])), {}).get("probe")
    if not before or not after:
        return ""
    return f"; CPU probe {after:.2f} s before it against {before:.2f} s ({after / before:.2f}× as long)"


def _of_runs(entry: dict) -> str:
    runs = entry.get("runs", [])
    return f", the median of {len(runs)} builds" if len(runs) > 1 else ""


def _runs(entry: dict) -> str | None:
    """Every build of a size built more than once: wall, CPU and the floor measured after it."""
    runs = entry.get("runs", [])
    if len(runs) < 2:
        return None
    each = "; ".join(f"{run['wall']:.1f} s ({run['cpu']:.0f} s CPU, floor "
                     + (f"{run['floor']:.2f} s: {run['wall'] / run['floor']:.0f}×" if run["floor"] else "–")
                     + (f", CPU probe before it {run['probe']:.2f} s)" if run.get("probe") else ")")
                     for run in runs)
    return f"{entry['pages']:,} pages{_which(entry)} built {len(runs)} times, the median kept above: {each}."


def _without_site(entry: dict, same: bool) -> float:
    """The build's wall time, less its site's seconds unless both builds compared wrote theirs."""
    record = next(r for r in entry["build"]["records"] if r.get("step") == "build")
    return entry["build"]["wall"] - (0 if same else record["seconds"].get("site", 0))


def _ours(entry: dict) -> dict:
    build = entry["build"]
    record = next((r for r in build["records"] if r.get("step") == "build"), None)
    if record is None:
        return {"wall": "failed", "pages/s": "–", "triples/s": "–", "rss": "–", "stages": "–", "publish": "–",
                "floor": "–", "× floor": "–"}
    wall = build["wall"]
    seconds = record["seconds"]
    floor_time = floor_seconds(entry)
    return {"wall": f"{wall:.1f}", "pages/s": f"{record['pages'] / wall:,.0f}",
            "triples/s": f"{record['triples'] / wall:,.0f}",
            "rss": f"{build['tree_rss'] / MB:,.0f} MB",
            "stages": " / ".join(f"{seconds.get(stage, 0):.1f}" for stage in STAGES),
            "publish": (f"{seconds['dataset']:.1f} + {seconds['site']:.1f} = " if "site" in seconds else "")
            + f"{seconds.get('publish', 0):.1f}",
            "floor": f"{floor_time:.2f}" if floor_time else "–",
            "× floor": f"{wall / floor_time:.0f}×" if floor_time else "–"}


def _baseline(entry: dict) -> dict:
    base = entry["baseline"]
    parts = []
    for record in base["records"]:
        if record["step"] == "map":
            parts.append(f"parse {record['seconds']['parse']:.0f}, map {record['seconds']['map']:.0f}")
        else:
            parts.append(f"{record['step']} {record['seconds']:.1f}")
    if base["timed_out"]:
        done = {r["step"] for r in base["records"]}
        stopped = next(s for s in ("map", "validate", "write-nt", "write-turtle", "write-json-ld", "end")
                       if s not in done)
        parts.append(f"stopped in {'parse/map' if stopped == 'map' else stopped}")
        total = f"> {base['wall']:.0f}"
    elif base["returncode"] != 0:
        total = "failed"
    else:
        total = f"{base['wall']:.1f}"
    return {"total": total, "stages": "; ".join(parts)}


def _ratio(entry: dict, measure: str = "wall") -> str:
    base = entry["baseline"]
    if entry["build"]["returncode"] != 0 or (base["returncode"] != 0 and not base["timed_out"]):
        return "–"
    if not entry["build"].get(measure):
        return "–"
    ratio = base[measure] / entry["build"][measure]
    return f"≥ {ratio:.1f}×" if base["timed_out"] else f"{ratio:.1f}×"


def _cpu(outcome: dict) -> str:
    cpu = outcome.get("cpu")
    return f"{'> ' if outcome.get('timed_out') else ''}{cpu:.0f}" if cpu else "–"


def _queries(found: dict) -> list[str]:
    def answers(name: str) -> tuple[dict, dict | None]:
        records = found.get(name, {}).get("records", [])
        load = next((r for r in records if r.get("step") == "load"), None)
        return {r["query"]: r for r in records if r.get("step") == "query"}, load

    (memory, memory_load), (disk, disk_load), (rdflib, rdflib_load) = answers("memory"), answers("oxigraph"), \
        answers("rdflib")
    skipped_queries = {r["query"] for r in found["rdflib"]["records"] if r.get("step") == "query-skipped"}
    missing = "skipped (past the limit)" if found["rdflib"]["timed_out"] else "failed"
    lines = ["| query | rows | pyoxigraph in memory (s) | query command's on-disk store (s) | rdflib (s) "
             "| rdflib / in memory |", "|---|---:|---:|---:|---:|---:|"]
    loaded = memory_load or disk_load
    triples = f"{loaded['triples']:,} triples" if loaded else "–"
    lines.append(f"| load the dump | {triples} | {_seconds(memory_load, 1, '–')} | {_seconds(disk_load, 1, 'failed')} "
                 f"| {_seconds(rdflib_load, 1, missing)} | {_times(rdflib_load, memory_load)} |")
    for name in found["queries"]:
        fast, stored, slow = memory.get(name), disk.get(name), rdflib.get(name)
        rows = (fast or stored or {}).get("rows", "–")
        unanswered = "skipped (past the limit)" if name in skipped_queries else missing
        lines.append(f"| {name} | {rows} | {_seconds(fast, 3, '–')} | {_seconds(stored, 3, 'failed')} | "
                     f"{_seconds(slow, 2, unanswered)} | {_times(slow, fast)} |")
    stopped = " (when stopped)" if found["rdflib"]["timed_out"] else ""
    in_memory = f"pyoxigraph in memory {found['memory']['tree_rss'] / MB:,.0f} MB, " if "memory" in found else ""
    return lines + ["", f"Peak memory: {in_memory}on disk {found['oxigraph']['tree_rss'] / MB:,.0f} MB, rdflib "
                        f"{found['rdflib']['tree_rss'] / MB:,.0f} MB{stopped}."]


def _seconds(record: dict | None, digits: int, otherwise: str) -> str:
    return f"{record['seconds']:.{digits}f}" if record else otherwise


def _times(slow: dict | None, fast: dict | None) -> str:
    if not slow or not fast or not fast["seconds"]:
        return "–"
    return f"{slow['seconds'] / fast['seconds']:.0f}×"


def _validate(found: dict) -> list[str]:
    lines = [f"A generated contribution of {found['projects']:,} projects ({found['bytes'] / MB:.1f} MB of Turtle), "
             "`migration-lod validate FILE --published DUMP` end to end (start-up, reading the published data, "
             "parsing, SHACL, checks), the median of the runs listed:", "",
             "| published data | seconds | runs (s) | peak memory | exit |", "|---|---:|---|---:|---:|"]
    for name, outcome in found.items():
        if isinstance(outcome, dict):
            runs = ", ".join(f"{wall:.1f}" for wall in outcome.get("walls", [outcome["wall"]]))
            lines.append(f"| {name} | {outcome['wall']:.1f} | {runs} | {outcome['tree_rss'] / MB:,.0f} MB | "
                         f"{outcome['returncode']} |")
    return lines


if __name__ == "__main__":  # python -m bench.report bench/results/2-cores.json: the Markdown again
    import json
    import sys
    from pathlib import Path

    source = Path(sys.argv[1])
    source.with_suffix(".md").write_text(render(json.loads(source.read_text(encoding="utf-8"))), encoding="utf-8")

"""The embedded SPARQL store: the published dump bulk-loaded into pyoxigraph on disk, beside the output folder, as
the default graph, and the catalogue (catalog.ttl) as the named graph <{base}catalog.ttl>, its document's IRI.

Layout: `<out>/../.migration-lod-store/<out name>-<digest, 16 hex>/` holds `db/` (RocksDB), `store.json` (the
digest, the triple counts and the pyoxigraph version) and `lease.lock`, which every process using the store holds
shared. The digest is the dump's SHA-256, with the catalogue's when there is one (store_digest). Output/ itself is
never touched: it is committed and compared byte for byte.

A store is built on first use, in a temporary folder renamed into place when complete, so a half-built store is
never seen. A new dump or catalogue has a new digest and so a new store; the old one is removed once no process
holds its lease. A store whose files are damaged (it does not open, or holds another number of triples) is rebuilt.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from .errors import StoreError

DUMP = "migration-projects.nt.gz"
CATALOG = "catalog.ttl"
_URI_SPACE = ox.NamedNode("http://rdfs.org/ns/void#uriSpace")
STORE_DIR = ".migration-lod-store"
_MARKER = "store.json"
_LEASE = "lease.lock"
_digests: dict[str, tuple[tuple[int, int, int], str]] = {}


@dataclass(frozen=True)
class StoreInfo:
    """A complete store on disk: where its database is, and the dump it was loaded from."""

    root: Path
    sha256: str
    triples: int  # the dump's, in the default graph (the catalogue's are not counted)

    @property
    def db(self) -> Path:
        return self.root / "db"


def dump_path(out: Path) -> Path:
    """The SPARQL-ready dump inside an output folder."""
    return Path(out) / DUMP


def catalog_graph(base: str) -> str:
    """The named graph the catalogue is loaded into: the IRI of its document, {base}catalog.ttl."""
    return base + CATALOG


def store_digest(out: Path) -> str:
    """What a store is keyed by: the dump's SHA-256, or, when the folder has a catalogue, the SHA-256 of the
    dump's and the catalogue's, so a changed catalogue is loaded again too."""
    digest = dump_sha256(dump_path(out))
    catalog = Path(out) / CATALOG
    if not catalog.is_file():
        return digest
    return hashlib.sha256(f"{digest} {dump_sha256(catalog)}".encode()).hexdigest()


def dump_sha256(dump: Path) -> str:
    """A file's SHA-256 (the dump's, the catalogue's), recomputed only when its size, mtime or inode change."""
    stat = dump.stat()
    signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    cached = _digests.get(str(dump))
    if cached and cached[0] == signature:
        return cached[1]
    digest = hashlib.sha256()
    with dump.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    _digests[str(dump)] = (signature, digest.hexdigest())
    return digest.hexdigest()


def stores_folder(out: Path) -> Path:
    """Where the stores of this output live: beside it, or in the user's cache when its parent is read-only."""
    out = Path(out).resolve()
    if os.access(out.parent, os.W_OK):
        return out.parent / STORE_DIR
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "migration-lod" / "stores" / hashlib.sha256(str(out).encode()).hexdigest()[:12]


def ensure(out: Path) -> StoreInfo:
    """The store for the output's current dump: built on first use, rebuilt when damaged."""
    out = Path(out)
    dump = dump_path(out)
    if not dump.is_file():
        raise StoreError(f"{dump} not found", "run `migration-lod build` first, or give the output folder with --out")
    digest = store_digest(out)
    folder = stores_folder(out)
    root = folder / f"{out.resolve().name}-{digest[:16]}"
    info = _complete(root, digest)
    if info:
        return info
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / ".build.lock").open("a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one builder at a time; the others wait, then find it built
            for stale in folder.glob(".*.building-*"):
                shutil.rmtree(stale, ignore_errors=True)  # left by a builder that was killed
            info = _complete(root, digest) or _build(dump, digest, root, out / CATALOG)
    except OSError as error:
        raise StoreError(f"cannot build the SPARQL store in {folder}: {error}",
                         "check that the folder is writable and the disk has room") from error
    _remove_unused(folder, out.resolve().name, keep=root)
    return info


def lease(info: StoreInfo) -> IO:
    """Hold the store's lease (shared) until the returned file is closed, so no one removes it meanwhile."""
    handle = (info.root / _LEASE).open("a+")
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def discard(info: StoreInfo) -> None:
    """Mark a store found damaged while querying, so the next `ensure` rebuilds it."""
    (info.root / _MARKER).unlink(missing_ok=True)


def _complete(root: Path, digest: str) -> StoreInfo | None:
    """The store at `root` if it was fully built from this dump by this pyoxigraph and still opens whole."""
    try:
        marker = json.loads((root / _MARKER).read_text(encoding="utf-8"))
        if marker.get("sha256") != digest or marker.get("pyoxigraph") != ox.__version__:
            return None
        store = ox.Store.read_only(str(root / "db"))
        total = marker.get("triples", 0) + marker.get("catalog_triples", 0)
        if marker.get("files") == _files_digest(root / "db", total):
            del store  # its files are as the build left them: counting 5 million triples again takes 2 s
            return StoreInfo(root, digest, marker["triples"])
        counted = len(store)
        del store
    except (OSError, RuntimeError, ValueError, AttributeError, TypeError, KeyError):  # RocksDB: RuntimeError
        return None
    return StoreInfo(root, digest, marker["triples"]) if counted == total else None


def _files_digest(db: Path, triples) -> str:
    """A digest of the database's files (names and sizes; RocksDB's own log and lock excluded) and the triple
    count: a store whose files or marker changed since it was built is counted again before it is trusted."""
    files = sorted((p.name, p.stat().st_size) for p in db.iterdir()
                   if p.is_file() and not p.name.startswith(("LOG", "LOCK")))
    return hashlib.sha256(json.dumps([files, triples]).encode()).hexdigest()


def _load_catalog(store: ox.Store, catalog: Path) -> int:
    """Load the catalogue, if there is one, into its named graph (named after the base its void:uriSpace gives);
    how many triples it has."""
    if not catalog.is_file():
        return 0
    data = catalog.read_bytes()
    spaces = sorted(t.object.value for t in ox.parse(data, ox.RdfFormat.TURTLE) if t.predicate == _URI_SPACE)
    if not spaces:
        return 0  # no base to name its graph by: the catalogue is not of a published dataset
    before = len(store)
    store.load(data, ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(catalog_graph(spaces[0])))
    return len(store) - before


def _build(dump: Path, digest: str, root: Path, catalog: Path) -> StoreInfo:
    """Bulk-load the dump, and the catalogue into its named graph, into a new store beside `root`, then move it
    into place in one rename."""
    tmp = root.with_name(f".{root.name}.building-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        store = ox.Store(str(tmp / "db"))
        with gzip.open(dump, "rb") as data:
            store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
        triples = len(store)
        catalog_triples = _load_catalog(store, catalog)
        store.flush()
        del store
        marker = {"sha256": digest, "triples": triples, "catalog_triples": catalog_triples,
                  "pyoxigraph": ox.__version__, "dump": str(dump.resolve()),
                  "files": _files_digest(tmp / "db", triples + catalog_triples)}
        (tmp / _MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
        (tmp / _LEASE).touch()
        if root.exists():  # damaged: set it aside, its readers keep their open files until they let go
            root.rename(root.with_name(f".{root.name}.damaged-{os.getpid()}"))
        tmp.rename(root)
    except SyntaxError as error:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreError(f"{dump} cannot be loaded: {error}", "rebuild the output with `migration-lod build`") \
            from error
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return StoreInfo(root, digest, triples)


def _remove_unused(folder: Path, name: str, keep: Path) -> None:
    """Remove this output's older and damaged stores that no process holds a lease on."""
    ours = re.compile(rf"\.?{re.escape(name)}-[0-9a-f]{{16}}(\.damaged-[0-9]+)?")
    for old in folder.iterdir():
        if old == keep or not old.is_dir() or not ours.fullmatch(old.name):
            continue
        try:
            with (old / _LEASE).open("a+") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(old)
        except BlockingIOError:
            continue
        except OSError:
            shutil.rmtree(old, ignore_errors=True)

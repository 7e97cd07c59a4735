"""The on-disk query store: built once from the KB files, rebuilt only when the data changed.

The store lives in .cache/store-{fingerprint}; the fingerprint is a hash of every input file and
of the availability settings, so a warm start just opens the directory.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kb import paths
from kb.rdf.load import ONTOLOGY_FILES, data_files, graph_name, ontology_graph_name

STORE_FORMAT = "1"


# (release date, work folder, progress) -> the N-Quads file of the availability graph
Availability = Callable[[date, Path, Callable[[str], None]], Path]


def input_files(data_dir: Path = paths.DATA_DIR, ontology_dir: Path = paths.ONTOLOGY_DIR) -> list[tuple[str, Path]]:
    files = [(ontology_graph_name(ontology_dir / f), ontology_dir / f) for f in ONTOLOGY_FILES]
    return files + [(graph_name(f, data_dir), f) for f in data_files(data_dir)]


def fingerprint(files: list[tuple[str, Path]], extra: str) -> str:
    h = hashlib.sha256(f"{STORE_FORMAT}|{extra}".encode())
    for name, path in files:
        h.update(name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def data_release(files: list[tuple[str, Path]]) -> date:
    """The release date of the data: the newest status date of a treaty fact in it."""
    newest = date(1900, 1, 1)
    store = ox.Store()
    for name, path in files:
        if "/treaties/" in name:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(name))
    for q in store.quads_for_pattern(None, ox.NamedNode("https://w3id.org/treatykb/def/coop#statusDate"), None):
        assert isinstance(q.object, ox.Literal)
        newest = max(newest, date.fromisoformat(q.object.value))
    return newest


@lru_cache(maxsize=1)
def current_release() -> str:
    """The data release name, YYYY.MM.DD (the newest status date of a treaty fact), for this process."""
    return data_release(input_files()).strftime("%Y.%m.%d")


def open_persistent(
    cache_dir: Path = paths.CACHE_DIR,
    mechanisms: list[str] | None = None,
    progress: Callable[[str], None] = lambda _: None,
    data_dir: Path = paths.DATA_DIR,
    ontology_dir: Path = paths.ONTOLOGY_DIR,
    availability: Availability | None = None,
) -> Path:
    """Path of an up-to-date store directory (built now if the data changed). Open it read-only.

    `availability` writes the computed availability graph (N-Quads) for the data's release date into a
    work folder and returns the file: it is handed in (kb.matrix.availability_graph), so this layer does
    not import the knowledge base or the matrix above it. `mechanisms` names what it covers, for the key."""
    files = input_files(data_dir, ontology_dir)
    key = fingerprint(files, ",".join(mechanisms or ["*"]))
    target = cache_dir / f"store-{key}"
    if (target / "READY").exists():
        progress(f"store up to date ({target.name})")
        return target
    progress("building the query store (data changed) ...")
    tmp = cache_dir / f"store-{key}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    store = ox.Store(str(tmp))
    for name, path in files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(name))
    if availability is not None:
        on = data_release(files)
        progress(f"computing the availability graph for {on.isoformat()} ...")
        nq = availability(on, tmp / "matrix", progress)
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        shutil.rmtree(tmp / "matrix", ignore_errors=True)
    store.flush()
    store.optimize()
    del store
    (tmp / "READY").write_text(key, encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    for old in cache_dir.glob("store-*"):
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    progress(f"store ready ({target.name})")
    return target

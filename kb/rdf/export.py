"""Full dumps of the knowledge base: Turtle (union), N-Quads (named graphs), JSON-LD (union).

Output is sorted, so the same data always gives the same bytes (stable downloads and diffs).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kb.rdf.prefixes import PREFIXES
from kb.rdf.store import open_store

_FORMATS = {
    "turtle": ("treatykb.ttl", ox.RdfFormat.TURTLE, True),
    "nquads": ("treatykb.nq", ox.RdfFormat.N_QUADS, False),
    "jsonld": ("treatykb.jsonld", ox.RdfFormat.JSON_LD, True),
}


def export_dumps(outdir: Path, formats: Iterable[str], store: ox.Store | None = None) -> list[Path]:
    store = store or open_store()
    outdir.mkdir(parents=True, exist_ok=True)
    quads = sorted(store, key=str)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    written: list[Path] = []
    for fmt in formats:
        name, rdf_format, union = _FORMATS[fmt]
        path = outdir / name
        if union:
            ox.serialize(
                triples,
                output=str(path),
                format=rdf_format,
                prefixes=prefixes if rdf_format == ox.RdfFormat.TURTLE else None,
            )
        else:
            ox.serialize(quads, output=str(path), format=rdf_format)
        written.append(path)
    return written

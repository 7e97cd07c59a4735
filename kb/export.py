"""Full dumps of the knowledge base: Turtle (union), N-Quads (named graphs), JSON-LD."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kb.rdf.store import open_store

_FORMATS = {
    "turtle": ("treatykb.ttl", ox.RdfFormat.TURTLE, True),
    "nquads": ("treatykb.nq", ox.RdfFormat.N_QUADS, False),
    "jsonld": ("treatykb.jsonld", ox.RdfFormat.JSON_LD, True),
}


def export_dumps(outdir: Path, formats: Iterable[str], store: ox.Store | None = None) -> list[Path]:
    store = store or open_store()
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in formats:
        name, rdf_format, union = _FORMATS[fmt]
        path = outdir / name
        if union:
            triples = ox.Store()
            triples.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
            triples.dump(str(path), format=rdf_format, from_graph=ox.DefaultGraph())
        else:
            store.dump(str(path), format=rdf_format)
        written.append(path)
    return written

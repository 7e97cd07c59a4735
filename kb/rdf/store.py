"""The query store: pyoxigraph, loaded from the same files as the rdflib dataset.

Queries live in kb/rdf/queries/*.rq and take their values as bound variables (substitutions),
never by formatting text into the query.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeAlias

import pyoxigraph as ox

from kb import paths
from kb.rdf.load import ONTOLOGY_FILES, data_files, graph_name, ontology_graph_name

Store: TypeAlias = ox.Store  # what the layers above hold and hand back, without importing pyoxigraph


def open_store(
    data_dir: Path = paths.DATA_DIR,
    ontology_dir: Path = paths.ONTOLOGY_DIR,
    extra: Iterable[tuple[str, Path]] = (),
) -> ox.Store:
    store = ox.Store()
    files = [(ontology_graph_name(ontology_dir / f), ontology_dir / f) for f in ONTOLOGY_FILES]
    files += [(graph_name(f, data_dir), f) for f in data_files(data_dir)]
    files += list(extra)
    for name, path in files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(name))
    return store


@lru_cache(maxsize=64)
def query_text(name: str, queries_dir: Path = paths.QUERIES_DIR) -> str:
    return (queries_dir / f"{name}.rq").read_text(encoding="utf-8")


def select(store: ox.Store, name: str, **bindings: str | ox.NamedNode | ox.Literal) -> list[dict[str, str]]:
    """Run the named SELECT query; bound values: str are IRIs, or give pyoxigraph terms."""
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): (ox.NamedNode(v) if isinstance(v, str) else v) for k, v in bindings.items()
    }
    result = store.query(query_text(name), substitutions=subs, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    rows: list[dict[str, str]] = []
    for sol in result:
        row: dict[str, str] = {}
        for n in names:
            term = sol[n]
            if term is not None:
                row[n] = term.value
                if isinstance(term, ox.Literal) and term.language:
                    row[f"{n}@lang"] = term.language
        rows.append(row)
    return rows

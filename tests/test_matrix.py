"""The matrix: RDF and CSV agree with the engine, and SPARQL can ask which pairs lack a mechanism."""

import csv
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kb.knowledge import KnowledgeBase
from kb.matrix import GRAPH, write


def test_matrix_rdf_and_csv(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    day = date(2020, 1, 1)
    nq, table, codebook = write(real_kb, day, tmp_path, ["PRES", "EXT"], ["DEU", "AUT", "RUS"])
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert len(rows) == 2 * 3 * 2
    for row in rows:
        answer = real_kb.availability(row["from"], row["to"], row["mechanism"], day)
        assert row["status"] == answer["status"]
    store = ox.Store()
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    query = """PREFIX coop: <https://w3id.org/treatykb/def/coop#>
        SELECT ?a ?b WHERE { GRAPH ?g { ?r coop:unavailableMechanism <https://w3id.org/treatykb/id/mechanism/PRES> ;
          coop:requestingActor ?a ; coop:requestedActor ?b } }"""
    lacking = {(str(s["a"].value)[-3:], str(s["b"].value)[-3:]) for s in store.query(query)}  # type: ignore[union-attr]
    expected = {(r["from"], r["to"]) for r in rows if r["mechanism"] == "PRES" and r["status"] == "not_available"}
    assert lacking == expected
    assert any(q.graph_name == ox.NamedNode(GRAPH) for q in store)
    assert "dyad panel" in codebook.read_text(encoding="utf-8")

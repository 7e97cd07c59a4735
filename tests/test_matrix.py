"""The matrix: RDF and CSV agree with the engine, and SPARQL can ask which pairs lack a mechanism."""

import csv
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kb.knowledge import KnowledgeBase
from kb.law.availability import profile
from kb.matrix import GRAPH, cell, compute, matrix_states, profiles, write


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


def test_parallel_matrix_is_identical_to_sequential(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    """Forked workers share the requesting states; the files do not depend on how many ran."""
    day = date(2026, 3, 1)
    states = ["CHN", "DEU", "JPN", "RUS", "USA", "UZB"]
    one = write(real_kb, day, tmp_path / "one", ["PRES", "EXT", "MLA"], states, workers=1)
    two = write(real_kb, day, tmp_path / "two", ["PRES", "EXT", "MLA"], states, workers=2)
    for a, b in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    rows = list(csv.DictReader(one[1].open(encoding="utf-8")))
    assert len(rows) == 3 * 6 * 5
    assert [(r["from"], r["to"], r["mechanism"]) for r in rows] == sorted(
        (r["from"], r["to"], r["mechanism"]) for r in rows
    )
    assert not list((tmp_path / "one").glob(".parts-*"))


def test_states_of_one_profile_share_cells_without_changing_any(real_kb: KnowledgeBase) -> None:
    """The matrix computes a cell once per pair of profiles; every shared cell must be the cell the
    engine gives for that very pair (checked for every pair, mechanism and two dates)."""
    inputs = real_kb.inputs()
    for day in (date(2016, 1, 1), date(2026, 3, 1)):
        groups: dict[object, list[str]] = {}
        for state, p in profiles(inputs, day, matrix_states(real_kb)).items():
            groups.setdefault(p, []).append(state)
        largest = sorted(groups.values(), key=len, reverse=True)[:6]
        states = sorted({s for g in largest for s in g[:5]} | {"CHN", "DEU", "RUS", "UZB", "LKA"})
        assert len(set(profiles(inputs, day, states).values())) <= len(states) - 10  # sharing does happen
        shared = list(compute(real_kb, day, None, states))
        assert len(shared) == len(inputs.mechanisms) * len(states) * (len(states) - 1)
        for c in shared:
            assert c == cell(inputs, day, c.requesting, c.requested, c.mechanism), c


def test_a_state_with_statements_has_a_profile_of_its_own(real_kb: KnowledgeBase) -> None:
    inputs = real_kb.inputs()
    day = date(2026, 3, 1)
    assert profile(inputs, "RUS", day) == ("state", "RUS")  # declarations under UNTOC
    assert profile(inputs, "DEU", day) != profile(inputs, "AUT", day)

"""The matrix: RDF and CSV agree with the engine, and SPARQL can ask which pairs lack a mechanism."""

import csv
import json
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kb.knowledge import KnowledgeBase
from kb.law.availability import profile, read_by_name
from kb.matrix import cell, compute, matrix_states, profiles, write
from kb.rdf.availability import GRAPH


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


def test_a_statement_on_one_mechanism_does_not_split_the_others(real_kb: KnowledgeBase) -> None:
    """Per mechanism, only a statement bearing on one of its candidate links makes a state's profile its
    own; the cells shared under those profiles are still the engine's own answers for each pair."""
    inputs = real_kb.inputs()
    day = date(2026, 3, 1)
    assert "BHS" in read_by_name(inputs, "EXT") and "BHS" not in read_by_name(inputs, "MLA")  # UNTOC art. 16 only
    assert profile(inputs, "BHS", day, "EXT") == ("state", "BHS")
    assert profile(inputs, "BHS", day, "TBA")[0] != "state"
    assert profile(inputs, "RUS", day, "TBA")[0] != "state"  # no Budapest statement bears on it
    states = ["ARG", "ARM", "BHS", "BLR", "DEU", "ETH", "FRA", "IRN", "KAZ", "LKA", "RUS", "SGP", "USA", "UZB", "VEN"]
    for c in compute(real_kb, day, ["EXT", "MLA", "PRES", "TBA"], states):  # with CIS states: Chisinau over Minsk
        assert c == cell(inputs, day, c.requesting, c.requested, c.mechanism), c


def test_best_basis_gap_class_and_secondary_answers_in_csv_and_rdf(real_kb: KnowledgeBase, tmp_path: Path) -> None:
    """Contract 2: best_basis and the gap class in the panel and the graph, as the engine gives them;
    the library query finds exactly the answers that carry SecondarySource."""
    from kb.library import bind, get
    from kb.rdf.executor import execute

    day = date(2026, 3, 1)
    states = ["DEU", "RUS", "USA", "CHN", "AUT"]
    nq, table, _ = write(real_kb, day, tmp_path, ["PRES", "LEC", "MLA"], states, workers=1)
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    classes = set()
    for row in rows:
        answer = real_kb.availability(row["from"], row["to"], row["mechanism"], day)
        assert row["best_basis"] == (answer["best_basis"] or "")
        classes.add(row["gap_class"])
    by = {(r["from"], r["to"], r["mechanism"]): r for r in rows}
    assert by[("DEU", "AUT", "PRES")]["gap_class"] == "specific"  # Budapest art. 29
    assert by[("DEU", "RUS", "PRES")]["best_basis"] == "fallback_general"  # UNTOC art. 18 only
    assert by[("DEU", "RUS", "PRES")]["gap_class"] == "fallback"
    store = ox.Store()
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    q = """PREFIX coop: <https://w3id.org/treatykb/def/coop#>
        SELECT ?a ?b ?m WHERE { GRAPH ?g { ?r coop:specificBasisMechanism ?m ;
          coop:requestingActor ?a ; coop:requestedActor ?b } }"""
    specific = {
        (str(s["a"].value)[-3:], str(s["b"].value)[-3:], str(s["m"].value).rsplit("/", 1)[1]) for s in store.query(q)
    }  # type: ignore[union-attr]
    assert specific == {k for k, r in by.items() if r["best_basis"] == "specific"}
    secondary = {k for k, r in by.items() if "SecondarySource" in r["conditions"].split(";")}
    assert secondary, "the data has answers resting on a secondary source"
    found = set()
    for m in ("PRES", "LEC", "MLA"):
        lib = get("answers_on_secondary_sources")
        doc = json.loads(
            execute(
                store, lib.text, [], 100000, bind(lib, {"mechanism": m}, set(real_kb.actors), {"PRES", "LEC", "MLA"})
            ).body
        )
        for b in doc["results"]["bindings"]:
            found.add((b["requesting"]["value"][-3:], b["requested"]["value"][-3:], m))
    assert found == secondary

"""The availability matrix: every ordered pair of states, every mechanism, one date.

Written as RDF in its own named graph, compact as design/performance.md recommends: one result
node per ordered pair, with one triple per mechanism naming its status (coop:availableMechanism,
coop:conditionalMechanism, coop:unknownMechanism, coop:unavailableMechanism). Bases, conditions
and gaps per cell are in the CSV dyad panel.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kb import iri, paths
from kb.knowledge import KnowledgeBase
from kb.law.availability import ENGINE_VERSION, Question, decide

GRAPH = iri.graph("computed/availability")
COOP = iri.COOP_NS
STATUS_PREDICATE = {
    "available": "availableMechanism",
    "available_with_conditions": "conditionalMechanism",
    "unknown": "unknownMechanism",
    "not_available": "unavailableMechanism",
}
CSV_COLUMNS = [
    "date",
    "from",
    "to",
    "mechanism",
    "status",
    "basis_treaties",
    "basis_provisions",
    "conditions",
    "gap_codes",
    "data_as_of",
    "engine_version",
]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Cell:
    on: date
    requesting: str
    requested: str
    mechanism: str
    status: str
    basis_treaties: tuple[str, ...]
    basis_provisions: tuple[str, ...]
    conditions: tuple[str, ...]
    gap_codes: tuple[str, ...]
    data_as_of: str | None


def matrix_states(kb: KnowledgeBase) -> list[str]:
    """Existing states that take part in at least one treaty of the KB."""
    participants = {e.actor for r in kb.records.values() for e in r.events}
    return sorted(c for c, a in kb.actors.items() if a.kind == "state" and c in participants)


def _cells(
    kb: KnowledgeBase, on: date, mechanisms: list[str], actors: list[str], progress: Progress, total: int
) -> Iterator[Cell]:
    inputs = kb.inputs()
    done = 0
    for m in mechanisms:
        for a in actors:
            for b in actors:
                if a == b:
                    continue
                r = decide(inputs, Question(a, b, m, on), explain_answer=False)
                done += 1
                if done % 5000 == 0 or done == total:
                    progress(done, total)
                yield Cell(
                    on,
                    a,
                    b,
                    m,
                    r["status"],
                    tuple(sorted({x["treaty"] for x in r["bases"]})),
                    tuple(x["provision"] for x in r["bases"]),
                    tuple(sorted({c["code"] for x in r["bases"] for c in x["conditions"]})),
                    tuple(sorted({g["code"] for g in r["gaps"]})),
                    r["data_as_of"],
                )


def compute(
    kb: KnowledgeBase,
    on: date,
    mechanisms: list[str] | None = None,
    states: list[str] | None = None,
    progress: Progress = lambda done, total: None,
) -> Iterator[Cell]:
    """Every ordered pair for every mechanism (the engine memoises what mechanisms share)."""
    mechs = mechanisms or sorted(kb.inputs().mechanisms)
    actors = states or matrix_states(kb)
    yield from _cells(kb, on, mechs, actors, progress, len(mechs) * len(actors) * (len(actors) - 1))


def pair_quads(
    on: date, requesting: str, requested: str, statuses: dict[str, str], actor_iri: Callable[[str], str]
) -> Iterator[ox.Quad]:
    g = ox.NamedNode(GRAPH)
    node = ox.NamedNode(f"{iri.BASE}/id/result/{on.isoformat()}/{requesting}/{requested}")
    yield ox.Quad(node, ox.NamedNode(COOP + "requestingActor"), ox.NamedNode(actor_iri(requesting)), g)
    yield ox.Quad(node, ox.NamedNode(COOP + "requestedActor"), ox.NamedNode(actor_iri(requested)), g)
    yield ox.Quad(
        node,
        ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy"),
        ox.NamedNode(f"{iri.BASE}/id/result/{on.isoformat()}"),
        g,
    )
    for m, status in sorted(statuses.items()):
        yield ox.Quad(node, ox.NamedNode(COOP + STATUS_PREDICATE[status]), ox.NamedNode(iri.mechanism(m)), g)


def provenance_quads(on: date, mechanisms: list[str]) -> Iterator[ox.Quad]:
    g = ox.NamedNode(GRAPH)
    run = ox.NamedNode(f"{iri.BASE}/id/result/{on.isoformat()}")
    yield ox.Quad(
        run,
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("http://www.w3.org/ns/prov#Activity"),
        g,
    )
    yield ox.Quad(run, ox.NamedNode(COOP + "engineVersion"), ox.Literal(ENGINE_VERSION), g)
    yield ox.Quad(
        run,
        ox.NamedNode(COOP + "onDate"),
        ox.Literal(on.isoformat(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        g,
    )
    for m in mechanisms:
        yield ox.Quad(run, ox.NamedNode("http://www.w3.org/ns/prov#used"), ox.NamedNode(iri.mechanism(m)), g)


def write(
    kb: KnowledgeBase,
    on: date,
    outdir: Path,
    mechanisms: list[str] | None = None,
    states: list[str] | None = None,
    progress: Progress = lambda d, t: None,
) -> list[Path]:
    """Compute and write `availability-{date}.nq`, `.csv` and the codebook into `outdir`."""
    outdir.mkdir(parents=True, exist_ok=True)
    mechs = mechanisms or sorted(kb.inputs().mechanisms)
    nq = outdir / f"availability-{on.isoformat()}.nq"
    table = outdir / f"availability-{on.isoformat()}.csv"
    pairs: dict[tuple[str, str], dict[str, str]] = {}
    with table.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for cell in compute(kb, on, mechs, states, progress):
            writer.writerow(
                [
                    cell.on.isoformat(),
                    cell.requesting,
                    cell.requested,
                    cell.mechanism,
                    cell.status,
                    ";".join(cell.basis_treaties),
                    ";".join(cell.basis_provisions),
                    ";".join(cell.conditions),
                    ";".join(cell.gap_codes),
                    cell.data_as_of or "",
                    ENGINE_VERSION,
                ]
            )
            pairs.setdefault((cell.requesting, cell.requested), {})[cell.mechanism] = cell.status

    def all_quads() -> Iterator[ox.Quad]:
        yield from provenance_quads(on, mechs)
        for (a, b), statuses in sorted(pairs.items()):
            yield from pair_quads(on, a, b, statuses, lambda code: kb.actors[code].iri)

    ox.serialize(all_quads(), output=str(nq), format=ox.RdfFormat.N_QUADS)
    codebook = outdir / "codebook.md"
    codebook.write_text(
        (paths.ROOT / "docs" / "availability-codebook.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return [nq, table, codebook]

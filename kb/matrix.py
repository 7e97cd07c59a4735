"""The availability matrix: every ordered pair of states, every mechanism, one date.

Written as RDF in its own named graph (compact: one result node per pair and mechanism) for
SPARQL, and as a CSV dyad panel with a codebook for researchers.
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
STATUS_TERM = {
    "available": "Available",
    "available_with_conditions": "AvailableWithConditions",
    "unknown": "Unknown",
    "not_available": "NotAvailable",
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


def compute(
    kb: KnowledgeBase,
    on: date,
    mechanisms: list[str] | None = None,
    states: list[str] | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Iterator[Cell]:
    inputs = kb.inputs()
    mechs = mechanisms or sorted(inputs.mechanisms)
    actors = states or matrix_states(kb)
    total = len(mechs) * len(actors) * (len(actors) - 1)
    done = 0
    for m in mechs:
        for a in actors:
            for b in actors:
                if a == b:
                    continue
                r = decide(inputs, Question(a, b, m, on))
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


def quads(cell: Cell, actor_iri: Callable[[str], str]) -> Iterator[ox.Quad]:
    g = ox.NamedNode(GRAPH)
    node = ox.NamedNode(
        f"{iri.BASE}/id/result/{cell.on.isoformat()}/{cell.requesting}/{cell.requested}/{cell.mechanism}"
    )

    def add(p: str, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(node, ox.NamedNode(COOP + p), o, g)

    # compact (design/performance.md): the class follows from coop:requestingActor's domain, the
    # date and engine version sit on the run node, conditions are in the CSV panel
    yield add("requestingActor", ox.NamedNode(actor_iri(cell.requesting)))
    yield add("requestedActor", ox.NamedNode(actor_iri(cell.requested)))
    yield add("mechanism", ox.NamedNode(iri.mechanism(cell.mechanism)))
    yield add("availabilityStatus", ox.NamedNode(COOP + STATUS_TERM[cell.status]))
    for t in cell.basis_treaties:
        yield add("basisTreaty", ox.NamedNode(iri.treaty(t)))
    yield ox.Quad(
        node,
        ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy"),
        ox.NamedNode(f"{iri.BASE}/id/result/{cell.on.isoformat()}"),
        g,
    )


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
    progress: Callable[[int, int], None] = lambda d, t: None,
) -> list[Path]:
    """Compute and write `availability-{date}.nq`, `.csv` and the codebook into `outdir`."""
    outdir.mkdir(parents=True, exist_ok=True)
    mechs = mechanisms or sorted(kb.inputs().mechanisms)
    nq = outdir / f"availability-{on.isoformat()}.nq"
    table = outdir / f"availability-{on.isoformat()}.csv"

    def actor_iri(code: str) -> str:
        return kb.actors[code].iri

    with table.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)

        def all_quads() -> Iterator[ox.Quad]:
            yield from provenance_quads(on, mechs)
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
                yield from quads(cell, actor_iri)

        ox.serialize(all_quads(), output=str(nq), format=ox.RdfFormat.N_QUADS)
    codebook = outdir / "codebook.md"
    codebook.write_text(
        (paths.ROOT / "docs" / "availability-codebook.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return [nq, table, codebook]

"""The availability graph as N-Quads: the matrix's cells (kb/matrix.py) in plain values, written here.

One result node per ordered pair, with one triple per mechanism naming its status
(coop:availableMechanism, coop:conditionalMechanism, coop:unknownMechanism,
coop:unavailableMechanism), one naming the kind of its best basis (coop:specificBasisMechanism,
coop:fallbackBasisMechanism; none without a usable basis) and one for an answer resting on a
secondary source (coop:secondaryEvidenceMechanism). The run itself is a prov:Activity with the
engine version, the date and the mechanisms it used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kb import iri

GRAPH = iri.graph("computed/availability")
_COOP = iri.COOP_NS
_PROV = "http://www.w3.org/ns/prov#"
STATUS_PREDICATE = {
    "available": "availableMechanism",
    "available_with_conditions": "conditionalMechanism",
    "unknown": "unknownMechanism",
    "not_available": "unavailableMechanism",
}
BASIS_PREDICATE = {"specific": "specificBasisMechanism", "fallback_general": "fallbackBasisMechanism"}
SECONDARY_PREDICATE = "secondaryEvidenceMechanism"


@dataclass(frozen=True)
class MechanismAnswer:
    """What the graph keeps of one cell: status, kind of the best basis, resting on a secondary source."""

    status: str
    best_basis: str | None = None
    secondary: bool = False


def run_node(on: date) -> str:
    return iri.result(on.isoformat())


def pair_quads(
    on: date, requesting_iri: str, requested_iri: str, node: str, answers: dict[str, MechanismAnswer]
) -> Iterator[ox.Quad]:
    """The pair's result node `node` with one status triple per mechanism (by notation), and the
    best basis and secondary-evidence triples where the answer has them."""
    g = ox.NamedNode(GRAPH)
    subject = ox.NamedNode(node)
    yield ox.Quad(subject, ox.NamedNode(_COOP + "requestingActor"), ox.NamedNode(requesting_iri), g)
    yield ox.Quad(subject, ox.NamedNode(_COOP + "requestedActor"), ox.NamedNode(requested_iri), g)
    yield ox.Quad(subject, ox.NamedNode(_PROV + "wasGeneratedBy"), ox.NamedNode(run_node(on)), g)
    ordered = [(ox.NamedNode(iri.mechanism(m)), a) for m, a in sorted(answers.items())]
    for m, a in ordered:
        yield ox.Quad(subject, ox.NamedNode(_COOP + STATUS_PREDICATE[a.status]), m, g)
    for m, a in ordered:
        if a.best_basis is not None:
            yield ox.Quad(subject, ox.NamedNode(_COOP + BASIS_PREDICATE[a.best_basis]), m, g)
        if a.secondary:
            yield ox.Quad(subject, ox.NamedNode(_COOP + SECONDARY_PREDICATE), m, g)


def provenance_quads(on: date, mechanisms: Iterable[str], engine_version: str) -> Iterator[ox.Quad]:
    """The run: a prov:Activity with the engine version, the date and the mechanisms used."""
    g = ox.NamedNode(GRAPH)
    run = ox.NamedNode(run_node(on))
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    yield ox.Quad(run, rdf_type, ox.NamedNode(_PROV + "Activity"), g)
    yield ox.Quad(run, ox.NamedNode(_COOP + "engineVersion"), ox.Literal(engine_version), g)
    xsd_date = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    yield ox.Quad(run, ox.NamedNode(_COOP + "onDate"), ox.Literal(on.isoformat(), datatype=xsd_date), g)
    for m in mechanisms:
        yield ox.Quad(run, ox.NamedNode(_PROV + "used"), ox.NamedNode(iri.mechanism(m)), g)


def write_nquads(quads: Iterable[ox.Quad], path: Path) -> None:
    ox.serialize(quads, output=str(path), format=ox.RdfFormat.N_QUADS)

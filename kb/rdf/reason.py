"""OWL consistency check with owlready2 and the HermiT reasoner (needs Java).

HermiT checks the class axioms (disjointness, domains, ranges, functional properties) against
every individual of the KB. Literal values are left out: OWL 2 has no xsd:date, and SHACL checks
literals. owlready2's world is created and discarded here, never shared.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDFS, XSD

from kb.rdf.load import LoadedKB


@dataclass(frozen=True)
class ReasonerResult:
    consistent: bool
    message: str
    triples: int


def java_available() -> bool:
    return shutil.which("java") is not None


_NOT_OWL2 = {XSD.date, XSD.gYear}  # outside the OWL 2 datatype map: HermiT refuses them


def reasoning_graph(kb: LoadedKB) -> Graph:
    """Every triple but literal values and range axioms on datatypes HermiT does not know."""
    g = Graph()
    for s, p, o, _ in kb.dataset.quads((None, None, None, None)):
        if isinstance(o, Literal) and o.language is None:
            continue
        if p == RDFS.range and o in _NOT_OWL2:
            continue
        g.add((s, p, o))
    return g


def check_consistency(kb: LoadedKB) -> ReasonerResult:
    if not java_available():
        return ReasonerResult(False, "Java is not installed: the HermiT reasoner cannot run", 0)
    import owlready2

    g = reasoning_graph(kb)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.nt"
        g.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ReasonerResult(False, f"inconsistent: {exc}", len(g))
        finally:
            world.close()
    return ReasonerResult(True, "consistent (HermiT)", len(g))

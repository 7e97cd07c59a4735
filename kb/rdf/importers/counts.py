"""Depositary header counts (kb/sources/{slug}/counts.csv) -> coop:DepositaryCount facts.

Columns: status_date,signatories,parties,source,verbatim. The verbatim fragment must occur in
the snapshot; empty counts mean the page did not give that number.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kb import iri, paths
from kb.model import DepositaryCount
from kb.rdf.importers.common import ImportProblem, as_date, csv_rows, normalise_ws
from kb.rdf.importers.participation import add_provenance
from kb.rdf.importers.registry import Source
from kb.rdf.prefixes import COOP

COLUMNS = ("status_date", "signatories", "parties", "source", "verbatim")


def read_counts(slug: str, registry: dict[str, Source], sources_dir: Path = paths.SOURCES_DIR) -> list[DepositaryCount]:
    path = sources_dir / slug / "counts.csv"
    if not path.exists():
        return []
    out: list[DepositaryCount] = []
    for line, row in csv_rows(path, COLUMNS):
        where = f"line {line}"
        src_id = (row.get("source") or "").strip()
        if src_id not in registry:
            raise ImportProblem(path, where, f"unknown source id {src_id!r}")
        src = registry[src_id]
        verbatim = normalise_ws(row.get("verbatim") or "")
        if not verbatim or verbatim not in normalise_ws(src.snapshot_text(sources_dir)):
            raise ImportProblem(path, where, f"verbatim fragment not found in snapshot of {src_id}")
        out.append(
            DepositaryCount(
                treaty=slug,
                status_date=as_date(row.get("status_date"), path, where),
                signatories=int(row["signatories"]) if (row.get("signatories") or "").strip() else None,
                parties=int(row["parties"]) if (row.get("parties") or "").strip() else None,
                provenance=src.provenance(),
            )
        )
    return out


def add_counts(g: Graph, counts: list[DepositaryCount]) -> None:
    for c in counts:
        node = URIRef(f"{iri.treaty(c.treaty)}/count/{c.status_date.isoformat()}")
        g.add((node, RDF.type, COOP.DepositaryCount))
        g.add((node, COOP.treaty, URIRef(iri.treaty(c.treaty))))
        g.add((node, COOP.date, Literal(c.status_date.isoformat(), datatype=XSD.date)))
        if c.signatories is not None:
            g.add((node, COOP.signatoryCount, Literal(c.signatories)))
        if c.parties is not None:
            g.add((node, COOP.partyCount, Literal(c.parties)))
        add_provenance(g, node, c.provenance)
